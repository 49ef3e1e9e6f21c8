//! The brief's opening sentences: the headline metric (the first key
//! figure of the layout) against its guidance, the largest moves among the
//! key figures, and the guidance given in the quarter's calls.

use qbrief_calc::{Analysis, Flag};
use qbrief_model::{Dims, Period};
use rust_decimal::Decimal;

use super::cells::{change_label, in_sentence};
use super::cells::{change_text, derived_value};
use super::notes::Notes;
use crate::format::md;

pub(crate) fn headline(
    analysis: &Analysis<'_>,
    period: Period,
    notes: &mut Notes<'_>,
) -> Vec<String> {
    let vocabulary = &analysis.data.vocabulary;
    let mut out = Vec::new();
    let headline = vocabulary
        .brief
        .key_figures
        .iter()
        .find(|id| vocabulary.metric(id).is_some());
    if let Some(id) = headline {
        if let Some(sentence) = against_guidance(analysis, id, period, notes) {
            out.push(sentence);
        }
    }
    if let Some(sentence) = largest_moves(analysis, period) {
        out.push(sentence);
    }
    if let Some(id) = headline {
        out.extend(guidance_given(analysis, id, period, notes));
    }
    if out.is_empty() {
        out.push(format!(
            "No key figure or guidance was stated for {period}; the tables below list what was."
        ));
    }
    out
}

/// "Revenue of $73.6M beat guidance of $73M by $0.6M (0.8%)."
fn against_guidance(
    analysis: &Analysis<'_>,
    id: &str,
    period: Period,
    notes: &mut Notes<'_>,
) -> Option<String> {
    let label = analysis.data.vocabulary.label(id)?;
    let Some(r) = analysis.stated(id, period) else {
        return stated_changes(analysis, id, label, period, notes);
    };
    let key = (analysis.key(id, None)?, Dims::new(), period);
    let (Some(diff), Some(pct), Some(g)) = (
        analysis.derived(&format!("{id}_vs_guidance"), period),
        analysis.derived(&format!("{id}_vs_guidance_pct"), period),
        analysis.effective_guidance(&key),
    ) else {
        return Some(format!(
            "{label} was {}{}; no guidance for the quarter is on record.",
            md(&r.fact.value_text),
            notes.cite(r.fact)
        ));
    };
    let verdict = if diff.flags.contains(&Flag::Beat) {
        "beat"
    } else if diff.flags.contains(&Flag::Miss) {
        "missed"
    } else {
        "was in line with"
    };
    let by = match verdict {
        "was in line with" => String::new(),
        _ => format!(
            " by {} ({})",
            derived_value(analysis, diff, false).trim_start_matches('-'),
            change_text(analysis, pct).trim_start_matches(['+', '-'])
        ),
    };
    Some(format!(
        "{label} of {}{} {verdict} guidance of {}{}{by}.",
        md(&r.fact.value_text),
        notes.cite(r.fact),
        md(&g.resolved.fact.value_text),
        notes.cite(g.resolved.fact),
    ))
}

/// "Revenue grew +22% year on year and +13% quarter on quarter." when only
/// the changes of the headline metric were stated.
fn stated_changes(
    analysis: &Analysis<'_>,
    id: &str,
    label: &str,
    period: Period,
    notes: &mut Notes<'_>,
) -> Option<String> {
    let parts: Vec<String> = [
        (qbrief_model::Change::Yoy, "year on year"),
        (qbrief_model::Change::Qoq, "quarter on quarter"),
    ]
    .into_iter()
    .filter_map(|(change, words)| {
        let r = analysis.stated_change(id, change, period)?;
        Some(format!(
            "{}{} {words}",
            md(&r.fact.value_text),
            notes.cite(r.fact)
        ))
    })
    .collect();
    (!parts.is_empty()).then(|| format!("{label} changed {}.", parts.join(" and ")))
}

/// The largest QoQ and YoY moves among the key figures.
fn largest_moves(analysis: &Analysis<'_>, period: Period) -> Option<String> {
    let vocabulary = &analysis.data.vocabulary;
    let moves = |suffix: &str| -> Option<(String, Decimal)> {
        vocabulary
            .brief
            .key_figures
            .iter()
            .filter_map(|id| {
                let d = analysis.derived(&[id, ".", suffix].concat(), period)?;
                let v = d.value?;
                if d.flags.contains(&Flag::PercentagePoints) {
                    return None;
                }
                Some((vocabulary.label(id)?, d, v.abs()))
            })
            .max_by(|a, b| a.2.cmp(&b.2))
            // Only the largest move is worded.
            .map(|(label, d, v)| {
                let label = in_sentence(label);
                (format!("{label} {}", change_text(analysis, d)), v)
            })
    };
    let mut parts = Vec::new();
    if let Some((text, _)) = moves("qoq") {
        parts.push(format!("{text} quarter on quarter"));
    }
    if let Some((text, _)) = moves("yoy") {
        parts.push(format!("{text} year on year"));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "Largest moves among the key figures (derived from stated values): {}.",
            parts.join("; ")
        )
    })
}

/// "Guidance for 2024-Q4: revenue of $80M." for each later period the
/// quarter's documents guide the headline metric (or its change) for.
fn guidance_given(
    analysis: &Analysis<'_>,
    id: &str,
    period: Period,
    notes: &mut Notes<'_>,
) -> Vec<String> {
    let Some(label) = analysis.data.vocabulary.label(id) else {
        return Vec::new();
    };
    let label = in_sentence(label);
    let mut out = Vec::new();
    for ((key, dims, target), guided) in &analysis.guidance {
        if key.metric.id != id || !dims.is_empty() || *target <= period {
            continue;
        }
        let Some(g) = guided.iter().rev().find(|g| g.document.period == period) else {
            continue;
        };
        let what = match key.change {
            Some(c) => format!("{label} {} of", change_label(c)),
            None => format!("{label} of"),
        };
        out.push(format!(
            "Guidance for {target}: {what} {}{}.",
            md(&g.resolved.fact.value_text),
            notes.cite(g.resolved.fact)
        ));
    }
    out
}
