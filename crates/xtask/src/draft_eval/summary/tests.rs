//! Summary lines and what they assert, as a table.

use super::*;

/// `metric period guidance low..high` for each assertion, the first metric only.
#[track_caller]
fn check(line: &str, call: &str, expected: &[&str]) {
    let call: Period = call.parse().unwrap();
    let got: Vec<String> = read(line, call)
        .iter()
        .map(|a| {
            let value = if a.low == a.high {
                a.low.normalize().to_string()
            } else {
                format!("{}..{}", a.low.normalize(), a.high.normalize())
            };
            format!(
                "{} {} {}{}",
                a.metrics[0],
                a.period,
                if a.guidance { "guidance " } else { "" },
                value
            )
        })
        .collect();
    assert_eq!(got, expected, "{line}");
}

#[test]
fn results_of_the_quarter() {
    check(
        "q1 adjusted earnings per share $1.01 from continuing operations.",
        "2021-Q1",
        &["adjusted_eps 2021-Q1 1.01"],
    );
    check(
        "q1 gaap earnings per share $1.10 from continuing operations.",
        "2021-Q1",
        &["eps_diluted 2021-Q1 1.1"],
    );
    check(
        "q3 earnings per share $0.70 excluding items.",
        "2021-Q3",
        &["adjusted_eps 2021-Q3 0.7"],
    );
    check(
        "q3 core operating earnings per share $2.71.",
        "2021-Q3",
        &["core_eps 2021-Q3 2.71"],
    );
    check(
        "qtrly loss per share $0.57.",
        "2020-Q2",
        &["eps_diluted 2020-Q2 -0.57"],
    );
    check(
        "qtrly ffo per share $1.36.",
        "2021-Q3",
        &["ffo_per_share 2021-Q3 1.36"],
    );
    check(
        "q1 sales fell 9 percent to $302 million.",
        "2021-Q1",
        &["revenue.yoy 2021-Q1 -9", "revenue 2021-Q1 302000000"],
    );
    check(
        "qtrly comparable sales down 3.5%.",
        "2020-Q3",
        &["comparable_sales.yoy 2020-Q3 -3.5"],
    );
    check(
        "nii decreased $451 million, or 12%, to $3.4 billion; q2 operating eps $0.76.",
        "2021-Q2",
        &["adjusted_eps 2021-Q2 0.76"],
    );
    check(
        "gross margin increased 210 bps to 49.4 percent.",
        "2020-Q4",
        &["gross_margin.yoy 2020-Q4 2.1", "gross_margin 2020-Q4 49.4"],
    );
    check(
        "operating margin 12.3%, up 90 bps from the prior quarter.",
        "2020-Q4",
        &[
            "operating_margin 2020-Q4 12.3",
            "operating_margin.qoq 2020-Q4 0.9",
        ],
    );
    check(
        "operating revenue $32.9 billion, up 4.3 percent from third-quarter 2020.",
        "2021-Q3",
        &["revenue 2021-Q3 32900000000", "revenue.yoy 2021-Q3 4.3"],
    );
    check(
        "first quarter earnings results of $1.21 per share, reaffirms 2021 guidance.",
        "2021-Q1",
        &["eps_diluted 2021-Q1 1.21"],
    );
    check(
        "fy capex estimated to be $55-60 million.",
        "2021-Q3",
        &["capex 2021-FY guidance 55000000..60000000"],
    );
    check(
        "1q21 earnings per share 51 cents.",
        "2021-Q1",
        &["eps_diluted 2021-Q1 0.51"],
    );
    check(
        "compname reports q1 2021 net income of $3.3 bln, or $7.03 per share.",
        "2021-Q1",
        &["net_income 2021-Q1 3300000000", "eps_diluted 2021-Q1 7.03"],
    );
    check(
        "compname reports fourth quarter diluted loss per share of ($4.81) and adjusted earnings per share of $0.68.",
        "2020-Q4",
        &["eps_diluted 2020-Q4 -4.81", "adjusted_eps 2020-Q4 0.68"],
    );
    check(
        "qtrly earnings per share from continuing operations $2.05; qtrly adjusted earnings per share from continuing operations $2.38.",
        "2021-Q2",
        &["eps_diluted 2021-Q2 2.05", "adjusted_eps 2021-Q2 2.38"],
    );
    check(
        "q1 revenue fell 3% to $7.1 billion versus q4 2020 .",
        "2021-Q1",
        &["revenue.qoq 2021-Q1 -3", "revenue 2021-Q1 7100000000"],
    );
    check(
        "qtrly net interest margin of 6.35 percent, an increase of 46 basis points versus q2 2021.",
        "2021-Q3",
        &[
            "net_interest_margin 2021-Q3 6.35",
            "net_interest_margin.qoq 2021-Q3 0.46",
        ],
    );
    check(
        "common equity tier 1 capital ratio under basel iii standardized approach of 14.6 percent at march 31, 2021.",
        "2021-Q1",
        &["cet1_ratio 2021-Q1 14.6"],
    );
}

