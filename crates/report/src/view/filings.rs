//! The "Call against filings" part of a brief: every figure the quarter's
//! call states that the filings also give, agreements in one line and each
//! disagreement with both figures side by side.

use qbrief_calc::{AgainstFiling, Analysis, Filed, Status};
use qbrief_model::{Fact, Period};

use super::cells::{change_label, change_text, derived_value, dims_suffix, in_sentence};
use super::notes::Notes;
use super::{SectionView, Table};
use crate::format::{escape, md};

/// The section's heading.
const TITLE: &str = "Call against filings";

pub(crate) fn against_filings(
    analysis: &Analysis<'_>,
    period: Period,
    notes: &mut Notes<'_>,
) -> SectionView {
    let mut table = Table::left_aligned(&["Said on the call", "Filed", "Gap"]);
    if !analysis.has_filings() {
        let name = escape(&analysis.data.company.name);
        return SectionView::new(
            TITLE,
            table,
            format!("No filings of {name} are imported, so no figure said on its calls is checked against filed figures (`qbrief import-xbrl` imports a US filer's SEC companyfacts file)."),
        );
    }
    let said_on_a_call = analysis.said_in(period).iter().any(|f| !f.filed);
    if !said_on_a_call {
        return SectionView::new(
            TITLE,
            table,
            "No call of this quarter is on record; its figures are as filed.".into(),
        );
    }
    let compared = analysis.against_filings(period);
    if compared.is_empty() {
        return SectionView::new(
            TITLE,
            table,
            "No figure said on this quarter's call has a filed counterpart.".into(),
        );
    }
    // The same figure said several times and compared with the same filed
    // number is one entry with every statement's footnote.
    // Entries are (what was said, its statements, the filed side's cells):
    // the filed figure for an agreement, the filed figure and the gap for
    // a disagreement.
    type Entry<'f> = (String, Vec<&'f Fact>, Vec<String>);
    let mut agreeing: Vec<Entry<'_>> = Vec::new();
    let mut disagreeing: Vec<Entry<'_>> = Vec::new();
    for c in &compared {
        let said = said_text(analysis, period, c.said);
        let (list, filed) = match &c.status {
            Status::Inconsistent { gap } => (
                &mut disagreeing,
                vec![
                    filed_text(analysis, c, notes, true),
                    format!("**{}**", gap_text(analysis, c.said, *gap)),
                ],
            ),
            _ => (&mut agreeing, vec![filed_text(analysis, c, notes, false)]),
        };
        match list.iter_mut().find(|(s, _, f)| *s == said && *f == filed) {
            Some(entry) => entry.1.push(c.said),
            None => list.push((said, vec![c.said], filed)),
        }
    }
    for (said, facts, filed) in disagreeing {
        let mut cells = vec![format!("{said}{}", notes.cite_all(&facts))];
        cells.extend(filed);
        table.push(cells);
    }
    let agreeing: Vec<String> = agreeing
        .into_iter()
        .map(|(said, facts, filed)| {
            format!(
                "{}{} ({})",
                in_sentence(&said),
                notes.cite_all(&facts),
                filed.concat()
            )
        })
        .collect();
    let total = compared.len();
    let agree = compared
        .iter()
        .filter(|c| !matches!(c.status, Status::Inconsistent { .. }))
        .count();
    let those = "of the call that the filings also give";
    let list = agreeing.join("; ");
    let lead = match (agree, total - agree) {
        (0, 1) => format!("The one figure {those} disagrees with them:"),
        (0, _) => format!("None of the {total} figures {those} agrees with them:"),
        (1, 0) => format!("The one figure {those} agrees with them: {list}."),
        (_, 0) => format!("All {total} figures {those} agree with them: {list}."),
        (_, _) => {
            format!("{agree} of the {total} figures {those} agree with them: {list}. These do not:")
        }
    };
    let mut view = SectionView::new(TITLE, table, String::new());
    view.lead = lead;
    view
}

/// "Revenue YoY +22%", with the members and the period when it is not
/// the brief's.
fn said_text(analysis: &Analysis<'_>, period: Period, f: &Fact) -> String {
    let mut label = escape(&f.metric.metric.label);
    if let Some(change) = f.metric.change {
        label.push(' ');
        label.push_str(change_label(change));
    }
    label.push_str(&dims_suffix(&analysis.data.vocabulary, &f.dims));
    if f.period != period {
        label.push_str(&format!(" (for {})", f.period));
    }
    format!("{label} {}", md(&f.value_text))
}

/// The filed figure with its footnote, or the number derived from filed
/// figures (with its formula where asked: a disagreement shows how).
fn filed_text(
    analysis: &Analysis<'_>,
    c: &AgainstFiling<'_, '_>,
    notes: &mut Notes<'_>,
    with_formula: bool,
) -> String {
    match c.filed {
        Filed::Stated(f) if with_formula => format!("{}{}", md(&f.value_text), notes.cite(f)),
        Filed::Stated(f) => format!("filed: {}{}", md(&f.value_text), notes.cite(f)),
        Filed::Derived(d) => {
            let shown = if c.said.metric.change.is_some() {
                change_text(analysis, d)
            } else {
                derived_value(analysis, d, false)
            };
            if with_formula {
                format!("{shown} = {}", escape(&d.formula))
            } else {
                format!("from the filings: {shown}")
            }
        }
    }
}

/// The gap in the figure's unit at its stated precision ("\\$0.2M"), and
/// in percentage points for a percentage ("1.4 pp").
fn gap_text(analysis: &Analysis<'_>, said: &Fact, gap: rust_decimal::Decimal) -> String {
    let unit = said.figure.unit();
    if unit.is_percent() {
        let dp = said.figure.decimals().max(0) + 1;
        return format!("{} pp", crate::format::number(gap, dp));
    }
    md(&crate::format::value(
        gap,
        unit,
        &analysis.data.vocabulary.units,
        said.figure.decimals(),
        false,
    ))
}
