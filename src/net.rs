//! Fetching feeds: CORS-simple GETs through the browser's HTTP cache, a
//! timeout, and cancellation when the widget goes away.
//!
//! Requests carry no custom headers, so a cross-origin feed needs only
//! `Access-Control-Allow-Origin` and no preflight. `cache: "no-cache"` makes
//! the browser revalidate with the feed's `ETag` / `Last-Modified`; a 304
//! reaches us as the cached 200, so callers compare bodies to see change.
//! The text is parsed by the syntax its content shows (not the URL or the
//! media type): JSON by [`json::parse`], which keeps each number's digits,
//! or RSS and Atom by the browser's `DOMParser`, copied into an [`xml::Element`].

pub use crate::failure::LoadError;
use crate::feed::Parsed;
use crate::json::{self, Value};
use crate::schedule::retry_after_seconds;
use crate::syndication::Syntax;
use crate::xml;
use crate::xmldoc::{self, XmlError};
use gloo_timers::callback::Timeout;
use js_sys::JsString;
use std::cell::Cell;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::rc::Rc;
use std::task::Poll;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

/// How long one request may take, body included. (The timeout message
/// says "10 s"; the assertion keeps the two together.)
pub const TIMEOUT_MS: u32 = 10_000;
const _: () = assert!(TIMEOUT_MS == 10_000, "update the timeout texts in src/texts/");

/// The largest document read, in bytes. A larger one is refused from its
/// `Content-Length`, or cut off and refused once that many bytes arrived:
/// never read, decoded or parsed whole. (The message says "5 MB".)
pub const MAX_BYTES: u32 = 5_000_000;
const _: () = assert!(MAX_BYTES == 5_000_000, "update the too-large texts in src/texts/");

/// Aborts its requests when dropped: the widget holds one per load, so
/// unmounting (or starting a newer load) cancels what is in flight.
#[must_use = "dropping the Abort cancels the requests it guards"]
pub struct Abort(AbortController);

impl Abort {
    pub fn new() -> Option<Abort> {
        AbortController::new().ok().map(Abort)
    }

    pub fn controller(&self) -> AbortController {
        self.0.clone()
    }
}

impl Drop for Abort {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A parsed document.
pub enum Body {
    Json(Value),
    /// The root element of an XML document.
    Xml(xml::Element),
}

impl Body {
    /// Reads the document with the reader for its syntax.
    pub fn parse<T>(&self, json: fn(&Value) -> Parsed<T>, xml: fn(&xml::Element) -> Parsed<T>) -> Parsed<T> {
        match self {
            Body::Json(value) => json(value),
            Body::Xml(root) => xml(root),
        }
    }
}

/// A fetched document and the text it was parsed from. The text stays a
/// JS string: compared and parsed there, copied into the module only to
/// be cached.
pub struct Fetched {
    pub text: JsString,
    pub body: Body,
}

/// GETs `url` and parses it with [`read`]. A timeout aborts `controller`, which also
/// cancels any other request sharing it.
pub async fn get(url: &str, controller: &AbortController) -> Result<Fetched, LoadError> {
    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let (timed_out, controller) = (timed_out.clone(), controller.clone());
        Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let failed = || if timed_out.get() { LoadError::Timeout } else { LoadError::Unreachable };
    let signal = controller.signal();
    let answer = take_early(url, &signal).unwrap_or_else(|| host::get(url, &signal));
    let answer = JsFuture::from(answer).await.map_err(|_| failed())?;
    // `[status, Retry-After]` for a failed answer, `[status, null, text]` else.
    let read_answer = JsFuture::from(host::read(&answer, MAX_BYTES)).await.map_err(|e| match e.as_string() {
        Some(why) if why == "too-large" => LoadError::TooLarge,
        _ => failed(),
    })?;
    let part = |i| js_sys::Reflect::get_u32(&read_answer, i).unwrap_or_default();
    let status = part(0).as_f64().unwrap_or_default() as u16;
    match part(2).dyn_into::<JsString>() {
        Ok(text) => read(text),
        Err(_) => {
            let now = (js_sys::Date::now() / 1000.0) as i64;
            let retry_after = part(1).as_string().and_then(|h| retry_after_seconds(&h, now));
            Err(LoadError::Status(status, retry_after))
        }
    }
}

/// Parses a document's text as JSON, or as XML when it starts with `<`
/// (refusing an HTML page).
pub fn read(text: JsString) -> Result<Fetched, LoadError> {
    // Enough of the start to tell the syntax (white space is trimmed in JS).
    let start = String::from(text.trim_start().slice(0, 16));
    let body = match Syntax::of(&start) {
        Syntax::Json => Body::Json(json::parse(&String::from(&text)).map_err(|_| LoadError::NotJson)?),
        Syntax::Xml => Body::Xml(xmldoc::parse(&String::from(&text)).map_err(|e| match e {
            XmlError::Malformed(why) => LoadError::NotXml(why),
            XmlError::Blocked => LoadError::XmlBlocked,
        })?),
        Syntax::Html => return Err(LoadError::Html),
    };
    Ok(Fetched { text, body })
}

thread_local! {
    static TAKE_EARLY: std::cell::RefCell<Option<js_sys::Function>> = const { std::cell::RefCell::new(None) };
}

/// Sets the loader's `takeEarly(url, signal)` (see `boot`).
pub fn set_take_early(take: Option<js_sys::Function>) {
    TAKE_EARLY.with(|t| *t.borrow_mut() = take);
}

/// The request the loader started for `url` before the module ran, if it
/// did and no widget has taken it; aborting `signal` aborts it.
fn take_early(url: &str, signal: &web_sys::AbortSignal) -> Option<js_sys::Promise> {
    let take = TAKE_EARLY.with(|t| t.borrow().clone())?;
    take.call2(&JsValue::UNDEFINED, &url.into(), signal).ok()?.dyn_into().ok()
}

/// The page-facing half's network calls (`src/host.js`).
mod host {
    use wasm_bindgen::prelude::wasm_bindgen;
    
    #[wasm_bindgen]
    extern "C" {
        /// A CORS-simple, revalidating GET; a promise of the answer.
        #[wasm_bindgen(js_namespace = ntHost)]
        pub fn get(url: &str, signal: &web_sys::AbortSignal) -> js_sys::Promise;

        /// Reads an answer within `max_bytes`: `[status, Retry-After]` or `[status, null, text]`.
        #[wasm_bindgen(js_namespace = ntHost)]
        pub fn read(answer: &wasm_bindgen::JsValue, max_bytes: u32) -> js_sys::Promise;
    }
}

/// Runs two futures at once and waits for both.
pub async fn both<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut done_a, mut done_b) = (None, None);
    poll_fn(move |cx| {
        if done_a.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                done_a = Some(v);
            }
        }
        if done_b.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                done_b = Some(v);
            }
        }
        match (done_a.take(), done_b.take()) {
            (Some(a), Some(b)) => Poll::Ready((a, b)),
            (a, b) => {
                (done_a, done_b) = (a, b);
                Poll::Pending
            }
        }
    })
    .await
}
