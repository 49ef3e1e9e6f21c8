//! The brief of one period: its title, headline, key figures, one table per
//! taxonomy section, guidance, data quality and the footnotes they cite.

use std::fmt::Write as _;

use qbrief_calc::Analysis;
use qbrief_model::{Company, Period};

use super::{filings, headline, notes, quality, sections};
use super::{BriefView, Footnote};
use crate::format::escape;

/// Builds the brief of `period`.
pub fn brief(analysis: &Analysis<'_>, period: Period) -> BriefView {
    let company = &analysis.data.company;
    let mut notes = notes::Notes::new(analysis);
    let headline = headline::headline(analysis, period, &mut notes);
    let key_figures = sections::key_figures(analysis, period, &mut notes);
    let sections = analysis
        .data
        .vocabulary
        .sections
        .iter()
        .map(|s| sections::section(analysis, period, s, &mut notes))
        .collect();
    let guidance = sections::guidance(analysis, period, &mut notes);
    let mut quality = vec![filings::against_filings(analysis, period, &mut notes)];
    quality.extend(quality::quality(analysis, period, &mut notes));
    BriefView {
        title: format!(
            "{} ({}: {}): {} brief{}",
            escape(&company.name),
            escape(&company.exchange),
            escape(&company.ticker),
            period,
            fiscal_note(company, period)
        ),
        company: escape(&company.name),
        period: period.to_string(),
        headline,
        key_figures,
        legend: "Unmarked figures are stated, with their source in a footnote; *(d)* derived by qbrief from stated figures; *(i)* implied from a stated change; – not available. Changes of percentages are in percentage points (pp).".into(),
        sections,
        guidance,
        quality,
        footnote_definitions: footnote_definitions(&notes.footnotes),
        footnotes: notes.footnotes,
    }
}

/// `[^label]: text` lines, each ended by a line break.
fn footnote_definitions(footnotes: &[Footnote]) -> String {
    let mut out = String::with_capacity(footnotes.iter().map(|f| f.text.len() + 12).sum());
    for f in footnotes {
        // Writing to a String cannot fail.
        let _ = writeln!(out, "[^{}]: {}", f.label, f.text);
    }
    out
}

/// For a fiscal year that is not the calendar year, the months a period
/// covers: " (fiscal quarter, August–October 2020)".
pub(crate) fn fiscal_note(company: &Company, period: Period) -> String {
    if company.fiscal_year_end_month == 12 {
        return String::new();
    }
    let (start, end) = period.dates(company.fiscal_year_end_month);
    let span = if start.format("%Y").to_string() == end.format("%Y").to_string() {
        format!("{}–{}", start.format("%B"), end.format("%B %Y"))
    } else {
        format!("{}–{}", start.format("%B %Y"), end.format("%B %Y"))
    };
    format!(" (fiscal; {span})")
}
