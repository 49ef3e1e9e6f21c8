//! The analysis of one company: resolved values, guidance, implied values,
//! the derived table of every period, and the reconciliation of stated
//! figures with what calc can compute from the others.
//!
//! What is derived comes from two places: the taxonomies' formulas
//! (`evaluate.rs`), and what holds for every metric of any industry
//! (`builtin.rs`: implied values, QoQ and YoY changes, period sums, and
//! `guidance.rs`: beat or miss).

use std::collections::{BTreeMap, BTreeSet};

use qbrief_model::{
    CompanyData, Conflict, Dims, Document, Fact, Interval, MetricKey, Period, Unit,
};
use rust_decimal::Decimal;

use crate::change::Flag;
use crate::derived::{Derived, Input, Origin};
use crate::index::Index;
use crate::reconciliation::Reconciliation;
use crate::resolve::Resolved;
use crate::scope::{Builtin, Scope, Wanted};
use crate::series_map::SeriesMap;

/// A series: a metric (or a stated change of one), the axis members, and
/// the period.
pub type SeriesKey = (MetricKey, Dims, Period);

/// A value usable as a formula input: resolved from statements, implied,
/// or derived.
#[derive(Debug, Clone)]
pub struct Level {
    /// Point value.
    pub value: Decimal,
    /// Interval.
    pub interval: Interval,
    /// Unit.
    pub unit: Unit,
    /// The input record for formulas.
    pub input: Input,
}

impl Level {
    /// The level a derived or implied number gives `metric` (no level when
    /// the number could not be computed).
    pub(crate) fn of_derived(
        d: &Derived,
        metric: String,
        dims: &Dims,
        period: Period,
    ) -> Option<Level> {
        let value = d.value?;
        Some(Level {
            value,
            interval: d.interval,
            unit: d.unit.clone(),
            input: Input {
                metric,
                dims: dims.clone(),
                period,
                guidance: false,
                value,
                interval: d.interval,
                origin: d.origin,
                source: None,
            },
        })
    }
}

/// The guidance one document gave for a series.
#[derive(Debug, Clone)]
pub struct Guided<'a> {
    /// The document that gave it.
    pub document: &'a Document,
    /// Its statements there, resolved.
    pub resolved: Resolved<'a>,
}

/// Everything calc knows about one company.
#[derive(Debug)]
pub struct Analysis<'a> {
    /// The company's data.
    pub data: &'a CompanyData,
    /// Resolved stated results by series (without a subject or a
    /// measurement date; guidance is kept apart). Lookups (`stated_at`,
    /// `resolved_at`) go through an index built from it by [`analyze`](crate::analyze).
    pub resolved: BTreeMap<SeriesKey, Resolved<'a>>,
    /// Guidance by series: what each document said, oldest document first.
    pub guidance: BTreeMap<SeriesKey, Vec<Guided<'a>>>,
    /// Implied level values by metric id, dims and period.
    pub implied: BTreeMap<(String, Dims, Period), Derived>,
    /// Every derived number, ordered by period, metric, then dims.
    pub derived: Vec<Derived>,
    /// Every stated figure calc can also compute, compared.
    pub reconciliations: Vec<Reconciliation<'a>>,
    /// Positions in `derived` by series.
    pub(crate) derived_index: SeriesMap<usize>,
    pub(crate) index: Index<'a>,
    /// What the analysis computes.
    pub(crate) scope: Scope,
    /// The series that reconciliation reads, for a scope that leaves out
    /// others (`None` in [`Scope::Everything`]).
    pub(crate) wanted: Option<Wanted>,
}

impl<'a> Analysis<'a> {
    /// Whether the analysis's scope computes the built-in series.
    pub(crate) fn computes(
        &self,
        kind: Builtin,
        key: (&str, Option<qbrief_model::Change>),
        dims: &Dims,
        period: Period,
    ) -> bool {
        self.scope.computes_all(kind)
            || self
                .wanted
                .as_ref()
                .is_none_or(|w| w.wants(key, dims, period))
    }

    pub(crate) fn push(&mut self, d: Derived) {
        self.derived_index.insert(
            (&d.metric, None),
            &d.dims,
            d.period,
            self.derived.len(),
            false,
        );
        self.derived.push(d);
    }

    /// The input record of a stated fact of this analysis's data.
    pub fn input(&self, fact: &Fact, interval: Interval) -> Input {
        match self.index.sources.get(&(std::ptr::from_ref(fact) as usize)) {
            Some(source) => Input::with_source(fact, interval, source.clone()),
            None => Input::stated(fact, interval),
        }
    }

