//! The XML stage: RSS and Atom, as the browser's parser flattened them
//! (`ntHost.xml`, in the form [`xml::encode`] documents), turned into the JSON Feed
//! text the widget reads.
//!
//! Few feeds are XML, so its reader is not in the widget's module: the
//! crate `crates/xml-stage` makes a second module of it
//! (`news-ticker_xml.wasm`) whose one job is [`convert`], downloaded the
//! first time a feed on the page turns out to be XML. The widget's module
//! knows only [`answer`], which reads what came back. Everything shown
//! is decided as for any JSON Feed, and the converted text is what is
//! compared with the last load and cached, so a cached XML feed shows on
//! the next page at once, without the stage.
//!
//! The answer is JSON Feed text (it starts with `{`) or a failure:
//!
//! | answer | failure |
//! |---|---|
//! | empty | the page's Trusted Types settings refused the XML parser |
//! | `!` message | not well-formed XML (the parser's message) |
//! | `<` name | XML whose root is not RSS or Atom |
//! | `^` | RSS without a `channel` |
//! | `#` reason | the stage module could not be loaded |
//!
//! What the reader found wrong in the feed (a skipped item, a bad date)
//! travels in the text as `"_xml_problems": [[path, message], …]`, so each
//! warning is given once per new content, cached or not, with the XML
//! path it is about.

use crate::failure::LoadError;
use crate::format::safe_link;
use crate::html::collapse_whitespace;
use crate::json::{write_string, Value};
use crate::problem::{clipped, FeedError, Hint, Problem, Severity};
use crate::syndication::parse_syndication;
use crate::xml::{self, Element};

/// The member of a converted feed that holds the XML reader's problems.
pub const PROBLEMS: &str = "_xml_problems";

/// Reads a flattened RSS or Atom document and writes it as JSON Feed (see
/// the module documentation for the answer).
///
/// A flattened tree that the host parsed only after [`repair`] starts with
/// U+0001, the repair's warning and a NUL: the warning is given with the
/// feed's own.
pub fn convert(input: &str) -> String {
    let (note, flat) = match input.strip_prefix('\u{1}').and_then(|rest| rest.split_once('\0')) {
        Some((note, flat)) => (Some(note), flat),
        None => (None, input),
    };
    match xml::decode(flat) {
        Some(root) => convert_noted(&root, note),
        None => "!".to_owned(),
    }
}

/// What the host parses again when the text was not well-formed: the
/// repaired text after the repair's warning and a NUL, or nothing when
/// there was nothing to repair.
pub fn repair(text: &str) -> String {
    crate::repair::repair(text).map(|(text, note)| [note, text].join("\0")).unwrap_or_default()
}

/// [`convert`] for a tree already decoded.
pub fn convert_root(root: &Element) -> String {
    convert_noted(root, None)
}

