//! The last good content of a feed, as it is kept in `localStorage`: one
//! entry per feed URL, written after every good load and read on the next
//! page load, so the widget shows news at once and has something to show
//! when the network fails.
//!
//! An entry holds the texts the content was parsed from (the feed, and the
//! `data-rates` document when there is one), parsed again on the way out
//! by the same readers as a fresh answer. Entries are bounded (each, and
//! all of ours together, oldest dropped first) because the page's origin
//! shares its storage with the host page. Anything under our key that is
//! not an entry of this version for this URL is ignored.
//!
//! ```text
//! news-ticker 1
//! <feed saved at, ms> <feed bytes> <feed URL>
//! <rates saved at, ms> <rates bytes> <rates URL>     (or "-")
//! <feed text><rates text>
//! ```

use crate::decimal::{whole, whole_number};

/// Keys of this version's entries start with this; the feed URL follows.
pub const PREFIX: &str = "news-ticker:1:";
const MAGIC: &str = "news-ticker 1";
/// The largest entry kept, in UTF-8 bytes of feed and rates text. A feed
/// larger than this is not cached (and an older entry for it is removed).
pub const MAX_ENTRY_BYTES: usize = 256 * 1024;
/// All of our entries together, in bytes of their stored text.
pub const MAX_TOTAL_BYTES: usize = 512 * 1024;

/// One fetched document and when it was fetched.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    /// The URL it was fetched from.
    pub url: String,
    /// Milliseconds since 1970 (`Date.now()`).
    pub at: u64,
    /// Its text as fetched.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
/// One widget's cached load: the feed, and the rates document when it has one.
pub struct Entry {
    /// The feed.
    pub feed: Saved,
    /// The rates document (`data-rates`), when the container names one.
    pub rates: Option<Saved>,
}

/// The storage key of the entry for `feed_url`.
pub fn key(feed_url: &str) -> String {
    [PREFIX, feed_url].concat()
}

impl Entry {
    /// The stored text, or `None` when the entry is larger than
    /// [`MAX_ENTRY_BYTES`] or a URL could not be stored (one with a line break).
    pub fn encode(&self) -> Option<String> {
        let rates_len = self.rates.as_ref().map_or(0, |r| r.text.len());
        if self.feed.text.len() + rates_len > MAX_ENTRY_BYTES {
            return None;
        }
        let line = |s: &Saved| {
            (!s.url.contains(['\n', '\r']))
                .then(|| [&whole(s.at, 1), " ", &whole(s.text.len() as u64, 1), " ", &s.url, "\n"].concat())
        };
        let rates_line = match &self.rates {
            Some(rates) => line(rates)?,
            None => "-\n".to_owned(),
        };
        let rates_text = self.rates.as_ref().map_or("", |r| r.text.as_str());
        Some([MAGIC, "\n", &line(&self.feed)?, &rates_line, &self.feed.text, rates_text].concat())
    }

    /// Reads a stored entry back, if it is one of this version for
    /// `feed_url`, whole. Anything else (another version, another URL, a
    /// truncated or edited text, a value another script put there) is `None`.
    pub fn decode(stored: &str, feed_url: &str) -> Option<Entry> {
        let rest = stored.strip_prefix(MAGIC)?.strip_prefix('\n')?;
        let (feed_line, rest) = rest.split_once('\n')?;
        let (rates_line, body) = rest.split_once('\n')?;
        let (feed_at, feed_len, url) = header(feed_line)?;
        if url != feed_url {
            return None;
        }
        let rates = match rates_line {
            "-" => None,
            line => Some(header(line)?),
        };
        let rates_len = rates.map_or(0, |(_, len, _)| len);
        if feed_len.checked_add(rates_len)? != body.len() {
            return None;
        }
        let feed_text = body.get(..feed_len)?;
        let rates_text = body.get(feed_len..)?;
        Some(Entry {
            feed: Saved { url: url.to_owned(), at: feed_at, text: feed_text.to_owned() },
            rates: rates.map(|(at, _, url)| Saved { url: url.to_owned(), at, text: rates_text.to_owned() }),
        })
    }
}

/// `<at> <len> <url>` of one header line.
fn header(line: &str) -> Option<(u64, usize, &str)> {
    let mut fields = line.splitn(3, ' ');
    let at = whole_number(fields.next()?)?;
    let len = usize::try_from(whole_number(fields.next()?)?).ok()?;
    let url = fields.next().filter(|u| !u.is_empty())?;
    Some((at, len, url))
}

/// When a stored entry was saved (its feed line), without reading its body;
/// `None` for anything that is not an entry of this version.
pub fn saved_at(stored: &str) -> Option<u64> {
    let rest = stored.strip_prefix(MAGIC)?.strip_prefix('\n')?;
    header(rest.split_once('\n')?.0).map(|(at, _, _)| at)
}

/// One of our entries already in storage: its key, when it was saved
/// (`None` if unreadable) and its stored length.
pub struct Stored {
    /// Its storage key.
    pub key: String,
    /// When it was saved, in milliseconds since 1970.
    pub at: Option<u64>,
    /// Its stored text's length.
    pub len: usize,
}

