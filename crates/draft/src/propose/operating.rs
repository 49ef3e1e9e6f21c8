//! Earnings per share named "operating": the non-GAAP measure insurers,
//! banks and utilities report ("operating earnings were $1.09 per share"),
//! read as adjusted earnings per share unless the sentence says GAAP.

use qbrief_model::Metric;

use super::context::Context;
use super::names::Tokens;
use super::words::word_boundary;

/// Names of earnings that, per share, are the non-GAAP measure insurers,
/// banks and utilities report: "operating earnings were $1.09 per share",
/// "after-tax operating income of $30.8 million, or $0.85 per diluted
/// share".
const OPERATING_EARNINGS: &[&str] = &["operating earnings", "operating income"];

/// Whether the per-share figure at `at` is named by "operating earnings"
/// or "operating income" with no other metric name between them.
pub(super) fn operating_per_share(
    cx: &Context<'_>,
    lower: &str,
    at: usize,
    chosen: &Metric,
) -> bool {
    let per_share = chosen.unit.dimension().has_money()
        && chosen
            .unit
            .dimension()
            .exponents()
            .any(|(base, power)| base == "share" && power == -1);
    if !per_share {
        return false;
    }
    let before = &lower[..at];
    let Some(end) = OPERATING_EARNINGS
        .iter()
        .filter_map(|name| {
            before
                .match_indices(name)
                .filter(|(p, _)| word_boundary(before, *p, p + name.len()))
                .map(|(p, _)| p + name.len())
                .last()
        })
        .max()
    else {
        return false;
    };
    let between = &before[end..];
    let tokens = Tokens::of(between);
    !cx.names.iter().flatten().any(|name| {
        tokens.may_hold(name)
            && between
                .match_indices(name.as_str())
                .any(|(p, _)| word_boundary(between, p, p + name.len()))
    })
}
