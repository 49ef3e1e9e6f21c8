//! `qbrief render`: writes the briefs, the company pages and the universe
//! index to `reports/`, or with `--check` tells whether they are up to date.
//! A company whose inputs and pages the render cache vouches for is
//! neither loaded nor rendered (`render_cached.rs`).

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use qbrief::render_cache::Options;
use qbrief_model::{CompanyData, Diagnostic, Period};
use qbrief_report::{check_markdown, IndexEntry, Renderer};

use super::render_cached::{self, Cached};
use super::render_pages::{compare, extension, extra_files};
use super::workers;
use crate::cli::{RenderArgs, RenderFormat};
use crate::output::write_if_changed;
use qbrief::loader;

/// The command that brings `reports/` up to date, for messages.
const FIX: &str = "qbrief render";

/// What every company's render shares.
struct Run<'a> {
    shared: &'a [qbrief_model::DataFile],
    renderer: Renderer,
    args: &'a RenderArgs,
    options: Options,
    cache: Option<Cached>,
    /// Whether every page's structure is checked (`--strict`, or override
    /// templates); the universe index always is.
    check_pages: bool,
}

pub fn run(args: &RenderArgs, quiet: bool) -> Result<ExitCode> {
    let layout = loader::layout(&args.data)?;
    if layout.diagnostics.iter().any(Diagnostic::is_error) {
        super::check::print(&layout.diagnostics, crate::cli::CheckFormat::Text)?;
        bail!("the data has errors; fix them (see `qbrief check`) before rendering");
    }
    let templates = read_templates(args.templates.as_deref())?;
    let renderer = match args.templates {
        Some(_) => Renderer::with_overrides(&templates)?,
        None => Renderer::new(),
    };
    let options = Options {
        format: extension(args.format).to_string(),
        period: args.period.clone(),
        strict: args.strict,
        templates,
    };
    let run = Run {
        shared: &layout.shared,
        renderer,
        args,
        options,
        cache: if args.no_cache {
            None
        } else {
            Cached::open(&args.out)
        },
        check_pages: args.strict || args.templates.is_some(),
    };
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
        render_folder(&run, folder)
    })?;
    let mut total = Outcome::default();
    for outcome in outcomes {
        let outcome = outcome?;
        total.errors.extend(outcome.errors);
        total.lines.extend(outcome.lines);
        total.problems.extend(outcome.problems);
        total.entries.extend(outcome.entries);
        total.rendered += outcome.rendered;
        total.unchanged += outcome.unchanged;
    }
    let Outcome {
        mut errors,
        mut lines,
        mut problems,
        entries,
        rendered,
        unchanged,
    } = total;
    if unchanged > 0 {
        // A skipped company was not loaded, so the problems of the data
        // folder's taxonomies that every company's load reports are found
        // here instead.
        errors.extend(render_cached::shared_errors(&layout.shared));
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
        let (path, text) = index_page(&run.renderer, args, &entries)?;
        if args.check {
            problems.extend(compare(&BTreeMap::from([(path, text)]), &[]));
        } else if write_if_changed(&path, text.as_bytes())? {
            lines.push(format!("wrote {}", path.display()));
        }
    }
    let code = if args.check {
        check(&problems)?
    } else {
        if !quiet {
            let mut out = std::io::stdout().lock();
            for line in &lines {
                writeln!(out, "{line}")?;
            }
        }
        ExitCode::SUCCESS
    };
    if !quiet {
        let noun = if rendered == 1 {
            "company"
        } else {
            "companies"
        };
        eprintln!("rendered {rendered} {noun}, {unchanged} unchanged");
    }
    Ok(code)
}

/// What rendering one company did: lines to print, `--check` problems, its
/// part of the universe index, or the data errors that stopped it; and
/// whether it was rendered or found unchanged.
#[derive(Default)]
struct Outcome {
    lines: Vec<String>,
    problems: Vec<String>,
    entries: Vec<IndexEntry>,
    errors: Vec<Diagnostic>,
    rendered: usize,
    unchanged: usize,
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

fn render_folder(run: &Run<'_>, folder: &Path) -> Result<Outcome> {
    let (files, read_found) = loader::read_company(folder)?;
    let key = run
        .cache
        .as_ref()
        .filter(|_| !read_found.iter().any(Diagnostic::is_error))
        .map(|cache| cache.key(folder, &files, &run.options));
    if let (Some(cache), Some(key)) = (&run.cache, &key) {
        if let Some(reused) = cache.reuse(run.shared, run.args, key) {
            return Ok(Outcome {
                problems: reused.problems,
                entries: vec![reused.index],
                unchanged: 1,
                ..Outcome::default()
            });
        }
    }
    let (dataset, diagnostics) = loader::load_files(run.shared, files, read_found);
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
    let args = run.args;
    let mut outcome = Outcome::default();
    let alone = dataset.companies.len() == 1;
    for data in dataset.companies.values() {
        let dir = args.out.join(data.company.id.as_str());
        let mut expected = BTreeMap::new();
        let entry = render_company(data, run, &dir, &mut expected)?;
        outcome.rendered += 1;
        if let (Some(cache), Some(key), true) = (&run.cache, &key, alone) {
            cache.store(run.shared, key, data, &expected, &entry);
        }
        outcome.entries.push(entry);
        let extra = extra_files(
            &dir,
            |p| expected.contains_key(p),
            extension(args.format),
            args.period.is_none(),
        );
        if args.check {
            outcome.problems.extend(compare(&expected, &extra));
            continue;
        }
        for (path, text) in &expected {
            if write_if_changed(path, text.as_bytes())? {
                outcome.lines.push(format!("wrote {}", path.display()));
            }
        }
        for path in &extra {
            fs::remove_file(path)
                .with_context(|| format!("cannot remove stale {}", path.display()))?;
            outcome.lines.push(format!("removed {}", path.display()));
        }
    }
    Ok(outcome)
}

fn render_company(
    data: &CompanyData,
    run: &Run<'_>,
    dir: &Path,
    expected: &mut BTreeMap<PathBuf, String>,
) -> Result<IndexEntry> {
    let (args, renderer) = (run.args, &run.renderer);
    let analysis = qbrief_calc::analyze_with(data, qbrief_calc::Scope::Pages);
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
        if run.check_pages {
            verify_structure(&format!("{}/{period}.md", data.company.id), &markdown)?;
        }
        let title = format!("{} {period}", data.company.name);
        let text = finish(renderer, args.format, &title, markdown)?;
        expected.insert(dir.join(format!("{period}.{ext}")), text);
    }
    if args.period.is_none() {
        let markdown = renderer.company_page(&analysis, &quarters, ext)?;
        if run.check_pages {
            verify_structure(&format!("{}/README.md", data.company.id), &markdown)?;
        }
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
/// override template: refuse to write it. Pages of the embedded templates
/// are checked only with `--strict` (and in tests and CI): their escaping
/// is total, which property tests and the fuzzer hold them to.
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

/// The override templates of `--templates`, `(file name, text)` by name.
fn read_templates(dir: Option<&Path>) -> Result<Vec<(String, String)>> {
    let Some(dir) = dir else {
        return Ok(Vec::new());
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
    Ok(overrides)
}

fn join(periods: &[Period]) -> String {
    periods
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
