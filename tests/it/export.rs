//! `qbrief export`: every fact as a record in the canonical unit.

use crate::util::{inputs, qbrief, root, DataDir};

#[test]
fn canonical_units_and_precision() {
    let data = DataDir::new();
    data.write(
        "verify.toml",
        &std::fs::read(inputs("verify.toml")).unwrap(),
    );
    let out = qbrief(data.path(), &["export", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let find = |metric: &str, period: &str| {
        records
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["metric"] == metric && r["period"] == period)
            .unwrap()
            .clone()
    };
    let revenue = find("revenue", "2024-Q3");
    assert_eq!(
        (
            revenue["value"].as_str(),
            revenue["unit"].as_str(),
            revenue["decimals"].as_i64()
        ),
        (Some("73600000"), Some("USD"), Some(-5))
    );
    assert_eq!(revenue["origin"], "stated");
    assert_eq!(revenue["qualifier"], "exact");
    let hash = find("installed_hashrate", "2024-Q3");
    assert_eq!(
        (
            hash["value"].as_str(),
            hash["unit"].as_str(),
            hash["qualifier"].as_str()
        ),
        (Some("4600000"), Some("TH/s"), Some("about"))
    );
}

#[test]
fn csv_has_a_header_and_one_row_per_fact() {
    let data = DataDir::new();
    data.write(
        "verify.toml",
        &std::fs::read(inputs("verify.toml")).unwrap(),
    );
    let out = qbrief(data.path(), &["export", "--format", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut lines = out.stdout.lines();
    let header = lines.next().unwrap();
    for column in [
        "company",
        "period",
        "metric",
        "value",
        "unit",
        "origin",
        "qualifier",
        "decimals",
        "source",
        "speaker",
        "evidence",
        "note",
    ] {
        assert!(
            header.split(',').any(|c| c == column),
            "{column} missing from {header}"
        );
    }
    assert_eq!(
        lines.filter(|l| l.contains(",stated,")).count(),
        6,
        "one row per stated fact, then derived rows"
    );
}

#[test]
fn export_refuses_data_with_errors() {
    let data = DataDir::new();
    data.write(
        "bad.toml",
        &std::fs::read(inputs("check/unknown-metric.toml")).unwrap(),
    );
    let out = qbrief(data.path(), &["export", "--format", "json"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty(), "nothing half-written to stdout");
    assert!(out.stderr.contains("the data has errors"));
}

#[test]
fn the_whole_export_of_the_real_data() {
    let out = qbrief(&root(), &["export", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let again = qbrief(&root(), &["export", "--format", "json"]);
    assert_eq!(out.stdout, again.stdout, "export is deterministic");
    insta::assert_snapshot!("canaan_export_json", out.stdout);
}
