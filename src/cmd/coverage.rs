//! `qbrief coverage DOC`: every number of a document is either the evidence
//! of a recorded fact or deliberately ignored, with a reason.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use qbrief_model::{Dataset, UnitTable};

use crate::cli::CheckFormat;
use qbrief::loader;

pub fn run(document: &Path, data: &Path, format: CheckFormat) -> Result<ExitCode> {
    let bytes = std::fs::read(document)
        .with_context(|| format!("cannot read document {}", document.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let file_name = document
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (dataset, _) = loader::load(data)?;
    let (evidence, units, recorded_in) = accounted(&dataset, &file_name);
    let phrases: Vec<&str> = evidence.iter().map(String::as_str).collect();
    let found = qbrief_draft::coverage(&text, &units, &phrases);
    let mut out = std::io::stdout().lock();
    match format {
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &found.unaccounted)?;
            writeln!(out)?;
        }
        CheckFormat::Text => {
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
                "{} of {} number-bearing phrases unaccounted for{}",
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
    Ok(if found.unaccounted.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The evidence of every fact (drafts aside) and `[[ignore]]` entry recorded
/// from the document named `file_name`, the units of the companies that
/// record it, and the data files that do.
fn accounted(dataset: &Dataset, file_name: &str) -> (Vec<String>, UnitTable, Vec<String>) {
    let mut evidence = Vec::new();
    let mut units = UnitTable::default();
    let mut recorded_in = Vec::new();
    for data in dataset.companies.values() {
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
