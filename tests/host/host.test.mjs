// src/web/host.js on its own, in Node (which has fetch's Response, streams and
// TextDecoder): the page-facing half must do what the module relies on.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";

const source = fs.readFileSync(new URL("../../src/web/host.js", import.meta.url), "utf8");

/** A fresh ntHost, with `fetch` as the page would have it. */
function host(fetch = globalThis.fetch) {
  return new Function("fetch", `${source}\nreturn ntHost;`)(fetch);
}

/** A response whose body arrives in the given chunks, counting what was pulled. */
function streamed(chunks, headers = {}) {
  const pulled = { count: 0, cancelled: false };
  const body = new ReadableStream({
    pull(controller) {
      if (pulled.count === chunks.length) return controller.close();
      controller.enqueue(chunks[pulled.count++]);
    },
    cancel() {
      pulled.cancelled = true;
    },
  }, { highWaterMark: 0 }); // pulled only when read
  return { response: new Response(body, { headers }), pulled };
}

const text = (bytes) => new TextDecoder().decode(bytes);

test("a good answer is read as its bytes, unchanged (the module decodes them)", async () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"title":"Кыргыз"}'), 0xff]);
  const [status, retry, body] = await host().read(new Response(bytes), 100);
  assert.deepEqual([status, retry], [200, null]);
  assert.deepEqual([...body], [...bytes]);
});

test("a good answer carries its Content-Type, and bytes decode by any WHATWG label", async () => {
  const koi8 = new Uint8Array([0xf2, 0xd5, 0xc2, 0xcc, 0xd8]); // "Рубль" in KOI8-R
  const answer = new Response(koi8, { headers: { "content-type": "application/rss+xml; charset=KOI8-R" } });
  const [status, type, body] = await host().read(answer, 100);
  assert.deepEqual([status, type], [200, "application/rss+xml; charset=KOI8-R"]);
  assert.equal(host().text(body, "koi8-r"), "Рубль");
  assert.equal(host().text(koi8, "x-no-such-encoding"), undefined);
});

test("a body split across chunks, even inside a character, reads whole", async () => {
  const bytes = new TextEncoder().encode("Ташкент");
  const { response } = streamed([bytes.slice(0, 3), bytes.slice(3, 8), bytes.slice(8)]);
  assert.equal(text((await host().read(response, 100))[2]), "Ташкент");
});

test("a failed answer gives its status and Retry-After, and no text", async () => {
  const answer = new Response("busy", { status: 503, headers: { "retry-after": "120" } });
  assert.deepEqual(await host().read(answer, 100), [503, "120"]);
  assert.deepEqual(await host().read(new Response("", { status: 404 }), 100), [404, null]);
});

test("a declared length past the limit is refused before reading", async () => {
  const { response, pulled } = streamed([new Uint8Array(10)], { "content-length": " 101 " });
  await assert.rejects(host().read(response, 100), (e) => e === "too-large");
  assert.equal(pulled.count, 0);
});

test("a body past the limit stops the download once it passes it", async () => {
  const chunks = Array.from({ length: 10 }, () => new Uint8Array(40));
  const { response, pulled } = streamed(chunks);
  await assert.rejects(host().read(response, 100), (e) => e === "too-large");
  assert.ok(pulled.count <= 4, `pulled ${pulled.count} chunks`);
  assert.ok(pulled.cancelled, "the stream was cancelled");
  const exact = streamed([new Uint8Array(60), new Uint8Array(40)]);
  assert.equal((await host().read(exact.response, 100))[2].length, 100, "exactly the limit is read");
});

