//! The feed model: JSON Feed 1.0/1.1 with the `_ticker` extension, and the
//! standalone rates document of `data-rates`.
//!
//! Parsing is tolerant by design. The feed as a whole must be an object with
//! an `items` list (or, for a rates document, a `rates` list); past that,
//! every item and rate stands alone: a bad one is skipped with one warning
//! and the rest renders. Nothing here interprets markup: `content_html` is
//! reduced to plain text by [`html_to_text`](crate::html::html_to_text), which only drops tags and
//! decodes entities.
//!
//! Over 450 lines for its tests: the readers themselves are about 260.

use crate::date::Timestamp;
use crate::decimal::{change_percent, parse_decimal, whole};
use crate::html::collapse_whitespace;
use crate::item::{capped, distinct, item_from, Fields, Item, Read, Text};
use crate::json::Value;
use crate::problem::{clipped, FeedError, Hint, Parsed, Problems};
use rust_decimal::Decimal;

#[derive(Clone, Debug, PartialEq)]
/// A feed read into the widget's model, whatever its format.
pub struct Feed {
    /// The feed's title.
    pub title: Option<String>,
    /// The `_ticker` extension, when the feed has one.
    pub ticker: Option<Ticker>,
    /// Its items, in the feed's order.
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Default)]
/// The rates the marquee shows, with their date.
pub struct Ticker {
    /// The date the rates are of.
    pub as_of: Option<Timestamp>,
    /// The rates, in the document's order.
    pub rates: Vec<Rate>,
}

#[derive(Clone, Debug, PartialEq)]
/// One exchange rate: how many `quote` one `base` buys.
pub struct Rate {
    /// The base currency's code, upper case.
    pub base: String,
    /// The quote currency's code, upper case.
    pub quote: String,
    /// The rate, every digit as written.
    pub rate: Decimal,
    /// `change_pct` as sent, else computed from `previous`, else zero.
    pub change: Decimal,
    /// The rate's own date (its publication's), which wins over the
    /// ticker's `as_of` for it.
    pub as_of: Option<Timestamp>,
}

/// The most items read from one feed; the rest are dropped with a warning.
pub const MAX_ITEMS: usize = 1_000;
/// The most rates read from one document.
pub const MAX_RATES: usize = 200;
const _: () = assert!(MAX_ITEMS <= crate::json::MAX_ARRAY && MAX_RATES <= crate::json::MAX_ARRAY);

/// Parses a JSON Feed (1.0 or 1.1) with an optional `_ticker`.
pub fn parse_feed(doc: &Value) -> Parsed<Feed> {
    if !matches!(doc, Value::Object(_)) {
        return Err(FeedError::NotAnObject(doc.kind()));
    }
    let items = doc.get("items").and_then(Value::as_array).ok_or(FeedError::MissingList("items"))?;
    let mut problems = Problems::default();
    match doc.get("version") {
        Some(Value::String(v)) if v.starts_with("https://jsonfeed.org/version/1") => {}
        Some(other) => problems.warning(
            "version",
            ["is ", &shown(Some(other)), ", not a JSON Feed 1.x version; read as JSON Feed 1.1"].concat(),
            Hint::Version,
        ),
        None => problems.warning("version", "is missing; read as JSON Feed 1.1".to_owned(), Hint::Version),
    }
    let ticker = match doc.get("_ticker") {
        None | Some(Value::Null) => None,
        Some(t) => match read_ticker(t, "_ticker", &mut problems) {
            Some(ticker) => Some(ticker),
            None => {
                problems.warning(
                    "_ticker",
                    ["is ", t.kind(), ", not an object with a \"rates\" list or a list; ignored"].concat(),
                    Hint::Ticker,
                );
                None
            }
        },
    };
    if items.len() > MAX_ITEMS {
        problems.warning("items", entries(items.len(), MAX_ITEMS), Hint::FewerItems);
    }
    let authors = names(doc);
    let read =
        items.iter().take(MAX_ITEMS).enumerate().filter_map(|(i, item)| read_item(item, i, &authors, &mut problems));
    let items = distinct(read.collect(), &mut problems);
    not_a_string(doc.get("title"), "", "title", &mut problems);
    let title = doc.get("title").and_then(Value::as_str).map(|t| collapse_whitespace(capped(t)));
    Ok((Feed { title, ticker, items }, problems.0))
}

