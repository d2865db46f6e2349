//! RSS (2.0, and the RDF-based 0.90 and 1.0) and Atom 1.0, read from an
//! XML tree into the same [`Feed`] as JSON Feed. These feeds give headlines
//! only; rates come from `data-rates`. The rules all formats share (blank
//! fields, text caps, markup reduced to text, links, repeated ids) are in
//! [`crate::feed`], so an item reads the same whatever format it came in.
//!
//! | JSON Feed | RSS | Atom |
//! |---|---|---|
//! | `title` | `title` | `title` (text, html or xhtml) |
//! | `url` | `link`, else a permalink `guid` | `link` with `rel="alternate"` or no `rel` |
//! | `id` | `guid` | `id` |
//! | `content_text` | | `content` of type text |
//! | `summary` | `description` (HTML) | `summary` |
//! | `content_html` | `content:encoded` | `content` of type html or xhtml |
//! | `date_published` | `pubDate` (RFC 822), else `dc:date` | `published`, else `updated` |
//! | `authors` | `author` (a name, not an address alone), `dc:creator`; else the channel's `dc:creator` | `author/name`, else the feed's |
//! | `image` | `media:thumbnail`, else an image `media:content`, else an image `enclosure` | an image `link rel="enclosure"` |

use crate::date::Timestamp;
use crate::feed::{Feed, MAX_ITEMS};
use crate::format::resolve;
use crate::html::{collapse_whitespace, html_to_text, is_markup};
use crate::item::{capped, distinct, item_from, Fields, Read, Text};
use crate::problem::{clipped, FeedError, Hint, Parsed, Problems};
use crate::xml::{
    Element, ATOM, ATOM_03, CONTENT, DUBLIN_CORE, ITUNES, MEDIA, RDF, RSS_0_90, RSS_1, RSS_USERLAND, XHTML,
};

/// RSS elements have no namespace in 0.91 to 2.0 (but UserLand's in some
/// 2.0 feeds), and one in 0.90 and 1.0.
const RSS: [Option<&str>; 4] = [None, Some(RSS_1), Some(RSS_0_90), Some(RSS_USERLAND)];

/// Which XML format a document is, from its root element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RSS 0.9x, 1.0 or 2.0.
    Rss,
    /// Atom 1.0 or 0.3.
    Atom,
}

impl Format {
    /// The format of a document with this root element, if it is a feed.
    pub fn of(root: &Element) -> Option<Format> {
        // Atom 1.0, or 0.3 (in its namespace, or none with version="0.3").
        let atom_03 = root.is(None, "feed") && root.attribute("version").is_some_and(|v| v.starts_with("0."));
        if root.is(Some(ATOM), "feed") || root.is(Some(ATOM_03), "feed") || atom_03 {
            Some(Format::Atom)
        } else if (root.name == "rss" && RSS.contains(&root.namespace.as_deref())) || root.is(Some(RDF), "RDF") {
            Some(Format::Rss)
        } else {
            None
        }
    }
}

/// Reads an RSS or Atom document.
pub fn parse_syndication(root: &Element) -> Parsed<Feed> {
    let mut problems = Problems::default();
    let feed = match Format::of(root) {
        Some(Format::Atom) => atom(root, &mut problems),
        Some(Format::Rss) if root.name == "rss" => {
            let channel = root.child(&RSS, "channel").ok_or(FeedError::MissingElement("channel"))?;
            rss(channel, channel, "/rss/channel", &mut problems)
        }
        // RSS 0.90 and 1.0: the items stand beside the channel, not in it.
        Some(Format::Rss) => {
            let channel = root.child(&RSS, "channel").unwrap_or(root);
            rss(channel, root, "/rdf:RDF", &mut problems)
        }
        None => return Err(FeedError::NotSyndication(clipped(&root.name))),
    };
    Ok((feed, problems.0))
}

