//! A loaded dataset: companies, their documents and facts, and the checks
//! that span files (duplicate facts, documents, conflicting statements).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::company::{Company, CompanyId};
use crate::company_data::CompanyData;
use crate::conflict::{duplicate_documents, duplicate_facts, Conflict};
use crate::diagnostic::{Diagnostic, DiagnosticKind as K};
use crate::fact::Fact;
use crate::parse::{parse_company, parse_document};
use crate::parse::{parse_taxonomy, TaxonomyFile};
use crate::taxonomy::{builtin_taxonomies, resolve_chain, ChainError, Vocabulary};

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

/// All companies of a data folder.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Companies by id.
    pub companies: BTreeMap<CompanyId, CompanyData>,
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
        // Parsed first, then moved once into lists of the right size.
        let mut parsed_documents = Vec::new();
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
            parsed_documents.push((&company.id, parsed));
        }
        let mut fact_counts: BTreeMap<&CompanyId, usize> = BTreeMap::new();
        for (id, parsed) in &parsed_documents {
            *fact_counts.entry(*id).or_default() += parsed.facts.len();
        }
        for (id, count) in fact_counts {
            if let Some(data) = dataset.companies.get_mut(id) {
                data.facts.reserve_exact(count);
            }
        }
        for (id, parsed) in parsed_documents {
            diagnostics.extend(parsed.diagnostics);
            let Some(data) = dataset.companies.get_mut(id) else {
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
