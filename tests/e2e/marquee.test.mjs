// End to end: the marquee as readers meet it. Its speed at phone and
// desktop widths, the seam, every way to pause it, reduced motion, hidden
// and off-screen pages, right-to-left pages and bidi text, themes and host
// styling, hostile host CSS, the strict CSP, and axe-core's audit. Near
// 500 lines: the one concern of what moves on the page, with its helpers
// (the track's state, the measured speed) shared by every test here.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { lacks } from "./browser.mjs";
import { ROOT } from "./servers.mjs";
import { events, fixture, read, setHidden, setUp, withSession } from "./page.mjs";

const env = setUp();

const feed = () => `${env.servers.feed}/feed.json`;
const bidiFeed = () => `${env.servers.feed}/test-feeds/bidi.json`;

/** Opens `url` at `width` px and waits for the first render. */
async function openAt(url, width = 1200) {
  const session = await env.open(url, { width, height: 800 });
  await events(session.page);
  return session;
}

/** Runs `fn(root, track, animation)` in the page, inside the widget. */
function inWidget(page, fn, arg) {
  return page.evaluate(
    ({ source, arg }) => {
      const root = document.querySelector("[data-news-ticker]").shadowRoot;
      const track = root.querySelector(".track");
      return eval(`(${source})`)(root, track, track.getAnimations()[0] ?? null, arg);
    },
    { source: fn.toString(), arg },
  );
}

/** Moves focus out of the page: the focused element, inside shadow roots too, is blurred. */
const blur = (page) =>
  page.evaluate(() => {
    let focused = document.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    focused?.blur();
  });

/** The track's state: play state, geometry, segments. */
const trackState = (page) =>
  inWidget(page, (root, track, animation) => ({
    playState: animation ? animation.playState : null,
    animations: track.getAnimations().length,
    x: new DOMMatrix(getComputedStyle(track).transform).m41,
    trackWidth: track.getBoundingClientRect().width,
    viewportWidth: root.querySelector(".viewport").getBoundingClientRect().width,
    segments: [...track.children].map((s) => ({
      text: s.textContent,
      width: s.getBoundingClientRect().width,
      offset: s.offsetLeft,
      hidden: [s.getAttribute("aria-hidden"), s.hasAttribute("inert")],
    })),
    duration: animation ? animation.effect.getComputedTiming().duration : null,
    idle: root.querySelector('[part~="ticker"]').classList.contains("idle"),
    at: performance.now(),
  }));

