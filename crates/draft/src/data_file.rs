//! A draft as a data file: the `[document]` header, the speakers the
//! candidates name, and one `draft = true` `[[fact]]` per candidate, in the
//! format `qbrief check` reads.

use std::fmt::Write as _;

use qbrief_model::Period;

use crate::draft::Draft;

/// What the `[document]` table of a drafted data file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentHeader<'a> {
    /// The document id (the data file's stem).
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// The period it reports.
    pub period: Period,
    /// The source file's name.
    pub file: &'a str,
}

/// The data file of `draft`: a `[document]` table, its `[[speaker]]`s and
/// a `[[fact]]` with `draft = true` per candidate.
///
/// ```
/// use qbrief_draft::{data_file, draft, DocumentHeader};
/// use qbrief_model::{Currency, Vocabulary};
/// let vocabulary = Vocabulary::builtin(&["base"], Currency::USD);
/// let period = "2024-Q3".parse().unwrap();
/// let d = draft("Revenue was $73.6 million.\n", period, 12, &vocabulary, &[]);
/// let header = DocumentHeader { id: "2024-q3-call", title: "Q3 call", period, file: "call.txt" };
/// let toml = data_file(&d, &header);
/// assert!(toml.contains("[[fact]]\nmetric = \"revenue\"\nvalue = \"$73.6M\"\n"));
/// ```
pub fn data_file(d: &Draft, header: &DocumentHeader<'_>) -> String {
    let period = header.period;
    let mut out = String::new();
    out.push_str("# Drafted by `qbrief draft` from ");
    out.push_str(header.file);
    out.push_str(
        ". Review every fact against its\n\
         # evidence (metric, period, value), then delete `draft = true`; delete\n\
         # what is wrong, or move it to an [[ignore]] entry with a reason.\n",
    );
    let _ = writeln!(out, "[document]");
    let _ = writeln!(out, "id = {}", quote(header.id));
    let _ = writeln!(out, "kind = \"earnings-call\"");
    let _ = writeln!(out, "title = {}", quote(header.title));
    let _ = writeln!(out, "period = \"{period}\"");
    let _ = writeln!(out, "file = {}", quote(header.file));
    for s in &d.speakers {
        let _ = write!(
            out,
            "\n[[speaker]]\nname = {}\nrole = {}\n",
            quote(&s.name),
            quote(&s.role)
        );
    }
    for c in &d.candidates {
        let _ = write!(
            out,
            "\n[[fact]]\nmetric = {}\n",
            quote(c.metric.as_deref().unwrap_or("?"))
        );
        if c.period != period {
            let _ = writeln!(out, "period = \"{}\"", c.period);
        }
        if let Some(s) = &c.subject {
            let _ = writeln!(out, "subject = {}", quote(s));
        }
        let _ = writeln!(out, "value = {}", quote(&c.value));
        if let Some(s) = &c.speaker {
            let _ = writeln!(out, "speaker = {}", quote(s));
        }
        let _ = writeln!(out, "evidence = {}", quote(&c.evidence));
        if !c.dims.is_empty() {
            let dims: Vec<String> = c
                .dims
                .iter()
                .map(|(a, m)| format!("{a} = {}", quote(m)))
                .collect();
            let _ = writeln!(out, "dims = {{ {} }}", dims.join(", "));
        }
        if c.guidance {
            let _ = writeln!(out, "guidance = true");
        }
        if let Some(w) = &c.as_written {
            let _ = writeln!(out, "as_written = {}", quote(w));
        }
        let mut note = format!("draft, line {}, confidence {}", c.line, c.confidence);
        if let Some(n) = &c.note {
            let _ = write!(note, "; {n}");
        }
        let _ = writeln!(out, "note = {}", quote(&note));
        let _ = writeln!(out, "draft = true");
    }
    out
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
