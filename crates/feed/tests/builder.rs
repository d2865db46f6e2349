//! The feed builder's documents from real inputs: the rates of the
//! reference page from each bank's publication (tests/fixtures/rates/),
//! headlines from the sample JSON Feed and RSS (www/), read back by the
//! widget's own parser and judged by the validator's rules.

use std::fs;
use std::path::Path;

use news_ticker_feed::adapters::Format;
use news_ticker_feed::history::{take, Kept};
use news_ticker_feed::output::{check, feed_document, merge, rates_document, RateLine};
use news_ticker_feed::pairs::{rate, Pair, Rounding};
use news_ticker_rules::feed::{parse_feed, parse_rates};
use news_ticker_rules::item::Item;
use news_ticker_rules::syndication::parse_syndication;
use news_ticker_rules::validate::validate;
use news_ticker_rules::{json, xml};

fn file(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("a file")
}

fn json_items() -> Vec<Item> {
    parse_feed(&json::parse(&file("../../www/feed.json")).unwrap()).unwrap().0.items
}

fn rss_items() -> Vec<Item> {
    parse_syndication(&xml::parse(&file("../../www/rss.xml")).unwrap()).unwrap().0.items
}

/// The five pairs, each kept from its bank's publication.
fn kept() -> Vec<(Pair, Kept)> {
    [
        ("nbkr-daily.xml", Format::Nbkr, "KGS/USD", 5),
        ("nbk-get-rates.xml", Format::Nbk, "KZT/USD", 5),
        ("cbu.json", Format::Cbu, "UZS/USD", 7),
        ("nbt-daily.xml", Format::Nbt, "TJS/USD", 5),
        ("cbt-daily.xml", Format::Cbt, "TMT/USD", 5),
    ]
    .into_iter()
    .map(|(name, format, pair, places)| {
        let bytes = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rates").join(name)).unwrap();
        let publication = format.read(&bytes).unwrap();
        let pair = Pair::parse(pair).unwrap();
        let value = rate(&publication, &pair, places, Rounding::Nearest).unwrap();
        let (kept, _) = take(None, publication.date, value, None, 2);
        (pair, kept)
    })
    .collect()
}

fn lines(kept: &[(Pair, Kept)]) -> Vec<RateLine<'_>> {
    kept.iter().map(|(pair, kept)| RateLine { pair, kept }).collect()
}

#[test]
fn the_feed_reads_back_as_built_and_passes_the_validator() {
    let kept = kept();
    let items = merge(vec![json_items(), rss_items()], 20);
    let text = feed_document("Central Asia today", Some("https://news.example.org/"), &lines(&kept), &items);
    check(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let report = validate(&json::parse(&text).unwrap());
    assert_eq!(report.problems.len(), 0, "{}", report.text("built"));
    let (feed, problems) = parse_feed(&json::parse(&text).unwrap()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let ticker = feed.ticker.unwrap();
    let shown: Vec<String> = ticker.rates.iter().map(|r| format!("{}/{} = {}", r.base, r.quote, r.rate)).collect();
    assert_eq!(
        shown,
        ["KGS/USD = 0.01144", "KZT/USD = 0.00209", "UZS/USD = 0.0000820", "TJS/USD = 0.10701", "TMT/USD = 0.28571"]
    );
    // The newest publication among the five: NBKR's of 24 May 2026.
    assert_eq!(ticker.as_of.unwrap().rfc3339(), "2026-05-24T00:00:00Z");
    assert_eq!(feed.items, items, "every headline reads back as merged");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let kept = kept();
    let build = || feed_document("T", None, &lines(&kept), &merge(vec![rss_items(), json_items()], 20));
    assert_eq!(build(), build());
    let rates = rates_document(&lines(&kept));
    check(&rates).unwrap();
    let (ticker, problems) = parse_rates(&json::parse(&rates).unwrap()).unwrap();
    assert!(problems.is_empty());
    assert_eq!(ticker.rates.len(), 5);
}

#[test]
fn a_previous_rate_becomes_the_change() {
    let pair = Pair::parse("KGS/USD").unwrap();
    let monday = take(
        None,
        news_ticker_feed::publication::Day::parse("23.05.2026").unwrap(),
        "0.01140".parse().unwrap(),
        None,
        2,
    )
    .0;
    let tuesday = take(
        Some(&monday),
        news_ticker_feed::publication::Day::parse("24.05.2026").unwrap(),
        "0.01144".parse().unwrap(),
        None,
        2,
    )
    .0;
    let text = feed_document("T", None, &[RateLine { pair: &pair, kept: &tuesday }], &[]);
    check(&text).unwrap();
    let (feed, _) = parse_feed(&json::parse(&text).unwrap()).unwrap();
    // (0.01144 - 0.01140) / 0.01140 * 100 = 0.3508..., 0.35 at two places.
    assert_eq!(feed.ticker.unwrap().rates[0].change.to_string(), "0.35");
}

#[test]
fn merged_headlines_are_newest_first_once_each_and_capped() {
    let items = json_items();
    let twice = merge(vec![items.clone(), items.clone()], 100);
    assert_eq!(twice.len(), items.len(), "the same feed twice gives each item once");
    let dates: Vec<i64> = twice.iter().filter_map(|i| i.published.as_ref().map(|t| t.instant)).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(merge(vec![items, rss_items()], 3).len(), 3);
}

#[test]
fn a_document_with_a_problem_is_not_passed() {
    assert!(check("{\"items\": [").unwrap_err().starts_with("not JSON"));
    let not_a_list =
        check("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"items\": {}}").unwrap_err();
    assert!(not_a_list.contains("1 error"), "{not_a_list}");
}

/// What `data-card` shows survives the builder: dates, author names and
/// images of the CMS's items are in the feed it writes.
#[test]
fn dates_authors_and_images_are_kept() {
    let items = parse_syndication(&xml::parse(&file("../../tests/e2e/feeds/cards.rss")).unwrap()).unwrap().0.items;
    assert!(items.iter().filter(|i| !i.authors.is_empty() && i.image.is_some()).count() >= 3);
    let text = feed_document("Cards", None, &[], &items);
    check(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let (feed, _) = parse_feed(&json::parse(&text).unwrap()).unwrap();
    assert_eq!(feed.items, items);
}
