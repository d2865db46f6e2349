//! The README and the guide (`docs/src/`, an mdBook): every relative link
//! resolves to a file, and to a heading where it names one; every chapter
//! is in the book's summary; and each configuration the guide shows is the
//! one the tests run (the snippet is read from the file the tests use, not
//! written twice).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The README and every Markdown page of the guide.
fn pages() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a readable folder").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut pages = vec![root().join("README.md")];
    walk(&root().join("docs/src"), &mut pages);
    pages.sort();
    pages
}

/// The text outside fenced code blocks and inline code, where Markdown
/// links are links.
fn prose(text: &str) -> String {
    let mut fenced = false;
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            let mut code = false;
            for part in line.split('`') {
                if !code {
                    out.push_str(part);
                }
                code = !code;
            }
            out.push('\n');
        }
    }
    out
}

/// Every `[label](target)` and `![alt](target)` target in `text`.
fn link_targets(text: &str) -> Vec<String> {
    let prose = prose(text);
    let mut targets = Vec::new();
    let mut rest = prose.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        if let Some(end) = rest.find(')') {
            targets.push(rest[..end].trim().to_owned());
        }
    }
    targets
}

/// A heading's anchor as mdBook (and GitHub) make it: lower case, spaces
/// as `-`, only letters, digits, `-` and `_` kept.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a page's headings (outside code blocks).
fn anchors(text: &str) -> Vec<String> {
    let mut fenced = false;
    text.lines()
        .filter(|line| {
            fenced ^= line.trim_start().starts_with("```");
            !fenced && line.starts_with('#')
        })
        .filter_map(|line| line.trim_start_matches('#').strip_prefix(' '))
        .map(|heading| anchor(&heading.replace('`', "")))
        .collect()
}

#[test]
fn every_relative_link_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in pages() {
        let text = fs::read_to_string(&page).unwrap();
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (file, fragment) = target.split_once('#').map_or((target.as_str(), None), |(f, a)| (f, Some(a)));
            let file = if file.is_empty() { page.clone() } else { page.parent().unwrap().join(file) };
            if !file.exists() {
                broken.push(format!("{}: {target} (no such file)", page.display()));
                continue;
            }
            if let Some(fragment) = fragment {
                let heads = anchors(&fs::read_to_string(&file).unwrap_or_default());
                if !heads.iter().any(|a| a == fragment) {
                    broken.push(format!("{}: {target} (no such heading)", page.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(checked > 30, "only {checked} links found: the link reader is broken");
}

#[test]
fn the_link_check_finds_a_broken_link() {
    assert_eq!(link_targets("See [a](b.md#c) and `[x](y)`, ![i](img.png)."), ["b.md#c", "img.png"]);
    assert_eq!(
        anchors("# When the feed fails\n```\n# not a heading\n```\n## `data-card` and RSS"),
        ["when-the-feed-fails", "data-card-and-rss"]
    );
}

#[test]
fn every_chapter_is_in_the_summary() {
    let summary = fs::read_to_string(root().join("docs/src/SUMMARY.md")).unwrap();
    let listed = link_targets(&summary);
    let src = root().join("docs/src");
    for page in pages().iter().filter(|p| p.starts_with(&src) && !p.ends_with("SUMMARY.md")) {
        let relative = page.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        assert!(listed.contains(&relative), "docs/src/SUMMARY.md does not list {relative}");
    }
}

/// The feed builder's example configuration is the one its tests run
/// (`crates/feed/tests/fixtures/news-ticker-feed.toml`), shown verbatim.
#[test]
fn the_guide_shows_the_feed_builders_example_as_it_is() {
    let example = include_str!("../crates/feed/tests/fixtures/news-ticker-feed.toml");
    let guide = include_str!("../docs/src/feed-builder.md");
    assert!(
        guide.contains(&["```toml\n", example, "```\n"].concat()),
        "docs/src/feed-builder.md should show crates/feed/tests/fixtures/news-ticker-feed.toml verbatim"
    );
}

/// The README's snippet is the guide's, and the policy the guide gives
/// is the one the end-to-end suite serves (`strictPolicy` in
/// `tests/e2e/servers.mjs`).
#[test]
fn the_readme_and_the_guide_show_the_same_snippet_and_policy() {
    let readme = include_str!("../README.md");
    let embedding = include_str!("../docs/src/embedding.md");
    let snippet = |text: &str| text.split("```html\n").nth(1).and_then(|s| s.split("```").next()).map(str::to_owned);
    assert_eq!(snippet(readme), snippet(embedding), "README.md and docs/src/embedding.md show different snippets");
    assert!(snippet(readme).is_some_and(|s| s.contains("data-news-ticker")));

    let theming = include_str!("../docs/src/theming.md");
    let shown = theming.split("## Content Security Policy").nth(1).and_then(|s| s.split("```\n").nth(1)).unwrap();
    let shown: Vec<&str> = shown.split(';').map(str::trim).filter(|d| !d.is_empty()).collect();
    let servers = include_str!("e2e/servers.mjs");
    let policy = servers.split("export function strictPolicy").nth(1).and_then(|s| s.split("].join").next()).unwrap();
    let served: Vec<String> = policy
        .lines()
        .filter_map(|l| l.trim().strip_suffix(','))
        .map(|d| d.trim_matches(|c| c == '"' || c == '`').replace("${feedOrigin}", "<feed origin>"))
        .collect();
    assert_eq!(shown, served, "docs/src/theming.md's policy is not the one tests/e2e/servers.mjs serves");
}

/// The rows of the first table under `heading` in `text`: each row's cells.
fn table(text: &str, heading: &str) -> Vec<Vec<String>> {
    let after = text.split(heading).nth(1).unwrap_or_else(|| panic!("no heading {heading:?}"));
    after
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|row| row.trim_matches('|').split(" | ").map(|c| c.trim().to_owned()).collect())
        .collect()
}

/// The settings the README shows are the guide's: the same attributes,
/// with the same defaults, so the two cannot come to disagree.
#[test]
fn the_readmes_settings_are_the_guides() {
    let readme = table(include_str!("../README.md"), "## The settings most pages need");
    let guide = table(include_str!("../docs/src/configuration.md"), "# Configuration");
    assert_eq!(readme.len(), 5, "{readme:?}");
    for row in &readme {
        let same = guide.iter().find(|g| g[0] == row[0]);
        let same = same.unwrap_or_else(|| panic!("{} is not in docs/src/configuration.md", row[0]));
        assert_eq!(row.last(), same.last(), "the default of {} differs from the guide's", row[0]);
    }
}
