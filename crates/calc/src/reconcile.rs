//! Reconciliation: every stated figure that calc can also compute is
//! compared, interval against interval, so that a speaker's rounding never
//! raises a false alarm ("33.7%" agrees with $73.9M over $55.2M).

use qbrief_model::{Dims, Fact, Interval};
use rust_decimal::Decimal;

use crate::analysis::Analysis;
use crate::bounds;
use crate::derived::{Derived, Origin};
use crate::reconciliation::{Reconciliation, Status};

/// Reconciles every stated figure of the analysis that calc can compute:
/// stated changes against derived ones, levels against the taxonomy's
/// formula of the same id, half-year and full-year figures against their
/// quarters, and totals against the sum of an axis's members.
pub fn reconcile_all<'a>(analysis: &Analysis<'a>) -> Vec<Reconciliation<'a>> {
    let mut out = Vec::new();
    let vocabulary = &analysis.data.vocabulary;
    let partitions = partitions(analysis);
    for fact in &analysis.data.facts {
        if fact.subject.is_some() || fact.as_of.is_some() || fact.guidance {
            continue;
        }
        let id = fact.metric.id();
        let additive = fact.metric.change.is_none() && fact.metric.metric.additive();
        let is_sum = additive && !fact.period.is_quarter();
        // A quarter of an additive flow is derived only as the difference
        // of two year-to-date figures (`year_to_date.rs`).
        let by_difference = additive
            && fact.period.is_quarter()
            && analysis.derived_at(&id, &fact.dims, fact.period).is_some();
        let formula = vocabulary
            .derived(&id)
            .filter(|_| fact.metric.change.is_none());
        if fact.metric.change.is_none() && formula.is_none() && !is_sum && !by_difference {
            out.extend(axis_sums(analysis, &partitions, fact));
            continue;
        }
        let status_and_derived = match analysis.derived_at(&id, &fact.dims, fact.period) {
            Some(d) if is_circular(analysis, d, fact) => (
                Status::Uncheckable {
                    reason: "circular: an input is implied from this statement".into(),
                },
                Some(d.clone()),
            ),
            Some(d) => (compare(&fact.figure.interval(), d), Some(d.clone())),
            None => match change_of_derived_levels(analysis, fact) {
                Some(d) => (compare(&fact.figure.interval(), &d), Some(d)),
                None => (
                    Status::Uncheckable {
                        reason: match formula {
                            Some(def) => analysis.why_not(def, fact.period),
                            None => missing_reason(analysis, fact, is_sum),
                        },
                    },
                    None,
                ),
            },
        };
        out.push(Reconciliation {
            fact,
            derived: status_and_derived.1,
            status: status_and_derived.0,
        });
        out.extend(axis_sums(analysis, &partitions, fact));
    }
    out
}

fn compare(stated: &Interval, d: &Derived) -> Status {
    if d.value.is_none() {
        Status::Uncheckable {
            reason: format!(
                "the derived change is {}",
                d.change.map_or("not meaningful", |c| c.phrase())
            ),
        }
    } else if stated.overlaps(&d.interval) {
        Status::Consistent
    } else {
        Status::Inconsistent {
            gap: stated.gap(&d.interval),
        }
    }
}

/// A stated change whose ends are not both stated, computed from levels
/// that are stated or derived (a margin of stated amounts, a quarter from
/// year-to-date figures): "gross margin up 60 bps" against the margins of
/// the filed gross profit and revenue. Levels implied from a stated change
/// are left out: they could be implied from this very statement.
fn change_of_derived_levels(analysis: &Analysis<'_>, fact: &Fact) -> Option<Derived> {
    let suffix = fact.metric.change?;
    let metric = &fact.metric.metric;
    let prior = crate::change::shifted(fact.period, suffix)?;
    let level = |period| {
        analysis
            .level(&metric.id, &fact.dims, period)
            .filter(|l| l.input.origin != Origin::Implied)
    };
    let (c, p) = (level(fact.period)?, level(prior)?);
    Some(analysis.change_between(metric, &fact.dims, fact.period, prior, suffix, c, p))
}

/// A partition axis with more than one member, and the members of the
/// company total on it (made once, not for every stated total).
type Partition<'v> = (&'v qbrief_model::Axis, Vec<Dims>);

/// The partition axes of the company's vocabulary.
fn partitions<'v>(analysis: &Analysis<'v>) -> Vec<Partition<'v>> {
    analysis
        .data
        .vocabulary
        .axes
        .iter()
        .filter(|a| a.partition && a.members.len() > 1)
        .map(|axis| {
            let members = axis
                .members
                .iter()
                .map(|m| Dims::from([(axis.id.clone(), m.id.clone())]))
                .collect();
            (axis, members)
        })
        .collect()
}

