//! A widget's loads: the cached content first, then the feed and the rates
//! in parallel (RSS and Atom through the XML stage), each load owned by its
//! `Loading` guard and dropped when a newer one starts.

use super::state::{feed_doc, rates_doc, Applied};
use super::{dispatch, now, settle, soon, State};
use crate::web::dom;
use crate::web::guard::Loading;
use crate::web::net::{self, Body, Fetched};
use crate::web::storage;
use news_ticker_rules::failure::{Failure, LoadError, Subject};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::closure::Closure;

pub(super) fn absolute_url(raw: &str, base: &str, attribute: &'static str) -> Result<String, LoadError> {
    dom::url(raw, base, false).ok_or_else(|| LoadError::BadUrl { attribute, value: raw.to_owned() })
}

/// Starts a load in a microtask of its own, as every load starts: never
/// inside the call that asked for it (a mount, a refresh), whose caller
/// may not be ready for the events a load can fire at once.
pub(super) fn load_soon(weak: Weak<RefCell<State>>) {
    soon(&Closure::once_into_js(move || load(weak)));
}

/// One load of the feed (and the rates document, in parallel). The first
/// shows the cached content, if any, while the network answers.
pub(super) fn load(weak: Weak<RefCell<State>>) {
    let Some(Begun { generation, feed_url, rates_url, restore }) = begin(&weak) else {
        return;
    };
    if restore {
        show_cached(&weak);
    }
    let feed_url = match feed_url {
        Ok(url) => url,
        Err(e) => return finish(&weak, generation, Err(e), None),
    };
    // A `data-rates` that is not a URL fails at once; the feed still loads.
    let (rates_url, rates_error) = match rates_url {
        Some(Ok(url)) => (Some(url), None),
        Some(Err(e)) => (None, Some(Failure::new(Subject::Rates, e))),
        None => (None, None),
    };
    let done = weak.clone();
    let loading = net::load(&feed_url, rates_url.as_deref(), move |(feed, rates)| {
        let rates = rates.map(|r| r.map_err(|e| Failure::new(Subject::Rates, e))).or(rates_error.map(Err));
        match feed {
            // RSS or Atom: the XML stage reads it first, then the load finishes.
            Ok(Fetched { text, body: Body::Xml }) => {
                let converted = done.clone();
                let reading = net::convert_xml(text, move |feed| {
                    finish(&converted, generation, feed, rates);
                });
                keep(&done, generation, reading);
            }
            feed => finish(&done, generation, feed, rates),
        }
    });
    keep(&weak, generation, loading);
}

/// Keeps the guard of a load's next step, unless a newer load began.
pub(super) fn keep(weak: &Weak<RefCell<State>>, generation: u64, loading: Loading) {
    if let Some(state) = weak.upgrade() {
        if let Ok(mut s) = state.try_borrow_mut() {
            if s.generation == generation {
                s.loading = Some(loading);
            }
        }
    }
}

pub(super) struct Begun {
    generation: u64,
    feed_url: Result<String, LoadError>,
    rates_url: Option<Result<String, LoadError>>,
    /// Whether to show the cached content first.
    restore: bool,
}

/// Starts a load: a new generation, and any load still in flight cancelled.
pub(super) fn begin(weak: &Weak<RefCell<State>>) -> Option<Begun> {
    let state = weak.upgrade()?;
    let mut s = state.try_borrow_mut().ok()?;
    s.loading = None;
    s.next_refresh = None;
    s.generation += 1;
    let restore = !std::mem::replace(&mut s.restored, true) && s.content.is_none();
    Some(Begun { generation: s.generation, feed_url: s.feed_url.clone(), rates_url: s.rates_url.clone(), restore })
}

/// Shows the content cached by an earlier page, if there is a readable
/// entry for this feed. Cached rates are used only for the same `data-rates`.
pub(super) fn show_cached(weak: &Weak<RefCell<State>>) {
    let Some(state) = weak.upgrade() else { return };
    let (host, event, waiting) = {
        let Ok(mut s) = state.try_borrow_mut() else { return };
        let Some(entry) = s.feed_url.as_deref().ok().and_then(storage::load) else { return };
        // A cached text that no longer reads (an older widget's, edited) is ignored.
        let Some(feed) = net::read(entry.feed.text).ok().and_then(|f| feed_doc(f, entry.feed.at).ok()) else {
            return;
        };
        let rates = match (&s.rates_url, entry.rates) {
            (Some(Ok(url)), Some(saved)) if *url == saved.url => {
                net::read(saved.text).ok().and_then(|f| rates_doc(f, saved.at).ok())
            }
            _ => None,
        };
        let event = s.show(feed, rates);
        s.first_render_done = true;
        (s.host.clone(), event, s.settled())
    };
    drop(state);
    settle(waiting);
    if let Some(event) = event {
        dispatch(&host, event);
    }
}

/// Applies a finished load, then (with no borrow held) tells the page.
pub(super) fn finish(
    weak: &Weak<RefCell<State>>,
    generation: u64,
    feed: Result<Fetched, LoadError>,
    rates: Option<Result<Fetched, Failure>>,
) {
    // The seconds a failed feed answer asked to wait, if it said.
    let retry_after = feed.as_ref().err().and_then(LoadError::retry_after);
    let feed = feed.map_err(|e| Failure::new(Subject::Feed, e));
    let Some(state) = weak.upgrade() else { return };
    let (host, events, waiting) = {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        if s.generation != generation {
            return;
        }
        s.loading = None;
        let Applied { events, feed_read } = s.apply(feed, rates, now());
        s.failures = if feed_read { 0 } else { s.failures.saturating_add(1) };
        s.schedule_refresh(weak.clone(), retry_after);
        let waiting = if s.first_render_done { s.settled() } else { Vec::new() };
        (s.host.clone(), events, waiting)
    };
    drop(state);
    settle(waiting);
    for event in events {
        dispatch(&host, event);
    }
}
