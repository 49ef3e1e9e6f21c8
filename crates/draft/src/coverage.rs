//! Coverage: every number-bearing phrase of a document must be the evidence
//! of a recorded fact or of an `[[ignore]]` entry, so that no figure of a
//! call is left out by accident.

use aho_corasick::AhoCorasick;
use qbrief_model::UnitTable;

use crate::position::LineColumns;
use crate::scan::{mentions, Mention, MentionKind};

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
    let mut result = Coverage::default();
    let mut positions = LineColumns::new(text);
    for (m, accounted) in accounting(text, units, evidence) {
        result.phrases += 1;
        if accounted {
            continue;
        }
        let (line, column) = positions.at(m.start);
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

/// Where the phrases [`coverage`] finds unaccounted for start, in bytes.
pub(crate) fn unaccounted_starts(text: &str, units: &UnitTable, evidence: &[&str]) -> Vec<usize> {
    accounting(text, units, evidence)
        .into_iter()
        .filter(|(_, accounted)| !accounted)
        .map(|(m, _)| m.start)
        .collect()
}

/// Every phrase that needs accounting for, and whether the evidence
/// accounts for it: every digit of it is inside one occurrence of a phrase.
/// All phrases are found in one pass over the text, and each digit run is
/// looked up among the occurrences in logarithmic time, so the work is
/// linear in the text and the evidence (and the occurrences).
fn accounting(text: &str, units: &UnitTable, evidence: &[&str]) -> Vec<(Mention, bool)> {
    let covered = Covered::new(text, evidence);
    mentions(text, units)
        .into_iter()
        .filter(|m| m.kind.needs_accounting())
        .map(|m| {
            let accounted = digit_spans(text, m.start, m.end)
                .iter()
                .all(|(s, e)| covered.covers(*s, *e));
            (m, accounted)
        })
        .collect()
}

/// The byte ranges of the text where an evidence phrase occurs.
struct Covered {
    /// Occurrences sorted by start.
    starts: Vec<usize>,
    /// For each occurrence in that order, the greatest end of it and those
    /// before it.
    reach: Vec<usize>,
}

impl Covered {
    fn new(text: &str, evidence: &[&str]) -> Covered {
        let (normalized, origin) = normalize_with_map(text);
        let needles: Vec<String> = evidence
            .iter()
            .map(|phrase| normalize_with_map(phrase.trim()).0)
            .filter(|needle| !needle.is_empty())
            .collect();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        if let Ok(searcher) = AhoCorasick::new(&needles) {
            // Every occurrence of every phrase, overlapping ones included,
            // as a search of each phrase from each char boundary finds them.
            for m in searcher.find_overlapping_iter(&normalized) {
                spans.push((origin[m.start()], origin[m.end()]));
            }
        }
        spans.sort_unstable();
        let mut reach = Vec::with_capacity(spans.len());
        let mut furthest = 0;
        for (_, end) in &spans {
            furthest = furthest.max(*end);
            reach.push(furthest);
        }
        Covered {
            starts: spans.into_iter().map(|(s, _)| s).collect(),
            reach,
        }
    }

    /// Whether one occurrence contains `start..end`.
    fn covers(&self, start: usize, end: usize) -> bool {
        let before = self.starts.partition_point(|s| *s <= start);
        before > 0 && self.reach[before - 1] >= end
    }
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

/// Up to twelve words around a phrase, on its line: five before it and
/// six after, read outwards from it so that a long line costs nothing.
fn context(text: &str, start: usize, end: usize) -> String {
    let mut before: Vec<&str> = Vec::new();
    let mut rest = &text[..start];
    while before.len() < 5 {
        let trimmed = rest.trim_end();
        if trimmed.is_empty() || rest[trimmed.len()..].contains('\n') {
            break;
        }
        let word_start = trimmed.rfind(|c: char| c.is_whitespace()).map_or(0, |p| {
            p + trimmed[p..].chars().next().map_or(1, char::len_utf8)
        });
        before.push(&trimmed[word_start..]);
        rest = &trimmed[..word_start];
    }
    before.reverse();
    let mut words = before;
    words.push(&text[start..end]);
    let mut rest = &text[end..];
    let mut after = 0;
    while after < 6 {
        let trimmed = rest.trim_start();
        if trimmed.is_empty() || rest[..rest.len() - trimmed.len()].contains('\n') {
            break;
        }
        let word_end = trimmed
            .find(|c: char| c.is_whitespace())
            .unwrap_or(trimmed.len());
        words.push(&trimmed[..word_end]);
        rest = &trimmed[word_end..];
        after += 1;
    }
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
