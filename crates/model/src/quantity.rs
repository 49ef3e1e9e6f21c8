//! Quantities typed by dimension, so that adding dollars to terahash does not compile.
//!
//! Each dimension is its own type holding a [`Decimal`] in the canonical unit
//! (TH/s for hash rate, BTC, J/TH, MW, percent points for [`Percent`]).
//! Money-like dimensions also carry a [`Currency`]; combining two currencies
//! is a checked operation that fails instead of guessing an exchange rate.
//!
//! ```compile_fail
//! use qbrief_model::{HashRate, Money};
//! use rust_decimal::Decimal;
//! let dollars = Money::usd(Decimal::ONE);
//! let hash = HashRate::new(Decimal::ONE);
//! let _nonsense = dollars + hash; // error: no `Add<HashRate>` for `Money`
//! ```
//!
//! Dividing money by hash rate gives a price per hash rate:
//!
//! ```
//! use qbrief_model::{HashRate, Money};
//! use rust_decimal::Decimal;
//! let revenue = Money::usd(Decimal::from(64_580_000));
//! let sold = HashRate::new(Decimal::from(7_300_000));
//! let asp = revenue.per_hashrate(sold).unwrap();
//! assert_eq!(asp.value().round_dp(2), Decimal::new(885, 2));
//! ```

use std::fmt;
use std::ops::{Add, Neg, Sub};

use rust_decimal::Decimal;

/// The physical or economic dimension of a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// An amount of money.
    Money,
    /// Computing power (hashes per second).
    HashRate,
    /// An amount of bitcoin.
    Bitcoin,
    /// A count of things: machines, units, orders.
    Count,
    /// A percentage, a ratio times one hundred.
    Percent,
    /// Energy efficiency, joules per terahash.
    Efficiency,
    /// Price per unit of hash rate, money per TH/s.
    HashPrice,
    /// Electrical power, megawatts.
    Power,
    /// Price of energy, money per kWh.
    EnergyPrice,
}

impl Dimension {
    /// Every dimension, for listing and for tests.
    pub const ALL: [Dimension; 9] = [
        Dimension::Money,
        Dimension::HashRate,
        Dimension::Bitcoin,
        Dimension::Count,
        Dimension::Percent,
        Dimension::Efficiency,
        Dimension::HashPrice,
        Dimension::Power,
        Dimension::EnergyPrice,
    ];

