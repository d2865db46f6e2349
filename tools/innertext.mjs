// Regenerates the expected texts of tests/fixtures/html/innertext.json:
// for each case's markup, what Chromium's own `innerText` gives for it in a
// rendered page, with whitespace runs folded to one space as the widget
// folds them (Unicode White_Space, Rust's `split_whitespace`). The widget's
// rules are tested against these texts natively (tests/html.rs) and in
// each engine (tests/browser.rs). To add a case, add `{"markup": …}` and
// run this again:
//   node tools/innertext.mjs
import fs from "node:fs";
import { launchChromium } from "../tests/e2e/browser.mjs";

const FILE = new URL("../tests/fixtures/html/innertext.json", import.meta.url);
const WHITESPACE = /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

const cases = JSON.parse(fs.readFileSync(FILE, "utf8")).cases;
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setContent("<!doctype html><html><head><meta charset=utf-8></head><body><div id=case></div></body></html>");
  const texts = await page.evaluate((markups) => {
    const holder = document.getElementById("case");
    return markups.map((markup) => {
      holder.innerHTML = markup; // The generator's page, never the widget's.
      return holder.innerText;
    });
  }, cases.map((c) => c.markup));
  const version = browser.version();
  const out = cases.map((c, i) => ({ markup: c.markup, text: texts[i].replace(WHITESPACE, " ").trim() }));
  const header = `innerText of Chromium ${version}, whitespace folded; written by tools/innertext.mjs`;
  fs.writeFileSync(FILE, JSON.stringify({ about: header, cases: out }, null, 1) + "\n");
  console.log(`${out.length} cases written to ${FILE.pathname}`);
} finally {
  await browser.close();
}
