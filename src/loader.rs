//! Reads a data folder from disk: the only place qbrief reads data files.
//!
//! Layout: `DATA_DIR/<company>/company.toml` and one `*.toml` per source
//! document beside it. Other files (README.md, notes) are ignored; a `.toml`
//! directly in `DATA_DIR` is reported, since it belongs to no company.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use qbrief_model::{DataFile, Dataset, Diagnostic, DiagnosticKind, Location};

/// Loads every data file below `dir`; I/O problems with single files become
/// diagnostics, a missing or unreadable folder is an error.
pub fn load(dir: &Path) -> Result<(Dataset, Vec<Diagnostic>)> {
    if !dir.is_dir() {
        bail!(
            "data folder {} does not exist or is not a folder",
            dir.display()
        );
    }
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for entry in sorted_entries(dir)? {
        let path = entry.as_path();
        let display = path.display().to_string();
        if path.is_dir() {
            let folder = file_name(path);
            for file in sorted_entries(path)? {
                if file.extension().is_some_and(|e| e == "toml") && file.is_file() {
                    read(&file, &folder, &mut files, &mut diagnostics);
                }
            }
        } else if path.extension().is_some_and(|e| e == "toml") {
            diagnostics.push(
                Diagnostic::error(
                    DiagnosticKind::UnknownCompany,
                    "data file outside a company folder",
                )
                .at_location(Location::new(display, 1, 1))
                .with_hint("move it into DATA_DIR/<company>/ beside that company's company.toml"),
            );
        }
    }
    let (dataset, mut found) = Dataset::load(&files);
    diagnostics.append(&mut found);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok((dataset, diagnostics))
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

fn sorted_entries(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
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
