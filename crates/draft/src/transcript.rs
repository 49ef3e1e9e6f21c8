//! The structure of a transcript: who speaks where ("Name:" lines, "Name:
//! text" paragraphs, "Name - Title" lines), their roles as the call
//! introduces them, and the sentences of what they say.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::AhoCorasick;

/// A speaker of a transcript.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TranscriptSpeaker {
    /// The name as the transcript labels the speaker.
    pub name: String,
    /// CEO, CFO, IR, Analyst, Operator, or Speaker when the call does not say.
    pub role: String,
}

/// One sentence and who said it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the document.
    pub range: Range<usize>,
    /// Index into [`Transcript::speakers`], `None` when no speaker is named.
    pub speaker: Option<usize>,
}

/// A document split into speakers and sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transcript {
    /// Speakers in order of first appearance.
    pub speakers: Vec<TranscriptSpeaker>,
    /// Sentences in document order.
    pub sentences: Vec<Sentence>,
}

/// The longest sentence, in bytes: a run of text without a stop that is
/// longer is cut at its last clause break (`;`, `,`) or space. The longest
/// sentence of the ECTSum calls is under 2,000 bytes.
pub(crate) const MAX_SENTENCE: usize = 2048;

const ABBREVIATIONS: &[&str] = &[
    "mr", "ms", "mrs", "dr", "inc", "co", "ltd", "corp", "vs", "approx", "no", "st", "jr", "sr",
    "u.s", "e.g", "i.e", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec",
];

