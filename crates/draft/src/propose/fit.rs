//! The last step of a proposal: a value its metric accepts. `qbrief check`
//! rejects a value of another dimension than its metric's and a negative
//! value of a metric that cannot be negative, so an unedited draft would
//! not load; the value is written in the metric's unit where it fits that
//! way ("$1.49" of diluted EPS is "$1.49/share"), and otherwise the metric
//! is left for the reviewer (`?`).

use qbrief_model::{parse_value, Change, Figure, Metric, SignConvention, Unit, UnitTable};

use super::metric::adoptable;
use super::value::adopt;

/// The metric, value text and figure to propose: `metric` with the value
/// written in its unit, or no metric when the value cannot fit it.
pub(super) fn fit<'m>(
    metric: Option<&'m Metric>,
    change: Option<Change>,
    value: String,
    figure: Figure,
    units: &UnitTable,
) -> (Option<&'m Metric>, String, Figure) {
    let Some(m) = metric else {
        return (None, value, figure);
    };
    // A stated change is in percent (percentage points of a percentage),
    // and may have either sign, as `MetricKey` has it.
    let (want, sign) = match change {
        Some(_) => (Unit::percent(), SignConvention::Signed),
        None => (m.unit.clone(), m.sign),
    };
    let (value, figure) = if figure.unit().dimension() == want.dimension() {
        (value, figure)
    } else {
        let adopted = change
            .is_none()
            .then(|| adoptable(m, &figure).flatten())
            .flatten()
            .map(|suffix| adopt(&value, &suffix))
            .and_then(|text| parse_value(&text, units).ok().map(|f| (text, f)))
            .filter(|(_, f)| f.unit().dimension() == want.dimension());
        match adopted {
            Some(fitted) => fitted,
            None => return (None, value, figure),
        }
    };
    let negative = |d: rust_decimal::Decimal| d.is_sign_negative() && !d.is_zero();
    let below_zero =
        negative(figure.value()) || figure.range().is_some_and(|(low, _)| negative(low));
    if sign == SignConvention::NonNegative && below_zero {
        return (None, value, figure);
    }
    (Some(m), value, figure)
}
