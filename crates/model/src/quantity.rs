//! Quantities typed at compile time, for Rust code that computes with
//! qbrief values: a [`Quantity`] is tagged with a dimension type, so adding
//! dollars to terahash does not compile, and dividing gives a [`Per`] type.
//! [`Money`] carries a [`Currency`]; combining two currencies is a checked
//! error instead of a guessed exchange rate.
//!
//! Taxonomy files declare their own dimensions, which are checked at load
//! time ([`crate::Dimension`]); these tags are for typed library code.
//!
//! ```compile_fail
//! use qbrief_model::{Quantity, Money, Currency};
//! use rust_decimal::Decimal;
//! struct HashRate;
//! let dollars: Quantity<Money> = Quantity::new(Decimal::ONE);
//! let hash: Quantity<HashRate> = Quantity::new(Decimal::ONE);
//! let _nonsense = dollars + hash; // error: mismatched types
//! ```
//!
//! Dividing money by hash rate gives a price per hash rate:
//!
//! ```
//! use qbrief_model::{Money, Per, Quantity};
//! use rust_decimal::Decimal;
//! struct HashRate;
//! let revenue: Quantity<Money> = Quantity::new(Decimal::from(64_580_000));
//! let sold: Quantity<HashRate> = Quantity::new(Decimal::from(7_300_000));
//! let asp: Quantity<Per<Money, HashRate>> = revenue.per(sold).unwrap();
//! assert_eq!(asp.value().round_dp(2), Decimal::new(885, 2));
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Add, Neg, Sub};

use rust_decimal::Decimal;

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

/// Two money-like amounts in different currencies were combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot combine {left} with {right}")]
pub struct CurrencyMismatch {
    /// The left operand's currency.
    pub left: Currency,
    /// The right operand's currency.
    pub right: Currency,
}

/// The dimension tag of money in [`Quantity`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money;

/// The dimension tag of `A` per `B`: `Quantity<Per<Money, HashRate>>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Per<A, B>(PhantomData<(A, B)>);

/// A value in the canonical unit of the dimension `D`.
pub struct Quantity<D> {
    value: Decimal,
    dimension: PhantomData<D>,
}

impl<D> Clone for Quantity<D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D> Copy for Quantity<D> {}

impl<D> PartialEq for Quantity<D> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<D> Eq for Quantity<D> {}

impl<D> PartialOrd for Quantity<D> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<D> Ord for Quantity<D> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl<D> std::hash::Hash for Quantity<D> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<D> fmt::Debug for Quantity<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Quantity({})", self.value)
    }
}

impl<D> Quantity<D> {
    /// A quantity from its value in the canonical unit.
    pub fn new(value: Decimal) -> Self {
        Quantity {
            value,
            dimension: PhantomData,
        }
    }

    /// The value in the canonical unit.
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// Checked sum; `None` on overflow.
    pub fn checked_add(self, other: Self) -> Option<Self> {
        self.value.checked_add(other.value).map(Quantity::new)
    }

    /// Checked difference; `None` on overflow.
    pub fn checked_sub(self, other: Self) -> Option<Self> {
        self.value.checked_sub(other.value).map(Quantity::new)
    }

    /// The dimensionless ratio `self / other`; `None` when `other` is zero.
    pub fn ratio(self, other: Self) -> Option<Decimal> {
        self.value.checked_div(other.value)
    }

    /// `self` per unit of `other`; `None` when `other` is zero.
    pub fn per<B>(self, other: Quantity<B>) -> Option<Quantity<Per<D, B>>> {
        self.value.checked_div(other.value).map(Quantity::new)
    }
}

impl<A, B> Quantity<Per<A, B>> {
    /// The amount of `A` in `amount` of `B` at this rate; `None` on overflow.
    pub fn times(self, amount: Quantity<B>) -> Option<Quantity<A>> {
        self.value.checked_mul(amount.value).map(Quantity::new)
    }
}

impl<D> Add for Quantity<D> {
    type Output = Quantity<D>;
    fn add(self, other: Self) -> Self {
        Quantity::new(self.value + other.value)
    }
}

impl<D> Sub for Quantity<D> {
    type Output = Quantity<D>;
    fn sub(self, other: Self) -> Self {
        Quantity::new(self.value - other.value)
    }
}

impl<D> Neg for Quantity<D> {
    type Output = Quantity<D>;
    fn neg(self) -> Self {
        Quantity::new(-self.value)
    }
}

/// An amount of money in a currency: sums of two currencies fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount {
    value: Quantity<Money>,
    currency: Currency,
}

impl Amount {
    /// An amount in a currency.
    pub fn new(value: Decimal, currency: Currency) -> Amount {
        Amount {
            value: Quantity::new(value),
            currency,
        }
    }

    /// The amount.
    pub fn value(&self) -> Decimal {
        self.value.value()
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Checked sum: fails on a currency mismatch; `Ok(None)` on overflow.
    pub fn checked_add(self, other: Amount) -> Result<Option<Amount>, CurrencyMismatch> {
        if self.currency != other.currency {
            return Err(CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            });
        }
        Ok(self
            .value
            .checked_add(other.value)
            .map(|v| Amount::new(v.value(), self.currency)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_mismatch_is_an_error() {
        let usd = Amount::new(Decimal::ONE, Currency::USD);
        let cny = Amount::new(Decimal::ONE, Currency::CNY);
        assert_eq!(
            usd.checked_add(cny).unwrap_err().to_string(),
            "cannot combine USD with CNY"
        );
        assert_eq!(
            usd.checked_add(usd).unwrap(),
            Some(Amount::new(Decimal::TWO, Currency::USD))
        );
    }

    #[test]
    fn division_by_zero_is_none() {
        struct Hash;
        let money: Quantity<Money> = Quantity::new(Decimal::ONE);
        assert_eq!(money.per(Quantity::<Hash>::new(Decimal::ZERO)), None);
        let price = money.per(Quantity::<Hash>::new(Decimal::TWO)).unwrap();
        assert_eq!(price.times(Quantity::new(Decimal::TWO)), Some(money));
    }

    #[test]
    fn currency_codes() {
        assert_eq!(Currency::from_code("usd"), None);
        assert_eq!(
            Currency::from_code("RMB").map(|c| c.to_string()),
            Some("RMB".into())
        );
    }
}
