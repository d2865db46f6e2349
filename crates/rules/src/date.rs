//! Timestamps as feeds write them: RFC 3339 (JSON Feed, Atom) and the
//! RFC 822 dates of RSS (`Wed, 02 Oct 2002 13:00:00 GMT`).
//!
//! The widget shows the calendar date *as written* in the timestamp, so
//! `2025-11-13T00:30:00+06:00` is 13 November for every reader, wherever
//! they are; converting to the reader's zone would show the 12th in Europe.
//! The instant (seconds since 1970 in UTC) is kept only to find the newest
//! item.

/// A calendar date, checked to exist (no 31 April, 29 February only in leap years).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CalendarDate {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, from 1.
    pub day: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// An RFC 3339 or RFC 822 timestamp: the date as written and the instant.
pub struct Timestamp {
    /// The date as written, before any offset is applied.
    pub date: CalendarDate,
    /// Seconds since 1970-01-01T00:00:00Z.
    pub instant: i64,
    /// The offset from UTC as written, in minutes (`+06:00` is 360, `Z` 0),
    /// so the time of day is written back as it was.
    pub offset_minutes: i16,
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
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => zone_offset(&[*sign, *h1, *h2, *m1, *m2])? * 60,
            _ => return None,
        };
        Timestamp::at(date, (hour, minute, second), offset_seconds)
    }

    /// Parses an RFC 822 / RFC 2822 date as RSS uses it:
    /// `[Day,] DD Mon YYYY HH:MM[:SS] zone`, where the zone is `±HHMM`,
    /// `GMT`, `UT`, `Z` or a North American name (`EST`, `PDT`, …). As RFC
    /// 2822 says of old mail, other zone names, and a missing zone, count as
    /// UTC: the date shown is the one written either way. Two-digit years
    /// are 19xx from 50 on, else 20xx.
    pub fn parse_rfc822(text: &str) -> Option<Timestamp> {
        let mut words = text.split(|c: char| c.is_ascii_whitespace() || c == ',').filter(|w| !w.is_empty()).peekable();
        if words.peek()?.bytes().all(|b| b.is_ascii_alphabetic()) {
            words.next();
        }
        let day = number(words.next()?, 2)?;
        let month = month(words.next()?)?;
        let year = words.next()?;
        let year = match (number(year, 4)?, year.len()) {
            (y, 2) if y < 50 => 2000 + y,
            (y, 2 | 3) => 1900 + y,
            (y, _) => y,
        };
        let date = CalendarDate::new(year as i32, month, day)?;
        let mut clock = words.next()?.split(':');
        let hour = number(clock.next()?, 2)?;
        let minute = number(clock.next()?, 2)?;
        let second = clock.next().map_or(Some(0), |s| number(s, 2))?;
        if clock.next().is_some() {
            return None;
        }
        let offset_seconds = match words.next() {
            None => 0,
            Some(zone) => zone_offset(zone.as_bytes())? * 60,
        };
        if words.next().is_some() {
            return None;
        }
        Timestamp::at(date, (hour, minute, second), offset_seconds)
    }

    /// The timestamp as RFC 3339 text, with the date, time of day and
    /// offset as written (`Thu, 13 Nov 2025 00:10:00 +0600` is
    /// `2025-11-13T00:10:00+06:00`): [`Timestamp::parse`] reads it back to
    /// the same instant and the same wall-clock time.
    pub fn rfc3339(&self) -> String {
        let offset = i64::from(self.offset_minutes) * 60;
        // Seconds from the written date's midnight to the written time: 86,400 is 23:59:60.
        let local = self.instant + offset - self.date.days_since_epoch() * 86_400;
        let (hour, minute, second) = match local {
            86_400.. => (23, 59, 60),
            _ => (local / 3600, local / 60 % 60, local % 60),
        };
        let CalendarDate { year, month, day } = self.date;
        let mut out = String::with_capacity(25);
        for (value, width, after) in [
            (i64::from(year), 4, '-'),
            (i64::from(month), 2, '-'),
            (i64::from(day), 2, 'T'),
            (hour, 2, ':'),
            (minute, 2, ':'),
            (second, 2, ' '),
        ] {
            push_padded(&mut out, value, width);
            if after != ' ' {
                out.push(after);
            }
        }
        if offset == 0 {
            out.push('Z');
        } else {
            out.push(if offset < 0 { '-' } else { '+' });
            push_padded(&mut out, offset.abs() / 3600, 2);
            out.push(':');
            push_padded(&mut out, offset.abs() / 60 % 60, 2);
        }
        out
    }

    fn at(date: CalendarDate, (hour, minute, second): (u32, u32, u32), offset_seconds: i64) -> Option<Timestamp> {
        // 60 is a leap second, which both RFCs allow.
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let local = date.days_since_epoch() * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
        Some(Timestamp { date, instant: local - offset_seconds, offset_minutes: (offset_seconds / 60) as i16 })
    }
}

