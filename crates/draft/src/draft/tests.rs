//! Tests of `draft`: the sentence -> proposed fact table, and that no text panics.

use super::*;
use proptest::prelude::*;
use qbrief_model::Currency;

mod flavours;
mod multiples;
mod periods;
mod precision;
mod speakers;

fn vocabulary() -> Vocabulary {
    Vocabulary::builtin(&["bitcoin-mining"], Currency::USD)
}

/// `expected`: one "metric period value [guidance] [dims]" per figure.
#[track_caller]
fn check(sentence: &str, expected: &[&str]) {
    check_in("2024-Q3", sentence, expected);
}

/// `check` for a document reporting `period`.
#[track_caller]
fn check_in(period: &str, sentence: &str, expected: &[&str]) {
    let d = draft(sentence, period.parse().unwrap(), 12, &vocabulary(), &[]);
    let got: Vec<String> = d
        .candidates
        .iter()
        .map(|c| {
            let mut s = format!(
                "{} {} {}",
                c.metric.as_deref().unwrap_or("?"),
                c.period,
                c.value
            );
            if c.guidance {
                s.push_str(" guidance");
            }
            if !c.dims.is_empty() {
                s.push_str(&format!(" {}", qbrief_model::dims_text(&c.dims)));
            }
            s
        })
        .collect();
    assert_eq!(got, expected, "{sentence}");
    for c in &d.candidates {
        assert!(sentence.contains(&c.evidence), "evidence is verbatim");
        assert!(qbrief_model::word_count(&c.evidence) <= MAX_EVIDENCE_WORDS);
    }
}

#[test]
fn phrasings() {
    check(
        "Total revenue was $73.6 million.",
        &["revenue 2024-Q3 $73.6M"],
    );
    check(
        "Net sales of $3.1 billion rose 12% year-over-year.",
        &["revenue 2024-Q3 $3.1B", "revenue.yoy 2024-Q3 +12%"],
    );
    check(
        "Revenue grew 5% sequentially.",
        &["revenue.qoq 2024-Q3 +5%"],
    );
    check(
        "Operating expenses decreased 19% year-over-year.",
        &["operating_expenses.yoy 2024-Q3 -19%"],
    );
    check(
        "Earnings per diluted share were $1.38.",
        &["eps_diluted 2024-Q3 $1.38/share"],
    );
    check(
        "Adjusted EPS of $0.57 per share.",
        &["adjusted_eps 2024-Q3 $0.57/share"],
    );
    check(
        "Gross margin increased 30 basis points to 35%.",
        &[
            "gross_margin.yoy 2024-Q3 +30 bps",
            "gross_margin 2024-Q3 35%",
        ],
    );
    check(
        "Revenue was about $72 million.",
        &["revenue 2024-Q3 about $72M"],
    );
    check(
        "We mined over 147 bitcoins.",
        &["btc_mined 2024-Q3 over 147 BTC"],
    );
    check(
        "Cash was nearly $80 million.",
        &["cash 2024-Q3 nearly $80M"],
    );
    check(
        "Our net loss narrowed 50% to $42 million.",
        &["net_income.yoy 2024-Q3 +50%", "net_income 2024-Q3 -$42M"],
    );
    check(
        "Revenue doubled year-over-year.",
        &["revenue.yoy 2024-Q3 +100%"],
    );
    check(
        "Revenue saw a 2.6-fold increase.",
        &["revenue.yoy 2024-Q3 +160%"],
    );
    check(
        "Revenue was $55.2 million in the first quarter of 2023.",
        &["revenue 2023-Q1 $55.2M"],
    );
    check(
        "Revenue of $80 million compared to $60 million in the same period last year.",
        &["revenue 2024-Q3 $80M", "revenue 2023-Q3 $60M"],
    );
    check(
        "We expect revenue of $80 million for the next quarter.",
        &["revenue 2024-Q4 $80M guidance"],
    );
    check(
        "We expect fiscal '25 sales growth between 5% and 8%.",
        &["revenue.yoy 2025-FY +5% to +8% guidance"],
    );
    check(
        "For the full year, we expect capex of $55 million to $60 million.",
        &["capex 2024-FY $55M to $60M guidance"],
    );
    check(
        "Bitcoin held was 1,212 at the end of September.",
        &["btc_held 2024-Q3 1,212 BTC"],
    );
    check(
        "Cash of $72 million at the end of March.",
        &["cash 2024-Q1 $72M"],
    );
}

