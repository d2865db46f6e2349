//! The container's `data-*` attributes, read into a [`Config`].
//!
//! Every default lives here. A value that does not fit gives one warning
//! naming the attribute and the value, and the default is used: a typo in a
//! CMS template must never take the widget down.

use crate::decimal::{whole, whole_number};
use crate::format::currency_code;
use crate::texts::{self, Texts};

/// Every attribute the widget reads. A change to any of them on a mounted
/// container re-applies the configuration.
pub const ATTRIBUTES: [&str; 12] = [
    "data-feed",
    "data-rates",
    "data-show",
    "data-locale",
    "data-excerpt-words",
    "data-page-size",
    "data-speed",
    "data-refresh",
    "data-theme",
    "data-currencies",
    "data-link-target",
    "data-card",
];

/// The attributes whose change on a container re-applies its
/// configuration, space-separated: every setting and interface text
/// (written out rather than joined at run time; a test checks it).
pub const WATCHED: &str = "data-feed data-rates data-show data-locale data-excerpt-words data-page-size data-speed data-refresh data-theme data-currencies data-link-target data-card data-text-ticker-label data-text-pause data-text-show-more data-text-no-results data-text-counter data-text-rate-unchanged data-text-rate-up data-text-rate-down data-text-rate-dated data-text-news-failed data-text-rates-failed data-text-news-stale data-text-rates-stale data-text-the-feed data-text-the-rates data-text-unreachable data-text-timeout data-text-http-status data-text-too-large data-text-not-json data-text-not-xml data-text-html data-text-xml-blocked data-text-unreadable data-text-no-feed data-text-bad-url";

/// `data-locale` when absent.
pub const DEFAULT_LOCALE: &str = "en-GB";
/// `data-excerpt-words` when absent.
pub const DEFAULT_EXCERPT_WORDS: usize = 500;
/// `data-page-size` when absent.
pub const DEFAULT_PAGE_SIZE: usize = 10;
/// `data-speed` when absent, in CSS pixels per second.
pub const DEFAULT_SPEED: f64 = 50.0;
/// The default speed as the warnings print it: formatting an `f64` would
/// link the float printer (~20 KB) into the wasm for this one message.
const DEFAULT_SPEED_TEXT: &str = "50";
/// `data-refresh` when absent, in seconds.
pub const DEFAULT_REFRESH_SECONDS: u32 = 300;

/// What the widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    /// The rates marquee only.
    Ticker,
    /// The headline cards only.
    Headlines,
    /// The marquee above the cards.
    Both,
}

impl Show {
    /// The value as `data-show` writes it.
    pub fn name(self) -> &'static str {
        match self {
            Show::Ticker => "ticker",
            Show::Headlines => "headlines",
            Show::Both => "both",
        }
    }

    /// Whether the marquee is shown.
    pub fn ticker(self) -> bool {
        matches!(self, Show::Ticker | Show::Both)
    }

    /// Whether the cards are shown.
    pub fn headlines(self) -> bool {
        matches!(self, Show::Headlines | Show::Both)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// The colour scheme (`data-theme`).
pub enum Theme {
    /// Dark text on a light ground.
    Light,
    /// Light text on a dark ground.
    Dark,
    /// The reader's system preference (`prefers-color-scheme`).
    Auto,
}

impl Theme {
    /// The value as `data-theme` writes it.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// Where a followed link opens (`data-link-target`).
pub enum LinkTarget {
    /// In the page's own tab.
    SameTab,
    /// In a new tab.
    NewTab,
}

impl LinkTarget {
    /// The `target` attribute that opens it so.
    pub fn attribute(self) -> &'static str {
        match self {
            LinkTarget::SameTab => "_self",
            LinkTarget::NewTab => "_blank",
        }
    }
}

/// A currency pair as written in `data-currencies`, upper-cased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The base currency's code.
    pub base: String,
    /// The quote currency's code.
    pub quote: String,
}

/// What a card shows besides its title and excerpt (`data-card`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CardExtras {
    /// The item's date (`part="time"`).
    pub date: bool,
    /// The item's author names (`part="author"`).
    pub author: bool,
    /// The item's image (`part="image"`); without it no image is requested.
    pub image: bool,
}

