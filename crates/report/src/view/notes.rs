//! Footnotes: every stated figure a page shows cites its source, numbered
//! in order of first reference.

use std::collections::HashMap;

use qbrief_calc::Analysis;
use qbrief_model::Fact;

use super::Footnote;
use crate::format::{escape, md};

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
            by_fact: HashMap::new(),
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
        let title = doc.map_or(fact.source.clone(), |d| d.title.clone());
        let speaker = match &fact.speaker {
            Some(s) => format!("{} ({})", escape(&s.name), escape(&s.role)),
            None => "unattributed".to_string(),
        };
        let mut text = format!(
            "{} ({}), {speaker}: “{}”",
            escape(&title),
            escape(&fact.source),
            escape(&fact.evidence)
        );
        if let Some(w) = &fact.as_written {
            text.push_str(&format!(
                " — as written: “{}”, read as {}",
                escape(w),
                md(&fact.value_text)
            ));
        }
        if let Some(note) = &fact.note {
            text.push_str(&format!(" — {}", escape(note)));
        }
        text.push_str(&format!(
            " — {}:{}",
            escape(&fact.location.file),
            fact.location.line
        ));
        self.footnotes.push(Footnote { label: n, text });
        self.by_fact.insert(key, n);
        format!("[^{n}]")
    }
}
