//! A company's pages in the output folder: which files render expects,
//! which are extra, and what `--check` finds wrong with those on disk,
//! from the pages' text or from the hashes the render cache recorded
//! (the same messages either way).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use qbrief::render_cache::{hash_bytes, Page};
use qbrief_model::Period;

use crate::cli::RenderFormat;

/// The file extension of a format's pages.
pub fn extension(format: RenderFormat) -> &'static str {
    match format {
        RenderFormat::Md => "md",
        RenderFormat::Html => "html",
    }
}

/// Briefs (and only briefs, by name) of a company's folder that `expected`
/// does not hold; none when only one quarter is rendered (`whole` false).
pub fn extra_files(
    dir: &Path,
    expected: impl Fn(&Path) -> bool,
    ext: &str,
    whole: bool,
) -> Vec<PathBuf> {
    let mut extra = Vec::new();
    if !whole {
        return extra;
    }
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if is_generated_name(&path, ext) && !expected(&path) {
                extra.push(path);
            }
        }
    }
    extra.sort();
    extra
}

/// What `--check` finds wrong with one company's pages.
pub fn compare(expected: &BTreeMap<PathBuf, String>, extra: &[PathBuf]) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, text) in expected {
        match fs::read(path) {
            Ok(old) if old == text.as_bytes() => {}
            Ok(_) => problems.push(format!("stale: {}", path.display())),
            Err(_) => problems.push(format!("missing: {}", path.display())),
        }
    }
    problems.extend(extra.iter().map(|p| format!("extra: {}", p.display())));
    problems
}

/// [`compare`] against the pages a cache entry recorded: a page is fresh
/// when the file's bytes hash to the recorded hash. The entry lists its
/// pages in the order `compare` visits them.
pub fn compare_recorded(dir: &Path, pages: &[Page], ext: &str, whole: bool) -> Vec<String> {
    let mut problems = Vec::new();
    for page in pages {
        let path = dir.join(&page.name);
        match fs::read(&path) {
            Ok(bytes) if hash_bytes(&bytes) == page.hash => {}
            Ok(_) => problems.push(format!("stale: {}", path.display())),
            Err(_) => problems.push(format!("missing: {}", path.display())),
        }
    }
    let extra = extra_files(
        dir,
        |p| {
            p.file_name().is_some_and(|n| {
                pages
                    .iter()
                    .any(|page| n == std::ffi::OsStr::new(&page.name))
            })
        },
        ext,
        whole,
    );
    problems.extend(extra.iter().map(|p| format!("extra: {}", p.display())));
    problems
}

/// Whether a file name is one qbrief writes for a quarter (`2024-Q3.md`).
fn is_generated_name(path: &Path, ext: &str) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(stem) = name.strip_suffix(&format!(".{ext}")) else {
        return false;
    };
    stem.parse::<Period>().is_ok_and(|p| p.is_quarter())
}