/// A stated total compared with the sum of its members, for every
/// partition axis whose members are all stated for the metric and period.
fn axis_sums<'a>(
    analysis: &Analysis<'a>,
    partitions: &[Partition<'_>],
    fact: &'a Fact,
) -> Vec<Reconciliation<'a>> {
    if !fact.dims.is_empty() || fact.metric.change.is_some() || fact.metric.metric.unit.is_percent()
    {
        return Vec::new();
    }
    let id = &fact.metric.metric.id;
    let mut out = Vec::new();
    for (axis, members) in partitions {
        // Most totals have no stated members: look before making inputs.
        if members
            .iter()
            .any(|dims| analysis.stated_at(id, dims, fact.period).is_none())
        {
            continue;
        }
        let levels: Option<Vec<_>> = members
            .iter()
            .map(|dims| analysis.stated_level(id, dims, fact.period))
            .collect();
        let Some(levels) = levels.filter(|l| !l.is_empty()) else {
            continue;
        };
        let mut value = Decimal::ZERO;
        let mut interval = Interval::point(Decimal::ZERO);
        for l in &levels {
            let Some(v) = value.checked_add(l.value) else {
                return out;
            };
            value = v;
            interval = bounds::add(&interval, &l.interval);
        }
        let d = analysis.make(
            id,
            &fact.metric.metric.label,
            &Dims::new(),
            fact.period,
            fact.figure.unit().clone(),
            Some(value),
            interval,
            format!("sum({id} by {})", axis.id),
            levels.into_iter().map(|l| l.input).collect(),
            Vec::new(),
        );
        out.push(Reconciliation {
            fact,
            status: compare(&fact.figure.interval(), &d),
            derived: Some(d),
        });
    }
    out
}

/// Whether the derived number uses a value implied from this very statement.
fn is_circular(analysis: &Analysis<'_>, derived: &Derived, fact: &Fact) -> bool {
    derived
        .inputs
        .iter()
        .filter(|i| i.origin == Origin::Implied)
        .any(|i| {
            analysis
                .implied
                .get(&(i.metric.clone(), i.dims.clone(), i.period))
                .is_some_and(|implied| {
                    implied.inputs.iter().any(|src| {
                        src.source.as_ref().is_some_and(|s| {
                            s.evidence == fact.evidence && s.document == fact.source
                        }) && src.metric == fact.metric.id()
                    })
                })
        })
}

fn missing_reason(analysis: &Analysis<'_>, fact: &Fact, is_sum: bool) -> String {
    let period = fact.period;
    let dims = &fact.dims;
    let named = if dims.is_empty() {
        fact.metric.metric.id.clone()
    } else {
        format!(
            "{} [{}]",
            fact.metric.metric.id,
            qbrief_model::dims_text(dims)
        )
    };
    let id = fact.metric.metric.id.as_str();
    if let Some(change) = fact.metric.change {
        let Some(prior) = crate::change::shifted(period, change) else {
            return "no prior period".into();
        };
        let missing: Vec<String> = [period, prior]
            .iter()
            .filter(|p| analysis.stated_at(id, dims, **p).is_none())
            .map(|p| {
                if analysis
                    .implied
                    .contains_key(&(id.to_string(), dims.clone(), *p))
                {
                    format!("{named} {p} (only implied, from this or another stated change)")
                } else {
                    format!("{named} {p}")
                }
            })
            .collect();
        let circular = missing.iter().any(|m| m.contains("only implied"));
        return if circular {
            format!("circular: {} is not stated", missing.join(", "))
        } else {
            format!("inputs missing: {} not stated", missing.join(", "))
        };
    }
    if is_sum {
        let quarters: Vec<String> = period
            .quarters()
            .iter()
            .filter(|q| analysis.stated_at(id, dims, **q).is_none())
            .map(|q| format!("{named} {q}"))
            .collect();
        return format!("inputs missing: {} not stated", quarters.join(", "));
    }
    "inputs missing".into()
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Status};

    #[test]
    fn a_margin_change_is_checked_against_the_margins_of_stated_amounts() {
        let mut call = String::from("[document]\nid = \"call\"\nkind = \"earnings-call\"\ntitle = \"t\"\nperiod = \"2021-Q1\"\nfile = \"f\"\n");
        for (metric, period, value) in [
            ("gross_profit", "2021-Q1", "$222.7M"),
            ("revenue", "2021-Q1", "$636.6M"),
            ("gross_profit", "2020-Q1", "$231.3M"),
            ("revenue", "2020-Q1", "$672.7M"),
            ("gross_margin.yoy", "2021-Q1", "+60 bps"),
            ("operating_margin.yoy", "2021-Q1", "+50 bps"),
        ] {
            call.push_str(&format!("[[fact]]\nmetric = \"{metric}\"\nperiod = \"{period}\"\nvalue = \"{value}\"\nevidence = \"{metric} {value}\"\n"));
        }
        let dataset = crate::test_data::load("", &[("call", &call)]);
        let analysis = analyze(dataset.companies.values().next().expect("company"));
        let outcome = |id: &str| {
            analysis
                .reconciliations
                .iter()
                .find(|r| r.fact.metric.id() == id)
                .map(|r| {
                    (
                        r.status.clone(),
                        r.derived.as_ref().map(|d| d.formula.clone()),
                    )
                })
                .expect("reconciled")
        };
        // 34.98% - 34.38% = +0.62 pp, which "+60 bps" covers.
        assert_eq!(
            outcome("gross_margin.yoy"),
            (
                Status::Consistent,
                Some("gross_margin 2021-Q1 - gross_margin 2020-Q1 (percentage points)".into())
            )
        );
        // No operating income: still uncheckable, with the reason.
        assert!(matches!(
            outcome("operating_margin.yoy").0,
            Status::Uncheckable { .. }
        ));
    }
}
