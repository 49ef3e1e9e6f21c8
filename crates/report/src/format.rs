//! Presenting numbers: explicit rounding to the digits the inputs support,
//! scale suffixes, signs, and Markdown escaping of text from data files.

use qbrief_model::{Currency, Figure, Interval, Unit, UnitTable};
use rust_decimal::{Decimal, RoundingStrategy};

/// How many decimal places of the canonical value a derived number
/// supports: one digit past the first uncertain place of its interval,
/// within the unit's bounds. Exact inputs give the unit's maximum.
pub fn derived_decimals(interval: &Interval, unit: &Unit) -> i32 {
    decimals_within(interval, bounds(unit))
}

/// How many decimal places an interval supports, within `(min, max)`.
pub fn decimals_within(interval: &Interval, (min, max): (i32, i32)) -> i32 {
    let width = match (interval.low, interval.high) {
        (Some(l), Some(h)) => h.checked_sub(l),
        _ => None,
    };
    let dp = match width {
        Some(w) if w > Decimal::ZERO => 1 - floor_log10(w),
        Some(_) => max,
        // Unbounded: no digit is certain; show the coarsest the unit allows.
        None => min,
    };
    dp.clamp(min, max)
}

/// The fewest and most decimal places a derived value of `unit` shows.
fn bounds(unit: &Unit) -> (i32, i32) {
    if unit.is_percent() {
        (0, 1)
    } else if unit.is_money() {
        (-9, 0)
    } else if unit.dimension().has_money() {
        (-9, 2)
    } else if unit.symbol() == "count" {
        (-6, 0)
    } else {
        (-9, 2)
    }
}

/// The exponent of the leading digit of a positive `w`: its mantissa's
/// digits less its scale (exact, where dividing by ten in a loop was slow).
fn floor_log10(w: Decimal) -> i32 {
    match w.mantissa().unsigned_abs().checked_ilog10() {
        Some(digits) => digits as i32 - w.scale() as i32,
        None => -28,
    }
}

/// A stated figure as written for a reader, with its qualifier:
/// "about $74M", "over 10,000", "2–4 EH/s".
pub fn figure(f: &Figure, units: &UnitTable) -> String {
    let unit = f.unit();
    let d = f.decimals();
    let text = match f.range().zip(f.range_decimals()) {
        // Each end at its own precision: "1.5–2%", not "2–2%".
        Some(((low, high), (low_d, high_d))) => {
            let (low, high) = (
                value(low, unit, units, low_d, false),
                value(high, unit, units, high_d, false),
            );
            // "22–23 J/TH": the unit once, after the high end.
            let unit_text: String = high
                .chars()
                .skip_while(|c| !c.is_ascii_alphabetic() && *c != '%' && *c != '/')
                .collect();
            let low = low
                .strip_suffix(unit_text.as_str())
                .unwrap_or(&low)
                .trim_end()
                .to_string();
            format!("{low}–{high}")
        }
        None => value(f.value(), unit, units, d, false),
    };
    let qualifier = match f.qualifier() {
        qbrief_model::Qualifier::About => "about ",
        qbrief_model::Qualifier::AtLeast => "over ",
        qbrief_model::Qualifier::AtMost => "at most ",
        _ => "",
    };
    format!("{qualifier}{text}")
}

