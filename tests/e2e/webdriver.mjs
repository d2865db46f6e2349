// A WebDriver classic client (the W3C protocol over HTTP) for the engines
// Playwright cannot drive here: Firefox through geckodriver and WebKitGTK
// through WebKitWebDriver. It speaks only what the suites use, and hands
// the suites the same shape as Playwright's browser, context and page, so
// a test is written once (tests/e2e/browser.mjs picks the engine).
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** What an engine cannot do over WebDriver classic, thrown where a test asks for it. */
export class Unsupported extends Error {}

/** A free port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One HTTP request to a driver on a connection of its own: a kept-alive
 * connection that the driver closes while idle would fail the next command.
 */
function request(port, method, urlPath, body) {
  const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
  const headers = data ? { "content-type": "application/json", "content-length": data.length } : {};
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: urlPath, headers, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      res.on("error", reject);
    });
    req.on("error", reject);
    // Longer than any script or page load may take (30 s): a driver silent
    // this long has lost its browser.
    req.setTimeout(60000, () => req.destroy(new Error("no answer from the driver in 60 s")));
    req.end(data);
  });
}

/**
 * A driver process on its own port, started with `env` added to ours.
 * `command(method, path, body)` sends one WebDriver command and returns
 * its value, or throws its error (with the driver's last words if it has
 * gone).
 */
async function startDriver(binary, args, env = {}) {
  const port = await freePort();
  const child = spawn(binary, [...args(port)], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } });
  let stderr = "";
  let exited = null;
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  child.on("exit", (code, signal) => (exited = `${binary} exited (${signal ?? code}): ${stderr.slice(-1000)}`));
  const command = async (method, urlPath, body) => {
    let text;
    try {
      text = await request(port, method, urlPath, body);
    } catch (e) {
      throw new Error(`${method} ${urlPath}: ${e.message}${exited ? `; ${exited}` : ""}`);
    }
    const answer = JSON.parse(text);
    if (answer.value && answer.value.error) {
      throw new Error(`${answer.value.error}: ${answer.value.message}`);
    }
    return answer.value;
  };
  for (let tries = 0; ; tries++) {
    try {
      await command("GET", "/status");
      break;
    } catch (e) {
      if (tries > 100) throw new Error(`${binary} did not start: ${stderr || e.message}`);
      await sleep(50);
    }
  }
  let stopped = false;
  const stop = () => {
    stopped = true;
    child.kill();
  };
  return { command, stop, gone: () => stopped || exited !== null };
}

/**
 * The engines this client drives: how to start a driver for a context's
 * options (colour scheme, reduced motion), the capabilities of a session,
 * and how each changes a media feature of a running page, if it can.
 */
const ENGINES = {
  firefox: {
    binary: process.env.GECKODRIVER || "geckodriver",
    args: (port) => ["--port", String(port)],
    // One driver for every kind of session: the prefs go in each session's capabilities.
    driverKey: () => "any",
    driverEnv: () => ({}),
    capabilities: (options) => ({
      browserName: "firefox",
      "moz:firefoxOptions": {
        binary: process.env.FIREFOX || "/usr/lib/firefox-esr/firefox-esr",
        args: ["-headless", "-remote-allow-system-access"],
        prefs: {
          "ui.prefersReducedMotion": options.reducedMotion === "reduce" ? 1 : 0,
          "layout.css.prefers-color-scheme.content-override": options.colorScheme === "dark" ? 0 : 1,
          "network.dns.localDomains": "plain.test",
          "javascript.enabled": options.javaScriptEnabled !== false,
        },
      },
    }),
    // Firefox reads both features from prefs, which its chrome context may change while a page runs.
    async emulateMedia(session, media) {
      const prefs = [];
      if (media.reducedMotion) prefs.push(["ui.prefersReducedMotion", media.reducedMotion === "reduce" ? 1 : 0]);
      if (media.colorScheme) prefs.push(["layout.css.prefers-color-scheme.content-override", media.colorScheme === "dark" ? 0 : 1]);
      await session.command("POST", `${session.path}/moz/context`, { context: "chrome" });
      try {
        await session.command("POST", `${session.path}/execute/sync`, {
          script: "for (const [name, value] of arguments[0]) Services.prefs.setIntPref(name, value);",
          args: [prefs],
        });
      } finally {
        await session.command("POST", `${session.path}/moz/context`, { context: "content" });
      }
      // The page sees a pref's change a moment later; Playwright's change is there when it returns.
      const wanted = [];
      if (media.reducedMotion) wanted.push(`(prefers-reduced-motion: ${media.reducedMotion})`);
      if (media.colorScheme) wanted.push(`(prefers-color-scheme: ${media.colorScheme})`);
      await session.page.waitForFunction((wanted) => wanted.every((query) => matchMedia(query).matches), wanted, { timeout: 5000 });
    },
  },
  webkit: {
    binary: process.env.WEBKITWEBDRIVER || "WebKitWebDriver",
    args: (port) => [`--port=${port}`],
    // WebKitGTK takes reduced motion from GTK's settings at start, so each
    // setting has its own driver (and config folder); one session each.
    driverKey: (options) => `motion=${options.reducedMotion === "reduce"}`,
    driverEnv(options, scratch) {
      const home = fs.mkdtempSync(path.join(scratch, "config-"));
      fs.mkdirSync(path.join(home, "gtk-3.0"));
      const animations = options.reducedMotion === "reduce" ? "false" : "true";
      fs.writeFileSync(path.join(home, "gtk-3.0/settings.ini"), `[Settings]\ngtk-enable-animations=${animations}\n`);
      return { XDG_CONFIG_HOME: home };
    },
    capabilities: (options) => ({
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": {
        binary: process.env.MINIBROWSER || "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        args: [
          "--automation",
          ...(options.colorScheme === "dark" ? ["--dark-mode"] : []),
          ...(options.javaScriptEnabled === false ? ["--enable-javascript=false"] : []),
        ],
      },
    }),
    emulateMedia() {
      throw new Unsupported("WebKitGTK reads colour scheme and reduced motion only at start");
    },
  },
};

