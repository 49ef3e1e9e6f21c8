//! One company's cache entry: the fingerprint of what its pages were
//! rendered from, the hash of every page, and its part of the universe
//! index, so that an unchanged company needs neither loading nor
//! rendering.
//!
//! On disk an entry is a header line, `qbrief-render-cache-1 <hash>`, and
//! the JSON of the entry, whose xxh3-128 the header holds. A file that is
//! truncated, edited or written by another version fails the header, the
//! hash or the strict parse (unknown or missing fields, a page name that
//! is not a plain file name) and is a miss, never trusted.

use qbrief_model::Period;
use qbrief_report::{IndexEntry, IndexFigure};
use serde::{Deserialize, Serialize};

use super::fingerprint::{hash_bytes, FORMAT};

/// What one company's pages were rendered from, and what they were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The qbrief build that rendered them ([`super::build_id`]).
    pub build: String,
    /// The hash of the company's files and of the run's options
    /// ([`super::company_inputs`]).
    pub inputs: String,
    /// Each taxonomy of the company's vocabulary, in chain order, with
    /// where it came from ([`super::taxonomy_sources`]).
    pub taxonomies: Vec<(String, String)>,
    /// The pages of the company's output folder, by file name, in the
    /// order they are checked.
    pub pages: Vec<Page>,
    /// The company's part of the universe index.
    pub index: IndexRecord,
}

/// One page a company's render produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Its file name in the company's output folder (`2024-Q3.md`).
    pub name: String,
    /// The xxh3-128 of its bytes, 32 hex digits.
    pub hash: String,
}

/// An [`IndexEntry`] as the cache stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexRecord {
    id: String,
    name: String,
    listing: String,
    taxonomies: Vec<String>,
    briefs: usize,
    latest: Option<(String, String)>,
    figures: Vec<FigureRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureRecord {
    taxonomy: String,
    taxonomy_label: String,
    key: String,
    label: String,
    cell: String,
}

impl From<&IndexEntry> for IndexRecord {
    fn from(e: &IndexEntry) -> IndexRecord {
        IndexRecord {
            id: e.id.clone(),
            name: e.name.clone(),
            listing: e.listing.clone(),
            taxonomies: e.taxonomies.clone(),
            briefs: e.briefs,
            latest: e.latest.as_ref().map(|(p, m)| (p.to_string(), m.clone())),
            figures: e
                .figures
                .iter()
                .map(|f| FigureRecord {
                    taxonomy: f.taxonomy.clone(),
                    taxonomy_label: f.taxonomy_label.clone(),
                    key: f.key.clone(),
                    label: f.label.clone(),
                    cell: f.cell.clone(),
                })
                .collect(),
        }
    }
}

impl IndexRecord {
    /// The company id (its output folder's name).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The index entry again; `None` when the stored period does not
    /// parse (the entry is then not trusted).
    pub fn to_entry(&self) -> Option<IndexEntry> {
        let latest = match &self.latest {
            Some((p, months)) => Some((p.parse::<Period>().ok()?, months.clone())),
            None => None,
        };
        Some(IndexEntry {
            id: self.id.clone(),
            name: self.name.clone(),
            listing: self.listing.clone(),
            taxonomies: self.taxonomies.clone(),
            briefs: self.briefs,
            latest,
            figures: self
                .figures
                .iter()
                .map(|f| IndexFigure {
                    taxonomy: f.taxonomy.clone(),
                    taxonomy_label: f.taxonomy_label.clone(),
                    key: f.key.clone(),
                    label: f.label.clone(),
                    cell: f.cell.clone(),
                })
                .collect(),
        })
    }
}

impl Entry {
    /// The bytes of the entry's file.
    pub fn encode(&self) -> Vec<u8> {
        // A struct of strings, numbers and vectors always serialises.
        let body = serde_json::to_vec(self).unwrap_or_default();
        let mut out = format!("{FORMAT} {}\n", hash_bytes(&body)).into_bytes();
        out.extend_from_slice(&body);
        out
    }

    /// The entry of a file's bytes; `None` for anything [`Entry::encode`]
    /// did not write.
    pub fn decode(bytes: &[u8]) -> Option<Entry> {
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        let (header, body) = (&bytes[..newline], &bytes[newline + 1..]);
        let header = std::str::from_utf8(header).ok()?;
        let hash = header.strip_prefix(FORMAT)?.strip_prefix(' ')?;
        if hash != hash_bytes(body) {
            return None;
        }
        let entry: Entry = serde_json::from_slice(body).ok()?;
        let plain =
            |name: &str| !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\']);
        let id_ok = plain(&entry.index.id);
        let pages_ok = entry
            .pages
            .iter()
            .all(|p| plain(&p.name) && p.hash.len() == 32);
        (id_ok && pages_ok && entry.index.to_entry().is_some()).then_some(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            build: "0.1.0+00".into(),
            inputs: "ab".repeat(16),
            taxonomies: vec![("base".into(), "builtin:00".into())],
            pages: vec![Page {
                name: "2024-Q3.md".into(),
                hash: "cd".repeat(16),
            }],
            index: IndexRecord {
                id: "acme".into(),
                name: "Acme".into(),
                listing: "NYSE: ACME".into(),
                taxonomies: vec!["base".into()],
                briefs: 1,
                latest: Some(("2024-Q3".into(), String::new())),
                figures: Vec::new(),
            },
        }
    }

    #[test]
    fn an_entry_reads_back() {
        let e = entry();
        assert_eq!(Entry::decode(&e.encode()), Some(e));
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_refused() {
        let bytes = entry().encode();
        for len in 0..bytes.len() {
            assert_eq!(Entry::decode(&bytes[..len]), None, "truncated to {len}");
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x20;
            assert_eq!(Entry::decode(&b), None, "byte {i} flipped");
        }
    }

    #[test]
    fn a_page_outside_the_company_folder_is_refused() {
        for name in ["../x.md", "a/b.md", ".hidden", ""] {
            let mut e = entry();
            e.pages[0].name = name.into();
            assert_eq!(Entry::decode(&e.encode()), None, "{name}");
        }
    }

    #[test]
    fn an_unknown_period_is_refused() {
        let mut e = entry();
        e.index.latest = Some(("2024-Q9".into(), String::new()));
        assert_eq!(Entry::decode(&e.encode()), None);
    }
}
