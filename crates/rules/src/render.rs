//! What a render writes: the widget's frame, its rates and its cards as
//! [`Plan`]s, from the view model and the configuration. The widget applies
//! these plans to its shadow root (`src/web/dom.rs`); `news-ticker-feed
//! render` writes the same plans as HTML ([`crate::markup`]), so a
//! server-rendered container is the widget's own render, not a copy of it.
//!
//! Whatever depends on the reader's locale or the page comes from a
//! [`Local`]: the browser's `Intl` and URL parser in the widget, the
//! built-in formats of [`Native`] in the builder.

use crate::config::{Config, LinkTarget};
use crate::date::{age, Age, CalendarDate, Timestamp};
use crate::decimal::{decimal_text, whole};
use crate::format::{resolve, safe_link};
use crate::plan::{Plan, Slot};
use crate::view::ViewModel;
use rust_decimal::Decimal;

/// What a render needs from where it runs: numbers, dates, plurals,
/// lists and relative times in the reader's locale, and links resolved.
pub trait Local {
    /// A decimal with its own places, no grouping (`0.01144`, `0,01144`).
    fn number(&self, value: Decimal) -> String;
    /// A calendar date as day, month name and year (`13 November 2025`).
    fn date(&self, date: CalendarDate) -> String;
    /// The plural category of a count (`one`, `few`, `many`, `other`).
    fn plural(&self, count: usize) -> String;
    /// Names joined as a list (`A, B and C`).
    fn list(&self, names: &[String]) -> String;
    /// `value` units from now with `numeric: "auto"` (`3 hours ago`,
    /// `yesterday`); `None` where it cannot say.
    fn relative(&self, value: i64, unit: &str) -> Option<String>;
    /// A link from the feed resolved against `base`, kept only if it is http(s).
    fn link(&self, link: &str, base: &str) -> Option<String>;
}

/// The frame's writing direction, from the `dir` around the container.
pub fn direction(dir: Option<&str>) -> &'static str {
    match dir {
        Some(d) if d.trim().eq_ignore_ascii_case("rtl") => "rtl",
        _ => "ltr",
    }
}

/// An element with a `part` name and a class (either may be empty).
fn open(plan: &mut Plan, tag: &str, part: &str, class: &str) {
    plan.open(tag);
    if !part.is_empty() {
        plan.attr("part", part);
    }
    if !class.is_empty() {
        plan.attr("class", class);
    }
}

/// Empties the shadow root and builds the widget's frame for `config`,
/// in the direction `dir` (`ltr` or `rtl`).
pub fn frame(plan: &mut Plan, config: &Config, dir: &str) {
    let texts = &config.texts;
    plan.clear(Slot::Shadow);
    open(plan, "div", "", "nt");
    plan.keep(Slot::Root).attr("data-theme", config.theme.name());
    // The direction of the page or container (its `dir`), never of host
    // CSS: the stylesheet sets `direction` from this attribute alone.
    plan.attr("dir", dir);
    // The language of the interface text, so a screen reader speaks it so.
    plan.attr("lang", &config.locale);
    if config.show.ticker() {
        open(plan, "section", "ticker", "ticker");
        plan.keep(Slot::Ticker).attr("role", "marquee").attr("aria-label", texts.template("ticker-label"));
        open(plan, "div", "", "viewport");
        plan.keep(Slot::Viewport);
        open(plan, "div", "", "track");
        plan.keep(Slot::Track);
        open(plan, "ul", "", "segment");
        plan.keep(Slot::Visible).close().close().close();
        open(plan, "button", "pause", "");
        plan.keep(Slot::Pause).attr("type", "button").attr("aria-pressed", "false");
        plan.attr("aria-label", texts.template("pause")).close().close();
        copies(plan, 1);
        plan.go(Slot::Root);
    }
    if config.show.headlines() {
        open(plan, "section", "", "headlines");
        open(plan, "div", "", "meta");
        // Interface text takes its direction from its own language, so an
        // English date in a right-to-left page is not reordered.
        open(plan, "p", "date", "");
        plan.keep(Slot::Date).attr("dir", "auto").close();
        open(plan, "p", "counter", "");
        plan.keep(Slot::Counter).attr("dir", "auto").close().close();
        open(plan, "div", "", "cards");
        plan.keep(Slot::Cards).close();
        open(plan, "button", "more", "");
        plan.keep(Slot::More).attr("type", "button").text(texts.template("show-more")).attr("hidden", "");
        plan.close().close();
    }
    open(plan, "div", "status", "");
    plan.keep(Slot::Status).attr("role", "status").attr("dir", "auto");
}

