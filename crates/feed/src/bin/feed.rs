//! `news-ticker-feed CONFIG.toml [--every SECONDS] [--today YYYY-MM-DD]`:
//! builds the widget's feed from official rate publications and the
//! newsroom's own feeds (docs/src/feed-builder.md "Feed builder"). One run per invocation, for
//! cron or a systemd timer; `--every` keeps running. `news-ticker-feed
//! accept CONFIG.toml PAIR` takes a pair's refused new level (a
//! devaluation) at once. Each problem is one line on stderr; exit status 0
//! when all went well, 1 when a source failed, a figure was refused or a
//! rate was too old (the last good data was kept), 2 when the
//! configuration is wrong or a file cannot be read or written.

const USAGE: &str = "\
usage: news-ticker-feed CONFIG.toml [--every SECONDS] [--today YYYY-MM-DD]
       news-ticker-feed accept CONFIG.toml PAIR
       news-ticker-feed render FEED.json [--rates FILE] [--stylesheet URL]
                        [--attr data-NAME=VALUE]...

Builds the feed and rates files that CONFIG.toml names from the official
publications and headlines feeds it lists; paths in it are relative to its
own folder.

  --every SECONDS      keep running, one run every SECONDS (at least 60)
  --today YYYY-MM-DD   count the rates' ages to this day instead of today
                       (to rebuild from archived publications)
  accept CONFIG PAIR   take PAIR's level refused as beyond its bound (a
                       devaluation), as of its own date; the next run
                       publishes it
  render FEED.json     print a server-rendered container for the feed: the
                       widget's render in a declarative shadow root, for a
                       page to serve in place of the empty container
    --attr NAME=VALUE  a container attribute (data-feed is required)
    --rates FILE       the document data-rates names, if it names one
    --stylesheet URL   the widget's stylesheet to link (default
                       news-ticker.css), or inline to write it in the
                       shadow root (a CSP's style-src then lists its hash,
                       manifest.json's styleHash)
  --help               this text

Exit status: 0 all went well; 1 a source failed, a figure was refused or a
rate was too old (the last good data was kept; one line each on stderr);
2 the configuration is wrong or a file cannot be read or written.
";

fn main() {
    use std::path::Path;
    use std::time::Duration;

    use news_ticker_feed::config::{parse, Config};
    use news_ticker_feed::fetch::Client;
    use news_ticker_feed::publication::Day;
    use news_ticker_feed::run::{accept, run};

    let fail = |message: String| -> ! {
        eprintln!("{message}");
        std::process::exit(2);
    };
    let usage = || -> ! {
        eprint!("{USAGE}");
        std::process::exit(2);
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        print!("{USAGE}");
        std::process::exit(0);
    }
    let read = |file: &str| -> Config {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| fail(format!("{file}: cannot be read: {e}")));
        let config = parse(&text).unwrap_or_else(|problems| {
            for p in problems {
                eprintln!("{file}:{}: {}", p.line, p.message);
            }
            std::process::exit(2);
        });
        // Paths in the file are relative to its own folder.
        let folder = Path::new(file).parent().unwrap_or(Path::new(""));
        let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
        config.relative_to(folder)
    };

    if args.first().map(String::as_str) == Some("render") {
        render(&args[1..]);
    }

    if let [command, file, pair] = args.as_slice() {
        if command == "accept" {
            let config = read(file);
            match accept(&config, pair) {
                Ok(said) => {
                    println!("{said}");
                    std::process::exit(0);
                }
                Err(why) => fail(why),
            }
        }
    }

    let Some((file, flags)) = args.split_first().filter(|(file, _)| !file.starts_with('-')) else { usage() };
    let (mut every, mut today) = (None, None);
    let mut flags = flags.iter();
    while let Some(flag) = flags.next() {
        let value = flags.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--every" => match value.parse::<u64>() {
                Ok(s) if s >= 60 => every = Some(Duration::from_secs(s)),
                _ => fail(format!("--every takes a number of seconds, at least 60, not {value:?}")),
            },
            "--today" => match Day::parse(value) {
                Some(day) => today = Some(day),
                None => fail(format!("--today takes a date as YYYY-MM-DD, not {value:?}")),
            },
            _ => usage(),
        }
    }
    let config = read(file);
    let client = Client::new(
        &config.user_agent,
        Duration::from_secs(config.timeout_seconds.into()),
        config.tries,
        Duration::from_secs(2),
    );
    loop {
        let status = match run(&config, &client, today.unwrap_or_else(Day::today)) {
            Ok(outcome) => {
                for path in &outcome.written {
                    println!("wrote {path}");
                }
                for problem in &outcome.problems {
                    eprintln!("{problem}");
                }
                i32::from(!outcome.problems.is_empty())
            }
            Err(fatal) => {
                eprintln!("{fatal}");
                2
            }
        };
        match every {
            Some(pause) => std::thread::sleep(pause),
            None => std::process::exit(status),
        }
    }
}

/// `render FEED.json [--rates FILE] [--stylesheet URL] [--attr NAME=VALUE]...`:
/// prints the container, or says what is wrong (exit status 2).
fn render(args: &[String]) -> ! {
    use news_ticker_rules::container::{container, Container, STYLESHEET};

    let fail = |message: String| -> ! {
        eprintln!("news-ticker-feed render: {message}");
        std::process::exit(2);
    };
    let read =
        |file: &str| std::fs::read_to_string(file).unwrap_or_else(|e| fail(format!("{file}: cannot be read: {e}")));
    let Some((feed, flags)) = args.split_first().filter(|(f, _)| !f.starts_with('-')) else {
        fail(
            "usage: news-ticker-feed render FEED.json [--rates FILE] [--stylesheet URL] [--attr data-NAME=VALUE]..."
                .into(),
        )
    };
    let (mut rates, mut stylesheet, mut attributes) = (None, STYLESHEET.to_owned(), Vec::new());
    let mut flags = flags.iter();
    while let Some(flag) = flags.next() {
        let Some(value) = flags.next() else { fail(format!("{flag} needs a value")) };
        match flag.as_str() {
            "--rates" => rates = Some(read(value)),
            "--stylesheet" => stylesheet = value.clone(),
            "--attr" => match value.split_once('=') {
                Some((name, value)) => attributes.push((name.to_owned(), value.to_owned())),
                None => fail(format!("--attr takes NAME=VALUE, not {value:?}")),
            },
            _ => fail(format!("{flag}: unknown option (see --help)")),
        }
    }
    let now = news_ticker_feed::publication::now_seconds();
    let feed = read(feed);
    let c = Container { feed: &feed, rates: rates.as_deref(), attributes: &attributes, stylesheet: &stylesheet, now };
    match container(&c) {
        Ok(html) => {
            print!("{html}");
            std::process::exit(0)
        }
        Err(why) => fail(why),
    }
}
