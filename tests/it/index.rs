//! The universe index (`reports/README.md`, `index.html` in HTML): every
//! company with its latest quarter and the comparison tables of what the
//! taxonomies mark with `compare`, every link pointing at a page render
//! writes.

use std::path::Path;

use crate::util::{inputs, qbrief, root};

/// Two fixture companies in one data folder: the mining-machine maker of
/// the report fixture and the bank, which states no gross margin, EPS or
/// hash rate, and has bank figures the maker lacks.
fn two_companies() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (from, id) in [
        (inputs("report/acme"), "acme"),
        (inputs("bank/data/firstbank"), "firstbank"),
    ] {
        let data = dir.path().join("data").join(id);
        std::fs::create_dir_all(&data).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// The targets of the links of a Markdown page (`[text](target)`) or of an
/// HTML page (`href="target"`).
fn links(page: &str) -> Vec<String> {
    let (open, close) = if page.starts_with("<!DOCTYPE") {
        ("href=\"", '"')
    } else {
        ("](", ')')
    };
    page.match_indices(open)
        .filter_map(|(at, _)| {
            let rest = &page[at + open.len()..];
            rest.find(close).map(|end| rest[..end].to_string())
        })
        .collect()
}

/// Every link of the index at `out/name` is relative and names a file that
/// render wrote; returns how many there are.
#[track_caller]
fn assert_links_resolve(out: &Path, name: &str) -> usize {
    let page = std::fs::read_to_string(out.join(name)).unwrap();
    let links = links(&page);
    for link in &links {
        assert!(
            !link.starts_with('/') && !link.contains("..") && !link.contains(':'),
            "{name}: {link} is not a relative link inside the output"
        );
        assert!(
            out.join(link).is_file(),
            "{name}: {link} is not a written page"
        );
    }
    links.len()
}

#[test]
fn index_of_two_companies_one_lacking_figures() {
    let dir = two_companies();
    let out = qbrief(dir.path(), &["render"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.ends_with("wrote reports/README.md\n"),
        "{}",
        out.stdout
    );
    let index = std::fs::read_to_string(dir.path().join("reports/README.md")).unwrap();
    assert_eq!(qbrief_report::check_markdown(&index), Vec::<String>::new());
    // The bank states no revenue growth and no margins: explicit markers,
    // not guesses.
    let bank_row = index
        .lines()
        .find(|l| l.starts_with("| [First Fixture Bancorp](firstbank/README.md) | [2024-Q3]"))
        .expect("the bank's row of the base table");
    assert!(
        bank_row.contains("(firstbank/2024-Q3.md) | – | – | – | [\\$1.12/share]"),
        "{bank_row}"
    );
    assert!(assert_links_resolve(&dir.path().join("reports"), "README.md") > 10);
    insta::assert_snapshot!("index_two_companies", index);
    // Fresh after the render, stale once edited.
    assert_eq!(qbrief(dir.path(), &["render", "--check"]).code, 0);
    std::fs::write(dir.path().join("reports/README.md"), "edited").unwrap();
    let check = qbrief(dir.path(), &["render", "--check"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.starts_with("stale: reports/README.md\n"),
        "{}",
        check.stderr
    );
}

#[test]
fn html_index_links_to_the_html_pages() {
    let dir = two_companies();
    let out = qbrief(dir.path(), &["render", "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let reports = dir.path().join("reports");
    let page = std::fs::read_to_string(reports.join("index.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<title>Universe index</title>"));
    assert!(
        page.contains("<a href=\"acme/index.html\">"),
        "company pages"
    );
    assert!(
        page.contains("<a href=\"firstbank/2024-Q3.html\">"),
        "briefs"
    );
    assert!(!page.contains(".md\""), "no link to a Markdown page");
    assert!(assert_links_resolve(&reports, "index.html") > 10);
}

#[test]
fn data_text_in_the_index_is_escaped() {
    let dir = two_companies();
    let company = dir.path().join("data/acme/company.toml");
    let text = std::fs::read_to_string(&company).unwrap().replace(
        "name = \"Acme Mining Machines Inc.\"",
        "name = \"<b>Acme</b> | *Mining* [x](y) $1\"",
    );
    std::fs::write(&company, text).unwrap();
    assert_eq!(qbrief(dir.path(), &["render"]).code, 0);
    let index = std::fs::read_to_string(dir.path().join("reports/README.md")).unwrap();
    assert_eq!(qbrief_report::check_markdown(&index), Vec::<String>::new());
    assert!(
        index
            .contains("| [\\<b\\>Acme\\</b\\> \\| \\*Mining\\* \\[x\\](y) \\$1](acme/README.md) |"),
        "{index}"
    );
    let out = qbrief(dir.path(), &["render", "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = std::fs::read_to_string(dir.path().join("reports/index.html")).unwrap();
    assert!(
        !page.contains("<b>Acme"),
        "a name's markup reached the page"
    );
    assert!(page.contains("&lt;b&gt;Acme&lt;/b&gt; | *Mining* [x](y) $1</a>"));
}

#[test]
fn index_of_the_bundled_data() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let data = root().join("data");
    let run = qbrief(
        &root(),
        &[
            "render",
            "--quiet",
            "--data",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert_eq!(
        std::fs::read_to_string(root().join("reports/README.md")).unwrap(),
        index,
        "the committed index is the rendered one"
    );
    // Every company, linked to its page and its latest brief.
    for (id, latest) in [
        ("canaan", "2024-Q3"),
        ("donaldson", "2021-Q4"),
        ("kite-realty", "2021-Q4"),
    ] {
        assert!(index.contains(&format!("]({id}/README.md) |")), "{id}");
        assert!(
            index.contains(&format!("| [{latest}]({id}/{latest}.md)")),
            "{id}"
        );
    }
    assert!(assert_links_resolve(&out, "README.md") > 20);
    insta::assert_snapshot!("index_bundled", index);
}

#[test]
fn a_render_of_one_company_or_quarter_leaves_the_index_alone() {
    let dir = two_companies();
    let out = qbrief(dir.path(), &["render", "--company", "acme"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!dir.path().join("reports/README.md").exists());
    let out = qbrief(dir.path(), &["render", "--period", "2024-Q3"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!dir.path().join("reports/README.md").exists());
}

#[test]
fn the_index_template_can_be_overridden() {
    let dir = two_companies();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("index.md"),
        "# Our coverage\n\n{% for c in i.comparisons %}- {{ c.title }}\n{% endfor %}",
    )
    .unwrap();
    let out = qbrief(dir.path(), &["render", "--templates", "templates"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let index = std::fs::read_to_string(dir.path().join("reports/README.md")).unwrap();
    assert!(
        index.starts_with("# Our coverage\n\n- Company-agnostic financial statements\n"),
        "{index}"
    );
}
