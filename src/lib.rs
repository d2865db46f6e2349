//! news-ticker: a currency-rate marquee and headline cards, embedded with
//! one script tag and configured by `data-` attributes (see CONTRACT.md).
//!
//! The pure modules (`config`, `date`, `feed`, `format`, `json`, `view`)
//! hold every rule and are tested natively; the browser glue
//! (`widget`, `dom`, `marquee`, `net`, `page`) only moves their results into
//! the DOM and is built for wasm32 alone.

pub mod config;
pub mod date;
pub mod feed;
pub mod format;
pub mod json;
pub mod view;
