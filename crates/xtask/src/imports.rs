//! The file-level import graph of each crate of the workspace and its
//! cycles: inside a crate, file imports must point one way.
//!
//! An edge goes from a file to the file of the module a path names:
//! `use crate::..`, `use super::..`, `use self::..`, a `use` of a child
//! module, and the same paths written inline (`crate::fact::Dims`). A path
//! to an item that a module imports or re-exports goes on to the module the
//! item comes from, so `crate::Fact` is an edge to `fact.rs`. Declaring
//! `mod x;` is not an edge, nor is a parent's `pub use` of its descendants,
//! and `#[cfg(test)]` items are left out. It reads tokens, not Rust: method
//! calls and impls in other files are not edges.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The crate roots checked, by name.
pub const CRATE_ROOTS: &[(&str, &str)] = &[
    ("model", "crates/model/src/lib.rs"),
    ("calc", "crates/calc/src/lib.rs"),
    ("report", "crates/report/src/lib.rs"),
    ("draft", "crates/draft/src/lib.rs"),
    ("xtask (lib)", "crates/xtask/src/lib.rs"),
    ("xtask (bin)", "crates/xtask/src/main.rs"),
    ("qbrief (lib)", "src/lib.rs"),
    ("qbrief (bin)", "src/main.rs"),
];

/// Files of one crate that import each other, directly or through others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// The crate, as named in [`CRATE_ROOTS`].
    pub krate: String,
    /// The files, relative to the crate root's folder, sorted.
    pub files: Vec<String>,
    /// The imports between them: file, line, imported file.
    pub edges: Vec<(String, usize, String)>,
}

impl fmt::Display for Cycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: cycle: {}", self.krate, self.files.join(", "))?;
        for (from, line, to) in &self.edges {
            writeln!(f, "    {from}:{line} -> {to}")?;
        }
        Ok(())
    }
}

/// Every cycle of every crate of the workspace at `root`, with one line
/// per crate (files, edges, cycles).
pub fn cycles(root: &Path) -> Result<(Vec<Cycle>, String)> {
    let mut out = Vec::new();
    let mut summary = String::new();
    for (name, file) in CRATE_ROOTS {
        let path = root.join(file);
        if !path.exists() {
            continue;
        }
        let krate = Crate::load(&path)?;
        let edges = krate.edges();
        let found = krate.cycles(name, &edges);
        summary += &format!(
            "{name}: {} files, {} import edges, {} cycle(s)\n",
            krate.files.len(),
            edges.len(),
            found.len()
        );
        out.extend(found);
    }
    Ok((out, summary))
}

/// A module path from the crate root: `["parse", "toml_cx"]`.
type ModPath = Vec<String>;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    PathSep,
    Punct(char),
}

/// One file's tokens (without comments, literals or test items) and lines.
struct Tokens {
    toks: Vec<Tok>,
    lines: Vec<usize>,
}

struct Crate {
    dir: PathBuf,
    files: BTreeMap<ModPath, PathBuf>,
    children: BTreeMap<ModPath, BTreeSet<String>>,
    tokens: BTreeMap<ModPath, Tokens>,
}

/// A path written in a file: its segments, whether it is a `pub use`, and
/// its line.
struct Written {
    segs: Vec<String>,
    public_use: bool,
    in_use: bool,
    line: usize,
}

impl Crate {
    fn load(root: &Path) -> Result<Crate> {
        let mut krate = Crate {
            dir: root.parent().unwrap_or(Path::new(".")).to_path_buf(),
            files: BTreeMap::new(),
            children: BTreeMap::new(),
            tokens: BTreeMap::new(),
        };
        krate.add(root, Vec::new(), true)?;
        Ok(krate)
    }

