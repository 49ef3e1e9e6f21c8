//! Units and dimensions learned from taxonomies at run time.
//!
//! A [`Dimension`] is a product of base dimensions with integer exponents
//! (`money/hashrate`), so that a formula's dimension can be computed and
//! checked before any number is. Base dimensions are names a taxonomy
//! declares (`hashrate`, `share`, `area`); `money` is built in and carries a
//! currency. Dimensionless values are always stored in percent: "22%" and
//! "30 bps" (0.30 %) are one dimension.
//!
//! A [`UnitTable`] maps every unit symbol and alias a value string may use
//! to its dimension and its factor to the canonical unit of that dimension
//! (`EH/s` is 1,000,000 `TH/s`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, LazyLock};

use rust_decimal::Decimal;

use crate::quantity::Currency;

/// The name of the built-in money dimension.
pub const MONEY: &str = "money";
/// The name a taxonomy uses for a dimensionless unit.
pub const DIMENSIONLESS: &str = "dimensionless";

/// A product of base dimensions with integer exponents.
///
/// ```
/// use qbrief_model::Dimension;
/// let money = Dimension::base("money");
/// let hash = Dimension::base("hashrate");
/// let price = money.div(&hash);
/// assert_eq!(price.to_string(), "money/hashrate");
/// assert_eq!(price.mul(&hash), money);
/// assert!(money.div(&money).is_dimensionless());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Dimension(BTreeMap<String, i32>);

impl Dimension {
    /// The dimension of pure numbers and percentages.
    pub fn dimensionless() -> Dimension {
        Dimension::default()
    }

    /// A base dimension; `dimensionless` names the empty product.
    pub fn base(name: &str) -> Dimension {
        if name == DIMENSIONLESS {
            return Dimension::default();
        }
        Dimension(BTreeMap::from([(name.to_string(), 1)]))
    }

    /// The money dimension.
    pub fn money() -> Dimension {
        Dimension::base(MONEY)
    }

    /// Whether this is the empty product.
    pub fn is_dimensionless(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether this is plain money (money to the first power, nothing else).
    pub fn is_money(&self) -> bool {
        self.0.len() == 1 && self.0.get(MONEY) == Some(&1)
    }

    /// Whether money appears in the product (so the value has a currency).
    pub fn has_money(&self) -> bool {
        self.0.contains_key(MONEY)
    }

    /// The exponent of each base dimension.
    pub fn exponents(&self) -> impl Iterator<Item = (&str, i32)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// The product of two dimensions.
    pub fn mul(&self, other: &Dimension) -> Dimension {
        self.combine(other, 1)
    }

    /// The quotient of two dimensions.
    pub fn div(&self, other: &Dimension) -> Dimension {
        self.combine(other, -1)
    }

    fn combine(&self, other: &Dimension, sign: i32) -> Dimension {
        let mut out = self.0.clone();
        for (name, exp) in &other.0 {
            let e = out.entry(name.clone()).or_insert(0);
            *e = e.saturating_add(exp.saturating_mul(sign));
            if *e == 0 {
                out.remove(name);
            }
        }
        Dimension(out)
    }

    /// Renders the product with `name` for each base dimension.
    fn render(&self, name: impl Fn(&str) -> String) -> String {
        let part = |positive: bool| {
            let factors: Vec<String> = self
                .0
                .iter()
                .filter(|(_, e)| (**e > 0) == positive)
                .map(|(n, e)| match e.abs() {
                    1 => name(n),
                    k => format!("{}^{k}", name(n)),
                })
                .collect();
            factors
        };
        let (num, den) = (part(true), part(false));
        let group = |f: Vec<String>| {
            if f.len() == 1 && !f[0].contains('/') {
                f[0].clone()
            } else {
                format!("({})", f.join("*"))
            }
        };
        match (num.is_empty(), den.is_empty()) {
            (true, true) => String::new(),
            (false, true) => num.join("*"),
            (true, false) => format!("1/{}", group(den)),
            (false, false) => format!(
                "{}/{}",
                if num.len() == 1 {
                    num[0].clone()
                } else {
                    format!("({})", num.join("*"))
                },
                group(den)
            ),
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_dimensionless() {
            return f.write_str(DIMENSIONLESS);
        }
        f.write_str(&self.render(str::to_string))
    }
}

/// The canonical unit of a value: its dimension, its currency when money is
/// part of it, and the symbol used in exports (`USD`, `TH/s`, `USD/(TH/s)`,
/// `USD/share`, `%`).
///
/// Cloning is cheap (the parts are shared): every derived number carries
/// its unit.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit(Arc<UnitParts>);

#[derive(PartialEq, Eq, Hash, PartialOrd, Ord)]
struct UnitParts {
    dimension: Dimension,
    currency: Option<Currency>,
    symbol: String,
}

impl fmt::Debug for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unit")
            .field("dimension", &self.0.dimension)
            .field("currency", &self.0.currency)
            .field("symbol", &self.0.symbol)
            .finish()
    }
}

