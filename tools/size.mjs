// Prints raw and gzip (level 9) bytes of each file and their total.
//   node tools/size.mjs FILE...
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

let raw = 0;
let gz = 0;
const row = (name, r, g) => console.log(`${name.padEnd(24)} ${String(r).padStart(9)} ${String(g).padStart(9)}`);
row("file", "raw B", "gzip B");
for (const file of process.argv.slice(2)) {
  const bytes = fs.readFileSync(file);
  const g = zlib.gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += g;
  row(path.basename(file), bytes.length, g);
}
row("total", raw, gz);
console.log(`total gzip: ${(gz / 1024).toFixed(1)} KiB`);
