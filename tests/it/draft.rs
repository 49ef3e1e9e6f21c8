//! `qbrief draft` and `qbrief coverage`: sentence-by-sentence proposals,
//! the drafter's accuracy against the facts recorded by hand, and
//! coverage of every bundled source document.

use std::path::PathBuf;

use qbrief_model::{DataFile, Dataset, Fact};

use crate::util::{qbrief, root};

/// A company's data files, loaded, with or without its document files.
fn load(company: &str, documents: bool) -> Dataset {
    let dir = root().join("data").join(company);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| {
            documents
                || ["company", "taxonomy"]
                    .iter()
                    .any(|s| p.file_stem().unwrap() == *s)
        })
        .collect();
    paths.sort();
    let files: Vec<DataFile> = paths
        .iter()
        .map(|p| DataFile {
            path: p.display().to_string(),
            folder: company.into(),
            stem: p.file_stem().unwrap().to_string_lossy().into_owned(),
            bytes: std::fs::read(p).unwrap(),
        })
        .collect();
    let (dataset, findings) = Dataset::load(&files);
    assert!(findings.iter().all(|f| !f.is_error()), "{findings:?}");
    dataset
}

/// The repository's sources folder: `sources/<company>/<file>`.
fn sources() -> PathBuf {
    root().join(qbrief::sources::DEFAULT_DIR)
}

/// (value and period right, metric right too, recorded) for one document.
fn accuracy(company: &str, document: &str) -> (usize, usize, usize) {
    let full = load(company, true);
    let data = full.companies.values().next().unwrap();
    let doc = data.document(document).unwrap();
    let path = qbrief::sources::document_path(&sources(), company, &doc.file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let bare = load(company, false);
    let vocabulary = &bare.companies.values().next().unwrap().vocabulary;
    let drafted = qbrief_draft::draft(
        &text,
        doc.period,
        data.company.fiscal_year_end_month,
        vocabulary,
        &[],
    );
    let facts: Vec<&Fact> = data.facts.iter().filter(|f| f.source == document).collect();
    let (mut value_period, mut metric) = (0, 0);
    for fact in &facts {
        let same = |c: &&qbrief_draft::Candidate| {
            c.period == fact.period
                && c.figure.unit().dimension() == fact.figure.unit().dimension()
                && c.figure.value() == fact.figure.value()
        };
        let matches: Vec<&qbrief_draft::Candidate> =
            drafted.candidates.iter().filter(same).collect();
        if std::env::var_os("QBRIEF_DRAFT_MISSES").is_some() {
            let near: Vec<String> = drafted
                .candidates
                .iter()
                .filter(|c| {
                    fact.evidence
                        .contains(c.evidence.split_whitespace().next().unwrap_or("#"))
                        || c.evidence.contains(&fact.evidence)
                        || fact.evidence.contains(&c.evidence)
                })
                .map(|c| {
                    format!(
                        "{}|{}|{}",
                        c.metric.as_deref().unwrap_or("?"),
                        c.period,
                        c.value
                    )
                })
                .collect();
            if matches.is_empty() {
                println!(
                    "MISS {document} {} {} {:?} [{}] ~ {near:?}",
                    fact.metric, fact.period, fact.value_text, fact.evidence
                );
            } else if !matches
                .iter()
                .any(|c| c.metric.as_deref() == Some(fact.metric.id().as_str()))
            {
                let got: Vec<&str> = matches
                    .iter()
                    .map(|c| c.metric.as_deref().unwrap_or("?"))
                    .collect();
                println!(
                    "METRIC {document} {} {} {:?} got {got:?} [{}]",
                    fact.metric, fact.period, fact.value_text, fact.evidence
                );
            }
        }
        if !matches.is_empty() {
            value_period += 1;
            if matches
                .iter()
                .any(|c| c.metric.as_deref() == Some(fact.metric.id().as_str()))
            {
                metric += 1;
            }
        }
    }
    (value_period, metric, facts.len())
}

#[test]
fn drafter_accuracy_against_the_recorded_facts() {
    // Floors (percent of the recorded figures drafted with the right value
    // and period, and with the right metric too) just below what the
    // drafter measures today, so that a change to the rules that loses
    // ground on any call fails here.
    let documents = [
        ("canaan", "2023-q2-call", 94, 85),
        ("canaan", "2024-q2-call", 91, 84),
        ("canaan", "2024-q3-call", 89, 74),
        ("donaldson", "2021-q1-call", 85, 85),
        ("donaldson", "2021-q2-call", 88, 72),
        ("donaldson", "2021-q3-call", 95, 82),
        ("donaldson", "2021-q4-call", 80, 70),
        ("kite-realty", "2021-q3-call", 84, 57),
        // 52% before Kite moved onto the built-in reit taxonomy: "Our
        // same-property growth ... is 7.2% and 6.1%" named same-property
        // NOI through a synonym of Kite's own taxonomy that no other
        // company's calls use, so reit does not carry it.
        ("kite-realty", "2021-q4-call", 85, 51),
    ];
    let mut report = String::from("document                    recorded  value+period  +metric\n");
    let mut below = Vec::new();
    for (company, document, vp_floor, metric_floor) in documents {
        let (vp, m, n) = accuracy(company, document);
        let (vp, m) = (100 * vp / n, 100 * m / n);
        report.push_str(&format!(
            "{:<28}{n:>8}  {vp:>11}%  {m:>6}%\n",
            format!("{company}/{document}"),
        ));
        if vp < vp_floor || m < metric_floor {
            below.push(format!(
                "{company}/{document}: {vp}% / {m}%, floors {vp_floor}% / {metric_floor}%"
            ));
        }
    }
    println!("{report}");
    assert!(below.is_empty(), "{}\n{report}", below.join("\n"));
}

fn acme_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data/acme");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(
        crate::util::inputs("acme/company.toml"),
        data.join("company.toml"),
    )
    .unwrap();
    std::fs::copy(
        crate::util::inputs("draft/acme-2024-q3.txt"),
        dir.path().join("acme-2024-q3.txt"),
    )
    .unwrap();
    dir
}

