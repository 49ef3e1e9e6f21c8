//! Matching a figure to a metric: the taxonomies' labels and synonyms
//! nearest the figure, among the metrics whose unit the figure fits.

use std::ops::Range;

use qbrief_model::{Change, Figure, Metric};

use super::context::Context;
use super::flavour::flavoured;
use super::names::{is_link, Spliced, Tokens};
use super::segment::segmented;
use super::words::{contains_word, find_word, word_boundary};

/// The best metric for a figure: of the metrics whose unit fits it, the
/// one whose label or synonym stands nearest before it in the clause (or
/// after it, or in the previous sentence), with a score of 4 (a name the
/// figure interrupts or that follows it as its complement), 3 (same
/// clause), 2 (sentence), 1 (previous sentence). A flavour the call puts
/// the figure in ("on an adjusted basis") steers to the metric of that
/// flavour (`flavour.rs`).
pub(super) fn choose_metric<'v>(
    cx: &Context<'v>,
    lower: &str,
    at: usize,
    end: usize,
    figure: &Figure,
    change: Option<Change>,
    unit_word: Option<&str>,
) -> Option<(&'v Metric, u8)> {
    choose_named(cx, lower, at, end, figure, change, unit_word).map(|(m, score)| {
        (
            flavoured(cx, lower, at, end, segmented(cx, lower, m)),
            score,
        )
    })
}

