//! Fetching feeds with gloo-net: CORS-simple GETs through the browser's
//! HTTP cache, a timeout, a size cap kept while the body streams in, and
//! cancellation when the widget goes away.
//!
//! Requests carry no custom headers, so a cross-origin feed needs only
//! `Access-Control-Allow-Origin` and no preflight. `cache: "no-cache"` makes
//! the browser revalidate with the feed's `ETag` / `Last-Modified`; a 304
//! reaches us as the cached 200, so callers compare bodies to see change.
//! An answer the loader asked for before the module ran (`ntHost.early`) is
//! wrapped as a `gloo_net::http::Response` and read by the same path.
//! The text is parsed by the syntax its content shows (not the URL or the
//! media type): JSON by [`json::parse`], which keeps each number's digits;
//! RSS and Atom by the XML stage ([`convert_xml`]), into JSON Feed text.

use crate::web::guard::Loading;
use gloo_net::http::{Request, RequestBuilder, Response};
use js_sys::{Promise, Uint8Array};
use news_ticker_rules::decimal::whole_number;
use news_ticker_rules::document::{self, Document, Unreadable};
use news_ticker_rules::encoding;
use news_ticker_rules::failure::{too_large, LoadError, MAX_BYTES, TIMEOUT_MS, XML_POLICY};
use news_ticker_rules::json::Value;
use news_ticker_rules::schedule::retry_after_seconds;
use news_ticker_rules::xml::{MAX_CHILDREN, MAX_DEPTH, MAX_NODES};
use news_ticker_rules::xmlfeed;
use std::cell::RefCell;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::pin::Pin;
use std::task::Poll;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{AbortSignal, ReadableStreamDefaultReader, ReadableStreamReadResult, RequestCache};

/// A parsed document.
pub enum Body {
    Json(Value),
    /// RSS or Atom, to be read by the XML stage ([`convert_xml`]) first.
    Xml,
}

/// A fetched document and the text it was parsed from (to tell a change
/// from a revalidation, and to be cached).
pub struct Fetched {
    pub text: String,
    pub body: Body,
}

/// What one load answers: the feed, and the rates when they were asked for.
type Answers = (Result<Fetched, LoadError>, Option<Result<Fetched, LoadError>>);

/// The request for a feed or rates document. The loader's early request
/// (`src/web/loader.js`) is made with the same options before the module
/// exists; `tests/e2e/hosting.test.mjs` compares the two as the browser
/// sees them.
fn request(url: &str, signal: Option<&AbortSignal>) -> RequestBuilder {
    Request::get(url).cache(RequestCache::NoCache).abort_signal(signal)
}

/// Starts a load of the feed and, when `rates_url` is given, the rates at
/// once, both within [`TIMEOUT_MS`]; `done(feed, rates)` gets what each
/// became, unless the returned guard was dropped first.
pub fn load(feed_url: &str, rates_url: Option<&str>, done: impl FnOnce(Answers) + 'static) -> Loading {
    let loading = Loading::new(Some(TIMEOUT_MS));
    let stop = loading.stop();
    let (feed_url, rates_url) = (feed_url.to_owned(), rates_url.map(str::to_owned));
    spawn(async move {
        let signal = stop.signal();
        let feed = stop.within(fetched(&feed_url, signal.as_ref()));
        let rates = async {
            match &rates_url {
                Some(url) => Some(stop.within(fetched(url, signal.as_ref())).await),
                None => None,
            }
        };
        let answers = both(feed, rates).await;
        if !stop.cancelled() {
            done(answers);
        }
    });
    loading
}

/// Runs `task` on the futures executor. Every task goes through this one
/// call, boxed, so the executor's code is in the module once rather than
/// once for each kind of task.
fn spawn(task: impl Future<Output = ()> + 'static) {
    spawn_local(Box::pin(task) as Pin<Box<dyn Future<Output = ()>>>);
}

/// Runs two futures at once (both requests go out together) and gives
/// both answers.
async fn both<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut first, mut second) = (None, None);
    poll_fn(move |cx| {
        if first.is_none() {
            if let Poll::Ready(answer) = a.as_mut().poll(cx) {
                first = Some(answer);
            }
        }
        if second.is_none() {
            if let Poll::Ready(answer) = b.as_mut().poll(cx) {
                second = Some(answer);
            }
        }
        match (first.take(), second.take()) {
            (Some(a), Some(b)) => Poll::Ready((a, b)),
            (a, b) => {
                (first, second) = (a, b);
                Poll::Pending
            }
        }
    })
    .await
}

