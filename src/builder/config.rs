//! The feed builder's one configuration file (TOML; README "Feed builder"
//! has a complete example): where the feed goes, the CMS feeds its
//! headlines come from, the official publications and which pair each
//! gives. Everything is checked before anything is fetched, and every
//! problem is reported with its line and what is expected.

use std::ops::Range;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::adapters::Format;
use super::pairs::{Pair, Rounding};
use crate::rules::decimal::parse_decimal;

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    output: Spanned<String>,
    rates_output: Option<Spanned<String>>,
    state: Spanned<String>,
    title: Spanned<String>,
    home_page_url: Option<Spanned<String>>,
    max_items: Option<Spanned<u32>>,
    user_agent: Option<Spanned<String>>,
    timeout_seconds: Option<Spanned<u32>>,
    tries: Option<Spanned<u32>>,
    #[serde(default)]
    headlines: Vec<HeadlinesFile>,
    #[serde(default)]
    source: Vec<SourceFile>,
    #[serde(default)]
    pair: Vec<PairFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadlinesFile {
    url: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    name: Spanned<String>,
    format: Spanned<String>,
    url: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PairFile {
    pair: Spanned<String>,
    source: Option<Spanned<String>>,
    fixed: Option<Spanned<String>>,
    places: Option<Spanned<u32>>,
    rounding: Option<Spanned<String>>,
    max_move_percent: Option<Spanned<String>>,
}

/// An official publication to fetch, by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    pub format: Format,
    pub url: String,
}

/// Where a pair's rate comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The named source's publication, as published, inverted or crossed.
    Source(String),
    /// A fixed rate: a pegged currency (the manat's 3.5 per dollar).
    Fixed(Decimal),
}

/// One pair of the marquee, in the order the file lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairRule {
    pub pair: Pair,
    pub origin: Origin,
    pub places: u32,
    pub rounding: Rounding,
    /// The largest move from the last rate believed, in percent.
    pub max_move_percent: Option<Decimal>,
}

/// The configuration, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub output: String,
    pub rates_output: Option<String>,
    pub state: String,
    pub title: String,
    pub home_page_url: Option<String>,
    pub max_items: usize,
    pub user_agent: String,
    pub timeout_seconds: u32,
    /// Tries per fetch for a network error, a 5xx or a 429.
    pub tries: u32,
    pub headlines: Vec<String>,
    pub sources: Vec<Source>,
    pub pairs: Vec<PairRule>,
}

/// One thing wrong with the file: its line (1-based) and what is expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

/// Places a rate may have: the widget shows what it is given, and more
/// than ten would be noise in a marquee.
const MAX_PLACES: u32 = 10;
/// Tries a fetch may take: a bank that is down is not hammered.
const MAX_TRIES: u32 = 5;
const DEFAULT_USER_AGENT: &str = concat!("news-ticker-feed/", env!("CARGO_PKG_VERSION"));

