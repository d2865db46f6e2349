// Subresource Integrity for the built files.
//   node tools/integrity.mjs FILE            prints sha384-… of FILE
//   node tools/integrity.mjs --manifest DIR VERSION
//                                           writes DIR/manifest.json: the version, and
//                                           each file's bytes, gzip bytes and integrity
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export const integrity = (bytes) => `sha384-${crypto.createHash("sha384").update(bytes).digest("base64")}`;

const FILES = ["news-ticker.js", "news-ticker_bg.wasm", "news-ticker_xml.wasm", "news-ticker.css"];

if (process.argv[2] === "--manifest") {
  const [dir, version] = process.argv.slice(3);
  const files = {};
  for (const name of FILES) {
    const bytes = fs.readFileSync(path.join(dir, name));
    files[name] = { bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length, integrity: integrity(bytes) };
  }
  // What a CSP's style-src lists for a server-rendered container whose
  // stylesheet is inline (news-ticker-feed render --stylesheet inline).
  const css = fs.readFileSync(path.join(dir, "news-ticker.css"));
  const styleHash = `'sha256-${crypto.createHash("sha256").update(css).digest("base64")}'`;
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ name: "news-ticker", version, files, styleHash }, null, 2) + "\n");
} else if (process.argv[2]) {
  process.stdout.write(integrity(fs.readFileSync(process.argv[2])));
}