impl Unit {
    fn new(dimension: Dimension, currency: Option<Currency>, symbol: String) -> Unit {
        Unit(Arc::new(UnitParts {
            dimension,
            currency,
            symbol,
        }))
    }

    /// Money in a currency.
    pub fn money(currency: Currency) -> Unit {
        // Every amount a data file states asks for this; sharing one unit
        // per currency and thread saves building its parts each time.
        thread_local! {
            static MONEY: std::cell::RefCell<Vec<Unit>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        MONEY.with(|cache| {
            if let Some(unit) = cache
                .borrow()
                .iter()
                .find(|u| u.0.currency == Some(currency))
            {
                return unit.clone();
            }
            let unit = Unit::new(Dimension::money(), Some(currency), currency.to_string());
            cache.borrow_mut().push(unit.clone());
            unit
        })
    }

    /// Percent, the unit of every dimensionless value.
    pub fn percent() -> Unit {
        static PERCENT: LazyLock<Unit> =
            LazyLock::new(|| Unit::new(Dimension::dimensionless(), None, "%".into()));
        PERCENT.clone()
    }

    /// The unit of `dimension`, naming each base dimension by the canonical
    /// symbol `canonical` gives (money by the currency's code).
    pub fn of(
        dimension: Dimension,
        currency: Option<Currency>,
        canonical: impl Fn(&str) -> String,
    ) -> Unit {
        let currency = currency.filter(|_| dimension.has_money());
        let symbol = if dimension.is_dimensionless() {
            "%".to_string()
        } else {
            dimension.render(|name| match (name, currency) {
                (MONEY, Some(c)) => c.to_string(),
                _ => canonical(name),
            })
        };
        Unit::new(dimension, currency, symbol)
    }

    /// The dimension.
    pub fn dimension(&self) -> &Dimension {
        &self.0.dimension
    }

    /// The currency, when money is part of the unit.
    pub fn currency(&self) -> Option<Currency> {
        self.0.currency
    }

    /// The canonical symbol used in exports.
    pub fn symbol(&self) -> &str {
        &self.0.symbol
    }

    /// Whether this is the percent unit.
    pub fn is_percent(&self) -> bool {
        self.0.dimension.is_dimensionless()
    }

    /// Whether this is plain money.
    pub fn is_money(&self) -> bool {
        self.0.dimension.is_money()
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.symbol)
    }
}

/// One unit a value string may name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitDef {
    /// The canonical spelling (`EH/s`).
    pub id: String,
    /// The base dimension it measures.
    pub dimension: Dimension,
    /// How many canonical units one of it is (`1000000` for EH/s).
    pub factor: Decimal,
    /// Other spellings (`exahash`).
    pub aliases: Vec<String>,
}

/// Every unit of a set of taxonomies, looked up by symbol or alias.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitTable {
    units: Vec<UnitDef>,
    /// The canonical unit id of each base dimension.
    canonical: BTreeMap<String, String>,
}

