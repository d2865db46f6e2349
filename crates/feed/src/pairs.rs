//! A pair's rate from a publication: `BASE/QUOTE` is what one unit of BASE
//! costs in QUOTE, whichever way the bank quotes it. NBKR publishes
//! "1 USD = 87,41 KGS", so `USD/KGS` is 87.41 as published and `KGS/USD`
//! is its inverse, 0.01144 at five places; a pair of two foreign
//! currencies is crossed through the bank's own. Exact decimal arithmetic
//! throughout (`rust_decimal`, 28 digits), rounded once, at the end.

use rust_decimal::{Decimal, RoundingStrategy};

use super::publication::{Day, Publication};

/// How a rate is cut to its places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// To the nearest, a half away from zero (0.011435 -> 0.01144).
    Nearest,
    /// Toward zero: the digits after the last place dropped (0.011439 -> 0.01143).
    Down,
}

/// A currency pair, `base/quote`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The base currency's code.
    pub base: String,
    /// The quote currency's code.
    pub quote: String,
}

impl Pair {
    /// `"KGS/USD"` read as a pair of two different three-letter codes.
    pub fn parse(text: &str) -> Option<Pair> {
        let (base, quote) = text.trim().split_once('/')?;
        let code = |s: &str| (s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())).then(|| s.to_owned());
        let pair = Pair { base: code(base)?, quote: code(quote)? };
        (pair.base != pair.quote).then_some(pair)
    }
}

/// What one unit of `code` is worth in the publication's own currency.
fn in_own(publication: &Publication, code: &str) -> Option<Decimal> {
    if code == publication.base {
        return Some(Decimal::ONE);
    }
    let quote = publication.quote(code)?;
    quote.base_units.checked_div(quote.code_units)
}

/// The currency of `pair` that `publication` has no quote for, if any.
pub fn missing<'a>(publication: &Publication, pair: &'a Pair) -> Option<&'a str> {
    [&pair.base, &pair.quote]
        .into_iter()
        .find(|code| **code != publication.base && publication.quote(code).is_none())
        .map(String::as_str)
}

/// The date of `pair`'s rate by `publication`: its quotes' own dates where
/// the publication dates them one by one (NBK's RSS keeps a discontinued
/// currency under its last date), the older of the two for a cross, else
/// the publication's.
pub fn dated(publication: &Publication, pair: &Pair) -> Day {
    [&pair.base, &pair.quote]
        .into_iter()
        .filter_map(|code| publication.quote(code).and_then(|q| q.date))
        .min()
        .unwrap_or(publication.date)
}

