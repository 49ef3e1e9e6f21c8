//! `qbrief diff`: snapshots of fixture pairs (`tests/inputs/diff/base`
//! against one changed copy each), the Canaan correction, a git
//! revision as the base, exit codes, and the review workflow's command.

use std::path::Path;
use std::process::Command;

use crate::util::{inputs, qbrief, root};

/// The fixture cases, each `tests/inputs/diff/<case>/` against `base/`.
const CASES: &[&str] = &[
    "changed-value",
    "moved-fact",
    "removed-fact",
    "formula-changed",
    "new-conflict",
];

#[test]
fn fixture_pairs() {
    for case in CASES {
        let out = qbrief(&inputs("diff"), &["diff", "base", "--data", case]);
        assert_eq!(out.code, 1, "{case}: {}", out.stderr);
        assert_eq!(out.stderr, "", "{case}");
        insta::assert_snapshot!(format!("diff_{case}"), out.stdout);
    }
}

#[test]
fn json_rows_carry_kind_old_new_and_cause() {
    let out = qbrief(
        &inputs("diff"),
        &[
            "diff",
            "base",
            "--data",
            "changed-value",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!("diff_changed-value_json", out.stdout);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let kinds: Vec<&str> = rows.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    for kind in ["stated", "derived", "implied", "reconciliation", "guidance"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    for row in &rows {
        for field in [
            "company", "period", "metric", "dims", "kind", "old", "new", "cause",
        ] {
            assert!(row.get(field).is_some(), "{field} in {row}");
        }
        // Values are text as the briefs print them, never JSON numbers.
        assert!(!row["old"].is_number() && !row["new"].is_number());
        if row["kind"] != "stated" {
            assert_eq!(row["cause"][0], "revenue 2024-Q3 (2024-q3-call)", "{row}");
        }
    }
    let flipped = rows
        .iter()
        .find(|r| r["kind"] == "guidance")
        .expect("a guidance outcome");
    assert!(flipped["old"].as_str().unwrap().starts_with("in line"));
    assert!(flipped["new"].as_str().unwrap().starts_with("beat"));
}

#[test]
fn no_change_exits_zero() {
    let out = qbrief(&inputs("diff"), &["diff", "base", "--data", "base"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "**qbrief diff** `base` → `base`: no change.\n");
    let out = qbrief(
        &inputs("diff"),
        &["diff", "base", "--data", "base", "--format", "json"],
    );
    assert_eq!((out.code, out.stdout.as_str()), (0, "[]\n"));
}

#[test]
fn company_filter() {
    let dir = inputs("diff");
    let out = qbrief(
        &dir,
        &[
            "diff",
            "base",
            "--data",
            "changed-value",
            "--company",
            "widgets",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let out = qbrief(
        &dir,
        &[
            "diff",
            "base",
            "--data",
            "changed-value",
            "--company",
            "nope",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no company \"nope\""), "{}", out.stderr);
}

#[test]
fn data_errors_are_trouble() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&inputs("diff/base"), &dir.path().join("data"));
    std::fs::write(
        dir.path().join("data/widgets/2024-q3-call.toml"),
        "[document\n",
    )
    .unwrap();
    let out = qbrief(
        dir.path(),
        &["diff", &inputs("diff/base").display().to_string()],
    );
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("data error"), "{}", out.stderr);
    assert_eq!(out.stdout, "");
}

/// The example: Canaan's Q3 2024 revenue corrected from $73.6M to
/// $75.6M, on a copy of the bundled data.
#[test]
fn canaan_revenue_correction() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("data"), &dir.path().join("base"));
    copy_dir(&root().join("data"), &dir.path().join("data"));
    let call = dir.path().join("data/canaan/2024-q3-call.toml");
    let text = std::fs::read_to_string(&call).unwrap();
    let fixed = text.replacen("value = \"$73.6M\"", "value = \"$75.6M\"", 1);
    assert_ne!(text, fixed, "the statement to correct is in the data");
    std::fs::write(&call, fixed).unwrap();
    let out = qbrief(dir.path(), &["diff", "base"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!("diff_canaan_revenue_correction", out.stdout);
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs git in `dir` with a fixed identity and no user configuration.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=qbrief",
            "-c",
            "user.email=qbrief@example.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository whose commit holds the base fixture in `data/`, with the
/// `changed-value` case in the work tree.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&inputs("diff/base"), &dir.path().join("data"));
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "data"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    dir
}

#[test]
fn git_revision_as_base() {
    if !git_available() {
        eprintln!("git is not installed: skipping the revision test");
        return;
    }
    let dir = repository();
    let out = qbrief(dir.path(), &["diff", "HEAD"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "**qbrief diff** `HEAD` → `data`: no change.\n"),
        "{}",
        out.stderr
    );
    copy_dir(&inputs("diff/changed-value"), &dir.path().join("data"));
    let out = qbrief(dir.path(), &["diff", "HEAD"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!("diff_git_revision", out.stdout);
    // Read from git, not checked out: the work tree keeps the change.
    let call = std::fs::read_to_string(dir.path().join("data/widgets/2024-q3-call.toml")).unwrap();
    assert!(call.contains("$47.0M"));

    let out = qbrief(dir.path(), &["diff", "no-such-branch"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unknown revision \"no-such-branch\""),
        "{}",
        out.stderr
    );
}

#[test]
fn revision_outside_a_repository_is_trouble() {
    if !git_available() {
        eprintln!("git is not installed: skipping the revision test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&inputs("diff/base"), &dir.path().join("data"));
    let out = Command::new(env!("CARGO_BIN_EXE_qbrief"))
        .args(["diff", "HEAD"])
        .current_dir(dir.path())
        // Whatever holds the temporary folder, git must not look above it.
        .env("GIT_CEILING_DIRECTORIES", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is not a folder in a git repository"),
        "{stderr}"
    );
}

/// The workflow's diff step, run as written (with `origin/main` as the base
/// branch) in a repository that has that remote branch.
#[test]
fn review_workflow_runs_commands_qbrief_accepts() {
    let workflow = std::fs::read_to_string(root().join(".github/workflows/review.yml")).unwrap();
    assert!(
        workflow.contains("fetch-depth: 0"),
        "diff needs the base branch's history"
    );
    assert!(workflow.contains("pull_request"));
    let runs: Vec<&str> = workflow
        .lines()
        .map(str::trim)
        .filter_map(|l| {
            l.strip_prefix("./target/release/qbrief ")
                .or_else(|| l.strip_prefix("- run: ./target/release/qbrief "))
        })
        .collect();
    assert!(runs.contains(&"check"), "{runs:?}");
    assert!(runs.contains(&"render --check"), "{runs:?}");
    let diff = runs
        .iter()
        .find(|r| r.starts_with("diff "))
        .expect("a diff step");
    let command = diff
        .split(" > ")
        .next()
        .unwrap()
        .split(" || ")
        .next()
        .unwrap();
    let args: Vec<String> = command
        .split_whitespace()
        .map(|a| a.trim_matches('"').replace("$BASE_REF", "main"))
        .collect();
    assert_eq!(args, ["diff", "origin/main", "--format", "md"]);
    if !git_available() {
        eprintln!("git is not installed: the diff step is not run");
        return;
    }
    let dir = repository();
    git(
        dir.path(),
        &["update-ref", "refs/remotes/origin/main", "HEAD"],
    );
    copy_dir(&inputs("diff/removed-fact"), &dir.path().join("data"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = qbrief(dir.path(), &args);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("**qbrief diff** `origin/main` → `data`: 3 changes"),
        "{}",
        out.stdout
    );
}

/// Copies a folder tree (files and folders only) over `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
