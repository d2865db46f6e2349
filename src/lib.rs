//! news-ticker: a currency-rate marquee and headline cards, embedded with
//! one script tag and configured by `data-` attributes (see CONTRACT.md).
//!
//! The pure modules (`cache`, `config`, `date`, `failure`, `feed`, `format`, `json`,
//! `motion`, `schedule`, `syndication`, `texts`, `view`, `xml`)
//! hold every rule and are tested natively; the browser glue
//! (`widget`, `dom`, `marquee`, `net`, `page`, `storage`, `xmldoc`) only moves their results into
//! the DOM and is built for wasm32 alone.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod cache;
pub mod config;
#[cfg(test)]
mod css;
pub mod date;
pub mod failure;
pub mod feed;
pub mod format;
pub mod json;
pub mod motion;
pub mod plan;
pub mod schedule;
pub mod syndication;
pub mod texts;
pub mod validate;
pub mod view;
pub mod xml;

#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(target_arch = "wasm32")]
mod marquee;
#[cfg(target_arch = "wasm32")]
mod net;
#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod storage;
#[cfg(target_arch = "wasm32")]
mod widget;
#[cfg(target_arch = "wasm32")]
pub mod xmldoc;

#[cfg(target_arch = "wasm32")]
pub use api::*;

/// What the loader script puts on `window.NewsTicker`.
#[cfg(target_arch = "wasm32")]
mod api {
    use wasm_bindgen::prelude::wasm_bindgen;
    use web_sys::Element;

    /// The containers that have a widget (for the loader's page watcher).
    #[wasm_bindgen]
    pub fn mounted() -> js_sys::Array {
        crate::page::mounted()
    }

    /// The attributes whose change re-applies a container's configuration,
    /// space-separated (for the loader's page watcher).
    #[wasm_bindgen]
    pub fn watched() -> String {
        crate::page::watched()
    }

    /// Gives the widget in `element` the direction its page now has.
    #[wasm_bindgen]
    pub fn follow_direction(element: &Element) {
        crate::page::follow_direction(element);
    }

    /// Mounts a widget (once per container); the promise settles after the first render.
    #[wasm_bindgen]
    pub fn mount(element: &Element) -> js_sys::Promise {
        crate::page::mount(element)
    }

    /// Removes the widget and everything it started.
    #[wasm_bindgen]
    pub fn unmount(element: &Element) {
        crate::page::unmount(element);
    }

    /// Loads the feed again for one widget, or for all.
    #[wasm_bindgen]
    pub fn refresh(element: Option<Element>) {
        crate::page::refresh(element.as_ref());
    }
}
