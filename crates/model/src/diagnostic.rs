//! Located findings about data files: errors that make `qbrief check` fail
//! and warnings that it reports, rendered as `file:line:column: message`
//! with a caret excerpt, or as JSON.

use std::fmt::{self, Write as _};

use crate::fact::Location;
use crate::period::Period;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The data is wrong; `qbrief check` exits 1.
    Error,
    /// Worth a look, the data may still be right (statements that conflict).
    Warning,
    /// Known and reviewed: a conflict whose preferred statement a data
    /// author chose. Shown by `check --verbose`, in JSON and in briefs.
    Info,
}

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// The file is not valid TOML.
    Syntax,
    /// The file is not valid UTF-8.
    InvalidUtf8,
    /// The file could not be read.
    Io,
    /// A key that the format does not have.
    UnknownKey,
    /// A required key is missing.
    MissingKey,
    /// A key has a value of the wrong TOML type (a bare number, say).
    WrongType,
    /// A value string that does not parse.
    InvalidValue,
    /// A metric id that the registry does not have.
    UnknownMetric,
    /// A value of another dimension than its metric's.
    WrongDimension,
    /// A period that does not parse or cannot exist.
    InvalidPeriod,
    /// A negative count, holding or other non-negative metric.
    NegativeValue,
    /// Evidence that is empty or longer than allowed.
    Evidence,
    /// The same fact written twice.
    DuplicateFact,
    /// A document id used twice.
    DuplicateDocument,
    /// A company that has no `company.toml`, or a document naming another company.
    UnknownCompany,
    /// A speaker that the document does not declare.
    UnknownSpeaker,
    /// A company or document field that is invalid.
    InvalidField,
    /// Two statements of the same metric and period that cannot both be true.
    Conflict,
    /// A stated figure that disagrees with the figure derived from others.
    Mismatch,
    /// A figure whose evidence does not check out against its document.
    Source,
    /// A unit, metric, axis, section or derived metric defined twice.
    DuplicateDefinition,
    /// A unit a taxonomy or value names that no taxonomy declares.
    UnknownUnit,
    /// A taxonomy id that no built-in, data-folder or company taxonomy has.
    UnknownTaxonomy,
    /// An axis or member of an axis that the taxonomies do not declare.
    UnknownAxis,
    /// A formula that does not parse or names an unknown id.
    InvalidFormula,
    /// A formula whose dimension differs from its declared unit, or sums unlike units.
    FormulaDimension,
    /// Formulas (or taxonomies) that depend on each other in a cycle.
    Cycle,
    /// An id of a brief layout or section that the taxonomies do not define.
    UnknownLayoutId,
    /// A drafted fact that awaits review (`draft = true`).
    Draft,
}

impl DiagnosticKind {
    /// The snake_case name used in JSON output.
    pub fn name(&self) -> String {
        serde_json_name(self)
    }
}

fn serde_json_name(kind: &DiagnosticKind) -> String {
    // The serde name, without pulling serde_json into the model crate.
    let debug = format!("{kind:?}");
    let mut out = String::new();
    for (i, ch) in debug.chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// The line of a file a finding points at, with the span to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The whole line's text.
    pub line_text: String,
    /// 1-based column where the underline starts, in characters.
    pub column: usize,
    /// Underline width in characters, at least 1.
    pub width: usize,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem.
    pub kind: DiagnosticKind,
    /// The company concerned, when known.
    pub company: Option<String>,
    /// The period concerned, when known.
    pub period: Option<Period>,
    /// The metric concerned, when known.
    pub metric: Option<String>,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// Where.
    #[serde(flatten, serialize_with = "serialize_location")]
    pub location: Option<Location>,
    /// How to fix it, when obvious.
    pub hint: Option<String>,
    /// Further lines: the other statements of a conflict, the inputs of a derivation.
    pub notes: Vec<String>,
    /// The source line to show under the message.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
}

fn serialize_location<S: serde::Serializer>(
    location: &Option<Location>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(3))?;
    map.serialize_entry("file", &location.as_ref().map(|l| &l.file))?;
    map.serialize_entry("line", &location.as_ref().map(|l| l.line))?;
    map.serialize_entry("column", &location.as_ref().map(|l| l.column))?;
    map.end()
}

