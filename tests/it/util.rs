//! Running the binary against data folders built for a test.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of `qbrief` printed and how it ended.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `qbrief` with `args` in `dir`, with a render cache of its own
/// that starts empty (never the user's).
pub fn qbrief(dir: &Path, args: &[&str]) -> Output {
    let cache = tempfile::tempdir().expect("temp dir");
    qbrief_cached(dir, cache.path(), args)
}

/// Runs `qbrief` with `args` in `dir` and the render cache in `cache`.
pub fn qbrief_cached(dir: &Path, cache: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_qbrief"))
        .args(args)
        .current_dir(dir)
        .env("QBRIEF_CACHE_DIR", cache)
        .output()
        .expect("qbrief runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder under `tests/inputs`.
pub fn inputs(name: &str) -> PathBuf {
    root().join("tests/inputs").join(name)
}

/// A temporary data folder `data/acme/` with the fixture company, into which
/// tests copy document files.
pub struct DataDir {
    pub dir: tempfile::TempDir,
}

impl DataDir {
    pub fn new() -> DataDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("data/acme")).expect("mkdir");
        std::fs::copy(
            inputs("acme/company.toml"),
            dir.path().join("data/acme/company.toml"),
        )
        .expect("copy company");
        DataDir { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` as `data/acme/<name>`.
    pub fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.path().join("data/acme").join(name), bytes).expect("write");
    }
}

/// The bundled Canaan data, loaded through the library as the binary does.
pub fn canaan() -> qbrief_model::Dataset {
    let dir = root().join("data/canaan");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let files: Vec<qbrief_model::DataFile> = paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| qbrief_model::DataFile {
            path: format!("data/canaan/{}", p.file_name().unwrap().to_string_lossy()),
            folder: "canaan".into(),
            stem: p.file_stem().unwrap().to_string_lossy().into_owned(),
            bytes: std::fs::read(p).unwrap(),
        })
        .collect();
    let (dataset, findings) = qbrief_model::Dataset::load(&files);
    assert!(findings.iter().all(|f| !f.is_error()), "{findings:?}");
    dataset
}
