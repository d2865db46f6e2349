//! `news-ticker-feed` end to end against a local server that serves the
//! real publications of tests/fixtures/rates/ and the sample headlines of
//! www/, with routes that can be made to fail: the reference page's five
//! rates built, an unchanged run that writes nothing, and each failure
//! keeping the last good data with a line on stderr and exit status 1.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use news_ticker_rules::feed::parse_feed;
use news_ticker_rules::json;

/// What a route answers: a status, a body, and how long it waits first.
#[derive(Clone)]
struct Route {
    status: u16,
    body: Vec<u8>,
    delay: Duration,
}

type Routes = Arc<Mutex<HashMap<String, Route>>>;
/// Each request: its path, whether it was conditional, the status sent.
type Log = Arc<Mutex<Vec<(String, bool, u16)>>>;

fn root(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The body's ETag, as a static file server makes one from the content.
fn etag(body: &[u8]) -> String {
    let hash = body.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("\"{hash:x}\"")
}

/// Serves `routes` on 127.0.0.1 with ETags and 304s, a thread a request;
/// returns the origin.
fn serve(routes: Routes, log: Log) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming() {
            let (routes, log) = (routes.clone(), log.clone());
            thread::spawn(move || {
                let mut stream = stream.unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    // Not HTTP (a TLS hello, say): answered as web servers answer it.
                    let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
                    return;
                }
                let mut asked = None;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) <= 2 {
                        break;
                    }
                    if let Some((name, value)) = header.split_once(':') {
                        if name.eq_ignore_ascii_case("if-none-match") {
                            asked = Some(value.trim().to_owned());
                        }
                    }
                }
                let path = line.split(' ').nth(1).unwrap_or("/").to_owned();
                let route = routes.lock().unwrap().get(&path).cloned();
                let route = route.unwrap_or(Route { status: 404, body: Vec::new(), delay: Duration::ZERO });
                thread::sleep(route.delay);
                let tag = etag(&route.body);
                let status =
                    if route.status == 200 && asked.as_deref() == Some(tag.as_str()) { 304 } else { route.status };
                log.lock().unwrap().push((path, asked.is_some(), status));
                let body: &[u8] = if status == 304 { &[] } else { &route.body };
                let head = format!(
                    "HTTP/1.1 {status} X\r\nETag: {tag}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body);
            });
        }
    });
    origin
}

struct Site {
    routes: Routes,
    log: Log,
    dir: PathBuf,
    config: PathBuf,
    origin: String,
    /// The day the runs count the rates' ages to (`--today`).
    today: String,
}

impl Site {
    /// The banks' real publications.
    fn new(name: &str) -> Site {
        Site::with(
            name,
            [
                "tests/fixtures/rates/nbkr-daily.xml",
                "tests/fixtures/rates/nbk-get-rates.xml",
                "tests/fixtures/rates/cbu.json",
                "tests/fixtures/rates/nbt-daily.xml",
            ],
        )
    }

