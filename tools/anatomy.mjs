// Where a wasm module's code bytes are, by crate: each function's body
// size from the code section, its name from the name section (a build
// with names kept), summed by the crate its name starts with.
//   node tools/anatomy.mjs MODULE.wasm [--top N] [--crate NAME]
// --top lists the N largest functions; --crate only those of one crate.
import fs from "node:fs";

const args = process.argv.slice(2);
const file = args[0];
const option = (name) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const top = Number(option("--top") || 0);
const only = option("--crate");
const bytes = fs.readFileSync(file);

let at = 8;
function uleb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return result;
  }
}
function name() {
  const length = uleb();
  const text = bytes.subarray(at, at + length).toString("utf8");
  at += length;
  return text;
}

let imported = 0;
const sizes = [];
const names = new Map();
let data = 0;
while (at < bytes.length) {
  const id = bytes[at++];
  const size = uleb();
  const end = at + size;
  if (id === 2) {
    for (let count = uleb(), i = 0; i < count; i++) {
      name();
      name();
      const kind = bytes[at++];
      if (kind === 0) {
        uleb();
        imported++;
      } else if (kind === 1) {
        at++;
        const flags = uleb();
        uleb();
        if (flags & 1) uleb();
      } else if (kind === 2) {
        const flags = uleb();
        uleb();
        if (flags & 1) uleb();
      } else if (kind === 3) {
        at += 2;
      } else {
        at++;
        uleb();
      }
    }
  } else if (id === 10) {
    for (let count = uleb(), i = 0; i < count; i++) {
      const length = uleb();
      sizes.push(length);
      at += length;
    }
  } else if (id === 11) {
    data += size;
  } else if (id === 0) {
    if (name() === "name") {
      while (at < end) {
        const sub = bytes[at++];
        const subEnd = uleb() + at;
        if (sub === 1) {
          for (let count = uleb(), i = 0; i < count; i++) names.set(uleb(), name());
        }
        at = subEnd;
      }
    }
  }
  at = end;
}

if (names.size === 0) {
  console.error(`${file} has no name section: build with names kept`);
  process.exit(1);
}

/**
 * The crates a symbol names, in order: from a demangled name (what
 * wasm-bindgen leaves) its path segments, from a v0-mangled one each
 * `C`, disambiguator, length-prefixed name.
 */
function crates(symbol) {
  if (!symbol.startsWith("_R")) return symbol.match(/[A-Za-z_][A-Za-z0-9_]*(?=::)/g) || [];
  const found = [];
  const pattern = /C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_])/g;
  for (let match; (match = pattern.exec(symbol)); ) {
    const start = match.index + match[0].length - 1;
    found.push(symbol.slice(start, start + Number(match[1])));
  }
  return found;
}

// Where a function counts: the first of these it names (a generic made for
// one of them is its cost), else the crate its path starts in.
const GROUPS = [
  ["serde-wasm-bindgen", (c) => c.includes("serde_wasm_bindgen")],
  ["gloo-net", (c) => c.includes("gloo_net") || c.includes("gloo_utils") || c[0] === "http"],
  ["futures: executor, JsFuture, tasks", (c, s) => c.includes("wasm_bindgen_futures") || /js_sys::futures|6js_sys7futures|core::future|core::task|4core6future|4core4task/.test(s)],
  ["serde", (c) => c.includes("serde_core") || c.includes("serde")],
  ["core::fmt and float printing", (c, s) => /core::fmt|flt2dec|num::imp::bignum|num::imp::diy_float|4core3fmt|7flt2dec/.test(s)],
];

function groupOf(symbol) {
  symbol = symbol.replace(/\[[0-9a-f]+\]/g, "");
  const named = crates(symbol);
  for (const [group, test] of GROUPS) if (test(named, symbol)) return group;
  return named[0] || "(unnamed)";
}

const byCrate = new Map();
const functions = [];
sizes.forEach((size, i) => {
  const fn = names.get(i + imported) || `function ${i + imported}`;
  const crate = groupOf(fn);
  functions.push({ fn, size, crate });
  byCrate.set(crate, (byCrate.get(crate) || 0) + size);
});
const total = sizes.reduce((a, b) => a + b, 0);
if (top) {
  functions
    .filter((f) => !only || f.crate === only)
    .sort((a, b) => b.size - a.size)
    .slice(0, top)
    .forEach((f) => console.log(`${String(f.size).padStart(7)}  ${f.fn.slice(0, 150)}`));
} else {
  console.log(`code ${total} B in ${sizes.length} functions, data ${data} B`);
  [...byCrate.entries()]
    .sort((a, b) => b[1] - a[1])
    .forEach(([crate, size]) => console.log(`${crate.padEnd(28)} ${String(size).padStart(7)} ${((100 * size) / total).toFixed(1).padStart(5)} %`));
}
