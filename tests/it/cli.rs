//! The command line itself: help, usage errors, the metric listing.

use crate::util::{qbrief, root};

#[test]
fn usage_errors_exit_2() {
    let out = qbrief(&root(), &["frobnicate"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unrecognized subcommand"));
    let out = qbrief(&root(), &["export", "--format", "xml"]);
    assert_eq!(out.code, 2);
}

#[test]
fn metrics_lists_the_registry() {
    let out = qbrief(&root(), &["metrics"]);
    assert_eq!(out.code, 0);
    for core in qbrief_model_core() {
        assert!(
            out.stdout.contains(core),
            "{core} missing from `qbrief metrics`"
        );
    }
    assert!(
        out.stdout.contains("\ncompared in the universe index: revenue, revenue.yoy, gross_margin, operating_margin, eps_diluted, hashrate_sold, asp, btc_mined\n"),
        "{}",
        out.stdout
    );
}

fn qbrief_model_core() -> [&'static str; 4] {
    ["revenue ", "btc_held ", "asp ", "hashrate_sold "]
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    for args in [
        vec!["metrics"],
        vec!["export", "--format", "csv"],
        vec!["completions", "bash"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_qbrief"))
            .args(&args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then close the pipe, as `| head -c1` would.
        let mut stdout = child.stdout.take().unwrap();
        let mut byte = [0u8; 1];
        stdout.read_exact(&mut byte).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn init_scaffolds_a_company_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out = qbrief(dir.path(), &["check", "--data", "."]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr.contains("warning: no company folder"),
        "{}",
        out.stderr
    );
    let out = qbrief(
        dir.path(),
        &[
            "init",
            "acme-bank",
            "--data",
            ".",
            "--name",
            "Acme Bank",
            "--ticker",
            "ABK",
            "--fiscal-year-end",
            "6",
            "--taxonomies",
            "base",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let company = std::fs::read_to_string(dir.path().join("acme-bank/company.toml")).unwrap();
    assert!(company.contains("fiscal_year_end_month = 6"), "{company}");
    assert_eq!(qbrief(dir.path(), &["check", "--data", "."]).code, 0);
    let again = qbrief(
        dir.path(),
        &[
            "init",
            "acme-bank",
            "--data",
            ".",
            "--name",
            "X",
            "--ticker",
            "X",
        ],
    );
    assert_eq!(again.code, 2, "refuses to overwrite");
    let bad = qbrief(
        dir.path(),
        &[
            "init",
            "Acme Bank",
            "--data",
            ".",
            "--name",
            "X",
            "--ticker",
            "X",
        ],
    );
    assert_eq!(bad.code, 2);
}

#[test]
fn unreadable_entries_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let company = dir.path().join("data/acme");
    std::fs::create_dir_all(&company).unwrap();
    std::fs::copy(
        crate::util::inputs("acme/company.toml"),
        company.join("company.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(company.join("loop.toml"), company.join("loop.toml")).unwrap();
    let out = qbrief(dir.path(), &["check", "--data", "data"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("data/acme/loop.toml:1:1: error: cannot read link"),
        "{}",
        out.stderr
    );
}

#[test]
fn completions_and_man_page() {
    let out = qbrief(&root(), &["completions", "bash"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("_qbrief"));
    let out = qbrief(&root(), &["man"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains(".TH qbrief"));
}
