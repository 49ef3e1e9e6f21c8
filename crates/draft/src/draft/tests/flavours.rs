//! Flavours in the sentence table: GAAP, adjusted and "excluding items"
//! figures are different metrics, steered by the words around the figure.

use super::check;

#[test]
fn a_flavour_word_steers_to_the_flavoured_metric() {
    // Said after the figure.
    check(
        "GAAP earnings per share grew to $1.10 per share or $1.01 per share on an adjusted basis.",
        &[
            "eps_diluted 2024-Q3 $1.10/share",
            "adjusted_eps 2024-Q3 $1.01/share",
        ],
    );
    check(
        "Diluted earnings per share could be $0.15 to $0.30 on a GAAP basis and $0.37 to $0.52 on a non-GAAP basis.",
        &[
            "eps_diluted 2024-FY $0.15 to $0.30/share guidance",
            "adjusted_eps 2024-FY $0.37 to $0.52/share guidance",
        ],
    );
    // Said with the name of the total the per-share figure divides.
    check(
        "We posted net income of $9 million or $0.25 per share and adjusted net income of $8 million or $0.24 per share.",
        &[
            "net_income 2024-Q3 $9M",
            "eps_diluted 2024-Q3 $0.25/share",
            "adjusted_net_income 2024-Q3 $8M",
            "adjusted_eps 2024-Q3 $0.24/share",
        ],
    );
    check(
        "For the quarter, diluted earnings per share, adjusted for special items, was $0.78.",
        &["adjusted_eps 2024-Q3 $0.78/share"],
    );
    check(
        "Net income on a non-GAAP basis was $94.8 million or $0.91 per diluted share.",
        &[
            "adjusted_net_income 2024-Q3 $94.8M",
            "adjusted_eps 2024-Q3 $0.91/share",
        ],
    );
    // Said by a clause that opens the sentence.
    check(
        "Excluding special items, we would have reported a net profit of $29.9 million or $0.70 per share.",
        &["adjusted_net_income 2024-Q3 $29.9M", "adjusted_eps 2024-Q3 $0.70/share"],
    );
    check(
        "On an adjusted basis, earnings per share was $0.38.",
        &["adjusted_eps 2024-Q3 $0.38/share"],
    );
    // A flavour word right before the name after the figure is its own.
    check(
        "We reported a $0.07 adjusted loss per share.",
        &["adjusted_eps 2024-Q3 -$0.07/share"],
    );
}

#[test]
fn flavour_traps() {
    // A name that says GAAP is the figure's, whatever follows it.
    check(
        "GAAP earnings per share were $0.47, adjusting for items impacting comparability.",
        &["eps_diluted 2024-Q3 $0.47/share"],
    );
    // The flavour of the next figure's name is not this one's.
    check(
        "Earnings were $0.15 per diluted share, adjusted earnings per diluted share were $0.16.",
        &[
            "eps_diluted 2024-Q3 $0.15/share",
            "adjusted_eps 2024-Q3 $0.16/share",
        ],
    );
    check(
        "Earnings per share as reported of $3.49 or excluding charges of $3.54.",
        &[
            "eps_diluted 2024-Q3 $3.49/share",
            "adjusted_eps 2024-Q3 $3.54/share",
        ],
    );
    // Adjusted EBITDA before another name does not flavour it.
    check(
        "Adjusted EBITDA was $50 million, and net income was $10 million or $0.20 per share.",
        &[
            "adjusted_ebitda 2024-Q3 $50M",
            "net_income 2024-Q3 $10M",
            "eps_diluted 2024-Q3 $0.20/share",
        ],
    );
    // Leaving out currency or buybacks is no adjustment.
    check(
        "We expect diluted earnings per share of $3.15 to $3.50, which excludes the impact of share repurchases.",
        &["eps_diluted 2024-FY $3.15 to $3.50/share guidance"],
    );
    // The figure's own unit names its metric when nothing before does.
    check(
        "Our results were $0.72 per share as compared to adjusted earnings of $0.69 per share.",
        &[
            "eps_diluted 2024-Q3 $0.72/share",
            "adjusted_eps 2024-Q3 $0.69/share",
        ],
    );
    check(
        "The board approved $0.39 per share in our quarterly dividend.",
        &["dividend_per_share 2024-Q3 $0.39/share"],
    );
}

#[test]
fn losses_are_negative() {
    check(
        "Loss per share of $0.57.",
        &["eps_diluted 2024-Q3 -$0.57/share"],
    );
    check(
        "Adjusted earnings per diluted share are estimated to be a loss in the range of $0.25 to $0.40.",
        &["adjusted_eps 2024-FY -$0.40 to -$0.25/share guidance"],
    );
    check(
        "We expect a net loss between $156 million and $136 million.",
        &["net_income 2024-FY -$156M to -$136M guidance"],
    );
    check("Revenue was down 3.5%.", &["revenue.yoy 2024-Q3 -3.5%"]);
    check(
        "We expect revenue between $156 million and $136 million.",
        &["revenue 2024-FY $136M to $156M guidance"],
    );
}

