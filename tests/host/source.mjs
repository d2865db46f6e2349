// The page-facing half as the build joins it (`HOST_JS` in the Makefile):
// every part in src/web/host/ in name order, then host.js, which makes
// `ntHost` of them.
import fs from "node:fs";

const DIR = new URL("../../src/web/host/", import.meta.url);

export function hostSource() {
  const parts = fs.readdirSync(DIR).filter((f) => f.endsWith(".js") && f !== "host.js").sort();
  return [...parts, "host.js"].map((f) => fs.readFileSync(new URL(f, DIR), "utf8")).join("\n");
}
