//! The text rules of the contract: exact decimals, the change percentage,
//! excerpt truncation, the results counter and which links may be followed.
//!
//! Pure functions only. Every number shown comes from a `Decimal` parsed from
//! the feed's own digits, so nothing here can print `8e-5` or
//! `0.00008000000001`.

use crate::rules::texts::Texts;
use rust_decimal::Decimal;

/// Parses a decimal as a feed writes it: plain (`0.01144`, `-1.5`, `+2`) or
/// with an exponent (`8e-5`). Surrounding whitespace is ignored; anything
/// else (empty, `NaN`, `1,5`, more digits than a `Decimal` holds, more than
/// 28 places) is `None`. The digits and the places are kept exactly as
/// written: `1.50` stays `1.50`.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let text = text.trim().as_bytes();
    let (negative, text) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    let (number, exponent) = match text.iter().position(|b| matches!(b, b'e' | b'E')) {
        Some(at) => (&text[..at], Some(exponent(&text[at + 1..])?)),
        None => (text, None),
    };
    let mut mantissa: i128 = 0;
    let mut digits = 0;
    let mut places: i64 = 0;
    let mut point = false;
    for &b in number {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
                digits += 1;
                places += i64::from(point);
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let mut scale = places - exponent.unwrap_or(0);
    while scale < 0 {
        mantissa = mantissa.checked_mul(10)?;
        scale += 1;
    }
    // `1.0e-28` has 29 places but the same value as a 28-place decimal.
    while scale > MAX_SCALE && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    if scale > MAX_SCALE || mantissa > MAX_MANTISSA {
        return None;
    }
    let mantissa = if negative { -mantissa } else { mantissa };
    Decimal::try_from_i128_with_scale(mantissa, u32::try_from(scale).ok()?).ok()
}

/// The most places a `Decimal` has.
const MAX_SCALE: i64 = 28;
/// The largest mantissa a `Decimal` holds: 96 bits.
const MAX_MANTISSA: i128 = (1 << 96) - 1;

/// An exponent after `e`: an optional sign and at most four digits (beyond
/// that no decimal could hold the value anyway).
fn exponent(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() || digits.len() > 4 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0'));
    Some(if negative { -value } else { value })
}

/// The change in percent from `previous` to `rate`, rounded half away from
/// zero to two places with trailing zeros trimmed (`0`, `1.5`, `-0.25`).
/// `None` when `previous` is zero, where no percentage exists, or when the
/// two figures are so far apart in size that exact 128-bit arithmetic
/// cannot hold them (about 38 digits from the largest to the smallest).
///
/// Exact integer arithmetic on the decimals' own digits: with both figures
/// at one scale as integers `r` and `p`, the change in hundredths of a
/// percent is `(r - p) * 10_000 / p`, rounded. (rust_decimal's general
/// division would do the same at four times the size in the wasm.)
pub fn change_percent(rate: Decimal, previous: Decimal) -> Option<Decimal> {
    if previous.is_zero() {
        return None;
    }
    let scale = rate.scale().max(previous.scale());
    let r = rate.mantissa().checked_mul(ten_to(scale - rate.scale())?)?;
    let p = previous.mantissa().checked_mul(ten_to(scale - previous.scale())?)?;
    let hundredths = divide_rounding_half_away(r.checked_sub(p)?.checked_mul(10_000)?, p);
    Some(tidy(Decimal::try_from_i128_with_scale(hundredths, 2).ok()?))
}

/// `10^exponent`, if an `i128` holds it.
fn ten_to(exponent: u32) -> Option<i128> {
    10_i128.checked_pow(exponent)
}

/// `n / d` rounded to the nearest integer, halves away from zero.
fn divide_rounding_half_away(n: i128, d: i128) -> i128 {
    let (quotient, remainder) = (n / d, n % d);
    if remainder.unsigned_abs() * 2 >= d.unsigned_abs() {
        // The remainder has the sign of `n`, the quotient that of `n / d`.
        if (n < 0) == (d < 0) {
            quotient + 1
        } else {
            quotient - 1
        }
    } else {
        quotient
    }
}

/// Trailing zeros trimmed and a zero always written without a sign.
fn tidy(value: Decimal) -> Decimal {
    if value.is_zero() {
        Decimal::ZERO
    } else {
        value.normalize()
    }
}

