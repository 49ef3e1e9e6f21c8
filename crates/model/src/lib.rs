//! Typed quarterly facts from what companies say on their earnings calls.
//!
//! The model knows what a metric, a unit, an axis and a formula are; the
//! taxonomy files know which ones exist. A company's [`Vocabulary`] merges
//! the taxonomies it uses (the built-in `base` and industry taxonomies
//! such as `reit` or `bank`, a data folder's own, and the company's
//! extension), checked as strictly as facts:
//! units with [`Dimension`]s, [`Metric`]s, axes, derived [`Formula`]s whose
//! dimension is checked at load time, sections and the brief layout.
//! Stated [`Figure`]s keep their precision and qualifier, and [`Fact`]s
//! carry their source document, speaker and verbatim evidence. Data files
//! are parsed from text into a [`Dataset`] with every problem reported as a
//! located [`Diagnostic`]; this crate does no file I/O of its own.
//!
//! ```
//! use qbrief_model::{DataFile, Dataset};
//! let company = "id = \"acme\"\nname = \"Acme\"\nticker = \"ACM\"\nexchange = \"NASDAQ\"\ncurrency = \"USD\"\nfiscal_year_end_month = 12\n";
//! let call = r#"
//! [document]
//! id = "2024-q3-call"
//! kind = "earnings-call"
//! title = "Acme Q3 2024 call"
//! period = "2024-Q3"
//! file = "call.txt"
//!
//! [[speaker]]
//! name = "Jo Doe"
//! role = "CFO"
//!
//! [[fact]]
//! metric = "revenue"
//! value = "$73.6M"
//! speaker = "Jo Doe"
//! evidence = "total revenues reached $73.6 million"
//! "#;
//! let file = |stem: &str, text: &str| DataFile {
//!     path: format!("data/acme/{stem}.toml"),
//!     folder: "acme".into(),
//!     stem: stem.into(),
//!     bytes: text.as_bytes().to_vec(),
//! };
//! let (dataset, findings) = Dataset::load(&[file("company", company), file("2024-q3-call", call)]);
//! assert!(findings.is_empty());
//! let fact = dataset.facts().next().unwrap();
//! assert_eq!(fact.figure.value().to_string(), "73600000");
//! assert_eq!(fact.figure.decimals(), -5);
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod axis;
mod company;
mod company_data;
mod compare;
mod conflict;
mod dataset;
mod diagnostic;
mod fact;
mod figure;
mod formula;
mod metric;
mod parse;
mod period;
mod quantity;
mod sort;
mod suggest;
mod taxonomy;
mod unit;
mod value;
mod verify;

pub use axis::{default_member_label, Axis, Member};
pub use company::{Company, CompanyId};
pub use company_data::CompanyData;
pub use compare::Compared;
pub use conflict::{normalize_phrase, Conflict};
pub use dataset::{DataFile, Dataset};
pub use diagnostic::{invalid_utf8, Diagnostic, DiagnosticKind, Excerpt, Severity, SourceText};
pub use fact::{
    dims_text, word_count, AsOf, Dims, Document, DocumentKind, Fact, Filing, Ignored, Location,
    Speaker, MAX_EVIDENCE_WORDS,
};
pub use figure::{agreement_counts, all_agree, half_unit, Figure, Interval, Qualifier};
pub use formula::{parse_formula, Expr, Formula, FormulaError, Op, Shift};
pub use metric::{closest, Change, Metric, MetricKey, MetricKind, SignConvention};
pub use parse::{parse_taxonomy, TaxonomyFile};
pub use period::{Period, PeriodError, PeriodSpan};
pub use quantity::{Amount, Currency, CurrencyMismatch, Money, Per, Quantity};
pub use sort::stable_sort_by;
pub use suggest::{builtin_home, BuiltinHome};
pub use taxonomy::{
    builtin_taxonomies, resolve_chain, Brief, ChainError, DerivedDef, Section, Vocabulary,
    BUILTIN_TAXONOMIES,
};
pub use unit::{Dimension, Unit, UnitDef, UnitTable};
pub use value::{parse_value, ValueError};
pub use verify::{check_evidence, normalize_text, EvidenceProblem};
