/* RSS and Atom: the browser's XML parser under the Trusted Types policy,
   the tree flattened for the module (`xml::encode` in
   crates/rules/src/xml.rs documents the form), and the XML stage run. Part of `ntHost` (host.js). */
// @ts-check

// eslint-disable-next-line no-unused-vars
var ntXml = {
  /**
   * Parses RSS or Atom text with the browser's XML parser (a document with
   * no browsing context: nothing in it runs or loads) and flattens its
   * root element into the form `xml::encode` in crates/rules/src/xml.rs
   * documents (tests/host/wire.test.mjs holds the two together): at
   * `maxDepth` an element's whole text is one text field; at most
   * `maxNodes` nodes in all and `maxChildren` child elements of one
   * element are copied. Under Trusted Types the text goes through one
   * policy named `policyName`, made on the first XML feed. Returns "!" and
   * the parser's message for text that is not well-formed, and "" when the
   * page refused the policy (then the parser is not tried either: one
   * violation report, not two).
   * @param {string} text
   * @param {string} policyName
   * @param {number} maxDepth
   * @param {number} maxNodes
   * @param {number} maxChildren
   * @returns {string}
   */
  xml: function (text, policyName, maxDepth, maxNodes, maxChildren) {
    if (ntHost.policy === undefined) {
      var factory = /** @type {any} */ (globalThis).trustedTypes;
      try {
        ntHost.policy = factory && typeof factory === "object"
          ? factory.createPolicy(policyName, { createHTML: function (/** @type {string} */ s) { return s; } })
          : null;
      } catch (error) {
        ntHost.policy = false;
      }
    }
    if (ntHost.policy === false) return "";
    // The text is decoded already: its declaration's encoding no longer
    // applies (WebKit's parser refuses one it does not know).
    text = text.replace(/^(\s*<\?xml[^>]*?\sencoding\s*=\s*)(["'])[^"']*\2/, "$1$2utf-8$2");
    /** @type {Document} */
    var doc;
    try {
      doc = new DOMParser().parseFromString(ntHost.policy ? ntHost.policy.createHTML(text) : text, "text/xml");
    } catch (error) {
      return "";
    }
    var failed = doc.getElementsByTagName("parsererror")[0];
    if (failed) {
      // Chromium puts the message in a <div> ("error on line 1 at column
      // 32: …"); Firefox in the element itself, the place last ("XML
      // Parsing Error: mismatched tag. …\nLocation: …\nLine Number 1,
      // Column 33: …"), which the module's 40 characters would cut off:
      // the place goes first in every engine.
      var reason = (failed.querySelector("div") || failed).textContent || "";
      var place = /Line Number (\d+), Column (\d+)/.exec(reason);
      if (place) {
        reason = "line " + place[1] + ", column " + place[2] + ": " + reason.split("\n")[0].replace(/^XML Parsing Error: /, "");
      }
      return "!" + reason;
    }
    /** @type {string[]} */
    var out = [];
    var budget = maxNodes;
    /** @param {Element} element @param {number} depth */
    function copy(element, depth) {
      out.push("e", element.localName, element.namespaceURI || "");
      var names = element.getAttributeNames();
      for (var i = 0; i < names.length; i++) {
        // Prefixed names (`xmlns:dc`) and `xmlns` are namespaced; `xml:base` is kept.
        if ((names[i].indexOf(":") < 0 && names[i] !== "xmlns") || names[i] === "xml:base") {
          out.push("a", names[i], element.getAttribute(names[i]) || "");
        }
      }
      if (depth === maxDepth) {
        out.push("t", element.textContent || "");
      } else {
        var elements = 0;
        for (var node = element.firstChild; node && budget > 0 && elements < maxChildren; node = node.nextSibling) {
          budget--;
          if (node.nodeType === 1) {
            elements++;
            copy(/** @type {Element} */ (node), depth + 1);
          } else if (node.nodeType === 3 || node.nodeType === 4) {
            out.push("t", node.nodeValue || "");
          }
        }
      }
      out.push("c");
    }
    if (!doc.documentElement) return "!";
    copy(doc.documentElement, 0);
    return out.join("\0") + "\0";
  },

  /**
   * Reads RSS or Atom for the module: `xml` parses and flattens it, and
   * the XML stage (crates/rules/src/xmlfeed.rs, its own module, which the module
   * fetches and compiles the first time a page needs it and passes here as
   * `stage`) turns the flattened tree into JSON Feed text. Resolves to that
   * text, or to what `xml` answered for a document it could not read, or
   * to "#" and the reason the stage could not be had.
   * @param {string} text
   * @param {string} policyName
   * @param {number} maxDepth
   * @param {number} maxNodes
   * @param {number} maxChildren
   * @param {Promise<WebAssembly.Module>} stage
   * @returns {Promise<string>}
   */
  xmlFeed: function (text, policyName, maxDepth, maxNodes, maxChildren, stage) {
    var flat = ntHost.xml(text, policyName, maxDepth, maxNodes, maxChildren);
    var broken = flat.charAt(0) === "!";
    if (flat === "") return Promise.resolve(flat);
    return stage
      .then(function (module) {
        return WebAssembly.instantiate(module, {});
      })
      .then(function (instance) {
        if (broken) {
          // Not well-formed: the stage repairs what feed readers repair
          // (HTML entities, a stray &) and the repaired text is parsed
          // once more; its warning goes in front of the tree, after U+0001.
          var fixed = ntHost.convert(instance, text, "repair");
          var end = fixed.indexOf("\0");
          var again = end < 0 ? "!" : ntHost.xml(fixed.slice(end + 1), policyName, maxDepth, maxNodes, maxChildren);
          if (again === "" || again.charAt(0) === "!") return flat;
          flat = "\u0001" + fixed.slice(0, end) + "\0" + again;
        }
        return ntHost.convert(instance, flat, "convert");
      })
      .catch(function (/** @type {any} */ error) {
        // A broken document says so, whether or not the stage could repair it.
        return broken ? flat : "#" + ((error && error.message) || String(error));
      });
  },

  /**
   * Set by the loader: where the XML stage is and its integrity hash (the
   * module reads both and fetches the stage itself).
   * @type {{ url: string, integrity: string } | undefined}
   */
  xmlStage: undefined,

  /**
   * One call of the XML stage's export `name` ("convert", or "repair"
   * first for a document that was not well-formed), in an instance made
   * for one document and then dropped (so the stage never frees memory):
   * the input written where `input` says, the answer read from the
   * address and length the export points to.
   * @param {WebAssembly.Instance} instance
   * @param {string} flat
   * @param {string} name
   * @returns {string}
   */
  convert: function (instance, flat, name) {
    var exports = /** @type {any} */ (instance.exports);
    var bytes = new TextEncoder().encode(flat);
    var at = exports.input(bytes.length);
    new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
    var answer = exports[name](); // It may grow the memory: its buffer is read after.
    var place = new Uint32Array(exports.memory.buffer, answer, 2);
    return new TextDecoder().decode(new Uint8Array(exports.memory.buffer, place[0], place[1]));
  },

  /**
   * The Trusted Types policy for the XML parser: undefined until the first
   * XML feed, null where the browser has none, false where the page refused it.
   * @type {any}
   */
  policy: undefined,
};