    /// A name for messages (`money`, `hash rate`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            Dimension::Money => "money",
            Dimension::HashRate => "hash rate",
            Dimension::Bitcoin => "bitcoin",
            Dimension::Count => "count",
            Dimension::Percent => "percent",
            Dimension::Efficiency => "energy efficiency",
            Dimension::HashPrice => "price per hash rate",
            Dimension::Power => "power",
            Dimension::EnergyPrice => "energy price",
        }
    }

    /// An example value string of this dimension, for hints.
    pub fn example(&self) -> &'static str {
        match self {
            Dimension::Money => "\"$73.6M\"",
            Dimension::HashRate => "\"4.6 EH/s\"",
            Dimension::Bitcoin => "\"1,212 BTC\"",
            Dimension::Count => "\"10,814 units\"",
            Dimension::Percent => "\"22%\"",
            Dimension::Efficiency => "\"16.8 J/TH\"",
            Dimension::HashPrice => "\"$8.8/TH/s\"",
            Dimension::Power => "\"30 MW\"",
            Dimension::EnergyPrice => "\"$0.04/kWh\"",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An ISO 4217 currency code such as `USD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// United States dollar.
    pub const USD: Currency = Currency(*b"USD");
    /// Chinese yuan (renminbi).
    pub const CNY: Currency = Currency(*b"CNY");

    /// A currency from a three-letter upper-case code; `None` otherwise.
    pub fn from_code(code: &str) -> Option<Currency> {
        let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(u8::is_ascii_uppercase)
            .then_some(Currency(bytes))
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        // The constructor admits only ASCII upper-case letters.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The canonical unit of a stated value: its dimension plus, for money-like
/// dimensions, the currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// Money in a currency.
    Money(Currency),
    /// TH/s.
    HashRate,
    /// BTC.
    Bitcoin,
    /// A plain count.
    Count,
    /// Percent.
    Percent,
    /// J/TH.
    Efficiency,
    /// Currency per TH/s.
    HashPrice(Currency),
    /// MW.
    Power,
    /// Currency per kWh.
    EnergyPrice(Currency),
}

impl Unit {
    /// The unit's dimension.
    pub fn dimension(&self) -> Dimension {
        match self {
            Unit::Money(_) => Dimension::Money,
            Unit::HashRate => Dimension::HashRate,
            Unit::Bitcoin => Dimension::Bitcoin,
            Unit::Count => Dimension::Count,
            Unit::Percent => Dimension::Percent,
            Unit::Efficiency => Dimension::Efficiency,
            Unit::HashPrice(_) => Dimension::HashPrice,
            Unit::Power => Dimension::Power,
            Unit::EnergyPrice(_) => Dimension::EnergyPrice,
        }
    }

    /// The currency of a money-like unit.
    pub fn currency(&self) -> Option<Currency> {
        match self {
            Unit::Money(c) | Unit::HashPrice(c) | Unit::EnergyPrice(c) => Some(*c),
            _ => None,
        }
    }

    /// The canonical symbol used in exports: `USD`, `TH/s`, `BTC`, `count`,
    /// `%`, `J/TH`, `USD/(TH/s)`, `MW`, `USD/kWh`.
    pub fn symbol(&self) -> String {
        match self {
            Unit::Money(c) => c.to_string(),
            Unit::HashRate => "TH/s".into(),
            Unit::Bitcoin => "BTC".into(),
            Unit::Count => "count".into(),
            Unit::Percent => "%".into(),
            Unit::Efficiency => "J/TH".into(),
            Unit::HashPrice(c) => format!("{c}/(TH/s)"),
            Unit::Power => "MW".into(),
            Unit::EnergyPrice(c) => format!("{c}/kWh"),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.symbol())
    }
}

/// Two money-like amounts in different currencies were combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot combine {left} with {right}")]
pub struct CurrencyMismatch {
    /// The left operand's currency.
    pub left: Currency,
    /// The right operand's currency.
    pub right: Currency,
}

macro_rules! plain_quantity {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(Decimal);

        impl $name {
            /// A quantity from its value in the canonical unit.
            pub fn new(value: Decimal) -> Self {
                $name(value)
            }

            /// The value in the canonical unit.
            pub fn value(&self) -> Decimal {
                self.0
            }

            /// Checked sum; `None` on overflow.
            pub fn checked_add(self, other: Self) -> Option<Self> {
                self.0.checked_add(other.0).map($name)
            }

            /// Checked difference; `None` on overflow.
            pub fn checked_sub(self, other: Self) -> Option<Self> {
                self.0.checked_sub(other.0).map($name)
            }

            /// The dimensionless ratio `self / other`; `None` when `other` is zero or on overflow.
            pub fn ratio(self, other: Self) -> Option<Decimal> {
                self.0.checked_div(other.0)
            }
        }

        impl Add for $name {
            type Output = $name;
            fn add(self, other: $name) -> $name {
                $name(self.0 + other.0)
            }
        }

        impl Sub for $name {
            type Output = $name;
            fn sub(self, other: $name) -> $name {
                $name(self.0 - other.0)
            }
        }

        impl Neg for $name {
            type Output = $name;
            fn neg(self) -> $name {
                $name(-self.0)
            }
        }
    };
}

plain_quantity!(
    /// Computing power in TH/s.
    HashRate
);
plain_quantity!(
    /// An amount of bitcoin, in BTC.
    Bitcoin
);
plain_quantity!(
    /// A count of things.
    Count
);
plain_quantity!(
    /// A percentage (22 means 22%).
    Percent
);
plain_quantity!(
    /// Energy efficiency in J/TH.
    Efficiency
);
plain_quantity!(
    /// Electrical power in MW.
    Power
);

macro_rules! priced_quantity {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name {
            amount: Decimal,
            currency: Currency,
        }

        impl $name {
            /// A quantity from its amount and currency.
            pub fn new(amount: Decimal, currency: Currency) -> Self {
                $name { amount, currency }
            }

            /// An amount in US dollars.
            pub fn usd(amount: Decimal) -> Self {
                $name::new(amount, Currency::USD)
            }

            /// The amount.
            pub fn value(&self) -> Decimal {
                self.amount
            }

            /// The currency.
            pub fn currency(&self) -> Currency {
                self.currency
            }

            fn same_currency(&self, other: &Self) -> Result<(), CurrencyMismatch> {
                if self.currency == other.currency {
                    Ok(())
                } else {
                    Err(CurrencyMismatch { left: self.currency, right: other.currency })
                }
            }

            /// Checked sum: fails on a currency mismatch; `Ok(None)` on overflow.
            pub fn checked_add(self, other: Self) -> Result<Option<Self>, CurrencyMismatch> {
                self.same_currency(&other)?;
                Ok(self.amount.checked_add(other.amount).map(|a| $name::new(a, self.currency)))
            }

            /// Checked difference: fails on a currency mismatch; `Ok(None)` on overflow.
            pub fn checked_sub(self, other: Self) -> Result<Option<Self>, CurrencyMismatch> {
                self.same_currency(&other)?;
                Ok(self.amount.checked_sub(other.amount).map(|a| $name::new(a, self.currency)))
            }

            /// The dimensionless ratio `self / other`: fails on a currency
            /// mismatch; `Ok(None)` when `other` is zero or on overflow.
            pub fn ratio(self, other: Self) -> Result<Option<Decimal>, CurrencyMismatch> {
                self.same_currency(&other)?;
                Ok(self.amount.checked_div(other.amount))
            }
        }

        impl Neg for $name {
            type Output = $name;
            fn neg(self) -> $name {
                $name::new(-self.amount, self.currency)
            }
        }
    };
}

priced_quantity!(
    /// An amount of money in a currency.
    Money
);
priced_quantity!(
    /// A price per TH/s of computing power.
    HashPrice
);
priced_quantity!(
    /// A price per kWh of energy.
    EnergyPrice
);

impl Money {
    /// Price per hash rate: `self / hash_rate`; `None` when the hash rate is zero.
    pub fn per_hashrate(self, hash_rate: HashRate) -> Option<HashPrice> {
        self.amount
            .checked_div(hash_rate.value())
            .map(|a| HashPrice::new(a, self.currency))
    }

    /// Money per bitcoin: `self / bitcoin`; `None` when the amount of bitcoin is zero.
    pub fn per_bitcoin(self, bitcoin: Bitcoin) -> Option<Money> {
        self.amount
            .checked_div(bitcoin.value())
            .map(|a| Money::new(a, self.currency))
    }
}

impl Bitcoin {
    /// The value of this much bitcoin at `price` per BTC; `None` on overflow.
    pub fn value_at(self, price: Money) -> Option<Money> {
        self.0
            .checked_mul(price.value())
            .map(|a| Money::new(a, price.currency()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_mismatch_is_an_error() {
        let usd = Money::usd(Decimal::ONE);
        let cny = Money::new(Decimal::ONE, Currency::CNY);
        assert_eq!(
            usd.checked_add(cny).unwrap_err().to_string(),
            "cannot combine USD with CNY"
        );
        assert_eq!(
            usd.checked_add(usd).unwrap(),
            Some(Money::usd(Decimal::TWO))
        );
    }

    #[test]
    fn division_by_zero_is_none() {
        assert_eq!(
            Money::usd(Decimal::ONE).per_hashrate(HashRate::default()),
            None
        );
        assert_eq!(
            Money::usd(Decimal::ONE).per_bitcoin(Bitcoin::default()),
            None
        );
        assert_eq!(HashRate::new(Decimal::ONE).ratio(HashRate::default()), None);
    }

    #[test]
    fn symbols() {
        assert_eq!(Unit::HashPrice(Currency::USD).symbol(), "USD/(TH/s)");
        assert_eq!(Unit::EnergyPrice(Currency::USD).symbol(), "USD/kWh");
        assert_eq!(Currency::from_code("usd"), None);
        assert_eq!(
            Currency::from_code("RMB").map(|c| c.to_string()),
            Some("RMB".into())
        );
    }
}