#[test]
fn what_the_figure_is_of() {
    // A name after the figure, joined by "in", "of", "from".
    check(
        "The quarter included $14.8 million in restructuring expense.",
        &["restructuring_charges 2024-Q3 $14.8M"],
    );
    // A name the figure interrupts, with the unit word it holds; the verb
    // says the amount pledged in the period (`added.rs`).
    check(
        "We pledged 17 bitcoins.",
        &["btc_pledged_added 2024-Q3 17 BTC"],
    );
    // A participle after a noun also stands before it.
    check(
        "Acme delivered 1,500 miners.",
        &["machines_sold 2024-Q3 1,500"],
    );
    // An amount a balance moved by, when the taxonomy has `<id>_change`.
    check(
        "We held 1,212 bitcoins, 98 fewer than last quarter.",
        &[
            "btc_held 2024-Q3 1,212 BTC",
            "btc_held_change 2024-Q3 -98 BTC",
        ],
    );
    // A bare number counts in the unit of the metric just named.
    check(
        "We held 1,212 bitcoins. That is 98 more than the 1,114 at the end of last quarter.",
        &[
            "btc_held 2024-Q3 1,212 BTC",
            "btc_held_change 2024-Q3 98 BTC",
            "btc_held 2024-Q2 1,114 BTC",
        ],
    );
}

#[test]
fn changes_said_in_other_ways() {
    check(
        "The segment had a solid quarter with total sales growing 19.5%.",
        &["revenue.yoy 2024-Q3 +19.5%"],
    );
    check(
        "Third quarter sales were up again this year by about 2%.",
        &["revenue.yoy 2024-Q3 about +2%"],
    );
    check(
        "Our 51% services business growth was broad.",
        &["? 2024-Q3 +51%"],
    );
    check(
        "Operating margin was 60 basis points up from the prior year.",
        &["operating_margin.yoy 2024-Q3 +60 bps"],
    );
    // A level in basis points, said with "of" and a qualifier.
    check(
        "It caused an operating margin headwind of about 220 basis points.",
        &["operating_margin 2024-Q3 about 220 bps"],
    );
}

#[test]
fn garbled_numbers() {
    // Speech-to-text writes thousands with a point, or a space after
    // the separator.
    check(
        "The price of bitcoin rose to around $63.5000 on September 30, versus around $70, 000 on June 30.",
        &[
            "btc_price_quarter_end 2024-Q3 about $63,500/BTC",
            "btc_price_quarter_end 2024-Q2 about $70,000/BTC",
        ],
    );
}

#[test]
fn garbled_units_and_nouns_that_look_ahead() {
    // Speech-to-text drops "points" after "basis".
    check(
        "Gross margin recorded a 50 basis decline.",
        &["gross_margin.yoy 2024-Q3 -50 bps"],
    );
    // "project" the noun is no forecast.
    check(
        "Sales were down 3.5% as large project deliveries slowed.",
        &["revenue.yoy 2024-Q3 -3.5%"],
    );
}

#[test]
fn metric_of_a_unit_by_shared_words() {
    // No name matches whole; "loss" is a word of one hash-rate metric only.
    check(
        "Our loss from the outage is about 2 exahash.",
        &["hashrate_offline 2024-Q3 about 2 EH/s"],
    );
    // A count goes to a metric only by shared words, never by the order
    // of declaration.
    check(
        "Deliveries of miners reached 1,500.",
        &["machines_sold 2024-Q3 1,500"],
    );
    check("We now serve customers in 75 countries.", &["? 2024-Q3 75"]);
}

/// The base taxonomy and a company's extension with one metric named
/// from the figure's own unit.
fn extended_vocabulary() -> Vocabulary {
    let ext = qbrief_model::parse_taxonomy(
        "acme/taxonomy.toml",
        "[taxonomy]\nid = \"acme\"\nlabel = \"Acme\"\nextends = [\"base\"]\n\n\
         [[metric]]\nid = \"capex_to_sales\"\nlabel = \"Capex to sales\"\nunit = \"%\"\n\
         kind = \"rate\"\nsign = \"non-negative\"\nsection = \"cash-flow\"\n\
         synonyms = [\"% of sales\"]\n",
        None,
    )
    .0
    .expect("the extension parses");
    let builtin = qbrief_model::builtin_taxonomies();
    let base = builtin.iter().find(|t| t.id == "base").expect("base");
    let (vocabulary, findings) = Vocabulary::build(&[base, &ext], Currency::USD);
    assert!(findings.is_empty(), "{findings:?}");
    vocabulary
}

