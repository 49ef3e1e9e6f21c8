//! A loaded dataset: companies, their documents and facts, and the checks
//! that span files (duplicate facts, documents, conflicting statements).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::company::{Company, CompanyId};
use crate::diagnostic::{Diagnostic, DiagnosticKind as K};
use crate::fact::{Document, Fact};
use crate::metric::MetricKey;
use crate::period::Period;
use crate::source_file::{parse_company, parse_document};
use crate::taxonomy::{builtin_taxonomies, resolve_chain, ChainError, Vocabulary};
use crate::taxonomy_file::{parse_taxonomy, TaxonomyFile};

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
    /// The company's vocabulary: its taxonomies, merged and checked.
    pub vocabulary: Arc<Vocabulary>,
}

impl CompanyData {
    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Every statement of `key` for `period`.
    pub fn statements<'a>(
        &'a self,
        key: &'a MetricKey,
        period: Period,
    ) -> impl Iterator<Item = &'a Fact> {
        self.facts
            .iter()
            .filter(move |f| &f.metric == key && f.period == period)
    }

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

impl Dataset {
    /// Parses and checks every file; returns what could be loaded and every
    /// finding (errors and warnings), sorted by file and line.
    pub fn load(files: &[DataFile]) -> (Dataset, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut texts: Vec<(&DataFile, &str)> = Vec::new();
        for file in files {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => texts.push((file, text)),
                Err(e) => {
                    diagnostics.push(crate::diagnostic::invalid_utf8(&file.path, &file.bytes, &e))
                }
            }
        }
        let available = shared_taxonomies(&texts, &mut diagnostics);
        let mut companies: BTreeMap<String, (Company, &str, &str)> = BTreeMap::new();
        for (file, text) in texts
            .iter()
            .filter(|(f, _)| f.stem == COMPANY && f.folder != TAXONOMIES)
        {
            let (company, found) = parse_company(&file.path, text, &file.folder);
            diagnostics.extend(found);
            if let Some(c) = company {
                companies.insert(file.folder.clone(), (c, file.path.as_str(), text));
            }
        }
        let mut dataset = Dataset::default();
        let mut vocabularies: BTreeMap<String, Arc<Vocabulary>> = BTreeMap::new();
        for (folder, (company, path, text)) in &companies {
            let extension = texts
                .iter()
                .find(|(f, _)| f.folder == *folder && f.stem == TAXONOMY)
                .and_then(|(f, t)| {
                    let (file, found) = parse_taxonomy(&f.path, t, None);
                    diagnostics.extend(found);
                    file
                });
            let vocabulary = Arc::new(company_vocabulary(
                company,
                (path, text),
                &available,
                extension,
                &mut diagnostics,
            ));
            vocabularies.insert(folder.clone(), vocabulary.clone());
            dataset.companies.insert(
                company.id.clone(),
                CompanyData {
                    company: company.clone(),
                    documents: Vec::new(),
                    facts: Vec::new(),
                    vocabulary,
                },
            );
        }
        let folders_with_company_file: Vec<&str> = files
            .iter()
            .filter(|f| f.stem == COMPANY)
            .map(|f| f.folder.as_str())
            .collect();
        for (file, text) in texts
            .iter()
            .filter(|(f, _)| f.stem != COMPANY && f.stem != TAXONOMY && f.folder != TAXONOMIES)
        {
            let (Some((company, _, _)), Some(vocabulary)) =
                (companies.get(&file.folder), vocabularies.get(&file.folder))
            else {
                if !folders_with_company_file.contains(&file.folder.as_str()) {
                    diagnostics.push(
                        Diagnostic::error(K::UnknownCompany, format!("unknown company \"{}\": its folder has no company.toml", file.folder))
                            .at_location(crate::fact::Location::new(file.path.clone(), 1, 1))
                            .with_hint(format!("add {}/company.toml with id, name, ticker, exchange, currency and fiscal_year_end_month", file.folder)),
                    );
                }
                continue;
            };
            let parsed = parse_document(&file.path, text, &file.stem, company, vocabulary);
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
            crate::stable_sort_by(&mut data.facts, |a, b| {
                (a.period, &a.metric, &a.location).cmp(&(b.period, &b.metric, &b.location))
            });
            diagnostics.extend(duplicate_facts(data));
            diagnostics.extend(duplicate_documents(data));
        }
        diagnostics.extend(dataset.conflicts().iter().map(Conflict::to_diagnostic));
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        // A taxonomy shared by several companies reports its problems once.
        diagnostics.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.to_string() == b.to_string());
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
                    "\"{}\" ({})",
                    f.value_text,
                    f.speaker
                        .as_ref()
                        .map_or("unattributed".to_string(), |s| format!(
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
                "{}:{}: {} said \"{}\" ({}): \"{}\"",
                f.location.file,
                f.location.line,
                f.speaker_name(),
                f.value_text,
                f.source,
                f.evidence
            ));
        }
        match preferred.as_slice() {
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
fn duplicate_facts(data: &CompanyData) -> Vec<Diagnostic> {
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

/// The file stem of a company's description.
const COMPANY: &str = "company";
/// The file stem of a company's own taxonomy extension.
const TAXONOMY: &str = "taxonomy";
/// The data-folder subfolder of shared taxonomies.
const TAXONOMIES: &str = "taxonomies";

/// The built-in taxonomies plus those of the data folder's `taxonomies/`.
fn shared_taxonomies(
    texts: &[(&DataFile, &str)],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, TaxonomyFile> {
    let mut available: BTreeMap<String, TaxonomyFile> = builtin_taxonomies()
        .into_iter()
        .map(|t| (t.id.clone(), t))
        .collect();
    for (file, text) in texts.iter().filter(|(f, _)| f.folder == TAXONOMIES) {
        let (taxonomy, found) = parse_taxonomy(&file.path, text, Some(&file.stem));
        diagnostics.extend(found);
        let Some(taxonomy) = taxonomy else { continue };
        if let Some(existing) = available.get(&taxonomy.id) {
            diagnostics.push(
                taxonomy
                    .error(
                        K::DuplicateDefinition,
                        format!("taxonomy \"{}\" is defined twice", taxonomy.id),
                        taxonomy.id_span.clone(),
                    )
                    .with_note(format!("also defined in {}", existing.path()))
                    .with_hint(
                        "give the data folder's taxonomy another id and extend the built-in one",
                    ),
            );
            continue;
        }
        available.insert(taxonomy.id.clone(), taxonomy);
    }
    available
}

/// Resolves and builds one company's vocabulary: the taxonomies its
/// company.toml names plus its own extension.
fn company_vocabulary(
    company: &Company,
    (path, text): (&str, &str),
    available: &BTreeMap<String, TaxonomyFile>,
    extension: Option<TaxonomyFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vocabulary {
    let mut requested = company.taxonomies.clone();
    let mut with_extension;
    let mut pool = available;
    if let Some(ext) = extension {
        if let Some(existing) = available.get(&ext.id) {
            diagnostics.push(
                ext.error(
                    K::DuplicateDefinition,
                    format!("taxonomy \"{}\" is defined twice", ext.id),
                    ext.id_span.clone(),
                )
                .with_note(format!("also defined in {}", existing.path()))
                .with_hint(format!(
                    "name the company's extension after the company: id = \"{}\"",
                    company.id
                )),
            );
        } else {
            requested.push(ext.id.clone());
            with_extension = available.clone();
            with_extension.insert(ext.id.clone(), ext);
            pool = &with_extension;
        }
    }
    match resolve_chain(&requested, pool) {
        Ok(chain) => {
            let (vocabulary, found) = Vocabulary::build(&chain, company.currency);
            diagnostics.extend(found);
            vocabulary
        }
        Err(ChainError::Unknown {
            id,
            named_by: Some(parent),
        }) if pool.contains_key(&parent) => {
            if let Some(file) = pool.get(&parent) {
                let at = file
                    .extends
                    .iter()
                    .position(|e| *e == id)
                    .and_then(|i| file.extends_spans.get(i).cloned())
                    .unwrap_or(file.id_span.clone());
                diagnostics.push(
                    file.error(
                        K::UnknownTaxonomy,
                        format!("unknown taxonomy \"{id}\" in extends"),
                        at,
                    )
                    .with_hint(format!(
                        "the taxonomies are: {}",
                        pool.keys().cloned().collect::<Vec<_>>().join(", ")
                    )),
                );
            }
            Vocabulary::default()
        }
        Err(e) => {
            let source = crate::diagnostic::SourceText::new(path, text);
            let (message, needle, hint) = match &e {
                ChainError::Unknown { id, named_by } => (
                    match named_by {
                        Some(t) => format!("unknown taxonomy \"{id}\", extended by \"{t}\""),
                        None => format!("unknown taxonomy \"{id}\""),
                    },
                    format!("\"{id}\""),
                    format!(
                        "the taxonomies are: {}; a data folder may add taxonomies/{id}.toml",
                        pool.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                ),
                ChainError::Cycle(ids) => (
                    format!(
                        "taxonomies extend each other in a cycle: {}",
                        ids.join(" -> ")
                    ),
                    "taxonomies".to_string(),
                    "remove one of the extends".to_string(),
                ),
            };
            let start = text.find("taxonomies").unwrap_or(0);
            let at = text[start..]
                .find(&needle)
                .map_or(start..start, |i| start + i..start + i + needle.len());
            diagnostics.push(
                Diagnostic::error(K::UnknownTaxonomy, message)
                    .at(&source, at)
                    .with_hint(hint),
            );
            Vocabulary::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
