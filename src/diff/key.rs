//! How a stated fact is named on both sides: by what it is about and where
//! it is said, never by its value, so that a corrected value is a change of
//! one fact rather than a removal and an addition.

use qbrief_calc::Input;
use qbrief_model::{dims_text, AsOf, Dims, Fact, Period};

/// What a fact is about and which document says it: two facts with the
/// same identity on the two sides are one fact, changed or not.
pub(crate) type Identity = (
    String,
    Period,
    Dims,
    bool,
    String,
    Option<String>,
    Option<AsOf>,
);

/// The identity of a fact: metric (with its change), period, axis
/// members, guidance flag, document, subject and measurement date.
pub(crate) fn identity(f: &Fact) -> Identity {
    (
        f.metric.id(),
        f.period,
        f.dims.clone(),
        f.guidance,
        f.source.clone(),
        f.subject.clone(),
        f.as_of,
    )
}

/// A stated fact as the inputs of derived numbers name it: what an
/// [`Input`] records of the fact it was read from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct FactKey {
    metric: String,
    dims: Dims,
    period: Period,
    guidance: bool,
    document: String,
    evidence: String,
}

impl FactKey {
    /// The key of a fact.
    pub(crate) fn of_fact(f: &Fact) -> FactKey {
        FactKey {
            metric: f.metric.id(),
            dims: f.dims.clone(),
            period: f.period,
            guidance: f.guidance,
            document: f.source.clone(),
            evidence: f.evidence.clone(),
        }
    }

    /// The key of the fact a stated input was read from; `None` for a
    /// derived or implied input.
    pub(crate) fn of_input(i: &Input) -> Option<FactKey> {
        let source = i.source.as_ref()?;
        Some(FactKey {
            metric: i.metric.clone(),
            dims: i.dims.clone(),
            period: i.period,
            guidance: i.guidance,
            document: source.document.clone(),
            evidence: source.evidence.clone(),
        })
    }
}

/// `revenue 2024-Q3`, `revenue [region=asia] guidance 2024-Q4`: a series
/// as causes and details name it.
pub(crate) fn series_name(metric: &str, dims: &Dims, guidance: bool, period: Period) -> String {
    let mut out = metric.to_string();
    if !dims.is_empty() {
        out.push_str(&format!(" [{}]", dims_text(dims)));
    }
    if guidance {
        out.push_str(" guidance");
    }
    out.push_str(&format!(" {period}"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_names_show_members_and_guidance() {
        let p: Period = "2024-Q3".parse().unwrap();
        assert_eq!(
            series_name("revenue", &Dims::new(), false, p),
            "revenue 2024-Q3"
        );
        let dims: Dims = [("region".to_string(), "asia".to_string())].into();
        assert_eq!(
            series_name("revenue", &dims, true, p),
            "revenue [region=asia] guidance 2024-Q3"
        );
    }
}
