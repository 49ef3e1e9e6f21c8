//! Why a computed figure moved: its inputs walked back, through derived
//! and implied inputs, to the stated facts they were read from and the ids
//! of the formulas and metrics on the way.

use std::collections::BTreeSet;

use qbrief_calc::{Analysis, Derived, Origin};
use qbrief_model::{Dims, Period};

use super::key::FactKey;

/// What one side's figure rests on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Roots {
    /// The stated facts it was computed from, directly or not.
    pub facts: BTreeSet<FactKey>,
    /// The metric and formula ids on the way, its own included.
    pub ids: BTreeSet<String>,
}

impl Roots {
    /// The roots of a derived or implied figure of `analysis`.
    pub(crate) fn of(analysis: &Analysis<'_>, d: &Derived) -> Roots {
        let mut roots = Roots::default();
        let mut seen = BTreeSet::new();
        walk(analysis, d, &mut roots, &mut seen);
        roots
    }

    /// Adds another figure's roots.
    pub(crate) fn extend(&mut self, other: Roots) {
        self.facts.extend(other.facts);
        self.ids.extend(other.ids);
    }
}

/// A series id without its change suffix: `revenue.yoy` is `revenue`.
pub(crate) fn base_id(metric: &str) -> &str {
    metric.split_once('.').map_or(metric, |(id, _)| id)
}

fn walk(
    analysis: &Analysis<'_>,
    d: &Derived,
    roots: &mut Roots,
    seen: &mut BTreeSet<(String, Dims, Period, Origin)>,
) {
    // Formulas are acyclic, but an implied value and the change it was
    // implied from name each other: each figure is walked once.
    if !seen.insert((d.metric.clone(), d.dims.clone(), d.period, d.origin)) {
        return;
    }
    roots.ids.insert(base_id(&d.metric).to_string());
    roots.ids.insert(d.metric.clone());
    for input in &d.inputs {
        roots.ids.insert(base_id(&input.metric).to_string());
        let next = match input.origin {
            Origin::Stated => {
                roots.facts.extend(FactKey::of_input(input));
                None
            }
            Origin::Derived => analysis.derived_at(&input.metric, &input.dims, input.period),
            Origin::Implied => analysis.implied_at(&input.metric, &input.dims, input.period),
        };
        if let Some(next) = next {
            walk(analysis, next, roots, seen);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_ids_drop_the_change() {
        assert_eq!(base_id("revenue.yoy"), "revenue");
        assert_eq!(base_id("gross_margin"), "gross_margin");
    }
}
