//! Marquee timing and the pause control.
//!
//! The motion itself is one CSS keyframe animation on the compositor; the
//! only script work is setting its duration when the segment's width
//! changes, so that the speed is `data-speed` pixels per second at any
//! width. A [`ResizeObserver`] reports the width (also the first time, when
//! the widget is laid out), and is disconnected when the [`Marquee`] drops.

use gloo_events::EventListener;
use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, ResizeObserver};

/// Owns the marquee's observer and its pause button listener.
#[must_use = "dropping the Marquee stops its resize tracking and pause button"]
pub struct Marquee {
    _resize: ResizeGuard,
    _pause: EventListener,
}

impl Marquee {
    /// Starts timing `track` from the width of `segment`, and makes
    /// `pause` toggle the `paused` class on `region`.
    pub fn start(
        region: &Element,
        track: &HtmlElement,
        segment: &Element,
        pause: &Element,
        speed: f64,
    ) -> Result<Marquee, JsValue> {
        let track = track.clone();
        let measured = segment.clone();
        let resize = ResizeGuard::observe(segment, move || {
            let width = measured.get_bounding_client_rect().width();
            if width > 0.0 {
                // Setting a custom property through CSSOM is allowed under a
                // strict style-src; a `style` attribute would not be.
                // Whole milliseconds: integer formatting keeps float printing out of the wasm.
                let ms = (width / speed * 1000.0).round() as u64;
                let _ = track.style().set_property("--nt-duration", &format!("{ms}ms"));
            }
        })?;
        let region = region.clone();
        let button = pause.clone();
        let pause = EventListener::new(pause, "click", move |_| {
            let paused = region.class_list().toggle("paused").unwrap_or(false);
            let _ = button.set_attribute("aria-pressed", if paused { "true" } else { "false" });
        });
        Ok(Marquee { _resize: resize, _pause: pause })
    }
}

/// A ResizeObserver watching one element; disconnects on drop.
#[must_use = "dropping the ResizeGuard disconnects the observer"]
pub struct ResizeGuard {
    observer: ResizeObserver,
    _callback: Closure<dyn FnMut(Array, ResizeObserver)>,
}

impl ResizeGuard {
    pub fn observe(target: &Element, mut on_resize: impl FnMut() + 'static) -> Result<ResizeGuard, JsValue> {
        let callback = Closure::<dyn FnMut(Array, ResizeObserver)>::new(move |_, _| on_resize());
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref())?;
        observer.observe(target);
        Ok(ResizeGuard { observer, _callback: callback })
    }
}

impl Drop for ResizeGuard {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
