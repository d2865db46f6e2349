// End to end: hostile feeds. Each answer a feed server can give by
// mistake or malice, served by tests/e2e/servers.mjs under /hostile/: the
// widget shows a clear message (or the content it can read), fires
// news-ticker:error where it fails, throws nothing into the page, logs no
// console error of its own, keeps the page responsive, and never reads a
// huge body whole.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { lacks } from "./browser.mjs";
import { addContainer, browserText, events, fixture, read, setUp, withSession } from "./page.mjs";
import { XSS } from "./servers.mjs";

const env = setUp();

/** The browser's own reports of failed requests: not the widget's. */
const NETWORK = /Failed to load resource|CORS policy|net::ERR|status of \d+/;

/** A widget on `route` of the feed server, after its first event. */
async function load(route) {
  const session = await env.open(fixture({ "data-feed": `${env.servers.feed}${route}`, "data-refresh": "0" }));
  const [event] = await events(session.page);
  return { session, event, view: await read(session.page) };
}

/** The page still answers and paints: a script runs and a frame comes within 1 s. */
async function responsive(page) {
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
  assert.ok(Date.now() - started < 1000, "a frame within 1 s");
}

/** What every case must hold: no page error, no console error but the network's. */
function clean(session) {
  assert.deepEqual(session.problems.filter((p) => !NETWORK.test(p)), []);
}

