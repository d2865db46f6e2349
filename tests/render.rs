//! Server rendering (`crates/rules/src/render.rs`, `crates/rules/src/markup.rs`): the
//! built-in formats against the browser's own `Intl`
//! (`tests/fixtures/intl.json`, written by `tools/intl.mjs` from
//! Chromium), and the markup writer against hostile feed text.
#![cfg(not(target_arch = "wasm32"))]

use news_ticker_rules::date::CalendarDate;
use news_ticker_rules::render::{Local, Native};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

#[test]
fn built_in_formats_are_the_browsers() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/intl.json")).unwrap();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (locale, facts) in fixture["locales"].as_object().unwrap() {
        let native = Native::of(locale).unwrap_or_else(|| panic!("{locale} has no built-in formats"));
        let mut check = |what: String, browser: &Value, ours: Option<String>| {
            checked += 1;
            if browser.as_str() != ours.as_deref() {
                wrong.push(format!("{locale} {what}: browser {browser}, ours {ours:?}"));
            }
        };
        for case in facts["numbers"].as_array().unwrap() {
            let text = case[0].as_str().unwrap();
            check(format!("number {text}"), &case[1], Some(native.number(Decimal::from_str(text).unwrap())));
        }
        for case in facts["dates"].as_array().unwrap() {
            let [y, m, d] = [0, 1, 2].map(|i| case[0][i].as_i64().unwrap());
            let date = CalendarDate::new(y as i32, m as u32, d as u32).unwrap();
            check(format!("date {y}-{m}-{d}"), &case[1], Some(native.date(date)));
        }
        for case in facts["plurals"].as_array().unwrap() {
            let count = case[0].as_u64().unwrap();
            check(format!("plural {count}"), &case[1], Some(native.plural(count as usize)));
        }
        for case in facts["lists"].as_array().unwrap() {
            let names: Vec<String> =
                case[0].as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_owned()).collect();
            check(format!("list {names:?}"), &case[1], Some(native.list(&names)));
        }
        for case in facts["relative"].as_array().unwrap() {
            let (value, unit) = (case[0].as_i64().unwrap(), case[1].as_str().unwrap());
            check(format!("relative {value} {unit}"), &case[2], native.relative(value, unit));
        }
    }
    assert!(checked > 1_000, "{checked} facts");
    assert!(wrong.is_empty(), "{} of {checked} differ:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn locales_without_built_in_formats_are_refused() {
    for locale in ["de-DE", "kk", "uz-Latn-UZ", "fr", "zz"] {
        assert_eq!(Native::of(locale), None, "{locale}");
    }
}
