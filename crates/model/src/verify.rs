//! Proving a fact's evidence against its source document: the phrase must
//! occur in the document, and must contain the figure as written.
//!
//! Matching is forgiving only where transcripts and data files legitimately
//! differ: typographic quotes and dashes, runs of whitespace, thousands
//! separators, "million" against "M", and the unit words a speaker uses
//! ("exahash" for EH/s, "Bitcoins" for BTC).

use crate::fact::Fact;
use crate::unit::Unit;

/// Why a fact's evidence does not check out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceProblem {
    /// The phrase is not in the document.
    NotInDocument,
    /// The phrase does not contain this number of the value.
    NumberMissing(String),
    /// The number is there, but not with this scale ("million").
    ScaleMissing(String),
    /// No word for the value's unit is in the phrase.
    UnitMissing(Unit),
    /// `as_written` is not in the phrase.
    AsWrittenMissing(String),
}

impl std::fmt::Display for EvidenceProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvidenceProblem::NotInDocument => {
                f.write_str("evidence does not occur in the document")
            }
            EvidenceProblem::NumberMissing(n) => {
                write!(f, "evidence does not contain the figure {n} as written")
            }
            EvidenceProblem::ScaleMissing(s) => {
                write!(f, "evidence does not state the figure's scale ({s})")
            }
            EvidenceProblem::UnitMissing(u) => {
                write!(f, "evidence does not name the figure's unit ({u})")
            }
            EvidenceProblem::AsWrittenMissing(w) => {
                write!(f, "evidence does not contain as_written \"{w}\"")
            }
        }
    }
}

/// Normalises text for matching: typographic quotes and dashes to ASCII,
/// any run of whitespace to one space. Case is kept: evidence is verbatim.
pub fn normalize_text(text: &str) -> String {
    // One pass: map each character, and write one space for each run of
    // whitespace between words.
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{00A0}' | '\u{2009}' | '\u{202F}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Checks one fact against the normalised text of its document (see
/// [`normalize_text`]); returns every problem found.
///
/// ```
/// use qbrief_model::normalize_text;
/// let doc = normalize_text("we achieved sales of 7.30 million terahertz per second in computing power");
/// assert!(doc.contains("7.30 million terahertz"));
/// ```
pub fn check_evidence(fact: &Fact, normalized_document: &str) -> Vec<EvidenceProblem> {
    let evidence = normalize_text(&fact.evidence);
    let mut problems = Vec::new();
    if !normalized_document.contains(&evidence) {
        problems.push(EvidenceProblem::NotInDocument);
    }
    if let Some(written) = &fact.as_written {
        if !evidence.contains(&normalize_text(written)) {
            problems.push(EvidenceProblem::AsWrittenMissing(written.clone()));
        }
        // The value is a documented reading of `as_written`; the note says how.
        return problems;
    }
    let evidence_numbers = numbers_in(&evidence);
    for written in value_numbers(&fact.value_text) {
        let found: Vec<&(String, usize)> = evidence_numbers
            .iter()
            .filter(|(n, _)| *n == written.digits)
            .collect();
        if found.is_empty() {
            problems.push(EvidenceProblem::NumberMissing(written.digits.clone()));
            continue;
        }
        if let Some(scale) = written.scale {
            let ok = found
                .iter()
                .any(|(_, end)| scale_follows(&evidence[*end..], scale));
            if !ok {
                problems.push(EvidenceProblem::ScaleMissing(scale_name(scale).to_string()));
            }
        }
    }
    let unit = fact.figure.unit();
    if !names_unit(&evidence, unit) {
        problems.push(EvidenceProblem::UnitMissing(unit.clone()));
    }
    problems
}

struct WrittenNumber {
    digits: String,
    scale: Option<char>,
}

/// The numbers of a value string, digits without separators, each with
/// the scale letter that follows it (or follows the last number of a range).
fn value_numbers(value: &str) -> Vec<WrittenNumber> {
    let mut out = Vec::new();
    let bytes: Vec<char> = value.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || bytes[i] == ','
                    || (bytes[i] == '.' && bytes.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            let digits: String = bytes[start..i].iter().filter(|c| **c != ',').collect();
            let rest: String = bytes[i..].iter().collect();
            let rest = rest.trim_start();
            // A one-letter scale stands alone: "M" in "$73.6M", not the "B" of "BTC".
            let scale = ["thousand", "million", "billion", "K", "M", "B"]
                .iter()
                .find(|w| {
                    rest.starts_with(**w)
                        && !rest[w.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
                })
                .map(|w| w.chars().next().unwrap_or('M').to_ascii_uppercase());
            let scale = match scale {
                Some('T') => Some('K'),
                s => s,
            };
            out.push(WrittenNumber { digits, scale });
        } else {
            i += 1;
        }
    }
    // "$70-80M": a scale written once, after the high end, is checked there
    // only, since documents write it once too ("between $125 and $180 million").
    out
}

/// The numbers of a text with the byte offset just after each; digits
/// without separators. "$63.5000" gives "63.5000".
fn numbers_in(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].1.is_ascii_digit() && (i == 0 || !chars[i - 1].1.is_ascii_alphanumeric()) {
            let start = i;
            while i < chars.len()
                && (chars[i].1.is_ascii_digit()
                    || (matches!(chars[i].1, ',' | '.')
                        && chars.get(i + 1).is_some_and(|(_, c)| c.is_ascii_digit())))
            {
                i += 1;
            }
            let digits: String = chars[start..i]
                .iter()
                .map(|(_, c)| *c)
                .filter(|c| *c != ',')
                .collect();
            let end = chars.get(i).map_or(text.len(), |(b, _)| *b);
            out.push((digits, end));
        } else {
            i += 1;
        }
    }
    out
}

