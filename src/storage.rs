//! `localStorage` for the [`cache`](crate::cache): every call may throw
//! (storage disabled, a sandboxed frame, the quota full, private modes),
//! and none of that is an error for the widget: it then simply has no
//! cached content.

use crate::cache::{self, Entry, Stored};
use web_sys::Storage;

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The cached entry for `feed_url`, if there is a readable one.
pub fn load(feed_url: &str) -> Option<Entry> {
    let stored = storage()?.get_item(&cache::key(feed_url)).ok().flatten()?;
    Entry::decode(&stored, feed_url)
}

/// Writes `entry`, first removing our oldest entries if ours would
/// outgrow their share. An entry too large to keep removes the older one
/// for the same feed instead, so a later page load never shows older news
/// than the last it could have shown.
pub fn save(entry: &Entry) {
    let Some(storage) = storage() else { return };
    let key = cache::key(&entry.feed.url);
    let Some(text) = entry.encode() else {
        let _ = storage.remove_item(&key);
        return;
    };
    // Replacing an entry by one no longer keeps the total as it was: only
    // a new or growing entry needs the others looked at.
    let previous = storage.get_item(&key).ok().flatten().map_or(0, |v| v.len());
    if previous == 0 || text.len() > previous {
        for old in cache::evictions(&ours(&storage), &key, text.len()) {
            let _ = storage.remove_item(&old);
        }
    }
    let _ = storage.set_item(&key, &text);
}

/// Removes the entry for `feed_url`, if any.
pub fn forget(feed_url: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&cache::key(feed_url));
    }
}

/// Every entry of ours in `storage`.
fn ours(storage: &Storage) -> Vec<Stored> {
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> =
        (0..count).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(cache::PREFIX)).collect();
    keys.into_iter()
        .map(|key| {
            let value = storage.get_item(&key).ok().flatten().unwrap_or_default();
            Stored { at: cache::saved_at(&value), len: value.len(), key }
        })
        .collect()
}
