//! The browser glue (wasm32 only): moves what [`news_ticker_rules`] decides into
//! the page through a few coarse calls to the page-facing half (`src/web/host/`),
//! and owns every browser resource it starts. Each resource has an owner
//! whose `Drop` releases it, so unmounting a widget is dropping it.

/// The API values to and from page JavaScript, by serde-wasm-bindgen.
pub mod api;
/// The shadow root and render plans applied.
pub(crate) mod dom;
/// Owners of observers and host calls in flight, released on drop.
pub(crate) mod guard;
/// Numbers, dates, plurals and words in the reader's locale.
pub(crate) mod intl;
/// The marquee's animation, observers and pause control.
pub(crate) mod marquee;
/// Loads by gloo-net: both documents at once, cancelled on drop.
pub(crate) mod net;
/// The registry of mounted widgets, keyed by their container.
pub(crate) mod page;
/// `localStorage` for the offline cache; every call may throw.
pub(crate) mod storage;
/// One mounted widget: its state, loads, refreshes and events.
pub(crate) mod widget;
/// RSS and Atom text -> an XML tree, by the browser's `DOMParser` (and the walk's limits).
pub mod xmldoc;
