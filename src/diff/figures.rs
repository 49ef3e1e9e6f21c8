//! Computed figures of the two sides compared: derived and implied numbers
//! whose value or interval moved, and guidance outcomes (beat, in line,
//! miss) that changed. Each comes with what it rests on, on each side.

use std::collections::{BTreeMap, BTreeSet};

use qbrief_calc::{Analysis, Derived, Flag};
use qbrief_model::{Dims, Period, UnitTable};

use super::causes::Roots;
use super::change::{Action, Change, Kind};
use super::text::{amount, derived_pair, input_text};

/// A computed change with the roots of each side's figure.
#[derive(Debug, Clone)]
pub(crate) struct Consequence {
    /// The row.
    pub change: Change,
    /// What the base side's figure rests on.
    pub old: Roots,
    /// What the new side's figure rests on.
    pub new: Roots,
}

type Key<'k> = (&'k str, &'k Dims, Period);

/// The suffix of beat-or-miss figures, which are shown as guidance outcomes.
const VS_GUIDANCE: &str = "_vs_guidance";

fn is_outcome(d: &Derived) -> bool {
    d.flags
        .iter()
        .any(|f| matches!(f, Flag::Beat | Flag::Miss | Flag::InLine))
}

/// The derived figures of a side by series, guidance outcomes left out.
fn derived_map<'a>(a: &'a Analysis<'_>) -> BTreeMap<Key<'a>, &'a Derived> {
    let mut map: BTreeMap<Key<'a>, &'a Derived> = BTreeMap::new();
    for d in a.derived.iter().filter(|d| !is_outcome(d)) {
        map.entry((d.metric.as_str(), &d.dims, d.period))
            .or_insert(d);
    }
    map
}

/// The implied figures of a side by series.
fn implied_map<'a>(a: &'a Analysis<'_>) -> BTreeMap<Key<'a>, &'a Derived> {
    a.implied
        .iter()
        .map(|((id, dims, p), d)| ((id.as_str(), dims, *p), d))
        .collect()
}

/// Derived and implied figures, then guidance outcomes, that differ.
pub(crate) fn compare_figures(
    company: &str,
    old: &Analysis<'_>,
    new: &Analysis<'_>,
) -> Vec<Consequence> {
    let mut out = Vec::new();
    for (kind, o, n) in [
        (Kind::Derived, derived_map(old), derived_map(new)),
        (Kind::Implied, implied_map(old), implied_map(new)),
    ] {
        let keys: BTreeSet<&Key<'_>> = o.keys().chain(n.keys()).collect();
        for key in keys {
            let (a, b) = (o.get(key).copied(), n.get(key).copied());
            if let (Some(a), Some(b)) = (a, b) {
                if a.value == b.value && a.interval == b.interval {
                    continue;
                }
            }
            out.push(figure_change(company, kind, (old, a), (new, b)));
        }
    }
    out.extend(outcomes(company, old, new));
    out
}

fn units<'a>(a: &'a Analysis<'_>) -> &'a UnitTable {
    &a.data.vocabulary.units
}

