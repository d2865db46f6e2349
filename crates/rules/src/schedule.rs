//! When the next load runs: every `data-refresh` seconds with ±10 % jitter,
//! so that the many readers of one page do not ask the feed server in step;
//! after failures, exponentially later (never sooner than the refresh
//! interval, and at most 10 minutes unless the interval itself is longer),
//! again with jitter. A success starts over.

use crate::date::Timestamp;
use crate::decimal::whole_number;

/// Backoff stops growing here (unless `data-refresh` is longer).
pub const MAX_BACKOFF_MS: u64 = 10 * 60 * 1000;

/// `setTimeout` runs at once for delays past 2^31 - 1 ms, so longer ones are cut to it.
pub const MAX_TIMER_MS: u64 = i32::MAX as u64;

/// The delay before the next load, in milliseconds, or `None` when the
/// widget does not refresh (`data-refresh="0"`).
///
/// `failures` counts the loads that failed in a row; `random` is uniform
/// in `[0, 1)` (`Math.random()` in the browser) and spreads the delay over
/// ±10 %.
pub fn next_delay_ms(refresh_seconds: u32, failures: u32, random: f64) -> Option<u32> {
    if refresh_seconds == 0 {
        return None;
    }
    let interval = u64::from(refresh_seconds) * 1000;
    let backoff = interval.saturating_mul(1u64 << failures.min(32)).min(MAX_BACKOFF_MS).max(interval);
    // ±10 %: a factor from 0.9 to 1.1.
    let spread = backoff as f64 * (0.9 + 0.2 * random.clamp(0.0, 1.0));
    Some((spread as u64).clamp(1, MAX_TIMER_MS) as u32)
}

/// The delay before the next load when the server asked, with
/// `Retry-After`, to be left alone for a while: never sooner than
/// it asked, never later than the backoff cap (nor than `delay_ms` already is).
pub fn respecting_retry_after(delay_ms: u32, retry_after_seconds: Option<u32>) -> u32 {
    let asked = retry_after_seconds.map_or(0, |s| u64::from(s).saturating_mul(1000).min(MAX_BACKOFF_MS));
    delay_ms.max(asked as u32)
}

/// The seconds a `Retry-After` header asks to wait: a whole number of
/// seconds, or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`) counted from
/// `now` (seconds since 1970). A date already past asks for nothing more;
/// anything else is ignored.
pub fn retry_after_seconds(header: &str, now: i64) -> Option<u32> {
    let header = header.trim();
    if let Some(seconds) = whole_number(header) {
        return Some(u32::try_from(seconds).unwrap_or(u32::MAX));
    }
    let until = Timestamp::parse_rfc822(header)?.instant;
    Some(u32::try_from(until.saturating_sub(now).max(0)).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_read_as_seconds_or_as_an_http_date() {
        let now = 1_445_412_480; // Wed, 21 Oct 2015 07:28:00 GMT
        assert_eq!(retry_after_seconds("120", now), Some(120));
        assert_eq!(retry_after_seconds(" 0 ", now), Some(0));
        assert_eq!(retry_after_seconds("99999999999", now), Some(u32::MAX));
        assert_eq!(retry_after_seconds("Wed, 21 Oct 2015 07:30:00 GMT", now), Some(120));
        assert_eq!(retry_after_seconds("Wed, 21 Oct 2015 08:28:00 GMT", now), Some(3_600));
        assert_eq!(retry_after_seconds("Tue, 20 Oct 2015 07:28:00 GMT", now), Some(0), "a date past asks for no wait");
        for ignored in ["", "-5", "1.5", "soon", "Wed, 32 Oct 2015 07:30:00 GMT"] {
            assert_eq!(retry_after_seconds(ignored, now), None, "{ignored:?}");
        }
    }

    #[test]
    fn retry_after_lengthens_the_delay_up_to_the_cap() {
        assert_eq!(respecting_retry_after(2_000, None), 2_000);
        assert_eq!(respecting_retry_after(2_000, Some(120)), 120_000);
        assert_eq!(respecting_retry_after(300_000, Some(1)), 300_000, "never sooner than the backoff");
        assert_eq!(respecting_retry_after(2_000, Some(86_400)), MAX_BACKOFF_MS as u32, "a day is capped at 10 minutes");
        assert_eq!(respecting_retry_after(2_000, Some(u32::MAX)), MAX_BACKOFF_MS as u32);
    }

    #[test]
    fn no_refresh_means_no_timer() {
        assert_eq!(next_delay_ms(0, 0, 0.5), None);
        assert_eq!(next_delay_ms(0, 5, 0.5), None);
    }

    #[test]
    fn the_interval_is_spread_over_ten_percent_either_way() {
        assert_eq!(next_delay_ms(300, 0, 0.0), Some(270_000));
        assert_eq!(next_delay_ms(300, 0, 0.5), Some(300_000));
        assert_eq!(next_delay_ms(300, 0, 0.999_999), Some(329_999));
        // Out-of-range randoms are clamped, never past ±10 %.
        assert_eq!(next_delay_ms(300, 0, 7.0), Some(330_000));
        assert_eq!(next_delay_ms(300, 0, -1.0), Some(270_000));
    }

    #[test]
    fn failures_double_the_delay_up_to_ten_minutes() {
        let middle = |failures| next_delay_ms(60, failures, 0.5);
        assert_eq!(middle(0), Some(60_000));
        assert_eq!(middle(1), Some(120_000));
        assert_eq!(middle(2), Some(240_000));
        assert_eq!(middle(3), Some(480_000));
        assert_eq!(middle(4), Some(600_000));
        assert_eq!(middle(40), Some(600_000));
        assert_eq!(next_delay_ms(1, 3, 0.5), Some(8_000));
    }

    #[test]
    fn a_long_interval_is_never_shortened_by_a_failure() {
        assert_eq!(next_delay_ms(3600, 0, 0.5), Some(3_600_000));
        assert_eq!(next_delay_ms(3600, 3, 0.5), Some(3_600_000));
    }

    #[test]
    fn delays_fit_set_timeout() {
        assert_eq!(next_delay_ms(u32::MAX, 0, 0.99), Some(i32::MAX as u32));
        assert_eq!(next_delay_ms(u32::MAX, u32::MAX, 0.0), Some(i32::MAX as u32));
    }
}
