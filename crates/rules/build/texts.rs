//! The interface texts (`texts/*.txt`, `key = value` lines) turned into
//! what the crate and the configurator read, so each fact has one source:
//! the compacted files (`texts-<lang>.txt`), the Rust tables `LANGUAGES`,
//! `KEYS` (each key with the placeholders English fills in) and
//! `ATTRIBUTES` (`texts.rs`, included by `src/texts.rs`), and the
//! configurator's `texts.json` (each language's text per key and the
//! placeholders), all in OUT_DIR.

use std::fmt::Write;
use std::path::Path;

/// One language file: its `key = value` entries in order.
struct Language {
    name: String,
    entries: Vec<(String, String)>,
}

pub fn generate(source_dir: &Path, out_dir: &Path) {
    println!("cargo:rerun-if-changed={}", source_dir.display());
    let mut languages: Vec<Language> = std::fs::read_dir(source_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", source_dir.display()))
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .map(|path| read(&path))
        .collect();
    // English first: it is the fallback and the reference for the keys.
    languages.sort_by_key(|l| (l.name != "en", l.name.clone()));
    assert!(languages.first().is_some_and(|l| l.name == "en"), "texts/en.txt is missing");
    for language in &languages {
        let compact: String = language.entries.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
        std::fs::write(out_dir.join(format!("texts-{}.txt", language.name)), compact).expect("OUT_DIR is writable");
    }
    let keys = keys(&languages[0]);
    std::fs::write(out_dir.join("texts.rs"), tables(&languages, &keys)).expect("OUT_DIR is writable");
    std::fs::write(out_dir.join("texts.json"), configurator_json(&languages, &keys)).expect("OUT_DIR is writable");
}

fn read(path: &Path) -> Language {
    println!("cargo:rerun-if-changed={}", path.display());
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut entries = Vec::new();
    for (number, line) in source.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(" = ") else {
            panic!("{}:{}: expected `key = value`, got {line:?}", path.display(), number + 1);
        };
        entries.push((key.trim().to_owned(), value.trim().to_owned()));
    }
    let name = path.file_stem().expect("a file name").to_string_lossy().into_owned();
    Language { name, entries }
}

/// Each key of English in file order (a plural key once, without its
/// form), with the placeholders its templates name.
fn keys(english: &Language) -> Vec<(String, Vec<String>)> {
    let mut keys: Vec<(String, Vec<String>)> = Vec::new();
    for (key, value) in &english.entries {
        let base = key.split('.').next().unwrap_or(key).to_owned();
        let at = match keys.iter().position(|(k, _)| *k == base) {
            Some(at) => at,
            None => {
                keys.push((base, Vec::new()));
                keys.len() - 1
            }
        };
        for name in placeholders(value) {
            if !keys[at].1.contains(&name) {
                keys[at].1.push(name);
            }
        }
    }
    keys
}

/// The `{name}`s of a template, in order.
fn placeholders(template: &str) -> Vec<String> {
    template.split('{').skip(1).filter_map(|part| Some(part.split_once('}')?.0.to_owned())).collect()
}

fn tables(languages: &[Language], keys: &[(String, Vec<String>)]) -> String {
    let mut out = String::new();
    out.push_str("/// The language files, by language subtag; English first (the fallback).\n");
    let _ = writeln!(out, "pub const LANGUAGES: [(&str, &str); {}] = [", languages.len());
    for language in languages {
        let name = &language.name;
        let _ = writeln!(out, "    ({name:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/texts-{name}.txt\"))),");
    }
    out.push_str("];\n\n/// Every text and the placeholders its template may use (English's).\n");
    let _ = writeln!(out, "pub const KEYS: [(&str, &[&str]); {}] = [", keys.len());
    for (key, names) in keys {
        let _ = writeln!(out, "    ({key:?}, &{names:?}),");
    }
    out.push_str("];\n\n/// The attribute that replaces each text, in the order of [`KEYS`].\n");
    let _ = writeln!(out, "pub const ATTRIBUTES: [&str; {}] = [", keys.len());
    for (key, _) in keys {
        let _ = writeln!(out, "    \"data-text-{key}\",");
    }
    out.push_str("];\n");
    out
}

/// For the configurator: each language's text per key (of a plural key,
/// its `many` form where the language has one, else `other`: the form
/// most counts take) and the placeholders each key may fill in.
fn configurator_json(languages: &[Language], keys: &[(String, Vec<String>)]) -> String {
    let mut out = String::from("{\"languages\":{");
    for (i, language) in languages.iter().enumerate() {
        let value = |key: &str| language.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        // In the order of English's keys, which is the configurator's.
        let pairs: Vec<String> = keys
            .iter()
            .filter_map(|(key, _)| {
                let most = value(key)
                    .or_else(|| value(&[key, ".many"].concat()))
                    .or_else(|| value(&[key, ".other"].concat()))?;
                Some(format!("{}:{}", json(key), json(most)))
            })
            .collect();
        let _ = write!(out, "{}{}:{{{}}}", if i > 0 { "," } else { "" }, json(&language.name), pairs.join(","));
    }
    out.push_str("},\"placeholders\":{");
    let pairs: Vec<String> = keys
        .iter()
        .map(|(k, names)| format!("{}:[{}]", json(k), names.iter().map(|n| json(n)).collect::<Vec<_>>().join(",")))
        .collect();
    out.push_str(&pairs.join(","));
    out.push_str("}}\n");
    out
}

/// A JSON string.
fn json(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
