//! Where a data file's source documents live on disk: the sources folder
//! (`sources/` by default) holds one folder per company, `sources/<company>/`,
//! with the documents its data files name in `[document] file = "..."`.
//!
//! A flat folder of documents (every company's files side by side, as a
//! corpus is often laid out) is read too: a document not found under its
//! company's folder is looked for at the top of the sources folder.

use std::path::{Path, PathBuf};

/// The sources folder a fresh clone has: the documents the bundled data
/// cites, inside the repository.
pub const DEFAULT_DIR: &str = "sources";

/// Where the document `file` of `company` is: `sources/<company>/<file>`,
/// else `sources/<file>`. When neither exists, the company path (the one
/// the repository layout asks for), so that an error names it.
pub fn document_path(sources: &Path, company: &str, file: &str) -> PathBuf {
    let nested = sources.join(company).join(file);
    if nested.is_file() {
        return nested;
    }
    let flat = sources.join(file);
    if flat.is_file() {
        flat
    } else {
        nested
    }
}

/// Every document of a sources folder, in name order: the files of each
/// company folder and the files at its top, leaving out `README.md` and
/// hidden files (documents are plain text of any extension).
pub fn documents(sources: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for path in sorted(sources)? {
        if path.is_dir() {
            found.extend(sorted(&path)?.into_iter().filter(|p| is_document(p)));
        } else if is_document(&path) {
            found.push(path);
        }
    }
    Ok(found)
}

fn is_document(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.is_file() && !name.starts_with('.') && !name.eq_ignore_ascii_case("README.md")
}

fn sorted(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    paths.sort();
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_company_folder_comes_before_the_flat_layout() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("acme")).unwrap();
        std::fs::write(dir.path().join("acme/q3.txt"), "nested").unwrap();
        std::fs::write(dir.path().join("q3.txt"), "flat").unwrap();
        std::fs::write(dir.path().join("q4.txt"), "flat").unwrap();
        assert_eq!(
            document_path(dir.path(), "acme", "q3.txt"),
            dir.path().join("acme/q3.txt")
        );
        assert_eq!(
            document_path(dir.path(), "acme", "q4.txt"),
            dir.path().join("q4.txt")
        );
        // Missing everywhere: the path the layout asks for, for the error.
        assert_eq!(
            document_path(dir.path(), "acme", "q5.txt"),
            dir.path().join("acme/q5.txt")
        );
    }

    #[test]
    fn documents_leave_out_readmes_and_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("acme")).unwrap();
        for file in [
            "README.md",
            "acme/b.txt",
            "acme/.hidden",
            "acme/a.txt",
            "top.txt",
        ] {
            std::fs::write(dir.path().join(file), "x").unwrap();
        }
        let names: Vec<PathBuf> = documents(dir.path())
            .unwrap()
            .into_iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [
                PathBuf::from("acme/a.txt"),
                "acme/b.txt".into(),
                "top.txt".into()
            ]
        );
    }
}
