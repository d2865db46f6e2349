//! One run of the builder: fetch every source and headlines feed, take
//! what is plausible, keep the last good data for what is not, and write
//! the documents only when they pass the validator and are not empty.
//! Every problem is one line naming its source and what was wrong; the
//! caller turns "any problem" into the exit status.

use std::fs;
use std::path::Path;

use super::config::{Config, Origin};
use super::fetch::{Answer, Client};
use super::history::{take, Kept};
use super::output::{check, feed_document, merge, rates_document, RateLine};
use super::pairs::rate;
use super::publication::{Day, Publication};
use super::store::{read_state, replace, state_text, Cache, State};
use crate::rules::feed::{parse_feed, Item};
use crate::rules::syndication::{parse_syndication, Syntax};
use crate::rules::{json, xml};

/// What a run did: the files it wrote, and a line for each problem.
#[derive(Debug, Default)]
pub struct Outcome {
    pub written: Vec<String>,
    pub problems: Vec<String>,
}

/// A feed's items, whatever its format.
fn headlines(bytes: &[u8]) -> Result<Vec<Item>, String> {
    // In the encoding the feed declares, as the widget reads it.
    let (text, _) = crate::rules::encoding::decode(bytes, None);
    let text = text.as_str();
    let feed = match Syntax::of(text) {
        Syntax::Json => parse_feed(&json::parse(text).map_err(|e| format!("not JSON: {e}"))?),
        Syntax::Xml => {
            parse_syndication(&xml::parse_repaired(text).map_err(|e| format!("not well-formed XML: {e}"))?.0)
        }
        Syntax::Html => return Err("an HTML page, not a feed".to_owned()),
    };
    feed.map(|(feed, _)| feed.items).map_err(|e| e.to_string())
}

/// The items of the builder's own last feed, kept when a headlines feed fails.
fn last_items(output: &str) -> Vec<Item> {
    fs::read(output).ok().and_then(|bytes| headlines(&bytes).ok()).unwrap_or_default()
}

/// Fetches `url`, conditionally when its last answer is kept, and reads
/// the body (or, after a 304, the kept one) with `read`; what went wrong
/// otherwise. Only a body that reads is kept for the next run.
fn fetched<T>(
    client: &Client,
    cache: &Cache,
    url: &str,
    read: impl Fn(&[u8]) -> Result<T, String>,
    problems: &mut Vec<String>,
) -> Result<T, String> {
    match client.get(url, &cache.validators(url)) {
        Ok(Answer::Fresh { body, validators }) => {
            let value = read(&body)?;
            if let Err(e) = cache.keep(url, &validators, &body) {
                problems.push(format!("{url}: its answer cannot be kept in {}: {e}", cache.folder().display()));
            }
            Ok(value)
        }
        Ok(Answer::Unchanged) => match cache.body(url) {
            Some(body) => read(&body),
            None => Err("a 304 with no answer kept to read".to_owned()),
        },
        Err(e) => Err(e.to_string()),
    }
}

