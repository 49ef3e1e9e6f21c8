//! Drafting: every figure of a transcript becomes a proposed fact with a
//! verbatim evidence phrase, its speaker and a confidence; figures already
//! recorded for the document are skipped unless asked for.

use qbrief_model::{Dims, Figure, Period, Vocabulary, MAX_EVIDENCE_WORDS};
use rust_decimal::Decimal;

use std::collections::{HashMap, HashSet};

use crate::coverage::unaccounted_starts;
use crate::position::LineColumns;
use crate::propose::{outlook, propose, Context};
use crate::scan::{mentions, multiples, Mention, MentionKind};
use crate::transcript::{Transcript, TranscriptSpeaker};

mod basis;

/// One proposed fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// 1-based line of the figure in the document.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The metric id (`revenue`, `revenue.yoy`), `None` when no metric fits.
    pub metric: Option<String>,
    /// The period it is for.
    pub period: Period,
    /// The value as the data format writes it.
    pub value: String,
    /// The parsed value.
    pub figure: Figure,
    /// The figure as written, when the value reinterprets it.
    pub as_written: Option<String>,
    /// A verbatim phrase of at most twelve words that contains the figure.
    pub evidence: String,
    /// Who said it, when the transcript names speakers.
    pub speaker: Option<String>,
    /// Whether it is guidance.
    pub guidance: bool,
    /// Axis members.
    pub dims: Dims,
    /// The subject of a per-subject metric.
    pub subject: Option<String>,
    /// How sure the drafter is, 0 to 1.
    pub confidence: Decimal,
    /// What a reviewer should know.
    pub note: Option<String>,
}

/// A drafted document: its speakers and the proposed facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The speakers the candidates name.
    pub speakers: Vec<TranscriptSpeaker>,
    /// The proposals, in document order.
    pub candidates: Vec<Candidate>,
    /// Figures skipped because a recorded fact already has them.
    pub skipped: usize,
}

/// Drafts facts from `text`, a document reporting `period` of a company
/// whose fiscal year ends in `fiscal_year_end_month`, in the vocabulary of
/// the company; figures inside any of `recorded` (evidence
/// phrases of facts already recorded from the document) are skipped.
///
/// ```
/// use qbrief_draft::draft;
/// use qbrief_model::{Currency, Vocabulary};
/// let vocabulary = Vocabulary::builtin(&["base"], Currency::USD);
/// let text = "Jo Doe:\nTotal revenue was $73.6 million, up 12% year-over-year.\n";
/// let d = draft(text, "2024-Q3".parse().unwrap(), 12, &vocabulary, &[]);
/// let facts: Vec<(Option<&str>, &str, &str)> = d.candidates.iter()
///     .map(|c| (c.metric.as_deref(), c.value.as_str(), c.evidence.as_str()))
///     .collect();
/// assert_eq!(facts, [
///     (Some("revenue"), "$73.6M", "Total revenue was $73.6 million, up 12% year-over-year."),
///     (Some("revenue.yoy"), "+12%", "Total revenue was $73.6 million, up 12% year-over-year."),
/// ]);
/// ```
pub fn draft(
    text: &str,
    period: Period,
    fiscal_year_end_month: u32,
    vocabulary: &Vocabulary,
    recorded: &[&str],
) -> Draft {
    let transcript = Transcript::parse(text);
    let mut found = mentions(text, &vocabulary.units);
    found.extend(multiples(text));
    found.sort_by_key(|m| m.start);
    let uncovered: HashSet<usize> = if recorded.is_empty() {
        HashSet::new()
    } else {
        unaccounted_starts(text, &vocabulary.units, recorded)
            .into_iter()
            .collect()
    };
    let mut candidates = Vec::new();
    let mut sentence_of = Vec::new();
    let mut skipped = 0;
    let mut used_speakers = Vec::new();
    let names = crate::propose::metric_names(vocabulary);
    let previous_of = previous_of_speaker(&transcript);
    let mut positions = LineColumns::new(text);
    let mut sentence_index = 0;
    // The figures of the current sentence, relative to it, found once per
    // sentence.
    let mut figures: (usize, Vec<std::ops::Range<usize>>) = (usize::MAX, Vec::new());
    let mut previous_figure: Option<(usize, usize, String)> = None;
    // The outlook in force at a sentence, found once per sentence.
    let mut outlook_of: Option<(usize, Option<Period>)> = None;
    let declared_at = transcript
        .sentences
        .iter()
        .position(|s| crate::propose::declares_adjusted(&text[s.range.clone()]));
    for m in found.iter().filter(|m| m.kind == MentionKind::Figure) {
        while sentence_index + 1 < transcript.sentences.len()
            && transcript.sentences[sentence_index].range.end <= m.start
        {
            sentence_index += 1;
        }
        let Some(sentence) = transcript.sentences.get(sentence_index) else {
            continue;
        };
        if !(sentence.range.start <= m.start && m.end <= sentence.range.end) {
            continue;
        }
        if !recorded.is_empty() && !uncovered.contains(&m.start) {
            skipped += 1;
            continue;
        }
        let previous = previous_of[sentence_index].map(|i| transcript.sentences[i].range.clone());
        if figures.0 != sentence_index {
            figures = (sentence_index, figures_in(&found, &sentence.range));
        }
        if outlook_of
            .as_ref()
            .is_none_or(|(i, _)| *i != sentence_index)
        {
            // The same speaker's earlier sentences, nearest first, by the
            // table of each sentence's predecessor (no scan of the rest).
            let earlier = std::iter::successors(previous_of[sentence_index], |i| previous_of[*i])
                .map(|i| &text[transcript.sentences[i].range.clone()]);
            outlook_of = Some((sentence_index, outlook(earlier, period)));
        }
        let cx = Context {
            text,
            sentence: sentence.range.clone(),
            previous,
            period,
            vocabulary,
            fiscal_year_end_month,
            names: &names,
            previous_figure: previous_figure
                .as_ref()
                .filter(|(s, _, _)| *s == sentence_index)
                .map(|(_, end, id)| (*end, id.clone())),
            figures: &figures.1,
            outlook: outlook_of.as_ref().and_then(|(_, p)| *p),
            adjusted_basis: declared_at.is_some_and(|d| d < sentence_index),
        };
        let Some(mut p) = propose(&cx, m) else {
            continue;
        };
        // An analyst's figure in a question, or the operator's, is no
        // company figure: it stays unplaced, so coverage still sees it.
        if p.metric.is_some()
            && sentence
                .speaker
                .is_some_and(|i| asks(&transcript.speakers[i]))
        {
            p.metric = None;
            p.confidence = Decimal::new(5, 2);
            p.note = Some("said by an analyst or the operator: not a company figure".into());
        }
        if let Some(id) = p.metric.as_ref().filter(|id| !id.contains('.')) {
            previous_figure = Some((sentence_index, m.end, id.clone()));
        }
        let (line, column) = positions.at(m.start);
        let speaker = sentence.speaker.map(|i| {
            if !used_speakers.contains(&i) {
                used_speakers.push(i);
            }
            transcript.speakers[i].name.clone()
        });
        sentence_of.push(sentence.range.clone());
        candidates.push(Candidate {
            line,
            column,
            metric: p.metric,
            period: p.period,
            value: p.value,
            figure: p.figure,
            as_written: p.as_written,
            evidence: evidence(text, &sentence.range, m),
            speaker,
            guidance: p.guidance,
            dims: p.dims,
            subject: p.subject,
            confidence: p.confidence,
            note: p.note,
        });
    }
    let mut placed: Vec<basis::Placed<'_>> = candidates
        .iter_mut()
        .zip(&sentence_of)
        .map(|(c, s)| basis::Placed {
            metric: &mut c.metric,
            period: c.period,
            guidance: c.guidance,
            figure: &c.figure,
            sentence: s.clone(),
        })
        .collect();
    basis::speak_adjusted(text, vocabulary, &names, &mut placed);
    used_speakers.sort();
    Draft {
        speakers: used_speakers
            .into_iter()
            .map(|i| transcript.speakers[i].clone())
            .collect(),
        candidates,
        skipped,
    }
}