/// Parses a rates document: `{"as_of": …, "rates": […]}`, or the list alone.
pub fn parse_rates(doc: &Value) -> Parsed<Ticker> {
    let mut problems = Problems::default();
    match read_ticker(doc, "rates document", &mut problems) {
        Some(ticker) => Ok((ticker, problems.0)),
        None if matches!(doc, Value::Object(_)) => Err(FeedError::MissingList("rates")),
        None => Err(FeedError::NotAnObject(doc.kind())),
    }
}

/// `None` when `doc` is neither an object with a `rates` list nor a list.
fn read_ticker(doc: &Value, place: &str, problems: &mut Problems) -> Option<Ticker> {
    let (as_of, rates) = match doc {
        Value::Array(rates) => (None, rates.as_slice()),
        Value::Object(_) => (doc.get("as_of"), doc.get("rates")?.as_array()?),
        _ => return None,
    };
    let as_of = as_of.and_then(|v| timestamp(v, || [place, ".as_of"].concat(), problems));
    if rates.len() > MAX_RATES {
        problems.warning(&[place, ".rates"].concat(), entries(rates.len(), MAX_RATES), Hint::FewerRates);
    }
    let rates = rates
        .iter()
        .take(MAX_RATES)
        .enumerate()
        .filter_map(|(i, r)| read_rate(r, &[place, ".rates[", &whole(i as u64, 1), "]"].concat(), problems))
        .collect();
    Some(Ticker { as_of, rates })
}

fn read_rate(rate: &Value, place: &str, problems: &mut Problems) -> Option<Rate> {
    let mut skip = |why: String, hint: Hint| {
        problems.error(place, why + "; skipped", hint);
        None
    };
    if !matches!(rate, Value::Object(_)) {
        return skip(["is ", rate.kind(), ", not an object"].concat(), Hint::RateObject);
    }
    let Some(base) = currency_code(rate.get("base")) else {
        return skip("has no valid \"base\" currency code".to_owned(), Hint::CurrencyCode);
    };
    let Some(quote) = currency_code(rate.get("quote")) else {
        return skip("has no valid \"quote\" currency code".to_owned(), Hint::CurrencyCode);
    };
    let field = |name: &str| rate.get(name).filter(|v| !matches!(v, Value::Null));
    let Some(value) = field("rate").and_then(decimal) else {
        return skip(
            ["(", &base, "/", &quote, ") has no decimal \"rate\": ", &shown(field("rate"))].concat(),
            Hint::Decimal,
        );
    };
    let change = match (field("change_pct"), field("previous")) {
        (Some(sent), _) => match decimal(sent) {
            Some(change) => change,
            None => {
                let why =
                    ["(", &base, "/", &quote, ") has a \"change_pct\" that is not a decimal: ", &shown(Some(sent))]
                        .concat();
                return skip(why, Hint::Decimal);
            }
        },
        (None, Some(previous)) => match decimal(previous) {
            Some(previous) => change_percent(value, previous).unwrap_or(Decimal::ZERO),
            None => {
                let why =
                    ["(", &base, "/", &quote, ") has a \"previous\" that is not a decimal: ", &shown(Some(previous))]
                        .concat();
                return skip(why, Hint::Decimal);
            }
        },
        (None, None) => Decimal::ZERO,
    };
    let as_of = field("as_of").and_then(|v| timestamp(v, || [place, ".as_of"].concat(), problems));
    Some(Rate { base, quote, rate: value, change, as_of })
}

/// The warning for a list longer than is read.
fn entries(len: usize, max: usize) -> String {
    ["has ", &whole(len as u64, 1), " entries; only the first ", &whole(max as u64, 1), " are read"].concat()
}

