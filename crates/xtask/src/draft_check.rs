//! `xtask draft-check DIR`: drafts every transcript of an ECTSum-style
//! folder (`ects/<TICKER>_q<N>_<YEAR>.txt`) for a company of
//! `taxonomies = ["base"]`, loads the unedited draft the way `qbrief check`
//! does, and counts its errors by kind. An unedited draft must give
//! warnings only.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use qbrief_draft::DocumentHeader;
use qbrief_model::{DataFile, Dataset, Diagnostic, Period};
use rayon::prelude::*;

use crate::draft_eval::{call_period, transcripts};

/// The company every call is drafted for.
const COMPANY: &str = "id = \"drafted\"\nname = \"Drafted Inc.\"\nticker = \"DRF\"\nexchange = \"NYSE\"\ncurrency = \"USD\"\nfiscal_year_end_month = 12\ntaxonomies = [\"base\"]\n";

/// The errors of the unedited drafts of every call of `dir`: a summary
/// by kind (with a few examples each), and the number of errors.
pub fn run(dir: &Path) -> Result<(String, usize)> {
    let calls = transcripts(dir)?;
    let found: Vec<Result<(String, Vec<Diagnostic>)>> = calls
        .par_iter()
        .map(|path| {
            let period = call_period(path)
                .with_context(|| format!("{}: the name gives no quarter", path.display()))?;
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            Ok((name.to_string(), check_draft(&text, &name, period)))
        })
        .collect();
    let mut by_kind: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut errors = 0;
    for call in found {
        let (name, diagnostics) = call?;
        for d in diagnostics.iter().filter(|d| d.is_error()) {
            errors += 1;
            let kind = serde_kind(d);
            by_kind
                .entry(kind)
                .or_default()
                .push(format!("{name}: {}", d.message));
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} calls drafted, {errors} errors in the unedited drafts",
        calls.len()
    );
    for (kind, messages) in &by_kind {
        let _ = writeln!(out, "{kind}: {}", messages.len());
        for m in messages.iter().take(5) {
            let _ = writeln!(out, "    {m}");
        }
    }
    Ok((out, errors))
}

/// The findings of loading the unedited draft of `text` (the call `file`,
/// reporting `period`) for a company of `taxonomies = ["base"]`.
pub fn check_draft(text: &str, file: &str, period: Period) -> Vec<Diagnostic> {
    let company = data_file("company", COMPANY.to_string());
    let (dataset, mut diagnostics) = Dataset::load(std::slice::from_ref(&company));
    let Some(data) = dataset.companies.values().next() else {
        return diagnostics;
    };
    // As `qbrief draft` writes it: with the built-in taxonomy the call speaks in.
    let (drafted, _) = qbrief_draft::draft_suggesting(
        text,
        period,
        data.company.fiscal_year_end_month,
        &data.vocabulary,
        data.company.currency,
        &[],
    );
    let id = format!("{}-call", period.to_string().to_lowercase());
    let header = DocumentHeader {
        id: &id,
        title: "Drafted call",
        period,
        file,
    };
    let toml = qbrief_draft::data_file(&drafted, &header);
    let (_, found) = Dataset::load(&[company, data_file(&id, toml)]);
    diagnostics = found;
    diagnostics
}

fn data_file(stem: &str, text: String) -> DataFile {
    DataFile {
        path: format!("drafted/{stem}.toml"),
        folder: "drafted".into(),
        stem: stem.into(),
        bytes: text.into_bytes(),
    }
}

/// The kind's name as `check --format json` writes it.
fn serde_kind(d: &Diagnostic) -> String {
    format!("{:?}", d.kind)
}
