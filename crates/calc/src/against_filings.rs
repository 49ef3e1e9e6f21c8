//! What a call said against what the company filed. A call's figure has a
//! filed counterpart when a filing states the same metric, period and
//! members, or when calc derives it from filed figures alone (a change whose
//! two ends are filed, a margin of filed amounts, a quarter from two filed
//! year-to-date figures). Each is compared interval against interval, so
//! that "increased 22%" agrees with the filed 765.0 over 629.7 (+21.49%).

use qbrief_model::{DocumentKind, Fact};

use crate::analysis::Analysis;
use crate::derived::{Derived, Origin};
use crate::reconciliation::Status;

/// The filed side of a comparison.
#[derive(Debug, Clone, Copy)]
pub enum Filed<'r, 'a> {
    /// A filing states the same figure.
    Stated(&'a Fact),
    /// calc derives it from filed figures only.
    Derived(&'r Derived),
}

/// One figure said on a call, compared with the filings.
#[derive(Debug, Clone)]
pub struct AgainstFiling<'r, 'a> {
    /// The call's statement.
    pub said: &'a Fact,
    /// What the filings give for it.
    pub filed: Filed<'r, 'a>,
    /// Consistent, or inconsistent with the gap (never uncheckable: a figure
    /// without a filed value has no counterpart).
    pub status: Status,
}

impl<'a> Analysis<'a> {
    /// Whether a document is a filing.
    pub fn is_filing(&self, document: &str) -> bool {
        self.document(document)
            .is_some_and(|d| d.kind == DocumentKind::Filing)
    }

    /// Whether the company has any filing among its documents.
    pub fn has_filings(&self) -> bool {
        self.data
            .documents
            .iter()
            .any(|d| d.kind == DocumentKind::Filing)
    }

    /// Every result figure said by the documents of `period` other than
    /// filings that has a filed counterpart, compared with it, in file
    /// order of the statements.
    pub fn against_filings(&self, period: qbrief_model::Period) -> Vec<AgainstFiling<'_, 'a>> {
        let mut out = Vec::new();
        for &said in self.said_in(period) {
            if said.guidance || said.filed {
                continue;
            }
            for &filed in self.facts_in(said.period) {
                if filed.filed && same_figure(said, filed) {
                    let (s, f) = (said.figure.interval(), filed.figure.interval());
                    let status = if s.overlaps(&f) {
                        Status::Consistent
                    } else {
                        Status::Inconsistent { gap: s.gap(&f) }
                    };
                    out.push(AgainstFiling {
                        said,
                        filed: Filed::Stated(filed),
                        status,
                    });
                }
            }
            for r in self.reconciliations_of(said) {
                let Some(d) = r.derived.as_ref() else {
                    continue;
                };
                if matches!(r.status, Status::Uncheckable { .. }) || !self.rests_on_filings(d, 4) {
                    continue;
                }
                out.push(AgainstFiling {
                    said,
                    filed: Filed::Derived(d),
                    status: r.status.clone(),
                });
            }
        }
        out
    }

    /// Whether every input of `d` is a filed figure or is itself derived
    /// from filed figures only (to `depth` levels).
    fn rests_on_filings(&self, d: &Derived, depth: u8) -> bool {
        !d.inputs.is_empty()
            && d.inputs.iter().all(|i| match i.origin {
                Origin::Stated => i
                    .source
                    .as_ref()
                    .is_some_and(|s| self.is_filing(&s.document)),
                Origin::Derived => {
                    depth > 0
                        && self
                            .derived_at(&i.metric, &i.dims, i.period)
                            .is_some_and(|inner| self.rests_on_filings(inner, depth - 1))
                }
                Origin::Implied => false,
            })
    }
}

/// Same metric (with its change), period, members, subject and date.
fn same_figure(said: &Fact, filed: &Fact) -> bool {
    !filed.guidance
        && said.metric == filed.metric
        && said.period == filed.period
        && said.dims == filed.dims
        && said.subject == filed.subject
        && said.as_of == filed.as_of
}
