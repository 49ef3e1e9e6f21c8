//! From TOML text to the model: the data files (`company.toml`, one file per
//! source document) and the taxonomy files, read with every problem kept as
//! a located [`Diagnostic`](crate::Diagnostic).

mod axis_decl;
mod company_file;
mod compare_decl;
mod document_file;
mod facts;
mod header;
mod span;
mod speakers;
mod taxonomy_file;
mod toml_cx;
mod toml_plain;
mod toml_tree;

pub(crate) use axis_decl::MemberDecl;
pub(crate) use company_file::parse_company;
pub(crate) use document_file::parse_document;
pub(crate) use span::{inner_span, Spanned};
pub(crate) use taxonomy_file::MetricDecl;
pub use taxonomy_file::{parse_taxonomy, TaxonomyFile};
