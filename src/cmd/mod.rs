//! One module per subcommand; `run` dispatches and chooses the exit code
//! (0 ok, 1 check failures found, or changes for `diff`, 2 usage or I/O
//! error).

mod check;
mod coverage;
mod coverage_filings;
mod diff;
mod draft;
mod export;
mod import_xbrl;
mod init;
mod metrics;
mod render;
mod render_cached;
mod render_pages;
mod verify_sources;
mod workers;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let quiet = cli.quiet;
    check::set_color(cli.color);
    match cli.command {
        Command::Check {
            data_dir,
            data,
            jobs,
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
        Command::Render(args) => render::run(&args, quiet),
        Command::ImportXbrl {
            file,
            company,
            data,
            sources,
        } => import_xbrl::run(&import_xbrl::Args {
            file: &file,
            company: &company,
            data: &data,
            sources: &sources,
        }),
        Command::Init {
            company,
            data,
            name,
            ticker,
            exchange,
            currency,
            fiscal_year_end,
            taxonomies,
        } => init::run(&init::Args {
            company: &company,
            data: &data,
            name: &name,
            ticker: &ticker,
            exchange: &exchange,
            currency: &currency,
            fiscal_year_end,
            taxonomies: &taxonomies,
        }),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            // Into a buffer first: the generator panics on a closed pipe.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "qbrief", &mut script);
            std::io::Write::write_all(&mut std::io::stdout(), &script)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            std::io::Write::write_all(&mut std::io::stdout(), &page)?;
            Ok(ExitCode::SUCCESS)
        }
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
            documents,
            sources,
            data,
            format,
        } => coverage::run(&documents, &sources, &data, format),
        Command::Metrics { data, company } => metrics::run(&data, company.as_deref()),
        Command::Diff {
            base,
            data,
            company,
            format,
        } => diff::run(&diff::Args {
            base: &base,
            data: &data,
            company: company.as_deref(),
            format,
        }),
    }
}
