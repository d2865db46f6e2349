//! A read-only XML tree: what an XML parser found, copied out so the RSS
//! and Atom rules in [`crate::syndication`] stay pure. In the browser the
//! tree comes from `DOMParser`; natively (the validator, the tests) from
//! roxmltree.

use crate::html::{kind, Kind, HIDDEN};

/// Atom 1.0.
pub const ATOM: &str = "http://www.w3.org/2005/Atom";
/// Atom 0.3, which long-lived blogs and feed generators still write.
pub const ATOM_03: &str = "http://purl.org/atom/ns#";
/// RSS 1.0 (RDF Site Summary).
pub const RSS_1: &str = "http://purl.org/rss/1.0/";
/// RSS 0.90, the first RDF one.
pub const RSS_0_90: &str = "http://my.netscape.com/rdf/simple/0.9/";
/// RDF, the root of RSS 0.90 and 1.0.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// The `content:encoded` module of RSS.
pub const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
/// Dublin Core: `dc:date` in RSS 1.0, `dc:creator`.
pub const DUBLIN_CORE: &str = "http://purl.org/dc/elements/1.1/";
/// Media RSS: `media:thumbnail`, `media:content`, `media:title`.
pub const MEDIA: &str = "http://search.yahoo.com/mrss/";
/// RSS 2.0 with its elements in a namespace of their own (UserLand's).
pub const RSS_USERLAND: &str = "http://backend.userland.com/rss2";
/// XHTML: an RSS item's `xhtml:body`.
pub const XHTML: &str = "http://www.w3.org/1999/xhtml";
/// Apple's podcast module: `itunes:summary`.
pub const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";

#[derive(Clone, Debug, PartialEq, Default)]
/// An XML element with its children.
pub struct Element {
    /// The local name, without a prefix: `encoded` for `content:encoded`.
    pub name: String,
    /// The namespace URI, if any.
    pub namespace: Option<String>,
    /// Attributes without a namespace, by name.
    pub attributes: Vec<(String, String)>,
    /// The child elements and texts, in order.
    pub children: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
/// A child of an element.
pub enum Node {
    /// An element.
    Element(Element),
    /// Text or CDATA.
    Text(String),
}

impl Element {
    /// Whether this is `name` in `namespace`.
    pub fn is(&self, namespace: Option<&str>, name: &str) -> bool {
        self.name == name && self.namespace.as_deref() == namespace
    }

    /// The value of the attribute `name`, if present.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this name in one of `namespaces`.
    pub fn child(&self, namespaces: &[Option<&str>], name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name && namespaces.contains(&e.namespace.as_deref()))
    }

    /// The text inside, in document order. XHTML elements show as a
    /// browser renders them (the kinds of [`crate::html`]); other
    /// child elements are word boundaries (a space either side) and the
    /// text of [`HIDDEN`] ones is left out.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.text_into(&mut out);
        out
    }

    fn text_into(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                // XHTML (Atom's `type="xhtml"`, `xhtml:body`) as a browser
                // renders it: inline elements join, block ones separate.
                Node::Element(e) if e.namespace.as_deref() == Some(XHTML) => {
                    match if e.attribute("hidden").is_some() { Kind::Hidden } else { kind(&e.name) } {
                        Kind::Hidden => {}
                        Kind::Inline => e.text_into(out),
                        Kind::Block => {
                            out.push(' ');
                            e.text_into(out);
                            out.push(' ');
                        }
                    }
                }
                Node::Element(e) if HIDDEN.contains(&e.name.as_str()) => out.push(' '),
                Node::Element(e) => {
                    out.push(' ');
                    e.text_into(out);
                    out.push(' ');
                }
            }
        }
    }
}

/// Below this depth the page copies an element's text as one run (an
/// Atom `content` of deeply nested XHTML still reads as its words).
pub const MAX_DEPTH: u32 = 12;
/// The most nodes the page copies from one document, so a huge one
/// cannot stall it.
pub const MAX_NODES: u32 = 200_000;
/// The most child elements the page copies from one element: past
/// [`MAX_ITEMS`](crate::feed::MAX_ITEMS), enough for the reader to see
/// that there were more.
pub const MAX_CHILDREN: u32 = crate::feed::MAX_ITEMS as u32 + 100;

/// A tree in the flattened form the page sends the XML stage (`xml` in
/// `src/web/host/xml.js` writes it from the browser's parser, within the
/// limits above): fields each ended by a NUL, which XML text cannot hold;
/// `e`, local name, namespace (empty for none) opens an element; `a`,
/// name, value is an attribute of it (without a namespace, or
/// `xml:base`); `t`, text is a text or CDATA child; `c` closes the
/// element. [`decode`] reads it back; natively this writes it (the tests'
/// vectors for the page's script, and the fuzzing).
pub fn encode(root: &Element) -> String {
    fn write(element: &Element, out: &mut String) {
        for field in ["e", &element.name, element.namespace.as_deref().unwrap_or("")] {
            out.push_str(field);
            out.push('\0');
        }
        for (name, value) in &element.attributes {
            for field in ["a", name, value] {
                out.push_str(field);
                out.push('\0');
            }
        }
        for child in &element.children {
            match child {
                Node::Element(e) => write(e, out),
                Node::Text(t) => {
                    out.push_str("t\0");
                    out.push_str(t);
                    out.push('\0');
                }
            }
        }
        out.push_str("c\0");
    }
    let mut out = String::new();
    write(root, &mut out);
    out
}

