//! Numbers that are no company figure, and what the confidence says.

use super::*;

/// The confidence of each candidate of `sentence`, in order.
#[track_caller]
fn confidences(sentence: &str) -> Vec<Decimal> {
    draft(sentence, "2024-Q3".parse().unwrap(), 12, &vocabulary(), &[])
        .candidates
        .iter()
        .map(|c| c.confidence)
        .collect()
}

#[test]
fn numbers_that_are_part_of_a_name() {
    // Ways of speaking: a model number after a capitalised word, a number
    // hyphenated to a word or to another number.
    check(
        "Revenue grew with the launch of the Avalon Nano 3 heater.",
        &["? 2024-Q3 3"],
    );
    check(
        "Revenue rose as BRC-20 activity lifted rewards.",
        &["? 2024-Q3 20"],
    );
    check(
        "Please see our most recent 10-K for revenue details.",
        &["? 2024-Q3 10"],
    );
    check("We sold 40-foot mining containers.", &["? 2024-Q3 40"]);
    // Traps: a figure after a month, at the start of a sentence, with a
    // unit or a currency, or a range, stays a figure.
    check("Revenue was $73.6 million.", &["revenue 2024-Q3 $73.6M"]);
    check(
        "Revenue grew 15% to $80 million.",
        &["revenue.yoy 2024-Q3 +15%", "revenue 2024-Q3 $80M"],
    );
}

#[test]
fn a_count_of_something_no_metric_measures() {
    // The noun a bare number counts must be one its metric names.
    check(
        "Miners were sold to fewer than 10 companies worldwide.",
        &["? 2024-Q3 10"],
    );
    check(
        "Deliveries start next week with 3,000 miners.",
        &["machines_sold 2024-Q3 3,000"],
    );
}

#[test]
fn confidence_follows_the_evidence() {
    // A name right before the figure is surer than one far before it.
    let near = confidences("Revenue was $73.6 million.");
    let far = confidences(
        "Revenue, helped by the strong demand we saw across several of our markets, was $73.6 million.",
    );
    assert!(near[0] > far[0], "{near:?} {far:?}");
    // Guidance is less sure than a reported figure.
    let reported = confidences("Revenue was $73.6 million in the quarter.");
    let guided = confidences("We expect revenue of $80 million next quarter.");
    assert!(reported[0] > guided[0], "{reported:?} {guided:?}");
    // No metric: the lowest band.
    assert_eq!(
        confidences("We sold 40-foot containers."),
        [Decimal::new(5, 2)]
    );
}
