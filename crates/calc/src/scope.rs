//! How much an analysis computes: everything a brief shows, or only what
//! the reconciliation of stated figures reads, which is all `check` asks
//! for. The built-in derivations (every QoQ and YoY change, every period
//! sum) are most of an analysis, and reconciliation compares with few of
//! them: those of the series a company states.

use qbrief_model::{Change, CompanyData, Dims, Expr, MetricKey, Period, Shift};

use crate::change::shifted;
use crate::series_map::SeriesMap;

/// How much of a company's analysis [`analyze_with`](crate::analyze_with)
/// computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Every derived number: what briefs, exports and diffs show.
    #[default]
    Everything,
    /// Only what reconciliation reads: the `reconciliations` are exactly
    /// those of [`Scope::Everything`], but `derived` leaves out the
    /// built-in changes, sums and beat-or-miss numbers that no stated
    /// figure is compared with, and conflicts are not gathered
    /// (`conflicts_in` is empty). For callers that read only the
    /// reconciliations, such as `check`.
    Reconciliation,
    /// What the briefs, company pages and index show: everything but the
    /// half-year, nine-month, full-year and trailing sums that no stated
    /// figure is compared with (a page shows a quarter's figures; such a
    /// sum is in exports and diffs only). Pages rendered from it are those
    /// rendered from [`Scope::Everything`].
    Pages,
}

/// The kinds of built-in derivation a scope may leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Builtin {
    /// A QoQ or YoY change of a level series.
    Change,
    /// A sum of quarters: half year, nine months, full year, trailing.
    Sum,
    /// A result against guidance.
    BeatOrMiss,
}

impl Scope {
    /// Whether the scope computes every derivation of `kind`, without
    /// asking which series are wanted.
    pub(crate) fn computes_all(self, kind: Builtin) -> bool {
        match self {
            Scope::Everything => true,
            Scope::Reconciliation => false,
            Scope::Pages => kind != Builtin::Sum,
        }
    }
}

/// The built-in series a reconciliation-only analysis computes: the
/// series of every stated result, the levels at both ends of every stated
/// change (a change of derived levels), and what the formula of a stated
/// formula metric reads for the company total (the reason a formula could
/// not be evaluated names what is missing).
///
/// It mirrors the lookups of `reconcile.rs`: a test in `tests/it/calc.rs`
/// compares the reconciliations of both scopes on every fixture.
#[derive(Debug, Default)]
pub(crate) struct Wanted {
    /// Series by metric id and stated change, members and period.
    series: SeriesMap<()>,
}

impl Wanted {
    /// What reconciling `data`'s statements reads.
    pub(crate) fn of(data: &CompanyData) -> Wanted {
        let mut wanted = Wanted::default();
        for fact in &data.facts {
            if fact.subject.is_some() || fact.as_of.is_some() || fact.guidance {
                continue;
            }
            let MetricKey { metric, change } = &fact.metric;
            let id = metric.id.as_str();
            wanted.add((id, *change), &fact.dims, fact.period);
            if let Some(change) = change {
                wanted.add((id, None), &fact.dims, fact.period);
                if let Some(prior) = shifted(fact.period, *change) {
                    wanted.add((id, None), &fact.dims, prior);
                }
            } else if let Some(def) = data.vocabulary.derived(id) {
                wanted.formula_reads(data, def.formula.expr(), fact.period);
            }
        }
        wanted
    }

    fn add(&mut self, key: (&str, Option<Change>), dims: &Dims, period: Period) {
        self.series.insert(key, dims, period, (), false);
    }

    /// What evaluating `expr` for the company total of `period` looks up.
    fn formula_reads(&mut self, data: &CompanyData, expr: &Expr, period: Period) {
        match expr {
            Expr::Number(_) | Expr::Guidance { .. } => {}
            Expr::Metric { id, .. } => self.add(written(id), &Dims::new(), period),
            Expr::Neg(inner) => self.formula_reads(data, inner, period),
            Expr::Binary { lhs, rhs, .. } => {
                self.formula_reads(data, lhs, period);
                self.formula_reads(data, rhs, period);
            }
            Expr::Shift { shift, arg, .. } => {
                let earlier = match shift {
                    Shift::Prev => period.previous_quarter(),
                    Shift::YearAgo => period.year_ago(),
                };
                if let Some(earlier) = earlier {
                    self.formula_reads(data, arg, earlier);
                }
            }
            Expr::Sum { id, axis, .. } => {
                for member in data
                    .vocabulary
                    .axis(axis)
                    .into_iter()
                    .flat_map(|a| a.member_ids())
                {
                    let dims = Dims::from([(axis.clone(), member.to_string())]);
                    self.add(written(id), &dims, period);
                }
            }
        }
    }

    /// Whether the series of `id` (its change, if any, apart) is read.
    pub(crate) fn wants(&self, key: (&str, Option<Change>), dims: &Dims, period: Period) -> bool {
        self.series.get(key, dims, period).is_some()
    }
}

/// A metric id as a formula writes it, in the keys of the series: a stated
/// change's suffix apart, any other id (`revenue.ttm`) whole.
fn written(id: &str) -> (&str, Option<Change>) {
    MetricKey::split(id).unwrap_or((id, None))
}
