//! The period an outlook speaks of until another is named: "Turning to our
//! third quarter guidance. We expect revenue between $4.08 billion and
//! $4.13 billion." gives the revenue the third quarter.

use qbrief_model::{Period, PeriodSpan};

use super::bases::without_bases;
use super::cues::{FORWARD, PAST_GUIDANCE, YOY};
use super::named_period::named_period;
use super::period::period_mentions;
use super::words::contains_word;

/// How many sentences back an outlook's period is looked for.
const REACH: usize = 6;

/// The quarter the outlook in force speaks of, from `earlier` (the same
/// speaker's previous sentences, nearest first): that of the nearest one
/// that names a period, when it looks ahead and names only a quarter after
/// the call's. A year or a half is no guide (outlooks move from the year
/// to its halves and back, and undated guidance is the year's anyway), nor
/// is a sentence of results ("the strength of our first quarter results
/// gave us the confidence to raise our 2021 guidance").
pub(crate) fn outlook<'t>(earlier: impl Iterator<Item = &'t str>, doc: Period) -> Option<Period> {
    for sentence in earlier.take(REACH) {
        let lower = without_bases(&sentence.to_ascii_lowercase());
        let forward = looks_ahead(&lower);
        let Some(p) = named_period(&lower, doc, forward) else {
            continue;
        };
        let quarters: Vec<Period> = period_mentions(&lower, doc, forward)
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        let only_that_quarter = matches!(p.span(), PeriodSpan::Quarter(_))
            && quarters.iter().all(|q| *q == p)
            && !names_a_year(&lower, p.year());
        return (forward && only_that_quarter && p > doc).then_some(p);
    }
    None
}

/// Whether a sentence names a year besides its comparisons ("year over
/// year", "prior year") and the quarter's own ("the first quarter of 2025").
fn names_a_year(lower: &str, quarter_year: i32) -> bool {
    let mut text = lower.to_string();
    for cue in YOY {
        text = text.replace(cue, " ");
    }
    ["year", "annual", "fiscal"]
        .iter()
        .any(|w| contains_word(&text, w))
        || text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .any(|w| {
                w.parse::<i32>()
                    .is_ok_and(|y| (1990..=2100).contains(&y) && y != quarter_year)
            })
}

/// Whether a sentence looks ahead: forward-looking words, and no word of
/// guidance already met.
fn looks_ahead(lower: &str) -> bool {
    FORWARD.iter().any(|w| contains_word(lower, w))
        && !PAST_GUIDANCE.iter().any(|w| lower.contains(w))
}