/// Fetches one document and reads it.
async fn fetched(url: &str, signal: Option<&AbortSignal>) -> Result<Fetched, LoadError> {
    let response = answer(url, signal).await.ok_or(LoadError::Unreachable)?;
    let header = |name| response.headers().get(name);
    if !response.ok() {
        let now = (js_sys::Date::now() / 1000.0) as i64;
        let retry_after = header("retry-after").and_then(|h| retry_after_seconds(&h, now));
        return Err(LoadError::Status(response.status(), retry_after));
    }
    let declared = header("content-length");
    if too_large(declared.as_deref(), MAX_BYTES) {
        return Err(LoadError::TooLarge);
    }
    // Room for the declared length at once (compressed answers declare less).
    let expected = declared.and_then(|d| whole_number(d.trim())).unwrap_or_default() as usize;
    let bytes = body(&response, expected, MAX_BYTES as usize).await?;
    read(decoded(bytes, header("content-type").as_deref()))
}

/// The answer for `url`: the one the loader already asked for, if it did,
/// else a new request. `None` when the request failed (the network, CORS,
/// an abort, a page's fetch wrapper that refused it).
async fn answer(url: &str, signal: Option<&AbortSignal>) -> Option<Response> {
    if let Ok(Some(early)) = host::early(url, signal) {
        let answer = JsFuture::from(early).await.ok()?;
        return answer.dyn_into::<web_sys::Response>().ok().map(Response::from);
    }
    request(url, signal).send().await.ok()
}

/// The body's bytes (room made for `expected`), read as they stream in and refused once they pass
/// `max` (the download is then cancelled, so a 20 MB answer costs the
/// first 5 MB at most).
async fn body(response: &Response, expected: usize, max: usize) -> Result<Vec<u8>, LoadError> {
    let Some(stream) = response.body() else {
        return Ok(Vec::new());
    };
    let reader = ReadableStreamDefaultReader::new(&stream).map_err(|_| LoadError::Unreachable)?;
    let mut bytes = Vec::with_capacity(expected.min(max));
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(|_| LoadError::Unreachable)?;
        let step: ReadableStreamReadResult = step.unchecked_into();
        if step.get_done().unwrap_or(true) {
            return Ok(bytes);
        }
        let chunk: Uint8Array = step.get_value().dyn_into().map_err(|_| LoadError::Unreachable)?;
        let (start, end) = (bytes.len(), bytes.len() + chunk.length() as usize);
        if end > max {
            // Settled in a task of its own, so a stream that refuses is no unhandled rejection.
            let cancelling = JsFuture::from(reader.cancel());
            spawn(async move {
                let _ = cancelling.await;
            });
            return Err(LoadError::TooLarge);
        }
        bytes.resize(end, 0);
        chunk.copy_to(&mut bytes[start..]);
    }
}

/// A document's text, in the encoding it is written in (see
/// [`encoding::label`]). Valid UTF-8 (nearly every feed) is taken as it
/// is; anything else is decoded by the browser's `TextDecoder`, which only
/// that rare case pays for. A label the browser does not know is read as
/// UTF-8, with a warning.
fn decoded(bytes: Vec<u8>, content_type: Option<&str>) -> String {
    let named = encoding::label(&bytes, content_type);
    if encoding::is_utf8(named) {
        // Checked once: what is not valid UTF-8 comes back for TextDecoder.
        return String::from_utf8(bytes)
            .unwrap_or_else(|broken| host::text(broken.as_bytes(), encoding::UTF_8).unwrap_or_default());
    }
    host::text(&bytes, named).unwrap_or_else(|| {
        let why = ["news-ticker: the feed's encoding \"", named, "\" is not one this browser reads; read as UTF-8"];
        web_sys::console::warn_1(&why.concat().into());
        host::text(&bytes, encoding::UTF_8).unwrap_or_default()
    })
}

/// Parses a document's text as JSON, or notes that it is XML when it
/// starts with `<` (refusing an HTML page).
pub fn read(text: String) -> Result<Fetched, LoadError> {
    // XML is read later, by the page's parser and the XML stage.
    let body = match document::read(&text, |_| Ok(())) {
        Ok(Document::Json(doc)) => Body::Json(doc),
        Ok(Document::Xml(())) => Body::Xml,
        Err(Unreadable::Html) => return Err(LoadError::Html),
        Err(_) => return Err(LoadError::NotJson),
    };
    Ok(Fetched { text, body })
}

