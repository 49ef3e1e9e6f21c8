//! Growth that does not lie: a change between two periods is a typed
//! outcome, and its rate is (current - prior) / |prior| only where that
//! means something.

use qbrief_model::{Change as ChangeSuffix, Interval, Period};
use rust_decimal::Decimal;

use crate::bounds;

/// The period a stated change compares with.
pub(crate) fn shifted(period: Period, change: ChangeSuffix) -> Option<Period> {
    match change {
        ChangeSuffix::Qoq => period.previous_quarter(),
        ChangeSuffix::Yoy => period.year_ago(),
    }
}

/// What happened between the prior and the current value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A positive value grew.
    Growth,
    /// A positive value shrank but stayed non-negative.
    Decline,
    /// The value did not move.
    Unchanged,
    /// A negative value (a loss) moved toward zero.
    LossNarrowed,
    /// A negative value (a loss) moved away from zero.
    LossWidened,
    /// A loss became a profit (or zero).
    TurnedPositive,
    /// A profit became a loss.
    TurnedNegative,
    /// The prior value was zero: no rate exists.
    FromZero,
    /// Both values are zero, or the prior's interval straddles zero.
    NotMeaningful,
}

impl ChangeKind {
    /// A phrase for briefs ("loss narrowed").
    pub fn phrase(&self) -> &'static str {
        match self {
            ChangeKind::Growth => "growth",
            ChangeKind::Decline => "decline",
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::LossNarrowed => "loss narrowed",
            ChangeKind::LossWidened => "loss widened",
            ChangeKind::TurnedPositive => "turned positive",
            ChangeKind::TurnedNegative => "turned negative",
            ChangeKind::FromZero => "from zero",
            ChangeKind::NotMeaningful => "not meaningful",
        }
    }
}

/// Flags on a derived number that is not a plain value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The sign changed between the periods.
    SignChange,
    /// The prior value is negative: the rate measures a loss's change.
    NegativeBase,
    /// The prior value is zero.
    ZeroBase,
    /// A change of a percentage, in percentage points rather than percent.
    PercentagePoints,
    /// An input is itself implied, not stated.
    UsesImplied,
    /// Implied assuming the prior has the current value's sign.
    AssumedSameSign,
    /// Actual above guidance.
    Beat,
    /// Actual below guidance.
    Miss,
    /// Actual within the stated precision of guidance.
    InLine,
}

impl Flag {
    /// The snake_case name used in exports.
    pub fn name(&self) -> &'static str {
        match self {
            Flag::SignChange => "sign_change",
            Flag::NegativeBase => "negative_base",
            Flag::ZeroBase => "zero_base",
            Flag::PercentagePoints => "percentage_points",
            Flag::UsesImplied => "uses_implied",
            Flag::AssumedSameSign => "assumed_same_sign",
            Flag::Beat => "beat",
            Flag::Miss => "miss",
            Flag::InLine => "in_line",
        }
    }
}

/// A computed change: its kind, its rate in percent where meaningful, the
/// interval of the rate, and flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// (current - prior) / |prior| x 100, or `None` where not meaningful.
    pub percent: Option<Decimal>,
    /// The interval of the rate given the inputs' intervals.
    pub interval: Interval,
    /// Why the rate is not a plain growth rate, if it is not.
    pub flags: Vec<Flag>,
}

/// The change from `prior` to `current` as a relative rate.
///
/// ```
/// use qbrief_calc::{relative_change, ChangeKind};
/// use qbrief_model::{Change as ChangeSuffix, Interval, Period};
/// use rust_decimal::Decimal;
/// let p = |v: i64| (Decimal::from(v), Interval::point(Decimal::from(v)));
/// let (c, i) = p(-34);
/// let (pr, pi) = p(-68);
/// let change = relative_change(c, &i, pr, &pi);
/// assert_eq!(change.kind, ChangeKind::LossNarrowed);
/// assert_eq!(change.percent, Some(Decimal::from(50)));
/// ```
pub fn relative_change(
    current: Decimal,
    current_interval: &Interval,
    prior: Decimal,
    prior_interval: &Interval,
) -> Change {
    let kind = classify(current, prior);
    let mut flags = Vec::new();
    if prior.is_sign_negative() && !prior.is_zero() {
        flags.push(Flag::NegativeBase);
    }
    if matches!(
        kind,
        ChangeKind::TurnedPositive | ChangeKind::TurnedNegative
    ) {
        flags.push(Flag::SignChange);
    }
    if prior.is_zero() {
        flags.push(Flag::ZeroBase);
    }
    let percent = if matches!(kind, ChangeKind::FromZero | ChangeKind::NotMeaningful) {
        None
    } else {
        current
            .checked_sub(prior)
            .and_then(|d| d.checked_div(prior.abs()))
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
    };
    let interval = if percent.is_some() {
        let diff = bounds::sub(current_interval, prior_interval);
        bounds::scale(
            &bounds::div(&diff, &bounds::abs(prior_interval)),
            Decimal::ONE_HUNDRED,
        )
    } else {
        bounds::unbounded()
    };
    Change {
        kind,
        percent,
        interval,
        flags,
    }
}