/// 1 to `max_len` ASCII digits.
fn number(word: &str, max_len: usize) -> Option<u32> {
    (1..=max_len).contains(&word.len()).then(|| digits(word.as_bytes()))?
}

/// `Jan` … `Dec`, in any case; a full name (`June`) is read by its first three letters.
fn month(word: &str) -> Option<u32> {
    const MONTHS: [&[u8; 3]; 12] =
        [b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec"];
    let word = word.as_bytes();
    if word.len() < 3 || !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let at = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(&word[..3]))?;
    Some(at as u32 + 1)
}

/// A zone's offset from UTC in minutes: `±HHMM` or a name.
fn zone_offset(b: &[u8]) -> Option<i64> {
    if let [sign @ (b'+' | b'-'), hhmm @ ..] = b {
        let value = (hhmm.len() == 4).then(|| digits(hhmm))??;
        let (h, m) = (value / 100, value % 100);
        if h > 23 || m > 59 {
            return None;
        }
        let minutes = i64::from(h * 60 + m);
        return Some(if *sign == b'-' { -minutes } else { minutes });
    }
    if b.is_empty() || b.len() > 5 || !b.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    const NAMED: [(&[u8], i64); 8] = [
        (b"EST", -5),
        (b"EDT", -4),
        (b"CST", -6),
        (b"CDT", -5),
        (b"MST", -7),
        (b"MDT", -6),
        (b"PST", -8),
        (b"PDT", -7),
    ];
    let hours = NAMED.iter().find(|(name, _)| name.eq_ignore_ascii_case(b)).map_or(0, |(_, h)| *h);
    Some(hours * 60)
}

