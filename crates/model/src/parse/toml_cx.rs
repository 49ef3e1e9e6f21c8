//! Reading TOML data and taxonomy files with located findings: the shared
//! context that turns a missing key, a wrong type or an unknown key into a
//! [`Diagnostic`] with a caret excerpt.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::toml_tree::{is_array_of_tables, span, Item, Shape, Table};
use crate::diagnostic::{Diagnostic, DiagnosticKind as K, SourceText};
use crate::metric::closest;
use crate::period::Period;

#[derive(PartialEq, Eq)]
pub(crate) enum Required {
    Yes,
    No,
}

pub(crate) fn root_span() -> Range<usize> {
    0..0
}

/// Parsing context: the source, the company and the findings so far.
pub(crate) struct Cx<'s> {
    pub(crate) source: &'s SourceText<'s>,
    pub(crate) company: Option<&'s str>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) text: &'s str,
}

impl<'s> Cx<'s> {
    pub(crate) fn new(source: &'s SourceText<'s>, company: Option<&'s str>) -> Self {
        Cx {
            source,
            company,
            diagnostics: Vec::new(),
            text: source_text(source),
        }
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        let company = diagnostic
            .company
            .clone()
            .or(self.company.map(str::to_string));
        self.diagnostics.push(Diagnostic {
            company,
            ..diagnostic
        });
    }

    pub(crate) fn parse_toml(&mut self) -> Option<Spanned<DeTable<'s>>> {
        let (message, span) = match super::toml_tree::parse(self.text) {
            Ok(root) => return Some(root),
            Err(found) => found,
        };
        let message = message.trim().trim_end_matches('.').to_string();
        let message = format!("invalid TOML: {}", lowercase_first(&message));
        self.push(Diagnostic::error(K::Syntax, message).at(self.source, span));
        None
    }

    pub(crate) fn unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str], what: &str) {
        // With toml's `preserve_order` the keys come in the order of the file.
        for key in table.keys() {
            let name: &str = key.get_ref();
            if known.contains(&name) {
                continue;
            }
            let mut d =
                Diagnostic::error(K::UnknownKey, format!("unknown key \"{name}\" in {what}"))
                    .at(self.source, key.span());
            d = match closest(name, known) {
                Some(s) => d.with_hint(format!("did you mean \"{s}\"?")),
                None => d.with_hint(format!("the keys are: {}", known.join(", "))),
            };
            self.push(d);
        }
    }

    /// A string value, with the span of the value. Reports a missing
    /// required key at `table_span`, and any non-string value.
    pub(crate) fn string(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        required: Required,
        table_span: Range<usize>,
    ) -> Option<(String, Range<usize>)> {
        match table.get(key) {
            Some(item) => {
                if let DeValue::String(s) = item.get_ref() {
                    return Some((s.to_string(), item.span()));
                }
                let span = span(item);
                let shown = self.text.get(span.clone()).unwrap_or_default().trim();
                let d = if matches!(item.get_ref(), DeValue::Integer(_) | DeValue::Float(_)) {
                    Diagnostic::error(
                        K::WrongType,
                        format!("\"{key}\" is a bare number; bare TOML numbers are rejected because they lose the stated precision"),
                    )
                    .at(self.source, span)
                    .with_hint(format!("write it as a string, the way the document says it: {key} = \"{shown}\""))
                } else {
                    Diagnostic::error(K::WrongType, format!("\"{key}\" must be a string"))
                        .at(self.source, span)
                };
                self.push(d);
                None
            }
            None if required == Required::Yes => {
                self.push(
                    Diagnostic::error(K::MissingKey, format!("missing required key \"{key}\""))
                        .at(self.source, table_span),
                );
                None
            }
            None => None,
        }
    }

    pub(crate) fn integer(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        table_span: Range<usize>,
    ) -> Option<(i64, Range<usize>)> {
        match table.get(key) {
            Some(item) => match item.get_ref() {
                // parse_toml has rejected every integer that overflows i64.
                DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                    .ok()
                    .map(|n| (n, item.span())),
                _ => {
                    self.push(
                        Diagnostic::error(
                            K::WrongType,
                            format!("\"{key}\" must be a whole number"),
                        )
                        .at(self.source, span(item)),
                    );
                    None
                }
            },
            None => {
                self.push(
                    Diagnostic::error(K::MissingKey, format!("missing required key \"{key}\""))
                        .at(self.source, table_span),
                );
                None
            }
        }
    }

    pub(crate) fn period(&mut self, text: &str, span: Range<usize>) -> Option<Period> {
        match text.parse::<Period>() {
            Ok(p) => Some(p),
            Err(e) => {
                self.push(
                    Diagnostic::error(K::InvalidPeriod, e.to_string())
                        .at(self.source, span)
                        .with_hint("periods look like \"2024-Q3\", \"2024-H1\" or \"2024-FY\""),
                );
                None
            }
        }
    }

    /// Where a finding about a whole table points: its header line, from
    /// the header to the end of the line.
    pub(crate) fn table_span(&self, table: &Table<'_, '_>) -> Range<usize> {
        let start = table.span().start;
        let line = self.text.get(start..).and_then(|rest| rest.find('\n'));
        start..start + line.unwrap_or(0)
    }
}

fn source_text<'a>(source: &'a SourceText<'a>) -> &'a str {
    source.text()
}

