//! Stated figures: a value with the precision and qualifier it was said with,
//! and the interval of true values it stands for.

use std::fmt;

use rust_decimal::Decimal;

use crate::unit::Unit;

/// How a speaker hedged a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Said plainly: "$73.6 million".
    Exact,
    /// "about", "around", "approximately", "roughly".
    About,
    /// "at least", "over", "more than", "above", "exceeding".
    AtLeast,
    /// "at most", "nearly", "almost", "under", "less than", "below", "up to".
    AtMost,
    /// A range: "2-4 EH/s", "$70M to $80M".
    Range,
}

impl Qualifier {
    /// The name used in exports (`exact`, `about`, `at_least`, `at_most`, `range`).
    pub fn name(&self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
            Qualifier::Range => "range",
        }
    }
}

/// A closed interval of values; `None` on a side means unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Interval {
    /// The least value, if bounded below.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub low: Option<Decimal>,
    /// The greatest value, if bounded above.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub high: Option<Decimal>,
}

impl Interval {
    /// The interval `[low, high]`.
    pub fn closed(low: Decimal, high: Decimal) -> Interval {
        Interval {
            low: Some(low.min(high)),
            high: Some(high.max(low)),
        }
    }

    /// The single point `[value, value]`.
    pub fn point(value: Decimal) -> Interval {
        Interval::closed(value, value)
    }

    /// Whether two intervals share at least one value.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let below = matches!((self.high, other.low), (Some(h), Some(l)) if h < l);
        let above = matches!((self.low, other.high), (Some(l), Some(h)) if l > h);
        !(below || above)
    }

    /// Whether `value` lies in the interval.
    pub fn contains(&self, value: Decimal) -> bool {
        self.low.is_none_or(|l| l <= value) && self.high.is_none_or(|h| value <= h)
    }

    /// The distance between two disjoint intervals; zero when they overlap.
    pub fn gap(&self, other: &Interval) -> Decimal {
        if self.overlaps(other) {
            return Decimal::ZERO;
        }
        match (self.high, other.low, self.low, other.high) {
            (Some(h), Some(l), _, _) if h < l => l.checked_sub(h).unwrap_or(Decimal::MAX),
            (_, _, Some(l), Some(h)) => l.checked_sub(h).unwrap_or(Decimal::MAX),
            _ => Decimal::ZERO,
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.low, self.high) {
            (Some(l), Some(h)) => write!(f, "[{}, {}]", l.normalize(), h.normalize()),
            (Some(l), None) => write!(f, "[{}, +inf)", l.normalize()),
            (None, Some(h)) => write!(f, "(-inf, {}]", h.normalize()),
            (None, None) => f.write_str("(-inf, +inf)"),
        }
    }
}

/// A figure as stated: value in the canonical unit, the precision it was
/// stated with and its qualifier.
///
/// `decimals` follows XBRL: the number of decimal places of the canonical
/// value that the statement supports, negative for rounding to tens,
/// thousands, millions. "$73.6M" is 73,600,000 USD with decimals -5.
///
/// Each end of a range keeps its own precision: "1.5% to 2%" is 1.5 to one
/// place (1.45 to 1.55) and 2 to none (1.5 to 2.5), so it stands for
/// [1.45, 2.5], the hull of the two ends' intervals.
///
/// ```
/// use qbrief_model::{parse_value, Qualifier, UnitTable};
/// let units = UnitTable::default();
/// let parse = |s: &str| parse_value(s, &units);
/// let f = parse("$73.6M").unwrap();
/// assert_eq!(f.value().to_string(), "73600000");
/// assert_eq!(f.decimals(), -5);
/// assert_eq!(f.interval().to_string(), "[73550000, 73650000]");
/// let nearly = parse("nearly $74M").unwrap();
/// assert_eq!(nearly.qualifier(), Qualifier::AtMost);
/// assert!(nearly.interval().overlaps(&f.interval()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub(crate) unit: Unit,
    /// The stated value, or a range's low end.
    pub(crate) value: Decimal,
    /// A range's high end and that end's own decimals.
    pub(crate) range_high: Option<(Decimal, i32)>,
    /// The precision of `value` (for a range, of its low end).
    pub(crate) decimals: i32,
    pub(crate) qualifier: Qualifier,
}

