//! The key-figures table, one table per taxonomy section, and the guidance
//! table with how guidance moved from call to call.

use std::collections::{BTreeMap, BTreeSet};

use qbrief_calc::{Analysis, Flag};
use qbrief_model::{Change, Dims, Fact, MetricKey, Period, Section};

use super::cells::change_label;
use super::cells::{change_cell, change_text, derived_value, dims_suffix, level_cell};
use super::notes::Notes;
use super::{SectionView, Table};
use crate::format::{escape, md};

/// The key figures of the brief layout: this quarter, the previous one and
/// a year earlier, with the changes.
pub(crate) fn key_figures(analysis: &Analysis<'_>, period: Period, notes: &mut Notes<'_>) -> Table {
    let prior = period.previous_quarter();
    let year_ago = period.year_ago();
    let prior_label = prior.map_or("Prior quarter".to_string(), |p| p.to_string());
    let year_label = year_ago.map_or("Year ago".to_string(), |p| p.to_string());
    let this = period.to_string();
    let mut table = Table::new(&["Metric", &this, &prior_label, "QoQ", &year_label, "YoY"]);
    let vocabulary = &analysis.data.vocabulary;
    let total = Dims::new();
    for id in &vocabulary.brief.key_figures {
        let Some(label) = vocabulary.label(id) else {
            continue;
        };
        let current = level_cell(analysis, id, &total, period, notes);
        let prior_cell = prior.map_or("–".into(), |p| level_cell(analysis, id, &total, p, notes));
        let year_cell =
            year_ago.map_or("–".into(), |p| level_cell(analysis, id, &total, p, notes));
        let qoq = change_cell(analysis, id, &total, Change::Qoq, period, notes);
        let yoy = change_cell(analysis, id, &total, Change::Yoy, period, notes);
        if [&current, &prior_cell, &qoq, &year_cell, &yoy]
            .iter()
            .all(|c| c.as_str() == "–")
        {
            continue;
        }
        table.push(vec![
            escape(label),
            current,
            prior_cell,
            qoq,
            year_cell,
            yoy,
        ]);
    }
    table
}

/// One section: the stated results of its metrics in this period (by axis
/// member, subject and measurement date), then its derived metrics.
pub(crate) fn section(
    analysis: &Analysis<'_>,
    period: Period,
    section: &Section,
    notes: &mut Notes<'_>,
) -> SectionView {
    let vocabulary = &analysis.data.vocabulary;
    let mut table = Table::new(&["Metric", "Value", "QoQ", "YoY"]);
    let order = |id: &str| vocabulary.position(id).unwrap_or(usize::MAX);
    type Row<'f> = (Period, usize, &'f Dims, String, String);
    let mut series: BTreeMap<Row<'_>, Vec<&Fact>> = BTreeMap::new();
    // A quarter shows its own figures, and what its documents say about
    // later periods without calling it guidance (plans, confirmed demand).
    let candidates = analysis.facts_in(period).iter().chain(
        analysis
            .said_in(period)
            .iter()
            .filter(|f| f.period > period),
    );
    for fact in candidates {
        if fact.guidance || fact.metric.change.is_some() || fact.metric.metric.section != section.id
        {
            continue;
        }
        let key = (
            fact.period,
            order(&fact.metric.metric.id),
            &fact.dims,
            fact.subject.clone().unwrap_or_default(),
            fact.as_of.map(|a| a.to_string()).unwrap_or_default(),
        );
        series.entry(key).or_default().push(fact);
    }
    let mut shown: Vec<(&str, &Dims)> = Vec::new();
    for ((for_period, _, dims, subject, as_of), facts) in &series {
        let Some(resolved) = qbrief_calc::resolve(facts) else {
            continue;
        };
        let metric = &resolved.fact.metric.metric;
        let mut label = escape(&metric.label);
        label.push_str(&dims_suffix(vocabulary, dims));
        if !subject.is_empty() {
            label.push_str(&format!(" — {}", escape(subject)));
        }
        if *for_period != period {
            label.push_str(&format!(" (for {for_period})"));
        }
        if !as_of.is_empty() {
            label.push_str(&if as_of == "unstated" {
                " (during the quarter)".to_string()
            } else {
                format!(" (as of {as_of})")
            });
        }
        // One marker for the statement used and every one agreeing with it.
        let backing: Vec<&Fact> = std::iter::once(resolved.fact)
            .chain(resolved.statements.iter().copied().filter(|other| {
                !std::ptr::eq(*other, resolved.fact) && other.agrees_with(resolved.fact)
            }))
            .collect();
        let mut cell = md(&resolved.fact.value_text);
        cell.push_str(&notes.cite_all(&backing));
        if resolved.conflict {
            cell.push_str(" ⚠ conflict, see Data quality");
        }
        let (qoq, yoy) = if subject.is_empty() && as_of.is_empty() && *for_period == period {
            shown.push((&metric.id, dims));
            (
                change_cell(analysis, &metric.id, dims, Change::Qoq, period, notes),
                change_cell(analysis, &metric.id, dims, Change::Yoy, period, notes),
            )
        } else {
            ("–".into(), "–".into())
        };
        table.push(vec![label, cell, qoq, yoy]);
    }
    for def in vocabulary
        .derived
        .iter()
        .filter(|d| d.section == section.id)
    {
        for d in analysis
            .derived_for(period)
            .filter(|d| d.metric == def.id && d.origin == qbrief_calc::Origin::Derived)
        {
            if shown.contains(&(def.id.as_str(), &d.dims)) {
                continue;
            }
            let changes = |suffix: &str| {
                analysis
                    .derived_at(&format!("{}.{suffix}", def.id), &d.dims, period)
                    .map_or("–".into(), |c| {
                        format!("{} *(d)*", change_text(analysis, c))
                    })
            };
            table.push(vec![
                format!(
                    "{}{} = {}",
                    escape(&d.label),
                    dims_suffix(vocabulary, &d.dims),
                    escape(&d.formula)
                ),
                format!("{} *(d)*", derived_value(analysis, d, false)),
                changes("qoq"),
                changes("yoy"),
            ]);
        }
    }
    SectionView {
        title: escape(&section.title),
        table,
        empty: format!(
            "No {} figures were stated for this quarter.",
            escape(&section.title.to_lowercase())
        ),
        lead: String::new(),
    }
}