/// Has the XML stage read an RSS or Atom text; `done` gets the JSON Feed
/// it became, as a fetched document (its text is what is compared and
/// cached). Dropping the guard drops the answer; `done` is then never called.
pub fn convert_xml(text: String, done: impl FnOnce(Result<Fetched, LoadError>) + 'static) -> Loading {
    let loading = Loading::new(None);
    let stop = loading.stop();
    spawn(async move {
        let flat = host::xml_feed(&text, XML_POLICY, MAX_DEPTH, MAX_NODES, MAX_CHILDREN, &stage());
        let answer = JsFuture::from(flat).await.ok().and_then(|a| a.as_string()).unwrap_or_default();
        if !stop.cancelled() {
            done(xmlfeed::answer(&answer).and_then(|json| read(json.to_owned())));
        }
    });
    loading
}

thread_local! {
    /// The XML stage compiled, or being fetched and compiled: once per
    /// page. A failure is not kept, so the next XML load asks again.
    static STAGE: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// The XML stage as a `WebAssembly.Module`, fetched with gloo-net from
/// where the loader says it is, pinned by its integrity hash; the promise
/// rejects with the reason it could not be had.
fn stage() -> Promise {
    if let Some(stage) = STAGE.with_borrow(Clone::clone) {
        return stage;
    }
    let mut settle = None;
    let stage = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    STAGE.set(Some(stage.clone()));
    if let Some((resolve, reject)) = settle {
        spawn(async move {
            let _ = match compile_stage().await {
                Ok(module) => resolve.call1(&JsValue::UNDEFINED, &module),
                Err(why) => {
                    STAGE.set(None);
                    reject.call1(&JsValue::UNDEFINED, &why)
                }
            };
        });
    }
    stage
}

async fn compile_stage() -> Result<JsValue, JsValue> {
    let (url, integrity) = host::xml_stage().ok_or("the page has no XML stage")?;
    let failed = JsValue::from(["the request for ", &url, " failed"].concat());
    let response = Request::get(&url).integrity(&integrity).send().await.map_err(|_| failed.clone())?;
    if !response.ok() {
        let status = news_ticker_rules::decimal::whole(u64::from(response.status()), 1);
        return Err(["HTTP ", &status, " for ", &url].concat().into());
    }
    // The bytes stay in JS: compiled from the answer's own ArrayBuffer.
    let bytes = web_sys::Response::from(response).array_buffer().map_err(|_| failed.clone())?;
    JsFuture::from(js_sys::WebAssembly::compile(&JsFuture::from(bytes).await.map_err(|_| failed)?)).await
}

/// The page-facing half's calls (`src/web/host/`).
mod host {
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_bindgen::JsValue;

    #[wasm_bindgen]
    extern "C" {
        /// The answer the loader asked for `url` before the module ran, taken
        /// once and aborted with `signal`; `None` when it asked for none.
        #[wasm_bindgen(js_namespace = ntHost, catch)]
        pub fn early(url: &str, signal: Option<&web_sys::AbortSignal>) -> Result<Option<js_sys::Promise>, JsValue>;

        /// Parses RSS or Atom with `DOMParser` (through the Trusted Types
        /// policy `policy`), flattens it within the limits, and has the XML
        /// stage (`stage`, a promise of its `WebAssembly.Module`) convert it;
        /// resolves to the answer `xmlfeed::answer` reads.
        #[wasm_bindgen(js_namespace = ntHost, js_name = xmlFeed)]
        pub fn xml_feed(
            text: &str,
            policy: &str,
            max_depth: u32,
            max_nodes: u32,
            max_children: u32,
            stage: &js_sys::Promise,
        ) -> js_sys::Promise;

        /// Where the loader says the XML stage is: `{url, integrity}`.
        #[wasm_bindgen(thread_local_v2, js_namespace = ntHost, js_name = xmlStage)]
        static XML_STAGE: JsValue;

        /// The bytes as `TextDecoder` decodes the encoding `label`; `None`
        /// for a label the browser does not know.
        #[wasm_bindgen(js_namespace = ntHost)]
        pub fn text(bytes: &[u8], label: &str) -> Option<String>;
    }

    /// The XML stage's URL and integrity hash, as the loader wrote them
    /// (constants of the build, not a page's value: two property reads).
    pub fn xml_stage() -> Option<(String, String)> {
        let field = |name: &str| XML_STAGE.with(|at| js_sys::Reflect::get(at, &name.into()).ok()?.as_string());
        Some((field("url")?, field("integrity")?))
    }
}
