//! How a finished load changes a widget: the documents read, the content
//! shown or kept, the cache written, the next refresh scheduled.

use super::load::load_soon;
use super::{now, page_hidden, Content, Event, Sources, State};
use crate::web::api;
use crate::web::intl;
use crate::web::net::{Body, Fetched};
use crate::web::storage;
use gloo_timers::callback::Timeout;
use js_sys::Function;
use news_ticker_rules::cache::{self, Entry, Saved};
use news_ticker_rules::failure::{status_text, Failure, LoadError, Subject};
use news_ticker_rules::feed::{parse_feed, parse_rates, Feed, Ticker};
use news_ticker_rules::plan::Plan;
use news_ticker_rules::problem::{FeedError, Problem};
use news_ticker_rules::render;
use news_ticker_rules::schedule::{next_delay_ms, respecting_retry_after};
use news_ticker_rules::xmlfeed;
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::JsValue;

/// What a finished load did: the events to fire, and whether the feed
/// itself was read (a failed feed counts toward the refresh backoff).
pub(super) struct Applied {
    pub(super) events: Vec<Event>,
    pub(super) feed_read: bool,
}

/// A document read for the widget: its text, what it says, what was
/// wrong with parts of it, and when it was fetched.
pub(super) struct Doc<T> {
    text: String,
    value: T,
    problems: Vec<Problem>,
    at: u64,
}

pub(super) fn feed_doc(fetched: Fetched, at: u64) -> Result<Doc<Feed>, Failure> {
    let read = match &fetched.body {
        Body::Json(value) => parse_feed(value).map(|(feed, mut problems)| {
            problems.extend(xmlfeed::problems(value));
            (feed, problems)
        }),
        // RSS and Atom are read here only as the XML stage's JSON Feed (see `load`).
        Body::Xml => Err(FeedError::NotAnObject("an XML document")),
    };
    match read {
        Ok((value, problems)) => Ok(Doc { text: fetched.text, value, problems, at }),
        Err(e) => Err(Failure::new(Subject::Feed, LoadError::Shape(e))),
    }
}

pub(super) fn rates_doc(fetched: Fetched, at: u64) -> Result<Doc<Ticker>, Failure> {
    let read = match &fetched.body {
        Body::Json(value) => parse_rates(value),
        Body::Xml => Err(FeedError::NotAnObject("an XML document")),
    };
    match read {
        Ok((value, problems)) => Ok(Doc { text: fetched.text, value, problems, at }),
        Err(e) => Err(Failure::new(Subject::Rates, LoadError::Shape(e))),
    }
}

impl State {
    /// Shows a finished load, fetched at `now`.
    pub(super) fn apply(
        &mut self,
        feed: Result<Fetched, Failure>,
        rates: Option<Result<Fetched, Failure>>,
        now: u64,
    ) -> Applied {
        let mut events = Vec::new();
        let mut problems = Vec::new();
        let feed = feed.and_then(|f| feed_doc(f, now));
        let rates = match rates.map(|r| r.and_then(|f| rates_doc(f, now))) {
            None => None,
            Some(Ok(doc)) => Some(doc),
            Some(Err(failure)) => {
                problems.push(failure);
                // A rates document that fails keeps the last good rates.
                self.content.as_ref().and_then(|c| {
                    let (rates, text, at) = (c.rates.clone()?, c.sources.rates.clone()?, c.rates_at?);
                    Some(Doc { text, value: rates, problems: Vec::new(), at })
                })
            }
        };
        let feed_read = feed.is_ok();
        match feed {
            Ok(feed) => {
                let shown = self.show(feed, rates);
                self.save();
                // New content is kept as the next visit's first frame too.
                if shown.is_some() {
                    self.keep_frame();
                }
                events.extend(shown);
            }
            Err(failure) => problems.insert(0, failure),
        }
        let status = problems.first().map(|failure| {
            let at = self.content.as_ref().and_then(|c| match failure.subject {
                Subject::Rates => c.rates_at,
                Subject::Feed => Some(c.feed_at),
            });
            let when = at.map(|ms| intl::format_time(ms, &self.config.locale));
            status_text(failure, when.as_deref(), &self.config.texts)
        });
        let mut plan = Plan::default();
        render::status(&mut plan, status.as_deref());
        self.paint(&plan);
        events.extend(problems.into_iter().map(Event::Error));
        self.first_render_done = true;
        Applied { events, feed_read }
    }

