//! Reading a company's `company.toml`: its id (which must be its folder's
//! name), name, ticker, exchange, currency, fiscal year end and taxonomies.

use super::toml_cx::{root_span, Cx, Required};
use crate::company::{Company, CompanyId};
use crate::diagnostic::{Diagnostic, DiagnosticKind as K, SourceText};
use crate::quantity::Currency;

const COMPANY_KEYS: &[&str] = &[
    "id",
    "name",
    "ticker",
    "exchange",
    "currency",
    "fiscal_year_end_month",
    "taxonomies",
];

/// Parses a `company.toml`. `folder` is the company folder's name, which
/// must equal the id.
pub fn parse_company(file: &str, text: &str, folder: &str) -> (Option<Company>, Vec<Diagnostic>) {
    let source = SourceText::new(file, text);
    let mut cx = Cx::new(&source, None);
    let Some(doc) = cx.parse_toml() else {
        return (None, cx.diagnostics);
    };
    let root = doc.get_ref();
    cx.unknown_keys(root, COMPANY_KEYS, "company.toml");
    let id = cx.string(root, "id", Required::Yes, root_span());
    let name = cx.string(root, "name", Required::Yes, root_span());
    let ticker = cx.string(root, "ticker", Required::Yes, root_span());
    let exchange = cx.string(root, "exchange", Required::Yes, root_span());
    let currency = cx.string(root, "currency", Required::Yes, root_span());
    let month = cx.integer(root, "fiscal_year_end_month", root_span());
    let taxonomies = cx
        .string_list(root, "taxonomies")
        .map(|list| list.into_iter().map(|(t, _)| t).collect())
        .unwrap_or_else(|| vec!["base".to_string()]);

    let id = id.and_then(|(id, span)| match CompanyId::new(&id) {
        Ok(company) if company.as_str() == folder => Some(company),
        Ok(_) => {
            cx.push(
                Diagnostic::error(
                    K::InvalidField,
                    format!("company id \"{id}\" differs from its folder \"{folder}\""),
                )
                .at(&source, span)
                .with_hint(format!("set id = \"{folder}\" or rename the folder")),
            );
            None
        }
        Err(message) => {
            cx.push(Diagnostic::error(K::InvalidField, message).at(&source, span));
            None
        }
    });
    let currency = currency.and_then(|(code, span)| match Currency::from_code(&code) {
        Some(c) => Some(c),
        None => {
            cx.push(
                Diagnostic::error(K::InvalidField, format!("invalid currency \"{code}\""))
                    .at(&source, span)
                    .with_hint("use a three-letter ISO 4217 code such as \"USD\""),
            );
            None
        }
    });
    let month = month.and_then(|(m, span)| {
        if (1..=12).contains(&m) {
            u32::try_from(m).ok()
        } else {
            cx.push(
                Diagnostic::error(
                    K::InvalidField,
                    format!("fiscal_year_end_month {m} is not a month"),
                )
                .at(&source, span)
                .with_hint("use 1 to 12; 12 for a calendar fiscal year"),
            );
            None
        }
    });
    let company = match (id, name, ticker, exchange, currency, month) {
        (
            Some(id),
            Some((name, _)),
            Some((ticker, _)),
            Some((exchange, _)),
            Some(currency),
            Some(month),
        ) => Some(Company {
            id,
            name,
            ticker,
            exchange,
            currency,
            fiscal_year_end_month: month,
            taxonomies,
        }),
        _ => None,
    };
    (company, cx.diagnostics)
}
