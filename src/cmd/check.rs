//! `qbrief check`: every problem of the data, located; quiet on success.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use qbrief_model::{Diagnostic, Severity};

use super::workers;
use crate::cli::CheckFormat;
use qbrief::loader;

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
                let analysis = qbrief_calc::analyze_with(data, qbrief_calc::Scope::Reconciliation);
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
    if layout.companies.is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                qbrief_model::DiagnosticKind::UnknownCompany,
                format!("no company folder in {}", args.data.display()),
            )
            .at_location(qbrief_model::Location::new(args.data.display().to_string(), 1, 1))
            .with_hint("a company is a folder DATA_DIR/<id>/ with a company.toml; `qbrief init <id>` creates one"),
        );
    }
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
            let color = use_color();
            for d in diagnostics {
                writeln!(err, "{}", paint(&d.to_string(), color))?;
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

static COLOR: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Sets whether findings are coloured (`--color`).
pub fn set_color(choice: crate::cli::ColorChoice) {
    let code = match choice {
        crate::cli::ColorChoice::Auto => 0,
        crate::cli::ColorChoice::Always => 1,
        crate::cli::ColorChoice::Never => 2,
    };
    COLOR.store(code, std::sync::atomic::Ordering::Relaxed);
}

/// Colour for `auto` means a terminal on stderr and no `NO_COLOR`.
fn use_color() -> bool {
    use std::io::IsTerminal;
    match COLOR.load(std::sync::atomic::Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}

/// Colours the severity word of a finding's first line.
fn paint(text: &str, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    for (word, code) in [
        (": error:", "1;31"),
        (": warning:", "1;33"),
        (": info:", "1;36"),
    ] {
        if let Some(at) = text.find(word) {
            let (head, rest) = text.split_at(at + 2);
            let name = &word[2..word.len() - 1];
            return format!("{head}\x1b[{code}m{name}\x1b[0m{}", &rest[name.len()..]);
        }
    }
    text.to_string()
}
