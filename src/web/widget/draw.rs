//! What a widget draws: the render plans of its content (through the
//! rules' `render`), the frame kept for the next visit, the values
//! `content()` answers, and the card dates rewritten once a minute.

use super::{now, page_hidden, State};
use crate::web::dom;
use crate::web::intl;
use crate::web::marquee::Marquee;
use crate::web::storage;
use gloo_timers::callback::Timeout;
use news_ticker_rules::api::Content as Shown;
use news_ticker_rules::date::Timestamp;
use news_ticker_rules::paint;
use news_ticker_rules::plan::Plan;
use news_ticker_rules::render;
use news_ticker_rules::view;

impl State {
    /// Makes a render plan's edits; a failure is a warning, never an exception.
    pub(super) fn paint(&self, plan: &Plan) {
        if let Err(e) = dom::render(&self.parts.slots, plan) {
            web_sys::console::warn_2(&"news-ticker: rendering failed".into(), &e);
        }
    }

    /// Shows the content; returns how many rates it shows.
    pub(super) fn render(&mut self) -> usize {
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
    pub(super) fn content_plan(&self, plan: &mut Plan, shown: usize) -> Option<(Vec<Timestamp>, usize)> {
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
    pub(super) fn keep_frame(&self) {
        let mut plan = Plan::default();
        render::frame(&mut plan, &self.config, dom::direction(&self.shadow));
        if self.content_plan(&mut plan, self.config.page_size).is_none() {
            return;
        }
        let until = now() + paint::MAX_AGE_MS;
        let record = paint::Record {
            version: env!("CARGO_PKG_VERSION"),
            until,
            css: news_ticker_rules::CSS,
            plan: plan.as_str(),
        };
        storage::save_paint(&dom::settings(&self.host), &record);
    }

    /// What is shown: the marquee's rates and the cards, each figure as
    /// its text (see [`Shown`]); nothing before the first content.
    pub(super) fn shown(&self) -> Shown {
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
    pub(super) fn wind_clock(&mut self) {
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
    pub(super) fn tick(&mut self) {
        if !page_hidden(&self.host) {
            let mut plan = Plan::default();
            let local = intl::Browser { locale: &self.config.locale };
            render::times(&mut plan, &self.times, &local, (now() / 1000) as i64);
            self.paint(&plan);
        }
        self.wind_clock();
    }
}
