//! Stated facts of the two sides matched one to one: by identity (metric,
//! period, members, guidance, document, subject, date), then, among the
//! facts left, by document and evidence, so that a fact moved to another
//! period or metric is one change, not a removal and an addition.

use std::collections::BTreeMap;

use qbrief_model::Fact;

use super::change::{Action, Change, Kind};
use super::key::{identity, series_name, Identity};

/// One fact that differs: on the base side, the new side, or both.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StatedChange<'a> {
    /// The base side's statement.
    pub old: Option<&'a Fact>,
    /// The new side's statement.
    pub new: Option<&'a Fact>,
}

/// Every fact that was added, removed or changed, in the new side's order
/// (period, metric, file position), removals after the facts they sat by.
pub(crate) fn compare_facts<'a>(old: &'a [Fact], new: &'a [Fact]) -> Vec<StatedChange<'a>> {
    let mut groups: BTreeMap<Identity, (Vec<&'a Fact>, Vec<&'a Fact>)> = BTreeMap::new();
    for f in old {
        groups.entry(identity(f)).or_default().0.push(f);
    }
    for f in new {
        groups.entry(identity(f)).or_default().1.push(f);
    }
    let mut out = Vec::new();
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for (_, (mut olds, mut news)) in groups {
        // Equal statements first, so that one edited statement among several
        // of a series pairs with its own old version.
        olds.retain(|o| match news.iter().position(|n| same(o, n)) {
            Some(i) => {
                news.remove(i);
                false
            }
            None => true,
        });
        let paired = olds.len().min(news.len());
        for (o, n) in olds.iter().zip(&news) {
            out.push(StatedChange {
                old: Some(o),
                new: Some(n),
            });
        }
        removed.extend(olds.into_iter().skip(paired));
        added.extend(news.into_iter().skip(paired));
    }
    // Same document and evidence: the statement was moved (another period,
    // metric, members or guidance flag).
    for n in added {
        match removed
            .iter()
            .position(|o| o.source == n.source && o.evidence == n.evidence)
        {
            Some(i) => out.push(StatedChange {
                old: Some(removed.remove(i)),
                new: Some(n),
            }),
            None => out.push(StatedChange {
                old: None,
                new: Some(n),
            }),
        }
    }
    out.extend(removed.into_iter().map(|o| StatedChange {
        old: Some(o),
        new: None,
    }));
    out.sort_by(|a, b| order(a).cmp(&order(b)));
    out
}

fn order<'a>(c: &StatedChange<'a>) -> (qbrief_model::Period, String, &'a qbrief_model::Location) {
    let f = c.new.or(c.old).expect("a change has a side");
    (f.period, f.metric.id(), &f.location)
}

/// Whether two statements of one identity say the same thing.
fn same(a: &Fact, b: &Fact) -> bool {
    a.value_text == b.value_text
        && a.speaker_name() == b.speaker_name()
        && a.evidence == b.evidence
        && a.as_written == b.as_written
        && a.note == b.note
        && a.preferred == b.preferred
        && a.figure == b.figure
}

impl StatedChange<'_> {
    /// The row of this change for company `company`.
    pub(crate) fn to_change(self, company: &str) -> Change {
        let f = self.new.or(self.old).expect("a change has a side");
        let change = match (self.old, self.new) {
            (None, _) => Action::Added,
            (_, None) => Action::Removed,
            _ => Action::Changed,
        };
        let mut detail = match (self.old, self.new) {
            (Some(o), Some(n)) => fields(o, n),
            _ => vec![format!(
                "{}: \"{}\" ({})",
                f.source,
                f.evidence,
                f.speaker_name()
            )],
        };
        if let Some(note) = self.new.and_then(|n| n.note.as_ref()) {
            if self.old.is_none() {
                detail.push(format!("note: {note}"));
            }
        }
        Change {
            company: company.to_string(),
            kind: Kind::Stated,
            change,
            period: Some(f.period),
            old_period: self
                .old
                .map(|o| o.period)
                .filter(|p| self.new.is_some_and(|n| n.period != *p)),
            metric: f.metric.id(),
            label: label(f),
            dims: f.dims.clone(),
            old: self.old.map(|o| o.value_text.clone()),
            new: self.new.map(|n| n.value_text.clone()),
            old_at: self.old.map(at),
            new_at: self.new.map(at),
            cause: Vec::new(),
            title: Some(format!(
                "{} ({})",
                series_name(&f.metric.id(), &f.dims, f.guidance, f.period),
                f.source
            )),
            detail,
        }
    }
}

/// `data/canaan/2024-q3-call.toml:47`.
pub(crate) fn at(f: &Fact) -> String {
    format!("{}:{}", f.location.file, f.location.line)
}

