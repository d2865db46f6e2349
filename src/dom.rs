//! View model -> elements in the shadow root.
//!
//! Elements are created one by one and filled with `textContent`; no feed
//! string ever reaches an HTML parser. Styles come from one constructable
//! stylesheet shared by every widget on the page (no `style` attributes, no
//! `<style>` text), so a strict CSP without 'unsafe-inline' is satisfied.

use crate::config::{Config, LinkTarget};
use crate::date::CalendarDate;
use crate::format::{decimal_text, whole_run};
use crate::view::ViewModel;
use js_sys::{Array, Function, Object, Reflect};
use rust_decimal::Decimal;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Document, Element, HtmlElement, ShadowRoot, Url};

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// The widget's stylesheet, parsed once per page.
fn sheet() -> Result<CssStyleSheet, JsValue> {
    SHEET.with(|cell| {
        if let Some(sheet) = cell.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(include_str!(concat!(env!("OUT_DIR"), "/widget.min.css")))?;
        *cell.borrow_mut() = Some(sheet.clone());
        Ok(sheet)
    })
}

/// The elements a widget updates after the first build.
pub struct Parts {
    pub ticker: Option<TickerParts>,
    pub headlines: Option<HeadlineParts>,
    pub status: Element,
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
    pub date: Element,
    pub counter: Element,
    pub cards: Element,
    pub more: Element,
}

/// Creates an element, optionally with a `part` name and a class.
fn element(doc: &Document, tag: &str, part: Option<&str>, class: Option<&str>) -> Result<Element, JsValue> {
    let el = doc.create_element(tag)?;
    if let Some(part) = part {
        el.set_attribute("part", part)?;
    }
    if let Some(class) = class {
        el.set_class_name(class);
    }
    Ok(el)
}

fn button(doc: &Document, part: &str) -> Result<Element, JsValue> {
    let b = element(doc, "button", Some(part), None)?;
    b.set_attribute("type", "button")?;
    Ok(b)
}

/// Empties the shadow root and builds the widget's frame for `config`.
pub fn build(shadow: &ShadowRoot, config: &Config) -> Result<Parts, JsValue> {
    let sheet: JsValue = sheet()?.into();
    shadow.set_adopted_style_sheets(&Array::of1(&sheet));
    shadow.replace_children_with_node_0();
    let doc = shadow.owner_document().ok_or("the container has no document")?;
    let root = element(&doc, "div", None, Some("nt"))?;
    root.set_attribute("data-theme", config.theme.name())?;
    // The direction of the page or container (its `dir`), never of host
    // CSS: the stylesheet sets `direction` from this attribute alone.
    root.set_attribute("dir", direction(shadow))?;
    // The language of the interface text, so a screen reader speaks it so.
    root.set_attribute("lang", &config.locale)?;
    shadow.append_child(&root)?;
    let texts = &config.texts;

    let ticker = if config.show.ticker() {
        let region = element(&doc, "section", Some("ticker"), Some("ticker"))?;
        region.set_attribute("role", "marquee")?;
        region.set_attribute("aria-label", texts.template("ticker-label"))?;
        let viewport = element(&doc, "div", None, Some("viewport"))?;
        let track: HtmlElement = element(&doc, "div", None, Some("track"))?.unchecked_into();
        let visible = element(&doc, "ul", None, Some("segment"))?;
        track.append_child(&visible)?;
        fill_track(&track, &visible, 1)?;
        viewport.append_child(&track)?;
        let pause = button(&doc, "pause")?;
        pause.set_attribute("aria-pressed", "false")?;
        pause.set_attribute("aria-label", texts.template("pause"))?;
        region.append_with_node_2(&viewport, &pause)?;
        root.append_child(&region)?;
        Some(TickerParts { region, viewport, track, visible, pause })
    } else {
        None
    };

    let headlines = if config.show.headlines() {
        let section = element(&doc, "section", None, Some("headlines"))?;
        let meta = element(&doc, "div", None, Some("meta"))?;
        let date = element(&doc, "p", Some("date"), None)?;
        let counter = element(&doc, "p", Some("counter"), None)?;
        // Interface text takes its direction from its own language, so an
        // English date in a right-to-left page is not reordered.
        date.set_attribute("dir", "auto")?;
        counter.set_attribute("dir", "auto")?;
        meta.append_with_node_2(&date, &counter)?;
        let cards = element(&doc, "div", None, Some("cards"))?;
        let more = button(&doc, "more")?;
        more.set_text_content(Some(texts.template("show-more")));
        more.set_attribute("hidden", "")?;
        section.append_with_node_3(&meta, &cards, &more)?;
        root.append_child(&section)?;
        Some(HeadlineParts { date, counter, cards, more })
    } else {
        None
    };

    let status = element(&doc, "div", Some("status"), None)?;
    status.set_attribute("role", "status")?;
    status.set_attribute("dir", "auto")?;
    root.append_child(&status)?;
    Ok(Parts { ticker, headlines, status })
}

