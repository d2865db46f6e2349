//! One mounted widget: its shadow root, configuration, content, and every
//! browser resource it started (listeners, observer, timer, requests).
//!
//! Unmounting is `drop(widget)`: the guards it owns cancel themselves.
//! Async work holds only a `Weak` to the state, so a finished fetch for a
//! widget that is gone does nothing. Events are dispatched only when no
//! borrow is held, because a host page's handler may call straight back
//! into `NewsTicker` (unmount, refresh) from inside the event.
//!
//! Over 450 lines because it is one state machine (mount, load, show,
//! save, schedule, unmount) whose every step takes the same borrow of
//! the same state under the same rules; the resources it drives live in
//! their own modules (`guard`, `net`, `dom`, `intl`, `marquee`, `storage`).

use crate::rules::api::{Content as Shown, Counts, ErrorDetail};
use crate::rules::cache::{self, Entry, Saved};
use crate::rules::config::Config;
use crate::rules::date::Timestamp;
use crate::rules::failure::{status_text, Failure, LoadError, Subject};
use crate::rules::feed::{parse_feed, parse_rates, Feed, Ticker};
use crate::rules::paint;
use crate::rules::plan::Plan;
use crate::rules::problem::{FeedError, Problem};
use crate::rules::render;
use crate::rules::schedule::{next_delay_ms, respecting_retry_after};
use crate::rules::view;
use crate::rules::xmlfeed;
use crate::web::api;
use crate::web::dom::{self, Parts};
use crate::web::guard::Loading;
use crate::web::intl;
use crate::web::marquee::Marquee;
use crate::web::net::{self, Body, Fetched};
use crate::web::storage;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use js_sys::{Function, Promise};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use web_sys::{Element, ShadowRoot};

#[must_use = "dropping the Widget unmounts it"]
pub struct Widget {
    /// Kept outside the state so finding a widget never needs a borrow.
    host: Element,
    state: Rc<RefCell<State>>,
}

struct State {
    host: Element,
    shadow: ShadowRoot,
    config: Config,
    feed_url: Result<String, LoadError>,
    rates_url: Option<Result<String, LoadError>>,
    parts: Parts,
    content: Option<Content>,
    /// How many cards are shown; grows by a page with "Show more".
    shown: usize,
    /// Counts loads, so the result of a superseded one is dropped.
    generation: u64,
    /// Loads of the feed that failed in a row; the next refresh backs off.
    failures: u32,
    /// A refresh came due while the page was hidden; it runs on return.
    due: bool,
    /// The cached content has been looked for (once, before the first fetch).
    restored: bool,
    first_render_done: bool,
    /// `mount()` and `content()` promises waiting for the first render.
    waiting: Vec<Waiter>,
    // Guards: dropping them releases what they hold.
    loading: Option<Loading>,
    next_refresh: Option<Timeout>,
    marquee: Option<Marquee>,
    /// The card dates shown, in the order of their slots, and the timer
    /// that rewrites them once a minute while the page is visible.
    times: Vec<Timestamp>,
    clock: Option<Timeout>,
    /// The state itself, for the timer a render starts.
    me: Weak<RefCell<State>>,
    _more: Option<EventListener>,
    _visibility: Option<EventListener>,
    /// Removes the box of a card image that fails or is a pixel.
    _images: Vec<EventListener>,
}

struct Content {
    feed: Feed,
    rates: Option<Ticker>,
    /// The texts the content was parsed from, to tell a change from a revalidation.
    sources: Sources,
    /// When the feed and the rates were last fetched (ms since 1970).
    feed_at: u64,
    rates_at: Option<u64>,
}

/// The texts of the feed and the rates document that content was read from.
#[derive(PartialEq)]
struct Sources {
    feed: String,
    rates: Option<String>,
}

/// What a finished load did: the events to fire, and whether the feed
/// itself was read (a failed feed counts toward the refresh backoff).
struct Applied {
    events: Vec<Event>,
    feed_read: bool,
}

/// A document read for the widget: its text, what it says, what was
/// wrong with parts of it, and when it was fetched.
struct Doc<T> {
    text: String,
    value: T,
    problems: Vec<Problem>,
    at: u64,
}

