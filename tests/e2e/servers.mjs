// Two local origins for end-to-end tests: the publisher's page (www/) and
// a separate feed host that answers with CORS, as a real feed CDN would
// (with a third for the widget's files). Over 450 lines because it holds
// every feed, page and failure the suites ask for, one route each.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { listen, staticFiles } from "../../tools/serve.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const WWW = path.join(ROOT, "www");

/** The strict Content-Security-Policy of docs/src/theming.md "Content Security Policy", feeds from `feedOrigin`. */
export function strictPolicy(feedOrigin) {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `connect-src 'self' ${feedOrigin}`,
    "require-trusted-types-for 'script'",
  ].join("; ");
}

/**
 * Runs the handler of `pathname`: its exact route, else the first prefix
 * route it starts with, else `otherwise`.
 */
function route(pathname, exact, prefixed, otherwise) {
  const handler = Object.hasOwn(exact, pathname) ? exact[pathname] : prefixed.find(([prefix]) => pathname.startsWith(prefix))?.[1];
  (handler ?? otherwise)();
}

/**
 * `html` with the recorder (tests/e2e/recorder.js) as its first script and,
 * if `before` is given, that script's source right after it: what a test
 * needs to run before the page's own scripts, in every engine.
 */
function recorded(html, before) {
  const code = before ? `<script src="/__nt/before.js?code=${encodeURIComponent(before)}"></script>` : "";
  const scripts = `<script src="/__nt/recorder.js"></script>${code}`;
  const head = /<head[^>]*>/i;
  return head.test(html) ? html.replace(head, (tag) => tag + scripts) : scripts + html;
}

