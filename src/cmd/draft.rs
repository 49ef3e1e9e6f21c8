//! `qbrief draft DOC`: a data file of draft facts (or JSON candidates) for
//! every figure of a transcript, for a person to review.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use qbrief_draft::{Candidate, DocumentHeader};
use qbrief_model::Period;
use serde::Serialize;

use crate::cli::DraftFormat;
use crate::output::write_if_changed;
use qbrief::loader;

pub struct Args<'a> {
    pub document: &'a Path,
    pub company: &'a str,
    pub period: &'a str,
    pub data: &'a Path,
    pub format: DraftFormat,
    pub out: Option<&'a Path>,
    pub all: bool,
}

pub fn run(args: &Args<'_>) -> Result<ExitCode> {
    let period: Period = args
        .period
        .parse()
        .map_err(|e| anyhow::anyhow!("--period {}: {e}", args.period))?;
    let bytes = std::fs::read(args.document)
        .with_context(|| format!("cannot read document {}", args.document.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let file_name = args
        .document
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (dataset, diagnostics) = loader::load(args.data)?;
    let Some(data) = dataset
        .companies
        .values()
        .find(|c| c.company.id.as_str() == args.company)
    else {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        bail!(
            "no company \"{}\" in {}: it needs {}/{}/company.toml{}",
            args.company,
            args.data.display(),
            args.data.display(),
            args.company,
            if errors > 0 {
                " (and `qbrief check` reports errors)"
            } else {
                ""
            }
        );
    };
    let existing = data.documents.iter().find(|d| d.file == file_name);
    let recorded: Vec<&str> = match (existing, args.all) {
        (Some(doc), false) => data
            .facts
            .iter()
            .filter(|f| f.source == doc.id)
            .map(|f| f.evidence.as_str())
            .chain(doc.ignored.iter().map(|i| i.evidence.as_str()))
            .collect(),
        _ => Vec::new(),
    };
    // Proposals may come from the built-in taxonomy the call speaks in, if
    // the company has not chosen it; each says so, and the last line names it.
    let (drafted, suggestion) = qbrief_draft::draft_suggesting(
        &text,
        period,
        data.company.fiscal_year_end_month,
        &data.vocabulary,
        data.company.currency,
        &recorded,
    );
    let output = match args.format {
        DraftFormat::Json => {
            let records: Vec<JsonCandidate> =
                drafted.candidates.iter().map(JsonCandidate::from).collect();
            serde_json::to_string_pretty(&records)? + "\n"
        }
        DraftFormat::Toml => {
            let id = existing.map_or_else(|| document_id(period, args.out), |d| d.id.clone());
            let title = existing.map_or_else(
                || format!("{} {period} earnings call", data.company.name),
                |d| d.title.clone(),
            );
            qbrief_draft::data_file(
                &drafted,
                &DocumentHeader {
                    id: &id,
                    title: &title,
                    period,
                    file: &file_name,
                },
            )
        }
    };
    match args.out {
        Some(path) => {
            write_if_changed(path, output.as_bytes())?;
        }
        None => std::io::stdout().lock().write_all(output.as_bytes())?,
    }
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    eprintln!(
        "{} from {file_name}{}",
        count(drafted.candidates.len(), "draft fact", "draft facts"),
        if drafted.skipped > 0 {
            format!(
                "; {} already recorded skipped (--all proposes them too)",
                count(drafted.skipped, "figure", "figures")
            )
        } else {
            String::new()
        }
    );
    if let Some(suggestion) = suggestion {
        eprintln!("{}", suggestion.line());
    }
    Ok(ExitCode::SUCCESS)
}

/// The id of a new document: the output file's stem, else `2024-q3-call`.
fn document_id(period: Period, out: Option<&Path>) -> String {
    out.and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| format!("{}-call", period.to_string().to_lowercase()))
}

/// One candidate as JSON, in the export's canonical units (the README's
/// "JSON candidates" documents every field).
#[derive(Serialize)]
struct JsonCandidate {
    line: usize,
    column: usize,
    period: String,
    metric: String,
    value_text: String,
    value: String,
    low: Option<String>,
    high: Option<String>,
    unit: String,
    qualifier: &'static str,
    interval_low: Option<String>,
    interval_high: Option<String>,
    as_written: Option<String>,
    evidence: String,
    speaker: Option<String>,
    guidance: bool,
    dims: std::collections::BTreeMap<String, String>,
    subject: Option<String>,
    confidence: String,
    note: Option<String>,
}

impl From<&Candidate> for JsonCandidate {
    fn from(c: &Candidate) -> JsonCandidate {
        let interval = c.figure.interval();
        let number = |v: rust_decimal::Decimal| v.normalize().to_string();
        let range = c.figure.range();
        JsonCandidate {
            line: c.line,
            column: c.column,
            period: c.period.to_string(),
            metric: c.metric.clone().unwrap_or_else(|| "?".into()),
            value_text: c.value.clone(),
            value: number(c.figure.value()),
            low: range.map(|(low, _)| number(low)),
            high: range.map(|(_, high)| number(high)),
            unit: c.figure.unit().symbol().to_string(),
            qualifier: c.figure.qualifier().name(),
            interval_low: interval.low.map(number),
            interval_high: interval.high.map(number),
            as_written: c.as_written.clone(),
            evidence: c.evidence.clone(),
            speaker: c.speaker.clone(),
            guidance: c.guidance,
            dims: c.dims.clone(),
            subject: c.subject.clone(),
            confidence: c.confidence.to_string(),
            note: c.note.clone(),
        }
    }
}
