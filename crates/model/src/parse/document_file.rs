//! Reading one source document's data file: its `[document]` table, its
//! speakers, facts and ignored numbers, collecting every problem as a
//! located [`Diagnostic`] rather than stopping at the first.

use super::toml_cx::Cx;
use crate::company::Company;
use crate::diagnostic::{Diagnostic, DiagnosticKind as K, SourceText};
use crate::fact::{Document, Fact};
use crate::taxonomy::Vocabulary;

const DOCUMENT_FILE_KEYS: &[&str] = &["document", "speaker", "fact", "ignore"];

/// What [`parse_document`] found in one source file.
#[derive(Debug, Default)]
pub struct ParsedDocument {
    /// The document, when its `[document]` table is valid.
    pub document: Option<Document>,
    /// Every valid fact.
    pub facts: Vec<Fact>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one source-document data file of `company`. `stem` is the file
/// name without `.toml`, which must equal the document id.
pub fn parse_document(
    file: &str,
    text: &str,
    stem: &str,
    company: &Company,
    vocabulary: &Vocabulary,
) -> ParsedDocument {
    let fiscal_year_end = company.fiscal_year_end_month;
    let company = &company.id;
    let source = SourceText::new(file, text);
    let mut cx = Cx::new(&source, Some(company.as_str()));
    let Some(doc) = cx.parse_toml() else {
        return ParsedDocument {
            diagnostics: cx.diagnostics,
            ..ParsedDocument::default()
        };
    };
    let root = doc.get_ref();
    cx.unknown_keys(root, DOCUMENT_FILE_KEYS, "a source file");

    let document_table = match cx.std_table(root, "document") {
        Ok(Some(t)) => Some(t),
        Err(span) => {
            cx.push(
                Diagnostic::error(K::WrongType, "\"document\" must be a table")
                    .at(&source, span)
                    .with_hint("write it as a [document] table"),
            );
            None
        }
        Ok(None) => {
            cx.push(
                Diagnostic::error(K::MissingKey, "missing [document] table")
                    .at(&source, 0..0)
                    .with_hint(
                        "start the file with [document] and its id, kind, title, period and file",
                    ),
            );
            None
        }
    };
    let speakers = cx.speakers(root);
    let mut document = document_table.and_then(|t| cx.document(&t, stem, company, &speakers));
    let ignored = cx.ignored(root);
    if let Some(d) = document.as_mut() {
        d.ignored = ignored;
    }
    let mut facts = Vec::new();
    match cx.array_of_tables(root, "fact") {
        Ok(tables) => {
            // Facts are a few hundred bytes: grown by doubling, they would be
            // copied again at each step.
            facts.reserve_exact(tables.len());
            for table in &tables {
                if let Some(fact) = cx.fact(
                    table,
                    document.as_ref(),
                    &speakers,
                    (company, fiscal_year_end),
                    vocabulary,
                ) {
                    facts.push(fact);
                }
            }
        }
        Err(span) => cx.push(
            Diagnostic::error(K::WrongType, "\"fact\" must be an array of tables")
                .at(&source, span)
                .with_hint("write each fact under its own [[fact]] header"),
        ),
    }
    ParsedDocument {
        document,
        facts,
        diagnostics: cx.diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company::CompanyId;
    use crate::parse::company_file::parse_company;
    use crate::quantity::Currency;
    use proptest::prelude::*;

    const VALID: &str = "[document]\nid = \"doc\"\nkind = \"earnings-call\"\ntitle = \"t\"\nperiod = \"2024-Q3\"\nfile = \"f.txt\"\n\n[[speaker]]\nname = \"Jo\"\nrole = \"CFO\"\n\n[[fact]]\nmetric = \"revenue\"\nvalue = \"$73.6M\"\nspeaker = \"Jo\"\nevidence = \"revenue of $73.6 million\"\n";

    fn company() -> Company {
        Company {
            id: CompanyId::new("acme").unwrap(),
            name: "Acme".into(),
            ticker: "A".into(),
            exchange: "X".into(),
            currency: Currency::USD,
            fiscal_year_end_month: 12,
            taxonomies: vec!["base".into()],
        }
    }

    fn vocabulary() -> Vocabulary {
        Vocabulary::builtin(&["base"], Currency::USD)
    }

    #[test]
    fn valid_document_parses() {
        let parsed = parse_document("doc.toml", VALID, "doc", &company(), &vocabulary());
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(parsed.facts.len(), 1);
    }

    proptest! {
        #[test]
        fn any_text_never_panics(text in "\\PC{0,200}") {
            let _ = parse_document("x.toml", &text, "x", &company(), &vocabulary());
            let _ = parse_company("company.toml", &text, "acme");
        }

        #[test]
        fn mutated_documents_never_panic(at in 0usize..VALID.len(), cut in 0usize..40, insert in "[\\[\\]\"=\\n a-z0-9$.,%-]{0,12}") {
            let mut text = VALID.to_string();
            let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
            let end = (at + cut).min(text.len());
            let end = (end..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
            text.replace_range(at..end, &insert);
            let parsed = parse_document("x.toml", &text, "doc", &company(), &vocabulary());
            for d in &parsed.diagnostics {
                prop_assert!(d.location.is_some(), "unlocated diagnostic: {d:?}");
            }
        }
    }
}
