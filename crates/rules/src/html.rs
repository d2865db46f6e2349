//! Markup and whitespace reduced to plain text for `textContent`, as a
//! browser renders it (`innerText`, whitespace folded): inline elements
//! join their neighbours, block-level ones keep words apart, what is not
//! rendered is left out, character references are decoded by HTML's
//! rules. Nothing is ever parsed as markup in the page.
//! `tests/html.rs` checks every rule against the text Chromium itself
//! gives for the same markup (`tests/fixtures/html/innertext.json`).

use crate::excerpt::{excerpt_with, whole_run};

/// Elements whose content is never text a reader sees, in HTML fragments
/// and in XHTML inside Atom alike.
pub const HIDDEN: [&str; 6] = ["script", "style", "template", "noscript", "iframe", "object"];

/// How an element's content shows in text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// Joins the text around it (`a`, `b`, `sub`, `span` and any element
    /// not listed, as browsers render unknown elements inline).
    Inline,
    /// Starts and ends a line: a word boundary either side.
    Block,
    /// Not rendered: its content is not text.
    Hidden,
}

/// Elements laid out as blocks (or table parts, list items, line breaks,
/// an SVG drawing) by HTML's rendering rules.
const BLOCK: [&str; 46] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "svg",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements never rendered: raw text and scripting, document metadata,
/// SVG's descriptions.
const NOT_RENDERED: [&str; 13] = [
    "datalist", "desc", "head", "iframe", "metadata", "noscript", "object", "rp", "script", "style", "template",
    "title", "select",
];

/// Elements whose content is raw text: it ends at the first end tag of
/// the same name, whatever it holds.
const RAW_TEXT: [&str; 7] = ["script", "style", "textarea", "title", "xmp", "iframe", "noscript"];

/// Elements with no content and no end tag.
const VOID: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// How the element `name` (lower case) shows in text.
pub fn kind(name: &str) -> Kind {
    if NOT_RENDERED.contains(&name) {
        Kind::Hidden
    } else if BLOCK.contains(&name) {
        Kind::Block
    } else {
        Kind::Inline
    }
}

/// Whitespace runs as single spaces, none at either end.
pub fn collapse_whitespace(text: &str) -> String {
    excerpt_with(text, usize::MAX, &whole_run)
}

/// The text of an HTML fragment as a browser renders it: tags dropped,
/// block boundaries kept as spaces, inline ones joined, elements that are
/// not rendered (by their kind or their `hidden` attribute) and comments
/// left out, character references decoded, whitespace folded.
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
            rest = comment.find("-->").and_then(|end| comment.get(end + 3..)).unwrap_or("");
            continue;
        }
        let Some((tag, tail)) = tag_end(after) else {
            rest = "";
            break;
        };
        rest = tail;
        let closing = tag.starts_with('/');
        let name = element_name(tag);
        let kind = kind(&name);
        if !closing && !VOID.contains(&name.as_str()) && (kind == Kind::Hidden || has_attribute(tag, "hidden")) {
            rest = after_element(rest, &name);
        } else if kind == Kind::Block && !has_attribute(tag, "hidden") {
            out.push(' ');
        }
    }
    decode_entities_into(rest, &mut out);
    collapse_whitespace(&out)
}

/// Whether `text` holds markup (a tag, an end tag, a comment) or a
/// character reference ended by `;`: what an RSS title written as HTML
/// holds once the XML parser has read it (`Q&amp;A`, `Rock <b>live</b>`),
/// and a plain one (`AT&T`, `x < y`) does not.
pub fn is_markup(text: &str) -> bool {
    let tag = |after: &str| after.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!'));
    let reference =
        |after: &str| reference(after).is_some_and(|(_, length)| after.get(..length).is_some_and(|r| r.ends_with(';')));
    text.split('<').skip(1).any(tag) || text.split('&').skip(1).any(reference)
}

/// The tag that `after` (the text after a `<`) starts with, and the text
/// after its `>`; a `>` inside a quoted attribute value does not end it.
fn tag_end(after: &str) -> Option<(&str, &str)> {
    let mut quote = None;
    for (at, c) in after.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') if after.get(..at)?.trim_end().ends_with('=') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some((after.get(..at)?, after.get(at + 1..)?)),
            _ => {}
        }
    }
    None
}

/// A tag's element name, in lower case (`/B` is `b`).
fn element_name(tag: &str) -> String {
    let name = tag.trim_start_matches('/');
    name.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>().to_ascii_lowercase()
}