fn convert_noted(root: &Element, note: Option<&str>) -> String {
    let (feed, mut problems) = match parse_syndication(root) {
        Ok(read) => read,
        Err(FeedError::NotSyndication(name)) => return ["<", &name].concat(),
        Err(_) => return "^".to_owned(),
    };
    if let Some(message) = note {
        let problem = Problem {
            severity: Severity::Warning,
            path: "/".to_owned(),
            message: message.to_owned(),
            hint: Hint::WellFormed,
        };
        problems.insert(0, problem);
    }
    let mut out = String::from(r#"{"version":"https://jsonfeed.org/version/1.1""#);
    if let Some(title) = &feed.title {
        member(&mut out, "title", title);
    }
    out.push_str(r#","items":["#);
    for (i, item) in feed.items.iter().enumerate() {
        out.push_str(if i == 0 { "{" } else { ",{" });
        let mut fields = Vec::with_capacity(5);
        fields.extend(item.id.as_deref().map(|id| ("id", id.to_owned())));
        // A link that will not be followed was warned about here already.
        fields.extend(item.url.as_deref().filter(|url| safe_link(url).is_some()).map(|url| ("url", url.to_owned())));
        fields.extend(item.title.as_deref().map(|title| ("title", title.to_owned())));
        fields.push(("content_text", item.text.clone()));
        fields.extend(item.published.map(|date| ("date_published", date.rfc3339())));
        fields.extend(item.image.as_deref().map(|image| ("image", image.to_owned())));
        for (n, (name, value)) in fields.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            write_string(&mut out, name);
            out.push(':');
            write_string(&mut out, value);
        }
        for (n, name) in item.authors.iter().enumerate() {
            out.push_str(if n == 0 { r#","authors":[{"name":"# } else { r#"},{"name":"# });
            write_string(&mut out, name);
        }
        out.push_str(if item.authors.is_empty() { "}" } else { "}]}" });
    }
    out.push(']');
    if !problems.is_empty() {
        out.push_str(r#",""#);
        out.push_str(PROBLEMS);
        out.push_str(r#"":["#);
        for (i, problem) in problems.iter().enumerate() {
            out.push_str(if i == 0 { "[" } else { ",[" });
            write_string(&mut out, &problem.path);
            out.push(',');
            write_string(&mut out, &problem.message);
            out.push(']');
        }
        out.push(']');
    }
    out.push('}');
    out
}

fn member(out: &mut String, name: &str, value: &str) {
    out.push(',');
    write_string(out, name);
    out.push(':');
    write_string(out, value);
}

/// What the stage (or the host before it) answered: the JSON Feed text, or
/// why there is none.
pub fn answer(text: &str) -> Result<&str, LoadError> {
    let mut chars = text.chars();
    let rest = chars.as_str().get(1..).unwrap_or_default();
    match chars.next() {
        Some('{') => Ok(text),
        None => Err(LoadError::XmlBlocked),
        Some('!') => Err(LoadError::NotXml(clipped(&collapse_whitespace(rest)))),
        Some('<') => Err(LoadError::Shape(FeedError::NotSyndication(rest.to_owned()))),
        Some('^') => Err(LoadError::Shape(FeedError::MissingElement("channel"))),
        _ => Err(LoadError::NoXmlReader(rest.to_owned())),
    }
}

/// The problems a converted feed carries (none for any other JSON Feed).
pub fn problems(doc: &Value) -> impl Iterator<Item = Problem> + '_ {
    let listed = doc.get(PROBLEMS).and_then(Value::as_array).unwrap_or_default();
    listed.iter().filter_map(|pair| match pair.as_array()? {
        [path, message] => Some(Problem {
            severity: Severity::Warning,
            path: path.as_str()?.to_owned(),
            message: message.as_str()?.to_owned(),
            hint: Hint::FeedShape,
        }),
        _ => None,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::feed::{parse_feed, Feed};
    use crate::json;

    /// The feed as the widget reads it from the stage's answer, with the
    /// problems carried in it.
    fn through_the_stage(xml_text: &str) -> (Feed, Vec<String>) {
        let converted = convert_root(&xml::parse(xml_text).expect("test XML"));
        let doc = json::parse(answer(&converted).expect("a JSON Feed")).expect("JSON");
        let (feed, problems) = parse_feed(&doc).expect("a feed");
        assert!(problems.is_empty(), "the converted feed reads without problems: {problems:?}");
        (feed, self::problems(&doc).map(|p| p.to_string()).collect())
    }

    /// What the XML reader gives directly, as the widget would show it:
    /// a link that will not be followed is shown as no link.
    fn direct(xml_text: &str) -> (Feed, Vec<String>) {
        let (mut feed, problems) = parse_syndication(&xml::parse(xml_text).expect("test XML")).expect("a feed");
        for item in &mut feed.items {
            item.url = item.url.take().filter(|url| safe_link(url).is_some());
        }
        (feed, problems.iter().map(ToString::to_string).collect())
    }

    fn sample(name: &str) -> String {
        std::fs::read_to_string(format!("{}/../../{name}", env!("CARGO_MANIFEST_DIR"))).expect("sample file")
    }

    #[test]
    fn a_feed_reads_the_same_through_the_stage() {
        let messy = r#"<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <title> My  "feed" \ </title>
            <item><title>A &amp; B</title><guid>https://a.example/1</guid><pubDate>Thu, 13 Nov 2025 00:30:00 +0600</pubDate>
              <description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&#10;tab&#9;&lt;/p&gt;</description></item>
            <item><title>C</title><guid isPermaLink="false">id-2</guid><link>javascript:alert(1)</link>
              <content:encoded><![CDATA[<p>Only <i>encoded</i></p><script>alert(1)</script>]]></content:encoded></item>
            <item><title>C again</title><guid isPermaLink="false">id-2</guid></item>
            <item><description>   </description></item>
            <item><title>Bad date</title><pubDate>yesterday</pubDate></item>
            <item><description>Text only</description><link> https://a.example/3 </link></item>
            </channel></rss>"#;
        for text in
            [sample("www/rss.xml"), sample("www/atom.xml"), sample("tests/e2e/feeds/messy.rss"), messy.to_owned()]
        {
            let (feed, problems) = direct(&text);
            assert!(!feed.items.is_empty());
            assert_eq!(through_the_stage(&text), (feed, problems));
        }
        let (_, problems) = direct(messy);
        assert_eq!(problems.len(), 4, "{problems:?}");
    }

    #[test]
    fn what_is_not_a_feed_is_answered_as_a_failure() {
        let failed = |text: &str| answer(&convert_root(&xml::parse(text).expect("test XML"))).err();
        assert_eq!(failed("<opml/>"), Some(LoadError::Shape(FeedError::NotSyndication("opml".into()))));
        assert_eq!(failed("<rss/>"), Some(LoadError::Shape(FeedError::MissingElement("channel"))));
    }

    #[test]
    fn failures_are_told_apart_by_their_first_character() {
        use LoadError::*;
        assert_eq!(answer(""), Err(XmlBlocked));
        assert_eq!(answer("!  line 2:\n bad  "), Err(NotXml("line 2: bad".into())));
        assert_eq!(answer("<opml"), Err(Shape(FeedError::NotSyndication("opml".into()))));
        assert_eq!(answer("^"), Err(Shape(FeedError::MissingElement("channel"))));
        assert_eq!(answer("#HTTP 404"), Err(NoXmlReader("HTTP 404".into())));
        assert_eq!(answer(r#"{"items":[]}"#), Ok(r#"{"items":[]}"#));
        assert_eq!(convert("e\0x"), "!");
    }
}
