//! The architecture as the folders show it: `src/rules/` is pure, so no
//! file there may name a browser binding, and every file in `src/rules/`,
//! `src/web/` and `src/builder/` is a module of its folder's list.

use std::fs;
use std::path::Path;

const BINDINGS: [&str; 3] = ["web_sys", "js_sys", "wasm_bindgen"];

fn rust_files(folder: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let name = path.file_stem().expect("a file name").to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).expect("a readable file"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{folder} has no Rust files");
    files
}

/// Which of the bindings `source` names (comments included: a doc that
/// names one is as suspect as a `use`).
fn bindings_named(source: &str) -> Vec<&'static str> {
    BINDINGS.into_iter().filter(|b| source.contains(b)).collect()
}

#[test]
fn no_rule_names_a_browser_binding() {
    let offenders: Vec<String> = rust_files("src/rules")
        .iter()
        .filter_map(|(name, source)| {
            let named = bindings_named(source);
            (!named.is_empty()).then(|| format!("src/rules/{name}.rs names {}", named.join(", ")))
        })
        .collect();
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn the_check_finds_a_binding() {
    assert_eq!(bindings_named("use web_sys::Element;"), ["web_sys"]);
    assert_eq!(bindings_named("#[wasm_bindgen] fn f(a: js_sys::Array) {}"), ["js_sys", "wasm_bindgen"]);
    assert!(bindings_named("use crate::rules::feed::Feed;").is_empty());
}

#[test]
fn every_file_is_in_its_folders_module_list() {
    for (folder, list) in [("src/rules", "src/rules.rs"), ("src/web", "src/web.rs"), ("src/builder", "src/builder.rs")]
    {
        let declared = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(list)).expect("the module list");
        for (name, _) in rust_files(folder) {
            let line = |vis: &str| format!("{vis}mod {name};");
            assert!(
                declared.lines().any(|l| ["pub ", "pub(crate) ", ""].iter().any(|vis| l == line(vis))),
                "{folder}/{name}.rs is not declared in {list}"
            );
        }
    }
}