#[test]
fn guidance_and_its_period() {
    check(
        "sees q4 ffo per share $1.46 - $1.52.",
        "2021-Q3",
        &["ffo_per_share 2021-Q4 guidance 1.46..1.52"],
    );
    check(
        "now expects 2021 organic sales to be up 10% to 12%.",
        "2021-Q1",
        &["organic_revenue.yoy 2021-FY guidance 10..12"],
    );
    check(
        "sees fy adjusted earnings per share about $7.50.",
        "2021-Q1",
        &["adjusted_eps 2021-FY guidance 7.5"],
    );
    check(
        "sees q3 adjusted earnings per share $1.90 to $2.00.",
        "2021-Q2",
        &["adjusted_eps 2021-Q3 guidance 1.9..2"],
    );
    check(
        "sees q1 adjusted earnings per share $0.80 to $0.90.",
        "2020-Q4",
        &["adjusted_eps 2021-Q1 guidance 0.8..0.9"],
    );
    check(
        "for fiscal 2021, company expects gaap income from continuing operations of $2.85 to $3.10 per diluted share.",
        "2021-Q1",
        &["eps_diluted 2021-FY guidance 2.85..3.1"],
    );
    check(
        "expects 2022 adjusted earnings per share of between $3.20 and $3.40 and adjusted ebitda of between $880 million and $920 million.",
        "2021-Q4",
        &["adjusted_eps 2022-FY guidance 3.2..3.4", "adjusted_ebitda 2022-FY guidance 880000000..920000000"],
    );
    check(
        "sees fy sales up 5 to 6 percent.",
        "2021-Q2",
        &["revenue.yoy 2021-FY guidance 5..6"],
    );
    check(
        "company forecasts 2021 capital expenditures of approximately $50 million.",
        "2021-Q1",
        &["capex 2021-FY guidance 50000000"],
    );
    check(
        "compname reports 2021 earnings of $3.23 per share; initiates 2022 earnings guidance range of $3.60 to 3.90 per share.",
        "2021-Q4",
        &["eps_diluted 2021-FY 3.23", "eps_diluted 2022-FY guidance 3.6..3.9"],
    );
}

#[test]
fn what_is_skipped() {
    // Analysts' estimates, previous guidance, a bare "fy" in a Q4 outlook,
    // guidance with no period, and figures of no family.
    check(
        "q2 sales $404 million versus refinitiv ibes estimate of $409.4 million.",
        "2020-Q2",
        &["revenue 2020-Q2 404000000"],
    );
    check(
        "sees fy 2021 core net operating earnings $10.10 - $10.70 per share, an increase from previous guidance of $8.40 - $9.20 per share.",
        "2021-Q2",
        &["core_eps 2021-FY guidance 10.1..10.7"],
    );
    check(
        "raised 2021 cash flow from operations guidance range to $13.0 billion to $13.5 billion from $12.5 billion to $13.0 billion.",
        "2021-Q3",
        &["operating_cash_flow 2021-FY guidance 13000000000..13500000000"],
    );
    // On a fourth-quarter call, a bare "fy" outlook is for the next year.
    check(
        "sees fy adjusted earnings per share $3.00 to $3.06.",
        "2020-Q4",
        &["adjusted_eps 2021-FY guidance 3..3.06"],
    );
    // A segment, region or channel before the name: a sub-line, not the total.
    check(
        "qtrly u.s. retail comparable sales down 3.5%.",
        "2020-Q3",
        &[],
    );
    check(
        "qtrly consumer sales of $1.5 billion, up 8.1 percent.",
        "2021-Q3",
        &[],
    );
    // Components, shares of another metric, amounts of change, odd bases.
    check(
        "for q2, comparable eps expected to include 5% to 6% currency tailwind.",
        "2021-Q1",
        &[],
    );
    check(
        "food, beverage and packaging costs 30.3% of revenue, down 200 bps.",
        "2021-Q3",
        &[],
    );
    check(
        "revenue per pcd increased 7.5% compared to a strong 2019.",
        "2022-Q1",
        &[],
    );
    check(
        "reiterating 6%-8% eps annual growth rate target through 2025.",
        "2021-Q1",
        &[],
    );
    check("expects adjusted ebitda of $900 million.", "2021-Q2", &[]);
    check(
        "abbott sold more than 225 mln covid-19 tests globally in q3.",
        "2021-Q3",
        &[],
    );
}

#[test]
fn comparisons_a_year_ago_are_the_year_ago_period() {
    check(
        "q3 earnings per share $1.10 versus $1.05 a year ago.",
        "2021-Q3",
        &["eps_diluted 2021-Q3 1.1", "eps_diluted 2020-Q3 1.05"],
    );
    check(
        "quarterly net interest income $49.8 million, compared to $47.8 million.",
        "2021-Q1",
        &["net_interest_income 2021-Q1 49800000"],
    );
}

#[test]
fn an_elided_verb_of_guidance_still_looks_ahead() {
    check(
        "free cash flow for fy 2022 to be about $900 million.",
        "2022-Q2",
        &["free_cash_flow 2022-FY guidance 900000000"],
    );
    check(
        "says it will deliver fy 2022 revenue of $4.2 billion.",
        "2022-Q2",
        &["revenue 2022-FY guidance 4200000000"],
    );
}
