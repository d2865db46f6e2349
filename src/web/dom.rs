//! View model -> elements in the shadow root.
//!
//! Each render is a [`Plan`] of edits that one JS function applies:
//! elements are created and filled with `textContent`, and no feed string
//! ever reaches an HTML parser. Styles come from one constructable
//! stylesheet shared by every widget on the page (no `style` attributes, no
//! `<style>` text), so a strict CSP without 'unsafe-inline' is satisfied.

use crate::rules::config::{Config, LinkTarget};
use crate::rules::date::{age, Age, Timestamp};
use crate::rules::plan::{Plan, Slot};
use crate::rules::view::ViewModel;
use crate::web::intl::{card_time, format_date, intl_number, name_list, plural_category};
use js_sys::Array;
use rust_decimal::Decimal;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, ShadowRoot};

#[wasm_bindgen]
extern "C" {
    /// The open shadow root of `host`, styled by the page's one sheet of `css` (`src/web/host.js`).
    #[wasm_bindgen(js_namespace = ntHost, js_name = shadow, catch)]
    fn styled_shadow(host: &Element, css: &str) -> Result<ShadowRoot, JsValue>;

    /// The `dir` of the nearest element around the shadow root's host that has one.
    #[wasm_bindgen(js_namespace = ntHost, js_name = dir)]
    fn dir_around(shadow: &ShadowRoot) -> Option<String>;

    /// Empties a shadow root and takes its stylesheet away.
    #[wasm_bindgen(js_namespace = ntHost)]
    pub fn unshadow(root: &ShadowRoot);

    /// `raw` resolved against `base` by the URL parser; with `web`, only an http(s) URL.
    #[wasm_bindgen(js_namespace = ntHost)]
    pub fn url(raw: &str, base: &str, web: bool) -> Option<String>;
}

/// The widget's shadow root in `host`, with its stylesheet (parsed once
/// per page). An element that cannot have one is an error.
pub fn shadow(host: &Element) -> Result<ShadowRoot, JsValue> {
    styled_shadow(host, include_str!(concat!(env!("OUT_DIR"), "/widget.min.css")))
}

/// The elements a widget updates after the first build, and the slots
/// its render plans address them by.
pub struct Parts {
    pub slots: Array,
    pub ticker: Option<TickerParts>,
    pub headlines: Option<HeadlineParts>,
}

pub struct TickerParts {
    pub region: Element,
    /// The clipping box the track moves in.
    pub viewport: Element,
    /// The moving row: the visible segment, then its copies.
    pub track: HtmlElement,
    /// The segment screen readers read; its copies are `aria-hidden`, `inert`.
    pub visible: Element,
    pub pause: Element,
}

pub struct HeadlineParts {
    pub more: Element,
}

#[wasm_bindgen]
extern "C" {
    /// Applies a render plan to the elements in `slots` (`src/web/host.js`).
    #[wasm_bindgen(js_namespace = ntHost, catch)]
    fn apply(slots: &Array, plan: &str) -> Result<(), JsValue>;
}

/// Makes the edits of `plan` in the widget whose parts are in `slots`.
pub fn render(slots: &Array, plan: &Plan) -> Result<(), JsValue> {
    if plan.is_empty() {
        return Ok(());
    }
    apply(slots, plan.as_str())
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

/// Empties the shadow root and builds the widget's frame for `config`.
pub fn build(shadow: &ShadowRoot, config: &Config) -> Result<Parts, JsValue> {
    let texts = &config.texts;
    let mut plan = Plan::default();
    plan.clear(Slot::Shadow);
    open(&mut plan, "div", "", "nt");
    plan.keep(Slot::Root).attr("data-theme", config.theme.name());
    // The direction of the page or container (its `dir`), never of host
    // CSS: the stylesheet sets `direction` from this attribute alone.
    plan.attr("dir", direction(shadow));
    // The language of the interface text, so a screen reader speaks it so.
    plan.attr("lang", &config.locale);
    if config.show.ticker() {
        open(&mut plan, "section", "ticker", "ticker");
        plan.keep(Slot::Ticker).attr("role", "marquee").attr("aria-label", texts.template("ticker-label"));
        open(&mut plan, "div", "", "viewport");
        plan.keep(Slot::Viewport);
        open(&mut plan, "div", "", "track");
        plan.keep(Slot::Track);
        open(&mut plan, "ul", "", "segment");
        plan.keep(Slot::Visible).close().close().close();
        open(&mut plan, "button", "pause", "");
        plan.keep(Slot::Pause).attr("type", "button").attr("aria-pressed", "false");
        plan.attr("aria-label", texts.template("pause")).close().close();
        copies(&mut plan, 1);
        plan.go(Slot::Root);
    }
    if config.show.headlines() {
        open(&mut plan, "section", "", "headlines");
        open(&mut plan, "div", "", "meta");
        // Interface text takes its direction from its own language, so an
        // English date in a right-to-left page is not reordered.
        open(&mut plan, "p", "date", "");
        plan.keep(Slot::Date).attr("dir", "auto").close();
        open(&mut plan, "p", "counter", "");
        plan.keep(Slot::Counter).attr("dir", "auto").close().close();
        open(&mut plan, "div", "", "cards");
        plan.keep(Slot::Cards).close();
        open(&mut plan, "button", "more", "");
        plan.keep(Slot::More).attr("type", "button").text(texts.template("show-more")).attr("hidden", "");
        plan.close().close();
    }
    open(&mut plan, "div", "status", "");
    plan.keep(Slot::Status).attr("role", "status").attr("dir", "auto");
    let slots = Array::of1(shadow);
    render(&slots, &plan)?;
    let slot = |slot: Slot| slots.get(slot as u32).dyn_into::<Element>();
    let ticker = match config.show.ticker() {
        true => Some(TickerParts {
            region: slot(Slot::Ticker)?,
            viewport: slot(Slot::Viewport)?,
            track: slot(Slot::Track)?.unchecked_into(),
            visible: slot(Slot::Visible)?,
            pause: slot(Slot::Pause)?,
        }),
        false => None,
    };
    let headlines = match config.show.headlines() {
        true => Some(HeadlineParts { more: slot(Slot::More)? }),
        false => None,
    };
    Ok(Parts { slots, ticker, headlines })
}

/// Gives the widget the direction its page now has, when a `dir` around
/// the container changed: the stylesheet turns the marquee from this alone.
pub fn follow_direction(shadow: &ShadowRoot, slots: &Array) -> Result<(), JsValue> {
    let Some(root) = shadow.first_element_child() else {
        return Ok(());
    };
    let now = direction(shadow);
    if root.get_attribute("dir").as_deref() == Some(now) {
        return Ok(());
    }
    let mut plan = Plan::default();
    plan.go(Slot::Root).attr("dir", now);
    render(slots, &plan)
}

/// `ltr` or `rtl`: the `dir` of the nearest element around the container
/// that has one (the container, a section, `<html>`); `ltr` if none does.
fn direction(shadow: &ShadowRoot) -> &'static str {
    let dir = dir_around(shadow);
    match dir {
        Some(d) if d.trim().eq_ignore_ascii_case("rtl") => "rtl",
        _ => "ltr",
    }
}

