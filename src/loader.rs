//! Reads a data folder from disk: the only place qbrief reads data files.
//!
//! Layout: `DATA_DIR/<company>/company.toml`, an optional `taxonomy.toml`
//! and one `*.toml` per source document beside it; shared taxonomies in
//! `DATA_DIR/taxonomies/`. Other files (README.md, notes) are ignored; a
//! `.toml` directly in `DATA_DIR` is reported, since it belongs to no
//! company. Companies can be loaded one at a time ([`load_company`]), so
//! that memory is bounded by the largest company, not the universe.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use qbrief_model::{DataFile, Dataset, Diagnostic, DiagnosticKind, Location};

/// The folder name of shared taxonomies.
const TAXONOMIES: &str = "taxonomies";

/// What a data folder holds, before any company is parsed.
pub struct Layout {
    /// The data folder's own taxonomy files.
    pub shared: Vec<DataFile>,
    /// Company folders, in name order.
    pub companies: Vec<PathBuf>,
    /// Problems of the folder itself (stray files, unreadable files).
    pub diagnostics: Vec<Diagnostic>,
}

/// Lists a data folder; a missing or unreadable folder is an error.
pub fn layout(dir: &Path) -> Result<Layout> {
    if !dir.is_dir() {
        bail!(
            "data folder {} does not exist or is not a folder",
            dir.display()
        );
    }
    let mut layout = Layout {
        shared: Vec::new(),
        companies: Vec::new(),
        diagnostics: Vec::new(),
    };
    for path in sorted_entries(dir)? {
        if path.is_dir() {
            if file_name(&path) == TAXONOMIES {
                let (files, found) = read_folder(&path)?;
                layout.shared.extend(files);
                layout.diagnostics.extend(found);
            } else {
                layout.companies.push(path);
            }
        } else if path.extension().is_some_and(|e| e == "toml") {
            layout.diagnostics.push(
                Diagnostic::error(
                    DiagnosticKind::UnknownCompany,
                    "data file outside a company folder",
                )
                .at_location(Location::new(path.display().to_string(), 1, 1))
                .with_hint("move it into DATA_DIR/<company>/ beside that company's company.toml"),
            );
        }
    }
    Ok(layout)
}

/// Loads one company folder with the data folder's shared taxonomies.
pub fn load_company(shared: &[DataFile], folder: &Path) -> Result<(Dataset, Vec<Diagnostic>)> {
    let (mut files, mut diagnostics) = read_folder(folder)?;
    files.extend(shared.iter().cloned());
    let (dataset, found) = Dataset::load(&files);
    diagnostics.extend(found);
    Ok((dataset, diagnostics))
}

/// Loads every data file below `dir` at once; I/O problems with single
/// files become diagnostics, a missing or unreadable folder is an error.
pub fn load(dir: &Path) -> Result<(Dataset, Vec<Diagnostic>)> {
    let layout = layout(dir)?;
    let mut files = layout.shared;
    let mut diagnostics = layout.diagnostics;
    for folder in &layout.companies {
        let (found_files, found) = read_folder(folder)?;
        files.extend(found_files);
        diagnostics.extend(found);
    }
    let (dataset, mut found) = Dataset::load(&files);
    diagnostics.append(&mut found);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok((dataset, diagnostics))
}

/// The `.toml` files of one folder.
fn read_folder(folder: &Path) -> Result<(Vec<DataFile>, Vec<Diagnostic>)> {
    let name = file_name(folder);
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for file in sorted_entries(folder)? {
        if file.extension().is_some_and(|e| e == "toml") && file.is_file() {
            read(&file, &name, &mut files, &mut diagnostics);
        }
    }
    Ok((files, diagnostics))
}

fn read(path: &Path, folder: &str, files: &mut Vec<DataFile>, diagnostics: &mut Vec<Diagnostic>) {
    let display = path.display().to_string();
    match fs::read(path) {
        Ok(bytes) => files.push(DataFile {
            path: display,
            folder: folder.to_string(),
            stem: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            bytes,
        }),
        Err(e) => diagnostics.push(
            Diagnostic::error(DiagnosticKind::Io, format!("cannot read file: {e}"))
                .at_location(Location::new(display, 1, 1)),
        ),
    }
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .with_context(|| format!("cannot read folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !file_name(p).starts_with('.'))
        .collect();
    entries.sort();
    Ok(entries)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
