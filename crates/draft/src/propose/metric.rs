//! Matching a figure to a metric: the taxonomies' labels and synonyms
//! nearest the figure, among the metrics whose unit the figure fits.

use qbrief_model::{Change, Figure, Metric, Vocabulary};

use super::words::{find_word, word_boundary};
use super::Context;

/// The best metric for a figure: of the metrics whose unit fits it, the
/// one whose label or synonym stands nearest before it in the clause (or
/// after it, or in the previous sentence), with a score of 3 (same clause),
/// 2 (sentence), 1 (previous sentence).
pub(super) fn choose_metric<'v>(
    cx: &Context<'v>,
    lower: &str,
    at: usize,
    end: usize,
    figure: &Figure,
    change: Option<Change>,
) -> Option<(&'v Metric, u8)> {
    let fits = |m: &Metric| change.is_some() || adoptable(m, figure).is_some();
    let clause_start = lower[..at].rfind([';', ',']).map_or(0, |p| p + 1);
    let mut best: Option<(i64, &Metric, u8)> = None;
    for (metric, names) in cx
        .vocabulary
        .metrics
        .iter()
        .zip(cx.names)
        .filter(|(m, _)| fits(m))
    {
        for name in names {
            let specificity = name.split_whitespace().count() as i64 * 6 + name.len() as i64 / 4;
            for (pos, _) in lower.match_indices(name.as_str()) {
                if !word_boundary(lower, pos, pos + name.len()) {
                    continue;
                }
                let (distance, score) = if pos + name.len() <= at {
                    let d = (at - pos - name.len()) as i64;
                    (d, if pos >= clause_start { 3 } else { 2 })
                } else if pos >= end {
                    ((pos - end) as i64 * 2 + 10, 2)
                } else {
                    continue;
                };
                let cost = distance - specificity - if score == 3 { 30 } else { 0 };
                if best.as_ref().is_none_or(|(c, _, _)| cost < *c) {
                    best = Some((cost, metric.as_ref(), score));
                }
            }
        }
    }
    if let Some((_, m, s)) = best {
        return Some((m, s));
    }
    // A figure in a unit of its own (TH/s, BTC, sq ft) most likely measures
    // the first metric declared in that unit.
    if change.is_none()
        && !figure.unit().is_money()
        && !figure.unit().is_percent()
        && figure.unit().symbol() != "count"
    {
        if let Some(m) = cx
            .vocabulary
            .metrics
            .iter()
            .find(|m| m.unit.dimension() == figure.unit().dimension())
        {
            return Some((m.as_ref(), 1));
        }
    }
    // Carry the subject of the previous sentence of the same speaker.
    let previous = cx.previous.clone()?;
    let prev = cx.text[previous].to_ascii_lowercase();
    let mut best: Option<(usize, &Metric)> = None;
    for metric in cx.vocabulary.metrics.iter().filter(|m| fits(m)) {
        for name in std::iter::once(metric.label.to_ascii_lowercase())
            .chain(metric.synonyms.iter().map(|s| s.to_ascii_lowercase()))
        {
            if let Some(pos) = prev.rfind(&name) {
                if word_boundary(&prev, pos, pos + name.len())
                    && best.as_ref().is_none_or(|(p, _)| pos + name.len() > *p)
                {
                    best = Some((pos + name.len(), metric.as_ref()));
                }
            }
        }
    }
    best.map(|(_, m)| (m, 1))
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
    if have == &money && want.has_money() {
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

/// Every metric's names, lowercase, with their variants: built once per
/// document, used for every figure.
pub(crate) fn metric_names(vocabulary: &Vocabulary) -> Vec<Vec<String>> {
    vocabulary
        .metrics
        .iter()
        .map(|m| {
            std::iter::once(m.label.as_str())
                .chain(m.synonyms.iter().map(String::as_str))
                .flat_map(variants)
                .filter(|n| n.len() >= 2)
                .collect()
        })
        .collect()
}

/// A name as written, and with its words' plural `s` dropped or its last
/// word made plural: "accounts receivable" also matches "account
/// receivable", "installed hash rate" also "installed hash rates".
pub(super) fn variants(name: &str) -> Vec<String> {
    let name = name.to_ascii_lowercase();
    let singular: Vec<String> = name
        .split(' ')
        .map(|w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    let singular = singular.join(" ");
    let plural = if name.ends_with('s') {
        name.clone()
    } else {
        format!("{name}s")
    };
    let mut out = vec![name];
    for v in [singular, plural] {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Whether a text names a metric by its label or a synonym.
pub(super) fn names_metric(text: &str, m: &Metric) -> bool {
    std::iter::once(m.label.to_ascii_lowercase())
        .chain(m.synonyms.iter().map(|s| s.to_ascii_lowercase()))
        .any(|name| find_word(text, &name).is_some())
}
