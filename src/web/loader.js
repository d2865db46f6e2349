/* news-ticker @VERSION@: currency-rate marquee and headlines from a JSON feed.
   A classic script (async and defer work): it adds window.NewsTicker and
   nothing else, loads news-ticker_bg.wasm from beside its own URL (and
   news-ticker_xml.wasm, only for an RSS or Atom feed), and
   mounts every [data-news-ticker] container, now and later. */
(function () {
  "use strict";
  if (typeof window === "undefined" || window.NewsTicker) {
    return; // Loaded twice: the first copy already serves the page.
  }
  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  var wasmUrl = new URL("news-ticker_bg.wasm", (script && script.src) || document.baseURI);
  // The module's own Subresource Integrity hash, written in by the build:
  // a page that pins this script's hash pins the module too.
  var wasmIntegrity = "@WASM_INTEGRITY@";

  /*@HOST@*/

  // The XML stage, beside the module and pinned the same way; fetched
  // only when a feed on the page is RSS or Atom.
  ntHost.xmlStage = {
    url: new URL("news-ticker_xml.wasm", wasmUrl).href,
    integrity: "@XML_INTEGRITY@",
  };

  // The generated bindings below call `fetch` (gloo-net's requests) and
  // `queueMicrotask` (the futures executor's ticks) by those names, so
  // they find these two functions of this closure before the page's
  // globals. Each calls the page's own function as found at the call (a
  // wrapper it installs later is used) and turns what a broken one does
  // into what the bindings expect: gloo-net takes a fetch that throws,
  // answers something that is not a Response, or rejects with something
  // that is not an Error for a bug and panics, and the executor never
  // runs again after a queueMicrotask that threw; either would stop every
  // widget on the page. The loader's own requests go through `fetch` too.
  /**
   * @param {RequestInfo | URL} input
   * @param {RequestInit} [init]
   * @returns {Promise<Response>}
   */
  function fetch(input, init) {
    return new Promise(function (resolve) {
      resolve(window.fetch(input, init));
    }).then(
      function (answer) {
        if (answer instanceof Response) return answer;
        throw new TypeError("the page's fetch answered something that is not a Response");
      },
      function (error) {
        throw error instanceof Error ? error : new TypeError("the page's fetch failed");
      }
    );
  }
  /** @param {() => void} run */
  function queueMicrotask(run) {
    try {
      window.queueMicrotask(run);
    } catch (error) {
      Promise.resolve().then(run);
    }
  }

  /*@GLUE@*/

  // The module's bytes without the page's fetch, for pages whose fetch
  // wrapper is broken (it throws, or answers something that is not a
  // Response): the widget then starts and explains what it cannot load.
  // Its integrity is checked here as fetch checks it: bytes that do not
  // match the hash are never compiled, and neither are bytes that cannot
  // be checked (SubtleCrypto exists only in secure contexts, so on a plain
  // http page only fetch, which checks them itself, may load the module).
  /**
   * @param {URL} url
   * @returns {Promise<ArrayBuffer>}
   */
  function viaXhr(url) {
    if (!(window.crypto && crypto.subtle)) {
      return Promise.reject(new Error("cannot check the integrity of " + url + " outside a secure context"));
    }
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", url);
      xhr.responseType = "arraybuffer";
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response);
        else reject(new Error("HTTP " + xhr.status + " for " + url));
      };
      xhr.onerror = function () {
        reject(new Error("network error for " + url));
      };
      xhr.send();
    }).then(function (/** @type {ArrayBuffer} */ bytes) {
      return crypto.subtle.digest("SHA-384", bytes).then(function (digest) {
        var hash = "sha384-" + btoa(String.fromCharCode.apply(null, /** @type {number[]} */ (/** @type {unknown} */ (new Uint8Array(digest)))));
        if (hash !== wasmIntegrity) throw new Error("integrity check failed for " + url);
        return bytes;
      });
    });
  }

  // The feed and rates of every container already on the page are asked
  // for now, while the module downloads and compiles, instead of after.
  // A widget's first load takes its answer (once per URL) and aborts it
  // with its own signal; what no widget takes is aborted after start-up.
  /** @type {Map<string, {answer: Promise<Response>, controller: AbortController}>} */
  var early = new Map();
  /** @param {ArrayLike<Element>} hosts */
  function requestEarly(hosts) {
    for (var i = 0; i < hosts.length; i++) {
      for (var name of ["data-feed", "data-rates"]) {
        var raw = (hosts[i].getAttribute(name) || "").trim();
        if (!raw) continue;
        try {
          var url = new URL(raw, document.baseURI).href;
          if (early.has(url) || !/^https?:$/.test(new URL(url).protocol)) continue;
          var controller = new AbortController();
          // The request the widget would make itself (`request` in
          // src/web/net.rs), so the answer it takes is the one it would
          // have had: a revalidating simple GET, no custom header.
          var answer = fetch(url, { cache: "no-cache", signal: controller.signal });
          quiet(answer);
          early.set(url, { answer: answer, controller: controller });
        } catch (error) {
          // A URL the parser refuses: the widget explains it when it loads.
        }
      }
    }
  }
  /**
   * The early answer for `url`, once, aborted with `signal` from then on.
   * @param {string} url
   * @param {AbortSignal} [signal]
   * @returns {Promise<Response> | undefined}
   */
  function takeEarly(url, signal) {
    var taken = early.get(url);
    if (!taken) return undefined;
    early.delete(url);
    var controller = taken.controller;
    if (!signal) return taken.answer;
    if (signal.aborted) controller.abort();
    else signal.addEventListener("abort", function () { controller.abort(); });
    return taken.answer;
  }
  function dropEarly() {
    early.forEach(function (taken) { taken.controller.abort(); });
    early.clear();
  }
  var SELECTOR = "[data-news-ticker]";
  var hosts = document.querySelectorAll(SELECTOR);
  requestEarly(hosts);
  // A reader who saw the widget before sees its last frame at once.
  hosts.forEach(function (host) {
    ntHost.paint(host, "@VERSION@");
  });

  // The first Intl formatter a page makes costs tens of ms of main thread
  // (ICU loads its locale data). Made in a task of its own, after the
  // module's request has gone out, that happens while the module and the
  // feed are on their way rather than in front of the first render.
  /** @param {ArrayLike<Element>} hosts */
  function warmIntl(hosts) {
    var done = new Set();
    for (var i = 0; i < hosts.length; i++) {
      var locale = (hosts[i].getAttribute("data-locale") || "").trim() || "en-GB";
      if (done.has(locale)) continue;
      done.add(locale);
      // The same formatters the widget then uses (an unknown locale makes
      // none; the widget warns about it when it reads it).
      ntHost.intl("date", locale, "0", 0);
      ntHost.intl("number", locale, "0", 0);
    }
  }
  setTimeout(warmIntl, 0, hosts);

  var started = false;
  var ready = Promise.resolve()
    .then(function () {
      return wasm_bindgen({ module_or_path: fetch(wasmUrl, { integrity: wasmIntegrity }) });
    })
    .catch(function () {
      return viaXhr(wasmUrl).then(function (bytes) {
        return wasm_bindgen({ module_or_path: bytes });
      });
    })
    .then(function () {
      started = true;
      ntHost.early = takeEarly;
      document.querySelectorAll(SELECTOR).forEach(mountQuietly);
      watchPage();
      // First loads begin in microtasks after boot; later ones fetch anew.
      setTimeout(dropEarly);
    });
  ready.catch(function (error) {
    dropEarly();
    console.warn("news-ticker: could not start; the page's own content stays as it is.", error);
  });

  // The page watcher: containers added later are mounted, removed ones
  // unmounted, a change of one of the settings' attributes (the module
  // names them) re-applies a container's configuration, and a change of
  // `dir` around a widget turns it.
  /** @param {Element} element */
  function mountQuietly(element) {
    quiet(wasm_bindgen.mount(element));
  }
  /** @param {MutationRecord[]} records */
  function onMutations(records) {
    var widgets = wasm_bindgen.mounted();
    /** @type {Element[]} */
    var toMount = [];
    /** @type {Element[]} */
    var toRemount = [];
    /**
     * @param {Element[]} list
     * @param {Element} element
     */
    function add(list, element) {
      if (list.indexOf(element) < 0) list.push(element);
    }
    records.forEach(function (record) {
      // Attribute records are of elements (the observer watches no other).
      var target = /** @type {Element} */ (record.target);
      if (record.type === "attributes") {
        if (record.attributeName === "dir") {
          widgets.forEach(function (host) {
            if (target.contains(host)) wasm_bindgen.follow_direction(host);
          });
        } else if (record.attributeName === "data-news-ticker") {
          if (target.hasAttribute("data-news-ticker")) add(toMount, target);
          else wasm_bindgen.unmount(target);
        } else if (widgets.indexOf(target) >= 0) {
          add(toRemount, target);
        }
        return;
      }
      record.addedNodes.forEach(function (node) {
        if (!(node instanceof Element)) return;
        if (node.matches(SELECTOR)) add(toMount, node);
        node.querySelectorAll(SELECTOR).forEach(function (inner) {
          add(toMount, inner);
        });
      });
    });
    wasm_bindgen.mounted().forEach(function (host) {
      if (!host.isConnected) wasm_bindgen.unmount(host);
    });
    toRemount.forEach(function (element) {
      wasm_bindgen.unmount(element);
      mountQuietly(element);
    });
    toMount.forEach(function (element) {
      if (element.isConnected) mountQuietly(element);
    });
  }
  function watchPage() {
    try {
      new MutationObserver(function (records) {
        try {
          onMutations(records);
        } catch (error) {
          console.warn("news-ticker: could not follow a change of the page", error);
        }
      }).observe(document, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ["data-news-ticker", "dir"].concat(wasm_bindgen.watched().split(" ")),
      });
    } catch (error) {
      console.warn("news-ticker: cannot watch the page for new containers", error);
    }
  }

  // Runs call now if the module is running, else once it is. Never throws
  // into the caller; returns a promise of call's result.
  /**
   * @template T
   * @param {() => T | PromiseLike<T>} call
   * @returns {Promise<T>}
   */
  function run(call) {
    if (started) {
      try {
        return Promise.resolve(call());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return ready.then(call);
  }

  /**
   * `element` if it is an Element (or, when optional, nothing); else throws.
   * @overload
   * @param {unknown} element
   * @returns {Element}
   */
  /**
   * @overload
   * @param {unknown} element
   * @param {true} optional
   * @returns {Element | undefined}
   */
  /**
   * @param {unknown} element
   * @param {boolean} [optional]
   * @returns {Element | undefined}
   */
  function checked(element, optional) {
    if (optional && element == null) {
      return undefined;
    }
    if (!(element instanceof Element)) {
      throw new TypeError("NewsTicker: expected an Element, got " + String(element));
    }
    return element;
  }

  /** @param {Promise<unknown>} promise */
  function quiet(promise) {
    promise.catch(function () {});
  }

  window.NewsTicker = Object.freeze({
    version: "@VERSION@",
    /** Mounts a widget into element (once); settles after its first render. */
    /** @param {Element} element */
    mount: function (element) {
      return run(function () {
        return wasm_bindgen.mount(checked(element));
      });
    },
    /** Removes the widget in element and everything it started. */
    /** @param {Element} element */
    unmount: function (element) {
      var target = checked(element);
      quiet(run(function () {
        wasm_bindgen.unmount(target);
      }));
    },
    /**
     * The warnings a container with these attributes (names to values)
     * would log, without mounting one; resolves to [] when all are taken.
     */
    /** @param {Record<string, unknown>} attributes */
    check: function (attributes) {
      // Each value as a string, as setAttribute would make it.
      /** @type {Record<string, string>} */
      var values = Object.create(null);
      for (var name in Object(attributes)) {
        if (Object.prototype.hasOwnProperty.call(attributes, name)) values[name] = String(attributes[name]);
      }
      return run(function () {
        return wasm_bindgen.check(values);
      });
    },
    /**
     * What the widget in element shows, once it has rendered: its rates
     * and cards, every figure as the text shown. Rejects for an element
     * with no widget.
     */
    /** @param {Element} element */
    content: function (element) {
      return run(function () {
        return wasm_bindgen.content(checked(element));
      });
    },
    /** Reloads the feed of the widget in element, or of every widget. */
    /** @param {Element} [element] */
    refresh: function (element) {
      var target = checked(element, true);
      quiet(run(function () {
        wasm_bindgen.refresh(target);
      }));
    },
  });
})();
