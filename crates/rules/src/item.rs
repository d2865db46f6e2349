//! The rules every feed format shares for an item, after its reader has
//! found the fields: blank fields count as missing, texts are capped and
//! markup reduced to text, an item with neither title nor text is
//! skipped, an unsafe link is warned about, a repeated id is shown once.

use crate::date::Timestamp;
use crate::decimal::whole;
use crate::format::safe_link;
use crate::html::{collapse_whitespace, html_to_text};
use crate::problem::{clipped, Hint, Problems};

/// One headline, whatever the feed's format.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The item's id (the RSS `guid`, the Atom `id`).
    pub id: Option<String>,
    /// The item's link as written.
    pub url: Option<String>,
    /// The item's title, as plain text.
    pub title: Option<String>,
    /// Plain text: `content_text`, else `summary`, else `content_html` reduced to text.
    pub text: String,
    /// `date_published`, else `date_modified` (RSS `pubDate`, else
    /// `dc:date`; Atom `published`, else `updated`).
    pub published: Option<Timestamp>,
    /// Author names, the feed's own when the item names none.
    pub authors: Vec<String>,
    /// An http(s) (or relative) image URL.
    pub image: Option<String>,
}

/// The most text taken from one field of an item (bytes of UTF-8, cut at a
/// character boundary), before any markup is removed.
pub const MAX_TEXT_BYTES: usize = 100 * 1024;

