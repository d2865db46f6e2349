// End to end: the npm package (`make package`) installed into an empty
// project, as a publisher would: its package.json read against Cargo.toml,
// its types checked by tsc, and the widget rendered from the installed
// files, by a script tag and from a bundle (esbuild) with the modules
// copied beside it.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { listen, staticFiles } from "../../tools/serve.mjs";
import { ROOT } from "./servers.mjs";
import { events, fixture, read, setUp, withSession } from "./page.mjs";

const VERSION = fs.readFileSync(path.join(ROOT, "Cargo.toml"), "utf8").match(/^version = "(.*)"$/m)[1];
const TARBALL = path.join(ROOT, `target/package/news-ticker-${VERSION}.tgz`);
const FILES = ["README.md", "manifest.json", "news-ticker.css", "news-ticker.d.ts", "news-ticker.js", "news-ticker_bg.wasm", "news-ticker_xml.wasm", "package.json"];
const env = setUp();

describe("the npm package", () => {
  let project;
  let installed;
  let site;

  before(async () => {
    assert.ok(fs.existsSync(TARBALL), `${TARBALL} is made by make package`);
    project = fs.mkdtempSync(path.join(os.tmpdir(), "nt-package-"));
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "site", private: true, type: "module" }));
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", TARBALL], { cwd: project, stdio: "pipe" });
    installed = path.join(project, "node_modules/news-ticker");
    site = await listen(staticFiles(project, { "access-control-allow-origin": "*" }));
  });

  after(() => {
    site?.server.close();
    site?.server.closeAllConnections();
    if (project) fs.rmSync(project, { recursive: true });
  });

  test("installs the widget's files, versioned as Cargo.toml, with exports and types", () => {
    assert.deepEqual(fs.readdirSync(installed).sort(), FILES);
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
    assert.equal(pkg.name, "news-ticker");
    assert.equal(pkg.version, VERSION);
    assert.equal(pkg.types, "./news-ticker.d.ts");
    assert.deepEqual(pkg.exports["."], { types: "./news-ticker.d.ts", default: "./news-ticker.js" });
    assert.deepEqual([...pkg.files].sort(), FILES.filter((f) => !["README.md", "package.json"].includes(f)));
    // The installed files are the built ones, byte for byte.
    for (const name of pkg.files) {
      assert.ok(fs.readFileSync(path.join(installed, name)).equals(fs.readFileSync(path.join(ROOT, "www/dist", name))), name);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, "manifest.json"), "utf8"));
    assert.equal(manifest.version, VERSION);
    const readme = fs.readFileSync(path.join(installed, "README.md"), "utf8");
    assert.ok(readme.includes(`https://cdn.jsdelivr.net/npm/news-ticker@${VERSION}/news-ticker.js`), "the CDN URL");
    assert.ok(readme.includes(`integrity="${manifest.files["news-ticker.js"].integrity}"`), "the script's hash");
  });

  test("its types resolve from an import of the package", () => {
    fs.writeFileSync(
      path.join(project, "app.ts"),
      'import "news-ticker";\nconst version: string = NewsTicker.version;\n' +
        'document.addEventListener("news-ticker:ready", (e) => console.log(version, e.detail.items));\n',
    );
    const tsc = path.join(ROOT, "node_modules/.bin/tsc");
    const args = ["--noEmit", "--strict", "--module", "esnext", "--moduleResolution", "bundler", "--target", "es2020", "--lib", "es2020,dom", "app.ts"];
    execFileSync(tsc, args, { cwd: project, stdio: "pipe" });
    // And a misuse is caught: the declarations are really read.
    fs.writeFileSync(path.join(project, "wrong.ts"), 'import "news-ticker";\nconst n: number = NewsTicker.version;\n');
    assert.throws(() => execFileSync(tsc, [...args.slice(0, -1), "wrong.ts"], { cwd: project, stdio: "pipe" }), (e) => /TS2322/.test(String(e.stdout)));
  });

  test("renders from the installed files, pinned by the manifest's hash", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, "manifest.json"), "utf8"));
    const attrs = { "data-feed": `${env.servers.feed}/feed.json?k=npm-${Date.now()}` };
    const options = { files: `${site.origin}/node_modules/news-ticker`, integrity: manifest.files["news-ticker.js"].integrity, inner: true };
    await withSession(env.open(fixture(attrs, options)), async (session) => {
      const [ready] = await events(session.page);
      assert.equal(ready.type, "news-ticker:ready");
      const view = await read(session.page);
      assert.equal(view.visibleRates.length, 5, JSON.stringify(view.visibleRates));
      assert.ok(view.titles.length > 0);
      assert.equal(await session.page.evaluate(() => window.NewsTicker.version), VERSION);
      assert.deepEqual(session.problems, []);
    });
  });

  test("renders from a bundle that imports it, the modules copied beside the bundle", async () => {
    fs.writeFileSync(path.join(project, "main.js"), 'import "news-ticker";\n');
    const esbuild = path.join(ROOT, "node_modules/.bin/esbuild");
    execFileSync(esbuild, ["main.js", "--bundle", "--minify", "--format=esm", "--outfile=public/app.js", "--log-level=warning"], { cwd: project, stdio: "pipe" });
    for (const name of ["news-ticker_bg.wasm", "news-ticker_xml.wasm"]) fs.copyFileSync(path.join(installed, name), path.join(project, "public", name));
    const attrs = { "data-feed": `${env.servers.feed}/rss.xml?k=npm-bundle-${Date.now()}` };
    await withSession(env.open(fixture(attrs, { files: `${site.origin}/public`, script: "app.js" })), async (session) => {
      const [ready] = await events(session.page);
      assert.equal(ready.type, "news-ticker:ready", JSON.stringify(ready));
      const view = await read(session.page);
      assert.ok(view.titles.length > 0, "the RSS feed read by the XML module from beside the bundle");
      assert.deepEqual(session.problems, []);
    });
  });
});
