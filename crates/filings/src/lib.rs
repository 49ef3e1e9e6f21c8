//! Filings as sources: a filer's SEC XBRL facts (the `companyfacts` JSON
//! that `https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json`
//! returns) read into one filing document per accession, each fact on a
//! metric of the company's taxonomies, its fiscal period, its value with
//! the precision it was filed with, and evidence that names the concept,
//! period and accession so that `verify-sources` can prove it.
//!
//! The crate does no I/O: callers pass the JSON's bytes and write the data
//! files it returns.
//!
//! ```
//! use qbrief_filings::{import, parse_companyfacts};
//! use qbrief_model::{Currency, Vocabulary};
//! let json = br#"{"cik": 1, "entityName": "Example", "facts": {"us-gaap": {
//!   "GrossProfit": {"label": "Gross Profit", "units": {"USD": [
//!     {"start": "2021-01-01", "end": "2021-03-31", "val": 12300000, "accn": "0000000001-21-000001",
//!      "fy": 2021, "fp": "Q1", "form": "10-Q", "filed": "2021-05-01"}]}}}}}"#;
//! let facts = parse_companyfacts("example.json", json).unwrap();
//! let vocabulary = Vocabulary::builtin(&["base"], Currency::USD);
//! let import = import(&facts, &vocabulary, Currency::USD, 12).unwrap();
//! let fact = &import.filings[0].facts[0];
//! assert_eq!((fact.metric.as_str(), fact.period.to_string(), fact.value.as_str()),
//!            ("gross_profit", "2021-Q1".to_string(), "$12.3M"));
//! ```

mod calendar;
mod companyfacts;
mod data_file;
mod error;
mod evidence;
mod import;
mod precision;

pub use calendar::fiscal_period;
pub use companyfacts::{parse_companyfacts, CompanyFacts, Entry};
pub use data_file::data_file_text;
pub use error::FilingError;
pub use evidence::{evidence_text, verify_evidence, Locator};
pub use import::{import, FiledFact, FilingDocument, Import, Unmapped};
pub use precision::{inferred_decimals, value_text, FiledUnit};