/// A value in `unit`, rounded to `decimals` places of the canonical unit
/// (XBRL-style, negative for tens, thousands...). `signed` adds a `+` to
/// positive values (for changes). Larger units of the taxonomies are used
/// where the value reaches them (7,300,000 TH/s is "7.30 EH/s").
pub fn value(v: Decimal, unit: &Unit, units: &UnitTable, decimals: i32, signed: bool) -> String {
    let mut out = String::with_capacity(16);
    if v.is_sign_negative() && !v.is_zero() {
        out.push('-');
    } else if signed && !v.is_zero() {
        out.push('+');
    }
    let a = v.abs();
    if unit.is_percent() {
        out.push_str(&number(a, decimals));
        out.push('%');
    } else if let Some(c) = unit.currency() {
        push_money_symbol(&mut out, c);
        if unit.is_money() {
            let scales = [(9, "B"), (6, "M")];
            let (scaled, suffix, places) = scale_for(a, decimals, &scales, 1);
            out.push_str(&number(scaled, places));
            out.push_str(suffix);
        } else {
            let per = unit
                .symbol()
                .split_once('/')
                .map_or("", |(_, per)| per)
                .trim_start_matches('(')
                .trim_end_matches(')');
            out.push_str(&number(a, decimals));
            out.push('/');
            out.push_str(per);
        }
    } else if unit.symbol() == "count" {
        out.push_str(&number(a, decimals));
    } else {
        let scales = larger_units(unit, units);
        let (scaled, suffix, places) = scale_for(a, decimals, &scales, 0);
        out.push_str(&number(scaled, places));
        match (suffix.is_empty(), unit.symbol().chars().count()) {
            // One-character symbols attach to the number: "6.1x".
            (true, 1) => out.push_str(unit.symbol()),
            (true, _) => {
                out.push(' ');
                out.push_str(unit.symbol());
            }
            (false, _) => out.push_str(suffix),
        }
    }
    out
}

/// The units of a base dimension larger than its canonical one by a power
/// of ten, largest first: `(6, " EH/s"), (3, " PH/s")`.
pub fn larger_units(unit: &Unit, units: &UnitTable) -> Vec<(i32, String)> {
    let mut out: Vec<(i32, String)> = units
        .units()
        .iter()
        .filter(|u| &u.dimension == unit.dimension() && u.factor > Decimal::ONE)
        .filter_map(|u| {
            let digits = u.factor.normalize().to_string();
            let exp = digits.len() as i32 - 1;
            (digits.starts_with('1') && digits[1..].chars().all(|c| c == '0'))
                .then(|| (exp, format!(" {}", u.id)))
        })
        .collect();
    out.sort_by_key(|u| std::cmp::Reverse(u.0));
    out
}

/// The symbol of a currency before its amount: "$", "€", "£", else the
/// code and a space ("CHF ").
fn push_money_symbol(out: &mut String, c: Currency) {
    match c.code() {
        "USD" => out.push('$'),
        "EUR" => out.push('€'),
        "GBP" => out.push('£'),
        code => {
            out.push_str(code);
            out.push(' ');
        }
    }
}

/// Picks the largest scale the value reaches (less `early` powers of ten, so
/// that $600,000 shows as $0.6M) and the decimal places to show in it:
/// `decimals` of the canonical value become `decimals + exponent`.
fn scale_for<S: AsRef<str>>(
    a: Decimal,
    decimals: i32,
    scales: &[(i32, S)],
    early: u32,
) -> (Decimal, &str, i32) {
    for (exp, suffix) in scales {
        let Some(unit) = 10i128.checked_pow(*exp as u32) else {
            continue;
        };
        let unit = Decimal::from_i128_with_scale(unit, 0);
        // Only the smallest scale starts early: $0.6M, never $0.114B.
        let is_smallest = Some(exp) == scales.last().map(|(e, _)| e);
        let early = if is_smallest { early } else { 0 };
        let threshold =
            Decimal::from_i128_with_scale(10i128.pow((*exp as u32).saturating_sub(early)), 0);
        if a >= threshold && (decimals + exp >= 0 || a >= unit) {
            return (a / unit, suffix.as_ref(), (decimals + exp).max(0));
        }
    }
    (a, "", decimals)
}

/// A non-negative number rounded half away from zero to `places` decimal
/// places (negative: to tens, hundreds...), with thousands separators.
pub fn number(a: Decimal, places: i32) -> String {
    let rounded = round_to(a, places);
    let places = places.max(0) as usize;
    // The digits are read from the mantissa: briefs format thousands of
    // numbers, and `Decimal`'s formatter was a tenth of the render.
    let mut digits = rounded.mantissa().unsigned_abs().to_string();
    let scale = rounded.scale() as usize;
    if scale <= places {
        digits.extend(std::iter::repeat_n('0', places - scale));
    } else {
        // Only where rounding to tens would overflow (next to
        // `Decimal::MAX`) are digits left past the point: they are dropped.
        digits.truncate(digits.len().saturating_sub(scale - places));
    }
    group(&digits, places)
}

