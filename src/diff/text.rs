//! Computed figures as the briefs print them (`qbrief_report`'s number
//! formatting: the digits the interval supports), with more digits where
//! the two sides would otherwise print alike.

use qbrief_calc::{Derived, Flag, Input, Origin};
use qbrief_model::{dims_text, Interval, Unit, UnitTable, Vocabulary};
use qbrief_report::{derived_decimals, number, value};
use rust_decimal::Decimal;

/// The most digits added to tell two printed values apart.
const MORE_DIGITS: i32 = 3;

/// A computed figure with `extra` more decimal places than a brief shows.
pub(crate) fn derived_text(d: &Derived, units: &UnitTable, extra: i32) -> String {
    let Some(v) = d.value else {
        return "n/m".into();
    };
    if d.flags.contains(&Flag::PercentagePoints) {
        let dp = derived_decimals(&d.interval, &Unit::percent()) + extra;
        return format!("{}{} pp", sign(v), number(v.abs(), dp));
    }
    let signed = d.change.is_some() || d.metric.contains('.');
    value(
        v,
        &d.unit,
        units,
        derived_decimals(&d.interval, &d.unit) + extra,
        signed,
    )
}

/// Both sides of a computed figure that changed, printed so that they
/// differ: with more digits if need be, else with their intervals.
pub(crate) fn derived_pair(
    old: Option<(&Derived, &UnitTable)>,
    new: Option<(&Derived, &UnitTable)>,
) -> (Option<String>, Option<String>) {
    let text = |side: Option<(&Derived, &UnitTable)>, extra| {
        side.map(|(d, units)| derived_text(d, units, extra))
    };
    let (Some((o, ou)), Some((n, nu))) = (old, new) else {
        return (text(old, 0), text(new, 0));
    };
    for extra in 0..=MORE_DIGITS {
        let (a, b) = (derived_text(o, ou, extra), derived_text(n, nu, extra));
        if a != b {
            return (Some(a), Some(b));
        }
    }
    // Same value, another interval: the inputs' precision changed.
    let with_interval = |d: &Derived, units: &UnitTable| {
        format!(
            "{} ({})",
            derived_text(d, units, 0),
            interval_text(&d.interval, &d.unit, units)
        )
    };
    (Some(with_interval(o, ou)), Some(with_interval(n, nu)))
}

/// `-77.45% to -77.35%`, or `unbounded`.
pub(crate) fn interval_text(interval: &Interval, unit: &Unit, units: &UnitTable) -> String {
    let dp = derived_decimals(interval, unit) + MORE_DIGITS;
    match (interval.low, interval.high) {
        (Some(l), Some(h)) => format!(
            "{} to {}",
            value(l, unit, units, dp, false),
            value(h, unit, units, dp, false)
        ),
        (Some(l), None) => format!("at least {}", value(l, unit, units, dp, false)),
        (None, Some(h)) => format!("at most {}", value(h, unit, units, dp, false)),
        (None, None) => "unbounded".into(),
    }
}

/// An amount in `unit` with the digits of `interval`: a gap, a difference.
pub(crate) fn amount(v: Decimal, interval: &Interval, unit: &Unit, units: &UnitTable) -> String {
    value(v, unit, units, derived_decimals(interval, unit), true)
}

/// An input of a computed figure: `revenue 2024-Q3 = $73.6M (stated by
/// Nangeng Zhang in 2024-q3-call)`, in its metric's unit.
pub(crate) fn input_text(i: &Input, vocabulary: &Vocabulary) -> String {
    let (id, change) = match i.metric.split_once('.') {
        Some((id, change)) => (id, Some(change)),
        None => (i.metric.as_str(), None),
    };
    let unit = match change {
        Some(_) => Some(Unit::percent()),
        None => vocabulary
            .metric(id)
            .map(|m| m.unit.clone())
            .or_else(|| vocabulary.derived(id).map(|d| d.unit.clone())),
    };
    let shown = match unit {
        Some(unit) => value(
            i.value,
            &unit,
            &vocabulary.units,
            derived_decimals(&i.interval, &unit),
            change.is_some(),
        ),
        None => i.value.normalize().to_string(),
    };
    let dims = if i.dims.is_empty() {
        String::new()
    } else {
        format!(" [{}]", dims_text(&i.dims))
    };
    let guidance = if i.guidance { " guidance" } else { "" };
    let origin = match (&i.source, i.origin) {
        (Some(s), Origin::Stated) => format!("stated by {} in {}", s.speaker, s.document),
        (_, origin) => origin.name().to_string(),
    };
    format!(
        "{}{dims}{guidance} {} = {shown} ({origin})",
        i.metric, i.period
    )
}

fn sign(v: Decimal) -> &'static str {
    if v.is_zero() {
        ""
    } else if v.is_sign_negative() {
        "-"
    } else {
        "+"
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fact, load};
    use super::*;

    fn margin(revenue: &str) -> (qbrief_model::Dataset, String) {
        let facts = [
            fact("revenue", "2024-Q3", revenue, "revenue"),
            fact("operating_income", "2024-Q3", "$2.000M", "operating income"),
        ]
        .concat();
        (load(&facts), revenue.to_string())
    }

    #[test]
    fn figures_that_print_alike_get_more_digits() {
        let (a, _) = margin("$10.000M");
        let (b, _) = margin("$10.001M");
        let (a, b) = (
            a.companies.values().next().unwrap(),
            b.companies.values().next().unwrap(),
        );
        let (x, y) = (qbrief_calc::analyze(a), qbrief_calc::analyze(b));
        let (dx, dy) = (
            x.derived("operating_margin", "2024-Q3".parse().unwrap())
                .unwrap(),
            y.derived("operating_margin", "2024-Q3".parse().unwrap())
                .unwrap(),
        );
        let units = &a.vocabulary.units;
        assert_eq!(derived_text(dx, units, 0), derived_text(dy, units, 0));
        let (old, new) = derived_pair(Some((dx, units)), Some((dy, units)));
        assert_ne!(old, new);
        assert_eq!(old.as_deref(), Some("20.000%"));
        assert_eq!(new.as_deref(), Some("19.998%"));
        assert_eq!(
            derived_pair(Some((dx, units)), None),
            (Some("20.0%".into()), None)
        );
    }
}
