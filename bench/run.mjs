// make bench: news-ticker against what a publisher would use instead, on
// the same feed (www/feed.json: five rates, five cards), in Debian's
// Chromium through playwright-core, served from 127.0.0.1.
//
//   node bench/run.mjs            every peer, median of 5 cold runs
//   node bench/run.mjs --quick    one run of news-ticker (plain and server-rendered) and the floor (make test)
//   node bench/run.mjs --profile  also CPU profiles of each page's mobile
//                                 first and repeat views and its 5,000-item
//                                 page (bench/build/*.cpuprofile),
//                                 summarised as the heaviest functions
//   --runs N --only NAME,NAME     N runs of those pages (and the floor)
//
// Files are served as a CDN serves them: gzip, scripts, wasm and CSS immutable,
// the feed `no-cache` with an ETag (a 304 when unchanged). Time to content
// is measured in three conditions: desktop first view (cold cache), mobile
// first view (Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbps
// down, 750 kbps up, CPU 4x slower; cold cache) and mobile repeat view (the
// same page again in the same browser profile: scripts from the HTTP cache,
// the feed revalidated, storage kept).
//
// Prints one table (each figure with its ratio to the floor) and writes
// bench/results.json. Timings are reported, never asserted.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import os from "node:os";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launchChromium as launch } from "../tests/e2e/browser.mjs";
import crypto from "node:crypto";
import { listen } from "../tools/serve.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BENCH = path.join(ROOT, "bench");
const BUILD = path.join(BENCH, "build");
const QUICK = process.argv.includes("--quick");
const PROFILE = process.argv.includes("--profile");
// --runs N and --only NAME,NAME: for looking into one figure.
const option = (name) => process.argv[process.argv.indexOf(name) + 1];
const RUNS = process.argv.includes("--runs") ? Number(option("--runs")) : QUICK ? 1 : 5;
const REFRESHES = QUICK ? 20 : 1000;
const FEED = JSON.parse(fs.readFileSync(path.join(ROOT, "www/feed.json"), "utf8"));

/** The JS and wasm each contestant downloads. */
const PEERS = {
  "news-ticker": { files: ["www/dist/news-ticker.js", "www/dist/news-ticker_bg.wasm"] },
  // The container news-ticker-feed rendered for the same feed, then the
  // same script: its stylesheet inline (its hash in a CSP), or linked.
  "news-ticker, server-rendered": { files: ["www/dist/news-ticker.js", "www/dist/news-ticker_bg.wasm"] },
  "news-ticker, server-rendered, linked CSS": { files: ["www/dist/news-ticker.js", "www/dist/news-ticker_bg.wasm", "www/dist/news-ticker.css"] },
  "react-fast-marquee": { files: ["bench/build/react.js"], peer: true },
  "vanilla-marquee": { files: ["bench/build/vanilla.js"], peer: true },
  floor: { files: [] },
};
const only = process.argv.includes("--only") ? option("--only").split(",") : null;
const chosen = Object.keys(PEERS).filter((name) => (only ? only.includes(name) || name === "floor" : !QUICK || !PEERS[name].peer));

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

/**
 * What `news-ticker-feed render` prints for the feed at `feedPath` (the
 * builder is target/debug/news-ticker-feed; make bench builds it).
 */
const rendered = new Map();
function serverRendered(feedPath, refresh, stylesheet) {
  const key = `${feedPath} ${refresh} ${stylesheet}`;
  if (!rendered.has(key)) {
    const doc = feedPath.startsWith("/items-5000") ? items5000() : FEED;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nt-bench-")), "feed.json");
    fs.writeFileSync(file, JSON.stringify(doc));
    const args = ["render", file, "--stylesheet", stylesheet, "--attr", `data-feed=${feedPath}`, "--attr", `data-refresh=${refresh}`];
    rendered.set(key, execFileSync(path.join(ROOT, "target/debug/news-ticker-feed"), args, { encoding: "utf8" }));
  }
  return rendered.get(key);
}

