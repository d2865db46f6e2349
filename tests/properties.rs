//! Property tests: 10,000 generated cases per property on every run.
#![cfg(not(target_arch = "wasm32"))]

use news_ticker_rules::config::Config;
use news_ticker_rules::date::{CalendarDate, Timestamp};
use news_ticker_rules::decimal::{decimal_text, parse_decimal};
use news_ticker_rules::excerpt::{excerpt, is_unspaced, split_marks};
use news_ticker_rules::feed::{parse_feed, parse_rates};
use news_ticker_rules::format::{rate_text, safe_link};
use news_ticker_rules::html::html_to_text;
use news_ticker_rules::json::{self, Value};
use news_ticker_rules::syndication::parse_syndication;
use news_ticker_rules::view;
use news_ticker_rules::xml::{self, Element, Node};
use news_ticker_rules::xmlfeed;
use proptest::prelude::*;

const CASES: u32 = 10_000;

fn config() -> ProptestConfig {
    ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() }
}

/// Text with the whitespace, scripts and marks that make cutting hard:
/// Latin, Cyrillic, CJK, Thai, combining marks, emoji with modifiers and
/// joiners, and Unicode spaces of several kinds.
fn messy_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just(" "),
        Just("  "),
        Just("\t"),
        Just("\n"),
        Just("\u{a0}"),
        Just("\u{2003}"),
        Just("\u{3000}"),
        Just("word"),
        Just("Бишкек"),
        Just("сом"),
        Just("経済"),
        Just("ข่าว"),
        Just("e\u{301}"),
        Just("👩\u{200d}💻"),
        Just("👍🏽"),
        Just("-"),
        Just("..."),
        Just("Baku-Tbilisi-Ceyhan"),
    ];
    prop::collection::vec(pieces, 0..60).prop_map(|p| p.concat())
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn an_excerpt_has_at_most_n_words(text in messy_text(), n in 1usize..20) {
        let cut = excerpt(&text, n);
        prop_assert!(words(&cut) <= n, "{} words in {:?}", words(&cut), cut);
        if words(&text) <= n && !text.chars().any(is_unspaced) {
            prop_assert_eq!(cut, text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    /// Kept words are the source's words in order; only the last may stop
    /// early, and only inside a run written without spaces.
    #[test]
    fn an_excerpt_keeps_whole_words_in_order(text in messy_text(), n in 1usize..20) {
        let cut = excerpt(&text, n);
        let kept = cut.strip_suffix("...").filter(|_| cut != excerpt(&text, usize::MAX)).unwrap_or(&cut);
        let source: Vec<&str> = text.split_whitespace().collect();
        let kept: Vec<&str> = kept.split_whitespace().collect();
        prop_assert!(kept.len() <= source.len());
        if let Some((last, whole)) = kept.split_last() {
            prop_assert_eq!(&source[..whole.len()], whole);
            let from = source[whole.len()];
            prop_assert!(
                from == *last || (from.starts_with(last) && from.chars().any(is_unspaced)),
                "{:?} is neither {:?} nor a cut inside its unspaced script", last, from
            );
        }
    }

    #[test]
    fn an_excerpt_of_an_excerpt_is_the_same(text in messy_text(), n in 1usize..20) {
        let once = excerpt(&text, n);
        prop_assert_eq!(excerpt(&once, n), once);
    }

    /// Canonical decimal text (no leading zeros, no exponent, not `-0`) is
    /// shown exactly as sent.
    #[test]
    fn a_decimal_is_shown_as_sent(
        negative in any::<bool>(),
        whole in "(0|[1-9][0-9]{0,13})",
        fraction in proptest::option::of("[0-9]{1,14}"),
    ) {
        let mut text = whole.clone();
        if let Some(f) = &fraction {
            text = format!("{text}.{f}");
        }
        let all_zero = text.bytes().all(|b| b == b'0' || b == b'.');
        if negative && !all_zero {
            text = format!("-{text}");
        }
        let value = parse_decimal(&text);
        prop_assert!(value.is_some(), "{} did not parse", text);
        prop_assert_eq!(decimal_text(value.unwrap()), text.clone());
        let zero = parse_decimal("0").unwrap();
        prop_assert_eq!(rate_text("KGS", "USD", value.unwrap(), zero), format!("KGS/USD = {text} 0%"));
    }

    /// Dropping tags and decoding entities only ever shortens the text.
    #[test]
    fn html_to_text_never_grows_the_text(html in "[<>/a-z!&#;x0-9 \"'=-]{0,80}") {
        prop_assert!(html_to_text(&html).len() <= html.len());
    }

    #[test]
    fn nothing_inside_a_script_element_is_shown(inside in "[^<&]{0,40}", case in "(script|SCRIPT|Script)") {
        // Joined, as Chromium renders it (tests/fixtures/html/innertext.json has the case).
        let html = format!("a<{case} type=x>{inside}</{case}>b");
        prop_assert_eq!(html_to_text(&html), "ab");
    }

    #[test]
    fn the_parser_and_view_survive_any_json(doc in json_value()) {
        let _ = parse_rates(&doc);
        if let Ok((feed, _)) = parse_feed(&doc) {
            let model = view::build(&feed, None, &Config::default(), 10, &split_marks);
            prop_assert!(model.cards.len() <= 10);
        }
    }

    #[test]
    fn the_parser_and_view_survive_feed_shaped_json(doc in feed_shaped()) {
        let (feed, _) = parse_feed(&doc).expect("an object with items parses");
        let model = view::build(&feed, None, &Config::default(), 3, &split_marks);
        prop_assert!(model.cards.len() <= 3);
        if let Some(counter) = model.counter {
            prop_assert!(counter.last <= counter.total);
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_xml_reader_and_view_survive_any_tree(root in xml_tree()) {
        if let Ok((feed, _)) = parse_syndication(&root) {
            let model = view::build(&feed, None, &Config::default(), 10, &split_marks);
            prop_assert!(model.cards.len() <= 10);
            prop_assert!(feed.items.iter().all(|i| i.title.is_some() || !i.text.trim().is_empty()));
        }
    }

    /// What the XML stage writes reads back, as JSON Feed, to the feed the
    /// XML reader gave (a link that is not followed is shown as none either
    /// way), with its problems.
    #[test]
    fn any_feed_reads_the_same_through_the_xml_stage(root in xml_tree()) {
        let converted = xmlfeed::convert_root(&root);
        match parse_syndication(&root) {
            Ok((mut feed, problems)) => {
                for item in &mut feed.items {
                    item.url = item.url.take().filter(|url| safe_link(url).is_some());
                }
                let doc = json::parse(xmlfeed::answer(&converted).expect("a feed")).expect("JSON");
                let (read, more) = parse_feed(&doc).expect("JSON Feed");
                prop_assert_eq!(read, feed);
                prop_assert!(more.is_empty(), "{:?}", more);
                let carried: Vec<String> = xmlfeed::problems(&doc).map(|p| p.to_string()).collect();
                prop_assert_eq!(carried, problems.iter().map(ToString::to_string).collect::<Vec<_>>());
            }
            Err(_) => prop_assert!(xmlfeed::answer(&converted).is_err()),
        }
    }

    /// Every well-formed RSS date is read with the date as written.
    #[test]
    fn an_rss_date_keeps_the_date_written(
        (year, month, day) in (1970i32..2100, 1u32..=12, 1u32..=31),
        (hour, minute, second) in (0u32..24, 0u32..60, 0u32..60),
        zone in prop_oneof![Just("GMT".to_owned()), Just("EST".to_owned()), "[+-](0[0-9]|1[0-4])[0-5][0-9]"],
        weekday in any::<bool>(),
    ) {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let Some(date) = CalendarDate::new(year, month, day) else { return Ok(()) };
        let text = format!(
            "{}{day:02} {} {year} {hour:02}:{minute:02}:{second:02} {zone}",
            if weekday { "Mon, " } else { "" },
            MONTHS[month as usize - 1]
        );
        prop_assert_eq!(Timestamp::parse_rfc822(&text).map(|t| t.date), Some(date), "{}", text);
    }

    #[test]
    fn date_parsers_survive_any_text(text in "\\PC{0,40}") {
        let _ = Timestamp::parse_rfc822(&text);
        let _ = Timestamp::parse(&text);
    }
}

/// XML trees with the names, namespaces and attributes RSS and Atom use,
/// nested a few levels, with text of any kind.
fn xml_tree() -> impl Strategy<Value = Element> {
    let namespace = prop_oneof![
        3 => Just(None),
        2 => Just(Some(xml::ATOM.to_owned())),
        1 => Just(Some(xml::RSS_1.to_owned())),
        1 => Just(Some(xml::RDF.to_owned())),
        1 => Just(Some(xml::CONTENT.to_owned())),
        1 => Just(Some(xml::DUBLIN_CORE.to_owned())),
    ];
    let name = prop_oneof![
        Just("rss"),
        Just("RDF"),
        Just("channel"),
        Just("item"),
        Just("title"),
        Just("link"),
        Just("guid"),
        Just("description"),
        Just("encoded"),
        Just("pubDate"),
        Just("date"),
        Just("feed"),
        Just("entry"),
        Just("id"),
        Just("summary"),
        Just("content"),
        Just("published"),
        Just("updated"),
        Just("script"),
    ];
    let attribute = (
        prop_oneof![Just("type"), Just("rel"), Just("href"), Just("src"), Just("isPermaLink")],
        prop_oneof![
            Just("html"),
            Just("xhtml"),
            Just("text"),
            Just("alternate"),
            Just("false"),
            Just("image/png"),
            Just("https://a.example/x"),
            Just("javascript:x")
        ],
    )
        .prop_map(|(n, v)| (n.to_owned(), v.to_owned()));
    let text = prop_oneof![
        "\\PC{0,30}",
        Just("Wed, 02 Oct 2002 13:00:00 GMT".to_owned()),
        Just("2025-11-13T09:00:00+06:00".to_owned()),
        Just("&lt;p&gt;x&lt;/p&gt;".to_owned()),
    ]
    .prop_map(Node::Text);
    let leaf = (name.clone(), namespace.clone(), prop::collection::vec(attribute.clone(), 0..2), text.clone())
        .prop_map(|(name, namespace, attributes, text)| Element {
            name: name.to_owned(),
            namespace,
            attributes,
            children: vec![text],
        });
    leaf.prop_recursive(4, 96, 10, move |inner| {
        let child = prop_oneof![3 => inner.prop_map(Node::Element), 1 => text.clone()];
        (
            name.clone(),
            namespace.clone(),
            prop::collection::vec(attribute.clone(), 0..2),
            prop::collection::vec(child, 0..10),
        )
            .prop_map(|(name, namespace, attributes, children)| Element {
                name: name.to_owned(),
                namespace,
                attributes,
                children,
            })
    })
}

/// Any JSON value, nested a few levels, with keys the parser looks for.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        "-?[0-9]{1,30}(\\.[0-9]{0,30})?(e-?[0-9]{1,3})?".prop_map(Value::Number),
        "\\PC{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let key = prop_oneof![
            Just("items"),
            Just("_ticker"),
            Just("rates"),
            Just("rate"),
            Just("base"),
            Just("quote"),
            Just("title"),
            Just("content_html"),
            Just("date_published"),
            Just("as_of"),
            Just("previous"),
            Just("change_pct"),
            Just("id"),
            Just("url"),
            Just("version"),
        ]
        .prop_map(str::to_owned);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..8).prop_map(Value::Object),
        ]
    })
}

