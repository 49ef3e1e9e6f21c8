//! Parsing value strings written the way a person reads them (`"$73.6M"`,
//! `"about 4.6 EH/s"`, `"2-4 EH/s"`) into [`Figure`]s.
//!
//! The grammar, informally:
//!
//! ```text
//! value     = [qualifier " "] amount [range-sep amount-without-qualifier]
//! qualifier = about | around | approximately | roughly | ~
//!           | at least | over | more than | above | exceeding
//!           | at most | nearly | almost | under | less than | below | up to
//! amount    = [sign] [currency] number [scale] [unit]
//! currency  = "$" | "US$" | ISO code and a space ("RMB 10M")
//! scale     = K | M | B | thousand | million | billion
//! unit      = any unit id or alias of the taxonomies (%, bps, TH/s, ...)
//!           | ("/" | " per ") unit   (after a currency: "$1.38/share")
//! ```
//!
//! A range may give the unit on both ends ("+5% to +8%") or once ("5-8%").
//!
//! Precision follows the digits as written: fractional digits count, and
//! trailing zeros of a whole number of four or more digits do not ("61,000"
//! is stated to the thousand), since speakers round large numbers. Each end
//! of a range keeps its own ("1.5% to 2%" is 1.5 to one place, 2 to none).

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::figure::{Figure, Qualifier};
use crate::quantity::Currency;
use crate::unit::{Dimension, Unit, UnitTable};

/// Why a value string could not be parsed; `offset` is the byte offset in
/// the string where the problem starts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ValueError {
    /// What is wrong.
    pub message: String,
    /// Byte offset of the problem in the value string.
    pub offset: usize,
    /// How to fix it, when obvious.
    pub hint: Option<String>,
}

/// Parses a value string into a [`Figure`].
///
/// `units` are the units of the company's taxonomies; money, percent-free
/// counts and currencies need none.
///
/// ```
/// use qbrief_model::{parse_value, UnitTable};
/// let units = UnitTable::default();
/// let g = parse_value("-$19.0M", &units).unwrap();
/// assert_eq!((g.value().to_string(), g.decimals()), ("-19000000".into(), -5));
/// assert_eq!(parse_value("$3.1 billion", &units).unwrap().value().to_string(), "3100000000");
/// assert_eq!(parse_value("73.6", &units).unwrap().unit().symbol(), "count");
/// assert!(parse_value("$73.6 bananas", &units).is_err());
/// ```
pub fn parse_value(input: &str, units: &UnitTable) -> Result<Figure, ValueError> {
    Parser {
        input,
        pos: 0,
        units,
    }
    .parse()
}

const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("approximately ", Qualifier::About),
    ("around ", Qualifier::About),
    ("about ", Qualifier::About),
    ("roughly ", Qualifier::About),
    ("~", Qualifier::About),
    ("at least ", Qualifier::AtLeast),
    ("more than ", Qualifier::AtLeast),
    ("exceeding ", Qualifier::AtLeast),
    ("over ", Qualifier::AtLeast),
    ("above ", Qualifier::AtLeast),
    ("at most ", Qualifier::AtMost),
    ("less than ", Qualifier::AtMost),
    ("nearly ", Qualifier::AtMost),
    ("almost ", Qualifier::AtMost),
    ("under ", Qualifier::AtMost),
    ("below ", Qualifier::AtMost),
    ("up to ", Qualifier::AtMost),
];

const SCALES: &[(&str, u32)] = &[
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("K", 3),
    ("M", 6),
    ("B", 9),
];

/// One number as written: its digits and where it stood.
struct Amount {
    negative: bool,
    currency: Option<Currency>,
    mantissa: Decimal,
    fraction_digits: u32,
    trailing_zeros: u32,
    scale: Option<u32>,
}

struct Parser<'a> {
    input: &'a str,
    pos: usize,
    units: &'a UnitTable,
}

