// End to end: a widget that stays open. Refreshes revalidate through the
// HTTP cache, changed content fires news-ticker:update, failures back off,
// a hidden page does not refresh, and a feed that never answers times out.
// The feed server logs every request with its conditional headers.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { lacks } from "./browser.mjs";
import { events, fixture, read, setHidden, setUp, withSession } from "./page.mjs";

const env = setUp();
const open = env.open;

/** The feed server's log of requests whose URL starts with `prefix`. */
const requests = (prefix) => env.servers.feedRequests.filter((r) => r.url.startsWith(prefix));

describe("refresh", () => {
  test("revalidates with the feed's ETag, and a 304 changes nothing", async (t) => {
    const key = `etag-${Date.now()}`;
    // The static feed files carry an ETag and Last-Modified.
    await withSession(open(fixture({ "data-feed": `${env.servers.feed}/feed.json?k=${key}`, "data-refresh": "1" })), async (session) => {
      await events(session.page);
      const first = await read(session.page);
      await session.page.waitForTimeout(3500);
      const log = requests(`/feed.json?k=${key}`);
      console.log(`# conditional refreshes: ${JSON.stringify(log.map((r) => r.status))}`);
      assert.ok(log.length >= 3, `a first load and at least two refreshes: ${JSON.stringify(log)}`);
      assert.equal(log[0].status, 200);
      await t.test("every refresh is conditional and answered 304", { skip: lacks("http cache") }, () => {
        for (const refresh of log.slice(1)) {
          assert.ok(refresh.ifNoneMatch, `a refresh is conditional: ${JSON.stringify(refresh)}`);
          assert.ok(refresh.ifModifiedSince, `a refresh is conditional: ${JSON.stringify(refresh)}`);
          assert.equal(refresh.status, 304);
        }
      });
      const seen = await session.page.evaluate(() => window.__nt.events.map((e) => e.type));
      assert.deepEqual(seen, ["news-ticker:ready"], "an unchanged feed fires no update");
      assert.deepEqual(await read(session.page), first);
      assert.deepEqual(session.problems, []);
    });
  });

  test("shows changed content and fires news-ticker:update, the marquee running on", async (t) => {
    const key = `change-${Date.now()}`;
    await withSession(open(fixture({ "data-feed": `${env.servers.feed}/changing.json?k=${key}`, "data-refresh": "1" })), async (session) => {
      await events(session.page);
      const clock = () =>
        session.page.evaluate(() => {
          const track = document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".track");
          return track.getAnimations()[0]?.currentTime ?? null;
        });
      const before = await clock();
      const seen = await events(session.page, 2);
      assert.deepEqual(seen.map((e) => e.type), ["news-ticker:ready", "news-ticker:update"]);
      assert.deepEqual(seen[1].detail, { items: 5, rates: 5 });
      const view = await read(session.page);
      assert.equal(view.titles[0], "A new first headline");
      const afterUpdate = await clock();
      assert.ok(before !== null && afterUpdate > before, `the animation was not restarted: ${before} -> ${afterUpdate}`);
      // The third request changed the content; the ones after it are 304s again.
      await session.page.waitForTimeout(1500);
      const log = requests(`/changing.json?k=${key}`);
      console.log(`# changing feed: ${JSON.stringify(log.map((r) => r.status))}`);
      await t.test("unchanged answers are 304s", { skip: lacks("http cache") }, () => {
        assert.deepEqual(log.slice(0, 3).map((r) => r.status), [200, 304, 200]);
        assert.ok(log.slice(3).every((r) => r.status === 304), JSON.stringify(log));
      });
      assert.equal((await session.page.evaluate(() => window.__nt.events.length)), 2, "one update for one change");
      assert.deepEqual(session.problems, []);
    });
  });

  test("backs off after failures instead of asking every interval", async () => {
    const key = `backoff-${Date.now()}`;
    await withSession(open(fixture({ "data-feed": `${env.servers.feed}/status/500?k=${key}`, "data-refresh": "1" })), async (session) => {
      await events(session.page);
      await session.page.waitForTimeout(7500);
      const times = requests(`/status/500?k=${key}`).map((r) => r.at);
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      console.log(`# backoff: ${times.length} requests, gaps ${JSON.stringify(gaps)} ms`);
      // 1 s doubled per failure, ±10 %: about 2 s, then 4 s (not 7 requests a second apart).
      assert.equal(times.length, 3, `requests at ${JSON.stringify(gaps)} ms apart`);
      assert.ok(gaps[0] >= 1700 && gaps[0] <= 2500, `first retry after ~2 s: ${gaps[0]}`);
      assert.ok(gaps[1] >= 3500 && gaps[1] <= 4700, `second retry after ~4 s: ${gaps[1]}`);
      const errors = await session.page.evaluate(() => window.__nt.events.filter((e) => e.type === "news-ticker:error").length);
      assert.equal(errors, 3);
    });
  });

  test("waits while the page is hidden and refreshes once on return", async () => {
    const key = `hidden-${Date.now()}`;
    await withSession(open(fixture({ "data-feed": `${env.servers.feed}/feed.json?k=${key}`, "data-refresh": "1" })), async (session) => {
      await events(session.page);
      // A background tab: document.hidden reads true and the page is told.
      await setHidden(session.page, true);
      const whileHidden = requests(`/feed.json?k=${key}`).length;
      await session.page.waitForTimeout(2500);
      assert.equal(requests(`/feed.json?k=${key}`).length, whileHidden, "no refresh while hidden");
      await setHidden(session.page, false);
      await session.page.waitForTimeout(300);
      assert.equal(requests(`/feed.json?k=${key}`).length, whileHidden + 1, "one refresh on return");
      assert.deepEqual(session.problems, []);
    });
  });
});

