//! `qbrief verify-sources`: evidence proven against the documents.

use crate::util::{inputs, qbrief, root, DataDir};

#[test]
fn real_data_verifies_against_the_bundled_sources() {
    // No folder named: the repository's own `sources/`.
    let out = qbrief(&root(), &["verify-sources", "--coverage"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    for company in ["canaan", "donaldson", "kite-realty"] {
        assert!(
            out.stdout.contains(&format!("{company}: ")),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn a_document_missing_from_the_sources_names_where_it_belongs() {
    let data = DataDir::new();
    data.write(
        "verify.toml",
        &std::fs::read(inputs("verify.toml")).unwrap(),
    );
    let empty = tempfile::tempdir().unwrap();
    let out = qbrief(
        data.path(),
        &["verify-sources", empty.path().to_str().unwrap()],
    );
    assert_eq!(out.code, 1);
    let expected = empty.path().join("acme").join("acme-q3.txt");
    assert!(
        out.stderr
            .contains(&format!("put the document at {}", expected.display())),
        "{}",
        out.stderr
    );
}

#[test]
fn failures_are_located_in_the_data_file() {
    let data = DataDir::new();
    data.write(
        "verify.toml",
        &std::fs::read(inputs("verify.toml")).unwrap(),
    );
    let sources = inputs("sources");
    let out = qbrief(
        data.path(),
        &["verify-sources", sources.to_str().unwrap(), "--coverage"],
    );
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stderr, @r#"
    data/acme/verify.toml:32:1: error: btc_held 2024-Q3: evidence does not contain the figure 1213 as written
      = note: evidence: "We held 1,212 Bitcoins"
      = note: value: "1,213 BTC"
      = help: quote the words that state the figure, or record a reinterpretation with as_written and a note

    data/acme/verify.toml:38:1: error: cash 2024-Q3: evidence does not occur in the document
      = note: evidence: "a cash of $72 million"
      = note: value: "$72M"
      = help: copy the phrase verbatim from the document

    data/acme/verify.toml:44:1: error: revenue 2023-Q3: evidence does not contain the figure 33.3 as written
      = note: evidence: "total revenue of $73.6 million"
      = note: value: "$33.3M"
      = help: quote the words that state the figure, or record a reinterpretation with as_written and a note

    3 errors, 0 warnings
    "#);
    insta::assert_snapshot!(out.stdout, @r"
    acme: 6 facts from 1 documents

      document                      facts
      verify                            6

      period                        facts
      2023-Q3                           1
      2024-Q3                           5
    ");
}

#[test]
fn missing_document_is_reported() {
    let data = DataDir::new();
    let text = std::fs::read_to_string(inputs("verify.toml"))
        .unwrap()
        .replace("acme-q3.txt", "missing.txt");
    data.write("verify.toml", text.as_bytes());
    let out = qbrief(
        data.path(),
        &["verify-sources", inputs("sources").to_str().unwrap()],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("data/acme/verify.toml:1:1: error: source document"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("missing.txt not found"));
}
