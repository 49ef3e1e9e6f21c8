//! `qbrief export`: every fact as a flat record in the canonical unit.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use qbrief_model::{Dataset, Fact};
use serde::Serialize;

use crate::cli::ExportFormat;
use crate::loader;

/// One exported record. Field order is the CSV column order.
#[derive(Debug, Serialize)]
pub struct Record {
    pub company: String,
    pub period: String,
    pub metric: String,
    pub value: String,
    pub unit: String,
    pub origin: &'static str,
    pub qualifier: String,
    pub decimals: Option<i32>,
    pub interval_low: Option<String>,
    pub interval_high: Option<String>,
    pub source: String,
    pub speaker: String,
    pub evidence: String,
    pub as_written: String,
    pub note: String,
}

impl Record {
    pub fn stated(fact: &Fact) -> Record {
        let interval = fact.figure.interval();
        Record {
            company: fact.company.to_string(),
            period: fact.period.to_string(),
            metric: fact.metric.id(),
            value: fact.figure.value().normalize().to_string(),
            unit: fact.figure.unit().symbol(),
            origin: "stated",
            qualifier: fact.figure.qualifier().name().to_string(),
            decimals: Some(fact.figure.decimals()),
            interval_low: interval.low.map(|d| d.normalize().to_string()),
            interval_high: interval.high.map(|d| d.normalize().to_string()),
            source: fact.source.clone(),
            speaker: fact.speaker.name.clone(),
            evidence: fact.evidence.clone(),
            as_written: fact.as_written.clone().unwrap_or_default(),
            note: fact.note.clone().unwrap_or_default(),
        }
    }
}

/// Every record of the dataset in a deterministic order.
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
    facts.into_iter().map(Record::stated).collect()
}

pub fn run(data: &Path, format: ExportFormat) -> Result<ExitCode> {
    let (dataset, diagnostics) = loader::load(data)?;
    if diagnostics.iter().any(|d| d.is_error()) {
        super::check::print(&diagnostics, crate::cli::CheckFormat::Text)?;
        anyhow::bail!("the data has errors; fix them (see `qbrief check`) before exporting");
    }
    let records = records(&dataset);
    let mut out = std::io::stdout().lock();
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &records)?;
            writeln!(out)?;
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            for r in &records {
                writer.serialize(r)?;
            }
            writer.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
