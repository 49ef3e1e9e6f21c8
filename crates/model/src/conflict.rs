//! The checks that span a company's files: statements of one figure that
//! cannot all be true (conflicts), and facts or documents written twice.
//!
//! Loaded facts are ordered by period, metric and file position, so the
//! statements of one figure sit in one run of facts: both checks group only
//! within runs of several statements, which keeps them linear in the facts.

use std::collections::BTreeMap;

use crate::company::CompanyId;
use crate::company_data::CompanyData;
use crate::diagnostic::{Diagnostic, DiagnosticKind as K};
use crate::fact::Fact;
use crate::metric::MetricKey;
use crate::period::Period;

/// Statements of one metric and period that cannot all be true.
#[derive(Debug, Clone)]
pub struct Conflict<'a> {
    /// The axis members the statements are about.
    pub dims: crate::fact::Dims,
    /// The company.
    pub company: &'a CompanyId,
    /// The metric.
    pub metric: MetricKey,
    /// The period.
    pub period: Period,
    /// The subject, for per-subject metrics.
    pub subject: Option<&'a str>,
    /// The measurement date, when not the period's end.
    pub as_of: Option<crate::fact::AsOf>,
    /// Every statement of that metric and period.
    pub statements: Vec<&'a Fact>,
}

impl CompanyData {
    /// Every group of statements of one series (metric, period, subject and
    /// measurement date) that do not all agree, in period, metric order.
    pub fn conflicts(&self) -> Vec<Conflict<'_>> {
        // Equal by `Ord`, the order the groups are keyed by.
        let same_metric =
            |a: &Fact, b: &Fact| (a.period, &a.metric).cmp(&(b.period, &b.metric)).is_eq();
        let in_order = self
            .facts
            .windows(2)
            .all(|w| (w[0].period, &w[0].metric) <= (w[1].period, &w[1].metric));
        let mut out = Vec::new();
        if !in_order {
            // Facts built by hand may come in any order: group them whole.
            let all: Vec<&Fact> = self.facts.iter().collect();
            self.push_conflicts(all, &mut out);
            return out;
        }
        // Loaded facts are ordered by period and metric, so the statements
        // of one series sit in one run, and runs come in key order: only a
        // run of several statements needs grouping, which keeps this linear
        // in the facts.
        for run in self.facts.chunk_by(|a, b| same_metric(a, b)) {
            if run.len() > 1 {
                self.push_conflicts(run.iter().collect(), &mut out);
            }
        }
        out
    }

    /// Groups `facts` by series, in series-key order (stable, so each
    /// group keeps the order of the facts), and pushes the groups whose
    /// statements do not all agree.
    fn push_conflicts<'a>(&'a self, mut facts: Vec<&'a Fact>, out: &mut Vec<Conflict<'a>>) {
        facts.sort_by(|a, b| series_key(a).cmp(&series_key(b)));
        for statements in facts.chunk_by(|a, b| series_key(a).cmp(&series_key(b)).is_eq()) {
            if crate::figure::all_agree(statements.iter().map(|f| &f.figure)) {
                continue;
            }
            let (period, metric, dims, subject, as_of, _) = series_key(statements[0]);
            out.push(Conflict {
                company: &self.company.id,
                metric: metric.clone(),
                dims: dims.clone(),
                period,
                subject,
                as_of,
                statements: statements.to_vec(),
            });
        }
    }
}

