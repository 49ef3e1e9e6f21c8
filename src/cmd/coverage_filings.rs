//! Coverage of a companyfacts JSON: every entry is accounted for when the
//! import of the file, with the company's vocabulary as it is now, would
//! write nothing the data folder does not already record. An entry is then
//! a recorded filed fact, a repeat of one (a comparative), or it is
//! unaccounted: a concept no metric lists, or a figure not imported yet.

use std::collections::BTreeSet;

use anyhow::{bail, Result};
use qbrief_draft::{MentionKind, Unaccounted};
use qbrief_filings::{evidence_text, import, parse_companyfacts, CompanyFacts, Entry};
use qbrief_model::{CompanyData, Dataset};

use super::verify_sources::is_companyfacts;

/// The company whose filing documents name `file_name` (the one of the
/// sources folder `folder` when several do), if any.
pub(super) fn owner<'d>(
    dataset: &'d Dataset,
    file_name: &str,
    folder: Option<&str>,
) -> Option<&'d CompanyData> {
    let recording: Vec<&CompanyData> = dataset
        .companies
        .values()
        .filter(|d| {
            d.documents
                .iter()
                .any(|doc| doc.file == file_name && is_companyfacts(doc))
        })
        .collect();
    recording
        .iter()
        .find(|d| Some(d.company.id.as_str()) == folder)
        .or(recording.first())
        .copied()
}

/// The entries of the file that the data does not account for, and how
/// many entries it has.
pub(super) fn unaccounted(
    name: &str,
    bytes: &[u8],
    data: &CompanyData,
) -> Result<(usize, Vec<Unaccounted>)> {
    let facts = match parse_companyfacts(name, bytes) {
        Ok(f) => f,
        Err(e) => bail!("{e}"),
    };
    let text = String::from_utf8_lossy(bytes);
    let company = &data.company;
    let imported = match import(
        &facts,
        &data.vocabulary,
        company.currency,
        company.fiscal_year_end_month,
    ) {
        Ok(i) => i,
        Err(errors) => bail!(
            "{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    };
    let recorded: BTreeSet<(&str, &str)> = data
        .facts
        .iter()
        .map(|f| (f.evidence.as_str(), f.value_text.as_str()))
        .collect();
    let mut missing: BTreeSet<String> = BTreeSet::new();
    for fact in imported.filings.iter().flat_map(|f| &f.facts) {
        if !recorded.contains(&(fact.evidence.as_str(), fact.value.as_str())) {
            missing.insert(fact.evidence.clone());
        }
    }
    let unmapped: BTreeSet<&str> = imported
        .unmapped
        .iter()
        .map(|u| u.concept.as_str())
        .collect();
    let mut out = Vec::new();
    for e in &facts.entries {
        let evidence = evidence_text(e);
        let reason = if unmapped.contains(e.concept.as_str()) {
            "no metric lists this concept in its xbrl list"
        } else if missing.contains(&evidence) {
            "not imported: run qbrief import-xbrl again"
        } else {
            continue;
        };
        let (line, column) = entry_position(&text, &facts, e);
        out.push(Unaccounted {
            line,
            column,
            phrase: format!("{} {}", e.value_text, e.unit),
            kind: MentionKind::Figure,
            context: format!("{evidence}: {reason}"),
        });
    }
    Ok((facts.entries.len(), out))
}

/// Where an entry is in the JSON text, for messages: the `"end"` key of
/// the entry's object, found after its concept's and unit's keys (1-based
/// line and column; the start of the file when the text is laid out in a
/// way this search does not follow).
fn entry_position(text: &str, _facts: &CompanyFacts, e: &Entry) -> (usize, usize) {
    let local = e
        .concept
        .split_once(':')
        .map_or(e.concept.as_str(), |(_, l)| l);
    let index: usize = e
        .path
        .rsplit_once('[')
        .and_then(|(_, i)| i.trim_end_matches(']').parse().ok())
        .unwrap_or(0);
    let found = (|| {
        let concept = text.find(&format!("\"{local}\""))?;
        let unit = concept + text[concept..].find(&format!("\"{}\"", e.unit))?;
        let mut at = unit;
        for _ in 0..=index {
            at += text[at..].find("\"end\"")? + 1;
        }
        Some(at - 1)
    })();
    let Some(offset) = found else {
        return (1, 1);
    };
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
