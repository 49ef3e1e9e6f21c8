//! Reading the `[document]` table of a source document's data file: its id
//! (which must be the file's name), kind, title, date, period and file.

use chrono::NaiveDate;

use super::toml_cx::{Cx, Required};
use super::toml_tree::Table;
use crate::company::CompanyId;
use crate::diagnostic::{Diagnostic, DiagnosticKind as K};
use crate::fact::{Document, DocumentKind, Filing, Speaker};
use crate::metric::closest;

const DOCUMENT_KEYS: &[&str] = &[
    "id",
    "company",
    "kind",
    "title",
    "date",
    "period",
    "file",
    "form",
    "accession",
    "filed",
];

impl Cx<'_> {
    pub(super) fn document(
        &mut self,
        table: &Table<'_, '_>,
        stem: &str,
        company: &CompanyId,
        speakers: &[Speaker],
    ) -> Option<Document> {
        let span = self.table_span(table);
        self.unknown_keys(table, DOCUMENT_KEYS, "[document]");
        let id = self.string(table, "id", Required::Yes, span.clone());
        let kind = self.string(table, "kind", Required::Yes, span.clone());
        let title = self.string(table, "title", Required::Yes, span.clone());
        let date = self.string(table, "date", Required::No, span.clone());
        let period = self.string(table, "period", Required::Yes, span.clone());
        let file = self.string(table, "file", Required::Yes, span.clone());
        if let Some((named, named_span)) = self.string(table, "company", Required::No, span.clone())
        {
            if named != company.as_str() {
                self.push(
                    Diagnostic::error(K::UnknownCompany, format!("document names company \"{named}\" but is in the folder of \"{company}\""))
                        .at(self.source, named_span)
                        .with_hint(format!("move the file to data/{named}/ or set company = \"{company}\"")),
                );
            }
        }
        let id = id.and_then(|(id, id_span)| {
            if id == stem {
                Some(id)
            } else {
                self.push(
                    Diagnostic::error(
                        K::InvalidField,
                        format!("document id \"{id}\" differs from the file name \"{stem}.toml\""),
                    )
                    .at(self.source, id_span)
                    .with_hint(format!(
                        "set id = \"{stem}\" or rename the file to {id}.toml"
                    )),
                );
                None
            }
        });
        let kind = kind.and_then(|(kind, kind_span)| {
            let found = DocumentKind::NAMES
                .iter()
                .find(|(n, _)| *n == kind)
                .map(|(_, k)| *k);
            if found.is_none() {
                let names: Vec<&str> = DocumentKind::NAMES.iter().map(|(n, _)| *n).collect();
                let hint = closest(&kind, &names)
                    .map(|s| format!("did you mean \"{s}\"?"))
                    .unwrap_or_else(|| format!("the kinds are: {}", names.join(", ")));
                self.push(
                    Diagnostic::error(K::InvalidField, format!("unknown document kind \"{kind}\""))
                        .at(self.source, kind_span)
                        .with_hint(hint),
                );
            }
            found
        });
        let date = match date {
            Some(spanned) => self.date(spanned).map(Some),
            None => Some(None),
        };
        let filing = self.filing(table, kind, span.clone());
        let period = period.and_then(|(p, s)| self.period(&p, s));
        Some(Document {
            id: id?,
            company: company.clone(),
            kind: kind?,
            title: title?.0,
            date: date?,
            period: period?,
            file: file?.0,
            speakers: speakers.to_vec(),
            data_file: self.source.name().to_string(),
            ignored: Vec::new(),
            filing: filing?,
        })
    }

    fn date(&mut self, (text, span): (String, std::ops::Range<usize>)) -> Option<NaiveDate> {
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.push(
                    Diagnostic::error(K::InvalidField, format!("invalid date \"{text}\""))
                        .at(self.source, span)
                        .with_hint("write dates as YYYY-MM-DD, for example \"2024-08-15\""),
                );
                None
            }
        }
    }

    /// `form`, `accession` and `filed`: all three on a filing that records
    /// them, none on another kind of document. `Some(None)` when absent.
    fn filing(
        &mut self,
        table: &Table<'_, '_>,
        kind: Option<DocumentKind>,
        span: std::ops::Range<usize>,
    ) -> Option<Option<Filing>> {
        let form = self.string(table, "form", Required::No, span.clone());
        let accession = self.string(table, "accession", Required::No, span.clone());
        let filed = self.string(table, "filed", Required::No, span.clone());
        if form.is_none() && accession.is_none() && filed.is_none() {
            return Some(None);
        }
        if kind.is_some_and(|k| k != DocumentKind::Filing) {
            let first = [&form, &accession, &filed]
                .into_iter()
                .flatten()
                .next()
                .map(|(_, s)| s.clone())
                .unwrap_or(span);
            self.push(
                Diagnostic::error(
                    K::InvalidField,
                    "only a filing has a form, accession and filing date",
                )
                .at(self.source, first)
                .with_hint("set kind = \"filing\", or remove form, accession and filed"),
            );
            return None;
        }
        let (Some(form), Some(accession), Some(filed)) = (form, accession, filed) else {
            self.push(
                Diagnostic::error(K::MissingKey, "a filing records its form, accession and filed date together")
                    .at(self.source, span)
                    .with_hint("write form = \"10-Q\", accession = \"0000029644-21-000018\" and filed = \"2021-06-07\""),
            );
            return None;
        };
        let filed = self.date(filed)?;
        Some(Some(Filing {
            form: form.0,
            accession: accession.0,
            filed,
        }))
    }
}
