//! The stylesheet as the wasm carries it: the build script runs [`minify`] on
//! `widget.css`, so the source keeps its comments and layout and the wasm
//! only the rules.

/// Drops comments and the whitespace CSS does not need. Quoted strings are
/// copied as written; a space between two words or before a selector part
/// (`.nt *`, `a b`) stays, as it is a descendant combinator there.
pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = '\0';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                pending_space = true;
            }
            c if c.is_whitespace() => pending_space = true,
            '"' | '\'' => {
                push_space(&mut out, &mut pending_space, c);
                out.push(c);
                let mut escaped = false;
                for s in chars.by_ref() {
                    out.push(s);
                    if s == c && !escaped {
                        break;
                    }
                    escaped = s == '\\' && !escaped;
                }
            }
            _ => {
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                push_space(&mut out, &mut pending_space, c);
                out.push(c);
            }
        }
    }
    out
}

/// Writes a pending space before `next` only where it can matter.
fn push_space(out: &mut String, pending: &mut bool, next: char) {
    // No space after these; and none before the first five (a space before
    // `:` or `(` can be a combinator or part of a media query).
    const TIGHT: &[char] = &['{', '}', ';', ',', '>', ':', '('];
    if std::mem::take(pending) && !out.is_empty() && !out.ends_with(TIGHT) && !TIGHT[..5].contains(&next) && next != ')'
    {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn comments_and_layout_go() {
        let css = "/* a comment */\n.a,\n.b > li {\n  color: red;\n  margin: 0 auto;\n}\n";
        assert_eq!(minify(css), ".a,.b>li{color:red;margin:0 auto}");
    }

    #[test]
    fn descendant_combinators_and_pseudo_elements_stay() {
        assert_eq!(minify(".nt *,\n.nt *::before {\n  x: y;\n}"), ".nt *,.nt *::before{x:y}");
        assert_eq!(minify(".ticker.paused .track {}"), ".ticker.paused .track{}");
        assert_eq!(minify(".nt :hover {}"), ".nt :hover{}");
    }

    #[test]
    fn strings_are_copied_as_written() {
        assert_eq!(minify(r#"a::before { content: "\25B2  x;  }"; }"#), r#"a::before{content:"\25B2  x;  }"}"#);
        assert_eq!(minify(r#"b { content: 'it\'s  /* not */'; }"#), r#"b{content:'it\'s  /* not */'}"#);
    }

    #[test]
    fn media_queries_and_functions_keep_their_words_apart() {
        let css = "@media (prefers-reduced-motion: reduce) {\n  .t { animation: none; width: var(--w, 60s) }\n}";
        assert_eq!(minify(css), "@media (prefers-reduced-motion:reduce){.t{animation:none;width:var(--w,60s)}}");
    }

    #[test]
    fn the_widget_stylesheet_keeps_every_rule() {
        let source = include_str!("../src/widget.css");
        let small = minify(source);
        assert!(small.len() < source.len() * 3 / 4, "{} of {}", small.len(), source.len());
        assert_eq!(small.matches('{').count(), source.matches('{').count());
        assert_eq!(small.matches('}').count(), source.matches('}').count());
        assert!(!small.contains("/*") && !small.contains('\n'));
        assert!(small.contains("@keyframes nt-scroll{to{transform:translateX(-50%)}}"), "{small}");
    }
}
