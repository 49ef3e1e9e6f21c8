//! Taxonomy files: every bad-taxonomy fixture in `tests/inputs/taxonomy/`
//! gives a located, helpful diagnostic, snapshotted so a worse message
//! shows in review; a data folder's own taxonomies are used.

use crate::util::{inputs, qbrief, DataDir};

#[test]
fn bad_taxonomy_diagnostics() {
    insta::glob!("../inputs/taxonomy", "*.toml", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        let data = DataDir::new();
        let bytes = std::fs::read(path).unwrap();
        if name.starts_with("company-") {
            data.write("company.toml", &bytes);
        } else if let Some(id) = name.strip_prefix("shared-") {
            let shared = data.path().join("data/taxonomies");
            std::fs::create_dir_all(&shared).unwrap();
            std::fs::write(shared.join(id), &bytes).unwrap();
        } else {
            data.write("taxonomy.toml", &bytes);
        }
        let out = qbrief(data.path(), &["check", "data"]);
        assert_eq!(out.code, 1, "{name}: {}", out.stderr);
        assert!(out.stderr.contains(":"), "{name}: findings are located");
        insta::assert_snapshot!(out.stderr);
    });
}

#[test]
fn data_folder_taxonomies_extend_the_built_in_ones() {
    let data = DataDir::new();
    let shared = data.path().join("data/taxonomies");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(
        shared.join("lending.toml"),
        "[taxonomy]\nid = \"lending\"\nlabel = \"Lending\"\nextends = [\"base\"]\n\n\
         [[metric]]\nid = \"loans\"\nlabel = \"Loans\"\nunit = \"money\"\nkind = \"balance\"\n\
         sign = \"non-negative\"\nsection = \"balance-sheet\"\n",
    )
    .unwrap();
    data.write(
        "company.toml",
        &std::fs::read(inputs("acme/company.toml"))
            .unwrap()
            .iter()
            .copied()
            .chain(b"".iter().copied())
            .collect::<Vec<u8>>(),
    );
    let company = std::fs::read_to_string(data.path().join("data/acme/company.toml")).unwrap();
    data.write(
        "company.toml",
        company
            .replace("[\"base\", \"bitcoin-mining\"]", "[\"lending\"]")
            .as_bytes(),
    );
    data.write(
        "call.toml",
        b"[document]\nid = \"call\"\nkind = \"earnings-call\"\ntitle = \"t\"\nperiod = \"2024-Q3\"\nfile = \"f.txt\"\n\n\
          [[fact]]\nmetric = \"loans\"\nvalue = \"$1.2B\"\nevidence = \"loans of $1.2 billion\"\n",
    );
    let out = qbrief(data.path(), &["check", "data"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = qbrief(data.path(), &["metrics", "--company", "acme"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("# acme (base, lending)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("loans "), "{}", out.stdout);
}