impl Conflict<'_> {
    /// The warning `qbrief check` prints for this conflict.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let said: Vec<String> = self
            .statements
            .iter()
            .map(|f| {
                format!(
                    "\"{}\" ({})",
                    f.value_text,
                    f.speaker
                        .as_ref()
                        .map_or(f.speaker_name().to_string(), |s| format!(
                            "{}, {}",
                            s.name, s.role
                        ))
                )
            })
            .collect();
        let preferred: Vec<&&Fact> = self.statements.iter().filter(|f| f.preferred).collect();
        let mut d = Diagnostic::new_with(
            if preferred.is_empty() {
                crate::diagnostic::Severity::Warning
            } else {
                crate::diagnostic::Severity::Info
            },
            K::Conflict,
            format!(
                "conflicting statements of {}{}{} for {}{}: {}",
                self.metric,
                if self.dims.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", crate::fact::dims_text(&self.dims))
                },
                self.subject.map(|s| format!(" ({s})")).unwrap_or_default(),
                self.period,
                self.as_of
                    .map(|d| format!(" as of {d}"))
                    .unwrap_or_default(),
                said.join(" vs ")
            ),
        )
        .about(
            Some(self.company.as_str()),
            Some(self.period),
            Some(self.metric.id()),
        );
        if let Some(first) = self.statements.first() {
            d = d.at_location(first.location.clone());
        }
        for f in &self.statements {
            d = d.with_note(format!(
                "{}:{}: {} \"{}\" ({}): \"{}\"",
                f.location.file,
                f.location.line,
                if f.speaker.is_none() && f.filed {
                    "filed".to_string()
                } else {
                    format!("{} said", f.speaker_name())
                },
                f.value_text,
                f.source,
                f.evidence
            ));
        }
        let filed = self.statements.iter().any(|f| f.filed);
        match preferred.as_slice() {
            [] if filed && self.statements.iter().any(|f| !f.filed) => d.with_hint("both statements are kept; the filed figure is used, unless preferred = true on another says why in its note"),
            [] => d.with_hint("both statements are kept; set preferred = true on the one to use, and say why in its note"),
            [one] => d.with_note(format!(
                "reviewed: the data prefers \"{}\" ({}, {}:{})",
                one.value_text,
                one.speaker_name(),
                one.location.file,
                one.location.line
            )),
            several => d.with_hint(format!(
                "{} statements are marked preferred; mark at most one per conflict",
                several.len()
            )),
        }
    }
}

/// What makes two statements statements of the same figure. Guidance is
/// keyed by its document too: guidance that moves from call to call is a
/// revision, not a conflict.
type SeriesKey<'a> = (
    Period,
    &'a MetricKey,
    &'a crate::fact::Dims,
    Option<&'a str>,
    Option<crate::fact::AsOf>,
    Option<&'a str>,
);

fn series_key(fact: &Fact) -> SeriesKey<'_> {
    (
        fact.period,
        &fact.metric,
        &fact.dims,
        fact.subject.as_deref(),
        fact.as_of,
        fact.guidance.then_some(fact.source.as_str()),
    )
}

/// Facts said twice, word for word, by the same speaker in the same
/// document. `data.facts` must be in [`CompanyData::facts`] order: two such
/// facts share a period and metric, so only runs of several statements of
/// one metric and period are compared, each in file order.
pub(crate) fn duplicate_facts(data: &CompanyData) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let runs = data
        .facts
        .chunk_by(|a, b| (a.period, &a.metric).cmp(&(b.period, &b.metric)).is_eq());
    for run in runs.filter(|run| run.len() > 1) {
        let mut facts: Vec<&Fact> = run.iter().collect();
        facts.sort_by(|a, b| a.location.cmp(&b.location));
        duplicates_in(data, &facts, &mut out);
    }
    out
}

