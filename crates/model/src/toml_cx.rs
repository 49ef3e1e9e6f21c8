//! Reading TOML data and taxonomy files with located findings: the shared
//! context that turns a missing key, a wrong type or an unknown key into a
//! [`Diagnostic`] with a caret excerpt.

use std::ops::Range;

use toml_edit::{Item, Table, Value};

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

    pub(crate) fn parse_toml(&mut self) -> Option<toml_edit::Document<&'s str>> {
        match toml_edit::Document::parse(self.text) {
            Ok(doc) => Some(doc),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim().trim_end_matches('.').to_string();
                let message = format!("invalid TOML: {}", lowercase_first(&message));
                self.push(Diagnostic::error(K::Syntax, message).at(self.source, span));
                None
            }
        }
    }

    pub(crate) fn unknown_keys(&mut self, table: &Table, known: &[&str], what: &str) {
        for (key, _) in table.iter() {
            if known.contains(&key) {
                continue;
            }
            let span = table.key(key).and_then(|k| k.span()).unwrap_or(0..0);
            let mut d =
                Diagnostic::error(K::UnknownKey, format!("unknown key \"{key}\" in {what}"))
                    .at(self.source, span);
            d = match closest(key, known) {
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
        table: &Table,
        key: &str,
        required: Required,
        table_span: Range<usize>,
    ) -> Option<(String, Range<usize>)> {
        match table.get(key) {
            Some(Item::Value(Value::String(s))) => {
                Some((s.value().clone(), s.span().unwrap_or(0..0)))
            }
            Some(item) => {
                let span = item.span().unwrap_or(table_span);
                let shown = item
                    .span()
                    .and_then(|s| self.text.get(s))
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                let mut d = Diagnostic::error(K::WrongType, format!("\"{key}\" must be a string"))
                    .at(self.source, span);
                if item
                    .as_value()
                    .is_some_and(|v| v.is_integer() || v.is_float())
                {
                    d = Diagnostic::error(
                        K::WrongType,
                        format!("\"{key}\" is a bare number; bare TOML numbers are rejected because they lose the stated precision"),
                    )
                    .at(self.source, item.span().unwrap_or(0..0))
                    .with_hint(format!("write it as a string, the way the document says it: {key} = \"{shown}\""));
                }
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
        table: &Table,
        key: &str,
        table_span: Range<usize>,
    ) -> Option<(i64, Range<usize>)> {
        match table.get(key) {
            Some(Item::Value(Value::Integer(i))) => Some((*i.value(), i.span().unwrap_or(0..0))),
            Some(item) => {
                self.push(
                    Diagnostic::error(K::WrongType, format!("\"{key}\" must be a whole number"))
                        .at(self.source, item.span().unwrap_or(0..0)),
                );
                None
            }
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

    pub(crate) fn table_span(&self, table: &Table) -> Range<usize> {
        table.span().map_or(0..0, |s| {
            s.start..s.start + self.text[s.start..].find('\n').unwrap_or(0)
        })
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
    pub(crate) fn boolean(&mut self, table: &Table, key: &str) -> Option<(bool, Range<usize>)> {
        match table.get(key) {
            Some(Item::Value(Value::Boolean(b))) => Some((*b.value(), b.span().unwrap_or(0..0))),
            Some(item) => {
                self.push(
                    Diagnostic::error(K::WrongType, format!("\"{key}\" must be true or false"))
                        .at(self.source, item.span().unwrap_or(0..0)),
                );
                None
            }
            None => None,
        }
    }

    /// An array of strings with their spans, `None` when absent; a value of
    /// another type is reported.
    pub(crate) fn string_list(
        &mut self,
        table: &Table,
        key: &str,
    ) -> Option<Vec<(String, Range<usize>)>> {
        let item = table.get(key)?;
        let array = match item {
            Item::Value(Value::Array(a)) => a,
            other => {
                self.push(
                    Diagnostic::error(
                        K::WrongType,
                        format!("\"{key}\" must be an array of strings"),
                    )
                    .at(self.source, other.span().unwrap_or(0..0))
                    .with_hint(format!("write it as {key} = [\"...\", \"...\"]")),
                );
                return None;
            }
        };
        let mut out = Vec::new();
        for value in array.iter() {
            match value {
                Value::String(s) => out.push((s.value().clone(), s.span().unwrap_or(0..0))),
                other => self.push(
                    Diagnostic::error(K::WrongType, format!("\"{key}\" must hold only strings"))
                        .at(self.source, other.span().unwrap_or(0..0)),
                ),
            }
        }
        Some(out)
    }

    /// An inline table of strings (`dims = { region = "asia" }`) as
    /// (key, key span, value, value span), `None` when absent.
    pub(crate) fn string_map(&mut self, table: &Table, key: &str) -> Option<Vec<KeyValue>> {
        let item = table.get(key)?;
        let Some(inline) = item.as_inline_table() else {
            self.push(
                Diagnostic::error(
                    K::WrongType,
                    format!("\"{key}\" must be an inline table of strings"),
                )
                .at(self.source, item.span().unwrap_or(0..0))
                .with_hint(format!("write it as {key} = {{ axis = \"member\" }}")),
            );
            return None;
        };
        let mut out = Vec::new();
        for (k, v) in inline.iter() {
            let key_span = inline.key(k).and_then(|k| k.span()).unwrap_or(0..0);
            match v {
                Value::String(s) => out.push((
                    k.to_string(),
                    key_span,
                    s.value().clone(),
                    s.span().unwrap_or(0..0),
                )),
                other => self.push(
                    Diagnostic::error(K::WrongType, format!("\"{key}.{k}\" must be a string"))
                        .at(self.source, other.span().unwrap_or(key_span)),
                ),
            }
        }
        Some(out)
    }

    /// The tables of an array of tables (`[[metric]]`), reporting any other type.
    pub(crate) fn tables<'t>(&mut self, root: &'t Table, key: &str) -> Vec<&'t Table> {
        match root.get(key) {
            Some(Item::ArrayOfTables(array)) => array.iter().collect(),
            Some(other) => {
                self.push(
                    Diagnostic::error(
                        K::WrongType,
                        format!("\"{key}\" must be an array of tables"),
                    )
                    .at(self.source, other.span().unwrap_or(0..0))
                    .with_hint(format!("write each under its own [[{key}]] header")),
                );
                Vec::new()
            }
            None => Vec::new(),
        }
    }
}