/// A unit as read from a value string: the canonical unit and the factor
/// that converts the written number into it.
struct ReadUnit {
    unit: Unit,
    factor: Decimal,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn error<T>(&self, message: impl Into<String>, hint: Option<&str>) -> Result<T, ValueError> {
        Err(ValueError {
            message: message.into(),
            offset: self.pos,
            hint: hint.map(str::to_string),
        })
    }

    fn skip_spaces(&mut self) {
        let trimmed = self.rest().trim_start_matches(' ');
        self.pos = self.input.len() - trimmed.len();
    }

    fn eat(&mut self, token: &str) -> bool {
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn parse(mut self) -> Result<Figure, ValueError> {
        if self.input.trim().is_empty() {
            return self.error("empty value", Some("write a value such as \"$73.6M\""));
        }
        if self.input != self.input.trim() {
            return self.error("value has leading or trailing spaces", None);
        }
        let qualifier = self.qualifier();
        let first = self.amount()?;
        // "+5% to +8%" names the unit on both ends; "5-8%" once.
        let save = self.pos;
        // Only a range can name its unit twice; most values are no range.
        let may_be_range = ["-", "–", "to "].iter().any(|s| self.rest().contains(s));
        let first_unit = match may_be_range.then(|| self.unit(first.currency)) {
            Some(Ok(u))
                if self.at_range_separator()
                    && self.rest().len() < self.input[save..].trim_start_matches(' ').len() =>
            {
                Some(u)
            }
            _ => {
                self.pos = save;
                None
            }
        };
        self.skip_spaces();
        let second = if self.eat("-") || self.eat("–") || self.eat("to ") {
            self.skip_spaces();
            Some(self.amount()?)
        } else {
            None
        };
        let currency = match (first.currency, second.as_ref().and_then(|s| s.currency)) {
            (Some(a), Some(b)) if a != b => {
                return self.error(
                    "the two ends of the range are in different currencies",
                    None,
                )
            }
            (a, b) => a.or(b),
        };
        let unit_start = self.pos;
        let unit = match (&first_unit, &second) {
            (Some(u), Some(_)) => {
                let again = self.unit(currency)?;
                if again.unit != u.unit || again.factor != u.factor {
                    return self.error("the two ends of the range are in different units", None);
                }
                again
            }
            _ => self.unit(currency)?,
        };
        if !self.rest().is_empty() {
            return self.error(
                format!("unexpected \"{}\" after the value", self.rest()),
                Some("values look like \"$73.6M\", \"$1.38/share\", \"22%\", \"30 bps\", \"+5% to +8%\""),
            );
        }
        let Some(second) = second else {
            let (value, decimals) = self.canonical(&first, first.scale, &unit, unit_start)?;
            return Ok(Figure::new(
                unit.unit,
                value,
                decimals,
                qualifier.unwrap_or(Qualifier::Exact),
                None,
            ));
        };
        if qualifier.is_some() && qualifier != Some(Qualifier::About) {
            return self.error("a range cannot also be \"at least\" or \"at most\"", None);
        }
        // "2-4 EH/s" and "$70-80M": a scale written once applies to both ends.
        let scale = second.scale.or(first.scale);
        let (low, low_decimals) =
            self.canonical(&first, first.scale.or(scale), &unit, unit_start)?;
        let (high, high_decimals) = self.canonical(&second, scale, &unit, unit_start)?;
        if low > high {
            return self.error("a range must go from the low end to the high end", None);
        }
        // Each end keeps its own precision: "1.5% to 2%" is [1.45, 2.5].
        Ok(Figure::new_range(
            unit.unit,
            (low, low_decimals),
            (high, high_decimals),
        ))
    }

    fn at_range_separator(&self) -> bool {
        let rest = self.rest().trim_start_matches(' ');
        rest.starts_with('-') || rest.starts_with('–') || rest.starts_with("to ")
    }

    fn qualifier(&mut self) -> Option<Qualifier> {
        let rest = self.rest();
        for (word, qualifier) in QUALIFIERS {
            if rest.len() >= word.len()
                && rest.is_char_boundary(word.len())
                && rest[..word.len()].eq_ignore_ascii_case(word)
            {
                self.pos += word.len();
                self.skip_spaces();
                return Some(*qualifier);
            }
        }
        None
    }

    fn amount(&mut self) -> Result<Amount, ValueError> {
        let negative = if self.eat("-") || self.eat("−") {
            true
        } else {
            self.eat("+");
            false
        };
        let currency = self.currency();
        let (mantissa, fraction_digits, trailing_zeros) = self.number()?;
        let scale = self.scale();
        Ok(Amount {
            negative,
            currency,
            mantissa,
            fraction_digits,
            trailing_zeros,
            scale,
        })
    }

    fn currency(&mut self) -> Option<Currency> {
        if self.eat("$") || self.eat("US$") {
            return Some(Currency::USD);
        }
        for (symbol, code) in [("€", "EUR"), ("£", "GBP")] {
            if self.eat(symbol) {
                return Currency::from_code(code);
            }
        }
        let rest = self.rest();
        let code = rest.get(..3)?;
        if rest[3..].starts_with(' ') {
            let currency = if code == "RMB" {
                Some(Currency::CNY)
            } else {
                Currency::from_code(code)
            };
            if currency.is_some() {
                self.pos += 4;
                self.skip_spaces();
            }
            return currency;
        }
        None
    }

    /// Digits with optional thousands separators and fraction. Returns the
    /// number, its fractional digit count and, for whole numbers of four or
    /// more digits, the count of trailing zeros.
    fn number(&mut self) -> Result<(Decimal, u32, u32), ValueError> {
        let start = self.pos;
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(rest.len());
        let text = &rest[..len];
        if text.is_empty() || !text.starts_with(|c: char| c.is_ascii_digit()) {
            return self.error(
                "expected a number",
                Some("values look like \"$73.6M\", \"4.6 EH/s\", \"1,212 BTC\", \"22%\""),
            );
        }
        let (whole, fraction) = match text.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (text, None),
        };
        if let Some(f) = fraction {
            if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                return self.error(format!("malformed number \"{text}\""), None);
            }
        }
        if whole.contains(',') {
            let mut groups = whole.split(',');
            let head_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
            if !head_ok || !groups.all(|g| g.len() == 3) {
                return self.error(
                    format!("malformed thousands separators in \"{text}\""),
                    Some("group digits by three, as in \"1,212\""),
                );
            }
        }
        let digits: String = text.chars().filter(|c| *c != ',').collect();
        if digits.trim_start_matches('0').len() > 26 {
            return self.error(format!("number \"{text}\" has too many digits"), None);
        }
        let value = Decimal::from_str(&digits)
            .or_else(|_| self.error(format!("number \"{text}\" is out of range"), None))?;
        self.pos = start + len;
        let fraction_digits = fraction.map_or(0, |f| f.len() as u32);
        let whole_digits: String = whole.chars().filter(|c| *c != ',').collect();
        let trailing_zeros = if fraction.is_none() && whole_digits.len() >= 4 {
            let significant = whole_digits.trim_end_matches('0').len();
            (whole_digits.len() - significant.max(1)) as u32
        } else {
            0
        };
        Ok((value, fraction_digits, trailing_zeros))
    }

    fn scale(&mut self) -> Option<u32> {
        let save = self.pos;
        self.skip_spaces();
        for (word, power) in SCALES {
            if let Some(after) = self.rest().strip_prefix(word) {
                // A scale letter must end there ("M TH/s", "M", "M/TH/s"), so
                // that "MW" is read as megawatts, not as mega-W.
                if after.is_empty() || after.starts_with([' ', '/', '-', '–']) {
                    self.pos += word.len();
                    return Some(*power);
                }
            }
        }
        self.pos = save;
        None
    }

    fn unit(&mut self, currency: Option<Currency>) -> Result<ReadUnit, ValueError> {
        self.skip_spaces();
        let units = self.units;
        if let Some(c) = currency {
            if self.rest().is_empty() || self.at_range_separator() {
                return Ok(ReadUnit {
                    unit: Unit::money(c),
                    factor: Decimal::ONE,
                });
            }
            if self.eat("/") || self.eat("per ") || self.eat("a ") {
                self.skip_spaces();
                if let Some((per, len)) = units.longest_prefix(self.rest()) {
                    self.pos += len;
                    let dimension = Dimension::money().div(&per.dimension);
                    return Ok(ReadUnit {
                        unit: units.unit_of(&dimension, c),
                        factor: Decimal::ONE.checked_div(per.factor).unwrap_or(Decimal::ONE),
                    });
                }
                return self.error(
                    format!("unknown unit \"{}\" after a currency", self.rest()),
                    Some(&format!(
                        "a price per unit names a unit of the taxonomies: {}",
                        self.unit_list()
                    )),
                );
            }
            return self.error(
                format!("unknown unit \"{}\" after a currency", self.rest()),
                Some("money is \"$73.6M\"; a price per unit \"$1.38/share\" or \"$8.8 per TH/s\""),
            );
        }
        if self.rest().is_empty() || self.at_range_separator() {
            return Ok(ReadUnit {
                unit: units.unit_of(&Dimension::base("count"), Currency::USD),
                factor: Decimal::ONE,
            });
        }
        if let Some((unit, len)) = units.longest_prefix(self.rest()) {
            self.pos += len;
            return Ok(ReadUnit {
                unit: units.unit_of(&unit.dimension, Currency::USD),
                factor: unit.factor,
            });
        }
        let rest = self.rest();
        let hint = match units.units().iter().find(|u| {
            u.id.eq_ignore_ascii_case(rest)
                || u.aliases.iter().any(|a| a.eq_ignore_ascii_case(rest))
        }) {
            Some(u) => format!("write it as \"{}\"", u.id),
            None if rest.starts_with('/') => {
                "a price needs a currency: \"$8.8/TH/s\", \"$1.38/share\"".into()
            }
            None => format!("the taxonomies' units are: {}", self.unit_list()),
        };
        self.error(format!("unknown unit \"{rest}\""), Some(&hint))
    }

    fn unit_list(&self) -> String {
        let ids = self.units.ids();
        if ids.is_empty() {
            "none are declared".into()
        } else {
            ids.join(", ")
        }
    }

    /// The value in the canonical unit and its XBRL decimals.
    fn canonical(
        &self,
        amount: &Amount,
        scale: Option<u32>,
        unit: &ReadUnit,
        unit_start: usize,
    ) -> Result<(Decimal, i32), ValueError> {
        let power = scale.unwrap_or(0);
        let out_of_range = || ValueError {
            message: "value is out of range".into(),
            offset: unit_start,
            hint: None,
        };
        let scale_factor = 10i128
            .checked_pow(power)
            .and_then(|f| Decimal::try_from_i128_with_scale(f, 0).ok())
            .ok_or_else(out_of_range)?;
        let mut value = amount
            .mantissa
            .checked_mul(scale_factor)
            .and_then(|v| v.checked_mul(unit.factor))
            .ok_or_else(out_of_range)?;
        if amount.negative {
            value = -value;
        }
        // Precision lives in `decimals`; the value itself is kept without
        // trailing zeros so that equal values compare and print alike.
        let value = value.normalize();
        let decimals = amount.fraction_digits as i32
            - power as i32
            - amount.trailing_zeros as i32
            - magnitude(unit.factor);
        Ok((value, decimals))
    }
}

