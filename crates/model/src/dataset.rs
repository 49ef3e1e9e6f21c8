//! A loaded dataset: companies, their documents and facts, and the checks
//! that span files (duplicate facts, documents, conflicting statements).

use std::collections::BTreeMap;

use crate::company::{Company, CompanyId};
use crate::diagnostic::{Diagnostic, DiagnosticKind as K};
use crate::fact::{Document, Fact};
use crate::metric::MetricKey;
use crate::period::Period;
use crate::source_file::{parse_company, parse_document};

/// One data file handed to [`Dataset::load`]: the model does no I/O, so the
/// caller reads the files and passes their bytes.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// The path to show in messages (`data/canaan/2024-q3-call.toml`).
    pub path: String,
    /// The company folder it is in (`canaan`).
    pub folder: String,
    /// The file name without `.toml` (`company` for the company file).
    pub stem: String,
    /// The raw bytes.
    pub bytes: Vec<u8>,
}

/// Everything known about one company.
#[derive(Debug, Clone)]
pub struct CompanyData {
    /// The company.
    pub company: Company,
    /// Its source documents, ordered by id.
    pub documents: Vec<Document>,
    /// Every valid fact, ordered by period, metric, then file position.
    pub facts: Vec<Fact>,
}

impl CompanyData {
    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Every statement of `key` for `period`.
    pub fn statements(&self, key: MetricKey, period: Period) -> impl Iterator<Item = &Fact> {
        self.facts
            .iter()
            .filter(move |f| f.metric == key && f.period == period)
    }

    /// Every group of statements of one series (metric, period, subject and
    /// measurement date) that do not all agree, in period, metric order.
    pub fn conflicts(&self) -> Vec<Conflict<'_>> {
        let mut groups: BTreeMap<SeriesKey<'_>, Vec<&Fact>> = BTreeMap::new();
        for fact in &self.facts {
            groups.entry(series_key(fact)).or_default().push(fact);
        }
        groups
            .into_iter()
            .filter(|(_, s)| {
                s.iter()
                    .enumerate()
                    .any(|(i, a)| s[i + 1..].iter().any(|b| !a.agrees_with(b)))
            })
            .map(|((period, metric, subject, as_of), statements)| Conflict {
                company: &self.company.id,
                metric,
                period,
                subject,
                as_of,
                statements,
            })
            .collect()
    }

    /// Every period that has at least one fact, in order.
    pub fn periods(&self) -> Vec<Period> {
        let mut periods: Vec<Period> = self.facts.iter().map(|f| f.period).collect();
        periods.sort();
        periods.dedup();
        periods
    }
}

/// All companies of a data folder.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Companies by id.
    pub companies: BTreeMap<CompanyId, CompanyData>,
}

/// Statements of one metric and period that cannot all be true.
#[derive(Debug, Clone)]
pub struct Conflict<'a> {
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

