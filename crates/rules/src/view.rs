//! Feed + configuration -> every string and state the widget shows.
//!
//! The DOM code only copies this model into elements, so what a reader sees
//! is decided (and tested) here, natively.

use crate::config::Config;
use crate::date::{CalendarDate, Timestamp};
use crate::excerpt::{excerpt_with, Segmenter};
use crate::feed::{Feed, Ticker};
use crate::format::{rate_label, rate_line, safe_link, Counter, Direction};
use crate::texts::Texts;
use rust_decimal::Decimal;

#[derive(Clone, Debug, PartialEq)]
/// One rate as the marquee shows it.
pub struct RateView {
    /// The base currency's code.
    pub base: String,
    /// The quote currency's code.
    pub quote: String,
    /// The rate.
    pub rate: Decimal,
    /// The change in percent.
    pub change: Decimal,
    /// Whether the change is shown as up, down or flat.
    pub direction: Direction,
    /// The rate's own date where it is not the date line's: an older
    /// publication's rate says so in its spoken label.
    pub as_of: Option<CalendarDate>,
}

impl RateView {
    /// The line shown, `KGS/USD = 0.01144 0%`, and what a screen reader
    /// says, `KGS to USD 0.01144, unchanged`, with the numbers written by
    /// `number` (the reader's locale in the browser; [`decimal_text`](crate::format::decimal_text) as the
    /// feed wrote them), each number written once.
    pub fn lines(&self, number: &dyn Fn(Decimal) -> String, texts: &Texts) -> (String, String) {
        let rate = number(self.rate);
        let text = rate_line(&self.base, &self.quote, &rate, &number(self.change));
        let label = rate_label(&self.base, &self.quote, &rate, self.direction, &number(self.change.abs()), texts);
        (text, label)
    }
}