describe("failing answers: a clear message and news-ticker:error", () => {
  const cases = [
    ["404 Not Found", "/hostile/404", /^the feed answered HTTP 404$/],
    ["500 Internal Server Error", "/status/500", /^the feed answered HTTP 500$/],
    ["503 with Retry-After", "/hostile/503", /^the feed answered HTTP 503$/],
    ["a connection reset before any answer", "/hostile/reset", /^the feed could not be reached/],
    ["a redirect loop", "/hostile/redirect-loop", /^the feed could not be reached/],
    ["a feed without CORS headers", "/no-cors.json", /^the feed could not be reached \(network error or CORS\)$/],
    ["invalid JSON", "/not-json", /^the feed is not valid JSON$/],
    ["a JSON array", "/hostile/shape/array", /^the feed is an array, not a JSON object$/],
    ["a JSON string", "/hostile/shape/string", /^the feed is a string, not a JSON object$/],
    ["JSON null", "/hostile/shape/null", /^the feed is null, not a JSON object$/],
    ["a JSON number", "/hostile/shape/number", /^the feed is a number, not a JSON object$/],
    ["a feed without items", "/hostile/shape/missing-items", /^the feed has no "items" list$/],
    ["items that are not a list", "/hostile/shape/items-not-a-list", /^the feed has no "items" list$/],
  ];
  for (const [name, route, message] of cases) {
    test(name, async () => {
      await withSession(load(`${route}?k=${Date.now()}`), async ({ session, event, view }) => {
        assert.equal(event.type, "news-ticker:error");
        assert.match(event.detail.message, message);
        assert.equal(view.status, `The news could not be loaded: ${event.detail.message}.`);
        assert.equal(view.cards.length, 0);
        await responsive(session.page);
        clean(session);
      });
    });
  }

  // Seconds, or an HTTP date 5 s ahead (whole seconds: at least 4 s once written).
  for (const [form, after] of [["seconds", "4"], ["an HTTP date", "date:5"]]) {
    test(`503 with a readable Retry-After in ${form}: the next request waits as long as asked`, async () => {
      const key = `retry-${Date.now()}`;
      await withSession(env.open(fixture({ "data-feed": `${env.servers.feed}/hostile/503?after=${after}&expose=1&k=${key}`, "data-refresh": "1" })), async (session) => {
        await events(session.page);
        await session.page.waitForTimeout(5500);
        const times = env.servers.feedRequests.filter((r) => r.url.includes(key)).map((r) => r.at);
        const gaps = times.slice(1).map((t, i) => t - times[i]);
        console.log(`# Retry-After ${after}: gaps ${JSON.stringify(gaps)} ms`);
        // Without it the backoff would ask again after about 2 s.
        assert.equal(times.length, 2, JSON.stringify(gaps));
        assert.ok(gaps[0] >= 3900, `waited ${gaps[0]} ms`);
        clean(session);
      });
    });
  }

  test("a body that trickles in is abandoned after 10 s", async () => {
    const key = `trickle-${Date.now()}`;
    await withSession(load(`/hostile/trickle?k=${key}`), async ({ session, event, view }) => {
      assert.equal(event.detail.message, "the feed did not answer within 10 s");
      assert.match(view.status, /did not answer within 10 s/);
      // Timed by the feed server, from the request's arrival to the
      // connection's close: what the widget did, whatever the time the
      // browser took to open the page or to report the event.
      const request = env.servers.feedRequests.find((r) => r.url.includes(key));
      for (let i = 0; i < 40 && !request.closedAt; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      const held = request.closedAt - request.at;
      console.log(`# the trickling download was held ${held} ms`);
      assert.ok(request.abandoned, "the download was stopped");
      assert.ok(held > 9000 && held < 11000, `abandoned after ${held} ms`);
      await responsive(session.page);
      clean(session);
    });
  });
});

describe("a 20 MB body is refused, not read whole", () => {
  for (const [name, route] of [
    ["sent without a length", "huge"],
    ["with its Content-Length", "huge-declared"],
  ]) {
    const open = (key) => env.open(fixture({ "data-feed": `${env.servers.feed}/hostile/${route}?k=${key}`, "data-refresh": "0" }));
    test(name, async () => {
      const key = `${route}-${Date.now()}`;
      await withSession(open(key), async (session) => {
        const [event] = await events(session.page);
        assert.equal(event.detail.message, "the feed is larger than 5 MB");
        await new Promise((resolve) => setTimeout(resolve, 300));
        const sent = env.servers.hugeBytes.get(key);
        console.log(`# ${route}: ${sent} of 20971520 bytes sent`);
        assert.ok(sent < 20 * 1024 * 1024 - 2, `the download was stopped: ${sent} bytes sent`);
        await responsive(session.page);
        clean(session);
      });
    });

    test(`${name}: the JS heap holds no 20 MB text`, { skip: lacks("heap") }, async () => {
      await withSession(open(`${route}-heap-${Date.now()}`), async (session) => {
        const cdp = await session.page.context().newCDPSession(session.page);
        await events(session.page);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await cdp.send("HeapProfiler.collectGarbage");
        const { usedSize } = await cdp.send("Runtime.getHeapUsage");
        console.log(`# ${route}: JS heap ${usedSize} B`);
        assert.ok(usedSize < 8_000_000, `the JS heap holds no 20 MB text: ${usedSize}`);
      });
    });
  }
});

describe("answers it can read", () => {
  test("5,000 items: the first page at once, the rest capped at 1,000 with one warning", async () => {
    await withSession(load(`/hostile/items-5000?k=${Date.now()}`), async ({ session, event, view }) => {
      assert.equal(event.type, "news-ticker:ready");
      assert.deepEqual(event.detail, { items: 1000, rates: 5 });
      assert.deepEqual(view.counter, ["Viewing results 1 - 10 of 1000"]);
      assert.equal(view.cards.length, 10);
      assert.ok(session.warnings.some((w) => /1,?000/.test(w)), JSON.stringify(session.warnings.slice(0, 3)));
      await responsive(session.page);
      clean(session);
    });
  });

  test("an empty feed says No results, with no error", async () => {
    await withSession(load(`/hostile/empty?k=${Date.now()}`), async ({ session, event, view }) => {
      assert.equal(event.type, "news-ticker:ready");
      assert.deepEqual(view.counter, ["No results"]);
      assert.deepEqual([view.cards.length, view.status], [0, ""]);
      clean(session);
    });
  });

  test("numbers where text belongs: those entries are skipped with a warning, the rest shown", async () => {
    await withSession(load(`/hostile/shape/numbers-as-strings?k=${Date.now()}`), async ({ session, event, view }) => {
      assert.equal(event.type, "news-ticker:ready");
      assert.deepEqual(view.titles, ["A readable item"]);
      assert.deepEqual(view.visibleRates, ["KGS/USD = 0.01144 0%"]);
      assert.ok(session.warnings.length >= 2, JSON.stringify(session.warnings));
      clean(session);
    });
  });

  test("words where numbers belong: that rate is skipped with a warning, the rest shown", async () => {
    await withSession(load(`/hostile/shape/strings-as-numbers?k=${Date.now()}`), async ({ session, event, view }) => {
      assert.equal(event.type, "news-ticker:ready");
      assert.deepEqual(view.visibleRates, ["KZT/USD = 0.00191 0%"]);
      assert.deepEqual(view.titles, ["Rates as words"]);
      assert.ok(session.warnings.some((w) => /rate/.test(w)), JSON.stringify(session.warnings));
      clean(session);
    });
  });

  test("RTL, emoji, combining marks, zero-width and control characters and lone surrogates are shown as text", async () => {
    await withSession(load(`/hostile/unicode?k=${Date.now()}`), async ({ session, event, view }) => {
      assert.equal(event.type, "news-ticker:ready");
      assert.equal(view.titles.length, 7);
      assert.equal(view.titles[0], "שער הדולר ירד היום");
      assert.equal(view.titles[2], "Rates 📈🇰🇬 today 👩‍👩‍👧");
      assert.ok(view.titles[3].startsWith("Z̷͉̓a̸̞̅"), view.titles[3]);
      // Lone surrogates cannot be held in Rust text: each becomes U+FFFD.
      assert.equal(view.titles[6], "lone \ufffd high and \ufffd low surrogates");
      const elements = await session.page.evaluate(() =>
        [...document.querySelector("[data-news-ticker]").shadowRoot.querySelectorAll('[part~="card"] *')].map((e) => e.tagName),
      );
      assert.ok(elements.every((t) => ["H2", "A", "SPAN", "P"].includes(t)), elements.join());
      clean(session);
    });
  });
});

describe("script and markup in feed content", () => {
  const TAGS = new Set(["DIV", "SECTION", "UL", "LI", "SPAN", "BUTTON", "P", "ARTICLE", "H2", "A"]);
  const ATTRIBUTES = new Set(["part", "class", "role", "aria-label", "aria-hidden", "aria-pressed", "inert", "type", "hidden", "href", "target", "rel", "dir", "lang", "data-theme"]);

  for (const [name, route] of [
    ["in a JSON Feed", "/hostile/xss"],
    ["in an RSS feed", "/hostile/xss.rss"],
  ]) {
    for (const csp of [false, true]) {
      test(`${name}${csp ? " under the strict CSP" : ""}: nothing runs, no element or link is made from it, the text is shown as text`, async () => {
        const attrs = { "data-feed": `${env.servers.feed}${route}?k=${Date.now()}`, "data-page-size": "200", "data-refresh": "0" };
        await withSession(env.open(fixture(attrs, { csp })), async (session) => {
          const [event] = await events(session.page);
          assert.equal(event.type, "news-ticker:ready");
          await session.page.waitForTimeout(500); // time for any image error or frame load to fire
          const seen = await session.page.evaluate(() => {
            const root = document.querySelector("[data-news-ticker]").shadowRoot;
            const all = [...root.querySelectorAll("*")];
            return {
              pwned: window.__pwned ?? null,
              tags: [...new Set(all.map((e) => e.tagName))],
              attributes: [...new Set(all.flatMap((e) => e.getAttributeNames()))],
              hrefs: all.filter((e) => e.hasAttribute("href")).map((e) => e.href),
              // The one inline style: the marquee's duration, set through the CSSOM.
              styles: all.filter((e) => e.hasAttribute("style")).map((e) => [e.className, e.getAttribute("style")]),
              outside: document.querySelectorAll("img, svg, iframe, object, embed, style, script:not([src])").length,
              titles: [...root.querySelectorAll('[part~="title"]')].map((t) => t.textContent),
            };
          });
          assert.equal(seen.pwned, null, "no payload ran");
          assert.deepEqual(seen.tags.filter((t) => !TAGS.has(t)), [], "only the widget's own elements");
          assert.deepEqual(seen.attributes.filter((a) => !ATTRIBUTES.has(a) && a !== "style"), [], "only the widget's own attributes");
          for (const [owner, style] of seen.styles) assert.match(`${owner} ${style}`, /^track --nt-duration: \d+ms;$/);
          assert.equal(seen.outside, 0, "nothing added to the page");
          for (const href of seen.hrefs) assert.match(href, /^https?:\/\//, href);
          if (route.endsWith(".rss")) {
            // RSS titles are read as HTML, as feed readers read them: what
            // shows is the text a browser renders for that markup. A style
            // element would restyle the fixture's own page, so those two
            // have no case there: their text is simply not shown.
            for (const payload of XSS.filter((p) => !p.includes("<style"))) {
              const text = browserText(payload);
              if (text) assert.ok(seen.titles.includes(text), `shown as the browser renders it: ${payload} as ${text}`);
            }
            assert.deepEqual(seen.titles.filter((t) => t.includes("display: none") || t.includes("__pwned = 10")), []);
          } else {
            for (const payload of XSS) assert.ok(seen.titles.includes(payload), `shown as text: ${payload}`);
          }
          if (csp) assert.deepEqual(await session.page.evaluate(() => window.__nt.violations), []);
          clean(session);
          if (!csp) {
            // The control: the same payload parsed as HTML does run, so the canary would have seen it.
            const ran = await session.page.evaluate(async (payload) => {
              document.body.insertAdjacentHTML("beforeend", payload);
              await new Promise((resolve) => setTimeout(resolve, 300));
              return window.__pwned ?? null;
            }, XSS[1]);
            assert.equal(ran, 2);
          }
        });
      });
    }
  }
});

describe("host pages", () => {
  /** Opens a fixture page after running `script` in it before anything else. */
  function withScript(script, attrs) {
    return env.open(fixture({ "data-refresh": "0", ...attrs }, { before: script }));
  }

  test("analytics-style patches of fetch, JSON.parse and the built-in prototypes change nothing", async () => {
    const session = await withScript(() => {
      window.__seen = [];
      const fetch = window.fetch;
      window.fetch = function (input, init) {
        window.__seen.push(String(input && input.url ? input.url : input));
        return fetch.apply(this, arguments);
      };
      const parse = JSON.parse;
      JSON.parse = function (text, reviver) {
        window.__seen.push("JSON.parse");
        return parse.call(this, text, reviver);
      };
      // Enumerable additions, as old libraries made them.
      Array.prototype.last = function () { return this[this.length - 1]; };
      Object.prototype.polluted = "yes";
      const map = Array.prototype.map;
      Array.prototype.map = function () { return map.apply(this, arguments); };
      String.prototype.trim = function () { return this.replace(/^\s+|\s+$/g, ""); };
    }, { "data-feed": `${env.servers.feed}/feed.json?k=patched` });
    try {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:ready");
      const view = await read(session.page);
      assert.deepEqual([view.visibleRates.length, view.cards.length], [5, 5]);
      const seen = await session.page.evaluate(() => window.__seen);
      assert.ok(seen.some((u) => u.includes("/feed.json?k=patched")), "the page's fetch wrapper saw the request");
      assert.deepEqual(session.problems, []);
    } finally {
      await session.close();
    }
  });

  test("a JSON.parse replaced by one that returns {} for a feed: the widget reads its feed itself and shows it", async () => {
    // Only JSON Feed text is spoilt: WebKit's driver reads results through the page's JSON.parse.
    const spoil = () => {
      const parse = JSON.parse;
      JSON.parse = (text, reviver) => (/jsonfeed\.org\/version/.test(text) ? {} : parse(text, reviver));
    };
    await withSession(withScript(spoil, { "data-feed": `${env.servers.feed}/feed.json?k=parse` }), async (session) => {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:ready");
      assert.deepEqual(event.detail, { items: 5, rates: 5 });
      assert.equal((await read(session.page)).status, "");
      await responsive(session.page);
      clean(session);
    });
  });

  for (const [name, script, message] of [
    ["a fetch wrapper that throws", () => { const kept = window.fetch; window.__mend = () => { window.fetch = kept; }; window.fetch = () => { throw new Error("blocked by an extension"); }; }, /could not be reached/],
    ["a fetch wrapper that resolves to something that is not a Response", () => { const kept = window.fetch; window.__mend = () => { window.fetch = kept; }; window.fetch = () => Promise.resolve({ ok: true, status: 200, text: () => "{}" }); }, /could not be reached/],
    ["a fetch wrapper that rejects with a string", () => { const kept = window.fetch; window.__mend = () => { window.fetch = kept; }; window.fetch = () => Promise.reject("offline"); }, /could not be reached/],
  ]) {
    test(`${name}: a message at worst, never an exception in the page, also for the widget's own requests`, async () => {
      await withSession(withScript(script, { "data-feed": `${env.servers.feed}/feed.json?k=broken` }), async (session) => {
        const [event] = await events(session.page);
        assert.equal(event.type, "news-ticker:error");
        assert.match(event.detail.message, message);
        assert.match((await read(session.page)).status, message);
        // The first load took the loader's early answer; a refresh is the
        // widget's own request (gloo-net), through the same wrapper.
        await session.page.evaluate(() => NewsTicker.refresh());
        const [, again] = await events(session.page, 2);
        assert.equal(again.type, "news-ticker:error");
        assert.match(again.detail.message, message);
        // The widget still works once the page's fetch does.
        await session.page.evaluate(() => {
          window.__mend();
          NewsTicker.refresh();
        });
        const [, , mended] = await events(session.page, 3);
        // The error was the first render, so the content that follows is an update.
        assert.equal(mended.type, "news-ticker:update", JSON.stringify(mended));
        assert.deepEqual(mended.detail, { items: 5, rates: 5 });
        await responsive(session.page);
        clean(session);
      });
    });
  }

  test("a page whose queueMicrotask throws: the widget loads, refreshes and unmounts as anywhere", async () => {
    const breaks = () => {
      window.queueMicrotask = () => {
        throw new Error("patched by the page");
      };
    };
    await withSession(withScript(breaks, { "data-feed": `${env.servers.feed}/feed.json?k=microtask` }), async (session) => {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:ready");
      assert.equal((await read(session.page)).cards.length, 5);
      await session.page.evaluate(() => NewsTicker.refresh());
      await session.page.waitForTimeout(500);
      const shown = await session.page.evaluate(() => NewsTicker.content(document.querySelector("[data-news-ticker]")));
      assert.equal(shown.items.length, 5);
      await responsive(session.page);
      clean(session);
    });
  });

  test("20 widgets on one page, one of them failing, each independent", async () => {
    const key = Date.now();
    await withSession(env.open(fixture({ "data-feed": `${env.servers.feed}/feed.json?k=${key}-0`, "data-refresh": "0" })), async (session) => {
      await events(session.page);
      for (let i = 1; i < 20; i++) {
        const feed = i === 7 ? `${env.servers.feed}/status/500?k=${key}` : `${env.servers.feed}/feed.json?k=${key}-${i}`;
        await addContainer(session.page, `w${i}`, { "data-feed": feed, "data-page-size": String(1 + (i % 5)), "data-show": i % 3 ? "both" : "headlines" });
      }
      const seen = await events(session.page, 20);
      const byTarget = Object.fromEntries(seen.map((e) => [e.target, e.type]));
      assert.equal(Object.keys(byTarget).length, 20);
      assert.equal(byTarget.w7, "news-ticker:error");
      for (let i = 1; i < 20; i++) {
        const view = await read(session.page, `#w${i}`);
        if (i === 7) {
          assert.match(view.status, /HTTP 500/);
          continue;
        }
        assert.equal(view.cards.length, Math.min(5, 1 + (i % 5)), `#w${i}`);
        assert.equal(view.visibleRates.length, i % 3 ? 5 : 0, `#w${i}`);
        assert.equal(view.status, "");
      }
      await responsive(session.page);
      clean(session);
    });
  });

  test("a container removed while its fetch is in flight: the request is cancelled, nothing fires", async () => {
    const key = `gone-${Date.now()}`;
    await withSession(env.open(fixture({ "data-feed": `${env.servers.feed}/hostile/slow?k=${key}`, "data-refresh": "0" })), async (session) => {
      await session.page.waitForFunction(() => document.querySelector("[data-news-ticker]").shadowRoot);
      await session.page.waitForTimeout(200);
      await session.page.evaluate(() => document.querySelector("[data-news-ticker]").remove());
      await session.page.waitForTimeout(2500);
      const log = env.servers.feedRequests.filter((r) => r.url.includes(key));
      assert.equal(log.length, 1);
      assert.equal(log[0].status, null, "the answer was never sent: the client had gone");
      assert.deepEqual(await session.page.evaluate(() => window.__nt.events), []);
      await responsive(session.page);
      clean(session);
    });
  });
});
