// End to end: hosting. The page on one origin, the widget's two files on a
// second (a CDN, loaded with Subresource Integrity from manifest.json), the
// feed on a third; a script or module that does not match its hash never
// runs; and the container's own fallback content stays until a widget
// mounts, and for good without JavaScript or WebAssembly.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { INSECURE_HOST, lacks } from "./browser.mjs";
import { events, fixture, openPage, read, setUp, withSession } from "./page.mjs";
import { WWW } from "./servers.mjs";

const env = setUp();
const manifest = () => JSON.parse(fs.readFileSync(path.join(WWW, "dist/manifest.json"), "utf8"));
const feed = (key) => ({ "data-feed": `${env.servers.feed}/feed.json?k=${key}`, "data-refresh": "0" });

/** Whether the fallback link in the container is rendered (has a box). */
const fallbackShown = (page) => page.evaluate(() => {
  const link = document.getElementById("fallback");
  return Boolean(link && link.getClientRects().length > 0);
});

/** The XML stage's downloads the page made. */
const stageRequests = (page) =>
  page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((name) => name.includes("news-ticker_xml.wasm")));

/** Asserts that the script ran but its module did not: no widget, the fallback shown, one warning. */
async function refused(session) {
  await session.page.waitForFunction(() => window.NewsTicker, null, { timeout: 5000 });
  await session.page.waitForTimeout(1500);
  assert.equal(await session.page.evaluate(() => document.getElementById("w").shadowRoot), null, "no widget from a changed module");
  assert.equal(await fallbackShown(session.page), true);
  assert.ok(session.warnings.some((w) => w.includes("news-ticker: could not start")), JSON.stringify(session.warnings));
}

describe("three origins with Subresource Integrity", () => {
  test("manifest.json gives the version (that of Cargo.toml and CHANGELOG.md), sizes and the sha384 of each file", () => {
    const m = manifest();
    const cargo = fs.readFileSync(path.join(WWW, "../Cargo.toml"), "utf8").match(/^version = "(.*)"/m)[1];
    assert.equal(m.version, cargo);
    for (const [name, file] of Object.entries(m.files)) {
      const bytes = fs.readFileSync(path.join(WWW, "dist", name));
      assert.equal(file.bytes, bytes.length, name);
      assert.match(file.integrity, /^sha384-[A-Za-z0-9+/]{64}$/, name);
    }
    assert.deepEqual(Object.keys(m.files), ["news-ticker.js", "news-ticker_bg.wasm", "news-ticker_xml.wasm", "news-ticker.css"]);
    // What a CSP lists for a server-rendered container with its stylesheet
    // inline; the browser's verdict on it is in server-rendered.test.mjs.
    assert.match(m.styleHash, /^'sha256-[A-Za-z0-9+/]{43}='$/);
    const changelog = fs.readFileSync(path.join(WWW, "../CHANGELOG.md"), "utf8");
    assert.equal(changelog.match(/^## (\S+)/m)[1], cargo, "CHANGELOG.md's latest entry is this version");
  });

  test("the script and module from a CDN origin, pinned by hash, render the feed from a third origin", async () => {
    const integrity = manifest().files["news-ticker.js"].integrity;
    await withSession(env.open(fixture(feed(`sri-${Date.now()}`), { files: env.servers.cdn, integrity, inner: true })), async (session) => {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:ready");
      const view = await read(session.page);
      assert.deepEqual([view.visibleRates.length, view.cards.length], [5, 5]);
      const origins = await session.page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).origin));
      assert.ok(origins.includes(env.servers.cdn) && origins.includes(env.servers.feed), JSON.stringify(origins));
      assert.equal(await fallbackShown(session.page), false, "the widget replaces the fallback on screen");
      assert.deepEqual(await stageRequests(session.page), [], "a JSON feed never downloads the XML stage");
      assert.deepEqual(session.problems, []);
    });
  });

  test("an RSS feed has the XML stage fetched from beside the script, pinned by its hash", async () => {
    const integrity = manifest().files["news-ticker.js"].integrity;
    const attrs = { "data-feed": `${env.servers.feed}/rss.xml?k=sri-xml-${Date.now()}`, "data-refresh": "0" };
    await withSession(env.open(fixture(attrs, { files: env.servers.cdn, integrity, inner: true })), async (session) => {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:ready");
      assert.equal((await read(session.page)).cards.length, 5);
      assert.deepEqual(await stageRequests(session.page), [`${env.servers.cdn}/news-ticker_xml.wasm`]);
      assert.deepEqual(session.problems, []);
    });
  });

  test("an XML stage changed on the CDN is refused by its pinned hash, and the widget says so", async () => {
    const integrity = manifest().files["news-ticker.js"].integrity;
    const attrs = { "data-feed": `${env.servers.feed}/rss.xml?k=sri-xml-bad-${Date.now()}`, "data-refresh": "0" };
    await withSession(env.open(fixture(attrs, { files: `${env.servers.cdn}/tampered-xml`, integrity, inner: true })), async (session) => {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:error");
      assert.match(event.detail.message, /^the RSS and Atom reader could not be loaded \(.+\)$/);
      const status = await session.page.evaluate(() => document.getElementById("w").shadowRoot.querySelector('[part~="status"]').textContent);
      assert.match(status, /^The news could not be loaded: the RSS and Atom reader could not be loaded/);
    });
  });

  test("a script that does not match its integrity never runs; the fallback stays", async () => {
    const wrong = "sha384-" + Buffer.alloc(48, 7).toString("base64");
    await withSession(env.open(fixture(feed(`sri-bad-${Date.now()}`), { files: env.servers.cdn, integrity: wrong, inner: true })), async (session) => {
      await session.page.waitForTimeout(1000);
      assert.equal(await session.page.evaluate(() => typeof window.NewsTicker), "undefined");
      assert.equal(await session.page.evaluate(() => document.getElementById("w").shadowRoot), null);
      assert.equal(await fallbackShown(session.page), true);
    });
  });

  test("a module changed on the CDN is refused by its pinned hash; the fallback stays", async () => {
    const integrity = manifest().files["news-ticker.js"].integrity;
    await withSession(env.open(fixture(feed(`sri-tampered-${Date.now()}`), { files: `${env.servers.cdn}/tampered`, integrity, inner: true })), async (session) => {
      await refused(session);
      assert.deepEqual(session.problems.filter((p) => !/integrity|Failed to load resource/i.test(p)), []);
    });
  });
});

