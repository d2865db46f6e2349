// The page-facing half (src/web/host/) on its own, in Node (which has TextDecoder, Intl and
// WebAssembly): the page-facing half must do what the module relies on. The
// network is the module's own (gloo-net), tested in the browser suites.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { freshHost } from "./source.mjs";


/** A fresh ntHost. */
const host = () => freshHost();

test("text decodes bytes by any WHATWG label, and answers undefined for a label it does not know", () => {
  const koi8 = new Uint8Array([0xf2, 0xd5, 0xc2, 0xcc, 0xd8]); // "Рубль" in KOI8-R
  assert.equal(host().text(koi8, "koi8-r"), "Рубль");
  assert.equal(host().text(koi8, "x-no-such-encoding"), undefined);
});

test("intl formats decimals exactly as written, in the locale's digits, without grouping", () => {
  const h = host();
  assert.equal(h.intl("number", "en-GB", "0.01144", 5), "0.01144");
  assert.equal(h.intl("number", "en-GB", "12345.678900", 6), "12345.678900");
  assert.equal(h.intl("number", "de-DE", "0.01144", 5), "0,01144");
  assert.equal(h.intl("number", "en-GB", "0.12345678901234567891", 20), "0.12345678901234567891", "no float on the way");
});

test("intl writes dates, moments and plural categories, and refuses an unknown locale quietly", () => {
  const h = host();
  const noon = String(Date.UTC(2025, 10, 13, 12));
  assert.equal(h.intl("date", "en-GB", noon, 0), "13 November 2025");
  assert.equal(h.intl("date", "ru-RU", noon, 0), "13 ноября 2025 г.");
  assert.match(h.intl("time", "en-GB", noon, 0), /^13 Nov 2025, \d\d:\d\d$/);
  assert.equal(h.intl("plural", "en-GB", "1", 0), "one");
  assert.equal(h.intl("plural", "ru-RU", "3", 0), "few");
  assert.equal(h.intl("number", "not a locale!", "1.5", 1), undefined);
  assert.equal(h.intl("plural", "not a locale!", "1", 0), undefined);
});

test("intl makes one formatter per locale and settings, shared by every later call", () => {
  const h = host();
  h.intl("number", "en-GB", "1.5", 1);
  h.intl("number", "en-GB", "2.5", 1);
  h.intl("number", "en-GB", "2.55", 2);
  h.intl("date", "en-GB", "0", 0);
  assert.equal(h.formatters.size, 3);
});

test("words gives each segment's UTF-8 end and whether it is a word", () => {
  const pairs = [...host().words("ja", "経済成長が続く😀")];
  const ends = pairs.filter((_, i) => i % 2 === 0);
  const text = new TextEncoder().encode("経済成長が続く😀");
  assert.equal(ends.at(-1), text.length, "the last end is the run's length in UTF-8");
  assert.ok(ends.every((end, i) => i === 0 || end > ends[i - 1]));
  assert.ok(pairs.some((v, i) => i % 2 === 1 && v === 1), "some segments are words");
  const decoded = ends.map((end, i) => new TextDecoder().decode(text.slice(i ? ends[i - 1] : 0, end)));
  assert.equal(decoded.join(""), "経済成長が続く😀", "every end falls between characters");
});

// The XML stage as the build makes it (`make build`); the module fetches and
// compiles it (src/web/net.rs) and hands it over as a promise.
const STAGE = fs.readFileSync(new URL("../../www/dist/news-ticker_xml.wasm", import.meta.url));
const compiled = () => WebAssembly.compile(STAGE);

/** A flattened RSS tree (what `ntHost.xml` makes of a document) with `count` items. */
function flatRss(count) {
  const fields = ["e", "rss", "", "e", "channel", "", "e", "title", "", "t", "Wire", "c"];
  for (let i = 0; i < count; i++) {
    fields.push("e", "item", "", "e", "title", "", "t", `Story ${i} ${"x".repeat(200)}`, "c", "c");
  }
  fields.push("c", "c");
  return fields.join("\0") + "\0";
}

