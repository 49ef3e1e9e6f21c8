//! `qbrief check`: every bad-data fixture in `tests/inputs/check/` gives a
//! located, helpful diagnostic, snapshotted so a worse message shows in review.

use crate::util::{inputs, qbrief, root, DataDir};

#[test]
fn bad_data_diagnostics() {
    insta::glob!("../inputs/check", "*.toml", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        let data = DataDir::new();
        let bytes = std::fs::read(path).unwrap();
        if name.starts_with("company-") {
            data.write("company.toml", &bytes);
        } else {
            data.write(name, &bytes);
        }
        let out = qbrief(data.path(), &["check", "data"]);
        let expected_code = if name == "conflict.toml" { 0 } else { 1 };
        assert_eq!(out.code, expected_code, "{name}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "text findings go to stderr");
        insta::assert_snapshot!(out.stderr);
    });
}

#[test]
fn unknown_company_folder() {
    let data = DataDir::new();
    std::fs::create_dir_all(data.path().join("data/nobody")).unwrap();
    std::fs::copy(
        inputs("check/conflict.toml"),
        data.path().join("data/nobody/conflict.toml"),
    )
    .unwrap();
    std::fs::write(data.path().join("data/stray.toml"), "x = 1\n").unwrap();
    let out = qbrief(data.path(), &["check", "data"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stderr, @r#"
    data/nobody/conflict.toml:1:1: error: unknown company "nobody": its folder has no company.toml
      = help: add nobody/company.toml with id, name, ticker, exchange, currency and fiscal_year_end_month

    data/stray.toml:1:1: error: data file outside a company folder
      = help: move it into DATA_DIR/<company>/ beside that company's company.toml

    2 errors, 0 warnings
    "#);
}

#[test]
fn json_findings_carry_company_period_metric() {
    let data = DataDir::new();
    data.write(
        "conflict.toml",
        &std::fs::read(inputs("check/conflict.toml")).unwrap(),
    );
    let out = qbrief(data.path(), &["check", "data", "--format", "json"]);
    assert_eq!(out.code, 0);
    let findings: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    assert_eq!(
        findings.len(),
        1,
        "only 1,231 vs 1,212 conflicts; $73.6M and nearly $74M agree"
    );
    let f = &findings[0];
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["kind"], "conflict");
    assert_eq!(f["company"], "acme");
    assert_eq!(f["period"], "2024-Q3");
    assert_eq!(f["metric"], "btc_held");
    assert_eq!(f["file"], "data/acme/conflict.toml");
    assert_eq!(f["line"], 16);
    assert!(f["message"]
        .as_str()
        .unwrap()
        .contains("\"1,231 BTC\" (Sam Lee, CEO) vs \"1,212 BTC\" (Jo Doe, CFO)"));
}

#[test]
fn preferred_statement_makes_a_conflict_reviewed() {
    let data = DataDir::new();
    let text = std::fs::read_to_string(inputs("check/conflict.toml")).unwrap();
    let reviewed = text.replacen(
        "evidence = \"a record high of 1,212 Bitcoins\"",
        "evidence = \"a record high of 1,212 Bitcoins\"\nnote = \"1,114 + 98 = 1,212\"\npreferred = true",
        1,
    );
    data.write("conflict.toml", reviewed.as_bytes());
    let quiet = qbrief(data.path(), &["check", "data"]);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
    let verbose = qbrief(data.path(), &["check", "data", "--verbose"]);
    assert!(
        verbose
            .stderr
            .contains("info: conflicting statements of btc_held"),
        "{}",
        verbose.stderr
    );
    assert!(verbose
        .stderr
        .contains("reviewed: the data prefers \"1,212 BTC\""));
    let json = qbrief(data.path(), &["check", "data", "--format", "json"]);
    assert!(json.stdout.contains("\"severity\": \"info\""));
}

#[test]
fn real_data_has_no_errors_and_lists_the_genuine_contradictions() {
    let out = qbrief(&root(), &["check", "data"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    insta::assert_snapshot!("real_data_check", out.stderr);
    let verbose = qbrief(&root(), &["check", "data", "--verbose"]);
    insta::assert_snapshot!("real_data_check_verbose", verbose.stderr);
}

#[test]
fn missing_data_folder_is_a_usage_error() {
    let data = DataDir::new();
    let out = qbrief(data.path(), &["check", "nope"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "qbrief: error: data folder nope does not exist or is not a folder\n"
    );
}
