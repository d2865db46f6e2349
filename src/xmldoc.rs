//! RSS and Atom text -> [`xml::Element`], with the browser's own XML parser.
//!
//! `DOMParser` with `text/xml` builds a document that has no browsing
//! context: nothing in it runs or loads, and only its names, attributes and
//! text are copied out. Under Trusted Types (`require-trusted-types-for
//! 'script'`) `parseFromString` takes only a `TrustedHTML`, so where the
//! browser has `trustedTypes` the text goes through one policy named
//! [`POLICY_NAME`], made on the first XML feed and used for nothing else.

use crate::feed::{clipped, collapse_whitespace, MAX_ITEMS};
use crate::xml::{Element, Node};
use js_sys::{Function, Object, Reflect};
use std::cell::OnceCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Document;

/// The Trusted Types policy a page with a `trusted-types` allow-list must name.
pub use crate::failure::XML_POLICY as POLICY_NAME;

/// Below this depth an element's text is kept as one run (an Atom
/// `content` of deeply nested XHTML still reads as its words).
const MAX_DEPTH: usize = 12;
/// The most nodes copied from one document, so a huge one cannot stall the page.
const MAX_NODES: usize = 200_000;
/// The most child elements copied from one element: past [`MAX_ITEMS`],
/// enough for the parser to see that there were more.
const MAX_CHILDREN: usize = MAX_ITEMS + 100;

#[wasm_bindgen]
extern "C" {
    /// `DOMParser`, declared here because web-sys's `parseFromString`
    /// takes only a string, not a `TrustedHTML`.
    #[wasm_bindgen(js_name = DOMParser)]
    type XmlParser;

    #[wasm_bindgen(constructor, catch, js_class = DOMParser)]
    fn new() -> Result<XmlParser, JsValue>;

    #[wasm_bindgen(method, catch, js_class = DOMParser, js_name = parseFromString)]
    fn parse_from(this: &XmlParser, text: &JsValue, mime: &str) -> Result<Document, JsValue>;
}

/// The policy and the function it calls, kept for the page's lifetime.
struct Policy {
    policy: JsValue,
    _create_html: Closure<dyn Fn(String) -> String>,
}

/// What became of the policy, decided once per page.
enum Trust {
    /// The browser has no Trusted Types: strings are parsed as they are.
    NotNeeded,
    Made(Policy),
    /// The page's `trusted-types` allow-list refused the policy. The sink
    /// is then not tried either, so the page gets one violation report, not two.
    Refused,
}

thread_local! {
    static POLICY: OnceCell<Trust> = const { OnceCell::new() };
}

/// Why an XML document could not be read.
#[derive(Debug)]
pub enum XmlError {
    /// Not well-formed; holds the parser's message.
    Malformed(String),
    /// The page's Trusted Types settings refused the parse.
    Blocked,
}

/// Parses `text` as XML and copies the root element out.
pub fn parse(text: &str) -> Result<Element, XmlError> {
    let parser = XmlParser::new().map_err(|_| XmlError::Blocked)?;
    let text = trusted(text).ok_or(XmlError::Blocked)?;
    let doc = parser.parse_from(&text, "text/xml").map_err(|_| XmlError::Blocked)?;
    if let Some(error) = doc.get_elements_by_tag_name("parsererror").item(0) {
        // Chromium puts the message in a <div>; Firefox in the element itself.
        let message = error.query_selector("div").ok().flatten().unwrap_or(error).text_content().unwrap_or_default();
        return Err(XmlError::Malformed(clipped(&collapse_whitespace(&message))));
    }
    let root = doc.document_element().ok_or_else(|| XmlError::Malformed(String::new()))?;
    let mut budget = MAX_NODES;
    Ok(copy(&root, 0, &mut budget))
}

/// `text` as the browser's parser will take it: a `TrustedHTML` from our
/// policy where Trusted Types exist, else the string itself; `None` when
/// the page refused the policy.
fn trusted(text: &str) -> Option<JsValue> {
    POLICY.with(|cell| match cell.get_or_init(make_policy) {
        Trust::NotNeeded => Some(text.into()),
        Trust::Made(p) => {
            let create: Function = Reflect::get(&p.policy, &"createHTML".into()).ok()?.dyn_into().ok()?;
            create.call1(&p.policy, &text.into()).ok()
        }
        Trust::Refused => None,
    })
}

fn make_policy() -> Trust {
    let factory = Reflect::get(&js_sys::global(), &"trustedTypes".into()).ok().filter(JsValue::is_object);
    let Some(factory) = factory else {
        return Trust::NotNeeded;
    };
    create_policy(&factory).map_or(Trust::Refused, Trust::Made)
}

fn create_policy(factory: &JsValue) -> Option<Policy> {
    let create_policy: Function = Reflect::get(factory, &"createPolicy".into()).ok()?.dyn_into().ok()?;
    // The text is handed on unchanged: it is parsed as XML into a document
    // that never joins the page, and only text is taken from it.
    let create_html = Closure::<dyn Fn(String) -> String>::new(|text| text);
    let options = Object::new();
    Reflect::set(&options, &"createHTML".into(), create_html.as_ref()).ok()?;
    let policy = create_policy.call2(factory, &POLICY_NAME.into(), &options).ok()?;
    Some(Policy { policy, _create_html: create_html })
}

fn copy(from: &web_sys::Element, depth: usize, budget: &mut usize) -> Element {
    let mut out = Element { name: from.local_name(), namespace: from.namespace_uri(), ..Element::default() };
    for name in from.get_attribute_names().iter().filter_map(|n| n.as_string()) {
        // Prefixed names (`xml:base`, `xmlns:dc`) and `xmlns` are namespaced.
        if !name.contains(':') && name != "xmlns" {
            let value = from.get_attribute(&name).unwrap_or_default();
            out.attributes.push((name, value));
        }
    }
    if depth == MAX_DEPTH {
        out.children.push(Node::Text(from.text_content().unwrap_or_default()));
        return out;
    }
    let mut elements = 0;
    let mut next = from.first_child();
    while let Some(node) = next {
        if *budget == 0 || elements == MAX_CHILDREN {
            break;
        }
        *budget -= 1;
        match node.node_type() {
            web_sys::Node::ELEMENT_NODE => {
                elements += 1;
                out.children.push(Node::Element(copy(node.unchecked_ref(), depth + 1, budget)));
            }
            web_sys::Node::TEXT_NODE | web_sys::Node::CDATA_SECTION_NODE => {
                out.children.push(Node::Text(node.node_value().unwrap_or_default()));
            }
            _ => {}
        }
        next = node.next_sibling();
    }
    out
}