/// Reads and checks a configuration file's text; every problem found, each
/// with its line, if it has any.
pub fn parse(text: &str) -> Result<Config, Vec<Problem>> {
    let line = |span: Range<usize>| text[..span.start.min(text.len())].matches('\n').count() + 1;
    let file: File = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(1, &line);
        vec![Problem { line: at, message: e.message().trim().to_owned() }]
    })?;
    let mut problems = Vec::new();
    let mut problem = |span: Range<usize>, message: String| problems.push(Problem { line: line(span), message });

    let mut web_address = |value: &Spanned<String>, what: &str| {
        let v = value.get_ref();
        if !(v.starts_with("https://") || v.starts_with("http://")) || v.contains(char::is_whitespace) {
            problem(value.span(), format!("{what} must be an http or https address, not {v:?}"));
        }
    };
    for headlines in &file.headlines {
        web_address(&headlines.url, "a headlines url");
    }
    for source in &file.source {
        web_address(&source.url, "a source url");
    }
    if let Some(home) = &file.home_page_url {
        web_address(home, "home_page_url");
    }

    let mut sources = Vec::new();
    for source in &file.source {
        let name = source.name.get_ref();
        if sources.iter().any(|s: &Source| &s.name == name) {
            problem(source.name.span(), format!("a second source named {name:?}; each name once"));
        }
        match Format::named(source.format.get_ref()) {
            Some(format) => sources.push(Source { name: name.clone(), format, url: source.url.get_ref().clone() }),
            None => {
                let names: Vec<&str> = Format::NAMES.iter().map(|(n, _)| *n).collect();
                problem(
                    source.format.span(),
                    format!("format {:?} is not one of {}", source.format.get_ref(), names.join(", ")),
                );
            }
        }
    }

    let mut pairs: Vec<PairRule> = Vec::new();
    for rule in &file.pair {
        let Some(pair) = Pair::parse(rule.pair.get_ref()) else {
            problem(
                rule.pair.span(),
                format!("pair {:?} is not two currency codes, as in \"KGS/USD\"", rule.pair.get_ref()),
            );
            continue;
        };
        if pairs.iter().any(|p| p.pair == pair) {
            problem(rule.pair.span(), format!("{} is listed twice", rule.pair.get_ref()));
        }
        let origin = match (&rule.source, &rule.fixed) {
            (Some(source), None) if file.source.iter().any(|s| s.name.get_ref() == source.get_ref()) => {
                Origin::Source(source.get_ref().clone())
            }
            (Some(source), None) => {
                problem(source.span(), format!("no [[source]] is named {:?}", source.get_ref()));
                continue;
            }
            (None, Some(fixed)) => match parse_decimal(fixed.get_ref()).filter(|d| *d > Decimal::ZERO) {
                Some(rate) => Origin::Fixed(rate),
                None => {
                    problem(
                        fixed.span(),
                        format!(
                            "fixed must be a positive decimal in quotes, as in \"0.28571\", not {:?}",
                            fixed.get_ref()
                        ),
                    );
                    continue;
                }
            },
            (Some(_), Some(_)) => {
                problem(rule.pair.span(), format!("{} needs either source or fixed, not both", rule.pair.get_ref()));
                continue;
            }
            (None, None) => {
                problem(rule.pair.span(), format!("{} needs a source or a fixed rate", rule.pair.get_ref()));
                continue;
            }
        };
        let places = rule.places.as_ref().map_or(5, |p| *p.get_ref());
        if places > MAX_PLACES {
            let span = rule.places.as_ref().map_or(rule.pair.span(), Spanned::span);
            problem(span, format!("places is at most {MAX_PLACES}, not {places}"));
        }
        let rounding = match rule.rounding.as_ref().map(|r| r.get_ref().as_str()) {
            None | Some("nearest") => Rounding::Nearest,
            Some("down") => Rounding::Down,
            Some(other) => {
                let span = rule.rounding.as_ref().map_or(rule.pair.span(), Spanned::span);
                problem(span, format!("rounding is \"nearest\" or \"down\", not {other:?}"));
                Rounding::Nearest
            }
        };
        let max_move_percent = match &rule.max_move_percent {
            None => None,
            Some(bound) => match parse_decimal(bound.get_ref()).filter(|d| *d > Decimal::ZERO) {
                Some(bound) => Some(bound),
                None => {
                    problem(
                        bound.span(),
                        format!(
                            "max_move_percent must be a positive decimal in quotes, as in \"10\", not {:?}",
                            bound.get_ref()
                        ),
                    );
                    None
                }
            },
        };
        pairs.push(PairRule { pair, origin, places, rounding, max_move_percent });
    }

    if let Some(tries) = &file.tries {
        if !(1..=MAX_TRIES).contains(tries.get_ref()) {
            problem(tries.span(), format!("tries is 1 to {MAX_TRIES}, not {}", tries.get_ref()));
        }
    }
    if let Some(timeout) = &file.timeout_seconds {
        if *timeout.get_ref() == 0 {
            problem(timeout.span(), "timeout_seconds is at least 1".to_owned());
        }
    }

    if file.headlines.is_empty() && file.pair.is_empty() {
        problems.push(Problem { line: 1, message: "nothing to build: add [[headlines]] or [[pair]]".to_owned() });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Config {
        output: file.output.into_inner(),
        rates_output: file.rates_output.map(Spanned::into_inner),
        state: file.state.into_inner(),
        title: file.title.into_inner(),
        home_page_url: file.home_page_url.map(Spanned::into_inner),
        max_items: file.max_items.map_or(20, |m| m.into_inner() as usize),
        user_agent: file.user_agent.map_or_else(|| DEFAULT_USER_AGENT.to_owned(), Spanned::into_inner),
        timeout_seconds: file.timeout_seconds.map_or(20, Spanned::into_inner),
        tries: file.tries.map_or(3, Spanned::into_inner),
        headlines: file.headlines.into_iter().map(|h| h.url.into_inner()).collect(),
        sources,
        pairs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../tests/fixtures/news-ticker-feed.toml");

    fn problems(text: &str) -> Vec<(usize, String)> {
        parse(text).unwrap_err().into_iter().map(|p| (p.line, p.message)).collect()
    }

    #[test]
    fn the_example_reads_whole() {
        let config = parse(EXAMPLE).unwrap();
        assert_eq!(config.output, "public/feed.json");
        assert_eq!(config.headlines, ["https://news.example.org/rss.xml"]);
        let pairs: Vec<String> = config.pairs.iter().map(|p| format!("{}/{}", p.pair.base, p.pair.quote)).collect();
        assert_eq!(pairs, ["KGS/USD", "KZT/USD", "TJS/USD", "UZS/USD", "TMT/USD"]);
        assert_eq!(config.pairs[0].origin, Origin::Source("nbkr".into()));
        assert_eq!(config.pairs[3].places, 5);
        assert_eq!(config.pairs[4].origin, Origin::Fixed("0.28571".parse().unwrap()));
        assert_eq!(config.pairs[0].max_move_percent, Some(Decimal::TEN));
        assert_eq!(
            config.sources.iter().map(|s| s.format).collect::<Vec<_>>(),
            [Format::Nbkr, Format::Nbk, Format::Cbu, Format::Nbt]
        );
    }

    #[test]
    fn every_problem_with_its_line() {
        let text = "output = \"f.json\"\nstate = \"s.json\"\ntitle = \"t\"\n\
            [[source]]\nname = \"a\"\nformat = \"nbrk\"\nurl = \"ftp://x\"\n\
            [[pair]]\npair = \"KGS-USD\"\nsource = \"a\"\n\
            [[pair]]\npair = \"KZT/USD\"\nsource = \"b\"\n\
            [[pair]]\npair = \"TMT/USD\"\nfixed = \"0.28571\"\nplaces = 11\nrounding = \"up\"\n";
        let mut text = text.to_owned();
        text.insert_str(0, "tries = 9\ntimeout_seconds = 0\n");
        assert_eq!(
            problems(&text),
            [
                (9, "a source url must be an http or https address, not \"ftp://x\"".to_owned()),
                (8, "format \"nbrk\" is not one of nbkr, nbk, cbu, cbr, ecb, nbt, cbt, json, csv".to_owned()),
                (11, "pair \"KGS-USD\" is not two currency codes, as in \"KGS/USD\"".to_owned()),
                (15, "no [[source]] is named \"b\"".to_owned()),
                (19, "places is at most 10, not 11".to_owned()),
                (20, "rounding is \"nearest\" or \"down\", not \"up\"".to_owned()),
                (1, "tries is 1 to 5, not 9".to_owned()),
                (2, "timeout_seconds is at least 1".to_owned()),
            ]
        );
    }

    #[test]
    fn the_file_itself_wrong() {
        let missing = problems("output = \"f.json\"\ntitle = \"t\"\n");
        assert_eq!(missing.len(), 1);
        assert!(missing[0].1.contains("missing field `state`"), "{missing:?}");
        let unknown =
            problems("output = \"f.json\"\nstate = \"s\"\ntitle = \"t\"\n[[pair]]\npair = \"KGS/USD\"\nfixd = \"1\"\n");
        assert_eq!(unknown[0].0, 6, "{unknown:?}");
        assert!(unknown[0].1.contains("unknown field `fixd`"), "{unknown:?}");
        let both = problems("output = \"f\"\nstate = \"s\"\ntitle = \"t\"\n[[pair]]\npair = \"TMT/USD\"\nfixed = \"1\"\nsource = \"x\"\n");
        assert_eq!(both, [(5, "TMT/USD needs either source or fixed, not both".to_owned())]);
        let neither = problems("output = \"f\"\nstate = \"s\"\ntitle = \"t\"\n[[pair]]\npair = \"TMT/USD\"\n");
        assert_eq!(neither, [(5, "TMT/USD needs a source or a fixed rate".to_owned())]);
        assert_eq!(
            problems("output = \"f\"\nstate = \"s\"\ntitle = \"t\"\n"),
            [(1, "nothing to build: add [[headlines]] or [[pair]]".to_owned())]
        );
        let broken = problems("output = \"f\nstate = 1\n");
        assert_eq!(broken[0].0, 1, "{broken:?}");
    }
}
