//! Marquee timing, copies and the pause control.
//!
//! The motion itself is one CSS keyframe animation on the compositor,
//! moving the track by half its width. Script work happens only when a
//! size changes: a `ResizeObserver` (`ntHost.observe`) reports the segment's and the
//! viewport's widths (also the first time, when the widget is laid out),
//! and the marquee then makes enough copies that half the track is at
//! least as wide as the viewport, and sets the duration so the speed is
//! `data-speed` pixels per second at any width. Off-screen (an
//! `IntersectionObserver`) or in a hidden page, the animation is paused.
//! Every observer and listener is owned here and released on drop.

use crate::web::dom::{self, TickerParts};
use crate::web::guard::Observer;
use gloo_events::EventListener;
use js_sys::Array;
use news_ticker_rules::decimal::whole;
use news_ticker_rules::motion::timing;
use news_ticker_rules::plan::Plan;
use news_ticker_rules::render;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlElement};

#[wasm_bindgen]
extern "C" {
    /// The laid-out width of `content` and the inner width of `viewport`.
    #[wasm_bindgen(js_namespace = ntHost)]
    fn widths(content: &Element, viewport: &Element) -> Vec<f64>;

    /// The current time of the element's first animation, in ms.
    #[wasm_bindgen(js_namespace = ntHost, js_name = animationTime)]
    fn animation_time(element: &Element) -> Option<f64>;

    /// Sets `--nt-duration`, then the first animation's time if given.
    #[wasm_bindgen(js_namespace = ntHost, js_name = retime)]
    fn set_timing(element: &HtmlElement, duration: &str, time: Option<f64>);
}

/// Owns the marquee's observers and listeners.
#[must_use = "dropping the Marquee stops its timing, pause button and idling"]
pub struct Marquee {
    fit: Rc<dyn Fn()>,
    _resize: Observer,
    _on_screen: Observer,
    _page: Option<EventListener>,
    _pause: EventListener,
}

impl Marquee {
    /// Starts timing the ticker's track at `speed` px/s, makes its pause
    /// button toggle the `paused` class, and idles it off-screen.
    pub fn start(ticker: &TickerParts, slots: &Array, speed: f64) -> Result<Marquee, JsValue> {
        let (track, visible, viewport) = (ticker.track.clone(), ticker.visible.clone(), ticker.viewport.clone());
        let slots = slots.clone();
        let duration = Rc::new(Cell::new(0u64));
        let fit: Rc<dyn Fn()> = Rc::new(move || {
            let [width, viewport_width] = widths(&visible, &viewport)[..] else { return };
            let Some((halves, ms)) = timing(width, viewport_width, speed) else {
                return;
            };
            if track.child_element_count() != halves * 2 {
                let mut plan = Plan::default();
                render::copies(&mut plan, halves);
                let _ = dom::render(&slots, &plan);
            }
            let before = duration.replace(ms);
            if before != ms {
                retime(&track, before, ms);
            }
        });
        let resize = {
            let fit = fit.clone();
            Observer::new("resize", vec![ticker.visible.clone(), ticker.viewport.clone()], move |_| fit())?
        };

        // Idle while off-screen or while the page is hidden.
        let region = ticker.region.clone();
        let on_screen = Rc::new(Cell::new(true));
        let idle = {
            let (region, on_screen) = (region.clone(), on_screen.clone());
            move || {
                let hidden = region.owner_document().is_some_and(|d| d.hidden());
                let _ = region.class_list().toggle_with_force("idle", hidden || !on_screen.get());
            }
        };
        let seen = {
            let (idle, on_screen) = (idle.clone(), on_screen.clone());
            Observer::new("visible", vec![ticker.region.clone()], move |intersecting| {
                on_screen.set(intersecting);
                idle();
            })?
        };
        let page = region.owner_document().map(|doc| EventListener::new(&doc, "visibilitychange", move |_| idle()));

        let button = ticker.pause.clone();
        let pause = EventListener::new(&ticker.pause, "click", move |_| {
            let paused = region.class_list().toggle("paused").unwrap_or(false);
            let _ = button.set_attribute("aria-pressed", if paused { "true" } else { "false" });
        });
        Ok(Marquee { fit, _resize: resize, _on_screen: seen, _page: page, _pause: pause })
    }

    /// Fits copies and duration to new rates at once, in the task that
    /// wrote them, so no frame is drawn with the new width and the old
    /// duration (the resize observer would only run before the next paint).
    pub fn refit(&self) {
        (self.fit)();
    }
}

/// Gives the track's animation the duration `ms` without a jump: at a
/// constant speed, time maps to the same distance whatever the duration,
/// so the animation keeps its time within the old loop (and wraps it into
/// the new one, a whole number of segments: an invisible step).
fn retime(track: &HtmlElement, before: u64, ms: u64) {
    // Whole milliseconds: integer formatting keeps float printing out of the wasm.
    let duration = [whole(ms, 1).as_str(), "ms"].concat();
    // `%` on floats would link a software fmod; floor is one instruction.
    let wrap = |t: f64, period: f64| t - (t / period).floor() * period;
    let time = animation_time(track).filter(|_| before > 0).map(|now| wrap(wrap(now, before as f64), ms as f64));
    set_timing(track, &duration, time);
}
