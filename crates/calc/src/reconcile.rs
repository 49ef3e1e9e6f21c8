//! Reconciliation: every stated figure that calc can also compute is
//! compared, interval against interval, so that a speaker's rounding never
//! raises a false alarm ("33.7%" agrees with $73.9M over $55.2M).

use qbrief_model::{Diagnostic, DiagnosticKind, Dimension, Fact};
use rust_decimal::Decimal;

use crate::analysis::{additive, Analysis};
use crate::derived::{Derived, Origin};

/// Stated metrics calc can compute, with the inputs they need.
const DERIVABLE: &[(&str, &[&str])] = &[
    ("gross_margin", &["gross_profit", "revenue"]),
    ("asp", &["product_revenue", "hashrate_sold"]),
    ("revenue_per_btc", &["mining_revenue", "btc_mined"]),
    ("mining_revenue_share", &["mining_revenue", "revenue"]),
    (
        "btc_held_change",
        &["btc_held", "btc_held of the previous quarter"],
    ),
    ("btc_held_value", &["btc_held", "btc_price_quarter_end"]),
    ("revenue_guidance_beat", &["revenue", "revenue_guidance"]),
];

/// The outcome of comparing a stated figure with the derived one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The intervals overlap.
    Consistent,
    /// They do not; `gap` is the distance between them, in the figure's unit.
    Inconsistent {
        /// Distance between the intervals.
        gap: Decimal,
    },
    /// calc cannot check it; the reason says why.
    Uncheckable {
        /// Why: inputs missing, or circular.
        reason: String,
    },
}

impl Status {
    /// `consistent`, `inconsistent` or `uncheckable`.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Consistent => "consistent",
            Status::Inconsistent { .. } => "inconsistent",
            Status::Uncheckable { .. } => "uncheckable",
        }
    }
}

/// One stated figure compared with calc's own.
#[derive(Debug, Clone)]
pub struct Reconciliation<'a> {
    /// The statement.
    pub fact: &'a Fact,
    /// The derived number it was compared with, when there is one.
    pub derived: Option<Derived>,
    /// The outcome.
    pub status: Status,
}

impl Reconciliation<'_> {
    /// The `mismatch` finding for an inconsistent statement.
    pub fn to_diagnostic(&self) -> Option<Diagnostic> {
        let (Status::Inconsistent { gap }, Some(d)) = (&self.status, &self.derived) else {
            return None;
        };
        let f = self.fact;
        let derived_value = d
            .value
            .map_or("n/m".to_string(), |v| v.round_dp(4).normalize().to_string());
        let mut diag = Diagnostic::warning(
            DiagnosticKind::Mismatch,
            format!(
                "stated {} for {} \"{}\" ({}) disagrees with derived {} {} (gap {})",
                f.metric,
                f.period,
                f.value_text,
                f.speaker.name,
                derived_value,
                rounded(&d.interval),
                gap.round_dp(4).normalize()
            ),
        )
        .about(
            Some(f.company.as_str()),
            Some(f.period),
            Some(f.metric.id()),
        )
        .at_location(f.location.clone())
        .with_note(format!("derived: {}", d.formula));
        for input in &d.inputs {
            let from = input
                .source
                .as_ref()
                .map(|s| format!(", {} in {}: \"{}\"", s.speaker, s.document, s.evidence))
                .unwrap_or_default();
            diag = diag.with_note(format!("input: {}{from}", input.describe()));
        }
        Some(diag.with_hint("both figures are kept; the brief shows them side by side"))
    }
}

/// An interval rounded for messages.
fn rounded(i: &qbrief_model::Interval) -> qbrief_model::Interval {
    qbrief_model::Interval {
        low: i.low.map(|v| v.round_dp(4)),
        high: i.high.map(|v| v.round_dp(4)),
    }
}

/// Reconciles every stated figure of the analysis that calc can compute.
pub fn reconcile_all<'a>(analysis: &Analysis<'a>) -> Vec<Reconciliation<'a>> {
    let mut out = Vec::new();
    for fact in &analysis.data.facts {
        if fact.subject.is_some() || fact.as_of.is_some() {
            continue;
        }
        let id = fact.metric.id();
        let derived_id = if id == "revenue_guidance_beat" {
            "revenue_vs_guidance".to_string()
        } else {
            id.clone()
        };
        let is_sum = fact.metric.change.is_none()
            && additive(fact.metric.metric)
            && !fact.period.is_quarter();
        let derivable = DERIVABLE.iter().find(|(m, _)| *m == id);
        if fact.metric.change.is_none() && derivable.is_none() && !is_sum {
            continue;
        }
        if fact.metric.change.is_some() && fact.metric.metric.dimension == Dimension::Percent {
            out.push(Reconciliation {
                fact,
                derived: None,
                status: Status::Uncheckable {
                    reason: "a stated change of a percentage may mean points or percent".into(),
                },
            });
            continue;
        }
        let status_and_derived = match analysis.derived(&derived_id, fact.period) {
            Some(d) if is_circular(analysis, d, fact) => (
                Status::Uncheckable {
                    reason: "circular: an input is implied from this statement".into(),
                },
                Some(d.clone()),
            ),
            Some(d) => {
                let stated = fact.figure.interval();
                let status = if d.value.is_none() {
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
                };
                (status, Some(d.clone()))
            }
            None => (
                Status::Uncheckable {
                    reason: missing_reason(analysis, fact, derivable.map(|(_, i)| *i), is_sum),
                },
                None,
            ),
        };
        out.push(Reconciliation {
            fact,
            derived: status_and_derived.1,
            status: status_and_derived.0,
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
                .get(&(i.metric.clone(), i.period))
                .is_some_and(|implied| {
                    implied.inputs.iter().any(|src| {
                        src.source.as_ref().is_some_and(|s| {
                            s.evidence == fact.evidence && s.document == fact.source
                        }) && src.metric == fact.metric.id()
                    })
                })
        })
}

fn missing_reason(
    analysis: &Analysis<'_>,
    fact: &Fact,
    inputs: Option<&[&str]>,
    is_sum: bool,
) -> String {
    let period = fact.period;
    if let Some(change) = fact.metric.change {
        let id = fact.metric.metric.id;
        let prior = match change {
            qbrief_model::Change::Qoq => period.previous_quarter(),
            qbrief_model::Change::Yoy => period.year_ago(),
        };
        let Some(prior) = prior else {
            return "no prior period".into();
        };
        let missing: Vec<String> = [period, prior]
            .iter()
            .filter(|p| analysis.stated(id, **p).is_none())
            .map(|p| {
                if analysis.implied.contains_key(&(id.to_string(), *p)) {
                    format!("{id} {p} (only implied, from this or another stated change)")
                } else {
                    format!("{id} {p}")
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
            .filter(|q| analysis.stated(fact.metric.metric.id, **q).is_none())
            .map(|q| format!("{} {q}", fact.metric.metric.id))
            .collect();
        return format!("inputs missing: {} not stated", quarters.join(", "));
    }
    let missing: Vec<String> = inputs
        .unwrap_or_default()
        .iter()
        .filter(|i| i.contains(' ') || analysis.level(i, period).is_none())
        .map(|i| format!("{i} {period}"))
        .collect();
    if missing.is_empty() {
        "inputs missing".into()
    } else {
        format!("inputs missing: {}", missing.join(", "))
    }
}
