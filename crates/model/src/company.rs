//! Companies and their validated ids.

use std::fmt;

use crate::quantity::Currency;

/// A company id: a lowercase slug (`canaan`), safe to use as a folder name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct CompanyId(String);

impl CompanyId {
    /// Validates a slug: 1 to 40 characters of `a-z`, `0-9` and `-`,
    /// starting with a letter, not ending with `-`.
    ///
    /// ```
    /// use qbrief_model::CompanyId;
    /// assert!(CompanyId::new("canaan").is_ok());
    /// assert!(CompanyId::new("../etc").is_err());
    /// ```
    pub fn new(id: &str) -> Result<CompanyId, String> {
        let ok = (1..=40).contains(&id.len())
            && id.starts_with(|c: char| c.is_ascii_lowercase())
            && !id.ends_with('-')
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(CompanyId(id.to_string()))
        } else {
            Err(format!(
                "invalid company id \"{id}\": use 1 to 40 lowercase letters, digits and '-', starting with a letter"
            ))
        }
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CompanyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A company whose calls are tracked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Company {
    /// The slug, also the name of its data folder.
    pub id: CompanyId,
    /// Its name, as in filings.
    pub name: String,
    /// Its ticker symbol.
    pub ticker: String,
    /// The exchange it is listed on.
    pub exchange: String,
    /// The currency it reports in.
    #[serde(serialize_with = "serialize_display")]
    pub currency: Currency,
    /// The month (1 to 12) its fiscal year ends.
    pub fiscal_year_end_month: u32,
    /// The taxonomies the company's vocabulary comes from (`base`,
    /// `reit`...); its own `taxonomy.toml` extends them.
    pub taxonomies: Vec<String>,
}

fn serialize_display<S: serde::Serializer>(c: &Currency, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(c)
}
