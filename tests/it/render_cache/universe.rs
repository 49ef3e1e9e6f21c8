//! The universe the render cache's tests change: three synthetic companies,
//! two of them with a taxonomy of the data folder, and a cache folder of
//! their own; every render is compared with one without a cache.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::{qbrief, qbrief_cached, Output};

/// A data taxonomy that two of the three companies use.
const SHARED: &str = "[taxonomy]\nid = \"shared\"\nlabel = \"Shared\"\nextends = [\"base\"]\n\n[[derived]]\nid = \"cost_ratio\"\nlabel = \"Cost ratio\"\nformula = \"cost_of_revenue / revenue * 100\"\nunit = \"%\"\nsection = \"profit-and-loss\"\n";

/// Three synthetic companies of three quarters in `data/`, co00000 and
/// co00001 with the data folder's `shared` taxonomy, and a cache folder.
pub struct Universe {
    pub dir: tempfile::TempDir,
    pub cache: tempfile::TempDir,
}

impl Universe {
    pub fn new() -> Universe {
        let dir = tempfile::tempdir().unwrap();
        let universe = xtask::Universe {
            companies: 3,
            quarters: 3,
            seed: 7,
        };
        for (path, mut text) in universe.files() {
            if path.ends_with("company.toml") && !path.starts_with("co00002") {
                text = text.replace("[\"base\"]", "[\"base\", \"shared\"]");
            }
            let path = dir.path().join("data").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let u = Universe {
            dir,
            cache: tempfile::tempdir().unwrap(),
        };
        u.write("taxonomies/shared.toml", SHARED);
        u
    }

    pub fn data(&self, name: &str) -> PathBuf {
        self.dir.path().join("data").join(name)
    }

    pub fn write(&self, name: &str, text: &str) {
        let path = self.data(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn edit(&self, name: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.data(name)).unwrap();
        assert!(text.contains(from), "{name} has no {from:?}");
        std::fs::write(self.data(name), text.replacen(from, to, 1)).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Output {
        qbrief_cached(self.dir.path(), self.cache.path(), args)
    }

    /// Renders with `args`, which must succeed; returns how many companies
    /// were rendered and how many found unchanged, and what was written.
    pub fn render(&self, args: &[&str]) -> (usize, usize, String) {
        let mut all = vec!["render"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let (rendered, unchanged) = summary(&out.stderr);
        // The pages are the bytes of a render without a cache.
        let fresh = tempfile::tempdir().unwrap();
        let mut uncached = all.clone();
        let out_dir = fresh.path().join("reports");
        uncached.extend(["--no-cache", "--out", out_dir.to_str().unwrap()]);
        let reference = qbrief(self.dir.path(), &uncached);
        assert_eq!(reference.code, 0, "{}", reference.stderr);
        let (ours, theirs) = (tree(&self.dir.path().join("reports")), tree(&out_dir));
        for (path, bytes) in &theirs {
            assert!(ours.get(path) == Some(bytes), "{} differs", path.display());
        }
        if !args.iter().any(|a| *a == "--period" || *a == "--company") {
            // No page of the format is left over either.
            let ext = |p: &PathBuf| p.extension().map(|e| e.to_os_string());
            let kinds: Vec<_> = theirs.keys().map(ext).collect();
            let ours: Vec<&PathBuf> = ours.keys().filter(|p| kinds.contains(&ext(p))).collect();
            assert_eq!(ours, theirs.keys().collect::<Vec<_>>());
        }
        (rendered, unchanged, out.stdout)
    }

    /// The cache entry of a company for the default options.
    pub fn entry(&self, company: &str) -> PathBuf {
        let mut found = Vec::new();
        for dir in std::fs::read_dir(self.cache.path().join("render")).unwrap() {
            for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
                let path = file.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if name.starts_with(&format!("{company}-")) && name.ends_with(".entry") {
                    found.push(path);
                }
            }
        }
        assert_eq!(found.len(), 1, "{found:?}");
        found.pop().unwrap()
    }
}

/// `rendered N companies, M unchanged`, the last line of stderr.
pub fn summary(stderr: &str) -> (usize, usize) {
    let line = stderr.lines().last().unwrap_or_default();
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["rendered", n, _, m, "unchanged"] => {
            (n.parse().unwrap(), m.trim_end_matches(',').parse().unwrap())
        }
        _ => panic!("no summary line in {stderr:?}"),
    }
}

/// Every file below `dir`, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The companies whose pages a render's output says it wrote.
pub fn written(stdout: &str) -> Vec<String> {
    let mut companies: Vec<String> = stdout
        .lines()
        .filter_map(|l| {
            l.strip_prefix("wrote reports/")
                .or(l.strip_prefix("removed reports/"))
        })
        .filter_map(|p| p.split_once('/').map(|(c, _)| c.to_string()))
        .collect();
    companies.dedup();
    companies
}
