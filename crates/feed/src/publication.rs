//! What a central bank publishes, as one model whatever its format: the
//! date, the currency its figures are in (the base), and for each other
//! currency how many of its units equal how many of the base. Quotes keep
//! the figures as written (`87,4500` stays 87.4500, a `Nominal` of 100
//! stays 100); orientation and places are chosen later, by exact decimal
//! arithmetic, never here.

use rust_decimal::Decimal;

use news_ticker_rules::decimal::parse_decimal;

/// A calendar date as a publication writes it, read into numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// The year.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month.
    pub day: u8,
}

impl Day {
    /// `dd.mm.yyyy` (NBKR, NBK, CBU, CBR, CBT), `dd.mm.yy` (NBK's RSS,
    /// read as 20yy) or `yyyy-mm-dd` (ECB, NBT); `None` for anything else
    /// or a day that does not exist.
    pub fn parse(text: &str) -> Option<Day> {
        let text = text.trim();
        let parts: Vec<&str> = text.split(['.', '-']).collect();
        let number =
            |s: &str| (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u16>().ok()).flatten();
        let (year, month, day) = match parts.as_slice() {
            [y, m, d] if text.contains('-') && y.len() == 4 => (number(y)?, number(m)?, number(d)?),
            [d, m, y] if text.contains('.') && y.len() == 4 => (number(y)?, number(m)?, number(d)?),
            [d, m, y] if text.contains('.') && y.len() == 2 => (2000 + number(y)?, number(m)?, number(d)?),
            _ => return None,
        };
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Day { year, month: month as u8, day: day as u8 })
    }

    /// `yyyy-mm-dd`, the form the widget's `as_of` takes.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01.
    pub fn number(self) -> i64 {
        let date = news_ticker_rules::date::CalendarDate {
            year: i32::from(self.year),
            month: u32::from(self.month),
            day: u32::from(self.day),
        };
        date.days_since_epoch()
    }

    /// Today's date in UTC, by the system clock.
    pub fn today() -> Day {
        Day::from_number(now_seconds().div_euclid(86_400))
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_number(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Day { year, month, day }
    }
}

/// `code_units` of `code` are worth `base_units` of the publication's base:
/// NBKR's "1 USD = 87,4500 KGS", CBR's "100 KZT = 16,3172 RUB", the ECB's
/// "1.1252 USD = 1 EUR".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The currency's code.
    pub code: String,
    /// How many units of the currency the figure is for.
    pub code_units: Decimal,
    /// What they cost in the base currency.
    pub base_units: Decimal,
    /// The quote's own date where it has one that may differ from the
    /// publication's (NBK's RSS keeps old dates on discontinued items).
    pub date: Option<Day>,
}

/// One publication read whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publication {
    /// The day the publication is for.
    pub date: Day,
    /// The currency every figure is in.
    pub base: String,
    /// The figures.
    pub quotes: Vec<Quote>,
}

impl Publication {
    /// The quote of `code`, if the publication has one.
    pub fn quote(&self, code: &str) -> Option<&Quote> {
        self.quotes.iter().find(|q| q.code == code)
    }
}

/// Why a publication could not be read: one line an operator can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable(pub String);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A figure as a publication writes it: a decimal point or a decimal comma
/// (`87,4500`), digits kept; `None` for anything else, zero or a negative.
pub fn figure(text: &str) -> Option<Decimal> {
    let value = parse_decimal(&text.trim().replace(',', "."))?;
    (value > Decimal::ZERO).then_some(value)
}

/// A three-letter currency code, upper case; `None` for anything else.
pub fn currency(text: &str) -> Option<String> {
    let text = text.trim();
    (text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase())).then(|| text.to_owned())
}

/// windows-1251 bytes as text (CBR's daily XML; NBKR declares it too).
/// The upper half by the WHATWG table; 0x98, unassigned, becomes U+FFFD.
pub fn windows_1251(bytes: &[u8]) -> String {
    const UPPER: &str = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u{fffd}™љ›њќћџ\u{a0}ЎўЈ¤Ґ¦§Ё©Є«¬\u{ad}®Ї°±Ііґµ¶·ё№є»јЅѕїАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя";
    let upper: Vec<char> = UPPER.chars().collect();
    bytes.iter().map(|&b| if b < 0x80 { char::from(b) } else { upper[usize::from(b - 0x80)] }).collect()
}

/// The text of a document: UTF-8 (a byte-order mark dropped), or
/// windows-1251 when the XML declaration says so.
pub fn document_text(bytes: &[u8]) -> Result<String, Unreadable> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(100)]).to_ascii_lowercase();
    if head.starts_with("<?xml") && head.split("?>").next().is_some_and(|d| d.contains("windows-1251")) {
        return Ok(windows_1251(bytes));
    }
    String::from_utf8(bytes.to_vec())
        .map_err(|e| Unreadable(format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to())))
}

/// Seconds since 1970 by the system clock: the one reading of the clock
/// for today's date, an accepted level's time and a server render's card dates.
pub fn now_seconds() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_each_written_form() {
        let day = |y, m, d| Some(Day { year: y, month: m, day: d });
        assert_eq!(Day::parse("24.05.2026"), day(2026, 5, 24));
        assert_eq!(Day::parse("2025-05-09"), day(2025, 5, 9));
        assert_eq!(Day::parse("18.04.16"), day(2016, 4, 18));
        assert_eq!(Day::parse(" 29.02.2024 "), day(2024, 2, 29));
        for bad in [
            "29.02.2025",
            "31.04.2026",
            "2026-13-01",
            "1.5",
            "",
            "24/05/2026",
            "2026.05.24",
            "aa.bb.cccc",
            "00.01.2026",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        assert_eq!(Day::parse("01.04.2026").map(Day::iso).as_deref(), Some("2026-04-01"));
    }

    #[test]
    fn days_count_from_1970_both_ways() {
        // 2026-05-24 is 20,597 days after 1970-01-01 (`date -d 2026-05-24 +%s` / 86,400).
        assert_eq!(Day::parse("24.05.2026").unwrap().number(), 20_597);
        for n in [0, 59, 60, 365, 10_956, 11_016, 20_597, 47_482] {
            assert_eq!(Day::from_number(n).number(), n, "{n}");
        }
        assert_eq!(Day::from_number(11_016).iso(), "2000-02-29");
    }

    #[test]
    fn figures_with_a_point_or_a_comma() {
        assert_eq!(figure("87,4500").map(|d| d.to_string()).as_deref(), Some("87.4500"));
        assert_eq!(figure(" 5.4 ").map(|d| d.to_string()).as_deref(), Some("5.4"));
        for bad in ["", "0", "0,00", "-1", "1.234,5", "1 000", "n/a"] {
            assert_eq!(figure(bad), None, "{bad}");
        }
    }

    #[test]
    fn windows_1251_reads_cyrillic() {
        assert_eq!(windows_1251(b"\xc4\xee\xeb\xeb\xe0\xf0 USD \xb9"), "Доллар USD №");
        let declared = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>\xd0\xf3\xe1\xeb\xfc</a>";
        assert_eq!(document_text(declared).unwrap(), "<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>Рубль</a>");
        assert_eq!(document_text(b"\xef\xbb\xbf<a/>").unwrap(), "<a/>");
        assert!(document_text(b"<a>\xff</a>").is_err());
    }
}
