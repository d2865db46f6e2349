//! Fetching feeds: CORS-simple GETs through the browser's HTTP cache, a
//! timeout, and cancellation when the widget goes away.
//!
//! Requests carry no custom headers, so a cross-origin feed needs only
//! `Access-Control-Allow-Origin` and no preflight. `cache: "no-cache"` makes
//! the browser revalidate with the feed's `ETag` / `Last-Modified`; a 304
//! reaches us as the cached 200, so callers compare bodies to see change.
//! The text is parsed by the browser's own parsers, chosen by the content
//! (not the URL or the media type): `JSON.parse`, walked into a [`Value`],
//! or `DOMParser` for RSS and Atom, copied into an [`xml::Element`].

use crate::config::whole_number;
pub use crate::failure::LoadError;
use crate::feed::Parsed;
use crate::json::{self, Value};
use crate::schedule::retry_after_seconds;
use crate::syndication::Syntax;
use crate::xml;
use crate::xmldoc::{self, XmlError};
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use js_sys::{JsString, Uint8Array};
use std::cell::Cell;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::rc::Rc;
use std::task::Poll;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, ReadableStreamReadResult, RequestCache, Response};

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
    let request = Request::get(url)
        .cache(RequestCache::NoCache)
        .abort_signal(Some(&controller.signal()))
        .build()
        .map_err(|_| LoadError::Unreachable)?;
    // The page's `fetch`, called through our own binding: a host page's
    // wrapper that throws, or resolves to something that is not a
    // Response, is a failed request here, never a panic.
    let answer = match take_early(url, &controller.signal()) {
        Some(answer) => answer,
        None => fetch(&request.into()).map_err(|_| failed())?,
    };
    let response: Response = JsFuture::from(answer).await.map_err(|_| failed())?.dyn_into().map_err(|_| failed())?;
    let response = gloo_net::http::Response::from(response);
    if !response.ok() {
        let now = (js_sys::Date::now() / 1000.0) as i64;
        let retry_after = response.headers().get("retry-after").and_then(|h| retry_after_seconds(&h, now));
        return Err(LoadError::Status(response.status(), retry_after));
    }
    read(body_text(&response).await.map_err(|e| e.unwrap_or_else(failed))?)
}

/// The body as text, read chunk by chunk and refused past [`MAX_BYTES`].
/// The chunks stay in JS until one `TextDecoder` call (UTF-8, BOM
/// removed, as `Response.text()` does). `Err(None)` is a failed read (a
/// network error, or the timeout aborting it).
async fn body_text(response: &gloo_net::http::Response) -> Result<JsString, Option<LoadError>> {
    let declared = response.headers().get("content-length").and_then(|l| whole_number(l.trim()));
    if declared.is_some_and(|len| len > u64::from(MAX_BYTES)) {
        return Err(Some(LoadError::TooLarge));
    }
    let Some(stream) = response.body() else {
        return Ok(JsString::from(""));
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut chunks = Vec::new();
    let mut total = 0u32;
    loop {
        let result: ReadableStreamReadResult = JsFuture::from(reader.read()).await.map_err(|_| None)?.unchecked_into();
        if result.get_done().unwrap_or(true) {
            break;
        }
        let chunk = Uint8Array::new(&result.get_value());
        total = total.saturating_add(chunk.length());
        if total > MAX_BYTES {
            let _ = reader.cancel();
            return Err(Some(LoadError::TooLarge));
        }
        chunks.push(chunk);
    }
    let whole = Uint8Array::new_with_length(total);
    let mut at = 0;
    for chunk in chunks {
        whole.set(&chunk, at);
        at += chunk.length();
    }
    Utf8Decoder::new().and_then(|d| d.decode(&whole)).map_err(|_| None)
}

/// Parses a document's text as JSON, or as XML when it starts with `<`
/// (refusing an HTML page).
pub fn read(text: JsString) -> Result<Fetched, LoadError> {
    // Enough of the start to tell the syntax (white space is trimmed in JS).
    let start = String::from(text.trim_start().slice(0, 16));
    let body = match Syntax::of(&start) {
        Syntax::Json => Body::Json(json::from_js(&parse_json(&text).map_err(|_| LoadError::NotJson)?)),
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

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, looked up at each call (so a wrapper a page
    /// installs later is used), with its exceptions caught.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch(request: &web_sys::Request) -> Result<js_sys::Promise, JsValue>;

    /// `JSON.parse` of a JS string (js-sys's takes a `&str`, a copy each way).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn parse_json(text: &JsString) -> Result<JsValue, JsValue>;

    /// A UTF-8 `TextDecoder` whose results stay in JS.
    #[wasm_bindgen(js_name = TextDecoder)]
    type Utf8Decoder;
    #[wasm_bindgen(constructor, catch, js_class = TextDecoder)]
    fn new() -> Result<Utf8Decoder, JsValue>;
    #[wasm_bindgen(method, catch, js_class = TextDecoder)]
    fn decode(this: &Utf8Decoder, bytes: &Uint8Array) -> Result<JsString, JsValue>;
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
