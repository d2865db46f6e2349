//! One mounted widget: its shadow root, configuration, content, and every
//! browser resource it started (listeners, observer, timer, requests).
//!
//! Unmounting is `drop(widget)`: the guards it owns cancel themselves.
//! Async work holds only a `Weak` to the state, so a finished fetch for a
//! widget that is gone does nothing. Events are dispatched only when no
//! borrow is held, because a host page's handler may call straight back
//! into `NewsTicker` (unmount, refresh) from inside the event.
//!
//! One state machine in four parts: this file holds the state and the
//! widget's lifecycle (mount, the API's promises, events, unmount);
//! [`load`] its loads, [`state`] what a finished load changes, [`render`]
//! what it draws. The resources it drives live in their own modules
//! (`guard`, `net`, `dom`, `intl`, `marquee`, `storage`).

mod draw;
mod load;
mod state;

use crate::web::api;
use crate::web::dom::{self, Parts};
use crate::web::guard::Loading;
use crate::web::marquee::Marquee;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use js_sys::{Function, Promise};
use load::{absolute_url, load_soon};
use news_ticker_rules::api::{Counts, ErrorDetail};
use news_ticker_rules::config::Config;
use news_ticker_rules::date::Timestamp;
use news_ticker_rules::failure::{Failure, LoadError};
use news_ticker_rules::feed::{Feed, Ticker};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
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
    // The `detail` docs/src/api.md "JavaScript API and events" documents (`rules::api`).
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
    /// Runs `run` in a microtask of its own (`src/web/host/page.js`), also on a
    /// page whose `queueMicrotask` throws.
    #[wasm_bindgen(js_namespace = ntHost)]
    fn soon(run: &JsValue);

    /// Fires a contract event on `host` with its `detail` (`src/web/host/page.js`).
    #[wasm_bindgen(js_namespace = ntHost, js_name = dispatch)]
    fn fire(host: &Element, name: &str, detail: &JsValue);

    /// Removes the box of a card image that failed or is a pixel.
    #[wasm_bindgen(js_namespace = ntHost, js_name = image)]
    fn image_event(event: &web_sys::Event);
}
