//! `qbrief import-xbrl FILE --company ID`: a filer's SEC companyfacts JSON
//! as filing documents of the company's data folder, one per accession,
//! with a copy of the JSON under `sources/<company>/` where
//! `verify-sources` proves every imported fact.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::output::write_if_changed;
use anyhow::{anyhow, bail, Context, Result};
use qbrief::loader;
use qbrief_filings::{data_file_text, import, parse_companyfacts};
use qbrief_model::DocumentKind;

pub struct Args<'a> {
    pub file: &'a Path,
    pub company: &'a str,
    pub data: &'a Path,
    pub sources: &'a Path,
}

pub fn run(args: &Args<'_>) -> Result<ExitCode> {
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| anyhow!("{} is not a file", args.file.display()))?;
    let bytes =
        fs::read(args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let (dataset, _) = loader::load(args.data)?;
    let data = dataset
        .companies
        .values()
        .find(|d| d.company.id.as_str() == args.company)
        .ok_or_else(|| {
            let known: Vec<&str> = dataset.companies.keys().map(|c| c.as_str()).collect();
            anyhow!(
                "no company \"{}\" in {} (companies: {}); create it with `qbrief init {}`",
                args.company,
                args.data.display(),
                known.join(", "),
                args.company
            )
        })?;
    let facts =
        parse_companyfacts(&args.file.display().to_string(), &bytes).map_err(|e| anyhow!("{e}"))?;
    let company = &data.company;
    let imported = match import(
        &facts,
        &data.vocabulary,
        company.currency,
        company.fiscal_year_end_month,
    ) {
        Ok(i) => i,
        Err(errors) => {
            let mut err = std::io::stderr().lock();
            for e in &errors {
                writeln!(err, "error: {e}")?;
            }
            writeln!(err, "{} errors; nothing was imported", errors.len())?;
            return Ok(ExitCode::from(2));
        }
    };
    let folder = args.data.join(company.id.as_str());
    // Keep the JSON where verify-sources and coverage read it.
    let kept = args.sources.join(company.id.as_str()).join(&name);
    write_if_changed(&kept, &bytes)?;
    let mut written = BTreeSet::new();
    let mut changed = 0;
    for filing in &imported.filings {
        let path = folder.join(format!("{}.toml", filing.id));
        if write_if_changed(
            &path,
            data_file_text(filing, &company.name, &name).as_bytes(),
        )? {
            changed += 1;
        }
        written.insert(filing.id.clone());
    }
    // Filing documents an earlier import of this file wrote and this one no
    // longer does (their ids changed) would state stale figures.
    let mut removed = 0;
    for document in &data.documents {
        if document.kind == DocumentKind::Filing
            && document.file == name
            && !written.contains(&document.id)
        {
            let path = folder.join(format!("{}.toml", document.id));
            if fs::read_to_string(&path)
                .is_ok_and(|t| t.starts_with("# Written by `qbrief import-xbrl`"))
            {
                fs::remove_file(&path)
                    .with_context(|| format!("cannot remove {}", path.display()))?;
                removed += 1;
            }
        }
    }
    let facts_count: usize = imported.filings.iter().map(|f| f.facts.len()).sum();
    let restated = imported
        .filings
        .iter()
        .flat_map(|f| &f.facts)
        .filter(|f| f.note.is_some())
        .count();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: {facts_count} facts from {} filings ({changed} files written, {removed} removed); {} repeated values left out; {restated} restatements",
        company.id,
        imported.filings.len(),
        imported.repeats
    )?;
    writeln!(out, "source kept at {}", kept.display())?;
    if !imported.unmapped.is_empty() {
        writeln!(
            out,
            "not imported: no metric lists these concepts in its xbrl list:"
        )?;
        for u in &imported.unmapped {
            writeln!(out, "  {} ({} entries)", u.concept, u.entries)?;
        }
    }
    if imported.filings.is_empty() && imported.unmapped.is_empty() {
        bail!("{} holds no facts", args.file.display());
    }
    Ok(ExitCode::SUCCESS)
}