describe("timeout", () => {
  test("a feed that never answers is abandoned after 10 s with a message", async () => {
    await withSession(open(fixture({ "data-feed": `${env.servers.feed}/never?k=${Date.now()}`, "data-refresh": "0" })), async (session) => {
      const started = Date.now();
      const [event] = await events(session.page);
      const waited = Date.now() - started;
      assert.equal(event.type, "news-ticker:error");
      assert.match(event.detail.message, /did not answer within 10 s/);
      assert.ok(waited >= 9000 && waited < 14000, `gave up after ${waited} ms`);
      assert.match((await read(session.page)).status, /did not answer within 10 s/);
    });
  });
});

describe("start-up", () => {
  const slowFeed = (key) => `${env.servers.feed}/hostile/slow?k=${key}`;

  test("the feed and rates are requested while the module is still downloading, once each", async () => {
    const key = `early-${Date.now()}`;
    const attrs = { "data-feed": `${env.servers.feed}/feed.json?k=${key}`, "data-rates": `${env.servers.feed}/rates.json?k=${key}`, "data-refresh": "0" };
    await withSession(open(fixture(attrs, { wasm: "slow" })), async (session) => {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:ready");
      const sent = env.servers.wasmSent.at(-1);
      const asked = [requests(`/feed.json?k=${key}`), requests(`/rates.json?k=${key}`)];
      assert.deepEqual(asked.map((log) => log.length), [1, 1], "one request each: the widget took the early ones");
      for (const [request] of asked) {
        assert.ok(request.at < sent - 500, `asked ${sent - request.at} ms before the module was sent`);
      }
      const view = await read(session.page);
      assert.deepEqual([view.visibleRates.length, view.cards.length], [4, 5], "the 4 rates of data-rates, 5 cards");
      assert.deepEqual(session.problems, []);
    });
  });

  test("an early request is aborted with the widget that took it", async () => {
    const key = `early-unmount-${Date.now()}`;
    await withSession(open(fixture({ "data-feed": slowFeed(key), "data-refresh": "0" }, { wasm: "slow" })), async (session) => {
      // The module arrives after 1 s and mounts; the feed would answer at 2 s.
      await session.page.waitForFunction(() => document.getElementById("w").shadowRoot?.childElementCount > 0, null, { timeout: 5000 });
      await session.page.evaluate(() => document.getElementById("w").remove());
      await session.page.waitForTimeout(1500);
      const log = requests(`/hostile/slow?k=${key}`);
      assert.equal(log.length, 1);
      assert.equal(log[0].abandoned, true, `the request was abandoned: ${JSON.stringify(log[0])}`);
      assert.deepEqual(session.problems, []);
    });
  });

  test("an early request no widget takes is aborted after start-up", async () => {
    const key = `early-untaken-${Date.now()}`;
    await withSession(open(fixture({ "data-feed": slowFeed(key), "data-refresh": "0" }, { wasm: "slow" })), async (session) => {
      // Removed before the module arrives: no widget is ever mounted.
      await session.page.evaluate(() => document.getElementById("w").remove());
      await session.page.waitForFunction(() => window.NewsTicker, null, { timeout: 5000 });
      await session.page.waitForTimeout(1800);
      const log = requests(`/hostile/slow?k=${key}`);
      assert.equal(log.length, 1);
      assert.equal(log[0].abandoned, true, `the request was abandoned: ${JSON.stringify(log[0])}`);
      assert.deepEqual(session.problems, []);
    });
  });
});
