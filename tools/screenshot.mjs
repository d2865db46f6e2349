// Screenshots of the demo page in headless Chromium, for the README.
//   node tools/screenshot.mjs OUT.png [PAGE] [WIDTH]
import { launch } from "../tests/e2e/browser.mjs";
import { listen, staticFiles } from "./serve.mjs";

const [out = "docs/demo.png", pagePath = "/index.html", width = "1100"] = process.argv.slice(2);
const { server, origin } = await listen(staticFiles("www"));
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: 800 } });
  await page.goto(origin + pagePath);
  await page.waitForFunction(() => {
    const root = document.querySelector("[data-news-ticker]")?.shadowRoot;
    return root && root.querySelector('[part~="card"], [part~="rate"]');
  });
  await page.waitForTimeout(500);
  await page.screenshot({ path: out, fullPage: false });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  server.close();
}
