//! `render`'s cache: every kind of change re-renders exactly the companies
//! it must, a corrupt entry or another build is a miss, a page edited by
//! hand is found by `--check` and written again by `render`, and the
//! output is always the bytes of a render without a cache.

mod universe;

use qbrief::render_cache::Entry;

use universe::{summary, tree, written, Universe};

#[test]
fn nothing_changed_renders_nothing() {
    let u = Universe::new();
    assert_eq!(u.render(&[]).0, 3);
    assert_eq!(u.render(&[]), (0, 3, String::new()));
    let check = u.run(&["render", "--check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(summary(&check.stderr), (0, 3));
}

#[test]
fn a_changed_value_renders_its_company_alone() {
    let u = Universe::new();
    u.render(&[]);
    u.edit("co00001/2014-q2-call.toml", "value = \"$", "value = \"$1");
    let check = u.run(&["render", "--check"]);
    assert_eq!(check.code, 1);
    assert_eq!(summary(&check.stderr), (1, 2));
    assert!(check.stderr.contains("stale: reports/co00001/2014-Q2.md"));
    let (rendered, unchanged, stdout) = u.render(&[]);
    assert_eq!((rendered, unchanged), (1, 2));
    assert_eq!(written(&stdout), ["co00001"]);
    assert_eq!(u.render(&[]).0, 0);
}

#[test]
fn a_new_and_a_deleted_file_render_their_company() {
    let u = Universe::new();
    u.render(&[]);
    // A call two years on: nothing else states its quarter.
    let text = std::fs::read_to_string(u.data("co00002/2014-q3-call.toml")).unwrap();
    u.write("co00002/2016-q3-call.toml", &text.replace("2014", "2016"));
    let (rendered, _, stdout) = u.render(&[]);
    assert_eq!(rendered, 1);
    assert!(
        stdout.contains("wrote reports/co00002/2016-Q3.md"),
        "{stdout}"
    );
    assert_eq!(written(&stdout), ["co00002"]);
    std::fs::remove_file(u.data("co00002/2016-q3-call.toml")).unwrap();
    let (rendered, _, stdout) = u.render(&[]);
    assert_eq!(rendered, 1);
    assert!(
        stdout.contains("removed reports/co00002/2016-Q3.md"),
        "{stdout}"
    );
    assert_eq!(written(&stdout), ["co00002"]);
    // A file that is not a data file changes nothing.
    u.write("co00000/notes.md", "notes");
    assert_eq!(u.render(&[]).0, 0);
}

#[test]
fn a_shared_taxonomy_renders_the_companies_that_use_it() {
    let u = Universe::new();
    u.render(&[]);
    u.edit(
        "taxonomies/shared.toml",
        "cost_of_revenue / revenue * 100",
        "gross_profit / revenue * 100",
    );
    let (rendered, unchanged, stdout) = u.render(&[]);
    assert_eq!((rendered, unchanged), (2, 1));
    assert_eq!(written(&stdout), ["co00000", "co00001"]);
    // An unused file of the data folder's taxonomies changes no company,
    // but its errors stop the render as they would without a cache.
    u.write(
        "taxonomies/spare.toml",
        "[taxonomy]\nid = \"spare\"\nlabel = \"Spare\"\nextends = [\"base\"]\n",
    );
    assert_eq!(u.render(&[]).0, 0);
    u.write("taxonomies/spare.toml", "[taxonomy\n");
    for cache in ["--no-cache", "--quiet"] {
        let out = u.run(&["render", cache]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains("spare.toml"), "{}", out.stderr);
    }
    std::fs::remove_file(u.data("taxonomies/spare.toml")).unwrap();
    assert_eq!(u.render(&[]).0, 0);
    // A company's own taxonomy is one of its files.
    u.edit(
        "co00002/taxonomy.toml",
        "members = [\"east\", \"west\"]",
        "members = [\"west\", \"east\"]",
    );
    assert_eq!(u.render(&[]).0, 1);
}

#[test]
fn a_broken_company_file_stops_the_render_and_is_never_cached() {
    let u = Universe::new();
    u.render(&[]);
    u.edit("co00001/2014-q2-call.toml", "[[fact]]", "[[fact]\n");
    let out = u.run(&["render"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("co00001/2014-q2-call.toml"),
        "{}",
        out.stderr
    );
    u.edit("co00001/2014-q2-call.toml", "[[fact]\n", "[[fact]]");
    assert_eq!(u.render(&[]).0, 0);
}

#[test]
fn templates_and_options_are_part_of_the_fingerprint() {
    let u = Universe::new();
    u.render(&[]);
    let templates = u.dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("brief.md"), "# {{ b.title }}\n\nFirst.\n").unwrap();
    assert_eq!(u.render(&["--templates", "templates"]).0, 3);
    assert_eq!(u.render(&["--templates", "templates"]).0, 0);
    std::fs::write(templates.join("brief.md"), "# {{ b.title }}\n\nSecond.\n").unwrap();
    assert_eq!(u.render(&["--templates", "templates"]).0, 3);
    // Back to the embedded templates: the briefs are written again.
    let (rendered, _, stdout) = u.render(&[]);
    assert_eq!(rendered, 3);
    assert!(stdout.contains("wrote reports/co00000/2014-Q1.md"));
    assert_eq!(u.render(&["--format", "html"]).0, 3);
    assert_eq!(u.render(&["--format", "html"]).0, 0);
    assert_eq!(u.render(&["--period", "2014-Q2"]).0, 3);
    assert_eq!(u.render(&["--period", "2014-Q2"]).0, 0);
    assert_eq!(u.render(&["--period", "2014-Q3"]).0, 3);
    assert_eq!(u.render(&["--strict"]).0, 3);
    assert_eq!(u.render(&["--strict"]).0, 0);
    assert_eq!(u.render(&[]).0, 0, "each set of options keeps its entries");
    assert_eq!(u.render(&["--company", "co00001"]).0, 0);
}

#[test]
fn another_build_renders_again() {
    let u = Universe::new();
    u.render(&[]);
    let path = u.entry("co00001");
    let mut entry = Entry::decode(&std::fs::read(&path).unwrap()).expect("a whole entry");
    entry.build = format!("{}-other", entry.build);
    std::fs::write(&path, entry.encode()).unwrap();
    assert_eq!(u.render(&[]).0, 1);
    let entry = Entry::decode(&std::fs::read(&path).unwrap()).expect("stored again");
    assert!(!entry.build.ends_with("-other"));
    assert_eq!(u.render(&[]).0, 0);
}

#[test]
fn a_truncated_or_corrupt_entry_is_rebuilt() {
    let u = Universe::new();
    u.render(&[]);
    let path = u.entry("co00002");
    let bytes = std::fs::read(&path).unwrap();
    let mut flipped = bytes.clone();
    let last = flipped.len() - 2;
    flipped[last] ^= 1;
    for broken in [
        bytes[..bytes.len() / 2].to_vec(),
        flipped,
        Vec::new(),
        b"\xff\xfe garbage".to_vec(),
    ] {
        std::fs::write(&path, &broken).unwrap();
        assert_eq!(u.render(&[]).0, 1);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "rebuilt whole");
        let check = u.run(&["render", "--check"]);
        assert_eq!((check.code, summary(&check.stderr)), (0, (0, 3)));
    }
    // An entry that claims other pages than those on disk is not trusted.
    let mut entry = Entry::decode(&bytes).unwrap();
    entry.pages[0].hash = "0".repeat(32);
    std::fs::write(&path, entry.encode()).unwrap();
    let check = u.run(&["render", "--check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_eq!(u.render(&[]).0, 1);
}

#[test]
fn a_page_edited_by_hand_is_found_and_written_again() {
    let u = Universe::new();
    u.render(&[]);
    let page = u.dir.path().join("reports/co00000/2014-Q2.md");
    let original = std::fs::read(&page).unwrap();
    std::fs::write(&page, "edited by hand").unwrap();
    std::fs::remove_file(u.dir.path().join("reports/co00001/README.md")).unwrap();
    std::fs::write(u.dir.path().join("reports/co00002/2019-Q1.md"), "old").unwrap();
    let check = u.run(&["render", "--check"]);
    assert_eq!(check.code, 1);
    assert_eq!(
        check.stderr,
        "stale: reports/co00000/2014-Q2.md\nmissing: reports/co00001/README.md\nextra: reports/co00002/2019-Q1.md\nreports are out of date; run `qbrief render` and commit the result\nrendered 0 companies, 3 unchanged\n"
    );
    let uncached = u.run(&["render", "--check", "--no-cache"]);
    assert_eq!(
        uncached.stderr.lines().rev().skip(1).collect::<Vec<_>>(),
        check.stderr.lines().rev().skip(1).collect::<Vec<_>>(),
        "the same findings without a cache"
    );
    let (rendered, unchanged, stdout) = u.render(&[]);
    assert_eq!((rendered, unchanged), (3, 0));
    assert_eq!(
        stdout,
        "wrote reports/co00000/2014-Q2.md\nwrote reports/co00001/README.md\nremoved reports/co00002/2019-Q1.md\n"
    );
    assert_eq!(std::fs::read(&page).unwrap(), original);
    // The universe index is checked and written like any page.
    std::fs::write(u.dir.path().join("reports/README.md"), "edited").unwrap();
    let check = u.run(&["render", "--check"]);
    assert!(
        check.stderr.starts_with("stale: reports/README.md\n"),
        "{}",
        check.stderr
    );
    let (rendered, _, stdout) = u.render(&[]);
    assert_eq!(
        (rendered, stdout.as_str()),
        (0, "wrote reports/README.md\n")
    );
}

#[test]
fn runs_at_once_leave_whole_entries() {
    let u = Universe::new();
    std::thread::scope(|s| {
        let runs: Vec<_> = (0..4)
            .map(|i| {
                let u = &u;
                s.spawn(move || {
                    u.run(&[
                        "render",
                        "--quiet",
                        "--jobs",
                        if i % 2 == 0 { "1" } else { "2" },
                    ])
                })
            })
            .collect();
        for run in runs {
            let out = run.join().unwrap();
            assert_eq!(out.code, 0, "{}", out.stderr);
        }
    });
    for company in ["co00000", "co00001", "co00002"] {
        let bytes = std::fs::read(u.entry(company)).unwrap();
        assert!(Entry::decode(&bytes).is_some(), "{company}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(u.entry("co00000").parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(u.render(&[]), (0, 3, String::new()));
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let u = Universe::new();
    let out = u.run(&["render", "--no-cache"]);
    assert_eq!((out.code, summary(&out.stderr)), (0, (3, 0)));
    assert!(!u.cache.path().join("render").exists());
    u.render(&[]);
    let out = u.run(&["render", "--no-cache"]);
    assert_eq!(summary(&out.stderr), (3, 0));
}

#[test]
fn the_cache_is_per_output_folder() {
    let u = Universe::new();
    u.render(&[]);
    let (rendered, _, _) = {
        let out = u.run(&["render", "--out", "elsewhere"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let (r, m) = summary(&out.stderr);
        (r, m, out.stdout)
    };
    assert_eq!(rendered, 3);
    assert_eq!(
        tree(&u.dir.path().join("reports")),
        tree(&u.dir.path().join("elsewhere"))
    );
}
