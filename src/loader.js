/* news-ticker @VERSION@: currency-rate marquee and headlines from a JSON feed.
   A classic script (async and defer work): it adds window.NewsTicker and
   nothing else, loads news-ticker_bg.wasm from beside its own URL, and
   mounts every [data-news-ticker] container, now and later. */
(function () {
  "use strict";
  if (typeof window === "undefined" || window.NewsTicker) {
    return; // Loaded twice: the first copy already serves the page.
  }
  var script = document.currentScript;
  var wasmUrl = new URL("news-ticker_bg.wasm", (script && script.src) || document.baseURI);

  /*@GLUE@*/

  // The module's bytes without the page's fetch, for pages whose fetch
  // wrapper is broken (it throws, or answers something that is not a
  // Response): the widget then starts and explains what it cannot load.
  function viaXhr(url) {
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
    });
  }

  var started = false;
  var ready = Promise.resolve()
    .then(function () {
      return wasm_bindgen({ module_or_path: wasmUrl });
    })
    .catch(function () {
      return viaXhr(wasmUrl).then(function (bytes) {
        return wasm_bindgen({ module_or_path: bytes });
      });
    })
    .then(function () {
      started = true;
      wasm_bindgen.boot();
    });
  ready.catch(function (error) {
    console.warn("news-ticker: could not start; the page's own content stays as it is.", error);
  });

  // Runs call now if the module is running, else once it is. Never throws
  // into the caller; returns a promise of call's result.
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

  function checked(element, optional) {
    if (optional && element == null) {
      return undefined;
    }
    if (!(element instanceof Element)) {
      throw new TypeError("NewsTicker: expected an Element, got " + String(element));
    }
    return element;
  }

  function quiet(promise) {
    promise.catch(function () {});
  }

  window.NewsTicker = Object.freeze({
    version: "@VERSION@",
    /** Mounts a widget into element (once); settles after its first render. */
    mount: function (element) {
      return run(function () {
        return wasm_bindgen.mount(checked(element));
      });
    },
    /** Removes the widget in element and everything it started. */
    unmount: function (element) {
      checked(element);
      quiet(run(function () {
        wasm_bindgen.unmount(element);
      }));
    },
    /** Reloads the feed of the widget in element, or of every widget. */
    refresh: function (element) {
      var target = checked(element, true);
      quiet(run(function () {
        wasm_bindgen.refresh(target);
      }));
    },
  });
})();
