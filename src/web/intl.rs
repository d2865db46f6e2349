//! The reader's `Intl`, through `src/web/host/intl.js`: numbers, dates and times in
//! the reader's locale, plural categories and word segmentation, each
//! with the plain fallback the widget shows where the browser refuses.
//! The formatters are made once per locale and shared with the loader's
//! warm-up (`src/web/host/intl.js`, `made`).

use news_ticker_rules::date::CalendarDate;
use news_ticker_rules::decimal::{decimal_text, whole};
use news_ticker_rules::excerpt::whole_run;
use news_ticker_rules::render::{iso_date, Local};
use rust_decimal::Decimal;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// The reader's `Intl` (`src/web/host/intl.js`): `kind` is `number` (a decimal's
    /// text with `places` places, no grouping), `date` (a calendar date at
    /// noon UTC, in ms), `time` (a moment in ms), `plural` (a count's
    /// category), `list` (names, one a line, joined) or a unit of
    /// `Intl.RelativeTimeFormat` (`hour`: the value in that unit, "3 hours
    /// ago"). `None` where the browser refuses (an unknown locale).
    #[wasm_bindgen(js_namespace = ntHost)]
    fn intl(kind: &str, locale: &str, value: &str, places: u32) -> Option<String>;

    /// `Intl.Segmenter`'s words of `run`: pairs of the UTF-8 end of each
    /// segment and whether it is word-like; `None` without a segmenter.
    #[wasm_bindgen(js_namespace = ntHost)]
    fn words(locale: &str, run: &str) -> Option<Vec<u32>>;
}

/// `13 November 2025` in `en-GB`: the calendar date as the feed wrote it,
/// in the reader's language. Formatted at noon UTC in UTC, so no zone can
/// move it to another day. Falls back to ISO `2025-11-13` if Intl refuses.
pub fn format_date(date: CalendarDate, locale: &str) -> String {
    let noon = date.days_since_epoch() * 86_400_000 + 43_200_000;
    intl("date", locale, &whole(noon as u64, 1), 0).unwrap_or_else(|| iso_date(date))
}

/// A moment (ms since 1970) as the reader's clock shows it, in `locale`:
/// `25 Nov 2026, 14:03` in `en-GB`. Falls back to `2026-11-25 08:03 UTC`.
pub fn format_time(ms: u64, locale: &str) -> String {
    intl("time", locale, &whole(ms, 1), 0).unwrap_or_else(|| {
        let iso = String::from(js_sys::Date::new(&(ms as f64).into()).to_iso_string());
        [iso.get(..10).unwrap_or_default(), " ", iso.get(11..16).unwrap_or_default(), " UTC"].concat()
    })
}

/// A decimal in `locale`'s digits and separators by `Intl.NumberFormat`,
/// which reads the decimal's text exactly (no float) and keeps its places;
/// without grouping, so `en-GB` shows the feed's own text and `de-DE`
/// `0,01144`. The feed's own text where Intl refuses.
pub fn intl_number(value: Decimal, locale: &str) -> String {
    let text = decimal_text(value);
    intl("number", locale, &text, value.scale()).unwrap_or(text)
}

/// The plural category of `count` in `locale` (`one`, `few`, `many` …)
/// by `Intl.PluralRules`; `other` where it is missing or refuses.
pub fn plural_category(count: usize, locale: &str) -> String {
    intl("plural", locale, &whole(count as u64, 1), 0).unwrap_or_else(|| "other".to_owned())
}

/// Splits runs written without spaces into words with `Intl.Segmenter`
/// for `locale` (dictionary-based for Chinese, Japanese, Thai). Where the
/// browser has none (Firefox before 125), such a run counts as one word.
pub fn segmenter(locale: &str) -> impl Fn(&str) -> Vec<(usize, bool)> + '_ {
    move |run: &str| match words(locale, run) {
        Some(pairs) => pairs.chunks_exact(2).map(|pair| (pair[0] as usize, pair[1] != 0)).collect(),
        None => whole_run(run),
    }
}

/// Names joined as `locale` joins a list ("A, B and C", "A, B и C");
/// with commas where Intl refuses.
pub fn name_list(names: &[String], locale: &str) -> String {
    intl("list", locale, &names.join("\n"), 0).unwrap_or_else(|| names.join(", "))
}

/// The reader's locale as the browser formats it, for the render plans.
pub struct Browser<'a> {
    pub locale: &'a str,
}

impl Local for Browser<'_> {
    fn number(&self, value: Decimal) -> String {
        intl_number(value, self.locale)
    }

    fn date(&self, date: CalendarDate) -> String {
        format_date(date, self.locale)
    }

    fn plural(&self, count: usize) -> String {
        plural_category(count, self.locale)
    }

    fn list(&self, names: &[String]) -> String {
        name_list(names, self.locale)
    }

    fn relative(&self, value: i64, unit: &str) -> Option<String> {
        let text = [if value < 0 { "-" } else { "" }, &whole(value.unsigned_abs(), 1)].concat();
        intl(unit, self.locale, &text, 0)
    }

    fn link(&self, link: &str, base: &str) -> Option<String> {
        crate::web::dom::resolve_link(link, base)
    }
}
