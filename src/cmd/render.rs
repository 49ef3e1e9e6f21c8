//! `qbrief render`: writes the briefs, the company pages and the universe
//! index to `reports/`, or with `--check` tells whether they are up to date.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use qbrief_model::{CompanyData, Diagnostic, Period};
use qbrief_report::{check_markdown, IndexEntry, Renderer};

use super::workers;
use crate::cli::{RenderArgs, RenderFormat};
use crate::output::write_if_changed;
use qbrief::loader;

/// The command that brings `reports/` up to date, for messages.
const FIX: &str = "qbrief render";

pub fn run(args: &RenderArgs, quiet: bool) -> Result<ExitCode> {
    let layout = loader::layout(&args.data)?;
    if layout.diagnostics.iter().any(Diagnostic::is_error) {
        super::check::print(&layout.diagnostics, crate::cli::CheckFormat::Text)?;
        bail!("the data has errors; fix them (see `qbrief check`) before rendering");
    }
    let renderer = renderer(args.templates.as_deref())?;
    let companies: Vec<PathBuf> = layout
        .companies
        .iter()
        .filter(|f| {
            args.company
                .as_deref()
                .is_none_or(|c| f.file_name().is_some_and(|n| n == c))
        })
        .cloned()
        .collect();
    if let Some(id) = &args.company {
        if companies.is_empty() {
            bail!("no company \"{id}\" in {}", args.data.display());
        }
    }
    // One company at a time per thread: load, analyze, render, write, and
    // keep only the lines to print.
    let outcomes = workers::each_company(&companies, args.jobs, quiet, |folder| {
        render_folder(&layout.shared, folder, &renderer, args)
    })?;
    let mut errors = Vec::new();
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    for outcome in outcomes {
        let outcome = outcome?;
        errors.extend(outcome.errors);
        lines.extend(outcome.lines);
        problems.extend(outcome.problems);
        entries.extend(outcome.entries);
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        errors.dedup_by(|a, b| a.to_string() == b.to_string());
        super::check::print(&errors, crate::cli::CheckFormat::Text)?;
        bail!("the data has errors; fix them (see `qbrief check`) before rendering");
    }
    // The index lists every company: a render of one company or one
    // quarter leaves it as it is.
    if args.company.is_none() && args.period.is_none() {
        let (path, text) = index_page(&renderer, args, &entries)?;
        if args.check {
            problems.extend(compare(&BTreeMap::from([(path, text)]), &[]));
        } else if write_if_changed(&path, text.as_bytes())? {
            lines.push(format!("wrote {}", path.display()));
        }
    }
    if args.check {
        return check(&problems);
    }
    if !quiet {
        let mut out = std::io::stdout().lock();
        for line in &lines {
            writeln!(out, "{line}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What rendering one company did: lines to print, `--check` problems, its
/// part of the universe index, or the data errors that stopped it.
#[derive(Default)]
struct Outcome {
    lines: Vec<String>,
    problems: Vec<String>,
    entries: Vec<IndexEntry>,
    errors: Vec<Diagnostic>,
}

/// The universe index, `README.md` (or `index.html`) at the top of the
/// output folder, and its text.
fn index_page(
    renderer: &Renderer,
    args: &RenderArgs,
    entries: &[IndexEntry],
) -> Result<(PathBuf, String)> {
    let markdown = renderer.index(entries, extension(args.format))?;
    verify_structure("README.md", &markdown)?;
    let (name, text) = match args.format {
        RenderFormat::Md => ("README.md", markdown),
        RenderFormat::Html => (
            "index.html",
            renderer.html_page("Universe index", &markdown)?,
        ),
    };
    Ok((args.out.join(name), text))
}

fn render_folder(
    shared: &[qbrief_model::DataFile],
    folder: &Path,
    renderer: &Renderer,
    args: &RenderArgs,
) -> Result<Outcome> {
    let (dataset, diagnostics) = loader::load_company(shared, folder)?;
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if !errors.is_empty() {
        return Ok(Outcome {
            errors,
            ..Outcome::default()
        });
    }
    let mut outcome = Outcome::default();
    for data in dataset.companies.values() {
        let dir = args.out.join(data.company.id.as_str());
        let mut expected = BTreeMap::new();
        let entry = render_company(data, renderer, args, &dir, &mut expected)?;
        outcome.entries.push(entry);
        let stale = stale_files(&dir, &expected, args);
        if args.check {
            outcome.problems.extend(compare(&expected, &stale));
            continue;
        }
        for (path, text) in &expected {
            if write_if_changed(path, text.as_bytes())? {
                outcome.lines.push(format!("wrote {}", path.display()));
            }
        }
        for path in &stale {
            fs::remove_file(path)
                .with_context(|| format!("cannot remove stale {}", path.display()))?;
            outcome.lines.push(format!("removed {}", path.display()));
        }
    }
    Ok(outcome)
}

/// Briefs (and only briefs, by name) of a company's folder that no period
/// with data produces any more.
fn stale_files(
    dir: &Path,
    expected: &BTreeMap<PathBuf, String>,
    args: &RenderArgs,
) -> Vec<PathBuf> {
    let mut stale = Vec::new();
    if args.period.is_some() {
        return stale;
    }
    let ext = extension(args.format);
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if is_generated_name(&path, ext) && !expected.contains_key(&path) {
                stale.push(path);
            }
        }
    }
    stale.sort();
    stale
}

fn render_company(
    data: &CompanyData,
    renderer: &Renderer,
    args: &RenderArgs,
    dir: &Path,
    expected: &mut BTreeMap<PathBuf, String>,
) -> Result<IndexEntry> {
    let analysis = qbrief_calc::analyze(data);
    let quarters: Vec<Period> = data
        .periods()
        .into_iter()
        .filter(Period::is_quarter)
        .collect();
    let ext = extension(args.format);
    if let Some(p) = &args.period {
        let period: Period = p.parse().map_err(|e| anyhow::anyhow!("--period: {e}"))?;
        if !quarters.contains(&period) {
            bail!(
                "{} has no data for {period}; quarters with data: {}",
                data.company.id,
                join(&quarters)
            );
        }
    }
    for period in &quarters {
        if args
            .period
            .as_deref()
            .is_some_and(|p| p != period.to_string())
        {
            continue;
        }
        let markdown = renderer.brief(&analysis, *period)?;
        verify_structure(&format!("{}/{period}.md", data.company.id), &markdown)?;
        let title = format!("{} {period}", data.company.name);
        let text = finish(renderer, args.format, &title, markdown)?;
        expected.insert(dir.join(format!("{period}.{ext}")), text);
    }
    if args.period.is_none() {
        let markdown = renderer.company_page(&analysis, &quarters, ext)?;
        verify_structure(&format!("{}/README.md", data.company.id), &markdown)?;
        let text = match args.format {
            RenderFormat::Md => markdown,
            RenderFormat::Html => {
                renderer.company_page_html(&analysis, &quarters, &data.company.name)?
            }
        };
        let name = match args.format {
            RenderFormat::Md => "README.md",
            RenderFormat::Html => "index.html",
        };
        expected.insert(dir.join(name), text);
    }
    Ok(qbrief_report::index_entry(&analysis, &quarters))
}

/// A page that fails the structural check is a bug of qbrief or of an
/// override template: refuse to write it.
fn verify_structure(name: &str, markdown: &str) -> Result<()> {
    let problems = check_markdown(markdown);
    if problems.is_empty() {
        Ok(())
    } else {
        bail!(
            "rendered {name} is malformed Markdown:\n  {}",
            problems.join("\n  ")
        )
    }
}

fn finish(
    renderer: &Renderer,
    format: RenderFormat,
    title: &str,
    markdown: String,
) -> Result<String> {
    Ok(match format {
        RenderFormat::Md => markdown,
        RenderFormat::Html => renderer.html_page(title, &markdown)?,
    })
}

/// What `--check` finds wrong with one company's pages.
fn compare(expected: &BTreeMap<PathBuf, String>, stale: &[PathBuf]) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, text) in expected {
        match fs::read(path) {
            Ok(old) if old == text.as_bytes() => {}
            Ok(_) => problems.push(format!("stale: {}", path.display())),
            Err(_) => problems.push(format!("missing: {}", path.display())),
        }
    }
    problems.extend(stale.iter().map(|p| format!("extra: {}", p.display())));
    problems
}

