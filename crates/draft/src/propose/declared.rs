//! The basis a call declares for the figures it goes on to give: "my
//! remarks today will focus on our adjusted non-GAAP results unless
//! otherwise stated", "our comments will be on a non-GAAP basis, unless
//! they are specifically called out as GAAP". A figure named without a
//! flavour after such a sentence is in that flavour; the usual notice that
//! the call "will also discuss certain non-GAAP financial measures" declares
//! nothing.

use super::words::{contains_word, find_word, word_boundary};

/// Words that make a sentence about the call's own remarks say which basis
/// they are on.
const DECLARING: &[&str] = &[
    "unless otherwise",
    "unless stated otherwise",
    "unless noted otherwise",
    "comments will",
    "remarks will",
    "focus on",
    "focus primarily on",
    "primarily focus on",
    "referring to",
    "will be on",
    "lead numbers",
    "reference these",
    "begin with our",
];

/// Words of a flavoured basis.
const FLAVOURED: &[&str] = &["adjusted", "non-gaap", "non gaap"];

/// What a basis is of: "adjusted results", "a non-GAAP basis", "adjusted
/// performance"; "we'll refer to adjusted EBITDA" names one measure.
const OF_REMARKS: &[&str] = &[
    "results",
    "basis",
    "performance",
    "measures",
    "figures",
    "numbers",
    "amounts",
    "terms",
    "financials",
];

/// Words that make the sentence a notice of some measures, not a basis:
/// "we will refer to certain non-GAAP measures, including adjusted EPS".
const SOME: &[&str] = &["certain", "some", "including", "reconciliation"];

/// Whether `sentence` declares the remarks that follow to be on an
/// adjusted basis: it says what the remarks are on, names a flavoured
/// basis ("adjusted results", not "adjusted EBITDA") before any GAAP one,
/// and does not only announce some measures.
pub(crate) fn declares_adjusted(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    if !DECLARING.iter().any(|w| lower.contains(w)) || SOME.iter().any(|w| contains_word(&lower, w))
    {
        return false;
    }
    let Some(flavoured) = FLAVOURED
        .iter()
        .filter_map(|w| find_word(&lower, w).map(|p| (p, p + w.len())))
        .filter(|(_, end)| {
            lower[*end..]
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .filter(|w| !w.is_empty())
                .take(4)
                .any(|w| OF_REMARKS.contains(&w))
        })
        .map(|(p, _)| p)
        .min()
    else {
        return false;
    };
    let gaap = lower
        .match_indices("gaap")
        .map(|(p, _)| p)
        .filter(|&p| !lower[..p].ends_with("non-") && !lower[..p].ends_with("non "))
        .filter(|&p| word_boundary(&lower, p, p + 4))
        .min();
    gaap.is_none_or(|g| flavoured < g)
}
