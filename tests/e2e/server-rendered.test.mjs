// End to end: server-rendered containers (docs/src/embedding.md "Server-rendered
// containers"). The page serves what `news-ticker-feed render` wrote
// (target/debug/news-ticker-feed; `make test-e2e` builds it) for the feed
// the widget then loads; the expectations come from the widget's own render
// of a plain container in the same engine.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ENGINE } from "./browser.mjs";
import { events, fixture, read, setUp, withSession } from "./page.mjs";

const env = setUp();
const open = (path) => env.open(path);

/** /server.html with `attrs` and options (see tests/e2e/servers.mjs). */
function served(attrs, options = {}) {
  const query = [`attrs=${encodeURIComponent(JSON.stringify(attrs))}`];
  for (const [name, value] of Object.entries(options)) query.push(`${name}=${encodeURIComponent(value)}`);
  return `/server.html?${query.join("&")}`;
}

/**
 * The shadow root's elements in order, each as tag, part, class and own
 * text (the texts of its text children), with the marquee's first two
 * segments only (the widget makes as many copies as the width needs), and
 * every link resolved by the browser.
 */
function shape(page) {
  return page.evaluate(() => {
    const root = document.querySelector("[data-news-ticker]").shadowRoot;
    if (!root) return null;
    const out = [];
    const walk = (el) => {
      if (el.tagName === "LINK" || el.tagName === "STYLE") return;
      if (el.classList.contains("segment") && [...el.parentElement.children].indexOf(el) > 1) return;
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("");
      const attrs = ["part", "class", "role", "aria-label", "aria-hidden", "dir", "lang", "datetime", "hidden", "target", "rel", "type"]
        .map((a) => (el.hasAttribute(a) ? `${a}=${el.getAttribute(a)}` : null))
        .filter(Boolean);
      const link = el.href ? ` -> ${el.href}` : el.src ? ` <- ${el.src}` : "";
      out.push(`${el.tagName} ${attrs.join(" ")} «${own}»${link}`);
      [...el.children].forEach(walk);
    };
    [...root.children].forEach(walk);
    return out;
  });
}

/** The box of every element of the shadow root, in order. */
function boxes(page) {
  return page.evaluate(() => {
    const root = document.querySelector("[data-news-ticker]").shadowRoot;
    return [...root.querySelectorAll(":not(link, style, .track, .track *)")].map((e) => {
      const r = e.getBoundingClientRect();
      return `${e.tagName}.${e.className} ${r.x},${r.y} ${r.width}x${r.height}`;
    });
  });
}

const SETTINGS = [
  { "data-page-size": "3" },
  { "data-locale": "ru", "data-excerpt-words": "12", "data-card": "date,author" },
  { "data-show": "headlines", "data-theme": "dark", "data-link-target": "_self" },
];