#[test]
fn names_that_start_with_the_unit_or_leave_out_our() {
    let d = draft(
        "That would put capex at just over 2% of sales.",
        "2024-Q3".parse().unwrap(),
        12,
        &extended_vocabulary(),
        &[],
    );
    let got: Vec<(Option<&str>, &str)> = d
        .candidates
        .iter()
        .map(|c| (c.metric.as_deref(), c.value.as_str()))
        .collect();
    assert_eq!(got, [(Some("capex_to_sales"), "over 2%")]);
    // "cost of revenue" is also said "cost of our revenue".
    check(
        "Cost of our revenue was $40 million.",
        &["cost_of_revenue 2024-Q3 $40M"],
    );
}

#[test]
fn names_listed_with_a_comma_or_and() {
    check(
        "We accrued $22.9 million for inventory write-down and prepayment write-down.",
        &["writedowns_and_provisions 2024-Q3 $22.9M"],
    );
}

#[test]
fn periods_of_guidance() {
    // Past guidance after the figure's clause does not make it history.
    check(
        "We project sales growth of 12% to 14%, which is up from our prior guidance.",
        &["revenue.yoy 2024-FY +12% to +14% guidance"],
    );
    check(
        "We expect gross margin within a range of 13.8% and 14.2%.",
        &["gross_margin 2024-FY 13.8% to 14.2% guidance"],
    );
    // A total beside a per-share figure is not a per-share figure.
    check(
        "Net income was $402 million, or $1.18 per diluted share, compared with $365 million, or $1.05 per diluted share, in the third quarter of 2023.",
        &["net_income 2024-Q3 $402M", "eps_diluted 2024-Q3 $1.18/share", "net_income 2023-Q3 $365M", "eps_diluted 2023-Q3 $1.05/share"],
    );
    // A quarter named with its year at the head of the sentence is the
    // guidance's period, not the year alone.
    check_in(
        "2024-Q4",
        "For the first quarter of 2025, we expect revenue of $420 million.",
        &["revenue 2025-Q1 $420M guidance"],
    );
    check_in(
        "2024-Q4",
        "For Q1 2025, we expect revenue between $420 million and $425 million.",
        &["revenue 2025-Q1 $420M to $425M guidance"],
    );
    check_in(
        "2024-Q4",
        "For the full year 2025, we expect revenue of $1.8 billion.",
        &["revenue 2025-FY $1.8B guidance"],
    );
    // A period named just before the figure is its own.
    check(
        "We expect a full year headwind of $20 million, half of which falls in the second half.",
        &["? 2024-FY $20M guidance"],
    );
    // Undated guidance after a half is for the year again.
    check(
        "We expect operating margin of 14% for the second half. We expect interest expense of $13 million.",
        &[
            "operating_margin 2024-H2 14% guidance",
            "interest_expense 2024-FY $13M guidance",
        ],
    );
    // What guidance assumes is guidance; guidance once given is history.
    check(
        "Our assumptions include interest expense of $13 million.",
        &["interest_expense 2024-FY $13M guidance"],
    );
    check(
        "We gave this guidance after selling $500 million of capital investments.",
        &["capex 2024-Q3 $500M"],
    );
    // On a fourth-quarter call, the full year ahead is the next one.
    check_in(
        "2024-Q4",
        "For the full year, we expect capex of $100 million.",
        &["capex 2025-FY $100M guidance"],
    );
    // An earlier quarter than the document's, looked ahead to, is next year's.
    check_in(
        "2024-Q4",
        "We expect first quarter revenue of $80 million.",
        &["revenue 2025-Q1 $80M guidance"],
    );
    // "more" after a percentage makes it a change, of what follows.
    check(
        "We expect to pay 5% more in interest expense.",
        &["interest_expense.yoy 2024-FY +5% guidance"],
    );
    // The quarter after the document's, named without a year, is this year's.
    check(
        "Delivery of the order starts in the fourth quarter with 3,000 miners.",
        &["machines_sold 2024-Q4 3,000"],
    );
}

#[test]
fn respectively() {
    check(
        "Revenue for the third quarter and the full year was $20 million and $75 million, respectively.",
        &["revenue 2024-Q3 $20M", "revenue 2024-FY $75M"],
    );
    check(
        "Sales and operating income grew 5% and 8%, respectively.",
        &[
            "revenue.yoy 2024-Q3 +5%",
            "operating_income.yoy 2024-Q3 +8%",
        ],
    );
}

