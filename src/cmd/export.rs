//! `qbrief export`: every fact as a flat record in the canonical unit.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use qbrief::export::records;
use qbrief::loader;

use crate::cli::ExportFormat;

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
