//! A fetched text read by what it is written in: the one dispatch the
//! widget, the validator, the feed builder and the fuzzing share. JSON is
//! read here; XML by whatever reads it where the caller runs (natively
//! [`xml::parse_repaired`](crate::xml), in the browser the page's parser
//! and the XML stage, later); a web page is refused.

use crate::json::{self, JsonError, Value};

/// What a fetched text is written in, told from its start (past a
/// byte-order mark and white space), not from its URL or media type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Anything else: read as JSON.
    Json,
    /// Starts with `<`: RSS or Atom, to be read as XML.
    Xml,
    /// Starts with `<!DOCTYPE html` or `<html`: a web page (often a login
    /// or error page) where a feed was expected.
    Html,
}

impl Syntax {
    /// The syntax `text` is written in.
    pub fn of(text: &str) -> Syntax {
        let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']).as_bytes();
        let starts =
            |prefix: &str| start.get(..prefix.len()).is_some_and(|s| s.eq_ignore_ascii_case(prefix.as_bytes()));
        let html_tag = starts("<html") && matches!(start.get(5), None | Some(b'>' | b' ' | b'\t' | b'\r' | b'\n'));
        if starts("<!doctype html") || html_tag {
            Syntax::Html
        } else if starts("<") {
            Syntax::Xml
        } else {
            Syntax::Json
        }
    }
}

/// A document read by its syntax: JSON as a value, XML as the caller's
/// reader made it.
#[derive(Debug)]
pub enum Document<X> {
    /// A JSON document (a feed, or a rates document).
    Json(Value),
    /// An XML document (RSS or Atom, or neither).
    Xml(X),
}

/// Why a text is not a document the widget reads.
#[derive(Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// It reads as JSON, and is not JSON.
    NotJson(JsonError),
    /// It starts with `<`, and the XML reader refused it; holds why.
    NotXml(String),
    /// It is a web page (often a login or error page).
    Html,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Unreadable::NotJson(e) => write!(f, "not JSON: {e}"),
            Unreadable::NotXml(e) => write!(f, "not well-formed XML: {e}"),
            Unreadable::Html => f.write_str("an HTML page, not JSON Feed, RSS or Atom"),
        }
    }
}

/// Reads `text` (a byte-order mark left out) by its [`Syntax`]: JSON with
/// [`json::parse`], XML with `xml`.
pub fn read<X>(text: &str, xml: impl FnOnce(&str) -> Result<X, String>) -> Result<Document<X>, Unreadable> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match Syntax::of(text) {
        Syntax::Json => json::parse(text).map(Document::Json).map_err(Unreadable::NotJson),
        Syntax::Xml => xml(text).map(Document::Xml).map_err(Unreadable::NotXml),
        Syntax::Html => Err(Unreadable::Html),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_and_html_are_told_from_json_by_their_content() {
        for xml in ["<rss/>", "\u{feff}<?xml version=\"1.0\"?><feed/>", " \r\n\t<feed/>", "<htmlish/>"] {
            assert_eq!(Syntax::of(xml), Syntax::Xml, "{xml:?}");
        }
        for html in ["<!DOCTYPE html><p>", "\n<!doctype HTML>", "<html lang=en>", "<HTML>"] {
            assert_eq!(Syntax::of(html), Syntax::Html, "{html:?}");
        }
        for other in ["{\"items\": []}", "[]", "", "\"<rss/>\"", "x<rss/>"] {
            assert_eq!(Syntax::of(other), Syntax::Json, "{other:?}");
        }
    }

    #[test]
    fn each_syntax_goes_to_its_reader() {
        let xml = |text: &str| if text == "<bad" { Err("broken".to_owned()) } else { Ok(text.len()) };
        assert!(matches!(read("\u{feff}{\"items\": []}", xml), Ok(Document::Json(Value::Object(_)))));
        assert!(matches!(read("\u{feff}<rss/>", xml), Ok(Document::Xml(6))));
        assert_eq!(read("<bad", xml).unwrap_err(), Unreadable::NotXml("broken".into()));
        assert!(matches!(read("{", xml), Err(Unreadable::NotJson(_))));
        assert_eq!(read("<!doctype html><p>", xml).unwrap_err(), Unreadable::Html);
        assert_eq!(read("<html>", xml).unwrap_err().to_string(), "an HTML page, not JSON Feed, RSS or Atom");
    }
}
