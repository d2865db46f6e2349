// make bench: news-ticker against what a publisher would use instead, on
// the same feed (www/feed.json: five rates, five cards), in Debian's
// Chromium through playwright-core, served from 127.0.0.1.
//
//   node bench/run.mjs            every peer, median of 5 cold runs
//   node bench/run.mjs --quick    one run of news-ticker and the floor (make test)
//
// Prints one table (each figure with its ratio to the floor) and writes
// bench/results.json. Timings are reported, never asserted.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import os from "node:os";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launch } from "../tests/e2e/browser.mjs";
import { listen, staticFiles } from "../tools/serve.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BENCH = path.join(ROOT, "bench");
const BUILD = path.join(BENCH, "build");
const QUICK = process.argv.includes("--quick");
const RUNS = QUICK ? 1 : 5;
const REFRESHES = QUICK ? 20 : 1000;
const FEED = JSON.parse(fs.readFileSync(path.join(ROOT, "www/feed.json"), "utf8"));

/** The JS and wasm each contestant downloads. */
const PEERS = {
  "news-ticker": { files: ["www/dist/news-ticker.js", "www/dist/news-ticker_bg.wasm"] },
  "react-fast-marquee": { files: ["bench/build/react.js"], peer: true },
  "vanilla-marquee": { files: ["bench/build/vanilla.js"], peer: true },
  floor: { files: [] },
};
const chosen = Object.keys(PEERS).filter((name) => !QUICK || !PEERS[name].peer);

function bundlePeers() {
  fs.mkdirSync(BUILD, { recursive: true });
  if (QUICK) return;
  if (!fs.existsSync(path.join(BENCH, "node_modules/react"))) {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: BENCH, stdio: "inherit" });
  }
  const esbuild = path.join(ROOT, "node_modules/.bin/esbuild");
  for (const [source, out] of [["src/react.jsx", "react.js"], ["src/vanilla.js", "vanilla.js"]]) {
    execFileSync(esbuild, [source, "--bundle", "--minify", "--format=iife", "--jsx=automatic", "--target=es2020",
      "--define:process.env.NODE_ENV=\"production\"", "--log-level=warning", `--outfile=build/${out}`], { cwd: BENCH, stdio: "inherit" });
  }
}

function bytes(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const data = fs.readFileSync(path.join(ROOT, file));
    raw += data.length;
    gzip += zlib.gzipSync(data, { level: 9 }).length;
  }
  return { raw, gzip };
}

const escape = (t) => String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** The floor: the same content as static HTML and one CSS keyframe, no script. */
function floorPage(feed) {
  const rates = feed._ticker.rates.map((r) => `<li>${escape(`${r.base}/${r.quote} = ${r.rate} ${r.change_pct ?? 0}%`)}</li>`).join("");
  const items = feed.items.slice(0, 10);
  const cards = items.map((i) => `<article><h2><a href="${escape(i.url)}">${escape(i.title)}</a></h2><p>${escape((i.content_text || "").split(/\s+/).slice(0, 500).join(" "))}</p></article>`).join("");
  return `<style>.v{overflow:hidden}.t{display:flex;width:max-content;animation:s 40s linear infinite}.t ul{display:flex;gap:2em;margin:0;padding:0 2em 0 0;list-style:none;white-space:nowrap}@keyframes s{to{transform:translateX(-50%)}}</style>
<div class="v"><div class="t"><ul>${rates}</ul><ul aria-hidden="true">${rates}</ul></div></div><p>Viewing results 1 - ${items.length} of ${feed.items.length}</p>${cards}`;
}

function page(name, feedPath, refresh = "0") {
  const body = {
    "news-ticker": `<div data-news-ticker data-feed="${feedPath}" data-refresh="${refresh}"></div><script src="/dist/news-ticker.js" async></script>`,
    "react-fast-marquee": `<div id="app" data-feed="${feedPath}"></div><script src="/build/react.js"></script>`,
    "vanilla-marquee": `<div id="app" data-feed="${feedPath}"></div><script src="/build/vanilla.js"></script>`,
    floor: floorPage(feedPath.startsWith("/items-5000") ? items5000() : FEED),
  }[name];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title></head><body>${body}</body></html>`;
}

let big = null;
function items5000() {
  big ??= { ...FEED, items: Array.from({ length: 5000 }, (_, i) => ({ id: String(i), url: `https://news.example.org/${i}`, title: `Headline ${i + 1}`, content_text: `Text of item ${i + 1}. `.repeat(20) })) };
  return big;
}

async function startServer() {
  const www = staticFiles(path.join(ROOT, "www"));
  const build = staticFiles(BUILD);
  let version = 0;
  return listen((req, res) => {
    const url = new URL(req.url, "http://x");
    const json = (doc) => res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" }).end(JSON.stringify(doc));
    if (url.pathname === "/page") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page(url.searchParams.get("who"), url.searchParams.get("feed") || "/feed.json", url.searchParams.get("refresh") || "0"));
    } else if (url.pathname === "/changing.json") {
      // A new first headline on every request, answered at once.
      version += 1;
      json({ ...FEED, items: [{ ...FEED.items[0], title: `Headline version ${version}` }, ...FEED.items.slice(1)] });
    } else if (url.pathname === "/items-5000.json") {
      json(items5000());
    } else if (url.pathname.startsWith("/build/")) {
      req.url = req.url.slice("/build".length);
      build(req, res);
    } else {
      www(req, res);
    }
  });
}