    /// A source document by id.
    pub fn document(&self, id: &str) -> Option<&'a Document> {
        self.index.documents.get(id).copied()
    }

    /// The facts for a period.
    pub fn facts_in(&self, period: Period) -> &[&'a Fact] {
        self.index.by_period.get(&period).map_or(&[], Vec::as_slice)
    }

    /// The facts stated by the documents of a period.
    pub fn said_in(&self, period: Period) -> &[&'a Fact] {
        self.index.said_in.get(&period).map_or(&[], Vec::as_slice)
    }

    /// The conflicting statements of a period.
    pub fn conflicts_in(&self, period: Period) -> &[Conflict<'a>] {
        self.index.conflicts.get(&period).map_or(&[], Vec::as_slice)
    }

    /// The reconciliations of the stated figures of a period.
    pub fn reconciliations_in(&self, period: Period) -> impl Iterator<Item = &Reconciliation<'a>> {
        self.index
            .reconciled
            .get(&period)
            .into_iter()
            .flatten()
            .map(|i| &self.reconciliations[*i])
    }

    /// The reconciliations of one stated fact of this analysis's data.
    pub fn reconciliations_of(&self, fact: &Fact) -> impl Iterator<Item = &Reconciliation<'a>> {
        self.index
            .by_fact
            .get(&(std::ptr::from_ref(fact) as usize))
            .into_iter()
            .flatten()
            .map(|i| &self.reconciliations[*i])
    }

    /// The metrics stated along an axis.
    pub(crate) fn on_axis(&self, axis: &str) -> BTreeSet<&str> {
        self.index
            .on_axis
            .get(axis)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    }

    /// Every period with a resolved or implied value, in order.
    pub fn periods(&self) -> Vec<Period> {
        let set: BTreeSet<Period> = self
            .resolved
            .keys()
            .map(|(_, _, p)| *p)
            .chain(self.implied.keys().map(|(_, _, p)| *p))
            .collect();
        set.into_iter().collect()
    }

    /// The key of a metric id of the vocabulary, with an optional change.
    pub fn key(&self, id: &str, change: Option<qbrief_model::Change>) -> Option<MetricKey> {
        let metric = self.data.vocabulary.metric(id)?.clone();
        Some(MetricKey { metric, change })
    }

    /// The resolved stated company total of a level metric.
    pub fn stated(&self, id: &str, period: Period) -> Option<&Resolved<'a>> {
        self.stated_at(id, &Dims::new(), period)
    }

    /// The resolved stated value of a level metric for axis members.
    pub fn stated_at(&self, id: &str, dims: &Dims, period: Period) -> Option<&Resolved<'a>> {
        self.index.resolved.get((id, None), dims, period)
    }

    /// The resolved stated value of a series: a level or a stated change.
    pub fn resolved_at(
        &self,
        key: &MetricKey,
        dims: &Dims,
        period: Period,
    ) -> Option<&Resolved<'a>> {
        self.index
            .resolved
            .get((&key.metric.id, key.change), dims, period)
    }

    /// The resolved stated value of a change (`revenue.yoy`) of the total.
    pub fn stated_change(
        &self,
        id: &str,
        change: qbrief_model::Change,
        period: Period,
    ) -> Option<&Resolved<'a>> {
        self.index
            .resolved
            .get((id, Some(change)), &Dims::new(), period)
    }

    /// A level from a statement only.
    pub fn stated_level(&self, id: &str, dims: &Dims, period: Period) -> Option<Level> {
        let r = self.stated_at(id, dims, period)?;
        Some(Level {
            value: r.value(),
            interval: r.interval,
            unit: r.fact.figure.unit().clone(),
            input: self.input(r.fact, r.interval),
        })
    }

    /// A level from a statement, else an implied value, else a derived one.
    pub fn level(&self, id: &str, dims: &Dims, period: Period) -> Option<Level> {
        if let Some(l) = self.stated_level(id, dims, period) {
            return Some(l);
        }
        // Of an implied and a derived value, the narrower: a quarter from
        // two filed year-to-date figures is known to the filed precision,
        // one back-solved from a rounded change often not at all.
        let d = match (
            self.implied_at(id, dims, period),
            self.derived_at(id, dims, period),
        ) {
            (Some(i), Some(d)) if narrower(&d.interval, &i.interval) => d,
            (Some(i), _) => i,
            (None, d) => d?,
        };
        Level::of_derived(d, id.to_string(), dims, period)
    }

    /// The derived numbers of one period, ordered by metric then dims.
    pub fn derived_for(&self, period: Period) -> impl Iterator<Item = &Derived> {
        // `derived` is sorted by period first: a brief looks up its own
        // periods without scanning every period of the company.
        let start = self.derived.partition_point(|d| d.period < period);
        let end = self.derived.partition_point(|d| d.period <= period);
        self.derived[start..end].iter()
    }

    /// A derived number of the company total by id and period.
    pub fn derived(&self, id: &str, period: Period) -> Option<&Derived> {
        self.derived_at(id, &Dims::new(), period)
    }

    /// A derived number by id, axis members and period.
    pub fn derived_at(&self, id: &str, dims: &Dims, period: Period) -> Option<&Derived> {
        self.derived_index
            .get((id, None), dims, period)
            .map(|i| &self.derived[*i])
    }

    /// An implied level by id, axis members and period.
    pub fn implied_at(&self, id: &str, dims: &Dims, period: Period) -> Option<&Derived> {
        // Few series have implied values: skip building the key for the rest.
        if !self.index.implied_ids.contains(id) {
            return None;
        }
        self.implied.get(&(id.to_string(), dims.clone(), period))
    }

    /// A derived number of this analysis, with the implied flag set when
    /// an input is implied.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn make(
        &self,
        id: &str,
        label: &str,
        dims: &Dims,
        period: Period,
        unit: Unit,
        value: Option<Decimal>,
        interval: Interval,
        formula: String,
        inputs: Vec<Input>,
        mut flags: Vec<Flag>,
    ) -> Derived {
        if inputs.iter().any(|i| i.origin == Origin::Implied) && !flags.contains(&Flag::UsesImplied)
        {
            flags.push(Flag::UsesImplied);
        }
        Derived {
            metric: id.to_string(),
            label: label.to_string(),
            dims: dims.clone(),
            period,
            origin: Origin::Derived,
            unit,
            value: value.map(|v| v.normalize()),
            interval,
            formula,
            inputs,
            flags,
            change: None,
        }
    }
}

/// Whether `a` is bounded and narrower than `b` (an unbounded interval is
/// the widest).
fn narrower(a: &Interval, b: &Interval) -> bool {
    let width = |i: &Interval| match (i.low, i.high) {
        (Some(l), Some(h)) => h.checked_sub(l),
        _ => None,
    };
    match (width(a), width(b)) {
        (Some(x), Some(y)) => x < y,
        (Some(_), None) => true,
        _ => false,
    }
}
