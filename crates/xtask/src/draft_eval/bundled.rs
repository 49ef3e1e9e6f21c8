//! `xtask draft-eval --bundled`: the bundled calls drafted with their
//! company's own vocabulary and scored against the facts recorded by hand.
//! Recall: recorded facts that a candidate states with the same value,
//! unit, period and metric. Precision: candidates placed on a metric that
//! match a recorded fact of their document in the same way.
//! `QBRIEF_EVAL_WRONG=1` lists the placements that match no recorded fact
//! (with the fact of the same value, if any), `QBRIEF_EVAL_RIGHT=1` those
//! that match one, on stderr.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use qbrief_model::{DataFile, Dataset, Fact};

/// Scores every document of every company of `data` whose file is in `sources`.
pub fn bundled(data: &Path, sources: &Path) -> Result<String> {
    let mut out =
        String::from("document                           facts  recalled  placed  right\n");
    let (mut facts_total, mut recalled_total, mut placed_total, mut right_total) = (0, 0, 0, 0);
    let mut companies: Vec<_> = std::fs::read_dir(data)
        .with_context(|| format!("cannot read the data folder {}", data.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    companies.retain(|p| p.join("company.toml").is_file());
    companies.sort();
    let shared = files(&data.join("taxonomies"), "taxonomies", |_| true)?;
    for folder in companies {
        let name = folder
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut all = files(&folder, &name, |_| true)?;
        all.extend(shared.iter().cloned());
        let mut bare = files(&folder, &name, |stem| {
            stem == "company" || stem == "taxonomy"
        })?;
        bare.extend(shared.iter().cloned());
        let (full, _) = Dataset::load(&all);
        let (vocabulary_only, _) = Dataset::load(&bare);
        let (Some(data), Some(vocabulary)) = (
            full.companies.values().next(),
            vocabulary_only.companies.values().next(),
        ) else {
            continue;
        };
        // Filings are imported (`import-xbrl`), not drafted.
        for document in data
            .documents
            .iter()
            .filter(|d| d.kind != qbrief_model::DocumentKind::Filing)
        {
            let path = sources.join(&name).join(&document.file);
            let Ok(text) = std::fs::read_to_string(&path) else {
                let _ = writeln!(
                    out,
                    "{name}/{}: {} not found, skipped",
                    document.id,
                    path.display()
                );
                continue;
            };
            let (drafted, _) = qbrief_draft::draft_suggesting(
                &text,
                document.period,
                data.company.fiscal_year_end_month,
                &vocabulary.vocabulary,
                data.company.currency,
                &[],
            );
            let facts: Vec<&Fact> = data
                .facts
                .iter()
                .filter(|f| f.source == document.id)
                .collect();
            let recalled = facts
                .iter()
                .filter(|f| drafted.candidates.iter().any(|c| matches(c, f)))
                .count();
            let placed: Vec<_> = drafted
                .candidates
                .iter()
                .filter(|c| c.metric.is_some())
                .collect();
            let right = placed
                .iter()
                .filter(|c| facts.iter().any(|f| matches(c, f)))
                .count();
            let list = |right: bool| {
                for c in placed
                    .iter()
                    .filter(|c| facts.iter().any(|f| matches(c, f)) == right)
                {
                    let why = if right {
                        String::new()
                    } else {
                        facts
                            .iter()
                            .find(|f| f.figure.value() == c.figure.value())
                            .map_or(" -- no fact of that value".to_string(), |f| {
                                format!(" -- fact {} {}", f.metric, f.period)
                            })
                    };
                    eprintln!(
                        "{} {name}/{}:{} {} {} {} conf {} [{}]{why}",
                        if right { "RIGHT" } else { "WRONG" },
                        document.id,
                        c.line,
                        c.metric.as_deref().unwrap_or("?"),
                        c.period,
                        c.value,
                        c.confidence,
                        c.evidence
                    );
                }
            };
            if std::env::var_os("QBRIEF_EVAL_RIGHT").is_some() {
                list(true);
            }
            if std::env::var_os("QBRIEF_EVAL_WRONG").is_some() {
                list(false);
            }
            let _ = writeln!(
                out,
                "{:<34} {:>5} {:>9} {:>7} {:>6}",
                format!("{name}/{}", document.id),
                facts.len(),
                recalled,
                placed.len(),
                right
            );
            facts_total += facts.len();
            recalled_total += recalled;
            placed_total += placed.len();
            right_total += right;
        }
    }
    let _ = writeln!(
        out,
        "\ntotal: {facts_total} facts, recall {} ({recalled_total}); {placed_total} candidates placed on a metric, precision {} ({right_total})",
        super::percent(recalled_total, facts_total),
        super::percent(right_total, placed_total)
    );
    Ok(out)
}

/// Same value in the same unit, same period, same metric or stated change.
fn matches(candidate: &qbrief_draft::Candidate, fact: &Fact) -> bool {
    candidate.period == fact.period
        && candidate.figure.unit().dimension() == fact.figure.unit().dimension()
        && candidate.figure.value() == fact.figure.value()
        && candidate.metric.as_deref() == Some(fact.metric.to_string().as_str())
}

/// The `*.toml` files of a folder whose stem `keep` accepts, in name order.
fn files(folder: &Path, company: &str, keep: impl Fn(&str) -> bool) -> Result<Vec<DataFile>> {
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths: Vec<_> = std::fs::read_dir(folder)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if keep(&stem) {
            out.push(DataFile {
                path: path.display().to_string(),
                folder: company.to_string(),
                stem,
                bytes: std::fs::read(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?,
            });
        }
    }
    Ok(out)
}
