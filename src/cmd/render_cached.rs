//! `render` with its cache (`qbrief::render_cache`): a company is skipped
//! only when its entry is from this build, for these bytes of its files,
//! these options and templates, these taxonomies of the data folder, and
//! every page on disk still hashes to what was rendered (and no brief is
//! extra). Otherwise it is rendered as without a cache, and its entry
//! stored again; `--check` reports a skipped company's stale, missing or
//! extra pages from the recorded hashes without rendering it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use qbrief::render_cache::{
    company_inputs, hash_bytes, root, taxonomy_sources, Cache, Entry, Options, Page,
};
use qbrief_model::{CompanyData, DataFile, Dataset, Diagnostic};
use qbrief_report::IndexEntry;

use super::render_pages::{compare_recorded, extension};
use crate::cli::RenderArgs;

/// The cache of one render run's output folder.
pub struct Cached {
    cache: Cache,
    warned: AtomicBool,
}

/// An unchanged company: its part of the universe index, and for
/// `--check` what is wrong with its pages on disk.
pub struct Reused {
    pub index: IndexEntry,
    pub problems: Vec<String>,
}

/// Where a company's entry is and what its inputs hash to.
pub struct Key {
    path: PathBuf,
    inputs: String,
}

impl Cached {
    /// The cache of the output folder `out`; `None` without a cache folder
    /// or a readable executable.
    pub fn open(out: &Path) -> Option<Cached> {
        Some(Cached {
            cache: Cache::open(&root()?, out)?,
            warned: AtomicBool::new(false),
        })
    }

    /// The key of a company folder whose files were read as `files`.
    pub fn key(&self, folder: &Path, files: &[DataFile], options: &Options) -> Key {
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Key {
            path: self.cache.entry_path(&name, options),
            inputs: company_inputs(files, options),
        }
    }

    /// An unchanged company, without loading it; `None` when it must be
    /// rendered. `shared` are the data folder's taxonomy files.
    pub fn reuse(&self, shared: &[DataFile], args: &RenderArgs, key: &Key) -> Option<Reused> {
        let entry = self.cache.load(&key.path)?;
        if entry.build != self.cache.build() || entry.inputs != key.inputs {
            return None;
        }
        let chain: Vec<String> = entry.taxonomies.iter().map(|(id, _)| id.clone()).collect();
        if taxonomy_sources(&chain, shared) != entry.taxonomies {
            return None;
        }
        let index = entry.index.to_entry()?;
        let dir = args.out.join(entry.index.id());
        let problems = compare_recorded(
            &dir,
            &entry.pages,
            extension(args.format),
            args.period.is_none(),
        );
        // `render` writes a page edited by hand (or removes an extra one)
        // by rendering the company again; `--check` only reports it.
        if !problems.is_empty() && !args.check {
            return None;
        }
        Some(Reused { index, problems })
    }

    /// Stores what rendering a company made. A cache that cannot be
    /// written is said once and otherwise ignored.
    pub fn store(
        &self,
        shared: &[DataFile],
        key: &Key,
        data: &CompanyData,
        pages: &BTreeMap<PathBuf, String>,
        index: &IndexEntry,
    ) {
        let entry = Entry {
            build: self.cache.build().to_string(),
            inputs: key.inputs.clone(),
            taxonomies: taxonomy_sources(&data.vocabulary.taxonomies, shared),
            pages: pages
                .iter()
                .map(|(path, text)| Page {
                    name: path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    hash: hash_bytes(text.as_bytes()),
                })
                .collect(),
            index: index.into(),
        };
        if let Err(e) = self.cache.store(&key.path, &entry) {
            if !self.warned.swap(true, Ordering::Relaxed) {
                eprintln!(
                    "qbrief: warning: cannot write the render cache in {}: {e}",
                    self.cache.dir().display()
                );
            }
        }
    }
}

/// The errors of the data folder's own taxonomies that loading any
/// company reports (a file that does not parse, an id defined twice).
pub fn shared_errors(shared: &[DataFile]) -> Vec<Diagnostic> {
    let (_, diagnostics) = Dataset::load(shared);
    diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}