impl Diagnostic {
    /// An error of `kind`.
    pub fn error(kind: DiagnosticKind, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, kind, message)
    }

    /// A warning of `kind`.
    pub fn warning(kind: DiagnosticKind, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, kind, message)
    }

    /// An informational finding of `kind`.
    pub fn info(kind: DiagnosticKind, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Info, kind, message)
    }

    /// A finding of any severity.
    pub fn new_with(
        severity: Severity,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(severity, kind, message)
    }

    fn new(severity: Severity, kind: DiagnosticKind, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            kind,
            company: None,
            period: None,
            metric: None,
            message: message.into(),
            location: None,
            hint: None,
            notes: Vec::new(),
            excerpt: None,
        }
    }

    /// Points the finding at a span of a source text.
    pub fn at(mut self, source: &SourceText<'_>, span: std::ops::Range<usize>) -> Diagnostic {
        let (location, excerpt) = source.locate(span);
        self.location = Some(location);
        self.excerpt = Some(excerpt);
        self
    }

    /// Points the finding at a known location, without an excerpt.
    pub fn at_location(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a note line.
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Sets the company, period and metric concerned.
    pub fn about(
        mut self,
        company: Option<&str>,
        period: Option<Period>,
        metric: Option<String>,
    ) -> Diagnostic {
        self.company = company.map(str::to_string);
        self.period = period;
        self.metric = metric;
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The ordering key used to print findings deterministically: by file,
    /// line, column, then message.
    pub fn sort_key(&self) -> (Option<&str>, usize, usize, &str) {
        match &self.location {
            Some(l) => (Some(l.file.as_str()), l.line, l.column, &self.message),
            None => (None, 0, 0, &self.message),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: error: message`, the excerpt with a caret line,
    /// then notes and the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        if let Some(l) = &self.location {
            write!(f, "{}:{}:{}: ", l.file, l.line, l.column)?;
        }
        writeln!(f, "{severity}: {}", self.message)?;
        if let (Some(l), Some(e)) = (&self.location, &self.excerpt) {
            let number = l.line.to_string();
            let pad = " ".repeat(number.len());
            let mut caret = String::new();
            let _ = write!(
                caret,
                "{}{}",
                " ".repeat(e.column.saturating_sub(1)),
                "^".repeat(e.width.max(1))
            );
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {}", e.line_text)?;
            writeln!(f, "{pad} | {caret}")?;
        }
        for note in &self.notes {
            writeln!(f, "  = note: {note}")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = help: {hint}")?;
        }
        Ok(())
    }
}

/// A data file's text, for turning byte offsets into lines and columns.
pub struct SourceText<'a> {
    name: &'a str,
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceText<'a> {
    /// Indexes `text`, known as `name` in messages.
    pub fn new(name: &'a str, text: &'a str) -> SourceText<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceText {
            name,
            text,
            line_starts,
        }
    }

    /// The file name.
    pub fn name(&self) -> &str {
        self.name
    }

    /// The whole text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The location and excerpt of a byte span (clamped to the text).
    pub fn locate(&self, span: std::ops::Range<usize>) -> (Location, Excerpt) {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let end = floor_char_boundary(self.text, span.end.clamp(start, self.text.len()));
        let (location, line_start) = self.location_of(start);
        let line_end = self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |i| line_start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let width = self.text[start..end.min(line_end).max(start)]
            .chars()
            .count()
            .max(1);
        let column = location.column;
        (
            location,
            Excerpt {
                line_text: line_text.to_string(),
                column,
                width,
            },
        )
    }

    /// The location of a byte span's start (clamped to the text), without
    /// the excerpt a finding shows: every fact records where it was
    /// written.
    pub fn location(&self, span: std::ops::Range<usize>) -> Location {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        self.location_of(start).0
    }

    /// The location of byte `start`, a char boundary, and where its line
    /// starts.
    fn location_of(&self, start: usize) -> (Location, usize) {
        let line_index = match self.line_starts.binary_search(&start) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = self.line_starts[line_index];
        let location = Location {
            file: self.name.to_string(),
            line: line_index + 1,
            column: self.text[line_start..start].chars().count() + 1,
        };
        (location, line_start)
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// A diagnostic for bytes that are not UTF-8, pointing at the first bad byte.
pub fn invalid_utf8(file: &str, bytes: &[u8], error: &std::str::Utf8Error) -> Diagnostic {
    let valid = &bytes[..error.valid_up_to()];
    let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    // The prefix is valid UTF-8 by construction.
    let column = std::str::from_utf8(&valid[line_start..]).map_or(1, |s| s.chars().count() + 1);
    Diagnostic::error(
        DiagnosticKind::InvalidUtf8,
        format!(
            "file is not valid UTF-8 (bad byte 0x{:02x})",
            bytes[error.valid_up_to()]
        ),
    )
    .at_location(Location {
        file: file.to_string(),
        line,
        column,
    })
    .with_hint("save the file as UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_excerpt() {
        let text = "a = 1\nmetric = \"revenu\"\n";
        let source = SourceText::new("data/x.toml", text);
        let d = Diagnostic::error(DiagnosticKind::UnknownMetric, "unknown metric \"revenu\"")
            .at(&source, 15..23)
            .with_hint("did you mean \"revenue\"?");
        assert_eq!(
            d.to_string(),
            "data/x.toml:2:10: error: unknown metric \"revenu\"\n  |\n2 | metric = \"revenu\"\n  |          ^^^^^^^^\n  = help: did you mean \"revenue\"?\n"
        );
        assert_eq!(DiagnosticKind::UnknownMetric.name(), "unknown_metric");
    }

    #[test]
    fn utf8_location() {
        let bytes: Vec<u8> = b"ok\nab\xffc".to_vec();
        let bytes = bytes.as_slice();
        let err = std::str::from_utf8(bytes).unwrap_err();
        let d = invalid_utf8("f.toml", bytes, &err);
        let l = d.location.unwrap();
        assert_eq!((l.line, l.column), (2, 3));
    }
}
