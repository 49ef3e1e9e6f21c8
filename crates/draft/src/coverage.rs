//! Coverage: every number-bearing phrase of a document must be the evidence
//! of a recorded fact or of an `[[ignore]]` entry, so that no figure of a
//! call is left out by accident.

use qbrief_model::UnitTable;

use crate::scan::{mentions, MentionKind};

/// A number-bearing phrase no evidence accounts for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unaccounted {
    /// 1-based line in the document.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The phrase as the document writes it.
    pub phrase: String,
    /// Figure or duration.
    pub kind: MentionKind,
    /// Up to twelve words around it, for finding it.
    pub context: String,
}

/// What coverage found in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    /// How many phrases need accounting for (figures and durations).
    pub phrases: usize,
    /// Those no evidence covers, in document order.
    pub unaccounted: Vec<Unaccounted>,
}

/// Checks `text` against the evidence phrases of its recorded facts and
/// `[[ignore]]` entries. Matching forgives what data files legitimately
/// change: typographic quotes and dashes, runs of whitespace.
///
/// ```
/// use qbrief_draft::coverage;
/// use qbrief_model::UnitTable;
/// let text = "Revenue was $73.6 million, up 12%, in our 30th year of 15 years.";
/// let found = coverage(text, &UnitTable::default(), &["Revenue was $73.6 million"]);
/// let phrases: Vec<&str> = found.unaccounted.iter().map(|u| u.phrase.as_str()).collect();
/// assert_eq!(phrases, ["12%", "15 years"]);
/// assert_eq!(found.phrases, 3);
/// ```
pub fn coverage(text: &str, units: &UnitTable, evidence: &[&str]) -> Coverage {
    let (normalized, origin) = normalize_with_map(text);
    let mut covered: Vec<(usize, usize)> = Vec::new();
    for phrase in evidence {
        let (needle, _) = normalize_with_map(phrase.trim());
        if needle.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(pos) = normalized[from..].find(&needle) {
            let start = from + pos;
            let end = start + needle.len();
            covered.push((origin[start], origin[end]));
            from = start + 1;
            while !normalized.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    let mut result = Coverage::default();
    for m in mentions(text, units) {
        if !m.kind.needs_accounting() {
            continue;
        }
        result.phrases += 1;
        let digits = digit_spans(text, m.start, m.end);
        let accounted = digits
            .iter()
            .all(|(s, e)| covered.iter().any(|(cs, ce)| cs <= s && e <= ce));
        if accounted {
            continue;
        }
        let (line, column) = line_column(text, m.start);
        result.unaccounted.push(Unaccounted {
            line,
            column,
            phrase: m.text(text).to_string(),
            kind: m.kind,
            context: context(text, m.start, m.end),
        });
    }
    result
}

/// The text with quotes, dashes and whitespace normalised as
/// [`qbrief_model::normalize_text`] does, and for each byte of it (and one
/// past the end) the byte offset in the original.
fn normalize_with_map(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut last_space = false;
    for (i, c) in text.char_indices() {
        let mapped = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if mapped == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        for _ in 0..mapped.len_utf8() {
            origin.push(i);
        }
        out.push(mapped);
    }
    origin.push(text.len());
    (out, origin)
}

/// The byte ranges of the digit runs of a phrase.
fn digit_spans(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = start;
    while i < end {
        if bytes[i].is_ascii_digit() {
            let s = i;
            while i < end && bytes[i].is_ascii_digit() {
                i += 1;
            }
            spans.push((s, i));
        } else {
            i += 1;
        }
    }
    spans
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Up to twelve words around a phrase, on its line.
fn context(text: &str, start: usize, end: usize) -> String {
    let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |p| end + p);
    let before: Vec<&str> = text[line_start..start].split_whitespace().collect();
    let after: Vec<&str> = text[end..line_end].split_whitespace().collect();
    let take_before = before.len().min(5);
    let mut words: Vec<&str> = before[before.len() - take_before..].to_vec();
    words.push(&text[start..end]);
    words.extend(after.iter().take(6));
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_with_typographic_quotes_and_spaces_covers() {
        let text = "Canaan’s revenue  was $73.6 million.\nWe hold 1,212 Bitcoins.";
        let found = coverage(
            text,
            &UnitTable::default(),
            &["Canaan's revenue was $73.6 million"],
        );
        assert_eq!(found.phrases, 2);
        assert_eq!(found.unaccounted.len(), 1);
        assert_eq!(
            (found.unaccounted[0].line, found.unaccounted[0].column),
            (2, 9)
        );
        assert_eq!(found.unaccounted[0].phrase, "1,212");
    }

    #[test]
    fn a_phrase_must_cover_every_number_of_a_range() {
        let text = "guidance of $70 million to $80 million";
        let found = coverage(text, &UnitTable::default(), &["guidance of $70 million"]);
        assert_eq!(found.unaccounted.len(), 1);
        let found = coverage(text, &UnitTable::default(), &["$70 million to $80 million"]);
        assert!(found.unaccounted.is_empty());
    }
}
