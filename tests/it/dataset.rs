//! The Canaan dataset: coverage of the core metrics in the main periods.

use qbrief_model::Period;

use crate::util::canaan;

/// The metrics every Canaan call is expected to cover (base and
/// bitcoin-mining ids).
const CORE_METRICS: &[&str] = &[
    "revenue",
    "product_revenue",
    "mining_revenue",
    "gross_profit",
    "inventory_writedowns",
    "operating_expenses",
    "rd_expense",
    "sm_expense",
    "ga_expense",
    "operating_income",
    "net_income",
    "adjusted_ebitda",
    "cash",
    "accounts_receivable",
    "customer_advances",
    "hashrate_sold",
    "asp",
    "btc_mined",
    "btc_held",
    "installed_hashrate",
    "mining_gross_margin",
    "revenue_per_btc",
    "crypto_fair_value_change",
    "btc_price_quarter_end",
    "machines_sold",
];

/// Core metrics that no source document states for a period, each checked
/// against the text. The test fails if one of them becomes stated, so the
/// list cannot go stale.
const NOT_STATED: &[(&str, &str, &str)] = &[
    ("adjusted_ebitda", "2023-Q2", "the Q2 2023 call gives no EBITDA"),
    ("customer_advances", "2023-Q2", "no advances balance in the Q2 2023 call"),
    ("revenue_per_btc", "2023-Q2", "not stated; derived from mining revenue and bitcoin mined"),
    ("crypto_fair_value_change", "2023-Q2", "fair-value accounting was adopted in 2024"),
    ("machines_sold", "2023-Q2", "sales are given as computing power, not units"),
    ("inventory_writedowns", "2024-Q2", "the $17.3M combines inventory and prepayment write-downs and provisions (writedowns_and_provisions)"),
    ("rd_expense", "2024-Q2", "no expense breakdown in the Q2 2024 call"),
    ("sm_expense", "2024-Q2", "no expense breakdown in the Q2 2024 call"),
    ("ga_expense", "2024-Q2", "no expense breakdown in the Q2 2024 call"),
    ("machines_sold", "2024-Q2", "sales are given as computing power, not units"),
    ("inventory_writedowns", "2024-Q3", "the $22.9M combines inventory and prepayment write-downs (writedowns_and_provisions)"),
    ("gross_profit", "2024-Q3", "only machine-sales gross profit excluding write-downs is stated"),
    ("rd_expense", "2024-Q3", "no expense breakdown in the Q3 2024 call"),
    ("sm_expense", "2024-Q3", "no expense breakdown in the Q3 2024 call"),
    ("ga_expense", "2024-Q3", "no expense breakdown in the Q3 2024 call"),
    ("net_income", "2024-Q3", "the call gives operating loss and a $27M non-cash charge, not net income"),
    ("customer_advances", "2024-Q3", "no advances balance in the Q3 2024 call"),
    ("machines_sold", "2024-Q3", "only A15 units (about 1,500) and Middle East units are stated"),
];

#[test]
fn core_metrics_are_stated_in_the_main_periods() {
    let dataset = canaan();
    let data = dataset.companies.values().next().unwrap();
    let mut problems = Vec::new();
    for period in ["2023-Q2", "2024-Q2", "2024-Q3"] {
        let p: Period = period.parse().unwrap();
        for metric in CORE_METRICS {
            let stated = data.facts.iter().any(|f| {
                f.period == p
                    && f.metric.change.is_none()
                    && f.metric.metric.id == *metric
                    && f.subject.is_none()
                    && f.dims.is_empty()
                    && !f.guidance
            });
            let excused = NOT_STATED
                .iter()
                .any(|(m, q, _)| m == metric && *q == period);
            match (stated, excused) {
                (false, false) => problems.push(format!("{metric} {period}: no stated value")),
                (true, true) => problems.push(format!(
                    "{metric} {period}: now stated; remove it from NOT_STATED"
                )),
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_guidance_of_each_call_is_recorded() {
    let dataset = canaan();
    let data = dataset.companies.values().next().unwrap();
    let guided: Vec<String> = data
        .facts
        .iter()
        .filter(|f| f.guidance && f.metric.metric.id == "revenue" && f.metric.change.is_none())
        .map(|f| format!("{} {} {}", f.source, f.period, f.value_text))
        .collect();
    for expected in ["2024-q2-call 2024-Q3 $73M", "2024-q3-call 2024-Q4 $80M"] {
        assert!(
            guided.iter().any(|g| g == expected),
            "{expected} missing from {guided:#?}"
        );
    }
}

#[test]
fn every_fact_names_a_declared_document_and_short_evidence() {
    let dataset = canaan();
    let data = dataset.companies.values().next().unwrap();
    assert_eq!(data.documents.len(), 5);
    assert!(
        data.facts.len() > 350,
        "hundreds of facts expected, got {}",
        data.facts.len()
    );
    for fact in &data.facts {
        assert!(data.document(&fact.source).is_some());
        assert!(qbrief_model::word_count(&fact.evidence) <= 12);
    }
}
