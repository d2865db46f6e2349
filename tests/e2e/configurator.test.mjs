// End to end: the configurator (www/configurator.html). Each option of the
// contract's section 2 changes both the live preview and the snippet; a
// value the form refuses is one the widget warns about, and a value it takes
// is one the widget takes quietly; the copied snippet, pasted into a blank
// page, renders the same widget as the preview.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { lacks } from "./browser.mjs";
import { addContainer, fixture, read, setUp, withSession } from "./page.mjs";
import { ROOT } from "./servers.mjs";

const env = setUp();
const PREVIEW = "#preview";

/** Opens the configurator (`media` the reader's settings) and waits for the preview's first render. */
async function configurator(media) {
  const session = await env.open("/configurator.html", { width: 1200, height: 1400 }, media);
  await rendered(session.page, PREVIEW);
  await session.page.waitForFunction(() => document.getElementById("snippet").textContent.includes("integrity="));
  return session;
}

/** Runs `body(page, session)` on a configurator page of its own, closed after. */
async function withConfigurator(body, media) {
  await withSession(configurator(media), async (session) => {
    await body(session.page, session);
  });
}

/** Waits until the widget in `selector` shows rates or cards. */
function rendered(page, selector) {
  return page.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('[part~="rate"], [part~="card"]'), selector, {
    timeout: 15000,
  });
}

/** Types `value` into the field named `name` and leaves it (a change, as a person would). */
async function enter(page, name, value) {
  const field = page.locator(`#options [name="${name}"]`);
  await field.fill(value);
  await field.blur();
  // The form asks the widget about the value; wait for its answer.
  await page.waitForFunction(() => !document.getElementById("options").hasAttribute("data-checking"));
}

const snippet = (page) => page.locator("#snippet").textContent();

/** Waits until `check(view)` holds for the preview, and returns the view. */
async function previewWhere(page, check, what) {
  const deadline = Date.now() + 10000;
  for (;;) {
    const view = await read(page, PREVIEW);
    if (view && check(view)) return view;
    if (Date.now() > deadline) assert.fail(`the preview never showed ${what}: ${JSON.stringify(view)}`);
    await page.waitForTimeout(100);
  }
}

/** The duration of the preview's marquee animation, in ms. */
const marqueeMs = (page) =>
  page.evaluate(() => document.querySelector("#preview").shadowRoot.querySelector(".track").getAnimations()[0]?.effect.getComputedTiming().duration);

