//! What the builder remembers of each pair between runs: the last rate it
//! published, of which date, and the rate of the date before, so the
//! widget shows a real change instead of a constant 0 %. A new figure is
//! taken only if it is plausible; otherwise the last good one stays, with
//! its own date, and the refusal says why.

use rust_decimal::Decimal;

use super::publication::Day;

/// A pair's last published rate and the one of the date before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    pub date: Day,
    pub rate: Decimal,
    pub previous: Option<Decimal>,
}

/// Why a new figure was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The source's date is before the one already published.
    Older { date: Day, kept: Day },
    /// The rate moved more than the pair's bound, in percent (the move
    /// shown to one place, compared exactly).
    Jump { rate: Decimal, kept: Decimal, percent: Decimal, bound: Decimal },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Older { date, kept } => {
                write!(f, "dated {}, before the {} already published", date.iso(), kept.iso())
            }
            Refusal::Jump { rate, kept, percent, bound } => {
                write!(f, "{rate} is {percent} % from the last {kept}, beyond the bound of {bound} %")
            }
        }
    }
}

/// The pair's record after a source gave `rate` for `date`, or why that
/// figure is refused (`kept` then stays as it was). `bound` is the largest
/// move from the last rate, in percent, that is believed.
pub fn take(kept: Option<&Kept>, date: Day, rate: Decimal, bound: Option<Decimal>) -> Result<Kept, Refusal> {
    let Some(kept) = kept else {
        return Ok(Kept { date, rate, previous: None });
    };
    if date < kept.date {
        return Err(Refusal::Older { date, kept: kept.date });
    }
    if let Some(bound) = bound {
        let moved = (rate - kept.rate).abs();
        let percent = moved * Decimal::ONE_HUNDRED / kept.rate;
        // One unit of the last place is the smallest move a rate can show
        // (0.00008 to 0.00009 is 12.5 %): never a jump.
        let step = Decimal::new(1, rate.scale().max(kept.rate.scale()));
        if moved > step && percent > bound {
            return Err(Refusal::Jump { rate, kept: kept.rate, percent: percent.round_dp(1), bound });
        }
    }
    // A new date moves the last rate to `previous`; the same date again
    // (a correction, or nothing new) keeps the date before's.
    let previous = if date > kept.date { Some(kept.rate) } else { kept.previous };
    Ok(Kept { date, rate, previous })
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

    #[test]
    fn two_days_give_a_previous() {
        let first = take(None, day(23), dec("0.01143"), None).unwrap();
        assert_eq!(first, Kept { date: day(23), rate: dec("0.01143"), previous: None });
        let second = take(Some(&first), day(24), dec("0.01144"), None).unwrap();
        assert_eq!(second, Kept { date: day(24), rate: dec("0.01144"), previous: Some(dec("0.01143")) });
        // Run again on the same day: nothing changes, the previous stays the 23rd's.
        assert_eq!(take(Some(&second), day(24), dec("0.01144"), None).unwrap(), second);
        // A correction on the same day keeps the 23rd's as previous too.
        let corrected = take(Some(&second), day(24), dec("0.01145"), None).unwrap();
        assert_eq!(corrected.previous, Some(dec("0.01143")));
    }

    #[test]
    fn an_older_date_or_a_jump_is_refused() {
        let kept = Kept { date: day(24), rate: dec("0.01144"), previous: Some(dec("0.01143")) };
        assert_eq!(
            take(Some(&kept), day(23), dec("0.01144"), None),
            Err(Refusal::Older { date: day(23), kept: day(24) })
        );
        let jump = take(Some(&kept), day(25), dec("0.02000"), Some(dec("10"))).unwrap_err();
        assert_eq!(jump.to_string(), "0.02000 is 74.8 % from the last 0.01144, beyond the bound of 10 %");
        // Just inside the bound is taken: 0.01258 is 9.97 % up, shown as 10.0.
        assert!(take(Some(&kept), day(25), dec("0.01258"), Some(dec("10"))).is_ok());
        assert!(take(Some(&kept), day(25), dec("0.01259"), Some(dec("10"))).is_err());
        // A rate with one figure moves by one unit of its last place at least.
        let coarse = Kept { date: day(24), rate: dec("0.00008"), previous: None };
        assert!(take(Some(&coarse), day(25), dec("0.00009"), Some(dec("10"))).is_ok(), "12.5 %, one step");
        assert!(take(Some(&coarse), day(25), dec("0.00007"), Some(dec("10"))).is_ok(), "12.5 %, one step");
        assert!(take(Some(&coarse), day(25), dec("0.00010"), Some(dec("10"))).is_err(), "25 %, two steps");
    }
}
