//! Feeds as newsrooms really publish them (tests/e2e/feeds/, each written
//! for one case; the end-to-end tests show the same files in the widget):
//! read natively as the validator reads them, each checked against what a
//! reader must see.

use std::fs;
use std::path::Path;

use news_ticker_rules::encoding::decode;
use news_ticker_rules::syndication::parse_syndication;
use news_ticker_rules::validate::validate_repaired;
use news_ticker_rules::xml;

fn bytes(name: &str) -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/feeds").join(name)).expect("a fixture")
}

/// The first item's title and text, read from `bytes` as the validator reads a file.
fn first(bytes: &[u8], content_type: Option<&str>) -> (String, String) {
    let (text, _) = decode(bytes, content_type);
    let (feed, _) = parse_syndication(&xml::parse(&text).expect("well-formed")).expect("a feed");
    let item = feed.items.into_iter().next().expect("an item");
    (item.title.unwrap_or_default(), item.text)
}

/// Each declared encoding decoded by the WHATWG tables: a byte-order mark,
/// the HTTP charset, the XML declaration, else UTF-8.
#[test]
fn every_declared_encoding() {
    for (name, title, text) in [
        ("enc-windows-1251.rss", "Курс сома стабилен", "Нацбанк оставил курс без изменений: 87,41 сома за доллар."),
        ("enc-koi8-r.rss", "Тенге укрепился", "Рынок закрылся ростом: спокойный день."),
        // iso-8859-1 is read as windows-1252: its 0x93/0x94 are curly quotes, 0x80 the euro.
        (
            "enc-iso-8859-1.rss",
            "\u{201c}Café\u{201d} prices rise",
            "A \u{201c}smart quote\u{201d} from an old CMS, and the euro sign: €.",
        ),
        ("enc-euc-kr.rss", "환율 안정세", "원화 환율이 이번 주 안정세를 보였다."),
        ("enc-utf-16.atom", "Сўм барқарор", "UTF-16 with a byte-order mark."),
    ] {
        assert_eq!(first(&bytes(name), None), (title.to_owned(), text.to_owned()), "{name}");
    }
    // No declaration: the HTTP charset says it; without it, UTF-8 (and the text is not right).
    let http = bytes("enc-http-charset.rss");
    let expected = "Сом без изменений".to_owned();
    assert_eq!(first(&http, Some("application/rss+xml; charset=windows-1251")).0, expected);
    assert_ne!(first(&http, None).0, expected);
    // An encoding no table has: read as UTF-8, and said.
    let (_, unknown) = decode(&bytes("enc-unknown.rss"), None);
    assert_eq!(unknown.as_deref(), Some("x-klingon-8"));
    assert_eq!(first(&bytes("enc-unknown.rss"), None).0, "Plain ASCII title");
}

/// HTML entities and stray `&` in a feed the strict parser refuses: read
/// after repair, with one warning; CDATA untouched; a document broken
/// some other way keeps its parser error; a well-formed one is never repaired.
#[test]
fn html_entities_and_stray_ampersands() {
    let text = String::from_utf8(bytes("ent-html-entities.rss")).unwrap();
    assert!(xml::parse(&text).is_err(), "the strict parser refuses it");
    let (root, repaired) = xml::parse_repaired(&text).expect("read after repair");
    let (feed, _) = parse_syndication(&root).unwrap();
    let item = &feed.items[0];
    assert_eq!(item.title.as_deref(), Some("Café prices rise — again"), "a no-break space is white space in a title");
    assert_eq!(item.url.as_deref(), Some("https://news.example.org/search?q=som&page=2"));
    assert_eq!(item.text, "R&D spending & the € rate; © 2025.");
    // The repair leaves CDATA as it is; the title, holding a reference,
    // is then read as HTML text, as RSS readers read titles.
    let channel = root.child(&[None], "channel").unwrap();
    let second = channel.elements().filter(|e| e.name == "item").nth(1).unwrap();
    assert_eq!(second.child(&[None], "title").unwrap().text(), "Kept as written: &nbsp; inside CDATA");
    let fixture: serde_json::Value = serde_json::from_str(include_str!("fixtures/html/innertext.json")).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    let browser = cases.iter().find(|c| c["markup"] == "Kept as written: &nbsp; inside CDATA").unwrap();
    assert_eq!(feed.items[1].title.as_deref(), browser["text"].as_str());
    let note = repaired.expect("a warning");
    assert_eq!(
        note,
        "is not well-formed XML; read after repair: HTML entities (&eacute;, &nbsp;, &mdash;, …) read as characters, \
         and 2 stray & escaped"
    );
    let report = validate_repaired(&root, Some(note));
    assert_eq!((report.errors(), report.warnings()), (0, 1), "{}", report.text("ent-html-entities.rss"));

    let broken = String::from_utf8(bytes("ent-still-broken.rss")).unwrap();
    assert_eq!(xml::parse_repaired(&broken).err(), xml::parse(&broken).err(), "the parser's own error");
    let sample = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("www/rss.xml")).unwrap();
    assert!(xml::parse_repaired(&sample).unwrap().1.is_none(), "a well-formed feed is not repaired");
}