/// A value for a message: strings quoted, other types by kind.
fn shown(value: Option<&Value>) -> String {
    match value {
        None => "missing".to_owned(),
        Some(Value::String(s)) => ["\"", &clipped(s), "\""].concat(),
        Some(Value::Number(n)) => n.clone(),
        Some(other) => other.kind().to_owned(),
    }
}

/// A decimal sent as a JSON string or number.
fn decimal(value: &Value) -> Option<Decimal> {
    match value {
        Value::String(s) | Value::Number(s) => parse_decimal(s),
        _ => None,
    }
}

/// A currency code sent as a JSON string.
fn currency_code(value: Option<&Value>) -> Option<String> {
    crate::format::currency_code(value?.as_str()?)
}

/// A date; `place` makes the path for a warning, only when there is one
/// (a feed of 1,000 good items formats no paths).
fn timestamp(value: &Value, place: impl FnOnce() -> String, problems: &mut Problems) -> Option<Timestamp> {
    match value {
        Value::Null => None,
        Value::String(s) => {
            let parsed = Timestamp::parse(s);
            if parsed.is_none() {
                let why = shown(Some(value)) + " is not an RFC 3339 date; ignored";
                problems.warning(&place(), why, Hint::Date);
            }
            parsed
        }
        other => {
            problems.warning(&place(), ["is ", other.kind(), ", not a date string; ignored"].concat(), Hint::Date);
            None
        }
    }
}

/// A warning for a field that should be a string and is another type;
/// its path is `place.field` (or `field` at the top).
fn not_a_string(value: Option<&Value>, place: &str, field: &str, problems: &mut Problems) {
    if let Some(v) = value.filter(|v| !matches!(v, Value::String(_) | Value::Null)) {
        let path = if place.is_empty() { field.to_owned() } else { [place, ".", field].concat() };
        problems.warning(&path, ["is ", v.kind(), ", not a string; ignored"].concat(), Hint::TextFields);
    }
}

/// The names of JSON Feed 1.1 `authors` (or 1.0 `author`) of an item or feed.
fn names(doc: &Value) -> Vec<String> {
    let mut names = Vec::new();
    let one = doc.get("author").map(std::slice::from_ref).unwrap_or_default();
    let authors = doc.get("authors").and_then(Value::as_array).unwrap_or(one);
    for author in authors.iter().take(crate::item::MAX_AUTHORS) {
        if let Some(name) = author.get("name").and_then(Value::as_str) {
            names.push(name.to_owned());
        }
    }
    names
}