/// At most [`MAX_TEXT_BYTES`] of `text`, cut at a character boundary.
pub(crate) fn capped(text: &str) -> &str {
    capped_to(text, MAX_TEXT_BYTES)
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn capped_to(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// One text field of an item as a format gives it.
pub(crate) struct Text<'a> {
    /// Its name in the feed, for messages: `summary`, `description`.
    pub field: &'static str,
    pub text: &'a str,
    /// Markup to reduce to text with [`html_to_text`].
    pub html: bool,
}

/// An item's fields as its format gives them, before the rules all formats share.
pub(crate) struct Fields<'a> {
    /// The id and the name of the field it came from.
    pub id: Option<(String, &'static str)>,
    pub url: Option<Text<'a>>,
    pub title: Option<Text<'a>>,
    /// Where the item's text may come from, best first: the first that is
    /// not blank is used.
    pub body: [Option<Text<'a>>; 3],
    pub published: Option<Timestamp>,
    /// Names as the format writes them (an RSS `author` may be an e-mail
    /// address with the name in brackets).
    pub authors: Vec<String>,
    /// The feed's own names, for an item that gives none.
    pub feed_authors: &'a [String],
    /// The item's image, a URL.
    pub image: Option<Text<'a>>,
}

/// The most author names kept for an item, and the bytes of each.
pub const MAX_AUTHORS: usize = 10;
const MAX_NAME_BYTES: usize = 200;

/// A person's name as feeds write it: `jane@example.org (Jane Doe)` and
/// `Jane Doe <jane@example.org>` give `Jane Doe`; an e-mail address alone
/// is not a name.
pub(crate) fn person(text: &str) -> Option<String> {
    let text = text.trim();
    // What stands between `open` and the `close` that ends the text, and what stands before it.
    let inner = |open: char, close: char| -> Option<(&str, &str)> {
        let start = text.find(open)?;
        if !text.ends_with(close) {
            return None;
        }
        Some((text.get(start + 1..text.len() - 1)?, text.get(..start)?))
    };
    let name = match (inner('(', ')'), inner('<', '>')) {
        (Some((name, _)), _) | (None, Some((_, name))) => name,
        _ => text,
    };
    let name = collapse_whitespace(capped_to(name, MAX_NAME_BYTES));
    let address = name.contains('@') && !name.contains(' ');
    (!name.is_empty() && !address).then_some(name)
}

/// A text field that is there and not blank: its name, its trimmed text, whether it is markup.
fn present<'a>(text: &Option<Text<'a>>) -> Option<(&'static str, &'a str, bool)> {
    text.as_ref().map(|t| (t.field, t.text.trim(), t.html)).filter(|t| !t.1.is_empty())
}

/// An item read, with where it was (`items[3]`) and where its id was
/// (`items[3].id`), the path made only for a warning about a repeat.
pub(crate) struct Read {
    item: Item,
    place: String,
    /// The field the id came from, and the separator of the format's paths.
    id_field: Option<(&'static str, &'static str)>,
}

/// Applies what every format shares: blank fields count as missing, texts
/// are capped, markup reduced to text, an item with neither title nor text
/// is skipped, a link that will not be followed is warned about. `place`
/// is where the item is; `sep` joins a field name to it (`.` in JSON
/// paths, `/` in XML ones).
pub(crate) fn item_from(fields: Fields, place: String, sep: &'static str, problems: &mut Problems) -> Option<Read> {
    let path = |field: &str| [place.as_str(), sep, field].concat();
    let title = present(&fields.title);
    let body = fields.body.iter().find_map(present);
    for (field, text, _) in title.iter().chain(body.iter()) {
        if text.len() > MAX_TEXT_BYTES {
            problems.warning(
                &path(field),
                [
                    "is ",
                    &whole((text.len() / 1024) as u64, 1),
                    " KB; only the first ",
                    &whole((MAX_TEXT_BYTES / 1024) as u64, 1),
                    " KB are read",
                ]
                .concat(),
                Hint::ShorterText,
            );
        }
    }
    let title = title
        .map(|(_, t, html)| if html { html_to_text(capped(t)) } else { collapse_whitespace(capped(t)) })
        .filter(|t| !t.is_empty());
    let text = match body {
        Some((_, text, true)) => html_to_text(capped(text)),
        Some((_, text, false)) => capped(text).to_owned(),
        None => String::new(),
    };
    if title.is_none() && text.trim().is_empty() {
        problems.error(&place, "has no title and no text; skipped".to_owned(), Hint::ItemText);
        return None;
    }
    let url = present(&fields.url).map(|(field, url, _)| (field, url.to_owned()));
    if let Some((field, url)) = url.as_ref().filter(|(_, url)| safe_link(url).is_none()) {
        problems.warning(
            &path(field),
            ["\"", &clipped(url), "\" is not an http or https link; the title is shown without it"].concat(),
            Hint::HttpLinks,
        );
    }
    let image = present(&fields.image).and_then(|(field, image, _)| {
        let safe = safe_link(image);
        if safe.is_none() {
            problems.warning(
                &path(field),
                ["\"", &clipped(image), "\" is not an http or https image; no image is shown"].concat(),
                Hint::HttpLinks,
            );
        }
        safe
    });
    let mut authors: Vec<String> = Vec::new();
    for list in [&fields.authors[..], fields.feed_authors] {
        for name in list.iter().filter_map(|a| person(a)) {
            if authors.len() < MAX_AUTHORS && !authors.contains(&name) {
                authors.push(name);
            }
        }
        if !authors.is_empty() {
            break;
        }
    }
    let id_field = fields.id.as_ref().map(|(_, field)| (*field, sep));
    let item = Item {
        id: fields.id.map(|(id, _)| id),
        url: url.map(|(_, u)| u),
        title,
        text,
        published: fields.published,
        authors,
        image,
    };
    Some(Read { item, place, id_field })
}

/// The items, each id shown once: a repeat is dropped with a warning.
pub(crate) fn distinct(read: Vec<Read>, problems: &mut Problems) -> Vec<Item> {
    let mut kept: Vec<Read> = Vec::with_capacity(read.len());
    // A hash of each kept id (0 for none), scanned before any text is
    // compared: 1,000 items cost a millisecond instead of five.
    let mut hashes: Vec<u64> = Vec::with_capacity(read.len());
    for read in read {
        let hash = read.item.id.as_deref().map_or(0, id_hash);
        let first = read.item.id.as_ref().and_then(|id| {
            let mut same = hashes.iter().enumerate().filter(|(_, h)| **h == hash).map(|(at, _)| &kept[at]);
            same.find(|other| other.item.id.as_ref() == Some(id))
        });
        match (first, read.id_field) {
            (Some(first), Some((field, sep))) => problems.warning(
                &[read.place.as_str(), sep, field].concat(),
                ["repeats the id of ", &first.place, "; shown once"].concat(),
                Hint::UniqueIds,
            ),
            _ => {
                kept.push(read);
                hashes.push(hash);
            }
        }
    }
    kept.into_iter().map(|read| read.item).collect()
}

/// FNV-1a of an id, never 0 (which stands for "no id").
fn id_hash(id: &str) -> u64 {
    fnv1a(id.as_bytes()).max(1)
}

/// The 64-bit FNV-1a hash of `bytes`: small, fast, and stable across
/// builds (ids here, the feed builder's file names for what it keeps).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
