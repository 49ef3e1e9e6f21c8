//! The precision a value was filed with, and its text in the data format.
//!
//! XBRL instance documents carry each value's `decimals`; companyfacts drops
//! it, and JSON drops trailing zeros (an EPS filed as 2.40 reads 2.4). A
//! filing states its figures to one rounding per unit (Donaldson's to the
//! $0.1M and the cent), so the precision of a value is the finest any value
//! of the same filing and unit shows. That never claims more precision than
//! the filing has, only, for a filing whose every value ends in zeros, less.

use rust_decimal::Decimal;

/// The decimals a value shows: the digits after the point, or minus the
/// trailing zeros of a whole number (`210000000` shows -5 at most:
/// `0`, which shows nothing, gives `None`).
fn shown_decimals(value: Decimal) -> Option<i32> {
    if value.is_zero() {
        return None;
    }
    let v = value.normalize();
    if v.scale() > 0 {
        return Some(v.scale() as i32);
    }
    let mut m = v.mantissa().unsigned_abs();
    let mut zeros = 0;
    while m % 10 == 0 && m > 0 {
        m /= 10;
        zeros += 1;
    }
    Some(-zeros)
}

/// The finest decimals any of `values` shows (0 when none shows any: all
/// zero).
///
/// ```
/// use rust_decimal::Decimal;
/// use qbrief_filings::inferred_decimals;
/// let filed = [Decimal::from(765_000_000), Decimal::from(629_700_000)];
/// assert_eq!(inferred_decimals(filed), -5);
/// assert_eq!(inferred_decimals([Decimal::new(24, 1), Decimal::new(243, 2)]), 2);
/// ```
pub fn inferred_decimals(values: impl IntoIterator<Item = Decimal>) -> i32 {
    values
        .into_iter()
        .filter_map(shown_decimals)
        .max()
        .unwrap_or(0)
}

/// What a filed value is, for its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FiledUnit<'a> {
    /// An amount of money, with the prefix the data format writes for its
    /// currency (`$`, `EUR `).
    Money(&'a str),
    /// Money per share.
    MoneyPerShare(&'a str),
}

/// The data format's text of a filed value at `decimals`: money in millions
/// (`$765.0M`, `-$19.0M`) or, below a thousand, as is; per share to its
/// decimals (`$2.40/share`). The text states exactly the precision given:
/// `$765.0M` is decimals -5.
///
/// ```
/// use rust_decimal::Decimal;
/// use qbrief_filings::value_text;
/// use qbrief_filings::FiledUnit;
/// assert_eq!(value_text(Decimal::from(765_000_000), -5, FiledUnit::Money("$")), "$765.0M");
/// assert_eq!(value_text(Decimal::new(24, 1), 2, FiledUnit::MoneyPerShare("$")), "$2.40/share");
/// ```
pub fn value_text(value: Decimal, decimals: i32, unit: FiledUnit<'_>) -> String {
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    let abs = value.abs();
    match unit {
        FiledUnit::MoneyPerShare(prefix) => {
            format!("{sign}{prefix}{}/share", fixed(abs, decimals.max(0)))
        }
        FiledUnit::Money(prefix) if abs < Decimal::from(1000) && decimals >= 0 => {
            format!("{sign}{prefix}{}", fixed(abs, decimals))
        }
        FiledUnit::Money(prefix) if decimals < -6 && abs >= Decimal::from(1_000_000_000) => {
            let billions = abs / Decimal::from(1_000_000_000);
            format!(
                "{sign}{prefix}{}B",
                grouped(&fixed(billions, (9 + decimals).max(0)))
            )
        }
        FiledUnit::Money(prefix) => {
            let millions = abs / Decimal::from(1_000_000);
            format!(
                "{sign}{prefix}{}M",
                grouped(&fixed(millions, (6 + decimals).max(0)))
            )
        }
    }
}

/// `value` rounded half away from zero to `digits` after the point, with
/// exactly that many digits.
fn fixed(value: Decimal, digits: i32) -> String {
    let digits = digits.clamp(0, 20) as u32;
    let rounded =
        value.round_dp_with_strategy(digits, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let mut text = rounded.to_string();
    let have = text.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    if have < digits {
        if have == 0 {
            text.push('.');
        }
        text.extend(std::iter::repeat_n('0', (digits - have) as usize));
    }
    text
}

/// Thousands separators in the whole part: `1315.8` gives `1,315.8`.
fn grouped(text: &str) -> String {
    let (whole, fraction) = text
        .split_once('.')
        .map_or((text, None), |(w, f)| (w, Some(f)));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use qbrief_model::{parse_value, Currency, Vocabulary};

    #[test]
    fn shown_decimals_of_filed_values() {
        assert_eq!(shown_decimals(Decimal::from(210_000_000)), Some(-7));
        assert_eq!(shown_decimals(Decimal::from(211_100_000)), Some(-5));
        assert_eq!(shown_decimals(Decimal::new(62, 2)), Some(2));
        assert_eq!(shown_decimals(Decimal::new(240, 2)), Some(1));
        assert_eq!(shown_decimals(Decimal::ZERO), None);
        assert_eq!(inferred_decimals([Decimal::ZERO]), 0);
    }

    #[test]
    fn texts_read_back_with_the_value_and_precision_given() {
        let v = Vocabulary::builtin(&["base"], Currency::USD);
        let cases = [
            (
                Decimal::from(765_000_000),
                -5,
                FiledUnit::Money("$"),
                "$765.0M",
            ),
            (
                Decimal::from(1_315_800_000),
                -5,
                FiledUnit::Money("$"),
                "$1,315.8M",
            ),
            (
                Decimal::from(-19_000_000),
                -5,
                FiledUnit::Money("$"),
                "-$19.0M",
            ),
            (
                Decimal::from(3_100_000_000i64),
                -8,
                FiledUnit::Money("$"),
                "$3.1B",
            ),
            (
                Decimal::from(210_000_000),
                -6,
                FiledUnit::Money("$"),
                "$210M",
            ),
            (Decimal::from(512), 0, FiledUnit::Money("$"), "$512"),
            (
                Decimal::new(243, 2),
                2,
                FiledUnit::MoneyPerShare("$"),
                "$2.43/share",
            ),
            (
                Decimal::new(-57, 2),
                2,
                FiledUnit::MoneyPerShare("$"),
                "-$0.57/share",
            ),
        ];
        for (value, decimals, unit, text) in cases {
            assert_eq!(value_text(value, decimals, unit), text);
            let figure = parse_value(text, &v.units).unwrap();
            assert_eq!(
                (figure.value(), figure.decimals()),
                (value, decimals),
                "{text}"
            );
        }
    }
}
