//! Periods and guidance in the sentence table: the quarter an outlook
//! speaks of, the year ahead, comparisons inside one sentence.

use super::check_in;

#[test]
fn the_quarter_of_the_outlook_in_force() {
    // A heading names the quarter; the guidance after it names none.
    check_in(
        "2021-Q2",
        "Turning to our third quarter guidance. We expect revenue between $4.08 billion and $4.13 billion. Non-GAAP earnings per share is expected to be $0.88 to $0.93.",
        &[
            "revenue 2021-Q3 $4.08B to $4.13B guidance",
            "adjusted_eps 2021-Q3 $0.88 to $0.93/share guidance",
        ],
    );
    check_in(
        "2021-Q1",
        "For Q2, we expect organic sales growth of approximately 4%. Adjusted earnings per share is expected to be $0.69 per share.",
        &[
            "organic_revenue.yoy 2021-Q2 about +4% guidance",
            "adjusted_eps 2021-Q2 $0.69/share guidance",
        ],
    );
}

#[test]
fn outlook_traps() {
    // Results of the quarter reported are no outlook.
    check_in(
        "2021-Q1",
        "The strength of our first quarter results gave us the confidence to raise our 2021 guidance. We expect revenue of $4.6 billion.",
        &["revenue 2021-FY $4.6B guidance"],
    );
    // A quarter named beside the year is an aside of the year's outlook.
    check_in(
        "2021-Q1",
        "Earnings per share for the year is expected to be $2.06 to $2.16, including a benefit early in the second quarter. Adjusted EPS is expected to be $2 to $2.10.",
        &[
            "eps_diluted 2021-FY $2.06 to $2.16/share guidance",
            "adjusted_eps 2021-FY $2 to $2.10/share guidance",
        ],
    );
    // A half is no guide either.
    check_in(
        "2021-Q1",
        "We expect operating margin of 14% for the second half. We expect interest expense of $13 million.",
        &[
            "operating_margin 2021-H2 14% guidance",
            "interest_expense 2021-FY $13M guidance",
        ],
    );
    // An earlier quarter than the call's, looked ahead from, is past; only
    // the quarters just past a fourth-quarter call are next year's.
    check_in(
        "2021-Q2",
        "Consistent with our communication in the first quarter, we continue to expect SG&A of $240 million. We expect capital expenditures of $110 million.",
        &[
            "? 2021-Q1 $240M guidance",
            "capex 2021-FY $110M guidance",
        ],
    );
}

#[test]
fn what_follows_a_comparison_or_an_aside_is_not_the_figures_period() {
    check_in(
        "2020-Q1",
        "Excluding special items, net income was $143 million or $1.50 per share compared to the first quarter of 2019 net income of $187 million.",
        &[
            "adjusted_net_income 2020-Q1 $143M",
            "adjusted_eps 2020-Q1 $1.50/share",
            "adjusted_net_income 2019-Q1 $187M",
        ],
    );
    check_in(
        "2021-Q1",
        "Earnings per share for the year is expected to be $2.06 to $2.16, including a benefit early in the second quarter.",
        &["eps_diluted 2021-FY $2.06 to $2.16/share guidance"],
    );
}

#[test]
fn guidance_restated() {
    check_in(
        "2021-Q2",
        "We are reaffirming our adjusted earnings per share range of $1.50 to $1.58.",
        &["adjusted_eps 2021-FY $1.50 to $1.58/share guidance"],
    );
    check_in(
        "2021-Q2",
        "We are raising our full-year revenue to a range of $6.15 billion to $6.21 billion.",
        &["revenue 2021-FY $6.15B to $6.21B guidance"],
    );
    // Prior guidance named after the figure as its base leaves it the new
    // guidance; named before it, the figure is the prior guidance, which
    // is no figure of this call: it stays unplaced.
    check_in(
        "2021-Q2",
        "Capex is expected to be $40 million to $50 million down from prior guidance of $50 million to $60 million.",
        &[
            "capex 2021-FY $40M to $50M guidance",
            "? 2021-Q2 $50M to $60M",
        ],
    );
}

#[test]
fn guidance_traps() {
    // A raise of a dividend names no year: no guidance.
    check_in(
        "2021-Q2",
        "We are raising our quarterly dividend to $0.39 per share.",
        &["dividend_per_share 2021-Q2 $0.39/share"],
    );
    check_in(
        "2021-Q2",
        "We beat our guidance with revenue of $80 million.",
        &["revenue 2021-Q2 $80M"],
    );
}

