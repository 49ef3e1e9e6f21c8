//! `qbrief coverage DOC`: every number of a document is either the evidence
//! of a recorded fact or deliberately ignored, with a reason.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use qbrief_model::{CompanyData, Dataset, UnitTable};

use crate::cli::CheckFormat;
use qbrief::loader;

pub fn run(
    documents: &[PathBuf],
    sources: &Path,
    data: &Path,
    format: CheckFormat,
) -> Result<ExitCode> {
    let documents = if documents.is_empty() {
        let found = qbrief::sources::documents(sources).with_context(|| {
            format!(
                "cannot read the sources folder {} (name documents, or pass --sources DIR)",
                sources.display()
            )
        })?;
        if found.is_empty() {
            bail!(
                "the sources folder {} holds no documents",
                sources.display()
            );
        }
        found
    } else {
        documents.to_vec()
    };
    let (dataset, _) = loader::load(data)?;
    let mut rows = Vec::new();
    let mut all_accounted = true;
    for document in &documents {
        let found = cover(document, &dataset, data, format, &mut rows)?;
        all_accounted &= found;
    }
    if format == CheckFormat::Json {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    }
    Ok(if all_accounted {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One unaccounted phrase of the JSON output: the document it is in, then
/// the phrase's own fields.
#[derive(serde::Serialize)]
struct Row {
    document: String,
    #[serde(flatten)]
    unaccounted: qbrief_draft::Unaccounted,
}

/// Covers one document: prints its unaccounted phrases (text) or keeps them
/// for the JSON array; whether every phrase is accounted for.
fn cover(
    document: &Path,
    dataset: &Dataset,
    data: &Path,
    format: CheckFormat,
    rows: &mut Vec<Row>,
) -> Result<bool> {
    let bytes = std::fs::read(document)
        .with_context(|| format!("cannot read document {}", document.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let file_name = document
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = document
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned());
    let found = match super::coverage_filings::owner(dataset, &file_name, folder.as_deref()) {
        Some(owner) => {
            let (phrases, unaccounted) = super::coverage_filings::unaccounted(
                &document.display().to_string(),
                &bytes,
                owner,
            )?;
            qbrief_draft::Coverage {
                phrases,
                unaccounted,
            }
        }
        None => {
            let (evidence, units, _) = accounted(dataset, &file_name, folder.as_deref());
            let phrases: Vec<&str> = evidence.iter().map(String::as_str).collect();
            qbrief_draft::coverage(&text, &units, &phrases)
        }
    };
    let recorded_in = accounted(dataset, &file_name, folder.as_deref()).2;
    match format {
        CheckFormat::Json => rows.extend(found.unaccounted.iter().map(|u| Row {
            document: document.display().to_string(),
            unaccounted: u.clone(),
        })),
        CheckFormat::Text => {
            let mut out = std::io::stdout().lock();
            for u in &found.unaccounted {
                writeln!(
                    out,
                    "{}:{}:{}: unaccounted {} \"{}\" in \"{}\"",
                    document.display(),
                    u.line,
                    u.column,
                    match u.kind {
                        qbrief_draft::MentionKind::Duration => "duration",
                        _ => "number",
                    },
                    u.phrase,
                    u.context
                )?;
            }
            let mut err = std::io::stderr().lock();
            if recorded_in.is_empty() {
                writeln!(
                    err,
                    "no data file records {file_name} (file = \"{file_name}\" in [document]); `qbrief draft` starts one"
                )?;
            }
            writeln!(
                err,
                "{}: {} of {} number-bearing phrases unaccounted for{}",
                document.display(),
                found.unaccounted.len(),
                found.phrases,
                if found.unaccounted.is_empty() {
                    String::new()
                } else {
                    "; record each as a fact, or add an [[ignore]] entry with its evidence and a reason".into()
                }
            )?;
        }
    }
    if found.phrases > 0 && recorded_in.is_empty() {
        bail!("no data file in {} records {file_name}", data.display());
    }
    Ok(found.unaccounted.is_empty())
}

/// The evidence of every fact (drafts aside) and `[[ignore]]` entry recorded
/// from the document named `file_name`, the units of the companies that
/// record it, and the data files that do. A document in a company's folder
/// of the sources (`sources/<company>/<file>`) is that company's, when the
/// company records it; elsewhere every company that records the file name
/// counts.
fn accounted(
    dataset: &Dataset,
    file_name: &str,
    folder: Option<&str>,
) -> (Vec<String>, UnitTable, Vec<String>) {
    let mut evidence = Vec::new();
    let mut units = UnitTable::default();
    let mut recorded_in = Vec::new();
    let records = |data: &&CompanyData| data.documents.iter().any(|d| d.file == file_name);
    let owner = dataset
        .companies
        .values()
        .filter(records)
        .find(|data| Some(data.company.id.as_str()) == folder);
    let companies: Vec<&CompanyData> = match owner {
        Some(data) => vec![data],
        None => dataset.companies.values().collect(),
    };
    for data in companies {
        for document in data.documents.iter().filter(|d| d.file == file_name) {
            recorded_in.push(document.data_file.clone());
            units = data.vocabulary.units.clone();
            evidence.extend(
                data.facts
                    .iter()
                    .filter(|f| f.source == document.id)
                    .map(|f| f.evidence.clone()),
            );
            evidence.extend(document.ignored.iter().map(|i| i.evidence.clone()));
        }
    }
    (evidence, units, recorded_in)
}
