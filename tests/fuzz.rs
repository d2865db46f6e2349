//! Fuzzing the pure readers: 100,000 mutated feeds (the sample feeds
//! truncated, with bytes flipped, inserted, deleted and repeated, and
//! spliced into one another) go through the same steps as in the browser:
//! syntax detection, the JSON or XML reader, the JSON Feed / RSS / Atom /
//! rates parsers, and the view model. None may panic, and none may take
//! longer than a bound (a reader that went quadratic would).
#![cfg(not(target_arch = "wasm32"))]

use news_ticker_rules::config::Config;
use news_ticker_rules::document::{self, Document};
use news_ticker_rules::excerpt::split_marks;
use news_ticker_rules::feed::{parse_feed, parse_rates};
use news_ticker_rules::syndication::parse_syndication;
use news_ticker_rules::{view, xml};
use std::time::{Duration, Instant};

const CASES: usize = 100_000;
/// Per feed, in a debug build; the slowest seen here is a few milliseconds.
const BOUND: Duration = Duration::from_millis(250);

const SAMPLES: [&str; 9] = [
    include_str!("../www/feed.json"),
    include_str!("../www/feed-he.json"),
    include_str!("../www/rates.json"),
    include_str!("../www/rss.xml"),
    include_str!("../www/atom.xml"),
    include_str!("e2e/feeds/messy.json"),
    include_str!("e2e/feeds/messy.rss"),
    include_str!("e2e/feeds/bidi.json"),
    // Read only after repair: mutations of it go through the repair too.
    include_str!("e2e/feeds/ent-html-entities.rss"),
];

/// xorshift64*: a fixed seed, so a failure names a case that can be rerun.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to the readers, for insertions and flips.
const INTERESTING: &[u8] = b"{}[]<>\"'\\:,/&;#!?-=0123456789.eE+ \n\t\0\xff\xc3\xa9\xe2\x80\xae";

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 => bytes.truncate(at),
            1 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            2 => bytes.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
            3 if at < bytes.len() => {
                bytes.remove(at);
            }
            4 => {
                // Repeat a slice: deep nesting and long runs.
                let end = (at + rng.below(64)).min(bytes.len());
                let slice = bytes[at..end].to_vec();
                for _ in 0..rng.below(50) {
                    bytes.splice(at..at, slice.iter().copied());
                }
            }
            5 => {
                // Splice in part of another sample.
                let other = SAMPLES[rng.below(SAMPLES.len())].as_bytes();
                let from = rng.below(other.len());
                let to = (from + rng.below(400)).min(other.len());
                bytes.splice(at..at, other[from..to].iter().copied());
            }
            _ if at < bytes.len() => bytes[at] = INTERESTING[rng.below(INTERESTING.len())],
            _ => {}
        }
    }
    bytes
}

/// What the widget does with a fetched text, natively; returns the number of cards shown.
fn read(text: &str) -> usize {
    let config = Config::default();
    let feed = match document::read(text, xml::parse_repaired) {
        Ok(Document::Json(doc)) => {
            let rates = parse_rates(&doc).ok().map(|r| r.0);
            parse_feed(&doc).ok().map(|f| (f.0, rates))
        }
        Ok(Document::Xml((root, _))) => parse_syndication(&root).ok().map(|f| (f.0, None)),
        Err(_) => None,
    };
    feed.map_or(0, |(feed, rates)| {
        let model = view::build(&feed, rates.as_ref(), &config, config.page_size, &split_marks);
        model.cards.len()
    })
}

#[test]
fn a_hundred_thousand_mutated_feeds_neither_panic_nor_hang() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut read_whole, mut slowest) = (0, Duration::ZERO);
    for case in 0..CASES {
        let sample = SAMPLES[case % SAMPLES.len()];
        let bytes = mutate(&mut rng, sample.as_bytes());
        let text = String::from_utf8_lossy(&bytes);
        let started = Instant::now();
        let cards = std::panic::catch_unwind(|| read(&text))
            .unwrap_or_else(|_| panic!("case {case} panicked on {:?}", text.chars().take(300).collect::<String>()));
        let took = started.elapsed();
        assert!(took < BOUND, "case {case} took {took:?}");
        slowest = slowest.max(took);
        read_whole += usize::from(cards > 0);
    }
    println!("{CASES} mutated feeds: {read_whole} still gave cards, slowest {slowest:?}");
    // The mutations must leave many feeds readable, or only the error paths were tried.
    assert!(read_whole > CASES / 10, "only {read_whole} readable");
    assert!(read_whole < CASES, "every case readable: the mutations did nothing");
}

/// Texts that try to leave their place in the server-rendered markup.
const HOSTILE: [&str; 10] = [
    "</template><script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "<!--",
    "]]>",
    "&amp;&lt;&#0;",
    "</div></div><div data-news-ticker>",
    "\u{0}",
    "' onmouseover='alert(1)",
    "<style>*{display:none}</style>",
    "javascript:alert(1)",
];