/// Writes the rates into the visible segment of the marquee, numbers in
/// the reader's locale, each with a spoken label that says its direction;
/// then renews its copies (`halves` is how many the marquee has now).
pub fn rates_plan(plan: &mut Plan, view: &ViewModel, config: &Config, halves: u32) {
    let number = |value: Decimal| intl_number(value, &config.locale);
    plan.clear(Slot::Visible);
    for rate in &view.rates {
        let (text, mut label) = rate.lines(&number, &config.texts);
        if let Some(date) = rate.as_of {
            label = config.texts.text("rate-dated", &[("label", &label), ("date", &format_date(date, &config.locale))]);
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
/// their slots (`Slot::Times` on), for [`times_plan`] to keep true.
pub fn headlines_plan(plan: &mut Plan, view: &ViewModel, config: &Config, feed_url: &str, now: i64) -> Vec<Timestamp> {
    plan.go(Slot::Date).text(view.date.map(|d| format_date(d, &config.locale)).as_deref().unwrap_or_default());
    let counter = view.counter.map(|c| c.text(&config.texts, &plural_category(c.total, &config.locale)));
    plan.go(Slot::Counter).text(counter.as_deref().unwrap_or(config.texts.template("no-results")));
    plan.clear(Slot::Cards);
    let mut times = Vec::new();
    for card in &view.cards {
        open(plan, "article", "card", "");
        // A box of fixed proportions holds the image, so nothing moves when
        // it arrives; it is removed if the image fails or is a pixel.
        if let Some(src) = card.image.as_deref().and_then(|i| resolve_link(i, feed_url)) {
            open(plan, "div", "", "figure");
            open(plan, "img", "image", "");
            plan.attr("alt", "").attr("loading", "lazy").attr("decoding", "async");
            plan.attr("referrerpolicy", "no-referrer").attr("src", &src).close().close();
        }
        if let Some(title) = &card.title {
            // Feed text takes its direction (and alignment) from its own
            // letters, isolated from the interface text around it.
            plan.open("h2").attr("dir", "auto");
            match card.link.as_deref().and_then(|l| resolve_link(l, feed_url)) {
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
        // written by `times_plan` below, with every other card's).
        let time = card.time.filter(|t| age(t.instant, now) != Age::Future);
        if time.is_some() || !card.authors.is_empty() {
            open(plan, "p", "", "byline");
            if let Some(time) = time {
                open(plan, "time", "time", "");
                plan.keep_nth(Slot::Times, times.len()).attr("datetime", &time.rfc3339()).close();
                times.push(time);
            }
            if !card.authors.is_empty() {
                open(plan, "span", "author", "");
                plan.attr("dir", "auto").text(&name_list(&card.authors, &config.locale)).close();
            }
            plan.close();
        }
        open(plan, "p", "excerpt", "");
        plan.text(&card.excerpt).attr("dir", "auto").close().close();
    }
    times_plan(plan, &times, now, &config.locale);
    plan.go(Slot::More);
    if view.more {
        plan.remove_attr("hidden");
    } else {
        plan.attr("hidden", "");
    }
    times
}

/// Writes each card date as it reads at `now` (seconds): "3 hours ago"
/// becomes "4 hours ago" without the card being made again.
pub fn times_plan(plan: &mut Plan, times: &[Timestamp], now: i64, locale: &str) {
    for (n, time) in times.iter().enumerate() {
        plan.go_nth(Slot::Times, n).text(card_time(time, now, locale).as_deref().unwrap_or_default());
    }
}

/// Shows `message` in the status line, or clears it.
pub fn status_plan(plan: &mut Plan, message: Option<&str>) {
    plan.go(Slot::Status).text(message.unwrap_or_default());
}

/// Resolves a link against the feed's URL and keeps it only if the
/// browser's own URL parser says it is http or https.
pub fn resolve_link(link: &str, base: &str) -> Option<String> {
    url(link, base, true)
}
