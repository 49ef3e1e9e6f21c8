//! Interval arithmetic over [`Interval`]s, so every derived number carries
//! the range its inputs' stated precision allows. All operations are checked:
//! overflow or an unbounded operand widens the result instead of panicking.

use qbrief_model::Interval;
use rust_decimal::Decimal;

/// The unbounded interval.
pub fn unbounded() -> Interval {
    Interval {
        low: None,
        high: None,
    }
}

/// `a + b`.
pub fn add(a: &Interval, b: &Interval) -> Interval {
    Interval {
        low: both(a.low, b.low, Decimal::checked_add),
        high: both(a.high, b.high, Decimal::checked_add),
    }
}

/// `a - b`.
pub fn sub(a: &Interval, b: &Interval) -> Interval {
    Interval {
        low: both(a.low, b.high, Decimal::checked_sub),
        high: both(a.high, b.low, Decimal::checked_sub),
    }
}

/// `a * b`.
pub fn mul(a: &Interval, b: &Interval) -> Interval {
    corners(a, b, Decimal::checked_mul)
}

/// `a / b`; unbounded when `b` may be zero.
///
/// With the sign of `b` known, each end of the quotient comes from one
/// known corner, so two divisions do where the hull of four took four
/// (28-digit division is the costliest step of a growth rate).
pub fn div(a: &Interval, b: &Interval) -> Interval {
    if b.contains(Decimal::ZERO) {
        return unbounded();
    }
    let (Some(al), Some(ah), Some(bl), Some(bh)) = (a.low, a.high, b.low, b.high) else {
        return unbounded();
    };
    let (low, high) = if bl > Decimal::ZERO {
        (
            al.checked_div(if al >= Decimal::ZERO { bh } else { bl }),
            ah.checked_div(if ah >= Decimal::ZERO { bl } else { bh }),
        )
    } else {
        (
            ah.checked_div(if ah >= Decimal::ZERO { bh } else { bl }),
            al.checked_div(if al >= Decimal::ZERO { bl } else { bh }),
        )
    };
    match (low, high) {
        (Some(low), Some(high)) => Interval::closed(low, high),
        _ => unbounded(),
    }
}

/// `a * k` for an exact constant `k`: the ends scale, swapped when `k` is
/// negative.
pub fn scale(a: &Interval, k: Decimal) -> Interval {
    let (Some(l), Some(h)) = (a.low, a.high) else {
        return mul(a, &Interval::point(k));
    };
    let (low, high) = if k >= Decimal::ZERO { (l, h) } else { (h, l) };
    match (low.checked_mul(k), high.checked_mul(k)) {
        (Some(low), Some(high)) => Interval::closed(low, high),
        _ => unbounded(),
    }
}

/// `|a|`.
pub fn abs(a: &Interval) -> Interval {
    match (a.low, a.high) {
        (Some(l), Some(h)) if l >= Decimal::ZERO => Interval::closed(l, h),
        (Some(l), Some(h)) if h <= Decimal::ZERO => Interval::closed(-h, -l),
        (Some(l), Some(h)) => Interval::closed(Decimal::ZERO, (-l).max(h)),
        (Some(l), None) if l >= Decimal::ZERO => Interval {
            low: Some(l),
            high: None,
        },
        (None, Some(h)) if h <= Decimal::ZERO => Interval {
            low: Some(-h),
            high: None,
        },
        _ => Interval {
            low: Some(Decimal::ZERO),
            high: None,
        },
    }
}

fn both(
    a: Option<Decimal>,
    b: Option<Decimal>,
    op: fn(Decimal, Decimal) -> Option<Decimal>,
) -> Option<Decimal> {
    op(a?, b?)
}