fn duplicates_in(data: &CompanyData, facts: &[&Fact], out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(SeriesKey<'_>, String, &str, &str, String), &Fact> = BTreeMap::new();
    for &fact in facts {
        let key = (
            series_key(fact),
            fact.figure.value().normalize().to_string()
                + fact.figure.qualifier().name()
                + fact.figure.unit().symbol(),
            fact.source.as_str(),
            fact.speaker_name(),
            normalize_phrase(&fact.evidence),
        );
        if let Some(first) = seen.get(&key) {
            out.push(
                Diagnostic::error(
                    K::DuplicateFact,
                    format!(
                        "the same fact twice: {} {} \"{}\" by {}",
                        fact.metric,
                        fact.period,
                        fact.value_text,
                        fact.speaker_name()
                    ),
                )
                .about(
                    Some(data.company.id.as_str()),
                    Some(fact.period),
                    Some(fact.metric.id()),
                )
                .at_location(fact.location.clone())
                .with_note(format!(
                    "first written at {}:{}",
                    first.location.file, first.location.line
                ))
                .with_hint("delete one of the two [[fact]] tables"),
            );
        } else {
            seen.insert(key, fact);
        }
    }
}

pub(crate) fn duplicate_documents(data: &CompanyData) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pair in data.documents.windows(2) {
        if pair[0].id == pair[1].id {
            out.push(
                Diagnostic::error(
                    K::DuplicateDocument,
                    format!("document id \"{}\" is used twice", pair[1].id),
                )
                .at_location(crate::fact::Location::new(
                    pair[1].data_file.clone(),
                    1,
                    1,
                )),
            );
        }
    }
    out
}

/// Normalises a phrase for duplicate detection: [`crate::normalize_text`]
/// (quotes, dashes, whitespace), then case folded.
pub fn normalize_phrase(text: &str) -> String {
    crate::verify::normalize_text(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{DataFile, Dataset};

    fn file(stem: &str, text: &str) -> DataFile {
        DataFile {
            path: format!("data/acme/{stem}.toml"),
            folder: "acme".into(),
            stem: stem.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// (period, metric, dims, statement lines) of each conflict.
    fn shape(conflicts: &[Conflict<'_>]) -> Vec<(Period, String, String, Vec<usize>)> {
        conflicts
            .iter()
            .map(|c| {
                let mut lines: Vec<usize> = c.statements.iter().map(|f| f.location.line).collect();
                lines.sort();
                (
                    c.period,
                    c.metric.to_string(),
                    crate::fact::dims_text(&c.dims),
                    lines,
                )
            })
            .collect()
    }

    #[test]
    fn conflicts_of_sorted_and_unsorted_facts_agree() {
        let company = "id = \"acme\"\nname = \"Acme\"\nticker = \"ACME\"\nexchange = \"NASDAQ\"\ncurrency = \"USD\"\nfiscal_year_end_month = 12\n";
        let mut call = String::from("[document]\nid = \"q3\"\nkind = \"earnings-call\"\ntitle = \"Q3\"\nperiod = \"2024-Q3\"\nfile = \"q3.txt\"\n");
        // Two conflicting series (revenue Q3, cash Q2), one agreeing pair
        // and single statements between them.
        for (i, (metric, period, value)) in [
            ("revenue", "2024-Q3", "$73.6M"),
            ("cash", "2024-Q2", "$10M"),
            ("revenue", "2024-Q3", "$80.1M"),
            ("revenue", "2024-Q2", "$70M"),
            ("cash", "2024-Q2", "$12M"),
            ("cash", "2024-Q3", "$11M"),
            ("cash", "2024-Q3", "$11.0M"),
            ("revenue", "2024-Q3", "$73.6M"),
        ]
        .into_iter()
        .enumerate()
        {
            call += &format!("[[fact]]\nmetric = \"{metric}\"\nperiod = \"{period}\"\nvalue = \"{value}\"\nevidence = \"{metric} {i} was {value}\"\n");
        }
        let (dataset, findings) = Dataset::load(&[file("company", company), file("q3", &call)]);
        assert!(findings.iter().all(|f| !f.is_error()), "{findings:?}");
        let data = &dataset.companies.values().next().unwrap();
        let sorted = data.conflicts();
        assert_eq!(
            shape(&sorted)
                .iter()
                .map(|(p, m, _, lines)| (p.to_string(), m.as_str(), lines.len()))
                .collect::<Vec<_>>(),
            [
                ("2024-Q2".to_string(), "cash", 2),
                ("2024-Q3".to_string(), "revenue", 3)
            ]
        );
        let mut shuffled = (*data).clone();
        shuffled.facts.reverse();
        assert_eq!(shape(&shuffled.conflicts()), shape(&sorted));
    }
}
