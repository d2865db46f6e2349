// The widget as an npm package: the built files of www/dist/, a
// package.json whose version is Cargo.toml's, and a README with the CDN
// snippet and its integrity hash; packed with `npm pack`.
//   node tools/package.mjs DIST OUT   writes OUT/news-ticker-VERSION.tgz
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const FILES = ["news-ticker.js", "news-ticker_bg.wasm", "news-ticker_xml.wasm", "news-ticker.css", "news-ticker.d.ts", "manifest.json"];

/** `name = "…"` of Cargo.toml's [package]. */
function cargoField(cargo, name) {
  const found = cargo.match(new RegExp(`^${name} = "(.*)"$`, "m"));
  if (!found) throw new Error(`Cargo.toml has no ${name}`);
  return found[1];
}

const [dist, out] = process.argv.slice(2);
const cargo = fs.readFileSync("Cargo.toml", "utf8");
const version = cargoField(cargo, "version");
const manifest = JSON.parse(fs.readFileSync(path.join(dist, "manifest.json"), "utf8"));
if (manifest.version !== version) throw new Error(`${dist}/manifest.json is ${manifest.version}, Cargo.toml ${version}: build again`);

const stage = path.join(out, "news-ticker");
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
for (const name of FILES) fs.copyFileSync(path.join(dist, name), path.join(stage, name));

const pkg = {
  name: "news-ticker",
  version,
  description: cargoField(cargo, "description"),
  license: cargoField(cargo, "license"),
  keywords: ["ticker", "marquee", "currency", "exchange-rates", "news", "widget", "json-feed", "rss", "webassembly"],
  // A classic script that defines window.NewsTicker: loaded by a <script>
  // tag, or imported for its effect by a bundler.
  browser: "./news-ticker.js",
  main: "./news-ticker.js",
  types: "./news-ticker.d.ts",
  exports: {
    ".": { types: "./news-ticker.d.ts", default: "./news-ticker.js" },
    "./news-ticker.js": "./news-ticker.js",
    "./news-ticker_bg.wasm": "./news-ticker_bg.wasm",
    "./news-ticker_xml.wasm": "./news-ticker_xml.wasm",
    "./news-ticker.css": "./news-ticker.css",
    "./manifest.json": "./manifest.json",
    "./package.json": "./package.json",
  },
  files: FILES,
  sideEffects: true,
  unpkg: "./news-ticker.js",
  jsdelivr: "./news-ticker.js",
};
fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(pkg, null, 2) + "\n");

const first = manifest.files["news-ticker.js"].gzipBytes + manifest.files["news-ticker_bg.wasm"].gzipBytes;
const readme = fs
  .readFileSync("docs/package-readme.md", "utf8")
  .replaceAll("@VERSION@", version)
  .replaceAll("@INTEGRITY@", manifest.files["news-ticker.js"].integrity)
  .replaceAll("@GZIP@", first.toLocaleString("en-GB"));
fs.writeFileSync(path.join(stage, "README.md"), readme);

const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", path.resolve(out), path.resolve(stage)], { encoding: "utf8" }));
console.log(`${path.join(out, packed.filename)}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);
for (const file of packed.files) console.log(`  ${file.path} ${file.size}`);
