// End to end: feeds as newsrooms really publish them (tests/e2e/feeds/,
// each written for one case; tests/real_world.rs reads the same files
// natively). Each is shown as a reader must see it, in every engine.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { browserText, events, fixture, read, setUp, withSession } from "./page.mjs";

const env = setUp();

/** Opens `feed` (a path on the feed origin) in a widget and returns its view once shown. */
async function shown(feed, check) {
  const key = `k=${Math.random()}`;
  const url = `${env.servers.feed}${feed}${feed.includes("?") ? "&" : "?"}${key}`;
  await withSession(env.open(fixture({ "data-feed": url, "data-refresh": "0", "data-show": "headlines" })), async (session) => {
    await events(session.page);
    await check(await read(session.page), session);
  });
}

describe("declared encodings", () => {
  for (const [name, title, excerpt] of [
    ["enc-windows-1251.rss", "Курс сома стабилен", "Нацбанк оставил курс без изменений: 87,41 сома за доллар."],
    ["enc-koi8-r.rss", "Тенге укрепился", "Рынок закрылся ростом: спокойный день."],
    ["enc-iso-8859-1.rss", "\u201cCafé\u201d prices rise", "A \u201csmart quote\u201d from an old CMS, and the euro sign: €."],
    ["enc-euc-kr.rss", "환율 안정세", "원화 환율이 이번 주 안정세를 보였다."],
    ["enc-utf-16.atom", "Сўм барқарор", "UTF-16 with a byte-order mark."],
    ["enc-utf-16le-no-bom.atom", "Сўм барқарор", "UTF-16 without a byte-order mark."],
    ["enc-utf-16be-no-bom.atom", "Сўм барқарор", "UTF-16 without a byte-order mark."],
  ]) {
    test(`${name}: by its byte-order mark or XML declaration`, () =>
      shown(`/test-feeds/${name}`, (view, session) => {
        assert.deepEqual([view.titles[0], view.excerpts[0]], [title, excerpt]);
        assert.deepEqual(session.problems, []);
      }));
  }

  test("the HTTP charset, for a feed without a declaration", () =>
    shown("/encoded/enc-http-charset.rss?charset=windows-1251", (view) => {
      assert.equal(view.titles[0], "Сом без изменений");
    }));

  test("an encoding the browser does not know: read as UTF-8, with one warning", () =>
    shown("/test-feeds/enc-unknown.rss", (view, session) => {
      assert.equal(view.titles[0], "Plain ASCII title");
      const said = session.warnings.filter((w) => w.includes('"x-klingon-8"'));
      assert.equal(said.length, 1, JSON.stringify(session.warnings));
    }));
});

describe("HTML entities and stray ampersands", () => {
  test("a feed the strict parser refuses is read after repair, with one warning", () =>
    shown("/test-feeds/ent-html-entities.rss", (view, session) => {
      // The repair leaves CDATA as written; the title then holds a reference
      // and is read as HTML, as RSS readers read titles.
      assert.deepEqual(view.titles, ["Café prices rise — again", browserText("Kept as written: &nbsp; inside CDATA")]);
      assert.equal(view.links[0][1], "https://news.example.org/search?q=som&page=2");
      assert.equal(view.excerpts[0], "R&D spending & the € rate; © 2025.");
      const said = session.warnings.filter((w) => w.includes("read after repair"));
      assert.equal(said.length, 1, JSON.stringify(session.warnings));
      assert.match(said[0], /HTML entities \(&eacute;, &nbsp;, &mdash;, …\) read as characters, and 2 stray & escaped/);
      assert.deepEqual(session.problems, []);
    }));

  test("a document broken some other way keeps its clear error", async () => {
    await withSession(env.open(fixture({ "data-feed": `${env.servers.feed}/test-feeds/ent-still-broken.rss?k=${Math.random()}`, "data-refresh": "0" })), async (session) => {
      const [event] = await events(session.page);
      assert.equal(event.type, "news-ticker:error");
      assert.match(event.detail.message, /not well-formed XML \(.*line \d+/);
    });
  });
});

describe("Atom 0.3", () => {
  test("read into the same model as Atom 1.0; base64 content not read, and said", () =>
    shown("/test-feeds/atom-0.3.xml", (view, session) => {
      assert.deepEqual(view.titles, ["Escaped HTML content", "Inline XHTML", "Base64 content"]);
      assert.deepEqual(view.links.map((l) => l[1]), ["https://blog.example.org/1", "https://blog.example.org/2", "https://blog.example.org/3"]);
      assert.deepEqual(view.excerpts.map((e) => e.replace(/\s+/g, " ").trim()), ["Escaped markup in the content.", "Inline xhtml content.", "The summary stands in."]);
      assert.deepEqual(view.date, ["13 November 2025"]);
      const said = session.warnings.filter((w) => w.includes("base64"));
      assert.equal(said.length, 1, JSON.stringify(session.warnings));
      assert.deepEqual(session.problems, []);
    }));
});

describe("RSS variants", () => {
  test("a default namespace, and titles and text where the modules put them", () =>
    shown("/test-feeds/rss-variants.xml", (view, session) => {
      assert.deepEqual(view.titles, ["Default namespace", "A dc:title", "A media:title", "Full item", "Dublin Core description"]);
      assert.deepEqual(view.excerpts.map((e) => e.replace(/\s+/g, " ").trim()), [
        "In the UserLand namespace.",
        "Text in xhtml:body.",
        "An itunes:summary, plain text with a < sign.",
        "The fullitem text.",
        "From Dublin Core.",
      ]);
      assert.deepEqual(session.problems, []);
    }));
});

describe("links", () => {
  test("xml:base, a link written as text, and links relative to the feed's own URL", async () => {
    await shown("/test-feeds/links.atom", (view) => {
      assert.deepEqual(view.links.map((l) => l[1]), [
        "https://blog.example.org/news/2025/11/som",
        "https://blog.example.org/tenge?from=feed#top",
        "https://blog.example.org/as-text",
        "https://other.example.org/4",
      ]);
    });
    await shown("/test-feeds/links-relative.rss", (view) => {
      assert.equal(view.links[0][1], `${env.servers.feed}/test-feeds/stories/1`);
    });
  });
});

describe("what mature readers accept", () => {
  test("an uppercase &#X41;: read as &#x41;, with one warning", () =>
    shown("/test-feeds/ent-uppercase-hex.rss", (view, session) => {
      assert.deepEqual([view.titles[0], view.excerpts[0]], ["Café ABC", "Prices — again ééé"]);
      const said = session.warnings.filter((w) => w.includes("read after repair"));
      assert.equal(said.length, 1, JSON.stringify(session.warnings));
      assert.match(said[0], /5 references written &#X… read as &#x…/);
    }));

  test("a bare & in an attribute value: repaired as one in text", () =>
    shown("/test-feeds/ent-attribute-ampersand.atom", (view, session) => {
      assert.equal(view.links[0][1], "https://news.example.org/search?a=1&b=2&c");
      assert.equal(view.excerpts[0], "R&D in the text too.");
      assert.ok(session.warnings.some((w) => w.includes("3 stray & escaped")), JSON.stringify(session.warnings));
    }));

  test("an Atom text construct with an empty type: text", () =>
    shown("/test-feeds/atom-empty-type.atom", (view, session) => {
      assert.deepEqual([view.titles[0], view.excerpts[0]], ["Rates <b>hold</b> steady", "The summary & its type."]);
      assert.deepEqual(session.problems, []);
    }));
});
