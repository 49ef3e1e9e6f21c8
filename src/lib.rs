//! qbrief as a library: load a data folder of sourced facts (with every
//! problem located), analyze a company, render its briefs to strings and
//! export its records; the `qbrief` command is a thin client of this crate.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let loaded = qbrief::load("data")?;
//! assert!(!loaded.has_errors());
//! let canaan = loaded.company("canaan").expect("bundled");
//! let analysis = qbrief::analyze(canaan);
//! let period = "2024-Q3".parse()?;
//! let revenue = analysis.stated("revenue", period).expect("stated");
//! assert_eq!(revenue.fact.value_text, "$73.6M");
//! let brief = qbrief::render_brief(&analysis, period)?;
//! assert!(brief.contains("# Canaan Inc. (NASDAQ: CAN): 2024-Q3 brief"));
//! # Ok(())
//! # }
//! ```
//!
//! The crates it is made of are re-exported: [`model`] (facts, taxonomies,
//! units), [`calc`] (resolution, derived and implied numbers,
//! reconciliation), [`report`] (briefs, templates) and [`draft`] (drafting
//! and coverage of transcripts).

#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::path::Path;

pub mod diff;
pub mod export;
pub mod loader;
pub mod render_cache;
pub mod revision;
pub mod sources;

pub use qbrief_calc as calc;
pub use qbrief_draft as draft;
pub use qbrief_model as model;
pub use qbrief_report as report;

pub use loader::LoadError;

use qbrief_calc::Analysis;
use qbrief_model::{CompanyData, Dataset, Diagnostic, Period};
use qbrief_report::{Renderer, ReportError};

/// A loaded data folder: its companies, and every problem found in it.
#[derive(Debug)]
pub struct Loaded {
    /// The companies, their documents, facts and vocabularies.
    pub dataset: Dataset,
    /// Every finding, located (`file:line:column`), errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// A company by id.
    pub fn company(&self, id: &str) -> Option<&CompanyData> {
        self.dataset
            .companies
            .values()
            .find(|c| c.company.id.as_str() == id)
    }
}

/// Loads every company of a data folder (`DIR/<company>/*.toml`, shared
/// taxonomies in `DIR/taxonomies/`). A folder that cannot be read is an
/// error; problems of its files are findings in [`Loaded::diagnostics`].
pub fn load(dir: impl AsRef<Path>) -> Result<Loaded, LoadError> {
    let (dataset, diagnostics) = loader::load(dir.as_ref())?;
    Ok(Loaded {
        dataset,
        diagnostics,
    })
}

/// Analyzes one company: resolved values, guidance, implied and derived
/// numbers, reconciliations.
pub fn analyze(data: &CompanyData) -> Analysis<'_> {
    qbrief_calc::analyze(data)
}

/// The Markdown brief of one quarter, with the embedded templates.
pub fn render_brief(analysis: &Analysis<'_>, period: Period) -> Result<String, ReportError> {
    Renderer::new().brief(analysis, period)
}

/// The Markdown company page (trend table and charts) of every quarter
/// with data, linking to briefs named `<quarter>.md`.
pub fn render_company_page(analysis: &Analysis<'_>) -> Result<String, ReportError> {
    let quarters: Vec<Period> = analysis
        .data
        .periods()
        .into_iter()
        .filter(Period::is_quarter)
        .collect();
    Renderer::new().company_page(analysis, &quarters, "md")
}

/// Every stated fact and computed number of a dataset as export records,
/// in a deterministic order.
pub fn export(dataset: &Dataset) -> Vec<export::Record> {
    export::records(dataset)
}
