//! The vectors `tests/host/wire.test.mjs` checks the page-facing half (`src/web/host/`)
//! against, for each format that crosses between the module and the
//! page-facing script, written here by each format's one Rust home:
//!
//! * render plans (`news_ticker_rules::plan`), with the HTML the same plan
//!   builds (`markup::html`, which runs it as `apply` does);
//! * painted frames (`news_ticker_rules::paint::Record`), which `paint`
//!   reads before the module is there;
//! * the XML tree flattened from the browser's parser
//!   (`news_ticker_rules::xml::encode`), which `xml` writes.
//!
//! `make test-host` runs this first; it writes `target/wire-vectors.json`.
#![cfg(not(target_arch = "wasm32"))]

use news_ticker_rules::container::{plan, Container};
use news_ticker_rules::markup::html;
use news_ticker_rules::paint::{Record, PREFIX};
use news_ticker_rules::plan::{Plan, Slot};
use news_ticker_rules::xml::{self, Element, Node, MAX_CHILDREN, MAX_DEPTH, MAX_NODES};
use serde_json::{json, Value};

/// Hostile text for every field a plan or a tree can carry.
const HOSTILE: &str = "</template><b x=\"1\">&amp;'\u{0}\u{1F600} \u{202E}";

fn plans() -> Vec<Plan> {
    let feed = include_str!("../www/feed.json");
    let containers: [&[(&str, &str)]; 3] = [
        &[("data-feed", "https://news.example.org/feed.json")],
        &[
            ("data-feed", "https://news.example.org/feed.json"),
            ("data-locale", "ru"),
            ("data-card", "date,author,image"),
            ("data-page-size", "3"),
        ],
        &[("data-feed", "feed.json"), ("data-show", "headlines"), ("dir", "rtl"), ("data-text-counter", HOSTILE)],
    ];
    let mut plans: Vec<Plan> = containers
        .iter()
        .map(|attributes| {
            let attributes: Vec<(String, String)> =
                attributes.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
            let c = Container { feed, rates: None, attributes: &attributes, stylesheet: "x.css", now: 1_763_035_200 };
            plan(&c).expect("the container renders")
        })
        .collect();
    // Every edit, with hostile text: kept, moved, copied, cleared,
    // attributes set twice and removed.
    let mut edits = Plan::default();
    edits.open("div").keep(Slot::Root).attr("class", HOSTILE).attr("class", "nt").text(HOSTILE).close();
    edits.open("ul").keep(Slot::Cards).open("li").attr("data-x", "1").remove_attr("data-x").text("one").close().close();
    edits.open("span").keep(Slot::Track).open("b").keep(Slot::Visible).text(HOSTILE).close().close();
    edits.go(Slot::Track).copy(Slot::Visible).attr("aria-hidden", "true").close();
    edits.go(Slot::Root).append(Slot::Cards);
    edits.clear(Slot::Cards).open("li").text("two").close().open("img").attr("src", "a.png?x=1&y=\"2\"").close();
    plans.push(edits);
    plans
}

fn element_json(element: &Element) -> Value {
    let children: Vec<Value> = element
        .children
        .iter()
        .map(|child| match child {
            Node::Element(e) => element_json(e),
            Node::Text(t) => json!(t),
        })
        .collect();
    json!({
        "name": element.name,
        "namespace": element.namespace,
        "attributes": element.attributes,
        "children": children,
    })
}

#[test]
fn writes_the_vectors_of_every_format_host_js_reads_or_writes() {
    let plan_vectors: Vec<Value> = plans()
        .iter()
        .map(|plan| json!({"plan": plan.as_str(), "html": html(plan).expect("a plan the renderer made is written")}))
        .collect();

    let frame = plans().remove(0);
    let css = ".nt::before{content:\"\u{1F600}\"}\n.nt{color:red}";
    let paint = |version: &str, until: u64| {
        let record = Record { version, until, css, plan: frame.as_str() };
        json!({"version": version, "until": until, "css": css, "plan": frame.as_str(), "stored": record.encode()})
    };
    // Painted until 2100; one long past.
    let paint_vectors = [paint("0.1.0", 4_102_444_800_000), paint("0.1.0", 1_000)];

    let xml_sources = [
        include_str!("../www/rss.xml"),
        include_str!("../www/atom.xml"),
        r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:base="https://example.org/"><title type="html">A &amp;amp; <![CDATA[<b>B</b>]]></title><entry><media:thumbnail url="t.png"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>one</p>&#x1F600;</div></content></entry></feed>"#,
    ];
    let xml_vectors: Vec<Value> = xml_sources
        .iter()
        .map(|source| {
            let tree = xml::parse(source).expect("a sample that parses");
            json!({"tree": element_json(&tree), "flat": xml::encode(&tree)})
        })
        .collect();

    assert_eq!(plan_vectors.len(), 4);
    let vectors = json!({
        "plans": plan_vectors,
        "paintPrefix": PREFIX,
        "paint": paint_vectors,
        "xmlLimits": [MAX_DEPTH, MAX_NODES, MAX_CHILDREN],
        "xml": xml_vectors,
    });
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/wire-vectors.json");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    std::fs::write(&out, vectors.to_string()).expect("target/ is writable");
}
