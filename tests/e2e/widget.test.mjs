// End to end: the published files in Debian's Chromium, the page on one
// local origin and the feed on another (CORS), read through the shadow root.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { WWW } from "./servers.mjs";
import { addContainer, events, fixture, read, setUp, withSession } from "./page.mjs";

const FEED = JSON.parse(fs.readFileSync(path.join(WWW, "feed.json"), "utf8"));

// The contract's figures for the sample feed (13 November 2025).
const RATES = [
  "KGS/USD = 0.01144 0%",
  "KZT/USD = 0.00191 0%",
  "TJS/USD = 0.10798 0%",
  "UZS/USD = 0.00008 0%",
  "TMT/USD = 0.28571 0%",
];

/** The excerpt the contract asks for, computed from the feed independently. */
function expectedExcerpt(text, words) {
  const all = text.split(/\s+/).filter(Boolean);
  return all.length > words ? all.slice(0, words).join(" ") + "..." : all.join(" ");
}

const env = setUp();
const open = env.open;


describe("the demo page, feed on another origin", () => {
  let session;
  let view;
  let seen;

  before(async () => {
    session = await open("/index.html");
    seen = await events(session.page);
    view = await read(session.page);
  });

  after(() => session.close());

  test("shows each rate exactly as the contract writes it", () => {
    assert.deepEqual(view.visibleRates, RATES);
  });

  test("renders the rates twice, the copy aria-hidden and inert", () => {
    assert.deepEqual(view.copyRates, RATES);
    assert.deepEqual(view.copyHidden, ["true", true]);
    assert.deepEqual(view.ticker, [["marquee", "Currency rates"]]);
    assert.equal(view.arrows.length, 10);
    assert.ok(view.arrows.every((a) => a === "true"));
  });

  test("shows the feed's own date in en-GB", () => {
    assert.deepEqual(view.date, ["13 November 2025"]);
  });

  test("counts the real range, never past the total", () => {
    assert.deepEqual(view.counter, ["Viewing results 1 - 5 of 5"]);
    assert.deepEqual(view.more, [false]);
  });

  test("shows one article card per item with a safe link", () => {
    assert.deepEqual(view.cards, ["ARTICLE", "ARTICLE", "ARTICLE", "ARTICLE", "ARTICLE"]);
    assert.deepEqual(view.titles, FEED.items.map((i) => i.title));
    assert.deepEqual(view.links, FEED.items.map((i) => ["A", i.url, "noopener", "_blank"]));
  });

  test("cuts the long text at 500 words with ... directly after the last", () => {
    const long = FEED.items[0].content_text;
    assert.ok(long.split(/\s+/).length > 500, "the sample must be long enough to be cut");
    assert.equal(view.excerpts[0], expectedExcerpt(long, 500));
    assert.equal(view.excerpts[0].split(" ").length, 500);
    assert.ok(view.excerpts[0].endsWith("International Monetary..."), view.excerpts[0].slice(-40));
  });

  test("shows shorter texts whole, HTML reduced to text", () => {
    assert.equal(view.excerpts[1], FEED.items[1].content_text);
    assert.equal(view.excerpts[2], FEED.items[2].summary);
    assert.equal(
      view.excerpts[3],
      "Tajikistan placed $500 million of seven-year bonds to complete the Rogun hydropower plant, which the government says will make the country a net exporter of electricity to Afghanistan & Pakistan. Demand came mainly from funds in London and the Gulf.",
    );
  });

  test("fires news-ticker:ready with the counts, bubbling and composed", () => {
    assert.equal(seen[0].type, "news-ticker:ready");
    assert.deepEqual(seen[0].detail, { items: 5, rates: 5 });
    assert.equal(seen[0].bubbles, true);
    assert.equal(seen[0].composed, true);
    assert.deepEqual(view.status, "");
    assert.deepEqual(view.statusRole, ["status"]);
  });

  test("keeps the marquee moving", async () => {
    const position = () =>
      session.page.evaluate(() => {
        const track = document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".track");
        return new DOMMatrix(getComputedStyle(track).transform).m41;
      });
    const first = await position();
    await session.page.waitForTimeout(400);
    const second = await position();
    assert.ok(second < first, `the track moves left: ${first} -> ${second}`);
  });

  test("NewsTicker.check gives the warnings a container with those attributes would, and mounts nothing", async () => {
    const answers = await session.page.evaluate(async () => ({
      none: await NewsTicker.check({}),
      taken: await NewsTicker.check({ "data-speed": "37.5", "data-locale": "ru-RU", "data-currencies": "kzt/usd" }),
      // Values are read as setAttribute would write them.
      numbers: await NewsTicker.check({ "data-speed": 80, "data-page-size": 3 }),
      inherited: await NewsTicker.check(Object.create({ "data-speed": "fast" })),
      refused: await NewsTicker.check({ "data-speed": "fast", "data-page-size": "0", "data-theme": "light" }),
      mounted: document.querySelectorAll("[data-news-ticker]").length,
    }));
    assert.deepEqual(answers.none, []);
    assert.deepEqual(answers.taken, []);
    assert.deepEqual(answers.numbers, []);
    assert.deepEqual(answers.inherited, [], "only the object's own attributes count");
    assert.equal(answers.refused.length, 2, answers.refused.join("\n"));
    assert.match(answers.refused.join("\n"), /data-speed="fast"/);
    assert.match(answers.refused.join("\n"), /data-page-size="0"/);
    assert.equal(answers.mounted, 1);
  });

  test("NewsTicker.content resolves to the rates and cards shown, every figure as its text", async () => {
    const shown = await session.page.evaluate(() => NewsTicker.content(document.querySelector("[data-news-ticker]")));
    assert.deepEqual(shown.rates.map((r) => `${r.base}/${r.quote} = ${r.rate} ${r.change_pct}%`), RATES);
    // The fields, not their order: WebDriver may hand an object back with its keys sorted.
    assert.deepEqual(Object.keys(shown.rates[0]).sort(), ["base", "change_pct", "quote", "rate"]);
    const cards = view.cards.length;
    assert.deepEqual(shown.items.map((i) => i.title), FEED.items.slice(0, cards).map((i) => i.title));
    assert.deepEqual(shown.items.map((i) => i.id), FEED.items.slice(0, cards).map((i) => i.id));
    const links = await session.page.evaluate(() =>
      [...document.querySelector("[data-news-ticker]").shadowRoot.querySelectorAll("[part~='title']")].map((a) => a.href || null),
    );
    assert.deepEqual(shown.items.map((i) => i.url), links);
    // As the feed wrote them: the same time of day and offset.
    const dates = FEED.items.slice(0, cards).map((i) => i.date_published ?? null);
    assert.deepEqual(shown.items.map((i) => i.date), dates);
    const refused = await session.page.evaluate(() =>
      // The brand, not instanceof: Firefox's WebDriver runs this in a sandbox with its own Error.
      NewsTicker.content(document.body).then(() => "resolved", (e) => `${Object.prototype.toString.call(e)} ${e.message}`),
    );
    assert.equal(refused, "[object Error] news-ticker: this element has no widget (mount it first)");
    const notAnElement = await session.page.evaluate(() => NewsTicker.content("#w").then(() => "resolved", (e) => e.constructor.name));
    assert.equal(notAnElement, "TypeError");
  });

  test("adds exactly one global, NewsTicker, with its API", async () => {
    const added = await session.page.evaluate(() =>
      Object.getOwnPropertyNames(window).filter((k) => !window.__nt.globals.includes(k) && k !== "__nt"),
    );
    assert.deepEqual(added, ["NewsTicker"]);
    const api = await session.page.evaluate(() => ({
      keys: Object.keys(window.NewsTicker).sort(),
      version: window.NewsTicker.version,
    }));
    assert.deepEqual(api.keys, ["check", "content", "mount", "refresh", "unmount", "version"]);
    const cargo = fs.readFileSync(path.join(WWW, "..", "Cargo.toml"), "utf8");
    assert.equal(api.version, cargo.match(/^version = "(.*)"/m)[1]);
    // The shipped TypeScript declarations describe exactly this API and version.
    const dts = fs.readFileSync(path.join(WWW, "dist", "news-ticker.d.ts"), "utf8");
    const body = dts.match(/interface NewsTickerApi \{([\s\S]*?)\n\}/)[1].replace(/\/\*\*[\s\S]*?\*\//g, "");
    const declared = [...body.matchAll(/^\s+(?:readonly )?(\w+)\s*[(:]/gm)].map((m) => m[1]).sort();
    assert.deepEqual(declared, api.keys);
    assert.match(dts, new RegExp(`news-ticker ${api.version.replace(/\./g, "\\.")}:`));
  });

  test("raises no page error and no console error", () => {
    assert.deepEqual(session.problems, []);
  });
});

describe("failures show a message and fire news-ticker:error", () => {
  const cases = [
    ["a missing data-feed", () => ({}), /data-feed is missing/],
    ["an unreachable feed", () => ({ "data-feed": "http://127.0.0.1:9/feed.json" }), /could not be reached/],
    ["a 404", () => ({ "data-feed": `${env.servers.feed}/nothing-here.json` }), /HTTP 404/],
    ["a 500", () => ({ "data-feed": `${env.servers.feed}/status/500` }), /HTTP 500/],
    ["invalid JSON", () => ({ "data-feed": `${env.servers.feed}/not-json` }), /not valid JSON/],
    ["an HTML page", () => ({ "data-feed": `${env.servers.feed}/html-page` }), /an HTML page, not JSON Feed, RSS or Atom/],
    ["XML that is not well-formed", () => ({ "data-feed": `${env.servers.feed}/not-xml` }), /not well-formed XML \(.*line 1/],
    ["JSON of the wrong shape", () => ({ "data-feed": `${env.servers.feed}/wrong-shape` }), /not a JSON object/],
    ["a feed without CORS", () => ({ "data-feed": `${env.servers.feed}/no-cors.json` }), /could not be reached/],
  ];
  for (const [name, attrs, message] of cases) {
    test(`${name}`, async () => {
      await withSession(open(`/fixture.html?attrs=${encodeURIComponent(JSON.stringify(attrs()))}`), async (session) => {
        const [event] = await events(session.page);
        assert.equal(event.type, "news-ticker:error");
        assert.match(event.detail.message, message);
        const view = await read(session.page);
        assert.match(view.status, /^The news could not be loaded: /);
        assert.match(view.status, message);
        assert.equal(view.cards.length, 0);
        // Only the browser's own network report may appear, never a script error.
        assert.deepEqual(session.problems.filter((p) => !/Failed to load resource|CORS policy|net::ERR/.test(p)), []);
      });
    });
  }
});


describe("RSS 2.0 and Atom 1.0 feeds", () => {
  // The samples carry the same five headlines as feed.json; rates come
  // from data-rates, as RSS and Atom have none.
  const RATES_DOC = ["KZT/RUB = 0.1552 0.78%", "UZS/RUB = 0.00659 -0.45%", "KGS/CNY = 0.0814 0.00%", "TJS/RUB = 8.62 0%"];
  const feeds = [
    ["rss.xml", "an RSS 2.0 feed"],
    ["atom.xml", "an Atom 1.0 feed"],
    ["rss-as.json", "an RSS feed at a .json URL served as application/json"],
  ];
  for (const [file, name] of feeds) {
    for (const csp of [false, true]) {
      test(`${name}${csp ? ", under the strict CSP with Trusted Types," : ""} shows the same headlines as the JSON Feed`, async () => {
        const attrs = { "data-feed": `${env.servers.feed}/${file}`, "data-rates": `${env.servers.feed}/rates.json` };
        await withSession(open(fixture(attrs, { csp })), async (session) => {
          const [event] = await events(session.page);
          assert.equal(event.type, "news-ticker:ready", JSON.stringify(event));
          assert.deepEqual(event.detail, { items: 5, rates: 4 });
          const view = await read(session.page);
          assert.deepEqual(view.titles, FEED.items.map((i) => i.title));
          assert.deepEqual(view.links.map((l) => l[1]), FEED.items.map((i) => i.url));
          assert.equal(view.excerpts[0], expectedExcerpt(FEED.items[0].content_text, 500));
          assert.equal(view.excerpts[2], FEED.items[2].summary);
          assert.match(view.excerpts[3], /^Tajikistan placed \$500 million of seven-year bonds/);
          assert.ok(view.excerpts[3].includes("Afghanistan & Pakistan"), view.excerpts[3]);
          assert.deepEqual(view.date, ["13 November 2025"]);
          assert.deepEqual(view.visibleRates, RATES_DOC);
          assert.equal(view.status, "");
          const violations = await session.page.evaluate(() => window.__nt.violations);
          assert.deepEqual(violations, []);
          assert.deepEqual(session.problems, []);
        });
      });
    }
  }

  test("a Trusted Types allow-list naming news-ticker lets RSS through; one without it gets a clear error", async () => {
    const attrs = { "data-feed": `${env.servers.feed}/rss.xml` };
    await withSession(open(fixture(attrs, { csp: true, tt: "news-ticker" })), async (session) => {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:ready", JSON.stringify(event));
      assert.deepEqual(await session.page.evaluate(() => window.__nt.violations), []);
    });
    await withSession(open(fixture(attrs, { csp: true, tt: "analytics" })), async (session) => {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:error");
      assert.match(event.detail.message, /Trusted Types settings block reading RSS and Atom \(allow the policy "news-ticker"\)/);
      assert.match((await read(session.page)).status, /^The news could not be loaded: /);
      // The browser reports the refused policy, once; the widget tries no sink and throws nothing.
      const violations = await session.page.evaluate(() => window.__nt.violations);
      assert.deepEqual(violations, ["trusted-types: trusted-types-policy news-ticker"]);
      assert.deepEqual(session.problems.filter((p) => !/Trusted Type|TrustedHTML|trusted-types/.test(p)), []);
    });
  });

  test("the JSON Feed renders under the strict CSP with no violation", async () => {
    await withSession(open(fixture({ "data-feed": `${env.servers.feed}/feed.json` }, { csp: true })), async (session) => {
      const [event] = await events(session.page);
      assert.deepEqual([event.type, event.detail], ["news-ticker:ready", { items: 5, rates: 5 }]);
      assert.deepEqual((await read(session.page)).visibleRates, RATES);
      assert.deepEqual(await session.page.evaluate(() => window.__nt.violations), []);
      assert.deepEqual(session.problems, []);
    });
  });
});

describe("a malformed entry is skipped with one console.warn and the rest renders", () => {
  test("in a JSON Feed", async () => {
    await withSession(open(fixture({ "data-feed": `${env.servers.feed}/test-feeds/messy.json` })), async (session) => {
      const [event] = await events(session.page);
      assert.deepEqual([event.type, event.detail], ["news-ticker:ready", { items: 3, rates: 1 }]);
      const view = await read(session.page);
      assert.deepEqual(view.titles, ["Kept", "Kept without its link", "Kept without a date"]);
      assert.deepEqual(view.links.map((l) => [l[0], l[1]]), [["A", "https://news.example.org/1"], ["SPAN", null], ["SPAN", null]]);
      assert.deepEqual(view.visibleRates, ["KGS/USD = 0.01144 0%"]);
      assert.deepEqual(session.warnings, [
        'news-ticker: _ticker.rates[1] (KZT/USD) has no decimal "rate": "abc"; skipped',
        'news-ticker: _ticker.rates[2] has no valid "base" currency code; skipped',
        "news-ticker: items[1] has no title and no text; skipped",
        "news-ticker: items[2] is a number, not an object; skipped",
        'news-ticker: items[4].url "javascript:alert(1)" is not an http or https link; the title is shown without it',
        'news-ticker: items[5].date_published "yesterday" is not an RFC 3339 date; ignored',
        "news-ticker: items[3].id repeats the id of items[0]; shown once",
      ]);
      assert.deepEqual(session.problems, []);
    });
  });

  test("in an RSS feed, at XML paths", async () => {
    await withSession(open(fixture({ "data-feed": `${env.servers.feed}/test-feeds/messy.rss` })), async (session) => {
      const [event] = await events(session.page);
      assert.deepEqual([event.type, event.detail], ["news-ticker:ready", { items: 3, rates: 0 }]);
      const view = await read(session.page);
      assert.deepEqual(view.titles, ["Kept", "Kept without its link", "Kept without a date"]);
      assert.deepEqual(session.warnings, [
        "news-ticker: /rss/channel/item[2] has no title and no text; skipped",
        'news-ticker: /rss/channel/item[4]/link "javascript:alert(1)" is not an http or https link; the title is shown without it',
        'news-ticker: /rss/channel/item[5]/pubDate "yesterday" is not an RFC 822 date; ignored',
        "news-ticker: /rss/channel/item[3]/guid repeats the id of /rss/channel/item[1]; shown once",
      ]);
      assert.deepEqual(session.problems, []);
    });
  });
});

describe("data-rates", () => {
  test("is fetched in parallel with the feed, not after it", async () => {
    const key = String(Date.now());
    const attrs = { "data-feed": `${env.servers.feed}/together/feed.json?k=${key}`, "data-rates": `${env.servers.feed}/together/rates.json?k=${key}` };
    await withSession(open(fixture(attrs)), async (session) => {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:ready", JSON.stringify(event));
      const view = await read(session.page);
      assert.equal(view.cards.length, 5);
      assert.equal(view.visibleRates.length, 4);
    });
  });
});

describe("one widget per container", () => {
  test("loading the script twice mounts once and throws nothing", async () => {
    const attrs = { "data-feed": `${env.servers.feed}/feed.json` };
    await withSession(open(`/fixture.html?scripts=2&attrs=${encodeURIComponent(JSON.stringify(attrs))}`), async (session) => {
      await events(session.page);
      await session.page.evaluate(() => NewsTicker.mount(document.getElementById("w")));
      await session.page.waitForTimeout(300);
      const view = await read(session.page);
      assert.equal(view.cards.length, 5);
      assert.equal(view.visibleRates.length, 5);
      const ready = await session.page.evaluate(() => window.__nt.events.filter((e) => e.type === "news-ticker:ready").length);
      assert.equal(ready, 1);
      assert.deepEqual(session.problems, []);
    });
  });

  test("a container added later is mounted; unmount empties it; mount brings it back", async () => {
    await withSession(open(`/fixture.html?attrs=${encodeURIComponent(JSON.stringify({ "data-feed": `${env.servers.feed}/feed.json` }))}`), async (session) => {
      await events(session.page);
      const attrs = { "data-feed": `${env.servers.feed}/feed.json`, "data-show": "headlines" };
      await addContainer(session.page, "later", attrs, "section");
      const seen = await events(session.page, 2);
      assert.deepEqual(seen.map((e) => [e.type, e.target]), [["news-ticker:ready", "w"], ["news-ticker:ready", "later"]]);
      let later = await read(session.page, "#later");
      assert.equal(later.cards.length, 5);
      assert.deepEqual(later.visibleRates, [], "data-show=headlines renders no marquee");

      await session.page.evaluate(() => NewsTicker.unmount(document.getElementById("later")));
      const children = await session.page.evaluate(() => document.getElementById("later").shadowRoot.childNodes.length);
      assert.equal(children, 0);

      await session.page.evaluate(() => NewsTicker.mount(document.getElementById("later")));
      later = await read(session.page, "#later");
      assert.equal(later.cards.length, 5);
      assert.deepEqual(session.problems, []);
    });
  });
});

describe("two widgets with different settings on one page", () => {
  test("each follows its own configuration", async () => {
    await withSession(open("/multi.html"), async (session) => {
      await events(session.page, 2);
      const rates = await read(session.page, "#rates-widget");
      const headlines = await read(session.page, "#headlines-widget");
      // data-rates replaces the feed's rates; data-currencies filters them;
      // changes are computed from "previous" and rounded to 2 places.
      assert.deepEqual(rates.visibleRates, ["KZT/RUB = 0.1552 0.78%", "UZS/RUB = 0.00659 -0.45%", "KGS/CNY = 0.0814 0.00%"]);
      assert.deepEqual(rates.cards, []);
      assert.deepEqual(headlines.visibleRates, []);
      // data-locale="ru-RU": the interface speaks Russian (5 takes "новостей").
      assert.deepEqual(headlines.counter, ["Показаны 1–2 из 5 новостей"]);
      assert.deepEqual(headlines.links.map((l) => l[3]), ["_self", "_self"]);
      assert.equal(headlines.excerpts[0], expectedExcerpt(FEED.items[0].content_text, 25));
      assert.match(headlines.date[0], /^13 ноября 2025/);
      assert.deepEqual(headlines.more, [true]);

      await session.page.evaluate(() => document.getElementById("headlines-widget").shadowRoot.querySelector('[part~="more"]').click());
      const more = await read(session.page, "#headlines-widget");
      assert.deepEqual(more.counter, ["Показаны 1–4 из 5 новостей"]);
      await session.page.evaluate(() => document.getElementById("headlines-widget").shadowRoot.querySelector('[part~="more"]').click());
      const all = await read(session.page, "#headlines-widget");
      assert.deepEqual(all.counter, ["Показаны 1–5 из 5 новостей"]);
      assert.deepEqual(all.more, [false]);
      assert.deepEqual(session.problems, []);
    });
  });
});