/// The change of a percentage in percentage points: current - prior.
pub fn point_change(
    current: Decimal,
    current_interval: &Interval,
    prior: Decimal,
    prior_interval: &Interval,
) -> Change {
    let percent = current.checked_sub(prior);
    let kind = match percent {
        Some(d) if d.is_zero() => ChangeKind::Unchanged,
        Some(d) if d.is_sign_positive() => ChangeKind::Growth,
        Some(_) => ChangeKind::Decline,
        None => ChangeKind::NotMeaningful,
    };
    Change {
        kind,
        percent,
        interval: bounds::sub(current_interval, prior_interval),
        flags: vec![Flag::PercentagePoints],
    }
}

fn classify(current: Decimal, prior: Decimal) -> ChangeKind {
    let zero = Decimal::ZERO;
    if prior.is_zero() {
        return if current.is_zero() {
            ChangeKind::NotMeaningful
        } else {
            ChangeKind::FromZero
        };
    }
    if current == prior {
        return ChangeKind::Unchanged;
    }
    if prior > zero {
        if current > prior {
            ChangeKind::Growth
        } else if current >= zero {
            ChangeKind::Decline
        } else {
            ChangeKind::TurnedNegative
        }
    } else if current >= zero {
        ChangeKind::TurnedPositive
    } else if current > prior {
        ChangeKind::LossNarrowed
    } else {
        ChangeKind::LossWidened
    }
}

/// Back-solves the other period from a stated relative change.
///
/// Given the current value and a rate r (in percent), the prior is
/// `current / (1 + r)` for a positive base and `current / (1 - r)` for a
/// negative one. The base's sign is unknown, so it is assumed to be the
/// current value's: flagged [`Flag::AssumedSameSign`] when negative.
/// Returns `None` where no finite prior exists (r = -100%, say).
pub fn implied_prior(
    current: Decimal,
    current_interval: &Interval,
    rate: Decimal,
    rate_interval: &Interval,
) -> Option<(Decimal, Interval, Vec<Flag>)> {
    let r = rate.checked_div(Decimal::ONE_HUNDRED)?;
    let ri = bounds::scale(rate_interval, Decimal::new(1, 2));
    let one = Interval::point(Decimal::ONE);
    let (factor, factor_interval, flags) = if current.is_sign_negative() && !current.is_zero() {
        (
            Decimal::ONE.checked_sub(r)?,
            bounds::sub(&one, &ri),
            vec![Flag::AssumedSameSign, Flag::NegativeBase],
        )
    } else {
        (
            Decimal::ONE.checked_add(r)?,
            bounds::add(&one, &ri),
            Vec::new(),
        )
    };
    let prior = current.checked_div(factor)?;
    if factor.is_sign_negative() {
        return None;
    }
    Some((
        prior,
        bounds::div(current_interval, &factor_interval),
        flags,
    ))
}

