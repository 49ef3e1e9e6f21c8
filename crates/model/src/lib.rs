//! Typed quarterly facts from what companies say on their earnings calls.
//!
//! The model is the vocabulary the rest of qbrief speaks: fiscal
//! [`Period`]s, quantities typed by [`Dimension`] (so dollars cannot be
//! added to terahash), stated [`Figure`]s that keep their precision and
//! qualifier, the [`Metric`] registry, and [`Fact`]s that carry their source
//! document, speaker and verbatim evidence. Data files are parsed from text
//! into a [`Dataset`] with every problem reported as a located
//! [`Diagnostic`]; this crate does no file I/O of its own.
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

mod company;
mod dataset;
mod diagnostic;
mod fact;
mod figure;
mod metric;
mod period;
mod quantity;
mod source_file;
mod value;
mod verify;

pub use company::{Company, CompanyId};
pub use dataset::{normalize_phrase, CompanyData, Conflict, DataFile, Dataset};
pub use diagnostic::{invalid_utf8, Diagnostic, DiagnosticKind, Excerpt, Severity, SourceText};
pub use fact::{word_count, Document, DocumentKind, Fact, Location, Speaker, MAX_EVIDENCE_WORDS};
pub use figure::{half_unit, Figure, Interval, Qualifier};
pub use metric::{
    all as all_metrics, closest, lookup as lookup_metric, Change, Metric, MetricKey, MetricKind,
    Section, SignConvention, CORE_METRICS, PER_SUBJECT_METRICS,
};
pub use period::{Period, PeriodError, PeriodSpan};
pub use quantity::{
    Bitcoin, Count, Currency, CurrencyMismatch, Dimension, Efficiency, EnergyPrice, HashPrice,
    HashRate, Money, Percent, Power, Unit,
};
pub use value::{parse_value, ValueError};
pub use verify::{check_evidence, normalize_text, EvidenceProblem};
