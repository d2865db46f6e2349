//! The widget's markup-to-text rules (`src/rules/html.rs`) against the
//! browser: every case of `tests/fixtures/html/innertext.json` must read
//! as the text Chromium's own `innerText` gave for the same markup
//! (whitespace folded), written by `tools/innertext.mjs`. The same cases
//! run through the widget in each engine (`tests/browser.rs`).
#![cfg(not(target_arch = "wasm32"))]

use news_ticker::rules::html::html_to_text;
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