fn rss(channel: &Element, parent: &Element, place: &str, problems: &mut Problems) -> Feed {
    let items = parent.elements().filter(|e| e.name == "item" && RSS.contains(&e.namespace.as_deref()));
    let around = Around { authors: rss_names(channel), base: base(None, channel) };
    let read = entries(items, place, "item", &around, problems, rss_item);
    let title = channel.child(&RSS, "title").map(|t| rss_title(&t.text()));
    Feed { title: title.filter(|t| !t.is_empty()), ticker: None, items: distinct(read, problems) }
}

/// An RSS title as feed readers read it: as HTML text when it holds
/// markup or a character reference (`Q&amp;amp;A` is `Q&A`, a CDATA
/// `<b>` is dropped), as written when it is plain (`AT&T`, `x < y`). RSS
/// never says which it is; Atom's `type` does.
fn rss_title(text: &str) -> String {
    if is_markup(text) {
        html_to_text(capped(text))
    } else {
        collapse_whitespace(capped(text))
    }
}

/// Atom 1.0 or 0.3: the elements are in the feed element's own namespace.
fn atom(feed: &Element, problems: &mut Problems) -> Feed {
    let ns = feed.namespace.as_deref();
    let entries_found = feed.elements().filter(|e| e.is(ns, "entry"));
    let around = Around { authors: atom_names(feed), base: base(None, feed) };
    let read = entries(entries_found, "/feed", "entry", &around, problems, atom_entry);
    let title = feed.child(&[ns], "title").and_then(construct).map(|(text, kind)| match kind {
        Kind::Html => html_to_text(capped(&text)),
        Kind::Text | Kind::Xhtml => collapse_whitespace(capped(&text)),
    });
    Feed { title: title.filter(|t| !t.is_empty()), ticker: None, items: distinct(read, problems) }
}

/// Reads at most [`MAX_ITEMS`] entries, each at its XPath-like place
/// (`/rss/channel/item[3]`, counted from 1 as XPath does).
fn entries<'a>(
    found: impl Iterator<Item = &'a Element>,
    parent: &str,
    name: &str,
    around: &Around,
    problems: &mut Problems,
    read: fn(&Element, String, &Around, &mut Problems) -> Option<Read>,
) -> Vec<Read> {
    let mut out = Vec::new();
    for (i, element) in found.enumerate() {
        if i == MAX_ITEMS {
            problems.warning(
                parent,
                format!("has more than {MAX_ITEMS} <{name}> elements; only the first {MAX_ITEMS} are read"),
                Hint::FewerItems,
            );
            break;
        }
        out.extend(read(element, format!("{parent}/{name}[{}]", i + 1), around, problems));
    }
    out
}

/// What a feed gives all its items: its authors, and the base its
/// relative links resolve against (`xml:base`).
struct Around {
    authors: Vec<String>,
    base: Option<String>,
}

/// The base URL in effect inside `element`: its `xml:base` resolved
/// against the one around it.
fn base(around: Option<&str>, element: &Element) -> Option<String> {
    match element.attribute("xml:base") {
        Some(own) => Some(resolve(around, own)),
        None => around.map(str::to_owned),
    }
}

/// The names an RSS item or channel gives: its `author` and every `dc:creator`.
fn rss_names(element: &Element) -> Vec<String> {
    let mut names = Vec::new();
    for child in element.elements() {
        if child.is(Some(DUBLIN_CORE), "creator")
            || (child.name == "author" && RSS.contains(&child.namespace.as_deref()))
        {
            names.push(child.text());
        }
    }
    names
}

/// The `author/name` of an Atom entry or feed (in its own namespace).
fn atom_names(element: &Element) -> Vec<String> {
    let ns = element.namespace.as_deref();
    let mut names = Vec::new();
    for author in element.elements() {
        if let Some(name) = author.child(&[ns], "name").filter(|_| author.is(ns, "author")) {
            names.push(name.text());
        }
    }
    names
}

