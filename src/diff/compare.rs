//! Compares two loaded datasets company by company and groups what calc
//! computes under the edits that moved it.

use std::collections::{BTreeMap, BTreeSet};

use qbrief_calc::analyze;
use qbrief_model::{CompanyData, Dataset};

use super::change::{Action, Change, CompanyDiff, Kind, Report};
use super::checks::compare_checks;
use super::figures::{compare_figures, Consequence};
use super::key::FactKey;
use super::stated::compare_facts;
use super::taxonomy::{compare_companies, compare_vocabularies, ItemChange};

/// Everything that differs from `base` to `head`, for every company or
/// only `company`. `base_name` and `head_name` say what the sides are.
pub fn compare(
    base: &Dataset,
    head: &Dataset,
    company: Option<&str>,
    base_name: &str,
    head_name: &str,
) -> Report {
    let ids: BTreeSet<String> = base
        .companies
        .values()
        .chain(head.companies.values())
        .map(|c| c.company.id.to_string())
        .filter(|id| company.is_none_or(|wanted| wanted == id))
        .collect();
    let companies = ids
        .iter()
        .filter_map(|id| compare_company(id, find(base, id), find(head, id)))
        .collect();
    Report {
        base: base_name.to_string(),
        head: head_name.to_string(),
        companies,
    }
}

fn find<'a>(d: &'a Dataset, id: &str) -> Option<&'a CompanyData> {
    d.companies.values().find(|c| c.company.id.as_str() == id)
}

/// The changes of one company; `None` when nothing differs.
pub fn compare_company(
    id: &str,
    old: Option<&CompanyData>,
    new: Option<&CompanyData>,
) -> Option<CompanyDiff> {
    let name = new.or(old)?.company.name.clone();
    let changes = match (old, new) {
        (Some(old), Some(new)) => changes(id, old, new),
        (only, _) => vec![whole_company(id, only.is_some(), old.or(new)?)],
    };
    (!changes.is_empty()).then(|| CompanyDiff {
        id: id.to_string(),
        name,
        changes,
    })
}

/// A company on one side only is one change: its brief is new or gone.
fn whole_company(id: &str, removed: bool, data: &CompanyData) -> Change {
    let text = format!(
        "{} documents, {} facts",
        data.documents.len(),
        data.facts.len()
    );
    let (old, new) = if removed {
        (Some(text), None)
    } else {
        (None, Some(text))
    };
    Change {
        company: id.to_string(),
        kind: Kind::Company,
        change: if removed {
            Action::Removed
        } else {
            Action::Added
        },
        period: None,
        old_period: None,
        metric: id.to_string(),
        label: format!("company {}", data.company.name),
        dims: Default::default(),
        old,
        new,
        old_at: None,
        new_at: None,
        cause: Vec::new(),
        title: Some(format!("company {id}")),
        detail: Vec::new(),
    }
}

fn changes(id: &str, old: &CompanyData, new: &CompanyData) -> Vec<Change> {
    let stated = compare_facts(&old.facts, &new.facts);
    let mut items = compare_vocabularies(id, &old.vocabulary, &new.vocabulary);
    items.extend(compare_companies(&old.company, &new.company));
    let (a, b) = (analyze(old), analyze(new));
    let mut consequences = compare_figures(id, &a, &b);
    consequences.extend(compare_checks(id, &a, &b));

    // Causes: stated changes, then taxonomy and company changes, each
    // with a title unique within the company.
    let mut causes: Vec<Change> = stated.iter().map(|s| s.to_change(id)).collect();
    let (mut by_old, mut by_new) = (BTreeMap::new(), BTreeMap::new());
    for (i, s) in stated.iter().enumerate() {
        if let Some(f) = s.old {
            by_old.insert(FactKey::of_fact(f), i);
        }
        if let Some(f) = s.new {
            by_new.insert(FactKey::of_fact(f), i);
        }
    }
    let first_item = causes.len();
    causes.extend(items.iter().map(|i| i.change.clone()));
    unique_titles(&mut causes);

    let mut under: BTreeMap<Option<usize>, Vec<Change>> = BTreeMap::new();
    for Consequence {
        mut change,
        old,
        new,
    } in consequences
    {
        let mut found: BTreeSet<usize> = old
            .facts
            .iter()
            .filter_map(|k| by_old.get(k))
            .chain(new.facts.iter().filter_map(|k| by_new.get(k)))
            .copied()
            .collect();
        let ids: BTreeSet<&String> = old.ids.iter().chain(&new.ids).collect();
        found.extend(items_moving(&items, &ids, first_item, !found.is_empty()));
        change.cause = found
            .iter()
            .filter_map(|i| causes[*i].title.clone())
            .collect();
        under
            .entry(found.first().copied())
            .or_default()
            .push(change);
    }
    let mut out = Vec::new();
    for (i, cause) in causes.into_iter().enumerate() {
        out.push(cause);
        out.extend(sorted(under.remove(&Some(i)).unwrap_or_default()));
    }
    // What no edit explains (an edit of something qbrief does not compare).
    out.extend(sorted(under.remove(&None).unwrap_or_default()));
    out
}