    fn add(&mut self, path: &Path, module: ModPath, owns_dir: bool) -> Result<()> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let tokens = tokenize(&strip(&text));
        let dir = path.parent().unwrap_or(Path::new("."));
        let base = if owns_dir {
            dir.to_path_buf()
        } else {
            dir.join(path.file_stem().unwrap_or_default())
        };
        let mut children = BTreeSet::new();
        let t = &tokens.toks;
        for i in 0..t.len() {
            if let (Tok::Ident(m), Some(Tok::Ident(name)), Some(Tok::Punct(';'))) =
                (&t[i], t.get(i + 1), t.get(i + 2))
            {
                if m != "mod" {
                    continue;
                }
                let mut child = module.clone();
                child.push(name.clone());
                let (flat, nested) = (
                    base.join(format!("{name}.rs")),
                    base.join(name).join("mod.rs"),
                );
                if flat.exists() {
                    self.add(&flat, child, false)?;
                } else if nested.exists() {
                    self.add(&nested, child, true)?;
                } else {
                    continue;
                }
                children.insert(name.clone());
            }
        }
        self.children.insert(module.clone(), children);
        self.files.insert(module.clone(), path.to_path_buf());
        self.tokens.insert(module, tokens);
        Ok(())
    }

    fn name(&self, module: &ModPath) -> String {
        let path = &self.files[module];
        path.strip_prefix(&self.dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// `segs` written in `module` as a path from the crate root, or `None`
    /// when it names another crate or a local item.
    fn absolute(&self, module: &ModPath, segs: &[String]) -> Option<ModPath> {
        let first = segs.first()?;
        match first.as_str() {
            "crate" => Some(segs[1..].to_vec()),
            "self" => Some([module.as_slice(), &segs[1..]].concat()),
            "super" => {
                let ups = segs.iter().take_while(|s| *s == "super").count();
                let base = &module[..module.len().saturating_sub(ups)];
                Some([base, &segs[ups..]].concat())
            }
            _ if self.children[module].contains(first) => Some([module.as_slice(), segs].concat()),
            _ => None,
        }
    }

    /// The module a path from the crate root lands in, following imports
    /// and re-exports of the item it names.
    fn resolve(
        &self,
        path: &[String],
        imports: &BTreeMap<ModPath, BTreeMap<String, ModPath>>,
        depth: usize,
    ) -> ModPath {
        let mut at: ModPath = Vec::new();
        let mut i = 0;
        while i < path.len() && self.children.get(&at).is_some_and(|c| c.contains(&path[i])) {
            at.push(path[i].clone());
            i += 1;
        }
        if let (Some(name), true) = (path.get(i), depth < 10) {
            if let Some(source) = imports.get(&at).and_then(|m| m.get(name)) {
                let here: ModPath = at.iter().chain([name]).cloned().collect();
                if *source != here {
                    return self.resolve(source, imports, depth + 1);
                }
            }
        }
        at
    }

    /// Every import edge, with the first line that makes it.
    fn edges(&self) -> BTreeMap<(ModPath, ModPath), usize> {
        let written: BTreeMap<&ModPath, Vec<Written>> =
            self.tokens.iter().map(|(m, t)| (m, paths(t))).collect();
        let mut imports: BTreeMap<ModPath, BTreeMap<String, ModPath>> = BTreeMap::new();
        for (module, list) in &written {
            for w in list.iter().filter(|w| w.in_use) {
                let last = w.segs.last().map(String::as_str);
                if let (Some(abs), Some(name)) = (self.absolute(module, &w.segs), last) {
                    if name != "self" && name != "*" {
                        imports
                            .entry((*module).clone())
                            .or_default()
                            .insert(name.to_string(), abs);
                    }
                }
            }
        }
        let mut edges = BTreeMap::new();
        for (module, list) in &written {
            for w in list {
                let Some(abs) = self.absolute(module, &w.segs) else {
                    continue;
                };
                let target = self.resolve(&abs, &imports, 0);
                // A parent re-exporting its descendants is not an import.
                if w.public_use && target.starts_with(module) {
                    continue;
                }
                if target != **module {
                    edges.entry(((*module).clone(), target)).or_insert(w.line);
                }
            }
        }
        edges
    }

    /// The strongly connected components of more than one file (Tarjan).
    fn cycles(&self, krate: &str, edges: &BTreeMap<(ModPath, ModPath), usize>) -> Vec<Cycle> {
        let nodes: Vec<&ModPath> = self.files.keys().collect();
        let index_of: BTreeMap<&ModPath, usize> =
            nodes.iter().enumerate().map(|(i, m)| (*m, i)).collect();
        let mut adjacent = vec![Vec::new(); nodes.len()];
        for (from, to) in edges.keys() {
            if let (Some(&a), Some(&b)) = (index_of.get(from), index_of.get(to)) {
                adjacent[a].push(b);
            }
        }
        let mut tarjan = Tarjan {
            adjacent: &adjacent,
            index: vec![None; nodes.len()],
            low: vec![0; nodes.len()],
            stack: Vec::new(),
            on_stack: vec![false; nodes.len()],
            next: 0,
            components: Vec::new(),
        };
        for v in 0..nodes.len() {
            if tarjan.index[v].is_none() {
                tarjan.visit(v);
            }
        }
        let mut out: Vec<Cycle> = tarjan
            .components
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| {
                let members: BTreeSet<&ModPath> = c.iter().map(|&i| nodes[i]).collect();
                let mut files: Vec<String> = members.iter().map(|m| self.name(m)).collect();
                files.sort();
                let mut edges: Vec<(String, usize, String)> = edges
                    .iter()
                    .filter(|((a, b), _)| members.contains(a) && members.contains(b))
                    .map(|((a, b), line)| (self.name(a), *line, self.name(b)))
                    .collect();
                edges.sort();
                Cycle {
                    krate: krate.to_string(),
                    files,
                    edges,
                }
            })
            .collect();
        out.sort_by(|a, b| a.files.cmp(&b.files));
        out
    }
}

