/* The marquee's measurements and its Web Animation, and the observers
   that tell it about size and visibility. Part of `ntHost` (host.js). */
// @ts-check

// eslint-disable-next-line no-unused-vars
var ntMotion = {
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
};
