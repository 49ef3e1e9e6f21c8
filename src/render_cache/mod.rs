//! `render`'s cache: per company, the fingerprint of everything its pages
//! depend on and the hash of every page written, so that a company whose
//! inputs did not change, and whose pages on disk are still those bytes,
//! is neither loaded nor rendered.
//!
//! The cache folder is `QBRIEF_CACHE_DIR`, else the platform's cache
//! folder (`~/.cache/qbrief` on Linux), with one subfolder per output
//! folder (the hash of its absolute path) and one entry per company and
//! set of options. Entries are written atomically (a temporary file, then
//! a rename), so two runs at once leave one entry or the other, each whole.
//! The cache is only an aid: an entry that is missing, corrupt, from
//! another build or for other inputs is a miss, and the company is
//! rendered as without a cache.

mod entry;
mod fingerprint;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub use entry::{Entry, IndexRecord, Page};
pub use fingerprint::{
    build_id, company_inputs, hash_bytes, taxonomy_sources, Fingerprint, Options, FORMAT,
};

/// The environment variable naming the cache folder.
pub const CACHE_DIR_VAR: &str = "QBRIEF_CACHE_DIR";

/// The cache folder: `QBRIEF_CACHE_DIR` when set and not empty, else
/// `qbrief` in the platform's cache folder; `None` when there is neither.
pub fn root() -> Option<PathBuf> {
    match std::env::var_os(CACHE_DIR_VAR) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::cache_dir().map(|d| d.join("qbrief")),
    }
}

/// The entries of one output folder, for one build of qbrief.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    build: String,
}

impl Cache {
    /// The cache of the output folder `out` under the cache folder `root`;
    /// `None` when the running executable cannot be read for its build id.
    /// Nothing is created until an entry is stored.
    pub fn open(root: &Path, out: &Path) -> Option<Cache> {
        let build = build_id()?;
        let out = fs::canonicalize(out)
            .or_else(|_| std::path::absolute(out))
            .unwrap_or_else(|_| out.to_path_buf());
        let mut f = Fingerprint::new("output folder");
        f.field(out.as_os_str().as_encoded_bytes());
        Some(Cache {
            dir: root.join("render").join(&f.hex()[..24]),
            build,
        })
    }

    /// The folder holding this output folder's entries.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The build id entries must carry to be trusted.
    pub fn build(&self) -> &str {
        &self.build
    }

    /// Where the entry of a company folder rendered with `options` is:
    /// `<folder>-<options hash>.entry`, the folder name kept when it is a
    /// plain slug (company ids are), hashed otherwise.
    pub fn entry_path(&self, folder: &str, options: &Options) -> PathBuf {
        let slug = !folder.is_empty()
            && folder.len() <= 100
            && !folder.starts_with('.')
            && folder
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
        let name = if slug {
            folder.to_string()
        } else {
            format!("x{}", &hash_bytes(folder.as_bytes())[..16])
        };
        self.dir
            .join(format!("{name}-{}.entry", &options.key()[..16]))
    }

    /// The entry at `path` if it is one [`Entry::encode`] wrote whole.
    pub fn load(&self, path: &Path) -> Option<Entry> {
        Entry::decode(&fs::read(path).ok()?)
    }

    /// Stores an entry atomically.
    pub fn store(&self, path: &Path, entry: &Entry) -> std::io::Result<()> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        fs::create_dir_all(&self.dir)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = self.dir.join(format!(
            ".{name}.{}.{}.tmp",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let result = (|| {
            let mut file = fs::File::create(&tmp)?;
            file.write_all(&entry.encode())?;
            fs::rename(&tmp, path)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }
}
