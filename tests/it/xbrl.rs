//! `qbrief import-xbrl`: the bundled Donaldson extract imports to exactly
//! the committed filing documents, and every way an import can go wrong is
//! a clear error that writes nothing.

use std::fs;
use std::path::Path;

use crate::util::{inputs, qbrief, root, DataDir};

/// A data folder holding Donaldson's company and taxonomy files only.
fn donaldson() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("data/donaldson");
    fs::create_dir_all(&folder).expect("mkdir");
    for name in ["company.toml", "taxonomy.toml"] {
        fs::copy(root().join("data/donaldson").join(name), folder.join(name)).expect("copy");
    }
    dir
}

fn filing_files(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("-10-"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_bundled_extract_imports_to_the_committed_filings() {
    let dir = donaldson();
    let json = root().join("sources/donaldson/donaldson-companyfacts.json");
    let json = json.to_str().expect("utf-8 path");
    let first = qbrief(dir.path(), &["import-xbrl", json, "--company", "donaldson"]);
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);
    insta::assert_snapshot!(
        "xbrl_import_summary",
        first.stdout.replace(dir.path().to_str().unwrap(), "TMP")
    );
    let folder = dir.path().join("data/donaldson");
    let names = filing_files(&folder);
    assert_eq!(names, filing_files(&root().join("data/donaldson")));
    for name in &names {
        let imported = fs::read_to_string(folder.join(name)).expect("imported");
        let committed =
            fs::read_to_string(root().join("data/donaldson").join(name)).expect("committed");
        assert_eq!(
            imported, committed,
            "{name} differs from the committed import"
        );
    }
    insta::assert_snapshot!(
        "xbrl_import_2021_q3_10_q",
        fs::read_to_string(folder.join("2021-q3-10-q.toml")).expect("read")
    );
    // The JSON is kept where verify-sources proves the facts against it.
    assert!(dir
        .path()
        .join("sources/donaldson/donaldson-companyfacts.json")
        .is_file());
    // Importing twice changes nothing.
    let again = qbrief(dir.path(), &["import-xbrl", json, "--company", "donaldson"]);
    assert_eq!(again.code, 0);
    assert!(
        again.stdout.contains("(0 files written, 0 removed)"),
        "{}",
        again.stdout
    );
    let verify = qbrief(dir.path(), &["verify-sources"]);
    assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
    let check = qbrief(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

/// Imports fixture `name` into the acme fixture company.
fn import_fixture(name: &str) -> (DataDir, crate::util::Output) {
    let data = DataDir::new();
    let file = inputs("xbrl").join(name);
    let out = qbrief(
        data.path(),
        &[
            "import-xbrl",
            file.to_str().expect("utf-8 path"),
            "--company",
            "acme",
        ],
    );
    (data, out)
}

fn written(data: &DataDir) -> usize {
    fs::read_dir(data.path().join("data/acme"))
        .expect("read")
        .count()
        - 1
}

#[test]
fn errors_name_the_entry_and_write_nothing() {
    for (name, expected) in [
        ("off-calendar.json", "units.USD[0].end: 2021-03-20 is not the last day of a fiscal quarter (the fiscal year ends in December)"),
        ("wrong-unit.json", "units.shares[0].unit: us-gaap:GrossProfit is filed in \"shares\", which does not fit a metric of money in USD"),
        ("malformed.json", "malformed.json: line 1, column"),
    ] {
        let (data, out) = import_fixture(name);
        assert_eq!(out.code, 2, "{name}: {}{}", out.stdout, out.stderr);
        assert!(out.stderr.contains(expected), "{name}: {}", out.stderr);
        assert_eq!(written(&data), 0, "{name} wrote files");
        assert!(!data.path().join("sources").exists(), "{name} kept the source");
    }
}

#[test]
fn an_unmapped_concept_is_listed_not_guessed() {
    let (data, out) = import_fixture("unmapped.json");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("us-gaap:Goodwill (1 entries)"),
        "{}",
        out.stdout
    );
    assert_eq!(written(&data), 1);
    let coverage = qbrief(data.path(), &["coverage"]);
    assert_eq!(coverage.code, 1, "{}{}", coverage.stdout, coverage.stderr);
    assert!(
        coverage.stdout.contains("no metric lists this concept"),
        "{}",
        coverage.stdout
    );
}

#[test]
fn a_restatement_is_kept_and_shown_as_a_conflict() {
    let (data, out) = import_fixture("restatement.json");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("1 restatements"), "{}", out.stdout);
    let later = fs::read_to_string(
        data.path()
            .join("data/acme/2021-q1-10-q-0000000001-22-000001.toml"),
    )
    .expect("later filing");
    assert!(later.contains("note = \"Restates $12.3M for 2021-Q1 as filed in 10-Q 0000000001-21-000001 (filed 2021-05-01).\""), "{later}");
    let check = qbrief(data.path(), &["check", "--verbose"]);
    assert!(
        format!("{}{}", check.stdout, check.stderr)
            .contains("conflicting statements of gross_profit for 2021-Q1"),
        "{}{}",
        check.stdout,
        check.stderr
    );
}

/// The fixture company with the filings of `call-against-filing.json` and
/// the call of the same quarter.
fn call_and_filing() -> DataDir {
    let (data, out) = import_fixture("call-against-filing.json");
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    data.write(
        "2021-q1-call.toml",
        &fs::read(inputs("xbrl").join("call-against-filing.toml")).expect("fixture call"),
    );
    data
}

#[test]
fn check_warns_where_the_call_disagrees_with_the_filings() {
    let data = call_and_filing();
    let check = qbrief(data.path(), &["check", "--color", "never"]);
    let all = format!("{}{}", check.stdout, check.stderr);
    assert_eq!(check.code, 0, "warnings only: {all}");
    // The call's revenue conflicts with the filed one; the filed one is used.
    assert!(
        all.contains("conflicting statements of revenue for 2021-Q1"),
        "{all}"
    );
    assert!(all.contains("as filed"), "{all}");
    // Its growth disagrees with the filed ends.
    assert!(
        all.contains("stated revenue.yoy for 2021-Q1 \"+9%\" (Jo Smith) disagrees with derived"),
        "{all}"
    );
    assert!(!all.contains("gross_margin for 2021-Q1"), "{all}");
}

#[test]
fn the_brief_shows_agreement_in_one_line_and_disagreement_side_by_side() {
    let data = call_and_filing();
    let out = qbrief(
        data.path(),
        &[
            "render", "--period", "2021-Q1", "--quiet", "--color", "never",
        ],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let brief = fs::read_to_string(data.path().join("reports/acme/2021-Q1.md")).expect("brief");
    let section: String = brief
        .lines()
        .skip_while(|l| *l != "### Call against filings")
        .take_while(|l| *l != "### Conflicting statements")
        .collect::<Vec<_>>()
        .join("\n");
    let conflicts: String = brief
        .lines()
        .skip_while(|l| *l != "### Conflicting statements")
        .take(5)
        .collect::<Vec<_>>()
        .join("\n");
    let notes: Vec<&str> = brief.lines().filter(|l| l.starts_with("[^")).collect();
    insta::assert_snapshot!(format!("{section}\n{conflicts}\n\n{}", notes.join("\n")));
}

#[test]
fn a_company_without_filings_says_so() {
    let out = std::fs::read_to_string(root().join("reports/canaan/2024-Q3.md")).expect("brief");
    assert!(
        out.contains("No filings of Canaan Inc. are imported"),
        "the Canaan brief does not say that no filings are imported"
    );
}