/// The metric's label, with the change and guidance: "Revenue YoY guidance".
pub(crate) fn label(f: &Fact) -> String {
    let mut out = f.metric.metric.label.clone();
    if let Some(c) = f.metric.change {
        out.push(' ');
        out.push_str(match c {
            qbrief_model::Change::Qoq => "QoQ",
            qbrief_model::Change::Yoy => "YoY",
        });
    }
    if f.guidance {
        out.push_str(" guidance");
    }
    out
}

/// Every field that differs, `field: old → new`.
fn fields(o: &Fact, n: &Fact) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
    let pairs = [
        ("metric", o.metric.id(), n.metric.id()),
        ("period", o.period.to_string(), n.period.to_string()),
        (
            "dims",
            qbrief_model::dims_text(&o.dims),
            qbrief_model::dims_text(&n.dims),
        ),
        ("guidance", o.guidance.to_string(), n.guidance.to_string()),
        ("subject", opt(&o.subject), opt(&n.subject)),
        ("value", o.value_text.clone(), n.value_text.clone()),
        (
            "speaker",
            o.speaker_name().to_string(),
            n.speaker_name().to_string(),
        ),
        (
            "evidence",
            format!("\"{}\"", o.evidence),
            format!("\"{}\"", n.evidence),
        ),
        ("as_written", opt(&o.as_written), opt(&n.as_written)),
        ("note", opt(&o.note), opt(&n.note)),
        (
            "preferred",
            o.preferred.to_string(),
            n.preferred.to_string(),
        ),
    ];
    let mut out: Vec<String> = pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(name, a, b)| format!("{name}: {a} → {b}"))
        .collect();
    if out.is_empty() && o.figure != n.figure {
        // Same text read differently: the unit's taxonomy changed.
        out.push("value read differently (a unit of the taxonomies changed)".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fact, load};
    use super::*;

    fn changes(old: &str, new: &str) -> Vec<Change> {
        let (a, b) = (load(old), load(new));
        let (a, b) = (
            &a.companies.values().next().unwrap().facts,
            &b.companies.values().next().unwrap().facts,
        );
        compare_facts(a, b)
            .iter()
            .map(|c| c.to_change("acme"))
            .collect()
    }

    #[test]
    fn equal_facts_are_no_change() {
        let facts = fact("revenue", "2024-Q3", "$10M", "revenue of $10 million");
        assert!(changes(&facts, &facts).is_empty());
    }

    #[test]
    fn a_corrected_value_is_one_change_with_both_locations() {
        let old = fact("revenue", "2024-Q3", "$10M", "revenue of $10 million");
        let new = format!(
            "\n{}",
            fact("revenue", "2024-Q3", "$12M", "revenue of $10 million")
        );
        let c = changes(&old, &new);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(
            (c[0].change, c[0].old.as_deref(), c[0].new.as_deref()),
            (Action::Changed, Some("$10M"), Some("$12M"))
        );
        assert_eq!(c[0].old_at.as_deref(), Some("data/acme/call.toml:7"));
        assert_eq!(c[0].new_at.as_deref(), Some("data/acme/call.toml:8"));
        assert_eq!(c[0].detail, ["value: $10M → $12M"]);
    }

    #[test]
    fn same_document_and_evidence_in_another_period_is_a_move() {
        let old = fact("net_income", "2024-Q3", "$3M", "net income of $3 million");
        let new = fact("net_income", "2024-Q2", "$3M", "net income of $3 million");
        let c = changes(&old, &new);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].old_period, Some("2024-Q3".parse().unwrap()));
        assert_eq!(c[0].period, Some("2024-Q2".parse().unwrap()));
        assert_eq!(c[0].detail, ["period: 2024-Q3 → 2024-Q2"]);
    }

    #[test]
    fn other_evidence_elsewhere_is_a_removal_and_an_addition() {
        let old = fact("net_income", "2024-Q3", "$3M", "net income of $3 million");
        let new = fact("revenue", "2024-Q2", "$30M", "revenue of $30 million");
        let c = changes(&old, &new);
        let actions: Vec<Action> = c.iter().map(|c| c.change).collect();
        assert_eq!(actions, [Action::Added, Action::Removed]);
    }

    #[test]
    fn one_edited_statement_among_several_pairs_with_its_old_self() {
        let a = fact("revenue", "2024-Q3", "$10M", "revenue of $10 million");
        let b = fact("revenue", "2024-Q3", "about $10M", "about $10 million");
        let b2 = fact("revenue", "2024-Q3", "about $11M", "about $10 million");
        let c = changes(&format!("{a}{b}"), &format!("{a}{b2}"));
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].old.as_deref(), Some("about $10M"));
        assert_eq!(c[0].title.as_deref(), Some("revenue 2024-Q3 (call)"));
    }
}
