//! Exact decimals: parsed from the feed's own digits, the change
//! percentage in exact integer arithmetic, and written back as text.
//! Every number shown comes from a `Decimal` parsed here, so nothing can
//! print `8e-5` or `0.00008000000001`.

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

/// A whole number written as plain decimal digits: no sign, no spaces,
/// no point or exponent, so `+5`, `5.0` and `1e3` are refused rather than
/// guessed at, as is what overflows. The inverse of [`whole`].
pub fn whole_number(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |n, b| {
        let digit = b.checked_sub(b'0').filter(|d| *d <= 9)?;
        n.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A decimal the test writes, which must parse.
    pub(crate) fn dec(s: &str) -> Decimal {
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
    fn whole_numbers_are_read_from_plain_digits_only() {
        assert_eq!(whole_number("0"), Some(0));
        assert_eq!(whole_number("007"), Some(7));
        assert_eq!(whole_number("18446744073709551615"), Some(u64::MAX));
        for refused in ["", "+5", "-5", "5.0", "1e3", " 5", "5 ", "18446744073709551616", "٣"] {
            assert_eq!(whole_number(refused), None, "{refused:?}");
        }
    }
}