/** Polls every frame for the first rate and the first title, in the page or any open shadow root. */
const WATCH = () => {
  const seen = (root, text) => root && root.textContent && root.textContent.includes(text);
  const check = () => {
    const hosts = [document, ...[...document.querySelectorAll("*")].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    const rate = hosts.some((h) => seen(h.body || h, "KGS/USD"));
    const title = hosts.some((h) => seen(h.body || h, window.__title));
    if (rate && title) window.__content = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};

async function metrics(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

async function heap(cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  return (await cdp.send("Runtime.getHeapUsage")).usedSize;
}

/** One cold run: a new context, no cache. */
async function coldRun(browser, origin, name, feedPath = "/feed.json", title = FEED.items[0].title) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const pg = await context.newPage();
  const cdp = await context.newCDPSession(pg);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Performance.enable");
  await pg.addInitScript(`window.__title = ${JSON.stringify(title)}; (${WATCH})();`);
  await pg.goto(`${origin}/page?who=${encodeURIComponent(name)}&feed=${encodeURIComponent(feedPath)}`);
  await pg.waitForFunction(() => window.__content, null, { timeout: 30000 });
  const atContent = await metrics(cdp);
  return { context, pg, cdp, content: await pg.evaluate(() => window.__content), atContent };
}

async function measure(browser, origin, name) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, pg, cdp, content, atContent } = await coldRun(browser, origin, name);
    await pg.waitForTimeout(1000);
    const a = await metrics(cdp);
    await pg.waitForTimeout(5000);
    const b = await metrics(cdp);
    const perSecond = (key) => ((b[key] - a[key]) * 1000) / ((b.Timestamp - a.Timestamp) || 5);
    runs.push({ content, untilContent: atContent.TaskDuration * 1000, task: perSecond("TaskDuration"), script: perSecond("ScriptDuration"), heap: await heap(cdp) });
    await context.close();
  }
  const median = (key) => runs.map((r) => r[key]).sort((x, y) => x - y)[Math.floor(runs.length / 2)];
  const result = {
    timeToContentMs: median("content"),
    mainThreadMsUntilContent: median("untilContent"),
    taskMsPerS: median("task"),
    scriptMsPerS: median("script"),
    heapAfterLoad: median("heap"),
  };

  // Heap after 10 and after REFRESHES refreshes of a feed that changes each time.
  if (name !== "floor") {
    const context = await browser.newContext();
    const pg = await context.newPage();
    const cdp = await context.newCDPSession(pg);
    await pg.addInitScript(`window.__title = "Headline version"; (${WATCH})();`);
    await pg.goto(`${origin}/page?who=${encodeURIComponent(name)}&feed=/changing.json`);
    await pg.waitForFunction(() => window.__content, null, { timeout: 30000 });
    const refresh = (n) =>
      pg.evaluate(async (n) => {
        for (let i = 0; i < n; i++) {
          if (window.NewsTicker) {
            const host = document.querySelector("[data-news-ticker]");
            const updated = new Promise((resolve) => host.addEventListener("news-ticker:update", resolve, { once: true }));
            window.NewsTicker.refresh(host);
            await updated;
          } else {
            await window.__refresh();
          }
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
      }, n);
    await refresh(10);
    result.heapAfter10Refreshes = await heap(cdp);
    await refresh(REFRESHES - 10);
    result.heapAfterRefreshes = await heap(cdp);
    await context.close();
  }

  // Main-thread time until the first page of a 5,000-item feed is shown,
  // and how much more that is than for the sample feed (start-up included in both).
  const five = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await coldRun(browser, origin, name, "/items-5000.json", "Headline 1");
    five.push(run.atContent.TaskDuration * 1000);
    await run.context.close();
  }
  result.mainThreadMs5000 = five.sort((x, y) => x - y)[Math.floor(five.length / 2)];
  result.extraMs5000 = result.mainThreadMs5000 - result.mainThreadMsUntilContent;
  return { ...result, ...bytes(PEERS[name].files) };
}

function table(results) {
  const floor = results.floor;
  const ratio = (v, f) => (f ? `${(v / f).toFixed(1)}x` : "");
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const rows = [["", "JS+wasm gzip", "raw", "time to content", "main thread to content", "task ms/s", "script ms/s", "heap after load", `heap 10 -> ${REFRESHES} refreshes`, "5,000 items: main thread (extra)"]];
  for (const [name, r] of Object.entries(results)) {
    rows.push([
      name,
      kb(r.gzip),
      kb(r.raw),
      `${r.timeToContentMs.toFixed(0)} ms ${ratio(r.timeToContentMs, floor.timeToContentMs)}`,
      `${r.mainThreadMsUntilContent.toFixed(0)} ms`,
      r.taskMsPerS.toFixed(2),
      r.scriptMsPerS.toFixed(3),
      `${kb(r.heapAfterLoad)} ${ratio(r.heapAfterLoad, floor.heapAfterLoad)}`,
      r.heapAfterRefreshes ? `${kb(r.heapAfter10Refreshes)} -> ${kb(r.heapAfterRefreshes)}` : "",
      `${r.mainThreadMs5000.toFixed(0)} ms (+${r.extraMs5000.toFixed(0)})`,
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join(" | ")).join("\n");
}

bundlePeers();
const { server, origin } = await startServer();
const browser = await launch();
try {
  // One untimed page first: a new browser's first page pays start-up costs
  // that would otherwise land on whichever contestant comes first.
  await (await coldRun(browser, origin, "floor")).context.close();
  const results = {};
  for (const name of chosen) results[name] = await measure(browser, origin, name);
  console.log(table(results));
  const out = { date: new Date().toISOString(), machine: `${os.cpus()[0].model} x${os.cpus().length}, ${os.platform()}`, chromium: browser.version(), runs: RUNS, refreshes: REFRESHES, results };
  fs.writeFileSync(path.join(BENCH, QUICK ? "build/quick.json" : "results.json"), JSON.stringify(out, null, 2) + "\n");
} finally {
  await browser.close();
  server.close();
}
