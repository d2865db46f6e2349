//! news-ticker: a currency-rate marquee and headline cards, embedded with
//! one script tag and configured by `data-` attributes. README.md is the
//! specification: the embed snippet, settings, feed format, what is
//! rendered, events and failure behaviour.
//!
//! Two halves, one folder each:
//!
//! * [`rules`] (`src/rules/`): every rule and every decision about what is
//!   shown, pure and tested natively. No file there names a browser
//!   binding (`tests/layout.rs` fails if one does).
//! * [`web`] (`src/web/`, wasm32 only): the browser glue that moves the
//!   rules' results into the page, with `host.js` (the page-facing half)
//!   and `loader.js` (the script a page embeds).
//! * `builder` (`src/builder/`, native only): the feed builder's readers of
//!   official rate publications.
//!
//! This file holds only the module tree and what the loader puts on
//! `window.NewsTicker`. With the feature `xml-stage` the crate builds the
//! XML stage instead ([`rules::xmlfeed`]): the module a page loads only
//! when a feed is RSS or Atom.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(not(target_arch = "wasm32"))]
pub mod builder;
pub mod rules;
#[cfg(all(target_arch = "wasm32", not(feature = "xml-stage")))]
pub mod web;

#[cfg(all(target_arch = "wasm32", not(feature = "xml-stage")))]
pub use api::*;

/// What the loader script puts on `window.NewsTicker`.
#[cfg(all(target_arch = "wasm32", not(feature = "xml-stage")))]
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
        crate::rules::config::WATCHED.to_owned()
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
        Ok(crate::web::api::to_js(&crate::rules::api::check(&attributes)))
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

/// The XML stage's calls. The module is instantiated for one conversion
/// and then dropped, so what it allocates is never freed here. JS asks
/// for room for the input, writes the flattened tree there as UTF-8, and
/// reads the answer's address and length from where `convert` points.
#[cfg(all(target_arch = "wasm32", feature = "xml-stage"))]
mod stage {
    use std::cell::RefCell;

    thread_local! {
        static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
        static ANSWER: RefCell<(String, [u32; 2])> = const { RefCell::new((String::new(), [0; 2])) };
    }

    /// Room for `len` bytes of input.
    #[no_mangle]
    pub extern "C" fn input(len: usize) -> *mut u8 {
        INPUT.with_borrow_mut(|input| {
            *input = vec![0; len];
            input.as_mut_ptr()
        })
    }

    /// Converts the input (see `xmlfeed::convert`); returns the address of
    /// the answer's address and length in bytes of UTF-8.
    #[no_mangle]
    pub extern "C" fn convert() -> *const u32 {
        answer(crate::rules::xmlfeed::convert, "!")
    }

    /// Repairs the input text (see `xmlfeed::repair`); the answer as for `convert`.
    #[no_mangle]
    pub extern "C" fn repair() -> *const u32 {
        answer(crate::rules::xmlfeed::repair, "")
    }

    /// Runs `run` on the input (`otherwise` for input that is not UTF-8)
    /// and keeps its answer where the host reads it.
    fn answer(run: impl FnOnce(&str) -> String, otherwise: &str) -> *const u32 {
        let input = INPUT.with_borrow_mut(std::mem::take);
        let answer = String::from_utf8(input).map_or_else(|_| otherwise.to_owned(), |input| run(&input));
        ANSWER.with_borrow_mut(|(text, place)| {
            *text = answer;
            *place = [text.as_ptr() as u32, text.len() as u32];
            place.as_ptr()
        })
    }
}