function page(name, feedPath, refresh = "0") {
  const body = {
    "news-ticker": `<div data-news-ticker data-feed="${feedPath}" data-refresh="${refresh}"></div><script src="/dist/news-ticker.js" async></script>`,
    "news-ticker, server-rendered": `${serverRendered(feedPath, refresh, "inline")}<script src="/dist/news-ticker.js" async></script>`,
    "news-ticker, server-rendered, linked CSS": `${serverRendered(feedPath, refresh, "/dist/news-ticker.css")}<script src="/dist/news-ticker.js" async></script>`,
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

/**
 * Answers as a CDN would: gzip when asked for, an ETag on everything (304
 * when it matches), scripts and wasm immutable, everything else `no-cache`.
 */
function send(req, res, body, type, immutable = false) {
  const etag = `"${crypto.createHash("sha1").update(body).digest("base64url")}"`;
  const headers = {
    "content-type": type,
    etag,
    vary: "accept-encoding",
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
  };
  if (req.headers["if-none-match"] === etag) return res.writeHead(304, headers).end();
  if (/\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
    headers["content-encoding"] = "gzip";
    body = zlib.gzipSync(body, { level: 9 });
  }
  res.writeHead(200, { ...headers, "content-length": body.length }).end(body);
}

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".html": "text/html; charset=utf-8" };

async function startServer() {
  let version = 0;
  return listen((req, res) => {
    const url = new URL(req.url, "http://x");
    const json = (doc) => send(req, res, Buffer.from(JSON.stringify(doc)), TYPES[".json"]);
    if (url.pathname === "/page") {
      const who = url.searchParams.get("who");
      send(req, res, Buffer.from(page(who, url.searchParams.get("feed") || "/feed.json", url.searchParams.get("refresh") || "0")), TYPES[".html"]);
    } else if (url.pathname === "/changing.json") {
      // A new first headline on every request, answered at once.
      version += 1;
      json({ ...FEED, items: [{ ...FEED.items[0], title: `Headline version ${version}` }, ...FEED.items.slice(1)] });
    } else if (url.pathname === "/items-5000.json") {
      json(items5000());
    } else {
      const [root, rest] = url.pathname.startsWith("/build/") ? [BUILD, url.pathname.slice("/build".length)] : [path.join(ROOT, "www"), url.pathname];
      const file = path.join(root, path.normalize(rest));
      if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return res.writeHead(404).end();
      const type = TYPES[path.extname(file)] || "application/octet-stream";
      send(req, res, fs.readFileSync(file), type, /\.(js|wasm|css)$/.test(file));
    }
  });
}

/**
 * Polls every frame for the first rate and the first title, in the page or
 * any open shadow root that is styled (a server-rendered one links its
 * stylesheet); records every layout shift in `__cls`.
 */
const WATCH = () => {
  window.__cls = 0;
  if (PerformanceObserver.supportedEntryTypes.includes("layout-shift")) {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (window.__cls += e.hadRecentInput ? 0 : e.value))).observe({ type: "layout-shift", buffered: true });
  }
  const seen = (root, text) => root && root.textContent && root.textContent.includes(text);
  // The widget's stylesheet gives its frame `color-scheme: light dark`.
  const styled = (root) => !root.querySelector(".nt") || getComputedStyle(root.querySelector(".nt")).colorScheme !== "normal";
  const check = () => {
    const hosts = [document, ...[...document.querySelectorAll("*")].filter((e) => e.shadowRoot && styled(e.shadowRoot)).map((e) => e.shadowRoot)];
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

/** Lighthouse's mobile profile: network and CPU. */
const MOBILE = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, cpu: 4 };

/** One cold run: a new context, no cache. */
async function coldRun(browser, origin, name, feedPath = "/feed.json", title = FEED.items[0].title, profile = "") {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const pg = await context.newPage();
  const cdp = await context.newCDPSession(pg);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Performance.enable");
  await pg.addInitScript(`window.__title = ${JSON.stringify(title)}; (${WATCH})();`);
  if (profile) await startProfile(cdp);
  await pg.goto(`${origin}/page?who=${encodeURIComponent(name)}&feed=${encodeURIComponent(feedPath)}`);
  await pg.waitForFunction(() => window.__content, null, { timeout: 30000 });
  const atContent = await metrics(cdp);
  if (profile) await stopProfile(cdp, name, profile, await pg.evaluate(() => window.__content));
  return { context, pg, cdp, content: await pg.evaluate(() => window.__content), atContent };
}

/**
 * Time to content on a phone: the first view with a cold cache, then the
 * repeat view of the same page in the same profile. With `profile`, the
 * first view's CPU profile is written to bench/build/NAME.cpuprofile.
 */
async function mobileRun(browser, origin, name, profile = false) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
  const pg = await context.newPage();
  const cdp = await context.newCDPSession(pg);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: MOBILE.latency, downloadThroughput: MOBILE.downloadThroughput, uploadThroughput: MOBILE.uploadThroughput });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: MOBILE.cpu });
  await pg.addInitScript(`window.__title = ${JSON.stringify(FEED.items[0].title)}; (${WATCH})();`);
  const view = async () => {
    await pg.goto(`${origin}/page?who=${encodeURIComponent(name)}`);
    await pg.waitForFunction(() => window.__content, null, { timeout: 60000 });
    return pg.evaluate(() => window.__content);
  };
  if (profile) await startProfile(cdp);
  const first = await view();
  if (profile) await stopProfile(cdp, name, "mobile first view", first);
  // Let the first view finish its own work (a cache write, say) before leaving.
  await pg.waitForTimeout(500);
  if (profile) await startProfile(cdp);
  const repeat = await view();
  if (profile) await stopProfile(cdp, name, "mobile repeat view", repeat);
  await context.close();
  return { first, repeat };
}

async function startProfile(cdp) {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
}

