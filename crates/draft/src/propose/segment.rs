//! A metric of a part of the business: when the vocabulary declares a
//! metric for a segment or product line beside a total
//! (`mining_solutions_revenue` beside `revenue`, its label "Mining
//! solutions revenue"), a sentence that names the part ("mining solutions
//! contributed $4.6 million in revenue") gives the figure the part's
//! metric, not the total's.

use qbrief_model::Metric;

use super::context::Context;
use super::words::word_boundary;

/// Prefixes that make a flavour of a metric, read by `flavour.rs`, not a
/// part of the business.
const FLAVOURS: [&str; 6] = [
    "adjusted_",
    "core_",
    "organic_",
    "constant_currency_",
    "underlying_",
    "comparable_",
];

/// The metric of the part of the business the sentence `lower` names,
/// when `chosen` is the total of such parts; else `chosen`.
pub(super) fn segmented<'v>(cx: &Context<'v>, lower: &str, chosen: &'v Metric) -> &'v Metric {
    let suffix = format!("_{}", chosen.id);
    let parent_words: Vec<String> = words(&chosen.label);
    let totals: &[String] = cx
        .metrics_with_names()
        .find(|(m, _)| m.id == chosen.id)
        .map_or(&[], |(_, names)| names.as_slice());
    let mut best: Option<(usize, &Metric)> = None;
    for (m, _) in cx.metrics_with_names() {
        let Some(prefix) = m.id.strip_suffix(suffix.as_str()) else {
            continue;
        };
        if FLAVOURS.iter().any(|f| m.id.starts_with(f))
            || m.unit.dimension() != chosen.unit.dimension()
            || prefix.is_empty()
        {
            continue;
        }
        // The label without the total's words names the part: "Mining
        // solutions revenue" less "revenue".
        let part: Vec<String> = words(&m.label)
            .into_iter()
            .filter(|w| !parent_words.contains(w))
            .collect();
        if part.is_empty() {
            continue;
        }
        let part = part.join(" ");
        // "AI product revenue" in full is the part's own name: had it been
        // this figure's, the name would have chosen it; it is another's.
        let named = lower.match_indices(part.as_str()).any(|(pos, _)| {
            let rest = lower[pos + part.len()..].trim_start();
            word_boundary(lower, pos, pos + part.len())
                && !totals.iter().any(|t| rest.starts_with(t.as_str()))
        });
        if named && best.is_none_or(|(len, _)| part.len() > len) {
            best = Some((part.len(), m.as_ref()));
        }
    }
    best.map_or(chosen, |(_, m)| m)
}

/// The lowercase words of a label, without parentheses.
fn words(label: &str) -> Vec<String> {
    label
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::draft;
    use qbrief_model::{Currency, Vocabulary};

    fn metrics(sentence: &str) -> Vec<String> {
        let vocabulary = Vocabulary::builtin(&["bitcoin-mining"], Currency::USD);
        draft(sentence, "2024-Q3".parse().unwrap(), 12, &vocabulary, &[])
            .candidates
            .into_iter()
            .map(|c| c.metric.unwrap_or_else(|| "?".into()))
            .collect()
    }

    #[test]
    fn a_sentence_that_names_the_part_gives_the_parts_metric() {
        // bitcoin-mining declares `mining_revenue` ("Mining revenue") beside
        // `revenue`.
        assert_eq!(
            metrics("Our mining business grew, contributing revenue of $8 million."),
            ["mining_revenue"]
        );
        assert_eq!(metrics("Revenue was $8 million."), ["revenue"]);
    }

    #[test]
    fn the_parts_full_name_belongs_to_another_figure() {
        assert_eq!(
            metrics("Total revenue was $9 million and mining revenue was $2 million."),
            ["revenue", "mining_revenue"]
        );
    }
}