/// Splits a document into speakers and sentences.
///
/// ```
/// use qbrief_draft::Transcript;
/// let text = "Operator:\nWelcome. Our CFO, Jo Doe, will speak.\nJo Doe:\nRevenue was $5.1 million. It rose 3%.\n";
/// let t = Transcript::parse(text);
/// assert_eq!(t.speakers[1].name, "Jo Doe");
/// assert_eq!(t.speakers[1].role, "CFO");
/// let said: Vec<&str> = t.sentences.iter().map(|s| &text[s.range.clone()]).collect();
/// assert_eq!(said, ["Welcome.", "Our CFO, Jo Doe, will speak.", "Revenue was $5.1 million.", "It rose 3%."]);
/// ```
impl Transcript {
    /// Parses `text`.
    pub fn parse(text: &str) -> Transcript {
        let mut t = Transcript::default();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut current: Option<usize> = None;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let line_start = offset;
            offset += line.len();
            let content = line.trim_end_matches(['\n', '\r']);
            let (speaker, body_start) = match speaker_label(content) {
                Some((name, role, body)) => {
                    let index = t.speaker_index(&mut by_name, name, role);
                    (Some(index), line_start + body)
                }
                None => (None, line_start),
            };
            if speaker.is_some() {
                current = speaker;
            }
            let body_end = line_start + content.len();
            t.split_sentences(text, body_start, body_end, current);
        }
        t.assign_roles(text);
        t
    }

    fn speaker_index(
        &mut self,
        by_name: &mut HashMap<String, usize>,
        name: &str,
        role: Option<&str>,
    ) -> usize {
        if let Some(i) = by_name.get(name) {
            return *i;
        }
        by_name.insert(name.to_string(), self.speakers.len());
        let role = role.map(normalize_role).unwrap_or_else(|| {
            if name == "Operator" {
                "Operator".into()
            } else {
                String::new()
            }
        });
        self.speakers.push(TranscriptSpeaker {
            name: name.to_string(),
            role,
        });
        self.speakers.len() - 1
    }

    fn split_sentences(&mut self, text: &str, start: usize, end: usize, speaker: Option<usize>) {
        let bytes = text.as_bytes();
        let mut s = start;
        let mut i = start;
        while i < end {
            let b = bytes[i];
            if matches!(b, b'.' | b'?' | b'!') {
                let next = bytes.get(i + 1).copied();
                let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
                let next_digit = next.is_some_and(|n| n.is_ascii_digit());
                let ends = (i + 1 == end || next == Some(b' ') || next == Some(b'"'))
                    && !(prev_digit && next_digit)
                    && !is_abbreviation(&text[s..i]);
                if ends {
                    self.push_sentence(text, s, i + 1, speaker);
                    s = i + 1;
                }
            }
            // A run of text with no stop (a table pasted as text, a list of
            // figures) is cut into pieces of a bounded length, so that the
            // work per figure, which reads its sentence, stays bounded. Real
            // sentences are far shorter.
            if i + 1 - s >= MAX_SENTENCE && text.is_char_boundary(i + 1) {
                let cut = piece_end(text, s, i + 1);
                self.push_sentence(text, s, cut, speaker);
                s = cut;
            }
            i += 1;
        }
        self.push_sentence(text, s, end, speaker);
    }

    fn push_sentence(&mut self, text: &str, start: usize, end: usize, speaker: Option<usize>) {
        let slice = &text[start..end];
        let trimmed_start = start + (slice.len() - slice.trim_start().len());
        let trimmed_end = start + slice.trim_end().len();
        if trimmed_start < trimmed_end {
            self.sentences.push(Sentence {
                range: trimmed_start..trimmed_end,
                speaker,
            });
        }
    }

    /// Roles from how the call introduces people: "our CFO, Jin James
    /// Cheng", "Chief Executive Officer", analysts "with" or "from" a firm.
    /// Each speaker takes the role of the first mention of their last name
    /// that tells one; all last names are searched in one pass.
    fn assign_roles(&mut self, text: &str) {
        let lower = text.to_ascii_lowercase();
        let open: Vec<usize> = (0..self.speakers.len())
            .filter(|i| self.speakers[*i].role.is_empty())
            .collect();
        let mut names: Vec<String> = Vec::new();
        let mut speakers_of: Vec<Vec<usize>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for &i in &open {
            let name = &self.speakers[i].name;
            let last = name.rsplit(' ').next().unwrap_or(name).to_ascii_lowercase();
            let p = *index.entry(last.clone()).or_insert_with(|| {
                names.push(last);
                speakers_of.push(Vec::new());
                names.len() - 1
            });
            speakers_of[p].push(i);
        }
        let mut roles: Vec<Option<&'static str>> = vec![None; self.speakers.len()];
        if let Ok(searcher) = AhoCorasick::new(&names) {
            // Each name's mentions as `match_indices` gives them: left to
            // right, not overlapping each other.
            let mut next_free = vec![0; names.len()];
            let mut unresolved = open.len();
            for m in searcher.find_overlapping_iter(&lower) {
                let p = m.pattern().as_usize();
                if m.start() < next_free[p] {
                    continue;
                }
                next_free[p] = m.end();
                let pending = speakers_of[p].iter().any(|i| roles[*i].is_none());
                if !pending {
                    continue;
                }
                let Some(role) = role_at(&lower, m.start(), m.end()) else {
                    continue;
                };
                for &i in &speakers_of[p] {
                    if roles[i].is_none() {
                        roles[i] = Some(role);
                        unresolved -= 1;
                    }
                }
                if unresolved == 0 {
                    break;
                }
            }
        }
        for i in open {
            self.speakers[i].role = roles[i].unwrap_or("Speaker").to_string();
        }
    }
}

/// The role a mention of a name at `at..end` of the lowercased text tells.
fn role_at(lower: &str, at: usize, end: usize) -> Option<&'static str> {
    let from = floor_boundary(lower, at.saturating_sub(90));
    let to = ceil_boundary(lower, (end + 60).min(lower.len()));
    let before = &lower[from..at];
    let after = &lower[at..to];
    let near_before = &before[floor_boundary(before, before.len().saturating_sub(40))..];
    if near_before.contains("cfo") || near_before.contains("chief financial") {
        Some("CFO")
    } else if near_before.contains("ceo")
        || near_before.contains("chief executive")
        || near_before.contains("chairman")
    {
        Some("CEO")
    } else if near_before.contains("investor relations") || after.contains("investor relations") {
        Some("IR")
    } else if before.contains("question")
        && (after.contains(" with ") || after.contains(" from ") || after.contains(" of "))
    {
        Some("Analyst")
    } else {
        None
    }
}