/// Whether a change is shown as up, down or flat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Flat,
}

impl Direction {
    pub fn of(change: Decimal) -> Direction {
        if change.is_zero() {
            Direction::Flat
        } else if change.is_sign_negative() {
            Direction::Down
        } else {
            Direction::Up
        }
    }

    /// The class name the stylesheet colours and draws the arrow by.
    pub fn class(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Flat => "flat",
        }
    }
}

/// `KGS/USD = 0.01144 0%`: the digits exactly as the feed sent them.
pub fn rate_text(base: &str, quote: &str, rate: Decimal, change: Decimal) -> String {
    rate_line(base, quote, &decimal_text(rate), &decimal_text(change))
}

/// The rate line with its two numbers already written (in the reader's
/// locale, in the browser).
pub fn rate_line(base: &str, quote: &str, rate: &str, change: &str) -> String {
    [base, "/", quote, " = ", rate, " ", change, "%"].concat()
}

/// What a screen reader says for a rate, in the interface language of
/// `texts`: `KGS to USD 0.01144, unchanged`, `… up 1.5%`, `… down 0.25%`.
/// `change` is the size of the change, without its sign.
pub fn rate_label(base: &str, quote: &str, rate: &str, direction: Direction, change: &str, texts: &Texts) -> String {
    let key = match direction {
        Direction::Flat => "rate-unchanged",
        Direction::Up => "rate-up",
        Direction::Down => "rate-down",
    };
    texts.text(key, &[("base", base), ("quote", quote), ("rate", rate), ("change", change)])
}

/// A decimal written out with every place it has and no exponent, as
/// rust_decimal's `Display` writes it (`0.00008`, `1.50`, `-3`), in a tenth
/// of that code's size in the wasm.
pub fn decimal_text(value: Decimal) -> String {
    let scale = value.scale() as usize;
    let mut mantissa = value.mantissa().unsigned_abs();
    // Digits from the last; at least one before the point.
    let mut digits = Vec::with_capacity(32);
    while mantissa > 0 || digits.len() <= scale {
        digits.push(b'0' + (mantissa % 10) as u8);
        mantissa /= 10;
    }
    let mut text = String::with_capacity(digits.len() + 2);
    if value.is_sign_negative() && !value.is_zero() {
        text.push('-');
    }
    for (i, &digit) in digits.iter().enumerate().rev() {
        text.push(char::from(digit));
        if i == scale && scale > 0 {
            text.push('.');
        }
    }
    text
}