/// Forward-solves the current period from a prior value and a stated rate.
pub fn implied_current(
    prior: Decimal,
    prior_interval: &Interval,
    rate: Decimal,
    rate_interval: &Interval,
) -> Option<(Decimal, Interval, Vec<Flag>)> {
    let r = rate.checked_div(Decimal::ONE_HUNDRED)?;
    let ri = bounds::scale(rate_interval, Decimal::new(1, 2));
    let delta = prior.abs().checked_mul(r)?;
    let current = prior.checked_add(delta)?;
    let interval = bounds::add(
        prior_interval,
        &bounds::mul(&bounds::abs(prior_interval), &ri),
    );
    let flags = if prior.is_sign_negative() {
        vec![Flag::NegativeBase]
    } else {
        Vec::new()
    };
    Some((current, interval, flags))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(v: i64) -> Decimal {
        Decimal::from(v)
    }

    /// (current, prior) -> (kind, percent, flags)
    #[track_caller]
    fn check(current: i64, prior: i64, kind: ChangeKind, percent: Option<i64>, flags: &[Flag]) {
        let c = relative_change(
            d(current),
            &Interval::point(d(current)),
            d(prior),
            &Interval::point(d(prior)),
        );
        assert_eq!(c.kind, kind, "{prior} -> {current}");
        assert_eq!(c.percent, percent.map(d), "{prior} -> {current}");
        assert_eq!(c.flags, flags, "{prior} -> {current}");
        if let Some(p) = c.percent {
            assert!(c.interval.contains(p));
        }
    }

    #[test]
    fn edges() {
        check(150, 100, ChangeKind::Growth, Some(50), &[]);
        check(50, 100, ChangeKind::Decline, Some(-50), &[]);
        check(0, 100, ChangeKind::Decline, Some(-100), &[]);
        check(100, 100, ChangeKind::Unchanged, Some(0), &[]);
        check(
            -50,
            100,
            ChangeKind::TurnedNegative,
            Some(-150),
            &[Flag::SignChange],
        );
        check(
            -34,
            -68,
            ChangeKind::LossNarrowed,
            Some(50),
            &[Flag::NegativeBase],
        );
        check(
            -136,
            -68,
            ChangeKind::LossWidened,
            Some(-100),
            &[Flag::NegativeBase],
        );
        check(
            10,
            -10,
            ChangeKind::TurnedPositive,
            Some(200),
            &[Flag::NegativeBase, Flag::SignChange],
        );
        check(
            0,
            -10,
            ChangeKind::TurnedPositive,
            Some(100),
            &[Flag::NegativeBase, Flag::SignChange],
        );
        check(5, 0, ChangeKind::FromZero, None, &[Flag::ZeroBase]);
        check(0, 0, ChangeKind::NotMeaningful, None, &[Flag::ZeroBase]);
    }

    #[test]
    fn straddling_prior_has_an_unbounded_interval() {
        let c = relative_change(
            d(10),
            &Interval::closed(d(9), d(11)),
            d(1),
            &Interval::closed(d(-1), d(3)),
        );
        assert_eq!(c.kind, ChangeKind::Growth);
        assert_eq!(c.interval, bounds::unbounded());
    }

    #[test]
    fn points_for_percentages() {
        let c = point_change(
            d(22),
            &Interval::point(d(22)),
            d(33),
            &Interval::point(d(33)),
        );
        assert_eq!(
            (c.kind, c.percent, c.flags),
            (
                ChangeKind::Decline,
                Some(d(-11)),
                vec![Flag::PercentagePoints]
            )
        );
    }

    #[test]
    fn implied_values() {
        // "+121% YoY" to $73.6M gives about $33.3M a year earlier.
        let (prior, interval, flags) = implied_prior(
            Decimal::new(736, 1),
            &Interval::closed(Decimal::new(7355, 2), Decimal::new(7365, 2)),
            d(121),
            &Interval::closed(Decimal::new(1205, 1), Decimal::new(1215, 1)),
        )
        .unwrap();
        assert_eq!(prior.round_dp(2), Decimal::new(3330, 2));
        assert!(interval.contains(prior));
        assert!(flags.is_empty());
        // A loss of $34M "narrowed 50%" implies a loss of $68M before.
        let (prior, _, flags) = implied_prior(
            d(-34),
            &Interval::point(d(-34)),
            d(50),
            &Interval::point(d(50)),
        )
        .unwrap();
        assert_eq!(prior, d(-68));
        assert_eq!(flags, vec![Flag::AssumedSameSign, Flag::NegativeBase]);
        assert_eq!(
            implied_prior(
                d(10),
                &Interval::point(d(10)),
                d(-100),
                &Interval::point(d(-100))
            ),
            None
        );
        let (current, _, _) = implied_current(
            d(-68),
            &Interval::point(d(-68)),
            d(50),
            &Interval::point(d(50)),
        )
        .unwrap();
        assert_eq!(current, d(-34));
    }

    proptest! {
        #[test]
        fn growth_of_x_over_x_is_zero(x in any::<i64>().prop_filter("non-zero", |x| *x != 0), s in 0u32..10) {
            let v = Decimal::new(x, s);
            let c = relative_change(v, &Interval::point(v), v, &Interval::point(v));
            prop_assert_eq!(c.percent, Some(Decimal::ZERO));
            prop_assert_eq!(c.kind, ChangeKind::Unchanged);
        }

        #[test]
        fn interval_contains_the_point(c in -1_000_000i64..1_000_000, p in -1_000_000i64..1_000_000, w in 0i64..100) {
            let (cv, pv) = (Decimal::new(c, 1), Decimal::new(p, 1));
            let wd = Decimal::new(w, 2);
            let change = relative_change(cv, &Interval::closed(cv - wd, cv + wd), pv, &Interval::closed(pv - wd, pv + wd));
            if let Some(rate) = change.percent {
                prop_assert!(change.interval.contains(rate), "{:?}", change);
            }
        }

        #[test]
        fn any_decimals_never_panic(a in any::<i64>(), b in any::<i64>(), sa in 0u32..28, sb in 0u32..28) {
            let (x, y) = (Decimal::new(a, sa), Decimal::new(b, sb));
            let big = Interval::point(Decimal::MAX);
            let _ = relative_change(x, &Interval::point(x), y, &Interval::point(y));
            let _ = relative_change(Decimal::MAX, &big, Decimal::new(1, 28), &Interval::point(Decimal::new(1, 28)));
            let _ = implied_prior(x, &Interval::point(x), y, &Interval::point(y));
            let _ = implied_current(Decimal::MAX, &big, y, &Interval::point(y));
            let _ = point_change(Decimal::MIN, &Interval::point(Decimal::MIN), Decimal::MAX, &big);
        }
    }
}