fn read_item(item: &Value, index: usize, feed_authors: &[String], problems: &mut Problems) -> Option<Read> {
    let place = ["items[", &whole(index as u64, 1), "]"].concat();
    if !matches!(item, Value::Object(_)) {
        problems.error(&place, ["is ", item.kind(), ", not an object; skipped"].concat(), Hint::ItemObject);
        return None;
    }
    for name in ["title", "content_text", "summary", "content_html", "url", "image", "banner_image"] {
        not_a_string(item.get(name), &place, name, problems);
    }
    if matches!(item.get("id"), Some(Value::Bool(_) | Value::Array(_) | Value::Object(_))) {
        problems.warning(&[&place, ".id"].concat(), "is not a string or a number; ignored".to_owned(), Hint::IdType);
    }
    let text = |field: &'static str, html: bool| Some(Text { field, text: item.get(field)?.as_str()?, html });
    let date = |field: &str, problems: &mut Problems| {
        item.get(field).and_then(|v| timestamp(v, || [&place, ".", field].concat(), problems))
    };
    let published = match date("date_published", problems) {
        Some(published) => Some(published),
        None => date("date_modified", problems),
    };
    let authors = names(item);
    let fields = Fields {
        id: match item.get("id") {
            Some(Value::String(s)) | Some(Value::Number(s)) => Some((s.clone(), "id")),
            _ => None,
        },
        url: text("url", false),
        title: text("title", false),
        body: [text("content_text", false), text("summary", false), text("content_html", true)],
        published,
        authors,
        feed_authors,
        image: text("image", false).filter(|t| !t.text.trim().is_empty()).or(text("banner_image", false)),
    };
    item_from(fields, place, ".", problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::item::MAX_TEXT_BYTES;
    use crate::problem::Severity;

    fn json(text: &str) -> Value {
        crate::json::parse(text).expect("test JSON is valid")
    }

    /// A feed and its problems as the widget prints them.
    fn feed(text: &str) -> (Feed, Vec<String>) {
        let (feed, problems) = parse_feed(&json(text)).expect("feed parses");
        let noted = problems.iter().filter(|p| p.path != "version").map(|p| p.to_string()).collect();
        (feed, noted)
    }

    #[test]
    fn rates_accept_strings_and_numbers_and_keep_digits() {
        let (f, warnings) = feed(
            r#"{"items": [], "_ticker": {"as_of": "2025-11-13T09:00:00Z", "rates": [
                {"base": "KGS", "quote": "USD", "rate": "0.01144", "change_pct": "0"},
                {"base": "UZS", "quote": "USD", "rate": 0.00008, "previous": "0.00008"},
                {"base": "kzt", "quote": "usd", "rate": "0.001910"}
            ]}}"#,
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let t = f.ticker.expect("ticker");
        let shown: Vec<String> =
            t.rates.iter().map(|r| format!("{}/{} {} {}", r.base, r.quote, r.rate, r.change)).collect();
        assert_eq!(shown, ["KGS/USD 0.01144 0", "UZS/USD 0.00008 0", "KZT/USD 0.001910 0"]);
        assert_eq!(t.as_of.map(|a| (a.date.year, a.date.month, a.date.day)), Some((2025, 11, 13)));
    }

    #[test]
    fn change_pct_wins_over_previous() {
        let (f, _) = feed(
            r#"{"items": [], "_ticker": {"rates": [
            {"base": "A", "quote": "B", "rate": "2", "change_pct": "-1.50", "previous": "1"}]}}"#,
        );
        assert_eq!(f.ticker.unwrap().rates[0].change.to_string(), "-1.50");
    }

    #[test]
    fn change_is_computed_from_previous() {
        let (f, _) = feed(
            r#"{"items": [], "_ticker": {"rates": [
            {"base": "A", "quote": "B", "rate": "101.5", "previous": 100},
            {"base": "C", "quote": "D", "rate": "1", "previous": "0"}]}}"#,
        );
        let changes: Vec<String> = f.ticker.unwrap().rates.iter().map(|r| r.change.to_string()).collect();
        assert_eq!(changes, ["1.5", "0"]);
    }

    #[test]
    fn a_bad_rate_is_skipped_with_one_warning_and_the_rest_kept() {
        let (f, warnings) = feed(
            r#"{"items": [], "_ticker": {"rates": [
            {"base": "KGS", "quote": "USD", "rate": "abc"},
            {"base": "KZT", "quote": "USD", "rate": "0.00191"},
            {"base": "", "quote": "USD", "rate": "1"},
            {"base": "TJS", "quote": "USD", "rate": "1", "change_pct": "up"},
            {"base": "TMT", "quote": "USD", "rate": "1", "previous": true},
            "KGS/USD",
            {"base": "<b>", "quote": "USD", "rate": "1"}
        ]}}"#,
        );
        let kept: Vec<&str> = f.ticker.as_ref().unwrap().rates.iter().map(|r| r.base.as_str()).collect();
        assert_eq!(kept, ["KZT"]);
        assert_eq!(warnings.len(), 6, "{warnings:#?}");
        assert!(warnings[0].contains("_ticker.rates[0]") && warnings[0].contains("\"abc\""), "{}", warnings[0]);
    }

    #[test]
    fn item_text_comes_from_content_text_then_summary_then_html() {
        let (f, warnings) = feed(
            r#"{"items": [
            {"id": "1", "title": "A", "content_text": "plain", "summary": "sum", "content_html": "<p>html</p>"},
            {"id": "2", "title": "B", "summary": "sum", "content_html": "<p>html</p>"},
            {"id": 3, "title": "C", "content_html": "<p>one</p><p>two &amp; three</p>"},
            {"id": "4", "title": "D"}
        ]}"#,
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let texts: Vec<&str> = f.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, ["plain", "sum", "one two & three", ""]);
        assert_eq!(f.items[2].id.as_deref(), Some("3"));
    }

    #[test]
    fn an_item_without_title_or_text_is_skipped_with_a_warning() {
        let (f, warnings) = feed(
            r#"{"items": [
            {"id": "1", "url": "https://a.example"},
            {"id": "2", "title": "  ", "content_text": " "},
            {"id": "3", "content_text": "text only"},
            42,
            {"id": "5", "title": "kept", "date_published": "yesterday"}
        ]}"#,
        );
        assert_eq!(f.items.iter().map(|i| i.id.as_deref().unwrap()).collect::<Vec<_>>(), ["3", "5"]);
        assert_eq!(warnings.len(), 4, "{warnings:#?}");
        assert!(warnings[3].contains("items[4].date_published"), "{}", warnings[3]);
    }

    #[test]
    fn wrong_shapes_are_errors_with_a_reason() {
        assert_eq!(parse_feed(&json("[]")), Err(FeedError::NotAnObject("an array")));
        assert_eq!(parse_feed(&json("null")), Err(FeedError::NotAnObject("null")));
        assert_eq!(parse_feed(&json(r#"{"title": "x"}"#)), Err(FeedError::MissingList("items")));
        assert_eq!(parse_feed(&json(r#"{"items": {}}"#)), Err(FeedError::MissingList("items")));
        assert_eq!(FeedError::MissingList("items").to_string(), "the feed has no \"items\" list");
    }

    #[test]
    fn a_rates_document_may_be_an_object_or_a_bare_list() {
        let (t, _) = parse_rates(&json(
            r#"{"as_of": "2025-11-13T09:00:00Z", "rates": [{"base": "A", "quote": "B", "rate": 1}]}"#,
        ))
        .unwrap();
        assert_eq!(t.rates.len(), 1);
        assert!(t.as_of.is_some());
        let (t, _) = parse_rates(&json(r#"[{"base": "A", "quote": "B", "rate": "2"}]"#)).unwrap();
        assert_eq!(t.rates[0].rate.to_string(), "2");
        assert_eq!(parse_rates(&json(r#"{"x": 1}"#)), Err(FeedError::MissingList("rates")));
        assert_eq!(parse_rates(&json(r#""rates""#)), Err(FeedError::NotAnObject("a string")));
    }

    #[test]
    fn problems_carry_a_path_a_severity_and_a_hint() {
        let (_, problems) = parse_feed(&json(
            r#"{"version": "https://jsonfeed.org/version/1", "items": [
                {"id": "1", "title": "ok", "date_published": "13/11/2025"},
                7
            ], "_ticker": {"rates": [{"base": "KGS", "quote": "USD", "rate": "1,5"}]}}"#,
        ))
        .unwrap();
        let seen: Vec<(Severity, &str)> = problems.iter().map(|p| (p.severity, p.path.as_str())).collect();
        assert_eq!(
            seen,
            [
                (Severity::Error, "_ticker.rates[0]"),
                (Severity::Warning, "items[0].date_published"),
                (Severity::Error, "items[1]"),
            ]
        );
        assert!(problems.iter().all(|p| !p.hint.text().is_empty()));
        assert_eq!(problems[0].to_string(), "_ticker.rates[0] (KGS/USD) has no decimal \"rate\": \"1,5\"; skipped");
    }

    #[test]
    fn json_feed_1_0_and_1_1_are_read_and_other_versions_warned_about() {
        for version in ["https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1"] {
            let doc = format!(r#"{{"version": "{version}", "items": [{{"id": "1", "title": "A"}}]}}"#);
            let (f, problems) = parse_feed(&json(&doc)).unwrap();
            assert_eq!((f.items.len(), problems), (1, vec![]), "{version}");
        }
        for doc in [r#"{"items": []}"#, r#"{"version": "2", "items": []}"#, r#"{"version": 1, "items": []}"#] {
            let (_, problems) = parse_feed(&json(doc)).unwrap();
            assert_eq!(problems.len(), 1, "{doc}");
            assert_eq!((problems[0].severity, problems[0].path.as_str()), (Severity::Warning, "version"));
        }
    }

    #[test]
    fn a_repeated_id_is_shown_once_with_a_warning() {
        let (f, warnings) = feed(
            r#"{"items": [
            {"id": "a", "title": "first"}, {"id": "b", "title": "other"},
            {"id": "a", "title": "again"}, {"title": "no id"}, {"title": "no id"}
        ]}"#,
        );
        let titles: Vec<&str> = f.items.iter().map(|i| i.title.as_deref().unwrap()).collect();
        assert_eq!(titles, ["first", "other", "no id", "no id"]);
        assert_eq!(warnings, ["items[2].id repeats the id of items[0]; shown once"]);
    }

    #[test]
    fn among_many_items_each_repeat_is_found_and_only_repeats() {
        // Ids 0..900, then every hundredth again: 9 repeats, warned against
        // their first item; the rest are kept in order.
        let ids: Vec<usize> = (0..900).chain((0..900).step_by(100)).collect();
        let items: Vec<String> = ids.iter().map(|i| format!(r#"{{"id": "{i}", "title": "t"}}"#)).collect();
        let (f, warnings) = feed(&format!(r#"{{"items": [{}]}}"#, items.join(",")));
        let kept: Vec<String> = f.items.iter().filter_map(|i| i.id.clone()).collect();
        assert_eq!(kept, (0..900).map(|i| i.to_string()).collect::<Vec<_>>());
        let expected: Vec<String> =
            (0..9).map(|k| format!("items[{}].id repeats the id of items[{}]; shown once", 900 + k, k * 100)).collect();
        assert_eq!(warnings, expected);
    }

    #[test]
    fn a_link_that_will_not_be_followed_is_warned_about() {
        let (f, warnings) = feed(
            r#"{"items": [{"id": "1", "title": "t", "url": "javascript:alert(1)"},
            {"id": "2", "title": "u", "url": "/relative"}]}"#,
        );
        assert_eq!(f.items.len(), 2);
        assert_eq!(
            warnings,
            [r#"items[0].url "javascript:alert(1)" is not an http or https link; the title is shown without it"#]
        );
    }

    #[test]
    fn item_and_rate_counts_are_capped() {
        let items: Vec<String> = (0..MAX_ITEMS + 5).map(|i| format!(r#"{{"id": "{i}", "title": "t{i}"}}"#)).collect();
        let rates: Vec<String> =
            (0..MAX_RATES + 1).map(|_| r#"{"base": "A", "quote": "B", "rate": 1}"#.to_owned()).collect();
        let doc = format!(r#"{{"items": [{}], "_ticker": {{"rates": [{}]}}}}"#, items.join(","), rates.join(","));
        let (f, warnings) = feed(&doc);
        assert_eq!((f.items.len(), f.ticker.unwrap().rates.len()), (MAX_ITEMS, MAX_RATES));
        assert_eq!(
            warnings,
            [
                format!("_ticker.rates has {} entries; only the first {MAX_RATES} are read", MAX_RATES + 1),
                format!("items has {} entries; only the first {MAX_ITEMS} are read", MAX_ITEMS + 5),
            ]
        );
    }

    #[test]
    fn item_text_is_capped_at_a_character_boundary() {
        // Two-byte letters, so the cap falls inside one unless cut with care.
        let long = "й".repeat(MAX_TEXT_BYTES / 2 + 10);
        let doc = serde_json::json!({"items": [{"id": "1", "title": "t", "content_text": format!("x{long}")}]});
        let (f, problems) = parse_feed(&crate::json::parse(&doc.to_string()).unwrap()).unwrap();
        let text = &f.items[0].text;
        assert!(text.len() <= MAX_TEXT_BYTES && text.len() > MAX_TEXT_BYTES - 2, "{}", text.len());
        assert!(text.starts_with("xйй"));
        assert_eq!(problems.last().map(|p| p.path.as_str()), Some("items[0].content_text"));
    }
}