/// `choose_metric` before the flavour is read.
fn choose_named<'v>(
    cx: &Context<'v>,
    lower: &str,
    at: usize,
    end: usize,
    figure: &Figure,
    change: Option<Change>,
    unit_word: Option<&str>,
) -> Option<(&'v Metric, u8)> {
    let fits = |m: &Metric| change.is_some() || adoptable(m, figure).is_some();
    let clause_start = lower[..at].rfind([';', ',']).map_or(0, |p| p + 1);
    // A name the figure interrupts ("a cash inflow of $42M from sales")
    // or that follows it as its complement ("$7M from export VAT refunds",
    // "$14.8M in restructuring expense") says what the figure is, whatever
    // names stand before it.
    let spliced = Spliced::new(lower, at, end, unit_word);
    let tokens = Tokens::of(lower);
    let mut best: Option<(i64, &Metric, u8)> = None;
    // The figure's own unit may name a metric ("$0.62 per diluted share"):
    // when no name stands before the figure, it says more than a name
    // after it, which is as often the next figure's.
    let mut own_unit: Option<(i64, &Metric)> = None;
    let mut named_before = false;
    for (metric, names) in cx.metrics_with_names().filter(|(m, _)| fits(m)) {
        for name in names.iter().filter(|n| tokens.may_hold(n)) {
            let specificity = name.split_whitespace().count() as i64 * 6 + name.len() as i64 / 4;
            for (pos, _) in lower.match_indices(name.as_str()) {
                if !word_boundary(lower, pos, pos + name.len()) {
                    continue;
                }
                let (distance, score) = if pos + name.len() <= at {
                    named_before = true;
                    let d = (at - pos - name.len()) as i64;
                    (d, if pos >= clause_start { 3 } else { 2 })
                } else if pos >= end {
                    // A name after another figure is that figure's, unless
                    // the figures are listed together ("52% and 17% of our
                    // machine sales"); "12% or 7% excluding currency" says
                    // the second is another measure.
                    let mut between = cx
                        .figures
                        .iter()
                        .filter(|f| f.start >= end && f.start < pos);
                    let mut from = end;
                    if !between.all(|f| {
                        let gap = &lower[from..f.start];
                        from = f.end;
                        gap.split_whitespace().count() <= 2
                            && (gap.contains(',') || contains_word(gap, "and"))
                    }) {
                        continue;
                    }
                    ((pos - end) as i64 * 2 + 10, 2)
                } else if pos > at && pos + name.len() <= end {
                    let cost = -specificity;
                    if own_unit.as_ref().is_none_or(|(c, _)| cost < *c) {
                        own_unit = Some((cost, metric.as_ref()));
                    }
                    continue;
                } else {
                    continue;
                };
                let complement = pos >= end && is_link(&lower[end..pos]);
                let cost = distance
                    - specificity
                    - if score == 3 { 30 } else { 0 }
                    - if complement { 1000 } else { 0 };
                let score = if complement { 4 } else { score };
                if best.as_ref().is_none_or(|(c, _, _)| cost < *c) {
                    best = Some((cost, metric.as_ref(), score));
                }
            }
            // A name that starts with the figure's own unit ("% of sales")
            // reads on from the figure: "just over 2% of sales".
            if let Some(rest) = name.strip_prefix("% ") {
                if figure.unit().is_percent() && lower[end..].trim_start().starts_with(rest) {
                    let cost = -2000 - specificity;
                    if best.as_ref().is_none_or(|(c, _, _)| cost < *c) {
                        best = Some((cost, metric.as_ref(), 4));
                    }
                }
            }
            if name.contains(' ') && spliced.straddles(name) {
                let cost = -2000 - specificity;
                if best.as_ref().is_none_or(|(c, _, _)| cost < *c) {
                    best = Some((cost, metric.as_ref(), 4));
                }
            }
        }
    }
    if let Some((_, m)) =
        own_unit.filter(|_| !named_before && best.as_ref().is_none_or(|(_, _, score)| *score < 4))
    {
        return Some((m, 2));
    }
    if let Some((_, m, s)) = best {
        return Some((m, s));
    }
    // Carry the subject of the previous sentence of the same speaker.
    let prev = cx
        .previous
        .clone()
        .map(|r| cx.text[r].to_ascii_lowercase())
        .unwrap_or_default();
    let prev_tokens = Tokens::of(&prev);
    let mut best: Option<(usize, &Metric, &str)> = None;
    for (metric, names) in cx.metrics_with_names().filter(|(m, _)| fits(m)) {
        for name in names.iter().filter(|n| prev_tokens.may_hold(n)) {
            if let Some(pos) = prev.rfind(name.as_str()) {
                if word_boundary(&prev, pos, pos + name.len())
                    && best.as_ref().is_none_or(|(p, _, _)| pos + name.len() > *p)
                {
                    best = Some((pos + name.len(), metric.as_ref(), name.as_str()));
                }
            }
        }
    }
    // Only a sentence that refers back to the previous one ("This
    // represents an increase of 12%", "It is now at 92.8%", "Engine is
    // also planned to grow 5%") or repeats a telling word of its name
    // ("blended cash spread", then "The blended spread on renewals was
    // 10.2%") carries its subject: otherwise the figure's metric is a guess.
    if let Some((_, m, _)) = best.filter(|(_, _, name)| refers_back(lower, name)) {
        return Some((m, 1));
    }
    // A figure in a unit of its own (TH/s, BTC, sq ft) measures one of the
    // metrics declared in that unit: the one whose names share the most
    // telling words with the sentence ("the loss from Kazakhstan is 2
    // exahash" shares "loss" with "loss of hash rate"), else the first.
    // The figure's own unit words ("exahash") tell nothing.
    // A count ("3,800 miners") has no unit of its own: only shared words
    // choose its metric, never the order of declaration; and the noun it
    // counts, when one follows it, must be one its metric's names hold
    // ("15 highest paying countries", "fewer than 10 companies", "360
    // consecutive trading days" count nothing a metric measures).
    let count = figure.unit().symbol() == "count";
    if change.is_none() && !figure.unit().is_money() && !figure.unit().is_percent() {
        let same_unit: Vec<(&Metric, &Vec<String>)> = cx
            .metrics_with_names()
            .filter(|(m, _)| m.unit.dimension() == figure.unit().dimension())
            .map(|(m, n)| (m.as_ref(), n))
            .collect();
        let counted = counted_noun(&lower[end..]).filter(|_| count && unit_word.is_none());
        if let Some(m) =
            most_words_shared(&same_unit, &format!("{} {}", &lower[..at], &lower[end..]))
                .filter(|m| {
                    counted.is_none_or(|noun| {
                        same_unit.iter().any(|(n, names)| {
                            n.id == m.id && names.iter().any(|x| x.contains(noun))
                        })
                    })
                })
                .or(same_unit.first().map(|(m, _)| *m).filter(|_| !count))
        {
            return Some((m, 1));
        }
    }
    None
}

/// The noun a bare number counts: the word right after it, singular
/// ("miners" gives "miner"), `None` when a function word or nothing follows.
fn counted_noun(after: &str) -> Option<&str> {
    let word = after
        .split_whitespace()
        .next()?
        .trim_matches(|c: char| !c.is_ascii_alphanumeric());
    const FUNCTION: [&str; 16] = [
        "and", "or", "to", "in", "of", "the", "a", "for", "with", "at", "by", "from", "on", "as",
        "is", "was",
    ];
    if word.is_empty() || FUNCTION.contains(&word) || !word.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    Some(
        word.strip_suffix('s')
            .filter(|w| w.len() > 2)
            .unwrap_or(word),
    )
}

