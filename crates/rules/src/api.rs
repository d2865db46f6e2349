//! The values that cross between the widget and page JavaScript: each
//! event's `detail`, what `NewsTicker.check` reads and answers, and what
//! `NewsTicker.content` resolves to. Each is a Rust type with serde's
//! `Serialize`/`Deserialize`; the glue converts them with
//! serde-wasm-bindgen (as JSON-compatible values: `None` is `null`), and
//! `src/news-ticker.d.ts` declares the same shapes (`tests/api.rs` writes
//! one value of each as TypeScript that `tsc` checks against them, so a
//! field added on one side only fails).

use crate::config::Config;
use crate::item::Item;
use crate::view::ViewModel;
use rust_decimal::Decimal;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `detail` of `news-ticker:ready` and `news-ticker:update`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// Items in the feed (at most 1,000).
    pub items: u32,
    /// Rates in the marquee (after `data-currencies`).
    pub rates: u32,
}

/// `detail` of `news-ticker:error`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// What failed, for people: "the feed answered HTTP 500".
    pub message: String,
}

/// What `NewsTicker.check` reads: an object of `data-` attribute names to
/// their values (the loader turns each value into a string, as
/// `setAttribute` would), kept as the pairs it holds: read by a map
/// visitor of its own, so no map type is built only to be searched once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attributes(pub Vec<(String, String)>);

impl Attributes {
    /// The value of the attribute `name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, value)| value.as_str())
    }
}

impl Serialize for Attributes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, value)| (name, value)))
    }
}

impl<'de> Deserialize<'de> for Attributes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = Attributes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of attribute names to strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Attributes, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Attributes(pairs))
            }
        }
        deserializer.deserialize_map(Pairs)
    }
}

/// The warnings a container with `attributes` would log, in the widget's
/// words; empty when every value is taken.
pub fn check(attributes: &Attributes) -> Vec<String> {
    Config::from_attributes(&|name| attributes.get(name).map(str::to_owned)).1
}

/// What `NewsTicker.content` resolves to: what the widget shows now. A
/// widget that shows only the marquee has no items, one that shows only
/// headlines no rates.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// The marquee's rates, in its order.
    pub rates: Vec<ShownRate>,
    /// The cards shown (a page more after each "Show more"), in order.
    pub items: Vec<ShownItem>,
}

/// One rate as the marquee shows it: every figure the string shown (in
/// the widget's locale, every digit the feed sent), so nothing is lost to
/// floating point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShownRate {
    /// The base currency's code.
    pub base: String,
    /// The quote currency's code.
    pub quote: String,
    /// The rate as shown.
    pub rate: String,
    /// The change in percent as shown, without the `%` sign.
    pub change_pct: String,
}

/// One card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShownItem {
    /// The item's `id` in the feed (the RSS `guid`, the Atom `id`).
    pub id: Option<String>,
    /// The link its title carries, resolved against the feed's URL.
    pub url: Option<String>,
    /// The card's title.
    pub title: Option<String>,
    /// The item's date and time, as its card's `<time datetime>` writes it.
    pub date: Option<String>,
}

impl Content {
    /// The content of `view`, whose cards are the first of `items` (see
    /// [`view::build`](crate::view::build)). `number` writes a figure
    /// as the marquee does, `link` resolves a card's link as its title
    /// does; dates are written as a card's `datetime` writes them (RFC
    /// 3339 with the time of day and offset the feed wrote).
    pub fn of(
        view: &ViewModel,
        items: &[Item],
        number: &dyn Fn(Decimal) -> String,
        link: &dyn Fn(&str) -> Option<String>,
    ) -> Content {
        let rates = view
            .rates
            .iter()
            .map(|r| ShownRate {
                base: r.base.clone(),
                quote: r.quote.clone(),
                rate: number(r.rate),
                change_pct: number(r.change),
            })
            .collect();
        let items = view
            .cards
            .iter()
            .zip(items)
            .map(|(card, item)| ShownItem {
                id: item.id.clone(),
                url: card.link.as_deref().and_then(link),
                title: card.title.clone(),
                date: item.published.map(|t| t.rfc3339()),
            })
            .collect();
        Content { rates, items }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::decimal_text;
    use crate::excerpt::split_marks;
    use crate::feed::parse_feed;
    use crate::view::build;

    #[test]
    fn content_is_what_the_view_shows_figures_as_written() {
        let (feed, _) = parse_feed(
            &crate::json::parse(
                r#"{"_ticker": {"rates": [{"base": "UZS", "quote": "USD", "rate": 8.0e-5, "previous": "0.0000800"},
                    {"base": "KGS", "quote": "USD", "rate": "0.011440", "change_pct": "-0.25"}]},
                "items": [{"id": "a", "url": "/a", "title": "One", "date_published": "2025-11-13T08:00:00Z"},
                    {"id": "b", "url": "javascript:x", "title": "Two"}, {"id": "c", "title": "Three"}]}"#,
            )
            .unwrap(),
        )
        .unwrap();
        let config = Config::default();
        let view = build(&feed, None, &config, 2, &split_marks);
        let link = |l: &str| Some(["https://n.example", l].concat());
        let content = Content::of(&view, &feed.items, &decimal_text, &link);
        assert_eq!(
            content.rates,
            [
                ShownRate { base: "UZS".into(), quote: "USD".into(), rate: "0.000080".into(), change_pct: "0".into() },
                ShownRate {
                    base: "KGS".into(),
                    quote: "USD".into(),
                    rate: "0.011440".into(),
                    change_pct: "-0.25".into()
                },
            ]
        );
        let items: Vec<_> =
            content.items.iter().map(|i| (i.id.as_deref(), i.url.as_deref(), i.date.as_deref())).collect();
        // Two cards shown; a javascript: link is no link.
        assert_eq!(
            items,
            [(Some("a"), Some("https://n.example/a"), Some("2025-11-13T08:00:00Z")), (Some("b"), None, None)]
        );
    }

    #[test]
    fn check_answers_the_configurations_warnings() {
        let mut attributes = Attributes::default();
        assert_eq!(check(&attributes), Vec::<String>::new());
        attributes.0.push(("data-speed".into(), "fast".into()));
        attributes.0.push(("data-feed".into(), "/feed.json".into()));
        let warnings = check(&attributes);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("data-speed=\"fast\""), "{warnings:?}");
    }
}
