// End to end: feeds as newsrooms really publish them (tests/e2e/feeds/,
// each written for one case; tests/real_world.rs reads the same files
// natively). Each is shown as a reader must see it, in every engine.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { events, fixture, read, setUp, withSession } from "./page.mjs";

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
