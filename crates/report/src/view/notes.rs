//! Footnotes: every stated figure a page shows cites its sources in one
//! footnote, numbered in order of first reference.
//!
//! A figure backed by several statements (a value said twice in a call, or
//! in several calls) carries one marker whose footnote lists every
//! statement, `(1) …; (2) …`: markers side by side, `39%[^49][^50]`, render
//! as "39%4950" and read as part of the number.

use std::fmt::Write;

use qbrief_calc::Analysis;
use qbrief_model::Fact;
// Keyed by addresses: a fast hash, nothing to defend against.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::Footnote;
use crate::format::{md, push_escaped};

/// Assigns footnote numbers to stated facts, and to sets of them, in order
/// of first reference.
pub(crate) struct Notes<'a> {
    analysis: &'a Analysis<'a>,
    /// Footnote numbers by the address of the fact: every fact a page cites
    /// is borrowed from the one analysis, so its address is its identity.
    by_fact: HashMap<*const Fact, usize>,
    /// Footnote numbers of several statements, by their addresses sorted:
    /// the same statements share one footnote whatever order they come in.
    by_set: HashMap<Box<[*const Fact]>, usize>,
    pub(crate) footnotes: Vec<Footnote>,
    /// False for a page that links to the briefs instead of citing (the
    /// universe index): references are then empty and nothing is defined.
    cites: bool,
}

impl<'a> Notes<'a> {
    pub(crate) fn new(analysis: &'a Analysis<'a>) -> Notes<'a> {
        Notes {
            analysis,
            by_fact: HashMap::default(),
            by_set: HashMap::default(),
            footnotes: Vec::new(),
            cites: true,
        }
    }

    /// Notes that cite nothing, for cells of a page whose figures link to
    /// the brief that cites them.
    pub(crate) fn uncited(analysis: &'a Analysis<'a>) -> Notes<'a> {
        Notes {
            cites: false,
            ..Notes::new(analysis)
        }
    }

    /// The footnote reference of a fact, defining the footnote on first use.
    pub(crate) fn cite(&mut self, fact: &Fact) -> String {
        if !self.cites {
            return String::new();
        }
        let key = std::ptr::from_ref(fact);
        if let Some(n) = self.by_fact.get(&key) {
            return reference(*n);
        }
        let mut text = String::with_capacity(160);
        self.push_statement(&mut text, fact);
        let n = self.define(text);
        self.by_fact.insert(key, n);
        reference(n)
    }

    /// The one footnote reference of a figure several statements back, its
    /// footnote listing each of them in the order given (a statement given
    /// twice is listed once); a single statement is cited as by
    /// [`Notes::cite`]. Empty for no statements.
    pub(crate) fn cite_all(&mut self, facts: &[&Fact]) -> String {
        if !self.cites {
            return String::new();
        }
        let mut key: Vec<*const Fact> = facts.iter().map(|f| std::ptr::from_ref(*f)).collect();
        key.sort_unstable();
        key.dedup();
        match key.len() {
            0 => return String::new(),
            1 => return self.cite(facts[0]),
            _ => {}
        }
        if let Some(n) = self.by_set.get(key.as_slice()) {
            return reference(*n);
        }
        let mut text = String::with_capacity(160 * key.len());
        // Repeats are looked for only when the dedup found some.
        let mut seen = HashSet::default();
        let mut listed = 0;
        for fact in facts {
            if key.len() < facts.len() && !seen.insert(std::ptr::from_ref(*fact)) {
                continue;
            }
            listed += 1;
            if listed > 1 {
                text.push_str("; ");
            }
            let _ = write!(text, "({listed}) ");
            self.push_statement(&mut text, fact);
        }
        let n = self.define(text);
        self.by_set.insert(key.into_boxed_slice(), n);
        reference(n)
    }

    /// Adds a footnote and returns its number.
    fn define(&mut self, text: String) -> usize {
        let label = self.footnotes.len() + 1;
        self.footnotes.push(Footnote { label, text });
        label
    }

    /// One statement, escaped: document, speaker, evidence, how a garbled
    /// figure was read, the note, and the data file and line.
    fn push_statement(&self, text: &mut String, fact: &Fact) {
        let doc = self.analysis.document(&fact.source);
        push_escaped(text, doc.map_or(fact.source.as_str(), |d| d.title.as_str()));
        text.push_str(" (");
        push_escaped(text, &fact.source);
        text.push_str("), ");
        match &fact.speaker {
            Some(s) => {
                push_escaped(text, &s.name);
                text.push_str(" (");
                push_escaped(text, &s.role);
                text.push(')');
            }
            None => text.push_str(fact.speaker_name()),
        }
        text.push_str(": “");
        push_escaped(text, &fact.evidence);
        text.push('”');
        if let Some(w) = &fact.as_written {
            text.push_str(" — as written: “");
            push_escaped(text, w);
            text.push_str("”, read as ");
            text.push_str(&md(&fact.value_text));
        }
        if let Some(note) = &fact.note {
            text.push_str(" — ");
            push_escaped(text, note);
        }
        text.push_str(" — ");
        push_escaped(text, &fact.location.file);
        let _ = write!(text, ":{}", fact.location.line);
    }
}

