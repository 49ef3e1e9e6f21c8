//! `qbrief`: typed, sourced quarterly facts from earnings calls, derived
//! metrics and Markdown briefs.

mod cli;
mod cmd;
mod loader;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("qbrief: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
