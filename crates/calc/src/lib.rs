//! Derived metrics over qbrief facts: what analysts compute by hand, with
//! honest growth and precision-aware checks of the company's own arithmetic.
//!
//! [`analyze`] takes one company's facts and returns an [`Analysis`]:
//! resolved values (one per metric and period, with the rule that chose it
//! when statements conflict), implied values back-solved from stated
//! changes, the derived table of every period (margins, ASP, revenue per
//! bitcoin, holdings, growth as typed [`ChangeKind`]s, sums, guidance beat or
//! miss), and the reconciliation of every stated figure calc can recompute.
//! Every derived number carries its formula, inputs and an interval computed
//! from the inputs' stated precision. Pure functions: no I/O, no panics.
//!
//! ```
//! use qbrief_calc::{analyze, ChangeKind};
//! # use qbrief_model::{DataFile, Dataset};
//! # let company = "id = \"acme\"\nname = \"Acme\"\nticker = \"ACM\"\nexchange = \"NASDAQ\"\ncurrency = \"USD\"\nfiscal_year_end_month = 12\n";
//! # let call = "[document]\nid = \"call\"\nkind = \"earnings-call\"\ntitle = \"t\"\nperiod = \"2023-Q2\"\nfile = \"f.txt\"\n[[speaker]]\nname = \"Jo\"\nrole = \"CFO\"\n\
//! # [[fact]]\nmetric = \"revenue\"\nvalue = \"$73.9M\"\nspeaker = \"Jo\"\nevidence = \"$73.9 million\"\n\
//! # [[fact]]\nmetric = \"revenue\"\nperiod = \"2023-Q1\"\nvalue = \"$55.2M\"\nspeaker = \"Jo\"\nevidence = \"$55.2 million\"\n\
//! # [[fact]]\nmetric = \"revenue.qoq\"\nvalue = \"+33.7%\"\nspeaker = \"Jo\"\nevidence = \"up 33.7%\"\n";
//! # let file = |stem: &str, text: &str| DataFile { path: format!("data/acme/{stem}.toml"), folder: "acme".into(), stem: stem.into(), bytes: text.as_bytes().to_vec() };
//! # let (dataset, findings) = Dataset::load(&[file("company", company), file("call", call)]);
//! # assert!(findings.is_empty(), "{findings:?}");
//! let data = dataset.companies.values().next().unwrap();
//! let analysis = analyze(data);
//! let growth = analysis.derived("revenue.qoq", "2023-Q2".parse().unwrap()).unwrap();
//! assert_eq!(growth.change, Some(ChangeKind::Growth));
//! assert_eq!(growth.value.unwrap().round_dp(1).to_string(), "33.9");
//! // "33.7%" as stated agrees with $73.9M over $55.2M once rounding is allowed for.
//! assert!(analysis.reconciliations.iter().all(|r| r.status.name() == "consistent"));
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod against_filings;
mod analysis;
mod analyze;
mod bounds;
mod builtin;
mod change;
mod derived;
mod evaluate;
mod guidance;
mod index;
mod reconcile;
mod reconciliation;
mod resolve;
mod scope;
mod series_map;
#[cfg(test)]
mod test_data;
mod year_to_date;

pub use against_filings::{AgainstFiling, Filed};
pub use analysis::{Analysis, Guided, Level, SeriesKey};
pub use analyze::{analyze, analyze_with};
pub use change::{
    implied_current, implied_prior, point_change, relative_change, Change, ChangeKind, Flag,
};
pub use derived::{Derived, Input, InputSource, Origin};
pub use reconciliation::{Reconciliation, Status};
pub use resolve::{resolve, Resolved, Rule};
pub use scope::Scope;
