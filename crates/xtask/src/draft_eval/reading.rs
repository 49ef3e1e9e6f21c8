//! How a summary line's words read one figure: its flavour, its kind as the
//! metric family takes it, whether it is a level or a change (and which),
//! and its direction.

use qbrief_model::Period;

use super::period::base_is_previous_quarter;
use super::tokens::{Figure, Kind, Token};
use super::vocabulary::{is_rate, needs_per_share, Family, Flavour, Measure, FLAVOUR_WORDS};

/// Words of a fall.
pub const DOWN: &[&str] = &[
    "down",
    "fell",
    "fall",
    "falls",
    "decline",
    "declined",
    "declines",
    "decrease",
    "decreased",
    "decreases",
    "lower",
    "drop",
    "dropped",
    "drops",
    "contracted",
    "contraction",
    "negative",
];
/// Words of a rise.
pub const UP: &[&str] = &[
    "up",
    "rose",
    "rise",
    "rises",
    "increase",
    "increased",
    "increases",
    "grew",
    "growth",
    "higher",
    "gain",
    "gained",
    "improved",
    "improvement",
    "expanded",
    "expansion",
];

/// The strongest flavour among the words before the figure and those right
/// after it, up to the next name or "and".
pub fn flavour_of(before: &[&str], after: &[&str]) -> Flavour {
    let stop = after
        .iter()
        .position(|w| matches!(*w, "and" | "," | "versus" | "vs"))
        .unwrap_or(after.len());
    let mut words: Vec<&str> = before.to_vec();
    words.extend(&after[..stop]);
    let mut flavour = Flavour::Gaap;
    for (i, word) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        let found = FLAVOUR_WORDS
            .iter()
            .find(|(w, _)| w == word)
            .map(|(_, f)| *f)
            .or(match (*word, next) {
                ("constant", "currency") => Some(Flavour::ConstantCurrency),
                ("same", "store") | ("like", "for") => Some(Flavour::Comparable),
                _ => None,
            });
        if let Some(f) = found {
            flavour = flavour.max(f);
        }
    }
    flavour
}

/// The figure's kind as the family reads it, or `None` when they clash (an
/// amount for a margin, dollars in an EPS line: an item inside it).
pub fn kind_of(figure: &Figure, family: Family, per_share: bool) -> Option<Kind> {
    match figure.kind {
        Kind::Percent => Some(Kind::Percent),
        Kind::Money | Kind::PerShare if is_rate(family) => None,
        Kind::Money | Kind::PerShare if needs_per_share(family) && !per_share => None,
        Kind::Money | Kind::PerShare => Some(if per_share {
            Kind::PerShare
        } else {
            Kind::Money
        }),
        Kind::Count => None,
    }
}

/// Whether a percentage is a level or a change, and which change: words of
/// direction near it (after it only when no figure follows: "12.3%, up 90
/// bps"), basis points, and "sequential" or a previous-quarter base.
pub fn measure_of(
    figure: &Figure,
    family: Family,
    before: &[&str],
    after: &[&str],
    clause: (&[&str], &[Token]),
    last: bool,
    call: Period,
) -> Measure {
    if figure.kind != Kind::Percent {
        return Measure::Level;
    }
    let near_before = &before[before.len().saturating_sub(4)..];
    let near_after = if last {
        &after[..after.len().min(2)]
    } else {
        &[]
    };
    // "increased to 15.9%" is the new level of a rate.
    let new_level = matches!(before, [.., w, "to"] if DOWN.contains(w) || UP.contains(w));
    if new_level && is_rate(family) && !figure.bps {
        return Measure::Level;
    }
    let changes = figure.bps
        || near_before
            .iter()
            .chain(near_after)
            .any(|w| DOWN.contains(w) || UP.contains(w) || *w == "by")
        || !is_rate(family);
    let growth_flavour = matches!(
        flavour_of(before, after),
        Flavour::Organic | Flavour::ConstantCurrency | Flavour::Comparable
    );
    if !changes
        || (family == Family::Revenue && growth_flavour)
        || family == Family::SamePropertyNoi
    {
        return if changes && is_rate(family) && family != Family::SamePropertyNoi {
            Measure::Yoy
        } else {
            Measure::Level
        };
    }
    let sequential = clause.0.iter().any(|w| {
        matches!(
            *w,
            "sequential"
                | "sequentially"
                | "q-o-q"
                | "qoq"
                | "quarter-over-quarter"
                | "linked-quarter"
        )
    }) || clause.0.windows(2).any(|w| {
        matches!(
            w,
            [
                "prior" | "previous" | "last" | "linked" | "preceding",
                "quarter"
            ]
        )
    }) || base_is_previous_quarter(clause.1, call);
    if sequential {
        Measure::Qoq
    } else {
        Measure::Yoy
    }
}

/// The nearest word of direction before the figure in its clause (within
/// ten words, as in "decreased $451 million, or 12%"), else just after it.
pub fn declines(before: &[&str], after: &[&str]) -> bool {
    let near_before = &before[before.len().saturating_sub(10)..];
    let direction = near_before
        .iter()
        .rev()
        .chain(after.iter().take(2))
        .find(|w| DOWN.contains(w) || UP.contains(w));
    direction.is_some_and(|w| DOWN.contains(w))
}
