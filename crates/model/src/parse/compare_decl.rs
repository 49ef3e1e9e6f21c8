//! Reading the `compare` key of a `[[metric]]` or `[[derived]]` table: which
//! of the figure the universe index compares across companies, its value
//! and its changes (`compare = ["value", "yoy"]`), each problem a located
//! finding.

use toml::de::{DeTable, DeValue};

use super::toml_cx::Cx;
use super::toml_tree::{span, Shape};
use crate::diagnostic::{Diagnostic, DiagnosticKind as K};
use crate::metric::{closest, Change};

/// The words of a `compare` list: the value, or a change of it.
const NAMES: &[(&str, Option<Change>)] = &[
    ("value", None),
    ("qoq", Some(Change::Qoq)),
    ("yoy", Some(Change::Yoy)),
];

const HINT: &str = "list what the universe index compares: compare = [\"value\"], or compare = [\"value\", \"yoy\"] for the value and its change from a year earlier";

impl Cx<'_> {
    /// The `compare` list of a metric or derived table, in the order written
    /// (`None` is the value itself); empty when absent or invalid.
    pub(crate) fn compare(&mut self, table: &DeTable<'_>) -> Vec<Option<Change>> {
        let Some(item) = table.get("compare") else {
            return Vec::new();
        };
        let Shape::Value(DeValue::Array(array)) = self.shape(item) else {
            self.push(
                Diagnostic::error(
                    K::WrongType,
                    "\"compare\" must be an array of \"value\", \"qoq\" and \"yoy\"",
                )
                .at(self.source, span(item))
                .with_hint(HINT),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for value in array.iter() {
            let DeValue::String(text) = value.get_ref() else {
                self.push(
                    Diagnostic::error(K::WrongType, "\"compare\" must hold only strings")
                        .at(self.source, value.span())
                        .with_hint(HINT),
                );
                continue;
            };
            let Some((_, change)) = NAMES.iter().find(|(n, _)| *n == text.as_ref()) else {
                let all: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
                let hint = closest(text, &all)
                    .map(|s| format!("did you mean \"{s}\"?"))
                    .unwrap_or_else(|| format!("the values are: {}", all.join(", ")));
                self.push(
                    Diagnostic::error(K::InvalidField, format!("unknown compare value \"{text}\""))
                        .at(self.source, value.span())
                        .with_hint(hint),
                );
                continue;
            };
            if out.contains(change) {
                self.push(
                    Diagnostic::error(
                        K::InvalidField,
                        format!("\"{text}\" is listed twice in compare"),
                    )
                    .at(self.source, value.span())
                    .with_hint("list each of value, qoq and yoy at most once"),
                );
                continue;
            }
            out.push(*change);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::parse_taxonomy;

    fn taxonomy(compare: &str) -> String {
        format!(
            "[taxonomy]\nid = \"t\"\nlabel = \"T\"\nextends = [\"base\"]\n\n[[metric]]\nid = \"loans\"\n\
             label = \"Loans\"\nunit = \"money\"\nkind = \"balance\"\nsign = \"non-negative\"\n\
             section = \"balance-sheet\"\ncompare = {compare}\n"
        )
    }

    fn messages(compare: &str) -> Vec<String> {
        let text = taxonomy(compare);
        let (_, findings) = parse_taxonomy("t.toml", &text, None);
        findings
            .iter()
            .map(|f| {
                let at = f.location.as_ref().map(|l| l.line).unwrap_or(0);
                format!("{at}: {}", f.message)
            })
            .collect()
    }

    #[test]
    fn a_compare_list_is_read_in_order() {
        let text = taxonomy("[\"yoy\", \"value\"]");
        let (file, findings) = parse_taxonomy("t.toml", &text, None);
        assert!(findings.is_empty(), "{findings:?}");
        let file = file.unwrap();
        assert_eq!(
            file.metrics[0].compare,
            [Some(crate::Change::Yoy), None],
            "as written"
        );
    }

    #[test]
    fn bad_compare_values_are_located() {
        assert_eq!(
            messages("true"),
            ["13: \"compare\" must be an array of \"value\", \"qoq\" and \"yoy\""]
        );
        assert_eq!(
            messages("[\"yoyy\"]"),
            ["13: unknown compare value \"yoyy\""]
        );
        assert_eq!(messages("[1]"), ["13: \"compare\" must hold only strings"]);
        assert_eq!(
            messages("[\"value\", \"value\"]"),
            ["13: \"value\" is listed twice in compare"]
        );
    }
}