#[derive(Clone, Debug, PartialEq)]
/// One headline card as shown.
pub struct Card {
    /// The title, if the item has one.
    pub title: Option<String>,
    /// A link that may be followed (http, https or relative).
    pub link: Option<String>,
    /// The excerpt, cut at a whole word.
    pub excerpt: String,
    /// With `data-card` `date`: the item's date.
    pub time: Option<Timestamp>,
    /// With `data-card` `author`: its author names.
    pub authors: Vec<String>,
    /// With `data-card` `image`: its image URL (http, https or relative).
    pub image: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
/// What the widget shows of a feed under a configuration.
pub struct ViewModel {
    /// The marquee's rates, filtered by `data-currencies`.
    pub rates: Vec<RateView>,
    /// `_ticker.as_of`, else the newest item's date.
    pub date: Option<CalendarDate>,
    /// `None` for an empty feed ("No results").
    pub counter: Option<Counter>,
    /// The cards of the pages shown.
    pub cards: Vec<Card>,
    /// Whether a "Show more" button is needed.
    pub more: bool,
}

/// Builds the view with `shown` cards at most. `rates` (from `data-rates`)
/// replaces the feed's own `_ticker` when given; `segment` splits text
/// written without spaces into words (see [`excerpt_with`]).
pub fn build(feed: &Feed, rates: Option<&Ticker>, config: &Config, shown: usize, segment: Segmenter) -> ViewModel {
    let ticker = rates.or(feed.ticker.as_ref());
    let wanted = |base: &str, quote: &str| match &config.currencies {
        None => true,
        Some(pairs) => pairs.iter().any(|p| p.base == base && p.quote == quote),
    };
    let newest_item = feed.items.iter().filter_map(|i| i.published).max_by_key(|t| t.instant);
    let date = ticker.and_then(|t| t.as_of).or(newest_item).map(|t| t.date);
    let rates = ticker
        .map(|t| t.rates.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|r| wanted(&r.base, &r.quote))
        .map(|r| RateView {
            base: r.base.clone(),
            quote: r.quote.clone(),
            rate: r.rate,
            change: r.change,
            direction: Direction::of(r.change),
            as_of: r.as_of.map(|t| t.date).filter(|own| Some(*own) != date),
        })
        .collect();
    let total = feed.items.len();
    let cards = feed
        .items
        .iter()
        .take(shown)
        .map(|item| Card {
            title: item.title.clone(),
            link: item.url.as_deref().and_then(safe_link),
            excerpt: excerpt_with(&item.text, config.excerpt_words, segment),
            time: item.published.filter(|_| config.card.date),
            authors: if config.card.author { item.authors.clone() } else { Vec::new() },
            image: item.image.clone().filter(|_| config.card.image),
        })
        .collect::<Vec<_>>();
    ViewModel { rates, date, counter: Counter::new(cards.len(), total), more: cards.len() < total, cards }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Pair;
    use crate::decimal::decimal_text;
    use crate::excerpt::split_marks;
    use crate::feed::parse_feed;

    fn feed(text: &str) -> Feed {
        parse_feed(&crate::json::parse(text).expect("test JSON")).expect("feed").0
    }

    fn items(n: usize) -> String {
        let items: Vec<String> = (1..=n)
            .map(|i| format!(r#"{{"id": "{i}", "title": "Title {i}", "content_text": "Text {i}", "date_published": "2025-11-{:02}T10:00:00Z"}}"#, i))
            .collect();
        format!(r#"{{"items": [{}]}}"#, items.join(","))
    }

    #[test]
    fn each_rate_has_its_line_and_a_spoken_label() {
        let f = feed(
            r#"{"items": [], "_ticker": {"rates": [
                {"base": "KGS", "quote": "USD", "rate": "0.01144", "change_pct": "0"},
                {"base": "KZT", "quote": "USD", "rate": "0.00191", "previous": "0.001881"},
                {"base": "UZS", "quote": "USD", "rate": 8e-5, "change_pct": "-0.25"}]}}"#,
        );
        let v = build(&f, None, &Config::default(), 10, &split_marks);
        let lines: Vec<(String, String)> = v.rates.iter().map(|r| r.lines(&decimal_text, &Texts::english())).collect();
        assert_eq!(
            lines,
            [
                ("KGS/USD = 0.01144 0%".into(), "KGS to USD 0.01144, unchanged".into()),
                ("KZT/USD = 0.00191 1.54%".into(), "KZT to USD 0.00191, up 1.54%".into()),
                ("UZS/USD = 0.00008 -0.25%".into(), "UZS to USD 0.00008, down 0.25%".into()),
            ]
        );
    }

    #[test]
    fn counter_shows_the_real_range_and_more_only_when_needed() {
        let config = Config::default();
        let five = feed(&items(5));
        let v = build(&five, None, &config, config.page_size, &split_marks);
        assert_eq!(
            v.counter.map(|c| c.text(&Texts::english(), "other")).as_deref(),
            Some("Viewing results 1 - 5 of 5")
        );
        assert_eq!(v.cards.len(), 5);
        assert!(!v.more);

        let twelve = feed(&items(12));
        let v = build(&twelve, None, &config, 10, &split_marks);
        assert_eq!(
            v.counter.map(|c| c.text(&Texts::english(), "other")).as_deref(),
            Some("Viewing results 1 - 10 of 12")
        );
        assert!(v.more);
        let v = build(&twelve, None, &config, 20, &split_marks);
        assert_eq!(
            v.counter.map(|c| c.text(&Texts::english(), "other")).as_deref(),
            Some("Viewing results 1 - 12 of 12")
        );
        assert!(!v.more);
    }

    #[test]
    fn an_empty_feed_has_no_counter_and_no_cards() {
        let v = build(&feed(r#"{"items": []}"#), None, &Config::default(), 10, &split_marks);
        assert_eq!(v.counter, None);
        assert!(v.cards.is_empty() && !v.more && v.date.is_none());
    }

    #[test]
    fn date_is_as_of_else_the_newest_item() {
        let with_as_of = feed(
            r#"{"_ticker": {"as_of": "2025-11-13T00:30:00+06:00", "rates": []},
            "items": [{"title": "t", "date_published": "2025-11-20T10:00:00Z"}]}"#,
        );
        assert_eq!(
            build(&with_as_of, None, &Config::default(), 10, &split_marks).date,
            CalendarDate::new(2025, 11, 13)
        );
        // Items out of order: the newest instant wins, not the last listed.
        let without = feed(
            r#"{"items": [
            {"title": "a", "date_published": "2025-11-02T10:00:00Z"},
            {"title": "b", "date_published": "2025-11-09T01:00:00+06:00"},
            {"title": "c", "date_published": "2025-11-05T10:00:00Z"}]}"#,
        );
        assert_eq!(build(&without, None, &Config::default(), 10, &split_marks).date, CalendarDate::new(2025, 11, 9));
    }

