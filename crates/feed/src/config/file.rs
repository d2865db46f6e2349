//! The configuration file as written: serde's view of the TOML (every
//! value with its place, for the line of a problem), and the keys each
//! table may and must have, checked before it is read so that every
//! unknown or missing key is said in one run.

use serde::Deserialize;
use toml::Spanned;

use super::Problem;

/// The file as written. Unknown keys and missing ones are found before
/// it is read (see [`keys`]), so that every problem is said in one run.
#[derive(Deserialize)]
pub(super) struct File {
    pub(super) output: Option<Spanned<String>>,
    pub(super) rates_output: Option<Spanned<String>>,
    pub(super) state: Option<Spanned<String>>,
    pub(super) title: Option<Spanned<String>>,
    pub(super) home_page_url: Option<Spanned<String>>,
    pub(super) max_items: Option<Spanned<u32>>,
    pub(super) user_agent: Option<Spanned<String>>,
    pub(super) timeout_seconds: Option<Spanned<u32>>,
    pub(super) tries: Option<Spanned<u32>>,
    pub(super) html_output: Option<Spanned<String>>,
    pub(super) html_stylesheet: Option<Spanned<String>>,
    pub(super) html_attributes: Option<Spanned<std::collections::BTreeMap<String, String>>>,
    #[serde(default)]
    pub(super) headlines: Vec<HeadlinesFile>,
    #[serde(default)]
    pub(super) source: Vec<SourceFile>,
    #[serde(default)]
    pub(super) pair: Vec<PairFile>,
}

#[derive(Deserialize)]
pub(super) struct HeadlinesFile {
    pub(super) url: Spanned<String>,
}

#[derive(Deserialize)]
pub(super) struct SourceFile {
    pub(super) name: Spanned<String>,
    pub(super) format: Spanned<String>,
    pub(super) url: Spanned<String>,
    pub(super) max_age_days: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
pub(super) struct PairFile {
    pub(super) pair: Spanned<String>,
    pub(super) source: Option<Spanned<String>>,
    pub(super) fixed: Option<Spanned<String>>,
    pub(super) places: Option<Spanned<u32>>,
    pub(super) rounding: Option<Spanned<String>>,
    pub(super) max_move_percent: Option<Spanned<String>>,
    pub(super) confirm_days: Option<Spanned<u32>>,
    pub(super) confirm_source: Option<Spanned<String>>,
    pub(super) max_age_days: Option<Spanned<u32>>,
}

/// The keys each table may have, and which must be there: the top level,
/// then each `[[headlines]]`, `[[source]]` and `[[pair]]`.
const KEYS: [(&str, &[&str], &[&str]); 4] = [
    (
        "",
        &[
            "output",
            "rates_output",
            "state",
            "title",
            "home_page_url",
            "max_items",
            "user_agent",
            "timeout_seconds",
            "tries",
            "html_output",
            "html_stylesheet",
            "html_attributes",
            "headlines",
            "source",
            "pair",
        ],
        &["output", "state", "title"],
    ),
    ("headlines", &["url"], &["url"]),
    ("source", &["name", "format", "url", "max_age_days"], &["name", "format", "url"]),
    (
        "pair",
        &[
            "pair",
            "source",
            "fixed",
            "places",
            "rounding",
            "max_move_percent",
            "confirm_days",
            "confirm_source",
            "max_age_days",
        ],
        &["pair"],
    ),
];

/// Every key that no table has and every one a table must have and
/// lacks, each with its line.
pub(super) fn keys(text: &str, table: &toml::Table) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (name, known, required) in KEYS {
        let tables: Vec<(usize, &toml::Table)> = if name.is_empty() {
            vec![(0, table)]
        } else {
            match table.get(name) {
                Some(toml::Value::Array(list)) => {
                    list.iter().enumerate().filter_map(|(n, v)| v.as_table().map(|t| (n, t))).collect()
                }
                _ => Vec::new(),
            }
        };
        for (n, entry) in tables {
            let start = if name.is_empty() { 0 } else { header(text, name, n) };
            let where_ = if name.is_empty() { String::new() } else { format!(" in [[{name}]] {}", n + 1) };
            for key in entry.keys().filter(|k| !known.contains(&k.as_str())) {
                problems.push(Problem {
                    line: key_line(text, start, key),
                    message: format!("unknown field `{key}`{where_}, expected one of {}", known.join(", ")),
                });
            }
            for key in required.iter().filter(|k| !entry.contains_key(**k)) {
                let line = text[..start.min(text.len())].matches('\n').count() + 1;
                problems.push(Problem { line, message: format!("missing field `{key}`{where_}") });
            }
        }
    }
    problems
}

/// Where the `n`th `[[name]]` header starts (0-based), else the end.
fn header(text: &str, name: &str, n: usize) -> usize {
    let wanted = format!("[[{name}]]");
    let mut at = 0;
    let mut seen = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == wanted {
            if seen == n {
                return at;
            }
            seen += 1;
        }
        at += line.len();
    }
    text.len()
}

/// The line (1-based) of the first `key =` at or after byte `start`.
fn key_line(text: &str, start: usize, key: &str) -> usize {
    let mut at = start.min(text.len());
    for line in text[at..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('=')) {
            break;
        }
        at += line.len();
    }
    text[..at.min(text.len())].matches('\n').count() + 1
}
