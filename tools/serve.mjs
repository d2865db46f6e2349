// A small static file server for the demo and the end-to-end tests.
// Binds to 127.0.0.1 only. Sends ETag / Last-Modified and answers 304, so
// the widget's revalidation can be seen working against it.
//
//   node tools/serve.mjs DIR [PORT]

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** A request handler serving files under root; `headers` are added to each answer. */
export function staticFiles(root, headers = {}) {
  const base = path.resolve(root);
  return (req, res) => {
    const url = new URL(req.url, "http://localhost");
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      file = path.join(file, "index.html");
    }
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) {
        res.writeHead(404, { "content-type": "text/plain", ...headers }).end("not found");
        return;
      }
      const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
      const common = {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        etag,
        "last-modified": stat.mtime.toUTCString(),
        "cache-control": "no-cache",
        ...headers,
      };
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, common).end();
        return;
      }
      res.writeHead(200, { ...common, "content-length": stat.size });
      if (req.method === "HEAD") {
        res.end();
      } else {
        fs.createReadStream(file).pipe(res);
      }
    });
  };
}

/** Starts a server on 127.0.0.1 (port 0 picks a free one); resolves to its origin. */
export function listen(handler, port = 0) {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler);
    server.on("error", reject);
    server.listen(port, "127.0.0.1", () => {
      resolve({ server, origin: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [root = "www", port = "8080"] = process.argv.slice(2);
  const { origin } = await listen(staticFiles(root), Number(port));
  console.log(`news-ticker demo: ${origin}/  (configurator: ${origin}/configurator.html; two widgets: ${origin}/multi.html; Ctrl-C stops)`);
}
