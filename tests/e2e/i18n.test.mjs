// End to end: the interface text in each language of data-locale (English,
// Russian, Kazakh, Uzbek in Latin script), plural forms by Intl.PluralRules,
// the fallback by language then to English, and data-text-* replacements.
// The events stay English whatever the reader's language.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { events, fixture, read, setUp, withSession } from "./page.mjs";

const env = setUp();

/** What a reader of `locale` sees and hears of the interface itself. */
async function interfaceText(locale, feed = "/feed.json", extra = {}) {
  const key = `${locale}-${Date.now()}`;
  const session = await env.open(fixture({ "data-feed": `${env.servers.feed}${feed}${feed.includes("?") ? "&" : "?"}k=${key}`, "data-locale": locale, "data-refresh": "0", ...extra }));
  const [event] = await events(session.page);
  const view = await read(session.page);
  const spoken = await session.page.evaluate(() => {
    const root = document.querySelector("[data-news-ticker]").shadowRoot;
    const q = (s) => root.querySelector(s);
    return {
      lang: q(".nt")?.getAttribute("lang"),
      ticker: q('[part~="ticker"]')?.getAttribute("aria-label"),
      pause: q('[part~="pause"]')?.getAttribute("aria-label"),
      more: q('[part~="more"]')?.textContent,
      firstRate: q('[part~="rate"]')?.getAttribute("aria-label"),
    };
  });
  return { session, event, view, spoken };
}

const LANGUAGES = [
  {
    locale: "en-GB",
    ticker: "Currency rates",
    pause: "Pause currency rates",
    more: "Show more",
    counter: "Viewing results 1 - 5 of 5",
    rate: "KGS to USD 0.01144, unchanged",
    empty: "No results",
    failed: "The news could not be loaded: the feed answered HTTP 500.",
  },
  {
    locale: "ru-RU",
    ticker: "Курсы валют",
    pause: "Остановить курсы валют",
    more: "Показать ещё",
    counter: "Показаны 1–5 из 5 новостей",
    rate: "KGS к USD: 0,01144, без изменений",
    empty: "Нет результатов",
    failed: "Не удалось загрузить новости: сервер ответил HTTP 500.",
  },
  {
    locale: "kk-KZ",
    ticker: "Валюта бағамдары",
    pause: "Валюта бағамдарын тоқтату",
    more: "Тағы көрсету",
    counter: "Көрсетілгені: 1–5, барлығы 5",
    // Digits and separators come from the browser's Intl data: Debian's
    // Chromium has none for kk and uz numbers and writes 0.01144.
    rate: /^KGS\/USD: 0[.,]01144, өзгеріссіз$/,
    empty: "Нәтиже жоқ",
    failed: "Жаңалықтарды жүктеу мүмкін болмады: сервер HTTP 500 деп жауап берді.",
  },
  {
    locale: "uz-Latn-UZ",
    ticker: "Valyuta kurslari",
    pause: "Valyuta kurslarini to‘xtatish",
    more: "Yana ko‘rsatish",
    counter: "Ko‘rsatilmoqda: 1–5, jami 5",
    rate: /^KGS\/USD: 0[.,]01144, o‘zgarishsiz$/,
    empty: "Natija yo‘q",
    failed: "Yangiliklarni yuklab bo‘lmadi: server HTTP 500 bilan javob berdi.",
  },
];

describe("each language", () => {
  for (const l of LANGUAGES) {
    test(`${l.locale}: labels, counter, rate label, empty feed and error in its language`, async () => {
      await withSession(interfaceText(l.locale, "/feed.json", { "data-page-size": "5" }), async ({ session, view, spoken }) => {
        assert.equal(spoken.lang, l.locale, "the interface says its language");
        assert.deepEqual([spoken.ticker, spoken.pause, spoken.more], [l.ticker, l.pause, l.more]);
        assert.deepEqual(view.counter, [l.counter]);
        if (l.rate instanceof RegExp) assert.match(spoken.firstRate, l.rate);
        else assert.equal(spoken.firstRate, l.rate);
        // The rate line itself is the same in every language (docs/src/rendering.md "What is rendered") but for digits.
        assert.match(view.visibleRates[0], /^KGS\/USD = 0[.,]01144 0%$/);
        assert.deepEqual(session.problems, []);
      });
      await withSession(interfaceText(l.locale, "/hostile/empty"), async (empty) => {
        assert.deepEqual(empty.view.counter, [l.empty]);
      });
      await withSession(interfaceText(l.locale, "/status/500"), async (failed) => {
        assert.equal(failed.view.status, l.failed);
        assert.equal(failed.event.type, "news-ticker:error");
        assert.equal(failed.event.detail.message, "the feed answered HTTP 500", "the page's event is English");
      });
    });
  }
});