#[derive(Clone, Debug, PartialEq)]
/// A container's settings, read from its `data-` attributes by [`read`].
pub struct Config {
    /// The feed URL as written; the page resolves it against its own URL.
    pub feed: Option<String>,
    /// The rates document's URL (`data-rates`) as written, if any.
    pub rates: Option<String>,
    /// What is shown (`data-show`).
    pub show: Show,
    /// The BCP 47 locale numbers, dates and texts follow (`data-locale`).
    pub locale: String,
    /// Words at most in a card's excerpt (`data-excerpt-words`).
    pub excerpt_words: usize,
    /// Cards per page (`data-page-size`).
    pub page_size: usize,
    /// Marquee speed in CSS pixels per second.
    pub speed: f64,
    /// Seconds between refreshes; 0 means never.
    pub refresh_seconds: u32,
    /// The colour scheme (`data-theme`).
    pub theme: Theme,
    /// `None` shows every pair.
    pub currencies: Option<Vec<Pair>>,
    /// Where links open (`data-link-target`).
    pub link_target: LinkTarget,
    /// What cards show besides title and excerpt (`data-card`).
    pub card: CardExtras,
    /// Interface text: the language of `locale`, with the page's `data-text-*`.
    pub texts: Texts,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            feed: None,
            rates: None,
            show: Show::Both,
            locale: DEFAULT_LOCALE.to_owned(),
            excerpt_words: DEFAULT_EXCERPT_WORDS,
            page_size: DEFAULT_PAGE_SIZE,
            speed: DEFAULT_SPEED,
            refresh_seconds: DEFAULT_REFRESH_SECONDS,
            theme: Theme::Auto,
            currencies: None,
            link_target: LinkTarget::NewTab,
            card: CardExtras::default(),
            texts: Texts::for_locale(DEFAULT_LOCALE),
        }
    }
}

impl Config {
    /// Reads the configuration through `attribute`, which returns an
    /// attribute's value or `None` when the container does not have it.
    /// Returns the configuration and one warning per value that was refused.
    pub fn from_attributes(attribute: &dyn Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
        let d = Config::default();
        let mut a = Attributes { get: attribute, warnings: Vec::new() };
        let url = |name: &str| attribute(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let locale = a.read("data-locale", "a BCP 47 language tag", &d.locale, language_tag).unwrap_or(d.locale);
        // A text attribute replaces the language file's text; an empty one is ignored.
        let mut texts = Texts::for_locale(&locale);
        for ((key, _), name) in texts::KEYS.iter().zip(texts::ATTRIBUTES) {
            if let Some(text) = attribute(name).filter(|t| !t.trim().is_empty()) {
                texts.replace(key, text);
            }
        }
        let config = Config {
            texts,
            feed: url("data-feed"),
            rates: url("data-rates"),
            show: a.read("data-show", "one of ticker, headlines, both", d.show.name(), show).unwrap_or(d.show),
            locale,
            excerpt_words: a
                .read("data-excerpt-words", "a positive integer", &whole(d.excerpt_words as u64, 1), positive_integer)
                .unwrap_or(d.excerpt_words),
            page_size: a
                .read("data-page-size", "a positive integer", &whole(d.page_size as u64, 1), positive_integer)
                .unwrap_or(d.page_size),
            speed: a
                .read("data-speed", "a positive number of pixels per second", DEFAULT_SPEED_TEXT, positive_number)
                .unwrap_or(d.speed),
            refresh_seconds: a
                .read(
                    "data-refresh",
                    "a whole number of seconds (0 for never)",
                    &whole(u64::from(d.refresh_seconds), 1),
                    refresh_seconds,
                )
                .unwrap_or(d.refresh_seconds),
            theme: a.read("data-theme", "one of light, dark, auto", d.theme.name(), theme).unwrap_or(d.theme),
            currencies: a
                .read("data-currencies", "a comma-separated list of pairs like KZT/USD", "all pairs", pairs)
                .or(d.currencies),
            link_target: a
                .read("data-link-target", "_self or _blank", d.link_target.attribute(), link_target)
                .unwrap_or(d.link_target),
            card: a
                .read("data-card", "a comma-separated list of date, author, image", "title and excerpt only", card)
                .unwrap_or(d.card),
        };
        (config, a.warnings)
    }
}

/// Reads attributes and collects a warning for each value that is refused.
struct Attributes<'a> {
    get: &'a dyn Fn(&str) -> Option<String>,
    warnings: Vec<String>,
}

impl Attributes<'_> {
    /// `None` when the attribute is absent (silently) or refused (with a warning).
    fn read<T>(&mut self, name: &str, expected: &str, default: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        let value = (self.get)(name)?;
        let parsed = parse(value.trim());
        if parsed.is_none() {
            self.warnings
                .push(["news-ticker: ", name, "=\"", &value, "\" is not ", expected, "; using ", default].concat());
        }
        parsed
    }
}

