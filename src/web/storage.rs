//! `localStorage` for the [`cache`](news_ticker_rules::cache): every call may throw
//! (storage disabled, a sandboxed frame, the quota full, private modes),
//! and none of that is an error for the widget: it then simply has no
//! cached content.

use news_ticker_rules::cache::{self, Entry, Stored};
use news_ticker_rules::paint::{self, Record};
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// `localStorage` through `src/web/host/page.js`, which swallows what it throws:
    /// `get`, `set` or `remove` a key.
    #[wasm_bindgen(js_namespace = ntHost)]
    fn store(op: &str, key: &str, value: Option<&str>) -> Option<String>;

    /// The keys of `localStorage` that start with `prefix` (`src/web/host/page.js`).
    #[wasm_bindgen(js_namespace = ntHost, js_name = keys)]
    fn keys_of(prefix: &str) -> js_sys::Array;
}

/// The cached entry for `feed_url`, if there is a readable one.
pub fn load(feed_url: &str) -> Option<Entry> {
    let stored = store("get", &cache::key(feed_url), None)?;
    Entry::decode(&stored, feed_url)
}

/// Writes `entry`, first removing our oldest entries if ours would
/// outgrow their share. An entry too large to keep removes the older one
/// for the same feed instead, so a later page load never shows older news
/// than the last it could have shown.
pub fn save(entry: &Entry) {
    let key = cache::key(&entry.feed.url);
    let Some(text) = entry.encode() else {
        store("remove", &key, None);
        return;
    };
    // Replacing an entry by one no longer keeps the total as it was: only
    // a new or growing entry needs the others looked at.
    let previous = store("get", &key, None).map_or(0, |v| v.len());
    if previous == 0 || text.len() > previous {
        for old in cache::evictions(&ours(), &key, text.len()) {
            store("remove", &old, None);
        }
    }
    store("set", &key, Some(&text));
}

/// Removes the entry for `feed_url`, if any.
pub fn forget(feed_url: &str) {
    store("remove", &cache::key(feed_url), None);
}

/// The keys of `localStorage` that start with `prefix`.
fn keys(prefix: &str) -> Vec<String> {
    keys_of(prefix).iter().filter_map(|key| key.as_string()).collect()
}

/// Every entry of ours.
fn ours() -> Vec<Stored> {
    keys(cache::PREFIX)
        .into_iter()
        .map(|key| {
            let value = store("get", &key, None).unwrap_or_default();
            Stored { at: cache::saved_at(&value), len: value.len(), key }
        })
        .collect()
}

/// Keeps `record` as the frame to paint for a container of `settings` on
/// the next visit; at most [`paint::MAX_RECORDS`] are kept, the one that
/// ends first removed first. A record too large to keep removes the older.
pub fn save_paint(settings: &str, record: &Record) {
    let key = paint::key(settings);
    let text = record.encode();
    if text.len() > cache::MAX_ENTRY_BYTES {
        store("remove", &key, None);
        return;
    }
    let kept = keys(paint::PREFIX);
    let mut others: Vec<(u64, &str)> = kept
        .iter()
        .map(String::as_str)
        .filter(|k| *k != key)
        .map(|k| (store("get", k, None).map_or(0, |v| paint::until(&v)), k))
        .collect();
    others.sort_unstable();
    for (_, old) in others.iter().take((others.len() + 1).saturating_sub(paint::MAX_RECORDS)) {
        store("remove", old, None);
    }
    store("set", &key, Some(&text));
}
