//! Reading `[[axis]]` tables: members as ids or `{ id, label }` tables,
//! each problem a located finding.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::span::Spanned;
use super::toml_cx::{Cx, Required};
use super::toml_tree::{span, Item, Shape, Table};
use crate::axis::{default_member_label, Member};
use crate::diagnostic::{Diagnostic, DiagnosticKind as K};

const AXIS_KEYS: &[&str] = &["id", "label", "members", "partition"];
const MEMBER_KEYS: &[&str] = &["id", "label"];

#[derive(Debug, Clone)]
pub(crate) struct AxisDecl {
    pub id: Spanned,
    pub label: Option<String>,
    pub members: Vec<MemberDecl>,
    pub partition: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct MemberDecl {
    /// The id, with the span of its string.
    pub id: Spanned,
    /// The label the taxonomy gives, if any.
    pub label: Option<String>,
}

impl MemberDecl {
    /// The member as the vocabulary holds it, its label filled in.
    pub(crate) fn member(&self) -> Member {
        Member {
            id: self.id.0.clone(),
            label: self
                .label
                .clone()
                .unwrap_or_else(|| default_member_label(&self.id.0)),
        }
    }
}

const MEMBERS_HINT: &str =
    "list the axis members: members = [\"north-america\", { id = \"middle-east\", label = \"Middle East\" }]";

impl Cx<'_> {
    /// One `[[axis]]` table.
    pub(crate) fn axis(&mut self, t: &Table<'_, '_>) -> Option<AxisDecl> {
        let span = self.table_span(t);
        self.unknown_keys(t, AXIS_KEYS, "[[axis]]");
        let id = self.string(t, "id", Required::Yes, span.clone());
        let label = self.string(t, "label", Required::No, span.clone());
        let partition = self.boolean(t, "partition").is_some_and(|(b, _)| b);
        let members = match t.get("members") {
            Some(item) => self.members(item),
            None => {
                self.push(
                    Diagnostic::error(K::MissingKey, "missing required key \"members\"")
                        .at(self.source, span)
                        .with_hint(MEMBERS_HINT),
                );
                Vec::new()
            }
        };
        Some(AxisDecl {
            id: self.metric_id(id?)?,
            label: label.map(|(l, _)| l),
            members,
            partition,
        })
    }

    /// The members of an axis, each listed once; every problem is reported
    /// and the member left out.
    fn members(&mut self, item: &Item<'_>) -> Vec<MemberDecl> {
        let Shape::Value(DeValue::Array(array)) = self.shape(item) else {
            self.push(
                Diagnostic::error(K::WrongType, "\"members\" must be an array")
                    .at(self.source, span(item))
                    .with_hint(MEMBERS_HINT),
            );
            return Vec::new();
        };
        let mut checked: Vec<MemberDecl> = Vec::new();
        for value in array.iter() {
            let Some(m) = self.member(value) else {
                continue;
            };
            if let Some(first) = checked.iter().find(|c| c.id.0 == m.id.0) {
                let first_at = self.source.location(first.id.1.clone());
                self.push(
                    Diagnostic::error(
                        K::DuplicateDefinition,
                        format!("member \"{}\" is listed twice", m.id.0),
                    )
                    .at(self.source, m.id.1)
                    .with_note(format!("first listed on line {}", first_at.line))
                    .with_hint("list each member once, with its label if it has one"),
                );
            } else {
                checked.push(m);
            }
        }
        checked
    }

    /// One member: an id, or `{ id = "...", label = "..." }`.
    fn member(&mut self, value: &Item<'_>) -> Option<MemberDecl> {
        match self.shape(value) {
            Shape::Value(DeValue::String(s)) => {
                let id = self.slug((s.to_string(), value.span()))?;
                Some(MemberDecl { id, label: None })
            }
            Shape::InlineTable(table) => self.member_table(table, value.span()),
            _ => {
                self.push(
                    Diagnostic::error(K::WrongType, "a member must be an id or a table with an id and a label")
                        .at(self.source, span(value))
                        .with_hint("write \"middle-east\", or { id = \"middle-east\", label = \"Middle East\" }"),
                );
                None
            }
        }
    }

    fn member_table(&mut self, table: &DeTable<'_>, at: Range<usize>) -> Option<MemberDecl> {
        let id = match table.get("id") {
            Some(item) => match item.get_ref() {
                DeValue::String(s) => self.slug((s.to_string(), item.span())),
                _ => {
                    self.push(
                        Diagnostic::error(K::WrongType, "a member's \"id\" must be a string")
                            .at(self.source, span(item))
                            .with_hint("write the id in quotes: id = \"middle-east\""),
                    );
                    None
                }
            },
            None => {
                self.push(
                    Diagnostic::error(K::MissingKey, "a member table needs an \"id\"")
                        .at(self.source, at)
                        .with_hint("write { id = \"middle-east\", label = \"Middle East\" }"),
                );
                None
            }
        };
        let what = id.as_ref().map_or("a member table".to_string(), |(id, _)| {
            format!("member \"{id}\"")
        });
        self.unknown_keys(table, MEMBER_KEYS, &what);
        let label = table.get("label").and_then(|item| {
            let shown = id.as_ref().map_or("", |(id, _)| id.as_str());
            self.member_label(item, shown)
        });
        // A bad label has been reported; the member keeps its id.
        Some(MemberDecl { id: id?, label })
    }

    /// A member's label: a string that is not blank and has no surrounding
    /// spaces. `member` is the id, for the messages.
    fn member_label(&mut self, item: &Item<'_>, member: &str) -> Option<String> {
        let DeValue::String(label) = item.get_ref() else {
            let span = span(item);
            let hint = match item.get_ref() {
                DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) => {
                    let shown = self.text.get(span.clone()).unwrap_or_default().trim();
                    format!("write it in quotes: label = \"{shown}\"")
                }
                _ => "write the label in quotes, the way the company names the member: label = \"Middle East\"".to_string(),
            };
            self.push(
                Diagnostic::error(
                    K::WrongType,
                    format!("the label of member \"{member}\" must be a string"),
                )
                .at(self.source, span)
                .with_hint(hint),
            );
            return None;
        };
        let problem = if label.trim().is_empty() {
            Some((
                format!("the label of member \"{member}\" is empty"),
                format!(
                    "write the name the company uses, or leave out \"label\" to show \"{}\"",
                    default_member_label(member)
                ),
            ))
        } else if label.trim() != label.as_ref() {
            Some((
                format!("the label of member \"{member}\" starts or ends with spaces"),
                format!("write label = \"{}\"", label.trim()),
            ))
        } else {
            None
        };
        if let Some((message, hint)) = problem {
            self.push(
                Diagnostic::error(K::InvalidField, message)
                    .at(self.source, item.span())
                    .with_hint(hint),
            );
            return None;
        }
        Some(label.to_string())
    }
}

#[cfg(test)]
mod tests;