/// The keys to remove before writing `new_len` bytes under `new_key`, so
/// our entries together stay within [`MAX_TOTAL_BYTES`]: unreadable ones
/// first, then the oldest. The entry being replaced does not count.
pub fn evictions(existing: &[Stored], new_key: &str, new_len: usize) -> Vec<String> {
    let mut others: Vec<&Stored> = existing.iter().filter(|s| s.key != new_key).collect();
    let mut total = new_len + others.iter().map(|s| s.len).sum::<usize>();
    let mut removed = Vec::new();
    // A few entries at most: picking the oldest each time costs less code
    // than a sort. Unreadable (`None`) counts as older than any time.
    while total > MAX_TOTAL_BYTES {
        let Some((at, _)) = others.iter().enumerate().min_by_key(|(_, s)| s.at) else { break };
        let oldest = others.swap_remove(at);
        total -= oldest.len;
        removed.push(oldest.key.clone());
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://news.example/feed.json";

    fn entry(feed: &str, rates: Option<&str>) -> Entry {
        Entry {
            feed: Saved { url: URL.into(), at: 1_764_000_000_000, text: feed.into() },
            rates: rates.map(|r| Saved {
                url: "https://rates.example/r.json".into(),
                at: 1_764_000_000_500,
                text: r.into(),
            }),
        }
    }

    #[test]
    fn entries_read_back_as_written_with_or_without_rates() {
        for e in [
            entry(r#"{"items": []}"#, None),
            entry("<rss>\nКыргызстан 🇰🇬\n</rss>", Some(r#"[{"base": "KGS"}]"#)),
            entry("", Some("")),
        ] {
            let stored = e.encode().expect("small entries are kept");
            assert_eq!(Entry::decode(&stored, URL), Some(e.clone()));
            assert_eq!(saved_at(&stored), Some(1_764_000_000_000));
        }
    }

    #[test]
    fn the_stored_text_has_the_documented_layout() {
        let stored = entry("FEED", Some("RATES")).encode().unwrap();
        assert_eq!(
            stored,
            "news-ticker 1\n1764000000000 4 https://news.example/feed.json\n\
             1764000000500 5 https://rates.example/r.json\nFEEDRATES"
        );
        assert_eq!(key(URL), "news-ticker:1:https://news.example/feed.json");
    }

    #[test]
    fn other_urls_versions_and_foreign_values_are_ignored() {
        let stored = entry("{}", None).encode().unwrap();
        assert_eq!(Entry::decode(&stored, "https://news.example/other.json"), None);
        assert_eq!(Entry::decode(&stored.replacen("news-ticker 1", "news-ticker 2", 1), URL), None);
        for foreign in ["", "{}", "null", "news-ticker 1", "news-ticker 1\n", "[1,2,3]", "news-ticker 1\nx y z\n-\n"] {
            assert_eq!(Entry::decode(foreign, URL), None, "{foreign:?}");
            assert_eq!(saved_at(foreign), None, "{foreign:?}");
        }
    }

    #[test]
    fn truncated_or_edited_entries_are_ignored() {
        let stored = entry("{\"items\": [\"é\"]}", Some("[]")).encode().unwrap();
        // Every cut of the text is refused, including one inside a character.
        for end in 0..stored.len() {
            if let Some(cut) = stored.get(..end) {
                assert_eq!(Entry::decode(cut, URL), None, "cut at {end}");
            }
        }
        assert_eq!(Entry::decode(&format!("{stored}x"), URL), None);
        // A length that would split a character.
        let split = entry("é", None).encode().unwrap().replace(" 2 https", " 1 https");
        assert_eq!(Entry::decode(&split, URL), None);
        // Lengths and times that are not plain digits.
        for bad in [" -4 ", " +4 ", " 4.0 ", " 99999999999999999999999 "] {
            let edited = entry("FEED", None).encode().unwrap().replacen(" 4 ", bad, 1);
            assert_eq!(Entry::decode(&edited, URL), None, "{bad:?}");
        }
    }

    #[test]
    fn entries_over_the_size_cap_and_urls_with_line_breaks_are_not_kept() {
        let big = "x".repeat(MAX_ENTRY_BYTES + 1);
        assert_eq!(entry(&big, None).encode(), None);
        let just = "x".repeat(MAX_ENTRY_BYTES - 2);
        assert_eq!(entry(&just, Some("[]")).encode().map(|s| s.ends_with("x[]")), Some(true));
        assert_eq!(entry(&just, Some("[1]")).encode(), None);
        let mut broken = entry("{}", None);
        broken.feed.url = "https://a.example/\nb".into();
        assert_eq!(broken.encode(), None);
    }

    #[test]
    fn eviction_keeps_the_total_under_the_cap_dropping_unreadable_then_oldest() {
        let s = |key: &str, at: Option<u64>, len: usize| Stored { key: key.into(), at, len };
        let quarter = MAX_TOTAL_BYTES / 4;
        let existing = [s("old", Some(1), quarter), s("new", Some(3), quarter), s("mid", Some(2), quarter)];
        assert!(evictions(&existing, "other", quarter).is_empty(), "exactly at the cap");
        assert_eq!(evictions(&existing, "other", quarter + 1), ["old"]);
        assert_eq!(evictions(&existing, "other", 2 * quarter), ["old"]);
        assert_eq!(evictions(&existing, "other", 2 * quarter + 1), ["old", "mid"]);
        // Replacing an entry does not count its old size.
        assert!(evictions(&existing, "old", 2 * quarter).is_empty());
        let with_junk = [s("old", Some(1), quarter), s("junk", None, 10), s("new", Some(3), 3 * quarter)];
        assert_eq!(evictions(&with_junk, "other", 1), ["junk", "old"]);
    }
}
