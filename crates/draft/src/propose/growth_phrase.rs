//! Percentages a growth noun names from a distance: "total revenue growth
//! in 2021 is expected within a range of 12% to 15%", "we expect 9% to 10%
//! full year sales growth". The words next to the figure say only "of" or
//! "to be", so `change.rs` would read a level; these say it is a change.

use super::context::Context;
use super::names::names_a_metric;
use super::words::last_word_end;

/// Nouns and verbs of growth that name a change from a few words away.
const GROWTH_WORDS: &[&str] = &[
    "growth",
    "increase",
    "decrease",
    "decline",
    "grow",
    "rise",
    "to increase",
];

/// Words that end the noun phrase after a figure: past them, a growth noun
/// is another phrase's ("12% of sales growth").
const LINKS: &[&str] = &[
    "and", "or", "of", "in", "to", "from", "for", "with", "was", "were", "is", "are", "by", "at",
    "on", "than", "as", "which", "that",
];

/// How far, in words, a growth word before the figure may stand.
const MAX_WORDS_BEFORE: usize = 8;

/// How far, in words, a growth noun after the figure may stand.
const MAX_WORDS_AFTER: usize = 6;

/// A growth word before the figure at `at` in its clause (from
/// `clause_start`), at most a few words away, with neither a figure nor a
/// metric name between: "revenue growth in 2021 is expected within a range
/// of 12%" (but not "revenue growth lifted gross margin to 41%").
pub(super) fn growth_before(cx: &Context<'_>, lower: &str, clause_start: usize, at: usize) -> bool {
    let Some(end) = last_word_end(&lower[clause_start..at], GROWTH_WORDS).map(|e| clause_start + e)
    else {
        return false;
    };
    let between = &lower[end..at];
    let words: Vec<&str> = between.split_whitespace().collect();
    // "margin to increase to 14%", "to remain steady at 33%": the level
    // the figure reaches or keeps. "In the mid to high 20% range": a band,
    // not the figure said.
    let level = words.first() == Some(&"to")
        || words.iter().any(|w| STATES.contains(w))
        || words.last().is_some_and(|w| BANDS.contains(w));
    if level
        || words.len() > MAX_WORDS_BEFORE
        || cx.figures.iter().any(|f| f.start >= end && f.start < at)
    {
        return false;
    }
    !names_a_metric(cx, between)
}

/// Words of a level kept: "to remain steady at 33%".
const STATES: &[&str] = &[
    "remain",
    "remains",
    "remained",
    "steady",
    "stable",
    "flat",
    "unchanged",
];

/// Words before a figure that make it the edge of a band: "the mid to high
/// 20% range".
const BANDS: &[&str] = &["low", "mid", "high", "upper", "lower"];

/// A growth noun closing the noun phrase that follows the figure ending at
/// `end`: "9% to 10% full year sales growth", "a 5% organic revenue
/// increase".
pub(super) fn growth_noun_after(lower: &str, end: usize) -> bool {
    for word in lower[end..].split_whitespace().take(MAX_WORDS_AFTER) {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if matches!(bare, "growth" | "increase" | "decline" | "decrease") {
            return true;
        }
        if LINKS.contains(&bare) || word.ends_with([',', ';', '.', ':']) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_growth_noun_closing_the_phrase_after_the_figure() {
        let after = |text: &str| growth_noun_after(text, 0);
        assert!(after(" full year 2022 sales growth."));
        assert!(after(" organic revenue increase in the quarter"));
        assert!(!after(" of sales growth"));
        assert!(!after(" margin, and revenue growth"));
        assert!(!after(" in the first half and strong growth"));
    }
}