/// Gives the widget the direction its page now has, when a `dir` around
/// the container changed: the stylesheet turns the marquee from this alone.
pub fn follow_direction(shadow: &ShadowRoot) -> Result<(), JsValue> {
    let Some(root) = shadow.first_element_child() else {
        return Ok(());
    };
    let now = direction(shadow);
    if root.get_attribute("dir").as_deref() != Some(now) {
        root.set_attribute("dir", now)?;
    }
    Ok(())
}

/// `ltr` or `rtl`: the `dir` of the nearest element around the container
/// that has one (the container, a section, `<html>`); `ltr` if none does.
fn direction(shadow: &ShadowRoot) -> &'static str {
    let dir = shadow.host().closest("[dir]").ok().flatten().and_then(|el| el.get_attribute("dir"));
    match dir {
        Some(d) if d.trim().eq_ignore_ascii_case("rtl") => "rtl",
        _ => "ltr",
    }
}

/// Writes the rates into the visible segment of the marquee, numbers in
/// the reader's locale, each with a spoken label that says its direction;
/// then renews its copies.
pub fn render_rates(ticker: &TickerParts, view: &ViewModel, config: &Config) -> Result<(), JsValue> {
    let locale = config.locale.as_str();
    let doc = ticker.region.owner_document().ok_or("the widget has no document")?;
    let formats = RefCell::new(Vec::new());
    let number = |value: Decimal| intl_number(value, locale, &formats).unwrap_or_else(|| decimal_text(value));
    ticker.visible.replace_children_with_node_0();
    for rate in &view.rates {
        let (text, label) = rate.lines(&number, &config.texts);
        let li = element(&doc, "li", Some("rate"), Some(rate.direction.class()))?;
        li.set_text_content(Some(&text));
        li.set_attribute("aria-label", &label)?;
        let arrow = element(&doc, "span", Some("arrow"), None)?;
        arrow.set_attribute("aria-hidden", "true")?;
        li.append_child(&arrow)?;
        ticker.visible.append_child(&li)?;
    }
    let halves = ticker.track.child_element_count().max(2) / 2;
    fill_track(&ticker.track, &ticker.visible, halves)
}

/// Makes the track `visible` followed by copies, `2 × halves` segments in
/// all, so that moving it by half its width (`halves` segments) is a
/// seamless loop. Copies are `aria-hidden` and `inert`: read and focused once.
pub fn fill_track(track: &HtmlElement, visible: &Element, halves: u32) -> Result<(), JsValue> {
    while let Some(last) = track.last_element_child().filter(|last| last != visible) {
        last.remove();
    }
    for _ in 1..halves.max(1) * 2 {
        let copy: Element = visible.clone_node_with_deep(true)?.unchecked_into();
        copy.set_attribute("aria-hidden", "true")?;
        copy.set_attribute("inert", "")?;
        track.append_child(&copy)?;
    }
    Ok(())
}