describe("server-rendered containers", () => {
  for (const attrs of SETTINGS) {
    test(`the fragment is the widget's own render (${JSON.stringify(attrs)})`, async () => {
      const fragment = await withSession(open(served(attrs, { script: 0 })), ({ page }) => shape(page));
      const widget = await withSession(open(fixture({ "data-feed": `${env.servers.feed}/feed.json`, ...attrs })), async ({ page }) => {
        await events(page, 1);
        return shape(page);
      });
      assert.ok(fragment, "the browser attached the declarative shadow root");
      assert.ok(fragment.length > 20, fragment.join("\n"));
      assert.deepEqual(fragment, widget);
    });
  }

  for (const stylesheet of ["linked", "inline"]) {
  test(`the widget adopts it where it stands: no box moves, nothing is rebuilt (stylesheet ${stylesheet})`, async () => {
    const options = { wasm: "slow", before: `(${CLS})();`, ...(stylesheet === "inline" ? { stylesheet } : {}) };
    await withSession(open(served({ "data-page-size": "3" }, options)), async ({ page, problems }) => {
      await page.waitForFunction(() => document.querySelector("[data-news-ticker]").shadowRoot?.querySelector("[part~=card]"));
      // The stylesheet the fragment links (its `color-scheme` shows it) applies before the boxes are measured.
      await page.waitForFunction(() => getComputedStyle(document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".nt")).colorScheme !== "normal");
      const before = await boxes(page);
      const firstCard = await page.evaluate(() => {
        window.__card = document.querySelector("[data-news-ticker]").shadowRoot.querySelector("[part~=card]");
        window.__track = document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".track");
        return window.__card.textContent;
      });
      const [ready] = await events(page, 1);
      assert.equal(ready.type, "news-ticker:ready");
      const after = await boxes(page);
      assert.deepEqual(after, before);
      const state = await page.evaluate(() => {
        const root = document.querySelector("[data-news-ticker]").shadowRoot;
        return {
          sameTrack: root.querySelector(".track") === window.__track,
          slots: root.querySelectorAll("[data-nt-slot]").length,
          links: root.querySelectorAll("link, style").length,
          card: root.querySelector("[part~=card]").textContent,
          cls: window.__cls,
        };
      });
      assert.equal(state.sameTrack, true, "the moving track is the server's own element");
      assert.equal(state.slots, 0);
      assert.equal(state.links, 0);
      assert.equal(state.card, firstCard);
      if (ENGINE === "chromium") assert.deepEqual(state.cls, [], "no layout shift");
      assert.deepEqual(problems, []);
    });
  });
  }

  test("a stale fragment is replaced by the feed the widget loads", async () => {
    await withSession(open(served({}, { stale: 1, wasm: "slow" })), async ({ page }) => {
      const titles = await page.evaluate(() =>
        [...document.querySelector("[data-news-ticker]").shadowRoot.querySelectorAll("[part~=title]")].map((t) => t.textContent),
      );
      assert.equal(titles[0], "An older headline");
      await events(page, 1);
      const shown = await read(page);
      assert.notEqual(shown.titles[0], "An older headline");
      assert.deepEqual(shown.titles.slice(1), titles.slice(1));
    });
  });

  for (const stylesheet of ["linked", "inline"]) {
  test(`under the strict CSP with Trusted Types: no violation (stylesheet ${stylesheet}${stylesheet === "inline" ? ", its hash in style-src" : ""})`, async () => {
    const options = { csp: 1, tt: "news-ticker", wasm: "slow", ...(stylesheet === "inline" ? { stylesheet } : {}) };
    await withSession(open(served({}, options)), async ({ page }) => {
      // Styled by the server's stylesheet before the module runs.
      await page.waitForFunction(() => getComputedStyle(document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".nt")).colorScheme !== "normal");
      assert.equal(await page.evaluate(() => window.__nt.events.length), 0, "before the module");
      const [ready] = await events(page, 1);
      assert.equal(ready.type, "news-ticker:ready");
      const found = await page.evaluate(() => ({
        violations: window.__nt.violations,
        styled: getComputedStyle(document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".nt")).colorScheme,
      }));
      assert.deepEqual(found.violations, []);
      assert.notEqual(found.styled, "normal", "the widget's stylesheet applies");
    });
  });
  }

  test("without declarative shadow DOM the links show, then the widget", async () => {
    await withSession(open(served({}, { nodsd: 1, wasm: "slow" })), async ({ page }) => {
      const before = await page.evaluate(() => {
        const host = document.querySelector("[data-news-ticker]");
        return { shadow: !!host.shadowRoot, links: [...host.querySelectorAll(":scope > ul a")].filter((a) => a.getClientRects().length).map((a) => a.textContent) };
      });
      assert.equal(before.shadow, false);
      assert.ok(before.links.length >= 3, JSON.stringify(before));
      await events(page, 1);
      const shown = await read(page);
      assert.deepEqual(shown.titles.slice(0, before.links.length), before.links);
      const hidden = await page.evaluate(() => [...document.querySelectorAll("[data-news-ticker] > ul a")].every((a) => !a.getClientRects().length));
      assert.equal(hidden, true, "the shadow root hides the fallback links");
    });
  });
});

/** Records layout shifts (Chromium) from the start of the page in window.__cls. */
function CLS() {
  window.__cls = [];
  if (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes.includes("layout-shift")) {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__cls.push({ at: e.startTime, value: e.value }))).observe({ type: "layout-shift", buffered: true });
  }
}

describe("a repeat view", () => {
  const attrs = () => ({ "data-feed": `${env.servers.feed}/feed.json`, "data-page-size": "3" });

  test("is painted by the script before the module, then taken over where it stands", async () => {
    await withSession(open(fixture(attrs(), { csp: true })), async (session) => {
      await events(session.page, 1);
      const first = await shape(session.page);
      const next = await session.another(fixture(attrs(), { csp: true, wasm: "slow", before: CLS }));
      const { page } = next;
      await page.waitForFunction(() => document.querySelector("[data-news-ticker]").shadowRoot?.querySelector("[part~=card]"));
      const painted = await page.evaluate(() => ({
        events: window.__nt.events.length,
        styled: getComputedStyle(document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".nt")).colorScheme,
      }));
      assert.equal(painted.events, 0, "painted before the module ran");
      assert.notEqual(painted.styled, "normal", "styled");
      const before = await boxes(page);
      await page.evaluate(() => (window.__track = document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".track")));
      assert.deepEqual(await shape(page), first, "the frame the first visit showed");
      const [ready] = await events(page, 1);
      assert.equal(ready.type, "news-ticker:ready");
      assert.deepEqual(await boxes(page), before);
      const after = await page.evaluate(() => ({
        sameTrack: document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".track") === window.__track,
        violations: window.__nt.violations,
        cls: window.__cls,
      }));
      assert.equal(after.sameTrack, true);
      assert.deepEqual(after.violations, []);
      if (ENGINE === "chromium") assert.deepEqual(after.cls, [], "no layout shift");
    });
  });

  test("of other settings paints nothing", async () => {
    await withSession(open(fixture(attrs())), async (session) => {
      await events(session.page, 1);
      const other = { ...attrs(), "data-page-size": "2" };
      const { page } = await session.another(fixture(other, { wasm: "slow" }));
      await page.waitForTimeout(300);
      const painted = await page.evaluate(() => !!document.querySelector("[data-news-ticker]").shadowRoot);
      assert.equal(painted, false);
      await events(page, 1);
      assert.equal((await read(page)).titles.length, 2);
    });
  });
});