/// One of a fixed set of keywords, compared ignoring ASCII case.
fn keyword<T: Copy>(text: &str, choices: &[(&str, T)]) -> Option<T> {
    choices.iter().find(|(word, _)| word.eq_ignore_ascii_case(text)).map(|&(_, value)| value)
}

fn show(text: &str) -> Option<Show> {
    keyword(text, &[("ticker", Show::Ticker), ("headlines", Show::Headlines), ("both", Show::Both)])
}

fn theme(text: &str) -> Option<Theme> {
    keyword(text, &[("light", Theme::Light), ("dark", Theme::Dark), ("auto", Theme::Auto)])
}

fn link_target(text: &str) -> Option<LinkTarget> {
    keyword(text, &[("_self", LinkTarget::SameTab), ("_blank", LinkTarget::NewTab)])
}

/// `date, image`: any of the three, in any order, each at most once; empty is none.
fn card(text: &str) -> Option<CardExtras> {
    let mut extras = CardExtras::default();
    for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let flag = match keyword(word, &[("date", 0), ("author", 1), ("image", 2)])? {
            0 => &mut extras.date,
            1 => &mut extras.author,
            _ => &mut extras.image,
        };
        if *flag {
            return None;
        }
        *flag = true;
    }
    Some(extras)
}

fn refresh_seconds(text: &str) -> Option<u32> {
    whole_number(text).and_then(|n| u32::try_from(n).ok())
}

/// 1 up to 4,294,967,295: the same bound in the browser (where `usize` is
/// 32 bits) and natively (the validator), so both take the same values.
fn positive_integer(text: &str) -> Option<usize> {
    whole_number(text).filter(|&n| n > 0).and_then(|n| u32::try_from(n).ok()).map(|n| n as usize)
}

/// A plain positive decimal such as `50` or `37.5`. Read digit by digit
/// rather than with `f64::from_str`, whose tables would cost the wasm ~10 KB.
fn positive_number(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || whole.len() > 9 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let mut value = 0.0;
    for b in whole.bytes() {
        value = value * 10.0 + f64::from(b - b'0');
    }
    let mut scale = 1.0;
    for b in fraction.bytes().take(6) {
        scale /= 10.0;
        value += f64::from(b - b'0') * scale;
    }
    (value > 0.0).then_some(value)
}

/// The shape of a BCP 47 tag: a 2-3 or 5-8 letter language, then subtags of
/// 1-8 letters or digits. Which locales exist is the browser's business.
fn language_tag(text: &str) -> Option<String> {
    let mut subtags = text.split('-');
    let language_ok =
        subtags.next().is_some_and(|l| matches!(l.len(), 2 | 3 | 5..=8) && l.bytes().all(|b| b.is_ascii_alphabetic()));
    let rest_ok = subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    (language_ok && rest_ok).then(|| text.to_owned())
}

