/* `Intl` formatters, made once per locale and settings and shared with
   the loader's warm-up, and word segmentation. Part of `ntHost` (host.js). */
// @ts-check

// eslint-disable-next-line no-unused-vars
var ntIntl = {
  /**
   * The reader's Intl, made once per locale and settings (making one costs
   * far more than using it) and shared by every widget. `kind`: "number"
   * formats a decimal's text exactly (no float) with `places` places and
   * no grouping; "date" a calendar date (ms at noon UTC) as day, month
   * name and year; "time" a moment (ms) as a medium date and short time;
   * "plural" gives a count's plural category; "list" joins names given one
   * a line; a unit ("minute", "hour", "day") says how long ago `value`
   * of them was ("3 hours ago", "yesterday"). Undefined where Intl refuses
   * (an unknown locale, a browser without it): the module then falls back.
   * @param {string} kind
   * @param {string} locale
   * @param {string} value
   * @param {number} places
   * @returns {string | undefined}
   */
  intl: function (kind, locale, value, places) {
    try {
      if (kind === "plural") {
        return ntHost.made("PluralRules", locale, {}, kind).select(Number(value));
      }
      if (kind === "list") {
        return ntHost.made("ListFormat", locale, { type: "conjunction" }, kind).format(value.split("\n"));
      }
      if (kind !== "number" && kind !== "date" && kind !== "time") {
        return ntHost.made("RelativeTimeFormat", locale, { numeric: "auto" }, "relative").format(Number(value), kind);
      }
      /** @type {Intl.NumberFormatOptions & Intl.DateTimeFormatOptions} */
      var options =
        kind === "number" ? { minimumFractionDigits: places, maximumFractionDigits: places, useGrouping: false }
        : kind === "date" ? { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }
        : { dateStyle: "medium", timeStyle: "short" };
      var made = ntHost.made(kind === "number" ? "NumberFormat" : "DateTimeFormat", locale, options, kind + places);
      // NumberFormat reads a decimal string exactly; dates take numbers.
      return made.format(kind === "number" ? value : Number(value));
    } catch (error) {
      return undefined;
    }
  },

  /**
   * The words of a run written without spaces, by `Intl.Segmenter`: for
   * each segment, its end (in UTF-8 bytes, as the module counts) and 1 if
   * it is word-like; undefined where the browser has no segmenter.
   * @param {string} locale
   * @param {string} run
   * @returns {Uint32Array | undefined}
   */
  words: function (locale, run) {
    try {
      var pairs = [];
      var end = 0;
      for (var part of ntHost.made("Segmenter", locale, { granularity: "word" }, "words").segment(run)) {
        for (var i = 0; i < part.segment.length; i++) {
          var unit = part.segment.charCodeAt(i);
          // A surrogate pair is one 4-byte character.
          end += unit < 0x80 ? 1 : unit < 0x800 ? 2 : unit >= 0xd800 && unit < 0xdc00 ? (i++, 4) : 3;
        }
        pairs.push(end, part.isWordLike ? 1 : 0);
      }
      return new Uint32Array(pairs);
    } catch (error) {
      return undefined;
    }
  },

  /** @type {Map<string, any>} */
  formatters: new Map(),

  /**
   * `new Intl[name](locale, options)`, made once for each `key` (which
   * names the options). Throws where Intl refuses.
   * @param {string} name
   * @param {string} locale
   * @param {object} options
   * @param {string} key
   * @returns {any}
   */
  made: function (name, locale, options, key) {
    key = name + " " + locale + " " + key;
    var made = ntHost.formatters.get(key);
    if (!made) {
      made = new (/** @type {any} */ (Intl)[name])(locale, options);
      ntHost.formatters.set(key, made);
    }
    return made;
  },
};