pub(crate) fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A key and a string value of an inline table, each with its span.
pub(crate) type KeyValue = (String, Range<usize>, String, Range<usize>);

impl Cx<'_> {
    /// A boolean value, `None` when absent; a value of another type is reported.
    pub(crate) fn boolean(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
    ) -> Option<(bool, Range<usize>)> {
        let item = table.get(key)?;
        match item.get_ref() {
            DeValue::Boolean(b) => Some((*b, item.span())),
            _ => {
                self.push(
                    Diagnostic::error(K::WrongType, format!("\"{key}\" must be true or false"))
                        .at(self.source, span(item)),
                );
                None
            }
        }
    }

    /// An array of strings with their spans, `None` when absent; a value of
    /// another type is reported.
    pub(crate) fn string_list(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
    ) -> Option<Vec<(String, Range<usize>)>> {
        let item = table.get(key)?;
        let Shape::Value(DeValue::Array(array)) = self.shape(item) else {
            self.push(
                Diagnostic::error(
                    K::WrongType,
                    format!("\"{key}\" must be an array of strings"),
                )
                .at(self.source, span(item))
                .with_hint(format!("write it as {key} = [\"...\", \"...\"]")),
            );
            return None;
        };
        let mut out = Vec::new();
        for value in array.iter() {
            match value.get_ref() {
                DeValue::String(s) => out.push((s.to_string(), value.span())),
                _ => self.push(
                    Diagnostic::error(K::WrongType, format!("\"{key}\" must hold only strings"))
                        .at(self.source, value.span()),
                ),
            }
        }
        Some(out)
    }

    /// An inline table of strings (`dims = { region = "asia" }`) as
    /// (key, key span, value, value span), `None` when absent.
    pub(crate) fn string_map(&mut self, table: &DeTable<'_>, key: &str) -> Option<Vec<KeyValue>> {
        let item = table.get(key)?;
        let Shape::InlineTable(inline) = self.shape(item) else {
            self.push(
                Diagnostic::error(
                    K::WrongType,
                    format!("\"{key}\" must be an inline table of strings"),
                )
                .at(self.source, span(item))
                .with_hint(format!("write it as {key} = {{ axis = \"member\" }}")),
            );
            return None;
        };
        let mut out = Vec::new();
        for (k, v) in inline.iter() {
            match v.get_ref() {
                DeValue::String(s) => {
                    out.push((k.get_ref().to_string(), k.span(), s.to_string(), v.span()));
                }
                _ => self.push(
                    Diagnostic::error(
                        K::WrongType,
                        format!("\"{key}.{}\" must be a string", k.get_ref()),
                    )
                    .at(self.source, v.span()),
                ),
            }
        }
        Some(out)
    }

    /// The tables of an array of tables (`[[metric]]`), reporting any other type.
    pub(crate) fn tables<'t, 'i>(
        &mut self,
        root: &'t DeTable<'i>,
        key: &str,
    ) -> Vec<Table<'t, 'i>> {
        self.array_of_tables(root, key).unwrap_or_else(|span| {
            self.push(
                Diagnostic::error(
                    K::WrongType,
                    format!("\"{key}\" must be an array of tables"),
                )
                .at(self.source, span)
                .with_hint(format!("write each under its own [[{key}]] header")),
            );
            Vec::new()
        })
    }
}

impl Cx<'_> {
    /// What `item` is, as the readers distinguish it.
    pub(crate) fn shape<'t, 'i>(&self, item: &'t Item<'i>) -> Shape<'t, 'i> {
        match item.get_ref() {
            // A table made by a header spans the header, one made by dotted
            // keys spans its key; only an inline table starts with a brace.
            DeValue::Table(t) if self.text.as_bytes().get(item.span().start) == Some(&b'{') => {
                Shape::InlineTable(t)
            }
            DeValue::Table(t) => Shape::Table(Table::new(t, item.span())),
            DeValue::Array(a) if is_array_of_tables(a, item) => Shape::ArrayOfTables(a),
            other => Shape::Value(other),
        }
    }

    /// The `[key]` table of `table`: `Ok(None)` when absent, `Err` with the
    /// span of a value of another kind.
    pub(crate) fn std_table<'t, 'i>(
        &self,
        table: &'t DeTable<'i>,
        key: &str,
    ) -> Result<Option<Table<'t, 'i>>, Range<usize>> {
        match table.get(key) {
            Some(item) => match self.shape(item) {
                Shape::Table(t) => Ok(Some(t)),
                _ => Err(span(item)),
            },
            None => Ok(None),
        }
    }

    /// The `[[key]]` tables of `table`, none when absent; `Err` with the
    /// span of a value of another kind.
    pub(crate) fn array_of_tables<'t, 'i>(
        &self,
        table: &'t DeTable<'i>,
        key: &str,
    ) -> Result<Vec<Table<'t, 'i>>, Range<usize>> {
        let Some(item) = table.get(key) else {
            return Ok(Vec::new());
        };
        match self.shape(item) {
            Shape::ArrayOfTables(array) => Ok(array
                .iter()
                .filter_map(|t| {
                    let entries = t.get_ref().as_table()?;
                    Some(Table::new(entries, t.span()))
                })
                .collect()),
            _ => Err(span(item)),
        }
    }
}
