//! Every rule of the widget and every decision about what is shown, as
//! pure functions on plain data: tested natively (`cargo test -p
//! news-ticker-rules`, and the suites in the repository's `tests/`),
//! shared by the widget, the XML stage, the feed builder and the
//! validator. This crate depends on no browser binding (`web-sys`,
//! `js-sys`, `wasm-bindgen`), so nothing here can call the browser;
//! `tests/layout.rs` checks the resolved dependency graph.

/// The values that cross to page JavaScript: event details, `check`, `content`.
pub mod api;
/// The offline cache's entry format and its bounds.
pub mod cache;
/// The container's attributes, read into a configuration with warnings.
pub mod config;
/// Server-rendered containers: the widget's render of a feed as HTML.
pub mod container;
/// RFC 3339 and RFC 822 timestamps.
pub mod date;
/// Exact decimals: parsed as written, changes, text.
pub mod decimal;
/// A fetched text read by its syntax: JSON, XML, or refused as a web page.
pub mod document;
/// Which encoding a fetched document is in, and (natively) its decoding.
pub mod encoding;
/// Excerpts cut at whole words, for any script.
pub mod excerpt;
/// Why a load failed, in English and in the reader's language.
pub mod failure;
/// The feed model and the JSON Feed / rates readers.
pub mod feed;
/// The rate line and label, the counter and which links are followed.
pub mod format;
/// Markup and whitespace reduced to plain text.
pub mod html;
/// The item rules every format shares.
pub mod item;
/// A JSON reader that keeps each number's written digits.
pub mod json;
/// A render plan written as HTML, for server-rendered containers.
pub mod markup;
/// The marquee's geometry: copies and duration.
pub mod motion;
/// The last render kept for the next visit, painted before the module.
pub mod paint;
/// Render plans: DOM edits as one text for the page's script.
pub mod plan;
/// What can be wrong with a document, and what to do about it.
pub mod problem;
/// The widget's render as plans: frame, rates, cards, in any locale.
pub mod render;
/// HTML entities and stray `&` repaired in a feed the XML parser refused.
pub mod repair;
/// When the next load runs: refresh, jitter, backoff, `Retry-After`.
pub mod schedule;
/// RSS and Atom read into the feed model.
pub mod syndication;
/// Interface texts in four languages and the `data-text-*` overrides.
pub mod texts;
/// The validator's report (`news-ticker-validate`).
pub mod validate;
/// Feed + configuration -> what the widget shows.
pub mod view;
/// A read-only XML tree, decoded from the host's flattened walk.
pub mod xml;
/// The XML stage's conversion: RSS and Atom as JSON Feed text.
pub mod xmlfeed;

/// The widget's stylesheet (`src/widget.css`, minified by the build
/// script): in the module, in `news-ticker.css` and in server-rendered
/// containers alike.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));
