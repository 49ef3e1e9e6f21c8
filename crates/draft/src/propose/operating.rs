//! Earnings per share named "operating": the non-GAAP measure insurers,
//! banks and utilities report ("operating earnings were $1.09 per share"),
//! read as adjusted earnings per share unless the sentence says GAAP.

use qbrief_model::Metric;

use super::context::Context;
use super::names::names_a_metric;
use super::words::last_word_end;

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
    last_word_end(before, OPERATING_EARNINGS).is_some_and(|end| !names_a_metric(cx, &before[end..]))
}