    /// Shows `feed` and `rates` unless they are what is shown already (then
    /// only notes that they were confirmed); returns the event for the page.
    pub(super) fn show(&mut self, feed: Doc<Feed>, rates: Option<Doc<Ticker>>) -> Option<Event> {
        let sources = Sources { feed: feed.text, rates: rates.as_ref().map(|r| r.text.clone()) };
        let (feed_at, rates_at) = (feed.at, rates.as_ref().map(|r| r.at));
        if let Some(shown) = self.content.as_mut().filter(|c| c.sources == sources) {
            (shown.feed_at, shown.rates_at) = (feed_at, rates_at);
            return None;
        }
        let rate_problems = rates.iter().flat_map(|r| r.problems.iter());
        for problem in feed.problems.iter().chain(rate_problems) {
            web_sys::console::warn_1(&["news-ticker: ", &problem.line()].concat().into());
        }
        if self.config.card.date {
            let soon = (now() / 1000) as i64 + 60;
            for item in feed.value.items.iter().filter(|i| i.published.is_some_and(|t| t.instant > soon)) {
                let title = item.title.as_deref().unwrap_or_default();
                let line = ["news-ticker: the item \"", title, "\" is dated in the future; its card shows no date"];
                web_sys::console::warn_1(&line.concat().into());
            }
        }
        let items = feed.value.items.len();
        let rates = rates.map(|r| r.value);
        self.content = Some(Content { feed: feed.value, rates, sources, feed_at, rates_at });
        let rates = self.render();
        Some(Event::Shown { first: !self.first_render_done, items, rates })
    }

    /// Keeps the content for a later page load. A text too long to keep
    /// (its UTF-16 length already over the byte limit) is never copied
    /// out of JS: the older entry for the feed is removed instead.
    pub(super) fn save(&self) {
        let (Some(content), Ok(feed_url)) = (&self.content, &self.feed_url) else {
            return;
        };
        let fits = |text: &str| text.len() <= cache::MAX_ENTRY_BYTES;
        if !fits(&content.sources.feed) {
            return storage::forget(feed_url);
        }
        let rates = match (&self.rates_url, &content.sources.rates, content.rates_at) {
            (Some(Ok(url)), Some(text), Some(at)) if fits(text) => {
                Some(Saved { url: url.clone(), at, text: text.clone() })
            }
            _ => None,
        };
        let feed = Saved { url: feed_url.clone(), at: content.feed_at, text: content.sources.feed.clone() };
        storage::save(&Entry { feed, rates });
    }

    /// The promises waiting for the first render, taken, each with what it
    /// resolves to (for `content()`, what is shown, made once).
    pub(super) fn settled(&mut self) -> Vec<(Function, JsValue)> {
        let waiting = std::mem::take(&mut self.waiting);
        let shown = if waiting.iter().any(|w| w.content) { api::to_js(&self.shown()) } else { JsValue::UNDEFINED };
        waiting.into_iter().map(|w| (w.resolve, if w.content { shown.clone() } else { JsValue::UNDEFINED })).collect()
    }

    /// Sets the timer for the next load: the refresh interval with jitter,
    /// backing off after failures, and never sooner than a `Retry-After`
    /// asked. While the page is hidden a timer that fires only marks the
    /// refresh as due.
    pub(super) fn schedule_refresh(&mut self, weak: Weak<RefCell<State>>, retry_after: Option<u32>) {
        if self.feed_url.is_err() {
            return;
        }
        let Some(ms) = next_delay_ms(self.config.refresh_seconds, self.failures, js_sys::Math::random()) else {
            return;
        };
        let ms = respecting_retry_after(ms, retry_after);
        self.next_refresh = Some(Timeout::new(ms, move || {
            let Some(state) = weak.upgrade() else { return };
            let hidden = match state.try_borrow_mut() {
                Ok(mut s) if page_hidden(&s.host) => {
                    s.due = true;
                    true
                }
                _ => false,
            };
            if !hidden {
                load_soon(weak);
            }
        }));
    }
}