#[test]
fn draft_writes_a_data_file_that_check_accepts() {
    let dir = acme_data();
    let out = qbrief(
        dir.path(),
        &[
            "draft",
            "acme-2024-q3.txt",
            "--company",
            "acme",
            "--period",
            "2024-Q3",
            "--out",
            "data/acme/2024-q3-call.toml",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let toml = std::fs::read_to_string(dir.path().join("data/acme/2024-q3-call.toml")).unwrap();
    insta::assert_snapshot!("draft_acme_toml", toml);
    let check = qbrief(dir.path(), &["check", "data"]);
    assert_eq!(
        check.code, 0,
        "drafts are warnings, not errors: {}",
        check.stderr
    );
    assert!(
        check.stderr.contains("draft fact awaiting review"),
        "{}",
        check.stderr
    );
    // Drafts stay out of the briefs until reviewed.
    let render = qbrief(dir.path(), &["render"]);
    assert_eq!(render.code, 0, "{}", render.stderr);
    assert!(!dir.path().join("reports/acme/2024-Q3.md").exists());
}

/// `qbrief draft` of the fixture transcript as JSON candidates.
fn draft_json(dir: &tempfile::TempDir) -> crate::util::Output {
    qbrief(
        dir.path(),
        &[
            "draft",
            "acme-2024-q3.txt",
            "--company",
            "acme",
            "--period",
            "2024-Q3",
            "--format",
            "json",
        ],
    )
}

#[test]
fn draft_json_candidates() {
    let dir = acme_data();
    let out = draft_json(&dir);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    insta::assert_json_snapshot!("draft_acme_json", json);
}

#[test]
fn draft_skips_what_is_recorded_and_coverage_lists_the_rest() {
    let dir = acme_data();
    std::fs::write(
        dir.path().join("data/acme/2024-q3-call.toml"),
        "[document]\nid = \"2024-q3-call\"\nkind = \"earnings-call\"\ntitle = \"Acme Q3 2024 call\"\nperiod = \"2024-Q3\"\nfile = \"acme-2024-q3.txt\"\n\n\
         [[speaker]]\nname = \"Jo Doe\"\nrole = \"CFO\"\n\n\
         [[fact]]\nmetric = \"revenue\"\nvalue = \"$62.5M\"\nspeaker = \"Jo Doe\"\nevidence = \"Total revenue was $62.5 million\"\n\n\
         [[ignore]]\nevidence = \"Congratulations on 15 years as a public company\"\nreason = \"an anniversary, not a result\"\n",
    )
    .unwrap();
    let out = draft_json(&dir);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("1 figure already recorded skipped"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stdout.contains("\"62500000\""),
        "the recorded revenue is skipped"
    );
    let coverage = qbrief(dir.path(), &["coverage", "acme-2024-q3.txt"]);
    assert_eq!(coverage.code, 1);
    insta::assert_snapshot!("coverage_acme", coverage.stdout);
    assert!(!coverage.stdout.contains("15 years"));
    assert!(!coverage.stdout.contains("\"$62.5 million\""));
}

#[test]
fn every_bundled_source_document_is_accounted_for() {
    let documents = qbrief::sources::documents(&sources()).expect("sources/ is in the repository");
    assert_eq!(
        documents.len(),
        12,
        "the documents the bundled data cites (eleven calls and Donaldson's companyfacts JSON): {documents:?}"
    );
    // With no document named, coverage reads every document of sources/,
    // and fails on one that no data file records.
    let out = qbrief(&root(), &["coverage"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    for document in &documents {
        let shown = document.strip_prefix(root()).unwrap().display().to_string();
        assert!(
            out.stderr.contains(&format!("{shown}: 0 of ")),
            "{shown} not covered:\n{}",
            out.stderr
        );
    }
}
