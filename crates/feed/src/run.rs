//! One run of the builder: fetch every source and headlines feed, take
//! what is plausible, keep the last good data for what is not, and write
//! the documents only when they pass the validator and are not empty.
//! Every problem is one line naming its source and what was wrong; the
//! caller turns "any problem" into the exit status.

use std::fs;
use std::path::Path;

use super::config::{Config, Origin};
use super::fetch::{Answer, Client};
use super::history::{take, within, Kept, Refusal};
use super::output::{check, feed_document, merge, rates_document, RateLine};
use super::pairs::{dated, missing, rate};
use super::publication::{now_seconds, Day, Publication};
use super::store::{read_state, replace, state_text, Cache, State};
use news_ticker_rules::container::{container, Container};
use news_ticker_rules::document::{self, Document};
use news_ticker_rules::feed::parse_feed;
use news_ticker_rules::item::Item;
use news_ticker_rules::syndication::parse_syndication;
use news_ticker_rules::xml;

/// What a run did: the files it wrote, and a line for each problem.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The files written.
    pub written: Vec<String>,
    /// One line for each problem.
    pub problems: Vec<String>,
}

/// A feed's items, whatever its format.
fn headlines(bytes: &[u8]) -> Result<Vec<Item>, String> {
    // In the encoding the feed declares, as the widget reads it.
    let (text, _) = news_ticker_rules::encoding::decode(bytes, None);
    let feed = match document::read(&text, xml::parse_repaired).map_err(|e| e.to_string())? {
        Document::Json(doc) => parse_feed(&doc),
        Document::Xml((root, _)) => parse_syndication(&root),
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

/// Runs the builder once, on `today` (UTC; what a rate's age is counted to).
pub fn run(config: &Config, client: &Client, today: Day) -> Result<Outcome, String> {
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
            Err(why) => {
                // What happens to its pairs: those with a last rate keep it.
                let pairs: Vec<bool> = config
                    .pairs
                    .iter()
                    .filter(|r| matches!(&r.origin, Origin::Source(s) if *s == source.name))
                    .map(|r| state.iter().any(|(pair, _)| *pair == r.pair))
                    .collect();
                let fate = if pairs.iter().all(|&kept| kept) {
                    "its pairs keep their last rates"
                } else if pairs.iter().any(|&kept| kept) {
                    "its pairs keep their last rates; those without one are not published yet"
                } else {
                    "its pairs have no rate yet and are not published"
                };
                outcome.problems.push(format!("source {} ({}): {why}; {fate}", source.name, source.url));
            }
        }
    }
    // Pairs from sources first: a peg is dated by the newest rate they took.
    let (sourced, fixed): (Vec<_>, Vec<_>) =
        config.pairs.iter().partition(|rule| matches!(rule.origin, Origin::Source(_)));
    // Each sourced pair's decision, kept apart until pairs of the same two
    // currencies agree: (pair name, source, record before, refused).
    let mut decided: Vec<(String, String, Option<Kept>, bool)> = Vec::new();
    for rule in sourced.into_iter().chain(fixed) {
        let name = format!("{}/{}", rule.pair.base, rule.pair.quote);
        let kept = state.iter().position(|(pair, _)| *pair == rule.pair);
        let last = |state: &State| match kept {
            Some(i) => format!("keeping {} of {}", state[i].1.rate, state[i].1.date.iso()),
            None => "nothing is published for it yet".to_owned(),
        };
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
                    Some(value) => Some((dated(publication, &rule.pair), value, source.clone())),
                    None => {
                        let why = match missing(publication, &rule.pair) {
                            Some(code) => format!("the publication of {} has no {code}", publication.date.iso()),
                            None => format!("its rate rounds to 0 at {} places", rule.places),
                        };
                        outcome.problems.push(format!("{name} from {source}: {why}; {}", last(&state)));
                        None
                    }
                },
            },
        };
        let Some((day, value, from)) = found else { continue };
        let before = kept.map(|i| state[i].1.clone());
        let (mut record, mut refusal) = take(before.as_ref(), day, value, rule.max_move_percent, rule.confirm_days);
        // A second, independent source that gives the same new level confirms it at once.
        if let (Some(Refusal::Jump { bound, .. }), Some(second)) = (&refusal, &rule.confirm_source) {
            let other = publications
                .iter()
                .find(|(n, _)| n == second)
                .and_then(|(_, p)| rate(p, &rule.pair, rule.places, rule.rounding));
            if other.is_some_and(|other| within(value, other, *bound).0) {
                (record, refusal) = take(before.as_ref(), day, value, None, 1);
            }
        }
        if let Some(refusal) = &refusal {
            let mut line = format!("{name} from {from}: {refusal}; {}", last(&state));
            if matches!(refusal, Refusal::Jump { .. }) {
                line.push_str(&format!(" (a real new level: `news-ticker-feed accept CONFIG {name}` takes it now)"));
            }
            outcome.problems.push(line);
        }
        decided.push((name, from, before, refusal.is_some()));
        match kept {
            Some(i) => state[i].1 = record,
            None => state.push((rule.pair.clone(), record)),
        }
    }
    // Pairs of the same two currencies from one source move together: when
    // one is refused, one that took a new rate keeps its last one too, so
    // the page never shows two rates that are not each other's inverse.
    for (name, from, before, refused) in &decided {
        let Some(before) = before else { continue };
        let (base, quote) = name.split_once('/').expect("a pair name");
        let other = decided.iter().find(|(n, f, _, r)| {
            *r && f == from && n != name && {
                let (b, q) = n.split_once('/').expect("a pair name");
                (b == quote && q == base) || (b == base && q == quote)
            }
        });
        let (Some((partner, ..)), false) = (other, *refused) else { continue };
        let i = state.iter().position(|(p, _)| format!("{}/{}", p.base, p.quote) == *name).expect("decided");
        if state[i].1.rate != before.rate || state[i].1.date != before.date {
            let pending = state[i].1.pending.clone();
            state[i].1 = Kept { pending, ..before.clone() };
            outcome.problems.push(format!(
                "{name} from {from}: keeping {} of {} with {partner}, which was refused",
                before.rate,
                before.date.iso()
            ));
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

    // The marquee in the configuration's order; pairs never yet published
    // are left out, and so are rates past their age.
    let mut records: Vec<(&super::pairs::Pair, &Kept)> = Vec::new();
    for rule in &config.pairs {
        let Some((pair, kept)) = state.iter().find(|(pair, _)| *pair == rule.pair) else { continue };
        let limit = match &rule.origin {
            Origin::Fixed(_) => None,
            Origin::Source(name) => {
                rule.max_age_days.or_else(|| config.sources.iter().find(|s| s.name == *name).map(|s| s.max_age_days))
            }
        };
        let age = today.number() - kept.date.number();
        if let Some(limit) = limit.filter(|&limit| age > i64::from(limit)) {
            outcome.problems.push(format!(
                "{}/{}: its last rate, {} of {}, is {age} days old, past max_age_days = {limit}; left out of the output",
                pair.base,
                pair.quote,
                kept.rate,
                kept.date.iso()
            ));
            continue;
        }
        records.push((pair, kept));
    }
    let lines: Vec<RateLine> = records.iter().map(|(pair, kept)| RateLine { pair, kept }).collect();

    let mut feed = None;
    if !config.headlines.is_empty() && items.is_empty() {
        outcome.problems.push(format!("no headlines at all: {} is not replaced", config.output));
    } else {
        let document = feed_document(&config.title, config.home_page_url.as_deref(), &lines, &items);
        write(&config.output, &document, &mut outcome)?;
        feed = Some(document);
    }
    // The rates alone: the rates document, and what a container with
    // `data-rates` is rendered from.
    let rates = rates_document(&lines);
    if let Some(path) = &config.rates_output {
        // Nothing ever published: the file is left as it is. Every rate too
        // old: an empty list, so that no page shows them any longer.
        let none_yet = !config.pairs.iter().any(|rule| state.iter().any(|(pair, _)| *pair == rule.pair));
        if none_yet {
            outcome.problems.push(format!("no rates at all: {path} is not replaced"));
        } else {
            write(path, &rates, &mut outcome)?;
        }
    }
    if let (Some(html), Some(feed)) = (&config.html, &feed) {
        let c = Container {
            feed,
            rates: html.attributes.iter().any(|(n, _)| n == "data-rates").then_some(rates.as_str()),
            attributes: &html.attributes,
            stylesheet: &html.stylesheet,
            now: now_seconds(),
        };
        match container(&c) {
            Ok(fragment) => {
                if replace(Path::new(&html.output), fragment.as_bytes())
                    .map_err(|e| format!("{}: cannot be written: {e}", html.output))?
                {
                    outcome.written.push(html.output.clone());
                }
            }
            Err(why) => outcome.problems.push(format!("{} is not replaced: {why}", html.output)),
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

/// `news-ticker-feed accept CONFIG PAIR`: takes the level of `pair` that
/// was refused as beyond its bound, and that of its inverse from the same
/// source if it has one, as of its own date; the next run publishes it.
/// What was done, or why nothing was.
pub fn accept(config: &Config, pair: &str) -> Result<String, String> {
    let wanted = super::pairs::Pair::parse(pair)
        .ok_or_else(|| format!("{pair:?} is not a pair of two currency codes, as in \"KGS/USD\""))?;
    let rule = config
        .pairs
        .iter()
        .find(|r| r.pair == wanted)
        .ok_or_else(|| format!("{pair} is not a [[pair]] of the configuration"))?;
    let text = fs::read_to_string(&config.state)
        .map_err(|e| format!("{}: cannot be read ({e}): no run has kept {pair} yet", config.state))?;
    let mut state = read_state(&text).map_err(|e| format!("{}: {e}", config.state))?;
    let inverse = config
        .pairs
        .iter()
        .find(|r| r.pair.base == wanted.quote && r.pair.quote == wanted.base && r.origin == rule.origin);
    let seconds = now_seconds().max(0) as u64;
    let at = format!(
        "{}T{:02}:{:02}:{:02}Z",
        Day::from_number((seconds / 86_400) as i64).iso(),
        seconds % 86_400 / 3600,
        seconds % 3600 / 60,
        seconds % 60
    );
    let mut said = Vec::new();
    for rule in std::iter::once(rule).chain(inverse) {
        let name = format!("{}/{}", rule.pair.base, rule.pair.quote);
        let Some((_, kept)) = state.iter_mut().find(|(p, _)| *p == rule.pair) else { continue };
        if let Some(accepted) = super::history::accept(kept, &at) {
            said.push(format!("{name}: {} of {} accepted", accepted.rate, accepted.date.iso()));
            *kept = accepted;
        }
    }
    if said.is_empty() {
        return Err(format!("{pair} has no refused level to accept: no rate beyond its bound is waiting"));
    }
    replace(Path::new(&config.state), state_text(&state).as_bytes())
        .map_err(|e| format!("{}: cannot be written: {e}", config.state))?;
    said.push("the next run publishes it".to_owned());
    Ok(said.join("; "))
}
