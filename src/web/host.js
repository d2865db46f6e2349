/* The page-facing half of news-ticker: browser work the module asks for in
   a few coarse calls, instead of one binding per browser method. It knows
   nothing of feeds, texts or layout; every rule and every decision about
   what is shown stays in Rust (see docs/src/architecture.md "Architecture"). The build puts
   this file inside the loader's closure, so it adds no global; the module
   reaches it as `ntHost`. The network is the module's own (gloo-net). Over
   450 lines because each of its calls carries its typed JSDoc (checked by
   tsc); the code itself is about 300. */
// @ts-check

// eslint-disable-next-line no-unused-vars
var ntHost = {
  /**
   * Applies a render plan: the edits `crates/rules/src/plan.rs` documents, to the
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
   * A card image loaded or failed: its box (the figure around it) is
   * removed if it failed or is a tracking pixel (under 16 CSS px either
   * way), so the card shows no empty frame.
   * @param {Event} event
   */
  image: function (event) {
    var img = /** @type {HTMLImageElement} */ (event.target);
    if (img.localName === "img" && (event.type === "error" || img.naturalWidth < 16 || img.naturalHeight < 16)) {
      var figure = img.parentElement;
      if (figure) figure.remove();
    }
  },

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
   * The widget's open shadow root in `host` (the one already there, or a
   * new one), styled by one constructable stylesheet of `css` shared by
   * every widget on the page: no `<style>` text, so a strict `style-src`
   * allows it. Throws where the element cannot have a shadow root.
   * @param {Element} host
   * @param {string} css
   * @returns {ShadowRoot}
   */
  shadow: function (host, css) {
    var root = host.shadowRoot || host.attachShadow({ mode: "open" });
    if (!ntHost.sheet) {
      ntHost.sheet = new CSSStyleSheet();
      ntHost.sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [ntHost.sheet];
    return root;
  },

  /** @type {CSSStyleSheet | undefined} */
  sheet: undefined,

  /**
   * The settings of a container, as its painted frame is kept under them
   * (`crates/rules/src/paint.rs`): its `data-` attributes in order, one a line.
   * @param {Element} host
   * @returns {string}
   */
  settings: function (host) {
    var lines = [];
    for (var attribute of host.attributes) {
      if (attribute.name.startsWith("data-")) lines.push(attribute.name + "=" + attribute.value);
    }
    return lines.join("\n");
  },

  /**
   * Paints into `host`, before the module runs, the frame the module kept
   * for its settings on an earlier visit (`crates/rules/src/paint.rs`), if one of
   * this `version` is kept and its time has not passed: the stylesheet and
   * the render plan it wrote, applied as they are. The module takes the
   * frame over (`adopt`). A container that already has a shadow root (a
   * server-rendered one) is left alone.
   * @param {Element} host
   * @param {string} version
   */
  paint: function (host, version) {
    try {
      if (host.shadowRoot) return;
      var stored = ntHost.store("get", "news-ticker:paint:1:" + ntHost.settings(host));
      if (!stored) return;
      var lines = stored.split("\n", 3);
      if (lines.length < 3 || lines[0] !== version || !(Date.now() < Number(lines[1]))) return;
      var start = lines[0].length + lines[1].length + lines[2].length + 3;
      var css = stored.slice(start, start + Number(lines[2]));
      var root = ntHost.shadow(host, css);
      /** @type {Array<Element | ShadowRoot>} */
      var slots = [root];
      ntHost.apply(slots, stored.slice(start + Number(lines[2])));
      ntHost.painted.set(root, slots);
    } catch (error) {
      // Nothing painted: the module renders as on a first visit.
    }
  },

  /** @type {WeakMap<ShadowRoot, Array<Element | ShadowRoot>>} */
  painted: new WeakMap(),

  /**
   * The parts of a server-rendered frame in `root` (`news-ticker-feed
   * render`), by the slot each names in `data-nt-slot` (slot 0 is the
   * root), with those attributes and the frame's stylesheet removed
   * (the widget's own sheet styles it from now on): the widget takes the
   * elements over where they stand. Empty where `root` holds no frame.
   * @param {ShadowRoot} root
   * @returns {Array<Element | ShadowRoot>}
   */
  adopt: function (root) {
    var painted = ntHost.painted.get(root);
    if (painted) {
      ntHost.painted.delete(root);
      return painted;
    }
    /** @type {Array<Element | ShadowRoot>} */
    var slots = [];
    var kept = root.querySelectorAll("[data-nt-slot]");
    if (!kept.length) return slots;
    slots[0] = root;
    for (var i = 0; i < kept.length; i++) {
      slots[+(kept[i].getAttribute("data-nt-slot") || 0)] = kept[i];
      kept[i].removeAttribute("data-nt-slot");
    }
    for (var sheet of root.querySelectorAll("link, style")) sheet.remove();
    return slots;
  },

  /**
   * The `dir` of the nearest element around the shadow root's host (the
   * host itself, a section, `<html>`) that has one; undefined where a
   * page's patched DOM throws (the widget then keeps its direction).
   * @param {ShadowRoot} root
   * @returns {string | undefined}
   */
  dir: function (root) {
    try {
      var around = root.host.closest("[dir]");
      return (around && around.getAttribute("dir")) || undefined;
    } catch (error) {
      return undefined;
    }
  },

  /**
   * Leaves a shadow root as an unmounted widget leaves it: empty, unstyled.
   * @param {ShadowRoot} root
   */
  unshadow: function (root) {
    try {
      root.replaceChildren();
      root.adoptedStyleSheets = [];
    } catch (error) {
      // A page's patched DOM: the widget is gone either way.
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
   * for none); "set" stores `value`; "remove" removes `key`; "keys" gives
   * every key that starts with `key`, each ended by a NUL.
   * @param {"get" | "set" | "remove" | "keys"} op
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
      if (op === "keys") {
        var keys = "";
        for (var i = 0; i < storage.length; i++) {
          var name = storage.key(i);
          if (name !== null && name.startsWith(key)) keys += name + "\0";
        }
        return keys;
      }
    } catch (error) {
      // No storage: no cached content, and nothing else changes.
    }
    return undefined;
  },

  /**
   * Watches `targets` and calls `changed`: with "resize", each time the
   * size of one changes (and once when they are first laid out); with
   * "visible", with whether the first is partly on screen, each time that
   * changes. Returns what stops watching.
   * @param {"resize" | "visible"} kind
   * @param {Element[]} targets
   * @param {(visible: boolean) => void} changed
   * @returns {() => void}
   */
  observe: function (kind, targets, changed) {
    var observer = kind === "resize"
      ? new ResizeObserver(function () {
        changed(true);
      })
      : new IntersectionObserver(function (entries) {
        var last = entries[entries.length - 1];
        if (last) changed(last.isIntersecting);
      });
    targets.forEach(function (target) {
      observer.observe(target);
    });
    return function () {
      observer.disconnect();
    };
  },

  /**
   * The laid-out width of `content` (fractional) and the inner width of
   * `box`, in CSS pixels.
   * @param {Element} content
   * @param {Element} box
   * @returns {number[]}
   */
  widths: function (content, box) {
    try {
      return [content.getBoundingClientRect().width, box.clientWidth];
    } catch (error) {
      return []; // Not measured: the marquee keeps its timing.
    }
  },

  /**
   * The current time of the first animation of `element` (ms), if it has one running.
   * @param {Element} element
   * @returns {number | undefined}
   */
  animationTime: function (element) {
    var animation = ntHost.animation(element);
    var time = animation && animation.currentTime;
    return typeof time === "number" ? time : undefined;
  },

  /**
   * Sets the custom property `--nt-duration` of `element` through the
   * CSSOM (which a strict `style-src` allows; a `style` attribute it would
   * not), then, if `time` is given, its first animation's current time.
   * @param {HTMLElement} element
   * @param {string} duration
   * @param {number} [time]
   */
  retime: function (element, duration, time) {
    try {
      element.style.setProperty("--nt-duration", duration);
      var animation = ntHost.animation(element);
      if (animation && time !== undefined) animation.currentTime = time;
    } catch (error) {
      // A page's patched CSSOM: the marquee keeps its last timing.
    }
  },

  /**
   * The first animation of `element`, if the browser can say: without
   * `getAnimations` (or with one a page broke) the marquee still runs,
   * only its position is not kept across a change of speed.
   * @param {Element} element
   * @returns {Animation | undefined}
   */
  animation: function (element) {
    try {
      return typeof element.getAnimations === "function" ? element.getAnimations()[0] : undefined;
    } catch (error) {
      return undefined;
    }
  },

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

  /**
   * Parses RSS or Atom text with the browser's XML parser (a document with
   * no browsing context: nothing in it runs or loads) and flattens its
   * root element into fields the module reads (`xml::decode` in
   * crates/rules/src/xml.rs), each ended by a NUL, which XML text cannot hold: "e", local
   * name, namespace ("" for none) opens an element; "a", name, value is an
   * attribute without a namespace; "t", text is a text or CDATA node; "c"
   * closes the element. At `maxDepth` an element's whole text is one "t";
   * at most `maxNodes` nodes in all and `maxChildren` child elements of one
   * element are copied. Under Trusted Types the text goes through one
   * policy named `policyName`, made on the first XML feed. Returns "!" and
   * the parser's message for text that is not well-formed, and "" when the
   * page refused the policy (then the parser is not tried either: one
   * violation report, not two).
   * @param {string} text
   * @param {string} policyName
   * @param {number} maxDepth
   * @param {number} maxNodes
   * @param {number} maxChildren
   * @returns {string}
   */
  xml: function (text, policyName, maxDepth, maxNodes, maxChildren) {
    if (ntHost.policy === undefined) {
      var factory = /** @type {any} */ (globalThis).trustedTypes;
      try {
        ntHost.policy = factory && typeof factory === "object"
          ? factory.createPolicy(policyName, { createHTML: function (/** @type {string} */ s) { return s; } })
          : null;
      } catch (error) {
        ntHost.policy = false;
      }
    }
    if (ntHost.policy === false) return "";
    // The text is decoded already: its declaration's encoding no longer
    // applies (WebKit's parser refuses one it does not know).
    text = text.replace(/^(\s*<\?xml[^>]*?\sencoding\s*=\s*)(["'])[^"']*\2/, "$1$2utf-8$2");
    /** @type {Document} */
    var doc;
    try {
      doc = new DOMParser().parseFromString(ntHost.policy ? ntHost.policy.createHTML(text) : text, "text/xml");
    } catch (error) {
      return "";
    }
    var failed = doc.getElementsByTagName("parsererror")[0];
    if (failed) {
      // Chromium puts the message in a <div> ("error on line 1 at column
      // 32: …"); Firefox in the element itself, the place last ("XML
      // Parsing Error: mismatched tag. …\nLocation: …\nLine Number 1,
      // Column 33: …"), which the module's 40 characters would cut off:
      // the place goes first in every engine.
      var reason = (failed.querySelector("div") || failed).textContent || "";
      var place = /Line Number (\d+), Column (\d+)/.exec(reason);
      if (place) {
        reason = "line " + place[1] + ", column " + place[2] + ": " + reason.split("\n")[0].replace(/^XML Parsing Error: /, "");
      }
      return "!" + reason;
    }
    /** @type {string[]} */
    var out = [];
    var budget = maxNodes;
    /** @param {Element} element @param {number} depth */
    function copy(element, depth) {
      out.push("e", element.localName, element.namespaceURI || "");
      var names = element.getAttributeNames();
      for (var i = 0; i < names.length; i++) {
        // Prefixed names (`xmlns:dc`) and `xmlns` are namespaced; `xml:base` is kept.
        if ((names[i].indexOf(":") < 0 && names[i] !== "xmlns") || names[i] === "xml:base") {
          out.push("a", names[i], element.getAttribute(names[i]) || "");
        }
      }
      if (depth === maxDepth) {
        out.push("t", element.textContent || "");
      } else {
        var elements = 0;
        for (var node = element.firstChild; node && budget > 0 && elements < maxChildren; node = node.nextSibling) {
          budget--;
          if (node.nodeType === 1) {
            elements++;
            copy(/** @type {Element} */ (node), depth + 1);
          } else if (node.nodeType === 3 || node.nodeType === 4) {
            out.push("t", node.nodeValue || "");
          }
        }
      }
      out.push("c");
    }
    if (!doc.documentElement) return "!";
    copy(doc.documentElement, 0);
    return out.join("\0") + "\0";
  },

  /**
   * Reads RSS or Atom for the module: `xml` parses and flattens it, and
   * the XML stage (crates/rules/src/xmlfeed.rs, its own module, which the module
   * fetches and compiles the first time a page needs it and passes here as
   * `stage`) turns the flattened tree into JSON Feed text. Resolves to that
   * text, or to what `xml` answered for a document it could not read, or
   * to "#" and the reason the stage could not be had.
   * @param {string} text
   * @param {string} policyName
   * @param {number} maxDepth
   * @param {number} maxNodes
   * @param {number} maxChildren
   * @param {Promise<WebAssembly.Module>} stage
   * @returns {Promise<string>}
   */
  xmlFeed: function (text, policyName, maxDepth, maxNodes, maxChildren, stage) {
    var flat = ntHost.xml(text, policyName, maxDepth, maxNodes, maxChildren);
    var broken = flat.charAt(0) === "!";
    if (flat === "") return Promise.resolve(flat);
    return stage
      .then(function (module) {
        return WebAssembly.instantiate(module, {});
      })
      .then(function (instance) {
        if (broken) {
          // Not well-formed: the stage repairs what feed readers repair
          // (HTML entities, a stray &) and the repaired text is parsed
          // once more; its warning goes in front of the tree, after U+0001.
          var fixed = ntHost.convert(instance, text, "repair");
          var end = fixed.indexOf("\0");
          var again = end < 0 ? "!" : ntHost.xml(fixed.slice(end + 1), policyName, maxDepth, maxNodes, maxChildren);
          if (again === "" || again.charAt(0) === "!") return flat;
          flat = "\u0001" + fixed.slice(0, end) + "\0" + again;
        }
        return ntHost.convert(instance, flat, "convert");
      })
      .catch(function (/** @type {any} */ error) {
        // A broken document says so, whether or not the stage could repair it.
        return broken ? flat : "#" + ((error && error.message) || String(error));
      });
  },

  /**
   * Set by the loader: where the XML stage is and its integrity hash (the
   * module reads both and fetches the stage itself).
   * @type {{ url: string, integrity: string } | undefined}
   */
  xmlStage: undefined,

  /**
   * One call of the XML stage's export `name` ("convert", or "repair"
   * first for a document that was not well-formed), in an instance made
   * for one document and then dropped (so the stage never frees memory):
   * the input written where `input` says, the answer read from the
   * address and length the export points to.
   * @param {WebAssembly.Instance} instance
   * @param {string} flat
   * @param {string} name
   * @returns {string}
   */
  convert: function (instance, flat, name) {
    var exports = /** @type {any} */ (instance.exports);
    var bytes = new TextEncoder().encode(flat);
    var at = exports.input(bytes.length);
    new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
    var answer = exports[name](); // It may grow the memory: its buffer is read after.
    var place = new Uint32Array(exports.memory.buffer, answer, 2);
    return new TextDecoder().decode(new Uint8Array(exports.memory.buffer, place[0], place[1]));
  },

  /**
   * The Trusted Types policy for the XML parser: undefined until the first
   * XML feed, null where the browser has none, false where the page refused it.
   * @type {any}
   */
  policy: undefined,

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