/// Where to cut a run of text `start..end` with no stop: after its last
/// `;` or `,`, else at its last space, else at a character boundary.
fn piece_end(text: &str, start: usize, end: usize) -> usize {
    let run = &text[start..end];
    let half = run.len() / 2;
    run.rfind([';', ','])
        .filter(|p| *p >= half)
        .or_else(|| run.rfind(' ').filter(|p| *p >= half))
        .map(|p| start + p + 1)
        .unwrap_or_else(|| floor_boundary(text, end).max(start + 1))
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
        || (word.len() == 1 && word.chars().all(char::is_alphabetic))
}

fn normalize_role(title: &str) -> String {
    let t = title.to_lowercase();
    if t.contains("chief financial") || t.contains("cfo") {
        "CFO".into()
    } else if t.contains("chief executive") || t.contains("ceo") || t.contains("chairman") {
        "CEO".into()
    } else if t.contains("investor relations") {
        "IR".into()
    } else if t.contains("analyst") {
        "Analyst".into()
    } else {
        title.trim().to_string()
    }
}

/// A speaker label at the start of a line: "Name:" alone, "Name: text",
/// or "Name - Title" alone. Returns the name, a title when given, and the
/// byte offset in the line where what they say starts.
fn speaker_label(line: &str) -> Option<(&str, Option<&str>, usize)> {
    if let Some((name, rest)) = line.split_once(':') {
        // "Name:" alone on its line, or "First Last: what they say"; a lone
        // capitalised word before text ("Highlights: ...") is no speaker.
        let inline_ok = rest.trim().is_empty()
            || name.split_whitespace().count() >= 2
            || name.trim() == "Operator";
        if is_name(name) && inline_ok {
            let body = name.len() + 1 + (rest.len() - rest.trim_start().len());
            return Some((name.trim(), None, body));
        }
    }
    if let Some((name, title)) = line.split_once(" - ") {
        if is_name(name) && title.split_whitespace().count() <= 8 && !title.contains('.') {
            return Some((name.trim(), Some(title), line.len()));
        }
    }
    None
}

/// One to five capitalised words of letters (and `.'"-`), no digits.
fn is_name(text: &str) -> bool {
    let text = text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && text.len() <= 48
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '"' || c == '“')
                && w.chars()
                    .all(|c| c.is_alphabetic() || "'’.\"“”-".contains(c))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_in_each_layout() {
        let t = Transcript::parse("Operator: Welcome.\nClark Soucy: Thank you. Our CFO, James Jin Cheng, joins.\nJames Jin Cheng: Revenue was $73.9 million.\n");
        let names: Vec<(&str, &str)> = t
            .speakers
            .iter()
            .map(|s| (s.name.as_str(), s.role.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("Operator", "Operator"),
                ("Clark Soucy", "Speaker"),
                ("James Jin Cheng", "CFO")
            ]
        );
        let t = Transcript::parse("Jo Doe - Chief Financial Officer\nSales rose 5%.\n");
        assert_eq!(t.speakers[0].role, "CFO");
        assert_eq!(t.sentences[0].speaker, Some(0));
    }

    #[test]
    fn no_speakers_and_tricky_periods() {
        let text =
            "Sales were $1.5 million, up 3.2% vs. last year.\nMr. Smith said U.S. sales rose.\n";
        let t = Transcript::parse(text);
        assert!(t.speakers.is_empty());
        let said: Vec<&str> = t.sentences.iter().map(|s| &text[s.range.clone()]).collect();
        assert_eq!(
            said,
            [
                "Sales were $1.5 million, up 3.2% vs. last year.",
                "Mr. Smith said U.S. sales rose."
            ]
        );
    }
}
