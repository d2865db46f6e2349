//! View model -> elements in the shadow root.
//!
//! Each render is a [`Plan`] of edits that one JS function applies:
//! elements are created and filled with `textContent`, and no feed string
//! ever reaches an HTML parser. Styles come from one constructable
//! stylesheet shared by every widget on the page (no `style` attributes, no
//! `<style>` text), so a strict CSP without 'unsafe-inline' is satisfied.

use js_sys::Array;
use news_ticker_rules::config::Config;
use news_ticker_rules::plan::{Plan, Slot};
use news_ticker_rules::render;
use news_ticker_rules::CSS;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, ShadowRoot};

#[wasm_bindgen]
extern "C" {
    /// The open shadow root of `host`, styled by the page's one sheet of `css` (`src/web/host/render.js`).
    #[wasm_bindgen(js_namespace = ntHost, js_name = shadow, catch)]
    fn styled_shadow(host: &Element, css: &str) -> Result<ShadowRoot, JsValue>;

    /// The `dir` of the nearest element around the shadow root's host that has one.
    #[wasm_bindgen(js_namespace = ntHost, js_name = dir)]
    fn dir_around(shadow: &ShadowRoot) -> Option<String>;

    /// The parts of a server-rendered frame in the shadow root, by slot; empty if none.
    #[wasm_bindgen(js_namespace = ntHost, js_name = adopt)]
    fn adopt_frame(root: &ShadowRoot) -> Array;

    /// The container's settings, as its painted frame is kept under them (`crates/rules/src/paint.rs`).
    #[wasm_bindgen(js_namespace = ntHost)]
    pub fn settings(host: &Element) -> String;

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
    styled_shadow(host, CSS)
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
    /// Applies a render plan to the elements in `slots` (`src/web/host/render.js`).
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

/// Empties the shadow root and builds the widget's frame for `config`.
pub fn build(shadow: &ShadowRoot, config: &Config) -> Result<Parts, JsValue> {
    let mut plan = Plan::default();
    render::frame(&mut plan, config, direction(shadow));
    let slots = Array::of1(shadow);
    render(&slots, &plan)?;
    parts(slots, config)
}

/// Takes over the frame a server rendered into `shadow` (`news-ticker-feed
/// render`), where it stands: its elements become the widget's parts, so
/// the first render only rewrites their texts and nothing moves. `None`
/// where the shadow root holds no frame, or one made for other settings
/// (the widget then builds its own).
pub fn adopt(shadow: &ShadowRoot, config: &Config) -> Option<Parts> {
    let slots = adopt_frame(shadow);
    if slots.length() == 0 {
        return None;
    }
    let parts = parts(slots, config).ok()?;
    let shown = |slot: Slot| !parts.slots.get(slot as u32).is_undefined();
    if shown(Slot::Ticker) != config.show.ticker() || shown(Slot::Date) != config.show.headlines() {
        return None;
    }
    // The page's own direction, theme and language, as a new frame has them.
    let mut plan = Plan::default();
    plan.go(Slot::Root).attr("data-theme", config.theme.name()).attr("dir", direction(shadow));
    plan.attr("lang", &config.locale);
    render(&parts.slots, &plan).ok()?;
    Some(parts)
}

/// The parts a frame keeps in `slots`, as `config` shows them.
fn parts(slots: Array, config: &Config) -> Result<Parts, JsValue> {
    let slot = |slot: Slot| slots.get(slot as u32).dyn_into::<Element>();
    slot(Slot::Root)?;
    slot(Slot::Status)?;
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
    let Ok(root) = slots.get(Slot::Root as u32).dyn_into::<Element>() else {
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
pub fn direction(shadow: &ShadowRoot) -> &'static str {
    render::direction(dir_around(shadow).as_deref())
}

/// Resolves a link against the feed's URL and keeps it only if the
/// browser's own URL parser says it is http or https.
pub fn resolve_link(link: &str, base: &str) -> Option<String> {
    url(link, base, true)
}
