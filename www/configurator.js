// The configurator: a form over every data- attribute of the contract's
// section 2, a live preview (the widget built next to this page, set up by
// changing its container's attributes, as a page may) and the snippet to
// paste. Whether a setting's value is taken is the widget's own judgement
// (NewsTicker.check, the rules of crates/rules/src/config.rs): the form only words
// the advice; tests/e2e/configurator.test.mjs holds the two to the cases of
// tests/settings.json.
"use strict";

(() => {
  // The languages with a file in crates/rules/texts/ (the tests compare the two).
  const LANGUAGES = { en: "English", ru: "Russian", kk: "Kazakh", uz: "Uzbek (Latin)" };
  const TYPING_DELAY_MS = 400;

  const $ = (id) => document.getElementById(id);
  const form = $("options");

  // The deferred widget script runs after this one; its API is there by
  // DOMContentLoaded.
  const widgetLoaded = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
  });

  /** Whether the widget takes `value` for the attribute `name` (no warning). */
  const takes = async (name, value) => {
    await widgetLoaded;
    if (!window.NewsTicker) return true; // No widget beside this page: no judge, and no preview either.
    return (await window.NewsTicker.check({ [name]: value })).length === 0;
  };

  /** A check that asks the widget, and words its refusal as `advice(value)`. */
  const judged = (name, advice) => async (value) => ((await takes(name, value)) ? null : advice(value));

  /** The first entry of a data-currencies list the widget refuses, or `null`. */
  const badPair = async (text) => {
    for (const entry of text.split(",")) {
      if (!(await takes("data-currencies", entry))) return entry;
    }
    return null;
  };

  /** A URL the browser can resolve, over http or https; `null` when it is fine. */
  const urlProblem = (text, example) => {
    let url;
    try {
      url = new URL(text, location.href);
    } catch {
      return `This is not a web address. Enter one such as ${example}.`;
    }
    return url.protocol === "http:" || url.protocol === "https:" ? null : `Use an http: or https: address, such as ${example}.`;
  };

  const FEED_EXAMPLE = "https://news.example.org/feed.json";

  // Each setting: its default (left out of the snippet), and a check that
  // returns what is wrong with a trimmed, non-empty value, or null.
  const SETTINGS = [
    { name: "data-feed", required: "Enter the address of your feed.", check: (v) => urlProblem(v, FEED_EXAMPLE) },
    { name: "data-rates", check: (v) => urlProblem(v, "https://news.example.org/rates.json") },
    { name: "data-show", fallback: "both" },
    {
      name: "data-locale",
      fallback: "en-GB",
      check: judged("data-locale", () => "Enter a language tag, such as en-GB, ru-RU, kk-KZ or uz-Latn-UZ."),
    },
    { name: "data-excerpt-words", fallback: "500", check: judged("data-excerpt-words", () => "Enter a whole number of words, 1 or more.") },
    { name: "data-page-size", fallback: "10", check: judged("data-page-size", () => "Enter a whole number of cards, 1 or more.") },
    {
      name: "data-speed",
      fallback: "50",
      check: judged("data-speed", () => "Enter a speed above 0 in digits, with at most one decimal point, such as 50 or 37.5."),
    },
    {
      name: "data-refresh",
      fallback: "300",
      check: judged("data-refresh", () => "Enter a whole number of seconds, or 0 to never refresh."),
    },
    { name: "data-theme", fallback: "auto" },
    {
      name: "data-currencies",
      check: async (v) => {
        const bad = await badPair(v);
        return bad === null ? null : `“${bad.trim()}” is not a pair. Write pairs such as KZT/USD, separated by commas.`;
      },
    },
    { name: "data-link-target", fallback: "_blank" },
    // Written by the three boxes of "Each card also shows" (cardChosen).
    { name: "data-card", check: judged("data-card", () => "Choose any of date, author and image.") },
  ];
  // One setting per interface text (data-text-<key>), made from
  // dist/texts.json once it is read; empty until then.
  const TEXTS = [];
  let textsByLanguage = {};

  /** What is wrong with a replacement text: a placeholder the widget does not fill in there. */
  const textProblem = (allowed) => (value) => {
    const unknown = [...value.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).find((name) => !allowed.includes(name));
    if (unknown === undefined) return null;
    const list = allowed.map((name) => `{${name}}`);
    return allowed.length
      ? `{${unknown}} is not filled in here, so readers would see it as written. This text can use ${list.join(", ")}.`
      : `{${unknown}} is not filled in here, so readers would see it as written. This text has nothing to fill in.`;
  };

  const HOSTING = [
    { name: "script", required: "Enter where you host news-ticker.js.", check: (v) => urlProblem(v, "https://cdn.example.org/news-ticker.js") },
    { name: "fallback-url", check: (v) => urlProblem(v, "https://news.example.org/") },
    { name: "fallback-text" },
  ];

  /** A field's trimmed value; a number field the browser cannot read gives `undefined`. */
  const valueOf = (name) => {
    const field = form.elements[name];
    if (field instanceof HTMLInputElement && field.validity.badInput) return undefined;
    return field.value.trim();
  };

  /** Every setting and hosting field: its value and what is wrong with it. */
  const readForm = () =>
    Promise.all([...SETTINGS, ...TEXTS, ...HOSTING].map(async (setting) => {
      const value = valueOf(setting.name);
      let problem = null;
      if (value === undefined) problem = "Enter a number in digits.";
      else if (value === "") problem = setting.required ?? null;
      else if (setting.check) problem = await setting.check(value);
      return { ...setting, value: value ?? "", problem };
    }));

  /** Shows or clears the message under a text field, tied to it for screen readers. */
  const mark = ({ name, problem }) => {
    const field = form.elements[name];
    if (!(field instanceof HTMLInputElement)) return;
    const id = `${name}-error`;
    let message = $(id);
    if (!message) {
      message = document.createElement("p");
      message.id = id;
      message.className = "error";
      field.after(message);
    }
    message.textContent = problem ?? "";
    message.hidden = !problem;
    const described = (field.getAttribute("aria-describedby") || "").split(" ").filter((t) => t && t !== id);
    if (problem) described.unshift(id);
    if (described.length) field.setAttribute("aria-describedby", described.join(" "));
    else field.removeAttribute("aria-describedby");
    field.setAttribute("aria-invalid", String(Boolean(problem)));
  };

  /** The data- attributes of the widget: those set, valid and not the default. */
  const attributesOf = (fields) =>
    fields
      .filter((f) => f.name.startsWith("data-") && f.value !== "" && !f.problem && f.value !== f.fallback)
      .map((f) => [f.name, f.value]);

  const escape = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

  let manifest = null;

  const snippetOf = (attributes, fields) => {
    const field = (name) => fields.find((f) => f.name === name);
    const list = [["data-news-ticker", null], ...attributes].map(([k, v]) => (v === null ? k : `${k}="${escape(v)}"`));
    const open = list.length > 3 ? `<div ${list.join("\n     ")}>` : `<div ${list.join(" ")}>`;
    const fallback = field("fallback-url");
    const inner = fallback.value && !fallback.problem
      ? `\n  <a href="${escape(fallback.value)}">${escape(field("fallback-text").value || "Latest news")}</a>\n`
      : "";
    const script = field("script");
    const integrity = manifest ? ` integrity="${manifest.files["news-ticker.js"].integrity}" crossorigin="anonymous"` : "";
    return `${open}${inner}</div>\n<script src="${escape(script.value)}"${integrity} async></script>\n`;
  };

  // The preview: a container the widget mounts when it appears. Attributes
  // that are invalid are left off it, so it shows what the snippet gives.
  const preview = document.createElement("div");
  preview.id = "preview";
  preview.setAttribute("data-news-ticker", "");

  const applyToPreview = (attributes) => {
    const wanted = new Map(attributes);
    for (const { name } of [...SETTINGS, ...TEXTS]) {
      if (!wanted.has(name)) preview.removeAttribute(name);
      else if (preview.getAttribute(name) !== wanted.get(name)) preview.setAttribute(name, wanted.get(name));
    }
  };

  const languageNote = (fields) => {
    const locale = fields.find((f) => f.name === "data-locale");
    const tag = locale.problem ? locale.fallback : locale.value || locale.fallback;
    const subtag = tag.split("-")[0].toLowerCase();
    const language = LANGUAGES[subtag];
    // Each text field shows, in grey, the text it would replace.
    const texts = textsByLanguage[language ? subtag : "en"] || {};
    for (const { key, name } of TEXTS) form.elements[name].placeholder = texts[key] ?? "";
    $("language-note").textContent = language
      ? `Interface text in ${language}; dates and numbers as in ${tag}.`
      : `No interface text in this language yet, so it is in English; dates and numbers as in ${tag}.`;
  };

  let shown = "";
  let previewTimer = 0;

  // The settings live in the page's address too (#name=value&…), so a
  // configuration can be bookmarked or sent; what the page starts with
  // is left out of it.
  let initial = new Map();

  /** Every field's value as typed (radios: the checked one). */
  const formValues = () => [...SETTINGS, ...TEXTS, ...HOSTING].map(({ name }) => [name, form.elements[name].value]);

  const saveToAddress = () => {
    if (!initial.size) return; // Not started yet.
    const changed = formValues().filter(([name, value]) => value !== initial.get(name));
    const hash = changed.length ? `#${new URLSearchParams(changed)}` : "";
    if (location.hash !== hash) history.replaceState(null, "", hash || location.pathname + location.search);
  };

  const loadFromAddress = () => {
    for (const [name, value] of new URLSearchParams(location.hash.slice(1))) {
      const field = form.elements[name];
      if (!field || !initial.has(name)) continue;
      if (field instanceof RadioNodeList) {
        for (const radio of field) radio.checked = radio.value === value;
      } else {
        field.value = value;
      }
    }
  };

  // The latest reading of the form, and a count of readings begun, so an
  // older one that finishes late is dropped.
  let lastFields = [];
  let readings = 0;

  /** Reads the form; updates the messages and the snippet now, the preview now or after typing stops. */
  const update = async ({ typing = false } = {}) => {
    const reading = ++readings;
    form.dataset.checking = "";
    const fields = await readForm();
    if (reading !== readings) return;
    delete form.dataset.checking;
    lastFields = fields;
    fields.forEach(mark);
    languageNote(fields);
    const attributes = attributesOf(fields);
    shown = snippetOf(attributes, fields);
    $("snippet").textContent = shown;
    const problems = fields.filter((f) => f.problem).length;
    $("copy").disabled = problems > 0;
    $("copy-status").textContent = problems
      ? `Correct the ${problems === 1 ? "field" : `${problems} fields`} marked above to copy the snippet.`
      : "";
    saveToAddress();
    clearTimeout(previewTimer);
    if (typing) previewTimer = setTimeout(() => applyToPreview(attributes), TYPING_DELAY_MS);
    else applyToPreview(attributes);
    syncPairs();
  };

  // The pairs found in the feed (or the rates document), as check boxes
  // that write the pairs field; the field stays what counts.
  let pairsSource = "";
  let pairsRequest = null;

  // Reads the form as the latest update left it (it ran on the same input).
  const loadPairs = async () => {
    const source = ["data-rates", "data-feed"].map((n) => lastFields.find((f) => f.name === n)).find((f) => f && f.value && !f.problem);
    const url = source ? new URL(source.value, location.href).href : "";
    if (url === pairsSource) return;
    pairsSource = url;
    pairsRequest?.abort();
    $("pairs").replaceChildren();
    $("pairs").hidden = true;
    if (!url) return;
    const request = new AbortController();
    pairsRequest = request;
    try {
      const response = await fetch(url, { signal: request.signal });
      const doc = await response.json();
      const rates = Array.isArray(doc) ? doc : (doc.rates ?? doc._ticker?.rates ?? []);
      const pairs = [...new Set(rates.filter((r) => r && r.base && r.quote).map((r) => `${r.base}/${r.quote}`.toUpperCase()))];
      if (request.signal.aborted) return;
      for (const pair of pairs) {
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = pair;
        box.addEventListener("change", pairsChosen);
        label.append(box, ` ${pair}`);
        $("pairs").append(label);
      }
      $("pairs").hidden = pairs.length === 0;
      syncPairs();
    } catch {
      // Not JSON, not reachable or not shared with this page: the field alone will do.
    }
  };

  // The card boxes write data-card in one order; a value from the address sets the boxes.
  const cardBoxes = () => [...document.querySelectorAll("#card-extras input[type=checkbox]")];
  const cardChosen = () => {
    form.elements["data-card"].value = cardBoxes().filter((b) => b.checked).map((b) => b.value).join(", ");
    update();
  };
  const syncCard = () => {
    const chosen = form.elements["data-card"].value.split(",").map((w) => w.trim());
    for (const box of cardBoxes()) box.checked = chosen.includes(box.value);
  };

  const chosenPairs = () => {
    const text = valueOf("data-currencies");
    if (!text || lastFields.find((f) => f.name === "data-currencies")?.problem) return null;
    return new Set(text.split(",").map((p) => p.replace(/\s/g, "").toUpperCase()));
  };

  const syncPairs = () => {
    const chosen = chosenPairs();
    for (const box of $("pairs").querySelectorAll("input")) box.checked = chosen !== null && chosen.has(box.value);
  };

  function pairsChosen() {
    const boxes = [...$("pairs").querySelectorAll("input")];
    form.elements["data-currencies"].value = boxes.filter((b) => b.checked).map((b) => b.value).join(", ");
    update();
  }

  const copy = async () => {
    const status = $("copy-status");
    try {
      await navigator.clipboard.writeText(shown);
      status.textContent = "Copied. Paste it where the ticker should appear.";
    } catch {
      getSelection().selectAllChildren($("snippet"));
      status.textContent = "This browser did not let the page copy: the snippet is selected, so press Ctrl+C (⌘C on a Mac).";
    }
  };

  /** A JSON document beside this page (`dist/…`). */
  const besidePage = async (file) => {
    const response = await fetch(new URL(file, location.href));
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${file}`);
    return response.json();
  };

  /** Reads dist/texts.json and adds a field for each interface text. */
  const addTextFields = async () => {
    try {
      const { languages, placeholders } = await besidePage("dist/texts.json");
      textsByLanguage = languages;
      const fields = Object.keys(languages.en).map((key) => {
        const name = `data-text-${key}`;
        const field = document.createElement("div");
        field.className = "field";
        const label = document.createElement("label");
        label.htmlFor = name;
        label.textContent = key.charAt(0).toUpperCase() + key.slice(1).replace(/-/g, " ");
        const input = document.createElement("input");
        input.id = name;
        input.name = name;
        input.spellcheck = false;
        const hint = document.createElement("p");
        hint.className = "hint";
        const allowed = placeholders[key] || [];
        hint.textContent = `${name}${allowed.length ? `; fills in ${allowed.map((p) => `{${p}}`).join(", ")}` : ""}${key === "counter" ? "; replaces every plural form" : ""}.`;
        field.append(label, input, hint);
        TEXTS.push({ name, key, check: textProblem(allowed) });
        return field;
      });
      $("text-fields").replaceChildren(...fields);
    } catch {
      $("text-fields").textContent = "dist/texts.json could not be read: see docs/src/configuration.md (Languages) for the data-text-* attributes.";
    }
  };

  const start = async () => {
    form.elements["data-feed"].value = new URL("feed.json", location.href).href;
    form.elements["script"].value = new URL("dist/news-ticker.js", location.href).href;
    form.addEventListener("submit", (e) => e.preventDefault());
    form.addEventListener("input", (e) => {
      // A pair's box writes the field itself (pairsChosen).
      if (e.target.type === "checkbox") return;
      update({ typing: e.target.type !== "radio" });
      if (e.target.name === "data-feed" || e.target.name === "data-rates") setTimeout(loadPairs, TYPING_DELAY_MS);
    });
    form.addEventListener("change", (e) => {
      if (e.target.type !== "checkbox") update();
    });
    $("copy").addEventListener("click", copy);
    $("preview-width").addEventListener("change", (e) => $("preview-slot").classList.toggle("phone", e.target.value === "phone"));
    for (const type of ["news-ticker:ready", "news-ticker:update"]) {
      preview.addEventListener(type, () => ($("preview-status").textContent = ""));
    }
    preview.addEventListener("news-ticker:error", (e) => {
      $("preview-status").textContent = `The widget reports: ${e.detail.message}`;
    });
    await addTextFields();
    initial = new Map(formValues());
    loadFromAddress();
    syncCard();
    for (const box of cardBoxes()) box.addEventListener("change", cardChosen);
    if (location.hash) form.querySelector("details.texts").open = TEXTS.some(({ name }) => form.elements[name].value);
    await update();
    $("preview-slot").append(preview);
    loadPairs();
    try {
      manifest = await besidePage("dist/manifest.json");
      $("script-hint").textContent +=
        ` The integrity hash pins version ${manifest.version}: host the two files of that build unchanged.`;
    } catch {
      $("script-hint").textContent += " dist/manifest.json could not be read, so the snippet has no integrity hash.";
    }
    update();
  };

  start();
})();
