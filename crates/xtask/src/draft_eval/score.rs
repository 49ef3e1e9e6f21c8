//! Scoring a draft against what a summary asserts: a value is found when a
//! candidate has it (or a range end of it), in magnitude and of the same
//! kind; a hit is strict when that candidate also has the sign, one of the
//! unit (per share or not), the accepted metrics, the period and the
//! guidance flag right.

use qbrief_draft::Candidate;
use rust_decimal::Decimal;

use super::summary::Assertion;
use super::tokens::Kind;

/// How one assertion fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No candidate has the value.
    Missing,
    /// A candidate has the value but not everything else; the nearest one.
    Found(usize),
    /// A candidate is right in every respect.
    Hit(usize),
}

/// The outcome of one assertion against a draft's candidates.
pub fn score(assertion: &Assertion, candidates: &[Candidate]) -> Outcome {
    let mut nearest: Option<(usize, usize)> = None;
    for (i, candidate) in candidates.iter().enumerate() {
        if !alike(kind(candidate), assertion.kind)
            || !values(candidate)
                .iter()
                .any(|v| agrees(assertion, v.abs(), true))
        {
            continue;
        }
        let right = [
            kind(candidate) == assertion.kind
                && values(candidate)
                    .iter()
                    .any(|v| agrees(assertion, *v, false)),
            candidate
                .metric
                .as_ref()
                .is_some_and(|m| assertion.metrics.contains(m)),
            candidate.period == assertion.period,
            candidate.guidance == assertion.guidance,
        ];
        let count = right.iter().filter(|r| **r).count();
        if count == right.len() {
            return Outcome::Hit(i);
        }
        if nearest.is_none_or(|(_, best)| count > best) {
            nearest = Some((i, count));
        }
    }
    nearest.map_or(Outcome::Missing, |(i, _)| Outcome::Found(i))
}

/// Which of the assertion's checks a candidate fails, for a miss report.
pub fn wrong(assertion: &Assertion, candidate: &Candidate) -> Vec<&'static str> {
    let mut out = Vec::new();
    if kind(candidate) != assertion.kind {
        out.push("unit");
    } else if !values(candidate)
        .iter()
        .any(|v| agrees(assertion, *v, false))
    {
        out.push("sign");
    }
    if !candidate
        .metric
        .as_ref()
        .is_some_and(|m| assertion.metrics.contains(m))
    {
        out.push("metric");
    }
    if candidate.period != assertion.period {
        out.push("period");
    }
    if candidate.guidance != assertion.guidance {
        out.push("guidance");
    }
    out
}

/// An amount and an amount per share are alike enough for a value to be
/// found (a per-share figure drafted without "/share" still has the value).
fn alike(a: Kind, b: Kind) -> bool {
    let money = |k| matches!(k, Kind::Money | Kind::PerShare);
    a == b || (money(a) && money(b))
}

/// The candidate's value and range ends, in canonical units.
fn values(candidate: &Candidate) -> Vec<Decimal> {
    let figure = &candidate.figure;
    let mut out = vec![figure.value()];
    if let Some((low, high)) = figure.range() {
        out.extend([low, high]);
    }
    out
}

/// The kind of a candidate's unit, as a summary can name it.
fn kind(candidate: &Candidate) -> Kind {
    let unit = candidate.figure.unit();
    let dimension = unit.dimension();
    if unit.is_percent() || dimension.is_dimensionless() {
        Kind::Percent
    } else if unit.is_money() {
        Kind::Money
    } else if dimension.has_money() && dimension.to_string().ends_with("/share") {
        Kind::PerShare
    } else {
        Kind::Count
    }
}

/// Whether a value states the assertion's value or one of its range ends,
/// within the summary's rounding (at most 2.5% of it, so that "$1 billion"
/// does not take anything from $0.5 billion to $1.5 billion); in magnitude
/// only when `unsigned`.
fn agrees(assertion: &Assertion, value: Decimal, unsigned: bool) -> bool {
    let ends = [
        assertion.low,
        assertion.high,
        (assertion.low + assertion.high) / Decimal::TWO,
    ];
    ends.iter().any(|end| {
        let end = if unsigned { end.abs() } else { *end };
        let tolerance = assertion.half_unit.min(end.abs() * Decimal::new(25, 3));
        (value - end).abs() <= tolerance
    })
}
