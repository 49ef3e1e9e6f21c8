//! Export records: every stated fact, and calc's derived and implied
//! numbers, as flat records in canonical units (the rows of `qbrief export`).

use std::collections::HashMap;

use qbrief_calc::{Derived, Filed, Status};
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
    /// For a figure stated in a filing: its form (`10-Q`).
    pub filing_form: String,
    /// Its accession number.
    pub filing_accession: String,
    /// Its filing date.
    pub filing_date: String,
    /// For a stated figure calc can recompute: each outcome with the
    /// formula it was compared with, `; `-separated.
    pub reconciliation: String,
    /// For a figure a call states that the filings also give: each
    /// outcome with the filed figure, `; `-separated.
    pub against_filings: String,
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
            filing_form: String::new(),
            filing_accession: String::new(),
            filing_date: String::new(),
            reconciliation: String::new(),
            against_filings: String::new(),
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
            filing_form: String::new(),
            filing_accession: String::new(),
            filing_date: String::new(),
            reconciliation: String::new(),
            against_filings: String::new(),
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
    let mut records: Vec<(qbrief_model::Period, Record)> = Vec::new();
    for data in dataset.companies.values() {
        let analysis = qbrief_calc::analyze(data);
        let compared = against_filings(&analysis);
        let mut facts: Vec<&Fact> = data.facts.iter().collect();
        facts.sort_by(|a, b| {
            (a.period, a.metric.id(), &a.source, &a.location).cmp(&(
                b.period,
                b.metric.id(),
                &b.source,
                &b.location,
            ))
        });
        for fact in facts {
            let mut r = Record::stated(fact);
            if let Some(filing) = analysis
                .document(&fact.source)
                .and_then(|d| d.filing.as_ref())
            {
                r.filing_form = filing.form.clone();
                r.filing_accession = filing.accession.clone();
                r.filing_date = filing.filed.to_string();
            }
            r.reconciliation = analysis
                .reconciliations_of(fact)
                .map(|rec| {
                    let with = rec
                        .derived
                        .as_ref()
                        .map(|d| {
                            let value = d.value.map(present).unwrap_or_else(|| "n/m".into());
                            format!(" with {value} = {}", d.formula)
                        })
                        .unwrap_or_default();
                    match &rec.status {
                        Status::Consistent => format!("consistent{with}"),
                        Status::Inconsistent { gap } => {
                            format!("inconsistent (gap {}){with}", present(*gap))
                        }
                        Status::Uncheckable { reason } => format!("uncheckable: {reason}"),
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            if let Some(outcomes) = compared.get(&std::ptr::from_ref(fact)) {
                r.against_filings = outcomes.join("; ");
            }
            records.push((fact.period, r));
        }
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

/// The outcomes of each call statement compared with the filings, by the
/// statement's address.
fn against_filings(analysis: &qbrief_calc::Analysis<'_>) -> HashMap<*const Fact, Vec<String>> {
    let mut periods: Vec<_> = analysis.data.documents.iter().map(|d| d.period).collect();
    periods.sort();
    periods.dedup();
    let mut out: HashMap<*const Fact, Vec<String>> = HashMap::new();
    for period in periods {
        for c in analysis.against_filings(period) {
            let filed = match c.filed {
                Filed::Stated(f) => format!("{} filed in {}", f.value_text, f.source),
                Filed::Derived(d) => format!(
                    "{} from the filings: {}",
                    d.value.map(present).unwrap_or_else(|| "n/m".into()),
                    d.formula
                ),
            };
            let outcome = match &c.status {
                Status::Inconsistent { gap } => {
                    format!("inconsistent (gap {}) with {filed}", present(*gap))
                }
                _ => format!("consistent with {filed}"),
            };
            out.entry(std::ptr::from_ref(c.said))
                .or_default()
                .push(outcome);
        }
    }
    out
}
