//! The lookups of an analysis, built once per company so that its work
//! grows linearly with its quarters: facts by period and by the period of
//! the document that says them, conflicts, reconciliations, and the
//! resolved series by borrowed parts.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use qbrief_model::{CompanyData, Conflict, Document, Fact, Period};
// Keys are our own ids and addresses: a fast hash, nothing to defend against.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::derived::InputSource;
use crate::resolve::Resolved;
use crate::series_map::SeriesMap;

/// Lookups that briefs make for every period, built once so that a
/// company's work grows linearly with its quarters.
#[derive(Debug, Default)]
pub(crate) struct Index<'a> {
    pub(crate) documents: HashMap<&'a str, &'a Document>,
    /// Facts by the period they are for.
    pub(crate) by_period: BTreeMap<Period, Vec<&'a Fact>>,
    /// Facts by the period of the document that states them.
    pub(crate) said_in: BTreeMap<Period, Vec<&'a Fact>>,
    /// Conflicting statements by period.
    pub(crate) conflicts: BTreeMap<Period, Vec<Conflict<'a>>>,
    /// Reconciliations by the stated fact's period.
    pub(crate) reconciled: BTreeMap<Period, Vec<usize>>,
    /// Reconciliations by the address of the stated fact.
    pub(crate) by_fact: HashMap<usize, Vec<usize>>,
    /// Metrics stated along each axis.
    pub(crate) on_axis: BTreeMap<&'a str, BTreeSet<&'a str>>,
    /// The resolved series again, for lookups by borrowed parts.
    pub(crate) resolved: SeriesMap<Resolved<'a>>,
    /// The metric ids with an implied value somewhere.
    pub(crate) implied_ids: HashSet<String>,
    /// The source record of each fact, by the fact's address.
    pub(crate) sources: HashMap<usize, Arc<InputSource>>,
}

impl<'a> Index<'a> {
    /// The lookups by fact, document and period (the resolved series,
    /// implied ids and reconciliations are added as the analysis makes them).
    /// Conflicts are gathered only when `conflicts` is set.
    pub(crate) fn of_facts(data: &'a CompanyData, conflicts: bool) -> Index<'a> {
        let mut index = Index::default();
        for d in &data.documents {
            index.documents.insert(d.id.as_str(), d);
        }
        for fact in &data.facts {
            index.sources.insert(
                std::ptr::from_ref(fact) as usize,
                Arc::new(InputSource::of(fact)),
            );
            index.by_period.entry(fact.period).or_default().push(fact);
            if let Some(d) = index.documents.get(fact.source.as_str()) {
                index.said_in.entry(d.period).or_default().push(fact);
            }
            for axis in fact.dims.keys() {
                index
                    .on_axis
                    .entry(axis.as_str())
                    .or_default()
                    .insert(fact.metric.metric.id.as_str());
            }
        }
        if conflicts {
            for c in data.conflicts() {
                index.conflicts.entry(c.period).or_default().push(c);
            }
        }
        index
    }
}
