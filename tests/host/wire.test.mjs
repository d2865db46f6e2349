// The page-facing half (src/web/host/) against the vectors the formats' Rust homes write
// (tests/wire.rs, run first by `make test-host`): render plans applied as
// the Rust writer runs them, painted frames read as the module wrote
// them, and XML trees flattened as the module's reader reads them. The
// DOM here is a small stand-in with only what those calls use.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { freshHost } from "./source.mjs";

const ROOT = new URL("../../", import.meta.url);
const vectorsFile = new URL("target/wire-vectors.json", ROOT);
if (!fs.existsSync(vectorsFile)) {
  throw new Error("target/wire-vectors.json is missing: run `cargo test --test wire` (make test-host does)");
}
const vectors = JSON.parse(fs.readFileSync(vectorsFile, "utf8"));

const host = freshHost;

/** The part of a DOM node `apply`, `paint` and `xml` use. */
class FakeNode {
  constructor(nodeType, name, namespace) {
    this.nodeType = nodeType;
    this.localName = name;
    this.namespaceURI = namespace;
    this.attrs = [];
    this.childNodes = [];
    this.parentNode = null;
    this.nodeValue = null;
    this.ownerDocument = fakeDocument;
  }
  get firstChild() {
    return this.childNodes[0] ?? null;
  }
  get nextSibling() {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }
  appendChild(node) {
    if (node.parentNode) node.parentNode.childNodes.splice(node.parentNode.childNodes.indexOf(node), 1);
    node.parentNode = this;
    this.childNodes.push(node);
    return node;
  }
  replaceChildren() {
    for (const child of this.childNodes) child.parentNode = null;
    this.childNodes = [];
  }
  set textContent(text) {
    this.replaceChildren();
    const node = new FakeNode(3);
    node.nodeValue = String(text);
    this.appendChild(node);
  }
  get textContent() {
    return this.nodeType === 3 ? this.nodeValue : this.childNodes.map((c) => c.textContent).join("");
  }
  setAttribute(name, value) {
    const pair = this.attrs.find((a) => a[0] === name);
    if (pair) pair[1] = String(value);
    else this.attrs.push([name, String(value)]);
  }
  removeAttribute(name) {
    this.attrs = this.attrs.filter((a) => a[0] !== name);
  }
  getAttribute(name) {
    return this.attrs.find((a) => a[0] === name)?.[1] ?? null;
  }
  getAttributeNames() {
    return this.attrs.map((a) => a[0]);
  }
  cloneNode(deep) {
    const copy = new FakeNode(this.nodeType, this.localName, this.namespaceURI);
    copy.nodeValue = this.nodeValue;
    copy.attrs = this.attrs.map((a) => [...a]);
    if (deep) for (const child of this.childNodes) copy.appendChild(child.cloneNode(true));
    return copy;
  }
}
const fakeDocument = { createElement: (tag) => new FakeNode(1, tag, "http://www.w3.org/1999/xhtml") };

// The HTML syntax `markup.rs` writes, for the tree `apply` built.
const VOID = ["img", "br", "hr", "input"];
const text = (s) => s.replace(/[&<>\0]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\0": "\uFFFD" })[c]);
const value = (s) => s.replace(/[&"<>\0]/g, (c) => ({ "&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;", "\0": "\uFFFD" })[c]);
function html(node, kept) {
  if (node.nodeType === 3) return text(node.nodeValue);
  const slot = kept.get(node);
  const attrs = (slot === undefined ? [] : [["data-nt-slot", String(slot)]]).concat(node.attrs);
  const open = "<" + node.localName + attrs.map(([n, v]) => ` ${n}="${value(v)}"`).join("") + ">";
  if (VOID.includes(node.localName)) return open;
  return open + node.childNodes.map((c) => html(c, kept)).join("") + "</" + node.localName + ">";
}

test("every render plan builds the tree its Rust writer builds", () => {
  assert.ok(vectors.plans.length >= 4);
  for (const { plan, html: expected } of vectors.plans) {
    const root = new FakeNode(11);
    const slots = [root];
    host().apply(slots, plan);
    const kept = new Map();
    slots.forEach((element, slot) => slot > 0 && element && kept.set(element, slot));
    assert.equal(root.childNodes.map((c) => html(c, kept)).join(""), expected);
  }
});

test("a painted frame is read as the module wrote it, and not when it is stale or of another version", () => {
  const [current, stale] = vectors.paint;
  const element = new FakeNode(1, "div");
  element.attributes = [{ name: "data-feed", value: "feed.json" }, { name: "class", value: "x" }];
  element.shadowRoot = null;
  const paint = (record, version) => {
    const h = host();
    const seen = {};
    h.store = (op, key) => (op === "get" && key === vectors.paintPrefix + "data-feed=feed.json" ? record.stored : undefined);
    h.shadow = (_, css) => ((seen.css = css), new FakeNode(11));
    h.apply = (_, plan) => (seen.plan = plan);
    h.paint(element, version);
    return seen;
  };
  assert.deepEqual(paint(current, current.version), { css: current.css, plan: current.plan });
  assert.deepEqual(paint(stale, stale.version), {}, "past its time");
  assert.deepEqual(paint(current, "9.9.9"), {}, "another version's");
});

test("an XML tree is flattened as the module's reader reads it", () => {
  const [maxDepth, maxNodes, maxChildren] = vectors.xmlLimits;
  for (const { tree, flat } of vectors.xml) {
    const build = (e) => {
      const node = new FakeNode(1, e.name, e.namespace);
      node.attrs = e.attributes.map((a) => [...a]);
      for (const child of e.children) {
        if (typeof child === "string") {
          const t = new FakeNode(3);
          t.nodeValue = child;
          node.appendChild(t);
        } else node.appendChild(build(child));
      }
      return node;
    };
    const documentElement = build(tree);
    class DOMParser {
      parseFromString() {
        return { documentElement, getElementsByTagName: () => [] };
      }
    }
    const written = host({ DOMParser, globalThis: {} }).xml("<x/>", "news-ticker", maxDepth, maxNodes, maxChildren);
    assert.equal(written, flat);
  }
});
