//! Reading the `[document]` table of a source document's data file: its id
//! (which must be the file's name), kind, title, date, period and file.

use chrono::NaiveDate;

use super::toml_cx::{Cx, Required};
use super::toml_tree::Table;
use crate::company::CompanyId;
use crate::diagnostic::{Diagnostic, DiagnosticKind as K};
use crate::fact::{Document, DocumentKind, Speaker};
use crate::metric::closest;

const DOCUMENT_KEYS: &[&str] = &["id", "company", "kind", "title", "date", "period", "file"];

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
            Some((text, date_span)) => match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                Ok(d) => Some(Some(d)),
                Err(_) => {
                    self.push(
                        Diagnostic::error(K::InvalidField, format!("invalid date \"{text}\""))
                            .at(self.source, date_span)
                            .with_hint("write dates as YYYY-MM-DD, for example \"2024-08-15\""),
                    );
                    None
                }
            },
            None => Some(None),
        };
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
        })
    }
}
