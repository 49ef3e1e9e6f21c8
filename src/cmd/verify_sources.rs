//! `qbrief verify-sources DIR`: proves every fact's evidence against the
//! source document it names, and optionally reports coverage.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use qbrief_model::{check_evidence, normalize_text, Diagnostic, DiagnosticKind};

use crate::cli::CheckFormat;
use qbrief::loader;

pub fn run(sources: &Path, data: &Path, coverage: bool) -> Result<ExitCode> {
    if !sources.is_dir() {
        anyhow::bail!(
            "sources folder {} does not exist or is not a folder",
            sources.display()
        );
    }
    let (dataset, found) = loader::load(data)?;
    let mut diagnostics: Vec<Diagnostic> = found.into_iter().filter(Diagnostic::is_error).collect();
    let mut texts: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut filings: BTreeMap<String, qbrief_filings::CompanyFacts> = BTreeMap::new();
    for data in dataset.companies.values() {
        for document in &data.documents {
            let path =
                qbrief::sources::document_path(sources, data.company.id.as_str(), &document.file);
            let bytes = fs::read(&path).ok();
            if let Some(bytes) = bytes.as_ref().filter(|_| is_companyfacts(document)) {
                // A filing's facts are proved against the XBRL entries
                // they name, not against text.
                match qbrief_filings::parse_companyfacts(&path.display().to_string(), bytes) {
                    Ok(facts) => {
                        filings.insert(format!("{}/{}", data.company.id, document.id), facts);
                    }
                    Err(e) => diagnostics.push(
                        Diagnostic::error(DiagnosticKind::Source, format!("{e}")).at_location(
                            qbrief_model::Location::new(document.data_file.clone(), 1, 1),
                        ),
                    ),
                }
                continue;
            }
            let text = bytes.map(|b| normalize_text(&String::from_utf8_lossy(&b)));
            if text.is_none() {
                diagnostics.push(
                    Diagnostic::error(DiagnosticKind::Source, format!("source document {} not found", path.display()))
                        .at_location(qbrief_model::Location::new(document.data_file.clone(), 1, 1))
                        .with_hint(format!(
                            "put the document at {}, or check `file = \"{}\"` in [document] and the folder passed to verify-sources",
                            sources.join(data.company.id.as_str()).join(&document.file).display(),
                            document.file
                        )),
                );
            }
            if let Some(text) = &text {
                for ignored in &document.ignored {
                    if !text.contains(&normalize_text(&ignored.evidence)) {
                        diagnostics.push(
                            Diagnostic::error(
                                DiagnosticKind::Source,
                                "ignored phrase does not occur in the document",
                            )
                            .at_location(ignored.location.clone())
                            .with_note(format!("evidence: \"{}\"", ignored.evidence))
                            .with_hint("copy the phrase verbatim from the document"),
                        );
                    }
                }
            }
            texts.insert(format!("{}/{}", data.company.id, document.id), text);
        }
        for fact in &data.facts {
            if let Some(facts) = filings.get(&format!("{}/{}", fact.company, fact.source)) {
                if let Err(problem) = qbrief_filings::verify_evidence(facts, fact) {
                    diagnostics.push(
                        Diagnostic::error(
                            DiagnosticKind::Source,
                            format!("{} {}: {problem}", fact.metric, fact.period),
                        )
                        .about(
                            Some(fact.company.as_str()),
                            Some(fact.period),
                            Some(fact.metric.id()),
                        )
                        .at_location(fact.location.clone())
                        .with_hint("import the filing again with `qbrief import-xbrl`"),
                    );
                }
                continue;
            }
            let Some(Some(text)) = texts.get(&format!("{}/{}", fact.company, fact.source)) else {
                continue;
            };
            for problem in check_evidence(fact, text) {
                let hint = match problem {
                    qbrief_model::EvidenceProblem::NotInDocument => "copy the phrase verbatim from the document",
                    _ => "quote the words that state the figure, or record a reinterpretation with as_written and a note",
                };
                diagnostics.push(
                    Diagnostic::error(
                        DiagnosticKind::Source,
                        format!("{} {}: {problem}", fact.metric, fact.period),
                    )
                    .about(
                        Some(fact.company.as_str()),
                        Some(fact.period),
                        Some(fact.metric.id()),
                    )
                    .at_location(fact.location.clone())
                    .with_note(format!("evidence: \"{}\"", fact.evidence))
                    .with_note(format!("value: \"{}\"", fact.value_text))
                    .with_hint(hint),
                );
            }
        }
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    super::check::print(&diagnostics, CheckFormat::Text)?;
    if coverage {
        print_coverage(&dataset)?;
    }
    Ok(if diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_coverage(dataset: &qbrief_model::Dataset) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for data in dataset.companies.values() {
        let mut by_document: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_period: BTreeMap<qbrief_model::Period, usize> = BTreeMap::new();
        for fact in &data.facts {
            *by_document.entry(fact.source.as_str()).or_default() += 1;
            *by_period.entry(fact.period).or_default() += 1;
        }
        writeln!(
            out,
            "{}: {} facts from {} documents",
            data.company.id,
            data.facts.len(),
            data.documents.len()
        )?;
        writeln!(out, "\n  {:<28} {:>6}", "document", "facts")?;
        for document in &data.documents {
            writeln!(
                out,
                "  {:<28} {:>6}",
                document.id,
                by_document.get(document.id.as_str()).copied().unwrap_or(0)
            )?;
        }
        writeln!(out, "\n  {:<28} {:>6}", "period", "facts")?;
        for (period, count) in by_period {
            writeln!(out, "  {:<28} {:>6}", period.to_string(), count)?;
        }
    }
    Ok(())
}

/// Whether a document's facts come from an XBRL companyfacts file.
pub(crate) fn is_companyfacts(document: &qbrief_model::Document) -> bool {
    document.kind == qbrief_model::DocumentKind::Filing
        && document.file.to_ascii_lowercase().ends_with(".json")
}
