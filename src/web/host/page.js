/* The page's services, each guarded against a page that patched or broke
   it: a microtask, the contract's events, the URL parser, `localStorage`,
   the loader's early answers, `TextDecoder`. Part of `ntHost` (host.js). */
// @ts-check

// eslint-disable-next-line no-unused-vars
var ntPage = {
  /**
   * Runs `run` in a microtask of its own: by the page's `queueMicrotask`,
   * or, where a page replaced it with one that throws, by a promise.
   * @param {() => void} run
   */
  soon: function (run) {
    try {
      queueMicrotask(run);
    } catch (error) {
      Promise.resolve().then(run);
    }
  },

  /**
   * Fires one of the contract's events on `host`: bubbling, composed, with
   * the `detail` the module made (`crates/rules/src/api.rs`). A listener that
   * throws is reported by the browser, not here; a page whose patched
   * `dispatchEvent` throws misses the event, nothing more.
   * @param {Element} host
   * @param {string} name
   * @param {unknown} detail
   */
  dispatch: function (host, name, detail) {
    try {
      host.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail: detail }));
    } catch (error) {
      // Not the widget's to report.
    }
  },

  /**
   * `raw` resolved against `base` by the browser's URL parser, or
   * undefined where it refuses; with `web`, only an http or https URL.
   * @param {string} raw
   * @param {string} base
   * @param {boolean} web
   * @returns {string | undefined}
   */
  url: function (raw, base, web) {
    try {
      var url = new URL(raw, base);
      return !web || url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
    } catch (error) {
      return undefined;
    }
  },

  /**
   * The page's `localStorage`, where it allows it: every call may throw
   * there (storage disabled, a sandboxed frame, the quota full), which
   * here is only nothing done. "get" gives the value of `key` (undefined
   * for none); "set" stores `value`; "remove" removes `key`.
   * @param {"get" | "set" | "remove"} op
   * @param {string} key
   * @param {string} [value]
   * @returns {string | undefined}
   */
  store: function (op, key, value) {
    try {
      var storage = window.localStorage;
      if (op === "get") return storage.getItem(key) ?? undefined;
      if (op === "set") storage.setItem(key, value || "");
      if (op === "remove") storage.removeItem(key);
    } catch (error) {
      // No storage: no cached content, and nothing else changes.
    }
    return undefined;
  },

  /**
   * Every key of the page's `localStorage` that starts with `prefix`
   * (none where storage throws).
   * @param {string} prefix
   * @returns {string[]}
   */
  keys: function (prefix) {
    /** @type {string[]} */
    var keys = [];
    try {
      var storage = window.localStorage;
      for (var i = 0; i < storage.length; i++) {
        var name = storage.key(i);
        if (name !== null && name.startsWith(prefix)) keys.push(name);
      }
    } catch (error) {
      // No storage: no keys.
    }
    return keys;
  },

  /**
   * The answer the loader already asked for `url` before the module ran
   * (a promise of its Response), taken once and then aborted with
   * `signal`; undefined when there is none. The loader replaces this.
   * @param {string} url
   * @param {AbortSignal | undefined} signal
   * @returns {Promise<Response> | undefined}
   */
  // eslint-disable-next-line no-unused-vars
  early: function (url, signal) {
    return undefined;
  },

  /**
   * Bytes decoded by the browser's decoder of the WHATWG encoding `label`
   * (bytes that are not valid UTF-8, and feeds in another encoding): a
   * byte-order mark dropped, each broken sequence one U+FFFD. Undefined
   * for a label the browser does not know.
   * @param {Uint8Array} bytes
   * @param {string} label
   * @returns {string | undefined}
   */
  text: function (bytes, label) {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch (error) {
      return undefined;
    }
  },
};