/// Writes the date, the counter and the cards. `feed_url` is the base that
/// relative item links resolve against.
pub fn render_headlines(
    parts: &HeadlineParts,
    view: &ViewModel,
    config: &Config,
    feed_url: &str,
) -> Result<(), JsValue> {
    let doc = parts.cards.owner_document().ok_or("the widget has no document")?;
    parts.date.set_text_content(view.date.map(|d| format_date(d, &config.locale)).as_deref());
    let counter = view.counter.map(|c| c.text(&config.texts, &plural_category(c.total, &config.locale)));
    parts.counter.set_text_content(Some(counter.as_deref().unwrap_or(config.texts.template("no-results"))));
    parts.cards.replace_children_with_node_0();
    for card in &view.cards {
        let article = element(&doc, "article", Some("card"), None)?;
        if let Some(title) = &card.title {
            let heading = element(&doc, "h2", None, None)?;
            let title_el = match card.link.as_deref().and_then(|l| resolve_link(l, feed_url)) {
                Some(href) => {
                    let a = element(&doc, "a", Some("title"), None)?;
                    a.set_attribute("href", &href)?;
                    a.set_attribute("target", config.link_target.attribute())?;
                    if config.link_target == LinkTarget::NewTab {
                        a.set_attribute("rel", "noopener")?;
                    }
                    a
                }
                None => element(&doc, "span", Some("title"), None)?,
            };
            title_el.set_text_content(Some(title));
            // Feed text takes its direction (and alignment) from its own
            // letters, isolated from the interface text around it.
            heading.set_attribute("dir", "auto")?;
            heading.append_child(&title_el)?;
            article.append_child(&heading)?;
        }
        let excerpt = element(&doc, "p", Some("excerpt"), None)?;
        excerpt.set_text_content(Some(&card.excerpt));
        excerpt.set_attribute("dir", "auto")?;
        article.append_child(&excerpt)?;
        parts.cards.append_child(&article)?;
    }
    parts.more.toggle_attribute_with_force("hidden", !view.more)?;
    Ok(())
}

/// Shows `message` in the status line, or clears it.
pub fn set_status(status: &Element, message: Option<&str>) {
    status.set_text_content(message);
}

/// Resolves a link against the feed's URL and keeps it only if the
/// browser's own URL parser says it is http or https.
pub fn resolve_link(link: &str, base: &str) -> Option<String> {
    let url = Url::new_with_base(link, base).ok()?;
    matches!(url.protocol().as_str(), "http:" | "https:").then(|| url.href())
}

/// `13 November 2025` in `en-GB`: the calendar date as the feed wrote it,
/// in the reader's language. Formatted at noon UTC in UTC, so no zone can
/// move it to another day. Falls back to ISO `2025-11-13` if Intl refuses.
pub fn format_date(date: CalendarDate, locale: &str) -> String {
    intl_date(date, locale).unwrap_or_else(|| format!("{:04}-{:02}-{:02}", date.year, date.month, date.day))
}

fn intl_date(date: CalendarDate, locale: &str) -> Option<String> {
    let millis = js_sys::Date::utc(f64::from(date.year), f64::from(date.month - 1))
        + f64::from(date.day - 1) * 86_400_000.0
        + 43_200_000.0;
    let options =
        [("day", "numeric".into()), ("month", "long".into()), ("year", "numeric".into()), ("timeZone", "UTC".into())];
    intl_format("DateTimeFormat", locale, &options, &js_sys::Date::new(&millis.into()))
}

/// A moment (ms since 1970) as the reader's clock shows it, in `locale`:
/// `25 Nov 2026, 14:03` in `en-GB`. Falls back to `2026-11-25 08:03 UTC`.
pub fn format_time(ms: u64, locale: &str) -> String {
    let date = js_sys::Date::new(&(ms as f64).into());
    let options = [("dateStyle", "medium".into()), ("timeStyle", "short".into())];
    intl_format("DateTimeFormat", locale, &options, &date).unwrap_or_else(|| {
        let iso = String::from(date.to_iso_string());
        format!("{} {} UTC", iso.get(..10).unwrap_or_default(), iso.get(11..16).unwrap_or_default())
    })
}