impl Figure {
    /// A figure from its parts. For a [`Qualifier::Range`], `value` is the
    /// low end and `range_high` the high end, both stated to `decimals`;
    /// [`Figure::new_range`] gives each end its own precision.
    pub fn new(
        unit: Unit,
        value: Decimal,
        decimals: i32,
        qualifier: Qualifier,
        range_high: Option<Decimal>,
    ) -> Figure {
        let decimals = decimals.clamp(-28, 28);
        Figure {
            unit,
            value,
            range_high: if qualifier == Qualifier::Range {
                range_high.map(|h| (h, decimals))
            } else {
                None
            },
            decimals,
            qualifier,
        }
    }

    /// A range from its low and high ends, each `(value, decimals)` as that
    /// end was stated: "1.5% to 2%" is `(1.5, 1)` to `(2, 0)`.
    pub fn new_range(unit: Unit, low: (Decimal, i32), high: (Decimal, i32)) -> Figure {
        Figure {
            unit,
            value: low.0,
            range_high: Some((high.0, high.1.clamp(-28, 28))),
            decimals: low.1.clamp(-28, 28),
            qualifier: Qualifier::Range,
        }
    }

    /// The canonical unit.
    pub fn unit(&self) -> &Unit {
        &self.unit
    }

    /// The point value in the canonical unit: the stated value, or the
    /// midpoint of a range.
    pub fn value(&self) -> Decimal {
        match self.range_high {
            Some((high, _)) => self
                .value
                .checked_add(high)
                .and_then(|s| s.checked_div(Decimal::TWO))
                .map_or(self.value, |m| m.normalize()),
            None => self.value,
        }
    }

    /// The low and high ends of a range, as stated.
    pub fn range(&self) -> Option<(Decimal, Decimal)> {
        self.range_high.map(|(h, _)| (self.value, h))
    }

    /// The stated precision of a range's low and high ends, XBRL-style:
    /// `(1, 0)` for "1.5% to 2%".
    pub fn range_decimals(&self) -> Option<(i32, i32)> {
        self.range_high.map(|(_, d)| (self.decimals, d))
    }

    /// Stated precision, XBRL-style. For a range, the coarser end's: use
    /// [`Figure::range_decimals`] for each end's own.
    pub fn decimals(&self) -> i32 {
        match self.range_high {
            Some((_, high)) => self.decimals.min(high),
            None => self.decimals,
        }
    }

    /// The qualifier.
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }

    /// Half a unit in the last stated place: the rounding error of the
    /// figure (for a range, of its coarser end).
    pub fn half_unit(&self) -> Decimal {
        half_unit(self.decimals())
    }

    /// The interval of true values the statement stands for.
    ///
    /// Exact: value plus or minus half a unit in the last place. About: plus
    /// or minus a whole unit or 5% of the value, whichever is larger (the
    /// speaker rounded loosely). At least: from
    /// value minus half a unit, unbounded above. At most: unbounded below, to
    /// value plus half a unit. Range: the hull of its two ends' intervals,
    /// each end with half a unit of its own last place.
    pub fn interval(&self) -> Interval {
        let h = half_unit(self.decimals);
        let sub = |a: Decimal, b: Decimal| a.checked_sub(b).unwrap_or(Decimal::MIN);
        let add = |a: Decimal, b: Decimal| a.checked_add(b).unwrap_or(Decimal::MAX);
        let v = self.value;
        match self.qualifier {
            Qualifier::Exact => Interval::closed(sub(v, h), add(v, h)),
            Qualifier::About => {
                let u = about_tolerance(v, h);
                Interval::closed(sub(v, u), add(v, u))
            }
            Qualifier::AtLeast => Interval {
                low: Some(sub(v, h)),
                high: None,
            },
            Qualifier::AtMost => Interval {
                low: None,
                high: Some(add(v, h)),
            },
            Qualifier::Range => {
                let (high, high_decimals) = self.range_high.unwrap_or((v, self.decimals));
                let hh = half_unit(high_decimals);
                // A coarse high end can reach below a fine low end: "1.9 to
                // 2" is [1.85, 1.95] and [1.5, 2.5], whose hull is [1.5, 2.5].
                Interval::closed(sub(v, h).min(sub(high, hh)), add(high, hh).max(add(v, h)))
            }
        }
    }

    /// Whether the two statements can both be true (their intervals overlap)
    /// and are of the same unit.
    pub fn agrees_with(&self, other: &Figure) -> bool {
        self.unit == other.unit && self.interval().overlaps(&other.interval())
    }
}

