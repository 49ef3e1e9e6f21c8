//! Table cells: stated figures with their footnotes and warnings, derived
//! and implied values rounded to what their intervals support, and changes
//! in words where a plain percentage would mislead.

use qbrief_calc::{Analysis, ChangeKind, Derived, Flag, Status};
use qbrief_model::{Change, Dims, MetricKey, Period, SignConvention, Unit, Vocabulary};
use rust_decimal::Decimal;

use super::notes::Notes;
use crate::format::{decimals_within, derived_decimals, md, number, push_escaped, value};

/// The members of a figure for its label, by the labels the taxonomies
/// give them, in axis order: " — Middle East, A15 series".
pub(crate) fn dims_suffix(vocabulary: &Vocabulary, dims: &Dims) -> String {
    let mut out = String::new();
    for (i, (axis, member)) in dims.iter().enumerate() {
        out.push_str(if i == 0 { " — " } else { ", " });
        push_escaped(&mut out, &vocabulary.member_label(axis, member));
    }
    out
}

/// A resolved stated value as a cell with its footnote, and a warning when
/// statements conflict or calc derives something else.
pub(crate) fn stated_cell(
    analysis: &Analysis<'_>,
    key: &MetricKey,
    dims: &Dims,
    period: Period,
    notes: &mut Notes<'_>,
) -> Option<String> {
    let r = analysis.resolved_at(key, dims, period)?;
    let mut cell = if key.change.is_some() {
        change_text_stated(analysis, key, dims, period, &r.fact.value_text, r.value())
    } else {
        md(&r.fact.value_text)
    };
    cell.push_str(&notes.cite(r.fact));
    if r.conflict {
        cell.push_str(" ⚠ conflict");
    }
    let mismatch = analysis
        .reconciliations_of(r.fact)
        .find(|c| std::ptr::eq(c.fact, r.fact) && matches!(c.status, Status::Inconsistent { .. }));
    if let Some(d) = mismatch.and_then(|c| c.derived.as_ref()) {
        let derived = if key.change.is_some() {
            change_text(analysis, d)
        } else {
            derived_value(analysis, d, false)
        };
        cell.push_str(&format!(" ⚠ derived {derived}"));
    }
    Some(cell)
}

/// A level: stated, else implied or derived; `–` for none.
pub(crate) fn level_cell(
    analysis: &Analysis<'_>,
    id: &str,
    dims: &Dims,
    period: Period,
    notes: &mut Notes<'_>,
) -> String {
    if let Some(key) = analysis.key(id, None) {
        if let Some(c) = stated_cell(analysis, &key, dims, period, notes) {
            return c;
        }
    }
    computed_cell(analysis, id, dims, period)
}

/// An implied value, else a derived one, marked as such; `–` for neither.
pub(crate) fn computed_cell(
    analysis: &Analysis<'_>,
    id: &str,
    dims: &Dims,
    period: Period,
) -> String {
    if let Some(d) = analysis.implied_at(id, dims, period) {
        let mut cell = derived_value(analysis, d, false);
        cell.push_str(" *(i)*");
        return cell;
    }
    if let Some(d) = analysis.derived_at(id, dims, period) {
        let mut cell = derived_value(analysis, d, false);
        cell.push_str(" *(d)*");
        return cell;
    }
    "–".into()
}

/// A stated change, else a derived one; `–` for neither.
pub(crate) fn change_cell(
    analysis: &Analysis<'_>,
    id: &str,
    dims: &Dims,
    change: Change,
    period: Period,
    notes: &mut Notes<'_>,
) -> String {
    if let Some(key) = analysis.key(id, Some(change)) {
        if let Some(c) = stated_cell(analysis, &key, dims, period, notes) {
            return c;
        }
    }
    match analysis.derived_at(&[id, ".", change.suffix()].concat(), dims, period) {
        Some(d) => {
            let mut cell = change_text(analysis, d);
            cell.push_str(" *(d)*");
            cell
        }
        None => "–".into(),
    }
}

/// A derived or implied value, rounded to what its interval supports.
pub(crate) fn derived_value(analysis: &Analysis<'_>, d: &Derived, signed: bool) -> String {
    match d.value {
        Some(v) => md(&value(
            v,
            &d.unit,
            &analysis.data.vocabulary.units,
            derived_decimals(&d.interval, &d.unit),
            signed,
        )),
        None => "n/m".into(),
    }
}

/// A derived change in words where it is not a plain growth rate.
pub(crate) fn change_text(analysis: &Analysis<'_>, d: &Derived) -> String {
    let Some(v) = d.value else {
        return "n/m".into();
    };
    let percent = Unit::percent();
    let units = &analysis.data.vocabulary.units;
    let dp = derived_decimals(&d.interval, &percent);
    if d.flags.contains(&Flag::PercentagePoints) {
        // Margins move by basis points: show hundredths of a point where the
        // inputs support them.
        let dp = decimals_within(&d.interval, (0, 2));
        let sign = if v.is_sign_negative() && !v.is_zero() {
            "-"
        } else if v.is_zero() {
            ""
        } else {
            "+"
        };
        return format!("{sign}{} pp", number(v.abs(), dp));
    }
    let magnitude = || value(v.abs(), &percent, units, dp, false);
    match d.change {
        Some(ChangeKind::LossNarrowed) => format!("loss narrowed {}", magnitude()),
        Some(ChangeKind::LossWidened) => format!("loss widened {}", magnitude()),
        Some(ChangeKind::TurnedPositive) => "turned positive".into(),
        Some(ChangeKind::TurnedNegative) => "turned negative".into(),
        Some(ChangeKind::FromZero) | Some(ChangeKind::NotMeaningful) => "n/m".into(),
        _ => value(v, &percent, units, dp, true),
    }
}

/// A stated change in words: on a loss (negative current value) a positive
/// rate is a narrowing.
fn change_text_stated(
    analysis: &Analysis<'_>,
    key: &MetricKey,
    dims: &Dims,
    period: Period,
    text: &str,
    rate: Decimal,
) -> String {
    let current_negative = analysis
        .stated_at(&key.metric.id, dims, period)
        .is_some_and(|r| r.value().is_sign_negative() && !r.value().is_zero());
    if current_negative && key.metric.sign == SignConvention::Signed {
        let magnitude = text.replace(['+', '-'], "");
        return if rate.is_sign_positive() {
            format!("loss narrowed {}", md(&magnitude))
        } else {
            format!("loss widened {}", md(&magnitude))
        };
    }
    md(text)
}

/// The interval of a derived value, for the data-quality tables.
pub(crate) fn interval_text(analysis: &Analysis<'_>, d: &Derived) -> String {
    let dp = derived_decimals(&d.interval, &d.unit);
    let units = &analysis.data.vocabulary.units;
    match (d.interval.low, d.interval.high) {
        (Some(l), Some(h)) => format!(
            "{} to {}",
            md(&value(l, &d.unit, units, dp, false)),
            md(&value(h, &d.unit, units, dp, false))
        ),
        _ => "unbounded".into(),
    }
}

/// "QoQ" or "YoY".
pub(crate) fn change_label(change: Change) -> &'static str {
    match change {
        Change::Qoq => "QoQ",
        Change::Yoy => "YoY",
    }
}

/// A label inside a sentence: lowercased unless it starts with an acronym
/// ("revenue", but "FFO per share").
pub(crate) fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() || !second.is_alphabetic() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}
