//! Multiplicative words in the sentence table: figures when they multiply
//! something, nothing in idioms.

use super::{check, vocabulary};

#[test]
fn multiples_that_multiply_something() {
    check("Revenue doubled.", &["revenue.yoy 2024-Q3 +100%"]);
    check(
        "Revenue more than doubled to $80 million.",
        &["revenue.yoy 2024-Q3 over +100%", "revenue 2024-Q3 $80M"],
    );
    check(
        "Revenue tripled year over year.",
        &["revenue.yoy 2024-Q3 +200%"],
    );
    check("Sales were up twofold.", &["revenue.yoy 2024-Q3 +100%"]);
    check(
        "Revenue grew threefold sequentially.",
        &["revenue.qoq 2024-Q3 +200%"],
    );
    check(
        "Revenue saw a fourfold increase.",
        &["revenue.yoy 2024-Q3 +300%"],
    );
    check(
        "This led to a 10-fold sequential increase in revenue.",
        &["revenue.qoq 2024-Q3 +900%"],
    );
    check(
        "We doubled our dividend per share.",
        &["dividend_per_share.yoy 2024-Q3 +100%"],
    );
    check(
        "Revenue nearly doubled.",
        &["revenue.yoy 2024-Q3 nearly +100%"],
    );
    // "doubling" as a noun multiplies what "of" or "in" names.
    check(
        "This was a more than doubling of revenue.",
        &["revenue.yoy 2024-Q3 over +100%"],
    );
    check("Net income halved.", &["net_income.yoy 2024-Q3 -50%"]);
    check(
        "Revenue saw a threefold decrease.",
        &["revenue.yoy 2024-Q3 -66.7%"],
    );
    // A capital opening a sentence is no name.
    check(
        "Doubled revenue lifted margins.",
        &["revenue.yoy 2024-Q3 +100%"],
    );
}

/// Multiplicative words in idioms multiply nothing: no figure, and no
/// number for coverage to account for.
#[test]
fn multiples_in_idioms() {
    for sentence in [
        "We are doubling down on our core markets this year.",
        "We doubled down on the amount of space in our warmer markets.",
        "We are tripling down on service.",
        "Please double-check the figures.",
        "Sales saw double-digit growth.",
        "It was a double whammy for the segment.",
        "Customers double click to order.",
        "We follow a two-fold approach.",
        "Our twofold strategy is working.",
        "Given this situation, our efforts are twofold.",
        "Our focus is threefold: people, plants and profit.",
        "We hold a triple-A rating.",
        "The new plant doubles as a warehouse.",
        "There is no double standard.",
        "He had a quadruple bypass.",
        "Brian Doubles will become our chief executive.",
        "We are doubling up existing trains.",
        "Demand grew after the halving.",
        "We follow a 2-fold approach.",
    ] {
        check(sentence, &[]);
        let found = crate::coverage(sentence, &vocabulary().units, &[]);
        assert!(found.unaccounted.is_empty(), "{sentence}: {found:?}");
    }
}