/// Objects with an `items` list of item-like objects and a `_ticker`.
fn feed_shaped() -> impl Strategy<Value = Value> {
    let text = prop_oneof![Just(Value::Null), "\\PC{0,30}".prop_map(Value::String), Just(Value::Number("1".into()))];
    let decimal = prop_oneof![
        "-?[0-9]{1,30}(\\.[0-9]{0,30})?".prop_map(Value::String),
        "-?[0-9]{1,5}(e-?[0-9]{1,2})?".prop_map(Value::Number),
        Just(Value::Bool(true)),
    ];
    let item = (text.clone(), text.clone(), text.clone(), text.clone()).prop_map(|(id, title, html, date)| {
        Value::Object(vec![
            ("id".into(), id),
            ("title".into(), title),
            ("content_html".into(), html),
            ("date_published".into(), date),
        ])
    });
    let rate = (text.clone(), text, decimal.clone(), decimal).prop_map(|(base, quote, rate, previous)| {
        Value::Object(vec![
            ("base".into(), base),
            ("quote".into(), quote),
            ("rate".into(), rate),
            ("previous".into(), previous),
        ])
    });
    (prop::collection::vec(item, 0..12), prop::collection::vec(rate, 0..6)).prop_map(|(items, rates)| {
        Value::Object(vec![
            ("items".into(), Value::Array(items)),
            ("_ticker".into(), Value::Object(vec![("rates".into(), Value::Array(rates))])),
        ])
    })
}

