/* The widget's tree: render plans applied, the shadow root and its one
   constructable stylesheet, a frame painted before the module or adopted
   from the server, the nearest `dir`. Part of `ntHost` (host.js). */
// @ts-check

// eslint-disable-next-line no-unused-vars
var ntRender = {
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
};