#[test]
fn a_basis_the_call_declares_flavours_what_follows() {
    check(
        "My remarks today will focus on our adjusted non-GAAP financial results unless otherwise stated. Earnings per share was $1.24.",
        &["adjusted_eps 2024-Q3 $1.24/share"],
    );
    check(
        "Unless stated otherwise, our comments will refer to adjusted results, which exclude transformation charges. Diluted earnings per share was $2.71.",
        &["adjusted_eps 2024-Q3 $2.71/share"],
    );
    check(
        "Our comments will be on a non-GAAP basis, unless they are specifically called out as GAAP. GAAP earnings per share was $0.90 and earnings per share was $1.10.",
        &[
            "eps_diluted 2024-Q3 $0.90/share",
            "adjusted_eps 2024-Q3 $1.10/share",
        ],
    );
}

#[test]
fn a_notice_of_some_measures_declares_no_basis() {
    check(
        "Additionally, we will refer to certain non-GAAP financial measures. Earnings per share was $0.50.",
        &["eps_diluted 2024-Q3 $0.50/share"],
    );
    // One measure is not the remarks' basis.
    check(
        "During today's call, we'll refer to adjusted EBITDA and adjusted free cash flow, which are non-GAAP. Earnings per share was $0.18.",
        &["eps_diluted 2024-Q3 $0.18/share"],
    );
    check(
        "We continued our focus on excellence as adjusted EBITDA margin expanded. Our earnings per diluted share was $1.25.",
        &["eps_diluted 2024-Q3 $1.25/share"],
    );
    // A declaration flavours what follows it, not what came before.
    check(
        "Earnings per share was $0.75. From here on, my comments will focus on adjusted results.",
        &["eps_diluted 2024-Q3 $0.75/share"],
    );
}

#[test]
fn without_the_move_of_exchange_rates() {
    check(
        "Sales grew 9%, or 6% excluding the impact of foreign currency.",
        &[
            "revenue.yoy 2024-Q3 +9%",
            "constant_currency_revenue.yoy 2024-Q3 +6%",
        ],
    );
    check(
        "Excluding currency, sales rose 4%.",
        &["constant_currency_revenue.yoy 2024-Q3 +4%"],
    );
}

#[test]
fn operating_earnings_per_share_are_the_adjusted_measure() {
    // Insurers, banks and utilities report "operating" earnings per share:
    // their non-GAAP measure.
    check(
        "Operating earnings for the period were $2.14 per share.",
        &["adjusted_eps 2024-Q3 $2.14/share"],
    );
    check(
        "After-tax operating income came to $41.2 million, or $1.17 per diluted share.",
        &[
            "operating_income 2024-Q3 $41.2M",
            "adjusted_eps 2024-Q3 $1.17/share",
        ],
    );
    check(
        "We now expect operating earnings between $3.10 and $3.30 per share for the year.",
        &["adjusted_eps 2024-FY $3.10 to $3.30/share guidance"],
    );
    // Another name between them is the figure's own.
    check(
        "Operating income rose 4% and diluted earnings per share were $0.88.",
        &[
            "operating_income.yoy 2024-Q3 +4%",
            "eps_diluted 2024-Q3 $0.88/share",
        ],
    );
    // GAAP said with it stays GAAP.
    check(
        "GAAP operating income was $12 million, or $0.30 per share.",
        &[
            "operating_income 2024-Q3 $12M",
            "eps_diluted 2024-Q3 $0.30/share",
        ],
    );
}

#[test]
fn comparable_and_split_non_gaap_are_flavours() {
    check(
        "Comparable earnings per share of $0.91 grew 6%.",
        &[
            "adjusted_eps 2024-Q3 $0.91/share",
            "adjusted_eps.yoy 2024-Q3 +6%",
        ],
    );
    check(
        "Comparable EPS was $1.12 in the quarter.",
        &["adjusted_eps 2024-Q3 $1.12/share"],
    );
    // "non- GAAP", as a transcript may break it.
    check(
        "We delivered non- GAAP net income of $15 million, or $0.40 per diluted share.",
        &[
            "adjusted_net_income 2024-Q3 $15M",
            "adjusted_eps 2024-Q3 $0.40/share",
        ],
    );
    // Comparable sales are no flavour of sales (this vocabulary has no
    // comparable-sales metric: the growth stays plain).
    check(
        "Comparable sales rose 3.1%.",
        &["revenue.yoy 2024-Q3 +3.1%"],
    );
}
