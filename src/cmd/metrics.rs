//! `qbrief metrics`: the metric registry as a table.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use qbrief_model::{all_metrics, MetricKind, SignConvention};

pub fn run() -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<42} {:<20} {:<8} {:<8} label",
        "id", "dimension", "kind", "sign"
    )?;
    for m in all_metrics() {
        let kind = match m.kind {
            MetricKind::Flow => "flow",
            MetricKind::Balance => "balance",
        };
        let sign = match m.sign {
            SignConvention::Signed => "signed",
            SignConvention::NonNegative => ">= 0",
        };
        writeln!(
            out,
            "{:<42} {:<20} {:<8} {:<8} {}",
            m.id,
            m.dimension.name(),
            kind,
            sign,
            m.label
        )?;
    }
    writeln!(
        out,
        "\nA stated change is written <id>.qoq or <id>.yoy, in percent."
    )?;
    Ok(ExitCode::SUCCESS)
}
