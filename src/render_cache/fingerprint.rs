//! What a company's pages depend on, hashed: its data files, the options
//! and templates of the run, the taxonomies of its vocabulary and the
//! build of qbrief that renders them.
//!
//! Hashes are xxh3-128 over length-prefixed fields, so that no two
//! different sequences of fields feed the hasher the same bytes (`"ab", "c"`
//! and `"a", "bc"` differ). xxh3 is not cryptographic: the cache guards
//! against accidents (an edited file, another build), not against someone
//! crafting a collision in their own data folder.

use std::sync::OnceLock;

use qbrief_model::{DataFile, BUILTIN_TAXONOMIES};
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

/// The version of the cache's layout and of what it hashes; bumping it
/// invalidates every entry.
pub const FORMAT: &str = "qbrief-render-cache-1";

/// A hash of a sequence of length-prefixed fields.
pub struct Fingerprint(Xxh3);

impl Fingerprint {
    /// A fingerprint of one kind of thing (`domain`), so that hashes of
    /// different kinds never compare equal by accident.
    pub fn new(domain: &str) -> Fingerprint {
        let mut f = Fingerprint(Xxh3::new());
        f.field(FORMAT.as_bytes()).field(domain.as_bytes());
        f
    }

    /// Adds one field.
    pub fn field(&mut self, bytes: &[u8]) -> &mut Fingerprint {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// The hash, as 32 hex digits.
    pub fn hex(&self) -> String {
        format!("{:032x}", self.0.digest128())
    }
}

/// The hash of some bytes, as 32 hex digits (how pages are recorded).
pub fn hash_bytes(bytes: &[u8]) -> String {
    format!("{:032x}", xxh3_128(bytes))
}

/// The options of a run that change what a company's pages hold.
#[derive(Debug, Clone)]
pub struct Options {
    /// `md` or `html`.
    pub format: String,
    /// `--period`, when only one quarter is rendered.
    pub period: Option<String>,
    /// `--strict`: every page checked with pulldown-cmark.
    pub strict: bool,
    /// The override templates in effect, `(file name, text)`, by name; none
    /// for the embedded ones (which are part of the build).
    pub templates: Vec<(String, String)>,
}

impl Options {
    /// The hash of the options.
    pub fn key(&self) -> String {
        let mut f = Fingerprint::new("options");
        f.field(self.format.as_bytes());
        match &self.period {
            Some(p) => f.field(b"period").field(p.as_bytes()),
            None => f.field(b"all periods"),
        };
        f.field(if self.strict { b"strict" } else { b"lenient" });
        f.field(&(self.templates.len() as u64).to_le_bytes());
        for (name, text) in &self.templates {
            f.field(name.as_bytes()).field(text.as_bytes());
        }
        f.hex()
    }
}

/// The hash of a company's own files (as the loader read them: the list of
/// paths, in order, and every byte) and of the options.
pub fn company_inputs(files: &[DataFile], options: &Options) -> String {
    let mut f = Fingerprint::new("company inputs");
    f.field(options.key().as_bytes());
    f.field(&(files.len() as u64).to_le_bytes());
    for file in files {
        f.field(file.path.as_bytes())
            .field(file.folder.as_bytes())
            .field(file.stem.as_bytes())
            .field(&file.bytes);
    }
    f.hex()
}

/// Where each taxonomy of a vocabulary's chain comes from now, with the
/// hash of its text: `builtin:<hash>` for an embedded one,
/// `file:<hash>` for a data folder's `taxonomies/<id>.toml` (path and
/// bytes), `company` for the company's own `taxonomy.toml` (already among
/// its files). The loader looks ids up in the same order, so a new data
/// folder file that shadows a company's extension changes the answer.
pub fn taxonomy_sources(chain: &[String], shared: &[DataFile]) -> Vec<(String, String)> {
    chain
        .iter()
        .map(|id| {
            let source = if let Some((_, text)) = BUILTIN_TAXONOMIES.iter().find(|(b, _)| b == id) {
                format!("builtin:{}", hash_bytes(text.as_bytes()))
            } else if let Some(file) = shared.iter().find(|f| f.stem == *id) {
                let mut f = Fingerprint::new("data-folder taxonomy");
                f.field(file.path.as_bytes()).field(&file.bytes);
                format!("file:{}", f.hex())
            } else {
                "company".to_string()
            };
            (id.clone(), source)
        })
        .collect()
}

/// The build of qbrief that runs: its version and the hash of its
/// executable, read once. The executable is the build (its code, the
/// embedded templates and taxonomies, the compiler and flags that made
/// it), so any rebuild that could change a page changes the id; a rebuild
/// that yields the same bytes renders the same pages. `None` when the
/// executable cannot be read: the cache is then not used.
pub fn build_id() -> Option<String> {
    static ID: OnceLock<Option<String>> = OnceLock::new();
    ID.get_or_init(|| {
        // On Linux /proc/self/exe is the running file even when a new
        // build has replaced it at the same path since.
        let bytes = std::fs::read("/proc/self/exe")
            .or_else(|_| std::env::current_exe().and_then(std::fs::read))
            .ok()?;
        Some(format!(
            "{}+{}",
            env!("CARGO_PKG_VERSION"),
            hash_bytes(&bytes)
        ))
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, bytes: &[u8]) -> DataFile {
        DataFile {
            path: path.into(),
            folder: "acme".into(),
            stem: "x".into(),
            bytes: bytes.to_vec(),
        }
    }

    fn options() -> Options {
        Options {
            format: "md".into(),
            period: None,
            strict: false,
            templates: Vec::new(),
        }
    }

    #[test]
    fn fields_are_delimited() {
        let a = company_inputs(&[file("a", b"bc")], &options());
        let b = company_inputs(&[file("ab", b"c")], &options());
        assert_ne!(a, b);
    }

    #[test]
    fn every_option_counts() {
        let base = options();
        let mut keys = vec![base.key()];
        let mut o = base.clone();
        o.format = "html".into();
        keys.push(o.key());
        let mut o = base.clone();
        o.period = Some("2024-Q3".into());
        keys.push(o.key());
        let mut o = base.clone();
        o.strict = true;
        keys.push(o.key());
        let mut o = base.clone();
        o.templates = vec![("brief.md".into(), String::new())];
        keys.push(o.key());
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), keys.len());
    }

    #[test]
    fn taxonomies_are_looked_up_as_the_loader_does() {
        let shared = vec![DataFile {
            path: "data/taxonomies/energy.toml".into(),
            folder: "taxonomies".into(),
            stem: "energy".into(),
            bytes: b"id = \"energy\"".to_vec(),
        }];
        let chain = vec!["base".to_string(), "energy".into(), "acme".into()];
        let sources = taxonomy_sources(&chain, &shared);
        assert!(sources[0].1.starts_with("builtin:"));
        assert!(sources[1].1.starts_with("file:"));
        assert_eq!(sources[2].1, "company");
    }

    #[test]
    fn the_build_id_is_stable_within_a_run() {
        assert_eq!(build_id(), build_id());
        assert!(build_id().is_some());
    }
}
