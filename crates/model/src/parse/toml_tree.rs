//! The tree of a parsed TOML file as the readers see it.
//!
//! Files are parsed into `toml`'s borrowing `DeTable`, about twice as fast
//! as `toml_edit`'s format-preserving document. Its tree has one table type
//! and one array type, so [`Cx::shape`](super::toml_cx::Cx::shape) tells a `[table]` from an inline
//! table and `[[tables]]` from an inline array by their spans, and every
//! finding keeps the wording and span it had with `toml_edit`.

use std::ops::{Deref, Range};

use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

/// A parsed value with the byte span of its text.
pub(crate) type Item<'i> = Spanned<DeValue<'i>>;

/// A table written with a header (`[document]`, one `[[fact]]`), or made by
/// dotted keys, with its span: the header, or the first key of the path.
pub(crate) struct Table<'t, 'i> {
    entries: &'t DeTable<'i>,
    span: Range<usize>,
}

impl<'t, 'i> Table<'t, 'i> {
    /// The table of `entries` whose header (or first dotted key) is at `span`.
    pub(crate) fn new(entries: &'t DeTable<'i>, span: Range<usize>) -> Self {
        Table { entries, span }
    }

    /// The span of the header, or of the first key of a dotted path.
    pub(crate) fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

impl<'i> Deref for Table<'_, 'i> {
    type Target = DeTable<'i>;

    fn deref(&self) -> &DeTable<'i> {
        self.entries
    }
}

/// How a value was written, which decides what a reader accepts.
pub(crate) enum Shape<'t, 'i> {
    /// `[key]`, or a table made by `[key.sub]` or dotted keys.
    Table(Table<'t, 'i>),
    /// `key = { ... }`.
    InlineTable(&'t DeTable<'i>),
    /// `[[key]]` headers.
    ArrayOfTables(&'t DeArray<'i>),
    /// A scalar or an inline array.
    Value(&'t DeValue<'i>),
}

/// The span a finding about `item` points at. An array of tables spans
/// from its first header to its last, as it did with `toml_edit`; the
/// parser gives it the span of its first header only.
pub(crate) fn span(item: &Item<'_>) -> Range<usize> {
    match item.get_ref() {
        DeValue::Array(a) if is_array_of_tables(a, item) => match (a.first(), a.last()) {
            (Some(first), Some(last)) => first.span().start..last.span().end,
            _ => item.span(),
        },
        _ => item.span(),
    }
}

/// `[[key]]` headers make an array whose span is that of its first table
/// (the first header); an inline array spans its brackets, which no element
/// does, and an empty one is never an array of tables.
pub(crate) fn is_array_of_tables(array: &DeArray<'_>, item: &Item<'_>) -> bool {
    array
        .first()
        .is_some_and(|first| first.get_ref().is_table() && first.span() == item.span())
}

/// Parses `text`; a failure is the message and span of the first problem,
/// the one `toml_edit` reported.
pub(crate) fn parse(text: &str) -> Result<Spanned<DeTable<'_>>, (String, Range<usize>)> {
    // Most data files are plain: read quickly, with the tree toml makes.
    if let Some(root) = super::toml_plain::parse(text) {
        return Ok(root);
    }
    match DeTable::parse(text) {
        Ok(root) => match first_bad_number(root.get_ref()) {
            None => Ok(root),
            Some(found) => Err(found),
        },
        Err(e) => Err((e.message().to_string(), e.span().unwrap_or(0..0))),
    }
}

