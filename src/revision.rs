//! Reads a data folder as a git revision has it, with the `git` command
//! (`rev-parse`, `ls-tree`, `cat-file --batch`), never checking anything
//! out: the work tree and the index are left alone.
//!
//! The files are laid out as [`crate::loader`] reads a folder: the
//! `taxonomies/` folder's files are shared taxonomies, every other folder
//! is a company; files deeper down, hidden files and `.toml` files directly
//! in the data folder are left out. Paths in findings read
//! `REV:path/in/repository`.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use qbrief_model::DataFile;

/// Why a revision's files cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RevisionError {
    /// `git` could not be run.
    #[error("cannot run git: {0}")]
    Git(std::io::Error),
    /// The data folder is not inside a git work tree.
    #[error("{0} is not a folder in a git repository, so {1:?} cannot be read as a revision (a base folder must exist)")]
    NotARepository(String, String),
    /// The revision names no commit.
    #[error("unknown revision {0:?} in the repository of {1}: {2}")]
    UnknownRevision(String, String, String),
    /// git failed otherwise.
    #[error("git {0} failed: {1}")]
    Failed(String, String),
}

/// The data files of the data folder `data` at revision `rev` of the git
/// repository that holds it.
pub fn files_at(data: &Path, rev: &str) -> Result<Vec<DataFile>, RevisionError> {
    let shown = data.display().to_string();
    if rev.starts_with('-') || rev.is_empty() {
        return Err(RevisionError::UnknownRevision(
            rev.into(),
            shown,
            "not a revision".into(),
        ));
    }
    if !data.is_dir() {
        return Err(RevisionError::NotARepository(shown, rev.into()));
    }
    let prefix = git(data, &["rev-parse", "--show-prefix"], None)
        .map_err(|_| RevisionError::NotARepository(shown.clone(), rev.into()))?;
    let prefix = String::from_utf8_lossy(&prefix).trim_end().to_string();
    let commit = git(
        data,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
        None,
    )
    .map_err(|e| {
        let why = match e {
            RevisionError::Failed(_, m) if !m.is_empty() => m,
            _ => "no such commit, branch or tag".into(),
        };
        RevisionError::UnknownRevision(rev.into(), shown.clone(), why)
    })?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();
    let listed = git(
        data,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--full-name",
            "--name-only",
            &commit,
            "--",
            ".",
        ],
        None,
    )?;
    let mut files = Vec::new();
    for path in listed.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        let path = String::from_utf8_lossy(path).into_owned();
        let Some(inner) = path.strip_prefix(&prefix) else {
            continue;
        };
        let parts: Vec<&str> = inner.split('/').collect();
        let [folder, name] = parts.as_slice() else {
            continue;
        };
        if folder.starts_with('.') || name.starts_with('.') {
            continue;
        }
        let Some(stem) = name.strip_suffix(".toml") else {
            continue;
        };
        files.push(DataFile {
            path: format!("{rev}:{path}"),
            folder: folder.to_string(),
            stem: stem.to_string(),
            bytes: Vec::new(),
        });
    }
    read_blobs(data, &commit, &prefix, &mut files)?;
    Ok(files)
}

/// Fills in every file's bytes with one `git cat-file --batch`.
fn read_blobs(
    dir: &Path,
    commit: &str,
    prefix: &str,
    files: &mut [DataFile],
) -> Result<(), RevisionError> {
    let mut request = String::new();
    for f in files.iter() {
        request.push_str(&format!("{commit}:{prefix}{}/{}.toml\n", f.folder, f.stem));
    }
    let output = git(dir, &["cat-file", "--batch"], Some(request.into_bytes()))?;
    let mut reader = BufReader::new(output.as_slice());
    for f in files.iter_mut() {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| RevisionError::Failed("cat-file".into(), e.to_string()))?;
        // `<oid> blob <size>`, then the bytes and a newline.
        let size = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse::<usize>().ok())
            .ok_or_else(|| RevisionError::Failed("cat-file".into(), header.trim().to_string()))?;
        let mut bytes = vec![0; size + 1];
        reader
            .read_exact(&mut bytes)
            .map_err(|e| RevisionError::Failed("cat-file".into(), e.to_string()))?;
        bytes.pop();
        f.bytes = bytes;
    }
    Ok(())
}

/// Runs git in `dir`, feeding `input`, and returns what it printed.
fn git(dir: &Path, args: &[&str], input: Option<Vec<u8>>) -> Result<Vec<u8>, RevisionError> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(RevisionError::Git)?;
    // Write from another thread: git answers while it reads, and a full
    // pipe on both sides would stall.
    let writer = match (input, child.stdin.take()) {
        (Some(bytes), Some(mut stdin)) => Some(std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        })),
        _ => None,
    };
    let output = child.wait_with_output().map_err(RevisionError::Git)?;
    if let Some(w) = writer {
        let _ = w.join();
    }
    if !output.status.success() {
        return Err(RevisionError::Failed(
            args.first().copied().unwrap_or_default().to_string(),
            String::from_utf8_lossy(&output.stderr).trim().to_string(),
        ));
    }
    Ok(output.stdout)
}