/// A whole number in decimal digits, zeros in front up to `width` digits.
/// Messages are joined from pieces with this rather than `format!`, which
/// would put `core::fmt` in the wasm.
pub fn whole(n: u64, width: usize) -> String {
    let mut digits = Vec::with_capacity(20);
    let mut rest = n;
    while rest > 0 || digits.len() < width.max(1) {
        digits.push(b'0' + (rest % 10) as u8);
        rest /= 10;
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// An excerpt: the text with its whitespace collapsed, cut after `max_words`
/// words. A word is a run of non-whitespace characters. When the text is
/// longer, the last kept word is followed directly by `...`. Runs in
/// scripts written without spaces are split by [`split_marks`]; in the
/// browser, [`excerpt_with`] takes `Intl.Segmenter` instead.
pub fn excerpt(text: &str, max_words: usize) -> String {
    excerpt_with(text, max_words, &split_marks)
}

/// Splits a run of text written without spaces into units: each unit's end
/// (a byte offset into the run; the last is the run's length) and whether
/// it counts as a word (punctuation does not).
pub type Segmenter<'a> = &'a dyn Fn(&str) -> Vec<(usize, bool)>;

/// [`excerpt`] with `segment` splitting the runs of scripts written
/// without spaces (Chinese, Japanese, Thai and their neighbours), so a
/// Chinese text is cut after `max_words` of its words instead of being one
/// unbounded "word". Units never split a character, and `segment` is
/// trusted to keep marks with their base (Intl.Segmenter does).
pub fn excerpt_with(text: &str, max_words: usize, segment: Segmenter) -> String {
    let mut out = String::with_capacity(text.len().min(max_words.saturating_mul(8)));
    let mut count = 0;
    let mut cut = false;
    'words: for word in text.split_whitespace() {
        if count == max_words {
            cut = true;
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if !word.chars().any(is_unspaced) {
            out.push_str(word);
            count += 1;
            continue;
        }
        let mut start = 0;
        for (end, is_word) in segment(word) {
            let Some(unit) = word.get(start..end) else { continue };
            if is_word && count == max_words {
                cut = true;
                break 'words;
            }
            out.push_str(unit);
            count += usize::from(is_word);
            start = end;
        }
        // Whatever the segmenter did not cover is kept, not lost.
        out.push_str(word.get(start..).unwrap_or_default());
    }
    if cut {
        out.push_str("...");
    }
    out
}

/// A segmenter that keeps each run whole: one word. For collapsing
/// whitespace, and in browsers without `Intl.Segmenter`, where carrying
/// [`split_marks`] would cost more than those few readers gain.
pub fn whole_run(run: &str) -> Vec<(usize, bool)> {
    vec![(run.len(), true)]
}

/// Whether `c` is in a script written without spaces between words: Thai,
/// Lao, Myanmar, Khmer, Chinese characters, kana.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x3040..=0x30FF | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3134F)
}

/// A segmenter without dictionaries, for native code and browsers without
/// `Intl.Segmenter`: every character of an unspaced script is a unit, a run
/// of other letters and digits is one, and marks, joiners and variation
/// selectors stay with the character before them. All but punctuation
/// counts as words.
pub fn split_marks(run: &str) -> Vec<(usize, bool)> {
    let mut units: Vec<(usize, bool)> = Vec::new();
    let mut joined = false;
    let mut previous_spaced_letter = false;
    for (at, c) in run.char_indices() {
        let end = at + c.len_utf8();
        let wordy = !is_punctuation(c);
        let spaced_letter = wordy && !is_unspaced(c);
        match units.last_mut() {
            Some(last) if joined || is_mark(c) || (spaced_letter && previous_spaced_letter) => last.0 = end,
            _ => units.push((end, wordy)),
        }
        joined = c == '\u{200d}';
        if !is_mark(c) {
            previous_spaced_letter = spaced_letter;
        }
    }
    units
}

/// ASCII, general and CJK punctuation and symbols: not words. (A small
/// list rather than Unicode's categories, whose tables would cost the wasm
/// several KB.)
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20
            | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0x0E2F | 0x0E46 | 0x0E4F | 0x0E5A..=0x0E5B)
}

/// Combining marks and the like that belong to the character before them
/// (those of spaced scripts such as Cyrillic or Arabic join their letter's
/// run anyway).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x0EB1 | 0x0EB4..=0x0EBC | 0x0EC8..=0x0ECD | 0x102B..=0x103E | 0x17B4..=0x17D3
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C..=0x200D | 0x20D0..=0x20FF | 0x3099..=0x309A
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

/// The range of results on screen: `1 - shown of total`, never past the total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counter {
    pub first: usize,
    pub last: usize,
    pub total: usize,
}

impl Counter {
    /// `None` for an empty feed, which is shown as "No results" instead.
    pub fn new(shown: usize, total: usize) -> Option<Counter> {
        if total == 0 {
            return None;
        }
        Some(Counter { first: 1, last: shown.clamp(1, total), total })
    }

    /// `Viewing results 1 - 5 of 5` in the language of `texts`, in the
    /// plural form `category` (`Intl.PluralRules` of the total's).
    pub fn text(&self, texts: &Texts, category: &str) -> String {
        let [first, last, total] = [self.first, self.last, self.total].map(|n| whole(n as u64, 1));
        let template = texts.plural_template("counter", category);
        crate::rules::texts::fill(template, &[("first", &first), ("last", &last), ("total", &total)])
    }
}

/// A link from the feed, if it may be followed: `http:` and `https:` URLs,
/// or a relative reference (which the page resolves against the feed's URL
/// and checks again). Leading and trailing spaces and control characters and
/// any tab or newline are dropped first, as a browser's URL parser does, so
/// `" java\tscript:"` is seen for what it is.
pub fn safe_link(raw: &str) -> Option<String> {
    let cleaned: String =
        raw.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    if cleaned.is_empty() {
        return None;
    }
    match scheme(&cleaned) {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => Some(cleaned),
        Some(_) => None,
        None => Some(cleaned),
    }
}