impl UnitTable {
    /// Adds a unit; the first unit of a base dimension with factor one is
    /// its canonical unit.
    pub fn push(&mut self, unit: UnitDef) {
        if unit.factor == Decimal::ONE {
            if let Some((name, 1)) = unit.dimension.exponents().next() {
                self.canonical
                    .entry(name.to_string())
                    .or_insert_with(|| unit.id.clone());
            }
        }
        self.units.push(unit);
    }

    /// Every unit, in declaration order.
    pub fn units(&self) -> &[UnitDef] {
        &self.units
    }

    /// The ids of every unit, in declaration order.
    pub fn ids(&self) -> Vec<&str> {
        self.units.iter().map(|u| u.id.as_str()).collect()
    }

    /// A unit by its id, or by an alias (aliases ignore ASCII case).
    pub fn get(&self, symbol: &str) -> Option<&UnitDef> {
        self.units.iter().find(|u| u.id == symbol).or_else(|| {
            self.units
                .iter()
                .find(|u| u.aliases.iter().any(|a| a.eq_ignore_ascii_case(symbol)))
        })
    }

    /// The longest unit id or alias `text` starts with, ending at a word
    /// boundary, and its length in bytes.
    pub fn longest_prefix(&self, text: &str) -> Option<(&UnitDef, usize)> {
        let mut best: Option<(&UnitDef, usize)> = None;
        for unit in &self.units {
            let spellings = std::iter::once((unit.id.as_str(), false))
                .chain(unit.aliases.iter().map(|a| (a.as_str(), true)));
            for (spelling, fold) in spellings {
                let n = spelling.len();
                let Some(head) = text.get(..n) else { continue };
                let matches = if fold {
                    head.eq_ignore_ascii_case(spelling)
                } else {
                    head == spelling
                };
                let boundary = text[n..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                if matches && boundary && best.is_none_or(|(_, len)| n > len) {
                    best = Some((unit, n));
                }
            }
        }
        best
    }

    /// The canonical unit id of a base dimension (`TH/s` for `hashrate`),
    /// or the dimension's own name when no unit declares it.
    pub fn canonical_symbol(&self, base: &str) -> String {
        self.canonical
            .get(base)
            .cloned()
            .unwrap_or_else(|| base.to_string())
    }

    /// The canonical [`Unit`] of a dimension in a currency.
    pub fn unit_of(&self, dimension: &Dimension, currency: Currency) -> Unit {
        Unit::of(dimension.clone(), Some(currency), |n| {
            self.canonical_symbol(n)
        })
    }

    /// A dimension written as a unit expression a taxonomy accepts:
    /// `money/(TH/s)`, `%` for dimensionless.
    pub fn expression_of(&self, dimension: &Dimension) -> String {
        if dimension.is_dimensionless() {
            return "%".into();
        }
        dimension.render(|name| match name {
            MONEY => MONEY.to_string(),
            other => self.canonical_symbol(other),
        })
    }

    /// Parses a unit expression of a taxonomy (`money`, `%`, `TH/s`,
    /// `money/(TH/s)`, `money/share`) into its dimension.
    ///
    /// `Err` carries the byte offset of the problem and a message.
    pub fn parse_expression(&self, text: &str) -> Result<Dimension, (usize, String)> {
        let mut parser = ExprParser {
            table: self,
            text,
            pos: 0,
        };
        let dimension = parser.product()?;
        parser.skip_spaces();
        if parser.pos < text.len() {
            return Err((
                parser.pos,
                format!("unexpected \"{}\" in unit", &text[parser.pos..]),
            ));
        }
        Ok(dimension)
    }
}

struct ExprParser<'a> {
    table: &'a UnitTable,
    text: &'a str,
    pos: usize,
}