impl CalendarDate {
    /// The date, if it exists in the proleptic Gregorian calendar.
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
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// `value` in decimal digits, zero-padded to `width`.
fn push_padded(out: &mut String, value: i64, width: usize) {
    out.push_str(&crate::decimal::whole(value as u64, width));
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
}

/// How a card's date reads at a moment: relative to it while recent,
/// else as the date line writes dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    /// A value and unit for `Intl.RelativeTimeFormat` (numeric "auto"):
    /// `(0, "second")` is "now", `(-3, "hour")` "3 hours ago", `(-1, "day")`
    /// "yesterday".
    Relative(i64, &'static str),
    /// Two days old or more: the calendar date.
    Date,
    /// More than a minute ahead of the reader's clock: not shown.
    Future,
}

/// The age of `instant` at `now` (seconds since 1970): under a minute
/// "now" (a minute of clock skew ahead included), minutes under an hour,
/// hours under a day, "yesterday" under two days, then the date.
pub fn age(instant: i64, now: i64) -> Age {
    let seconds = now.saturating_sub(instant);
    match seconds {
        s if s < -60 => Age::Future,
        s if s < 60 => Age::Relative(0, "second"),
        s if s < 3_600 => Age::Relative(-(s / 60), "minute"),
        s if s < 86_400 => Age::Relative(-(s / 3_600), "hour"),
        s if s < 2 * 86_400 => Age::Relative(-1, "day"),
        _ => Age::Date,
    }
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

    #[test]
    fn rss_dates_keep_the_date_written_and_apply_the_zone_to_the_instant() {
        let utc = Timestamp::parse("2002-10-02T13:00:00Z").unwrap();
        let cases = [
            ("Wed, 02 Oct 2002 13:00:00 GMT", date(2002, 10, 2), utc.instant),
            ("Wed, 02 Oct 2002 15:00:00 +0200", date(2002, 10, 2), utc.instant),
            ("Wed, 02 Oct 2002 08:00:00 EST", date(2002, 10, 2), utc.instant),
            ("Wed, 02 Oct 2002 06:00:00 PDT", date(2002, 10, 2), utc.instant),
            ("Wed,02 Oct 2002 13:00 UT", date(2002, 10, 2), utc.instant),
            ("2 oct 2002 13:00:00 Z", date(2002, 10, 2), utc.instant),
            ("  02 October 2002 13:00:00 gmt ", date(2002, 10, 2), utc.instant),
            ("Wed, 02 Oct 02 13:00:00 GMT", date(2002, 10, 2), utc.instant),
            ("Thu, 03 Oct 2002 00:30:00 +1130", date(2002, 10, 3), utc.instant),
            ("Wed, 02 Oct 2002 13:00:00", date(2002, 10, 2), utc.instant),
            ("Wed, 02 Oct 2002 13:00:00 MSK", date(2002, 10, 2), utc.instant),
        ];
        for (text, expected_date, expected_instant) in cases {
            let parsed = Timestamp::parse_rfc822(text);
            assert_eq!(parsed.map(|t| (t.date, t.instant)), Some((expected_date, expected_instant)), "{text}");
        }
        assert_eq!(Timestamp::parse_rfc822("Mon, 01 Jan 99 00:00:00 GMT").map(|t| t.date.year), Some(1999));
        assert_eq!(Timestamp::parse_rfc822("Mon, 01 Jan 49 00:00:00 GMT").map(|t| t.date.year), Some(2049));
    }

    #[test]
    fn malformed_rss_dates_are_rejected() {
        let bad = [
            "",
            "Wed,",
            "2002-10-02T13:00:00Z",
            "Wed, 02 Oct 2002",
            "Wed, 31 Sep 2002 13:00:00 GMT",
            "Wed, 02 Foo 2002 13:00:00 GMT",
            "Wed, 02 Oct 2002 25:00:00 GMT",
            "Wed, 02 Oct 2002 13:00:00 +02",
            "Wed, 02 Oct 2002 13:00:00 +2400",
            "Wed, 02 Oct 2002 13:00:00:00 GMT",
            "Wed, 02 Oct 2002 13:00:00 GMT extra",
            "Wed, 002 Oct 2002 13:00:00 GMT",
            "Wed, 02 Oct 20021 13:00:00 GMT",
            "Wed, 02 Oct 2002 13 GMT",
            "Wed, 02 Oct 2002 13:00:00 G-T",
        ];
        for text in bad {
            assert_eq!(Timestamp::parse_rfc822(text), None, "{text:?}");
        }
    }

    #[test]
    fn written_as_rfc3339_a_timestamp_reads_back_the_same() {
        let days = [date(1970, 1, 1), date(2024, 2, 29), date(2025, 12, 31), date(9999, 12, 31), date(1, 1, 1)];
        let clocks = [(0, 0, 0), (0, 0, 59), (0, 30, 0), (12, 0, 0), (23, 59, 59), (23, 59, 60)];
        let mut checked = 0;
        for day in days {
            for clock in clocks {
                for offset_minutes in (-(23 * 60 + 59)..=23 * 60 + 59).step_by(7).chain([-1439, 0, 1439, 345]) {
                    let Some(original) = Timestamp::at(day, clock, offset_minutes * 60) else { continue };
                    let text = original.rfc3339();
                    assert_eq!(
                        Timestamp::parse(&text),
                        Some(original),
                        "{text} from {day:?} {clock:?} {offset_minutes}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000);
        let written = |text: &str| Timestamp::parse_rfc822(text).map(|t| t.rfc3339());
        assert_eq!(written("Wed, 02 Oct 2002 13:00:00 GMT").as_deref(), Some("2002-10-02T13:00:00Z"));
        // The time of day and the offset as written, whatever the instant's UTC date.
        assert_eq!(written("Thu, 13 Nov 2025 00:10:00 +0600").as_deref(), Some("2025-11-13T00:10:00+06:00"));
        assert_eq!(written("Thu, 13 Nov 2025 23:59:60 -0930").as_deref(), Some("2025-11-13T23:59:60-09:30"));
        for text in ["2025-11-13T00:10:00+06:00", "2025-11-12T18:10:00Z", "1999-12-31T23:59:60-12:00"] {
            assert_eq!(Timestamp::parse(text).map(|t| t.rfc3339()).as_deref(), Some(text));
        }
    }

    #[test]
    fn ages_across_each_boundary() {
        let now = 1_764_000_000;
        let at = |ago: i64| age(now - ago, now);
        assert_eq!(at(-61), Age::Future);
        assert_eq!(at(-60), Age::Relative(0, "second"), "a minute of skew is now");
        assert_eq!(at(0), Age::Relative(0, "second"));
        assert_eq!(at(59), Age::Relative(0, "second"));
        assert_eq!(at(60), Age::Relative(-1, "minute"));
        assert_eq!(at(3_599), Age::Relative(-59, "minute"));
        assert_eq!(at(3_600), Age::Relative(-1, "hour"));
        assert_eq!(at(86_399), Age::Relative(-23, "hour"));
        assert_eq!(at(86_400), Age::Relative(-1, "day"));
        assert_eq!(at(172_799), Age::Relative(-1, "day"));
        assert_eq!(at(172_800), Age::Date);
        assert_eq!(age(i64::MIN, i64::MAX), Age::Date);
    }
}
