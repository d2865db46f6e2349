//! Which encoding a fetched document is written in, by the rules browsers
//! and feed readers follow: a byte-order mark first, or an XML declaration
//! written in UTF-16 without one (XML 1.0, appendix F); JSON is UTF-8 whatever
//! it says; XML (a document that starts with `<`) takes the `charset` of
//! the HTTP `Content-Type`, else the `encoding` of its XML declaration,
//! else UTF-8. The bytes are then decoded by the platform's decoder of that
//! WHATWG label (`TextDecoder` in the browser, `encoding_rs` natively), so
//! `iso-8859-1` means windows-1252 (curly quotes included) everywhere.

/// The label of UTF-8, which needs no decoder of the platform.
pub const UTF_8: &str = "utf-8";

/// The encoding label of a document's `bytes`, given the `Content-Type`
/// it came with, if any.
pub fn label<'a>(bytes: &'a [u8], content_type: Option<&'a str>) -> &'a str {
    match bytes {
        [0xef, 0xbb, 0xbf, ..] => return UTF_8,
        [0xff, 0xfe, ..] => return "utf-16le",
        [0xfe, 0xff, ..] => return "utf-16be",
        // No byte-order mark, but `<?` in UTF-16 (XML 1.0, appendix F).
        [0x3c, 0x00, 0x3f, 0x00, ..] => return "utf-16le",
        [0x00, 0x3c, 0x00, 0x3f, ..] => return "utf-16be",
        _ => {}
    }
    let start = bytes.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n')).unwrap_or(bytes.len());
    let rest = bytes.get(start..).unwrap_or_default();
    if !rest.starts_with(b"<") {
        return UTF_8;
    }
    let named = content_type.and_then(charset).or_else(|| declared(rest)).unwrap_or(UTF_8);
    // Without a byte-order mark the bytes read as ASCII so far: UTF-16 is
    // not what they are (browsers read such a document as UTF-8 too).
    if named.len() >= 6 && named.get(..6).is_some_and(|n| n.eq_ignore_ascii_case("utf-16")) {
        return UTF_8;
    }
    named
}

/// Whether `label` names UTF-8 (`utf-8` or `utf8`, any case; the rarer
/// aliases go through the platform's decoder, which knows them too).
pub fn is_utf8(label: &str) -> bool {
    label.eq_ignore_ascii_case(UTF_8) || label.eq_ignore_ascii_case("utf8")
}

/// The `charset` parameter of a `Content-Type` value: `windows-1251` in
/// `application/rss+xml; charset="windows-1251"`.
pub fn charset(content_type: &str) -> Option<&str> {
    value_of(content_type.as_bytes(), b"charset")
}

/// The `encoding` of the XML declaration `<?xml … ?>` that `bytes` start with.
fn declared(bytes: &[u8]) -> Option<&str> {
    if !bytes.starts_with(b"<?xml") {
        return None;
    }
    let head = bytes.get(..bytes.len().min(400))?;
    let end = (0..head.len().saturating_sub(1)).find(|&i| head[i] == b'?' && head[i + 1] == b'>')?;
    value_of(head.get(..end)?, b"encoding")
}

/// The value that follows `name` and `=` in `text` (`charset=koi8-r`,
/// `encoding = "utf-8"`), unquoted: up to its closing quote, or unquoted
/// up to `;`, white space or the end. Read byte by byte (a substring
/// search would cost the module more than this whole file).
fn value_of<'a>(text: &'a [u8], name: &[u8]) -> Option<&'a str> {
    let found = (0..text.len()).find(|&i| text.get(i..i + name.len()).is_some_and(|t| t.eq_ignore_ascii_case(name)))?;
    let blank = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let skip_blanks = |mut rest: &'a [u8]| {
        while let [b, tail @ ..] = rest {
            if !blank(*b) {
                break;
            }
            rest = tail;
        }
        rest
    };
    let rest = skip_blanks(skip_blanks(text.get(found + name.len()..)?).strip_prefix(b"=")?);
    let (quote, rest) = match rest {
        [q @ (b'"' | b'\''), tail @ ..] => (Some(*q), tail),
        _ => (None, rest),
    };
    let end = rest.iter().position(|&b| Some(b) == quote || (quote.is_none() && (b == b';' || blank(b))));
    let value = rest.get(..end.unwrap_or(rest.len()))?;
    std::str::from_utf8(value).ok().filter(|v| !v.is_empty())
}