/// Whether `tag` (the text between `<` and `>`) gives the attribute `wanted`.
fn has_attribute(tag: &str, wanted: &str) -> bool {
    let mut rest = tag.trim_start_matches('/').trim_start_matches(|c: char| !(c.is_ascii_whitespace() || c == '/'));
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        let end = rest.find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '/')).unwrap_or(rest.len());
        let (Some(name), Some(after)) = (rest.get(..end), rest.get(end..)) else {
            return false;
        };
        if name.is_empty() {
            return false;
        }
        if name.eq_ignore_ascii_case(wanted) {
            return true;
        }
        rest = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
            rest = match value.strip_prefix(['"', '\'']) {
                Some(quoted) => {
                    let quote = if value.starts_with('"') { '"' } else { '\'' };
                    quoted.split_once(quote).map_or("", |(_, tail)| tail)
                }
                None => value.trim_start_matches(|c: char| !c.is_ascii_whitespace()),
            };
        }
    }
}

/// The text after the end of an element `name` whose start tag was just
/// read: at the first end tag for raw text, else at the end tag that
/// matches it, elements of the same name nested inside counted.
fn after_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let open = ["<", name].concat();
    let close = ["</", name].concat();
    let raw = RAW_TEXT.contains(&name);
    let mut depth = 1usize;
    let mut at = 0;
    while let Some(found) = rest.get(at..).and_then(|r| r.find('<')) {
        let from = at + found;
        let tail = rest.get(from..).unwrap_or_default();
        let is = |prefix: &str| {
            tail.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix))
                && !tail
                    .get(prefix.len()..)
                    .unwrap_or_default()
                    .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        };
        if is(&close) {
            depth -= 1;
            if depth == 0 || raw {
                return tail.split_once('>').map_or("", |(_, after)| after);
            }
        } else if !raw && is(&open) {
            depth += 1;
        }
        at = from + 1;
    }
    ""
}

/// Decodes character references as HTML does in text: `&amp;`, `&#39;`,
/// `&#x2014;` and every named reference of HTML 4 (and the few HTML still
/// reads without a `;`). Anything else stays as written.
fn decode_entities_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        match reference(after) {
            Some((c, length)) => {
                out.push(c);
                rest = after.get(length..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// The character a reference starting `after` (the text after `&`)
/// stands for, and how many bytes of `after` it takes.
fn reference(after: &str) -> Option<(char, usize)> {
    if let Some(number) = after.strip_prefix('#') {
        let (digits, radix, prefix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (number, 10, 1),
        };
        let length = digits.find(|c: char| !c.is_digit(radix)).unwrap_or(digits.len());
        let digits = digits.get(..length).filter(|d| !d.is_empty())?;
        // Past U+10FFFF is past it, however many digits more.
        let value = digits.chars().try_fold(0u32, |n, d| n.checked_mul(radix)?.checked_add(d.to_digit(radix)?));
        let semicolon = usize::from(number.get(prefix - 1 + length..).is_some_and(|r| r.starts_with(';')));
        return Some((numeric(value.unwrap_or(u32::MAX)), prefix + length + semicolon));
    }
    let length = after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len()).min(32);
    let name = after.get(..length)?;
    if after.get(length..).is_some_and(|r| r.starts_with(';')) {
        if let Some(c) = named(name) {
            return Some((c, length + 1));
        }
    }
    // Without a `;`, HTML still reads the references of Latin-1 and the
    // four of XML it had before HTML 4, the longest that fits.
    (2..=length.min(6)).rev().find_map(|end| {
        let prefix = name.get(..end)?;
        named(prefix).filter(|&c| u32::from(c) <= 0xff).map(|c| (c, end))
    })
}

/// The character of the named reference `name`.
fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "COPY" => '©',
        "REG" => '®',
        _ => return entity(name),
    })
}

/// The character of a numeric reference, by HTML's rules: 0, a surrogate
/// or a number past U+10FFFF is U+FFFD; 0x80 to 0x9F are read as the
/// windows-1252 characters that such documents meant.
fn numeric(value: u32) -> char {
    const WINDOWS_1252: [u16; 32] = [
        0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d,
        0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d,
        0x17e, 0x178,
    ];
    let value = match value {
        0x80..=0x9f => u32::from(WINDOWS_1252[(value - 0x80) as usize]),
        _ => value,
    };
    char::from_u32(value).filter(|&c| c != '\0').unwrap_or('\u{fffd}')
}

