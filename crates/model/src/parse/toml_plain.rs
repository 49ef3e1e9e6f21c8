//! A quick reader for the plain TOML that data files are written in.
//!
//! A call file is `[document]`, `[[speaker]]` and `[[fact]]` tables of
//! bare keys, one-line strings, booleans and one-line inline tables
//! (`dims = { segment = "east" }`). Parsing such a file with `toml` cost a
//! third of a cold `check` (its lexer keeps every token in a vector, and
//! its table builder handles dotted keys, implicit tables and error
//! recovery that such a file never needs); this reader builds the same
//! tree, with the same spans, in one pass over the bytes.
//!
//! It answers `None` at the first thing outside that subset (an escape, a
//! number, an array, a dotted or quoted key, a multi-line string, a key
//! defined twice, anything malformed), and the caller parses the file with
//! `toml` instead, which then reports any error exactly as before. So the
//! subset decides only how fast a file is read, never what it means: a
//! test compares the two trees, spans included, on every bundled file and
//! on generated and mutated documents.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeArray, DeTable, DeValue};
use toml::map::Entry;
use toml::Spanned;

/// The tree `toml` would make of `text`, when `text` keeps to the plain
/// subset; `None` sends it to the full parser.
pub(crate) fn parse(text: &str) -> Option<Spanned<DeTable<'_>>> {
    Reader { text, pos: 0 }.document()
}

/// A `[name]` or `[[name]]` header: the key and the span of the brackets.
struct Header<'i> {
    key: Spanned<Cow<'i, str>>,
    span: Range<usize>,
    is_array: bool,
}

struct Reader<'i> {
    text: &'i str,
    pos: usize,
}

impl<'i> Reader<'i> {
    fn document(mut self) -> Option<Spanned<DeTable<'i>>> {
        if self.text.starts_with('\u{feff}') {
            return None;
        }
        let mut root = DeTable::new();
        let mut table = DeTable::new();
        let mut header: Option<Header<'i>> = None;
        loop {
            self.skip_spaces();
            match self.peek() {
                None => break,
                Some(b'#' | b'\n' | b'\r') => {}
                Some(b'[') => {
                    let next = self.header()?;
                    finish(&mut root, &mut table, header.replace(next))?;
                }
                Some(_) => {
                    let (key, value) = self.key_value()?;
                    insert(&mut table, key, value)?;
                }
            }
            self.end_of_line()?;
        }
        finish(&mut root, &mut table, header)?;
        // `toml` gives the root an empty span.
        Some(Spanned::new(0..0, root))
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn at(&self, offset: usize) -> Option<u8> {
        self.text.as_bytes().get(self.pos + offset).copied()
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Spaces, an optional comment, then a newline or the end of the text.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_spaces();
        if self.peek() == Some(b'#') {
            while let Some(b) = self.peek() {
                if b == b'\n' || b == b'\r' {
                    break;
                }
                if is_control(b) {
                    return None;
                }
                self.pos += 1;
            }
        }
        match (self.peek(), self.at(1)) {
            (None, _) => Some(()),
            (Some(b'\n'), _) => {
                self.pos += 1;
                Some(())
            }
            (Some(b'\r'), Some(b'\n')) => {
                self.pos += 2;
                Some(())
            }
            _ => None,
        }
    }

