//! news-ticker: a currency-rate marquee and headline cards, embedded with
//! one script tag and configured by `data-` attributes. The guide
//! (`docs/src/`) documents the embed snippet, settings, feed format, what
//! is rendered, events and failure behaviour.
//!
//! This package is the widget's module (wasm32 only): [`web`] moves what
//! the rules (`news_ticker_rules`, `crates/rules/`) decide into the page,
//! with `src/web/host/` (the page-facing half) and `loader.js` (the script a
//! page embeds). This file holds only the module tree and what the loader
//! puts on `window.NewsTicker`. The XML stage (`crates/xml-stage/`) and
//! the feed builder (`crates/feed/`) are the workspace's other members
//! (`docs/src/architecture.md`, "Layout").

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(target_arch = "wasm32")]
pub use api::*;

/// What the loader script puts on `window.NewsTicker`.
#[cfg(target_arch = "wasm32")]
mod api {
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_bindgen::JsValue;
    use web_sys::Element;

    /// The containers that have a widget (for the loader's page watcher).
    #[wasm_bindgen]
    pub fn mounted() -> js_sys::Array {
        crate::web::page::mounted()
    }

    /// The attributes whose change re-applies a container's configuration,
    /// space-separated (for the loader's page watcher).
    #[wasm_bindgen]
    pub fn watched() -> String {
        news_ticker_rules::config::WATCHED.to_owned()
    }

    /// Gives the widget in `element` the direction its page now has.
    #[wasm_bindgen]
    pub fn follow_direction(element: &Element) {
        crate::web::page::follow_direction(element);
    }

    /// The warnings a container with these attributes (an object of
    /// names to string values) would give: an array of strings. The
    /// settings' one judge, for the configurator as for a page.
    #[wasm_bindgen]
    pub fn check(attributes: JsValue) -> Result<JsValue, JsValue> {
        let attributes = crate::web::api::from_js(attributes)?;
        Ok(crate::web::api::to_js(&news_ticker_rules::api::check(&attributes)))
    }

    /// What the widget in `element` shows, after its first render.
    #[wasm_bindgen]
    pub fn content(element: &Element) -> js_sys::Promise {
        crate::web::page::content(element)
    }

    /// Mounts a widget (once per container); the promise settles after the first render.
    #[wasm_bindgen]
    pub fn mount(element: &Element) -> js_sys::Promise {
        crate::web::page::mount(element)
    }

    /// Removes the widget and everything it started.
    #[wasm_bindgen]
    pub fn unmount(element: &Element) {
        crate::web::page::unmount(element);
    }

    /// Loads the feed again for one widget, or for all.
    #[wasm_bindgen]
    pub fn refresh(element: Option<Element>) {
        crate::web::page::refresh(element.as_ref());
    }
}