/// The power of ten nearest above a positive factor: 6 for 1,000,000, -2
/// for 0.01; a factor that is not a power of ten rounds its digits up.
fn magnitude(factor: Decimal) -> i32 {
    let f = factor.abs().normalize();
    if f.is_zero() {
        return 0;
    }
    let digits = f.mantissa().unsigned_abs().to_string().len() as i32;
    let exact = f
        .mantissa()
        .unsigned_abs()
        .to_string()
        .trim_start_matches('1')
        .chars()
        .all(|c| c == '0');
    digits - 1 - f.scale() as i32 + i32::from(!exact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `expected` is "value unit decimals qualifier" or "ERR fragment".
    #[track_caller]
    fn check(input: &str, expected: &str) {
        thread_local! {
            static UNITS: UnitTable = crate::Vocabulary::builtin(&["bitcoin-mining"], Currency::USD).units;
        }
        let got = match UNITS.with(|u| parse_value(input, u)) {
            Ok(f) => {
                let range = f
                    .range()
                    .map(|(l, h)| format!(" {l}..{h}"))
                    .unwrap_or_default();
                format!(
                    "{} {} {} {}{range}",
                    f.value(),
                    f.unit(),
                    f.decimals(),
                    f.qualifier().name()
                )
            }
            Err(e) => format!("ERR {} @{}", e.message, e.offset),
        };
        assert!(
            got == expected || (expected.starts_with("ERR") && got.contains(&expected[4..])),
            "{input:?}: got {got:?}, want {expected:?}"
        );
    }

    #[test]
    fn forms_in_the_documents() {
        check("$73.6M", "73600000 USD -5 exact");
        check("$73.6 million", "73600000 USD -5 exact");
        check("$64.58M", "64580000 USD -4 exact");
        check("$36.80M", "36800000 USD -4 exact");
        check("-$19.0M", "-19000000 USD -5 exact");
        check("-$57M", "-57000000 USD -6 exact");
        check("$0.174B", "174000000 USD -6 exact");
        check("$61,000", "61000 USD -3 exact");
        check("over $61,000", "61000 USD -3 at_least");
        check("about $63,500", "63500 USD -2 about");
        check("$1.1M", "1100000 USD -5 exact");
        check("RMB 100M", "100000000 CNY -6 exact");
        check("US$168M", "168000000 USD -6 exact");
        check("$46,500", "46500 USD -2 exact");
        check("7.30M TH/s", "7300000 TH/s -4 exact");
        check("7.3M TH/s", "7300000 TH/s -5 exact");
        check("4.6 EH/s", "4600000 TH/s -5 exact");
        check("about 1.61 EH/s", "1610000 TH/s -4 about");
        check("350 PH/s", "350000 TH/s -3 exact");
        check("215 TH/s", "215 TH/s 0 exact");
        check("1,212 BTC", "1212 BTC 0 exact");
        check("147 BTC", "147 BTC 0 exact");
        check("10,814 units", "10814 count 0 exact");
        check("over 10,000 units", "10000 count -4 at_least");
        check("17,000", "17000 count -3 exact");
        check("172,000", "172000 count -3 exact");
        check("22%", "22 % 0 exact");
        check("93.8%", "93.8 % 1 exact");
        check("-19%", "-19 % 0 exact");
        check("+121%", "121 % 0 exact");
        check("nearly 80%", "80 % 0 at_most");
        check("16.8 J/TH", "16.8 J/TH 1 exact");
        check("$8.8/TH/s", "8.8 USD/(TH/s) 1 exact");
        check("$0.0402/kWh", "0.0402 USD/kWh 4 exact");
        check("30 MW", "30 MW 0 exact");
        check("~$80M", "80000000 USD -6 about");
    }

    #[test]
    fn ranges() {
        check("2-4 EH/s", "3000000 TH/s -6 range 2000000..4000000");
        check("350-400 PH/s", "375000 TH/s -3 range 350000..400000");
        check("$50-100/TH/s", "75 USD/(TH/s) 0 range 50..100");
        check("60-80%", "70 % 0 range 60..80");
        check("10-15 J/TH", "12.5 J/TH 0 range 10..15");
        check("$70M to $80M", "75000000 USD -6 range 70000000..80000000");
        check("$70-80M", "75000000 USD -6 range 70000000..80000000");
        check("about 350-400 PH/s", "375000 TH/s -3 range 350000..400000");
        // The coarser end's decimals; each end keeps its own in the interval.
        check("1.5% to 2%", "1.75 % 0 range 1.5..2");
        check(
            "$1.2B-$1.3B",
            "1250000000 USD -8 range 1200000000..1300000000",
        );
        check("$4.10 to $4.30", "4.2 USD 2 range 4.1..4.3");
        check("4-2 EH/s", "ERR from the low end to the high end");
        check("over 2-4 EH/s", "ERR cannot also be");
    }

    #[test]
    fn financial_forms() {
        check("$3.1B", "3100000000 USD -8 exact");
        check("$3.1 billion", "3100000000 USD -8 exact");
        check("$1.38/share", "1.38 USD/share 2 exact");
        check("$1.38 per share", "1.38 USD/share 2 exact");
        check("$2.50 to $2.66/share", "2.58 USD/share 2 range 2.5..2.66");
        check(
            "$2.50/share to $2.66/share",
            "2.58 USD/share 2 range 2.5..2.66",
        );
        check("30 bps", "0.3 % 2 exact");
        check("-13 bps", "-0.13 % 2 exact");
        check("+5% to +8%", "6.5 % 0 range 5..8");
        check("5-8%", "6.5 % 0 range 5..8");
        check("-5% to -3%", "-4 % 0 range -5..-3");
        check("€12M", "12000000 EUR -6 exact");
        check("£4.1M", "4100000 GBP -5 exact");
        check("EUR 12M", "12000000 EUR -6 exact");
        check("1.5x", "1.5 x 1 exact");
        check("6.1 times", "6.1 x 1 exact");
        check("$50/EH/s", "0.00005 USD/(TH/s) 6 exact");
        check("+5% to 8 BTC", "ERR different units");
    }

    #[test]
    fn malformed() {
        check("", "ERR empty value");
        check(" $1M", "ERR leading or trailing");
        check("$", "ERR expected a number @1");
        check(
            "$73.6 bananas",
            "ERR unknown unit \"bananas\" after a currency",
        );
        check("4.6 EH/s and more", "ERR unexpected \" and more\"");
        check("1,2345 BTC", "ERR malformed thousands separators");
        check("12,34", "ERR malformed thousands separators");
        check("1.2.3", "ERR malformed number");
        check("1. BTC", "ERR malformed number");
        check("4.6 EH", "ERR unknown unit \"EH\"");
        check("4.6 th/s", "ERR unknown unit");
        check("1,212 bitcoins", "1212 BTC 0 exact");
        check("$5 BTC", "ERR after a currency");
        check("8.8/TH/s", "ERR unknown unit \"/TH/s\"");
        check("about", "ERR expected a number");
        check("99999999999999999999999999999 BTC", "ERR too many digits");
        check("9999999999999999999999999 EH/s", "ERR out of range");
        check("$1M to 2 BTC", "ERR after a currency");
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,24}") {
            let units = crate::Vocabulary::builtin(&["bitcoin-mining"], Currency::USD).units;
            let _ = parse_value(&s, &units);
        }

        #[test]
        fn never_panics_on_value_like(s in "[-+~$ ,.0-9KMBTHEPs/%Jkwhatoundrelyb–]{0,20}") {
            let units = crate::Vocabulary::builtin(&["bitcoin-mining"], Currency::USD).units;
            if let Ok(f) = parse_value(&s, &units) {
                prop_assert!(f.interval().contains(f.value()));
            }
        }
    }
}