/// `[^n]`.
fn reference(n: usize) -> String {
    format!("[^{n}]")
}

#[cfg(test)]
mod tests {
    use qbrief_model::{DataFile, Dataset};

    use super::*;

    const COMPANY: &str = "id = \"acme\"\nname = \"Acme\"\nticker = \"ACM\"\nexchange = \"NASDAQ\"\ncurrency = \"USD\"\nfiscal_year_end_month = 12\n";
    const CALL: &str = "[document]\nid = \"call\"\nkind = \"earnings-call\"\ntitle = \"Acme Q3 call\"\nperiod = \"2024-Q3\"\nfile = \"f.txt\"\n\
        [[speaker]]\nname = \"Jo\"\nrole = \"CFO\"\n\
        [[fact]]\nmetric = \"revenue\"\nvalue = \"$80M\"\nspeaker = \"Jo\"\nevidence = \"revenue of $80 million\"\n\
        [[fact]]\nmetric = \"revenue\"\nvalue = \"about $80M\"\nspeaker = \"Jo\"\nevidence = \"again about $80 million\"\n\
        [[fact]]\nmetric = \"revenue\"\nvalue = \"$80.0M\"\nspeaker = \"Jo\"\nevidence = \"once more $80.0 million\"\n";

    fn dataset() -> Dataset {
        let file = |stem: &str, text: &str| DataFile {
            path: format!("data/acme/{stem}.toml"),
            folder: "acme".into(),
            stem: stem.into(),
            bytes: text.as_bytes().to_vec(),
        };
        let (dataset, findings) = Dataset::load(&[file("company", COMPANY), file("call", CALL)]);
        assert!(findings.is_empty(), "{findings:?}");
        dataset
    }

    #[test]
    fn uncited_notes_neither_refer_nor_define() {
        let dataset = dataset();
        let data = dataset.companies.values().next().unwrap();
        let analysis = qbrief_calc::analyze(data);
        let facts: Vec<&Fact> = data.facts.iter().collect();
        let mut notes = Notes::uncited(&analysis);
        assert_eq!(notes.cite(facts[0]), "");
        assert_eq!(notes.cite_all(&facts), "");
        assert!(notes.footnotes.is_empty());
    }

    #[track_caller]
    fn check(
        cite: impl Fn(&mut Notes<'_>, &[&Fact]) -> Vec<String>,
        expected: &[&str],
        texts: &[&str],
    ) {
        let dataset = dataset();
        let data = dataset.companies.values().next().unwrap();
        let analysis = qbrief_calc::analyze(data);
        let facts: Vec<&Fact> = data.facts.iter().collect();
        let mut notes = Notes::new(&analysis);
        assert_eq!(cite(&mut notes, &facts), expected);
        let defined: Vec<&str> = notes.footnotes.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(defined, texts);
        for (i, f) in notes.footnotes.iter().enumerate() {
            assert_eq!(f.label, i + 1);
        }
    }

    const A: &str =
        "Acme Q3 call (call), Jo (CFO): “revenue of \\$80 million” — data/acme/call.toml:10";
    const B: &str =
        "Acme Q3 call (call), Jo (CFO): “again about \\$80 million” — data/acme/call.toml:15";
    const C: &str =
        "Acme Q3 call (call), Jo (CFO): “once more \\$80.0 million” — data/acme/call.toml:20";

    #[test]
    fn one_marker_lists_every_statement() {
        let ab = format!("(1) {A}; (2) {B}");
        let ba = format!("(1) {B}; (2) {A}");
        // Several statements: one footnote listing each; the same set again,
        // in any order or with a repeat, is the same footnote.
        check(
            |n, f| {
                vec![
                    n.cite_all(&[f[0], f[1]]),
                    n.cite_all(&[f[1], f[0]]),
                    n.cite_all(&[f[0], f[1], f[0]]),
                    n.cite(f[0]),
                    n.cite_all(&[f[0]]),
                    n.cite_all(&[f[2], f[2]]),
                    n.cite_all(&[]),
                ]
            },
            &["[^1]", "[^1]", "[^1]", "[^2]", "[^2]", "[^3]", ""],
            &[&ab, A, C],
        );
        // The text lists the statements in the order of first use.
        check(
            |n, f| vec![n.cite_all(&[f[1], f[0]]), n.cite_all(&[f[0], f[1]])],
            &["[^1]", "[^1]"],
            &[&ba],
        );
        // A repeat is listed once.
        let abc = format!("(1) {A}; (2) {B}; (3) {C}");
        check(
            |n, f| vec![n.cite_all(&[f[0], f[1], f[0], f[2]])],
            &["[^1]"],
            &[&abc],
        );
    }
}
