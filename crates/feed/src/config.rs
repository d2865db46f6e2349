//! The feed builder's one configuration file (TOML; docs/src/feed-builder.md "Feed builder"
//! has a complete example): where the feed goes, the CMS feeds its
//! headlines come from, the official publications and which pair each
//! gives. Everything is checked before anything is fetched, and every
//! problem is reported with its line and what is expected.

use std::ops::Range;

use rust_decimal::Decimal;
use toml::Spanned;

use super::adapters::Format;
use super::pairs::{Pair, Rounding};
use news_ticker_rules::container::STYLESHEET;
use news_ticker_rules::decimal::parse_decimal;

mod file;

use file::{keys, File};

/// An official publication to fetch, by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The source's name, as run reports and `from` name it.
    pub name: String,
    /// Which publication format it is in.
    pub format: Format,
    /// Where it is fetched from.
    pub url: String,
    /// Days after which a rate of this publication is too old to show.
    pub max_age_days: u32,
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
    /// The currency pair.
    pub pair: Pair,
    /// Where its rate comes from: a source, its inverse, or a cross.
    pub origin: Origin,
    /// Decimal places published.
    pub places: u32,
    /// How the last place is rounded.
    pub rounding: Rounding,
    /// The largest move from the last rate believed, in percent.
    pub max_move_percent: Option<Decimal>,
    /// Publication days in a row that must give a level beyond the bound
    /// before it is taken.
    pub confirm_days: u32,
    /// A second, independent source whose rate for the pair confirms a
    /// level beyond the bound at once.
    pub confirm_source: Option<String>,
    /// Days after which its rate is too old to show, when not its source's.
    pub max_age_days: Option<u32>,
}

/// The configuration, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Where the feed is written.
    pub output: String,
    /// Where the rates document is written, if anywhere.
    pub rates_output: Option<String>,
    /// Where the state kept between runs is written.
    pub state: String,
    /// The feed's title.
    pub title: String,
    /// The feed's home page, if any.
    pub home_page_url: Option<String>,
    /// Items at most in the feed.
    pub max_items: usize,
    /// The `User-Agent` of every request.
    pub user_agent: String,
    /// Seconds a request may take.
    pub timeout_seconds: u32,
    /// Tries per fetch for a network error, a 5xx or a 429.
    pub tries: u32,
    /// The newsroom's feeds whose headlines are merged.
    pub headlines: Vec<String>,
    /// The rate publications.
    pub sources: Vec<Source>,
    /// The pairs published, in order.
    pub pairs: Vec<PairRule>,
    /// A server-rendered container of the feed, written beside it.
    pub html: Option<Html>,
}

/// `html_output`, `html_stylesheet` and `html_attributes`: where the
/// server-rendered container is written, the stylesheet it links, and the
/// container's attributes (`data-feed` at least).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Html {
    /// Where the container is written.
    pub output: String,
    /// The stylesheet the container links to, or `inline`.
    pub stylesheet: String,
    /// The container's attributes, in order.
    pub attributes: Vec<(String, String)>,
}

impl Config {
    /// The configuration with its file paths (`output`, `rates_output`,
    /// `state`) taken relative to `folder`, the configuration file's own,
    /// whatever folder the command runs in; absolute ones stay.
    pub fn relative_to(mut self, folder: &std::path::Path) -> Config {
        let resolve = |path: &mut String| {
            if std::path::Path::new(path.as_str()).is_relative() {
                *path = folder.join(path.as_str()).to_string_lossy().into_owned();
            }
        };
        resolve(&mut self.output);
        resolve(&mut self.state);
        if let Some(rates) = self.rates_output.as_mut() {
            resolve(rates);
        }
        if let Some(html) = self.html.as_mut() {
            resolve(&mut html.output);
        }
        self
    }
}

/// One thing wrong with the file: its line (1-based) and what is expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The line in the configuration file, from 1.
    pub line: usize,
    /// What is wrong and what to do.
    pub message: String,
}

/// Places a rate may have: the widget shows what it is given, and more
/// than ten would be noise in a marquee.
const MAX_PLACES: u32 = 10;
/// Tries a fetch may take: a bank that is down is not hammered.
const MAX_TRIES: u32 = 5;
/// A daily publication's rate is too old after a week: a long weekend and
/// a holiday or two fit in it, a bank gone silent does not.
pub const MAX_AGE_DAYS: u32 = 7;
/// A move beyond the bound is taken once this many publication days in a
/// row have given it: a misprint is not published twice.
pub const CONFIRM_DAYS: u32 = 2;
const DEFAULT_USER_AGENT: &str = concat!("news-ticker-feed/", env!("CARGO_PKG_VERSION"));

