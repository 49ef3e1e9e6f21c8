//! Whether a figure is guidance: forward-looking language before it or in
//! the rest of its own clause, guidance restated ("we are reaffirming our
//! full-year range", "raising our 2021 outlook"), and not guidance once
//! given ("we beat our guidance by $2M").

use super::cues::{FORWARD, PAST_GUIDANCE, RESTATING};
use super::words::contains_word;

/// Whether the figure between `before` and `own_clause` (the rest of its
/// clause) looks ahead. Guidance once given, named after the figure as the
/// base it moved from ("$2.84 to $3.14, increased from prior guidance of
/// $2.38"), leaves the figure the new guidance.
pub(super) fn is_forward(before: &str, own_clause: &str) -> bool {
    let ahead = FORWARD
        .iter()
        .any(|w| contains_word(before, w) || contains_word(own_clause, w))
        || restates_a_year(before);
    let past = |text: &str, as_base: bool| {
        PAST_GUIDANCE.iter().any(|w| {
            text.match_indices(w).any(|(p, _)| {
                let head = text[..p].trim_end();
                !as_base
                    || !["from", "versus", "vs", "vs.", "to", "over", "than", "of"]
                        .iter()
                        .any(|b| {
                            head.ends_with(b) && contains_word(&head[head.len() - b.len()..], b)
                        })
            })
        })
    };
    ahead && !past(before, false) && !past(own_clause, true)
}

/// Whether a verb that restates guidance stands before the figure with the
/// year it is for: "we are raising our full-year adjusted EPS to", "we're
/// narrowing our 2021 range to".
fn restates_a_year(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().collect();
    words.iter().enumerate().any(|(i, w)| {
        RESTATING.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))
            && words[i + 1..].iter().take(3).any(|y| {
                let y = y.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                y.starts_with("full-year")
                    || matches!(y, "full" | "fiscal" | "annual" | "year")
                    || (y.len() == 4
                        && y.starts_with("20")
                        && y.bytes().all(|b| b.is_ascii_digit()))
            })
    })
}
