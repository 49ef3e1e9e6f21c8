//! The checks of the two sides compared: reconciliations whose status (or
//! gap) changed, and conflicts that appeared, cleared or changed.

use std::collections::{BTreeMap, BTreeSet};

use qbrief_calc::{Analysis, Reconciliation, Status};
use qbrief_model::{AsOf, CompanyData, Dims, Fact, Period};

use super::causes::Roots;
use super::change::{Action, Change, Kind};
use super::figures::Consequence;
use super::key::FactKey;
use super::stated::{at, label};
use super::text::{amount, derived_text};

/// Reconciliations and conflicts that differ.
pub(crate) fn compare_checks(
    company: &str,
    old: &Analysis<'_>,
    new: &Analysis<'_>,
) -> Vec<Consequence> {
    let mut out = reconciliations(company, old, new);
    out.extend(conflicts(company, old, new));
    out
}

/// A reconciliation is named by its fact and its rank among that fact's
/// reconciliations (its own formula or change first, then axis sums).
type RecKey = (FactKey, usize);

fn reconciliations(company: &str, old: &Analysis<'_>, new: &Analysis<'_>) -> Vec<Consequence> {
    let of = |a: &'_ Analysis<'_>| {
        let mut rank: BTreeMap<FactKey, usize> = BTreeMap::new();
        let mut map: BTreeMap<RecKey, usize> = BTreeMap::new();
        for (i, r) in a.reconciliations.iter().enumerate() {
            let key = FactKey::of_fact(r.fact);
            let n = rank.entry(key.clone()).or_default();
            map.insert((key, *n), i);
            *n += 1;
        }
        map
    };
    let (o, n) = (of(old), of(new));
    let keys: BTreeSet<&RecKey> = o.keys().chain(n.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let a = o.get(key).map(|i| &old.reconciliations[*i]);
        let b = n.get(key).map(|i| &new.reconciliations[*i]);
        let (ta, tb) = (
            a.map(|r| status_text(old, r)),
            b.map(|r| status_text(new, r)),
        );
        let interesting = match (a, b) {
            (Some(_), Some(_)) => ta != tb,
            // A new or dropped consistent check says nothing the stated
            // change does not.
            (Some(r), None) | (None, Some(r)) => r.status != Status::Consistent,
            (None, None) => false,
        };
        if !interesting {
            continue;
        }
        let r = b.or(a).expect("a reconciliation on one side");
        let roots = |side: &Analysis<'_>, r: Option<&Reconciliation<'_>>| {
            let mut roots = Roots::default();
            if let Some(r) = r {
                roots.facts.insert(FactKey::of_fact(r.fact));
                if let Some(d) = &r.derived {
                    roots.extend(Roots::of(side, d));
                }
            }
            roots
        };
        let mut detail = Vec::new();
        if let Some(d) = &r.derived {
            detail.push(format!("derived: {}", d.formula));
        }
        out.push(Consequence {
            change: Change {
                old_at: a.map(|r| at(r.fact)),
                new_at: b.map(|r| at(r.fact)),
                detail,
                ..row(
                    company,
                    Kind::Reconciliation,
                    r.fact,
                    (ta, tb),
                    format!("{} against calc", label(r.fact)),
                )
            },
            old: roots(old, a),
            new: roots(new, b),
        });
    }
    out
}

/// `consistent`, `inconsistent: calc -75.4%, gap 0.3%`, `uncheckable: why`.
fn status_text(a: &Analysis<'_>, r: &Reconciliation<'_>) -> String {
    let units = &a.data.vocabulary.units;
    match (&r.status, &r.derived) {
        (Status::Consistent, _) => "consistent".into(),
        (Status::Inconsistent { gap }, Some(d)) => format!(
            "inconsistent: calc {}, gap {}",
            derived_text(d, units, 0),
            amount(*gap, &d.interval, &d.unit, units).trim_start_matches('+')
        ),
        (Status::Inconsistent { .. }, None) => "inconsistent".into(),
        (Status::Uncheckable { reason }, _) => format!("uncheckable: {reason}"),
    }
}

type ConflictKey = (String, Dims, Period, Option<String>, Option<AsOf>);

fn conflicts(company: &str, old: &Analysis<'_>, new: &Analysis<'_>) -> Vec<Consequence> {
    let (o, n) = (conflict_map(old.data), conflict_map(new.data));
    let keys: BTreeSet<&ConflictKey> = o.keys().chain(n.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let (a, b) = (o.get(key), n.get(key));
        let (ta, tb) = (a.map(|s| said(s)), b.map(|s| said(s)));
        if ta == tb {
            continue;
        }
        let first = b
            .or(a)
            .and_then(|s| s.first())
            .expect("a conflict has statements");
        let roots = |s: Option<&Vec<&Fact>>| Roots {
            facts: s
                .into_iter()
                .flatten()
                .map(|f| FactKey::of_fact(f))
                .collect(),
            ids: BTreeSet::new(),
        };
        let mut change = row(
            company,
            Kind::Conflict,
            first,
            (ta, tb),
            format!("{} statements", label(first)),
        );
        change.old_at = a.and_then(|s| s.first()).map(|f| at(f));
        change.new_at = b.and_then(|s| s.first()).map(|f| at(f));
        out.push(Consequence {
            change,
            old: roots(a),
            new: roots(b),
        });
    }
    out
}

/// The conflicts of a company by series.
fn conflict_map(data: &CompanyData) -> BTreeMap<ConflictKey, Vec<&Fact>> {
    data.conflicts()
        .into_iter()
        .map(|c| {
            let key = (
                c.metric.id(),
                c.dims.clone(),
                c.period,
                c.subject.map(str::to_string),
                c.as_of,
            );
            (key, c.statements)
        })
        .collect()
}

/// `"$73.6M" (Nangeng Zhang) vs "nearly $74M" (James Cheng)`, with
/// `(reviewed)` when a statement is preferred.
fn said(statements: &[&Fact]) -> String {
    let parts: Vec<String> = statements
        .iter()
        .map(|f| {
            format!(
                "\"{}\" ({}{})",
                f.value_text,
                f.speaker_name(),
                if f.preferred { ", preferred" } else { "" }
            )
        })
        .collect();
    parts.join(" vs ")
}

fn row(
    company: &str,
    kind: Kind,
    f: &Fact,
    (old, new): (Option<String>, Option<String>),
    label: String,
) -> Change {
    Change {
        company: company.to_string(),
        kind,
        change: match (&old, &new) {
            (None, _) => Action::Added,
            (_, None) => Action::Removed,
            _ => Action::Changed,
        },
        period: Some(f.period),
        old_period: None,
        metric: f.metric.id(),
        label,
        dims: f.dims.clone(),
        old,
        new,
        old_at: None,
        new_at: None,
        cause: Vec::new(),
        title: None,
        detail: Vec::new(),
    }
}
