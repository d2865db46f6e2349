//! `news-ticker-feed`'s own code, native only (never in the wasm): the
//! official rate publications read into one model. The widget's rules
//! (`src/rules/`) are shared with it; nothing here is shared back.

/// One reader per central bank's publication.
pub mod adapters;
/// The builder's configuration file, checked before anything is fetched.
pub mod config;
/// The HTTP client: timeout, conditional requests, a bounded retry.
pub mod fetch;
/// Each pair's last rate and the one before, and which new figures are believed.
pub mod history;
/// The published documents: the feed and the rates alone, byte-stable and validated.
pub mod output;
/// A pair's rate from a publication: as published, inverted or crossed.
pub mod pairs;
/// The model every publication is read into, and its figures and dates.
pub mod publication;
/// One run: fetch, take what is plausible, keep the rest, write.
pub mod run;
/// Server-rendered containers: the widget's render of a feed as HTML.
pub mod server;
/// Files replaced atomically, and the state kept between runs.
pub mod store;
