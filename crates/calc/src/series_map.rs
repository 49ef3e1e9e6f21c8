//! A map keyed by series (metric id, stated change, axis members, period)
//! that is looked up with borrowed parts: briefs and formulas make thousands
//! of lookups per company, and building an owned key for each (a `String`,
//! a `Dims` clone) was a large share of the analysis.

use qbrief_model::{Change, Dims, Period};
// A fast hash for keys that are our own ids (nothing untrusted to defend
// against).
use rustc_hash::FxHashMap;

type ByPeriod<T> = FxHashMap<(Option<Change>, Period), T>;

/// Values by metric id, change, axis members and period.
#[derive(Debug)]
pub(crate) struct SeriesMap<T>(FxHashMap<String, FxHashMap<Dims, ByPeriod<T>>>);

impl<T> Default for SeriesMap<T> {
    fn default() -> Self {
        SeriesMap(FxHashMap::default())
    }
}

impl<T> SeriesMap<T> {
    /// Records `value` for the series, replacing an earlier one when
    /// `replace` is set (else the first value stays).
    pub(crate) fn insert(
        &mut self,
        (id, change): (&str, Option<Change>),
        dims: &Dims,
        period: Period,
        value: T,
        replace: bool,
    ) {
        // Owned keys are made only for a new id or new members; a series
        // already present costs one lookup per level.
        let by_dims = match self.0.get_mut(id) {
            Some(by_dims) => by_dims,
            None => self.0.entry(id.to_string()).or_default(),
        };
        let by_period = match by_dims.get_mut(dims) {
            Some(by_period) => by_period,
            None => by_dims.entry(dims.clone()).or_default(),
        };
        if replace {
            by_period.insert((change, period), value);
        } else {
            by_period.entry((change, period)).or_insert(value);
        }
    }

    /// The value of a series.
    pub(crate) fn get(
        &self,
        (id, change): (&str, Option<Change>),
        dims: &Dims,
        period: Period,
    ) -> Option<&T> {
        self.0.get(id)?.get(dims)?.get(&(change, period))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_or_last_value_wins_as_asked() {
        let q = Period::quarter(2024, 1).unwrap();
        let dims = Dims::from([("region".to_string(), "us".to_string())]);
        let mut map = SeriesMap::default();
        map.insert(("revenue", None), &dims, q, 1, false);
        map.insert(("revenue", None), &dims, q, 2, false);
        assert_eq!(map.get(("revenue", None), &dims, q), Some(&1));
        map.insert(("revenue", None), &dims, q, 3, true);
        assert_eq!(map.get(("revenue", None), &dims, q), Some(&3));
        assert_eq!(map.get(("revenue", Some(Change::Yoy)), &dims, q), None);
        assert_eq!(map.get(("revenue", None), &Dims::new(), q), None);
    }
}