/// A decimal in `locale`'s digits and separators by `Intl.NumberFormat`,
/// which reads the decimal's text exactly (no float) and keeps its places;
/// without grouping, so `en-GB` shows the feed's own text and `de-DE`
/// `0,01144`. `None` where Intl refuses (an unknown locale, say).
/// `formats` keeps one formatter per number of places across calls:
/// making one costs far more than formatting with it.
fn intl_number(value: Decimal, locale: &str, formats: &RefCell<Vec<(u32, Option<Formatter>)>>) -> Option<String> {
    let scale = value.scale();
    let mut formats = formats.borrow_mut();
    let at = match formats.iter().position(|(places, _)| *places == scale) {
        Some(at) => at,
        None => {
            let places = JsValue::from(scale);
            let options = [
                ("minimumFractionDigits", places.clone()),
                ("maximumFractionDigits", places),
                ("useGrouping", false.into()),
            ];
            formats.push((scale, formatter("NumberFormat", locale, &options)));
            formats.len() - 1
        }
    };
    formats[at].1.as_ref()?.format(&decimal_text(value).into())
}

/// An `Intl` formatter and its `format` method.
struct Formatter(JsValue, Function);

impl Formatter {
    fn format(&self, value: &JsValue) -> Option<String> {
        self.1.call1(&self.0, value).ok()?.as_string()
    }
}

/// `new Intl[constructor](locale, options)`, ready to format.
fn formatter(constructor: &str, locale: &str, options: &[(&str, JsValue)]) -> Option<Formatter> {
    let formatter = intl_new(constructor, locale, options)?;
    let format: Function = Reflect::get(&formatter, &"format".into()).ok()?.dyn_into().ok()?;
    Some(Formatter(formatter, format))
}

/// `new Intl[constructor](locale, options).format(value)`.
fn intl_format(constructor: &str, locale: &str, options: &[(&str, JsValue)], value: &JsValue) -> Option<String> {
    formatter(constructor, locale, options)?.format(value)
}

/// `new Intl[constructor](locale, options)`. Every step goes through
/// Reflect so a RangeError (an unknown locale) or a missing constructor
/// comes back as `None` instead of unwinding through our frames.
fn intl_new(constructor: &str, locale: &str, options: &[(&str, JsValue)]) -> Option<JsValue> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &constructor.into()).ok()?.dyn_into().ok()?;
    let settings = Object::new();
    for (key, setting) in options {
        Reflect::set(&settings, &(*key).into(), setting).ok()?;
    }
    Reflect::construct(&constructor, &Array::of2(&locale.into(), &settings)).ok()
}

/// The plural category of `count` in `locale` (`one`, `few`, `many` …)
/// by `Intl.PluralRules`; `other` where it is missing or refuses.
fn plural_category(count: usize, locale: &str) -> String {
    intl_new("PluralRules", locale, &[])
        .and_then(|rules| {
            let select: Function = Reflect::get(&rules, &"select".into()).ok()?.dyn_into().ok()?;
            select.call1(&rules, &(count as f64).into()).ok()?.as_string()
        })
        .unwrap_or_else(|| "other".to_owned())
}

/// Splits runs written without spaces into words with `Intl.Segmenter`
/// for `locale` (dictionary-based for Chinese, Japanese, Thai). Where the
/// browser has none (Firefox before 125), such a run counts as one word.
pub fn segmenter(locale: &str) -> impl Fn(&str) -> Vec<(usize, bool)> + '_ {
    // Made on the first run that needs it: most feeds have none.
    let intl = std::cell::OnceCell::new();
    move |run: &str| {
        let intl = intl.get_or_init(|| {
            let segmenter = intl_new("Segmenter", locale, &[("granularity", "word".into())])?;
            let segment: Function = Reflect::get(&segmenter, &"segment".into()).ok()?.dyn_into().ok()?;
            Some((segmenter, segment))
        });
        match intl {
            Some((segmenter, segment)) => intl_segments(segmenter, segment, run).unwrap_or_else(|| whole_run(run)),
            None => whole_run(run),
        }
    }
}

/// The end (in UTF-8 bytes) and word-likeness of each segment of `run`.
fn intl_segments(segmenter: &JsValue, segment: &Function, run: &str) -> Option<Vec<(usize, bool)>> {
    let segments = Array::from(&segment.call1(segmenter, &run.into()).ok()?);
    let mut end = 0;
    let mut units = Vec::with_capacity(segments.length() as usize);
    for s in segments.iter() {
        end += Reflect::get(&s, &"segment".into()).ok()?.as_string()?.len();
        units.push((end, Reflect::get(&s, &"isWordLike".into()).ok()?.as_bool().unwrap_or(false)));
    }
    Some(units)
}
