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

/// The keys each table may have (its fields, as serde names them), and
/// which must be there: the top level, then each `[[headlines]]`,
/// `[[source]]` and `[[pair]]`.
fn tables() -> [(&'static str, &'static [&'static str], &'static [&'static str]); 4] {
    [
        ("", fields::<File>(), &["output", "state", "title"]),
        ("headlines", fields::<HeadlinesFile>(), &["url"]),
        ("source", fields::<SourceFile>(), &["name", "format", "url"]),
        ("pair", fields::<PairFile>(), &["pair"]),
    ]
}

/// The field names `T`'s `Deserialize` asks for, as serde's derive lists
/// them: one list of the keys, written once, on the structs above.
fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    use serde::de::{self, Deserializer, Visitor};

    /// Stops at the first request, having noted a struct's fields.
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("fields noted")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Stop {
            Stop
        }
    }
    struct Names(&'static [&'static str]);
    impl<'de> Deserializer<'de> for &mut Names {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0 = fields;
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut names = Names(&[]);
    let _ = T::deserialize(&mut names);
    names.0
}

/// Every key that no table has and every one a table must have and
/// lacks, each with its line.
pub(super) fn keys(text: &str, table: &toml::Table) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (name, known, required) in tables() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_are_the_structs_fields_and_every_required_one_is_among_them() {
        assert_eq!(fields::<SourceFile>(), ["name", "format", "url", "max_age_days"]);
        assert_eq!(fields::<File>().len(), 15);
        for (name, known, required) in tables() {
            for key in required {
                assert!(known.contains(key), "[{name}] requires {key}, which is not one of its fields");
            }
        }
    }
}
