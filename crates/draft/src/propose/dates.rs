//! Calendar dates in a sentence ("as of June 30, 2024", "at the end of
//! March", "in early November") and the fiscal quarters they fall in.

use qbrief_model::Period;

use super::cues::MONTH_BEFORE;

/// The quarter a date falls in: "at the end of March", "on June 30, 2024",
/// "as of September 30th" (a balance measured then), "in early November".
pub(super) fn dated_period(
    phrase: &str,
    doc: Period,
    fiscal_year_end_month: u32,
) -> Option<Period> {
    dated_periods(phrase, doc, fiscal_year_end_month).next()
}

/// The quarter of the last date a phrase names.
pub(super) fn last_dated_period(
    phrase: &str,
    doc: Period,
    fiscal_year_end_month: u32,
) -> Option<Period> {
    dated_periods(phrase, doc, fiscal_year_end_month).last()
}

/// The quarters of the dates a phrase names, in order.
fn dated_periods(
    phrase: &str,
    doc: Period,
    fiscal_year_end_month: u32,
) -> impl Iterator<Item = Period> {
    // The full month names, in calendar order.
    let months = &crate::scan::MONTHS[..12];
    let words: Vec<&str> = phrase
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(m) = months.iter().position(|name| name == w) else {
            continue;
        };
        let month = m as u32 + 1;
        let end_of = i >= 2 && words[i - 2] == "end" && words[i - 1] == "of";
        // A month alone dates a figure only after a preposition ("in
        // July", "since early July"): "may" is mostly a verb.
        let month_only = i >= 1 && MONTH_BEFORE.contains(&words[i - 1]);
        let day: Option<u32> = words
            .get(i + 1)
            .map(|d| d.trim_end_matches(|c: char| c.is_alphabetic()))
            .and_then(|d| d.parse().ok())
            .filter(|d| (1..=31).contains(d));
        if !end_of && !month_only && day.is_none() {
            continue;
        }
        let explicit_year: Option<i32> = words
            .get(i + if day.is_some() { 2 } else { 1 })
            .and_then(|y| y.parse().ok())
            .filter(|y| (1990..=2100).contains(y));
        let (_, doc_end) = doc.dates(fiscal_year_end_month);
        let year = explicit_year.unwrap_or_else(|| {
            use chrono::Datelike;
            // The month or two after the quarter are when the call is
            // held ("in early November" on a third-quarter call); a later
            // month than the quarter's end is otherwise last year's.
            let after_end = (month as i32 - doc_end.month() as i32).rem_euclid(12);
            if (1..=2).contains(&after_end) {
                doc_end.year() + i32::from(month < doc_end.month())
            } else if month > doc_end.month() {
                doc_end.year() - 1
            } else {
                doc_end.year()
            }
        });
        // The fiscal year and quarter of that month.
        let fiscal_year = if month > fiscal_year_end_month {
            year + 1
        } else {
            year
        };
        let into = (month as i32 - fiscal_year_end_month as i32 - 1).rem_euclid(12) + 1;
        found.extend(Period::quarter(fiscal_year, ((into - 1) / 3 + 1) as u8));
    }
    found.into_iter()
}