    #[test]
    fn a_rate_of_an_older_publication_keeps_its_own_date() {
        let f = feed(
            r#"{"items": [], "_ticker": {"as_of": "2025-11-13T00:00:00Z", "rates": [
                {"base": "KGS", "quote": "USD", "rate": "0.01144", "as_of": "2025-11-13T00:00:00Z"},
                {"base": "KZT", "quote": "USD", "rate": "0.00209", "as_of": "2025-11-10T00:00:00Z"},
                {"base": "UZS", "quote": "USD", "rate": "0.00008"}]}}"#,
        );
        let v = build(&f, None, &Config::default(), 5, &split_marks);
        let dates: Vec<Option<(i32, u32, u32)>> =
            v.rates.iter().map(|r| r.as_of.map(|d| (d.year, d.month, d.day))).collect();
        assert_eq!(dates, [None, Some((2025, 11, 10)), None], "only a date that is not the date line's");
    }

    #[test]
    fn data_rates_replace_the_feed_ticker_and_currencies_filter_them() {
        let f = feed(r#"{"_ticker": {"rates": [{"base": "KGS", "quote": "USD", "rate": "1"}]}, "items": []}"#);
        let override_doc = crate::feed::parse_rates(
            &crate::json::parse(
                r#"[{"base": "KZT", "quote": "USD", "rate": "2"}, {"base": "UZS", "quote": "USD", "rate": "3"}]"#,
            )
            .unwrap(),
        )
        .unwrap()
        .0;
        let mut config = Config::default();
        let texts =
            |v: ViewModel| v.rates.into_iter().map(|r| r.lines(&decimal_text, &Texts::english()).0).collect::<Vec<_>>();
        assert_eq!(texts(build(&f, None, &config, 10, &split_marks)), ["KGS/USD = 1 0%"]);
        assert_eq!(
            texts(build(&f, Some(&override_doc), &config, 10, &split_marks)),
            ["KZT/USD = 2 0%", "UZS/USD = 3 0%"]
        );
        config.currencies = Some(vec![Pair { base: "UZS".into(), quote: "USD".into() }]);
        assert_eq!(texts(build(&f, Some(&override_doc), &config, 10, &split_marks)), ["UZS/USD = 3 0%"]);
    }

    #[test]
    fn cards_cut_text_and_drop_unsafe_links() {
        let f = feed(
            r#"{"items": [
            {"title": "ok", "url": "https://a.example/x", "content_text": "one two three four"},
            {"title": "bad", "url": "javascript:alert(1)", "content_text": "x"}]}"#,
        );
        let config = Config { excerpt_words: 3, ..Config::default() };
        let v = build(&f, None, &config, 10, &split_marks);
        assert_eq!(v.cards[0].excerpt, "one two three...");
        assert_eq!(v.cards[0].link.as_deref(), Some("https://a.example/x"));
        assert_eq!(v.cards[1].link, None);
        assert_eq!(v.cards[1].title.as_deref(), Some("bad"));
    }
}