describe("plural forms and fallback", () => {
  test("Russian counts take the form Intl.PluralRules gives: из 1 / 21 новости, из 3 / 5 / 11 новостей", async () => {
    const expected = { 1: "Показаны 1–1 из 1 новости", 3: "Показаны 1–3 из 3 новостей", 5: "Показаны 1–5 из 5 новостей", 11: "Показаны 1–10 из 11 новостей", 21: "Показаны 1–10 из 21 новости" };
    for (const [n, counter] of Object.entries(expected)) {
      await withSession(interfaceText("ru", `/hostile/items?n=${n}`), async ({ session, view }) => {
        assert.deepEqual(view.counter, [counter], `${n} items`);
      });
    }
  });

  test("a regional or unknown locale falls back by language, then to English", async () => {
    for (const [locale, more] of [["ru-KZ", "Показать ещё"], ["kk", "Тағы көрсету"], ["uz", "Yana ko‘rsatish"], ["de-DE", "Show more"], ["tg-TJ", "Show more"]]) {
      await withSession(interfaceText(locale), async ({ session, spoken }) => {
        assert.equal(spoken.more, more, locale);
      });
    }
  });
});

describe("an invalid locale on the page from the start", () => {
  // The script prepares Intl for each container's locale while the module
  // loads: a tag Intl refuses must cost that nothing but the widget's own warning.
  test("renders in English with one warning naming it, and no error in the page", async () => {
    for (const locale of ["english please", "x-@"]) {
      await withSession(interfaceText(locale), async ({ session, spoken, event }) => {
        assert.equal(event.type, "news-ticker:ready");
        assert.equal(spoken.more, "Show more");
        assert.deepEqual(session.warnings.filter((w) => w.includes("data-locale")), [`news-ticker: data-locale="${locale}" is not a BCP 47 language tag; using en-GB`]);
        assert.deepEqual(session.problems, []);
      });
    }
  });
});

describe("data-text-* attributes", () => {
  test("replace any text, also in another language, and a change is re-applied", async () => {
    await withSession(interfaceText("ru-RU", "/feed.json", {
      "data-page-size": "2",
      "data-text-show-more": "Ещё новости",
      "data-text-counter": "{first}–{last} / {total}",
      "data-text-pause": "Пауза",
      "data-text-rate-unchanged": "{base}: {rate}",
    }), async ({ session, view, spoken }) => {
      assert.equal(spoken.more, "Ещё новости");
      assert.equal(spoken.pause, "Пауза");
      assert.equal(spoken.firstRate, "KGS: 0,01144");
      assert.deepEqual(view.counter, ["1–2 / 5"]);
      assert.equal(spoken.ticker, "Курсы валют", "texts not replaced stay the language's");
      await session.page.evaluate(() => document.querySelector("[data-news-ticker]").setAttribute("data-text-counter", "{total} всего"));
      await session.page.waitForFunction(() => document.querySelector("[data-news-ticker]").shadowRoot.querySelector('[part~="counter"]')?.textContent === "5 всего", null, { timeout: 5000 });
      assert.deepEqual(session.problems, []);
    });
  });

  test("replace the error and stale texts", async () => {
    await withSession(interfaceText("en-GB", "/status/500", { "data-text-news-failed": "News is taking a break ({problem})." }), async ({ session, view }) => {
      assert.equal(view.status, "News is taking a break (the feed answered HTTP 500).");
    });
  });
});
