//! The architecture as the workspace shows it (docs/src/architecture.md "Layout"): the rules
//! crate is pure, so nothing it depends on, directly or through another
//! crate, is a browser binding; the crates depend one way (the widget,
//! the XML stage and the feed builder on the rules, never the reverse);
//! and every file in a crate's folder is a module of its list.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Command;

const BINDINGS: [&str; 5] = ["web-sys", "js-sys", "wasm-bindgen", "gloo-net", "serde-wasm-bindgen"];

/// Each workspace package's name and the names of every package it
/// needs to build (normal dependencies, for every target), transitively.
fn closure() -> BTreeMap<String, BTreeSet<String>> {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata writes JSON");
    let name_of: BTreeMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let edges: BTreeMap<&str, Vec<&str>> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| {
            let normal = node["deps"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|dep| dep["dep_kinds"].as_array().unwrap().iter().any(|kind| kind["kind"].is_null()));
            (node["id"].as_str().unwrap(), normal.map(|dep| dep["pkg"].as_str().unwrap()).collect())
        })
        .collect();
    meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|member| {
            let (mut seen, mut todo) = (BTreeSet::new(), vec![member.as_str().unwrap()]);
            while let Some(id) = todo.pop() {
                for &dep in &edges[id] {
                    if seen.insert(name_of[dep].to_owned()) {
                        todo.push(dep);
                    }
                }
            }
            (name_of[member.as_str().unwrap()].to_owned(), seen)
        })
        .collect()
}

#[test]
fn the_rules_need_no_browser_binding_and_the_crates_depend_one_way() {
    let closure = closure();
    let names: Vec<&str> = closure.keys().map(String::as_str).collect();
    assert_eq!(names, ["news-ticker", "news-ticker-feed", "news-ticker-rules", "news-ticker-xml"]);
    let rules = &closure["news-ticker-rules"];
    let bindings: Vec<_> = BINDINGS.iter().filter(|b| rules.contains(**b)).collect();
    assert!(bindings.is_empty(), "news-ticker-rules needs {bindings:?}");
    assert!(!rules.iter().any(|d| d.starts_with("news-ticker")), "the rules need another member: {rules:?}");
    for member in ["news-ticker", "news-ticker-xml", "news-ticker-feed"] {
        assert!(closure[member].contains("news-ticker-rules"), "{member} does not use the rules");
    }
    // The widget is what the browser bindings are for; the builder's HTTP
    // client never reaches it, nor the widget the builder.
    assert!(closure["news-ticker"].contains("web-sys") && !closure["news-ticker"].contains("ureq"));
    assert!(!closure["news-ticker-feed"].contains("web-sys") && !closure["news-ticker-feed"].contains("news-ticker"));
    assert!(!closure["news-ticker-xml"].contains("wasm-bindgen"), "the XML stage is plain wasm");
}

fn rust_files(folder: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| path.file_stem().expect("a file name").to_string_lossy().into_owned())
        .filter(|name| name != "lib")
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{folder} has no Rust files");
    files
}

#[test]
fn every_file_is_in_its_folders_module_list() {
    for (folder, list) in [
        ("crates/rules/src", "crates/rules/src/lib.rs"),
        ("crates/rules/src/json", "crates/rules/src/json.rs"),
        ("src/web", "src/web.rs"),
        ("src/web/widget", "src/web/widget.rs"),
        ("crates/feed/src", "crates/feed/src/lib.rs"),
        ("crates/feed/src/config", "crates/feed/src/config.rs"),
    ] {
        let declared = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(list)).expect("the module list");
        for name in rust_files(folder) {
            let line = |vis: &str| format!("{vis}mod {name};");
            assert!(
                declared.lines().any(|l| ["pub ", "pub(crate) ", ""].iter().any(|vis| l == line(vis))),
                "{folder}/{name}.rs is not declared in {list}"
            );
        }
    }
}
