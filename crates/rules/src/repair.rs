//! Recovering a feed that the strict XML parser refuses, the way mature
//! feed readers do: HTML's named entities (`&nbsp;`, `&eacute;`,
//! `&mdash;`: HTML 4's 248 besides XML's own) become their characters, and
//! a stray `&` (in a link's query, "R&D") is escaped. Only a document that
//! failed to parse is repaired, so a well-formed feed never reads
//! differently; the repaired text is parsed again by the same strict
//! parser, and what was repaired is said in one warning. CDATA sections
//! are left as they are (the parser does not read references in them).
//!
//! The table of entities is the one the widget decodes HTML text with
//! ([`crate::html`]).

use crate::html::entity;

/// The repaired text and the warning that says what was repaired, or
/// `None` when there was nothing to repair (the document is broken some
/// other way).
pub fn repair(text: &str) -> Option<(String, String)> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 64);
    let (mut named, mut stray, mut upper) = (Vec::<&str>::new(), 0usize, 0usize);
    let (mut at, mut copied) = (0, 0);
    while at < bytes.len() {
        match bytes[at] {
            // A CDATA section is copied as it is, to its end.
            b'<' if bytes[at..].starts_with(b"<![CDATA[") => {
                at = (at + 9..bytes.len().saturating_sub(2))
                    .find(|&i| &bytes[i..i + 3] == b"]]>")
                    .map_or(bytes.len(), |end| end + 3);
            }
            b'&' => {
                let name_end = (at + 1..bytes.len())
                    .find(|&i| !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'#'))
                    .unwrap_or(bytes.len());
                let name = &text[at + 1..name_end];
                let terminated = bytes.get(name_end) == Some(&b';');
                let numeric = name.strip_prefix('#').is_some_and(|n| {
                    let (digits, radix) = n.strip_prefix(['x', 'X']).map_or((n, 10), |hex| (hex, 16));
                    !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))
                });
                let kept = terminated && (numeric || ["amp", "lt", "gt", "quot", "apos"].contains(&name));
                match entity(name).filter(|_| terminated && !kept) {
                    // HTML's `&#X41;` is XML's `&#x41;`.
                    _ if kept && name.starts_with("#X") => {
                        out.push_str(&text[copied..at]);
                        out.push_str("&#x");
                        upper += 1;
                        at += 3;
                        copied = at;
                    }
                    _ if kept => at = name_end + 1,
                    Some(c) => {
                        out.push_str(&text[copied..at]);
                        out.push(c);
                        if !named.contains(&name) {
                            named.push(name);
                        }
                        at = name_end + 1;
                        copied = at;
                    }
                    None => {
                        out.push_str(&text[copied..at]);
                        out.push_str("&amp;");
                        stray += 1;
                        at += 1;
                        copied = at;
                    }
                }
            }
            _ => at += 1,
        }
    }
    let rest = &text[copied..];
    // A document of stray & would grow fivefold: past twice its size it is
    // not a feed worth repairing, and the size limits stay what they were.
    if out.len() + rest.len() > text.len() * 2 + 1024 {
        return None;
    }
    out.push_str(rest);
    if named.is_empty() && stray == 0 && upper == 0 {
        return None;
    }
    let mut said = Vec::new();
    if !named.is_empty() {
        let shown: Vec<String> = named.iter().take(3).map(|n| ["&", n, ";"].concat()).collect();
        let more = if named.len() > 3 { ", …" } else { "" };
        said.push(["HTML entities (", &shown.join(", "), more, ") read as characters"].concat());
    }
    if upper > 0 {
        said.push([&crate::decimal::whole(upper as u64, 1), " references written &#X… read as &#x…"].concat());
    }
    if stray > 0 {
        said.push([&crate::decimal::whole(stray as u64, 1), " stray & escaped"].concat());
    }
    let note = ["is not well-formed XML; read after repair: ", &said.join(", and ")].concat();
    Some((out, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_entities_and_stray_ampersands() {
        let (text, note) =
            repair("<t>Caf&eacute;&nbsp;&mdash; R&D &amp; a?x=1&y=2 &#233; &#xE9; &lt;&bogus; &copy</t>").unwrap();
        assert_eq!(text, "<t>Café\u{a0}— R&amp;D &amp; a?x=1&amp;y=2 &#233; &#xE9; &lt;&amp;bogus; &amp;copy</t>");
        assert_eq!(
            note,
            "is not well-formed XML; read after repair: HTML entities (&eacute;, &nbsp;, &mdash;) read as characters, \
             and 4 stray & escaped"
        );
    }

    #[test]
    fn cdata_is_left_alone_and_a_document_without_either_is_not_repaired() {
        let (text, _) = repair("<a><![CDATA[&nbsp; & <b>]]>&nbsp;</a>").unwrap();
        assert_eq!(text, "<a><![CDATA[&nbsp; & <b>]]>\u{a0}</a>");
        assert_eq!(repair("<a><b></a>"), None);
        assert_eq!(repair("<a>&amp; &#38; &lt;</a>"), None);
        assert_eq!(repair("<a><![CDATA[ never closed & </a>"), None);
        let ampersands = ["<a>", &"&".repeat(10_000), "</a>"].concat();
        assert_eq!(repair(&ampersands), None, "five times the size: not repaired");
    }
}
