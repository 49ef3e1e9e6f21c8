//! Export records: every stated fact, and calc's derived and implied
//! numbers, as flat records in canonical units (the rows of `qbrief export`).

use qbrief_calc::Derived;
use qbrief_model::{dims_text, Dataset, Fact};
use serde::Serialize;

/// One exported record. Field order is the CSV column order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The company id.
    pub company: String,
    /// The period, `2024-Q3`.
    pub period: String,
    /// The metric id, with `.qoq`/`.yoy` for a change, `.ttm` for a trailing sum.
    pub metric: String,
    /// Axis members, `region=middle-east`; empty for the company total.
    pub dims: String,
    /// The subject of a per-subject metric.
    pub subject: String,
    /// The measurement date when not the period end.
    pub as_of: String,
    /// Whether the figure is guidance.
    pub guidance: bool,
    /// The value in the canonical unit (a decimal string).
    pub value: String,
    /// The canonical unit (`USD`, `%`, `USD/share`, `TH/s`...).
    pub unit: String,
    /// `stated`, `derived` or `implied`.
    pub origin: &'static str,
    /// How it was stated (`exact`, `about`...), or a change's kind.
    pub qualifier: String,
    /// Stated precision, XBRL-style (for a range, its coarser end's: the
    /// interval keeps each end's own); none for computed values.
    pub decimals: Option<i32>,
    /// Low end of the interval of true values.
    pub interval_low: Option<String>,
    /// High end of the interval of true values.
    pub interval_high: Option<String>,
    /// How a computed value was computed.
    pub formula: String,
    /// The inputs of a computed value.
    pub inputs: String,
    /// What makes a computed value other than plain.
    pub flags: String,
    /// The source document id.
    pub source: String,
    /// Who said it.
    pub speaker: String,
    /// The verbatim evidence phrase.
    pub evidence: String,
    /// The figure as written, when reinterpreted.
    pub as_written: String,
    /// What a reader must know.
    pub note: String,
}

impl Record {
    /// A stated fact.
    pub fn stated(fact: &Fact) -> Record {
        let interval = fact.figure.interval();
        Record {
            company: fact.company.to_string(),
            period: fact.period.to_string(),
            metric: fact.metric.id(),
            dims: dims_text(&fact.dims),
            subject: fact.subject.clone().unwrap_or_default(),
            as_of: fact.as_of.map(|d| d.to_string()).unwrap_or_default(),
            guidance: fact.guidance,
            value: fact.figure.value().normalize().to_string(),
            unit: fact.figure.unit().symbol().to_string(),
            origin: "stated",
            qualifier: fact.figure.qualifier().name().to_string(),
            decimals: Some(fact.figure.decimals()),
            interval_low: interval.low.map(|d| d.normalize().to_string()),
            interval_high: interval.high.map(|d| d.normalize().to_string()),
            formula: String::new(),
            inputs: String::new(),
            flags: String::new(),
            source: fact.source.clone(),
            speaker: fact
                .speaker
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            evidence: fact.evidence.clone(),
            as_written: fact.as_written.clone().unwrap_or_default(),
            note: fact.note.clone().unwrap_or_default(),
        }
    }

    /// A derived or implied number of calc.
    pub fn derived(company: &str, d: &Derived) -> Record {
        let flags: Vec<&str> = d.flags.iter().map(|f| f.name()).collect();
        let inputs: Vec<String> = d.inputs.iter().map(|i| i.describe()).collect();
        Record {
            company: company.to_string(),
            period: d.period.to_string(),
            metric: d.metric.clone(),
            dims: dims_text(&d.dims),
            subject: String::new(),
            as_of: String::new(),
            guidance: false,
            value: d.value.map(present).unwrap_or_default(),
            unit: d.unit.symbol().to_string(),
            origin: d.origin.name(),
            qualifier: d
                .change
                .map(|c| c.phrase().replace(' ', "_"))
                .unwrap_or_default(),
            decimals: None,
            interval_low: d.interval.low.map(present),
            interval_high: d.interval.high.map(present),
            formula: d.formula.clone(),
            inputs: inputs.join("; "),
            flags: flags.join(" "),
            source: String::new(),
            speaker: String::new(),
            evidence: String::new(),
            as_written: String::new(),
            note: String::new(),
        }
    }
}

/// Computed values are presented to 6 decimal places: exact enough to
/// recompute any figure, without the 28 digits of a repeating fraction.
fn present(value: rust_decimal::Decimal) -> String {
    value.round_dp(6).normalize().to_string()
}

/// Every record of the dataset in a deterministic order: per company and
/// period, stated facts, then calc's derived and implied numbers.
pub fn records(dataset: &Dataset) -> Vec<Record> {
    let mut facts: Vec<&Fact> = dataset.facts().collect();
    facts.sort_by(|a, b| {
        (&a.company, a.period, a.metric.id(), &a.source, &a.location).cmp(&(
            &b.company,
            b.period,
            b.metric.id(),
            &b.source,
            &b.location,
        ))
    });
    let mut records: Vec<(qbrief_model::Period, Record)> = facts
        .into_iter()
        .map(|f| (f.period, Record::stated(f)))
        .collect();
    for data in dataset.companies.values() {
        let analysis = qbrief_calc::analyze(data);
        let company = data.company.id.as_str();
        let computed = analysis.implied.values().chain(analysis.derived.iter());
        records.extend(computed.map(|d| (d.period, Record::derived(company, d))));
    }
    // A stable sort keeps the stated facts' source order within a metric.
    records.sort_by(|(pa, a), (pb, b)| {
        (&a.company, pa, a.origin, &a.metric).cmp(&(&b.company, pb, b.origin, &b.metric))
    });
    records.into_iter().map(|(_, r)| r).collect()
}
