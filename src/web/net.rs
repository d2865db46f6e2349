//! Fetching feeds: CORS-simple GETs through the browser's HTTP cache, a
//! timeout, and cancellation when the widget goes away.
//!
//! Requests carry no custom headers, so a cross-origin feed needs only
//! `Access-Control-Allow-Origin` and no preflight. `cache: "no-cache"` makes
//! the browser revalidate with the feed's `ETag` / `Last-Modified`; a 304
//! reaches us as the cached 200, so callers compare bodies to see change.
//! The text is parsed by the syntax its content shows (not the URL or the
//! media type): JSON by [`json::parse`], which keeps each number's digits;
//! RSS and Atom by the XML stage ([`convert_xml`]), into JSON Feed text.

use crate::rules::encoding;
use crate::rules::failure::{LoadError, MAX_BYTES, TIMEOUT_MS, XML_POLICY};
use crate::rules::json::{self, Value};
use crate::rules::schedule::retry_after_seconds;
use crate::rules::syndication::Syntax;
use crate::rules::xmlfeed;
use crate::web::guard::{answered, Loading};
use crate::web::xmldoc::{MAX_CHILDREN, MAX_DEPTH, MAX_NODES};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

/// A parsed document.
pub enum Body {
    Json(Value),
    /// RSS or Atom, to be read by the XML stage ([`convert_xml`]) first.
    Xml,
}

/// A fetched document and the text it was parsed from (to tell a change
/// from a revalidation, and to be cached). The body crosses from JS once,
/// as bytes: no JS string of it is ever made.
pub struct Fetched {
    pub text: String,
    pub body: Body,
}

/// Starts a load; `done(feed, rates)` gets each document read (rates
/// `None` when `rates_url` is `None`).
pub fn load(
    feed_url: &str,
    rates_url: Option<&str>,
    done: impl FnOnce(Result<Fetched, LoadError>, Option<Result<Fetched, LoadError>>) + 'static,
) -> Loading {
    let asked_rates = rates_url.is_some();
    let done = answered(Box::new(move |feed, rates| {
        done(outcome(&feed), asked_rates.then(|| outcome(&rates)));
    }));
    let controller = host::load(feed_url, rates_url, TIMEOUT_MS, MAX_BYTES, &done);
    Loading::new(controller, done)
}

/// Has the XML stage read an RSS or Atom text; `done` gets the JSON Feed
/// it became, as a fetched document (its text is what is compared and
/// cached). Dropping the guard drops the answer; `done` is then never called.
pub fn convert_xml(text: &str, done: impl FnOnce(Result<Fetched, LoadError>) + 'static) -> Loading {
    let done = answered(Box::new(move |answer, _| {
        let answer = answer.as_string().unwrap_or_default();
        done(xmlfeed::answer(&answer).and_then(|json| read(json.to_owned())));
    }));
    let controller = host::xml_feed(text, XML_POLICY, MAX_DEPTH, MAX_NODES, MAX_CHILDREN, &done);
    Loading::new(controller, done)
}

/// What `ntHost.load` reports for one document: `[status, Retry-After]`
/// for a failed answer, `[status, null, text]` for a good one, or the
/// name of what went wrong.
fn outcome(value: &JsValue) -> Result<Fetched, LoadError> {
    if let Some(why) = value.as_string() {
        return Err(match why.as_str() {
            "timeout" => LoadError::Timeout,
            "too-large" => LoadError::TooLarge,
            _ => LoadError::Unreachable,
        });
    }
    let part = |i| js_sys::Reflect::get_u32(value, i).unwrap_or_default();
    if let Ok(bytes) = part(2).dyn_into::<Uint8Array>() {
        return read(decoded(&bytes, part(1).as_string().as_deref()));
    }
    let status = part(0).as_f64().unwrap_or_default() as u16;
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let retry_after = part(1).as_string().and_then(|h| retry_after_seconds(&h, now));
    Err(LoadError::Status(status, retry_after))
}

/// A document's text, in the encoding it is written in (see
/// [`encoding::label`]). Valid UTF-8 (nearly every feed) is taken as it
/// is; anything else is decoded by the browser's `TextDecoder`, which only
/// that rare case pays for. A label the browser does not know is read as
/// UTF-8, with a warning.
fn decoded(bytes: &Uint8Array, content_type: Option<&str>) -> String {
    let vec = bytes.to_vec();
    let named = encoding::label(&vec, content_type);
    if encoding::is_utf8(named) {
        return String::from_utf8(vec).unwrap_or_else(|_| host::text(bytes, encoding::UTF_8).unwrap_or_default());
    }
    host::text(bytes, named).unwrap_or_else(|| {
        let why = ["news-ticker: the feed's encoding \"", named, "\" is not one this browser reads; read as UTF-8"];
        web_sys::console::warn_1(&why.concat().into());
        host::text(bytes, encoding::UTF_8).unwrap_or_default()
    })
}

/// Parses a document's text as JSON, or notes that it is XML when it
/// starts with `<` (refusing an HTML page).
pub fn read(text: String) -> Result<Fetched, LoadError> {
    // A byte-order mark is not part of the document (TextDecoder drops it).
    let document = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let body = match Syntax::of(document) {
        Syntax::Json => Body::Json(json::parse(document).map_err(|_| LoadError::NotJson)?),
        Syntax::Xml => Body::Xml,
        Syntax::Html => return Err(LoadError::Html),
    };
    Ok(Fetched { text, body })
}

/// The page-facing half's network calls (`src/web/host.js`).
mod host {
    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen]
    extern "C" {
        /// Fetches the feed and the rates at once; returns what aborts both.
        #[wasm_bindgen(js_namespace = ntHost)]
        pub fn load(
            feed_url: &str,
            rates_url: Option<&str>,
            timeout_ms: u32,
            max_bytes: u32,
            done: &wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue, wasm_bindgen::JsValue)>,
        ) -> web_sys::AbortController;

        /// Parses RSS or Atom with `DOMParser` (through the Trusted Types
        /// policy `policy`), flattens it within the limits, and has the XML
        /// stage convert it; calls `done(answer)` (see `xmlfeed`) unless
        /// aborted first.
        #[wasm_bindgen(js_namespace = ntHost, js_name = xmlFeed)]
        pub fn xml_feed(
            text: &str,
            policy: &str,
            max_depth: u32,
            max_nodes: u32,
            max_children: u32,
            done: &wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue, wasm_bindgen::JsValue)>,
        ) -> web_sys::AbortController;

        /// The bytes as `TextDecoder` decodes the encoding `label`; `None`
        /// for a label the browser does not know.
        #[wasm_bindgen(js_namespace = ntHost)]
        pub fn text(bytes: &js_sys::Uint8Array, label: &str) -> Option<String>;
    }
}