/// The hull of `op` over the four corners; any unbounded side or overflow
/// makes the result unbounded, which is always safe for a consistency check.
fn corners(a: &Interval, b: &Interval, op: fn(Decimal, Decimal) -> Option<Decimal>) -> Interval {
    let (Some(al), Some(ah), Some(bl), Some(bh)) = (a.low, a.high, b.low, b.high) else {
        return unbounded();
    };
    match (op(al, bl), op(al, bh), op(ah, bl), op(ah, bh)) {
        (Some(a), Some(b), Some(c), Some(d)) => {
            Interval::closed(a.min(b).min(c).min(d), a.max(b).max(c).max(d))
        }
        _ => unbounded(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn i(l: i64, h: i64) -> Interval {
        Interval::closed(Decimal::from(l), Decimal::from(h))
    }

    #[test]
    fn arithmetic() {
        assert_eq!(add(&i(1, 2), &i(10, 20)), i(11, 22));
        assert_eq!(sub(&i(10, 20), &i(1, 2)), i(8, 19));
        assert_eq!(mul(&i(-1, 2), &i(3, 4)), i(-4, 8));
        assert_eq!(div(&i(10, 20), &i(2, 5)), i(2, 10));
        assert_eq!(div(&i(10, 20), &i(-1, 5)), unbounded());
        assert_eq!(abs(&i(-3, 2)), i(0, 3));
        assert_eq!(abs(&i(-3, -2)), i(2, 3));
        let half_open = Interval {
            low: Some(Decimal::ONE),
            high: None,
        };
        assert_eq!(
            add(&half_open, &i(1, 1)),
            Interval {
                low: Some(Decimal::TWO),
                high: None
            }
        );
        assert_eq!(mul(&half_open, &i(1, 1)), unbounded());
    }

    proptest! {
        #[test]
        fn results_contain_the_point(a in -1_000_000i64..1_000_000, b in -1_000_000i64..1_000_000, da in 0i64..1000, db in 0i64..1000) {
            let (x, y) = (Decimal::new(a, 2), Decimal::new(b, 2));
            let ix = Interval::closed(x - Decimal::new(da, 3), x + Decimal::new(da, 3));
            let iy = Interval::closed(y - Decimal::new(db, 3), y + Decimal::new(db, 3));
            prop_assert!(add(&ix, &iy).contains(x + y));
            prop_assert!(sub(&ix, &iy).contains(x - y));
            prop_assert!(mul(&ix, &iy).contains(x * y));
            if let Some(q) = x.checked_div(y) {
                prop_assert!(div(&ix, &iy).contains(q));
            }
        }

        #[test]
        fn two_corners_give_the_hull_of_four(a in -1_000_000i64..1_000_000, b in -1_000_000i64..1_000_000, da in 0i64..100_000, db in 0i64..100_000, k in -10_000i64..10_000) {
            let (x, y) = (Decimal::new(a, 2), Decimal::new(b, 2));
            let ix = Interval::closed(x - Decimal::new(da, 3), x + Decimal::new(da, 3));
            let iy = Interval::closed(y - Decimal::new(db, 3), y + Decimal::new(db, 3));
            if !iy.contains(Decimal::ZERO) {
                prop_assert_eq!(div(&ix, &iy), corners(&ix, &iy, Decimal::checked_div));
            }
            let k = Decimal::new(k, 1);
            prop_assert_eq!(scale(&ix, k), corners(&ix, &Interval::point(k), Decimal::checked_mul));
        }

        #[test]
        fn extreme_values_never_panic(a in any::<i64>(), b in any::<i64>(), s in 0u32..28) {
            let x = Interval::point(Decimal::new(a, s));
            let big = Decimal::try_from_i128_with_scale(i128::from(b) * 1_000_000_000_000, 0).unwrap_or(Decimal::MAX);
            let y = Interval::point(big);
            let _ = (add(&x, &y), sub(&x, &y), mul(&x, &y), div(&x, &y), abs(&y));
            let max = Interval::point(Decimal::MAX);
            let _ = (add(&max, &max), mul(&max, &max), div(&max, &Interval::point(Decimal::new(1, 28))));
        }
    }
}
