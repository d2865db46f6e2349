//! `news-ticker-feed CONFIG.toml [--every SECONDS]`: builds the widget's
//! feed from official rate publications and the newsroom's own feeds (README
//! "Feed builder"). One run per invocation, for cron or a systemd timer;
//! `--every` keeps running. Each problem is one line on stderr; exit status
//! 0 when all went well, 1 when a source failed or a figure was refused
//! (the last good data was kept), 2 when the configuration is wrong or a
//! file cannot be read or written.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::time::Duration;

    use news_ticker::builder::config::parse;
    use news_ticker::builder::fetch::Client;
    use news_ticker::builder::run::run;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!("usage: news-ticker-feed CONFIG.toml [--every SECONDS]");
        std::process::exit(2);
    };
    let (file, every) = match args.as_slice() {
        [file] if !file.starts_with('-') => (file, None),
        [file, flag, seconds] if flag == "--every" => match seconds.parse::<u64>() {
            Ok(s) if s >= 60 => (file, Some(Duration::from_secs(s))),
            _ => {
                eprintln!("--every takes a number of seconds, at least 60, not {seconds:?}");
                std::process::exit(2);
            }
        },
        _ => usage(),
    };
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| {
        eprintln!("{file}: cannot be read: {e}");
        std::process::exit(2);
    });
    let config = parse(&text).unwrap_or_else(|problems| {
        for p in problems {
            eprintln!("{file}:{}: {}", p.line, p.message);
        }
        std::process::exit(2);
    });
    let client = Client::new(
        &config.user_agent,
        Duration::from_secs(config.timeout_seconds.into()),
        config.tries,
        Duration::from_secs(2),
    );
    loop {
        let status = match run(&config, &client) {
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

/// The builder is a native tool; the wasm build has nothing to run.
#[cfg(target_arch = "wasm32")]
fn main() {}