describe("configurator", () => {
  test("every option of the contract changes the preview and the snippet", async () => {
    await withConfigurator(async (page, session) => {
      const first = await read(page, PREVIEW);
      assert.deepEqual([first.visibleRates.length, first.cards.length], [5, 5]);
      assert.doesNotMatch(await snippet(page), /data-(show|locale|page-size|theme|currencies|link-target|speed|refresh|rates|excerpt-words)=/, "defaults stay out");
      assert.match(await snippet(page), new RegExp(`data-feed="${env.servers.page}/feed.json"`));

      await enter(page, "data-page-size", "2");
      await previewWhere(page, (v) => v.cards.length === 2 && v.counter[0].includes("1 - 2 of 5"), "two cards");
      assert.match(await snippet(page), /data-page-size="2"/);

      await enter(page, "data-excerpt-words", "3");
      const cut = await previewWhere(page, (v) => v.excerpts.every((e) => e.endsWith("...")), "cut excerpts");
      assert.ok(cut.excerpts.every((e) => e.split(/\s+/).length <= 3), JSON.stringify(cut.excerpts));
      assert.match(await snippet(page), /data-excerpt-words="3"/);

      await enter(page, "data-locale", "ru-RU");
      await previewWhere(page, (v) => !v.counter[0].includes("Viewing") && /[а-я]/.test(v.counter[0]), "a Russian counter");
      assert.equal(await page.evaluate(() => document.querySelector("#preview").shadowRoot.querySelector("[lang]")?.lang), "ru-RU");
      assert.match(await page.locator("#language-note").textContent(), /Russian/);
      assert.match(await snippet(page), /data-locale="ru-RU"/);

      await page.locator("#pairs label", { hasText: "KZT/USD" }).click();
      await page.locator("#pairs label", { hasText: "KGS/USD" }).click();
      assert.equal(await page.locator('[name="data-currencies"]').inputValue(), "KGS/USD, KZT/USD", "the boxes write the field in the feed's order");
      await previewWhere(page, (v) => v.visibleRates.length === 2 && v.visibleRates[0].startsWith("KGS/USD = "), "two pairs");
      assert.match(await snippet(page), /data-currencies="KGS\/USD, KZT\/USD"/);

      await page.getByLabel("Dark").check();
      await page.waitForFunction(() => document.querySelector("#preview").shadowRoot.querySelector('[data-theme="dark"]'));
      assert.match(await snippet(page), /data-theme="dark"/);

      await page.getByLabel("In the same tab").check();
      await previewWhere(page, (v) => v.links.length > 0 && v.links.every((l) => l[3] === "_self"), "links in the same tab");
      assert.match(await snippet(page), /data-link-target="_self"/);

      await page.getByLabel("Its date").check();
      await page.getByLabel("Its author").check();
      await page.waitForFunction(() => {
        const root = document.querySelector("#preview").shadowRoot;
        return root.querySelectorAll('[part~="time"]').length > 0 && root.querySelectorAll('[part~="author"]').length > 0;
      });
      assert.match(await snippet(page), /data-card="date, author"/);
      await page.getByLabel("Its author").uncheck();
      await page.waitForFunction(() => document.querySelector("#preview").shadowRoot.querySelectorAll('[part~="author"]').length === 0);
      assert.match(await snippet(page), /data-card="date"/);

      const before = await marqueeMs(page);
      await enter(page, "data-speed", "100");
      await page.waitForFunction((before) => {
        const ms = document.querySelector("#preview").shadowRoot.querySelector(".track").getAnimations()[0]?.effect.getComputedTiming().duration;
        return ms > 0 && Math.abs(ms * 2 - before) < before * 0.05;
      }, before);
      assert.match(await snippet(page), /data-speed="100"/);

      await enter(page, "data-refresh", "0");
      assert.equal(await page.locator(PREVIEW).getAttribute("data-refresh"), "0");
      assert.match(await snippet(page), /data-refresh="0"/);

      await enter(page, "data-currencies", "");
      await enter(page, "data-rates", `${env.servers.page}/rates.json`);
      await previewWhere(page, (v) => v.visibleRates.length === 4 && v.visibleRates[0].startsWith("KZT/RUB = "), "the rates document's rates");
      assert.match(await snippet(page), new RegExp(`data-rates="${env.servers.page}/rates.json"`));
      await page.waitForFunction(() => [...document.querySelectorAll("#pairs input")].map((b) => b.value).join() === "KZT/RUB,UZS/RUB,KGS/CNY,TJS/RUB");

      await page.getByLabel("Headlines only").check();
      await previewWhere(page, (v) => v.visibleRates.length === 0 && v.cards.length === 2, "headlines only");
      assert.match(await snippet(page), /data-show="headlines"/);

      const hebrew = JSON.parse(fs.readFileSync(path.join(ROOT, "www/feed-he.json"), "utf8")).items[0].title;
      await enter(page, "data-feed", "feed-he.json");
      await previewWhere(page, (v) => v.titles[0] === hebrew, "the other feed's first title");
      assert.match(await snippet(page), /data-feed="feed-he.json"/);

      await enter(page, "data-page-size", "10");
      await previewWhere(page, (v) => v.cards.length > 2, "the default page size again");
      assert.doesNotMatch(await snippet(page), /data-page-size/, "a value equal to the default is left out");
      assert.deepEqual(session.problems, []);
      assert.deepEqual(session.warnings, [], "nothing the form took made the widget warn");
    });
  });

  // Values the widget refuses and takes: one list, read by the Rust tests too.
  const CASES = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/settings.json"), "utf8"));
  const REFUSED = CASES.refused;
  const TAKEN = CASES.taken;
  // What a reader of the form can type: these are radio buttons (and the
  // card's check boxes), an empty
  // field is the default, and a number field takes only number syntax.
  const CHOICES = new Set(["data-show", "data-theme", "data-link-target", "data-card"]);
  const NUMBERS = new Set(["data-excerpt-words", "data-page-size", "data-refresh"]);
  const typeable = ([name, value]) =>
    !CHOICES.has(name) && value !== "" && (!NUMBERS.has(name) || /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/.test(value));
  const TYPED = REFUSED.filter(typeable);

  test("a value the form refuses is explained next to its field and left out; the widget refuses the same values", async () => {
    await withConfigurator(async (page) => {
      const unlabelled = await page.evaluate(() => [...document.querySelectorAll("#options input:not([type=hidden])")].filter((i) => i.labels.length === 0).map((i) => i.name));
      assert.deepEqual(unlabelled, [], "every field has a label");
      assert.ok(TYPED.length > 15);
      for (const [name, value] of TYPED) {
        await enter(page, name, value);
        const field = page.locator(`#options [name="${name}"]`);
        assert.equal(await field.getAttribute("aria-invalid"), "true", `${name}=${value}`);
        const message = page.locator(`#${name}-error`);
        assert.ok(await message.isVisible(), `${name}=${value}: the message is shown`);
        assert.ok((await message.textContent()).length > 10, `${name}=${value}: the message says something`);
        assert.ok((await field.getAttribute("aria-describedby")).split(" ").includes(`${name}-error`), "the field is described by it");
        assert.ok(await page.evaluate((n) => document.getElementById(`${n}-error`).previousElementSibling.name === n, name), "next to the field");
        assert.doesNotMatch(await snippet(page), new RegExp(`${name}=`), `${name}=${value} stays out of the snippet`);
        assert.equal(await page.locator(PREVIEW).getAttribute(name), null, `${name}=${value} stays off the preview`);
        assert.ok(await page.locator("#copy").isDisabled(), "nothing to copy while a field is wrong");
        assert.match(await page.locator("#copy-status").textContent(), /Correct the field/);
        await enter(page, name, "");
        assert.equal(await field.getAttribute("aria-invalid"), "false");
        assert.ok(await page.locator(`#${name}-error`).isHidden());
      }
      for (const [name, value] of TAKEN) {
        await enter(page, name, value);
        assert.equal(await page.locator(`#options [name="${name}"]`).getAttribute("aria-invalid"), "false", `${name}=${value}`);
        assert.ok((await snippet(page)).includes(`${name}="${value}"`), `${name}=${value} is in the snippet`);
        await enter(page, name, "");
      }
      assert.ok(await page.locator("#copy").isEnabled());

      await enter(page, "data-feed", "");
      assert.match(await page.locator("#data-feed-error").textContent(), /address of your feed/);
      await enter(page, "data-feed", "ftp://news.example.org/feed.json");
      assert.match(await page.locator("#data-feed-error").textContent(), /http/);
      await enter(page, "data-rates", "https://exa mple.org:99999/");
      assert.match(await page.locator("#data-rates-error").textContent(), /not a web address/);
    });

    // The same values on containers of a page: the widget warns for each refused one, and for no taken one.
    await withSession(env.open(fixture({ "data-feed": "/never", "data-refresh": "0" })), async (widget) => {
      const all = [...REFUSED, ...TAKEN];
      for (const [i, [name, value]] of all.entries()) {
        await addContainer(widget.page, `c${i}`, { "data-feed": "/never", "data-refresh": "0", [name]: value });
      }
      await widget.page.waitForFunction((n) => document.querySelectorAll("[data-news-ticker]").length === n && [...document.querySelectorAll("[data-news-ticker]")].every((e) => e.shadowRoot), all.length + 1);
      for (const [name, value] of REFUSED) {
        assert.ok(widget.warnings.some((w) => w.includes(`${name}="${value}"`)), `the widget warns for ${name}=${value}: ${widget.warnings.join(" | ")}`);
      }
      for (const [name, value] of TAKEN) {
        assert.ok(!widget.warnings.some((w) => w.includes(`${name}="${value}"`)), `the widget takes ${name}=${value}`);
      }
      const settings = widget.warnings.filter((w) => /^news-ticker: data-/.test(w));
      assert.equal(settings.length, REFUSED.length, settings.join("\n"));
    });
  });

  test("the copied snippet, pasted into a blank page, renders the same widget as the preview", async () => {
    await withConfigurator(async (page, session) => {
      // Chromium lets the test read the clipboard back; the other drivers
      // cannot grant that, so there the copy is checked by its status line.
      const readable = !lacks("clipboard");
      if (readable) await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.servers.page });
      // Characters that must be escaped in an attribute, kept by the copy.
      await enter(page, "data-feed", `${env.servers.page}/feed.json?a=1&b="<2>"`);
      await enter(page, "data-locale", "ru-RU");
      await enter(page, "data-page-size", "2");
      await enter(page, "data-excerpt-words", "6");
      await enter(page, "data-currencies", "UZS/USD,KGS/USD");
      await page.getByLabel("Dark").check();
      await page.getByLabel("In the same tab").check();
      await enter(page, "fallback-url", "https://news.example.org/?a=1&b=2");
      await enter(page, "fallback-text", "Новости <сегодня>");
      await previewWhere(page, (v) => v.cards.length === 2 && v.visibleRates.length === 2 && /[а-я]/.test(v.counter[0]), "the chosen settings");
      await page.locator("#copy").click();
      await page.waitForFunction(() => document.getElementById("copy-status").textContent.startsWith("Copied"));
      const copied = readable ? await page.evaluate(() => navigator.clipboard.readText()) : await snippet(page);
      assert.equal(copied, await snippet(page));
      assert.match(copied, /integrity="sha384-[A-Za-z0-9+/]{64}" crossorigin="anonymous" async><\/script>/);

      // A blank page of the publisher's own: nothing but the snippet.
      env.servers.paste(copied);
      const blank = await session.another("/pasted.html");
      const link = blank.page.locator("[data-news-ticker] > a");
      assert.deepEqual([await link.getAttribute("href"), await link.textContent()], ["https://news.example.org/?a=1&b=2", "Новости <сегодня>"]);
      await rendered(blank.page, "[data-news-ticker]");
      const attributes = (p, s) => p.evaluate((s) => [...document.querySelector(s).attributes].map((a) => [a.name, a.value]).filter(([n]) => n !== "id").sort(), s);
      assert.deepEqual(await attributes(blank.page, "[data-news-ticker]"), await attributes(page, PREVIEW));
      const theme = (p, s) => p.evaluate((s) => document.querySelector(s).shadowRoot.querySelector("[data-theme]").dataset.theme, s);
      assert.equal(await theme(blank.page, "[data-news-ticker]"), await theme(page, PREVIEW));
      // The same content, text for text; only how many times the rates are
      // repeated to fill the width differs (the preview is narrower).
      const content = async (p, s) => {
        const { arrows, ...rest } = await read(p, s);
        assert.ok(arrows.length > 0 && arrows.every((a) => a === "true"));
        return rest;
      };
      assert.deepEqual(await content(blank.page), await content(page, PREVIEW));
      assert.deepEqual(blank.problems, []);
      assert.deepEqual(blank.warnings, []);
    });
  });

  test("interface texts: a replacement reaches preview and snippet, the grey text follows the language, a stray placeholder is explained", async () => {
    await withConfigurator(async (page, session) => {
      const source = (language) =>
        Object.fromEntries(
          fs.readFileSync(path.join(ROOT, `crates/rules/texts/${language}.txt`), "utf8").split("\n")
            .filter((l) => l.includes(" = ") && !l.startsWith("#"))
            .map((l) => l.split(" = ").map((t) => t.trim())),
        );
      // The widget reads a data-text-* for each key of English, in its file's order.
      const attributes = [...new Set(Object.keys(source("en")).map((key) => `data-text-${key.split(".")[0]}`))];
      await page.locator("details.texts summary").click();
      const names = await page.evaluate(() => [...document.querySelectorAll("#text-fields input")].map((i) => i.name));
      assert.deepEqual(names, attributes, "a field for each data-text-* attribute the widget reads, in its order");
      const more = page.locator('[name="data-text-show-more"]');
      assert.equal(await more.getAttribute("placeholder"), source("en")["show-more"]);
      await enter(page, "data-locale", "ru-RU");
      assert.equal(await more.getAttribute("placeholder"), source("ru")["show-more"]);

      await enter(page, "data-page-size", "2");
      await enter(page, "data-text-show-more", "Ещё новости");
      await enter(page, "data-text-counter", "{first}–{last} / {total}");
      const shown = (part) => page.evaluate((part) => document.querySelector("#preview").shadowRoot.querySelector(`[part~="${part}"]`)?.textContent, part);
      await page.waitForFunction(() => document.querySelector("#preview").shadowRoot.querySelector('[part~="more"]')?.textContent === "Ещё новости");
      await page.waitForFunction(() => document.querySelector("#preview").shadowRoot.querySelector('[part~="counter"]')?.textContent === "1–2 / 5");
      assert.match(await snippet(page), /data-text-show-more="Ещё новости"/);
      assert.match(await snippet(page), /data-text-counter="\{first\}–\{last\} \/ \{total\}"/);

      await enter(page, "data-text-counter", "{first} of {all}");
      assert.match(await page.locator("#data-text-counter-error").textContent(), /\{all\} is not filled in here.*\{first\}, \{last\}, \{total\}/);
      assert.doesNotMatch(await snippet(page), /data-text-counter/);
      assert.equal(await page.locator(PREVIEW).getAttribute("data-text-counter"), null);
      assert.ok(await page.locator("#copy").isDisabled());
      await enter(page, "data-text-pause", "{nothing}");
      assert.match(await page.locator("#data-text-pause-error").textContent(), /has nothing to fill in/);
      await enter(page, "data-text-pause", "");
      await enter(page, "data-text-counter", "");
      await page.waitForFunction(() => /из 5/.test(document.querySelector("#preview").shadowRoot.querySelector('[part~="counter"]')?.textContent));
      assert.equal(await shown("more"), "Ещё новости");
      assert.deepEqual(session.warnings, []);
    });
  });

  test("the page's address keeps the settings: opened again, it gives the same snippet and preview", async () => {
    await withConfigurator(async (page, session) => {
      assert.equal(new URL(page.url()).hash, "", "nothing changed, nothing in the address");
      await enter(page, "data-locale", "kk-KZ");
      await enter(page, "data-page-size", "3");
      await page.getByLabel("Rates only").check();
      await page.getByLabel("Dark").check();
      await page.locator("details.texts summary").click();
      await enter(page, "data-text-pause", "Тоқта & күт");
      await enter(page, "fallback-url", "https://news.example.org/kk/");
      const address = page.url();
      assert.match(new URL(address).hash, /data-locale=kk-KZ/);
      const expected = await snippet(page);
      const again = await session.another(address);
      await rendered(again.page, PREVIEW);
      await again.page.waitForFunction((s) => document.getElementById("snippet").textContent === s, expected);
      const attributes = (p) => p.evaluate(() => [...document.querySelector("#preview").attributes].map((a) => `${a.name}=${a.value}`).sort());
      assert.deepEqual(await attributes(again.page), await attributes(page));
      assert.equal(await again.page.locator('[name="data-text-pause"]').isVisible(), true, "a replaced text is shown open");
      assert.deepEqual(again.problems, []);
    });
  });

  test("the preview can be seen at a phone's width", async () => {
    await withConfigurator(async (page) => {
      await page.getByLabel("A phone's (360 px)").check();
      await page.waitForFunction(() => Math.round(document.getElementById("preview").getBoundingClientRect().width) <= 360);
      const fits = await page.evaluate(() => {
        const root = document.getElementById("preview").shadowRoot;
        return [...root.querySelectorAll('[part~="card"]')].every((c) => c.getBoundingClientRect().right <= document.getElementById("preview").getBoundingClientRect().right + 0.5);
      });
      assert.equal(fits, true, "the cards fit the phone width");
      await page.getByLabel("This page's").check();
      await page.waitForFunction(() => document.getElementById("preview").getBoundingClientRect().width > 400);
    });
  });

  test("axe-core reports no violation, light and dark, with a field in error", async () => {
    for (const colorScheme of ["light", "dark"]) {
      await withConfigurator(async (page) => {
        await enter(page, "data-page-size", "0");
        await page.addScriptTag({ path: path.join(ROOT, "node_modules/axe-core/axe.min.js") });
        const result = await page.evaluate(async () => {
          const r = await axe.run(document, { resultTypes: ["violations"] });
          return { violations: r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target) })), passes: r.passes.length };
        });
        console.log(`# axe configurator ${colorScheme}: ${result.violations.length} violations, ${result.passes} rules passed`);
        assert.deepEqual(result.violations, [], colorScheme);
      }, { colorScheme });
    }
  });

  test("the language note knows each language with a text file and says when English stands in; the page fits a phone", async () => {
    await withConfigurator(async (page) => {
      const files = fs.readdirSync(path.join(ROOT, "crates/rules/texts")).map((f) => path.basename(f, ".txt")).sort();
      const names = {};
      for (const language of files) {
        await enter(page, "data-locale", `${language}-XX`);
        const note = await page.locator("#language-note").textContent();
        assert.doesNotMatch(note, /No interface text/, `${language} has its texts`);
        names[language] = note;
      }
      assert.equal(new Set(Object.values(names)).size, files.length, "each language is named differently");
      await enter(page, "data-locale", "de-DE");
      assert.match(await page.locator("#language-note").textContent(), /English/);

      await page.setViewportSize({ width: 360, height: 740 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, "nothing wider than a phone");
    });
  });
});