/// Whether every pair of the figures agrees (same unit, overlapping
/// intervals), in one pass.
///
/// Intervals on a line overlap pairwise exactly when the greatest low end is
/// at most the least high end (Helly's theorem in one dimension), so a
/// figure restated 400 times costs 400 steps, not 80,000 comparisons.
///
/// ```
/// use qbrief_model::{all_agree, parse_value, UnitTable};
/// let units = UnitTable::default();
/// let f = |s: &str| parse_value(s, &units).unwrap();
/// assert!(all_agree([&f("$73.6M"), &f("nearly $74M"), &f("$73,612,000")]));
/// assert!(!all_agree([&f("$73.6M"), &f("$75M")]));
/// ```
pub fn all_agree<'a>(figures: impl IntoIterator<Item = &'a Figure>) -> bool {
    let mut figures = figures.into_iter();
    let Some(first) = figures.next() else {
        return true;
    };
    let start = first.interval();
    let (mut low, mut high) = (start.low, start.high);
    for figure in figures {
        if figure.unit != first.unit {
            return false;
        }
        let i = figure.interval();
        low = match (low, i.low) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        high = match (high, i.high) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    match (low, high) {
        (Some(l), Some(h)) => l <= h,
        _ => true,
    }
}

/// For each figure, how many of the others agree with it, in O(n log n)
/// per unit: an interval of the same unit overlaps figure `i` unless it
/// ends below `i`'s low end or starts above `i`'s high end, two disjoint
/// sets counted by binary search over the sorted ends.
///
/// ```
/// use qbrief_model::{agreement_counts, parse_value, UnitTable};
/// let units = UnitTable::default();
/// let f = |s: &str| parse_value(s, &units).unwrap();
/// let (a, b, c) = (f("$73.6M"), f("about $74M"), f("$75M"));
/// assert_eq!(agreement_counts(&[&a, &b, &c]), vec![1, 2, 1]);
/// ```
pub fn agreement_counts(figures: &[&Figure]) -> Vec<usize> {
    let intervals: Vec<Interval> = figures.iter().map(|f| f.interval()).collect();
    let mut counts = vec![0; figures.len()];
    let mut done = vec![false; figures.len()];
    for start in 0..figures.len() {
        if done[start] {
            continue;
        }
        let unit = &figures[start].unit;
        let members: Vec<usize> = (start..figures.len())
            .filter(|&j| !done[j] && figures[j].unit == *unit)
            .collect();
        // Unbounded ends never fall outside, so only bounded ends are sorted.
        let mut lows: Vec<Decimal> = members.iter().filter_map(|&j| intervals[j].low).collect();
        let mut highs: Vec<Decimal> = members.iter().filter_map(|&j| intervals[j].high).collect();
        lows.sort_unstable();
        highs.sort_unstable();
        for &j in &members {
            let starts_above = intervals[j]
                .high
                .map_or(0, |h| lows.len() - lows.partition_point(|l| *l <= h));
            let ends_below = intervals[j]
                .low
                .map_or(0, |l| highs.partition_point(|h| *h < l));
            // Every interval overlaps itself, hence the minus one.
            counts[j] = members.len() - starts_above - ends_below - 1;
            done[j] = true;
        }
    }
    counts
}

/// How far "about X" may be from X: a whole unit in the last stated place,
/// or 5% of X, whichever is larger. Speakers say "about" and "doubling" of
/// figures they round loosely; 5% keeps "around 105%" and "doubling" from
/// raising a false conflict while "1,231" and "1,212" still do.
fn about_tolerance(value: Decimal, half_unit: Decimal) -> Decimal {
    let unit = half_unit.checked_add(half_unit).unwrap_or(Decimal::MAX);
    let relative = value
        .abs()
        .checked_mul(Decimal::new(5, 2))
        .unwrap_or(Decimal::MAX);
    unit.max(relative)
}

/// Half a unit in the place `decimals` names: 0.05 for decimals 1, 500,000
/// for decimals -6.
pub fn half_unit(decimals: i32) -> Decimal {
    let d = decimals.clamp(-27, 27);
    let unit = if d >= 0 {
        Decimal::new(1, d.unsigned_abs())
    } else {
        Decimal::from_i128_with_scale(10i128.pow(d.unsigned_abs()), 0)
    };
    unit / Decimal::TWO
}

#[cfg(test)]
mod tests;