/** Keys by the names Playwright gives them. */
const KEYS = { Tab: "\uE004", Enter: "\uE007", Space: " ", Escape: "\uE00C" };

/**
 * A browser of `engine` ("firefox" or "webkit"), shaped like Playwright's:
 * `newContext(options)` opens a WebDriver session, with Playwright's
 * `viewport`, `reducedMotion` and `colorScheme` options.
 */
export async function launchWebDriver(engine) {
  const kind = ENGINES[engine];
  // geckodriver and WebKitWebDriver hold one session each: a driver is
  // busy while its session lives, and a second session at the same time
  // gets a driver of its own.
  const drivers = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `nt-${engine}-`));
  const driverFor = async (options) => {
    const key = kind.driverKey(options);
    let driver = drivers.find((d) => d.key === key && !d.busy && !d.gone());
    if (!driver) {
      driver = { key, busy: false, ...(await startDriver(kind.binary, kind.args, kind.driverEnv(options, scratch))) };
      drivers.push(driver);
    }
    driver.busy = true;
    return driver;
  };
  return {
    engine,
    async newContext(options = {}) {
      // A browser that fails to start (seen once in CI: the driver waited
      // for it for good) gets one more try, with a new driver.
      for (let tries = 1; ; tries++) {
        const driver = await driverFor(options);
        try {
          const { sessionId } = await driver.command("POST", "/session", { capabilities: { alwaysMatch: kind.capabilities(options) } });
          const session = { command: driver.command, path: `/session/${sessionId}`, current: null };
          await session.command("POST", `${session.path}/timeouts`, { script: 30000, pageLoad: 30000 });
          session.current = await session.command("GET", `${session.path}/window`);
          return newContext(kind, session, options, () => (driver.busy = false));
        } catch (e) {
          driver.busy = false;
          driver.stop();
          if (tries === 2) throw e;
        }
      }
    },
    async close() {
      for (const driver of drivers) driver.stop();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

function newContext(kind, session, options, release) {
  const pages = [];
  const context = {
    async newPage() {
      let handle = session.current;
      if (pages.length > 0) {
        handle = (await session.command("POST", `${session.path}/window/new`, { type: "tab" })).handle;
      }
      const page = newPage(kind, session, context, handle);
      pages.push(page);
      if (options.viewport) await page.setViewportSize(options.viewport);
      return page;
    },
    addInitScript() {
      throw new Unsupported("WebDriver classic cannot run a script before a page's own");
    },
    setOffline() {
      throw new Unsupported("WebDriver classic cannot take the browser offline");
    },
    grantPermissions() {
      throw new Unsupported("WebDriver classic cannot grant permissions");
    },
    route() {
      throw new Unsupported("WebDriver classic cannot answer requests itself");
    },
    newCDPSession() {
      throw new Unsupported("the DevTools protocol is Chromium's");
    },
    async close() {
      await session.command("DELETE", session.path).catch(() => {});
      release();
    },
  };
  return context;
}

/**
 * The WebDriver script that runs `source` (a function's text) on its
 * argument in the page and returns its value with what the page's recorder
 * (tests/e2e/recorder.js) logged since the last call, and the page's
 * address (Playwright's page.url() is synchronous: this keeps it current). The driver compiles
 * the script itself, so the page's CSP does not apply to it (as it does not
 * to Playwright's evaluate).
 */
const runScript = (source) => `
return Promise.resolve((${source})(arguments[0], arguments[1])).then((value) => {
  const nt = window.__nt;
  const log = nt && nt.problems ? { problems: nt.problems.splice(0), warnings: nt.warnings.splice(0) } : null;
  return { value: value === undefined ? null : value, log, href: location.href };
});`;

function newPage(kind, session, context, handle) {
  const listeners = { pageerror: [], console: [] };
  const focus = async () => {
    if (session.current !== handle) {
      await session.command("POST", `${session.path}/window`, { handle });
      session.current = handle;
    }
  };
  const command = async (method, urlPath, body) => {
    await focus();
    return session.command(method, `${session.path}${urlPath}`, body);
  };
  // WebKit's driver turns element references back into elements only at
  // the top level of the arguments: `extra` is a second argument.
  const run = async (fn, arg, extra = null) => {
    const source = typeof fn === "function" ? fn.toString() : `() => (${fn})`;
    const { value, log, href } = await command("POST", "/execute/sync", { script: runScript(source), args: [arg === undefined ? null : arg, extra] });
    page.address = href;
    for (const { kind, text } of log?.problems ?? []) {
      if (kind === "pageerror") listeners.pageerror.forEach((l) => l({ message: text }));
      else listeners.console.forEach((l) => l({ type: () => "error", text: () => text }));
    }
    for (const text of log?.warnings ?? []) listeners.console.forEach((l) => l({ type: () => "warning", text: () => text }));
    return value;
  };
  const actions = (list) => command("POST", "/actions", { actions: list }).then(() => command("DELETE", "/actions"));
  const page = {
    on(event, listener) {
      if (listeners[event]) listeners[event].push(listener);
    },
    async goto(url) {
      await command("POST", "/url", { url });
      page.address = url;
    },
    url: () => page.address,
    context: () => context,
    evaluate: run,
    async waitForFunction(fn, arg, { timeout = 30000 } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const value = await run(fn, arg);
        if (value) return { jsonValue: async () => value };
        if (Date.now() > deadline) throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn}`);
        await sleep(50);
      }
    },
    waitForTimeout: sleep,
    async setViewportSize({ width, height }) {
      // The window's outer size, corrected by what the browser's frame takes.
      await command("POST", "/window/rect", { width, height });
      const inner = await run(() => [innerWidth, innerHeight]);
      if (inner[0] !== width || inner[1] !== height) {
        await command("POST", "/window/rect", { width: 2 * width - inner[0], height: 2 * height - inner[1] });
      }
    },
    emulateMedia: (media) => kind.emulateMedia({ ...session, page }, media),
    addInitScript: () => context.addInitScript(),
    async addScriptTag({ path: file }) {
      await command("POST", "/execute/sync", { script: fs.readFileSync(file, "utf8"), args: [] });
    },
    keyboard: {
      press: (key) => {
        const value = KEYS[key] ?? key;
        return actions([{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value }, { type: "keyUp", value }] }]);
      },
    },
    mouse: {
      move: (x, y) =>
        actions([{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [{ type: "pointerMove", x: Math.round(x), y: Math.round(y), origin: "viewport" }] }]),
    },
    locator: (selector, { hasText } = {}) => locator(run, command, () => run(({ selector, hasText }) => {
      const all = [...document.querySelectorAll(selector)];
      return (hasText ? all.filter((e) => e.textContent.includes(hasText)) : all)[0] ?? null;
    }, { selector, hasText: hasText ?? null })),
    getByLabel: (text) => locator(run, command, () => run((text) => {
      const label = [...document.querySelectorAll("label")].find((l) => l.textContent.trim() === text || l.textContent.includes(text));
      return label ? label.control : null;
    }, text)),
    async close() {
      await command("DELETE", "/window").catch(() => {});
      session.current = null;
    },
  };
  return page;
}

/** A Playwright-shaped locator over the element that `find()` returns. */
function locator(run, command, find) {
  const element = async () => {
    const found = await find();
    if (!found) throw new Error("no element matches the locator");
    return found[ELEMENT];
  };
  const on = (fn) => async () => run(fn, await find());
  const self = {
    click: async () => command("POST", `/element/${await element()}/click`, {}),
    async check() {
      if (!(await run((e) => e.checked, await find()))) await self.click();
    },
    async uncheck() {
      if (await run((e) => e.checked, await find())) await self.click();
    },
    async fill(value) {
      const id = await element();
      await command("POST", `/element/${id}/clear`, {});
      if (value) await command("POST", `/element/${id}/value`, { text: value });
    },
    blur: on((e) => e.blur()),
    inputValue: on((e) => e.value),
    textContent: on((e) => e.textContent),
    getAttribute: async (name) => run((e, name) => e.getAttribute(name), await find(), name),
    isDisabled: on((e) => e.disabled),
    isEnabled: on((e) => !e.disabled),
    isVisible: on((e) => e.checkVisibility()),
    isHidden: on((e) => !e.checkVisibility()),
  };
  return self;
}