fn scale_name(scale: char) -> &'static str {
    match scale {
        'K' => "thousand",
        'B' => "billion",
        _ => "million",
    }
}

fn scale_follows(after: &str, scale: char) -> bool {
    let after = after.trim_start().to_lowercase();
    let words: &[&str] = match scale {
        'K' => &["thousand", "k"],
        'B' => &["billion", "bn", "b"],
        _ => &["million", "mn", "m"],
    };
    words.iter().any(|w| {
        after.starts_with(w)
            && !after[w.len()..]
                .starts_with(|c: char| c.is_ascii_alphabetic() && !w.ends_with(['n', 'd']))
    })
}

/// Whether the phrase names the unit of `dimension`. Only money and
/// percentages are held to it: their symbol is written next to the number.
/// Other units often stand a few words earlier ("1,212 Bitcoins ... 98 more
/// than the 1,114"), outside a 12-word phrase, so they are not required.
fn names_unit(evidence: &str, unit: &Unit) -> bool {
    let lower = evidence.to_lowercase();
    let words: &[&str] = if unit.dimension().has_money() {
        &[
            "$", "€", "£", "dollar", "euro", "pound", "rmb", "yuan", "usd", "eur", "gbp",
        ]
    } else if unit.is_percent() {
        &[
            "%",
            "percent",
            "per cent",
            "basis point",
            "bps",
            "bp",
            "times",
            "x",
        ]
    } else {
        return true;
    };
    words.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_scales() {
        let n = value_numbers("$70-80M");
        assert_eq!(
            n.iter()
                .map(|n| (n.digits.as_str(), n.scale))
                .collect::<Vec<_>>(),
            [("70", None), ("80", Some('M'))]
        );
        let n = value_numbers("7.30M TH/s");
        assert_eq!((n[0].digits.as_str(), n[0].scale), ("7.30", Some('M')));
        let n = value_numbers("30 MW");
        assert_eq!(n[0].scale, None);
        assert_eq!(value_numbers("1,212 BTC")[0].scale, None);
        assert_eq!(
            numbers_in("of 1,212 Bitcoins and $36.80 million")[0].0,
            "1212"
        );
        assert_eq!(
            numbers_in("of 1,212 Bitcoins and $36.80 million")[1].0,
            "36.80"
        );
        assert!(numbers_in("A15 series").is_empty());
        assert!(scale_follows(" million in", 'M'));
        assert!(scale_follows("M", 'M'));
        assert!(!scale_follows(" miners", 'M'));
    }

    #[test]
    fn normalising_in_one_pass_matches_split_and_join() {
        for text in [
            "",
            "   ",
            " a ",
            "a\u{00A0}\u{00A0}b",
            "\u{2003}x\ty\n\nz\u{3000}",
            "Ünïcödé  Text",
        ] {
            let mapped = normalize_text(text);
            let reference = text
                .chars()
                .map(|c| if c == '\u{00A0}' { ' ' } else { c })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(mapped, reference, "{text:?}");
        }
        assert_eq!(normalize_text("\u{2003}x\ty\n\nz\u{3000}"), "x y z");
    }

    #[test]
    fn normalises_quotes_and_space() {
        assert_eq!(
            normalize_text("Canaan\u{2019}s  \n revenue \u{2014} up"),
            "Canaan's revenue - up"
        );
    }
}