/// The taxonomy and company changes that can have moved a figure whose
/// roots include `ids`: those naming one of them, else (when no stated
/// change explains the figure either) the company-wide ones.
fn items_moving<'a>(
    items: &'a [ItemChange],
    ids: &'a BTreeSet<&String>,
    first: usize,
    explained: bool,
) -> impl Iterator<Item = usize> + 'a {
    let named: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.moves.iter().any(|m| ids.contains(m)))
        .map(|(n, _)| first + n)
        .collect();
    let wide: Vec<usize> = if named.is_empty() && !explained {
        items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.moves.is_empty())
            .map(|(n, _)| first + n)
            .collect()
    } else {
        Vec::new()
    };
    named.into_iter().chain(wide)
}

/// Consequences by kind, period, metric and members.
fn sorted(mut changes: Vec<Change>) -> Vec<Change> {
    changes.sort_by(|a, b| {
        (a.kind, a.period, &a.metric, &a.dims).cmp(&(b.kind, b.period, &b.metric, &b.dims))
    });
    changes
}

/// Appends ` #2`, ` #3` to titles that repeat (two statements of one
/// series in one document).
fn unique_titles(changes: &mut [Change]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for c in changes {
        if let Some(t) = &mut c.title {
            let n = seen.entry(t.clone()).or_default();
            *n += 1;
            if *n > 1 {
                t.push_str(&format!(" #{n}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fact, load};
    use super::*;

    fn facts(revenue: &str) -> String {
        [
            fact("revenue", "2024-Q3", revenue, "revenue"),
            fact("operating_income", "2024-Q3", "$2M", "operating income"),
            fact("cash", "2024-Q3", "$5M", "cash"),
        ]
        .concat()
    }

    #[test]
    fn what_a_stated_change_moves_follows_it_and_cites_it() {
        let (a, b) = (load(&facts("$10M")), load(&facts("$20M")));
        let report = compare(&a, &b, None, "old", "new");
        let rows: Vec<(Kind, &str, Vec<String>)> = report
            .changes()
            .map(|c| (c.kind, c.metric.as_str(), c.cause.clone()))
            .collect();
        let cause = vec!["revenue 2024-Q3 (call)".to_string()];
        assert_eq!(
            rows,
            [
                (Kind::Stated, "revenue", vec![]),
                (Kind::Derived, "operating_margin", cause),
            ]
        );
        assert_eq!(report.changes().nth(1).unwrap().old.as_deref(), Some("20%"));
    }

    #[test]
    fn nothing_differs_nothing_listed() {
        let a = load(&facts("$10M"));
        assert!(compare(&a, &a, None, "a", "a").is_empty());
        assert!(compare(&a, &load(&facts("$20M")), Some("other"), "a", "b").is_empty());
    }

    #[test]
    fn a_company_on_one_side_is_one_change() {
        let a = load(&facts("$10M"));
        let report = compare(&Dataset::default(), &a, None, "a", "b");
        let rows: Vec<&Change> = report.changes().collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].kind, rows[0].change),
            (Kind::Company, Action::Added)
        );
        assert_eq!(rows[0].new.as_deref(), Some("1 documents, 3 facts"));
    }
}
