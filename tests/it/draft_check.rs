//! An unedited draft is valid data: drafting every bundled transcript
//! (`sources/`) and the ECTSum calls of `tests/inputs/ectsum/` for a new
//! company of `taxonomies = ["base"]`, as a new user would, gives `check`
//! warnings only, never errors.

use std::path::{Path, PathBuf};

use crate::util::{inputs, qbrief, root};

/// Every transcript to draft, with the period it reports: the bundled
/// ones take the period their data file records, the ECTSum calls the
/// quarter their name gives (`CPT_q3_2021.txt` is 2021-Q3).
fn transcripts() -> Vec<(PathBuf, String)> {
    let loaded = qbrief::load(root().join("data")).expect("the bundled data loads");
    let mut out = Vec::new();
    for data in loaded.dataset.companies.values() {
        // Filings are imported, not drafted.
        for document in data
            .documents
            .iter()
            .filter(|d| d.kind != qbrief::model::DocumentKind::Filing)
        {
            let path = root()
                .join("sources")
                .join(data.company.id.as_str())
                .join(&document.file);
            out.push((path, document.period.to_string()));
        }
    }
    let ectsum = inputs("ectsum");
    let mut calls: Vec<PathBuf> = std::fs::read_dir(&ectsum)
        .expect("tests/inputs/ectsum is in the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    calls.sort();
    for path in calls {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut parts = stem.rsplit('_');
        let year = parts.next().unwrap();
        let quarter = parts.next().unwrap().trim_start_matches('q');
        out.push((path, format!("{year}-Q{quarter}")));
    }
    out
}

fn draft_into(dir: &Path, transcript: &Path, period: &str, out: &str) {
    let run = qbrief(
        dir,
        &[
            "draft",
            transcript.to_str().unwrap(),
            "--company",
            "newco",
            "--period",
            period,
            "--data",
            "data",
            "--out",
            out,
        ],
    );
    assert_eq!(run.code, 0, "{}: {}", transcript.display(), run.stderr);
}

#[test]
fn an_unedited_draft_of_every_transcript_has_no_errors() {
    let transcripts = transcripts();
    assert!(transcripts.len() >= 21, "{transcripts:?}");
    let dir = tempfile::tempdir().unwrap();
    let init = qbrief(
        dir.path(),
        &[
            "init", "newco", "--name", "NewCo", "--ticker", "NEW", "--data", "data",
        ],
    );
    assert_eq!(init.code, 0, "{}", init.stderr);
    for (i, (path, period)) in transcripts.iter().enumerate() {
        draft_into(
            dir.path(),
            path,
            period,
            &format!("data/newco/call-{i:02}.toml"),
        );
    }
    let check = qbrief(dir.path(), &["check", "--data", "data"]);
    let errors: Vec<&str> = check
        .stdout
        .lines()
        .chain(check.stderr.lines())
        .filter(|l| l.contains(": error:"))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("draft fact awaiting review"),
        "{}",
        check.stderr
    );
}