/// Writes the rates into the visible segment of the marquee, numbers in
/// the reader's locale, each with a spoken label that says its direction;
/// then renews its copies (`halves` is how many the marquee has now).
pub fn rates(plan: &mut Plan, view: &ViewModel, config: &Config, local: &impl Local, halves: u32) {
    let number = |value: Decimal| local.number(value);
    plan.clear(Slot::Visible);
    for rate in &view.rates {
        let (text, mut label) = rate.lines(&number, &config.texts);
        if let Some(date) = rate.as_of {
            label = config.texts.text("rate-dated", &[("label", &label), ("date", &local.date(date))]);
        }
        open(plan, "li", "rate", rate.direction.class());
        plan.text(&text).attr("aria-label", &label);
        open(plan, "span", "arrow", "");
        plan.attr("aria-hidden", "true").close().close();
    }
    copies(plan, halves);
}

/// Makes the track the visible segment followed by copies, `2 × halves`
/// segments in all, so that moving it by half its width (`halves`
/// segments) is a seamless loop. Copies are `aria-hidden` and `inert`:
/// read and focused once.
pub fn copies(plan: &mut Plan, halves: u32) {
    plan.clear(Slot::Track).append(Slot::Visible);
    for _ in 1..halves.max(1) * 2 {
        plan.copy(Slot::Visible).attr("aria-hidden", "true").attr("inert", "").close();
    }
}

/// Writes the date, the counter and the cards. `feed_url` is the base that
/// relative item links and images resolve against; `now` (seconds) dates
/// the cards' relative times. Returns the dates shown, in the order of
/// their slots (`Slot::Times` on), for [`times`] to keep true.
pub fn headlines(
    plan: &mut Plan,
    view: &ViewModel,
    config: &Config,
    local: &impl Local,
    feed_url: &str,
    now: i64,
) -> Vec<Timestamp> {
    plan.go(Slot::Date).text(view.date.map(|d| local.date(d)).as_deref().unwrap_or_default());
    let counter = view.counter.map(|c| c.text(&config.texts, &local.plural(c.total)));
    plan.go(Slot::Counter).text(counter.as_deref().unwrap_or(config.texts.template("no-results")));
    plan.clear(Slot::Cards);
    let mut shown = Vec::new();
    for card in &view.cards {
        open(plan, "article", "card", "");
        // A box of fixed proportions holds the image, so nothing moves when
        // it arrives; it is removed if the image fails or is a pixel.
        if let Some(src) = card.image.as_deref().and_then(|i| local.link(i, feed_url)) {
            open(plan, "div", "", "figure");
            open(plan, "img", "image", "");
            plan.attr("alt", "").attr("loading", "lazy").attr("decoding", "async");
            plan.attr("referrerpolicy", "no-referrer").attr("src", &src).close().close();
        }
        if let Some(title) = &card.title {
            // Feed text takes its direction (and alignment) from its own
            // letters, isolated from the interface text around it.
            plan.open("h2").attr("dir", "auto");
            match card.link.as_deref().and_then(|l| local.link(l, feed_url)) {
                Some(href) => {
                    open(plan, "a", "title", "");
                    plan.attr("href", &href).attr("target", config.link_target.attribute());
                    if config.link_target == LinkTarget::NewTab {
                        plan.attr("rel", "noopener");
                    }
                }
                None => open(plan, "span", "title", ""),
            }
            plan.text(title).close().close();
        }
        // A date ahead of the reader's clock is not shown (its text is
        // written by `times` below, with every other card's).
        let time = card.time.filter(|t| age(t.instant, now) != Age::Future);
        if time.is_some() || !card.authors.is_empty() {
            open(plan, "p", "", "byline");
            if let Some(time) = time {
                open(plan, "time", "time", "");
                plan.keep_nth(Slot::Times, shown.len()).attr("datetime", &time.rfc3339()).close();
                shown.push(time);
            }
            if !card.authors.is_empty() {
                open(plan, "span", "author", "");
                plan.attr("dir", "auto").text(&local.list(&card.authors)).close();
            }
            plan.close();
        }
        open(plan, "p", "excerpt", "");
        plan.text(&card.excerpt).attr("dir", "auto").close().close();
    }
    times(plan, &shown, local, now);
    plan.go(Slot::More);
    if view.more {
        plan.remove_attr("hidden");
    } else {
        plan.attr("hidden", "");
    }
    shown
}

/// Writes each card date as it reads at `now` (seconds): "3 hours ago"
/// becomes "4 hours ago" without the card being made again.
pub fn times(plan: &mut Plan, times: &[Timestamp], local: &impl Local, now: i64) {
    for (n, time) in times.iter().enumerate() {
        plan.go_nth(Slot::Times, n).text(card_time(time, now, local).as_deref().unwrap_or_default());
    }
}

/// Shows `message` in the status line, or clears it.
pub fn status(plan: &mut Plan, message: Option<&str>) {
    plan.go(Slot::Status).text(message.unwrap_or_default());
}

/// A card's date at `now` (seconds): "3 hours ago", "yesterday" within two
/// days, else as the date line writes it; `None` for a date in the future.
pub fn card_time(time: &Timestamp, now: i64, local: &impl Local) -> Option<String> {
    match age(time.instant, now) {
        Age::Future => None,
        Age::Relative(value, unit) => Some(local.relative(value, unit).unwrap_or_else(|| local.date(time.date))),
        Age::Date => Some(local.date(time.date)),
    }
}

