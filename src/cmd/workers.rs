//! Running work over companies: one company at a time per thread (rayon),
//! results kept in company order so that output is the same bytes whatever
//! the number of threads, and a progress bar on a terminal.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// Runs `work` for every company folder on `jobs` threads (all cores when
/// `None`); returns the results in folder order.
pub fn each_company<T, F>(
    companies: &[PathBuf],
    jobs: Option<usize>,
    quiet: bool,
    work: F,
) -> Result<Vec<T>>
where
    T: Send,
    F: Fn(&PathBuf) -> T + Sync,
{
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        builder = builder.num_threads(n.max(1));
    }
    let pool = builder.build().context("cannot start worker threads")?;
    let progress = progress(companies.len(), quiet);
    let results = pool.install(|| {
        companies
            .par_iter()
            .map(|folder| {
                let result = work(folder);
                progress.inc(1);
                result
            })
            .collect()
    });
    progress.finish_and_clear();
    Ok(results)
}

/// A progress bar on stderr when it is a terminal and there is enough work
/// to watch; hidden otherwise.
fn progress(total: usize, quiet: bool) -> ProgressBar {
    if quiet || total < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} companies {elapsed}") {
        bar.set_style(style);
    }
    bar
}
