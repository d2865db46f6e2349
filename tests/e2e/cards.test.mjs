// End to end: what a card shows with data-card (date, author, image), from
// the same five stories in JSON Feed 1.1 and 1.0, RSS and Atom
// (tests/e2e/feeds/cards-*), on a page whose clock is fixed at
// 2025-11-13T12:00:00Z: relative dates in two languages, names as text,
// images that keep their box while they load and lose it when they fail
// or are a pixel, no image request without `image`, and the minute timer
// stopped while the page is hidden and after unmount.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { events, fixture, setHidden, setUp, withSession } from "./page.mjs";

const env = setUp();
const NOW = Date.parse("2025-11-13T12:00:00Z");
const FEEDS = ["cards-1.1.json", "cards-1.0.json", "cards.rss", "cards.atom"];

/**
 * Runs before the page's scripts: fixes the clock at `now` (window.__now
 * moves it) and records every timer of 60 s, whether it is still pending.
 */
function clockAndTimers(now) {
  window.__now = now;
  // Where the engine reports layout shifts (Chromium), their sum.
  window.__cls = null;
  if (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes.includes("layout-shift")) {
    window.__cls = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__cls.push({ at: e.startTime, value: e.value }))).observe({ type: "layout-shift" });
  }
  Date.now = () => window.__now;
  window.__minute = new Map();
  const set = window.setTimeout;
  const clear = window.clearTimeout;
  window.setTimeout = function (run, ms, ...rest) {
    let id;
    id = set.call(window, (...args) => {
      window.__minute.delete(id);
      return typeof run === "function" ? run(...args) : undefined;
    }, ms, ...rest);
    if (ms === 60000) window.__minute.set(id, true);
    return id;
  };
  window.clearTimeout = function (id) {
    window.__minute.delete(id);
    return clear.call(window, id);
  };
}

/** Each card's parts as the reader sees them. */
function cards(page) {
  return page.evaluate(() => {
    const root = document.querySelector("[data-news-ticker]").shadowRoot;
    return [...root.querySelectorAll('[part~="card"]')].map((card) => {
      const time = card.querySelector('[part~="time"]');
      const img = card.querySelector('[part~="image"]');
      return {
        title: card.querySelector('[part~="title"]').textContent,
        time: time && [time.localName, time.getAttribute("datetime"), time.textContent],
        author: card.querySelector('[part~="author"]')?.textContent ?? null,
        image: img && {
          src: new URL(img.src).pathname,
          attrs: ["alt", "loading", "decoding", "referrerpolicy"].map((a) => img.getAttribute(a)),
          box: img.parentElement.getBoundingClientRect().height > 0,
        },
        scripts: card.querySelectorAll("script").length,
      };
    });
  });
}

/** The page-relative top of every title, byline and excerpt, in order. */
function positions(page) {
  return page.evaluate(() => {
    const root = document.querySelector("[data-news-ticker]").shadowRoot;
    return [...root.querySelectorAll('[part~="title"], .byline, [part~="excerpt"]')].map((e) => Math.round(e.getBoundingClientRect().top));
  });
}

const open = (name, attrs, now = NOW) =>
  env.open(
    fixture({ "data-feed": `${env.servers.feed}/test-feeds/${name}?k=${name}-${Math.random()}`, "data-refresh": "0", "data-show": "headlines", ...attrs }, { before: clockAndTimers.toString().replace("(now)", `(now = ${now})`) }),
    { width: 800, height: 2400 },
  );

const imageRequests = (key) => env.servers.feedRequests.filter((r) => r.url.startsWith("/img/") && r.at >= key);

