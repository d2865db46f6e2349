//! RFC 3339 timestamps as feeds write them.
//!
//! The widget shows the calendar date *as written* in the timestamp, so
//! `2025-11-13T00:30:00+06:00` is 13 November for every reader, wherever
//! they are; converting to the reader's zone would show the 12th in Europe.
//! The instant (seconds since 1970 in UTC) is kept only to find the newest
//! item.

/// A calendar date, checked to exist (no 31 April, 29 February only in leap years).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CalendarDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp {
    /// The date as written, before any offset is applied.
    pub date: CalendarDate,
    /// Seconds since 1970-01-01T00:00:00Z.
    pub instant: i64,
}

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; `t`, `z` and a space
    /// for the `T` are accepted too, as RFC 3339 allows.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let b = text.trim().as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        if b[13] != b':' || b[16] != b':' {
            return None;
        }
        let year = digits(&b[0..4])? as i32;
        let date = CalendarDate::new(year, digits(&b[5..7])?, digits(&b[8..10])?)?;
        let (hour, minute, second) = (digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?);
        // 60 is a leap second, which RFC 3339 allows.
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut rest = &b[19..];
        if rest.first() == Some(&b'.') {
            let frac = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if frac == 0 {
                return None;
            }
            rest = &rest[1 + frac..];
        }
        let offset_seconds = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let (h, m) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
                if h > 23 || m > 59 {
                    return None;
                }
                let seconds = i64::from(h * 3600 + m * 60);
                if *sign == b'-' {
                    -seconds
                } else {
                    seconds
                }
            }
            _ => return None,
        };
        let local = date.days_since_epoch() * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
        Some(Timestamp { date, instant: local - offset_seconds })
    }
}

impl CalendarDate {
    pub fn new(year: i32, month: u32, day: u32) -> Option<CalendarDate> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap(year) => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month).contains(&day).then_some(CalendarDate { year, month, day })
    }

    /// Days from 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> CalendarDate {
        CalendarDate::new(y, m, d).expect("valid test date")
    }

    #[test]
    fn the_date_is_the_one_written_whatever_the_offset() {
        let cases = [
            ("2025-11-13T09:00:00Z", date(2025, 11, 13)),
            ("2025-11-13T00:30:00+06:00", date(2025, 11, 13)),
            ("2025-11-13T23:30:00-05:00", date(2025, 11, 13)),
            ("2025-11-13t09:00:00.123456z", date(2025, 11, 13)),
            ("2025-11-13 09:00:00+05:45", date(2025, 11, 13)),
        ];
        for (text, expected) in cases {
            assert_eq!(Timestamp::parse(text).map(|t| t.date), Some(expected), "{text}");
        }
    }

    #[test]
    fn the_instant_applies_the_offset() {
        let utc = Timestamp::parse("2025-11-13T09:00:00Z").unwrap().instant;
        assert_eq!(utc, 1_763_024_400);
        assert_eq!(Timestamp::parse("2025-11-13T15:00:00+06:00").unwrap().instant, utc);
        assert_eq!(Timestamp::parse("2025-11-13T04:00:00-05:00").unwrap().instant, utc);
        assert_eq!(Timestamp::parse("1970-01-01T00:00:00Z").unwrap().instant, 0);
        assert_eq!(Timestamp::parse("2000-03-01T00:00:00Z").unwrap().instant, 951_868_800);
    }

    #[test]
    fn impossible_or_malformed_timestamps_are_rejected() {
        let bad = [
            "",
            "2025-11-13",
            "2025-11-13T09:00:00",
            "2025-02-29T00:00:00Z",
            "2025-04-31T00:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-11-13T24:00:00Z",
            "2025-11-13T09:00:00+24:00",
            "2025-11-13T09:00:00.Z",
            "2025-11-13T09:00:00Zjunk",
            "13/11/2025 09:00",
            "２０２５-11-13T09:00:00Z",
        ];
        for text in bad {
            assert_eq!(Timestamp::parse(text), None, "{text:?}");
        }
        assert!(Timestamp::parse("2024-02-29T00:00:00Z").is_some());
    }
}
