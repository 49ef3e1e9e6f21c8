//! A range is an outlook: results are stated as one number, guidance as a
//! span ("revenue of $4.08 billion to $4.13 billion", "earnings per share
//! of between $2.90 and $3.20"), so a range is guidance even when its
//! sentence has no forward word ("This translates into revenue of $16.6
//! billion to $16.8 billion"). A range the sentence gives as guidance once
//! given ("our previous guidance was $480 million to $500 million") is not.

use qbrief_model::{Figure, Qualifier};

use super::cues::PAST_GUIDANCE;

/// Words that make a range a span of past results or of a state, not an
/// outlook: "ranged from", "the price remained at $28,000 to $30,000",
/// "efficiency reached 25 to 30 joules", "usually 2-3 models a year"; an
/// estimate recalled ("as a reminder, we estimated savings of ...") is the
/// figure of its day, not a new outlook.
const NOT_AHEAD: &[&str] = &[
    "ranged",
    "remained",
    "settled",
    "reached",
    "usually",
    "as a reminder",
    "typically",
    "historically",
    "last year",
    "prior year",
    "a year ago",
    "was in the range",
    "were in the range",
];

/// Whether `figure`, in the sentence `lower`, is a range that looks ahead.
pub(super) fn range_looks_ahead(figure: &Figure, lower: &str) -> bool {
    figure.qualifier() == Qualifier::Range
        && !PAST_GUIDANCE.iter().any(|w| lower.contains(w))
        && !NOT_AHEAD.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use qbrief_model::{parse_value, UnitTable};

    fn ahead(value: &str, sentence: &str) -> bool {
        let figure = parse_value(value, &UnitTable::default()).unwrap();
        range_looks_ahead(&figure, sentence)
    }

    #[test]
    fn a_range_without_forward_words_is_an_outlook() {
        assert!(ahead(
            "$3.1B to $3.3B",
            "that comes to sales of $3.1 billion to $3.3 billion."
        ));
        assert!(!ahead("$3.1B", "that comes to sales of $3.1 billion."));
    }

    #[test]
    fn a_range_of_past_guidance_or_results_is_not() {
        assert!(!ahead(
            "$3.1B to $3.3B",
            "our previous guidance was for sales of $3.1 billion to $3.3 billion."
        ));
        assert!(!ahead(
            "$3M to $5M",
            "order sizes ranged from $3 million to $5 million."
        ));
        assert!(!ahead(
            "$40M to $45M",
            "inventory remained at $40 million to $45 million through the quarter."
        ));
    }
}
