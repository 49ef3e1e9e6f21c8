//! The period a figure is for: the one the sentence names ("the first
//! quarter of 2023", "fiscal '22", "as of June 30"), the base of a
//! comparison ("compared to $60M in the same period last year"), or the
//! period guidance looks to.

use std::ops::Range;

use qbrief_model::{Period, PeriodSpan};

use super::bases::{compared_base, without_bases};
use super::cues::{AS_OF_CALL, DOWN, GROWTH, ORDINAL_QUARTERS, QOQ, QUALIFIER_WORDS, YOY};
use super::dates::{dated_period, last_dated_period};
// `change.rs` imports it from here.
use super::context::Context;
use super::named_period::{doc_quarter, named_period, nearest_named_period, prefix};
use super::words::{last_words, strip_last_word, word_boundary};

/// The period a figure is for, and whether the sentence names it.
pub(super) fn period_of(
    cx: &Context<'_>,
    lower: &str,
    at: usize,
    end: usize,
    forward: bool,
    is_change: bool,
) -> (Period, bool) {
    let doc = cx.period;
    let before = last_words(&lower[..at], 3);
    // The words after the figure, up to the next figure.
    let after_all = &lower[end..];
    let stop = after_all
        .char_indices()
        .find(|(_, c)| matches!(c, '$' | '%' | '€' | '£'))
        .map_or(after_all.len(), |(i, _)| i);
    // "$1.50 per share compared to the first quarter of 2019": what
    // follows a comparison is the base's period, not the figure's.
    let wide_stop = [
        "compared",
        "versus",
        " vs",
        "against",
        "relative to",
        ", including",
        ", which",
    ]
    .iter()
    .filter_map(|w| after_all[..stop].find(w))
    .min()
    .unwrap_or(stop);
    let after_wide: String = after_all[..wide_stop]
        .split_whitespace()
        .take(12)
        .collect::<Vec<_>>()
        .join(" ");
    let stop = after_all[..stop].find([',', ';']).unwrap_or(stop);
    // "other expense of $1.5M compared with income in the prior year of
    // $2.6M": the base period after "compared with" is the next figure's.
    let stop = ["compared", "versus", " vs", "against", "relative to"]
        .iter()
        .filter_map(|w| after_all[..stop].find(w))
        .min()
        .unwrap_or(stop);
    let after: String = after_all[..stop]
        .split_whitespace()
        .take(8)
        .take_while(|w| !GROWTH.iter().chain(DOWN).any(|g| g == w))
        .collect::<Vec<_>>()
        .join(" ");
    let year_cue = YOY.iter().any(|w| lower.contains(w));
    let quarter_cue = QOQ.iter().any(|w| lower.contains(w));
    let earlier = |base: Period| {
        if year_cue && !quarter_cue {
            base.year_ago()
        } else {
            base.previous_quarter()
        }
    };
    if !is_change {
        if let Some(p) = compared_base(cx, lower, at, after_all, forward) {
            return (p, true);
        }
        // "from $16,500 to $28,500 in quarter one": the first is the
        // earlier period of the second.
        // "from almost $54,000 to almost $66,000": past the qualifier.
        let mut core = before.as_str();
        while let Some(rest) = strip_last_word(core, &[QUALIFIER_WORDS]) {
            core = rest;
        }
        if core.ends_with("from") && after.starts_with("to") {
            let to_end = after_all[stop..]
                .find(|c: char| c.is_whitespace())
                .map_or(after_all.len(), |i| stop + i);
            let later_words: String = after_all[to_end..]
                .split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ");
            let later = named_period(&later_words, doc, forward).unwrap_or(doc);
            if let Some(p) = earlier(later) {
                return (p, true);
            }
        }
        if [
            "same period",
            "same quarter",
            "a year ago",
            "last year",
            "prior year",
            "previous year",
            "year before",
            "prior-year",
        ]
        .iter()
        .any(|w| after.contains(w))
        {
            if let Some(p) = doc.year_ago() {
                return (p, true);
            }
        }
        if [
            "last quarter",
            "previous quarter",
            "prior quarter",
            "end of last quarter",
        ]
        .iter()
        .any(|w| after.contains(w))
        {
            if let Some(p) = doc.previous_quarter() {
                return (p, true);
            }
        }
        // "compared with income in the prior year of $2.6M": the base
        // period right before a level is its own.
        let just_before = last_words(&lower[..at], 5);
        if [
            "prior year",
            "last year",
            "a year ago",
            "previous year",
            "prior-year",
        ]
        .iter()
        .any(|w| just_before.contains(w))
            // "declined $0.16 from the prior year to $0.19": the figure a
            // change reaches is the current one.
            && !(just_before.ends_with(" to") && just_before.contains("from "))
        {
            if let Some(p) = doc.year_ago() {
                return (p, true);
            }
        }
    }
    // A change's own period is named before it; what follows it ("compared
    // to December 31, 2023") is the base it is measured from.
    if !is_change {
        if let Some(p) = dated_period(&after_wide, doc, cx.fiscal_year_end_month) {
            return (p, true);
        }
        // "an expected full year headwind of $20M, about 2/3 of which is
        // in the back half": a period named just before the figure is its
        // own.
        // Within the clause: "a strong start to our fiscal year, reporting
        // earnings of $2.55 a share in Q1".
        let clause = lower[..at].rfind([',', ';']).map_or(0, |p| p + 1);
        let just_before = last_words(&lower[clause..at], 5);
        let adjective = !just_before.split(' ').any(|w| {
            matches!(
                w,
                "in" | "to" | "from" | "for" | "during" | "versus" | "vs" | "compared" | "than"
            )
        });
        if let Some(p) = named_period(&just_before, doc, forward).filter(|_| adjective) {
            // "For the first quarter of 2025, we expect revenue of $420M":
            // the window can cut a quarter or half off the year it names;
            // the finer period of the same year, read more widely, is meant.
            let wider = last_words(&lower[..at], 10);
            let finer = named_period(&wider, doc, forward).filter(|w| {
                p.span() == PeriodSpan::Year && w.year() == p.year() && w.span() != PeriodSpan::Year
            });
            return (finer.unwrap_or(p), true);
        }
        if let Some(p) = named_period(&after_wide, doc, forward) {
            return (p, true);
        }
    }
    let clause_start = lower[..at].rfind([';']).map_or(0, |p| p + 1);
    if !is_change {
        if let Some(p) = dated_period(
            &last_words(&lower[clause_start..at], 6),
            doc,
            cx.fiscal_year_end_month,
        ) {
            return (p, true);
        }
        // "As of today, we have shipped 10,000 units": a call is held after
        // the quarter it reports, so what stands at the time of the call
        // belongs to the quarter the call falls in.
        if AS_OF_CALL.iter().any(|w| lower.contains(w)) {
            if let Some(p) = doc.next_quarter() {
                return (p, true);
            }
        }
    }
    // The periods named before the figure, without those that are the base
    // of an earlier change ("up 3% from the second quarter").
    let own_before = without_bases(&lower[..at]);
    if let Some(p) = nearest_named_period(&own_before[clause_start..], doc, forward)
        .or_else(|| named_period(&own_before[clause_start..], doc, forward))
    {
        return (p, true);
    }
    if !is_change {
        // "As of August 10, 2024, our hash rate has reached 4.5 EH/s": a
        // date that opens the sentence dates what follows it.
        if let Some(p) = last_dated_period(&lower[..at], doc, cx.fiscal_year_end_month) {
            return (p, true);
        }
    }
    if let Some(p) = nearest_named_period(&own_before, doc, forward)
        .or_else(|| named_period(&own_before, doc, forward))
    {
        return (p, true);
    }
    if forward {
        // Guidance without a period is for the quarter or year of the
        // outlook in force ("Turning to our third quarter guidance."), else
        // for the fiscal year (the next one, from the year's last quarter).
        if let Some(p) = cx.outlook {
            return (p, false);
        }
        let year = if doc_quarter(doc) == 4 {
            doc.year() + 1
        } else {
            doc.year()
        };
        if let Some(p) = Period::new(year, PeriodSpan::Year) {
            return (p, false);
        }
    }
    (doc, false)
}