/// Guidance for periods that end with this quarter (given earlier) and
/// guidance given in this quarter's documents, with each revision from call to call and, once the
/// result is known, beat or miss.
pub(crate) fn guidance<'a>(
    analysis: &Analysis<'a>,
    period: Period,
    notes: &mut Notes<'_>,
) -> SectionView {
    let mut table = Table::left_aligned(&["Metric", "For", "Guidance, call by call", "Outcome"]);
    // Grouped by borrowed keys, then ordered by the series' id text.
    type Series<'f> = (Period, &'f MetricKey, &'f Dims, Option<&'f str>);
    let series =
        |f: &'a Fact| -> Series<'a> { (f.period, &f.metric, &f.dims, f.subject.as_deref()) };
    let fye = analysis.data.company.fiscal_year_end_month;
    let period_end = period.dates(fye).1;
    // Guidance for a half or a year is settled in its last quarter's brief;
    // other guidance shows in the briefs of the calls that gave it.
    let ends_here = |target: Period| target.dates(fye).1 == period_end;
    let said_now = |f: &Fact| {
        analysis
            .document(&f.source)
            .is_some_and(|d| d.period == period)
    };
    let guided = || analysis.data.facts.iter().filter(|f| f.guidance);
    // Every brief walks the company's guidance: first the few series this
    // brief shows, then their statements, so that the grouping is not
    // made for every series in every brief.
    let shown: BTreeSet<Series<'_>> = guided()
        .filter(|f| ends_here(f.period) || said_now(f))
        .map(series)
        .collect();
    let mut by_series: BTreeMap<Series<'_>, Vec<&Fact>> = BTreeMap::new();
    for fact in guided().filter(|f| shown.contains(&series(f))) {
        by_series.entry(series(fact)).or_default().push(fact);
    }
    let mut groups: Vec<_> = by_series
        .into_iter()
        .map(|((target, key, dims, subject), facts)| ((target, key.id(), dims, subject), facts))
        .collect();
    groups.sort_by(|(a, _), (b, _)| a.cmp(b));
    for ((target, id, dims, subject), facts) in groups {
        let ends_here = ends_here(target);
        // Guidance for a later period shows only what was said up to this
        // quarter; guidance for this quarter also what later calls recalled.
        let facts: Vec<&Fact> = facts
            .into_iter()
            .filter(|f| {
                ends_here
                    || analysis
                        .document(&f.source)
                        .is_some_and(|d| d.period <= period)
            })
            .collect();
        let mut by_document: BTreeMap<(Period, &str), Vec<&Fact>> = BTreeMap::new();
        for f in &facts {
            let doc_period = analysis
                .data
                .document(&f.source)
                .map_or(f.period, |d| d.period);
            by_document
                .entry((doc_period, f.source.as_str()))
                .or_default()
                .push(f);
        }
        let history: Vec<String> = by_document
            .iter()
            .filter_map(|((doc_period, _), statements)| {
                let r = qbrief_calc::resolve(statements)?;
                let mut cell = md(&r.fact.value_text);
                cell.push_str(&notes.cite_all(&r.statements));
                if r.conflict {
                    cell.push_str(" ⚠ statements differ");
                }
                Some(format!("{cell} ({doc_period} call)"))
            })
            .collect();
        let metric = &facts[0].metric;
        let mut label = escape(&metric.metric.label);
        if let Some(c) = metric.change {
            label.push_str(&format!(" {}", change_label(c)));
        }
        label.push_str(&dims_suffix(&analysis.data.vocabulary, dims));
        if let Some(s) = subject {
            label.push_str(&format!(" — {}", escape(s)));
        }
        let outcome = analysis
            .derived_at(&format!("{id}_vs_guidance"), dims, target)
            .filter(|_| ends_here && subject.is_none())
            .map_or("–".to_string(), |d| {
                let by = if d.unit.is_percent() {
                    change_text(analysis, d)
                        .trim_start_matches(['+', '-'])
                        .to_string()
                } else {
                    derived_value(analysis, d, false)
                        .trim_start_matches('-')
                        .to_string()
                };
                if d.flags.contains(&Flag::Beat) {
                    format!("beat by {by} *(d)*")
                } else if d.flags.contains(&Flag::Miss) {
                    format!("missed by {by} *(d)*")
                } else {
                    "in line *(d)*".to_string()
                }
            });
        table.push(vec![
            label,
            target.to_string(),
            history.join(" → "),
            outcome,
        ]);
    }
    SectionView {
        title: "Guidance".into(),
        table,
        empty: "No guidance was given for or in this quarter.".into(),
        lead: String::new(),
    }
}
