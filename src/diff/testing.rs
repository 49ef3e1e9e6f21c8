//! Datasets for the unit tests: one company, one document, facts given
//! as TOML.

use qbrief_model::{DataFile, Dataset};

const COMPANY: &str = "id = \"acme\"\nname = \"Acme\"\nticker = \"ACM\"\nexchange = \"NYSE\"\ncurrency = \"USD\"\nfiscal_year_end_month = 12\n";
const HEADER: &str = "[document]\nid = \"call\"\nkind = \"earnings-call\"\ntitle = \"t\"\nperiod = \"2024-Q3\"\nfile = \"f.txt\"\n";

/// A company `acme` whose one document `call` holds `facts` (`[[fact]]`
/// tables); the facts start on line 7 of `data/acme/call.toml`.
pub(crate) fn load(facts: &str) -> Dataset {
    let file = |stem: &str, text: String| DataFile {
        path: format!("data/acme/{stem}.toml"),
        folder: "acme".into(),
        stem: stem.into(),
        bytes: text.into_bytes(),
    };
    let (dataset, findings) = Dataset::load(&[
        file("company", COMPANY.into()),
        file("call", format!("{HEADER}{facts}")),
    ]);
    assert!(findings.iter().all(|f| !f.is_error()), "{findings:?}");
    dataset
}

/// One `[[fact]]` table without a speaker.
pub(crate) fn fact(metric: &str, period: &str, value: &str, evidence: &str) -> String {
    format!("[[fact]]\nmetric = \"{metric}\"\nperiod = \"{period}\"\nvalue = \"{value}\"\nevidence = \"{evidence}\"\n")
}