/// An item's title, link, text (white space collapsed), date and authors.
type Shown<'a> = (Option<&'a str>, Option<&'a str>, String, Option<String>, &'a [String]);

/// Atom 0.3: its namespace, `issued`/`modified`/`created`, `content`
/// written `escaped`, as inline `xml`, or in `base64` (not read, and said).
#[test]
fn atom_0_3() {
    let text = String::from_utf8(bytes("atom-0.3.xml")).unwrap();
    let (feed, problems) = parse_syndication(&xml::parse(&text).unwrap()).expect("read as Atom");
    assert_eq!(feed.title.as_deref(), Some("An old blog & its feed"));
    // The text with its white space collapsed, as an excerpt shows it.
    let items: Vec<Shown> = feed
        .items
        .iter()
        .map(|i| {
            let text = i.text.split_whitespace().collect::<Vec<_>>().join(" ");
            (i.title.as_deref(), i.url.as_deref(), text, i.published.map(|t| t.rfc3339()), &i.authors[..])
        })
        .collect();
    let author = ["Blog Author".to_owned()];
    assert_eq!(
        items,
        [
            (
                Some("Escaped HTML content"),
                Some("https://blog.example.org/1"),
                "Escaped markup in the content.".to_owned(),
                Some("2025-11-13T08:00:00+06:00".to_owned()),
                &author[..]
            ),
            (
                Some("Inline XHTML"),
                Some("https://blog.example.org/2"),
                "Inline xhtml content.".to_owned(),
                Some("2025-11-12T10:00:00Z".to_owned()),
                &author[..]
            ),
            (
                Some("Base64 content"),
                Some("https://blog.example.org/3"),
                "The summary stands in.".to_owned(),
                Some("2025-11-11T10:00:00Z".to_owned()),
                &author[..]
            ),
        ]
    );
    let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(said, ["/feed/entry[3]/content is written as base64, which is not read"]);
    // A title or summary of a type that is not text is not read either, and said.
    let octets = r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id>
        <title type="application/octet-stream">AAEC</title><summary>Kept</summary></entry></feed>"#;
    let (feed, problems) = parse_syndication(&xml::parse(octets).unwrap()).unwrap();
    assert_eq!((feed.items[0].title.as_deref(), feed.items[0].text.as_str()), (None, "Kept"));
    let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(said, ["/feed/entry[1]/title is written as application/octet-stream, which is not read"]);
}

