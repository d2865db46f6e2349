/* The page-facing half of news-ticker: browser work the module asks for in
   a few coarse calls, instead of one binding per browser method. It knows
   nothing of feeds, texts or layout; every rule and every decision about
   what is shown stays in Rust (see README "Architecture"). The build puts
   this file inside the loader's closure, so it adds no global; the module
   reaches it as `ntHost`. */
// @ts-check

// eslint-disable-next-line no-unused-vars
var ntHost = {
  /**
   * Applies a render plan: the edits `src/plan.rs` documents, to the
   * elements kept in `slots` (slot 0 is the widget's shadow root). It only
   * creates elements, sets attributes and `textContent`, and moves or
   * copies elements it made: nothing is parsed as markup.
   * @param {Array<Element | ShadowRoot>} slots
   * @param {string} plan
   */
  apply: function (slots, plan) {
    var fields = plan.split("\0");
    var doc = slots[0].ownerDocument;
    /** @type {Array<Element | ShadowRoot>} */
    var stack = [];
    var current = slots[0];
    /** The current element, for edits that only an element takes. */
    function element() {
      return /** @type {Element} */ (current);
    }
    // The last field is the empty text after the final NUL.
    for (var i = 0; i < fields.length - 1; ) {
      var edit = fields[i++];
      if (edit === "o" || edit === "k") {
        var made = edit === "o" ? doc.createElement(fields[i++]) : slots[+fields[i++]].cloneNode(true);
        current.appendChild(made);
        stack.push(current);
        current = /** @type {Element} */ (made);
      } else if (edit === "c") {
        current = stack.pop() || slots[0];
      } else if (edit === "a") {
        element().setAttribute(fields[i++], fields[i++]);
      } else if (edit === "x") {
        element().removeAttribute(fields[i++]);
      } else if (edit === "t") {
        current.textContent = fields[i++];
      } else if (edit === "s") {
        slots[+fields[i++]] = current;
      } else if (edit === "g" || edit === "r") {
        stack = [];
        current = slots[+fields[i++]];
        if (edit === "r") current.replaceChildren();
      } else if (edit === "m") {
        current.appendChild(slots[+fields[i++]]);
      } else {
        throw new Error("unknown render edit " + JSON.stringify(edit));
      }
    }
  },

  /**
   * A CORS-simple GET of `url` through the browser's HTTP cache (`no-cache`
   * revalidates with the stored ETag, without a preflight). The page's
   * `fetch` is looked up at each call, so a wrapper it installs later is
   * used; one that throws is a rejected promise, never an exception.
   * @param {string} url
   * @param {AbortSignal} signal
   * @returns {Promise<Response>}
   */
  get: function (url, signal) {
    return Promise.resolve().then(function () {
      return fetch(url, { cache: "no-cache", signal: signal });
    });
  },

  /**
   * Reads an answer: `[status, Retry-After]` for a failed one, else
   * `[status, null, text]` with the body decoded as UTF-8 (a byte-order mark
   * dropped, broken bytes as U+FFFD). Rejects with "too-large" past
   * `maxBytes` (from Content-Length before reading, or while streaming,
   * when it stops the download), and with an Error when `answer` is not a
   * Response (a page's broken fetch wrapper) or the network fails.
   * @param {unknown} answer
   * @param {number} maxBytes
   * @returns {Promise<[number, string | null, string?]>}
   */
  read: function (answer, maxBytes) {
    if (!(answer instanceof Response)) {
      return Promise.reject(new TypeError("not a Response"));
    }
    var response = answer;
    if (!response.ok) {
      return Promise.resolve([response.status, response.headers.get("retry-after")]);
    }
    var declared = (response.headers.get("content-length") || "").trim();
    if (/^[0-9]+$/.test(declared) && Number(declared) > maxBytes) {
      return Promise.reject("too-large");
    }
    var body = response.body;
    if (!body) {
      return Promise.resolve([response.status, null, ""]);
    }
    var reader = body.getReader();
    /** @type {Uint8Array[]} */
    var chunks = [];
    var total = 0;
    /** @returns {Promise<[number, string | null, string]>} */
    function next() {
      return reader.read().then(function (step) {
        if (step.done) {
          var whole = new Uint8Array(total);
          var at = 0;
          for (var i = 0; i < chunks.length; i++) {
            whole.set(chunks[i], at);
            at += chunks[i].length;
          }
          return [response.status, null, new TextDecoder().decode(whole)];
        }
        total += step.value.length;
        if (total > maxBytes) {
          reader.cancel().catch(function () {});
          throw "too-large";
        }
        chunks.push(step.value);
        return next();
      });
    }
    return next();
  },
};