impl Dataset {
    /// Parses and checks every file; returns what could be loaded and every
    /// finding (errors and warnings), sorted by file and line.
    pub fn load(files: &[DataFile]) -> (Dataset, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut companies: BTreeMap<String, Company> = BTreeMap::new();
        let mut texts: Vec<(&DataFile, &str)> = Vec::new();
        for file in files {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => texts.push((file, text)),
                Err(e) => {
                    diagnostics.push(crate::diagnostic::invalid_utf8(&file.path, &file.bytes, &e))
                }
            }
        }
        for (file, text) in texts.iter().filter(|(f, _)| f.stem == "company") {
            let (company, found) = parse_company(&file.path, text, &file.folder);
            diagnostics.extend(found);
            if let Some(c) = company {
                companies.insert(file.folder.clone(), c);
            }
        }
        let mut dataset = Dataset::default();
        for company in companies.values() {
            dataset.companies.insert(
                company.id.clone(),
                CompanyData {
                    company: company.clone(),
                    documents: Vec::new(),
                    facts: Vec::new(),
                },
            );
        }
        let folders_with_company_file: Vec<&str> = files
            .iter()
            .filter(|f| f.stem == "company")
            .map(|f| f.folder.as_str())
            .collect();
        for (file, text) in texts.iter().filter(|(f, _)| f.stem != "company") {
            let Some(company) = companies.get(&file.folder) else {
                if !folders_with_company_file.contains(&file.folder.as_str()) {
                    diagnostics.push(
                        Diagnostic::error(K::UnknownCompany, format!("unknown company \"{}\": its folder has no company.toml", file.folder))
                            .at_location(crate::fact::Location::new(file.path.clone(), 1, 1))
                            .with_hint(format!("add {}/company.toml with id, name, ticker, exchange, currency and fiscal_year_end_month", file.folder)),
                    );
                }
                continue;
            };
            let parsed = parse_document(&file.path, text, &file.stem, company);
            diagnostics.extend(parsed.diagnostics);
            let Some(data) = dataset.companies.get_mut(&company.id) else {
                continue;
            };
            if let Some(document) = parsed.document {
                data.documents.push(document);
            }
            data.facts.extend(parsed.facts);
        }
        for data in dataset.companies.values_mut() {
            data.documents.sort_by(|a, b| a.id.cmp(&b.id));
            data.facts.sort_by(|a, b| {
                (a.period, a.metric, &a.location).cmp(&(b.period, b.metric, &b.location))
            });
            diagnostics.extend(duplicate_facts(data));
            diagnostics.extend(duplicate_documents(data));
        }
        diagnostics.extend(dataset.conflicts().iter().map(Conflict::to_diagnostic));
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        (dataset, diagnostics)
    }

    /// Every conflict of every company, in company, period, metric order.
    pub fn conflicts(&self) -> Vec<Conflict<'_>> {
        self.companies
            .values()
            .flat_map(CompanyData::conflicts)
            .collect()
    }

    /// Every fact of every company.
    pub fn facts(&self) -> impl Iterator<Item = &Fact> {
        self.companies.values().flat_map(|c| c.facts.iter())
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
                    "\"{}\" ({}, {})",
                    f.value_text, f.speaker.name, f.speaker.role
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
                "conflicting statements of {}{} for {}{}: {}",
                self.metric,
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
                "{}:{}: {} said \"{}\" ({}): \"{}\"",
                f.location.file,
                f.location.line,
                f.speaker.name,
                f.value_text,
                f.source,
                f.evidence
            ));
        }
        match preferred.as_slice() {
            [] => d.with_hint("both statements are kept; set preferred = true on the one to use, and say why in its note"),
            [one] => d.with_note(format!(
                "reviewed: the data prefers \"{}\" ({}, {}:{})",
                one.value_text, one.speaker.name, one.location.file, one.location.line
            )),
            several => d.with_hint(format!(
                "{} statements are marked preferred; mark at most one per conflict",
                several.len()
            )),
        }
    }
}

type SeriesKey<'a> = (
    Period,
    MetricKey,
    Option<&'a str>,
    Option<crate::fact::AsOf>,
);

fn series_key(fact: &Fact) -> SeriesKey<'_> {
    (
        fact.period,
        fact.metric,
        fact.subject.as_deref(),
        fact.as_of,
    )
}

fn duplicate_facts(data: &CompanyData) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<(SeriesKey<'_>, String, &str, String), &Fact> = BTreeMap::new();
    let mut out = Vec::new();
    let mut facts: Vec<&Fact> = data.facts.iter().collect();
    facts.sort_by(|a, b| a.location.cmp(&b.location));
    for fact in facts {
        let key = (
            series_key(fact),
            fact.figure.value().normalize().to_string()
                + fact.figure.qualifier().name()
                + &fact.figure.unit().symbol(),
            fact.speaker.name.as_str(),
            normalize_phrase(&fact.evidence),
        );
        if let Some(first) = seen.get(&key) {
            out.push(
                Diagnostic::error(
                    K::DuplicateFact,
                    format!(
                        "the same fact twice: {} {} \"{}\" by {}",
                        fact.metric, fact.period, fact.value_text, fact.speaker.name
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
    out
}

fn duplicate_documents(data: &CompanyData) -> Vec<Diagnostic> {
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