proptest! {
    #![proptest_config(config())]

    /// The widget's own JSON reader reads what serde_json writes to the same
    /// values (numbers as the digits written), compact or indented.
    #[test]
    fn the_json_reader_reads_what_serde_json_writes(doc in serde_value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&doc) } else { serde_json::to_string(&doc) }.unwrap();
        prop_assert_eq!(json::parse(&text), Ok(ours(&doc)));
    }

    /// Cut or patched anywhere, a text is read exactly when serde_json (a
    /// strict RFC 8259 reader, as `JSON.parse` is) reads it; only numbers
    /// past the float range differ, which `JSON.parse` reads as infinite.
    #[test]
    fn the_json_reader_refuses_what_a_strict_reader_refuses(
        doc in serde_value(),
        at in any::<prop::sample::Index>(),
        cut in 0usize..3,
        patch in "[\\[\\]{},:\"0-9eE.+\\- a-z\\\\]{0,2}",
    ) {
        let text = serde_json::to_string(&doc).unwrap();
        let mut bytes = text.into_bytes();
        let at = at.index(bytes.len() + 1);
        let end = (at + cut).min(bytes.len());
        bytes.splice(at..end, patch.bytes());
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
        // serde_json is loose after an exponent too large for a float (it
        // reads `4.6E463990e+1` and `1.7e+960[`); `JSON.parse` is not, nor is ours.
        prop_assume!(!huge_exponent(&text));
        let strict = serde_json::from_str::<serde_json::Value>(&text);
        // `JSON.parse` reads 1e400 as Infinity where serde_json refuses it.
        let strict_ok = strict.map_err(|e| e.to_string()).map_or_else(|e| e.starts_with("number out of range"), |_| true);
        prop_assert_eq!(json::parse(&text).is_ok(), strict_ok, "{:?}", text);
    }
}

fn serde_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value as J;
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<i64>().prop_map(J::from),
        (any::<i32>(), -30i32..30).prop_map(|(m, e)| J::from(f64::from(m) * 10f64.powi(e))),
        "(\\PC|[\\x00-\\x1f\"\\\\/]){0,12}".prop_map(J::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(J::Array),
            prop::collection::btree_map("\\PC{0,6}", inner, 0..6).prop_map(|m| J::Object(m.into_iter().collect())),
        ]
    })
}

/// An exponent of three digits or more (`e+960`), which may overflow a float.
fn huge_exponent(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        let after = match b.get(i + 1) {
            Some(b'+' | b'-') => i + 2,
            _ => i + 1,
        };
        matches!(b[i], b'e' | b'E') && b.get(after..after + 3).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    })
}

/// The same value in the reader's terms.
fn ours(doc: &serde_json::Value) -> Value {
    use serde_json::Value as J;
    match doc {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => Value::Number(n.to_string()),
        J::String(s) => Value::String(s.clone()),
        J::Array(items) => Value::Array(items.iter().map(ours).collect()),
        J::Object(members) => Value::Object(members.iter().map(|(k, v)| (k.clone(), ours(v))).collect()),
    }
}
