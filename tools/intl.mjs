// Regenerates tests/fixtures/intl.json: what Chromium's own `Intl` writes,
// with the options the widget uses (`intl` in src/web/host/intl.js), for each
// locale that a server render formats without a browser
// (`Native` in crates/rules/src/render.rs). tests/render.rs checks the built-in
// formats against these texts:
//   node tools/intl.mjs
import fs from "node:fs";
import { launchChromium } from "../tests/e2e/browser.mjs";

const FILE = new URL("../tests/fixtures/intl.json", import.meta.url);
const LOCALES = ["en-GB", "en-US", "en", "en-AU", "en-IN", "ru", "ru-RU", "ru-KZ"];
const NUMBERS = ["0.01144", "-0.5", "12345.6789", "100", "0", "-1.10", "1000000.000001"];
const DATES = [];
for (let month = 1; month <= 12; month++) DATES.push([2025, month, month * 2]);
DATES.push([2026, 1, 1], [1999, 12, 31], [2024, 2, 29]);
const COUNTS = [...Array(125).keys(), 1001, 1011, 1021, 1111, 12345];
const NAMES = [["Ann"], ["Ann", "Bo"], ["Ann", "Bo", "Cy"], ["Ann", "Bo", "Cy", "Di"]];
const RELATIVE = [[0, "second"], [-1, "day"]];
for (const n of [1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 25, 31, 59]) RELATIVE.push([-n, "minute"]);
for (const n of [1, 2, 3, 5, 11, 21, 22, 23]) RELATIVE.push([-n, "hour"]);

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setContent("<!doctype html><html><head><meta charset=utf-8></head><body></body></html>");
  const locales = await page.evaluate(
    ({ locales, numbers, dates, counts, names, relative }) =>
      Object.fromEntries(
        locales.map((locale) => {
          const places = (text) => (text.split(".")[1] || "").length;
          const number = (text) =>
            new Intl.NumberFormat(locale, {
              minimumFractionDigits: places(text),
              maximumFractionDigits: places(text),
              useGrouping: false,
            }).format(/** @type {any} */ (text));
          const date = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
          const plural = new Intl.PluralRules(locale);
          const list = new Intl.ListFormat(locale, { type: "conjunction" });
          const ago = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
          return [
            locale,
            {
              numbers: numbers.map((n) => [n, number(n)]),
              dates: dates.map(([y, m, d]) => [[y, m, d], date.format(Date.UTC(y, m - 1, d, 12))]),
              plurals: counts.map((c) => [c, plural.select(c)]),
              lists: names.map((n) => [n, list.format(n)]),
              relative: relative.map(([v, unit]) => [v, unit, ago.format(v, unit)]),
            },
          ];
        }),
      ),
    { locales: LOCALES, numbers: NUMBERS, dates: DATES, counts: COUNTS, names: NAMES, relative: RELATIVE },
  );
  const about = `Intl of Chromium ${browser.version()} with the widget's options; written by tools/intl.mjs`;
  fs.writeFileSync(FILE, JSON.stringify({ about, locales }, null, 1) + "\n");
  console.log(`${LOCALES.length} locales written to ${FILE.pathname}`);
} finally {
  await browser.close();
}
