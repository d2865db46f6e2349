//! `www/schema/feed.schema.json` and the widget's parser must agree: every
//! document here is either clean for both (the schema accepts it and the
//! parser reports nothing) or flagged by both. A rule added to one and not
//! the other fails this test.
#![cfg(not(target_arch = "wasm32"))]

use news_ticker_rules::feed::{parse_feed, parse_rates};
use news_ticker_rules::json::Value;

struct Schema {
    schemas: boon::Schemas,
    feed: boon::SchemaIndex,
    rates: boon::SchemaIndex,
}

fn schema() -> Schema {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let feed = compiler.compile("www/schema/feed.schema.json", &mut schemas).expect("the feed schema compiles");
    let rates =
        compiler.compile("www/schema/feed.schema.json#/$defs/ticker", &mut schemas).expect("the ticker part compiles");
    Schema { schemas, feed, rates }
}

/// (schema accepts, parser reports nothing) for a document, with `schema`
/// the part of the schema and `parse` the parser that reads it.
fn judge<T>(
    s: &Schema,
    schema: boon::SchemaIndex,
    parse: fn(&Value) -> news_ticker_rules::problem::Parsed<T>,
    text: &str,
) -> (bool, bool) {
    let json: serde_json::Value = serde_json::from_str(text).expect("test JSON");
    let value: Value = news_ticker_rules::json::parse(text).expect("test JSON");
    let parser_clean = matches!(parse(&value), Ok((_, problems)) if problems.is_empty());
    (s.schemas.validate(&json, schema).is_ok(), parser_clean)
}

fn judge_feed(s: &Schema, text: &str) -> (bool, bool) {
    judge(s, s.feed, parse_feed, text)
}

fn judge_rates(s: &Schema, text: &str) -> (bool, bool) {
    judge(s, s.rates, parse_rates, text)
}

const V: &str = r#""version": "https://jsonfeed.org/version/1.1""#;

fn feed(body: &str) -> String {
    format!("{{{V}, {body}}}")
}

#[test]
fn the_sample_feeds_are_clean_for_both() {
    let s = schema();
    assert_eq!(judge_feed(&s, include_str!("../www/feed.json")), (true, true));
    assert_eq!(judge_rates(&s, include_str!("../www/rates.json")), (true, true));
}

#[test]
fn clean_documents_are_clean_for_both() {
    let s = schema();
    let clean = [
        r#"{"version": "https://jsonfeed.org/version/1", "items": []}"#.to_owned(),
        feed(
            r#""title": "T", "items": [{"id": 1, "title": "A", "url": "/a", "date_published": "2025-11-13t08:00:00.5z"}]"#,
        ),
        feed(r#""items": [{"summary": "only a summary"}, {"content_html": "<p>x</p>", "url": "https://a.example"}]"#),
        feed(r#""items": [], "_ticker": [{"base": "KGS", "quote": "USD", "rate": 0.01144, "change_pct": null}]"#),
        feed(
            r#""items": [], "_ticker": {"as_of": "2025-11-13 09:00:00+06:00", "rates": [
            {"base": "kgs", "quote": "USD", "rate": " 8e-5 ", "previous": "-0.00008"}]}"#,
        ),
    ];
    for doc in &clean {
        assert_eq!(judge_feed(&s, doc), (true, true), "{doc}");
    }
}

#[test]
fn flawed_documents_are_flagged_by_both() {
    let s = schema();
    let big = (0..1001).map(|i| format!(r#"{{"id": {i}, "title": "t"}}"#)).collect::<Vec<_>>().join(",");
    let flawed = [
        r#"{"items": []}"#.to_owned(),
        r#"{"version": "https://jsonfeed.org/version/2", "items": []}"#.to_owned(),
        feed(r#""items": {}"#),
        feed(r#""title": 5, "items": []"#),
        feed(r#""items": [{"id": "1"}]"#),
        feed(r#""items": [{"id": "1", "title": "  "}]"#),
        feed(r#""items": [7]"#),
        feed(r#""items": [{"title": "A", "content_text": 5}]"#),
        feed(r#""items": [{"title": "A", "url": "javascript:alert(1)"}]"#),
        feed(r#""items": [{"title": "A", "date_published": "13 November 2025"}]"#),
        feed(r#""items": [{"title": "A", "id": true}]"#),
        feed(&format!(r#""items": [{big}]"#)),
        feed(r#""items": [], "_ticker": "KGS/USD""#),
        feed(r#""items": [], "_ticker": {"rates": [{"base": "KGS", "quote": "USD", "rate": "1,5"}]}"#),
        feed(r#""items": [], "_ticker": {"rates": [{"base": "<b>", "quote": "USD", "rate": "1"}]}"#),
        feed(r#""items": [], "_ticker": {"rates": [{"base": "KGS", "quote": "USD"}]}"#),
        feed(
            r#""items": [], "_ticker": {"rates": [{"base": "KGS", "quote": "USD", "rate": "1", "change_pct": "up"}]}"#,
        ),
        feed(r#""items": [], "_ticker": {"as_of": "yesterday", "rates": []}"#),
    ];
    for doc in &flawed {
        assert_eq!(judge_feed(&s, doc), (false, false), "{}", &doc[..doc.len().min(200)]);
    }
    for doc in
        [r#"{"as_of": 5, "rates": []}"#, r#"[{"base": "A", "quote": "B", "rate": true}]"#, r#"{"rates": "none"}"#]
    {
        assert_eq!(judge_rates(&s, doc), (false, false), "{doc}");
    }
}