/// The scheme of an absolute URL: letters, then letters, digits, `+`, `-`, `.`, then `:`.
fn scheme(url: &str) -> Option<&str> {
    let (candidate, _) = url.split_once(':')?;
    let mut chars = candidate.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_is_letter && rest_ok).then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        parse_decimal(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    #[test]
    fn decimals_are_shown_exactly_as_sent() {
        for text in ["0.01144", "0.00008", "0.10798", "0.28571", "0.00191", "1.50", "0", "-0.25", "12345.678900"] {
            assert_eq!(dec(text).to_string(), text);
        }
    }

    #[test]
    fn exponent_notation_is_shown_as_a_plain_decimal() {
        assert_eq!(dec("8e-5").to_string(), "0.00008");
        assert_eq!(dec("1.5E2").to_string(), "150");
        // How JavaScript prints numbers it reads from a feed.
        assert_eq!(dec("1.23e-7").to_string(), "0.000000123");
        assert_eq!(dec("1e+21").to_string(), "1000000000000000000000");
    }

    #[test]
    fn signs_points_and_spaces() {
        assert_eq!(dec("+2").to_string(), "2");
        assert_eq!(dec(" -1.5 ").to_string(), "-1.5");
        assert_eq!(dec(".5").to_string(), "0.5");
        assert_eq!(dec("5.").to_string(), "5");
        assert_eq!(dec("007.10").to_string(), "7.10");
    }

    #[test]
    fn decimals_up_to_the_limits_of_the_type() {
        // 28 places, and 28 significant digits.
        let tiny = format!("0.{}1", "0".repeat(27));
        assert_eq!(dec(&tiny).to_string(), tiny);
        assert_eq!(dec("1.0e-28").to_string(), tiny);
        let big = "7".repeat(28);
        assert_eq!(dec(&big).to_string(), big);
        assert_eq!(dec("79228162514264337593543950335").to_string(), "79228162514264337593543950335");
        assert_eq!(parse_decimal("79228162514264337593543950336"), None);
    }

    #[test]
    fn bad_decimals_are_rejected() {
        let too_many_digits = "1".repeat(30);
        let too_many_places = format!("0.{}1", "0".repeat(28));
        for text in [
            "",
            " ",
            "NaN",
            "1,5",
            "abc",
            "0.0.1",
            "Infinity",
            "1e",
            "--1",
            "+-1",
            ".",
            "-",
            "1e5.5",
            "1e+",
            "1_000",
            "0x10",
            "1e99999",
            &too_many_digits,
            &too_many_places,
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn change_is_rounded_half_away_from_zero_and_trimmed() {
        let cases = [
            ("0.01144", "0.01144", "0"),
            ("101.5", "100", "1.5"),
            ("99.75", "100", "-0.25"),
            ("1.000125", "1", "0.01"),
            ("0.999875", "1", "-0.01"),
            ("1.00005", "1", "0.01"),
            ("0.99995", "1", "-0.01"),
            ("1.00004", "1", "0"),
            ("200", "100", "100"),
            // Negative figures (a spread, say): the sign of the result is
            // that of the change relative to the size of `previous`.
            ("-1.5", "-1", "50"),
            ("-0.5", "-1", "-50"),
            ("1", "-1", "-200"),
            // Halves away from zero, in both directions.
            ("1.000050", "1", "0.01"),
            ("0.999950", "1", "-0.01"),
            ("1.00015", "1", "0.02"),
            ("0.99985", "1", "-0.02"),
            // Different scales: 3 places against 7.
            ("0.012", "0.0114400", "4.9"),
            ("0.00008", "0.00009", "-11.11"),
        ];
        for (rate, previous, expected) in cases {
            let got = change_percent(dec(rate), dec(previous)).map(|d| d.to_string());
            assert_eq!(got.as_deref(), Some(expected), "{rate} from {previous}");
        }
    }

    #[test]
    fn change_from_zero_has_no_percentage() {
        assert_eq!(change_percent(dec("1"), dec("0")), None);
        assert_eq!(change_percent(dec("1"), dec("0.000")), None);
    }

    /// The integer arithmetic agrees with rust_decimal's general division
    /// on a spread of figures (a fixed-seed generator, so failures repeat).
    #[test]
    fn change_agrees_with_rust_decimal_division() {
        use rust_decimal::RoundingStrategy;
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let figure = |next: &mut dyn FnMut() -> u64| {
            let digits = next() % 12 + 1;
            let mantissa = (next() % 10_u64.pow(digits as u32)) as i64 * if next().is_multiple_of(5) { -1 } else { 1 };
            Decimal::new(mantissa, (next() % 10) as u32)
        };
        for _ in 0..20_000 {
            let (rate, previous) = (figure(&mut next), figure(&mut next));
            let expected = (!previous.is_zero()).then(|| {
                let change = (rate - previous) / previous * Decimal::ONE_HUNDRED;
                tidy(change.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
            });
            assert_eq!(change_percent(rate, previous), expected, "{rate} from {previous}");
        }
    }

    #[test]
    fn change_of_the_largest_decimals() {
        let max = "79228162514264337593543950335";
        assert_eq!(change_percent(dec(max), dec(max)).map(|d| d.to_string()).as_deref(), Some("0"));
        let half = "39614081257132168796771975168";
        assert_eq!(change_percent(dec(half), dec(max)).map(|d| d.to_string()).as_deref(), Some("-50"));
        // Too far apart for 128 bits: no percentage rather than a wrong one.
        assert_eq!(change_percent(dec(max), dec("0.0000000000000000000000000001")), None);
    }

    #[test]
    fn direction_follows_the_sign() {
        assert_eq!(Direction::of(dec("0")), Direction::Flat);
        assert_eq!(Direction::of(dec("-0.00")), Direction::Flat);
        assert_eq!(Direction::of(dec("0.1")), Direction::Up);
        assert_eq!(Direction::of(dec("-0.1")), Direction::Down);
    }

    #[test]
    fn whole_numbers_are_written_as_their_digits_padded_to_a_width() {
        for n in [0, 7, 10, 99, 1_000, 4_294_967_296, u64::MAX] {
            assert_eq!(whole(n, 1), n.to_string());
        }
        assert_eq!(whole(7, 2), "07");
        assert_eq!(whole(0, 4), "0000");
        assert_eq!(whole(2025, 2), "2025");
    }

    #[test]
    fn decimal_text_writes_what_rust_decimal_writes() {
        let mut values: Vec<Decimal> =
            ["0", "0.00008", "1.50", "-3", "-0.25", "0.000", "79228162514264337593543950335"]
                .iter()
                .map(|s| dec(s))
                .collect();
        values.push(Decimal::from_i128_with_scale(-1, 28));
        values.push(Decimal::MIN);
        for mantissa in [1_i64, 7, 10, 99, 100, 12_345, -12_345, 1_000_000_007] {
            for scale in 0..=12 {
                values.push(Decimal::new(mantissa, scale));
            }
        }
        for value in values {
            assert_eq!(decimal_text(value), value.to_string(), "{value:?}");
        }
    }

    #[test]
    fn a_rate_label_says_the_direction_in_words() {
        let words = Texts::english();
        assert_eq!(rate_label("KGS", "USD", "0.01144", Direction::Flat, "0", &words), "KGS to USD 0.01144, unchanged");
        assert_eq!(rate_label("KZT", "USD", "0.00191", Direction::Up, "1.5", &words), "KZT to USD 0.00191, up 1.5%");
        assert_eq!(
            rate_label("UZS", "USD", "0.00008", Direction::Down, "0.25", &words),
            "UZS to USD 0.00008, down 0.25%"
        );
        let ru = Texts::for_locale("ru");
        assert_eq!(rate_label("KZT", "USD", "0,00191", Direction::Up, "1,5", &ru), "KZT к USD: 0,00191, рост на 1,5%");
    }

    #[test]
    fn rate_text_matches_the_contract() {
        assert_eq!(rate_text("KGS", "USD", dec("0.01144"), dec("0")), "KGS/USD = 0.01144 0%");
        assert_eq!(rate_text("UZS", "USD", dec("0.00008"), dec("-0.25")), "UZS/USD = 0.00008 -0.25%");
    }

    #[test]
    fn excerpt_keeps_short_text_whole_with_whitespace_collapsed() {
        assert_eq!(excerpt("  one\ttwo \n three ", 3), "one two three");
        assert_eq!(excerpt("", 3), "");
    }

    #[test]
    fn excerpt_cuts_after_n_words_and_appends_dots_directly() {
        assert_eq!(excerpt("a b c d", 3), "a b c...");
        assert_eq!(excerpt("Baku-Tbilisi-Ceyhan pipeline - a route", 3), "Baku-Tbilisi-Ceyhan pipeline -...");
    }

    #[test]
    fn excerpt_of_exactly_n_words_has_no_dots() {
        assert_eq!(excerpt("a b c", 3), "a b c");
    }

    #[test]
    fn excerpt_counts_unicode_whitespace_as_separators() {
        // U+2003 (em space) and U+3000 (ideographic space) are Unicode White_Space.
        assert_eq!(excerpt("один\u{2003}два\u{3000}три четыре", 3), "один два три...");
    }

    #[test]
    fn text_without_spaces_is_cut_by_its_units() {
        // Each character is a unit without Intl.Segmenter.
        assert_eq!(excerpt("経済成長が続く", 3), "経済成...");
        assert_eq!(excerpt("経済成長", 4), "経済成長");
        // Punctuation does not count as a word but is kept.
        assert_eq!(excerpt("経済。成長", 3), "経済。成...");
        // Mixed with spaced words: counts run on across both.
        assert_eq!(excerpt("GDP 経済成長 grew fast", 3), "GDP 経済...");
        // Thai vowels and tone marks stay with their consonant.
        assert_eq!(excerpt("ข่าวดี", 1), "ข่...");
    }

    #[test]
    fn a_segmenter_decides_the_units_of_unspaced_runs() {
        // As Intl.Segmenter splits 経済成長が続く: 経済 / 成長 / が / 続く.
        let words = |_: &str| vec![(6, true), (12, true), (15, true), (21, true)];
        assert_eq!(excerpt_with("経済成長が続く", 2, &words), "経済成長...");
        assert_eq!(excerpt_with("経済成長が続く", 4, &words), "経済成長が続く");
        // Offsets that are not character boundaries are skipped, never split.
        let broken = |_: &str| vec![(1, true), (6, true)];
        assert_eq!(excerpt_with("経済", 5, &broken), "経済");
    }

    #[test]
    fn a_whole_run_segmenter_only_collapses_whitespace() {
        assert_eq!(excerpt_with(" 経済成長 \t が続く ", usize::MAX, &whole_run), "経済成長 が続く");
        assert_eq!(excerpt_with("経済成長 が続く", 1, &whole_run), "経済成長...");
    }

    #[test]
    fn marks_joiners_and_modifiers_stay_with_their_character() {
        let units = |s: &str| split_marks(s).into_iter().map(|(end, _)| end).collect::<Vec<_>>();
        assert_eq!(units("e\u{301}x"), [4]);
        assert_eq!(units("経\u{3099}済"), [6, 9]);
        assert_eq!(units("👩\u{200d}💻経"), [11, 14]);
        assert_eq!(units("👍🏽"), [8]);
        assert_eq!(units("ข่า"), [6, 9]);
        assert_eq!(units("GDP経済"), [3, 6, 9]);
    }

    #[test]
    fn counter_never_passes_total() {
        let en = Texts::english();
        let text = |c: Counter| c.text(&en, "other");
        assert_eq!(Counter::new(6, 5).map(text).as_deref(), Some("Viewing results 1 - 5 of 5"));
        assert_eq!(Counter::new(10, 25).map(text).as_deref(), Some("Viewing results 1 - 10 of 25"));
        let ru = Texts::for_locale("ru");
        assert_eq!(Counter::new(10, 21).unwrap().text(&ru, "one"), "Показаны 1–10 из 21 новости");
        assert_eq!(Counter::new(10, 25).unwrap().text(&ru, "many"), "Показаны 1–10 из 25 новостей");
        assert_eq!(Counter::new(10, 0), None);
    }

    #[test]
    fn only_http_and_https_links_are_kept() {
        let allowed = ["https://a.example/x", "HTTP://a.example", "/relative/path", "item.html", "?q=1"];
        for url in allowed {
            assert!(safe_link(url).is_some(), "{url}");
        }
        let refused = [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "jav\nascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:msgbox",
            "ftp://a.example",
            "",
            "   ",
        ];
        for url in refused {
            assert_eq!(safe_link(url), None, "{url:?}");
        }
    }
}