test("what a broken fetch wrapper answers is a rejection, never a throw", async () => {
  for (const answer of [undefined, null, "text", {}, { ok: true, status: 200 }]) {
    await assert.rejects(host().read(answer, 100));
  }
  const throwing = host(() => {
    throw new Error("the page's wrapper");
  });
  const promise = throwing.get("https://x.test/feed.json", new AbortController().signal);
  await assert.rejects(promise, /the page's wrapper/);
});

test("get asks the page's fetch, as found at the call, for a revalidating simple GET", async () => {
  const calls = [];
  const signal = new AbortController().signal;
  const h = host((url, init) => {
    calls.push([url, init]);
    return Promise.resolve(new Response("{}"));
  });
  const answer = await h.get("https://x.test/feed.json", signal);
  assert.ok(answer instanceof Response);
  assert.deepEqual(calls, [["https://x.test/feed.json", { cache: "no-cache", signal }]]);
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

/** A fetch that answers each URL from `answers` (a Response, or a function of the signal). */
function fakeFetch(answers, calls = []) {
  return (url, init) => {
    calls.push(url);
    const answer = answers[url];
    return typeof answer === "function" ? answer(init.signal) : Promise.resolve(answer.clone());
  };
}

const hang = (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));

test("load fetches the feed and the rates at once and reports each", async () => {
  const calls = [];
  const h = host(fakeFetch({ "/f": new Response("{}"), "/r": new Response("", { status: 503, headers: { "retry-after": "9" } }) }, calls));
  const both = await new Promise((resolve) => h.load("/f", "/r", 1000, 100, (feed, rates) => resolve([feed, rates])));
  assert.deepEqual([text(both[0][2]), both[1]], ["{}", [503, "9"]]);
  assert.deepEqual(calls, ["/f", "/r"]);
  const alone = await new Promise((resolve) => h.load("/f", undefined, 1000, 100, (feed, rates) => resolve([feed, rates])));
  assert.deepEqual([alone[0][0], text(alone[0][2]), alone[1]], [200, "{}", null]);
});

test("load names what went wrong: the timeout, a body too large, an unreachable feed", async () => {
  const h = host(fakeFetch({ "/slow": hang, "/big": new Response(new Uint8Array(200)), "/down": () => Promise.reject(new TypeError("offline")) }));
  const started = Date.now();
  const slow = await new Promise((resolve) => h.load("/slow", "/big", 50, 100, (feed, rates) => resolve([feed, rates])));
  assert.deepEqual(slow, ["timeout", "too-large"]);
  assert.ok(Date.now() - started < 1000);
  const down = await new Promise((resolve) => h.load("/down", undefined, 1000, 100, (feed) => resolve(feed)));
  assert.equal(down, "unreachable");
});

test("a load aborted by the module never reports, and its requests are cancelled", async () => {
  let aborted = false;
  const h = host(fakeFetch({ "/slow": (signal) => { signal.addEventListener("abort", () => { aborted = true; }); return hang(signal); } }));
  let reported = false;
  const controller = h.load("/slow", undefined, 1000, 100, () => { reported = true; });
  await new Promise((resolve) => setTimeout(resolve, 20));
  controller.abort();
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(aborted, true);
  assert.equal(reported, false);
});

test("load takes the answer the loader already asked for, once", async () => {
  const calls = [];
  const h = host(fakeFetch({ "/f": new Response("new") }, calls));
  let taken = 0;
  h.early = (url) => (url === "/f" && taken++ === 0 ? Promise.resolve(new Response("early")) : undefined);
  const first = await new Promise((resolve) => h.load("/f", undefined, 1000, 100, resolve));
  const second = await new Promise((resolve) => h.load("/f", undefined, 1000, 100, resolve));
  assert.deepEqual([text(first[2]), text(second[2])], ["early", "new"]);
  assert.deepEqual(calls, ["/f"]);
});

// The XML stage as the build makes it (`make build`), fetched through the page's fetch.
const STAGE = fs.readFileSync(new URL("../../www/dist/news-ticker_xml.wasm", import.meta.url));

/** A flattened RSS tree (what `ntHost.xml` makes of a document) with `count` items. */
function flatRss(count) {
  const fields = ["e", "rss", "", "e", "channel", "", "e", "title", "", "t", "Wire", "c"];
  for (let i = 0; i < count; i++) {
    fields.push("e", "item", "", "e", "title", "", "t", `Story ${i} ${"x".repeat(200)}`, "c", "c");
  }
  fields.push("c", "c");
  return fields.join("\0") + "\0";
}

/** An ntHost whose XML parser answers `flat`, with the stage at /stage.wasm. */
function staged(flat, calls, responses = { "/stage.wasm": () => Promise.resolve(new Response(STAGE)) }) {
  const h = host((url, init) => {
    calls.push([url, init.integrity]);
    return responses[url]();
  });
  h.xml = () => flat;
  h.xmlStage = { url: "/stage.wasm", integrity: "sha384-pinned" };
  return h;
}

const xmlFeed = (h) => new Promise((resolve) => h.xmlFeed("<rss/>", "news-ticker", 12, 100, 100, resolve));

test("xmlFeed turns RSS into JSON Feed text with the XML stage, fetched once with its integrity", async () => {
  const calls = [];
  const h = staged(flatRss(2), calls);
  const feed = JSON.parse(await xmlFeed(h));
  assert.equal(feed.title, "Wire");
  assert.deepEqual(feed.items.map((item) => item.title.slice(0, 7)), ["Story 0", "Story 1"]);
  await xmlFeed(h);
  assert.deepEqual(calls, [["/stage.wasm", "sha384-pinned"]]);
});

test("a tree larger than the stage's first memory is read whole", async () => {
  const feed = JSON.parse(await xmlFeed(staged(flatRss(5000), [])));
  assert.equal(feed.items.length, 1000);
  assert.equal(feed.items[999].title.slice(0, 9), "Story 999");
  assert.equal(feed._xml_problems.length, 1, "the items past 1,000 are warned about");
});

test("what the XML parser refused is repaired by the stage where feed readers would, else answered as it is", async () => {
  assert.equal(await xmlFeed(staged("!line 1: junk", [])), "!line 1: junk", "<rss/> has nothing to repair");
  // The first parse fails on the entity and the stray &; the repaired text parses.
  const parsed = [];
  const h = staged(null, []);
  h.xml = (text) => (parsed.push(text), parsed.length === 1 ? "!line 1: undefined entity" : flatRss(1));
  const answer = await new Promise((resolve) => h.xmlFeed("<rss><t>Caf&eacute; R&D</t></rss>", "news-ticker", 12, 100, 100, resolve));
  assert.equal(parsed[1], "<rss><t>Café R&amp;D</t></rss>", "the stage's repair is parsed again");
  const warning = JSON.parse(answer)._xml_problems[0];
  assert.deepEqual(warning, ["/", "is not well-formed XML; read after repair: HTML entities (&eacute;) read as characters, and 1 stray & escaped"]);
  // A stage that cannot be loaded leaves the parser's own error; a refused parser asks for no stage.
  const down = staged("!line 1: junk", [], { "/stage.wasm": () => Promise.resolve(new Response("", { status: 404 })) });
  assert.equal(await xmlFeed(down), "!line 1: junk");
  const calls = [];
  assert.equal(await xmlFeed(staged("", calls)), "");
  assert.deepEqual(calls, []);
});

test("a stage that cannot be loaded is answered with the reason, and asked for again next time", async () => {
  const calls = [];
  const h = staged(flatRss(1), calls, { "/stage.wasm": () => Promise.resolve(new Response("", { status: 404 })) });
  assert.equal(await xmlFeed(h), "#HTTP 404 for /stage.wasm");
  assert.equal(await xmlFeed(h), "#HTTP 404 for /stage.wasm");
  assert.equal(calls.length, 2);
});

test("an XML read aborted by the module never answers", async () => {
  let answered = false;
  const controller = staged(flatRss(1), []).xmlFeed("<rss/>", "news-ticker", 12, 100, 100, () => { answered = true; });
  controller.abort();
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(answered, false);
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

test("dispatch fires a bubbling, composed event with the counts, or with the message alone", () => {
  const target = new EventTarget();
  const seen = [];
  for (const name of ["news-ticker:ready", "news-ticker:error"]) {
    target.addEventListener(name, (event) => seen.push([event.type, event.bubbles, event.composed, event.detail]));
  }
  const h = host();
  h.dispatch(target, "news-ticker:ready", 5, 3, undefined);
  h.dispatch(target, "news-ticker:error", 0, 0, "the feed answered HTTP 503");
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
    assert.equal(h.store("keys", "news-ticker:1:"), "news-ticker:1:a\0news-ticker:1:b\0");
    h.store("set", "news-ticker:1:c", "C");
    h.store("remove", "news-ticker:1:a");
    assert.deepEqual([...items.keys()], ["other", "news-ticker:1:b", "news-ticker:1:c"]);
    globalThis.window = { get localStorage() { throw new DOMException("denied", "SecurityError"); } };
    assert.equal(h.store("get", "news-ticker:1:b"), undefined);
    assert.equal(h.store("keys", "news-ticker:1:"), undefined);
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
