// Helpers shared by the end-to-end suites: the servers and browser of a
// test file, a page that records what the widget does, and readers of what
// it shows.
import fs from "node:fs";
import { before, after } from "node:test";
import { launch } from "./browser.mjs";
import { startServers } from "./servers.mjs";

/**
 * Starts the origins and the browser of ENGINE before the file's tests and
 * stops them after; `servers` is filled in by then, and `open(path,
 * viewport, media)` opens a page of the page origin.
 */
export function setUp() {
  const env = { servers: null, browser: null };
  before(async () => {
    env.servers = await startServers();
    env.browser = await launch();
  });
  after(async () => {
    try {
      await env.browser?.close();
    } finally {
      env.servers?.close();
    }
  });
  env.open = (urlPath, viewport, media) => openPage(env.browser, env.servers.page + urlPath, viewport, media);
  return env;
}

/**
 * Opens `url` in a new context of `browser` (fresh storage and cache),
 * `media` its `reducedMotion` and `colorScheme` from the start. The page's
 * recorder (tests/e2e/recorder.js, served first in every page) keeps the
 * widget's events and CSP violations; page errors and console errors and
 * warnings are collected here. The session's `another(url)` opens a second
 * page in the same context (same storage and HTTP cache: the reader's next
 * visit), recorded the same way.
 */
export async function openPage(browser, url, viewport = { width: 1200, height: 900 }, media = {}) {
  const context = await browser.newContext({ viewport, ...media });
  try {
    const session = await pageIn(context, url);
    session.close = () => context.close();
    return session;
  } catch (e) {
    await context.close();
    throw e;
  }
}

async function pageIn(context, url) {
  const page = await context.newPage();
  const problems = [];
  const warnings = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
    if (m.type() === "warning") warnings.push(m.text());
  });
  await page.goto(url);
  return { page, problems, warnings, another: (next) => pageIn(context, new URL(next, url).href) };
}

/** Waits for n widget events and returns them all. */
export async function events(page, n = 1) {
  await page.waitForFunction((n) => window.__nt.events.length >= n, n, { timeout: 15000 });
  return page.evaluate(() => window.__nt.events);
}

/** Everything a reader sees in the widget inside `selector`. */
export function read(page, selector = "[data-news-ticker]") {
  return page.evaluate((selector) => {
    const host = document.querySelector(selector);
    const root = host && host.shadowRoot;
    if (!root) return null;
    const all = (s) => [...root.querySelectorAll(s)];
    const text = (s) => all(s).map((e) => e.textContent);
    const segments = all(".segment");
    return {
      visibleRates: segments[0] ? [...segments[0].querySelectorAll('[part~="rate"]')].map((e) => e.textContent) : [],
      copyRates: segments[1] ? [...segments[1].querySelectorAll('[part~="rate"]')].map((e) => e.textContent) : [],
      copyHidden: segments[1] ? [segments[1].getAttribute("aria-hidden"), segments[1].hasAttribute("inert")] : null,
      ticker: all('[part~="ticker"]').map((e) => [e.getAttribute("role"), e.getAttribute("aria-label")]),
      arrows: all('[part~="arrow"]').map((e) => e.getAttribute("aria-hidden")),
      date: text('[part~="date"]'),
      counter: text('[part~="counter"]'),
      cards: all('[part~="card"]').map((c) => c.tagName),
      titles: text('[part~="title"]'),
      links: all('[part~="title"]').map((a) => [a.tagName, a.getAttribute("href"), a.getAttribute("rel"), a.getAttribute("target")]),
      excerpts: text('[part~="excerpt"]'),
      more: all('[part~="more"]').map((b) => !b.hidden),
      status: text('[part~="status"]').join(""),
      statusRole: all('[part~="status"]').map((e) => e.getAttribute("role")),
    };
  }, selector);
}

/**
 * The fixture page with one container and `attrs`, optionally under the
 * strict CSP, with `tt` a Trusted Types allow-list of policy names, `dir`
 * the page's direction, `css` host stylesheets from tests/e2e/css/, and
 * `wasm: "slow"` the module served 1 s late, `files` another origin to load
 * the script from (with `integrity`; `script` its file name there), `inner` fallback content in the
 * container, and `before` a function the page runs before its own scripts.
 */
export function fixture(attrs, { csp = false, tt = null, dir = null, css = [], wasm = null, files = null, script = null, integrity = null, inner = false, before = null } = {}) {
  const query = [`attrs=${encodeURIComponent(JSON.stringify(attrs))}`];
  if (before) query.push(`before=${encodeURIComponent(`(${before})();`)}`);
  if (wasm) query.push(`wasm=${wasm}`);
  if (files) query.push(`files=${encodeURIComponent(files)}`);
  if (script) query.push(`script=${encodeURIComponent(script)}`);
  if (integrity) query.push(`integrity=${encodeURIComponent(integrity)}`);
  if (inner) query.push("inner=1");
  if (csp) query.push("csp=1");
  if (tt !== null) query.push(`tt=${encodeURIComponent(tt)}`);
  if (dir) query.push(`dir=${dir}`);
  for (const name of css) query.push(`css=${encodeURIComponent(name)}`);
  return `/fixture.html?${query.join("&")}`;
}

/** Appends a `data-news-ticker` container `<tag id=id>` with `attrs` to the page's body. */
export function addContainer(page, id, attrs, tag = "div") {
  return page.evaluate(
    ({ id, attrs, tag }) => {
      const el = document.createElement(tag);
      el.id = id;
      el.setAttribute("data-news-ticker", "");
      for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
      document.body.append(el);
    },
    { id, attrs, tag },
  );
}

/**
 * Makes the page read as hidden (a background tab) or shown again, and
 * tells it with `visibilitychange`: headless Chromium reports every tab
 * visible, even one behind another.
 */
export function setHidden(page, hidden) {
  return page.evaluate((hidden) => {
    window.__hidden = hidden;
    if (!Object.getOwnPropertyDescriptor(document, "hidden")) {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => window.__hidden });
    }
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

/**
 * Runs `run` on what `opening` opens (a session, or a result holding one
 * as `session`), then closes it, also when `run` fails.
 */
export async function withSession(opening, run) {
  const opened = await opening;
  try {
    return await run(opened);
  } finally {
    await (opened.session ?? opened).close();
  }
}

/**
 * What Chromium's `innerText` shows for `markup`, whitespace folded: the
 * browser's answer in tests/fixtures/html/innertext.json (written by
 * tools/innertext.mjs). A markup with no case there is an error: add it
 * and run the tool.
 */
export function browserText(markup) {
  const found = INNERTEXT.cases.find((c) => c.markup === markup);
  if (!found) throw new Error(`no case for ${JSON.stringify(markup)} in tests/fixtures/html/innertext.json`);
  return found.text;
}

const INNERTEXT = JSON.parse(fs.readFileSync(new URL("../fixtures/html/innertext.json", import.meta.url), "utf8"));
