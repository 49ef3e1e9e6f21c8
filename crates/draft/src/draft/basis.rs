//! The basis a call speaks on for a measure it names only in its adjusted
//! form: "we set records in sales and adjusted earnings per share", then
//! "earnings of $1.15 per diluted share". A call that names a measure
//! adjusted (outside its notices about non-GAAP measures) and never gives
//! an adjusted figure that differs from the plain one for the same period
//! reports that measure adjusted throughout: its plain-named figures move
//! to the adjusted sibling. A sentence that says GAAP or "reported" keeps
//! its figure plain.

use std::ops::Range;

use qbrief_model::{Figure, Period, Vocabulary};

use crate::propose::adjusted_sibling;

/// What the rule reads of a candidate, and its metric to move.
pub(super) struct Placed<'c> {
    /// The metric id, moved to the adjusted sibling when the rule holds.
    pub metric: &'c mut Option<String>,
    /// The period.
    pub period: Period,
    /// Whether it is guidance.
    pub guidance: bool,
    /// The value.
    pub figure: &'c Figure,
    /// The byte range of its sentence in the text.
    pub sentence: Range<usize>,
}

/// Words of a sentence about measures rather than results: the usual notice
/// that the call "will discuss non-GAAP measures such as adjusted EPS".
const NOTICE: &[&str] = &["gaap", "reconcil", "measure", "definition", "defined"];

/// Words that keep a figure in its plain (reported) flavour.
const PLAIN: &[&str] = &["gaap", "reported", "unadjusted"];

/// Moves to its adjusted sibling each plain figure of a measure the call
/// speaks of adjusted (see the module).
pub(super) fn speak_adjusted(
    text: &str,
    vocabulary: &Vocabulary,
    names: &[Vec<String>],
    placed: &mut [Placed<'_>],
) {
    let lower = text.to_ascii_lowercase();
    let pairs: Vec<(usize, usize)> = (0..vocabulary.metrics.len())
        .filter_map(|i| adjusted_sibling(vocabulary, names, i).map(|f| (i, f)))
        .filter(|&(_, f)| names_outside_notices(&lower, &names[f]))
        .collect();
    for (plain, adjusted) in pairs {
        let plain_id = vocabulary.metrics[plain].id.as_str();
        let adjusted_id = vocabulary.metrics[adjusted].id.as_str();
        let moves: Vec<(usize, String)> = placed
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let suffix = c.metric.as_deref().and_then(|m| suffix_of(m, plain_id))?;
                let sentence = &lower[c.sentence.clone()];
                if PLAIN.iter().any(|w| holds_plain_word(sentence, w)) {
                    return None;
                }
                let wanted = format!("{adjusted_id}{suffix}");
                let differs = placed.iter().any(|o| {
                    o.metric.as_deref() == Some(wanted.as_str())
                        && o.period == c.period
                        && o.guidance == c.guidance
                        && o.figure != c.figure
                });
                (!differs).then_some((i, wanted))
            })
            .collect();
        for (i, wanted) in moves {
            *placed[i].metric = Some(wanted);
        }
    }
}

/// `metric` less `id` when it is `id` or one of its changes (`.yoy`).
fn suffix_of<'m>(metric: &'m str, id: &str) -> Option<&'m str> {
    let rest = metric.strip_prefix(id)?;
    (rest.is_empty() || rest.starts_with('.')).then_some(rest)
}

/// Whether `sentence` holds `word` as a word of its own ("gaap", not
/// "non-gaap").
fn holds_plain_word(sentence: &str, word: &str) -> bool {
    sentence.match_indices(word).any(|(p, _)| {
        let before = &sentence[..p];
        let end = p + word.len();
        !before.ends_with(|c: char| c.is_ascii_alphanumeric())
            && !before.ends_with("non-")
            && !before.ends_with("non ")
            && !sentence[end..].starts_with(|c: char| c.is_ascii_alphanumeric())
    })
}

/// Whether one of `names` stands, as words, in a sentence of `lower` that
/// is no notice about measures and holds no figure ("compared with
/// adjusted EPS of $2.17 last year" speaks of another period).
fn names_outside_notices(lower: &str, names: &[String]) -> bool {
    lower
        .split(['.', '\n', '?', '!'])
        .filter(|s| !NOTICE.iter().any(|w| s.contains(w)))
        .filter(|s| !s.contains(|c: char| c.is_ascii_digit()))
        .any(|s| {
            names.iter().any(|n| {
                s.match_indices(n.as_str()).any(|(p, _)| {
                    !s[..p].ends_with(|c: char| c.is_ascii_alphanumeric())
                        && !s[p + n.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
                })
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric_of(text: &str, value: &str) -> Option<String> {
        let vocabulary = Vocabulary::builtin(&["base"], qbrief_model::Currency::USD);
        let d = crate::draft(text, "2024-Q3".parse().unwrap(), 12, &vocabulary, &[]);
        d.candidates
            .into_iter()
            .find(|c| c.value == value)
            .and_then(|c| c.metric)
    }

    #[test]
    fn a_call_that_names_only_adjusted_eps_reports_it_adjusted() {
        let text = "Jo Doe:\nWe set new highs for orders and adjusted earnings per share.\n\
                    That gave earnings of $2.10 per diluted share, up 9%.\n";
        assert_eq!(
            metric_of(text, "$2.10/share").as_deref(),
            Some("adjusted_eps")
        );
    }

    #[test]
    fn a_gaap_sentence_or_a_different_adjusted_figure_stays_plain() {
        let gaap = "Jo Doe:\nWe set new highs for orders and adjusted earnings per share.\n\
                    On a GAAP basis, earnings were $2.10 per diluted share.\n";
        assert_eq!(
            metric_of(gaap, "$2.10/share").as_deref(),
            Some("eps_diluted")
        );
        let both = "Jo Doe:\nWe set new highs for orders and adjusted earnings per share.\n\
                    Earnings were $2.10 per diluted share.\n\
                    Adjusted earnings per share were $2.40.\n";
        assert_eq!(
            metric_of(both, "$2.10/share").as_deref(),
            Some("eps_diluted")
        );
    }

    #[test]
    fn a_suffix_is_a_change_of_the_metric() {
        assert_eq!(suffix_of("eps_diluted", "eps_diluted"), Some(""));
        assert_eq!(suffix_of("eps_diluted.yoy", "eps_diluted"), Some(".yoy"));
        assert_eq!(suffix_of("eps_diluted_x", "eps_diluted"), None);
    }

    #[test]
    fn gaap_is_plain_but_non_gaap_is_not() {
        assert!(holds_plain_word("on a gaap basis we earned $1", "gaap"));
        assert!(!holds_plain_word("non-gaap earnings were $1", "gaap"));
        assert!(!holds_plain_word("the non gaap figure", "gaap"));
    }

    #[test]
    fn a_notice_names_no_basis() {
        let names = vec!["adjusted earnings per share".to_string()];
        let notice = "we will discuss non-gaap measures such as adjusted earnings per share.";
        assert!(!names_outside_notices(notice, &names));
        let headline = "we set records for sales and adjusted earnings per share.";
        assert!(names_outside_notices(headline, &names));
    }
}