fn feed_doc(fetched: Fetched, at: u64) -> Result<Doc<Feed>, Failure> {
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

fn rates_doc(fetched: Fetched, at: u64) -> Result<Doc<Ticker>, Failure> {
    let read = match &fetched.body {
        Body::Json(value) => parse_rates(value),
        Body::Xml => Err(FeedError::NotAnObject("an XML document")),
    };
    match read {
        Ok((value, problems)) => Ok(Doc { text: fetched.text, value, problems, at }),
        Err(e) => Err(Failure::new(Subject::Rates, LoadError::Shape(e))),
    }
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// What a finished load tells the host page.
enum Event {
    /// New content shown: `news-ticker:ready` the first time, `:update` after.
    Shown {
        first: bool,
        items: usize,
        rates: usize,
    },
    Error(Failure),
}

impl Widget {
    /// Mounts a widget into `host`, reading its configuration from the
    /// host's attributes, and starts the first load.
    pub fn mount(host: &Element) -> Result<Widget, JsValue> {
        let (config, warnings) = Config::from_attributes(&|name| host.get_attribute(name));
        for warning in &warnings {
            web_sys::console::warn_1(&warning.into());
        }
        let base = host.owner_document().and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
        let feed_url = match &config.feed {
            Some(raw) => absolute_url(raw, &base, "data-feed"),
            None => Err(LoadError::NoFeed),
        };
        let rates_url = config.rates.as_deref().map(|raw| absolute_url(raw, &base, "data-rates"));
        let shadow = dom::shadow(host)?;
        // A frame the server rendered is taken over where it stands.
        let parts = match dom::adopt(&shadow, &config) {
            Some(parts) => parts,
            None => dom::build(&shadow, &config)?,
        };
        let marquee = match &parts.ticker {
            Some(t) => Some(Marquee::start(t, &parts.slots, config.speed)?),
            None => None,
        };
        let state = Rc::new(RefCell::new(State {
            host: host.clone(),
            shadow,
            shown: config.page_size,
            config,
            feed_url,
            rates_url,
            parts,
            content: None,
            generation: 0,
            failures: 0,
            due: false,
            restored: false,
            first_render_done: false,
            waiting: Vec::new(),
            loading: None,
            next_refresh: None,
            marquee,
            times: Vec::new(),
            clock: None,
            me: Weak::new(),
            _more: None,
            _visibility: None,
            _images: Vec::new(),
        }));
        let more = {
            let s = state.borrow();
            s.parts.headlines.as_ref().map(|h| {
                let weak = Rc::downgrade(&state);
                EventListener::new(&h.more, "click", move |_| {
                    if let Some(state) = weak.upgrade() {
                        if let Ok(mut s) = state.try_borrow_mut() {
                            s.shown = s.shown.saturating_add(s.config.page_size);
                            let _ = s.render();
                        }
                    }
                })
            })
        };
        // A refresh that came due while the page was hidden runs on return;
        // card dates stop while it is hidden and are brought up to date on return.
        let visibility = host.owner_document().map(|doc| {
            let weak = Rc::downgrade(&state);
            EventListener::new(&doc, "visibilitychange", move |_| {
                let Some(state) = weak.upgrade() else { return };
                let due = match state.try_borrow_mut() {
                    Ok(mut s) => {
                        s.tick();
                        s.due && !page_hidden(&s.host) && std::mem::take(&mut s.due)
                    }
                    _ => false,
                };
                if due {
                    load_soon(weak.clone());
                }
            })
        });
        let mut s = state.borrow_mut();
        if s.config.card.image {
            let shadow = s.shadow.clone();
            let settled = |kind| {
                let options = gloo_events::EventListenerOptions::run_in_capture_phase();
                EventListener::new_with_options(&shadow, kind, options, image_event)
            };
            s._images = vec![settled("load"), settled("error")];
        }
        s.me = Rc::downgrade(&state);
        s._more = more;
        s._visibility = visibility;
        drop(s);
        load_soon(Rc::downgrade(&state));
        Ok(Widget { host: host.clone(), state })
    }

    /// A promise settled once the first load has been shown (content or error).
    pub fn ready(&self) -> Promise {
        self.wait(false)
    }

    /// A promise of what the widget shows (`NewsTicker.content`) once it
    /// has rendered for the first time; it rejects if the widget is
    /// unmounted before.
    pub fn content(&self) -> Promise {
        self.wait(true)
    }

    fn wait(&self, content: bool) -> Promise {
        let Ok(mut s) = self.state.try_borrow_mut() else {
            return Promise::resolve(&JsValue::UNDEFINED);
        };
        if s.first_render_done {
            return Promise::resolve(&if content { api::to_js(&s.shown()) } else { JsValue::UNDEFINED });
        }
        let mut waiter = None;
        let promise = Promise::new(&mut |resolve, reject| waiter = Some(Waiter { resolve, reject, content }));
        s.waiting.extend(waiter);
        promise
    }

    /// Loads the feed again now.
    pub fn refresh(&self) {
        load_soon(Rc::downgrade(&self.state));
    }

    pub fn host(&self) -> &Element {
        &self.host
    }

    /// Takes the direction the page now gives the container (see `dom::follow_direction`).
    pub fn follow_direction(&self) {
        if let Ok(s) = self.state.try_borrow() {
            if let Err(e) = dom::follow_direction(&s.shadow, &s.parts.slots) {
                web_sys::console::warn_2(&"news-ticker: cannot follow the page's direction".into(), &e);
            }
        }
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.loading = None;
            s.next_refresh = None;
            s.marquee = None;
            s.clock = None;
            s._more = None;
            s._visibility = None;
            s._images.clear();
            dom::unshadow(&s.shadow);
            let no_widget = no_widget();
            for waiter in std::mem::take(&mut s.waiting) {
                let _ = match waiter.content {
                    true => waiter.reject.call1(&JsValue::UNDEFINED, &no_widget),
                    false => waiter.resolve.call0(&JsValue::UNDEFINED),
                };
            }
        }
    }
}

fn absolute_url(raw: &str, base: &str, attribute: &'static str) -> Result<String, LoadError> {
    dom::url(raw, base, false).ok_or_else(|| LoadError::BadUrl { attribute, value: raw.to_owned() })
}

/// Starts a load in a microtask of its own, as every load starts: never
/// inside the call that asked for it (a mount, a refresh), whose caller
/// may not be ready for the events a load can fire at once.
fn load_soon(weak: Weak<RefCell<State>>) {
    soon(&Closure::once_into_js(move || load(weak)));
}

/// One load of the feed (and the rates document, in parallel). The first
/// shows the cached content, if any, while the network answers.
fn load(weak: Weak<RefCell<State>>) {
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
fn keep(weak: &Weak<RefCell<State>>, generation: u64, loading: Loading) {
    if let Some(state) = weak.upgrade() {
        if let Ok(mut s) = state.try_borrow_mut() {
            if s.generation == generation {
                s.loading = Some(loading);
            }
        }
    }
}

struct Begun {
    generation: u64,
    feed_url: Result<String, LoadError>,
    rates_url: Option<Result<String, LoadError>>,
    /// Whether to show the cached content first.
    restore: bool,
}

/// Starts a load: a new generation, and any load still in flight cancelled.
fn begin(weak: &Weak<RefCell<State>>) -> Option<Begun> {
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
fn show_cached(weak: &Weak<RefCell<State>>) {
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
fn finish(
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

impl State {
    /// Shows a finished load, fetched at `now`.
    fn apply(&mut self, feed: Result<Fetched, Failure>, rates: Option<Result<Fetched, Failure>>, now: u64) -> Applied {
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
    fn show(&mut self, feed: Doc<Feed>, rates: Option<Doc<Ticker>>) -> Option<Event> {
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
    fn save(&self) {
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

    /// Makes a render plan's edits; a failure is a warning, never an exception.
    fn paint(&self, plan: &Plan) {
        if let Err(e) = dom::render(&self.parts.slots, plan) {
            web_sys::console::warn_2(&"news-ticker: rendering failed".into(), &e);
        }
    }

    /// Shows the content; returns how many rates it shows.
    fn render(&mut self) -> usize {
        let mut plan = Plan::default();
        let Some((times, rates)) = self.content_plan(&mut plan, self.shown) else {
            return 0;
        };
        self.paint(&plan);
        self.marquee.iter().for_each(Marquee::refit);
        self.times = times;
        self.wind_clock();
        rates
    }

    /// Writes the content into `plan`: the rates (with as many copies as
    /// the marquee has now) and `shown` cards at most. Returns the card
    /// dates shown and how many rates; `None` before there is content.
    fn content_plan(&self, plan: &mut Plan, shown: usize) -> Option<(Vec<Timestamp>, usize)> {
        let content = self.content.as_ref()?;
        let segment = intl::segmenter(&self.config.locale);
        let view = view::build(&content.feed, content.rates.as_ref(), &self.config, shown, &segment);
        let base = self.feed_url.as_deref().unwrap_or_default();
        let local = intl::Browser { locale: &self.config.locale };
        if let Some(ticker) = &self.parts.ticker {
            render::rates(plan, &view, &self.config, &local, ticker.track.child_element_count().max(2) / 2);
        }
        let times = match self.parts.headlines {
            Some(_) => render::headlines(plan, &view, &self.config, &local, base, (now() / 1000) as i64),
            None => Vec::new(),
        };
        Some((times, view.rates.len()))
    }

    /// Keeps the whole frame as a first render shows the content, for the
    /// script to paint before the module on the reader's next visit
    /// (`rules::paint`).
    fn keep_frame(&self) {
        let mut plan = Plan::default();
        render::frame(&mut plan, &self.config, dom::direction(&self.shadow));
        if self.content_plan(&mut plan, self.config.page_size).is_none() {
            return;
        }
        let until = now() + paint::MAX_AGE_MS;
        let record = paint::Record { version: env!("CARGO_PKG_VERSION"), until, css: dom::CSS, plan: plan.as_str() };
        storage::save_paint(&dom::settings(&self.host), &record);
    }

    /// The promises waiting for the first render, taken, each with what it
    /// resolves to (for `content()`, what is shown, made once).
    fn settled(&mut self) -> Vec<(Function, JsValue)> {
        let waiting = std::mem::take(&mut self.waiting);
        let shown = if waiting.iter().any(|w| w.content) { api::to_js(&self.shown()) } else { JsValue::UNDEFINED };
        waiting.into_iter().map(|w| (w.resolve, if w.content { shown.clone() } else { JsValue::UNDEFINED })).collect()
    }

    /// What is shown: the marquee's rates and the cards, each figure as
    /// its text (see [`Shown`]); nothing before the first content.
    fn shown(&self) -> Shown {
        let Some(content) = &self.content else {
            return Shown::default();
        };
        let segment = intl::segmenter(&self.config.locale);
        let view = view::build(&content.feed, content.rates.as_ref(), &self.config, self.shown, &segment);
        let base = self.feed_url.as_deref().unwrap_or_default();
        let number = |value| intl::intl_number(value, &self.config.locale);
        let link = |link: &str| dom::resolve_link(link, base);
        let mut shown = Shown::of(&view, &content.feed.items, &number, &link);
        if self.parts.ticker.is_none() {
            shown.rates.clear();
        }
        if self.parts.headlines.is_none() {
            shown.items.clear();
        }
        shown
    }

    /// Starts the minute timer that keeps relative card dates true, when
    /// cards show dates and the page is visible; stops it otherwise.
    fn wind_clock(&mut self) {
        self.clock = None;
        if self.times.is_empty() || page_hidden(&self.host) {
            return;
        }
        let weak = self.me.clone();
        self.clock = Some(Timeout::new(60_000, move || {
            if let Some(state) = weak.upgrade() {
                if let Ok(mut s) = state.try_borrow_mut() {
                    s.tick();
                }
            }
        }));
    }

    /// Rewrites the card dates as they read now, then winds the clock again.
    fn tick(&mut self) {
        if !page_hidden(&self.host) {
            let mut plan = Plan::default();
            let local = intl::Browser { locale: &self.config.locale };
            render::times(&mut plan, &self.times, &local, (now() / 1000) as i64);
            self.paint(&plan);
        }
        self.wind_clock();
    }

    /// Sets the timer for the next load: the refresh interval with jitter,
    /// backing off after failures, and never sooner than a `Retry-After`
    /// asked. While the page is hidden a timer that fires only marks the
    /// refresh as due.
    fn schedule_refresh(&mut self, weak: Weak<RefCell<State>>, retry_after: Option<u32>) {
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

/// Whether the page showing `host` is hidden (a background tab, a minimised window).
fn page_hidden(host: &Element) -> bool {
    host.owner_document().is_some_and(|d| d.hidden())
}

/// A `mount()` or `content()` promise waiting for the first render.
struct Waiter {
    resolve: Function,
    reject: Function,
    /// Resolves to what is shown (`content()`), not to nothing.
    content: bool,
}

/// Why `content()` rejects: the element has no widget, or lost it.
pub fn no_widget() -> JsValue {
    js_sys::Error::new("news-ticker: this element has no widget (mount it first)").into()
}

/// Resolves the promises that were waiting for the first render, each
/// with its value.
fn settle(waiting: Vec<(Function, JsValue)>) {
    for (resolve, value) in waiting {
        let _ = resolve.call1(&JsValue::UNDEFINED, &value);
    }
}

fn dispatch(host: &Element, event: Event) {
    // The `detail` README "JavaScript API and events" documents (`rules::api`).
    let (name, detail) = match event {
        Event::Shown { first, items, rates } => {
            let name = if first { "news-ticker:ready" } else { "news-ticker:update" };
            (name, api::to_js(&Counts { items: items as u32, rates: rates as u32 }))
        }
        Event::Error(failure) => ("news-ticker:error", api::to_js(&ErrorDetail { message: failure.message() })),
    };
    fire(host, name, &detail);
}

#[wasm_bindgen]
extern "C" {
    /// Runs `run` in a microtask of its own (`src/web/host.js`), also on a
    /// page whose `queueMicrotask` throws.
    #[wasm_bindgen(js_namespace = ntHost)]
    fn soon(run: &JsValue);

    /// Fires a contract event on `host` with its `detail` (`src/web/host.js`).
    #[wasm_bindgen(js_namespace = ntHost, js_name = dispatch)]
    fn fire(host: &Element, name: &str, detail: &JsValue);

    /// Removes the box of a card image that failed or is a pixel.
    #[wasm_bindgen(js_namespace = ntHost, js_name = image)]
    fn image_event(event: &web_sys::Event);
}
