//! One module per subcommand; `run` dispatches and chooses the exit code
//! (0 ok, 1 check failures found, 2 usage or I/O error).

mod check;
mod coverage;
mod draft;
mod export;
mod metrics;
mod render;
mod verify_sources;
mod workers;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check {
            data_dir,
            data,
            jobs,
            quiet,
            format,
            verbose,
        } => check::run(&check::Args {
            data: data.as_deref().unwrap_or(&data_dir),
            format,
            verbose,
            jobs,
            quiet,
        }),
        Command::Export { data, format } => export::run(&data, format),
        Command::VerifySources {
            sources,
            data,
            coverage,
        } => verify_sources::run(&sources, &data, coverage),
        Command::Render(args) => render::run(&args),
        Command::Draft {
            document,
            company,
            period,
            data,
            format,
            out,
            all,
        } => draft::run(&draft::Args {
            document: &document,
            company: &company,
            period: &period,
            data: &data,
            format,
            out: out.as_deref(),
            all,
        }),
        Command::Coverage {
            document,
            data,
            format,
        } => coverage::run(&document, &data, format),
        Command::Metrics { data, company } => metrics::run(&data, company.as_deref()),
    }
}
