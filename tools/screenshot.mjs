// Screenshots of the demo pages in headless Chromium, for the README and the guide.
//   node tools/screenshot.mjs                  every shot below into docs/
//   node tools/screenshot.mjs NAME [NAME ...]  only those
// Each shot waits for the widget's first render, then pauses the marquee at
// its start so the picture shows the first rates.
import { launchChromium as launch } from "../tests/e2e/browser.mjs";
import { listen, staticFiles } from "./serve.mjs";

const SHOTS = {
  light: { page: "/index.html", width: 1100, height: 800, scheme: "light" },
  dark: { page: "/index.html", width: 1100, height: 800, scheme: "dark" },
  rtl: { page: "/rtl.html", width: 1100, height: 800 },
  phone: { page: "/index.html", width: 360, height: 740, scale: 2 },
  ru: { page: "/ru.html", width: 1100, height: 800 },
  configurator: { page: "/configurator.html", width: 1280, height: 1000, fill: { "data-page-size": "3", "data-excerpt-words": "25" } },
};

const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SHOTS);
const { server, origin } = await listen(staticFiles("www"));
const browser = await launch();
try {
  for (const name of names) {
    const shot = SHOTS[name];
    if (!shot) throw new Error(`no shot named ${name}: ${Object.keys(SHOTS).join(", ")}`);
    const context = await browser.newContext({
      viewport: { width: shot.width, height: shot.height },
      deviceScaleFactor: shot.scale || 1,
      colorScheme: shot.scheme || "light",
    });
    const page = await context.newPage();
    await page.goto(origin + shot.page);
    await page.waitForFunction(() => {
      const root = document.querySelector("[data-news-ticker]")?.shadowRoot;
      return root && root.querySelector('[part~="card"], [part~="rate"]');
    });
    for (const [name, value] of Object.entries(shot.fill || {})) {
      await page.fill(`[name="${name}"]`, value);
      await page.locator(`[name="${name}"]`).blur();
    }
    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    await page.waitForTimeout(shot.fill ? 500 : 0);
    await page.evaluate(() => {
      for (const host of document.querySelectorAll("[data-news-ticker]")) {
        for (const animation of host.shadowRoot.querySelector(".track")?.getAnimations() || []) {
          animation.pause();
          animation.currentTime = 0;
        }
      }
    });
    await page.waitForTimeout(300);
    const out = `docs/src/images/${name}.png`;
    await page.screenshot({ path: out, fullPage: false });
    console.log(`wrote ${out}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