/** An ntHost whose XML parser answers `flat`. */
function staged(flat) {
  const h = host();
  h.xml = () => flat;
  return h;
}

const xmlFeed = (h, stage = compiled()) => h.xmlFeed("<rss/>", "news-ticker", 12, 100, 100, stage);

test("xmlFeed turns RSS into JSON Feed text with the XML stage", async () => {
  const feed = JSON.parse(await xmlFeed(staged(flatRss(2))));
  assert.equal(feed.title, "Wire");
  assert.deepEqual(feed.items.map((item) => item.title.slice(0, 7)), ["Story 0", "Story 1"]);
});

test("a tree larger than the stage's first memory is read whole", async () => {
  const feed = JSON.parse(await xmlFeed(staged(flatRss(5000))));
  assert.equal(feed.items.length, 1000);
  assert.equal(feed.items[999].title.slice(0, 9), "Story 999");
  assert.equal(feed._xml_problems.length, 1, "the items past 1,000 are warned about");
});

test("what the XML parser refused is repaired by the stage where feed readers would, else answered as it is", async () => {
  assert.equal(await xmlFeed(staged("!line 1: junk")), "!line 1: junk", "<rss/> has nothing to repair");
  // The first parse fails on the entity and the stray &; the repaired text parses.
  const parsed = [];
  const h = staged(null);
  h.xml = (text) => (parsed.push(text), parsed.length === 1 ? "!line 1: undefined entity" : flatRss(1));
  const answer = await h.xmlFeed("<rss><t>Caf&eacute; R&D</t></rss>", "news-ticker", 12, 100, 100, compiled());
  assert.equal(parsed[1], "<rss><t>Café R&amp;D</t></rss>", "the stage's repair is parsed again");
  const warning = JSON.parse(answer)._xml_problems[0];
  assert.deepEqual(warning, ["/", "is not well-formed XML; read after repair: HTML entities (&eacute;) read as characters, and 1 stray & escaped"]);
  // A stage that cannot be had leaves the parser's own error; a refused parser waits for no stage.
  const down = Promise.reject(new Error("HTTP 404 for /stage.wasm"));
  down.catch(() => {});
  assert.equal(await xmlFeed(staged("!line 1: junk"), down), "!line 1: junk");
  let asked = false;
  const never = new Promise(() => { asked = true; });
  assert.equal(await xmlFeed(staged(""), never), "");
  assert.ok(asked, "the promise exists, and was not waited for");
});

test("a stage that cannot be had is answered with the reason", async () => {
  const down = Promise.reject(new Error("HTTP 404 for /stage.wasm"));
  assert.equal(await xmlFeed(staged(flatRss(1)), down), "#HTTP 404 for /stage.wasm");
  assert.equal(await xmlFeed(staged(flatRss(1)), Promise.reject("offline")), "#offline");
});

test("url resolves against the base with the URL parser, and keeps only web URLs when asked", () => {
  const h = host();
  assert.equal(h.url("/a?b=1", "https://news.example.org/feed.json", false), "https://news.example.org/a?b=1");
  assert.equal(h.url("http://[x", "https://news.example.org/", false), undefined);
  assert.equal(h.url("feed.json", "https://news.example.org/x/", true), "https://news.example.org/x/feed.json");
  assert.equal(h.url(" java\tscript:alert(1)", "https://news.example.org/", true), undefined);
  assert.equal(h.url("mailto:a@example.org", "https://news.example.org/", true), undefined);
  assert.equal(h.url("data:text/html,x", "https://news.example.org/", false), "data:text/html,x");
});

test("dispatch fires a bubbling, composed event with the detail it is given", () => {
  const target = new EventTarget();
  const seen = [];
  for (const name of ["news-ticker:ready", "news-ticker:error"]) {
    target.addEventListener(name, (event) => seen.push([event.type, event.bubbles, event.composed, event.detail]));
  }
  const h = host();
  h.dispatch(target, "news-ticker:ready", { items: 5, rates: 3 });
  h.dispatch(target, "news-ticker:error", { message: "the feed answered HTTP 503" });
  assert.deepEqual(seen, [
    ["news-ticker:ready", true, true, { items: 5, rates: 3 }],
    ["news-ticker:error", true, true, { message: "the feed answered HTTP 503" }],
  ]);
});