/// Every period a text names, with where: "the fourth quarter and the full
/// year" gives the fourth quarter, then the year. For lists closed by
/// "respectively".
pub(super) fn period_mentions(
    text: &str,
    doc: Period,
    forward: bool,
) -> Vec<(Range<usize>, Period)> {
    const RELATIVE: &[&str] = &[
        "the quarter",
        "this quarter",
        "last year",
        "prior year",
        "a year ago",
        "last quarter",
        "prior quarter",
        "previous quarter",
    ];
    let mut found: Vec<(Range<usize>, Period)> = Vec::new();
    let keywords = ORDINAL_QUARTERS.iter().map(|(w, _)| *w).chain([
        "full year",
        "full-year",
        "fiscal year",
        "first half",
        "second half",
        "back half",
        "front half",
    ]);
    for word in keywords.chain(RELATIVE.iter().copied()) {
        for (pos, _) in text.match_indices(word) {
            if !word_boundary(text, pos, pos + word.len()) {
                continue;
            }
            let period = if RELATIVE.contains(&word) {
                if matches!(word, "the quarter" | "this quarter") {
                    Some(doc)
                } else if word.ends_with("quarter") {
                    doc.previous_quarter()
                } else {
                    doc.year_ago()
                }
            } else {
                named_period(prefix(&text[pos..], word.len() + 16), doc, forward)
            };
            if let Some(p) = period {
                found.push((pos..pos + word.len(), p));
            }
        }
    }
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    // "last quarter" holds "quarter"-free words only, but "first half" and
    // "half" style overlaps keep the longer, earlier match.
    let mut out: Vec<(Range<usize>, Period)> = Vec::new();
    for (r, p) in found {
        if out.last().is_none_or(|(last, _)| r.start >= last.end) {
            out.push((r, p));
        }
    }
    out
}