/// Whether a media type or Media RSS `medium` says image.
fn image_type(element: &Element) -> bool {
    element.attribute("medium") == Some("image") || element.attribute("type").is_some_and(|t| t.starts_with("image/"))
}

/// Keeps `element`'s URL in `best` if it is a better image of an RSS item:
/// a `media:thumbnail`, then an image `media:content`, then an image `enclosure`.
fn better_image<'a>(element: &'a Element, best: &mut Option<(u8, &'a str)>) {
    let media = element.namespace.as_deref() == Some(MEDIA);
    let rank = match element.name.as_str() {
        "thumbnail" if media => 0,
        "content" if media && image_type(element) => 1,
        "enclosure" if !media && image_type(element) => 2,
        _ => return,
    };
    if let Some(url) = element.attribute("url").filter(|_| best.is_none_or(|(kept, _)| rank < kept)) {
        *best = Some((rank, url));
    }
}

/// An RSS item's image, from the item or its `media:group`.
fn rss_image(item: &Element) -> Option<Text<'_>> {
    let mut best = None;
    for child in item.elements() {
        better_image(child, &mut best);
        if child.name == "group" && child.namespace.as_deref() == Some(MEDIA) {
            for inner in child.elements() {
                better_image(inner, &mut best);
            }
        }
    }
    best.map(|(_, text)| Text { field: "media", text, html: false })
}

