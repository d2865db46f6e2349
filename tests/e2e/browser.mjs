// The browser of the end-to-end suites, chosen by ENGINE: Debian's
// Chromium driven by playwright-core (the default), or Firefox ESR and
// WebKitGTK over WebDriver classic (tests/e2e/webdriver.mjs), each shaped
// like Playwright's browser so that a test is written once. No browser
// download: every engine is a Debian package (make browser).
import { chromium } from "playwright-core";
import { launchWebDriver } from "./webdriver.mjs";

export const ENGINE = process.env.ENGINE || "chromium";
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

// The flags a root, offline CI machine needs: no sandbox (root), no
// background connections to hosts that cannot be reached. plain.test is
// 127.0.0.1 under a name that is not a secure context (127.0.0.1 is one).
export const INSECURE_HOST = "plain.test";
const ARGS = [
  `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`,
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Chromium, whatever ENGINE says (the benchmark is Chromium's). */
export function launchChromium(options = {}) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, ...options });
}

/** The browser of ENGINE. */
export function launch() {
  if (ENGINE === "chromium") return launchChromium();
  if (ENGINE === "firefox" || ENGINE === "webkit") return launchWebDriver(ENGINE);
  throw new Error(`ENGINE=${ENGINE}: the engines are chromium, firefox and webkit`);
}

/**
 * What a scenario needs that not every engine's driver gives, and why:
 * docs/src/hosting.md "Browser support" lists the same. `lacks(need)` is the reason
 * ENGINE lacks it (a test's `skip`, reported as skipped with the reason),
 * or false.
 */
const HEAP = "WebDriver has no measure of the JS heap (Chromium's DevTools protocol has)";
const CLIPBOARD = "its WebDriver cannot grant the clipboard-read permission: the copy is checked by its status line and the snippet shown";
const NO_SCRIPT = "its driver runs the test's own scripts as page JavaScript, which the switch turns off too";
const LACKS = {
  firefox: { heap: HEAP, clipboard: CLIPBOARD, "no javascript": NO_SCRIPT },
  webkit: {
    heap: HEAP,
    clipboard: CLIPBOARD,
    "no javascript": NO_SCRIPT,
    "host name":
      "WebKitGTK has no switch to resolve a test host name to 127.0.0.1 (Chromium's --host-resolver-rules, Firefox's network.dns.localDomains), and 127.0.0.1 itself is a secure context",
    "http cache": "MiniBrowser under WebDriver runs an ephemeral session that keeps no HTTP cache: no refresh is conditional, every answer is a 200 (which the widget compares and leaves unshown when unchanged)",
    "media switch": "WebKitGTK reads reduced motion and the colour scheme only when it starts; each setting is tested from the start instead",
  },
};

export function lacks(need) {
  return LACKS[ENGINE]?.[need] ?? false;
}