/// Runs the builder once.
pub fn run(config: &Config, client: &Client) -> Result<Outcome, String> {
    let mut outcome = Outcome::default();
    let mut state: State = match fs::read_to_string(&config.state) {
        Ok(text) => read_state(&text).map_err(|e| format!("{}: {e}", config.state))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(format!("{}: cannot be read: {e}", config.state)),
    };

    let cache = Cache::beside(Path::new(&config.state));
    let mut publications: Vec<(String, Publication)> = Vec::new();
    for source in &config.sources {
        let read = |body: &[u8]| source.format.read(body).map_err(|e| e.to_string());
        match fetched(client, &cache, &source.url, read, &mut outcome.problems) {
            Ok(publication) => publications.push((source.name.clone(), publication)),
            Err(why) => outcome
                .problems
                .push(format!("source {} ({}): {why}; its pairs keep their last rates", source.name, source.url)),
        }
    }
    // Pairs from sources first: a peg is dated by the newest rate they took.
    let (sourced, fixed): (Vec<_>, Vec<_>) =
        config.pairs.iter().partition(|rule| matches!(rule.origin, Origin::Source(_)));
    for rule in sourced.into_iter().chain(fixed) {
        let name = format!("{}/{}", rule.pair.base, rule.pair.quote);
        let kept = state.iter().position(|(pair, _)| *pair == rule.pair);
        let found: Option<(Day, rust_decimal::Decimal, String)> = match &rule.origin {
            // A peg has no date of its own: the newest rate believed, or its last.
            Origin::Fixed(value) => {
                let newest: Option<Day> = state
                    .iter()
                    .filter(|(pair, _)| {
                        config.pairs.iter().any(|r| r.pair == *pair && matches!(r.origin, Origin::Source(_)))
                    })
                    .map(|(_, kept)| kept.date)
                    .max();
                newest.max(kept.map(|i| state[i].1.date)).map(|day| (day, *value, "fixed".to_owned()))
            }
            Origin::Source(source) => match publications.iter().find(|(n, _)| n == source) {
                None => None,
                Some((_, publication)) => match rate(publication, &rule.pair, rule.places, rule.rounding) {
                    Some(value) => Some((publication.date, value, source.clone())),
                    None => {
                        outcome.problems.push(format!(
                            "{name} from {source}: the publication has no rate for it at {} places",
                            rule.places
                        ));
                        None
                    }
                },
            },
        };
        let Some((day, value, from)) = found else { continue };
        match take(kept.map(|i| &state[i].1), day, value, rule.max_move_percent) {
            Ok(record) => match kept {
                Some(i) => state[i].1 = record,
                None => state.push((rule.pair.clone(), record)),
            },
            Err(refusal) => {
                let last = &state[kept.expect("a refusal needs a kept rate")].1;
                outcome.problems.push(format!(
                    "{name} from {from}: {refusal}; keeping {} of {}",
                    last.rate,
                    last.date.iso()
                ));
            }
        }
    }

    let mut feeds = Vec::new();
    let mut failed = false;
    for url in &config.headlines {
        match fetched(client, &cache, url, headlines, &mut outcome.problems) {
            Ok(items) => feeds.push(items),
            Err(why) => {
                outcome.problems.push(format!("headlines {url}: {why}; keeping the last items"));
                failed = true;
            }
        }
    }
    if failed {
        feeds.push(last_items(&config.output));
    }
    let items = merge(feeds, config.max_items);

    // The marquee in the configuration's order; pairs never yet published are left out.
    let records: Vec<(&super::pairs::Pair, &Kept)> = config
        .pairs
        .iter()
        .filter_map(|rule| state.iter().find(|(pair, _)| *pair == rule.pair).map(|(pair, kept)| (pair, kept)))
        .collect();
    let lines: Vec<RateLine> = records.iter().map(|(pair, kept)| RateLine { pair, kept }).collect();

    if !config.headlines.is_empty() && items.is_empty() {
        outcome.problems.push(format!("no headlines at all: {} is not replaced", config.output));
    } else {
        let feed = feed_document(&config.title, config.home_page_url.as_deref(), &lines, &items);
        write(&config.output, &feed, &mut outcome)?;
    }
    if let Some(path) = &config.rates_output {
        if lines.is_empty() {
            outcome.problems.push(format!("no rates at all: {path} is not replaced"));
        } else {
            write(path, &rates_document(&lines), &mut outcome)?;
        }
    }
    replace(Path::new(&config.state), state_text(&state).as_bytes())
        .map_err(|e| format!("{}: cannot be written: {e}", config.state))?;
    Ok(outcome)
}

/// Writes a document that passes the validator, and records it.
fn write(path: &str, document: &str, outcome: &mut Outcome) -> Result<(), String> {
    if let Err(report) = check(document) {
        outcome.problems.push(format!("{path} is not replaced: the built document fails the validator:\n{report}"));
        return Ok(());
    }
    if replace(Path::new(path), document.as_bytes()).map_err(|e| format!("{path}: cannot be written: {e}"))? {
        outcome.written.push(path.to_owned());
    }
    Ok(())
}
