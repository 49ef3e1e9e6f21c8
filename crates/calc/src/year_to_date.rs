//! Quarters from year-to-date figures. Filings state cash flows only for
//! the year so far (three, six, nine and twelve months), and a 10-K states
//! the year but not its fourth quarter; the quarter is then the difference
//! of two year-to-date figures: Q2 = H1 - Q1, Q3 = 9M - H1, Q4 = FY - 9M.
//! Such a quarter is derived, never stated, and only where no filing gives
//! the quarter itself; where a call states it, reconciliation compares the
//! call with the filings' difference.

use qbrief_model::{Dims, Interval, Metric, Period, PeriodSpan};

use crate::analysis::{Analysis, Level};
use crate::bounds;
use crate::derived::Derived;

/// The period from the fiscal year's start to the end of quarter `q`.
fn to_date(year: i32, q: u8) -> Option<Period> {
    let span = match q {
        1 => PeriodSpan::Quarter(1),
        2 => PeriodSpan::Half(1),
        3 => PeriodSpan::NineMonths,
        4 => PeriodSpan::Year,
        _ => return None,
    };
    Period::new(year, span)
}

impl Analysis<'_> {
    /// The quarters of additive flows that no statement gives but two
    /// stated year-to-date figures do, by difference.
    pub(crate) fn quarters_from_year_to_date(&self, out: &mut Vec<Derived>) {
        let mut series: Vec<(&Metric, &Dims, i32)> = self
            .resolved
            .keys()
            .filter(|(k, _, p)| k.change.is_none() && k.metric.additive() && !p.is_quarter())
            .map(|(k, d, p)| (k.metric.as_ref(), d, p.year()))
            .collect();
        series.sort_by(|a, b| (&a.0.id, a.1, a.2).cmp(&(&b.0.id, b.1, b.2)));
        series.dedup_by(|a, b| a.0.id == b.0.id && a.1 == b.1 && a.2 == b.2);
        for (metric, dims, year) in series {
            for q in 2..=4 {
                let (Some(quarter), Some(through), Some(before)) = (
                    Period::quarter(year, q),
                    to_date(year, q),
                    to_date(year, q - 1),
                ) else {
                    continue;
                };
                if self.filed(&metric.id, dims, quarter) {
                    continue;
                }
                let (Some(whole), Some(part)) = (
                    self.stated_level(&metric.id, dims, through),
                    self.stated_level(&metric.id, dims, before),
                ) else {
                    continue;
                };
                if let Some(d) = self.difference(metric, dims, quarter, &whole, &part) {
                    out.push(d);
                }
            }
        }
    }

    /// Whether a filing states the quarter itself. A quarter only a call
    /// states is still derived, so that reconciliation checks the call
    /// against the filings.
    fn filed(&self, id: &str, dims: &Dims, quarter: Period) -> bool {
        self.index.by_period.get(&quarter).is_some_and(|facts| {
            facts.iter().any(|f| {
                f.metric.change.is_none()
                    && !f.guidance
                    && f.metric.metric.id == id
                    && &f.dims == dims
                    && f.filed
            })
        })
    }

    fn difference(
        &self,
        metric: &Metric,
        dims: &Dims,
        quarter: Period,
        whole: &Level,
        part: &Level,
    ) -> Option<Derived> {
        if whole.unit != part.unit {
            return None;
        }
        let value = whole.value.checked_sub(part.value)?;
        let interval: Interval = bounds::sub(&whole.interval, &part.interval);
        let formula = format!(
            "{} {} - {} {} (year to date)",
            metric.id, whole.input.period, metric.id, part.input.period
        );
        Some(self.make(
            &metric.id,
            &metric.label,
            dims,
            quarter,
            whole.unit.clone(),
            Some(value),
            interval,
            formula,
            vec![whole.input.clone(), part.input.clone()],
            Vec::new(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use qbrief_model::Dataset;

    use crate::analyze;

    /// A company whose one filing gives cash flows for the half and the
    /// nine months, and the capex of the third quarter itself when asked.
    fn filed(extra: &str) -> Dataset {
        let mut doc = String::from("[document]\nid = \"q3\"\nkind = \"filing\"\ntitle = \"10-Q\"\nperiod = \"2021-Q3\"\nfile = \"f.json\"\nform = \"10-Q\"\naccession = \"0000000001-21-000003\"\nfiled = \"2021-11-01\"\n");
        for (metric, period, value) in [
            ("operating_cash_flow", "2021-H1", "$202.3M"),
            ("operating_cash_flow", "2021-9M", "$305.6M"),
            ("capex", "2021-H1", "$30.4M"),
            ("capex", "2021-9M", "$40.2M"),
        ] {
            doc.push_str(&format!("[[fact]]\nmetric = \"{metric}\"\nperiod = \"{period}\"\nvalue = \"{value}\"\nevidence = \"{metric} {period}\"\n"));
        }
        doc.push_str(extra);
        crate::test_data::load("", &[("q3", &doc)])
    }

    #[test]
    fn a_quarter_is_the_difference_of_two_year_to_date_figures_and_formulas_use_it() {
        let dataset = filed("");
        let analysis = analyze(dataset.companies.values().next().expect("company"));
        let q3 = "2021-Q3".parse().expect("period");
        let capex = analysis.derived("capex", q3).expect("capex 2021-Q3");
        assert_eq!(capex.value.map(|v| v.to_string()), Some("9800000".into()));
        assert_eq!(
            capex.formula,
            "capex 2021-9M - capex 2021-H1 (year to date)"
        );
        // ±0.05M on each end: the difference is known to ±0.1M.
        assert_eq!(
            capex.interval.high.map(|v| v.to_string()),
            Some("9900000".into())
        );
        let fcf = analysis
            .derived("free_cash_flow", q3)
            .expect("free cash flow");
        assert_eq!(fcf.value.map(|v| v.to_string()), Some("93500000".into()));
    }

    #[test]
    fn a_quarter_a_filing_states_is_not_derived() {
        let dataset = filed("[[fact]]\nmetric = \"capex\"\nperiod = \"2021-Q3\"\nvalue = \"$9.8M\"\nevidence = \"capex 2021-Q3\"\n");
        let analysis = analyze(dataset.companies.values().next().expect("company"));
        let q3 = "2021-Q3".parse().expect("period");
        assert!(analysis.derived("capex", q3).is_none());
        assert!(analysis.derived("operating_cash_flow", q3).is_some());
    }
}
