//! Marquee timing, copies and the pause control.
//!
//! The motion itself is one CSS keyframe animation on the compositor,
//! moving the track by half its width. Script work happens only when a
//! size changes: a [`ResizeObserver`] reports the segment's and the
//! viewport's widths (also the first time, when the widget is laid out),
//! and the marquee then makes enough copies that half the track is at
//! least as wide as the viewport, and sets the duration so the speed is
//! `data-speed` pixels per second at any width. Off-screen (an
//! `IntersectionObserver`) or in a hidden page, the animation is paused.
//! Every observer and listener is owned here and released on drop.

use crate::dom::{self, TickerParts};
use crate::format::whole;
use crate::motion::timing;
use crate::plan::Plan;
use gloo_events::EventListener;
use js_sys::Array;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Animation, Element, HtmlElement, IntersectionObserver, IntersectionObserverEntry, ResizeObserver};

/// Owns the marquee's observers and listeners.
#[must_use = "dropping the Marquee stops its timing, pause button and idling"]
pub struct Marquee {
    fit: Rc<dyn Fn()>,
    _resize: Observer<ResizeObserver>,
    _on_screen: Observer<IntersectionObserver>,
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
            let width = visible.get_bounding_client_rect().width();
            let Some((halves, ms)) = timing(width, f64::from(viewport.client_width()), speed) else {
                return;
            };
            if track.child_element_count() != halves * 2 {
                let mut plan = Plan::default();
                dom::copies(&mut plan, halves);
                let _ = dom::render(&slots, &plan);
            }
            let before = duration.replace(ms);
            if before != ms {
                retime(&track, before, ms);
            }
        });
        let resize = {
            let fit = fit.clone();
            Observer::resize(&[&ticker.visible, &ticker.viewport], move || fit())?
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
            Observer::intersection(&ticker.region, move |intersecting| {
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

#[wasm_bindgen]
extern "C" {
    /// An element, for `getAnimations()` (web-sys has it behind its unstable APIs).
    type Animated;
    #[wasm_bindgen(method, js_name = getAnimations)]
    fn get_animations(this: &Animated) -> Array;
}

/// Gives the track's animation the duration `ms` without a jump: at a
/// constant speed, time maps to the same distance whatever the duration,
/// so the animation keeps its time within the old loop (and wraps it into
/// the new one, a whole number of segments: an invisible step).
fn retime(track: &HtmlElement, before: u64, ms: u64) {
    let animation: Option<Animation> = track.unchecked_ref::<Animated>().get_animations().get(0).dyn_into().ok();
    let now = animation.as_ref().and_then(Animation::current_time);
    // Setting a custom property through CSSOM is allowed under a strict
    // style-src; a `style` attribute would not be. Whole milliseconds:
    // integer formatting keeps float printing out of the wasm.
    let _ = track.style().set_property("--nt-duration", &[whole(ms, 1).as_str(), "ms"].concat());
    if let (Some(animation), Some(now)) = (animation, now) {
        if before > 0 {
            // `%` on floats would link a software fmod; floor is one instruction.
            let wrap = |t: f64, period: f64| t - (t / period).floor() * period;
            let within = wrap(wrap(now, before as f64), ms as f64);
            animation.set_current_time(Some(within));
        }
    }
}

/// An observer watching some elements; disconnects on drop.
#[must_use = "dropping the Observer disconnects it"]
struct Observer<O: Disconnect> {
    observer: O,
    _callback: Closure<dyn FnMut(Array, JsValue)>,
}

trait Disconnect {
    fn disconnect(&self);
}

impl Disconnect for ResizeObserver {
    fn disconnect(&self) {
        ResizeObserver::disconnect(self);
    }
}

impl Disconnect for IntersectionObserver {
    fn disconnect(&self) {
        IntersectionObserver::disconnect(self);
    }
}

impl<O: Disconnect> Drop for Observer<O> {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

impl Observer<ResizeObserver> {
    fn resize(targets: &[&Element], mut on_resize: impl FnMut() + 'static) -> Result<Self, JsValue> {
        let callback = Closure::<dyn FnMut(Array, JsValue)>::new(move |_, _| on_resize());
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref())?;
        for target in targets {
            observer.observe(target);
        }
        Ok(Observer { observer, _callback: callback })
    }
}

impl Observer<IntersectionObserver> {
    /// Calls `on_change` with whether `target` is (partly) in the viewport.
    fn intersection(target: &Element, mut on_change: impl FnMut(bool) + 'static) -> Result<Self, JsValue> {
        let callback = Closure::<dyn FnMut(Array, JsValue)>::new(move |entries: Array, _| {
            let last: Option<IntersectionObserverEntry> = entries.iter().last().and_then(|e| e.dyn_into().ok());
            if let Some(entry) = last {
                on_change(entry.is_intersecting());
            }
        });
        let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref())?;
        observer.observe(target);
        Ok(Observer { observer, _callback: callback })
    }
}