#[test]
fn periods_named_before_a_figure() {
    // The figure a change reaches from a base is the current one.
    check_in(
        "2021-Q1",
        "Earnings per share declined $0.16 from the prior year to $0.19 per diluted share.",
        &[
            "eps_diluted 2020-Q1 $0.16/share",
            "eps_diluted 2021-Q1 $0.19/share",
        ],
    );
    // A period named in an earlier clause is not the figure's when its own
    // clause names one.
    check_in(
        "2022-Q1",
        "We had a strong start to our fiscal year, reporting earnings of $2.55 a share in Q1 versus $11.22 in the prior-year quarter.",
        &["eps_diluted 2022-Q1 $2.55/share", "eps_diluted 2021-Q1 $11.22/share"],
    );
    // A comparison inside one sentence: the second figure is the base's.
    check_in(
        "2021-Q1",
        "Earnings per share was $1.10 versus $1.05 a year ago.",
        &[
            "eps_diluted 2021-Q1 $1.10/share",
            "eps_diluted 2020-Q1 $1.05/share",
        ],
    );
}

#[test]
fn the_period_named_nearest_the_figure_is_its_own() {
    check_in(
        "2021-Q1",
        "On strong first quarter results, we raised our full year adjusted earnings per share outlook to about $3.20.",
        &["adjusted_eps 2021-FY about $3.20/share guidance"],
    );
    check_in(
        "2021-Q2",
        "With our first half behind us, we expect the fourth quarter of 2021 revenue to be $90 million.",
        &["revenue 2021-Q4 $90M guidance"],
    );
}

#[test]
fn the_basis_named_first_is_the_changes() {
    check_in(
        "2021-Q1",
        "Gross margin was up 60 basis points from the prior year, the best sequential improvement in years.",
        &["gross_margin.yoy 2021-Q1 +60 bps"],
    );
}

#[test]
fn a_linked_quarter_and_the_year_ago_quarter_are_bases() {
    check_in(
        "2021-Q3",
        "Revenue increased 6 percent in the linked quarter, driven by loan growth.",
        &["revenue.qoq 2021-Q3 +6%"],
    );
    check_in(
        "2021-Q3",
        "Gross margin was 45 basis points higher than the year-ago quarter.",
        &["gross_margin.yoy 2021-Q3 +45 bps"],
    );
}

#[test]
fn forecasting_looks_ahead() {
    check_in(
        "2021-Q3",
        "We are forecasting earnings per share in the fourth quarter to be in the range of $1.99 to $2.07.",
        &["eps_diluted 2021-Q4 $1.99 to $2.07/share guidance"],
    );
}

#[test]
fn the_year_a_fourth_quarter_call_closes() {
    check_in(
        "2021-Q4",
        "For 2021, we reported earnings of $3.10 per share.",
        &["eps_diluted 2021-FY $3.10/share"],
    );
}

#[test]
fn a_second_change_that_names_only_its_basis() {
    check_in(
        "2021-Q3",
        "Revenue was down 2% from the second quarter and 11% year-over-year.",
        &["revenue.qoq 2021-Q3 -2%", "revenue.yoy 2021-Q3 -11%"],
    );
}

#[test]
fn a_hyphenated_quarter_with_its_year_is_the_quarter() {
    check_in(
        "2020-Q4",
        "Our 2020 fourth-quarter revenue was $52 million. We recorded fourth-quarter 2020 net income of $7 million.",
        &["revenue 2020-Q4 $52M", "net_income 2020-Q4 $7M"],
    );
}

#[test]
fn a_range_without_a_forward_word_is_guidance() {
    check_in(
        "2021-Q2",
        "For the full year, that comes to revenue of $3.1 billion to $3.3 billion.",
        &["revenue 2021-FY $3.1B to $3.3B guidance"],
    );
}

#[test]
fn the_date_that_closes_a_quarter_is_no_year_of_its_own() {
    check_in(
        "2020-Q4",
        "For the fourth quarter ended December 31, 2020, revenue was $52 million.",
        &["revenue 2020-Q4 $52M"],
    );
}

#[test]
fn a_year_compared_with_is_no_figure_period() {
    // "lower than 2023", "versus 2023": the base the outlook is measured
    // against, not the period of the figure after it.
    check_in(
        "2024-Q1",
        "For 2024, we expect expenses to remain lower than 2023; free cash flow of about $300 million.",
        &["free_cash_flow 2024-FY about $300M guidance"],
    );
    check_in(
        "2024-Q1",
        "We expect demand to grow versus 2023; net sales of between $2.1 billion and $2.3 billion.",
        &["revenue 2024-FY $2.1B to $2.3B guidance"],
    );
}
