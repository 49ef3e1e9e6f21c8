//! The base of a comparison: the period a figure is compared with,
//! named after an aside ("compared with $365 million, or $1.05 per diluted
//! share, in the third quarter of 2023"), and a sentence with its bases
//! blanked out so that they do not date the figures before them.

use qbrief_model::Period;

use super::context::Context;
use super::dates::dated_period;
use super::named_period::named_period;
use super::words::{find_word, last_words, word_boundary};

/// The period of the base of a comparison, named after an aside that
/// follows it: "compared with $365 million, or $1.05 per diluted share, in
/// the third quarter of 2023" (the period past the per-share aside is this
/// figure's too).
pub(super) fn compared_base(
    cx: &Context<'_>,
    lower: &str,
    at: usize,
    after_all: &str,
    forward: bool,
) -> Option<Period> {
    let before = last_words(&lower[..at], 3);
    if !["compared with", "compared to", "versus", "vs.", "vs"]
        .iter()
        .any(|m| before.ends_with(m))
    {
        return None;
    }
    let aside = after_all.trim_start().strip_prefix(", or ")?;
    let past = &aside[aside.find(',')? + 1..];
    let stop = past.find(['$', '%', '€', '£']).unwrap_or(past.len());
    let rest: String = past[..stop]
        .split_whitespace()
        .take(12)
        .collect::<Vec<_>>()
        .join(" ");
    let doc = cx.period;
    if let Some(p) = dated_period(&rest, doc, cx.fiscal_year_end_month)
        .or_else(|| named_period(&rest, doc, forward))
    {
        return Some(p);
    }
    let said = |words: &[&str]| words.iter().any(|w| rest.contains(w));
    if said(&["last quarter", "previous quarter", "prior quarter"]) {
        return doc.previous_quarter();
    }
    if said(&[
        "a year ago",
        "prior year",
        "prior-year",
        "last year",
        "same period",
        "same quarter",
        "previous year",
    ]) {
        return doc.year_ago();
    }
    None
}

/// Whether `text` starts with a year ("2020", "fiscal 2019", "the 2021
/// levels").
fn starts_with_year(text: &str) -> bool {
    text.split_whitespace()
        .take(3)
        .take_while(|w| matches!(*w, "fiscal" | "calendar" | "the" | "full" | "year") || is_year(w))
        .any(is_year)
}

/// A four-digit year of the calls' era, with any punctuation after it.
fn is_year(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| !c.is_ascii_digit());
    digits.len() == 4
        && digits
            .parse::<u32>()
            .is_ok_and(|y| (1990..=2099).contains(&y))
}

/// `text` with the base of each comparison blanked out, byte for byte:
/// "up 3% from the second quarter and" keeps "up 3%" and "and".
pub(super) fn without_bases(text: &str) -> String {
    let mut out = text.to_string();
    for marker in [
        "from ",
        "compared to ",
        "compared with ",
        "versus ",
        "over ",
        "than ",
        "vs ",
        "vs. ",
        "closer to ",
        "relative to ",
        "against ",
    ] {
        for (pos, _) in text.match_indices(marker) {
            if !word_boundary(text, pos, pos + marker.len() - 1) {
                continue;
            }
            let rest = &text[pos..];
            let len = rest
                .find([',', ';', '$', '%'])
                .unwrap_or(rest.len())
                .min(marker.len() + 40);
            let len = (0..=len)
                .rev()
                .find(|l| rest.is_char_boundary(*l))
                .unwrap_or(0);
            // Only a period named as the base: "from the second quarter",
            // not "from sales".
            let phrase = &rest[..len];
            let names_period = crate::propose::cues::ORDINAL_QUARTERS
                .iter()
                .any(|(w, _)| find_word(phrase, w).is_some())
                || ["year", "half", "period"]
                    .iter()
                    .any(|w| find_word(phrase, w).is_some())
                // "lower than 2020", "versus 2019": a bare year compared
                // with. After "from" or "over" a year may be the figure's
                // own ("over 2024 we plan to open 40 stores").
                || (!matches!(marker, "from " | "over ") && starts_with_year(&phrase[marker.len()..]));
            if names_period {
                out.replace_range(pos..pos + len, &" ".repeat(len));
            }
        }
    }
    out
}
