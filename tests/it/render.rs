//! `qbrief render`: briefs from fixture data (snapshotted), structure checks,
//! freshness of the committed reports, atomic and minimal writes.

use crate::util::{inputs, qbrief, root};

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data/acme");
    std::fs::create_dir_all(&data).unwrap();
    for entry in std::fs::read_dir(inputs("report/acme")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn read(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join("reports/acme").join(name)).unwrap()
}

#[test]
fn fixture_briefs() {
    let dir = fixture();
    let out = qbrief(dir.path(), &["render"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "wrote reports/acme/2024-Q2.md\nwrote reports/acme/2024-Q3.md\nwrote reports/acme/README.md\nwrote reports/README.md\n");
    for name in ["2024-Q2.md", "2024-Q3.md", "README.md"] {
        let page = read(dir.path(), name);
        assert_eq!(
            qbrief_report::check_markdown(&page),
            Vec::<String>::new(),
            "{name}"
        );
        insta::assert_snapshot!(format!("fixture_{name}"), page);
    }
}

#[test]
fn fixture_html_escapes_data_text() {
    let dir = fixture();
    let out = qbrief(dir.path(), &["render", "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = read(dir.path(), "2024-Q3.html");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        !page.contains("<script>"),
        "a data note's markup reached the page"
    );
    assert!(!page.contains("<b>live</b>"));
    assert!(page.contains(
        "&lt;script&gt;alert('x')&lt;/script&gt; *not bold* | not a cell [^9] $5 &amp; more"
    ));
    assert!(read(dir.path(), "index.html").contains("<table>"));
    insta::assert_snapshot!("fixture_2024-Q3.html", page);
}

#[test]
fn writes_only_what_changed_and_removes_stale_briefs() {
    let dir = fixture();
    assert_eq!(qbrief(dir.path(), &["render"]).code, 0);
    let stale = dir.path().join("reports/acme/2019-Q1.md");
    let keep = dir.path().join("reports/acme/notes.md");
    std::fs::write(&stale, "old").unwrap();
    std::fs::write(&keep, "not ours").unwrap();
    let check = qbrief(dir.path(), &["render", "--check"]);
    assert_eq!(check.code, 1);
    assert_eq!(check.stderr, "extra: reports/acme/2019-Q1.md\nreports are out of date; run `qbrief render` and commit the result\nrendered 1 company, 0 unchanged\n");
    assert!(stale.exists(), "--check writes nothing");
    let again = qbrief(dir.path(), &["render"]);
    assert_eq!(
        again.stdout, "removed reports/acme/2019-Q1.md\n",
        "unchanged files are not rewritten"
    );
    assert!(!stale.exists());
    assert!(keep.exists(), "files that are not briefs are left alone");
    std::fs::write(dir.path().join("reports/acme/2024-Q3.md"), "edited by hand").unwrap();
    std::fs::remove_file(dir.path().join("reports/acme/README.md")).unwrap();
    let check = qbrief(dir.path(), &["render", "--check"]);
    assert_eq!(check.stderr, "stale: reports/acme/2024-Q3.md\nmissing: reports/acme/README.md\nreports are out of date; run `qbrief render` and commit the result\nrendered 1 company, 0 unchanged\n");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("reports/acme"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn period_and_company_filters() {
    let dir = fixture();
    let out = qbrief(
        dir.path(),
        &["render", "--period", "2024-Q3", "--company", "acme"],
    );
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "wrote reports/acme/2024-Q3.md\n")
    );
    let out = qbrief(dir.path(), &["render", "--period", "2019-Q1"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("acme has no data for 2019-Q1; quarters with data: 2024-Q2, 2024-Q3"),
        "{}",
        out.stderr
    );
    let out = qbrief(dir.path(), &["render", "--company", "nobody"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no company \"nobody\""));
}

#[test]
fn template_overrides_and_their_errors() {
    let dir = fixture();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("brief.md"),
        "# {{ b.title }}\n\nRevenue first.\n",
    )
    .unwrap();
    let out = qbrief(
        dir.path(),
        &["render", "--templates", "templates", "--period", "2024-Q3"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        read(dir.path(), "2024-Q3.md"),
        "# Acme Mining Machines Inc. (NASDAQ: ACME): 2024-Q3 brief\n\nRevenue first.\n"
    );
    std::fs::write(templates.join("brief.md"), "# {{ b.title }\n").unwrap();
    let out = qbrief(dir.path(), &["render", "--templates", "templates"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("template brief.md:"), "{}", out.stderr);
    assert!(
        out.stderr.contains("1:"),
        "the error names the line: {}",
        out.stderr
    );
    std::fs::remove_file(templates.join("brief.md")).unwrap();
    std::fs::write(templates.join("brief.markdown"), "x").unwrap();
    let out = qbrief(dir.path(), &["render", "--templates", "templates"]);
    assert!(
        out.stderr
            .contains("template brief.markdown: no embedded template has this name"),
        "{}",
        out.stderr
    );
}

#[test]
fn committed_reports_are_fresh() {
    let out = qbrief(&root(), &["render", "--check"]);
    assert_eq!(
        out.code, 0,
        "{}\nreports/ is out of date: run `cargo run -- render` and commit reports/",
        out.stderr
    );
}

/// Every committed page of every company, briefs and company pages, and
/// the universe index: the structure check includes footnote markers that
/// run together.
#[test]
fn every_committed_page_is_well_formed() {
    let index = std::fs::read_to_string(root().join("reports/README.md")).unwrap();
    assert_eq!(qbrief_report::check_markdown(&index), Vec::<String>::new());
    let mut pages = 0;
    for company in std::fs::read_dir(root().join("reports")).unwrap() {
        let company = company.unwrap().path();
        if !company.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&company).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(
                qbrief_report::check_markdown(&text),
                Vec::<String>::new(),
                "{}",
                path.display()
            );
            pages += 1;
        }
    }
    assert!(pages >= 25, "{pages} pages");
}

/// A figure backed by several statements carries one marker, so in no HTML
/// page of the bundled data is a footnote reference followed by another one
/// or by digits: "39%<sup>49</sup><sup>50</sup>" reads as "39%4950".
#[test]
fn html_pages_never_run_footnote_markers_together() {
    const REFERENCE: &str = "<sup class=\"footnote-reference\">";
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let run = qbrief(
        &root(),
        &[
            "render",
            "--quiet",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (mut pages, mut references) = (0, 0);
    for company in std::fs::read_dir(&out).unwrap() {
        let company = company.unwrap().path();
        // The universe index cites nothing: its figures link to the briefs.
        if !company.is_dir() {
            continue;
        }
        for page in std::fs::read_dir(company).unwrap() {
            let path = page.unwrap().path();
            let html = std::fs::read_to_string(&path).unwrap();
            pages += 1;
            for (at, _) in html.match_indices(REFERENCE) {
                references += 1;
                let end = at + html[at..].find("</sup>").unwrap() + "</sup>".len();
                let after = html[end..].trim_start();
                assert!(
                    !after.starts_with(REFERENCE)
                        && !after.starts_with(|c: char| c.is_ascii_digit()),
                    "{}: markers run together: {:?}",
                    path.display(),
                    [&html[at..end], &after.chars().take(80).collect::<String>()].concat()
                );
            }
        }
    }
    assert!(
        pages >= 25 && references > 500,
        "{pages} pages, {references} references"
    );
}

#[test]
fn the_q3_2024_brief_has_the_headline_figures_and_contradictions() {
    let brief = std::fs::read_to_string(root().join("reports/canaan/2024-Q3.md")).unwrap();
    for needle in [
        "\\$73.6M",
        "beat guidance",
        "7.30M TH/s",
        "\\$8.8/TH/s",
        "1,212 BTC",
        "1,231 BTC",
        "-\\$36.80M",
        "-\\$34M",
        "\\$72M",
        "147 BTC",
        "revenue of \\$80M",
        "**inconsistent**",
        "“\\$63.5000”",
    ] {
        assert!(
            brief.contains(needle),
            "{needle} missing from the 2024-Q3 brief"
        );
    }
}

#[test]
fn a_bank_from_data_files_alone() {
    // A bank's vocabulary comes from taxonomy files: net interest income and
    // margin and the provision from the built-in bank taxonomy; average
    // loans and deposits, a derived loan-to-deposit ratio and a loan-book
    // axis from its own. No Rust code knows it.
    let dir = bank();
    let check = qbrief(dir.path(), &["check", "data"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let out = qbrief(dir.path(), &["render"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for name in ["2024-Q2.md", "2024-Q3.md", "README.md"] {
        let page =
            std::fs::read_to_string(dir.path().join("reports/firstbank").join(name)).unwrap();
        assert_eq!(
            qbrief_report::check_markdown(&page),
            Vec::<String>::new(),
            "{name}"
        );
        insta::assert_snapshot!(format!("bank_{name}"), page);
    }
}

/// A copy of the bank fixture in a temporary folder.
fn bank() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data/firstbank");
    std::fs::create_dir_all(&data).unwrap();
    for entry in std::fs::read_dir(inputs("bank/data/firstbank")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn member_labels_are_escaped_like_other_data_text() {
    // Labels come from data files: markup in them is shown, never applied.
    let dir = bank();
    let taxonomy = dir.path().join("data/firstbank/taxonomy.toml");
    let text = std::fs::read_to_string(&taxonomy).unwrap().replace(
        "label = \"Commercial & industrial\"",
        "label = \"<b>C&I</b> | *loans* $1\"",
    );
    std::fs::write(&taxonomy, text).unwrap();
    assert_eq!(qbrief(dir.path(), &["render"]).code, 0);
    let brief = std::fs::read_to_string(dir.path().join("reports/firstbank/2024-Q3.md")).unwrap();
    assert!(
        brief.contains("Average loans — \\<b\\>C\\&I\\</b\\> \\| \\*loans\\* \\$1 |"),
        "{brief}"
    );
    let out = qbrief(dir.path(), &["render", "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = std::fs::read_to_string(dir.path().join("reports/firstbank/2024-Q3.html")).unwrap();
    assert!(!page.contains("<b>C"), "a label's markup reached the page");
    assert!(page.contains("Average loans — &lt;b&gt;C&amp;I&lt;/b&gt; | *loans* $1<"));
}

#[test]
fn output_is_the_same_bytes_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("data");
    let mut pages = Vec::new();
    for jobs in ["1", "4"] {
        let out = dir.path().join(format!("out{jobs}"));
        let run = qbrief(
            &root(),
            &[
                "render",
                "--quiet",
                "--jobs",
                jobs,
                "--data",
                data.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        files.push((
            "README.md".into(),
            std::fs::read(out.join("README.md")).unwrap(),
        ));
        for company in std::fs::read_dir(&out).unwrap() {
            let company = company.unwrap().path();
            if !company.is_dir() {
                continue;
            }
            for page in std::fs::read_dir(company).unwrap() {
                let path = page.unwrap().path();
                let name = path.strip_prefix(&out).unwrap().display().to_string();
                files.push((name, std::fs::read(&path).unwrap()));
            }
        }
        files.sort();
        pages.push(files);
        let check = qbrief(
            &root(),
            &["check", "--jobs", jobs, "--data", data.to_str().unwrap()],
        );
        pages.push(vec![("check".into(), check.stderr.into_bytes())]);
    }
    assert!(!pages[0].is_empty());
    assert_eq!(pages[0], pages[2], "briefs differ between 1 and 4 threads");
    assert_eq!(
        pages[1], pages[3],
        "check output differs between 1 and 4 threads"
    );
}

/// The benchmark inputs are real data: a generated universe checks without
/// errors, and the restatement worst case shows its revenue conflict once,
/// with every statement, rather than dropping or multiplying it.
#[test]
fn generated_benchmark_data_checks() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, files: Vec<xtask::File>| {
        let data = dir.path().join(name);
        for (path, text) in files {
            let path = data.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        data
    };
    let universe = xtask::Universe {
        companies: 2,
        quarters: 6,
        seed: 7,
    };
    let data = write("universe", universe.files());
    let out = qbrief(&root(), &["check", "--data", data.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("error"), "{}", out.stderr);

    let data = write("restated", xtask::restatements(9));
    let out = qbrief(&root(), &["check", "--data", data.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let conflicts: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("conflict"))
        .collect();
    assert_eq!(conflicts.len(), 1, "{}", out.stderr);
    assert!(conflicts[0].contains("revenue"), "{}", out.stderr);
}
