//! Presenting numbers: explicit rounding to the digits the inputs support,
//! scale suffixes, signs, and Markdown escaping of text from data files.

use qbrief_model::{Figure, Interval, Unit};
use rust_decimal::{Decimal, RoundingStrategy};

/// How many decimal places of the canonical value a derived number
/// supports: one digit past the first uncertain place of its interval,
/// within the unit's bounds. Exact inputs give the unit's maximum.
pub fn derived_decimals(interval: &Interval, unit: Unit) -> i32 {
    let (min, max) = bounds(unit);
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

fn bounds(unit: Unit) -> (i32, i32) {
    match unit {
        Unit::Percent => (0, 1),
        Unit::HashPrice(_) | Unit::EnergyPrice(_) => (0, 2),
        Unit::Money(_) => (-9, 0),
        Unit::HashRate => (-9, 0),
        Unit::Bitcoin => (-3, 2),
        Unit::Count => (-6, 0),
        Unit::Efficiency | Unit::Power => (0, 1),
    }
}

fn floor_log10(w: Decimal) -> i32 {
    let mut exp = 0;
    let mut v = w;
    let ten = Decimal::TEN;
    while v >= ten {
        v /= ten;
        exp += 1;
    }
    while v < Decimal::ONE && exp > -28 {
        v *= ten;
        exp -= 1;
    }
    exp
}

/// A stated figure as written for a reader, with its qualifier:
/// "about $74M", "over 10,000 units", "2-4 EH/s".
pub fn figure(f: &Figure) -> String {
    let unit = f.unit();
    let d = f.decimals();
    let text = match f.range() {
        Some((low, high)) => {
            let (low, high) = (value(low, unit, d, false), value(high, unit, d, false));
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
        None => value(f.value(), unit, d, false),
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
/// positive values (for changes).
pub fn value(v: Decimal, unit: Unit, decimals: i32, signed: bool) -> String {
    let negative = v.is_sign_negative() && !v.is_zero();
    let sign = if negative {
        "-"
    } else if signed && !v.is_zero() {
        "+"
    } else {
        ""
    };
    let a = v.abs();
    let body = match unit {
        Unit::Money(c) => {
            let symbol = if c.code() == "USD" {
                "$".to_string()
            } else {
                format!("{} ", c.code())
            };
            let (scaled, suffix, places) = scale_for(a, decimals, &[(9, "B"), (6, "M")], 1);
            format!("{symbol}{}{suffix}", number(scaled, places))
        }
        Unit::HashRate => {
            let (scaled, suffix, places) = scale_for(a, decimals, &[(6, " EH/s"), (3, " PH/s")], 0);
            let suffix = if suffix.is_empty() { " TH/s" } else { suffix };
            format!("{}{suffix}", number(scaled, places))
        }
        Unit::Bitcoin => format!("{} BTC", number(a, decimals)),
        Unit::Count => number(a, decimals),
        Unit::Percent => format!("{}%", number(a, decimals)),
        Unit::Efficiency => format!("{} J/TH", number(a, decimals)),
        Unit::HashPrice(c) => format!("{}/TH/s", money_symbol(c, number(a, decimals))),
        Unit::Power => format!("{} MW", number(a, decimals)),
        Unit::EnergyPrice(c) => format!("{}/kWh", money_symbol(c, number(a, decimals))),
    };
    format!("{sign}{body}")
}

fn money_symbol(c: qbrief_model::Currency, n: String) -> String {
    if c.code() == "USD" {
        format!("${n}")
    } else {
        format!("{} {n}", c.code())
    }
}

/// Picks the largest scale the value reaches (less `early` powers of ten, so
/// that $600,000 shows as $0.6M) and the decimal places to show in it:
/// `decimals` of the canonical value become `decimals + exponent`.
fn scale_for(
    a: Decimal,
    decimals: i32,
    scales: &[(i32, &'static str)],
    early: u32,
) -> (Decimal, &'static str, i32) {
    for (exp, suffix) in scales {
        let unit = Decimal::from_i128_with_scale(10i128.pow(*exp as u32), 0);
        // Only the smallest scale starts early: $0.6M, never $0.114B.
        let is_smallest = Some(exp) == scales.last().map(|(e, _)| e);
        let early = if is_smallest { early } else { 0 };
        let threshold = Decimal::from_i128_with_scale(10i128.pow(*exp as u32 - early), 0);
        if a >= threshold && (decimals + exp >= 0 || a >= unit) {
            return (a / unit, suffix, (decimals + exp).max(0));
        }
    }
    (a, "", decimals)
}

/// A non-negative number rounded half away from zero to `places` decimal
/// places (negative: to tens, hundreds...), with thousands separators.
pub fn number(a: Decimal, places: i32) -> String {
    let rounded = if places >= 0 {
        a.round_dp_with_strategy(places as u32, RoundingStrategy::MidpointAwayFromZero)
    } else {
        let unit = Decimal::from_i128_with_scale(10i128.pow(places.unsigned_abs().min(27)), 0);
        (a / unit).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero) * unit
    };
    let text = if places > 0 {
        format!("{:.*}", places as usize, rounded)
    } else {
        rounded.trunc().normalize().to_string()
    };
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let digits: Vec<char> = whole.chars().collect();
    let mut grouped = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(*c);
    }
    match fraction {
        Some(f) => format!("{grouped}.{f}"),
        None => grouped,
    }
}

/// Escapes text from a data file so it is shown literally in Markdown, on
/// GitHub (where `$` starts math) and in pandoc: no markup, no raw HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '$'
            | '&' | '~' | '^' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a formatted number for Markdown (only `$` needs it).
pub fn md(text: &str) -> String {
    text.replace('$', "\\$")
}

#[cfg(test)]
mod tests {
    use super::*;
    use qbrief_model::{parse_value, Currency};

    #[track_caller]
    fn check(value_text: &str, expected: &str) {
        assert_eq!(figure(&parse_value(value_text).unwrap()), expected);
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
        check("$0.174B", "$174M");
        check("$0.0402/kWh", "$0.0402/kWh");
    }

    #[test]
    fn derived_digits_follow_the_interval() {
        let i = |l: &str, h: &str| Interval::closed(l.parse().unwrap(), h.parse().unwrap());
        assert_eq!(derived_decimals(&i("16.72", "18.78"), Unit::Percent), 1);
        assert_eq!(derived_decimals(&i("-3", "7.7"), Unit::Percent), 0);
        assert_eq!(
            derived_decimals(&i("8.8398", "8.8533"), Unit::HashPrice(Currency::USD)),
            2
        );
        assert_eq!(
            derived_decimals(&i("50000", "1150000"), Unit::Money(Currency::USD)),
            -5
        );
        assert_eq!(
            derived_decimals(
                &Interval {
                    low: None,
                    high: None
                },
                Unit::Percent
            ),
            0
        );
        assert_eq!(
            value(
                Decimal::new(600_000, 0),
                Unit::Money(Currency::USD),
                -5,
                true
            ),
            "+$0.6M"
        );
        assert_eq!(
            value(
                Decimal::new(61_224, 0),
                Unit::Money(Currency::USD),
                -2,
                false
            ),
            "$61,200"
        );
        assert_eq!(
            value(
                Decimal::new(33_303_167, 0),
                Unit::Money(Currency::USD),
                -5,
                false
            ),
            "$33.3M"
        );
        assert_eq!(
            value(Decimal::new(177_419, 4), Unit::Percent, 1, true),
            "+17.7%"
        );
        assert_eq!(value(Decimal::new(-96, 1), Unit::Percent, 0, true), "-10%");
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape("<script>alert(1)</script> | *x* $5"),
            "\\<script\\>alert(1)\\</script\\> \\| \\*x\\* \\$5"
        );
        assert_eq!(md("-$19.0M"), "-\\$19.0M");
    }
}
