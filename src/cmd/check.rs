//! `qbrief check`: every problem of the data, located; quiet on success.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use qbrief_model::{Diagnostic, Severity};

use super::workers;
use crate::cli::CheckFormat;
use crate::loader;

pub struct Args<'a> {
    pub data: &'a Path,
    pub format: CheckFormat,
    pub verbose: bool,
    pub jobs: Option<usize>,
    pub quiet: bool,
}

pub fn run(args: &Args<'_>) -> Result<ExitCode> {
    let (format, verbose) = (args.format, args.verbose);
    let layout = loader::layout(args.data)?;
    // One company at a time per thread: its findings, and the mismatches of
    // its analysis when its data has no error.
    let found = workers::each_company(&layout.companies, args.jobs, args.quiet, |folder| {
        let (dataset, mut diagnostics) = loader::load_company(&layout.shared, folder)?;
        if !diagnostics.iter().any(Diagnostic::is_error) {
            for data in dataset.companies.values() {
                let analysis = qbrief_calc::analyze(data);
                diagnostics.extend(
                    analysis
                        .reconciliations
                        .iter()
                        .filter_map(|r| r.to_diagnostic()),
                );
            }
        }
        Ok::<_, anyhow::Error>(diagnostics)
    })?;
    let mut diagnostics = layout.diagnostics;
    for company in found {
        diagnostics.extend(company?);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // A shared taxonomy's problems are found with every company that uses it.
    diagnostics.dedup_by(|a, b| a.to_string() == b.to_string());
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| verbose || format == CheckFormat::Json || d.severity != Severity::Info)
        .cloned()
        .collect();
    print(&shown, format)?;
    Ok(if diagnostics.iter().any(Diagnostic::is_error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints findings: text to stderr with a count line, or a JSON array to stdout.
pub fn print(diagnostics: &[Diagnostic], format: CheckFormat) -> Result<()> {
    match format {
        CheckFormat::Json => {
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, diagnostics)?;
            writeln!(out)?;
        }
        CheckFormat::Text => {
            if diagnostics.is_empty() {
                return Ok(());
            }
            let mut err = std::io::stderr().lock();
            for d in diagnostics {
                writeln!(err, "{d}")?;
            }
            let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
            let mut summary = format!(
                "{}, {}",
                plural(count(Severity::Error), "error"),
                plural(count(Severity::Warning), "warning")
            );
            if count(Severity::Info) > 0 {
                summary += &format!(", {}", plural(count(Severity::Info), "reviewed finding"));
            }
            writeln!(err, "{summary}")?;
        }
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
