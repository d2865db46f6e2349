// Debian's Chromium driven by playwright-core: no browser download.
import { chromium } from "playwright-core";

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

export function launch(options = {}) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, ...options });
}