/// Decodes `bytes` as the document says (see [`label`]), with the WHATWG
/// decoders of `encoding_rs` (the browser's own tables); an unknown label
/// is read as UTF-8, and then the returned label says which it was.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> (String, Option<String>) {
    let named = label(bytes, content_type);
    match encoding_rs::Encoding::for_label(named.trim().as_bytes()) {
        Some(encoding) => (encoding.decode(bytes).0.into_owned(), None),
        None => (encoding_rs::UTF_8.decode(bytes).0.into_owned(), Some(named.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_then_http_then_the_declaration_then_utf8() {
        let decl = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss/>";
        assert_eq!(label(decl, None), "windows-1251");
        assert_eq!(label(decl, Some("application/rss+xml; charset=KOI8-R")), "KOI8-R", "HTTP wins for XML");
        assert_eq!(label(decl, Some("application/xml")), "windows-1251", "no charset: the declaration");
        assert_eq!(label(b"\xef\xbb\xbf<?xml version='1.0' encoding='koi8-r'?><a/>", None), "utf-8", "the mark wins");
        assert_eq!(label(b"\xff\xfe<\x00", Some("text/xml; charset=utf-8")), "utf-16le");
        assert_eq!(label(b"\xfe\xff\x00<", None), "utf-16be");
        assert_eq!(label(b"  \n<?xml version = '1.0' encoding = 'ISO-8859-1' ?><a/>", None), "ISO-8859-1");
        assert_eq!(label(b"<rss version=\"2.0\"/>", None), "utf-8");
        assert_eq!(label(b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>", None), "utf-8", "no mark: not UTF-16");
        assert_eq!(label(b"{\"items\": []}", Some("application/json; charset=windows-1251")), "utf-8", "JSON is UTF-8");
        assert_eq!(label(b"<?xml version=\"1.0\"?><a encoding=\"x\"/>", None), "utf-8", "only the declaration");
        assert_eq!(label(b"<?xml version=\"1.0\" encoding=\"\"?><a/>", None), "utf-8");
    }

    #[test]
    fn charset_parameters() {
        assert_eq!(charset("text/xml; charset=\"windows-1251\""), Some("windows-1251"));
        assert_eq!(charset("text/xml;CHARSET=koi8-r ; q=1"), Some("koi8-r"));
        assert_eq!(charset("text/xml"), None);
        assert_eq!(charset("text/xml; charset="), None);
        assert!(is_utf8("UTF8") && is_utf8("Utf-8") && !is_utf8("utf-16"));
    }

    #[test]
    fn decoded_by_the_whatwg_tables() {
        let (text, unknown) =
            decode(b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>\xd0\xf3\xe1\xeb\xfc</a>", None);
        assert_eq!((text.as_str(), unknown), ("<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>Рубль</a>", None));
        // iso-8859-1 is windows-1252: 0x93 and 0x94 are curly quotes, not controls.
        let (text, _) = decode(b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>\x93caf\xe9\x94</a>", None);
        assert!(text.ends_with("<a>\u{201c}café\u{201d}</a>"), "{text}");
        let (text, unknown) = decode(b"<?xml version=\"1.0\" encoding=\"x-unknown\"?><a>\xc3\xa9</a>", None);
        assert_eq!((text.ends_with("<a>é</a>"), unknown.as_deref()), (true, Some("x-unknown")));
    }
}