/// ISO `2025-11-13`: a date where no locale's format is known.
pub fn iso_date(date: CalendarDate) -> String {
    let [year, month, day] = [(date.year as u64, 4), (u64::from(date.month), 2), (u64::from(date.day), 2)];
    [whole(year.0, year.1), whole(month.0, month.1), whole(day.0, day.1)].join("-")
}

/// The formats a server render writes, without a browser: those of
/// `Intl` in English (British and American) and Russian, as browsers
/// write them (`tests/fixtures/intl.json` holds Chromium's own). For any
/// other locale there is no [`Native`]: the widget alone renders it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Native {
    /// `en-GB` and every English but the American: `13 November 2025`, `A, B and C`.
    British,
    /// `en`, `en-US`: `November 13, 2025`, `A, B, and C`.
    American,
    /// `ru`: `13 ноября 2025 г.`, `A, B и C`.
    Russian,
}

impl Native {
    /// The built-in formats of a BCP 47 tag, if any.
    pub fn of(locale: &str) -> Option<Native> {
        let lower = locale.to_ascii_lowercase();
        let mut subtags = lower.split(['-', '_']);
        let language = subtags.next().unwrap_or_default();
        let region = subtags.find(|s| s.len() == 2 || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit())));
        match (language, region) {
            ("en", None | Some("us" | "as" | "gu" | "mp" | "pr" | "um" | "vi")) => Some(Native::American),
            ("en", Some(_)) => Some(Native::British),
            ("ru", _) => Some(Native::Russian),
            _ => None,
        }
    }

    /// The locales with built-in formats, for an error message.
    pub const KNOWN: &'static str = "en, en-GB (and other English), en-US, ru";
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

impl Local for Native {
    fn number(&self, value: Decimal) -> String {
        let text = decimal_text(value);
        match self {
            Native::Russian => text.replace('.', ","),
            _ => text,
        }
    }

    fn date(&self, date: CalendarDate) -> String {
        let (day, year) = (whole(u64::from(date.day), 1), whole(date.year.max(0) as u64, 1));
        let month = (date.month as usize).saturating_sub(1).min(11);
        match self {
            Native::British => [day.as_str(), " ", MONTHS_EN[month], " ", &year].concat(),
            Native::American => [MONTHS_EN[month], " ", &day, ", ", &year].concat(),
            Native::Russian => [day.as_str(), " ", MONTHS_RU[month], " ", &year, " г."].concat(),
        }
    }

    fn plural(&self, count: usize) -> String {
        let category = match self {
            Native::Russian => russian_plural(count),
            _ if count == 1 => "one",
            _ => "other",
        };
        category.to_owned()
    }

    fn list(&self, names: &[String]) -> String {
        let and = match self {
            Native::British => " and ",
            Native::American if names.len() > 2 => ", and ",
            Native::American => " and ",
            Native::Russian => " и ",
        };
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [first @ .., last] => [first.join(", ").as_str(), and, last].concat(),
        }
    }

    fn relative(&self, value: i64, unit: &str) -> Option<String> {
        let count = value.unsigned_abs();
        if value > 0 {
            return None;
        }
        let english = |singular: &str| {
            let s = if count == 1 { "" } else { "s" };
            [whole(count, 1).as_str(), " ", singular, s, " ago"].concat()
        };
        let text = match (self, unit) {
            (Native::Russian, "second") => "сейчас".to_owned(),
            (_, "second") => "now".to_owned(),
            (Native::Russian, "day") if count == 1 => "вчера".to_owned(),
            (_, "day") if count == 1 => "yesterday".to_owned(),
            (Native::Russian, "minute" | "hour" | "day") => {
                let forms = match unit {
                    "minute" => ["минуту", "минуты", "минут"],
                    "hour" => ["час", "часа", "часов"],
                    _ => ["день", "дня", "дней"],
                };
                let form = match russian_plural(count as usize) {
                    "one" => forms[0],
                    "few" => forms[1],
                    _ => forms[2],
                };
                [whole(count, 1).as_str(), " ", form, " назад"].concat()
            }
            (_, "minute" | "hour" | "day") => english(unit),
            _ => return None,
        };
        Some(text)
    }

    fn link(&self, link: &str, base: &str) -> Option<String> {
        // A relative result (the feed's URL was relative too) is left for
        // the page to resolve, as the widget resolves it against the page.
        safe_link(link).map(|l| resolve(Some(base), &l)).and_then(|l| safe_link(&l))
    }
}

/// CLDR's plural rule for Russian integers.
fn russian_plural(count: usize) -> &'static str {
    match (count % 10, count % 100) {
        (1, r) if r != 11 => "one",
        (2..=4, r) if !(12..=14).contains(&r) => "few",
        _ => "many",
    }
}