/// Whether a speaker asks rather than reports: an analyst or the operator.
fn asks(speaker: &TranscriptSpeaker) -> bool {
    matches!(speaker.role.as_str(), "Analyst" | "Operator")
}

/// For each sentence, the previous sentence of the same speaker (or of no
/// speaker, for a sentence no speaker is named for).
fn previous_of_speaker(transcript: &Transcript) -> Vec<Option<usize>> {
    let mut last: HashMap<Option<usize>, usize> = HashMap::new();
    transcript
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| last.insert(s.speaker, i))
        .collect()
}

/// The figures inside `sentence`, as byte ranges relative to it; `found`
/// is sorted by start.
fn figures_in(found: &[Mention], sentence: &std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let first = found.partition_point(|f| f.start < sentence.start);
    found[first..]
        .iter()
        .take_while(|f| f.start < sentence.end)
        .filter(|f| f.kind == MentionKind::Figure && f.end <= sentence.end)
        .map(|f| f.start - sentence.start..f.end - sentence.start)
        .collect()
}

/// Up to twelve words of the sentence around the figure: more before it
/// (where the metric is named) than after.
fn evidence(text: &str, sentence: &std::ops::Range<usize>, m: &Mention) -> String {
    let words: Vec<(usize, usize)> = word_spans(text, sentence.start, sentence.end);
    let first = words.iter().position(|(_, e)| *e > m.start).unwrap_or(0);
    let last = words
        .iter()
        .rposition(|(s, _)| *s < m.end)
        .unwrap_or(first)
        .max(first);
    let inside = last - first + 1;
    let spare = MAX_EVIDENCE_WORDS.saturating_sub(inside);
    let before = (spare * 2 / 3).min(first);
    let after = (spare - before).min(words.len() - 1 - last);
    let before = (spare - after).min(first);
    let (start, _) = words[first - before];
    let (_, end) = words[last + after];
    text[start..end]
        .trim_end_matches([',', ';', ':'])
        .to_string()
}

fn word_spans(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut word_start = None;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if c.is_whitespace() {
            if let Some(s) = word_start.take() {
                out.push((s, at));
            }
        } else if word_start.is_none() {
            word_start = Some(at);
        }
    }
    if let Some(s) = word_start {
        out.push((s, end));
    }
    out
}

#[cfg(test)]
mod tests;
