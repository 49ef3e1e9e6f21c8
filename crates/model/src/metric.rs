//! Metrics as taxonomies define them: id, label, unit, whether the metric is
//! a flow, a balance or a rate, its sign convention and its brief section.
//! The Rust code knows what a metric is; the taxonomy files know which
//! metrics exist.

use std::fmt;
use std::sync::Arc;

use crate::unit::{Dimension, Unit};

/// How a metric behaves over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Accumulates over the period (revenue): quarters sum to halves and years.
    Flow,
    /// Measured at the period's end (cash, holdings).
    Balance,
    /// Neither: ratios, margins, averages and prices, which do not add up.
    Rate,
}

impl MetricKind {
    /// Every kind with its taxonomy name.
    pub const NAMES: &'static [(&'static str, MetricKind)] = &[
        ("flow", MetricKind::Flow),
        ("balance", MetricKind::Balance),
        ("rate", MetricKind::Rate),
    ];

    /// The taxonomy name.
    pub fn name(&self) -> &'static str {
        match self {
            MetricKind::Flow => "flow",
            MetricKind::Balance => "balance",
            MetricKind::Rate => "rate",
        }
    }
}

/// The sign convention of a metric, as in XBRL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignConvention {
    /// Never negative: revenue, expenses (stated as positive amounts), counts.
    NonNegative,
    /// An income-type metric: a loss is a negative value.
    Signed,
}

impl SignConvention {
    /// Every convention with its taxonomy name.
    pub const NAMES: &'static [(&'static str, SignConvention)] = &[
        ("non-negative", SignConvention::NonNegative),
        ("signed", SignConvention::Signed),
    ];

    /// The taxonomy name.
    pub fn name(&self) -> &'static str {
        match self {
            SignConvention::NonNegative => "non-negative",
            SignConvention::Signed => "signed",
        }
    }
}

/// One metric of a taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Metric {
    /// The snake_case id used in data files.
    pub id: String,
    /// A short label for briefs.
    pub label: String,
    /// The unit as the taxonomy writes it (`money/(TH/s)`).
    pub unit_text: String,
    /// The canonical unit of its values, in the company's currency.
    #[serde(serialize_with = "serialize_unit")]
    pub unit: Unit,
    /// Flow, balance or rate.
    pub kind: MetricKind,
    /// Sign convention.
    pub sign: SignConvention,
    /// The id of the brief section it belongs to.
    pub section: String,
    /// How calls say it, for drafting.
    pub synonyms: Vec<String>,
    /// Whether every fact must name its subject (a product, customer or
    /// project); statements about different subjects never conflict.
    pub per_subject: bool,
    /// The XBRL concepts that state it in filings (`us-gaap:GrossProfit`),
    /// for importing a filer's facts; a concept states one metric.
    pub xbrl: Vec<String>,
    /// The taxonomy that defines it.
    pub taxonomy: String,
}

fn serialize_unit<S: serde::Serializer>(unit: &Unit, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(unit.symbol())
}

impl Metric {
    /// The dimension every value of this metric has.
    pub fn dimension(&self) -> &Dimension {
        self.unit.dimension()
    }

    /// Whether quarters of this metric add up to halves and years.
    pub fn additive(&self) -> bool {
        self.kind == MetricKind::Flow && !self.per_subject && !self.unit.is_percent()
    }
}

/// A stated change of a metric between two periods, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Against the previous quarter.
    Qoq,
    /// Against the same period a year earlier.
    Yoy,
}

impl Change {
    /// The id suffix, `qoq` or `yoy`.
    pub fn suffix(&self) -> &'static str {
        match self {
            Change::Qoq => "qoq",
            Change::Yoy => "yoy",
        }
    }
}

/// What a fact is about: a metric, or a stated change of one (`revenue.yoy`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MetricKey {
    /// The metric.
    pub metric: Arc<Metric>,
    /// `Some` for a stated change, which is always in percent (percentage
    /// points for a percent metric).
    pub change: Option<Change>,
}

impl MetricKey {
    /// The key of a level (no change).
    pub fn level(metric: Arc<Metric>) -> MetricKey {
        MetricKey {
            metric,
            change: None,
        }
    }

    /// The unit of values of this key: percent for a change.
    pub fn unit(&self) -> Unit {
        match self.change {
            Some(_) => Unit::percent(),
            None => self.metric.unit.clone(),
        }
    }

    /// Sign convention of values of this key: a change may be negative.
    pub fn sign(&self) -> SignConvention {
        match self.change {
            Some(_) => SignConvention::Signed,
            None => self.metric.sign,
        }
    }

    /// The id as written in data files.
    pub fn id(&self) -> String {
        // Built directly: every stated input of a derived number asks for it.
        match self.change {
            None => self.metric.id.clone(),
            Some(c) => [self.metric.id.as_str(), ".", c.suffix()].concat(),
        }
    }

    /// Splits `revenue.yoy` into `("revenue", Some(Yoy))`; `Err` carries a
    /// did-you-mean suggestion for a misspelt suffix.
    pub fn split(id: &str) -> Result<(&str, Option<Change>), Option<String>> {
        match id.rsplit_once('.') {
            Some((base, "qoq")) => Ok((base, Some(Change::Qoq))),
            Some((base, "yoy")) => Ok((base, Some(Change::Yoy))),
            Some((base, other)) => {
                Err(closest(other, &["qoq", "yoy"]).map(|s| format!("{base}.{s}")))
            }
            None => Ok((id, None)),
        }
    }
}

impl fmt::Display for MetricKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.change {
            Some(c) => write!(f, "{}.{}", self.metric.id, c.suffix()),
            None => f.write_str(&self.metric.id),
        }
    }
}

impl PartialOrd for MetricKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for MetricKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (&self.metric.id, self.change).cmp(&(&other.metric.id, other.change))
    }
}

/// The closest candidate by edit distance, if close enough to be a typo.
///
/// ```
/// use qbrief_model::closest;
/// assert_eq!(closest("revenu", &["revenue", "cash"]), Some("revenue"));
/// assert_eq!(closest("zzzz", &["revenue"]), None);
/// ```
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keys_and_suggestions() {
        assert_eq!(
            MetricKey::split("revenue.yoy"),
            Ok(("revenue", Some(Change::Yoy)))
        );
        assert_eq!(MetricKey::split("revenue"), Ok(("revenue", None)));
        assert_eq!(
            MetricKey::split("revenue.yoyy"),
            Err(Some("revenue.yoy".into()))
        );
        assert_eq!(MetricKey::split("revenue.zzzzzz"), Err(None));
    }
}