    /// A bare key: ASCII letters, digits, `_` and `-`.
    fn key(&mut self) -> Option<Spanned<Cow<'i, str>>> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            self.pos += 1;
        }
        (self.pos > start)
            .then(|| Spanned::new(start..self.pos, Cow::Borrowed(&self.text[start..self.pos])))
    }

    fn header(&mut self) -> Option<Header<'i>> {
        let start = self.pos;
        let is_array = self.at(1) == Some(b'[');
        self.pos += if is_array { 2 } else { 1 };
        let key = self.key()?;
        let close: &[u8] = if is_array { b"]]" } else { b"]" };
        if !self.text.as_bytes()[self.pos..].starts_with(close) {
            return None;
        }
        self.pos += close.len();
        Some(Header {
            key,
            span: start..self.pos,
            is_array,
        })
    }

    /// `key =`, with spaces around the `=`.
    fn key_and_equals(&mut self) -> Option<Spanned<Cow<'i, str>>> {
        let key = self.key()?;
        self.skip_spaces();
        if self.peek() != Some(b'=') {
            return None;
        }
        self.pos += 1;
        self.skip_spaces();
        Some(key)
    }

    /// `key = value`: a scalar or an inline table.
    fn key_value(&mut self) -> Option<(Spanned<Cow<'i, str>>, Spanned<DeValue<'i>>)> {
        let key = self.key_and_equals()?;
        let value = match self.peek()? {
            b'{' => self.inline_table()?,
            _ => self.scalar()?,
        };
        Some((key, value))
    }

    /// A one-line string or a boolean.
    fn scalar(&mut self) -> Option<Spanned<DeValue<'i>>> {
        let start = self.pos;
        match self.peek()? {
            quote @ (b'"' | b'\'') => {
                if self.at(1) == Some(quote) && self.at(2) == Some(quote) {
                    return None; // a multi-line string
                }
                self.pos += 1;
                loop {
                    match self.peek()? {
                        b if b == quote => break,
                        // An escape needs decoding: the full parser does it.
                        b'\\' if quote == b'"' => return None,
                        b if is_control(b) => return None,
                        _ => self.pos += 1,
                    }
                }
                self.pos += 1;
                let value = Cow::Borrowed(&self.text[start + 1..self.pos - 1]);
                Some(Spanned::new(start..self.pos, DeValue::String(value)))
            }
            _ => {
                let rest = &self.text[self.pos..];
                let (value, len) = if rest.starts_with("true") {
                    (true, 4)
                } else if rest.starts_with("false") {
                    (false, 5)
                } else {
                    return None;
                };
                self.pos += len;
                // `trueish` is not a boolean: what follows must end it.
                if !matches!(
                    self.peek(),
                    None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'#' | b',' | b'}')
                ) {
                    return None;
                }
                Some(Spanned::new(start..self.pos, DeValue::Boolean(value)))
            }
        }
    }

    /// `{ key = value, ... }` on one line, of scalars, without a trailing
    /// comma.
    fn inline_table(&mut self) -> Option<Spanned<DeValue<'i>>> {
        let start = self.pos;
        self.pos += 1;
        let mut table = DeTable::new();
        self.skip_spaces();
        if self.peek() != Some(b'}') {
            loop {
                let key = self.key_and_equals()?;
                let value = self.scalar()?;
                insert(&mut table, key, value)?;
                self.skip_spaces();
                match self.peek()? {
                    b',' => {
                        self.pos += 1;
                        self.skip_spaces();
                    }
                    b'}' => break,
                    _ => return None,
                }
            }
        }
        self.pos += 1;
        Some(Spanned::new(start..self.pos, DeValue::Table(table)))
    }
}

/// A control character TOML refuses in strings and comments (a tab is
/// allowed; a newline ends the line and is refused inside a string).
fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

/// Adds `key` to `table`; a key defined twice is for the full parser to
/// report.
fn insert<'i>(
    table: &mut DeTable<'i>,
    key: Spanned<Cow<'i, str>>,
    value: Spanned<DeValue<'i>>,
) -> Option<()> {
    match table.entry(key) {
        Entry::Vacant(slot) => {
            slot.insert(value);
            Some(())
        }
        Entry::Occupied(_) => None,
    }
}

/// Puts the table read under `header` where `toml` puts it when the next
/// header starts: the keys before any header are the root; a `[name]`
/// table is a new key of the root, spanning its header; a `[[name]]` table
/// joins the array of that name, which spans its first header.
fn finish<'i>(
    root: &mut DeTable<'i>,
    table: &mut DeTable<'i>,
    header: Option<Header<'i>>,
) -> Option<()> {
    let entries = std::mem::take(table);
    let Some(header) = header else {
        // Only the keys before the first header are read without one.
        *root = entries;
        return Some(());
    };
    let value = Spanned::new(header.span.clone(), DeValue::Table(entries));
    match root.get_mut(header.key.get_ref().as_ref()) {
        None if header.is_array => {
            let mut array = DeArray::new();
            array.push(value);
            root.insert(header.key, Spanned::new(header.span, DeValue::Array(array)));
        }
        None => {
            root.insert(header.key, value);
        }
        // Only a `[[name]]` header of this reader makes an array of the root.
        Some(existing) if header.is_array => match existing.get_mut() {
            DeValue::Array(array) => array.push(value),
            _ => return None,
        },
        Some(_) => return None,
    }
    Some(())
}

#[cfg(test)]
mod tests;
