//! Helpers shared by the browser test files: containers, blob: feeds,
//! mounting, and readers of what a widget shows.
#![cfg(target_arch = "wasm32")]
#![allow(dead_code)] // Each test file uses its own subset.

use gloo_events::EventListener;
use js_sys::{Array, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, CustomEvent, Element, ShadowRoot, Url};

pub fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// A blob: URL serving `body` as JSON.
pub fn feed_url(body: &str) -> String {
    served_as(body, "application/json")
}

/// A blob: URL serving `body` with the media type `mime`.
pub fn served_as(body: &str, mime: &str) -> String {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&body.into()), &options).expect("blob");
    Url::create_object_url_with_blob(&blob).expect("blob URL")
}

/// Gives the page the module's page-facing half (`src/web/host/`, as `make
/// build` joins it in `target/glue/host.js`), which the loader carries in
/// production and these tests, loading the module alone, install as a global.
/// The loader also says where the XML stage is: here, the stage `make
/// build` made (so `make test-wasm` builds first), served from a blob: URL.
pub fn install_host() {
    static STAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stage = STAGE.get_or_init(|| {
        served_bytes(
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/www/dist/news-ticker_xml.wasm")),
            "application/wasm",
        )
    });
    let source = format!(
        "{}\nntHost.xmlStage = {{ url: {stage:?}, integrity: \"\" }};\nglobalThis.ntHost = ntHost;",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/target/glue/host.js"))
    );
    js_sys::Function::new_no_args(&source).call0(&JsValue::NULL).expect("the page-facing half runs");
}

/// A blob: URL serving `bytes` as they are (for text that is not valid UTF-8).
pub fn bytes_url(bytes: &[u8]) -> String {
    served_bytes(bytes, "application/json")
}

fn served_bytes(bytes: &[u8], media_type: &str) -> String {
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let parts = Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).expect("blob");
    Url::create_object_url_with_blob(&blob).expect("blob URL")
}

/// A container in the document with the given attributes (the host installed first).
pub fn container(attributes: &[(&str, &str)]) -> Element {
    install_host();
    let el = document().create_element("div").expect("div");
    for (name, value) in attributes {
        el.set_attribute(name, value).expect("attribute");
    }
    document().body().expect("body").append_child(&el).expect("append");
    el
}

pub async fn mounted(el: &Element) {
    JsFuture::from(news_ticker::mount(el)).await.expect("mount settles");
}

/// A container with `attributes` and a widget rendered in it.
pub async fn widget(attributes: &[(&str, &str)]) -> Element {
    let el = container(attributes);
    mounted(&el).await;
    el
}

/// Takes the container out of the page and unmounts its widget.
pub fn discard(el: &Element) {
    el.remove();
    news_ticker::unmount(el);
}

pub fn shadow(el: &Element) -> ShadowRoot {
    el.shadow_root().expect("an open shadow root")
}

pub fn texts(el: &Element, selector: &str) -> Vec<String> {
    let found = shadow(el).query_selector_all(selector).expect("selector");
    (0..found.length()).filter_map(|i| found.item(i)).map(|n| n.text_content().unwrap_or_default()).collect()
}

/// A widget on `feed`, and the messages of the `news-ticker:error` events
/// it fired while mounting.
pub async fn mounted_with_errors(feed: &str) -> (Element, Vec<String>) {
    let el = container(&[("data-feed", feed)]);
    let messages = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let seen = messages.clone();
    let _listener = on_error_event(&el, move |detail| seen.borrow_mut().push(detail));
    mounted(&el).await;
    // Let the event's task run.
    JsFuture::from(Promise::resolve(&JsValue::UNDEFINED)).await.unwrap();
    let messages = messages.borrow().clone();
    (el, messages)
}

/// Listens for `news-ticker:error` on `el`, passing the detail's message.
pub fn on_error_event(el: &Element, mut on_error: impl FnMut(String) + 'static) -> EventListener {
    listen(el, "news-ticker:error", move |detail| {
        let message = js_sys::Reflect::get(&detail, &"message".into()).ok().and_then(|m| m.as_string());
        on_error(message.unwrap_or_default());
    })
}

/// Listens for events of `kind` on `el`, passing their detail, until dropped.
pub fn listen(el: &Element, kind: &'static str, mut on_event: impl FnMut(JsValue) + 'static) -> EventListener {
    EventListener::new(el, kind, move |event| on_event(event.clone().unchecked_into::<CustomEvent>().detail()))
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    JsFuture::from(Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    }))
    .await
    .unwrap();
}

/// Waits until `done` holds, checking every 10 ms; panics after 5 s.
pub async fn until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        sleep(10).await;
    }
    panic!("gave up waiting: {what}");
}