/// RSS 2.0 in UserLand's namespace; titles in `dc:title` or `media:title`;
/// text in `xhtml:body`, `itunes:summary`, `fullitem`, `dc:description`.
#[test]
fn rss_variants() {
    let text = String::from_utf8(bytes("rss-variants.xml")).unwrap();
    let (feed, problems) = parse_syndication(&xml::parse(&text).unwrap()).expect("read as RSS");
    assert!(problems.is_empty(), "{problems:?}");
    let read: Vec<(String, String)> = feed
        .items
        .iter()
        .map(|i| (i.title.clone().unwrap_or_default(), i.text.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect();
    let expected = [
        ("Default namespace", "In the UserLand namespace."),
        ("A dc:title", "Text in xhtml:body."),
        ("A media:title", "An itunes:summary, plain text with a < sign."),
        ("Full item", "The fullitem text."),
        ("Dublin Core description", "From Dublin Core."),
    ];
    assert_eq!(read, expected.map(|(t, x)| (t.to_owned(), x.to_owned())));
}

/// Atom links resolved against `xml:base` (the feed's, then the entry's),
/// or written as text; an RSS link with no base stays relative (the widget
/// resolves it against the feed's own URL).
#[test]
fn links_by_xml_base_and_as_text() {
    let text = String::from_utf8(bytes("links.atom")).unwrap();
    let (feed, problems) = parse_syndication(&xml::parse(&text).unwrap()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let urls: Vec<&str> = feed.items.iter().map(|i| i.url.as_deref().unwrap_or("")).collect();
    assert_eq!(
        urls,
        [
            "https://blog.example.org/news/2025/11/som",
            "https://blog.example.org/tenge?from=feed#top",
            "https://blog.example.org/as-text",
            "https://other.example.org/4",
        ]
    );
    let rss = String::from_utf8(bytes("links-relative.rss")).unwrap();
    let (feed, _) = parse_syndication(&xml::parse(&rss).unwrap()).unwrap();
    assert_eq!(feed.items[0].url.as_deref(), Some("stories/1"));
}

/// What each fixture reads as, per class: `make real-world` prints it
/// (`cargo test --test real_world report -- --nocapture`). It fails if a
/// fixture no longer reads at all.
#[test]
fn report() {
    let classes: [(&str, &[&str]); 5] = [
        (
            "declared encodings",
            &[
                "enc-windows-1251.rss",
                "enc-koi8-r.rss",
                "enc-iso-8859-1.rss",
                "enc-euc-kr.rss",
                "enc-utf-16.atom",
                "enc-http-charset.rss",
                "enc-unknown.rss",
            ],
        ),
        ("sloppy entities", &["ent-html-entities.rss", "ent-still-broken.rss"]),
        ("Atom 0.3", &["atom-0.3.xml"]),
        ("RSS variants", &["rss-variants.xml"]),
        ("links", &["links.atom", "links-relative.rss"]),
    ];
    for (class, files) in classes {
        println!("{class}:");
        for name in files {
            let content_type = (*name == "enc-http-charset.rss").then_some("application/rss+xml; charset=windows-1251");
            let (text, unknown) = decode(&bytes(name), content_type);
            let line = match xml::parse_repaired(&text) {
                Err(error) => format!("refused: {error}"),
                Ok((root, repaired)) => {
                    let (feed, problems) = parse_syndication(&root).expect("a feed");
                    let first = &feed.items[0];
                    let said: Vec<String> =
                        repaired.into_iter().chain(problems.iter().map(ToString::to_string)).collect();
                    format!(
                        "{} items; first: {:?} <{}> {:?}{}{}",
                        feed.items.len(),
                        first.title.as_deref().unwrap_or(""),
                        first.url.as_deref().unwrap_or(""),
                        first.text.split_whitespace().collect::<Vec<_>>().join(" "),
                        unknown.as_deref().map(|l| format!("; unknown encoding {l:?}")).unwrap_or_default(),
                        if said.is_empty() { String::new() } else { format!("; warned: {}", said.join(" | ")) }
                    )
                }
            };
            assert!(!line.starts_with("refused") || name.contains("still-broken"), "{name}: {line}");
            println!("  {name}: {line}");
        }
    }
}

/// What a mature feed reader accepts and a strict reader would refuse:
/// an uppercase `&#X41;` (HTML's spelling, not XML's), a bare `&` in an
/// attribute value (repaired as in text, with the same warning), an Atom
/// text construct whose `type` is empty (text, its default), and UTF-16
/// without a byte-order mark, known by its `<?xml` (XML 1.0, appendix F).
#[test]
fn what_mature_readers_accept() {
    let read = |name: &str| {
        let (text, _) = decode(&bytes(name), None);
        let (root, repaired) = xml::parse_repaired(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let (feed, problems) = parse_syndication(&root).expect("a feed");
        let said: Vec<String> = problems.iter().map(ToString::to_string).chain(repaired).collect();
        (feed, said)
    };

    let (feed, said) = read("ent-uppercase-hex.rss");
    assert_eq!(feed.items[0].title.as_deref(), Some("Café ABC"));
    assert_eq!(feed.items[0].text, "Prices — again ééé");
    assert_eq!(said, ["is not well-formed XML; read after repair: 5 references written &#X… read as &#x…"]);

    let (feed, said) = read("ent-attribute-ampersand.atom");
    assert_eq!(feed.items[0].url.as_deref(), Some("https://news.example.org/search?a=1&b=2&c"));
    assert_eq!(feed.items[0].text, "R&D in the text too.");
    assert_eq!(said, ["is not well-formed XML; read after repair: 3 stray & escaped"]);

    let (feed, said) = read("atom-empty-type.atom");
    assert_eq!(feed.title.as_deref(), Some("Empty types & plain text"));
    assert_eq!(feed.items[0].title.as_deref(), Some("Rates <b>hold</b> steady"), "text, as written");
    assert_eq!(feed.items[0].text, "The summary & its type.");
    assert!(said.is_empty(), "{said:?}");

    for name in ["enc-utf-16le-no-bom.atom", "enc-utf-16be-no-bom.atom"] {
        let (feed, said) = read(name);
        assert_eq!(feed.title.as_deref(), Some("UTF-16 без метки"), "{name}");
        assert_eq!(feed.items[0].title.as_deref(), Some("Сўм барқарор"), "{name}");
        assert!(said.is_empty(), "{name}: {said:?}");
    }
}