/** Escapes text for an HTML attribute value. */
function attr(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * Starts the feed origin, then the page origin. The page origin serves www/
 * with index.html and multi.html pointed at the feed origin, and
 * /fixture.html?attrs={json}&scripts=N&csp=1&tt=NAMES&dir=rtl&css=NAME: a
 * bare page with one container, with csp=1 under the strict policy of
 * docs/src/theming.md "Content Security Policy", with tt a `trusted-types` allow-list added to it, with dir=rtl
 * a right-to-left page, and with css=NAME (repeatable) the host stylesheet
 * tests/e2e/css/NAME.css. Under /cached/ the
 * page origin serves the same with `Cache-Control: max-age=600`.
 */
export async function startServers() {
  const feedFiles = staticFiles(WWW, { "access-control-allow-origin": "*" });
  const testFeeds = staticFiles(path.join(ROOT, "tests/e2e/feeds"), { "access-control-allow-origin": "*" });
  const feedRequests = [];
  const bankFiles = staticFiles(path.join(ROOT, "crates/feed/tests/fixtures/rates"));
  let builtFiles = null;
  // /together/feed.json?k=K answers only once /together/rates.json?k=K has
  // been asked for (503 after 3 s otherwise): a widget that fetched the two
  // one after the other would fail.
  const rendezvous = new Map();
  const meeting = (key) => {
    if (!rendezvous.has(key)) {
      let arrived;
      const promise = new Promise((resolve) => (arrived = resolve));
      rendezvous.set(key, { promise, arrived });
    }
    return rendezvous.get(key);
  };
  // /changing.json?k=K: a feed whose first item's title changes from the
  // third request for K on (with an ETag, so unchanged answers are 304s).
  const changing = new Map();
  const later = new Map();
  // Bytes of /hostile/huge* actually written, per key: a widget that stops
  // reading leaves most of the 20 MB unsent.
  const hugeBytes = new Map();
  // Feeds whose key (?k=) is here cannot be reached: the connection is
  // closed unanswered and unlogged, as for a reader gone offline.
  const unreachable = new Set();
  const feed = await listen((req, res) => {
    if (unreachable.has(new URL(req.url, "http://x").searchParams.get("k"))) {
      req.socket.destroy();
      return;
    }
    const entry = {
      url: req.url,
      at: Date.now(),
      ifNoneMatch: req.headers["if-none-match"] || null,
      ifModifiedSince: req.headers["if-modified-since"] || null,
      status: null,
    };
    feedRequests.push(entry);
    res.on("finish", () => (entry.status = res.statusCode));
    // A request the client gave up on before it was answered (aborted).
    res.on("close", () => {
      entry.abandoned = !res.writableFinished;
      entry.closedAt = Date.now();
    });
    const url = new URL(req.url, "http://x");
    // Each path its handler; a prefix route serves everything below it.
    const exact = {
      "/status/500": () => {
        res.writeHead(500, { "access-control-allow-origin": "*" }).end("{}");
      },
      "/not-json": () => {
        res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "application/json" });
        res.end('{"items": [ not json');
      },
      "/html-page": () => {
        // What a feed URL often returns by mistake: a login or error page.
        res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "text/html" });
        res.end("<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><p>Please sign in</body></html>");
      },
      "/not-xml": () => {
        res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "application/rss+xml" });
        res.end("<rss><channel><title>x</channel></rss>");
      },
      "/wrong-shape": () => {
        res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "application/json" });
        res.end('["a", "list"]');
      },
      "/together/feed.json": () => {
        const meet = meeting(url.searchParams.get("k"));
        const send = (file) => {
          res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "application/json" });
          res.end(fs.readFileSync(path.join(WWW, file)));
        };
        if (url.pathname.endsWith("rates.json")) {
          meet.arrived();
          send("rates.json");
        } else {
          const timer = setTimeout(() => res.writeHead(503, { "access-control-allow-origin": "*" }).end("{}"), 3000);
          meet.promise.then(() => {
            clearTimeout(timer);
            if (!res.headersSent) send("feed.json");
          });
        }
      },
      "/together/rates.json": () => exact["/together/feed.json"](),
      "/never": () => {
        // Headers and body never come; the widget's timeout must end it.
        req.on("close", () => res.destroy());
      },
      "/changing.json": () => {
        const key = url.searchParams.get("k");
        const count = (changing.get(key) || 0) + 1;
        changing.set(key, count);
        const version = count >= 3 ? 2 : 1;
        const etag = `"v${version}"`;
        const headers = { "access-control-allow-origin": "*", "content-type": "application/json", etag, "cache-control": "no-cache" };
        if (req.headers["if-none-match"] === etag) {
          res.writeHead(304, headers).end();
        } else {
          const doc = JSON.parse(fs.readFileSync(path.join(WWW, "feed.json"), "utf8"));
          if (version === 2) doc.items[0].title = "A new first headline";
          // rates=1: the new version also has fewer rates (a narrower marquee).
          if (version === 2 && url.searchParams.get("rates") === "1") doc._ticker.rates = doc._ticker.rates.slice(0, 2);
          res.writeHead(200, headers).end(JSON.stringify(doc));
        }
      },
      "/later.json": () => {
        // The first request for K answers at once; later ones after 3 s, with
        // a new first headline: a slow network on the reader's next visit.
        const key = url.searchParams.get("k");
        const count = (later.get(key) || 0) + 1;
        later.set(key, count);
        const doc = JSON.parse(fs.readFileSync(path.join(WWW, "feed.json"), "utf8"));
        if (count > 1) doc.items[0].title = "A later first headline";
        const send = () => {
          res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "application/json" });
          res.end(JSON.stringify(doc));
        };
        if (count === 1) send();
        else setTimeout(send, 3000);
      },
      "/rss-as.json": () => {
        // An RSS feed at a .json URL with a JSON media type: read by its content.
        res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "application/json" });
        res.end(fs.readFileSync(path.join(WWW, "rss.xml")));
      },
      "/no-cors.json": () => {
        res.writeHead(200, { "content-type": "application/json" }).end(fs.readFileSync(path.join(WWW, "feed.json")));
      },
    };
    const prefixed = [
      ["/test-feeds/", () => {
        req.url = req.url.slice("/test-feeds".length);
        testFeeds(req, res);
      }],
      ["/hostile/", () => {
        hostile(url, req, res, hugeBytes);
      }],
      // Card images (tests/e2e/cards.test.mjs): photo.svg (640 x 360,
      // after ?delay=MS), banner.svg, pixel.gif (1 x 1); anything else 404.
      ["/img/", () => {
        const name = url.pathname.slice("/img/".length);
        const svg = (w, h, fill) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${fill}"/></svg>`;
        const images = {
          "photo.svg": ["image/svg+xml", svg(640, 360, "#2f6f9f")],
          "banner.svg": ["image/svg+xml", svg(1200, 400, "#9f6f2f")],
          "pixel.gif": ["image/gif", Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64")],
        };
        const delay = Number(url.searchParams.get("delay") || "0");
        setTimeout(() => {
          if (!images[name]) return res.writeHead(404, CORS).end();
          res.writeHead(200, { ...CORS, "content-type": images[name][0], "cache-control": "no-store" }).end(images[name][1]);
        }, delay);
      }],
      // /encoded/NAME?charset=X: tests/e2e/feeds/NAME with that charset in its Content-Type.
      ["/encoded/", () => {
        const file = path.join(ROOT, "tests/e2e/feeds", path.basename(url.pathname));
        const type = `application/rss+xml; charset=${url.searchParams.get("charset")}`;
        res.writeHead(200, { ...CORS, "content-type": type }).end(fs.readFileSync(file));
      }],
      // The banks' publications, for news-ticker-feed to fetch.
      ["/bank/", () => {
        req.url = req.url.slice("/bank".length);
        bankFiles(req, res);
      }],
      // What news-ticker-feed wrote, once published: a static file server's ETags.
      ["/built/", () => {
        req.url = req.url.slice("/built".length);
        builtFiles ? builtFiles(req, res) : res.writeHead(404, CORS).end();
      }],
    ];
    route(url.pathname, exact, prefixed, () => feedFiles(req, res));
  });
  const pageFiles = staticFiles(WWW);
  let pasted = "";
  // When each late module (/slow-dist/) was sent.
  const wasmSent = [];
  const testCss = staticFiles(path.join(ROOT, "tests/e2e/css"));
  // Under /cached/ the same pages and files may be kept for 10 minutes, so
  // a later visit loads them from the browser's cache, even offline.
  const CACHED = "max-age=600";
  const cachedFiles = staticFiles(WWW, { "cache-control": CACHED });
  const page = await listen((req, res) => {
    let url = new URL(req.url, "http://x");
    const cached = url.pathname.startsWith("/cached/");
    if (cached) {
      req.url = req.url.slice("/cached".length);
      url = new URL(req.url, "http://x");
    }
    const pointed = (file) => {
      const html = fs
        .readFileSync(path.join(WWW, file), "utf8")
        .replace(/data-feed="feed\.json"/g, `data-feed="${feed.origin}/feed.json"`)
        .replace(/data-rates="rates\.json"/g, `data-rates="${feed.origin}/rates.json"`);
      const headers = { "content-type": "text/html; charset=utf-8" };
      if (cached) headers["cache-control"] = CACHED;
      res.writeHead(200, headers).end(recorded(html));
    };
    // Each path its handler; a prefix route serves everything below it.
    const exact = {
      "/": () => {
        pointed("index.html");
      },
      "/index.html": () => exact["/"](),
      "/multi.html": () => {
        pointed("multi.html");
      },
      "/fixture.html": () => {
        const attrs = JSON.parse(url.searchParams.get("attrs") || "{}");
        const scripts = Number(url.searchParams.get("scripts") || "1");
        const list = Object.entries(attrs).map(([k, v]) => ` ${k}="${attr(v)}"`).join("");
        // wasm=slow: the module is served 1 s late (from /slow-dist/).
        // files=ORIGIN loads the script from that origin (with integrity=HASH
        // and crossorigin), script=NAME names a script other than
        // news-ticker.js there; inner=1 gives the container fallback content.
        const dist = url.searchParams.get("wasm") === "slow" ? "slow-dist" : "dist";
        const files = url.searchParams.get("files");
        const integrity = url.searchParams.get("integrity");
        const pinned = integrity ? ` integrity="${attr(integrity)}" crossorigin="anonymous"` : "";
        const name = url.searchParams.get("script") || "news-ticker.js";
        const src = files ? `${attr(files)}/${attr(name)}` : `${dist}/news-ticker.js`;
        const script = `<script src="${src}"${pinned} async></script>\n`.repeat(scripts);
        const inner = url.searchParams.get("inner") === "1" ? '<a id="fallback" href="/news/">Read the latest news</a>' : "";
        const headers = { "content-type": "text/html; charset=utf-8" };
        if (cached) headers["cache-control"] = CACHED;
        if (url.searchParams.get("csp") === "1") headers["content-security-policy"] = strictPolicy(feed.origin);
        // tt=NAMES adds a Trusted Types allow-list of policy names.
        if (url.searchParams.has("tt")) headers["content-security-policy"] += `; trusted-types ${url.searchParams.get("tt")}`;
        // dir=rtl sets the page's direction (and lang=he); css=NAME links tests/e2e/css/NAME.css.
        const rtl = url.searchParams.get("dir") === "rtl";
        const html = rtl ? '<html lang="he" dir="rtl">' : '<html lang="en">';
        const css = url.searchParams.getAll("css").map((name) => `<link rel="stylesheet" href="/test-css/${encodeURIComponent(name)}.css">`);
        res.writeHead(200, headers);
        res.end(recorded(`<!doctype html>${html}<head><meta charset="utf-8"><title>fixture</title>${css.join("")}</head>
    <body><main><h1>Fixture</h1><div id="w" data-news-ticker${list}>${inner}</div></main>
    ${script}</body></html>`, url.searchParams.get("before")));
      },
      "/server.html": () => {
        // A page that serves the container news-ticker-feed rendered
        // (`render`) for www/feed.json with attrs={json} (data-feed is the
        // feed origin's /feed.json), then the script (none with script=0;
        // served 1 s late with wasm=slow). stale=1 renders an older version
        // of the feed (its first headline "An older headline"); nodsd=1
        // serves the template as a browser without declarative shadow DOM
        // reads it (a plain template); csp=1 and tt= as for /fixture.html.
        const attrs = { "data-feed": `${feed.origin}/feed.json`, ...JSON.parse(url.searchParams.get("attrs") || "{}") };
        let source = path.join(WWW, "feed.json");
        if (url.searchParams.get("stale") === "1") {
          const older = JSON.parse(fs.readFileSync(source, "utf8"));
          older.items[0].title = "An older headline";
          source = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nt-stale-")), "feed.json");
          fs.writeFileSync(source, JSON.stringify(older));
        }
        // stylesheet=inline writes the stylesheet into the shadow root; the
        // CSP (csp=1) then lists its hash from manifest.json.
        const inline = url.searchParams.get("stylesheet") === "inline";
        const args = ["render", source, "--stylesheet", inline ? "inline" : "/dist/news-ticker.css"];
        for (const [name, value] of Object.entries(attrs)) args.push("--attr", `${name}=${value}`);
        let fragment;
        try {
          fragment = execFileSync(path.join(ROOT, "target/debug/news-ticker-feed"), args, { encoding: "utf8", stdio: "pipe" });
        } catch (e) {
          res.writeHead(500, { "content-type": "text/plain" }).end(`news-ticker-feed render failed: ${e.stderr}`);
          return;
        }
        if (url.searchParams.get("nodsd") === "1") fragment = fragment.replace("<template shadowrootmode=", "<template data-shadowrootmode=");
        const dist = url.searchParams.get("wasm") === "slow" ? "slow-dist" : "dist";
        const script = url.searchParams.get("script") === "0" ? "" : `<script src="/${dist}/news-ticker.js" async></script>`;
        const headers = { "content-type": "text/html; charset=utf-8" };
        if (url.searchParams.get("csp") === "1") headers["content-security-policy"] = strictPolicy(feed.origin);
        if (url.searchParams.get("csp") === "1" && inline) {
          const { styleHash } = JSON.parse(fs.readFileSync(path.join(WWW, "dist/manifest.json"), "utf8"));
          headers["content-security-policy"] = headers["content-security-policy"].replace("style-src 'self'", `style-src 'self' ${styleHash}`);
        }
        if (url.searchParams.has("tt")) headers["content-security-policy"] += `; trusted-types ${url.searchParams.get("tt")}`;
        res.writeHead(200, headers);
        res.end(recorded(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>server-rendered</title></head>
    <body><main><h1>Server-rendered</h1>${fragment}<p id="after">Below the widget</p></main>
    ${script}</body></html>`, url.searchParams.get("before")));
      },
      "/__nt/recorder.js": () => {
        res.writeHead(200, { "content-type": "text/javascript" }).end(fs.readFileSync(path.join(ROOT, "tests/e2e/recorder.js")));
      },
      "/__nt/before.js": () => {
        res.writeHead(200, { "content-type": "text/javascript" }).end(url.searchParams.get("code"));
      },
      "/pasted.html": () => {
        // A blank page of the publisher's own with nothing but what was pasted (paste(html)).
        const body = `<!doctype html><html><head><meta charset="utf-8"><title>pasted</title></head><body>\n${pasted}</body></html>`;
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(recorded(body));
      },
      "/favicon.ico": () => {
        res.writeHead(204).end();
      },
    };
    const prefixed = [
      ["/slow-dist/", () => {
        req.url = req.url.slice("/slow-".length);
        const late = url.pathname.endsWith(".wasm") ? 1000 : 0;
        setTimeout(() => {
          if (late) wasmSent.push(Date.now());
          pageFiles(req, res);
        }, late);
      }],
      ["/test-css/", () => {
        req.url = req.url.slice("/test-css".length);
        testCss(req, res);
      }],
    ];
    const otherwise = () => {
      if (url.pathname.endsWith(".html") && fs.existsSync(path.join(WWW, path.normalize(url.pathname)))) return pointed(url.pathname.slice(1));
      (cached ? cachedFiles : pageFiles)(req, res);
    };
    route(url.pathname, exact, prefixed, otherwise);
  });
  // A third origin for the widget's files, as a CDN serves them: CORS,
  // the wasm media type, immutable caching. /tampered/ serves the same
  // script with a module that is not the one built; /tampered-xml/, with
  // an XML stage that is not.
  const distFiles = staticFiles(path.join(WWW, "dist"), { "access-control-allow-origin": "*", "cache-control": "public, max-age=31536000, immutable" });
  const cdn = await listen((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/tampered/news-ticker_bg.wasm") {
      // Still a valid module (a custom section "test" appended), so only
      // its hash can refuse it.
      const bytes = Buffer.concat([fs.readFileSync(path.join(WWW, "dist/news-ticker_bg.wasm")), Buffer.from([0, 5, 4, 0x74, 0x65, 0x73, 0x74])]);
      res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "application/wasm" }).end(bytes);
      return;
    }
    if (url.pathname === "/tampered-xml/news-ticker_xml.wasm") {
      const bytes = Buffer.concat([fs.readFileSync(path.join(WWW, "dist/news-ticker_xml.wasm")), Buffer.from([0, 5, 4, 0x74, 0x65, 0x73, 0x74])]);
      res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "application/wasm" }).end(bytes);
      return;
    }
    for (const prefix of ["/tampered/", "/tampered-xml/"]) {
      if (url.pathname.startsWith(prefix)) req.url = req.url.slice(prefix.length - 1);
    }
    distFiles(req, res);
  });
  return {
    page: page.origin,
    feed: feed.origin,
    cdn: cdn.origin,
    feedRequests,
    unreachable,
    hugeBytes,
    wasmSent,
    /** Serves the folder `dir` under /built/ on the feed origin. */
    publish(dir) {
      builtFiles = staticFiles(dir, CORS);
    },
    /** Sets what /pasted.html holds in its body. */
    paste(html) {
      pasted = html;
    },
    close() {
      // Connections a browser keeps alive (one whose page crashed, say)
      // are closed too, so the test process always ends.
      for (const { server } of [page, feed, cdn]) {
        server.close();
        server.closeAllConnections();
      }
    },
  };
}

const CORS = { "access-control-allow-origin": "*" };
const JSON_TYPE = { ...CORS, "content-type": "application/json" };

/** The sample feed with `items` made by `item(i)` for i = 1..n. */
function feedWith(n, item) {
  const doc = JSON.parse(fs.readFileSync(path.join(WWW, "feed.json"), "utf8"));
  doc.items = Array.from({ length: n }, (_, i) => item(i + 1));
  return doc;
}

/** Documents of the wrong shape, served as JSON. */
const SHAPES = {
  array: "[1, 2, 3]",
  string: '"a feed"',
  null: "null",
  number: "42",
  "missing-items": '{"version": "https://jsonfeed.org/version/1.1", "title": "No items"}',
  "items-not-a-list": '{"items": {"0": {"title": "x"}}}',
  // Numbers where strings belong and strings where numbers belong.
  "numbers-as-strings": JSON.stringify({
    items: [{ id: 1, title: 2, url: 3, content_text: 4 }, { id: "ok", title: "A readable item", content_text: "kept" }],
    _ticker: { rates: [{ base: "KGS", quote: "USD", rate: "0.01144", change_pct: "0" }, { base: 7, quote: "USD", rate: "1" }] },
  }),
  "strings-as-numbers": JSON.stringify({
    items: [{ id: "1", title: "Rates as words", content_text: "text" }],
    _ticker: { rates: [{ base: "KGS", quote: "USD", rate: "one", change_pct: "lots" }, { base: "KZT", quote: "USD", rate: 0.00191, change_pct: "0" }] },
  }),
};

/** Titles in many scripts, with the characters that break naive text handling (escaped as JSON writes them). */
export const UNICODE_TITLES = [
  "שער הדולר ירד היום", // Hebrew (RTL)
  "ارتفاع سعر الصرف", // Arabic (RTL)
  "Rates 📈🇰🇬 today 👩‍👩‍👧", // emoji, flags, ZWJ sequences
  "Z̷͉̓a̸̞̅l̶̨̏g̵̤̈o̴̧̔ combining marks", // stacked combining marks
  "zero\\u200bwidth\\u200djoiner\\ufeffbom\\u2066isolate\\u2069", // zero-width and bidi controls
  "control \\u0000\\u0007\\u001b[31m\\u007f\\u0085 characters",
  "lone \\ud800 high and \\udc00 low surrogates",
];

/**
 * /hostile/NAME: answers a widget should survive. Each is named in
 * tests/e2e/hostile.test.mjs.
 */
function hostile(url, req, res, hugeBytes) {
  const name = url.pathname.slice("/hostile/".length);
  const key = url.searchParams.get("k") || "";
  if (name === "404") {
    res.writeHead(404, JSON_TYPE).end('{"error": "not found"}');
  } else if (name === "503") {
    // Retry-After: ?after= seconds (120 by default), or after=date:N for
    // the HTTP date N s from now; ?expose=1 lets a cross-origin page read
    // it, as CORS requires.
    const after = url.searchParams.get("after") || "120";
    const date = after.startsWith("date:") ? new Date(Date.now() + Number(after.slice(5)) * 1000).toUTCString() : null;
    const headers = { ...CORS, "retry-after": date || after };
    if (url.searchParams.get("expose") === "1") headers["access-control-expose-headers"] = "Retry-After";
    res.writeHead(503, headers).end("busy");
  } else if (name === "reset") {
    req.socket.destroy(); // the connection is dropped: no status line at all
  } else if (name === "trickle") {
    // A valid feed, one byte every 50 ms: it would take minutes.
    const body = fs.readFileSync(path.join(WWW, "feed.json"));
    res.writeHead(200, JSON_TYPE);
    let at = 0;
    const timer = setInterval(() => {
      if (at >= body.length) return clearInterval(timer), res.end();
      res.write(body.subarray(at, at + 1));
      at += 1;
    }, 50);
    res.on("close", () => clearInterval(timer));
  } else if (name === "redirect-loop") {
    res.writeHead(302, { ...CORS, location: url.pathname + url.search }).end();
  } else if (name === "huge" || name === "huge-declared") {
    // 20 MB of one long valid JSON string in 64 KB chunks, one a
    // millisecond at most (64 MB/s): a reader that stops at 5 MB stops the
    // sending well before the end, where an unpaced local server could
    // have pushed it all into the socket before a cancel arrived.
    // huge-declared says its length up front.
    const total = 20 * 1024 * 1024;
    const headers = { ...JSON_TYPE };
    if (name === "huge-declared") headers["content-length"] = String(total);
    res.writeHead(200, headers);
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    hugeBytes.set(key, 0);
    res.write('{"items": [], "title": "');
    sent += 24;
    let closed = false;
    const more = () => {
      if (closed) return;
      if (sent >= total - 2) return res.end('"}');
      const piece = chunk.subarray(0, Math.min(chunk.length, total - 2 - sent));
      sent += piece.length;
      hugeBytes.set(key, sent);
      if (res.write(piece)) setTimeout(more, 1);
      else res.once("drain", () => setTimeout(more, 1));
    };
    res.on("close", () => {
      closed = true;
      hugeBytes.set(key, sent);
    });
    more();
  } else if (name === "items") {
    // ?n=N: a feed of N short items.
    const n = Math.min(Number(url.searchParams.get("n")) || 0, 1000);
    const doc = feedWith(n, (i) => ({ id: String(i), url: `https://news.example.org/${i}`, title: `Headline ${i}`, content_text: `Text ${i}.` }));
    res.writeHead(200, JSON_TYPE).end(JSON.stringify(doc));
  } else if (name === "items-5000") {
    const doc = feedWith(5000, (i) => ({ id: String(i), url: `https://news.example.org/${i}`, title: `Headline ${i}`, content_text: `Text of item ${i}. `.repeat(20) }));
    res.writeHead(200, JSON_TYPE).end(JSON.stringify(doc));
  } else if (name === "empty") {
    res.writeHead(200, JSON_TYPE).end('{"version": "https://jsonfeed.org/version/1.1", "title": "Nothing yet", "items": []}');
  } else if (name === "unicode") {
    // Written by hand so the escapes (lone surrogates among them) reach the browser's JSON.parse as escapes.
    const items = UNICODE_TITLES.map((t, i) => `{"id": "${i}", "title": "${t}", "content_text": "${t} — text"}`);
    res.writeHead(200, { ...JSON_TYPE, "content-type": "application/json; charset=utf-8" });
    res.end(`{"version": "https://jsonfeed.org/version/1.1", "title": "\\u202eevil\\u202c", "items": [${items.join(",")}]}`);
  } else if (name === "slow") {
    // The sample feed after 2 s, unless the client has gone by then.
    const timer = setTimeout(() => res.writeHead(200, JSON_TYPE).end(fs.readFileSync(path.join(WWW, "feed.json"))), 2000);
    res.on("close", () => clearTimeout(timer));
  } else if (name === "xss") {
    res.writeHead(200, JSON_TYPE).end(JSON.stringify(xssFeed()));
  } else if (name === "xss.rss") {
    res.writeHead(200, { ...CORS, "content-type": "application/rss+xml" }).end(xssRss());
  } else if (name.startsWith("shape/") && SHAPES[name.slice(6)] !== undefined) {
    res.writeHead(200, JSON_TYPE).end(SHAPES[name.slice(6)]);
  } else {
    res.writeHead(404, CORS).end();
  }
}

/**
 * Script and markup a feed might carry, each of which sets
 * window.__pwned (or loads something) if it ever runs or is parsed as HTML.
 */
export const XSS = [
  "<script>window.__pwned = 1</script>",
  '<img src=x onerror="window.__pwned = 2">',
  '<svg onload="window.__pwned = 3"><circle r=1 /></svg>',
  '"><img src=x onerror=window.__pwned=4>',
  "'><script>window.__pwned = 5</script>",
  "</title></h2><script>window.__pwned = 6</script>",
  '<iframe src="javascript:window.__pwned = 7"></iframe>',
  '<a href="javascript:window.__pwned = 8">click</a>',
  "<style>* { display: none !important }</style>",
  "</style><script>window.__pwned = 9</script>",
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = 10">',
  '<object data="data:text/html,<script>window.__pwned = 11</script>"></object>',
  "{{constructor.constructor('window.__pwned = 12')()}}",
  "${window.__pwned = 13}",
  "expression(window.__pwned = 14); background: url(javascript:window.__pwned = 15)",
  "&lt;script&gt;window.__pwned = 16&lt;/script&gt;",
];

/** Links that must never become a link: every scheme but http and https, disguised. */
export const BAD_LINKS = [
  "javascript:window.__pwned = 20",
  "JaVaScRiPt:window.__pwned = 21",
  " javascript:window.__pwned = 22",
  "java\tscript:window.__pwned = 23",
  "java\nscript:window.__pwned = 24",
  "\u0000javascript:window.__pwned = 25",
  "&#106;avascript:window.__pwned = 26",
  "%6Aavascript:window.__pwned = 27",
  "data:text/html,<script>window.__pwned = 28</script>",
  "DATA:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZCA9IDI5PC9zY3JpcHQ+",
  "vbscript:msgbox(30)",
  "file:///etc/passwd",
  "blob:https://news.example.org/31",
  "//evil.example/protocol-relative",
];

function xssFeed() {
  const items = [];
  XSS.forEach((payload, i) => {
    items.push({ id: `t${i}`, title: payload, url: `https://news.example.org/${i}?q=${encodeURIComponent(payload)}`, content_html: payload, summary: payload });
    items.push({ id: `x${i}`, title: `text ${i}`, content_text: payload, external_url: "javascript:window.__pwned = 40" });
  });
  BAD_LINKS.forEach((link, i) => items.push({ id: `l${i}`, title: `link ${i}`, url: link, content_text: "x" }));
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: XSS[0],
    home_page_url: "javascript:window.__pwned = 41",
    _ticker: {
      as_of: "<script>window.__pwned = 42</script>",
      rates: [
        { base: "<img src=x onerror=window.__pwned=43>", quote: "USD", rate: "1" },
        { base: "KGS", quote: "USD\"><script>", rate: "1" },
        { base: "KGS", quote: "USD", rate: "<script>window.__pwned = 44</script>" },
        { base: "KGS", quote: "USD", rate: "0.01144", change_pct: "0" },
      ],
    },
    items,
  };
}

/** The same payloads in RSS: as CDATA, as escaped markup, and as links. */
function xssRss() {
  const escape = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const items = XSS.map(
    (payload, i) => `<item><title><![CDATA[${payload}]]></title><link>https://news.example.org/${i}</link>
<description>${escape(payload)}</description><guid isPermaLink="false">r${i}</guid></item>`,
  );
  const links = BAD_LINKS.map((link, i) => `<item><title>link ${i}</title><link>${escape(link.replace(/\u0000/g, ""))}</link></item>`);
  return `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>${escape(XSS[0])}</title><link>javascript:window.__pwned = 50</link><description>x</description>
${items.join("\n")}
${links.join("\n")}
<item><title>encoded</title><content:encoded><![CDATA[<img src=x onerror="window.__pwned = 51"><script>window.__pwned = 52</script>]]></content:encoded></item>
</channel></rss>`;
}
