//! Figures of a summary line the evaluator leaves out rather than guess:
//! a sub-line of the company (a segment, region, channel or product named
//! before the metric), a component of a figure (a currency tailwind, an
//! item inside EPS), a share of another metric ("30.3% of revenue"), an
//! amount of change ("increased $451 million"), a change against a base
//! other than the year-ago or previous period (2019, a two-year stack),
//! trends to date, and long-term targets.

use qbrief_model::Period;

use super::tokens::Token;

/// Words that may stand between a line's anchor (its period, verb or
/// company) and a metric's name without making it a sub-line.
const NEUTRAL: &[&str] = &[
    "a",
    "an",
    "the",
    "its",
    "our",
    "of",
    "for",
    "in",
    "on",
    "at",
    "to",
    "be",
    "and",
    "or",
    "with",
    "by",
    "as",
    "was",
    "were",
    "is",
    "are",
    "now",
    "also",
    "still",
    "currently",
    "company",
    "co",
    "compname",
    "reports",
    "reported",
    "posts",
    "says",
    "said",
    "qtrly",
    "quarterly",
    "quarter",
    "first",
    "second",
    "third",
    "fourth",
    "fy",
    "full",
    "full-year",
    "year",
    "fiscal",
    "annual",
    "total",
    "consolidated",
    "diluted",
    "basic",
    "gaap",
    "non-gaap",
    "adjusted",
    "adj",
    "core",
    "organic",
    "comparable",
    "comp",
    "same-store",
    "same",
    "store",
    "constant",
    "currency",
    "constant-currency",
    "net",
    "operating",
    "reported",
    "results",
    "guidance",
    "outlook",
    "range",
    "its",
    "#",
    "#date",
    ",",
    "-",
    "inc",
    "corp",
    "ltd",
    "normalized",
    "underlying",
    "excluding",
    "items",
    "continuing",
    "operations",
    "from",
    "record",
    "fiscal-year",
    "full-year",
];

/// Words after which a metric's name belongs to the figure: periods,
/// verbs of guidance and reporting.
fn is_anchor(word: &str, guidance: &[&str]) -> bool {
    guidance.contains(&word)
        || matches!(
            word,
            "q1" | "q2"
                | "q3"
                | "q4"
                | "qtrly"
                | "quarterly"
                | "fy"
                | "#"
                | "reports"
                | "posts"
                | "says"
                | "-"
                | ","
        )
        || word.ends_with("-quarter")
}

/// Whether the words before a metric's name (from the segment's start to
/// `name_at`) qualify it as a sub-line: a word that is neither neutral nor
/// before the line's last anchor.
pub fn qualified(words: &[&str], name_at: usize, guidance: &[&str]) -> bool {
    let start = words[..name_at]
        .iter()
        .rposition(|w| is_anchor(w, guidance))
        .map_or(0, |a| a + 1);
    words[start..name_at].iter().any(|w| !NEUTRAL.contains(w))
}

/// Whether the words around a figure make it a component, a share of
/// another metric ("30.3% of revenue"), or an amount of change.
pub fn component(before: &[&str], after: &[&str], money: bool, percent: bool) -> bool {
    let part_of = |w: &&str| {
        matches!(
            *w,
            "tailwind"
                | "tailwinds"
                | "headwind"
                | "headwinds"
                | "impact"
                | "benefit"
                | "contribution"
                | "contributed"
                | "included"
                | "includes"
                | "drag"
        )
    };
    let change_amount = money
        && before.last().is_some_and(|w| {
            matches!(
                *w,
                "increased"
                    | "decreased"
                    | "rose"
                    | "fell"
                    | "grew"
                    | "declined"
                    | "up"
                    | "down"
                    | "by"
                    | "improved"
                    | "dropped"
                    | "gained"
            )
        });
    before.iter().any(part_of)
        || after.iter().take(4).any(part_of)
        || change_amount
        || (percent && after.first() == Some(&"of"))
}

/// Whether a change in this clause is against a base other than the year
/// ago or the previous quarter, measured to date, or a long-term target.
pub fn odd_base(words: &[&str], clause: &[Token], call: Period) -> bool {
    let stacked = words.iter().any(|w| {
        matches!(
            *w,
            "two-year"
                | "2-year"
                | "three-year"
                | "3-year"
                | "stacked"
                | "to-date"
                | "quarter-to-date"
                | "year-to-date"
                | "through"
                | "long-term"
                | "cagr"
        )
    });
    let word = |k: usize| match clause.get(k) {
        Some(Token::Word(w)) => w.as_str(),
        _ => "",
    };
    let year = |k: usize| match clause.get(k) {
        Some(Token::Year(y)) => Some(*y),
        _ => None,
    };
    let old_base = (0..clause.len()).any(|i| {
        matches!(word(i), "versus" | "vs" | "compared" | "from" | "over")
            && (1..=4).any(|k| year(i + k).is_some_and(|y| y < call.year() - 1))
    });
    let far_target = (0..clause.len()).any(|i| {
        matches!(word(i), "by" | "through") && year(i + 1).is_some_and(|y| y > call.year() + 1)
    });
    stacked || old_base || far_target
}
