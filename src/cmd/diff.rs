//! `qbrief diff BASE`: what changes from a base (a data folder, or a git
//! revision of the repository holding `--data`) to `--data`, printed to
//! stdout. Exit codes as diff(1): 0 no change, 1 changes, 2 trouble.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use qbrief::diff::{compare, json, markdown};
use qbrief::{loader, revision};
use qbrief_model::{Dataset, Diagnostic};

use crate::cli::DiffFormat;

pub struct Args<'a> {
    pub base: &'a str,
    pub data: &'a Path,
    pub company: Option<&'a str>,
    pub format: DiffFormat,
}

pub fn run(args: &Args<'_>) -> Result<ExitCode> {
    // An existing folder is a folder; anything else is a revision.
    let base_dir = Path::new(args.base);
    let (base, base_findings) = if base_dir.is_dir() {
        loader::load(base_dir)?
    } else {
        let files = revision::files_at(args.data, args.base)
            .with_context(|| format!("cannot read the base {:?}", args.base))?;
        Dataset::load(&files)
    };
    let (head, head_findings) = loader::load(args.data)?;
    for (side, findings) in [
        (args.base, &base_findings),
        (&*args.data.to_string_lossy(), &head_findings),
    ] {
        let errors: Vec<&Diagnostic> = findings.iter().filter(|d| d.is_error()).collect();
        if !errors.is_empty() {
            let mut err = std::io::stderr().lock();
            for d in errors.iter().take(5) {
                writeln!(err, "{d}")?;
            }
            bail!(
                "{side} has {} data error(s) (`qbrief check` lists them): its numbers cannot be compared{}",
                errors.len(),
                if side == args.base {
                    " (both sides use this binary's built-in taxonomies, which an older base may not fit)"
                } else {
                    ""
                }
            );
        }
    }
    if let Some(id) = args.company {
        let known = |d: &Dataset| d.companies.keys().any(|c| c.as_str() == id);
        if !known(&base) && !known(&head) {
            bail!("no company \"{id}\" on either side");
        }
    }
    let report = compare(
        &base,
        &head,
        args.company,
        args.base,
        &args.data.display().to_string(),
    );
    let text = match args.format {
        DiffFormat::Md => markdown(&report),
        DiffFormat::Json => json(&report)?,
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(if report.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
