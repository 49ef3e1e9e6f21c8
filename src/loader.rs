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

use qbrief_model::{DataFile, Dataset, Diagnostic, DiagnosticKind, Location};

/// The folder name of shared taxonomies.
const TAXONOMIES: &str = "taxonomies";

/// A data folder that cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The path is not a folder.
    #[error("data folder {0} does not exist or is not a folder")]
    NotAFolder(PathBuf),
    /// The folder cannot be listed.
    #[error("cannot read folder {path}: {source}")]
    Unreadable {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// What a data folder holds, before any company is parsed.
#[derive(Debug)]
pub struct Layout {
    /// The data folder's own taxonomy files.
    pub shared: Vec<DataFile>,
    /// Company folders, in name order.
    pub companies: Vec<PathBuf>,
    /// Problems of the folder itself (stray files, unreadable files).
    pub diagnostics: Vec<Diagnostic>,
}

/// Lists a data folder; a missing or unreadable folder is an error, an
/// unreadable entry (a symlink loop, a name that is not UTF-8) a located
/// finding.
pub fn layout(dir: &Path) -> Result<Layout, LoadError> {
    if !dir.is_dir() {
        return Err(LoadError::NotAFolder(dir.to_path_buf()));
    }
    let mut layout = Layout {
        shared: Vec::new(),
        companies: Vec::new(),
        diagnostics: Vec::new(),
    };
    for path in sorted_entries(dir, &mut layout.diagnostics)? {
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
pub fn load_company(
    shared: &[DataFile],
    folder: &Path,
) -> Result<(Dataset, Vec<Diagnostic>), LoadError> {
    let (files, diagnostics) = read_company(folder)?;
    Ok(load_files(shared, files, diagnostics))
}

/// Reads one company folder's data files, without parsing them; the
/// problems are those of reading (unreadable files and entries).
pub fn read_company(folder: &Path) -> Result<(Vec<DataFile>, Vec<Diagnostic>), LoadError> {
    read_folder(folder)
}

/// Loads a company's files as [`read_company`] read them (with its
/// `diagnostics`) and the data folder's shared taxonomies:
/// `load_company` in two steps, for a caller that looks at the bytes first.
pub fn load_files(
    shared: &[DataFile],
    mut files: Vec<DataFile>,
    mut diagnostics: Vec<Diagnostic>,
) -> (Dataset, Vec<Diagnostic>) {
    files.extend(shared.iter().cloned());
    let (dataset, found) = Dataset::load(&files);
    diagnostics.extend(found);
    (dataset, diagnostics)
}

/// Loads every data file below `dir` at once; I/O problems with single
/// files become diagnostics, a missing or unreadable folder is an error.
pub fn load(dir: &Path) -> Result<(Dataset, Vec<Diagnostic>), LoadError> {
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
fn read_folder(folder: &Path) -> Result<(Vec<DataFile>, Vec<Diagnostic>), LoadError> {
    let name = file_name(folder);
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for file in sorted_entries(folder, &mut diagnostics)? {
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

/// The entries of a folder in name order, hidden ones left out; entries
/// that cannot be used become located findings rather than vanishing.
fn sorted_entries(
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<PathBuf>, LoadError> {
    let read = fs::read_dir(dir).map_err(|source| LoadError::Unreadable {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut entries = Vec::new();
    for entry in read {
        let path = match entry {
            Ok(e) => e.path(),
            Err(e) => {
                diagnostics.push(located(
                    dir,
                    format!("cannot read an entry of the folder: {e}"),
                ));
                continue;
            }
        };
        let Some(name) = path.file_name().map(|n| n.to_str()) else {
            continue;
        };
        let Some(name) = name else {
            diagnostics.push(
                located(&path, "file name is not valid UTF-8".into())
                    .with_hint("rename the file with a UTF-8 name; qbrief uses file names as ids"),
            );
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        // A broken link or a link loop cannot be read: say so.
        if let Err(e) = fs::metadata(&path) {
            diagnostics.push(
                located(
                    &path,
                    format!(
                        "cannot read {}: {e}",
                        if path.is_symlink() { "link" } else { "entry" }
                    ),
                )
                .with_hint("remove or fix the link"),
            );
            continue;
        }
        entries.push(path);
    }
    entries.sort();
    Ok(entries)
}

fn located(path: &Path, message: String) -> Diagnostic {
    Diagnostic::error(DiagnosticKind::Io, message).at_location(Location::new(
        path.display().to_string(),
        1,
        1,
    ))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