/// Whether a sentence opens by pointing at what the previous one said.
fn refers_back(lower: &str, name: &str) -> bool {
    let first = lower
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_ascii_alphabetic());
    matches!(first, "this" | "that" | "it" | "these" | "those")
        || contains_word(lower, "also")
        || name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() > 3 && !STOP_WORDS.contains(w))
            .any(|w| contains_word(lower, w))
}

/// Words that tell nothing of which metric a sentence is about.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "our", "per", "the", "to",
    "with", "we", "is", "was", "total",
];

/// Of `metrics`, the one whose names share the most words with `lower`,
/// each word weighed by how few of the metrics use it; `None` when no
/// metric shares a word that the others do not all share.
fn most_words_shared<'v>(
    metrics: &[(&'v Metric, &Vec<String>)],
    lower: &str,
) -> Option<&'v Metric> {
    let words_of = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
            .map(|w| {
                w.strip_suffix('s')
                    .filter(|s| s.len() > 3)
                    .unwrap_or(w)
                    .to_string()
            })
            .collect()
    };
    let sentence = words_of(lower);
    let vocab: Vec<Vec<String>> = metrics
        .iter()
        .map(|(_, names)| {
            let mut words: Vec<String> = names.iter().flat_map(|n| words_of(n)).collect();
            words.sort();
            words.dedup();
            words
        })
        .collect();
    let mut best: Option<(u32, usize)> = None;
    for (i, words) in vocab.iter().enumerate() {
        let score: u32 = words
            .iter()
            .filter(|w| sentence.contains(w))
            .map(|w| {
                2520 / vocab
                    .iter()
                    .filter(|v| v.contains(w))
                    .count()
                    .clamp(1, 2520) as u32
            })
            .sum();
        let all_share = |w: &String| vocab.iter().all(|v| v.contains(w));
        let telling = words.iter().any(|w| sentence.contains(w) && !all_share(w));
        if telling && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| metrics[i].0)
}

/// How a figure fits a metric: as it is (`Some(None)`), or by writing the
/// metric's unit after it (`Some(Some("/BTC"))`: "$61,000" of revenue per
/// bitcoin; `Some(Some(" BTC"))`: "1,114" bitcoin held).
pub(super) fn adoptable(m: &Metric, figure: &Figure) -> Option<Option<String>> {
    let (want, have) = (m.unit.dimension(), figure.unit().dimension());
    if want == have {
        return Some(None);
    }
    let money = qbrief_model::Dimension::money();
    let count = qbrief_model::Dimension::base("count");
    let symbol = m.unit.symbol();
    // A per-unit amount whose unit is left unsaid is a price ("$61,000" a
    // bitcoin); one in the millions is a total ("$365 million, or $1.05
    // per diluted share" gives no per-share figure of $365M).
    let million = rust_decimal::Decimal::from(1_000_000);
    if have == &money && want.has_money() && figure.value().abs() < million {
        let per = symbol
            .split_once('/')?
            .1
            .trim_start_matches('(')
            .trim_end_matches(')');
        return want
            .div(&money)
            .exponents()
            .all(|(_, e)| e < 0)
            .then(|| Some(format!("/{per}")));
    }
    if have == &count
        && !want.has_money()
        && !want.is_dimensionless()
        && want.exponents().count() == 1
    {
        return want
            .exponents()
            .all(|(_, e)| e == 1)
            .then(|| Some(format!(" {symbol}")));
    }
    None
}

/// Whether a text names a metric by its label or a synonym.
pub(super) fn names_metric(text: &str, m: &Metric) -> bool {
    std::iter::once(m.label.to_ascii_lowercase())
        .chain(m.synonyms.iter().map(|s| s.to_ascii_lowercase()))
        .any(|name| find_word(text, &name).is_some())
}

/// Every metric the text names, with where, longest names first where
/// two overlap; only metrics a figure of `figure`'s unit (or a change) fits.
pub(super) fn metric_mentions<'v>(
    cx: &Context<'v>,
    text: &str,
    figure: &Figure,
    change: Option<Change>,
) -> Vec<(Range<usize>, &'v Metric)> {
    let mut found: Vec<(Range<usize>, &Metric)> = Vec::new();
    for (metric, names) in cx.metrics_with_names() {
        if change.is_none() && adoptable(metric, figure).is_none() {
            continue;
        }
        for name in names {
            for (pos, _) in text.match_indices(name.as_str()) {
                if word_boundary(text, pos, pos + name.len()) {
                    found.push((pos..pos + name.len(), metric.as_ref()));
                }
            }
        }
    }
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<(Range<usize>, &Metric)> = Vec::new();
    for (r, m) in found {
        if out.last().is_none_or(|(last, _)| r.start >= last.end) {
            out.push((r, m));
        }
    }
    out
}