describe("cards with data-card", () => {
  for (const name of FEEDS) {
    test(`${name}: date, author and image, in en-GB`, async () => {
      const started = Date.now();
      await withSession(open(name, { "data-card": "date, author, image" }), async (session) => {
        await events(session.page);
        // The pixel and the missing image settle at once; the photo comes 1.5 s late.
        await session.page.waitForFunction(() => document.querySelector("[data-news-ticker]").shadowRoot.querySelectorAll('[part~="image"]').length === 2, null, { timeout: 10000 });
        const before = await positions(session.page);
        // Shifts are counted from here: the boxes of a failed image and a pixel
        // are gone by now. Each shift is reported with the time of the frame
        // it happened in, and may be delivered later, so what counts is when
        // a shift happened, not when it was reported: the mark is taken after
        // two frames, once the last removal has been painted.
        const mark = await session.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))));
        const seen = await cards(session.page);
        // JSON Feed 1.0 has one author an item, written as the two names.
        const first = "Aida Bekova and Timur Osmonov";
        assert.deepEqual(seen.map((c) => c.time), [
          ["time", "2025-11-13T09:00:00Z", "3 hours ago"],
          ["time", "2025-11-12T10:00:00Z", "yesterday"],
          ["time", "2025-11-13T11:59:30Z", "now"],
          null,
          ["time", "2025-11-01T08:00:00Z", "1 November 2025"],
        ]);
        assert.deepEqual(seen.map((c) => c.author), [first, "Newsroom Desk", "<script>alert(1)</script> Ivanov", "Newsroom Desk", "Jane Doe"]);
        assert.ok(seen.every((c) => c.scripts === 0), "a name is text");
        assert.deepEqual(seen.map((c) => c.image?.src ?? null), ["/img/photo.svg", null, null, null, "/img/banner.svg"], "the pixel and the missing image lost their boxes");
        for (const card of seen.filter((c) => c.image)) {
          assert.deepEqual(card.image.attrs, ["", "lazy", "async", "no-referrer"]);
          assert.ok(card.image.box, "the box holds its place before the image arrives");
        }
        assert.ok(session.warnings.some((w) => w.includes("Outlook for 2026") && w.includes("future")), JSON.stringify(session.warnings));
        // The photo arrives: nothing moves.
        await session.page.waitForFunction(() => {
          const img = document.querySelector("[data-news-ticker]").shadowRoot.querySelector('[part~="image"]');
          return img.complete && img.naturalWidth > 0;
        }, null, { timeout: 10000 });
        assert.deepEqual(await positions(session.page), before, "no layout shift when the photo arrives");
        // A frame for the last reports to arrive.
        const shifts = await session.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(window.__cls), 0))));
        const cls = shifts && shifts.filter((s) => s.at > mark).reduce((sum, s) => sum + s.value, 0);
        console.log(`# ${name}: cumulative layout shift ${cls ?? "not reported by this engine"} (before the mark at ${Math.round(mark)} ms: ${JSON.stringify(shifts?.filter((s) => s.at <= mark))})`);
        if (cls !== null) assert.equal(cls, 0, "cumulative layout shift");
        const requested = imageRequests(started).map((r) => new URL(r.url, "http://x").pathname).sort();
        assert.deepEqual([...new Set(requested)], ["/img/banner.svg", "/img/missing.png", "/img/photo.svg", "/img/pixel.gif"]);
        assert.deepEqual(session.problems.filter((p) => !/missing\.png|Failed to load resource/.test(p)), []);
      });
    });
  }

  test("relative dates in Russian, names joined as Russian joins them", async () => {
    await withSession(open("cards-1.1.json", { "data-card": "date,author", "data-locale": "ru-RU" }), async (session) => {
      await events(session.page);
      const seen = await cards(session.page);
      assert.deepEqual(seen.map((c) => c.time?.[2] ?? null), ["3 часа назад", "вчера", "сейчас", null, "1 ноября 2025 г."]);
      assert.equal(seen[0].author, "Aida Bekova и Timur Osmonov");
      assert.ok(seen.every((c) => c.image === null), "no image without image in data-card");
    });
  });

  test("without data-card: the cards as before, and no image is requested", async () => {
    const started = Date.now();
    await withSession(open("cards-1.1.json", {}), async (session) => {
      await events(session.page);
      await session.page.waitForTimeout(1000);
      const seen = await cards(session.page);
      assert.equal(seen.length, 5);
      assert.ok(seen.every((c) => c.time === null && c.author === null && c.image === null), JSON.stringify(seen));
      const extras = await session.page.evaluate(() => document.querySelector("[data-news-ticker]").shadowRoot.querySelectorAll(".figure, .byline").length);
      assert.equal(extras, 0);
      assert.deepEqual(imageRequests(started), [], "no request to any image URL");
      assert.equal(await session.page.evaluate(() => window.__minute.size), 0, "no minute timer without dates");
    });
  });

  test("the dates stay true: one timer a minute while visible, none while hidden or after unmount", async () => {
    await withSession(open("cards-1.1.json", { "data-card": "date" }), async (session) => {
      await events(session.page);
      const pending = () => session.page.evaluate(() => window.__minute.size);
      assert.equal(await pending(), 1, "one minute timer while the page is visible");
      await session.page.evaluate(() => {
        document.querySelector("[data-news-ticker]").shadowRoot.querySelector('[part~="time"]').__same = true;
      });
      await setHidden(session.page, true);
      assert.equal(await pending(), 0, "no timer while hidden");
      // An hour passes while the page is hidden; on return the dates are rewritten in place.
      await session.page.evaluate(() => (window.__now += 3600000));
      await setHidden(session.page, false);
      assert.equal(await pending(), 1);
      const first = await session.page.evaluate(() => {
        const time = document.querySelector("[data-news-ticker]").shadowRoot.querySelector('[part~="time"]');
        return [time.textContent, time.__same === true];
      });
      assert.deepEqual(first, ["4 hours ago", true], "the same element, its text brought up to date");
      await session.page.evaluate(() => NewsTicker.unmount(document.querySelector("[data-news-ticker]")));
      assert.equal(await pending(), 0, "no timer after unmount");
    });
  });
});