/// Reads a tree in the flattened form [`encode`] documents. `None` for
/// anything else (which only a broken host could send).
pub fn decode(flat: &str) -> Option<Element> {
    let mut fields = flat.split('\0');
    let mut open: Vec<Element> = Vec::new();
    loop {
        match fields.next()? {
            "e" => {
                let name = fields.next()?.to_owned();
                let namespace = Some(fields.next()?).filter(|ns| !ns.is_empty()).map(str::to_owned);
                open.push(Element { name, namespace, ..Element::default() });
            }
            "a" => {
                let (name, value) = (fields.next()?, fields.next()?);
                open.last_mut()?.attributes.push((name.to_owned(), value.to_owned()));
            }
            "t" => {
                let text = fields.next()?;
                open.last_mut()?.children.push(Node::Text(text.to_owned()));
            }
            "c" => {
                let done = open.pop()?;
                match open.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => return Some(done),
                }
            }
            _ => return None,
        }
    }
}

/// Parses XML text natively (the validator, tests). A DOCTYPE is allowed,
/// as browsers allow it (old RSS 0.91 feeds have one); roxmltree limits
/// entity expansion.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Result<Element, String> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| e.to_string())?;
    Ok(copy(doc.root_element()))
}

/// [`parse`], and where the text is not well-formed, the text repaired as
/// feed readers repair it ([`crate::repair`]) and parsed again:
/// the tree and the warning that says what was repaired. The first error
/// if the repair does not make it well-formed.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_repaired(text: &str) -> Result<(Element, Option<String>), String> {
    let error = match parse(text) {
        Ok(root) => return Ok((root, None)),
        Err(error) => error,
    };
    let (repaired, note) = crate::repair::repair(text).ok_or_else(|| error.clone())?;
    parse(&repaired).map(|root| (root, Some(note))).map_err(|_| error)
}

#[cfg(not(target_arch = "wasm32"))]
fn copy(node: roxmltree::Node) -> Element {
    let children = node
        .children()
        .filter_map(|c| {
            if c.is_element() {
                Some(Node::Element(copy(c)))
            } else if c.is_text() {
                // Text and CDATA; a comment or processing instruction is not text.
                c.text().map(|t| Node::Text(t.to_owned()))
            } else {
                None
            }
        })
        .collect();
    Element {
        name: node.tag_name().name().to_owned(),
        namespace: node.tag_name().namespace().map(str::to_owned),
        // Attributes without a namespace, and `xml:base` (as the browser's
        // flattening gives it).
        attributes: node
            .attributes()
            .filter_map(|a| match a.namespace() {
                None => Some((a.name().to_owned(), a.value().to_owned())),
                Some("http://www.w3.org/XML/1998/namespace") if a.name() == "base" => {
                    Some(("xml:base".to_owned(), a.value().to_owned()))
                }
                Some(_) => None,
            })
            .collect(),
        children,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_flattened_tree_reads_as_the_tree_it_was() {
        let flat = "e\0feed\0http://www.w3.org/2005/Atom\0t\0 \0e\0title\0http://www.w3.org/2005/Atom\0a\0type\0html\0\
                    t\0A &amp; <b>\0c\0c\0";
        let parsed =
            parse(r#"<feed xmlns="http://www.w3.org/2005/Atom"> <title type="html">A &amp;amp; &lt;b></title></feed>"#);
        assert_eq!(decode(flat), parsed.ok());
        let root = decode("e\0rss\0\0e\0x\0urn:x\0c\0c\0").unwrap();
        assert_eq!(root.namespace, None, "an empty namespace is none");
        assert_eq!(root.child(&[Some("urn:x")], "x").map(|x| x.name.as_str()), Some("x"));
    }

    #[test]
    fn a_tree_written_flat_reads_back_as_itself() {
        for name in ["rss.xml", "atom.xml"] {
            let text = std::fs::read_to_string(format!("{}/../../www/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let tree = parse(&text).unwrap();
            assert_eq!(decode(&encode(&tree)).as_ref(), Some(&tree), "{name}");
        }
        let flat = "e\0feed\0http://www.w3.org/2005/Atom\0t\0 \0e\0title\0http://www.w3.org/2005/Atom\0a\0type\0html\0\
                    t\0A &amp; <b>\0c\0c\0";
        assert_eq!(encode(&decode(flat).unwrap()), flat, "the fields in the page's order");
    }

    #[test]
    fn a_broken_flattening_is_refused_not_guessed() {
        for flat in ["", "e\0a\0", "e\0a\0\0", "c\0", "t\0x\0", "e\0a\0\0q\0c\0", "a\0n\0v\0"] {
            assert_eq!(decode(flat), None, "{flat:?}");
        }
        assert_eq!(decode("e\0a\0\0c\0ignored"), Some(Element { name: "a".into(), ..Element::default() }));
    }

    #[test]
    fn names_namespaces_attributes_and_text_are_kept() {
        let root = parse(
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:x"><title type="html">A &amp;amp; <![CDATA[<b>B</b>]]></title><x:title/></feed>"#,
        )
        .unwrap();
        assert!(root.is(Some(ATOM), "feed"));
        let title = root.child(&[Some(ATOM)], "title").unwrap();
        assert_eq!(title.attribute("type"), Some("html"));
        assert_eq!(title.text(), "A &amp; <b>B</b>");
        assert_eq!(root.elements().filter(|e| e.name == "title").count(), 2);
        assert!(root.child(&[None], "title").is_none());
    }

    #[test]
    fn text_reads_markup_as_words_and_leaves_out_code() {
        let root =
            parse("<div>one<p>two</p><b>th</b>ree<script>alert(1)</script><style>p{}</style>four</div>").unwrap();
        let words: Vec<String> = root.text().split_whitespace().map(str::to_owned).collect();
        assert_eq!(words, ["one", "two", "th", "ree", "four"]);
    }
}