/// The first number, in the order of the file, that `toml_edit` refused to
/// parse, with its message and span: `DeTable` keeps numbers as text, and a
/// file that failed to parse before must fail the same way now.
fn first_bad_number(table: &DeTable<'_>) -> Option<(String, Range<usize>)> {
    let mut first: Option<(&'static str, Range<usize>)> = None;
    let mut pending: Vec<&Item<'_>> = table.values().collect();
    while let Some(item) = pending.pop() {
        let problem = match item.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .is_err()
                .then_some("integer number overflowed"),
            DeValue::Float(f) => match f.as_str().parse::<f64>() {
                Ok(v) => {
                    let digits = f.as_str().strip_prefix(['+', '-']).unwrap_or(f.as_str());
                    (v.is_infinite() && !digits.chars().all(|c| c.is_ascii_alphabetic()))
                        .then_some("floating-point number overflowed")
                }
                Err(_) => Some("invalid float"),
            },
            DeValue::Array(a) => {
                pending.extend(a.iter());
                None
            }
            DeValue::Table(t) => {
                pending.extend(t.values());
                None
            }
            DeValue::String(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => None,
        };
        if let Some(message) = problem {
            if first
                .as_ref()
                .is_none_or(|(_, s)| item.span().start < s.start)
            {
                first = Some((message, item.span()));
            }
        }
    }
    first.map(|(message, span)| (message.to_string(), span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceText;
    use crate::parse::toml_cx::Cx;

    // The byte ranges `toml_edit` gave the same items, which the findings'
    // carets and lines are made from.
    const TEXT: &str = "[document]\nid = \"d\"\n\n[[fact]]\nmetric = \"m\"\ndims = { a = \"b\" }\nsub.x = \"y\"\n\n[[fact]]\nlist = [\"p\", 1]\n";

    fn with_root(check: impl Fn(&Cx<'_>, &DeTable<'_>)) {
        let source = SourceText::new("t.toml", TEXT);
        let cx = Cx::new(&source, None);
        let root = parse(TEXT).unwrap();
        check(&cx, root.get_ref());
    }

    #[test]
    fn tables_span_their_headers() {
        with_root(|cx, root| {
            let document = cx.std_table(root, "document").unwrap().unwrap();
            assert_eq!(&TEXT[document.span()], "[document]");
            let facts = cx.array_of_tables(root, "fact").unwrap();
            let spans: Vec<&str> = facts.iter().map(|t| &TEXT[t.span()]).collect();
            assert_eq!(spans, ["[[fact]]", "[[fact]]"]);
            assert_eq!(facts[1].span().start, TEXT.rfind("[[fact]]").unwrap());
            // An array of tables points from its first header to the end of its last.
            let all = span(root.get("fact").unwrap());
            assert_eq!(
                &TEXT[all.clone()],
                "[[fact]]\nmetric = \"m\"\ndims = { a = \"b\" }\nsub.x = \"y\"\n\n[[fact]]"
            );
            assert_eq!(cx.std_table(root, "fact").err(), Some(all));
        });
    }

    #[test]
    fn keys_values_and_shapes() {
        with_root(|cx, root| {
            let facts = cx.array_of_tables(root, "fact").unwrap();
            let keys: Vec<&str> = facts[0].keys().map(|k| &TEXT[k.span()]).collect();
            assert_eq!(keys, ["metric", "dims", "sub"]);
            let item = |t: &Table<'_, '_>, k: &str| &TEXT[span(t.get(k).unwrap())];
            assert_eq!(item(&facts[0], "metric"), "\"m\"");
            assert_eq!(item(&facts[0], "dims"), "{ a = \"b\" }");
            assert_eq!(item(&facts[0], "sub"), "sub");
            assert_eq!(item(&facts[1], "list"), "[\"p\", 1]");
            assert!(matches!(
                cx.shape(facts[0].get("dims").unwrap()),
                Shape::InlineTable(_)
            ));
            assert!(matches!(
                cx.shape(facts[0].get("sub").unwrap()),
                Shape::Table(_)
            ));
            assert!(matches!(
                cx.shape(facts[1].get("list").unwrap()),
                Shape::Value(_)
            ));
            assert!(
                matches!(cx.array_of_tables(&facts[1], "list"), Err(s) if &TEXT[s.clone()] == "[\"p\", 1]")
            );
        });
    }

    #[test]
    fn out_of_range_numbers_fail_at_the_first() {
        let err = |text| parse(text).err().map(|(m, s)| (m, &text[s]));
        assert_eq!(
            err("a = [1e999]\nb = 99999999999999999999\n"),
            Some(("floating-point number overflowed".into(), "1e999"))
        );
        assert_eq!(
            err("b = { c = 0x1_0000_0000_0000_0000 }\na = -inf\n"),
            Some((
                "integer number overflowed".into(),
                "0x1_0000_0000_0000_0000"
            ))
        );
        assert_eq!(err("a = -9223372036854775808\nb = nan\n"), None);
    }
}
