//! Footnotes: every stated figure a page shows cites its source, numbered
//! in order of first reference.

use std::fmt::Write;

use qbrief_calc::Analysis;
use qbrief_model::Fact;
// Keyed by addresses: a fast hash, nothing to defend against.
use rustc_hash::FxHashMap as HashMap;

use super::Footnote;
use crate::format::{md, push_escaped};

/// Assigns footnote numbers to stated facts in order of first reference.
pub(crate) struct Notes<'a> {
    analysis: &'a Analysis<'a>,
    /// Footnote numbers by the address of the fact: every fact a page cites
    /// is borrowed from the one analysis, so its address is its identity.
    by_fact: HashMap<*const Fact, usize>,
    pub(crate) footnotes: Vec<Footnote>,
}

impl<'a> Notes<'a> {
    pub(crate) fn new(analysis: &'a Analysis<'a>) -> Notes<'a> {
        Notes {
            analysis,
            by_fact: HashMap::default(),
            footnotes: Vec::new(),
        }
    }

    /// The footnote reference of a fact, defining the footnote on first use.
    pub(crate) fn cite(&mut self, fact: &Fact) -> String {
        let key = std::ptr::from_ref(fact);
        if let Some(n) = self.by_fact.get(&key) {
            return format!("[^{n}]");
        }
        let n = self.footnotes.len() + 1;
        let doc = self.analysis.document(&fact.source);
        let mut text = String::with_capacity(160);
        push_escaped(
            &mut text,
            doc.map_or(fact.source.as_str(), |d| d.title.as_str()),
        );
        text.push_str(" (");
        push_escaped(&mut text, &fact.source);
        text.push_str("), ");
        match &fact.speaker {
            Some(s) => {
                push_escaped(&mut text, &s.name);
                text.push_str(" (");
                push_escaped(&mut text, &s.role);
                text.push(')');
            }
            None => text.push_str("unattributed"),
        }
        text.push_str(": “");
        push_escaped(&mut text, &fact.evidence);
        text.push('”');
        if let Some(w) = &fact.as_written {
            text.push_str(" — as written: “");
            push_escaped(&mut text, w);
            text.push_str("”, read as ");
            text.push_str(&md(&fact.value_text));
        }
        if let Some(note) = &fact.note {
            text.push_str(" — ");
            push_escaped(&mut text, note);
        }
        text.push_str(" — ");
        push_escaped(&mut text, &fact.location.file);
        let _ = write!(text, ":{}", fact.location.line);
        self.footnotes.push(Footnote { label: n, text });
        self.by_fact.insert(key, n);
        format!("[^{n}]")
    }
}