fn pairs(text: &str) -> Option<Vec<Pair>> {
    text.split(',')
        .map(|pair| {
            let (base, quote) = pair.trim().split_once('/')?;
            Some(Pair { base: currency_code(base)?, quote: currency_code(quote)? })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(attributes: &[(&str, &str)]) -> (Config, Vec<String>) {
        Config::from_attributes(&|name| attributes.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn no_attributes_give_the_contract_defaults_without_warnings() {
        let (c, warnings) = config(&[]);
        assert!(warnings.is_empty());
        assert_eq!(c.feed, None);
        assert_eq!(c.rates, None);
        assert_eq!(c.show, Show::Both);
        assert_eq!(c.locale, "en-GB");
        assert_eq!(c.excerpt_words, 500);
        assert_eq!(c.page_size, 10);
        assert_eq!(c.speed, 50.0);
        assert_eq!(c.speed.to_string(), DEFAULT_SPEED_TEXT, "the warnings name the default speed");
        assert_eq!(c.refresh_seconds, 300);
        assert_eq!(c.theme, Theme::Auto);
        assert_eq!(c.currencies, None);
        assert_eq!(c.link_target, LinkTarget::NewTab);
    }

    #[test]
    fn valid_values_are_taken() {
        let (c, warnings) = config(&[
            ("data-feed", " https://news.example.org/feed.json "),
            ("data-rates", "/rates.json"),
            ("data-show", "Ticker"),
            ("data-locale", "ru-RU"),
            ("data-excerpt-words", "25"),
            ("data-page-size", "3"),
            ("data-speed", "37.5"),
            ("data-refresh", "0"),
            ("data-theme", "dark"),
            ("data-currencies", "kzt/usd, UZS/USD"),
            ("data-link-target", "_self"),
        ]);
        assert_eq!(warnings, Vec::<String>::new());
        assert_eq!(c.feed.as_deref(), Some("https://news.example.org/feed.json"));
        assert_eq!(c.rates.as_deref(), Some("/rates.json"));
        assert_eq!(c.show, Show::Ticker);
        assert_eq!(c.locale, "ru-RU");
        assert_eq!(c.excerpt_words, 25);
        assert_eq!(c.page_size, 3);
        assert_eq!(c.speed, 37.5);
        for (text, speed) in [("0.5", 0.5), (".25", 0.25), ("80", 80.0), ("007", 7.0)] {
            assert_eq!(config(&[("data-speed", text)]).0.speed, speed, "{text}");
        }
        assert_eq!(c.refresh_seconds, 0);
        assert_eq!(c.theme, Theme::Dark);
        let pair = |b: &str, q: &str| Pair { base: b.into(), quote: q.into() };
        assert_eq!(c.currencies, Some(vec![pair("KZT", "USD"), pair("UZS", "USD")]));
        assert_eq!(c.link_target, LinkTarget::SameTab);
    }

    #[test]
    fn the_watched_attributes_are_every_setting_and_every_text() {
        let every: Vec<&str> = ATTRIBUTES.iter().chain(&texts::ATTRIBUTES).copied().collect();
        assert_eq!(WATCHED, every.join(" "));
    }

    /// `tests/settings.json`: the values refused and taken, one list for
    /// these tests and the configurator's.
    fn settings_cases(list: &str) -> Vec<(String, String)> {
        use crate::json::{parse, Value};
        let doc = parse(include_str!("../../../tests/settings.json")).expect("tests/settings.json is JSON");
        let cases = doc.get(list).and_then(Value::as_array).expect("a list of cases");
        cases
            .iter()
            .map(|case| {
                let pair = case.as_array().expect("[attribute, value]");
                (pair[0].as_str().unwrap().to_owned(), pair[1].as_str().unwrap().to_owned())
            })
            .collect()
    }

    #[test]
    fn each_invalid_value_warns_once_naming_attribute_and_value_and_keeps_the_default() {
        let cases = settings_cases("refused");
        assert!(cases.len() > 20);
        let defaults = Config::default();
        for (name, value) in &cases {
            let (c, warnings) = config(&[(name, value)]);
            assert_eq!(warnings.len(), 1, "{name}={value:?}: {warnings:?}");
            assert!(warnings[0].contains(&format!("{name}=\"{value}\"")), "{}", warnings[0]);
            assert_eq!(c, defaults, "{name}={value:?} must leave the default");
        }
    }

    #[test]
    fn each_valid_value_is_taken_without_a_warning() {
        let cases = settings_cases("taken");
        assert!(cases.len() > 5);
        for (name, value) in &cases {
            let (c, warnings) = config(&[(name, value)]);
            assert_eq!(warnings, Vec::<String>::new(), "{name}={value:?}");
            assert_ne!(c, Config::default(), "{name}={value:?} must change the configuration");
        }
    }

    #[test]
    fn an_empty_feed_attribute_counts_as_missing() {
        let (c, warnings) = config(&[("data-feed", "  ")]);
        assert_eq!(c.feed, None);
        assert!(warnings.is_empty());
    }

    #[test]
    fn the_attribute_list_names_every_setting() {
        // Every attribute in the list is read: setting it to garbage either
        // warns or (for the URLs) changes the config.
        for name in ATTRIBUTES {
            let (c, warnings) = config(&[(name, "%%garbage%%")]);
            assert!(!warnings.is_empty() || c != Config::default(), "{name} is not read");
        }
    }

    #[test]
    fn card_extras_in_any_order_and_nothing_else() {
        let card = |value: &str| config(&[("data-card", value)]);
        assert_eq!(config(&[]).0.card, CardExtras::default());
        assert_eq!(card("").0.card, CardExtras::default());
        assert_eq!(card(" Image , date ").0.card, CardExtras { date: true, author: false, image: true });
        assert_eq!(card("date,author,image").0.card, CardExtras { date: true, author: true, image: true });
        for bad in ["thumbnail", "date,date", "date;author", "date,,x"] {
            let (c, warnings) = card(bad);
            assert_eq!(c.card, CardExtras::default(), "{bad}");
            assert_eq!(
                warnings,
                [format!(
                    "news-ticker: data-card=\"{bad}\" is not a comma-separated list of date, author, image; using title and excerpt only"
                )]
            );
        }
    }
}