/// `a` rounded half away from zero to `places` decimal places (negative:
/// to tens, hundreds...). Next to `Decimal::MAX`, where rounding up to tens
/// would overflow, the value is kept as it is.
fn round_to(a: Decimal, places: i32) -> Decimal {
    if places >= 0 {
        a.round_dp_with_strategy(places as u32, RoundingStrategy::MidpointAwayFromZero)
    } else {
        let unit = Decimal::from_i128_with_scale(10i128.pow(places.unsigned_abs().min(27)), 0);
        (a / unit)
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            .checked_mul(unit)
            .unwrap_or(a)
    }
}

/// Digits with `places` of them after a decimal point, grouped by
/// thousands: "1234567", 2 gives "12,345.67".
fn group(digits: &str, places: usize) -> String {
    let padded;
    let digits = if digits.len() <= places {
        padded = format!("{}{digits}", "0".repeat(places + 1 - digits.len()));
        padded.as_str()
    } else {
        digits
    };
    let (whole, fraction) = digits.split_at(digits.len() - places);
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 + places + 1);
    for (i, c) in whole.char_indices() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if places > 0 {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// Escapes text from a data file so it is shown literally in Markdown, on
/// GitHub (where `$` starts math) and in pandoc: no markup, no raw HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, text);
    out
}

