//! Reading the `[[speaker]]` tables of a source document's data file: each
//! speaker's name and role, declared once.

use toml::de::DeTable;

use super::toml_cx::{Cx, Required};
use crate::diagnostic::{Diagnostic, DiagnosticKind as K};
use crate::fact::Speaker;

const SPEAKER_KEYS: &[&str] = &["name", "role"];

impl Cx<'_> {
    pub(super) fn speakers(&mut self, root: &DeTable<'_>) -> Vec<Speaker> {
        let mut speakers = Vec::new();
        match self.array_of_tables(root, "speaker") {
            Ok(tables) => {
                for table in &tables {
                    let span = self.table_span(table);
                    self.unknown_keys(table, SPEAKER_KEYS, "[[speaker]]");
                    let name = self.string(table, "name", Required::Yes, span.clone());
                    let role = self.string(table, "role", Required::Yes, span.clone());
                    if let (Some((name, name_span)), Some((role, _))) = (name, role) {
                        if speakers.iter().any(|s: &Speaker| s.name == name) {
                            self.push(
                                Diagnostic::error(
                                    K::InvalidField,
                                    format!("speaker \"{name}\" is declared twice"),
                                )
                                .at(self.source, name_span),
                            );
                        } else {
                            speakers.push(Speaker { name, role });
                        }
                    }
                }
            }
            Err(span) => self.push(
                Diagnostic::error(K::WrongType, "\"speaker\" must be an array of tables")
                    .at(self.source, span)
                    .with_hint("declare each speaker under its own [[speaker]] header"),
            ),
        }
        speakers
    }
}
