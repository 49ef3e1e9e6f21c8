//! What calc derives for every metric of any taxonomy: values implied by
//! stated changes, QoQ and YoY changes, and half-year, full-year and
//! trailing-twelve-month sums of flows (and nine-month sums, which a
//! third-quarter filing states).

use std::collections::BTreeMap;

use qbrief_model::{Change as ChangeSuffix, Dims, Interval, Metric, Period, PeriodSpan, Unit};
use rust_decimal::Decimal;

use crate::analysis::{Analysis, Level};
use crate::bounds;
use crate::change::{implied_current, implied_prior, point_change, relative_change, shifted, Flag};
use crate::derived::{Derived, Origin};
use crate::scope::Builtin;

impl Analysis<'_> {
    /// Levels back-solved from stated changes where only one of the two
    /// periods is stated. An implied value never overrides a stated one.
    pub(crate) fn implied_levels(&self) -> BTreeMap<(String, Dims, Period), Derived> {
        let mut out = BTreeMap::new();
        for ((key, dims, period), stated) in &self.resolved {
            let Some(change) = key.change else { continue };
            let metric = &key.metric;
            if metric.unit.is_percent() {
                continue;
            }
            let Some(prior_period) = shifted(*period, change) else {
                continue;
            };
            let rate = stated.value();
            let rate_input = self.input(stated.fact, stated.interval);
            let id = metric.id.as_str();
            let current = self.stated_level(id, dims, *period);
            let prior = self.stated_level(id, dims, prior_period);
            let suffix = change.suffix();
            let (target, solved, formula, base) = match (current, prior) {
                (Some(c), None) => (
                    prior_period,
                    implied_prior(c.value, &c.interval, rate, &stated.interval),
                    format!("{id} {period} / (1 + {id}.{suffix} {period})"),
                    c,
                ),
                (None, Some(p)) => (
                    *period,
                    implied_current(p.value, &p.interval, rate, &stated.interval),
                    format!("{id} {prior_period} + |{id} {prior_period}| x {id}.{suffix} {period}"),
                    p,
                ),
                _ => continue,
            };
            let Some((value, interval, mut flags)) = solved else {
                continue;
            };
            if matches!(flags.first(), Some(Flag::AssumedSameSign)) {
                flags.sort();
            }
            out.entry((id.to_string(), dims.clone(), target))
                .or_insert(Derived {
                    metric: id.to_string(),
                    label: metric.label.clone(),
                    dims: dims.clone(),
                    period: target,
                    origin: Origin::Implied,
                    unit: base.unit,
                    value: Some(value),
                    interval,
                    formula,
                    inputs: vec![base.input, rate_input],
                    flags,
                    change: None,
                });
        }
        out
    }

    /// QoQ and YoY of every level series whose two periods resolve from
    /// statements (implied levels are left out: a rate computed from a value
    /// implied by a stated rate would only repeat it).
    ///
    /// Pushed in series order; the caller sorts the derived table.
    pub(crate) fn growth(&self, out: &mut Vec<Derived>) {
        for (key, dims, period) in self.resolved.keys() {
            let period = *period;
            if key.change.is_some() {
                continue;
            }
            let metric = &key.metric;
            let id = metric.id.as_str();
            for suffix in [ChangeSuffix::Qoq, ChangeSuffix::Yoy] {
                let Some(prior) = shifted(period, suffix) else {
                    continue;
                };
                if !self.computes(Builtin::Change, (id, Some(suffix)), dims, period) {
                    continue;
                }
                if self.stated_at(id, dims, prior).is_none() {
                    continue;
                }
                let (Some(c), Some(p)) = (
                    self.stated_level(id, dims, period),
                    self.stated_level(id, dims, prior),
                ) else {
                    continue;
                };
                out.push(self.change_between(metric, dims, period, prior, suffix, c, p));
            }
        }
    }

    /// The QoQ or YoY change of `metric` from level `p` of `prior` to
    /// level `c` of `period`: points for a percentage, else relative.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn change_between(
        &self,
        metric: &Metric,
        dims: &Dims,
        period: Period,
        prior: Period,
        suffix: ChangeSuffix,
        c: Level,
        p: Level,
    ) -> Derived {
        let id = metric.id.as_str();
        let points = metric.unit.is_percent();
        let change = if points {
            point_change(c.value, &c.interval, p.value, &p.interval)
        } else {
            relative_change(c.value, &c.interval, p.value, &p.interval)
        };
        // Thousands of these per company: joined, not formatted.
        let (now, then) = (period.to_string(), prior.to_string());
        let formula = if points {
            [id, " ", &now, " - ", id, " ", &then, " (percentage points)"].concat()
        } else {
            [
                "(", id, " ", &now, " - ", id, " ", &then, ") / |", id, " ", &then, "| x 100",
            ]
            .concat()
        };
        let name = [id, ".", suffix.suffix()].concat();
        let label = match suffix {
            ChangeSuffix::Qoq => [&metric.label, " QoQ"].concat(),
            ChangeSuffix::Yoy => [&metric.label, " YoY"].concat(),
        };
        let mut d = self.make(
            &name,
            &label,
            dims,
            period,
            Unit::percent(),
            change.percent,
            change.interval,
            formula,
            vec![c.input, p.input],
            change.flags,
        );
        d.change = Some(change.kind);
        d
    }

    /// Half-year, full-year and trailing-twelve-month sums of additive flow
    /// series, when every quarter resolves from statements.
    pub(crate) fn sums(&self, out: &mut Vec<Derived>) {
        let mut flows: Vec<(&Metric, &Dims)> = self
            .resolved
            .keys()
            .filter(|(k, _, p)| k.change.is_none() && k.metric.additive() && p.is_quarter())
            .map(|(k, d, _)| (k.metric.as_ref(), d))
            .collect();
        flows.sort_by(|a, b| (&a.0.id, a.1).cmp(&(&b.0.id, b.1)));
        flows.dedup_by(|a, b| a.0.id == b.0.id && a.1 == b.1);
        let mut years: Vec<i32> = self.resolved.keys().map(|(_, _, p)| p.year()).collect();
        years.sort();
        years.dedup();
        for (metric, dims) in flows {
            // The trailing sum's id, for a scope that asks (it is made
            // only for a sum that exists otherwise).
            let ttm_id =
                (!self.scope.computes_all(Builtin::Sum)).then(|| format!("{}.ttm", metric.id));
            for &year in &years {
                for span in [
                    PeriodSpan::Half(1),
                    PeriodSpan::Half(2),
                    PeriodSpan::NineMonths,
                    PeriodSpan::Year,
                ] {
                    let Some(target) = Period::new(year, span) else {
                        continue;
                    };
                    if !self.computes(Builtin::Sum, (&metric.id, None), dims, target) {
                        continue;
                    }
                    self.sum_of(metric, dims, target, &target.quarters(), out, || {
                        (
                            metric.id.clone(),
                            metric.label.clone(),
                            format!("sum of the quarters of {target}"),
                        )
                    });
                }
                for q in 1..=4 {
                    let Some(end) = Period::quarter(year, q) else {
                        continue;
                    };
                    if !ttm_id
                        .as_deref()
                        .is_none_or(|id| self.computes(Builtin::Sum, (id, None), dims, end))
                    {
                        continue;
                    }
                    let mut quarters = vec![end];
                    while quarters.len() < 4 {
                        match quarters.last().and_then(Period::previous_quarter) {
                            Some(p) => quarters.push(p),
                            None => break,
                        }
                    }
                    quarters.reverse();
                    if quarters.len() == 4 {
                        self.sum_of(metric, dims, end, &quarters, out, || {
                            (
                                format!("{}.ttm", metric.id),
                                format!("{}, trailing twelve months", metric.label),
                                format!("sum of the four quarters to {end}"),
                            )
                        });
                    }
                }
            }
        }
    }

    /// Pushes the sum of `metric` over `quarters` for `target`, when every
    /// quarter resolves from statements in one unit. `names` gives the id,
    /// label and formula text, made only for a sum that exists.
    fn sum_of(
        &self,
        metric: &Metric,
        dims: &Dims,
        target: Period,
        quarters: &[Period],
        out: &mut Vec<Derived>,
        names: impl FnOnce() -> (String, String, String),
    ) {
        // Most sums lack a quarter: look before making any level's input.
        if quarters
            .iter()
            .any(|q| self.stated_at(&metric.id, dims, *q).is_none())
        {
            return;
        }
        let levels: Option<Vec<Level>> = quarters
            .iter()
            .map(|q| self.stated_level(&metric.id, dims, *q))
            .collect();
        let Some(levels) = levels else { return };
        let Some(unit) = levels.first().map(|l| l.unit.clone()) else {
            return;
        };
        if levels.iter().any(|l| l.unit != unit) {
            return;
        }
        let mut value = Decimal::ZERO;
        let mut interval = Interval::point(Decimal::ZERO);
        for l in &levels {
            let Some(v) = value.checked_add(l.value) else {
                return;
            };
            value = v;
            interval = bounds::add(&interval, &l.interval);
        }
        let inputs = levels.into_iter().map(|l| l.input).collect();
        let (id, label, formula) = names();
        out.push(self.make(
            &id,
            &label,
            dims,
            target,
            unit,
            Some(value),
            interval,
            formula,
            inputs,
            Vec::new(),
        ));
    }
}
