//! Recovering a feed that the strict XML parser refuses, the way mature
//! feed readers do: HTML's named entities (`&nbsp;`, `&eacute;`,
//! `&mdash;`: HTML 4's 248 besides XML's own) become their characters, and
//! a stray `&` (in a link's query, "R&D") is escaped. Only a document that
//! failed to parse is repaired, so a well-formed feed never reads
//! differently; the repaired text is parsed again by the same strict
//! parser, and what was repaired is said in one warning. CDATA sections
//! are left as they are (the parser does not read references in them).
//!
//! The table lives in the XML stage (and the native tools), never in the
//! widget's first download.

/// HTML 4's named character references that XML does not define, as
/// `name=character;` (one string, searched in turn: a repair is rare, and
/// a table of pairs would cost the stage more).
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

/// The character of the HTML entity `name`.
fn entity(name: &str) -> Option<char> {
    ENTITIES.split(';').find_map(|pair| pair.split_once('=').filter(|(n, _)| *n == name)?.1.chars().next())
}

/// The repaired text and the warning that says what was repaired, or
/// `None` when there was nothing to repair (the document is broken some
/// other way).
pub fn repair(text: &str) -> Option<(String, String)> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 64);
    let (mut named, mut stray) = (Vec::<&str>::new(), 0usize);
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
    if named.is_empty() && stray == 0 {
        return None;
    }
    let mut said = Vec::new();
    if !named.is_empty() {
        let shown: Vec<String> = named.iter().take(3).map(|n| ["&", n, ";"].concat()).collect();
        let more = if named.len() > 3 { ", …" } else { "" };
        said.push(["HTML entities (", &shown.join(", "), more, ") read as characters"].concat());
    }
    if stray > 0 {
        said.push([&crate::rules::decimal::whole(stray as u64, 1), " stray & escaped"].concat());
    }
    let note = ["is not well-formed XML; read after repair: ", &said.join(", and ")].concat();
    Some((out, note))
}

#[cfg(test)]
mod tests {
    use super::*;

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
