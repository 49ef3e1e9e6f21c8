//! Guidance: which statement a period's result is measured against, and
//! whether the result beat, met or missed it. Guidance is a flag on facts of
//! any metric, so beat or miss is derived for every metric that has it.

use qbrief_model::{Dims, Interval, Period, Unit};
use rust_decimal::Decimal;

use crate::analysis::{Analysis, Guided, Level, SeriesKey};
use crate::bounds;
use crate::change::shifted;
use crate::change::Flag;
use crate::derived::Derived;

impl<'a> Analysis<'a> {
    /// The guidance a period's result is measured against: the latest given
    /// by a document about an earlier period (guidance given in advance),
    /// else the earliest recalled by a later document ("beat our guidance
    /// of $72 million").
    pub fn effective_guidance(&self, key: &SeriesKey) -> Option<&Guided<'a>> {
        let period = key.2;
        let given = self.guidance.get(key)?;
        given
            .iter()
            .rev()
            .find(|g| g.document.period < period)
            .or_else(|| given.first())
    }

    /// The effective guidance as a formula input.
    pub(crate) fn guidance_level(&self, key: &SeriesKey) -> Option<Level> {
        let g = self.effective_guidance(key)?;
        let r = &g.resolved;
        Some(Level {
            value: r.value(),
            interval: r.interval,
            unit: r.fact.figure.unit().clone(),
            input: self.input(r.fact, r.interval),
        })
    }

    /// The actual result of a guided series: a stated level or change, else
    /// a derived one.
    fn actual(&self, (key, dims, period): &SeriesKey) -> Option<Level> {
        let id = &key.metric.id;
        match key.change {
            None => self.level(id, dims, *period),
            Some(change) => {
                if let Some(r) = self.resolved_at(key, dims, *period) {
                    return Some(Level {
                        value: r.value(),
                        interval: r.interval,
                        unit: Unit::percent(),
                        input: self.input(r.fact, r.interval),
                    });
                }
                shifted(*period, change)?;
                let d = self.derived_at(&format!("{id}.{}", change.suffix()), dims, *period)?;
                Level::of_derived(d, d.metric.clone(), dims, *period)
            }
        }
    }

    /// `<id>_vs_guidance` (in the metric's unit) and, for other than
    /// percentages, `<id>_vs_guidance_pct`, for every guided series whose
    /// result is known.
    pub(crate) fn beat_or_miss(&self, out: &mut Vec<Derived>) {
        for key in self.guidance.keys() {
            let (Some(actual), Some(guide)) = (self.actual(key), self.guidance_level(key)) else {
                continue;
            };
            if actual.unit != guide.unit {
                continue;
            }
            let (metric_key, dims, period) = key;
            let id = metric_key.id();
            let label = self
                .data
                .vocabulary
                .label(&metric_key.metric.id)
                .unwrap_or(&metric_key.metric.id)
                .to_string();
            let label = match metric_key.change {
                Some(c) => format!("{label} {}", c.suffix().to_uppercase()),
                None => label,
            };
            let diff = actual.value.checked_sub(guide.value);
            let interval = bounds::sub(&actual.interval, &guide.interval);
            let flag = verdict(&interval);
            let inputs = vec![actual.input.clone(), guide.input.clone()];
            out.push(self.make(
                &format!("{id}_vs_guidance"),
                &format!("{label} against guidance"),
                dims,
                *period,
                actual.unit.clone(),
                diff,
                interval,
                format!("{id} - guidance({id})"),
                inputs.clone(),
                vec![flag],
            ));
            if actual.unit.is_percent() {
                continue;
            }
            let pct = diff
                .and_then(|d| d.checked_div(guide.value))
                .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED));
            let pct_interval = bounds::scale(
                &bounds::div(&interval, &guide.interval),
                Decimal::ONE_HUNDRED,
            );
            out.push(self.make(
                &format!("{id}_vs_guidance_pct"),
                &format!("{label} against guidance, percent"),
                dims,
                *period,
                Unit::percent(),
                pct,
                pct_interval,
                format!("({id} - guidance({id})) / guidance({id}) * 100"),
                inputs,
                vec![flag],
            ));
        }
    }

    /// Every guided series of a period for the company total, with what
    /// each document said, oldest first.
    pub fn guidance_for(&self, period: Period) -> Vec<(&SeriesKey, &[Guided<'a>])> {
        self.guidance
            .iter()
            .filter(|((_, dims, p), _)| *p == period && dims == &Dims::new())
            .map(|(k, v)| (k, v.as_slice()))
            .collect()
    }
}

/// Beat when the whole difference interval is above zero, miss when below,
/// in line otherwise.
fn verdict(difference: &Interval) -> Flag {
    if difference.low.is_some_and(|l| l > Decimal::ZERO) {
        Flag::Beat
    } else if difference.high.is_some_and(|h| h < Decimal::ZERO) {
        Flag::Miss
    } else {
        Flag::InLine
    }
}
