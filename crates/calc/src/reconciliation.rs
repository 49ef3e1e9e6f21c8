//! The record of one reconciliation: a stated figure, the derived number it
//! was compared with, and the outcome ([`Status`]).

use qbrief_model::{Diagnostic, DiagnosticKind, Fact};
use rust_decimal::Decimal;

use crate::derived::Derived;

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
                f.speaker_name(),
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
