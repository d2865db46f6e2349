//! What the builder remembers of each pair between runs: the last rate it
//! published, of which date, and the rate of the date before, so the
//! widget shows a real change instead of a constant 0 %. A new figure is
//! taken only if it is plausible; otherwise the last good one stays, with
//! its own date, and the refusal says why.
//!
//! A move beyond the pair's bound is a misprint or a devaluation. It is
//! held as pending, and taken once the same new level (within the bound of
//! it) has been published on `confirm_days` publication days in a row, or
//! when an operator accepts it (`news-ticker-feed accept`).

use rust_decimal::Decimal;

use super::publication::Day;

/// A pair's last published rate and the one of the date before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    /// The publication day of the rate.
    pub date: Day,
    /// The rate published.
    pub rate: Decimal,
    /// The rate before it, for the change.
    pub previous: Option<Decimal>,
    /// A new level beyond the bound, not yet confirmed.
    pub pending: Option<Pending>,
    /// The last level accepted by hand: what, and when (RFC 3339, UTC).
    pub accepted: Option<String>,
}

/// A level beyond the bound, seen on `days` publication days in a row,
/// the last of them `date`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// The publication day of the refused rate.
    pub date: Day,
    /// The refused rate.
    pub rate: Decimal,
    /// On how many days it has been seen.
    pub days: u32,
}

impl Kept {
    /// The first record of a pair.
    pub fn new(date: Day, rate: Decimal) -> Kept {
        Kept { date, rate, previous: None, pending: None, accepted: None }
    }
}

/// Why a new figure was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The source's date is before the one already published.
    Older {
        /// The source's date.
        date: Day,
        /// The date already published.
        kept: Day,
    },
    /// The rate moved more than the pair's bound, in percent (the move
    /// shown to one place, compared exactly); `seen` of the `needed`
    /// publication days in a row have given this level so far.
    Jump {
        /// The new rate.
        rate: Decimal,
        /// The rate published.
        kept: Decimal,
        /// The move, in percent.
        percent: Decimal,
        /// The pair's bound, in percent.
        bound: Decimal,
        /// Publication days in a row with this level so far.
        seen: u32,
        /// Days in a row that make it believed.
        needed: u32,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Older { date, kept } => {
                write!(f, "dated {}, before the {} already published", date.iso(), kept.iso())
            }
            Refusal::Jump { rate, kept, percent, bound, seen, needed } => {
                let days =
                    |n: u32| if n == 1 { "1 publication day".to_owned() } else { format!("{n} publication days") };
                write!(
                    f,
                    "{rate} is {percent} % from the last {kept}, beyond the bound of {bound} %; seen on {} of the {} \
                     in a row that confirm a new level",
                    days(*seen),
                    needed
                )
            }
        }
    }
}

/// Whether `rate` is within `bound` percent of `from` (one unit of the
/// last place, 0.00008 to 0.00009 being 12.5 %, is never beyond it), and
/// the move in percent.
pub fn within(rate: Decimal, from: Decimal, bound: Decimal) -> (bool, Decimal) {
    let moved = (rate - from).abs();
    let percent = moved * Decimal::ONE_HUNDRED / from;
    let step = Decimal::new(1, rate.scale().max(from.scale()));
    (moved <= step || percent <= bound, percent)
}

/// The pair's record after a source gave `rate` for `date`, and why that
/// figure was not taken, if it was not (the record then keeps its rate,
/// and notes a pending level). `bound` is the largest move from the last
/// rate, in percent, that is believed at once; `confirm_days` how many
/// publication days in a row must give a level beyond it.
pub fn take(
    kept: Option<&Kept>,
    date: Day,
    rate: Decimal,
    bound: Option<Decimal>,
    confirm_days: u32,
) -> (Kept, Option<Refusal>) {
    let Some(kept) = kept else {
        return (Kept::new(date, rate), None);
    };
    if date < kept.date {
        return (kept.clone(), Some(Refusal::Older { date, kept: kept.date }));
    }
    // A new date moves the last rate to `previous`; the same date again
    // (a correction, or nothing new) keeps the date before's.
    let previous = if date > kept.date { Some(kept.rate) } else { kept.previous };
    let taken = Kept { date, rate, previous, pending: None, accepted: kept.accepted.clone() };
    let Some(bound) = bound else {
        return (taken, None);
    };
    let (believed, percent) = within(rate, kept.rate, bound);
    if believed {
        return (taken, None);
    }
    // The same new level as the pending one: one day more if the date is new.
    let seen = match &kept.pending {
        Some(p) if within(rate, p.rate, bound).0 && date > p.date => p.days + 1,
        Some(p) if within(rate, p.rate, bound).0 => p.days,
        _ => 1,
    };
    if seen >= confirm_days {
        return (taken, None);
    }
    let pending = Some(Pending { date, rate, days: seen });
    let refusal =
        Refusal::Jump { rate, kept: kept.rate, percent: percent.round_dp(1), bound, seen, needed: confirm_days };
    (Kept { pending, ..kept.clone() }, Some(refusal))
}

