//! Markup and whitespace reduced to plain text for `textContent`: HTML
//! fragments lose their tags (and what hidden elements hold) and keep
//! their words apart; entities are decoded; whitespace runs are folded.
//! Nothing is ever parsed as markup in the page.

use crate::rules::excerpt::{excerpt_with, whole_run};

/// Elements whose content is never text a reader sees, in HTML fragments
/// and in XHTML inside Atom alike.
pub const HIDDEN: [&str; 6] = ["script", "style", "template", "noscript", "iframe", "object"];

/// Whitespace runs as single spaces, none at either end.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    excerpt_with(text, usize::MAX, &whole_run)
}

/// The text of an HTML fragment: tags dropped (with the contents of
/// `script`, `style`, `template` and similar elements), block boundaries
/// kept as spaces so words do not run together, entities decoded. The
/// result is plain text for `textContent`; nothing is ever parsed as markup
/// in the page.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // `split_once` and `get` rather than indexing: the same positions, and
    // no string-slicing panic path (with its message tables) in the wasm.
    while let Some((before, after)) = rest.split_once('<') {
        decode_entities_into(before, &mut out);
        let starts_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        if !starts_tag {
            out.push('<');
            rest = after;
            continue;
        }
        if let Some(comment) = after.strip_prefix("!--") {
            rest = find_ascii_case_insensitive(comment, "-->").and_then(|end| comment.get(end + 3..)).unwrap_or("");
            continue;
        }
        let Some((_, tail)) = after.split_once('>') else {
            rest = "";
            break;
        };
        rest = tail;
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !after.starts_with('/') && HIDDEN.contains(&name.as_str()) {
            let closing = ["</", &name].concat();
            rest = find_ascii_case_insensitive(rest, &closing)
                .and_then(|at| rest.get(at..)?.split_once('>'))
                .map_or("", |(_, tail)| tail);
        }
        out.push(' ');
    }
    decode_entities_into(rest, &mut out);
    collapse_whitespace(&out)
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Decodes `&amp;`, `&#39;`, `&#x2014;` and the common named entities;
/// anything unrecognised stays as written.
fn decode_entities_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        let decoded = after.split_once(';').filter(|(name, _)| name.len() <= 10).and_then(|(name, tail)| {
            let c = match name.strip_prefix('#') {
                Some(num) => {
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32).filter(|&c| c != '\0')
                }
                None => named_entity(name),
            };
            c.map(|c| (c, tail))
        });
        match decoded {
            Some((c, tail)) => {
                out.push(c);
                rest = tail;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_reduced_to_text_without_running_anything() {
        let cases = [
            ("<p>Hello <b>world</b></p>", "Hello world"),
            ("a<br>b", "a b"),
            ("x <script>alert('<p>')</script> y", "x y"),
            ("x <SCRIPT type=x>alert(1)</Script > y", "x y"),
            ("<style>p{}</style>z", "z"),
            ("<img src=x onerror=alert(1)>caption", "caption"),
            ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
            ("5 < 6 &amp; 7 > 3", "5 < 6 & 7 > 3"),
            ("&#1044;&#x0416; &unknown; &amp", "ДЖ &unknown; &amp"),
            ("<!-- hidden -->shown", "shown"),
            ("unclosed <b", "unclosed"),
            ("&#0; &#xD800;", "&#0; &#xD800;"),
        ];
        for (html, text) in cases {
            assert_eq!(html_to_text(html), text, "{html}");
        }
    }
}