fn figure_change(
    company: &str,
    kind: Kind,
    (old, a): (&Analysis<'_>, Option<&Derived>),
    (new, b): (&Analysis<'_>, Option<&Derived>),
) -> Consequence {
    let d = b.or(a).expect("a figure on one side");
    let (old_text, new_text) = derived_pair(a.map(|d| (d, units(old))), b.map(|d| (d, units(new))));
    let mut detail = Vec::new();
    match (a, b) {
        (Some(a), Some(b)) if a.formula != b.formula => {
            detail.push(format!("formula: {} → {}", a.formula, b.formula));
        }
        _ => detail.push(format!("formula: {}", d.formula)),
    }
    let inputs = |side: &Analysis<'_>, d: &Derived| {
        let v = &side.data.vocabulary;
        let text: Vec<String> = d.inputs.iter().map(|i| input_text(i, v)).collect();
        text.join("; ")
    };
    let (ia, ib) = (a.map(|a| inputs(old, a)), b.map(|b| inputs(new, b)));
    match (ia, ib) {
        (Some(x), Some(y)) if x != y => {
            detail.push(format!("inputs were: {x}"));
            detail.push(format!("inputs now: {y}"));
        }
        (x, y) => {
            if let Some(text) = y.or(x).filter(|t| !t.is_empty()) {
                detail.push(format!("inputs: {text}"));
            }
        }
    }
    Consequence {
        change: row(company, kind, d, action(a, b), old_text, new_text, detail),
        old: a.map(|a| Roots::of(old, a)).unwrap_or_default(),
        new: b.map(|b| Roots::of(new, b)).unwrap_or_default(),
    }
}

/// Guidance outcomes (`<id>_vs_guidance`, with its percent sibling) whose
/// verdict or difference changed.
fn outcomes(company: &str, old: &Analysis<'_>, new: &Analysis<'_>) -> Vec<Consequence> {
    let of = |a: &'_ Analysis<'_>| -> BTreeMap<(String, Dims, Period), String> {
        a.derived
            .iter()
            .filter(|d| is_outcome(d) && d.metric.ends_with(VS_GUIDANCE))
            .map(|d| {
                (
                    (d.metric.clone(), d.dims.clone(), d.period),
                    outcome_text(a, d),
                )
            })
            .collect()
    };
    let (o, n) = (of(old), of(new));
    let keys: BTreeSet<&(String, Dims, Period)> = o.keys().chain(n.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let (a, b) = (o.get(key), n.get(key));
        if a == b {
            continue;
        }
        let (metric, dims, period) = key;
        let (da, db) = (
            a.and(old.derived_at(metric, dims, *period)),
            b.and(new.derived_at(metric, dims, *period)),
        );
        let d = db.or(da).expect("an outcome on one side");
        let mut detail = vec![format!("difference: {}", d.formula)];
        let verdict = |d: Option<&Derived>| d.map(|d| verdict(d).to_string());
        if let (Some(x), Some(y)) = (verdict(da), verdict(db)) {
            if x != y {
                detail.insert(0, format!("flipped: {x} → {y}"));
            }
        }
        out.push(Consequence {
            change: row(
                company,
                Kind::Guidance,
                d,
                action(da, db),
                a.cloned(),
                b.cloned(),
                detail,
            ),
            old: da.map(|d| Roots::of(old, d)).unwrap_or_default(),
            new: db.map(|d| Roots::of(new, d)).unwrap_or_default(),
        });
    }
    out
}

/// `beat, +$0.6M (+0.8%)`.
fn outcome_text(a: &Analysis<'_>, d: &Derived) -> String {
    let Some(v) = d.value else {
        return verdict(d).to_string();
    };
    let mut text = format!(
        "{}, {}",
        verdict(d),
        amount(v, &d.interval, &d.unit, units(a))
    );
    let pct = a.derived_at(&format!("{}_pct", d.metric), &d.dims, d.period);
    if let Some((p, v)) = pct.and_then(|p| p.value.map(|v| (p, v))) {
        text.push_str(&format!(" ({})", amount(v, &p.interval, &p.unit, units(a))));
    }
    text
}

fn verdict(d: &Derived) -> &'static str {
    if d.flags.contains(&Flag::Beat) {
        "beat"
    } else if d.flags.contains(&Flag::Miss) {
        "miss"
    } else {
        "in line"
    }
}

fn action<T>(a: Option<T>, b: Option<T>) -> Action {
    match (a, b) {
        (None, _) => Action::Added,
        (_, None) => Action::Removed,
        _ => Action::Changed,
    }
}

fn row(
    company: &str,
    kind: Kind,
    d: &Derived,
    change: Action,
    old: Option<String>,
    new: Option<String>,
    detail: Vec<String>,
) -> Change {
    Change {
        company: company.to_string(),
        kind,
        change,
        period: Some(d.period),
        old_period: None,
        metric: d.metric.clone(),
        label: d.label.clone(),
        dims: d.dims.clone(),
        old,
        new,
        old_at: None,
        new_at: None,
        cause: Vec::new(),
        title: None,
        detail,
    }
}