/** Writes the profile to bench/build/NAME-CONDITION.cpuprofile and prints its heaviest functions. */
async function stopProfile(cdp, name, condition, content) {
  const { profile: cpu } = await cdp.send("Profiler.stop");
  fs.writeFileSync(path.join(BUILD, `${name}-${condition.replace(/[^a-z0-9]+/gi, "-")}.cpuprofile`), JSON.stringify(cpu));
  console.log(`\n${name}, ${condition}: ${content.toFixed(0)} ms to content; heaviest functions (self time):\n${heaviest(cpu)}`);
}

/** The functions with the most self time in a CPU profile, with their file. */
function heaviest(cpu, count = 15) {
  const interval = (cpu.endTime - cpu.startTime) / Math.max(cpu.samples.length, 1) / 1000;
  const self = new Map();
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  for (const id of cpu.samples) {
    const { callFrame: f } = byId.get(id);
    const key = `${f.functionName || "(anonymous)"} ${f.url ? path.basename(f.url.split("?")[0]) : ""}`.trim();
    self.set(key, (self.get(key) || 0) + interval);
  }
  return [...self].filter(([k]) => k !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, count)
    .map(([k, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${k}`).join("\n");
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
    const cls = await pg.evaluate(() => window.__cls);
    runs.push({ content, untilContent: atContent.TaskDuration * 1000, task: perSecond("TaskDuration"), script: perSecond("ScriptDuration"), heap: await heap(cdp), cls });
    await context.close();
  }
  for (let i = 0; i < RUNS; i++) {
    const { first, repeat } = await mobileRun(browser, origin, name, PROFILE && i === 0);
    Object.assign(runs[i], { mobileFirst: first, mobileRepeat: repeat });
  }
  const median = (key) => runs.map((r) => r[key]).sort((x, y) => x - y)[Math.floor(runs.length / 2)];
  const result = {
    timeToContentMs: median("content"),
    mobileFirstViewMs: median("mobileFirst"),
    mobileRepeatViewMs: median("mobileRepeat"),
    mainThreadMsUntilContent: median("untilContent"),
    taskMsPerS: median("task"),
    scriptMsPerS: median("script"),
    heapAfterLoad: median("heap"),
    cls: Math.max(...runs.map((r) => r.cls)),
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
    const run = await coldRun(browser, origin, name, "/items-5000.json", "Headline 1", PROFILE && i === 0 ? "5,000 items" : "");
    five.push(run.atContent.TaskDuration * 1000);
    await run.context.close();
  }
  result.mainThreadMs5000 = five.sort((x, y) => x - y)[Math.floor(five.length / 2)];
  result.extraMs5000 = result.mainThreadMs5000 - result.mainThreadMsUntilContent;
  return { ...result, ...bytes(PEERS[name].files) };
}

function table(results) {
  const floor = results.floor;
  const ratio = (v, f) => (f ? `${(v / f).toFixed(2)}x` : "");
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const rows = [["", "JS+wasm gzip", "raw", "desktop first view", "mobile first view", "mobile repeat view", "main thread to content", "task ms/s", "script ms/s", "heap after load", `heap 10 -> ${REFRESHES} refreshes`, "5,000 items: main thread (extra)", "CLS (worst)"]];
  for (const [name, r] of Object.entries(results)) {
    rows.push([
      name,
      kb(r.gzip),
      kb(r.raw),
      `${r.timeToContentMs.toFixed(0)} ms ${ratio(r.timeToContentMs, floor.timeToContentMs)}`,
      `${r.mobileFirstViewMs.toFixed(0)} ms ${ratio(r.mobileFirstViewMs, floor.mobileFirstViewMs)}`,
      `${r.mobileRepeatViewMs.toFixed(0)} ms ${ratio(r.mobileRepeatViewMs, floor.mobileRepeatViewMs)}`,
      `${r.mainThreadMsUntilContent.toFixed(0)} ms`,
      r.taskMsPerS.toFixed(2),
      r.scriptMsPerS.toFixed(3),
      `${kb(r.heapAfterLoad)} ${ratio(r.heapAfterLoad, floor.heapAfterLoad)}`,
      r.heapAfterRefreshes ? `${kb(r.heapAfter10Refreshes)} -> ${kb(r.heapAfterRefreshes)}` : "",
      `${r.mainThreadMs5000.toFixed(0)} ms (+${r.extraMs5000.toFixed(0)})`,
      r.cls.toFixed(3),
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
  const out = { date: new Date().toISOString(), conditions: { mobile: MOBILE }, machine: `${os.cpus()[0].model} x${os.cpus().length}, ${os.platform()}`, chromium: browser.version(), runs: RUNS, refreshes: REFRESHES, results };
  fs.writeFileSync(path.join(BENCH, QUICK ? "build/quick.json" : "results.json"), JSON.stringify(out, null, 2) + "\n");
} finally {
  await browser.close();
  server.close();
}
