//! The documents the builder publishes: a JSON Feed 1.1 with `_ticker`,
//! and optionally the rates alone for `data-rates`. Written by hand in one
//! fixed order with no run timestamp, so an unchanged input gives the same
//! bytes (the CDN's `ETag` holds and every widget refresh is a 304), and
//! checked by the validator's rules before anyone may write it.

use super::history::Kept;
use super::pairs::Pair;
use news_ticker_rules::item::Item;
use news_ticker_rules::json::{self, write_string};
use news_ticker_rules::validate::validate;

/// A pair and its record, as the marquee shows it.
pub struct RateLine<'a> {
    /// The pair.
    pub pair: &'a Pair,
    /// What is kept of it.
    pub kept: &'a Kept,
}

/// The headlines of several feeds as one list: newest first (undated ones
/// after, in their feeds' order), an item whose id or link was already
/// taken left out, at most `max`.
pub fn merge(feeds: Vec<Vec<Item>>, max: usize) -> Vec<Item> {
    let mut all: Vec<Item> = feeds.into_iter().flatten().collect();
    // Stable: equal dates keep their feeds' order.
    all.sort_by_key(|item| std::cmp::Reverse(item.published.as_ref().map(|t| t.instant)));
    let mut seen: Vec<String> = Vec::new();
    let mut merged = Vec::new();
    for item in all {
        let keys: Vec<String> = [item.id.clone(), item.url.clone()].into_iter().flatten().collect();
        if keys.iter().any(|k| seen.contains(k)) {
            continue;
        }
        seen.extend(keys);
        merged.push(item);
        if merged.len() == max {
            break;
        }
    }
    merged
}

/// `"key": "text"` with the indentation of `depth`.
fn field(out: &mut String, depth: usize, key: &str, text: &str, last: bool) {
    out.push_str(&"  ".repeat(depth));
    write_string(out, key);
    out.push_str(": ");
    write_string(out, text);
    out.push_str(if last { "\n" } else { ",\n" });
}

/// The `_ticker` object (or the rates document) at `depth`, its closing
/// brace without a newline.
fn ticker(out: &mut String, depth: usize, rates: &[RateLine]) {
    let pad = "  ".repeat(depth);
    out.push_str("{\n");
    // The newest publication date among the rates, as midnight UTC: the widget shows its calendar date.
    if let Some(newest) = rates.iter().map(|r| r.kept.date).max() {
        field(out, depth + 1, "as_of", &format!("{}T00:00:00Z", newest.iso()), false);
    }
    out.push_str(&format!("{pad}  \"rates\": [\n"));
    for (i, line) in rates.iter().enumerate() {
        let Kept { rate, previous, date, .. } = line.kept;
        let mut parts =
            vec![("base", line.pair.base.clone()), ("quote", line.pair.quote.clone()), ("rate", rate.to_string())];
        if let Some(previous) = previous {
            parts.push(("previous", previous.to_string()));
        }
        // Each rate's own publication date: one pair may be older than the newest.
        parts.push(("as_of", format!("{}T00:00:00Z", date.iso())));
        let written: Vec<String> = parts
            .iter()
            .map(|(k, v)| {
                let mut s = String::new();
                write_string(&mut s, k);
                s.push_str(": ");
                write_string(&mut s, v);
                s
            })
            .collect();
        let comma = if i + 1 < rates.len() { "," } else { "" };
        out.push_str(&format!("{pad}    {{{}}}{comma}\n", written.join(", ")));
    }
    out.push_str(&format!("{pad}  ]\n{pad}}}"));
}

/// The feed: title, home page, `_ticker` when there are rates, the items.
pub fn feed_document(title: &str, home_page_url: Option<&str>, rates: &[RateLine], items: &[Item]) -> String {
    let mut out = String::from("{\n");
    field(&mut out, 1, "version", "https://jsonfeed.org/version/1.1", false);
    field(&mut out, 1, "title", title, false);
    if let Some(home) = home_page_url {
        field(&mut out, 1, "home_page_url", home, false);
    }
    if !rates.is_empty() {
        out.push_str("  \"_ticker\": ");
        ticker(&mut out, 1, rates);
        out.push_str(",\n");
    }
    out.push_str("  \"items\": [");
    for (i, item) in items.iter().enumerate() {
        out.push_str(if i == 0 { "\n    {\n" } else { ",\n    {\n" });
        let id = item.id.clone().or_else(|| item.url.clone()).unwrap_or_else(|| format!("{i}"));
        let mut fields: Vec<(&str, String)> = vec![("id", id)];
        fields.extend(item.url.clone().map(|u| ("url", u)));
        fields.extend(item.title.clone().map(|t| ("title", t)));
        if !item.text.is_empty() {
            fields.push(("content_text", item.text.clone()));
        }
        fields.extend(item.published.as_ref().map(|t| ("date_published", t.rfc3339())));
        fields.extend(item.image.clone().map(|image| ("image", image)));
        for (n, (key, value)) in fields.iter().enumerate() {
            field(&mut out, 3, key, value, n + 1 == fields.len() && item.authors.is_empty());
        }
        if !item.authors.is_empty() {
            // The names, one object each: `"authors": [{"name": "…"}]`.
            let names: Vec<String> = item
                .authors
                .iter()
                .map(|name| {
                    let mut written = String::from("{\"name\": ");
                    write_string(&mut written, name);
                    written.push('}');
                    written
                })
                .collect();
            out.push_str(&format!("      \"authors\": [{}]\n", names.join(", ")));
        }
        out.push_str("    }");
    }
    out.push_str(if items.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    out
}

/// The rates alone, for `data-rates`.
pub fn rates_document(rates: &[RateLine]) -> String {
    let mut out = String::new();
    ticker(&mut out, 0, rates);
    out.push('\n');
    out
}

/// Whether a document may be written: the validator's report if it finds
/// an error (its warnings, such as a feed without items, are the run's to
/// weigh).
pub fn check(document: &str) -> Result<(), String> {
    let doc = json::parse(document).map_err(|e| format!("not JSON: {e}"))?;
    let report = validate(&doc);
    if report.errors() == 0 {
        Ok(())
    } else {
        Err(report.text("the built feed"))
    }
}
