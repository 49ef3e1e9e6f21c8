//! Who says a figure, and what the previous sentence may lend it.

use super::*;

#[test]
fn an_analysts_figure_in_a_question_is_no_company_figure() {
    let text = "Operator:\nOur first question comes from Pat Lee with Acme Securities.\n\
        Pat Lee:\nYou said revenue was about $80 million; is that the run rate?\n\
        Jo Doe:\nYes. Revenue was $81 million in the quarter.\n";
    let d = draft(text, "2024-Q3".parse().unwrap(), 12, &vocabulary(), &[]);
    let got: Vec<(Option<&str>, &str)> = d
        .candidates
        .iter()
        .map(|c| (c.metric.as_deref(), c.value.as_str()))
        .collect();
    assert_eq!(got, [(None, "about $80M"), (Some("revenue"), "$81M")]);
}

#[test]
fn only_a_sentence_that_refers_back_borrows_the_previous_ones_metric() {
    check(
        "Revenue was strong in the quarter. It was $12 million.",
        &["revenue 2024-Q3 $12M"],
    );
    check(
        "Revenue was strong in the quarter. Our team in Ohio closed $12 million.",
        &["? 2024-Q3 $12M"],
    );
}
