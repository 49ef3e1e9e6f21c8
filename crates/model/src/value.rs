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
//! unit      = TH/s | PH/s | EH/s | BTC | units | % | J/TH | MW
//!           | /TH/s | /kWh   (after a currency)
//! ```
//!
//! Precision follows the digits as written: fractional digits count, and
//! trailing zeros of a whole number of four or more digits do not ("61,000"
//! is stated to the thousand), since speakers round large numbers.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::figure::{Figure, Qualifier};
use crate::quantity::{Currency, Unit};

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
/// ```
/// use qbrief_model::{parse_value, Qualifier, Unit};
/// let f = parse_value("4.6 EH/s").unwrap();
/// assert_eq!((f.value().to_string(), f.unit(), f.decimals()), ("4600000".into(), Unit::HashRate, -5));
/// let g = parse_value("-$19.0M").unwrap();
/// assert_eq!((g.value().to_string(), g.decimals()), ("-19000000".into(), -5));
/// assert!(parse_value("73.6").unwrap().unit() == Unit::Count);
/// assert!(parse_value("$73.6 bananas").is_err());
/// ```
pub fn parse_value(input: &str) -> Result<Figure, ValueError> {
    Parser::new(input).parse()
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

/// Units that need no currency: symbol, unit, power of ten to the canonical unit.
const PLAIN_UNITS: &[(&str, Unit, u32)] = &[
    ("TH/s", Unit::HashRate, 0),
    ("PH/s", Unit::HashRate, 3),
    ("EH/s", Unit::HashRate, 6),
    ("BTC", Unit::Bitcoin, 0),
    ("units", Unit::Count, 0),
    ("unit", Unit::Count, 0),
    ("%", Unit::Percent, 0),
    ("J/TH", Unit::Efficiency, 0),
    ("MW", Unit::Power, 0),
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
}

impl<'a> Parser<'a> {
    fn new(input: &'a str) -> Self {
        Parser { input, pos: 0 }
    }

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
        self.skip_spaces();
        let second = if self.eat("-") || self.eat("–") || self.eat("to ") {
            self.skip_spaces();
            Some(self.amount()?)
        } else {
            None
        };
        self.skip_spaces();
        let unit_start = self.pos;
        let currency = match (first.currency, second.as_ref().and_then(|s| s.currency)) {
            (Some(a), Some(b)) if a != b => {
                return self.error(
                    "the two ends of the range are in different currencies",
                    None,
                )
            }
            (a, b) => a.or(b),
        };
        let (unit, unit_power) = self.unit(currency)?;
        if !self.rest().is_empty() {
            return self.error(
                format!("unexpected \"{}\" after the value", self.rest()),
                Some("values look like \"$73.6M\", \"4.6 EH/s\", \"1,212 BTC\", \"22%\", \"16.8 J/TH\", \"$8.8/TH/s\""),
            );
        }
        let Some(second) = second else {
            let (value, decimals) = self.canonical(&first, first.scale, unit_power, unit_start)?;
            return Ok(Figure::new(
                unit,
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
            self.canonical(&first, first.scale.or(scale), unit_power, unit_start)?;
        let (high, high_decimals) = self.canonical(&second, scale, unit_power, unit_start)?;
        if low > high {
            return self.error("a range must go from the low end to the high end", None);
        }
        let decimals = low_decimals.min(high_decimals);
        Ok(Figure::new(
            unit,
            low,
            decimals,
            Qualifier::Range,
            Some(high),
        ))
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

    fn unit(&mut self, currency: Option<Currency>) -> Result<(Unit, u32), ValueError> {
        if let Some(c) = currency {
            return if self.rest().is_empty() {
                Ok((Unit::Money(c), 0))
            } else if self.eat("/TH/s") {
                Ok((Unit::HashPrice(c), 0))
            } else if self.eat("/kWh") {
                Ok((Unit::EnergyPrice(c), 0))
            } else {
                self.error(
                    format!("unknown unit \"{}\" after a currency", self.rest()),
                    Some("money is \"$73.6M\"; a price per hash rate \"$8.8/TH/s\"; an energy price \"$0.04/kWh\""),
                )
            };
        }
        if self.rest().is_empty() {
            return Ok((Unit::Count, 0));
        }
        for (symbol, unit, power) in PLAIN_UNITS {
            if self.eat(symbol) {
                return Ok((*unit, *power));
            }
        }
        let hint = match self.rest() {
            r if r.eq_ignore_ascii_case("th/s") || r.starts_with("TH") => {
                Some("write terahash per second as \"TH/s\"")
            }
            r if r.starts_with("EH") || r.starts_with("PH") => {
                Some("write hash rate as \"4.6 EH/s\" or \"350 PH/s\"")
            }
            r if r.eq_ignore_ascii_case("bitcoin") || r.eq_ignore_ascii_case("bitcoins") => {
                Some("write bitcoin as \"1,212 BTC\"")
            }
            r if r.starts_with("/TH") || r.starts_with("/kWh") => {
                Some("a price needs a currency: \"$8.8/TH/s\", \"$0.04/kWh\"")
            }
            _ => Some(
                "units are TH/s, PH/s, EH/s, BTC, units, %, J/TH, MW, and $ with /TH/s or /kWh",
            ),
        };
        self.error(format!("unknown unit \"{}\"", self.rest()), hint)
    }

    /// The value in the canonical unit and its XBRL decimals.
    fn canonical(
        &self,
        amount: &Amount,
        scale: Option<u32>,
        unit_power: u32,
        unit_start: usize,
    ) -> Result<(Decimal, i32), ValueError> {
        let power = scale.unwrap_or(0) + unit_power;
        let factor = 10i128
            .checked_pow(power)
            .and_then(|f| Decimal::try_from_i128_with_scale(f, 0).ok());
        let value = factor.and_then(|f| amount.mantissa.checked_mul(f));
        let Some(mut value) = value else {
            return Err(ValueError {
                message: "value is out of range".into(),
                offset: unit_start,
                hint: None,
            });
        };
        if amount.negative {
            value = -value;
        }
        // Precision lives in `decimals`; the value itself is kept without
        // trailing zeros so that equal values compare and print alike.
        let value = value.normalize();
        let decimals = amount.fraction_digits as i32 - power as i32 - amount.trailing_zeros as i32;
        Ok((value, decimals))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `expected` is "value unit decimals qualifier" or "ERR fragment".
    #[track_caller]
    fn check(input: &str, expected: &str) {
        let got = match parse_value(input) {
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
        check("4-2 EH/s", "ERR from the low end to the high end");
        check("over 2-4 EH/s", "ERR cannot also be");
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
        check("1,212 bitcoins", "ERR unknown unit");
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
            let _ = parse_value(&s);
        }

        #[test]
        fn never_panics_on_value_like(s in "[-+~$ ,.0-9KMBTHEPs/%Jkwhatoundrelyb–]{0,20}") {
            if let Ok(f) = parse_value(&s) {
                prop_assert!(f.interval().contains(f.value()));
            }
        }
    }
}