/// The record after an operator accepted its pending level at `at`: the
/// level is taken as of its own date; `None` when nothing is pending.
pub fn accept(kept: &Kept, at: &str) -> Option<Kept> {
    let pending = kept.pending.as_ref()?;
    let previous = if pending.date > kept.date { Some(kept.rate) } else { kept.previous };
    Some(Kept {
        date: pending.date.max(kept.date),
        rate: pending.rate,
        previous,
        pending: None,
        accepted: Some(format!("{} of {} at {at}", pending.rate, pending.date.iso())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u8) -> Day {
        Day { year: 2026, month: 5, day: d }
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn kept(date: Day, rate: &str, previous: Option<&str>) -> Kept {
        Kept { previous: previous.map(dec), ..Kept::new(date, dec(rate)) }
    }

    #[test]
    fn two_days_give_a_previous() {
        let (first, refused) = take(None, day(23), dec("0.01143"), None, 2);
        assert_eq!((&first, refused), (&kept(day(23), "0.01143", None), None));
        let (second, _) = take(Some(&first), day(24), dec("0.01144"), None, 2);
        assert_eq!(second, kept(day(24), "0.01144", Some("0.01143")));
        // Run again on the same day: nothing changes, the previous stays the 23rd's.
        assert_eq!(take(Some(&second), day(24), dec("0.01144"), None, 2).0, second);
        // A correction on the same day keeps the 23rd's as previous too.
        let (corrected, _) = take(Some(&second), day(24), dec("0.01145"), None, 2);
        assert_eq!(corrected.previous, Some(dec("0.01143")));
    }

    #[test]
    fn an_older_date_or_a_jump_is_refused() {
        let last = kept(day(24), "0.01144", Some("0.01143"));
        assert_eq!(
            take(Some(&last), day(23), dec("0.01144"), None, 2),
            (last.clone(), Some(Refusal::Older { date: day(23), kept: day(24) }))
        );
        let (held, jump) = take(Some(&last), day(25), dec("0.02000"), Some(dec("10")), 2);
        assert_eq!(
            jump.unwrap().to_string(),
            "0.02000 is 74.8 % from the last 0.01144, beyond the bound of 10 %; seen on 1 publication day of the 2 \
             in a row that confirm a new level"
        );
        assert_eq!((held.rate, held.date), (last.rate, last.date), "the last rate stays");
        // Just inside the bound is taken: 0.01258 is 9.97 % up, shown as 10.0.
        assert!(take(Some(&last), day(25), dec("0.01258"), Some(dec("10")), 2).1.is_none());
        assert!(take(Some(&last), day(25), dec("0.01259"), Some(dec("10")), 2).1.is_some());
        // A rate with one figure moves by one unit of its last place at least.
        let coarse = kept(day(24), "0.00008", None);
        assert!(take(Some(&coarse), day(25), dec("0.00009"), Some(dec("10")), 2).1.is_none(), "12.5 %, one step");
        assert!(take(Some(&coarse), day(25), dec("0.00007"), Some(dec("10")), 2).1.is_none(), "12.5 %, one step");
        assert!(take(Some(&coarse), day(25), dec("0.00010"), Some(dec("10")), 2).1.is_some(), "25 %, two steps");
    }

    /// A move the size of the tenge's float of August 2015 (about 188 to
    /// 255 per dollar overnight): 26 % in KZT/USD at five places.
    #[test]
    fn a_devaluation_is_taken_once_a_second_day_confirms_it() {
        let before = kept(day(19), "0.00531", Some("0.00532"));
        let (held, refused) = take(Some(&before), day(20), dec("0.00392"), Some(dec("10")), 2);
        assert!(matches!(refused, Some(Refusal::Jump { seen: 1, needed: 2, .. })), "{refused:?}");
        assert_eq!(held.rate, before.rate);
        assert_eq!(held.pending, Some(Pending { date: day(20), rate: dec("0.00392"), days: 1 }));
        // Run again the same day: still one day.
        let (again, refused) = take(Some(&held), day(20), dec("0.00392"), Some(dec("10")), 2);
        assert_eq!((again.pending.as_ref().map(|p| p.days), refused.is_some()), (Some(1), true));
        // The next publication day gives the same level (a little lower still): taken.
        let (taken, refused) = take(Some(&again), day(21), dec("0.00390"), Some(dec("10")), 2);
        assert_eq!(refused, None);
        assert_eq!(taken, kept(day(21), "0.00390", Some("0.00531")));
        // A misprint the next day and a sane figure after it: the pending level goes.
        let (held, _) = take(Some(&before), day(20), dec("0.05310"), Some(dec("10")), 2);
        let (back, refused) = take(Some(&held), day(21), dec("0.00530"), Some(dec("10")), 2);
        assert_eq!((back.pending, refused), (None, None));
        // Two different wild levels are not a confirmation of either.
        let (wild, _) = take(Some(&held), day(21), dec("0.00392"), Some(dec("10")), 2);
        assert_eq!(wild.pending.map(|p| p.days), Some(1));
    }

    #[test]
    fn an_operator_accepts_the_pending_level() {
        let before = kept(day(19), "0.00531", None);
        assert_eq!(accept(&before, "2026-05-20T09:00:00Z"), None, "nothing pending");
        let (held, _) = take(Some(&before), day(20), dec("0.00392"), Some(dec("10")), 3);
        let accepted = accept(&held, "2026-05-20T09:00:00Z").unwrap();
        assert_eq!((accepted.date, accepted.rate, accepted.previous), (day(20), dec("0.00392"), Some(dec("0.00531"))));
        assert_eq!(accepted.accepted.as_deref(), Some("0.00392 of 2026-05-20 at 2026-05-20T09:00:00Z"));
        // The next run's figure is measured from the accepted level.
        assert_eq!(take(Some(&accepted), day(21), dec("0.00390"), Some(dec("10")), 3).1, None);
    }
}
