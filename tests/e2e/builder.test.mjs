// End to end: news-ticker-feed's output in the widget. The builder
// (target/debug/news-ticker-feed; `make test-e2e` builds it) fetches the
// reference day's publications from the feed server (crates/feed/tests/fixtures/rates/,
// see its SOURCES.md) with the guide's configuration (docs/src/feed-builder.md), and the feed server
// then publishes the folder it wrote, as a static file server would. The
// widget shows the reference page's rates line for line, and a second,
// unchanged run writes nothing, so the widget's refreshes stay 304s.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { lacks } from "./browser.mjs";
import { ROOT } from "./servers.mjs";
import { events, fixture, read, setUp, withSession } from "./page.mjs";

const BUILDER = path.join(ROOT, "target/debug/news-ticker-feed");
const env = setUp();

/**
 * Runs the builder on `config` without blocking this process (its servers
 * answer the builder): exit status, stdout, stderr.
 */
function builder(config) {
  return new Promise((resolve, reject) => {
    // The reference day's publications, their ages counted to that day.
    const child = spawn(BUILDER, [config, "--today", "2025-11-13"], { timeout: 60000 });
    const out = { stdout: "", stderr: "" };
    child.stdout.on("data", (d) => (out.stdout += d));
    child.stderr.on("data", (d) => (out.stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, ...out }));
  });
}

/** A scratch folder with the guide's configuration pointed at the feed server. */
function site() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nt-e2e-feed-"));
  const bank = `${env.servers.feed}/bank/reference-day`;
  const config = fs
    .readFileSync(path.join(ROOT, "crates/feed/tests/fixtures/news-ticker-feed.toml"), "utf8")
    .replaceAll('"public/', `"${dir}/public/`)
    .replaceAll('"state/', `"${dir}/state/`)
    .replace("https://news.example.org/rss.xml", `${env.servers.feed}/rss.xml`)
    .replace("https://www.nbkr.kg/XML/daily.xml", `${bank}/nbkr.xml`)
    .replace("https://nationalbank.kz/rss/get_rates.cfm", `${bank}/nbk.xml`)
    .replace("https://cbu.uz/en/arkhiv-kursov-valyut/json/", `${bank}/cbu.json`)
    .replace("https://www.nbt.tj/en/kurs/export_xml.php?export=xmlout", `${bank}/nbt.xml`);
  const file = path.join(dir, "news-ticker-feed.toml");
  fs.writeFileSync(file, config);
  return {
    dir,
    run: () => builder(file),
  };
}

describe("the feed builder's output", () => {
  test("shows the reference page's rates, and an unchanged run keeps every refresh a 304", async (t) => {
    assert.ok(fs.existsSync(BUILDER), `${BUILDER} is built by make test-e2e (cargo build --bin news-ticker-feed)`);
    const built = site();
    const first = await built.run();
    assert.equal(first.stderr, "");
    assert.equal(first.status, 0);
    assert.match(first.stdout, /wrote .*public\/feed\.json/);
    env.servers.publish(path.join(built.dir, "public"));

    const reference = await withSession(env.open("/index.html"), async (session) => {
      await events(session.page);
      return read(session.page);
    });
    assert.equal(reference.visibleRates.length, 5, JSON.stringify(reference.visibleRates));

    const key = `built-${Date.now()}`;
    await withSession(env.open(fixture({ "data-feed": `${env.servers.feed}/built/feed.json?k=${key}`, "data-refresh": "1" })), async (session) => {
      await events(session.page);
      const view = await read(session.page);
      console.log(`# built feed: ${JSON.stringify(view.visibleRates)} ${JSON.stringify(view.date)}`);
      assert.deepEqual(view.visibleRates, reference.visibleRates, "the reference page's five lines");
      assert.deepEqual(view.date, reference.date, "the reference page's date");
      assert.ok(view.titles.length > 0 && view.titles[0] === reference.titles[0], `headlines from rss.xml: ${view.titles[0]}`);

      const again = await built.run();
      assert.deepEqual([again.status, again.stdout, again.stderr], [0, "", ""], "an unchanged run writes nothing");
      await session.page.waitForTimeout(3500);
      const log = env.servers.feedRequests.filter((r) => r.url === `/built/feed.json?k=${key}`);
      console.log(`# refreshes of the built feed: ${JSON.stringify(log.map((r) => r.status))}`);
      assert.ok(log.length >= 3, `a first load and at least two refreshes: ${JSON.stringify(log)}`);
      assert.equal(log[0].status, 200);
      await t.test("every refresh is answered 304", { skip: lacks("http cache") }, () => {
        assert.ok(log.slice(1).every((r) => r.ifNoneMatch && r.status === 304), JSON.stringify(log));
      });
      assert.deepEqual(await session.page.evaluate(() => window.__nt.events.map((e) => e.type)), ["news-ticker:ready"], "no update");
      assert.deepEqual(session.problems, []);
    });

    // The builder's own requests carried the validators of its first run.
    const conditional = env.servers.feedRequests.filter((r) => r.url.startsWith("/bank/reference-day/"));
    assert.deepEqual(conditional.map((r) => [Boolean(r.ifNoneMatch), r.status]), [
      ...Array(4).fill([false, 200]),
      ...Array(4).fill([true, 304]),
    ]);
    fs.rmSync(built.dir, { recursive: true });
  });
});