/** Speed in px/s measured from the transform over `ms` of real time, across frames. */
const measuredSpeed = (page, ms = 1000) =>
  inWidget(
    page,
    (root, track, animation, ms) =>
      new Promise((resolve) => {
        const samples = [];
        const start = performance.now();
        const frame = (now) => {
          samples.push([now, new DOMMatrix(getComputedStyle(track).transform).m41]);
          if (now - start < ms) requestAnimationFrame(frame);
          else {
            // Per-frame speeds, leaving out the one step where the loop wraps.
            const speeds = [];
            for (let i = 1; i < samples.length; i++) {
              const [dt, dx] = [samples[i][0] - samples[i - 1][0], samples[i][1] - samples[i - 1][1]];
              if (dt > 0 && Math.abs(dx) < 100) speeds.push(Math.abs(dx) / (dt / 1000));
            }
            speeds.sort((a, b) => a - b);
            resolve(speeds[Math.floor(speeds.length / 2)]);
          }
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );

describe("motion", () => {
  for (const width of [320, 1920]) {
    test(`runs at data-speed within 10 % at ${width} px, half the track covering the viewport`, async () => {
      await withSession(openAt(fixture({ "data-feed": feed(), "data-show": "ticker", "data-speed": "60" }), width), async (session) => {
        await session.page.waitForTimeout(300);
        const state = await trackState(session.page);
        const fromTiming = state.trackWidth / 2 / (state.duration / 1000);
        const measured = await measuredSpeed(session.page);
        console.log(`# ${width} px: ${JSON.stringify({ fromTiming, measured, segments: state.segments.length, trackWidth: state.trackWidth })}`);
        assert.ok(Math.abs(fromTiming - 60) <= 6, `speed from the animation's timing: ${fromTiming}`);
        assert.ok(Math.abs(measured - 60) <= 6, `speed measured on screen: ${measured}`);
        assert.ok(state.trackWidth / 2 >= state.viewportWidth - 0.5, "the half that comes in covers the viewport");
        assert.equal(state.segments.length % 2, 0);
        assert.deepEqual(state.segments[0].hidden, [null, false], "the first segment is read");
        for (const copy of state.segments.slice(1)) {
          assert.deepEqual(copy.hidden, ["true", true], "copies are aria-hidden and inert");
          assert.equal(copy.text, state.segments[0].text);
        }
        if (width === 1920) assert.ok(state.segments.length > 2, "narrow rates are repeated to fill 1920 px");
        assert.deepEqual(session.problems, []);
      });
    });
  }

  test("loops with no seam: the rates cover the viewport at every moment, and the end meets the start", async () => {
    await withSession(openAt(fixture({ "data-feed": feed(), "data-show": "ticker" }), 1920), async (session) => {
      await session.page.waitForTimeout(300);
      const check = await inWidget(session.page, (root, track, animation) => {
        const viewport = root.querySelector(".viewport").getBoundingClientRect();
        const rates = () => [...track.querySelectorAll('[part~="rate"]')].map((li) => li.getBoundingClientRect());
        animation.pause();
        const duration = animation.effect.getComputedTiming().duration;
        const gaps = [];
        const lefts = {};
        for (const fraction of [0, 0.13, 0.5, 0.77, 0.999999]) {
          animation.currentTime = duration * fraction;
          // Every pixel of the viewport is under some rate (its padding included).
          let covered = viewport.left;
          for (const r of rates().sort((a, b) => a.left - b.left)) {
            if (r.right <= covered) continue;
            if (r.left > covered + 0.5) gaps.push([fraction, covered, r.left]);
            covered = Math.max(covered, r.right);
          }
          if (covered < viewport.right - 0.5) gaps.push([fraction, covered, viewport.right]);
          lefts[fraction] = rates().map((r) => Math.round((r.left - viewport.left) * 10) / 10);
        }
        // The half-way point of the track is where the second half starts.
        const half = track.getBoundingClientRect().width / 2;
        const count = track.children.length;
        const secondHalf = track.children[count / 2].offsetLeft - track.children[0].offsetLeft;
        animation.play();
        return { gaps, half, secondHalf, start: lefts[0], end: lefts[0.999999] };
      });
      assert.deepEqual(check.gaps, [], "no gap in the viewport");
      assert.ok(Math.abs(check.half - check.secondHalf) < 0.5, `moving by half the track lands on a copy: ${check.half} vs ${check.secondHalf}`);
      // Just before the loop ends, every rate stands (within 0.1 px) where a rate stood at its start.
      const starts = new Set(check.start.map((x) => Math.round(x)));
      const shifted = check.end.filter((x) => x >= 0 && x < 1800).map((x) => Math.round(x));
      assert.ok(shifted.length >= 3, JSON.stringify(check.end));
      for (const x of shifted) assert.ok(starts.has(x) || starts.has(x + 1) || starts.has(x - 1), `a rate at ${x} px`);
    });
  });

  test("keeps its place when the window is resized and when new rates arrive", async () => {
    await withSession(openAt(fixture({ "data-feed": feed(), "data-show": "ticker" }), 1200), async (session) => {
      await session.page.waitForTimeout(1500);
      const before = await trackState(session.page);
      await session.page.setViewportSize({ width: 400, height: 800 });
      await session.page.waitForTimeout(100);
      const after = await trackState(session.page);
      // What the resize added to the motion of the time it took (50 px/s),
      // whole loops left out; a restart or a rescaled time would jump far more.
      const loop = after.trackWidth / 2;
      const jump = (before.x - after.x - (50 * (after.at - before.at)) / 1000) % loop;
      const off = Math.min(Math.abs(jump), loop - Math.abs(jump));
      assert.ok(off < 40, `jumped ${off} px on resize`);
      assert.ok(after.x < -40, `not restarted: ${after.x}`);
    });
  });

  test("keeps its place when fewer rates arrive", async () => {
    const changing = `${env.servers.feed}/changing.json?k=narrow-${Date.now()}&rates=1`;
    await withSession(openAt(fixture({ "data-feed": changing, "data-show": "ticker", "data-refresh": "1" })), async (session) => {
      // Samples the position every frame until the update has been shown.
      const jump = await inWidget(session.page, (root, track) =>
        new Promise((resolve) => {
          const samples = [];
          let updated = null;
          document.addEventListener("news-ticker:update", () => (updated = performance.now()), { once: true });
          const frame = (now) => {
            samples.push([now, new DOMMatrix(getComputedStyle(track).transform).m41, track.getBoundingClientRect().width / 2]);
            if (updated === null || now - updated < 300) return requestAnimationFrame(frame);
            // The largest step between frames, leaving out whole loops (invisible).
            let largest = 0;
            for (let i = 1; i < samples.length; i++) {
              const step = Math.abs(samples[i][1] - samples[i - 1][1]);
              const loop = samples[i][2];
              largest = Math.max(largest, Math.min(step, Math.abs(step - loop)));
            }
            resolve({ largest, frames: samples.length, halves: [samples[0][2], samples.at(-1)[2]] });
          };
          requestAnimationFrame(frame);
        }),
      );
      console.log(`# fewer rates: ${JSON.stringify(jump)}`);
      assert.notEqual(jump.halves[1], jump.halves[0], "the loop changed length");
      assert.ok(jump.largest < 20, `no step larger than a few frames of motion: ${jump.largest} px`);
      assert.equal((await read(session.page)).visibleRates.length, 2);
    });
  });

  test("keyframes of the same name on the host page change nothing", async () => {
    await withSession(openAt(fixture({ "data-feed": feed(), "data-show": "ticker" }, { css: ["hostile"] })), async (session) => {
      const first = (await trackState(session.page)).x;
      await session.page.waitForTimeout(400);
      const second = (await trackState(session.page)).x;
      assert.ok(second < first && second > -300, `the track moves left at its own speed: ${first} -> ${second}`);
    });
  });
});

describe("control", () => {
  test("pauses under the pointer and resumes when it leaves", async () => {
    await withSession(openAt(fixture({ "data-feed": feed() })), async (session) => {
      assert.equal((await trackState(session.page)).playState, "running");
      const box = await inWidget(session.page, (root) => {
        const r = root.querySelector(".viewport").getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      });
      await session.page.mouse.move(box.x, box.y);
      await session.page.waitForTimeout(100);
      const x1 = (await trackState(session.page)).x;
      await session.page.waitForTimeout(300);
      const paused = await trackState(session.page);
      assert.equal(paused.playState, "paused");
      assert.equal(paused.x, x1, "it does not move while paused");
      await session.page.mouse.move(5, 700);
      await session.page.waitForTimeout(100);
      assert.equal((await trackState(session.page)).playState, "running");
    });
  });

  test("pauses with focus inside, and the pause button works from the keyboard", async () => {
    await withSession(openAt(fixture({ "data-feed": feed(), "data-show": "ticker" })), async (session) => {
      const button = () =>
        inWidget(session.page, (root) => {
          const b = root.querySelector('[part~="pause"]');
          return { pressed: b.getAttribute("aria-pressed"), label: b.getAttribute("aria-label"), focused: root.activeElement === b, tag: b.tagName };
        });
      await session.page.keyboard.press("Tab");
      let state = await button();
      assert.deepEqual(state, { pressed: "false", label: "Pause currency rates", focused: true, tag: "BUTTON" }, "the first Tab stop");
      assert.equal((await trackState(session.page)).playState, "paused", "focus inside pauses");
      await session.page.keyboard.press("Space");
      assert.equal((await button()).pressed, "true");
      await blur(session.page);
      await session.page.waitForTimeout(100);
      assert.equal((await trackState(session.page)).playState, "paused", "pressed: stays paused without focus");
      await inWidget(session.page, (root) => root.querySelector('[part~="pause"]').focus());
      await session.page.keyboard.press("Enter");
      assert.equal((await button()).pressed, "false");
      await blur(session.page);
      await session.page.waitForTimeout(100);
      assert.equal((await trackState(session.page)).playState, "running");
    });
  });

  test("under prefers-reduced-motion nothing moves, rates wrap, and the setting is followed live", async (t) => {
    const page = fixture({ "data-feed": feed(), "data-show": "ticker" });
    await withSession(env.open(page, { width: 320, height: 800 }, { reducedMotion: "reduce" }), async (session) => {
      await events(session.page);
      const still = await inWidget(session.page, (root, track) => {
        const visible = root.querySelector(".segment");
        const lis = [...visible.children].map((li) => li.getBoundingClientRect());
        return {
          animations: track.getAnimations().length,
          copies: [...track.children].slice(1).map((s) => getComputedStyle(s).display),
          pause: getComputedStyle(root.querySelector('[part~="pause"]')).display,
          rows: new Set(lis.map((r) => Math.round(r.top))).size,
          inside: lis.every((r) => r.right <= 320 + 0.5),
        };
      });
      assert.equal(still.animations, 0);
      assert.ok(still.copies.every((d) => d === "none"), "copies are not shown");
      assert.equal(still.pause, "none", "no pause button when nothing moves");
      assert.ok(still.rows > 1 && still.inside, `a wrapping list inside 320 px: ${JSON.stringify(still)}`);
      await t.test("motion comes back when allowed", { skip: lacks("media switch") }, async () => {
        await session.page.emulateMedia({ reducedMotion: "no-preference" });
        await session.page.waitForTimeout(100);
        assert.equal((await trackState(session.page)).playState, "running");
      });
    });
  });

  test("stops while the page is hidden and while the widget is scrolled out of view", async () => {
    await withSession(openAt(fixture({ "data-feed": feed(), "data-show": "ticker" })), async (session) => {
      await setHidden(session.page, true);
      let state = await trackState(session.page);
      assert.deepEqual([state.idle, state.playState], [true, "paused"]);
      await setHidden(session.page, false);
      state = await trackState(session.page);
      assert.deepEqual([state.idle, state.playState], [false, "running"]);

      await session.page.evaluate(() => {
        const spacer = document.createElement("div");
        spacer.style.height = "5000px";
        document.body.append(spacer);
        window.scrollTo(0, 4000);
      });
      await session.page.waitForFunction(() => document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".idle"));
      assert.equal((await trackState(session.page)).playState, "paused", "off-screen");
      await session.page.evaluate(() => window.scrollTo(0, 0));
      await session.page.waitForFunction(() => !document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".idle"));
      assert.equal((await trackState(session.page)).playState, "running", "back in view");
    });
  });
});

/** Direction and text of the widget's parts. */
const directions = (page) =>
  inWidget(page, (root) => {
    const dir = (el) => getComputedStyle(el).direction;
    return {
      widget: dir(root.querySelector(".nt")),
      rates: [...root.querySelectorAll('.segment:first-child [part~="rate"]')].map((li) => [li.textContent, dir(li)]),
      titles: [...root.querySelectorAll('[part~="title"]')].map((t) => dir(t)),
      counter: root.querySelector('[part~="counter"]').textContent,
      // English interface text keeps its order on a right-to-left page.
      interface: ['[part~="date"]', '[part~="counter"]'].map((s) => dir(root.querySelector(s))),
    };
  });

describe("right to left", () => {
  test("an RTL page runs the marquee the other way; rates stay formulas; each title takes its own direction", async () => {
    await withSession(openAt(fixture({ "data-feed": bidiFeed() }, { dir: "rtl" })), async (session) => {
      const first = (await trackState(session.page)).x;
      await session.page.waitForTimeout(400);
      const second = (await trackState(session.page)).x;
      assert.ok(second > first, `the track moves right: ${first} -> ${second}`);
      const seen = await directions(session.page);
      assert.equal(seen.widget, "rtl");
      assert.deepEqual(seen.rates, [["ILS/USD = 0.2703 0.12%", "ltr"], ["KGS/USD = 0.01144 0%", "ltr"]]);
      assert.deepEqual(seen.titles, ["rtl", "rtl", "ltr"], "Hebrew, Arabic, English");
      assert.equal(seen.counter, "Viewing results 1 - 3 of 3");
      assert.deepEqual(seen.interface, ["ltr", "ltr"]);
      assert.deepEqual(session.problems, []);
    });
  });

  test("a page that changes its dir later turns a mounted marquee, without a rebuild", async () => {
    await withSession(openAt(fixture({ "data-feed": bidiFeed() })), async (session) => {
      const { page } = session;
      await page.evaluate(() => (window.__root = document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".nt")));
      const moves = async () => {
        const first = (await trackState(page)).x;
        await page.waitForTimeout(300);
        return Math.sign((await trackState(page)).x - first);
      };
      assert.deepEqual([(await directions(page)).widget, await moves()], ["ltr", -1]);
      for (const [change, expected, movement] of [
        [() => (document.documentElement.dir = "rtl"), "rtl", 1],
        [() => document.documentElement.removeAttribute("dir"), "ltr", -1],
        [() => document.querySelector("[data-news-ticker]").setAttribute("dir", "RTL"), "rtl", 1],
        [() => document.querySelector("[data-news-ticker]").setAttribute("dir", "ltr"), "ltr", -1],
      ]) {
        await page.evaluate(change);
        await page.waitForFunction((d) => document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".nt").getAttribute("dir") === d, expected);
        assert.equal((await directions(page)).widget, expected, change.toString());
        assert.equal(await moves(), movement, `${change}: the track moves the way the page reads`);
      }
      assert.equal(await page.evaluate(() => document.querySelector("[data-news-ticker]").shadowRoot.querySelector(".nt") === window.__root), true, "the same widget, not a new one");
      assert.deepEqual(await page.evaluate(() => window.__nt.events.map((e) => e.type)), ["news-ticker:ready"]);
      assert.deepEqual(session.problems, []);
    });
  });

  test("dir on the container alone is honoured, and host CSS direction is not", async () => {
    for (const [options, attrs, expected] of [
      [{}, { dir: "rtl" }, "rtl"],
      [{ css: ["hostile"] }, {}, "ltr"],
    ]) {
      await withSession(openAt(fixture({ "data-feed": bidiFeed(), ...attrs }, options)), async (session) => {
        assert.equal((await directions(session.page)).widget, expected, JSON.stringify({ options, attrs }));
      });
    }
  });
});

