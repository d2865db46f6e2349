//! RSS and Atom text -> [`xml::Element`], with the browser's own XML parser.
//!
//! `DOMParser` with `text/xml` builds a document that has no browsing
//! context: nothing in it runs or loads, and only its names, attributes and
//! text are copied out. Under Trusted Types (`require-trusted-types-for
//! 'script'`) `parseFromString` takes only a `TrustedHTML`, so where the
//! browser has `trustedTypes` the text goes through one policy named
//! [`XML_POLICY`], made on the first XML feed and used for nothing else.
//! The parse and the walk of the document are `xml` in `src/web/host/xml.js`; the
//! flattened tree (see [`xml::decode`]) goes from there to the XML stage
//! (`ntHost.xmlFeed`, `news_ticker_rules::xmlfeed`), never through the widget's module.
//! [`parse`] brings it into this module for the browser tests of the walk.

use news_ticker_rules::failure::XML_POLICY;
use news_ticker_rules::html::collapse_whitespace;
use news_ticker_rules::problem::clipped;
use news_ticker_rules::xml::{self, Element};
use wasm_bindgen::prelude::wasm_bindgen;

use news_ticker_rules::xml::{MAX_CHILDREN, MAX_DEPTH, MAX_NODES};

#[wasm_bindgen]
extern "C" {
    /// Parses `text` with `DOMParser` through the Trusted Types policy
    /// `policy` where the browser has them, and flattens the root element
    /// within the limits (`src/web/host/xml.js`): see [`xml::decode`]. `!` and the
    /// parser's message for text that is not well-formed; empty when the
    /// page refused the policy.
    #[wasm_bindgen(js_namespace = ntHost)]
    fn xml(text: &str, policy: &str, max_depth: u32, max_nodes: u32, max_children: u32) -> String;
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
    let flat = xml(text, XML_POLICY, MAX_DEPTH, MAX_NODES, MAX_CHILDREN);
    if flat.is_empty() {
        return Err(XmlError::Blocked);
    }
    if let Some(message) = flat.strip_prefix('!') {
        return Err(XmlError::Malformed(clipped(&collapse_whitespace(message))));
    }
    xml::decode(&flat).ok_or_else(|| XmlError::Malformed(String::new()))
}
