//! The feed builder's HTTP client against a local server that answers from
//! a script of canned responses and records each request it got.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use news_ticker_feed::fetch::{Answer, Client, FetchError, Validators};

/// A server on 127.0.0.1 that gives each connection the next of
/// `answers` (`None`: hold the connection and never answer) and keeps
/// the head of each request.
fn server(answers: Vec<Option<&'static str>>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/rates.xml", listener.local_addr().unwrap());
    let heads = Arc::new(Mutex::new(Vec::new()));
    let seen = heads.clone();
    thread::spawn(move || {
        for (stream, answer) in listener.incoming().zip(answers) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            seen.lock().unwrap().push(head.to_ascii_lowercase());
            match answer {
                Some(text) => {
                    let _ = stream.write_all(text.as_bytes());
                }
                None => {
                    let mut rest = Vec::new();
                    let _ = stream.read_to_end(&mut rest);
                }
            }
        }
    });
    (url, heads)
}

const OK: &str = "HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nLast-Modified: Sun, 24 May 2026 06:00:00 GMT\r\nContent-Length: 5\r\nConnection: close\r\n\r\nrates";
const NOT_MODIFIED: &str = "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n";
const BROKEN: &str = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
const GONE: &str = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

fn client(tries: u32) -> Client {
    Client::new("news-ticker-feed/test (ops@example.org)", Duration::from_millis(800), tries, Duration::from_millis(50))
}

#[test]
fn fetches_then_asks_conditionally_and_takes_a_304() {
    let (url, heads) = server(vec![Some(OK), Some(NOT_MODIFIED)]);
    let Answer::Fresh { body, validators } = client(1).get(&url, &Validators::default()).unwrap() else {
        panic!("a body")
    };
    assert_eq!(body, b"rates");
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(client(1).get(&url, &validators).unwrap(), Answer::Unchanged);
    let heads = heads.lock().unwrap();
    assert!(heads[0].contains("user-agent: news-ticker-feed/test (ops@example.org)"), "{}", heads[0]);
    assert!(!heads[0].contains("if-none-match"));
    assert!(heads[1].contains("if-none-match: \"v1\""), "{}", heads[1]);
    assert!(heads[1].contains("if-modified-since: sun, 24 may 2026 06:00:00 gmt"), "{}", heads[1]);
}

#[test]
fn a_5xx_is_tried_again_a_4xx_is_not() {
    let (url, heads) = server(vec![Some(BROKEN), Some(BROKEN), Some(OK)]);
    assert!(matches!(client(3).get(&url, &Validators::default()), Ok(Answer::Fresh { .. })));
    assert_eq!(heads.lock().unwrap().len(), 3);

    let (url, _) = server(vec![Some(BROKEN), Some(BROKEN), Some(BROKEN)]);
    let error = client(3).get(&url, &Validators::default()).unwrap_err();
    assert_eq!(error.to_string(), "HTTP 500 (3 tries)");

    let (url, heads) = server(vec![Some(GONE), Some(OK)]);
    assert_eq!(client(3).get(&url, &Validators::default()).unwrap_err(), FetchError::Status { status: 404, tries: 1 });
    assert_eq!(heads.lock().unwrap().len(), 1);
}

#[test]
fn a_server_that_never_answers_is_given_up_on_in_time() {
    let (url, _) = server(vec![None, None]);
    let started = Instant::now();
    let error = client(2).get(&url, &Validators::default()).unwrap_err();
    assert_eq!(error.to_string(), "no answer in time (2 tries)");
    // Two timeouts of 0.8 s and one pause of 0.05 s.
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}
