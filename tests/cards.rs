//! What a card can show besides its title and excerpt (`data-card`): the
//! date, the author names and the image of each item, read from the same
//! five stories written as JSON Feed 1.1, JSON Feed 1.0, RSS and Atom
//! (tests/e2e/feeds/cards-*; the end-to-end tests show them), RSS and Atom
//! also through the XML stage's JSON Feed text as the widget reads them.

use std::fs;
use std::path::Path;

use news_ticker_rules::feed::parse_feed;
use news_ticker_rules::item::Item;
use news_ticker_rules::json;
use news_ticker_rules::syndication::parse_syndication;
use news_ticker_rules::{xml, xmlfeed};

fn fixture(name: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/feeds").join(name)).expect("a fixture")
}

fn from_json(name: &str) -> (Vec<Item>, Vec<String>) {
    let (feed, problems) = parse_feed(&json::parse(&fixture(name)).unwrap()).unwrap();
    (feed.items, problems.iter().map(ToString::to_string).collect())
}

fn from_xml(name: &str) -> (Vec<Item>, Vec<String>) {
    let (feed, problems) = parse_syndication(&xml::parse(&fixture(name)).unwrap()).unwrap();
    (feed.items, problems.iter().map(ToString::to_string).collect())
}

/// The items as the widget reads them after the XML stage.
fn through_the_stage(name: &str) -> Vec<Item> {
    let converted = xmlfeed::convert_root(&xml::parse(&fixture(name)).unwrap());
    parse_feed(&json::parse(xmlfeed::answer(&converted).unwrap()).unwrap()).unwrap().0.items
}

/// Each item's date (RFC 3339, UTC), authors and image.
fn fields(items: &[Item]) -> Vec<(Option<String>, Vec<String>, Option<String>)> {
    items.iter().map(|i| (i.published.map(|t| t.rfc3339()), i.authors.clone(), i.image.clone())).collect()
}

/// What every format says of the five stories; `first` is item 1's authors
/// (JSON Feed 1.0 has one author an item).
fn expected(first: &[&str]) -> Vec<(Option<String>, Vec<String>, Option<String>)> {
    let row = |date: &str, authors: &[&str], image: Option<&str>| {
        (Some(date.to_owned()), authors.iter().map(|a| (*a).to_owned()).collect(), image.map(str::to_owned))
    };
    vec![
        row("2025-11-13T09:00:00Z", first, Some("/img/photo.svg?delay=1500")),
        // date_modified, dc:date or updated; no author of its own: the feed's.
        row("2025-11-12T10:00:00Z", &["Newsroom Desk"], Some("/img/pixel.gif")),
        // Markup in a name is text, shown as written.
        row("2025-11-13T11:59:30Z", &["<script>alert(1)</script> Ivanov"], Some("/img/missing.png")),
        // An e-mail address alone is no name: the feed's; a javascript: image is none.
        row("2025-11-20T00:00:00Z", &["Newsroom Desk"], None),
        // "jane@example.org (Jane Doe)" and "Jane Doe <jane@example.org>" name Jane Doe;
        // JSON Feed's banner_image where there is no image.
        row("2025-11-01T08:00:00Z", &["Jane Doe"], Some("/img/banner.svg")),
    ]
}

#[test]
fn json_feed_1_1_and_1_0() {
    let (items, problems) = from_json("cards-1.1.json");
    assert_eq!(fields(&items), expected(&["Aida Bekova", "Timur Osmonov"]));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("items[3].image") && problems[0].contains("javascript:alert(1)"), "{problems:?}");
    let (items, _) = from_json("cards-1.0.json");
    assert_eq!(fields(&items), expected(&["Aida Bekova and Timur Osmonov"]));
}

#[test]
fn rss_and_atom_directly_and_through_the_xml_stage() {
    for name in ["cards.rss", "cards.atom"] {
        let (items, problems) = from_xml(name);
        assert_eq!(fields(&items), expected(&["Aida Bekova", "Timur Osmonov"]), "{name}");
        assert_eq!(problems.len(), 1, "{name}: {problems:?}");
        assert!(problems[0].contains("javascript:alert(1)") && problems[0].contains("image"), "{problems:?}");
        assert_eq!(fields(&through_the_stage(name)), fields(&items), "{name} through the XML stage");
    }
}