/** Colours and fonts inside the widget. */
const looks = (page) =>
  inWidget(page, (root) => {
    const style = (sel) => getComputedStyle(root.querySelector(sel));
    return {
      background: style(".nt").backgroundColor,
      color: style(".nt").color,
      font: style(".nt").fontFamily,
      size: style(".nt").fontSize,
      title: style('[part~="title"]').color,
      rateWeight: style('[part~="rate"]').fontWeight,
      gap: style(".cards").rowGap,
    };
  });

describe("themes", () => {
  const [white, dark] = ["rgb(255, 255, 255)", "rgb(22, 24, 28)"];

  test("light, dark, and auto following the reader's setting", async () => {
    const seen = {};
    for (const theme of ["light", "dark", "auto"]) {
      for (const colorScheme of ["dark", "light"]) {
        await withSession(env.open(fixture({ "data-feed": feed(), "data-theme": theme }), undefined, { colorScheme }), async (session) => {
          await events(session.page);
          (seen[theme] ??= []).push((await looks(session.page)).background);
        });
      }
    }
    assert.deepEqual(seen, { light: [white, white], dark: [dark, dark], auto: [dark, white] });
  });

  test("auto follows the reader's setting live", { skip: lacks("media switch") }, async () => {
    await withSession(env.open(fixture({ "data-feed": feed(), "data-theme": "auto" })), async (session) => {
      await session.page.emulateMedia({ colorScheme: "dark" });
      await events(session.page);
      const seen = [(await looks(session.page)).background];
      await session.page.emulateMedia({ colorScheme: "light" });
      seen.push((await looks(session.page)).background);
      assert.deepEqual(seen, [dark, white]);
    });
  });

  test("--news-ticker-* custom properties and ::part() style it from the host page", async () => {
    await withSession(openAt(fixture({ "data-feed": feed() }, { css: ["themed"] })), async (session) => {
      assert.deepEqual(await looks(session.page), {
        background: "rgb(1, 2, 3)",
        color: "rgb(250, 250, 240)",
        font: "Georgia, serif",
        size: "18px",
        title: "rgb(4, 5, 6)",
        rateWeight: "700",
        gap: "20px",
      });
    });
  });

  test("hostile host CSS changes nothing inside: fonts, colours, spacing, case, direction, visibility, layout", async () => {
    const measure = (page) =>
      inWidget(page, (root) => {
        const pick = (el) => {
          const s = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return [s.fontFamily, s.fontSize, s.fontStyle, s.lineHeight, s.color, s.letterSpacing, s.wordSpacing, s.textTransform, s.textAlign, s.textIndent, s.whiteSpace, s.direction, s.visibility, Math.round(r.width), Math.round(r.height)];
        };
        return ['.nt', '[part~="rate"]', '[part~="counter"]', '[part~="card"]', '[part~="title"]', '[part~="excerpt"]', '[part~="pause"]'].map((sel) => pick(root.querySelector(sel)));
      });
    const plain = await openAt(fixture({ "data-feed": feed() }));
    const hostile = await openAt(fixture({ "data-feed": feed() }, { css: ["hostile"] }));
    try {
      const [a, b] = [await measure(plain.page), await measure(hostile.page)];
      assert.deepEqual(b, a);
      const view = await read(hostile.page);
      assert.equal(view.visibleRates[0], "KGS/USD = 0.01144 0%", "the text is not upper-cased or reordered");
    } finally {
      await plain.close();
      await hostile.close();
    }
  });
});

