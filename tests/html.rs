//! The widget's markup-to-text rules (`crates/rules/src/html.rs`) against the
//! browser: every case of `tests/fixtures/html/innertext.json` must read
//! as the text Chromium's own `innerText` gave for the same markup
//! (whitespace folded), written by `tools/innertext.mjs`. The same cases
//! run through the widget in each engine (`tests/browser.rs`).
#![cfg(not(target_arch = "wasm32"))]

use news_ticker_rules::html::html_to_text;
use serde_json::Value;

#[test]
fn markup_reads_as_the_browser_renders_it() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/html/innertext.json")).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let wrong: Vec<String> = cases
        .iter()
        .map(|case| (case["markup"].as_str().unwrap(), case["text"].as_str().unwrap()))
        .filter(|(markup, text)| html_to_text(markup) != *text)
        .map(|(markup, text)| format!("{markup:?}\n  browser: {text:?}\n  ours:    {:?}", html_to_text(markup)))
        .collect();
    assert!(wrong.is_empty(), "{} of {} cases differ:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

/// The same cases written as XHTML inside an Atom entry (`type="xhtml"`):
/// every case that is well-formed XML (and has no numeric reference, which
/// XML reads by its own rule) reads as the browser's text too.
#[test]
fn atom_xhtml_content_reads_as_the_browser_renders_it() {
    use news_ticker_rules::syndication::parse_syndication;
    use news_ticker_rules::xml;
    let fixture: Value = serde_json::from_str(include_str!("fixtures/html/innertext.json")).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    let (mut compared, mut wrong) = (0, Vec::new());
    for case in cases {
        let (markup, text) = (case["markup"].as_str().unwrap(), case["text"].as_str().unwrap());
        // XML reads a numeric reference as that code point (`&#128;` is
        // U+0080), not by HTML's windows-1252 rule.
        if markup.contains("&#") {
            continue;
        }
        let atom = format!(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>t</title>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{markup}</div></content></entry></feed>"#
        );
        let Ok(root) = xml::parse(&atom) else { continue };
        compared += 1;
        let (feed, _) = parse_syndication(&root).unwrap();
        let ours = feed.items.first().map(|i| i.text.split_whitespace().collect::<Vec<_>>().join(" "));
        if ours.as_deref().unwrap_or("") != text {
            wrong.push(format!("{markup:?}\n  browser: {text:?}\n  ours:    {ours:?}"));
        }
    }
    assert!(compared >= 40, "only {compared} cases are well-formed XML");
    assert!(wrong.is_empty(), "{} of {compared} cases differ:\n{}", wrong.len(), wrong.join("\n"));
}
