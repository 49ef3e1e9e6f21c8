//! The steps of one company's analysis, in order: resolve the statements
//! of each series, gather guidance, back-solve implied values, evaluate the
//! taxonomies' formulas and the built-in derivations, then reconcile.

use std::collections::BTreeMap;

use qbrief_model::{CompanyData, Fact};

use crate::analysis::{Analysis, Guided, SeriesKey};
use crate::index::Index;
use crate::reconcile::reconcile_all;
use crate::resolve::{resolve, Resolved};
use crate::scope::{Builtin, Scope, Wanted};
use crate::series_map::SeriesMap;

/// Analyses one company. Pure: no I/O, no panics on any input.
pub fn analyze(data: &CompanyData) -> Analysis<'_> {
    analyze_with(data, Scope::Everything)
}

/// Analyses one company, computing what `scope` asks for: the
/// reconciliations are the same in every scope.
///
/// ```
/// # use qbrief_model::{DataFile, Dataset};
/// # let company = "id = \"acme\"\nname = \"Acme\"\nticker = \"A\"\nexchange = \"X\"\ncurrency = \"USD\"\nfiscal_year_end_month = 12\n";
/// # let call = "[document]\nid = \"c\"\nkind = \"earnings-call\"\ntitle = \"t\"\nperiod = \"2024-Q2\"\nfile = \"f\"\n[[fact]]\nmetric = \"revenue\"\nperiod = \"2024-Q1\"\nvalue = \"$80M\"\nevidence = \"$80 million\"\n[[fact]]\nmetric = \"revenue\"\nvalue = \"$88M\"\nevidence = \"$88 million\"\n[[fact]]\nmetric = \"revenue.qoq\"\nvalue = \"+10%\"\nevidence = \"up 10%\"\n";
/// # let file = |stem: &str, text: &str| DataFile { path: format!("{stem}.toml"), folder: "acme".into(), stem: stem.into(), bytes: text.as_bytes().to_vec() };
/// # let (dataset, _) = Dataset::load(&[file("company", company), file("c", call)]);
/// let data = dataset.companies.values().next().unwrap();
/// let everything = qbrief_calc::analyze(data);
/// let checks = qbrief_calc::analyze_with(data, qbrief_calc::Scope::Reconciliation);
/// assert_eq!(
///     format!("{:?}", checks.reconciliations),
///     format!("{:?}", everything.reconciliations)
/// );
/// assert!(checks.derived.len() <= everything.derived.len());
/// ```
pub fn analyze_with(data: &CompanyData, scope: Scope) -> Analysis<'_> {
    let mut index = Index::of_facts(data, scope != Scope::Reconciliation);
    let mut series: BTreeMap<SeriesKey, Vec<&Fact>> = BTreeMap::new();
    let mut guided: BTreeMap<SeriesKey, BTreeMap<&str, Vec<&Fact>>> = BTreeMap::new();
    for fact in &data.facts {
        if fact.subject.is_some() || fact.as_of.is_some() {
            continue;
        }
        let key = (fact.metric.clone(), fact.dims.clone(), fact.period);
        if fact.guidance {
            guided
                .entry(key)
                .or_default()
                .entry(fact.source.as_str())
                .or_default()
                .push(fact);
        } else {
            series.entry(key).or_default().push(fact);
        }
    }
    let resolved: BTreeMap<SeriesKey, Resolved<'_>> = series
        .into_iter()
        .filter_map(|(k, statements)| resolve(&statements).map(|r| (k, r)))
        .collect();
    for ((key, dims, period), r) in &resolved {
        index.resolved.insert(
            (&key.metric.id, key.change),
            dims,
            *period,
            r.clone(),
            false,
        );
    }
    let guidance = guided
        .into_iter()
        .map(|(k, by_document)| {
            let mut list: Vec<Guided<'_>> = by_document
                .into_iter()
                .filter_map(|(doc, statements)| {
                    Some(Guided {
                        document: index.documents.get(doc).copied()?,
                        resolved: resolve(&statements)?,
                    })
                })
                .collect();
            list.sort_by(|a, b| {
                (a.document.period, a.document.date, &a.document.id).cmp(&(
                    b.document.period,
                    b.document.date,
                    &b.document.id,
                ))
            });
            (k, list)
        })
        .collect();
    let mut analysis = Analysis {
        data,
        resolved,
        guidance,
        implied: BTreeMap::new(),
        derived: Vec::new(),
        reconciliations: Vec::new(),
        derived_index: SeriesMap::default(),
        index,
        scope,
        wanted: (scope != Scope::Everything).then(|| Wanted::of(data)),
    };
    analysis.implied = analysis.implied_levels();
    analysis.index.implied_ids = analysis
        .implied
        .keys()
        .map(|(id, _, _)| id.clone())
        .collect();
    // Quarters from year-to-date figures first, so that formulas use them
    // (free cash flow of a quarter that filings give only year to date).
    let mut to_date = Vec::new();
    analysis.quarters_from_year_to_date(&mut to_date);
    let mut periods = analysis.periods();
    periods.extend(to_date.iter().map(|d| d.period));
    periods.sort();
    periods.dedup();
    for d in to_date {
        analysis.push(d);
    }
    for def in &data.vocabulary.derived {
        for &period in &periods {
            for d in analysis.evaluate_derived(def, period) {
                analysis.push(d);
            }
        }
    }
    // Derived numbers are a few hundred bytes: lists sized up front are
    // not copied as they grow. Growth makes at most two per level.
    let mut builtin = Vec::with_capacity(2 * analysis.resolved.len());
    analysis.growth(&mut builtin);
    analysis.sums(&mut builtin);
    let mut beat_or_miss = Vec::new();
    analysis.beat_or_miss(&mut beat_or_miss);
    beat_or_miss
        .retain(|d| analysis.computes(Builtin::BeatOrMiss, (&d.metric, None), &d.dims, d.period));
    builtin.extend(beat_or_miss);
    analysis.derived.reserve(builtin.len());
    for d in builtin {
        analysis.push(d);
    }
    let mut derived = std::mem::take(&mut analysis.derived);
    qbrief_model::stable_sort_by(&mut derived, |a, b| {
        (a.period, &a.metric, &a.dims).cmp(&(b.period, &b.metric, &b.dims))
    });
    analysis.derived_index = SeriesMap::default();
    for (i, d) in derived.iter().enumerate() {
        // After sorting, the last of equal series wins, as in a map built
        // from the sorted list.
        analysis
            .derived_index
            .insert((&d.metric, None), &d.dims, d.period, i, true);
    }
    analysis.derived = derived;
    analysis.reconciliations = reconcile_all(&analysis);
    for (i, r) in analysis.reconciliations.iter().enumerate() {
        analysis
            .index
            .reconciled
            .entry(r.fact.period)
            .or_default()
            .push(i);
        analysis
            .index
            .by_fact
            .entry(std::ptr::from_ref(r.fact) as usize)
            .or_default()
            .push(i);
    }
    analysis
}
