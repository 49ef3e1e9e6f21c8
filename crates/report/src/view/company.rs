//! The company page: links to the briefs, the trend table and the charts
//! the taxonomies' brief layout names.

use qbrief_calc::Analysis;
use qbrief_model::{Dims, Period, Unit};
use rust_decimal::Decimal;

use super::cells::computed_cell;
use super::{Chart, CompanyView, Table};
use crate::format::{escape, larger_units, md};

/// Builds the company page from the quarters that have briefs.
pub fn company(analysis: &Analysis<'_>, quarters: &[Period], file_ext: &str) -> CompanyView {
    let c = &analysis.data.company;
    let vocabulary = &analysis.data.vocabulary;
    let trend_ids: Vec<&String> = vocabulary
        .brief
        .trend
        .iter()
        .filter(|id| vocabulary.label(id).is_some())
        .collect();
    let mut columns = vec!["Quarter".to_string()];
    columns.extend(
        trend_ids
            .iter()
            .map(|id| escape(vocabulary.label(id).unwrap_or(id))),
    );
    let column_refs: Vec<&str> = columns.iter().map(String::as_str).collect();
    let mut trend = Table::new(&column_refs);
    for q in quarters {
        let mut row = vec![format!("[{q}]({q}.{file_ext})")];
        let mut any = false;
        for id in &trend_ids {
            let cell = trend_cell(analysis, id, *q);
            any |= cell != "–";
            row.push(cell);
        }
        if any {
            trend.push(row);
        }
    }
    let charts = vocabulary
        .brief
        .charts
        .iter()
        .filter_map(|id| chart(analysis, quarters, id))
        .collect();
    CompanyView {
        title: format!("{} ({}: {})", escape(&c.name), escape(&c.exchange), escape(&c.ticker)),
        company: escape(&c.name),
        ticker: escape(&c.ticker),
        briefs: quarters.iter().rev().map(|q| (q.to_string(), format!("{q}.{file_ext}"))).collect(),
        trend,
        charts,
        legend: "Values are as stated (the resolved statement when several were made); *(d)* derived; *(i)* implied from a stated change; – not available. Each quarter's brief gives the sources.".into(),
    }
}

fn trend_cell(analysis: &Analysis<'_>, id: &str, period: Period) -> String {
    // Uniform units down a column, at each statement's own precision.
    match analysis.stated(id, period) {
        Some(r) => md(&crate::format::figure(
            &r.fact.figure,
            &analysis.data.vocabulary.units,
        )),
        None => computed_cell(analysis, id, &Dims::new(), period),
    }
}

/// A chart of a metric's company totals, stated or implied, scaled to the
/// largest unit (or money scale) its values reach.
fn chart(analysis: &Analysis<'_>, quarters: &[Period], id: &str) -> Option<Chart> {
    let title = analysis.data.vocabulary.label(id)?.to_string();
    let mut points = Vec::new();
    let mut unit: Option<Unit> = None;
    for q in quarters {
        let (v, u, is_implied) = match analysis.stated(id, *q) {
            Some(r) => (r.value(), r.fact.figure.unit().clone(), false),
            None => match analysis.implied_at(id, &Dims::new(), *q) {
                Some(d) => match d.value {
                    Some(v) => (v, d.unit.clone(), true),
                    None => continue,
                },
                None => continue,
            },
        };
        // One unit per chart: a figure in another currency is left out.
        if unit.get_or_insert_with(|| u.clone()) != &u {
            continue;
        }
        points.push((*q, v, is_implied));
    }
    let unit = unit?;
    let max = points.iter().map(|(_, v, _)| v.abs()).max()?;
    let (divisor, y_label) = chart_scale(analysis, &unit, max);
    let chart = Chart {
        title: escape(&title),
        y_label,
        x: points.iter().map(|(q, _, _)| format!("\"{q}\"")).collect(),
        y: points
            .iter()
            .map(|(_, v, _)| {
                v.checked_div(divisor)
                    .unwrap_or(*v)
                    .round_dp(2)
                    .normalize()
                    .to_string()
            })
            .collect(),
        implied: points
            .iter()
            .filter(|(_, _, i)| *i)
            .map(|(q, _, _)| q.to_string())
            .collect(),
    };
    (chart.x.len() >= 2).then_some(chart)
}

/// The divisor and axis label for values up to `max` in `unit`.
fn chart_scale(analysis: &Analysis<'_>, unit: &Unit, max: Decimal) -> (Decimal, String) {
    let million = Decimal::from(1_000_000);
    let billion = Decimal::from(1_000_000_000);
    if unit.is_money() {
        let code = unit.currency().map(|c| c.to_string()).unwrap_or_default();
        return if max >= billion {
            (billion, format!("{code} billions"))
        } else if max >= million {
            (million, format!("{code} millions"))
        } else {
            (Decimal::ONE, code)
        };
    }
    if unit.is_percent() {
        return (Decimal::ONE, "%".into());
    }
    let symbol = unit.symbol().to_string();
    if let Some((per_money, per)) = symbol.split_once('/') {
        if unit.dimension().has_money() {
            let per = per.trim_start_matches('(').trim_end_matches(')');
            return (Decimal::ONE, format!("{per_money} per {per}"));
        }
    }
    for (exp, name) in larger_units(unit, &analysis.data.vocabulary.units) {
        let Some(factor) = 10i128.checked_pow(exp as u32) else {
            continue;
        };
        let factor = Decimal::from_i128_with_scale(factor, 0);
        if max >= factor {
            return (factor, name.trim().to_string());
        }
    }
    (Decimal::ONE, symbol)
}