#[test]
fn figures_side_by_side() {
    // The base period after "compared with" is the next figure's; an
    // expense of a signed metric is negative.
    check(
        "Other expense was $1.5 million compared with income in the prior year of $2.6 million.",
        &["other_income 2024-Q3 -$1.5M", "other_income 2023-Q3 $2.6M"],
    );
    // A parallel change takes the base the sentence names for the first.
    check(
        "Third quarter sales were up 3% from the second quarter and operating income was up 6%.",
        &[
            "revenue.qoq 2024-Q3 +3%",
            "operating_income.qoq 2024-Q3 +6%",
        ],
    );
    // A name after the second of "X or Y" is the second's, however
    // long: the first stays with the name before it.
    check(
        "Sales in the third quarter of this year increased 12% or 7% in net cash provided by operating activities.",
        &[
            "revenue.yoy 2024-Q3 +12%",
            "operating_cash_flow.yoy 2024-Q3 +7%",
        ],
    );
    // Listed figures read as the first does.
    check(
        "Sales growth for the third quarter and the full year is 7.2% and 6.1%, respectively.",
        &["revenue.yoy 2024-Q3 +7.2%", "revenue.yoy 2024-FY +6.1%"],
    );
}

#[test]
fn dates_and_the_time_of_the_call() {
    check(
        "As of today, our bitcoin holdings are 1,300.",
        &["btc_held 2024-Q4 1,300 BTC"],
    );
    check("In October, cash was $50 million.", &["cash 2024-Q4 $50M"]);
    check(
        "As of June 30, 2024, the installed hash rate of our self-mining fleet reached 4.5 exahash per second.",
        &["installed_hashrate 2024-Q2 4.5 EH/s"],
    );
    // Guidance is the clause that looks ahead, not the whole sentence.
    check(
        "We incurred $14.8 million in restructuring charges and expect capex of $8 million.",
        &[
            "restructuring_charges 2024-Q3 $14.8M",
            "capex 2024-FY $8M guidance",
        ],
    );
}

#[test]
fn from_one_figure_to_another() {
    check(
        "Revenue rose 23% over the last quarter, from almost $54 million to almost $66 million.",
        &[
            "revenue.qoq 2024-Q3 +23%",
            "revenue 2024-Q2 nearly $54M",
            "revenue 2024-Q3 nearly $66M",
        ],
    );
}

#[test]
fn year_over_year_is_no_year() {
    check(
        "The year-over-year increase was due to $8.8 million in restructuring charges.",
        &["restructuring_charges 2024-Q3 $8.8M"],
    );
}

#[test]
fn traps() {
    check(
        "In 2023 we celebrated 15 years and our 65th anniversary.",
        &[],
    );
    check("Call 1-800-555-0100 for the replay of Q4.", &[]);
    check("See page 19 of the fourth quarter deck.", &[]);
    check("Class 8 truck builds and COVID-19 effects.", &[]);
}

proptest! {
    #[test]
    fn any_text_never_panics(text in "\\PC{0,300}") {
        let d = draft(&text, "2024-Q3".parse().unwrap(), 7, &vocabulary(), &[]);
        for c in &d.candidates {
            prop_assert!(text.contains(&c.evidence));
        }
    }

    #[test]
    fn call_like_text_never_panics(text in "[A-Za-z $%.,:'’0-9\\n-]{0,200}") {
        let _ = draft(&text, "2024-Q3".parse().unwrap(), 12, &vocabulary(), &[text.as_str()]);
    }
}

#[test]
fn growth_named_a_few_words_away() {
    check(
        "Total revenue growth in 2024 is expected within a range of 12% to 15%.",
        &["revenue.yoy 2024-FY +12% to +15% guidance"],
    );
    check(
        "We now expect 9% to 10% full year sales growth.",
        &["revenue.yoy 2024-FY +9% to +10% guidance"],
    );
    // A level reached or kept, a band, another metric between: no change.
    check(
        "Revenue growth lifted gross margin to 41%.",
        &["gross_margin 2024-Q3 41%"],
    );
    check(
        "We expect gross margin to increase to a range of 38% to 39%.",
        &["gross_margin 2024-FY 38% to 39% guidance"],
    );
    check(
        "We expect sales to increase in the mid to high 20% range.",
        &["? 2024-FY 20% guidance"],
    );
}

#[test]
fn ranges_from_a_decline_to_growth() {
    // Each end has its own direction: one range, low end negative.
    check(
        "We expect full year revenue to be in the range of down 3% to up 1%.",
        &["revenue.yoy 2024-FY -3% to +1% guidance"],
    );
    check(
        "For the year we expect sales to land between a 5% decline and a 2% increase.",
        &["revenue.yoy 2024-FY -5% to +2% guidance"],
    );
    // A decline and a level are two figures.
    check(
        "Revenue was down 2% to $40 million.",
        &["revenue.yoy 2024-Q3 -2%", "revenue 2024-Q3 $40M"],
    );
}
