//! The rate line and its spoken label, the results counter and which
//! links may be followed.

use crate::decimal::{decimal_text, whole};
use crate::texts::Texts;
use rust_decimal::Decimal;

/// A currency code, upper-cased: a short run of letters and digits
/// (`KGS`, `usdt`, `XAU`), surrounding spaces ignored; `None` for anything
/// else. The same rule for `data-currencies` and for the feed's rates.
pub fn currency_code(text: &str) -> Option<String> {
    let code = text.trim();
    ((1..=12).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| code.to_ascii_uppercase())
}

/// Whether a change is shown as up, down or flat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// The rate rose.
    Up,
    /// The rate fell.
    Down,
    /// The rate did not change.
    Flat,
}

impl Direction {
    /// The direction of `change`.
    pub fn of(change: Decimal) -> Direction {
        if change.is_zero() {
            Direction::Flat
        } else if change.is_sign_negative() {
            Direction::Down
        } else {
            Direction::Up
        }
    }

    /// The class name the stylesheet colours and draws the arrow by.
    pub fn class(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Flat => "flat",
        }
    }
}

/// `KGS/USD = 0.01144 0%`: the digits exactly as the feed sent them.
pub fn rate_text(base: &str, quote: &str, rate: Decimal, change: Decimal) -> String {
    rate_line(base, quote, &decimal_text(rate), &decimal_text(change))
}

/// The rate line with its two numbers already written (in the reader's
/// locale, in the browser).
pub fn rate_line(base: &str, quote: &str, rate: &str, change: &str) -> String {
    [base, "/", quote, " = ", rate, " ", change, "%"].concat()
}

/// What a screen reader says for a rate, in the interface language of
/// `texts`: `KGS to USD 0.01144, unchanged`, `… up 1.5%`, `… down 0.25%`.
/// `change` is the size of the change, without its sign.
pub fn rate_label(base: &str, quote: &str, rate: &str, direction: Direction, change: &str, texts: &Texts) -> String {
    let key = match direction {
        Direction::Flat => "rate-unchanged",
        Direction::Up => "rate-up",
        Direction::Down => "rate-down",
    };
    texts.text(key, &[("base", base), ("quote", quote), ("rate", rate), ("change", change)])
}

/// The range of results on screen: `1 - shown of total`, never past the total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counter {
    /// The first result shown, from 1.
    pub first: usize,
    /// The last result shown.
    pub last: usize,
    /// All results.
    pub total: usize,
}

impl Counter {
    /// `None` for an empty feed, which is shown as "No results" instead.
    pub fn new(shown: usize, total: usize) -> Option<Counter> {
        if total == 0 {
            return None;
        }
        Some(Counter { first: 1, last: shown.clamp(1, total), total })
    }

    /// `Viewing results 1 - 5 of 5` in the language of `texts`, in the
    /// plural form `category` (`Intl.PluralRules` of the total's).
    pub fn text(&self, texts: &Texts, category: &str) -> String {
        let [first, last, total] = [self.first, self.last, self.total].map(|n| whole(n as u64, 1));
        let template = texts.plural_template("counter", category);
        crate::texts::fill(template, &[("first", &first), ("last", &last), ("total", &total)])
    }
}

/// A link from the feed, if it may be followed: `http:` and `https:` URLs,
/// or a relative reference (which the page resolves against the feed's URL
/// and checks again). Leading and trailing spaces and control characters and
/// any tab or newline are dropped first, as a browser's URL parser does, so
/// `" java\tscript:"` is seen for what it is.
pub fn safe_link(raw: &str) -> Option<String> {
    let cleaned: String =
        raw.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    if cleaned.is_empty() {
        return None;
    }
    match scheme(&cleaned) {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => Some(cleaned),
        Some(_) => None,
        None => Some(cleaned),
    }
}

/// The scheme of an absolute URL: letters, then letters, digits, `+`, `-`, `.`, then `:`.
fn scheme(url: &str) -> Option<&str> {
    let (candidate, _) = url.split_once(':')?;
    let mut chars = candidate.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_is_letter && rest_ok).then_some(candidate)
}

/// `reference` resolved against `base` (RFC 3986, section 5.2): an
/// absolute reference as it is; `//host/…`, `/path`, `?query`, `#part` and
/// a relative path against the base's scheme, host, path and query. With no
/// base, or a base that is itself relative and gives no scheme, the result
/// may stay relative (the widget resolves it against the feed's URL last).
pub fn resolve(base: Option<&str>, reference: &str) -> String {
    let reference = reference.trim();
    let Some(base) = base.map(str::trim).filter(|b| !b.is_empty()) else {
        return reference.to_owned();
    };
    if scheme(reference).is_some() {
        return reference.to_owned();
    }
    let base = base.split('#').next().unwrap_or_default();
    let (scheme_part, after) = match scheme(base) {
        Some(s) => (&base[..s.len() + 1], &base[s.len() + 1..]),
        None => ("", base),
    };
    if reference.starts_with("//") {
        return [scheme_part, reference].concat();
    }
    let (authority, path_query) = match after.strip_prefix("//") {
        Some(rest) => {
            let end = rest.find(['/', '?']).unwrap_or(rest.len());
            (&after[..end + 2], &rest[end..])
        }
        None => ("", after),
    };
    let path = path_query.split('?').next().unwrap_or_default();
    let joined = if reference.is_empty() {
        return [scheme_part, authority, path_query].concat();
    } else if reference.starts_with('#') {
        [path_query, reference].concat()
    } else if reference.starts_with('?') {
        [path, reference].concat()
    } else if reference.starts_with('/') {
        reference.to_owned()
    } else {
        let directory = path.rfind('/').map_or(if authority.is_empty() { "" } else { "/" }, |end| &path[..=end]);
        [directory, reference].concat()
    };
    [scheme_part, authority, &remove_dots(&joined)].concat()
}