test("store reads and writes localStorage, lists our keys, and swallows what storage throws", () => {
  const items = new Map([["news-ticker:1:a", "A"], ["other", "O"], ["news-ticker:1:b", "B"]]);
  const storage = {
    get length() { return items.size; },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => { items.set(k, v); },
    removeItem: (k) => { items.delete(k); },
  };
  globalThis.window = { localStorage: storage };
  try {
    const h = host();
    assert.equal(h.store("get", "news-ticker:1:a"), "A");
    assert.equal(h.store("get", "missing"), undefined);
    assert.deepEqual(h.keys("news-ticker:1:"), ["news-ticker:1:a", "news-ticker:1:b"]);
    h.store("set", "news-ticker:1:c", "C");
    h.store("remove", "news-ticker:1:a");
    assert.deepEqual([...items.keys()], ["other", "news-ticker:1:b", "news-ticker:1:c"]);
    globalThis.window = { get localStorage() { throw new DOMException("denied", "SecurityError"); } };
    assert.equal(h.store("get", "news-ticker:1:b"), undefined);
    assert.deepEqual(h.keys("news-ticker:1:"), []);
    storage.setItem = () => { throw new DOMException("full", "QuotaExceededError"); };
    globalThis.window = { localStorage: storage };
    assert.doesNotThrow(() => h.store("set", "news-ticker:1:d", "D"));
  } finally {
    delete globalThis.window;
  }
});

test("the marquee's timing calls work without getAnimations, or with one that throws", () => {
  const nt = host();
  const running = { currentTime: 1234 };
  const element = (getAnimations) => ({ style: { setProperty() {} }, getAnimations });
  // With it: the first animation's time is read and set.
  const working = element(() => [running]);
  assert.equal(nt.animationTime(working), 1234);
  nt.retime(working, "10s", 42);
  assert.equal(running.currentTime, 42);
  // Without it, or broken by the page: no time, and nothing thrown.
  for (const broken of [element(undefined), element(() => { throw new Error("patched"); })]) {
    assert.equal(nt.animationTime(broken), undefined);
    assert.doesNotThrow(() => nt.retime(broken, "10s", 42));
  }
});

test("calls into a DOM the page has broken answer as the module expects and never throw", () => {
  const nt = host();
  const broken = () => { throw new Error("patched by the page"); };
  // Every method a host call uses, throwing.
  const element = new Proxy({}, { get: () => broken });
  const root = { host: element, replaceChildren: broken, set adoptedStyleSheets(v) { broken(); } };
  assert.equal(nt.dir(root), undefined);
  assert.doesNotThrow(() => nt.unshadow(root));
  assert.deepEqual(nt.widths(element, element), []);
  assert.doesNotThrow(() => nt.retime({ style: { setProperty: broken } }, "10s", 1));
  assert.doesNotThrow(() => nt.dispatch(element, "news-ticker:ready", 1, 2));
  // And the working DOM still answers as before.
  const host2 = { closest: () => ({ getAttribute: () => "rtl" }) };
  assert.equal(nt.dir({ host: host2 }), "rtl");
  assert.deepEqual(nt.widths({ getBoundingClientRect: () => ({ width: 120.5 }) }, { clientWidth: 320 }), [120.5, 320]);
});

test("soon runs its callback in a microtask, also where the page's queueMicrotask throws", async () => {
  const nt = host();
  const order = [];
  nt.soon(() => order.push("soon"));
  order.push("now");
  await Promise.resolve();
  assert.deepEqual(order, ["now", "soon"]);
  const kept = globalThis.queueMicrotask;
  globalThis.queueMicrotask = () => { throw new Error("patched by the page"); };
  try {
    const ran = new Promise((resolve) => nt.soon(resolve));
    assert.equal(await Promise.race([ran.then(() => "ran"), new Promise((r) => setTimeout(r, 100, "not run"))]), "ran");
  } finally {
    globalThis.queueMicrotask = kept;
  }
});
