// node tools/minify-names.mjs NAMES.json GLUE.js MODULE.wasm > OUT.js
//
// wasm-opt's --minify-imports-and-exports-and-modules gives every import
// and export of the module a name of a letter or two, and prints the
// mapping (NAMES.json). This renames them the same way in wasm-bindgen's
// glue: the import object's module and keys, and every `wasm.<export>`.
// The long generated names (a hash in each import, whole type paths in
// closure exports) otherwise ship twice, in the module and in the script.
// Fails loudly if a name of the mapping is not where the glue must use it,
// or if the glue names an export the mapping does not know.
import fs from "node:fs";

const [namesFile, glueFile] = process.argv.slice(2);
const text = fs.readFileSync(namesFile, "utf8");
// wasm-opt prints the mapping as JSON, possibly after other output.
const names = JSON.parse(text.slice(text.indexOf("{")));
let glue = fs.readFileSync(glueFile, "utf8");

function fail(why) {
  console.error(`minify-names: ${why}`);
  process.exit(1);
}

const modules = new Set(names.imports.map(([module]) => module));
if (modules.size !== 1) fail(`expected one import module, got ${[...modules]}`);
const [module] = modules;
const moduleKey = `${JSON.stringify(module)}: import0`;
if (!glue.includes(moduleKey)) fail(`the glue has no ${moduleKey}`);

// The module's new name, as the minified module itself imports it.
const minified = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(process.argv[4])));
const minifiedModule = minified[0]?.module;
if (!minified.every((i) => i.module === minifiedModule)) fail("the minified module imports from several modules");
glue = glue.replace(moduleKey, `${JSON.stringify(minifiedModule)}: import0`);

for (const [, name, renamed] of names.imports) {
  const key = new RegExp(`(\\n\\s*)${name}(: function)`);
  if (!key.test(glue)) fail(`import ${name} is not a key of the glue's import object`);
  glue = glue.replace(key, `$1${JSON.stringify(renamed)}$2`);
}

const exports = new Map(names.exports);
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (whole, name) => {
  if (!exports.has(name)) fail(`the glue uses export ${name}, which the module does not have`);
  return `wasm[${JSON.stringify(exports.get(name))}]`;
});
process.stdout.write(glue);