fn check(problems: &[String]) -> Result<ExitCode> {
    if problems.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let mut err = std::io::stderr().lock();
    for p in problems {
        writeln!(err, "{p}")?;
    }
    writeln!(
        err,
        "reports are out of date; run `{FIX}` and commit the result"
    )?;
    Ok(ExitCode::from(1))
}

fn renderer(dir: Option<&Path>) -> Result<Renderer> {
    let Some(dir) = dir else {
        return Ok(Renderer::new());
    };
    let mut overrides = Vec::new();
    let entries = fs::read_dir(dir)
        .with_context(|| format!("cannot read templates folder {}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = fs::read_to_string(&path)
            .with_context(|| format!("cannot read template {}", path.display()))?;
        overrides.push((name, text));
    }
    Ok(Renderer::with_overrides(&overrides)?)
}

fn extension(format: RenderFormat) -> &'static str {
    match format {
        RenderFormat::Md => "md",
        RenderFormat::Html => "html",
    }
}

/// Whether a file name is one qbrief writes for a quarter (`2024-Q3.md`).
fn is_generated_name(path: &Path, ext: &str) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(stem) = name.strip_suffix(&format!(".{ext}")) else {
        return false;
    };
    stem.parse::<Period>().is_ok_and(|p| p.is_quarter())
}

fn join(periods: &[Period]) -> String {
    periods
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