fn rss_item(item: &Element, place: String, around: &Around, problems: &mut Problems) -> Option<Read> {
    let field = |name: &str| item.child(&RSS, name).map(Element::text);
    let item_base = base(around.base.as_deref(), item);
    let link = field("link").map(|link| resolve(item_base.as_deref(), &link));
    // The first of these elements that is there and not blank: its name
    // for messages, its text, and whether the text is markup.
    let first = |choices: &[(Option<&str>, &str, &'static str, bool)]| {
        choices.iter().find_map(|&(ns, name, shown, html)| {
            let element = if ns.is_none() { item.child(&RSS, name) } else { item.child(&[ns], name) }?;
            Some((shown, element.text(), html)).filter(|(_, text, _)| !text.trim().is_empty())
        })
    };
    let title = first(&[
        (None, "title", "title", false),
        (Some(DUBLIN_CORE), "title", "dc:title", false),
        (Some(MEDIA), "title", "media:title", false),
    ])
    // HTML text when it holds markup or a reference (see `rss_title`).
    .map(|(shown, text, _)| {
        let html = is_markup(&text);
        (shown, text, html)
    });
    let summary = first(&[
        (None, "description", "description", true),
        (Some(DUBLIN_CORE), "description", "dc:description", true),
        (Some(ITUNES), "summary", "itunes:summary", false),
    ]);
    // The whole story: escaped HTML, or XHTML elements read as words.
    let full = first(&[
        (Some(CONTENT), "encoded", "content:encoded", true),
        (Some(XHTML), "body", "xhtml:body", false),
        (None, "body", "body", false),
        (None, "fullitem", "fullitem", true),
    ]);

    let guid = item.child(&RSS, "guid");
    let id = guid.map(|g| g.text().trim().to_owned()).filter(|id| !id.is_empty());
    // A guid is a permalink unless it says otherwise.
    let permalink = guid.is_some_and(|g| g.attribute("isPermaLink") != Some("false"));
    let url = match (&link, &id) {
        (Some(link), _) if !link.trim().is_empty() => Some(Text { field: "link", text: link, html: false }),
        (_, Some(id)) if permalink => Some(Text { field: "guid", text: id, html: false }),
        _ => None,
    };
    let published = match (item.child(&RSS, "pubDate"), item.child(&[Some(DUBLIN_CORE)], "date")) {
        (Some(date), _) => date_of(date, &format!("{place}/pubDate"), problems, Timestamp::parse_rfc822, Hint::RssDate),
        (None, Some(date)) => date_of(date, &format!("{place}/dc:date"), problems, Timestamp::parse, Hint::Date),
        (None, None) => None,
    };
    let fields = Fields {
        id: id.clone().map(|id| (id, "guid")),
        url,
        title: as_text(&title),
        body: [as_text(&summary), as_text(&full), None],
        published,
        authors: rss_names(item),
        feed_authors: &around.authors,
        image: rss_image(item),
    };
    item_from(fields, place, "/", problems)
}

fn atom_entry(entry: &Element, place: String, around: &Around, problems: &mut Problems) -> Option<Read> {
    let ns = entry.namespace.as_deref();
    let child = |name: &str| entry.child(&[ns], name);
    let id = child("id").map(|id| id.text().trim().to_owned()).filter(|id| !id.is_empty());
    // Content given by reference (`src`) is not fetched. A text construct
    // in base64 or of another media type (an image, a PDF) is not read,
    // and said.
    let mut read = |name: &str| {
        let given = child(name).filter(|c| c.attribute("src").is_none())?;
        let found = construct(given);
        if found.is_none() {
            let how = given.attribute("mode").filter(|m| *m == "base64").or(given.attribute("type")).unwrap_or("");
            problems.warning(
                &format!("{place}/{name}"),
                format!("is written as {}, which is not read", clipped(how)),
                Hint::FeedShape,
            );
        }
        found
    };
    let (title, summary, content) = (read("title"), read("summary"), read("content"));
    // The alternate link: its `href`, or the URL written as its text;
    // relative to the `xml:base` in effect there.
    let entry_base = base(around.base.as_deref(), entry);
    let link = entry
        .elements()
        .filter(|e| e.is(ns, "link"))
        .find(|l| matches!(l.attribute("rel"), None | Some("alternate")))
        .and_then(|l| {
            let url = l.attribute("href").map_or_else(|| l.text().trim().to_owned(), str::to_owned);
            (!url.is_empty()).then(|| resolve(base(entry_base.as_deref(), l).as_deref(), &url))
        });
    // Atom 1.0's published, else updated; Atom 0.3's issued, else modified, else created.
    let date = ["published", "issued", "updated", "modified", "created"]
        .into_iter()
        .find_map(|name| Some((name, child(name)?)));
    let published =
        date.and_then(|(name, date)| date_of(date, &format!("{place}/{name}"), problems, Timestamp::parse, Hint::Date));
    let (plain, markup) = match &content {
        Some(c) if c.1 == Kind::Text => (Some(text("content", c)), None),
        Some(c) => (None, Some(text("content", c))),
        None => (None, None),
    };
    let fields = Fields {
        id: id.map(|id| (id, "id")),
        url: link.as_deref().map(|text| Text { field: "link", text, html: false }),
        title: title.as_ref().map(|t| text("title", t)),
        body: [plain, summary.as_ref().map(|s| text("summary", s)), markup],
        published,
        authors: atom_names(entry),
        feed_authors: &around.authors,
        image: entry
            .elements()
            .filter(|e| e.is(ns, "link") && e.attribute("rel") == Some("enclosure") && image_type(e))
            .find_map(|l| l.attribute("href"))
            .map(|text| Text { field: "link", text, html: false }),
    };
    item_from(fields, place, "/", problems)
}

/// An RSS element found by [`rss_item`]'s choices, as an item field.
fn as_text<'a>(found: &'a Option<(&'static str, String, bool)>) -> Option<Text<'a>> {
    found.as_ref().map(|(field, text, html)| Text { field, text, html: *html })
}

/// A text construct as an item field.
fn text<'a>(field: &'static str, (text, kind): &'a (String, Kind)) -> Text<'a> {
    Text { field, text, html: *kind == Kind::Html }
}

/// How an Atom text construct is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    /// Escaped HTML, to reduce to text.
    Html,
    /// Inline XHTML elements, already read as words by [`Element::text`].
    Xhtml,
}

/// An Atom text construct (`title`, `summary`, `content`) and how it is
/// written; `None` for content of another media type (an image, a PDF).
///
/// Atom 0.3 also says how it is written, in `mode`: `escaped` (markup as
/// text, as Atom 1.0's html), `xml` (inline elements, its default) or
/// `base64`, which is not read.
fn construct(element: &Element) -> Option<(String, Kind)> {
    let mut kind = match element.attribute("type").map(str::trim).unwrap_or("text") {
        "html" | "text/html" => Kind::Html,
        "xhtml" | "application/xhtml+xml" => Kind::Xhtml,
        // An empty `type` is the default, as readers take it.
        t if t.is_empty() || t == "text" || t.starts_with("text/") => Kind::Text,
        _ => return None,
    };
    if element.namespace.as_deref() != Some(ATOM) {
        match element.attribute("mode").map(str::trim).unwrap_or("xml") {
            "escaped" if kind != Kind::Text => kind = Kind::Html,
            "xml" if kind == Kind::Html => kind = Kind::Xhtml,
            "base64" => return None,
            _ => {}
        }
    }
    Some((element.text(), kind))
}

fn date_of(
    element: &Element,
    place: &str,
    problems: &mut Problems,
    parse: fn(&str) -> Option<Timestamp>,
    hint: Hint,
) -> Option<Timestamp> {
    let text = element.text();
    let parsed = parse(&text);
    if parsed.is_none() {
        let format = if hint == Hint::RssDate { "RFC 822" } else { "RFC 3339" };
        problems.warning(place, format!("\"{}\" is not an {format} date; ignored", clipped(text.trim())), hint);
    }
    parsed
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::feed::parse_feed;
    use crate::item::Item;
    use crate::problem::Severity;
    use crate::xml::parse;

    fn read(xml: &str) -> (Feed, Vec<String>) {
        let (feed, problems) = parse_syndication(&parse(xml).expect("test XML")).expect("feed");
        (feed, problems.iter().map(ToString::to_string).collect())
    }

    fn sample(name: &str) -> String {
        std::fs::read_to_string(format!("{}/../../www/{name}", env!("CARGO_MANIFEST_DIR"))).expect("sample file")
    }

    /// Title, link, text and (year, month, day, instant).
    type Shown<'a> = (Option<&'a str>, Option<&'a str>, String, Option<(i32, u32, u32, i64)>);

    /// What a card shows of an item, whitespace collapsed as excerpts collapse it.
    fn shown(item: &Item) -> Shown<'_> {
        let date = item.published.map(|t| (t.date.year, t.date.month, t.date.day, t.instant));
        (item.title.as_deref(), item.url.as_deref(), collapse_whitespace(&item.text), date)
    }

    #[test]
    fn the_rss_and_atom_samples_read_as_the_json_sample_does() {
        let json = crate::json::parse(&sample("feed.json")).unwrap();
        let (expected, _) = parse_feed(&json).unwrap();
        let expected: Vec<_> = expected.items.iter().map(shown).collect();
        for name in ["rss.xml", "atom.xml"] {
            let (feed, problems) = read(&sample(name));
            assert!(problems.is_empty(), "{name}: {problems:?}");
            assert_eq!(feed.title.as_deref(), Some("Central Asia Business Wire"), "{name}");
            assert_eq!(feed.ticker, None);
            assert_eq!(feed.items.iter().map(shown).collect::<Vec<_>>(), expected, "{name}");
        }
    }

    #[test]
    fn rss_titles_with_markup_or_references_read_as_the_browser_renders_that_html() {
        // The decoded titles' text as HTML, as Chromium renders it (tests/fixtures/html/innertext.json).
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/html/innertext.json")).unwrap();
        let browser = |markup: &str| {
            let cases = fixture["cases"].as_array().unwrap();
            let case = cases.iter().find(|c| c["markup"] == markup).unwrap_or_else(|| panic!("{markup} is no case"));
            case["text"].as_str().unwrap().to_owned()
        };
        let titles = [
            ("<title>Q&amp;amp;A with the minister</title>", "Q&amp;A with the minister"),
            ("<title><![CDATA[Rock & Roll <b>live</b>]]></title>", "Rock & Roll <b>live</b>"),
            ("<title>&lt;b&gt;Bold&lt;/b&gt; claim</title>", "<b>Bold</b> claim"),
            ("<title>AT&amp;T and R&amp;D</title>", "AT&T and R&D"),
            ("<title>x &lt; y</title>", "x < y"),
        ];
        for (element, decoded) in titles {
            let (feed, _) = read(&format!("<rss><channel>{element}<item>{element}</item></channel></rss>"));
            let expected = browser(decoded);
            assert_eq!(feed.title.as_deref(), Some(expected.as_str()), "{element}");
            assert_eq!(feed.items[0].title.as_deref(), Some(expected.as_str()), "{element}");
        }
    }

    #[test]
    fn rss_items_take_link_guid_description_and_content_encoded() {
        let (feed, problems) = read(
            r#"<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <title> My  feed </title>
            <item><title>A &amp; B</title><guid>https://a.example/1</guid>
              <description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;</description></item>
            <item><title>C</title><guid isPermaLink="false">id-2</guid>
              <content:encoded><![CDATA[<p>Only <i>encoded</i></p><script>alert(1)</script>]]></content:encoded></item>
            <item><description>Text only</description><link> https://a.example/3 </link></item>
            </channel></rss>"#,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(feed.title.as_deref(), Some("My feed"));
        let got: Vec<_> = feed
            .items
            .iter()
            .map(|i| (i.id.as_deref(), i.url.as_deref(), i.title.as_deref(), i.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("https://a.example/1"), Some("https://a.example/1"), Some("A & B"), "Hello world"),
                (Some("id-2"), None, Some("C"), "Only encoded"),
                (None, Some("https://a.example/3"), None, "Text only"),
            ]
        );
    }

    #[test]
    fn rss_1_0_and_0_91_with_a_doctype_are_read() {
        let (feed, problems) = read(
            r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://a.example/"><title>RDF feed</title></channel>
              <item rdf:about="https://a.example/1"><title>One</title><link>https://a.example/1</link>
                <dc:date>2025-11-13T09:00:00+06:00</dc:date></item>
            </rdf:RDF>"#,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(feed.title.as_deref(), Some("RDF feed"));
        assert_eq!(feed.items.len(), 1);
        assert_eq!(feed.items[0].published.map(|t| t.date.day), Some(13));

        let (feed, problems) = read(
            r#"<?xml version="1.0"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Old</title><item><title>Still read</title></item></channel></rss>"#,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(feed.items[0].title.as_deref(), Some("Still read"));
    }

    #[test]
    fn bad_rss_entries_are_skipped_or_warned_about_at_their_xml_path() {
        let (feed, problems) = read(
            r#"<rss><channel>
            <item><title>ok</title><guid>g1</guid><pubDate>yesterday</pubDate></item>
            <item><link>https://a.example/nothing-to-show</link></item>
            <item><title>again</title><guid>g1</guid></item>
            <item><title>bad link</title><link>javascript:alert(1)</link></item>
            </channel></rss>"#,
        );
        assert_eq!(feed.items.iter().map(|i| i.title.as_deref().unwrap()).collect::<Vec<_>>(), ["ok", "bad link"]);
        assert_eq!(
            problems,
            [
                r#"/rss/channel/item[1]/pubDate "yesterday" is not an RFC 822 date; ignored"#,
                "/rss/channel/item[2] has no title and no text; skipped",
                r#"/rss/channel/item[4]/link "javascript:alert(1)" is not an http or https link; the title is shown without it"#,
                "/rss/channel/item[3]/guid repeats the id of /rss/channel/item[1]; shown once",
            ]
        );
    }

    #[test]
    fn atom_entries_follow_the_text_construct_types() {
        let (feed, problems) = read(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">News &amp;amp; views</title>
            <entry><id>1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt; move</title>
              <link rel="self" href="https://a.example/self"/><link rel="enclosure" href="https://a.example/x.mp3"/>
              <link href="https://a.example/1"/>
              <summary>The summary</summary><content type="html">&lt;p&gt;The content&lt;/p&gt;</content>
              <updated>2025-11-10T00:00:00Z</updated><published>2025-11-09T23:00:00-05:00</published></entry>
            <entry><id>2</id><title>Plain</title><link rel="alternate" href="https://a.example/2"/>
              <summary type="html">ignored</summary><content type="text">Plain content wins</content></entry>
            <entry><id>3</id><title>X</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
              <p>First</p><p>second <script>alert(1)</script></p></div></content></entry>
            <entry><id>4</id><title>Out of line</title><summary>Fallback</summary>
              <content src="https://a.example/4.html" type="text/html"/></entry>
            <entry><id>5</id><title>Picture</title><content type="image/png">iVBORw0KGgo=</content></entry>
            </feed>"#,
        );
        // Content of another media type is not read, and that is said.
        assert_eq!(problems, ["/feed/entry[5]/content is written as image/png, which is not read"]);
        assert_eq!(feed.title.as_deref(), Some("News & views"));
        let got: Vec<(&str, Option<&str>, String)> = feed
            .items
            .iter()
            .map(|i| (i.title.as_deref().unwrap(), i.url.as_deref(), collapse_whitespace(&i.text)))
            .collect();
        assert_eq!(
            got,
            [
                ("Bold move", Some("https://a.example/1"), "The summary".to_owned()),
                ("Plain", Some("https://a.example/2"), "Plain content wins".to_owned()),
                ("X", None, "First second".to_owned()),
                ("Out of line", None, "Fallback".to_owned()),
                ("Picture", None, String::new()),
            ]
        );
        // `published` wins over `updated`; the date is the one written.
        let first = feed.items[0].published.unwrap();
        assert_eq!(
            (first.date.day, first.instant),
            (9, crate::date::Timestamp::parse("2025-11-10T04:00:00Z").unwrap().instant)
        );
    }

    #[test]
    fn an_atom_date_that_is_not_rfc_3339_is_warned_about() {
        let (feed, problems) = read(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title><updated>13 Nov 2025</updated></entry></feed>"#,
        );
        assert_eq!(feed.items[0].published, None);
        assert_eq!(problems, [r#"/feed/entry[1]/updated "13 Nov 2025" is not an RFC 3339 date; ignored"#]);
    }

    #[test]
    fn other_documents_are_refused_with_a_reason() {
        let error = |xml: &str| parse_syndication(&parse(xml).unwrap()).unwrap_err();
        assert_eq!(error("<html><body/></html>"), FeedError::NotSyndication("html".into()));
        assert_eq!(error(r#"<feed xmlns="urn:other"/>"#), FeedError::NotSyndication("feed".into()));
        assert_eq!(error("<rss version=\"2.0\"/>"), FeedError::MissingElement("channel"));
        assert_eq!(error("<html/>").to_string(), "the feed is XML but not RSS or Atom (its root is <html>)");
        assert_eq!(Format::of(&parse("<rss/>").unwrap()), Some(Format::Rss));
    }

    #[test]
    fn at_most_max_items_entries_are_read() {
        let items: String = (0..MAX_ITEMS + 3).map(|i| format!("<item><title>t{i}</title></item>")).collect();
        let (feed, problems) = read(&format!("<rss><channel>{items}</channel></rss>"));
        assert_eq!(feed.items.len(), MAX_ITEMS);
        assert_eq!(
            problems,
            [format!("/rss/channel has more than {MAX_ITEMS} <item> elements; only the first {MAX_ITEMS} are read")]
        );
        let (_, problems) =
            parse_syndication(&parse(&format!("<rss><channel>{items}</channel></rss>")).unwrap()).unwrap();
        assert_eq!(problems[0].severity, Severity::Warning);
    }
}