struct Tarjan<'a> {
    adjacent: &'a [Vec<usize>],
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    stack: Vec<usize>,
    on_stack: Vec<bool>,
    next: usize,
    components: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, v: usize) {
        self.index[v] = Some(self.next);
        self.low[v] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        for &w in &self.adjacent[v] {
            match self.index[w] {
                None => {
                    self.visit(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(i) if self.on_stack[w] => self.low[v] = self.low[v].min(i),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut component = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}

/// `text` with comments, string and character literals blanked; lines kept.
fn strip(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    // Newlines inside what is skipped, so that lines stay where they were.
    let skip = |out: &mut Vec<u8>, from: usize, to: usize| {
        out.extend(b[from..to].iter().filter(|&&c| c == b'\n'))
    };
    while i < b.len() {
        let ident_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if b[i..].starts_with(b"//") {
            let end = b[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + p);
            i = end;
        } else if b[i..].starts_with(b"/*") {
            let (mut depth, mut j) = (1, i + 2);
            while j < b.len() && depth > 0 {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            skip(&mut out, i, j);
            i = j;
        } else if !ident_before
            && (b[i] == b'r' || b[i..].starts_with(b"br"))
            && raw_string_start(&b[i..]).is_some()
        {
            let (open, hashes) = raw_string_start(&b[i..]).unwrap_or((0, 0));
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let body = i + open;
            let end = b[body..]
                .windows(close.len())
                .position(|w| w == close)
                .map_or(b.len(), |p| body + p + close.len());
            out.extend(b"\"\"");
            skip(&mut out, i, end);
            i = end;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(b.len());
            out.extend(b"\"\"");
            skip(&mut out, i, end);
            i = end;
        } else if b[i] == b'\'' {
            // A character literal ('a', '\n', '\u{2019}', '’'), not a lifetime.
            let rest = &text[i + 1..];
            let len = if rest.starts_with('\\') {
                rest.find('\'').filter(|&p| p > 1)
            } else {
                rest.chars()
                    .next()
                    .filter(|&c| rest[c.len_utf8()..].starts_with('\''))
                    .map(char::len_utf8)
            };
            match len {
                Some(n) => {
                    out.extend(b"' '");
                    i += n + 2;
                }
                None => {
                    out.push(b'\'');
                    i += 1;
                }
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The length of `r#"`-style opening and its number of `#`, if `b` starts
/// a raw string.
fn raw_string_start(b: &[u8]) -> Option<(usize, usize)> {
    let after_r = if b.starts_with(b"br") { 2 } else { 1 };
    let hashes = b[after_r..].iter().take_while(|&&c| c == b'#').count();
    (b.get(after_r + hashes) == Some(&b'"')).then_some((after_r + hashes + 1, hashes))
}

/// Identifiers, `::` and single punctuation, without `#[cfg(test)]` items.
fn tokenize(code: &str) -> Tokens {
    let mut toks = Vec::new();
    let mut lines = Vec::new();
    let mut line = 1;
    let mut chars = code.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            line += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !(d.is_alphanumeric() || d == '_') {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            toks.push(Tok::Ident(code[i..end].to_string()));
            lines.push(line);
        } else if c == ':' && chars.peek().map(|&(_, d)| d) == Some(':') {
            chars.next();
            toks.push(Tok::PathSep);
            lines.push(line);
        } else if !c.is_whitespace() {
            toks.push(Tok::Punct(c));
            lines.push(line);
        }
    }
    drop_test_items(Tokens { toks, lines })
}

fn drop_test_items(t: Tokens) -> Tokens {
    let cfg_test: Vec<Tok> = ["#", "[", "cfg", "(", "test", ")", "]"]
        .iter()
        .map(|s| match s.chars().next() {
            Some(c) if c.is_alphabetic() => Tok::Ident((*s).to_string()),
            Some(c) => Tok::Punct(c),
            None => Tok::Punct(' '),
        })
        .collect();
    let mut out = Tokens {
        toks: Vec::new(),
        lines: Vec::new(),
    };
    let mut i = 0;
    while i < t.toks.len() {
        if t.toks[i..].starts_with(&cfg_test) {
            // The item ends at a `;` outside braces or at its closing brace.
            let mut depth = 0usize;
            i += cfg_test.len();
            while i < t.toks.len() {
                match t.toks[i] {
                    Tok::Punct('{') => depth += 1,
                    Tok::Punct('}') => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    Tok::Punct(';') if depth == 0 => {
                        i += 1;
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
            continue;
        }
        out.toks.push(t.toks[i].clone());
        out.lines.push(t.lines[i]);
        i += 1;
    }
    out
}

/// Every path a file writes: the leaves of its `use` trees, and inline
/// paths (`a::b` not preceded by `::`).
fn paths(t: &Tokens) -> Vec<Written> {
    let toks = &t.toks;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i] == Tok::Ident("use".into()) {
            let public_use = public_before(toks, i);
            let line = t.lines[i];
            let mut leaves = Vec::new();
            let end = use_tree(toks, i + 1, Vec::new(), &mut leaves);
            out.extend(leaves.into_iter().map(|segs| Written {
                segs,
                public_use,
                in_use: true,
                line,
            }));
            i = end;
            continue;
        }
        let starts = matches!(toks[i], Tok::Ident(_))
            && (i == 0 || toks[i - 1] != Tok::PathSep)
            && toks.get(i + 1) == Some(&Tok::PathSep);
        if starts {
            let line = t.lines[i];
            let mut segs = Vec::new();
            while let Some(Tok::Ident(s)) = toks.get(i) {
                segs.push(s.clone());
                if toks.get(i + 1) != Some(&Tok::PathSep) {
                    break;
                }
                i += 2;
            }
            out.push(Written {
                segs,
                public_use: false,
                in_use: false,
                line,
            });
        }
        i += 1;
    }
    out
}

/// Whether the `use` at `i` is preceded by `pub` or `pub(...)`.
fn public_before(toks: &[Tok], i: usize) -> bool {
    let pub_ident = Tok::Ident("pub".into());
    match i.checked_sub(1).map(|j| &toks[j]) {
        Some(t) if *t == pub_ident => true,
        Some(Tok::Punct(')')) => toks[..i]
            .iter()
            .rposition(|t| *t == Tok::Punct('('))
            .is_some_and(|open| open > 0 && toks[open - 1] == pub_ident),
        _ => false,
    }
}

/// Parses one use tree from `i`, pushing its leaves; returns where it ends.
fn use_tree(
    toks: &[Tok],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    loop {
        match toks.get(i) {
            Some(Tok::Punct('{')) => {
                i += 1;
                loop {
                    match toks.get(i) {
                        Some(Tok::Punct('}')) => return i + 1,
                        Some(Tok::Punct(',')) => i += 1,
                        None => return i,
                        Some(_) => i = use_tree(toks, i, prefix.clone(), out),
                    }
                }
            }
            Some(Tok::Punct('*')) => {
                prefix.push("*".into());
                out.push(prefix);
                return i + 1;
            }
            Some(Tok::Ident(name)) => {
                prefix.push(name.clone());
                i += 1;
                if toks.get(i) == Some(&Tok::PathSep) {
                    i += 1;
                    continue;
                }
                if toks.get(i) == Some(&Tok::Ident("as".into())) {
                    i += 2;
                }
                out.push(prefix);
                return i;
            }
            // A leading `::` names another crate.
            Some(Tok::PathSep) => {
                prefix.push(String::new());
                i += 1;
            }
            _ => return i + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(code: &str) -> Vec<String> {
        paths(&tokenize(&strip(code)))
            .into_iter()
            .map(|w| {
                format!(
                    "{}{}",
                    if w.public_use { "pub " } else { "" },
                    w.segs.join("::")
                )
            })
            .collect()
    }

    #[test]
    fn reads_use_trees_and_inline_paths() {
        assert_eq!(
            leaves("pub(crate) use crate::{a::B, c as d, e::{self, F}};\nuse super::*;"),
            [
                "pub crate::a::B",
                "pub crate::c",
                "pub crate::e::self",
                "pub crate::e::F",
                "super::*"
            ]
        );
        assert_eq!(
            leaves("let x = crate::fact::Dims::new(); // crate::no::Edge\n"),
            ["crate::fact::Dims::new"]
        );
        assert_eq!(
            leaves("let s = \"crate::not::Path\"; let c = '\"'; fn f<'a>(x: &'a str) {}"),
            Vec::<String>::new()
        );
        assert_eq!(
            leaves("#[cfg(test)]\nmod tests { use crate::x::Y; }\nuse crate::z::W;"),
            ["crate::z::W"]
        );
    }

    #[test]
    fn inside_each_crate_file_imports_point_one_way() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let (found, summary) = cycles(&root).unwrap();
        let report: String = found.iter().map(Cycle::to_string).collect();
        assert!(found.is_empty(), "{summary}{report}");
    }
}