/// Elements the server-rendered container may hold, and those without an end tag.
const ALLOWED: [&str; 15] = [
    "div", "template", "link", "section", "ul", "li", "span", "button", "p", "article", "h2", "a", "img", "time", "tt",
];
const VOID: [&str; 2] = ["link", "img"];

/// Reads `html` as an HTML tokenizer would and says what is wrong with it:
/// a tag that is not one the renderer writes, an attribute value that is
/// not double-quoted and clean, an element left open or closed twice, a
/// comment or markup declaration, or a `<` in text.
fn markup_problem(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut at = 0;
    let mut templates = 0;
    while at < bytes.len() {
        if bytes[at] != b'<' {
            if bytes[at] == b'>' {
                return Some(format!("a bare > in text at {at}"));
            }
            at += 1;
            continue;
        }
        let closing = bytes.get(at + 1) == Some(&b'/');
        let start = at + 1 + usize::from(closing);
        let end = start + bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let name = &html[start..end];
        if !ALLOWED.contains(&name) || name == "tt" {
            return Some(format!("<{} at {at}", &html[at..(at + 20).min(html.len())]));
        }
        let mut i = end;
        if closing {
            if bytes.get(i) != Some(&b'>') || open.pop() != Some(name) {
                return Some(format!("a stray </{name}> at {at}"));
            }
            at = i + 1;
            continue;
        }
        loop {
            match bytes.get(i) {
                Some(b'>') => break,
                Some(b' ') => {
                    let name_end =
                        i + 1 + bytes[i + 1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
                    if name_end == i + 1 || bytes.get(name_end) != Some(&b'=') || bytes.get(name_end + 1) != Some(&b'"')
                    {
                        return Some(format!("an attribute that is not name=\"value\" at {i}"));
                    }
                    let value_start = name_end + 2;
                    let Some(len) = bytes[value_start..].iter().position(|b| *b == b'"') else {
                        return Some(format!("an unterminated value at {i}"));
                    };
                    if bytes[value_start..value_start + len].iter().any(|b| matches!(b, b'<' | b'>')) {
                        return Some(format!("a raw < or > in a value at {i}"));
                    }
                    i = value_start + len + 1;
                }
                _ => return Some(format!("a broken tag at {i}")),
            }
        }
        templates += usize::from(name == "template");
        if !VOID.contains(&name) {
            open.push(name);
        }
        at = i + 1;
    }
    match (open.is_empty(), templates) {
        (true, 1) => None,
        _ => Some(format!("left open: {open:?}, {templates} templates")),
    }
}

#[test]
fn server_rendered_markup_keeps_every_hostile_text_in_its_place() {
    use news_ticker_rules::container::{container, Container};
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let samples = [SAMPLES[0], SAMPLES[1], SAMPLES[5], SAMPLES[7]];
    let attributes: Vec<(String, String)> = [
        ("data-feed", "https://news.example.org/feed.json?a=1&b=\"2\"<x>"),
        ("data-card", "image,date,author"),
        ("data-page-size", "50"),
        ("data-text-counter", "</template><b>{first}-{last} of {total}</b>"),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect();
    let (mut rendered, mut hostile_inside) = (0, 0);
    for case in 0..20_000 {
        let mut bytes = samples[case % samples.len()].as_bytes().to_vec();
        // Hostile texts at the start of string values, then (in half the
        // cases) the fuzzer's mutations.
        for _ in 0..1 + rng.below(4) {
            let value = |i: usize| i > 0 && bytes[..i].iter().rev().find(|b| **b != b' ') == Some(&b':');
            let quotes: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b'"' && value(i)).collect();
            if let Some(&q) = quotes.get(rng.below(quotes.len())) {
                let text = HOSTILE[rng.below(HOSTILE.len())].replace('"', "\\\"").replace('\0', "\\u0000");
                bytes.splice(q + 1..q + 1, text.bytes());
            }
        }
        if case % 2 == 1 {
            bytes = mutate(&mut rng, &bytes);
        }
        let text = String::from_utf8_lossy(&bytes);
        let c =
            Container { feed: &text, rates: None, attributes: &attributes, stylesheet: "x\".css", now: 1_763_000_000 };
        let Ok(html) = container(&c) else { continue };
        rendered += 1;
        hostile_inside += usize::from(HOSTILE.iter().take(2).any(|h| text.contains(h)));
        if let Some(problem) = markup_problem(&html) {
            panic!("case {case}: {problem}\nfeed: {}\nhtml: {html}", text.chars().take(400).collect::<String>());
        }
    }
    println!("{rendered} containers rendered, {hostile_inside} with a tag-breaking text");
    assert!(rendered > 5_000, "only {rendered} rendered");
    assert!(hostile_inside > 1_000, "only {hostile_inside} carried a hostile text");
}
