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

use news_ticker::rules::feed::parse_feed;
use news_ticker::rules::json;

type Routes = Arc<Mutex<HashMap<String, (u16, Vec<u8>)>>>;

fn root(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Serves `routes` on 127.0.0.1; returns the origin.
fn serve(routes: Routes) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            reader.read_line(&mut line).unwrap();
            while let Ok(n) = reader.read_line(&mut String::new()) {
                if n <= 2 {
                    break;
                }
            }
            let path = line.split(' ').nth(1).unwrap_or("/").to_owned();
            let (status, body) = routes.lock().unwrap().get(&path).cloned().unwrap_or((404, Vec::new()));
            let head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    origin
}

struct Site {
    routes: Routes,
    dir: PathBuf,
    config: PathBuf,
}

impl Site {
    fn new(name: &str) -> Site {
        let mut table = HashMap::new();
        for (route, file) in [
            ("/nbkr.xml", "tests/fixtures/rates/nbkr-daily.xml"),
            ("/nbk.xml", "tests/fixtures/rates/nbk-get-rates.xml"),
            ("/cbu.json", "tests/fixtures/rates/cbu.json"),
            ("/nbt.xml", "tests/fixtures/rates/nbt-daily.xml"),
            ("/news.json", "www/feed.json"),
        ] {
            table.insert(route.to_owned(), (200, fs::read(root(file)).unwrap()));
        }
        let routes: Routes = Arc::new(Mutex::new(table));
        let origin = serve(routes.clone());
        let dir = std::env::temp_dir().join(format!("nt-feed-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        // The README's example, pointed at the local server and the scratch folder.
        let config = fs::read_to_string(root("tests/fixtures/news-ticker-feed.toml"))
            .unwrap()
            .replace("public/", &format!("{}/public/", dir.display()))
            .replace("state/", &format!("{}/state/", dir.display()))
            .replace("https://news.example.org/rss.xml", &format!("{origin}/news.json"))
            .replace("https://www.nbkr.kg/XML/daily.xml", &format!("{origin}/nbkr.xml"))
            .replace("https://nationalbank.kz/rss/get_rates.cfm", &format!("{origin}/nbk.xml"))
            .replace("https://cbu.uz/en/arkhiv-kursov-valyut/json/", &format!("{origin}/cbu.json"))
            .replace("https://www.nbt.tj/en/kurs/export_xml.php?export=xmlout", &format!("{origin}/nbt.xml"));
        let path = dir.join("news-ticker-feed.toml");
        fs::write(&path, config).unwrap();
        Site { routes, dir, config: path }
    }

    fn fail(&self, route: &str, status: u16) {
        self.routes.lock().unwrap().get_mut(route).unwrap().0 = status;
    }

    /// Runs the builder: exit status, stdout, stderr.
    fn run(&self) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_news-ticker-feed")).arg(&self.config).output().unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    }

    fn feed(&self) -> Vec<u8> {
        fs::read(self.dir.join("public/feed.json")).unwrap()
    }

    fn rates(&self) -> Vec<String> {
        let (feed, _) = parse_feed(&json::parse(std::str::from_utf8(&self.feed()).unwrap()).unwrap()).unwrap();
        feed.ticker
            .unwrap()
            .rates
            .iter()
            .map(|r| format!("{}/{} = {} {}%", r.base, r.quote, r.rate, r.change))
            .collect()
    }
}

const REFERENCE: [&str; 5] = [
    "KGS/USD = 0.01144 0%",
    "KZT/USD = 0.00209 0%",
    "UZS/USD = 0.0000820 0%",
    "TJS/USD = 0.10701 0%",
    "TMT/USD = 0.28571 0%",
];

#[test]
fn builds_the_reference_rates_then_writes_nothing_when_nothing_changed() {
    let site = Site::new("reference");
    let (status, stdout, stderr) = site.run();
    assert_eq!((status, stderr.as_str()), (0, ""), "{stdout}");
    assert!(stdout.contains("public/feed.json") && stdout.contains("public/rates.json"), "{stdout}");
    assert_eq!(site.rates(), REFERENCE);
    let first = site.feed();
    let (status, stdout, stderr) = site.run();
    assert_eq!((status, stdout.as_str(), stderr.as_str()), (0, "", ""), "an unchanged run writes nothing");
    assert_eq!(site.feed(), first, "byte for byte");
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

#[test]
fn a_wrong_configuration_is_refused_before_any_fetch() {
    let site = Site::new("config");
    let text = fs::read_to_string(&site.config).unwrap().replace("format = \"cbu\"", "format = \"cbuz\"");
    fs::write(&site.config, text).unwrap();
    let (status, stdout, stderr) = site.run();
    assert_eq!(status, 2);
    assert_eq!(stdout, "");
    assert!(stderr.ends_with(":31: format \"cbuz\" is not one of nbkr, nbk, cbu, cbr, ecb, nbt, cbt\n"), "{stderr}");
    assert!(!site.dir.join("public").exists(), "nothing written");
    fs::remove_dir_all(&site.dir).unwrap();
}
