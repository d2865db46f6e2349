//! The feed validator's report: what `news-ticker-validate` prints. The
//! checks are the widget's own parser, so a feed the validator passes is a
//! feed the widget shows whole.

use crate::feed::{parse_feed, parse_rates, Feed};
use crate::json::Value;
use crate::problem::{Hint, Parsed, Problem, Severity};
use crate::syndication::{parse_syndication, Format};
use crate::xml::Element;
use std::fmt::Write;

/// What a document was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A JSON Feed (it has an `items` list, or is not a rates document).
    Feed,
    /// A rates document for `data-rates`: `{"rates": […]}` or a bare list.
    Rates,
    /// An RSS feed.
    Rss,
    /// An Atom feed.
    Atom,
    /// XML that is neither RSS nor Atom.
    Xml,
}

#[derive(Clone, Debug, PartialEq, Eq)]
/// What the validator says of one document.
pub struct Report {
    /// What the document was read as.
    pub kind: Kind,
    /// `5 items, 5 rates`, or what stopped the document being read.
    pub summary: String,
    /// Every problem found, in document order.
    pub problems: Vec<Problem>,
}

impl Report {
    /// How many problems are errors.
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.severity == Severity::Error).count()
    }

    /// How many problems are warnings.
    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }

    /// The report as the validator prints it: one block per problem, then
    /// the totals.
    pub fn text(&self, name: &str) -> String {
        let kind = match self.kind {
            Kind::Feed => "JSON Feed",
            Kind::Rates => "rates document",
            Kind::Rss => "RSS feed",
            Kind::Atom => "Atom feed",
            Kind::Xml => "XML document",
        };
        let mut out = format!("{name}: {kind}, {}\n", self.summary);
        for p in &self.problems {
            let label = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let _ = writeln!(out, "{label:<8} {}: {}\n{:<8} hint: {}", p.path, p.message, "", p.hint.text());
        }
        let _ = writeln!(out, "{}, {}", plural(self.errors(), "error"), plural(self.warnings(), "warning"));
        out
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Checks a parsed JSON document. A document that is a list, or an object
/// with `rates` and no `items`, is read as a rates document.
pub fn validate(doc: &Value) -> Report {
    let is_rates = matches!(doc, Value::Array(_)) || (doc.get("items").is_none() && doc.get("rates").is_some());
    let (kind, parsed) = if is_rates {
        let parsed = parse_rates(doc).map(|(t, mut problems)| {
            if t.rates.is_empty() {
                problems.push(Problem {
                    severity: Severity::Warning,
                    path: "rates".to_owned(),
                    message: "has no usable rate; the marquee stays empty".to_owned(),
                    hint: Hint::EmptyRates,
                });
            }
            (plural(t.rates.len(), "rate"), problems)
        });
        (Kind::Rates, parsed)
    } else {
        let parsed = parse_feed(doc).map(|(feed, mut problems)| {
            let rates = feed.ticker.as_ref().map_or(0, |t| t.rates.len());
            no_items(&feed, &mut problems, "items");
            (format!("{}, {}", plural(feed.items.len(), "item"), plural(rates, "rate")), problems)
        });
        (Kind::Feed, parsed)
    };
    let hint = if kind == Kind::Rates { Hint::RatesShape } else { Hint::FeedShape };
    report(kind, parsed, "$", hint)
}

/// Checks an RSS or Atom document, as the widget reads it.
pub fn validate_xml(root: &Element) -> Report {
    let kind = match Format::of(root) {
        Some(Format::Rss) => Kind::Rss,
        Some(Format::Atom) => Kind::Atom,
        None => Kind::Xml,
    };
    let parsed = parse_syndication(root).map(|(feed, mut problems)| {
        no_items(&feed, &mut problems, if kind == Kind::Atom { "/feed" } else { "/rss/channel" });
        (plural(feed.items.len(), "item"), problems)
    });
    report(kind, parsed, "/", Hint::FeedShape)
}

/// [`validate_xml`] of a tree that had to be repaired first, with the
/// repair's warning (see [`crate::xml::parse_repaired`]) first.
pub fn validate_repaired(root: &Element, repaired: Option<String>) -> Report {
    let mut report = validate_xml(root);
    if let Some(message) = repaired {
        let problem = Problem { severity: Severity::Warning, path: "/".to_owned(), message, hint: Hint::WellFormed };
        report.problems.insert(0, problem);
    }
    report
}

/// A warning for a feed without items: the widget shows "No results".
fn no_items(feed: &Feed, problems: &mut Vec<Problem>, path: &str) {
    if feed.items.is_empty() {
        problems.push(Problem {
            severity: Severity::Warning,
            path: path.to_owned(),
            message: "has no items; the widget shows \"No results\"".to_owned(),
            hint: Hint::EmptyItems,
        });
    }
}

/// The report of a parse; a document that cannot be read at all is one
/// error at its `root`.
fn report(kind: Kind, parsed: Parsed<String>, root: &str, hint: Hint) -> Report {
    match parsed {
        Ok((summary, problems)) => Report { kind, summary, problems },
        Err(e) => Report {
            kind,
            summary: "not readable".to_owned(),
            problems: vec![Problem { severity: Severity::Error, path: root.to_owned(), message: e.to_string(), hint }],
        },
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn report(text: &str) -> Report {
        validate(&crate::json::parse(text).expect("test JSON"))
    }

    #[test]
    fn a_clean_feed_has_no_problems() {
        let r = report(include_str!("../../../www/feed.json"));
        assert_eq!(
            (r.kind, r.summary.as_str(), r.errors(), r.warnings()),
            (Kind::Feed, "5 items, 5 rates", 0, 0),
            "{r:#?}"
        );
        assert!(r.text("feed.json").ends_with("0 errors, 0 warnings\n"));
    }

    #[test]
    fn the_sample_rates_document_is_clean() {
        let r = report(include_str!("../../../www/rates.json"));
        assert_eq!((r.kind, r.errors(), r.warnings()), (Kind::Rates, 0, 0), "{r:#?}");
    }

    #[test]
    fn problems_are_listed_with_path_and_hint() {
        let r = report(
            r#"{"version": "https://jsonfeed.org/version/1.1", "items": [
                {"id": "1", "title": "A", "date_published": "yesterday"}, {"id": "2"}]}"#,
        );
        assert_eq!((r.errors(), r.warnings()), (1, 1));
        assert_eq!(
            r.text("f.json"),
            "f.json: JSON Feed, 1 item, 0 rates\n\
             warning  items[0].date_published: \"yesterday\" is not an RFC 3339 date; ignored\n         \
             hint: use RFC 3339 with an offset, e.g. \"2025-11-13T09:00:00+06:00\"\n\
             error    items[1]: has no title and no text; skipped\n         \
             hint: give each item a title or a text (JSON Feed content_text, RSS description, Atom summary)\n\
             1 error, 1 warning\n"
        );
    }

    #[test]
    fn an_unreadable_document_is_one_error_at_the_root() {
        for (text, kind) in
            [(r#"{"title": "no items"}"#, Kind::Feed), (r#"{"rates": 5}"#, Kind::Rates), (r#""x""#, Kind::Feed)]
        {
            let r = report(text);
            assert_eq!((r.kind, r.errors(), r.problems[0].path.as_str()), (kind, 1, "$"), "{text}");
        }
    }

    #[test]
    fn rss_and_atom_are_checked_with_xml_paths() {
        let xml = |text: &str| validate_xml(&crate::xml::parse(text).expect("test XML"));
        for (sample, kind) in
            [(include_str!("../../../www/rss.xml"), Kind::Rss), (include_str!("../../../www/atom.xml"), Kind::Atom)]
        {
            let r = xml(sample);
            assert_eq!((r.kind, r.summary.as_str(), r.errors(), r.warnings()), (kind, "5 items", 0, 0), "{r:#?}");
        }
        let r = xml("<rss><channel><item><title>t</title><pubDate>Nov 13</pubDate></item><item/></channel></rss>");
        assert_eq!(
            r.text("f.xml"),
            "f.xml: RSS feed, 1 item\n\
             warning  /rss/channel/item[1]/pubDate: \"Nov 13\" is not an RFC 822 date; ignored\n         \
             hint: use RFC 822, e.g. \"Thu, 13 Nov 2025 09:00:00 +0600\"\n\
             error    /rss/channel/item[2]: has no title and no text; skipped\n         \
             hint: give each item a title or a text (JSON Feed content_text, RSS description, Atom summary)\n\
             1 error, 1 warning\n"
        );
        let r = xml("<html/>");
        assert_eq!((r.kind, r.errors(), r.problems[0].path.as_str()), (Kind::Xml, 1, "/"));
        let r = xml(r#"<feed xmlns="http://www.w3.org/2005/Atom"/>"#);
        assert_eq!((r.kind, r.errors(), r.warnings(), r.problems[0].path.as_str()), (Kind::Atom, 0, 1, "/feed"));
    }

    #[test]
    fn an_empty_feed_or_rates_list_is_a_warning() {
        let r = report(r#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#);
        assert_eq!((r.errors(), r.warnings(), r.problems[0].path.as_str()), (0, 1, "items"));
        let r = report("[]");
        assert_eq!((r.kind, r.errors(), r.warnings(), r.problems[0].path.as_str()), (Kind::Rates, 0, 1, "rates"));
    }
}
