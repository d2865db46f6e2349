//! What a widget leaves in `localStorage` for the reader's next visit: its
//! last render as one plan, painted by the script before the module is
//! downloaded or compiled (`paint` in `src/web/host/render.js`), then taken over
//! by the module like a server-rendered frame. The script decides nothing:
//! the module wrote when the record stops being painted, and the record
//! is kept under the container's settings (its `data-` attributes, as
//! `settings` in `src/web/host/render.js` writes them), so other settings find
//! none.
//!
//! ```text
//! <script version>
//! <paint until, ms since 1970>
//! <stylesheet length, UTF-16 code units>
//! <stylesheet><render plan>
//! ```

use crate::decimal::{whole, whole_number};

/// Keys of painted frames start with this; the settings follow.
pub const PREFIX: &str = "news-ticker:paint:1:";
/// How long a record is painted after it was written: a week.
pub const MAX_AGE_MS: u64 = 7 * 24 * 3_600_000;
/// The most records kept, one per container settings; the oldest go first.
pub const MAX_RECORDS: usize = 8;

/// One painted frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Record<'a> {
    /// The script's version: another version's record is not painted.
    pub version: &'a str,
    /// Painted only before this moment (ms since 1970).
    pub until: u64,
    /// The widget's stylesheet.
    pub css: &'a str,
    /// The render plan of the whole frame (`src/plan.rs`).
    pub plan: &'a str,
}

/// The storage key of the record for a container's settings.
pub fn key(settings: &str) -> String {
    [PREFIX, settings].concat()
}

impl Record<'_> {
    /// The stored text.
    pub fn encode(&self) -> String {
        let css_units = self.css.encode_utf16().count() as u64;
        [self.version, "\n", &whole(self.until, 1), "\n", &whole(css_units, 1), "\n", self.css, self.plan].concat()
    }

    /// A stored text read back; `None` if it is not a record.
    pub fn decode(stored: &str) -> Option<Record<'_>> {
        let mut lines = stored.splitn(4, '\n');
        let (version, until, css_units, rest) = (lines.next()?, lines.next()?, lines.next()?, lines.next()?);
        let (until, css_units) = (whole_number(until)?, whole_number(css_units)? as usize);
        // The stylesheet's length is in UTF-16 units, as the script counts.
        let mut units = 0;
        let split = rest.char_indices().find_map(|(at, c)| {
            let found = (units == css_units).then_some(at);
            units += c.len_utf16();
            found
        });
        let split = split.or((units == css_units).then_some(rest.len()))?;
        Some(Record { version, until, css: &rest[..split], plan: &rest[split..] })
    }
}

/// When the record stored as `stored` stops being painted; 0 if unreadable.
pub fn until(stored: &str) -> u64 {
    Record::decode(stored).map_or(0, |r| r.until)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written() {
        let record = Record {
            version: "0.1.0",
            until: 1_765_000_000_000,
            css: ".nt{a:\"é→\"}\n",
            plan: "r\u{0}00\u{0}o\u{0}div\u{0}",
        };
        let text = record.encode();
        assert_eq!(text, "0.1.0\n1765000000000\n12\n.nt{a:\"é→\"}\nr\u{0}00\u{0}o\u{0}div\u{0}");
        assert_eq!(Record::decode(&text), Some(record));
        assert_eq!(until(&text), 1_765_000_000_000);
    }

    #[test]
    fn what_is_not_a_record_is_not_read() {
        for text in ["", "0.1.0\n1\n", "0.1.0\nx\n0\n", "0.1.0\n1\n99\nshort"] {
            assert_eq!(Record::decode(text), None, "{text:?}");
        }
        assert_eq!(until("nonsense"), 0);
    }
}
