// The page-facing half as the build joins it (`HOST_JS` in the Makefile):
// every part in src/web/host/ in name order, then host.js, which makes
// `ntHost` of them.
import fs from "node:fs";

const DIR = new URL("../../src/web/host/", import.meta.url);

/**
 * A fresh `ntHost`, its source run with `globals` (a name to a value) in
 * scope before the page's own.
 */
export function freshHost(globals = {}) {
  const names = Object.keys(globals);
  return new Function(...names, `${hostSource()}\nreturn ntHost;`)(...names.map((n) => globals[n]));
}

export function hostSource() {
  const parts = fs.readdirSync(DIR).filter((f) => f.endsWith(".js") && f !== "host.js").sort();
  return [...parts, "host.js"].map((f) => fs.readFileSync(new URL(f, DIR), "utf8")).join("\n");
}