describe("requests", () => {
  test("the loader's early request and the widget's own are the same request, as the browser sees them", async () => {
    const record = () => {
      window.__requests = [];
      const original = window.fetch;
      window.fetch = function (input, init) {
        const r = new Request(input, init);
        if (r.url.includes("k=options-")) {
          window.__requests.push({
            url: r.url, method: r.method, cache: r.cache, mode: r.mode, credentials: r.credentials, redirect: r.redirect,
            referrer: r.referrer, referrerPolicy: r.referrerPolicy, integrity: r.integrity, keepalive: r.keepalive,
            headers: [...r.headers], signal: r.signal instanceof AbortSignal,
          });
        }
        return original.apply(this, arguments);
      };
    };
    const attrs = { "data-feed": `${env.servers.feed}/feed.json?k=options-${Date.now()}`, "data-refresh": "0" };
    await withSession(env.open(fixture(attrs, { before: record })), async (session) => {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:ready");
      await session.page.evaluate(() => NewsTicker.refresh());
      await session.page.waitForFunction(() => window.__requests.length === 2);
      const [early, own] = await session.page.evaluate(() => window.__requests);
      assert.deepEqual(own, early);
      assert.equal(early.cache, "no-cache", "revalidated through the HTTP cache");
      assert.deepEqual(early.headers, [], "no header of ours, so no preflight");
      assert.equal(early.signal, true);
    });
  });
});

describe("a page that is not a secure context", { skip: lacks("host name") }, () => {
  // The page under a host name over plain http: no SubtleCrypto, so the
  // module can be checked by fetch's integrity alone.
  const plain = (query) => env.servers.page.replace("127.0.0.1", INSECURE_HOST) + query;

  test("the pinned files load and render", async () => {
    const integrity = manifest().files["news-ticker.js"].integrity;
    await withSession(openPage(env.browser, plain(fixture(feed(`plain-${Date.now()}`), { files: env.servers.cdn, integrity, inner: true }))), async (session) => {
      assert.equal(await session.page.evaluate(() => [window.isSecureContext, Boolean(window.crypto.subtle)].join()), "false,false");
      await events(session.page);
      assert.deepEqual([(await read(session.page)).cards.length, await fallbackShown(session.page)], [5, false]);
      assert.deepEqual(session.problems, []);
    });
  });

  test("a changed module is refused, though the page cannot hash it itself", async () => {
    const integrity = manifest().files["news-ticker.js"].integrity;
    await withSession(openPage(env.browser, plain(fixture(feed(`plain-tampered-${Date.now()}`), { files: `${env.servers.cdn}/tampered`, integrity, inner: true }))), async (session) => {
      await refused(session);
    });
  });
});

describe("fallback content", () => {
  test("stays on screen until the widget mounts", async () => {
    await withSession(env.open(fixture(feed(`fallback-${Date.now()}`), { wasm: "slow", inner: true })), async (session) => {
      assert.equal(await fallbackShown(session.page), true, "shown while the module loads");
      await events(session.page);
      assert.equal(await fallbackShown(session.page), false, "replaced once the widget renders");
      assert.equal(await session.page.evaluate(() => Boolean(document.getElementById("fallback"))), true, "still in the page's DOM");
    });
  });

  test("stays for good without JavaScript", { skip: lacks("no javascript") }, async () => {
    await withSession(env.browser.newContext({ javaScriptEnabled: false }), async (context) => {
      const page = await context.newPage();
      await page.goto(env.servers.page + fixture(feed(`nojs-${Date.now()}`), { inner: true }));
      await page.waitForTimeout(500);
      assert.equal(await fallbackShown(page), true);
    });
  });

  test("stays for good without WebAssembly, with a warning and no error", async () => {
    const before = () => { delete window.WebAssembly; };
    await withSession(env.open(fixture(feed(`nowasm-${Date.now()}`), { inner: true, before })), async (session) => {
      await session.page.waitForTimeout(1000);
      assert.equal(await fallbackShown(session.page), true);
      assert.equal(await session.page.evaluate(() => document.getElementById("w").shadowRoot), null);
      assert.ok(session.warnings.some((w) => w.includes("news-ticker: could not start")), JSON.stringify(session.warnings));
      assert.deepEqual(session.problems, []);
    });
  });
});