/// [`escape`], appending to `out`. Every character it changes is ASCII, so
/// the text is copied in runs between them.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let markup = matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'{'
                | b'}'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'#'
                | b'|'
                | b'!'
                | b'$'
                | b'&'
                | b'~'
                | b'^'
        );
        if !markup && b != b'\n' && b != b'\r' {
            continue;
        }
        out.push_str(&text[start..i]);
        if markup {
            out.push('\\');
            out.push(b as char);
        } else {
            // A line break would end a table row or a footnote.
            out.push(' ');
        }
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// Escapes a formatted number for Markdown (only `$` needs it).
pub fn md(text: &str) -> String {
    // Most cells have no `$`; `replace` would grow its output piece by piece.
    let dollars = text.bytes().filter(|&b| b == b'$').count();
    let mut out = String::with_capacity(text.len() + dollars);
    let mut pieces = text.split('$');
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        out.push_str("\\$");
        out.push_str(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use qbrief_model::{parse_value, Vocabulary};

    fn units() -> UnitTable {
        Vocabulary::builtin(&["bitcoin-mining"], Currency::USD).units
    }

    fn unit(expr: &str) -> Unit {
        let units = units();
        units.unit_of(&units.parse_expression(expr).unwrap(), Currency::USD)
    }

    #[test]
    fn floor_log10_is_the_leading_digit_exponent() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        for (w, exp) in [
            ("1", 0),
            ("9.99", 0),
            ("10", 1),
            ("10.00", 1),
            ("0.1", -1),
            ("0.05", -2),
            ("0.0999", -2),
            ("123456", 5),
            ("0.0000000000000000000000000001", -28),
            ("79228162514264337593543950335", 28),
        ] {
            assert_eq!(floor_log10(d(w)), exp, "{w}");
        }
    }

    #[track_caller]
    fn check(value_text: &str, expected: &str) {
        let units = units();
        assert_eq!(
            figure(&parse_value(value_text, &units).unwrap(), &units),
            expected
        );
    }

    #[test]
    fn stated_figures_keep_their_precision() {
        check("$73.6M", "$73.6M");
        check("$36.80M", "$36.80M");
        check("-$19.0M", "-$19.0M");
        check("$72M", "$72M");
        check("$64.58M", "$64.58M");
        check("over $61,000", "over $61,000");
        check("7.30M TH/s", "7.30 EH/s");
        check("4.6 EH/s", "4.6 EH/s");
        check("350 PH/s", "350 PH/s");
        check("215 TH/s", "215 TH/s");
        check("1,212 BTC", "1,212 BTC");
        check("about 1,500 units", "about 1,500");
        check("22%", "22%");
        check("nearly 80%", "at most 80%");
        check("$8.8/TH/s", "$8.8/TH/s");
        check("2-4 EH/s", "2–4 EH/s");
        check("22-23 J/TH", "22–23 J/TH");
        check("1.5% to 2%", "1.5–2%");
        check("$4.10 to $4.30", "$4.10–$4.30");
        check("$0.5M to $2M", "$0.5–$2M");
        check("$0.174B", "$174M");
        check("$0.0402/kWh", "$0.0402/kWh");
        check("$1.38/share", "$1.38/share");
        check("€12M", "€12M");
        check("30 bps", "0.30%");
    }

    #[test]
    fn derived_digits_follow_the_interval() {
        let i = |l: &str, h: &str| Interval::closed(l.parse().unwrap(), h.parse().unwrap());
        assert_eq!(derived_decimals(&i("16.72", "18.78"), &Unit::percent()), 1);
        assert_eq!(derived_decimals(&i("-3", "7.7"), &Unit::percent()), 0);
        assert_eq!(
            derived_decimals(&i("8.8398", "8.8533"), &unit("money/(TH/s)")),
            2
        );
        assert_eq!(
            derived_decimals(&i("50000", "1150000"), &Unit::money(Currency::USD)),
            -5
        );
        assert_eq!(
            derived_decimals(
                &Interval {
                    low: None,
                    high: None
                },
                &Unit::percent()
            ),
            0
        );
        assert_eq!(
            value(
                Decimal::new(600_000, 0),
                &Unit::money(Currency::USD),
                &units(),
                -5,
                true
            ),
            "+$0.6M"
        );
        assert_eq!(
            value(
                Decimal::new(61_224, 0),
                &Unit::money(Currency::USD),
                &units(),
                -2,
                false
            ),
            "$61,200"
        );
        assert_eq!(
            value(
                Decimal::new(33_303_167, 0),
                &Unit::money(Currency::USD),
                &units(),
                -5,
                false
            ),
            "$33.3M"
        );
        assert_eq!(
            value(
                Decimal::new(177_419, 4),
                &Unit::percent(),
                &units(),
                1,
                true
            ),
            "+17.7%"
        );
        assert_eq!(
            value(Decimal::new(-96, 1), &Unit::percent(), &units(), 0, true),
            "-10%"
        );
    }

    /// The formatter-based `number` these digits replaced.
    fn number_by_formatter(a: Decimal, places: i32) -> String {
        let rounded = round_to(a, places);
        let text = if places > 0 {
            format!("{:.*}", places as usize, rounded)
        } else {
            rounded.trunc().normalize().to_string()
        };
        match text.split_once('.') {
            Some((w, f)) => format!("{}.{f}", group(w, 0)),
            None => group(&text, 0),
        }
    }

    #[test]
    fn numbers_from_the_mantissa_match_the_formatter() {
        let values = [
            "0",
            "0.004",
            "0.005",
            "0.05",
            "0.5",
            "1",
            "9.995",
            "12.345",
            "999.5",
            "1000",
            "1234.5678",
            "61224",
            "33303167",
            "600000",
            "1242400000",
            "0.0000000001",
            "1.0000000000000000000000000001",
        ];
        for v in values {
            let d: Decimal = v.parse().unwrap();
            for places in -9i32..=12 {
                assert_eq!(
                    number(d, places),
                    number_by_formatter(d, places),
                    "{v} to {places} places"
                );
            }
        }
        assert_eq!(number(Decimal::new(12_345_678, 2), 2), "123,456.78");
        assert_eq!(number(Decimal::new(5, 3), 2), "0.01");
        assert_eq!(number(Decimal::new(61_224, 0), -2), "61,200");
        // The extremes the formatter could not print.
        assert_eq!(
            number(Decimal::MAX, -1),
            "79,228,162,514,264,337,593,543,950,335"
        );
        assert_eq!(number(Decimal::MAX, 2).len(), 41);
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape("<script>alert(1)</script> | *x* $5"),
            "\\<script\\>alert(1)\\</script\\> \\| \\*x\\* \\$5"
        );
        assert_eq!(md("-$19.0M"), "-\\$19.0M");
        assert_eq!(md("$1 to $2$"), "\\$1 to \\$2\\$");
        assert_eq!(md("22%"), "22%");
        assert_eq!(md(""), "");
    }
}
