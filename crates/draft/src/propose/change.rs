//! Telling a stated change ("up 12% year-over-year", "down 30 basis
//! points sequentially", "doubled") from a level, its direction, and
//! whether it is measured against the previous quarter or a year ago.

use qbrief_model::Change;

use super::context::Context;
use super::cues::{DOWN, GROWTH, QOQ, QUALIFIER_WORDS, YOY};
use super::dates::dated_period;
use super::growth_phrase;
use super::named_period::named_period;
use super::words::contains_word;
use crate::scan::Mention;

/// Whether the figure at `at..end` of the lowercase sentence is a stated
/// change (and against which base), and whether it is a decline.
/// `clause_start` is where the figure's clause starts; `near_before` holds
/// the last words before the figure.
pub(super) fn stated_change(
    cx: &Context<'_>,
    mention: &Mention,
    lower: &str,
    at: usize,
    end: usize,
    clause_start: usize,
    near_before: &str,
) -> (Option<Change>, bool) {
    let unit = mention.unit.as_deref().map(str::to_lowercase);
    let is_percent = matches!(unit.as_deref(), Some("%" | "percent" | "per cent"));
    let is_bps = matches!(
        unit.as_deref(),
        Some("basis points" | "basis point" | "basis" | "bps" | "bp")
    );
    let is_points = matches!(
        unit.as_deref(),
        Some("percentage points" | "percentage point")
    );
    let is_fold = matches!(unit.as_deref(), Some("-fold" | "fold"));
    let after_words: String = lower[end..]
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let growth_before = GROWTH
        .iter()
        .chain(DOWN)
        .any(|w| contains_word(near_before, w));
    let growth_after = GROWTH
        .iter()
        .chain(DOWN)
        .chain(
            [
                "favorable",
                "unfavorable",
                "benefit",
                "headwind",
                "more",
                "less",
            ]
            .iter(),
        )
        .any(|w| {
            after_words
                .split_whitespace()
                .take(2)
                .any(|x| x.trim_matches(|c: char| !c.is_alphanumeric()) == *w)
        });
    // The words before the figure without its qualifier: "a headwind of
    // about 220 basis points" is a level said with "of".
    let mut core = near_before;
    while let Some((rest, last)) = core.rsplit_once(' ') {
        if !QUALIFIER_WORDS.contains(&last) {
            break;
        }
        core = rest;
    }
    let level_cue = [
        "to", "at", "of", "was", "were", "is", "reached", "be", "remained",
    ]
    .iter()
    .any(|w| core.ends_with(&format!(" {w}")) || core == *w);
    // "sales were up again this year by about 2%": a growth word earlier in
    // the clause, and "by" right before the figure.
    let growth_by = (core.ends_with(" by") || core == "by")
        && GROWTH
            .iter()
            .chain(DOWN)
            .any(|w| contains_word(&lower[clause_start..at], w));
    // "our 51% Off-Road business growth": a growth noun a few words after.
    let growth_noun_after = lower[end..]
        .split_whitespace()
        .take(3)
        .take_while(|w| !w.ends_with([',', ';', '.']) || w.len() > 1)
        .any(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "growth" | "increase" | "decline" | "decrease"
            )
        });
    // "down 2% from the second quarter and 11% year-over-year": a second
    // figure that names only its basis moves as the first did.
    let basis_after = {
        let head: String = lower[end..]
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        QOQ.iter().chain(YOY).any(|w| head.starts_with(w))
    };
    let alternative = (near_before.ends_with(" or")
        || (basis_after && (near_before.ends_with(" and") || near_before == "and")))
        && GROWTH
            .iter()
            .chain(DOWN)
            .any(|w| contains_word(&lower[clause_start..at], w));
    // "a 62% reduction in net loss" narrows a loss: a positive change.
    let loss_reduced = lower[end..]
        .split_whitespace()
        .take(4)
        .any(|w| w.starts_with("loss"));
    let down_word = |text: &str| DOWN.iter().any(|w| contains_word(text, w));
    let down_after = DOWN.iter().chain(&["less"]).any(|w| {
        after_words
            .split_whitespace()
            .take(2)
            .any(|x| x.trim_matches(|c: char| !c.is_alphanumeric()) == *w)
    });
    let down = !loss_reduced
        && (down_word(near_before)
            || down_after
            || (alternative && down_word(&lower[clause_start..at])));
    // A stated change: a percentage (or bps) said with a word of growth
    // next to it; "increased 60 basis points to 35%" is a change, then a level.
    let changeable = is_percent || is_bps || is_points || is_fold;
    // "growth for the fourth quarter is 7.2%": a growth noun earlier in the
    // clause makes a percentage said with "is" a change too.
    let growth_noun = ["growth", "increase", "decrease", "decline", "improvement"]
        .iter()
        .any(|w| contains_word(&lower[clause_start..at], w));
    let change = if changeable
        && (growth_before
            || growth_by
            || (growth_after && (!level_cue || is_bps || is_points))
            || (growth_noun_after && !level_cue)
            || alternative
            || is_fold
            || (is_bps && !level_cue)
            || (growth_noun && level_cue && is_percent && core.ends_with(" is"))
            || (is_percent && growth_phrase::growth_before(cx, lower, clause_start, at))
            || (is_percent && !level_cue && growth_phrase::growth_noun_after(lower, end)))
    {
        // The words right after the figure decide first ("5% sequential
        // increase and an 18% year-over-year increase"), then those before.
        let right_after: String = lower[end..]
            .split_whitespace()
            .take_while(|w| *w != "and" && !w.ends_with(','))
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        // "compared to the end of quarter two": the base period says which.
        let base_words: String = lower[end..]
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        let base = dated_period(&base_words, cx.period, cx.fiscal_year_end_month)
            .or_else(|| named_period(&base_words, cx.period, false));
        let base_cue = match base {
            Some(p) if Some(p) == cx.period.previous_quarter() => Some(Change::Qoq),
            Some(p) if Some(p) == cx.period.year_ago() => Some(Change::Yoy),
            _ => None,
        };
        // The basis named first: "up 60 basis points from the prior year,
        // the best sequential improvement in a decade" is year-over-year.
        let cue = |text: &str| {
            let first = |cues: &[&str]| cues.iter().filter_map(|w| text.find(w)).min();
            match (first(QOQ), first(YOY)) {
                (Some(q), Some(y)) if y < q => Some(Change::Yoy),
                (Some(_), _) => Some(Change::Qoq),
                (None, Some(_)) => Some(Change::Yoy),
                (None, None) => None,
            }
        };
        // "sales were up 3% from the fourth quarter and operating profit
        // was up 6%": the base a parallel change names elsewhere in the
        // sentence.
        let sentence_base = || {
            [
                "from ",
                "compared to ",
                "compared with ",
                "versus ",
                "over ",
            ]
            .iter()
            .flat_map(|w| lower.match_indices(w))
            .filter_map(|(pos, w)| {
                let words: String = lower[pos + w.len()..]
                    .split_whitespace()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join(" ");
                named_period(&words, cx.period, false)
            })
            .find_map(|p| {
                if Some(p) == cx.period.previous_quarter() {
                    Some(Change::Qoq)
                } else if Some(p) == cx.period.year_ago() {
                    Some(Change::Yoy)
                } else {
                    None
                }
            })
        };
        cue(&right_after)
            .or(base_cue)
            .or_else(|| cue(near_before))
            .or_else(|| cue(&lower[clause_start..]))
            .or_else(|| cue(lower))
            .or_else(sentence_base)
            .or(Some(Change::Yoy))
    } else {
        None
    };
    (change, down)
}