/// The rate of `pair` by `publication`, with `places` decimals; `None` if
/// the publication lacks one of the two currencies or the rate rounds to 0.
pub fn rate(publication: &Publication, pair: &Pair, places: u32, rounding: Rounding) -> Option<Decimal> {
    let exact = in_own(publication, &pair.base)?.checked_div(in_own(publication, &pair.quote)?)?;
    let strategy = match rounding {
        Rounding::Nearest => RoundingStrategy::MidpointAwayFromZero,
        Rounding::Down => RoundingStrategy::ToZero,
    };
    let mut cut = exact.round_dp_with_strategy(places, strategy);
    // Exactly `places` decimals, trailing zeros kept (3.5 at 5 places is 3.50000).
    cut.rescale(places);
    (cut > Decimal::ZERO).then_some(cut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publication::{Day, Quote};

    fn kgs(quotes: &[(&str, &str, &str)]) -> Publication {
        let quotes = quotes
            .iter()
            .map(|&(code, units, value)| Quote {
                code: code.into(),
                code_units: units.parse().unwrap(),
                base_units: value.parse().unwrap(),
                date: None,
            })
            .collect();
        Publication { date: Day { year: 2026, month: 5, day: 24 }, base: "KGS".into(), quotes }
    }

    fn text(publication: &Publication, pair: &str, places: u32, rounding: Rounding) -> Option<String> {
        rate(publication, &Pair::parse(pair).unwrap(), places, rounding).map(|d| d.to_string())
    }

    #[test]
    fn as_published_inverted_and_crossed() {
        let nbkr = kgs(&[("USD", "1", "87.41"), ("KZT", "1", "0.1859"), ("UZS", "100", "0.73")]);
        assert_eq!(text(&nbkr, "USD/KGS", 2, Rounding::Nearest).as_deref(), Some("87.41"));
        // 1 / 87.41 = 0.0114403...
        assert_eq!(text(&nbkr, "KGS/USD", 5, Rounding::Nearest).as_deref(), Some("0.01144"));
        // 0.1859 / 87.41 = 0.00212676...
        assert_eq!(text(&nbkr, "KZT/USD", 5, Rounding::Nearest).as_deref(), Some("0.00213"));
        assert_eq!(text(&nbkr, "KZT/USD", 5, Rounding::Down).as_deref(), Some("0.00212"));
        // A Nominal of 100: 0.73 KGS per 100 UZS, so 1 UZS = 0.0073 KGS = 0.0000835... USD.
        assert_eq!(text(&nbkr, "UZS/USD", 7, Rounding::Nearest).as_deref(), Some("0.0000835"));
        assert_eq!(text(&nbkr, "USD/UZS", 2, Rounding::Nearest).as_deref(), Some("11973.97"));
    }

    #[test]
    fn places_are_kept_and_nothing_rounds_to_zero() {
        let peg = kgs(&[("USD", "1", "87.41")]);
        assert_eq!(text(&peg, "USD/KGS", 5, Rounding::Nearest).as_deref(), Some("87.41000"));
        assert_eq!(text(&peg, "KGS/USD", 2, Rounding::Nearest).as_deref(), Some("0.01"));
        assert_eq!(
            text(&peg, "KGS/USD", 1, Rounding::Nearest),
            None,
            "0.0114 at one place is 0.0: refused, not shown as 0"
        );
        assert_eq!(text(&peg, "EUR/USD", 5, Rounding::Nearest), None, "no EUR in the publication");
    }

    #[test]
    fn midpoints() {
        let p = kgs(&[("AAA", "1", "0.125"), ("BBB", "1", "0.135")]);
        assert_eq!(text(&p, "AAA/KGS", 2, Rounding::Nearest).as_deref(), Some("0.13"));
        assert_eq!(text(&p, "BBB/KGS", 2, Rounding::Nearest).as_deref(), Some("0.14"));
        assert_eq!(text(&p, "AAA/KGS", 2, Rounding::Down).as_deref(), Some("0.12"));
    }

    #[test]
    fn a_rate_is_dated_by_its_quotes_own_dates() {
        let mut p = kgs(&[("USD", "1", "87.41"), ("EEK", "1", "5.5")]);
        assert_eq!(dated(&p, &Pair::parse("KGS/USD").unwrap()), p.date, "no quote of its own date");
        let old = Day { year: 2010, month: 12, day: 31 };
        p.quotes[1].date = Some(old);
        assert_eq!(dated(&p, &Pair::parse("EEK/KGS").unwrap()), old);
        assert_eq!(dated(&p, &Pair::parse("EEK/USD").unwrap()), old, "a cross: the older");
        assert_eq!(missing(&p, &Pair::parse("KZT/USD").unwrap()), Some("KZT"));
        assert_eq!(missing(&p, &Pair::parse("KGS/USD").unwrap()), None);
    }

    #[test]
    fn pairs_are_two_codes() {
        assert_eq!(Pair::parse("KGS/USD"), Some(Pair { base: "KGS".into(), quote: "USD".into() }));
        for bad in ["KGS", "KGS/KGS", "kgs/usd", "KGS/US", "KGS-USD", "/USD"] {
            assert_eq!(Pair::parse(bad), None, "{bad}");
        }
    }
}
