//! What a period added to a balance: when the vocabulary declares
//! `<id>_added` beside a balance `<id>` ("Bitcoin newly pledged" beside
//! "Bitcoin pledged"), a figure that a verb of adding governs ("we pledged
//! 530 bitcoins", "we deployed 0.4 exahash") is the amount added, not the
//! balance; "a total of", "to" or "reaching" say the balance.

use qbrief_model::Metric;

use super::context::Context;
use super::words::last_words;

/// Verbs that add to a balance in the period.
const ADDING: [&str; 10] = [
    "added",
    "adding",
    "pledged",
    "deployed",
    "installed",
    "acquired",
    "purchased",
    "bought",
    "energized",
    "connected",
];

/// Words that make the figure the balance reached.
const LEVEL: [&str; 6] = ["total", "to", "reaching", "reached", "of", "now"];

/// The `_added` metric of `chosen` when the words right before the figure
/// (`before`, lowercase) add to it.
pub(super) fn added<'v>(cx: &Context<'v>, chosen: &Metric, before: &str) -> Option<&'v Metric> {
    let words = last_words(before, 3);
    let words: Vec<&str> = words.split(' ').collect();
    // The verb right before the figure, past a qualifier or "another".
    let verb_at = words.iter().rposition(|w| ADDING.contains(w))?;
    let after_verb = &words[verb_at + 1..];
    if after_verb.iter().any(|w| LEVEL.contains(w)) || after_verb.len() > 1 {
        return None;
    }
    cx.vocabulary
        .metric(&format!("{}_added", chosen.id))
        .map(AsRef::as_ref)
}

#[cfg(test)]
mod tests {
    use crate::draft;
    use qbrief_model::{Currency, Vocabulary};

    fn placed(sentence: &str) -> Vec<String> {
        let vocabulary = Vocabulary::builtin(&["bitcoin-mining"], Currency::USD);
        draft(sentence, "2024-Q3".parse().unwrap(), 12, &vocabulary, &[])
            .candidates
            .into_iter()
            .map(|c| format!("{} {}", c.metric.unwrap_or_else(|| "?".into()), c.value))
            .collect()
    }

    #[test]
    fn a_verb_of_adding_gives_the_amount_added() {
        assert_eq!(
            placed("In the quarter, we pledged 250 bitcoins for secured loans."),
            ["btc_pledged_added 250 BTC"]
        );
        assert_eq!(
            placed("Our bitcoin pledged reached a total of 900 bitcoins."),
            ["btc_pledged 900 BTC"]
        );
    }
}
