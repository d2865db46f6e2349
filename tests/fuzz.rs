//! Fuzzing the pure readers: 100,000 mutated feeds (the sample feeds
//! truncated, with bytes flipped, inserted, deleted and repeated, and
//! spliced into one another) go through the same steps as in the browser:
//! syntax detection, the JSON or XML reader, the JSON Feed / RSS / Atom /
//! rates parsers, and the view model. None may panic, and none may take
//! longer than a bound (a reader that went quadratic would).
#![cfg(not(target_arch = "wasm32"))]

use news_ticker::rules::config::Config;
use news_ticker::rules::excerpt::split_marks;
use news_ticker::rules::feed::{parse_feed, parse_rates};
use news_ticker::rules::syndication::{parse_syndication, Syntax};
use news_ticker::rules::{json, view, xml};
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
    let feed = match Syntax::of(text) {
        Syntax::Json => match json::parse(text) {
            Ok(doc) => {
                let rates = parse_rates(&doc).ok().map(|r| r.0);
                parse_feed(&doc).ok().map(|f| (f.0, rates))
            }
            Err(_) => None,
        },
        Syntax::Xml => {
            xml::parse_repaired(text).ok().and_then(|(root, _)| parse_syndication(&root).ok()).map(|f| (f.0, None))
        }
        Syntax::Html => None,
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