/// HTML 4's named character references that XML does not define, as
/// `name=character;`: one string, searched in turn (references are rare
/// in text, and a table of pairs would cost the module more). The widget
/// decodes HTML text with it, the XML stage repairs feeds with it.
const ENTITIES: &str = concat!(
    "AElig=\u{c6};Aacute=\u{c1};Acirc=\u{c2};Agrave=\u{c0};Alpha=\u{391};Aring=\u{c5};Atilde=\u{c3};",
    "Auml=\u{c4};Beta=\u{392};Ccedil=\u{c7};Chi=\u{3a7};Dagger=\u{2021};Delta=\u{394};ETH=\u{d0};",
    "Eacute=\u{c9};Ecirc=\u{ca};Egrave=\u{c8};Epsilon=\u{395};Eta=\u{397};Euml=\u{cb};Gamma=\u{393};",
    "Iacute=\u{cd};Icirc=\u{ce};Igrave=\u{cc};Iota=\u{399};Iuml=\u{cf};Kappa=\u{39a};Lambda=\u{39b};",
    "Mu=\u{39c};Ntilde=\u{d1};Nu=\u{39d};OElig=\u{152};Oacute=\u{d3};Ocirc=\u{d4};Ograve=\u{d2};",
    "Omega=\u{3a9};Omicron=\u{39f};Oslash=\u{d8};Otilde=\u{d5};Ouml=\u{d6};Phi=\u{3a6};Pi=\u{3a0};",
    "Prime=\u{2033};Psi=\u{3a8};Rho=\u{3a1};Scaron=\u{160};Sigma=\u{3a3};THORN=\u{de};Tau=\u{3a4};",
    "Theta=\u{398};Uacute=\u{da};Ucirc=\u{db};Ugrave=\u{d9};Upsilon=\u{3a5};Uuml=\u{dc};Xi=\u{39e};",
    "Yacute=\u{dd};Yuml=\u{178};Zeta=\u{396};aacute=\u{e1};acirc=\u{e2};acute=\u{b4};aelig=\u{e6};",
    "agrave=\u{e0};alefsym=\u{2135};alpha=\u{3b1};and=\u{2227};ang=\u{2220};aring=\u{e5};asymp=\u{2248};",
    "atilde=\u{e3};auml=\u{e4};bdquo=\u{201e};beta=\u{3b2};brvbar=\u{a6};bull=\u{2022};cap=\u{2229};",
    "ccedil=\u{e7};cedil=\u{b8};cent=\u{a2};chi=\u{3c7};circ=\u{2c6};clubs=\u{2663};cong=\u{2245};",
    "copy=\u{a9};crarr=\u{21b5};cup=\u{222a};curren=\u{a4};dArr=\u{21d3};dagger=\u{2020};darr=\u{2193};",
    "deg=\u{b0};delta=\u{3b4};diams=\u{2666};divide=\u{f7};eacute=\u{e9};ecirc=\u{ea};egrave=\u{e8};",
    "empty=\u{2205};emsp=\u{2003};ensp=\u{2002};epsilon=\u{3b5};equiv=\u{2261};eta=\u{3b7};eth=\u{f0};",
    "euml=\u{eb};euro=\u{20ac};exist=\u{2203};fnof=\u{192};forall=\u{2200};frac12=\u{bd};frac14=\u{bc};",
    "frac34=\u{be};frasl=\u{2044};gamma=\u{3b3};ge=\u{2265};hArr=\u{21d4};harr=\u{2194};hearts=\u{2665};",
    "hellip=\u{2026};iacute=\u{ed};icirc=\u{ee};iexcl=\u{a1};igrave=\u{ec};image=\u{2111};infin=\u{221e};",
    "int=\u{222b};iota=\u{3b9};iquest=\u{bf};isin=\u{2208};iuml=\u{ef};kappa=\u{3ba};lArr=\u{21d0};",
    "lambda=\u{3bb};lang=\u{2329};laquo=\u{ab};larr=\u{2190};lceil=\u{2308};ldquo=\u{201c};le=\u{2264};",
    "lfloor=\u{230a};lowast=\u{2217};loz=\u{25ca};lrm=\u{200e};lsaquo=\u{2039};lsquo=\u{2018};",
    "macr=\u{af};mdash=\u{2014};micro=\u{b5};middot=\u{b7};minus=\u{2212};mu=\u{3bc};nabla=\u{2207};",
    "nbsp=\u{a0};ndash=\u{2013};ne=\u{2260};ni=\u{220b};not=\u{ac};notin=\u{2209};nsub=\u{2284};",
    "ntilde=\u{f1};nu=\u{3bd};oacute=\u{f3};ocirc=\u{f4};oelig=\u{153};ograve=\u{f2};oline=\u{203e};",
    "omega=\u{3c9};omicron=\u{3bf};oplus=\u{2295};or=\u{2228};ordf=\u{aa};ordm=\u{ba};oslash=\u{f8};",
    "otilde=\u{f5};otimes=\u{2297};ouml=\u{f6};para=\u{b6};part=\u{2202};permil=\u{2030};perp=\u{22a5};",
    "phi=\u{3c6};pi=\u{3c0};piv=\u{3d6};plusmn=\u{b1};pound=\u{a3};prime=\u{2032};prod=\u{220f};",
    "prop=\u{221d};psi=\u{3c8};rArr=\u{21d2};radic=\u{221a};rang=\u{232a};raquo=\u{bb};rarr=\u{2192};",
    "rceil=\u{2309};rdquo=\u{201d};real=\u{211c};reg=\u{ae};rfloor=\u{230b};rho=\u{3c1};rlm=\u{200f};",
    "rsaquo=\u{203a};rsquo=\u{2019};sbquo=\u{201a};scaron=\u{161};sdot=\u{22c5};sect=\u{a7};shy=\u{ad};",
    "sigma=\u{3c3};sigmaf=\u{3c2};sim=\u{223c};spades=\u{2660};sub=\u{2282};sube=\u{2286};sum=\u{2211};",
    "sup=\u{2283};sup1=\u{b9};sup2=\u{b2};sup3=\u{b3};supe=\u{2287};szlig=\u{df};tau=\u{3c4};",
    "there4=\u{2234};theta=\u{3b8};thetasym=\u{3d1};thinsp=\u{2009};thorn=\u{fe};tilde=\u{2dc};",
    "times=\u{d7};trade=\u{2122};uArr=\u{21d1};uacute=\u{fa};uarr=\u{2191};ucirc=\u{fb};ugrave=\u{f9};",
    "uml=\u{a8};upsih=\u{3d2};upsilon=\u{3c5};uuml=\u{fc};weierp=\u{2118};xi=\u{3be};yacute=\u{fd};",
    "yen=\u{a5};yuml=\u{ff};zeta=\u{3b6};zwj=\u{200d};zwnj=\u{200c};",
);