    /// The four banks' publications from `files`: NBKR, NBK, CBU, NBT.
    fn with(name: &str, files: [&str; 4]) -> Site {
        let mut table = HashMap::new();
        let routes = ["/nbkr.xml", "/nbk.xml", "/cbu.json", "/nbt.xml"].into_iter().zip(files);
        for (route, file) in routes.chain([("/news.json", "../../www/feed.json")]) {
            table.insert(
                route.to_owned(),
                Route { status: 200, body: fs::read(root(file)).unwrap(), delay: Duration::ZERO },
            );
        }
        let routes: Routes = Arc::new(Mutex::new(table));
        let log: Log = Arc::default();
        let origin = serve(routes.clone(), log.clone());
        let dir = std::env::temp_dir().join(format!("nt-feed-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        // The guide's example (docs/src/feed-builder.md), pointed at the local server and the scratch folder.
        let config = fs::read_to_string(root("tests/fixtures/news-ticker-feed.toml"))
            .unwrap()
            .replace("public/", &format!("{}/public/", dir.display()))
            .replace("state/", &format!("{}/state/", dir.display()))
            .replace("https://news.example.org/rss.xml", &format!("{origin}/news.json"))
            .replace("https://www.nbkr.kg/XML/daily.xml", &format!("{origin}/nbkr.xml"))
            .replace("https://nationalbank.kz/rss/get_rates.cfm", &format!("{origin}/nbk.xml"))
            .replace("https://cbu.uz/en/arkhiv-kursov-valyut/json/", &format!("{origin}/cbu.json"))
            .replace("https://www.nbt.tj/en/kurs/export_xml.php?export=xmlout", &format!("{origin}/nbt.xml"))
            // NBK's and CBU's publications here are of 1 April 2026, NBKR's of
            // 24 May: all shown on 24 May.
            .replace("format = \"nbk\"\n", "format = \"nbk\"\nmax_age_days = 60\n")
            .replace("format = \"cbu\"\n", "format = \"cbu\"\nmax_age_days = 60\n");
        let path = dir.join("news-ticker-feed.toml");
        fs::write(&path, config).unwrap();
        Site { routes, log, dir, config: path, origin, today: "2026-05-24".to_owned() }
    }

    fn fail(&self, route: &str, status: u16) {
        self.routes.lock().unwrap().get_mut(route).unwrap().status = status;
    }

    /// Makes `route` answer `body`, after `delay`.
    fn answer(&self, route: &str, body: &[u8], delay: Duration) {
        let mut routes = self.routes.lock().unwrap();
        let route = routes.get_mut(route).unwrap();
        (route.body, route.delay) = (body.to_vec(), delay);
    }

    /// Adds the route `route`, answering `body`.
    fn add(&self, route: &str, body: &[u8]) {
        let answer = Route { status: 200, body: body.to_vec(), delay: Duration::ZERO };
        self.routes.lock().unwrap().insert(route.to_owned(), answer);
    }

    /// Changes the configuration file: `from` replaced by `to`.
    fn configure(&self, from: &str, to: &str) {
        let text = fs::read_to_string(&self.config).unwrap();
        assert!(text.contains(from), "{from}");
        fs::write(&self.config, text.replace(from, to)).unwrap();
    }

    /// The requests since the last call: path, conditional, status.
    fn requests(&self) -> Vec<(String, bool, u16)> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }

    /// Runs the builder on the site's day: exit status, stdout, stderr.
    fn run(&self) -> (i32, String, String) {
        self.command(&[self.config.to_str().unwrap(), "--today", &self.today])
    }

    /// Runs the builder with `args`: exit status, stdout, stderr.
    fn command(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_news-ticker-feed")).args(args).output().unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    }

    /// The rates document as JSON.
    fn rates_document(&self) -> json::Value {
        json::parse(&fs::read_to_string(self.dir.join("public/rates.json")).unwrap()).unwrap()
    }

    fn feed(&self) -> Vec<u8> {
        fs::read(self.dir.join("public/feed.json")).unwrap()
    }

    fn rates(&self) -> Vec<String> {
        rate_lines(&self.feed())
    }
}

/// A feed's rates as the widget writes them.
fn rate_lines(feed: &[u8]) -> Vec<String> {
    let (feed, _) = parse_feed(&json::parse(std::str::from_utf8(feed).unwrap()).unwrap()).unwrap();
    feed.ticker.unwrap().rates.iter().map(|r| format!("{}/{} = {} {}%", r.base, r.quote, r.rate, r.change)).collect()
}

const REFERENCE: [&str; 5] = [
    "KGS/USD = 0.01144 0%",
    "KZT/USD = 0.00209 0%",
    "TJS/USD = 0.10701 0%",
    "UZS/USD = 0.00008 0%",
    "TMT/USD = 0.28571 0%",
];

#[test]
fn builds_the_reference_rates_then_writes_nothing_when_nothing_changed() {
    let site = Site::new("reference");
    let (status, stdout, stderr) = site.run();
    assert_eq!((status, stderr.as_str()), (0, ""), "{stdout}");
    assert!(stdout.contains("public/feed.json") && stdout.contains("public/rates.json"), "{stdout}");
    assert_eq!(site.rates(), REFERENCE);
    let asked = |conditional, status| {
        ["/nbkr.xml", "/nbk.xml", "/cbu.json", "/nbt.xml", "/news.json"].map(|p| (p.to_owned(), conditional, status))
    };
    let mut requests = site.requests();
    requests.sort_by_key(|(path, ..)| asked(false, 200).iter().position(|(p, ..)| p == path));
    assert_eq!(requests, asked(false, 200));
    let first = site.feed();
    let (status, stdout, stderr) = site.run();
    assert_eq!((status, stdout.as_str(), stderr.as_str()), (0, "", ""), "an unchanged run writes nothing");
    assert_eq!(site.feed(), first, "byte for byte");
    let mut requests = site.requests();
    requests.sort_by_key(|(path, ..)| asked(false, 200).iter().position(|(p, ..)| p == path));
    assert_eq!(requests, asked(true, 304), "every source asked with its ETag, and read from what was kept");
    fs::remove_dir_all(&site.dir).unwrap();
}

/// `html_output`: the container `render` prints for the feed just built
/// and the configured attributes, written beside the feed (only when it
/// changed), with the feed's rates and headlines in it.
#[test]
fn writes_the_server_rendered_container_beside_the_feed() {
    let site = Site::new("html");
    let (status, stdout, stderr) = site.run();
    assert_eq!((status, stderr.as_str()), (0, ""), "{stdout}");
    assert!(stdout.contains("public/news-ticker.html"), "{stdout}");
    let written = fs::read_to_string(site.dir.join("public/news-ticker.html")).unwrap();
    let feed = site.dir.join("public/feed.json");
    let (status, printed, stderr) = site.command(&[
        "render",
        feed.to_str().unwrap(),
        "--stylesheet",
        "https://cdn.jsdelivr.net/npm/news-ticker@0.1.0/news-ticker.css",
        "--attr",
        "data-feed=https://news.example.org/feed.json",
        "--attr",
        "data-page-size=5",
    ]);
    assert_eq!((status, stderr.as_str()), (0, ""));
    assert_eq!(written, printed);
    assert!(written.starts_with("<div data-news-ticker=\"\" data-feed=\"https://news.example.org/feed.json\""));
    for line in site.rates() {
        assert!(written.contains(&line), "{line}");
    }
    let (feed, _) = parse_feed(&json::parse(&String::from_utf8(site.feed()).unwrap()).unwrap()).unwrap();
    let title = feed.items[0].title.clone().unwrap().replace('&', "&amp;");
    assert_eq!(written.matches(&title).count(), 2, "in the shadow root and in the fallback links");
    let (status, stdout, _) = site.run();
    assert_eq!((status, stdout.as_str()), (0, ""), "unchanged: nothing written");
    fs::remove_dir_all(&site.dir).unwrap();
}

/// The reference page's feed (www/feed.json, 13 November 2025) has the
/// five rates; the same day's publications (tests/fixtures/rates/SOURCES.md,
/// "reference-day") built by the guide's configuration give them again.
#[test]
fn the_reference_day_gives_the_reference_page_rates() {
    let site = Site::with(
        "reference-day",
        [
            "tests/fixtures/rates/reference-day/nbkr.xml",
            "tests/fixtures/rates/reference-day/nbk.xml",
            "tests/fixtures/rates/reference-day/cbu.json",
            "tests/fixtures/rates/reference-day/nbt.xml",
        ],
    );
    let site = Site { today: "2025-11-13".to_owned(), ..site };
    assert_eq!(site.run().0, 0);
    let reference = fs::read(root("../../www/feed.json")).unwrap();
    assert_eq!(rate_lines(&reference).len(), 5);
    assert_eq!(site.rates(), rate_lines(&reference));
    let as_of = |feed: &[u8]| {
        let (feed, _) = parse_feed(&json::parse(std::str::from_utf8(feed).unwrap()).unwrap()).unwrap();
        let date = feed.ticker.unwrap().as_of.unwrap().date;
        (date.year, date.month, date.day)
    };
    assert_eq!(as_of(&site.feed()), as_of(&reference), "the same day");
    fs::remove_dir_all(&site.dir).unwrap();
}

#[test]
fn a_failing_source_or_cms_keeps_the_last_good_data_and_says_so() {
    let site = Site::new("failing");
    assert_eq!(site.run().0, 0);
    let before = site.feed();
    site.fail("/nbkr.xml", 500);
    site.fail("/news.json", 503);
    let (status, _, stderr) = site.run();
    assert_eq!(status, 1, "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("source nbkr (http://127.0.0.1:")
            && lines[0].ends_with("/nbkr.xml): HTTP 500 (3 tries); its pairs keep their last rates"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("headlines http://")
            && lines[1].ends_with("/news.json: HTTP 503 (3 tries); keeping the last items"),
        "{}",
        lines[1]
    );
    assert_eq!(site.rates(), REFERENCE, "the last rates stay");
    assert_eq!(site.feed(), before, "the same items and rates: the file is as it was");
    fs::remove_dir_all(&site.dir).unwrap();
}

/// With no last items to keep, a feed without headlines is not written;
/// the rates alone still are.
#[test]
fn no_headlines_at_all_writes_no_feed() {
    let site = Site::new("no-headlines");
    site.configure("timeout_seconds = 20", "timeout_seconds = 20\ntries = 1");
    site.fail("/news.json", 500);
    let (status, stdout, stderr) = site.run();
    assert_eq!(status, 1);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines[0].ends_with("/news.json: HTTP 500; keeping the last items"), "{stderr}");
    assert!(
        lines[1].starts_with("no headlines at all: ") && lines[1].ends_with("public/feed.json is not replaced"),
        "{stderr}"
    );
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(!site.dir.join("public/feed.json").exists());
    assert!(stdout.contains("public/rates.json") && !stdout.contains("feed.json"), "{stdout}");
    fs::remove_dir_all(&site.dir).unwrap();
}

#[test]
fn a_wrong_configuration_is_refused_before_any_fetch() {
    let site = Site::new("config");
    site.configure("format = \"cbu\"", "format = \"cbuz\"");
    let (status, stdout, stderr) = site.run();
    assert_eq!(status, 2);
    assert_eq!(stdout, "");
    let text = fs::read_to_string(&site.config).unwrap();
    let line = text.lines().position(|l| l == "format = \"cbuz\"").unwrap() + 1;
    assert!(
        stderr.ends_with(&format!(
            ":{line}: format \"cbuz\" is not one of nbkr, nbk, cbu, cbr, ecb, nbt, cbt, json, csv\n"
        )),
        "{stderr}"
    );
    assert!(!site.dir.join("public").exists(), "nothing written");
    fs::remove_dir_all(&site.dir).unwrap();
}

/// The National Bank of the Kyrgyz Republic's daily file, on another date
/// with another dollar rate.
fn nbkr(date: &str, usd: &str) -> Vec<u8> {
    String::from_utf8(fs::read(root("tests/fixtures/rates/nbkr-daily.xml")).unwrap())
        .unwrap()
        .replace("Date=\"24.05.2026\"", &format!("Date=\"{date}\""))
        .replace("<Value>87,4500</Value>", &format!("<Value>{usd}</Value>"))
        .into_bytes()
}

#[test]
fn a_new_day_shows_the_change_from_the_day_before() {
    let site = Site::new("days");
    assert_eq!(site.run().0, 0);
    site.answer("/nbkr.xml", &nbkr("25.05.2026", "87,0000"), Duration::ZERO);
    let (status, stdout, stderr) = site.run();
    assert_eq!((status, stderr.as_str()), (0, ""));
    assert!(stdout.contains("wrote "), "{stdout}");
    // 1 / 87 = 0.011494… -> 0.01149, against 0.01144 the day before: +0.437… %.
    assert_eq!(site.rates()[0], "KGS/USD = 0.01149 0.44%");
    assert_eq!(&site.rates()[1..], &REFERENCE[1..], "the others as they were");
    // A second run on the same day keeps the day before as the reference.
    site.answer("/nbkr.xml", &nbkr("25.05.2026", "87,1000"), Duration::ZERO);
    assert_eq!(site.run().0, 0);
    assert_eq!(site.rates()[0], "KGS/USD = 0.01148 0.35%", "1 / 87.1 = 0.011481…, +0.349… % on 0.01144");
    fs::remove_dir_all(&site.dir).unwrap();
}

#[test]
fn an_implausible_figure_is_refused_and_the_last_one_kept() {
    let site = Site::new("implausible");
    site.configure("timeout_seconds = 20", "timeout_seconds = 1\ntries = 1");
    assert_eq!(site.run().0, 0);
    let before = site.feed();
    let prefix = "KGS/USD from nbkr: ";
    for (body, why) in [
        // A misplaced decimal comma: 1 / 8.745 = 0.11435, +899.6 %.
        (
            nbkr("25.05.2026", "8,7450"),
            "0.11435 is 899.6 % from the last 0.01144, beyond the bound of 10 %; seen on 1 publication day of the 2 \
             in a row that confirm a new level; keeping 0.01144 of 2026-05-24 (a real new level: `news-ticker-feed \
             accept CONFIG KGS/USD` takes it now)",
        ),
        (
            nbkr("23.05.2026", "87,0000"),
            "dated 2026-05-23, before the 2026-05-24 already published; keeping 0.01144 of 2026-05-24",
        ),
    ] {
        site.answer("/nbkr.xml", &body, Duration::ZERO);
        let (status, stdout, stderr) = site.run();
        assert_eq!((status, stdout.as_str(), stderr.as_str()), (1, "", format!("{prefix}{why}\n").as_str()));
        assert_eq!(site.feed(), before);
    }

    for (body, delay, why) in [
        (&b"<CurrencyRates Date=\"25.05.2026\"><Currency"[..], Duration::ZERO, "not well-formed XML: "),
        (
            &b"<!DOCTYPE html>\n<html><body>Maintenance</body></html>"[..],
            Duration::ZERO,
            "an HTML page, not the nbkr publication (an error or maintenance page?)",
        ),
        (&b"<CurrencyRates Date=\"25.05.2026\"/>"[..], Duration::ZERO, "no readable <Currency> entry"),
        (&nbkr("25.05.2026", "87,0000")[..], Duration::from_secs(3), "no answer in time"),
    ] {
        site.answer("/nbkr.xml", body, delay);
        let (status, stdout, stderr) = site.run();
        assert_eq!((status, stdout.as_str()), (1, ""), "{why}");
        assert!(
            stderr.starts_with("source nbkr (http://127.0.0.1:") && stderr.contains(&format!("/nbkr.xml): {why}")),
            "{stderr}"
        );
        assert!(stderr.ends_with("; its pairs keep their last rates\n") && stderr.lines().count() == 1, "{stderr}");
        assert_eq!(site.feed(), before, "{why}");
    }
    fs::remove_dir_all(&site.dir).unwrap();
}

#[test]
fn every_keeps_running_and_a_short_period_is_refused() {
    let site = Site::new("every");
    let out = Command::new(env!("CARGO_BIN_EXE_news-ticker-feed"))
        .args([site.config.to_str().unwrap(), "--every", "5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "--every takes a number of seconds, at least 60, not \"5\"\n");
    let mut child = Command::new(env!("CARGO_BIN_EXE_news-ticker-feed"))
        .args([site.config.to_str().unwrap(), "--every", "60", "--today", "2026-05-24"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while !site.dir.join("public/feed.json").exists() {
        assert!(start.elapsed() < Duration::from_secs(20), "no first run");
        thread::sleep(Duration::from_millis(50));
    }
    thread::sleep(Duration::from_millis(500));
    assert_eq!(child.try_wait().unwrap(), None, "still running after its first run");
    assert_eq!(site.rates(), REFERENCE);
    child.kill().unwrap();
    child.wait().unwrap();
    fs::remove_dir_all(&site.dir).unwrap();
}

/// A source that has been silent too long: its pairs are left out of the
/// output after `max_age_days`, said on stderr and in the exit status;
/// every rate carries its own date.
#[test]
fn every_rate_is_dated_and_an_old_one_is_left_out() {
    let mut site = Site::new("ages");
    let (status, _, stderr) = site.run();
    assert_eq!((status, stderr.as_str()), (0, ""));
    let rates = site.rates_document();
    let dates: Vec<(String, String)> = rates
        .get("rates")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (r.get("base").unwrap().as_str().unwrap().to_owned(), r.get("as_of").unwrap().as_str().unwrap().to_owned())
        })
        .collect();
    // Each as its publication dates it (tests/fixtures/rates/SOURCES.md); the peg takes the newest.
    let expected = [
        ("KGS", "2026-05-24"),
        ("KZT", "2026-04-01"),
        ("TJS", "2026-05-18"),
        ("UZS", "2026-04-01"),
        ("TMT", "2026-05-24"),
    ]
    .map(|(code, day)| (code.to_owned(), format!("{day}T00:00:00Z")));
    assert_eq!(dates, expected);
    assert_eq!(rates.get("as_of").unwrap().as_str(), Some("2026-05-24T00:00:00Z"), "the newest");
    // Four days later nothing new has come: NBT's rate (18 May) is 10
    // days old, past the default week; the others are within their ages.
    site.today = "2026-05-28".to_owned();
    let (status, _, stderr) = site.run();
    assert_eq!(status, 1, "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        ["TJS/USD: its last rate, 0.10701 of 2026-05-18, is 10 days old, past max_age_days = 7; left out of the output"],
        "{stderr}"
    );
    let shown: Vec<String> = site.rates().into_iter().map(|r| r.split(' ').next().unwrap().to_owned()).collect();
    assert_eq!(shown, ["KGS/USD", "KZT/USD", "UZS/USD", "TMT/USD"]);
    fs::remove_dir_all(&site.dir).unwrap();
}

/// NBK's `rates_all.xml` dates each item: EEK (the kroon, replaced by the
/// euro in 2011) keeps its last `pubDate`, 31.12.10, under a channel of
/// 18 April 2016. It is dated so, and left out as 1,935 days old.
#[test]
fn a_discontinued_currency_keeps_its_own_date_and_is_left_out() {
    let site = Site::with(
        "rates-all",
        [
            "tests/fixtures/rates/nbkr-daily.xml",
            "tests/fixtures/rates/nbk-rates-all.xml",
            "tests/fixtures/rates/cbu.json",
            "tests/fixtures/rates/nbt-daily.xml",
        ],
    );
    let site = Site { today: "2016-04-18".to_owned(), ..site };
    let text = fs::read_to_string(&site.config).unwrap();
    let only_nbk = text.split("[[pair]]").next().unwrap().to_owned()
        + "[[pair]]\npair = \"USD/KZT\"\nsource = \"nbk\"\nplaces = 2\n\n[[pair]]\npair = \"EEK/KZT\"\nsource = \"nbk\"\nplaces = 2\n";
    fs::write(&site.config, only_nbk).unwrap();
    let (status, _, stderr) = site.run();
    assert_eq!(status, 1, "{stderr}");
    assert!(
        stderr.contains("EEK/KZT: its last rate, ")
            && stderr.contains(" of 2010-12-31, is 1935 days old, past max_age_days = 60; left out of the output"),
        "{stderr}"
    );
    let shown: Vec<String> = site.rates().into_iter().map(|r| r.split(' ').next().unwrap().to_owned()).collect();
    assert_eq!(shown, ["USD/KZT"]);
    fs::remove_dir_all(&site.dir).unwrap();
}

/// A real move beyond the bound: refused the first day, taken when the
/// next publication day gives the same level; or at once by `accept`.
#[test]
fn a_devaluation_is_taken_when_confirmed_or_accepted() {
    let site = Site::new("devaluation");
    assert_eq!(site.run().0, 0);
    // The som falls from 87.45 to 105 per dollar: KGS/USD 0.01144 -> 0.00952, -16.8 %.
    site.answer("/nbkr.xml", &nbkr("25.05.2026", "105,0000"), Duration::ZERO);
    let (status, _, stderr) = site.run();
    assert_eq!(status, 1);
    assert!(stderr.starts_with("KGS/USD from nbkr: 0.00952 is 16.8 % from the last 0.01144, beyond the bound of 10 %; seen on 1 publication day of the 2"), "{stderr}");
    assert_eq!(site.rates()[0], "KGS/USD = 0.01144 0%");
    // The next day: 105.10, the same level: taken, with the real change.
    site.answer("/nbkr.xml", &nbkr("26.05.2026", "105,1000"), Duration::ZERO);
    let (status, _, stderr) = site.run();
    assert_eq!((status, stderr.as_str()), (0, ""));
    // 1 / 105.1 = 0.0095147… -> 0.00951; (0.00951 - 0.01144) / 0.01144 = -16.87… %.
    assert_eq!(site.rates()[0], "KGS/USD = 0.00951 -16.87%");

    // By hand: refused, accepted, published by the next run.
    let site = Site::new("accepted");
    assert_eq!(site.run().0, 0);
    site.answer("/nbkr.xml", &nbkr("25.05.2026", "105,0000"), Duration::ZERO);
    assert_eq!(site.run().0, 1);
    let config = site.config.to_str().unwrap();
    let (status, stdout, stderr) = site.command(&["accept", config, "KGS/USD"]);
    assert_eq!((status, stderr.as_str()), (0, ""));
    assert_eq!(stdout, "KGS/USD: 0.00952 of 2026-05-25 accepted; the next run publishes it\n");
    let state = fs::read_to_string(site.dir.join("state/news-ticker-feed.json")).unwrap();
    assert!(state.contains("\"accepted\": \"0.00952 of 2026-05-25 at 20"), "{state}");
    let (status, _, stderr) = site.run();
    assert_eq!((status, stderr.as_str()), (0, ""));
    assert_eq!(site.rates()[0], "KGS/USD = 0.00952 -16.78%");
    // Nothing left to accept.
    let (status, _, stderr) = site.command(&["accept", config, "KGS/USD"]);
    assert_eq!(
        (status, stderr.as_str()),
        (2, "KGS/USD has no refused level to accept: no rate beyond its bound is waiting\n")
    );
    fs::remove_dir_all(&site.dir).unwrap();
}

/// A second, independent source that gives the same new level confirms
/// it on the first day; one that still gives the old level does not.
#[test]
fn a_second_source_confirms_a_new_level_at_once() {
    let site = Site::new("second-source");
    site.add("/second.csv", b"date;base;quote;rate\n2026-05-24;USD;KGS;87,4500\n");
    let second =
        format!("[[source]]\nname = \"second\"\nformat = \"csv\"\nurl = \"{}/second.csv\"\n\n[[pair]]", site.origin);
    site.configure(
        "[[pair]]\npair = \"KGS/USD\"",
        &format!("{second}\npair = \"KGS/USD\"\nconfirm_source = \"second\""),
    );
    assert_eq!(site.run().0, 0);
    // NBKR moves to 105; the second source still says 87.45: refused.
    site.answer("/nbkr.xml", &nbkr("25.05.2026", "105,0000"), Duration::ZERO);
    let (status, _, stderr) = site.run();
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.starts_with("KGS/USD from nbkr: 0.00952 is 16.8 %"), "{stderr}");
    // The second source publishes the new level too: taken the same day.
    site.answer("/second.csv", b"date;base;quote;rate\n2026-05-25;USD;KGS;105,2000\n", Duration::ZERO);
    let (status, _, stderr) = site.run();
    assert_eq!((status, stderr.as_str()), (0, ""));
    assert_eq!(site.rates()[0], "KGS/USD = 0.00952 -16.78%");
    fs::remove_dir_all(&site.dir).unwrap();
}

/// A pair and its inverse from one source never disagree: when one is
/// refused, the other keeps its last rate too.
#[test]
fn inverse_pairs_move_together() {
    let site = Site::new("inverse");
    site.configure(
        "[[pair]]\npair = \"KZT/USD\"",
        "[[pair]]\npair = \"USD/KGS\"\nsource = \"nbkr\"\nplaces = 2\n\n[[pair]]\npair = \"KZT/USD\"",
    );
    assert_eq!(site.run().0, 0);
    assert_eq!(&site.rates()[..2], ["KGS/USD = 0.01144 0%", "USD/KGS = 87.45 0%"]);
    site.answer("/nbkr.xml", &nbkr("25.05.2026", "105,0000"), Duration::ZERO);
    let (status, _, stderr) = site.run();
    assert_eq!(status, 1);
    assert!(
        stderr.contains("\nUSD/KGS from nbkr: keeping 87.45 of 2026-05-24 with KGS/USD, which was refused\n"),
        "{stderr}"
    );
    assert_eq!(&site.rates()[..2], ["KGS/USD = 0.01144 0%", "USD/KGS = 87.45 0%"]);
    site.answer("/nbkr.xml", &nbkr("26.05.2026", "105,1000"), Duration::ZERO);
    assert_eq!(site.run().0, 0);
    assert_eq!(&site.rates()[..2], ["KGS/USD = 0.00951 -16.87%", "USD/KGS = 105.10 20.18%"]);
    fs::remove_dir_all(&site.dir).unwrap();
}

/// Each message says what happened, in plain words, and what was done.
#[test]
fn messages_say_what_happened_and_what_was_done() {
    // A first run with every bank down: no pair has a rate to keep.
    let site = Site::new("first-down");
    site.configure("timeout_seconds = 20", "timeout_seconds = 20\ntries = 1");
    for route in ["/nbkr.xml", "/nbk.xml", "/cbu.json", "/nbt.xml"] {
        site.fail(route, 500);
    }
    let (status, _, stderr) = site.run();
    assert_eq!(status, 1);
    assert!(
        stderr
            .lines()
            .next()
            .unwrap()
            .ends_with("/nbkr.xml): HTTP 500; its pairs have no rate yet and are not published"),
        "{stderr}"
    );
    fs::remove_dir_all(&site.dir).unwrap();

    // A currency the publication does not have; a host that does not
    // resolve; an https address answered in plain http; a refused connection.
    let site = Site::new("messages");
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let tls = site.origin.replace("http://", "https://");
    site.configure("timeout_seconds = 20", "timeout_seconds = 5\ntries = 1");
    site.configure(
        "[[pair]]\npair = \"KZT/USD\"",
        "[[pair]]\npair = \"GBP/USD\"\nsource = \"nbkr\"\n\n[[pair]]\npair = \"KZT/USD\"",
    );
    site.configure(&format!("{}/nbk.xml", site.origin), "http://no-such-host.invalid/nbk.xml");
    site.configure(&format!("{}/cbu.json", site.origin), &format!("{tls}/cbu.json"));
    site.configure(&format!("{}/nbt.xml", site.origin), &format!("http://{closed}/nbt.xml"));
    let (status, _, stderr) = site.run();
    assert_eq!(status, 1);
    let has = |line: &str| assert!(stderr.lines().any(|l| l == line), "{line}\n{stderr}");
    has("GBP/USD from nbkr: the publication of 2026-05-24 has no GBP; nothing is published for it yet");
    has("source nbk (http://no-such-host.invalid/nbk.xml): no such host: no-such-host.invalid does not resolve (check the address, or this machine's DNS); its pairs have no rate yet and are not published");
    let host = tls.trim_start_matches("https://");
    has(&format!("source cbu ({tls}/cbu.json): the TLS handshake with {host} failed: what answered is not https (is the address http://?); its pairs have no rate yet and are not published"));
    has(&format!("source nbt (http://{closed}/nbt.xml): the connection to {closed} was refused (no server listens there); its pairs have no rate yet and are not published"));

    // --help: to stdout, and a success.
    let (status, stdout, stderr) = site.command(&["--help"]);
    assert_eq!((status, stderr.as_str()), (0, ""));
    assert!(stdout.starts_with("usage: news-ticker-feed CONFIG.toml"), "{stdout}");
    fs::remove_dir_all(&site.dir).unwrap();
}

/// Paths in the configuration are relative to its file, wherever the
/// command runs: the guide's cron line and systemd `ExecStart` (docs/src/feed-builder.md), run as
/// written from another folder (a home directory), write beside the
/// configuration.
#[test]
fn paths_are_relative_to_the_configuration() {
    let guide = fs::read_to_string(root("../../docs/src/feed-builder.md")).unwrap();
    let cron = guide.lines().find_map(|l| l.split("(`*/30 * * * * ").nth(1)).expect("the guide's cron line");
    let cron = cron.split('`').next().unwrap().to_owned();
    let unit = guide.lines().find_map(|l| l.strip_prefix("ExecStart=")).expect("the guide's ExecStart").to_owned();
    for (name, command) in [("cron", cron), ("systemd", unit)] {
        let site = Site::new(&format!("paths-{name}"));
        let text = fs::read_to_string(&site.config).unwrap().replace(&format!("{}/", site.dir.display()), "");
        let mut words = command.split(' ');
        let program = words.next().unwrap();
        assert!(program.ends_with("news-ticker-feed"), "{command}");
        let written = words.next().unwrap();
        assert_eq!(words.next(), None, "{command}");
        // The configuration where the command says, under the scratch folder.
        let config = site.dir.join(written.trim_start_matches('/'));
        fs::create_dir_all(config.parent().unwrap()).unwrap();
        fs::write(&config, text).unwrap();
        let home = site.dir.join("home");
        fs::create_dir_all(&home).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_news-ticker-feed"))
            .args([config.to_str().unwrap(), "--today", "2026-05-24"])
            .current_dir(&home)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let beside = config.parent().unwrap();
        assert!(beside.join("public/feed.json").exists(), "{name}");
        assert!(beside.join("state/news-ticker-feed.json").exists(), "{name}");
        assert_eq!(fs::read_dir(&home).unwrap().count(), 0, "{name}: nothing written where it ran");
        fs::remove_dir_all(&site.dir).unwrap();
    }
}

/// A headline's time is written as its feed wrote it: the same instant,
/// the same wall-clock time and offset.
#[test]
fn headline_times_are_kept_as_written() {
    let site = Site::new("times");
    let rss = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>\
        <item><title>Late night</title><guid>n1</guid><pubDate>Thu, 13 Nov 2025 00:10:00 +0600</pubDate></item>\
        </channel></rss>";
    site.answer("/news.json", rss, Duration::ZERO);
    assert_eq!(site.run().0, 0);
    let feed = json::parse(&String::from_utf8(site.feed()).unwrap()).unwrap();
    let item = &feed.get("items").unwrap().as_array().unwrap()[0];
    assert_eq!(item.get("date_published").unwrap().as_str(), Some("2025-11-13T00:10:00+06:00"));
    fs::remove_dir_all(&site.dir).unwrap();
}