impl ExprParser<'_> {
    fn skip_spaces(&mut self) {
        while self.text[self.pos..].starts_with(' ') {
            self.pos += 1;
        }
    }

    fn product(&mut self) -> Result<Dimension, (usize, String)> {
        let mut dimension = self.factor()?;
        loop {
            self.skip_spaces();
            let rest = &self.text[self.pos..];
            if let Some(op) = rest.chars().next().filter(|c| *c == '*' || *c == '/') {
                self.pos += 1;
                let rhs = self.factor()?;
                dimension = if op == '*' {
                    dimension.mul(&rhs)
                } else {
                    dimension.div(&rhs)
                };
            } else {
                return Ok(dimension);
            }
        }
    }

    fn factor(&mut self) -> Result<Dimension, (usize, String)> {
        self.skip_spaces();
        let rest = &self.text[self.pos..];
        if rest.starts_with('(') {
            self.pos += 1;
            let inner = self.product()?;
            self.skip_spaces();
            if !self.text[self.pos..].starts_with(')') {
                return Err((self.pos, "missing \")\" in unit".into()));
            }
            self.pos += 1;
            return Ok(inner);
        }
        if rest.starts_with(MONEY)
            && rest[MONEY.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
        {
            self.pos += MONEY.len();
            return Ok(Dimension::money());
        }
        if rest.starts_with('1') && !rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            self.pos += 1;
            return Ok(Dimension::dimensionless());
        }
        match self.table.longest_prefix(rest) {
            Some((unit, len)) => {
                self.pos += len;
                Ok(unit.dimension.clone())
            }
            None => {
                let word: String = rest
                    .chars()
                    .take_while(|c| !matches!(c, '*' | '(' | ')' | ' '))
                    .collect();
                Err((
                    self.pos,
                    if word.is_empty() {
                        "expected a unit".to_string()
                    } else {
                        format!("unknown unit \"{word}\"")
                    },
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> UnitTable {
        let mut t = UnitTable::default();
        let def = |id: &str, dim: &str, factor: i64| UnitDef {
            id: id.into(),
            dimension: Dimension::base(dim),
            factor: Decimal::from(factor),
            aliases: vec![],
        };
        t.push(def("%", DIMENSIONLESS, 1));
        t.push(def("TH/s", "hashrate", 1));
        t.push(def("EH/s", "hashrate", 1_000_000));
        t.push(def("shares", "share", 1));
        t
    }

    #[test]
    fn expressions() {
        let t = table();
        let d = |s: &str| t.parse_expression(s).map(|d| d.to_string());
        assert_eq!(d("money").unwrap(), "money");
        assert_eq!(d("money/(TH/s)").unwrap(), "money/hashrate");
        assert_eq!(d("money/shares").unwrap(), "money/share");
        assert_eq!(d("%").unwrap(), "dimensionless");
        assert_eq!(d("EH/s").unwrap(), "hashrate");
        assert!(d("money/(TH/s").unwrap_err().1.contains("missing"));
        assert!(d("bananas")
            .unwrap_err()
            .1
            .contains("unknown unit \"bananas\""));
        assert!(d("money money").is_err());
    }

    #[test]
    fn canonical_units() {
        let t = table();
        let price = t.unit_of(&t.parse_expression("money/(EH/s)").unwrap(), Currency::USD);
        assert_eq!(price.symbol(), "USD/(TH/s)");
        assert_eq!(
            t.unit_of(&Dimension::dimensionless(), Currency::USD)
                .symbol(),
            "%"
        );
        assert_eq!(
            t.unit_of(&t.parse_expression("money/shares").unwrap(), Currency::USD)
                .symbol(),
            "USD/shares"
        );
    }

    proptest::proptest! {
        #[test]
        fn unit_expressions_never_panic(text in "\\PC{0,40}") {
            let t = table();
            if let Err((offset, _)) = t.parse_expression(&text) {
                proptest::prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
            }
        }

        #[test]
        fn unit_like_expressions_never_panic(text in "[a-zA-Z/()*% 1]{0,24}") {
            let t = table();
            let _ = t.parse_expression(&text);
            let _ = t.longest_prefix(&text);
        }
    }
}