/// The character of an HTML 4 entity that XML does not define.
pub(crate) fn entity(name: &str) -> Option<char> {
    ENTITIES.split(';').find_map(|pair| pair.split_once('=').filter(|(n, _)| *n == name)?.1.chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_in_markup_runs_or_becomes_an_element() {
        let cases = [
            ("x <SCRIPT type=x>alert('</p>')</Script > y", "x y"),
            ("<img src=x onerror=alert(1)>caption", "caption"),
            ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
            ("unclosed <b", "unclosed"),
            ("<a title=\"a>b\">link</a>", "link"),
            ("<div hidden><div>inner</div>still hidden</div>shown", "shown"),
            ("<template><template>x</template>y</template>z", "z"),
        ];
        for (html, text) in cases {
            assert_eq!(html_to_text(html), text, "{html}");
        }
    }

    #[test]
    fn the_table_has_html_4_but_not_xml_entities() {
        let names: Vec<&str> =
            ENTITIES.split(';').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap().0).collect();
        assert_eq!(names.len(), 248);
        assert!(!names.iter().any(|n| ["amp", "lt", "gt", "quot", "apos"].contains(n)));
        assert_eq!(
            [entity("nbsp"), entity("eacute"), entity("mdash"), entity("euro")],
            [Some('\u{a0}'), Some('é'), Some('—'), Some('€')]
        );
        assert_eq!(entity("bogus"), None);
    }

    #[test]
    fn each_listed_element_has_one_kind() {
        for name in BLOCK {
            assert!(!NOT_RENDERED.contains(&name), "{name}");
        }
        assert_eq!(
            [kind("sub"), kind("p"), kind("title"), kind("my-widget")],
            [Kind::Inline, Kind::Block, Kind::Hidden, Kind::Inline]
        );
    }
}
