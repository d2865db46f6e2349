//! The feed builder (`news-ticker-feed`) and the feed validator
//! (`news-ticker-validate`), native programs that no wasm package depends
//! on: the official rate publications read into one model, the pairs,
//! their history, the documents written. The widget's rules
//! (`news_ticker_rules`) are shared with them; nothing here is shared back.
//! The guide's "Feed builder" (`docs/src/feed-builder.md`) is the manual.

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
/// Files replaced atomically, and the state kept between runs.
pub mod store;