describe("strict CSP", () => {
  test("a running, resized, paused and restyled marquee reports no violation", async (t) => {
    const session = await openAt(fixture({ "data-feed": feed() }, { csp: true }));
    try {
      await session.page.setViewportSize({ width: 360, height: 800 });
      await session.page.waitForTimeout(200);
      await session.page.keyboard.press("Tab");
      await session.page.keyboard.press("Space");
      await t.test("restyled by the reader's settings", { skip: lacks("media switch") }, async () => {
        await session.page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
      });
      await session.page.waitForTimeout(200);
      assert.deepEqual(await session.page.evaluate(() => window.__nt.violations), []);
      assert.equal((await read(session.page)).visibleRates.length, 5);
      assert.deepEqual(session.problems, []);
    } finally {
      await session.close();
    }
  });
});

describe("axe-core", () => {
  for (const [name, attrs, options] of [
    ["light", { "data-theme": "light" }, {}],
    ["dark", { "data-theme": "dark" }, {}],
    ["RTL", { "data-theme": "auto", "data-feed": null }, { dir: "rtl" }],
  ]) {
    test(`reports no violation on a ${name} page`, async () => {
      const chosen = { "data-feed": attrs["data-feed"] === null ? bidiFeed() : feed(), "data-theme": attrs["data-theme"] };
      await withSession(openAt(fixture(chosen, options)), async (session) => {
        await session.page.addScriptTag({ path: path.join(ROOT, "node_modules/axe-core/axe.min.js") });
        const result = await session.page.evaluate(async () => {
          const r = await axe.run(document, { resultTypes: ["violations"] });
          return { violations: r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target) })), passes: r.passes.length };
        });
        console.log(`# axe ${name}: ${result.violations.length} violations, ${result.passes} rules passed`);
        assert.deepEqual(result.violations, []);
      });
    });
  }
});
