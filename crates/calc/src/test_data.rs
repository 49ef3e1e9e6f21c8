//! Datasets for unit tests: the fixture company with documents given as
//! data-file text.

use qbrief_model::{DataFile, Dataset};

/// Loads company `acme` (USD, December year end, `company_extra` appended
/// to its company.toml) with `documents` as `(stem, text)` data files;
/// panics on any error finding, since test data must load.
pub(crate) fn load(company_extra: &str, documents: &[(&str, &str)]) -> Dataset {
    let company = format!("id = \"acme\"\nname = \"Acme\"\nticker = \"A\"\nexchange = \"X\"\ncurrency = \"USD\"\nfiscal_year_end_month = 12\n{company_extra}");
    let file = |stem: &str, text: &str| DataFile {
        path: format!("data/acme/{stem}.toml"),
        folder: "acme".into(),
        stem: stem.into(),
        bytes: text.as_bytes().to_vec(),
    };
    let mut files = vec![file("company", &company)];
    files.extend(documents.iter().map(|(stem, text)| file(stem, text)));
    let (dataset, findings) = Dataset::load(&files);
    assert!(findings.iter().all(|f| !f.is_error()), "{findings:?}");
    dataset
}
