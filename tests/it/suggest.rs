//! A company that has not chosen its taxonomies yet: `draft` proposes the
//! metrics of a built-in taxonomy the call speaks in and suggests adding
//! it; `check` says the same of such a metric, as a warning on a draft and
//! as the hint of an error on a reviewed fact.

use crate::util::qbrief;

/// A data folder with one company of `taxonomies = ["base"]` and a short
/// call that speaks the vocabulary of bitcoin miners.
fn base_company() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let init = qbrief(
        dir.path(),
        &[
            "init",
            "newco",
            "--name",
            "NewCo",
            "--ticker",
            "NEW",
            "--taxonomies",
            "base",
        ],
    );
    assert_eq!(init.code, 0, "{}", init.stderr);
    std::fs::write(
        dir.path().join("call.txt"),
        "Revenue was $12.0 million in the quarter.\nWe mined 1,200 bitcoins in the quarter, and we held 3,100 bitcoins at quarter end.\nIn July alone we mined 400 bitcoins.\n",
    )
    .unwrap();
    dir
}

/// The call drafted into `data/newco/2024-q3-call.toml`, and what `draft` said.
fn drafted() -> (tempfile::TempDir, crate::util::Output) {
    let dir = base_company();
    let out = qbrief(
        dir.path(),
        &[
            "draft",
            "call.txt",
            "--company",
            "newco",
            "--period",
            "2024-Q3",
            "--out",
            "data/newco/2024-q3-call.toml",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    (dir, out)
}

#[test]
fn draft_proposes_a_built_in_metric_and_suggests_its_taxonomy() {
    let (dir, out) = drafted();
    assert!(
        out.stderr
            .contains("add \"bitcoin-mining\" to taxonomies in company.toml"),
        "{}",
        out.stderr
    );
    let toml = std::fs::read_to_string(dir.path().join("data/newco/2024-q3-call.toml")).unwrap();
    assert!(toml.contains("metric = \"revenue\""), "{toml}");
    assert!(
        toml.contains("built-in taxonomy \\\"bitcoin-mining\\\""),
        "{toml}"
    );

    // The unedited draft is valid data: warnings only, each naming the fix.
    let check = qbrief(dir.path(), &["check", "data"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("is not in the company's taxonomies"),
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("add \"bitcoin-mining\" to taxonomies"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_reviewed_fact_of_an_unchosen_taxonomy_is_an_error_that_names_it() {
    let (dir, _) = drafted();
    let path = dir.path().join("data/newco/2024-q3-call.toml");
    let reviewed = std::fs::read_to_string(&path)
        .unwrap()
        .replace("draft = true\n", "");
    std::fs::write(&path, reviewed).unwrap();
    let check = qbrief(dir.path(), &["check", "data"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains("error: unknown metric"),
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("the built-in taxonomy \"bitcoin-mining\""),
        "{}",
        check.stderr
    );
}