/// A path with its `.` and `..` segments taken out (RFC 3986, section 5.2.4),
/// the query and fragment left as they are.
fn remove_dots(path: &str) -> String {
    let end = path.find(['?', '#']).unwrap_or(path.len());
    let (path, rest) = path.split_at(end);
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 || out.first().is_some_and(|s| !s.is_empty()) {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            other => out.push(other),
        }
    }
    [out.join("/").as_str(), rest].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::tests::dec;

    #[test]
    fn direction_follows_the_sign() {
        assert_eq!(Direction::of(dec("0")), Direction::Flat);
        assert_eq!(Direction::of(dec("-0.00")), Direction::Flat);
        assert_eq!(Direction::of(dec("0.1")), Direction::Up);
        assert_eq!(Direction::of(dec("-0.1")), Direction::Down);
    }

    #[test]
    fn a_rate_label_says_the_direction_in_words() {
        let words = Texts::english();
        assert_eq!(rate_label("KGS", "USD", "0.01144", Direction::Flat, "0", &words), "KGS to USD 0.01144, unchanged");
        assert_eq!(rate_label("KZT", "USD", "0.00191", Direction::Up, "1.5", &words), "KZT to USD 0.00191, up 1.5%");
        assert_eq!(
            rate_label("UZS", "USD", "0.00008", Direction::Down, "0.25", &words),
            "UZS to USD 0.00008, down 0.25%"
        );
        let ru = Texts::for_locale("ru");
        assert_eq!(rate_label("KZT", "USD", "0,00191", Direction::Up, "1,5", &ru), "KZT к USD: 0,00191, рост на 1,5%");
    }

    #[test]
    fn rate_text_matches_the_contract() {
        assert_eq!(rate_text("KGS", "USD", dec("0.01144"), dec("0")), "KGS/USD = 0.01144 0%");
        assert_eq!(rate_text("UZS", "USD", dec("0.00008"), dec("-0.25")), "UZS/USD = 0.00008 -0.25%");
    }

    #[test]
    fn counter_never_passes_total() {
        let en = Texts::english();
        let text = |c: Counter| c.text(&en, "other");
        assert_eq!(Counter::new(6, 5).map(text).as_deref(), Some("Viewing results 1 - 5 of 5"));
        assert_eq!(Counter::new(10, 25).map(text).as_deref(), Some("Viewing results 1 - 10 of 25"));
        let ru = Texts::for_locale("ru");
        assert_eq!(Counter::new(10, 21).unwrap().text(&ru, "one"), "Показаны 1–10 из 21 новости");
        assert_eq!(Counter::new(10, 25).unwrap().text(&ru, "many"), "Показаны 1–10 из 25 новостей");
        assert_eq!(Counter::new(10, 0), None);
    }

    #[test]
    fn only_http_and_https_links_are_kept() {
        let allowed = ["https://a.example/x", "HTTP://a.example", "/relative/path", "item.html", "?q=1"];
        for url in allowed {
            assert!(safe_link(url).is_some(), "{url}");
        }
        let refused = [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "jav\nascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:msgbox",
            "ftp://a.example",
            "",
            "   ",
        ];
        for url in refused {
            assert_eq!(safe_link(url), None, "{url:?}");
        }
    }

    #[test]
    fn currency_codes_are_short_runs_of_letters_and_digits() {
        assert_eq!(currency_code(" kgs ").as_deref(), Some("KGS"));
        assert_eq!(currency_code("USDT").as_deref(), Some("USDT"));
        assert_eq!(currency_code("ABCDEFGHIJKL").as_deref(), Some("ABCDEFGHIJKL"));
        for refused in ["", " ", "ABCDEFGHIJKLM", "US D", "US-D", "KGS/USD", "СОМ"] {
            assert_eq!(currency_code(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn references_resolve_as_rfc_3986_says() {
        // The examples of RFC 3986, section 5.4.1, against http://a/b/c/d;p?q.
        let base = Some("http://a/b/c/d;p?q");
        for (reference, expected) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            (";x", "http://a/b/c/;x"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("https://other.example/x", "https://other.example/x"),
        ] {
            assert_eq!(resolve(base, reference), expected, "{reference:?}");
        }
        assert_eq!(resolve(None, "story/1"), "story/1", "no base: left for the feed's URL");
        assert_eq!(resolve(Some("/blog/"), "2025/post"), "/blog/2025/post", "a relative base stays relative");
        assert_eq!(resolve(Some("https://example.org"), "post"), "https://example.org/post");
    }
}