/// Reads and checks a configuration file's text; every problem found, each
/// with its line, if it has any.
pub fn parse(text: &str) -> Result<Config, Vec<Problem>> {
    let line = |span: Range<usize>| text[..span.start.min(text.len())].matches('\n').count() + 1;
    let syntax = |e: toml::de::Error| {
        let at = e.span().map_or(1, &line);
        Problem { line: at, message: e.message().trim().to_owned() }
    };
    let table: toml::Table = toml::from_str(text).map_err(|e| vec![syntax(e)])?;
    let mut problems = keys(text, &table);
    let file: File = match toml::from_str(text) {
        Ok(file) => file,
        Err(e) => {
            problems.push(syntax(e));
            return Err(problems);
        }
    };
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
        let max_age_days = days(&source.max_age_days, MAX_AGE_DAYS, "max_age_days", &mut problem);
        match Format::named(source.format.get_ref()) {
            Some(format) => {
                sources.push(Source { name: name.clone(), format, url: source.url.get_ref().clone(), max_age_days })
            }
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
        let confirm_days = days(&rule.confirm_days, CONFIRM_DAYS, "confirm_days", &mut problem);
        let max_age_days =
            rule.max_age_days.as_ref().map(|_| days(&rule.max_age_days, MAX_AGE_DAYS, "max_age_days", &mut problem));
        if let (Origin::Fixed(_), Some(days)) = (&origin, &rule.max_age_days) {
            problem(days.span(), format!("{} is fixed: it has no age, so no max_age_days", rule.pair.get_ref()));
        }
        let confirm_source = rule.confirm_source.as_ref().and_then(|second| {
            let name = second.get_ref();
            let same = matches!(&origin, Origin::Source(s) if s == name);
            if !file.source.iter().any(|s| s.name.get_ref() == name) {
                problem(second.span(), format!("no [[source]] is named {name:?}"));
                None
            } else if same || matches!(origin, Origin::Fixed(_)) {
                problem(
                    second.span(),
                    format!("confirm_source must be another source than the pair's own, not {name:?}"),
                );
                None
            } else {
                Some(name.clone())
            }
        });
        pairs.push(PairRule {
            pair,
            origin,
            places,
            rounding,
            max_move_percent,
            confirm_days,
            confirm_source,
            max_age_days,
        });
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

    let html = match (file.html_output, file.html_attributes) {
        (Some(output), Some(attributes)) => {
            let span = attributes.span();
            let attributes: Vec<(String, String)> = attributes.into_inner().into_iter().collect();
            if !attributes.iter().any(|(name, _)| name == "data-feed") {
                problem(span, "html_attributes needs \"data-feed\": the feed's URL as the page loads it".to_owned());
            }
            let stylesheet = file.html_stylesheet.map_or_else(|| STYLESHEET.to_owned(), Spanned::into_inner);
            Some(Html { output: output.into_inner(), stylesheet, attributes })
        }
        (Some(output), None) => {
            problem(
                output.span(),
                "html_output needs html_attributes = { \"data-feed\" = \"URL\" } (the container's attributes)"
                    .to_owned(),
            );
            None
        }
        (None, Some(attributes)) => {
            problem(attributes.span(), "html_attributes is set but html_output is not".to_owned());
            None
        }
        (None, None) => None,
    };
    if file.headlines.is_empty() && file.pair.is_empty() {
        problems.push(Problem { line: 1, message: "nothing to build: add [[headlines]] or [[pair]]".to_owned() });
    }
    let (Some(output), Some(state), Some(title)) = (file.output, file.state, file.title) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Config {
        output: output.into_inner(),
        rates_output: file.rates_output.map(Spanned::into_inner),
        state: state.into_inner(),
        title: title.into_inner(),
        home_page_url: file.home_page_url.map(Spanned::into_inner),
        max_items: file.max_items.map_or(20, |m| m.into_inner() as usize),
        user_agent: file.user_agent.map_or_else(|| DEFAULT_USER_AGENT.to_owned(), Spanned::into_inner),
        timeout_seconds: file.timeout_seconds.map_or(20, Spanned::into_inner),
        tries: file.tries.map_or(3, Spanned::into_inner),
        headlines: file.headlines.into_iter().map(|h| h.url.into_inner()).collect(),
        sources,
        pairs,
        html,
    })
}

