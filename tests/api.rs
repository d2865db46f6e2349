//! The values that cross to page JavaScript (`crates/rules/src/api.rs`) against
//! their TypeScript declarations (`src/news-ticker.d.ts`): one value of
//! each type, with every optional field both set and missing, is written
//! as TypeScript (`target/api/vectors.ts`), which `make test-types` checks
//! with `tsc`. A field Rust adds is an excess property there, a field the
//! declarations add is a missing one: either fails. Each value also reads
//! back to itself (the browser suite does the same through
//! serde-wasm-bindgen).
#![cfg(not(target_arch = "wasm32"))]

use news_ticker_rules::api::{Attributes, Content, Counts, ErrorDetail, ShownItem, ShownRate};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

fn content() -> Content {
    Content {
        rates: vec![ShownRate {
            base: "KGS".into(),
            quote: "USD".into(),
            rate: "0.01144".into(),
            change_pct: "-0.25".into(),
        }],
        items: vec![
            ShownItem {
                id: Some("1".into()),
                url: Some("https://news.example.org/a".into()),
                title: Some("Title".into()),
                date: Some("2025-11-13T08:00:00.000Z".into()),
            },
            ShownItem { id: None, url: None, title: None, date: None },
        ],
    }
}

fn attributes() -> Attributes {
    Attributes(vec![("data-speed".into(), "fast".into()), ("data-locale".into(), "ru-RU".into())])
}

/// `value` as JSON, checked to read back to itself.
fn json<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) -> String {
    let text = serde_json::to_string(value).unwrap();
    assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), value, "{text}");
    text
}

#[test]
fn each_api_value_reads_back_to_itself_and_is_written_for_tsc() {
    let vectors = [
        ("NewsTickerCounts", json(&Counts { items: 5, rates: 3 })),
        ("NewsTickerErrorDetail", json(&ErrorDetail { message: "the feed answered HTTP 500".into() })),
        ("NewsTickerContent", json(&content())),
        ("NewsTickerContent", json(&Content::default())),
        ("Parameters<NewsTickerApi[\"check\"]>[0]", json(&attributes())),
        ("Awaited<ReturnType<NewsTickerApi[\"check\"]>>", json(&vec!["news-ticker: a warning".to_owned()])),
    ];
    let mut ts = String::from("// Written by tests/api.rs: one value of each API type as serde writes it.\n");
    for (i, (declared, value)) in vectors.iter().enumerate() {
        ts.push_str(&format!("export const value{i}: {declared} = {value};\n"));
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/api");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("vectors.ts"), ts).unwrap();
}
