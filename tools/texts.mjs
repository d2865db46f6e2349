// The interface texts of src/texts/*.txt as one JSON document, for the
// configurator: each language's text per key (of a plural key, its `many`
// form where the language has one, else `other`: the form most counts
// take) and the placeholders each key may fill in (those of English).
//   node tools/texts.mjs OUT.json
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "../src/texts");

/** A language file's `key = value` lines, comments and blank lines skipped. */
function read(file) {
  const entries = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const text = line.trim();
    if (!text || text.startsWith("#")) continue;
    const at = text.indexOf(" = ");
    if (at < 0) throw new Error(`${file}: expected \`key = value\`, got ${JSON.stringify(text)}`);
    entries.push([text.slice(0, at).trim(), text.slice(at + 3).trim()]);
  }
  return entries;
}

const languages = {};
const placeholders = {};
for (const name of fs.readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort()) {
  const language = path.basename(name, ".txt");
  const texts = {};
  const entries = read(path.join(DIR, name));
  const has = new Set(entries.map(([key]) => key));
  for (const [key, value] of entries) {
    const [base, form] = key.split(".");
    if (!form || form === "many" || (form === "other" && !has.has(`${base}.many`))) texts[base] = value;
    if (language === "en") {
      const found = [...value.matchAll(/\{([a-z]+)\}/g)].map((m) => m[1]);
      placeholders[base] = [...new Set([...(placeholders[base] || []), ...found])];
    }
  }
  languages[language] = texts;
}
fs.writeFileSync(process.argv[2], JSON.stringify({ languages, placeholders }) + "\n");