/// A count of days: `default` when not given; at least 1.
fn days(value: &Option<Spanned<u32>>, default: u32, key: &str, problem: &mut impl FnMut(Range<usize>, String)) -> u32 {
    match value {
        None => default,
        Some(v) if *v.get_ref() >= 1 => *v.get_ref(),
        Some(v) => {
            problem(v.span(), format!("{key} is at least 1, not {}", v.get_ref()));
            default
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../tests/fixtures/news-ticker-feed.toml");

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
    fn a_server_rendered_container_needs_its_attributes() {
        let html = parse(EXAMPLE).unwrap().html.unwrap();
        assert_eq!(html.output, "public/news-ticker.html");
        assert_eq!(html.attributes[0], ("data-feed".to_owned(), "https://news.example.org/feed.json".to_owned()));
        let base = "output = \"f\"\nstate = \"s\"\ntitle = \"t\"\n[[headlines]]\nurl = \"https://x/\"\n";
        let alone = problems(&format!("html_output = \"h.html\"\n{base}"));
        assert_eq!(alone.len(), 1, "{alone:?}");
        assert!(alone[0].1.starts_with("html_output needs html_attributes"), "{alone:?}");
        let no_feed =
            problems(&format!("html_output = \"h\"\nhtml_attributes = {{ \"data-locale\" = \"ru\" }}\n{base}"));
        assert_eq!(
            no_feed,
            [(2, "html_attributes needs \"data-feed\": the feed's URL as the page loads it".to_owned())]
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

    /// Every problem of a file in one run: an unknown key, a missing one,
    /// a wrong value, in three tables.
    #[test]
    fn every_problem_at_once() {
        let text = "output = \"f.json\"\ntitle = \"t\"\nstat = \"s.json\"\n\
            [[source]]\nname = \"a\"\nformat = \"nbrk\"\nurl = \"https://x\"\nmax_age_days = 0\n\
            [[pair]]\npair = \"KGS/USD\"\nsource = \"a\"\nconfirm = 3\n";
        assert_eq!(
            problems(text),
            [
                (
                    3,
                    "unknown field `stat`, expected one of output, rates_output, state, title, home_page_url, \
                     max_items, user_agent, timeout_seconds, tries, html_output, html_stylesheet, html_attributes, headlines, source, pair"
                        .to_owned()
                ),
                (1, "missing field `state`".to_owned()),
                (
                    12,
                    "unknown field `confirm` in [[pair]] 1, expected one of pair, source, fixed, places, rounding, \
                     max_move_percent, confirm_days, confirm_source, max_age_days"
                        .to_owned()
                ),
                (8, "max_age_days is at least 1, not 0".to_owned()),
                (6, "format \"nbrk\" is not one of nbkr, nbk, cbu, cbr, ecb, nbt, cbt, json, csv".to_owned()),
            ]
        );
        let zero = problems(&EXAMPLE.replace(
            "places = 5\nmax_move_percent = \"10\"\n\n[[pair]]\npair = \"KZT/USD\"",
            "places = 5\nmax_move_percent = \"10\"\nconfirm_days = 0\n\n[[pair]]\npair = \"KZT/USD\"",
        ));
        assert_eq!(zero.len(), 1, "{zero:?}");
        assert_eq!(zero[0].1, "confirm_days is at least 1, not 0");
    }

    #[test]
    fn paths_are_relative_to_the_configuration_file() {
        let config = parse(EXAMPLE).unwrap().relative_to(std::path::Path::new("/etc/news-ticker"));
        assert_eq!(config.output, "/etc/news-ticker/public/feed.json");
        assert_eq!(config.state, "/etc/news-ticker/state/news-ticker-feed.json");
        assert_eq!(config.rates_output.as_deref(), Some("/etc/news-ticker/public/rates.json"));
        let absolute = EXAMPLE.replace("output = \"public/feed.json\"", "output = \"/var/www/feed.json\"");
        assert_eq!(parse(&absolute).unwrap().relative_to(std::path::Path::new("/etc")).output, "/var/www/feed.json");
    }

    #[test]
    fn the_file_itself_wrong() {
        let missing = problems("output = \"f.json\"\ntitle = \"t\"\n");
        assert_eq!(
            missing,
            [
                (1, "missing field `state`".to_owned()),
                (1, "nothing to build: add [[headlines]] or [[pair]]".to_owned())
            ]
        );
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
