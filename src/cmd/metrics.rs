//! `qbrief metrics`: each company's vocabulary (or the built-in taxonomies')
//! as tables of metrics, derived formulas, the figures the universe index
//! compares, axes and units.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};
use qbrief_model::{Currency, Vocabulary};

use qbrief::loader;

pub fn run(data: &Path, company: Option<&str>) -> Result<ExitCode> {
    let mut vocabularies: Vec<(String, std::sync::Arc<Vocabulary>)> = Vec::new();
    if data.is_dir() {
        let (dataset, _) = loader::load(data)?;
        for (id, c) in &dataset.companies {
            if company.is_none_or(|wanted| wanted == id.as_str()) {
                vocabularies.push((id.to_string(), c.vocabulary.clone()));
            }
        }
    }
    if let Some(wanted) = company {
        if vocabularies.is_empty() {
            bail!(
                "no company \"{wanted}\" in {}: it needs {}/{wanted}/company.toml",
                data.display(),
                data.display()
            );
        }
    }
    if vocabularies.is_empty() {
        let builtin: Vec<&str> = qbrief_model::BUILTIN_TAXONOMIES
            .iter()
            .map(|(id, _)| *id)
            .collect();
        vocabularies.push((
            "built-in taxonomies".into(),
            std::sync::Arc::new(Vocabulary::builtin(&builtin, Currency::USD)),
        ));
    }
    let mut out = std::io::stdout().lock();
    for (i, (name, v)) in vocabularies.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "# {name} ({})", v.taxonomies.join(", "))?;
        writeln!(
            out,
            "{:<40} {:<16} {:<16} {:<8} {:<13} {:<16} label",
            "id", "taxonomy", "unit", "kind", "sign", "section"
        )?;
        for m in &v.metrics {
            writeln!(
                out,
                "{:<40} {:<16} {:<16} {:<8} {:<13} {:<16} {}{}",
                m.id,
                m.taxonomy,
                m.unit_text,
                m.kind.name(),
                m.sign.name(),
                m.section,
                m.label,
                if m.per_subject { " (per subject)" } else { "" }
            )?;
        }
        if !v.derived.is_empty() {
            writeln!(out, "\nderived:")?;
            for d in &v.derived {
                let each = d
                    .for_each
                    .as_ref()
                    .map(|a| format!(" (for each {a})"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{:<40} = {} [{}]{each}",
                    d.id,
                    d.formula.text(),
                    d.unit.symbol()
                )?;
            }
        }
        if !v.compare.is_empty() {
            let keys: Vec<String> = v.compare.iter().map(|c| c.key()).collect();
            writeln!(out, "\ncompared in the universe index: {}", keys.join(", "))?;
        }
        if !v.axes.is_empty() {
            writeln!(out, "\naxes:")?;
            for a in &v.axes {
                // Ids are what data files write; labels what briefs show.
                let members: Vec<String> = a
                    .members
                    .iter()
                    .map(|m| format!("{} ({})", m.id, m.label))
                    .collect();
                writeln!(out, "{:<40} {}", a.id, members.join(", "))?;
            }
        }
        let units: Vec<&str> = v.units.units().iter().map(|u| u.id.as_str()).collect();
        writeln!(out, "\nunits: money, {}", units.join(", "))?;
    }
    writeln!(
        out,
        "\nA stated change is written <id>.qoq or <id>.yoy, in percent (percentage points, or bps, for a percentage)."
    )?;
    Ok(ExitCode::SUCCESS)
}
