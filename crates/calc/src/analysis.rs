//! The analysis of one company: resolved values, implied values, the
//! derived table of every period, and the reconciliation of stated figures
//! with what calc can compute from the others.

use std::collections::BTreeMap;

use qbrief_model::{
    lookup_metric, Change as ChangeSuffix, CompanyData, Currency, Dimension, Fact, Interval,
    MetricKey, MetricKind, Period, PeriodSpan, Unit,
};
use rust_decimal::Decimal;

use crate::bounds;
use crate::change::{implied_current, implied_prior, point_change, relative_change, Flag};
use crate::derived::{Derived, Input, Origin};
use crate::reconcile::{reconcile_all, Reconciliation};
use crate::resolve::{resolve, Resolved};

/// Flow metrics whose values do not add up over periods even though their
/// dimension would (ratios stated in money, guidance).
const NON_ADDITIVE: &[&str] = &[
    "revenue_per_btc",
    "net_income_per_ads",
    "revenue_guidance",
    "revenue_guidance_beat",
    "self_mining_capacity_share_target",
    "new_miner_models_per_year",
];

/// Ratios of two resolved metrics of the same period, in percent:
/// (id, label, numerator, extra numerator to add, denominator).
const RATIOS: &[(&str, &str, &str, Option<&str>, &str)] = &[
    (
        "gross_margin",
        "Gross margin",
        "gross_profit",
        None,
        "revenue",
    ),
    (
        "gross_margin_ex_writedowns",
        "Gross margin excluding write-downs",
        "gross_profit",
        Some("inventory_writedowns"),
        "revenue",
    ),
    (
        "operating_margin",
        "Operating margin",
        "operating_income",
        None,
        "revenue",
    ),
    ("net_margin", "Net margin", "net_income", None, "revenue"),
    (
        "adjusted_ebitda_margin",
        "Adjusted EBITDA margin",
        "adjusted_ebitda",
        None,
        "revenue",
    ),
    (
        "opex_ratio",
        "Operating expenses to revenue",
        "operating_expenses",
        None,
        "revenue",
    ),
    (
        "rd_intensity",
        "R&D intensity",
        "rd_expense",
        None,
        "revenue",
    ),
    (
        "mining_revenue_share",
        "Mining share of revenue",
        "mining_revenue",
        None,
        "revenue",
    ),
    (
        "product_revenue_share",
        "Machine sales share of revenue",
        "product_revenue",
        None,
        "revenue",
    ),
];

/// Values split by a stated share: (id, label, total, share in percent).
const SHARES: &[(&str, &str, &str, &str)] = &[
    (
        "product_revenue_middle_east",
        "Machine sales to the Middle East",
        "product_revenue",
        "product_revenue_share_middle_east",
    ),
    (
        "product_revenue_north_america",
        "Machine sales to North America",
        "product_revenue",
        "product_revenue_share_north_america",
    ),
    (
        "product_revenue_a14",
        "Machine sales of the A14 series",
        "product_revenue",
        "product_revenue_share_a14",
    ),
];

/// A value usable as a formula input: resolved from statements, or implied.
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

/// Everything calc knows about one company.
#[derive(Debug)]
pub struct Analysis<'a> {
    /// The company's data.
    pub data: &'a CompanyData,
    /// Resolved stated values by metric key and period (series without a
    /// subject or a measurement date).
    pub resolved: BTreeMap<(MetricKey, Period), Resolved<'a>>,
    /// Implied level values by metric id and period.
    pub implied: BTreeMap<(String, Period), Derived>,
    /// Every derived number, ordered by period then metric.
    pub derived: Vec<Derived>,
    /// Every stated figure calc can also compute, compared.
    pub reconciliations: Vec<Reconciliation<'a>>,
}

/// Analyses one company. Pure: no I/O, no panics on any input.
pub fn analyze(data: &CompanyData) -> Analysis<'_> {
    let mut series: BTreeMap<(MetricKey, Period), Vec<&Fact>> = BTreeMap::new();
    for fact in &data.facts {
        if fact.subject.is_none() && fact.as_of.is_none() {
            series
                .entry((fact.metric, fact.period))
                .or_default()
                .push(fact);
        }
    }
    let resolved: BTreeMap<_, _> = series
        .into_iter()
        .filter_map(|(k, statements)| resolve(&statements).map(|r| (k, r)))
        .collect();
    let mut analysis = Analysis {
        data,
        resolved,
        implied: BTreeMap::new(),
        derived: Vec::new(),
        reconciliations: Vec::new(),
    };
    analysis.implied = analysis.implied_levels();
    let mut derived = Vec::new();
    let periods = analysis.periods();
    for &period in &periods {
        analysis.ratios(period, &mut derived);
        analysis.per_unit(period, &mut derived);
        analysis.shares(period, &mut derived);
        analysis.holdings(period, &mut derived);
        analysis.guidance(period, &mut derived);
        analysis.growth(period, &mut derived);
    }
    analysis.sums(&mut derived);
    derived.sort_by(|a, b| (a.period, &a.metric).cmp(&(b.period, &b.metric)));
    analysis.derived = derived;
    analysis.reconciliations = reconcile_all(&analysis);
    analysis
}

impl<'a> Analysis<'a> {
    fn currency(&self) -> Currency {
        self.data.company.currency
    }

    /// Every period with a resolved or implied value, in order.
    pub fn periods(&self) -> Vec<Period> {
        let mut p: Vec<Period> = self
            .resolved
            .keys()
            .map(|(_, p)| *p)
            .chain(self.implied.keys().map(|(_, p)| *p))
            .collect();
        p.sort();
        p.dedup();
        p
    }

    /// The resolved stated value of a level metric.
    pub fn stated(&self, id: &str, period: Period) -> Option<&Resolved<'a>> {
        let key = MetricKey::level(lookup_metric(id)?);
        self.resolved.get(&(key, period))
    }

    /// The resolved stated value of a change (`revenue.yoy`).
    pub fn stated_change(
        &self,
        id: &str,
        change: ChangeSuffix,
        period: Period,
    ) -> Option<&Resolved<'a>> {
        let key = MetricKey {
            metric: lookup_metric(id)?,
            change: Some(change),
        };
        self.resolved.get(&(key, period))
    }

    /// A level from a statement only.
    pub fn stated_level(&self, id: &str, period: Period) -> Option<Level> {
        let r = self.stated(id, period)?;
        Some(Level {
            value: r.value(),
            interval: r.interval,
            unit: r.fact.figure.unit(),
            input: Input::stated(r.fact, r.interval),
        })
    }

    /// A level from a statement, else an implied value.
    pub fn level(&self, id: &str, period: Period) -> Option<Level> {
        if let Some(l) = self.stated_level(id, period) {
            return Some(l);
        }
        let d = self.implied.get(&(id.to_string(), period))?;
        let value = d.value?;
        Some(Level {
            value,
            interval: d.interval,
            unit: d.unit,
            input: Input {
                metric: id.to_string(),
                period,
                value,
                interval: d.interval,
                origin: Origin::Implied,
                source: None,
            },
        })
    }

    /// The derived numbers of one period.
    pub fn derived_for(&self, period: Period) -> impl Iterator<Item = &Derived> {
        self.derived.iter().filter(move |d| d.period == period)
    }

    /// A derived number by id and period.
    pub fn derived(&self, id: &str, period: Period) -> Option<&Derived> {
        self.derived
            .iter()
            .find(|d| d.metric == id && d.period == period)
    }

    fn implied_levels(&self) -> BTreeMap<(String, Period), Derived> {
        let mut out = BTreeMap::new();
        for ((key, period), stated) in &self.resolved {
            let Some(change) = key.change else { continue };
            let metric = key.metric;
            if metric.dimension == Dimension::Percent {
                continue;
            }
            let prior_period = match change {
                ChangeSuffix::Qoq => period.previous_quarter(),
                ChangeSuffix::Yoy => period.year_ago(),
            };
            let Some(prior_period) = prior_period else {
                continue;
            };
            let rate = stated.value();
            let rate_input = Input::stated(stated.fact, stated.interval);
            let current = self.stated_level(metric.id, *period);
            let prior = self.stated_level(metric.id, prior_period);
            let suffix = change.suffix();
            let id = metric.id;
            let (target, solved, formula, base) = match (current, prior) {
                (Some(c), None) => (
                    prior_period,
                    implied_prior(c.value, &c.interval, rate, &stated.interval),
                    format!("{id} {period} / (1 + {id}.{suffix} {period})"),
                    c,
                ),
                (None, Some(p)) => (
                    *period,
                    implied_current(p.value, &p.interval, rate, &stated.interval),
                    format!("{id} {prior_period} + |{id} {prior_period}| x {id}.{suffix} {period}"),
                    p,
                ),
                _ => continue,
            };
            let Some((value, interval, mut flags)) = solved else {
                continue;
            };
            if matches!(flags.first(), Some(Flag::AssumedSameSign)) {
                flags.sort();
            }
            out.entry((id.to_string(), target)).or_insert(Derived {
                metric: id.to_string(),
                label: metric.label.to_string(),
                period: target,
                origin: Origin::Implied,
                unit: base.unit,
                value: Some(value),
                interval,
                formula,
                inputs: vec![base.input, rate_input],
                flags,
                change: None,
            });
        }
        out
    }

    fn ratios(&self, period: Period, out: &mut Vec<Derived>) {
        for (id, label, numerator, extra, denominator) in RATIOS {
            let (Some(n), Some(d)) = (
                self.level(numerator, period),
                self.level(denominator, period),
            ) else {
                continue;
            };
            let (mut value, mut interval, mut inputs) =
                (n.value, n.interval, vec![n.input.clone()]);
            let mut formula = format!("{numerator} / {denominator} x 100");
            if let Some(extra) = extra {
                let Some(e) = self.level(extra, period) else {
                    continue;
                };
                let Some(sum) = value.checked_add(e.value) else {
                    continue;
                };
                value = sum;
                interval = bounds::add(&interval, &e.interval);
                inputs.push(e.input.clone());
                formula = format!("({numerator} + {extra}) / {denominator} x 100");
            }
            inputs.push(d.input.clone());
            let point = value
                .checked_div(d.value)
                .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED));
            let interval =
                bounds::scale(&bounds::div(&interval, &d.interval), Decimal::ONE_HUNDRED);
            out.push(self.make(
                id,
                label,
                period,
                Unit::Percent,
                point,
                interval,
                formula,
                inputs,
                Vec::new(),
            ));
        }
    }

    fn per_unit(&self, period: Period, out: &mut Vec<Derived>) {
        let currency = self.currency();
        // ASP: typed division, money per hash rate.
        if let (Some(rev), Some(sold)) = (
            self.level("product_revenue", period),
            self.level("hashrate_sold", period),
        ) {
            let asp = qbrief_model::Money::new(rev.value, currency)
                .per_hashrate(qbrief_model::HashRate::new(sold.value))
                .map(|p| p.value());
            let interval = bounds::div(&rev.interval, &sold.interval);
            out.push(self.make(
                "asp",
                "Average selling price",
                period,
                Unit::HashPrice(currency),
                asp,
                interval,
                "product_revenue / hashrate_sold".into(),
                vec![rev.input, sold.input],
                Vec::new(),
            ));
        }
        if let (Some(rev), Some(mined)) = (
            self.level("mining_revenue", period),
            self.level("btc_mined", period),
        ) {
            let per = qbrief_model::Money::new(rev.value, currency)
                .per_bitcoin(qbrief_model::Bitcoin::new(mined.value))
                .map(|m| m.value());
            let interval = bounds::div(&rev.interval, &mined.interval);
            out.push(self.make(
                "revenue_per_btc",
                "Revenue per bitcoin mined",
                period,
                Unit::Money(currency),
                per,
                interval,
                "mining_revenue / btc_mined".into(),
                vec![rev.input, mined.input],
                Vec::new(),
            ));
        }
    }

    fn shares(&self, period: Period, out: &mut Vec<Derived>) {
        for (id, label, total, share) in SHARES {
            let (Some(t), Some(s)) = (self.level(total, period), self.level(share, period)) else {
                continue;
            };
            let value = t
                .value
                .checked_mul(s.value)
                .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED));
            let interval =
                bounds::scale(&bounds::mul(&t.interval, &s.interval), Decimal::new(1, 2));
            out.push(self.make(
                id,
                label,
                period,
                t.unit,
                value,
                interval,
                format!("{total} x {share} / 100"),
                vec![t.input, s.input],
                Vec::new(),
            ));
        }
    }

    fn holdings(&self, period: Period, out: &mut Vec<Derived>) {
        if let (Some(held), Some(prev)) = (
            self.level("btc_held", period),
            period
                .previous_quarter()
                .and_then(|p| self.level("btc_held", p)),
        ) {
            let value = held.value.checked_sub(prev.value);
            let interval = bounds::sub(&held.interval, &prev.interval);
            out.push(self.make(
                "btc_held_change",
                "Change in bitcoin held",
                period,
                Unit::Bitcoin,
                value,
                interval,
                "btc_held - btc_held of the previous quarter".into(),
                vec![held.input, prev.input],
                Vec::new(),
            ));
        }
        if let (Some(held), Some(price)) = (
            self.level("btc_held", period),
            self.level("btc_price_quarter_end", period),
        ) {
            let value = qbrief_model::Bitcoin::new(held.value)
                .value_at(qbrief_model::Money::new(price.value, self.currency()))
                .map(|m| m.value());
            let interval = bounds::mul(&held.interval, &price.interval);
            out.push(self.make(
                "btc_held_value",
                "Value of bitcoin held",
                period,
                price.unit,
                value,
                interval,
                "btc_held x btc_price_quarter_end".into(),
                vec![held.input, price.input],
                Vec::new(),
            ));
        }
    }

    fn guidance(&self, period: Period, out: &mut Vec<Derived>) {
        let (Some(actual), Some(guide)) = (
            self.level("revenue", period),
            self.level("revenue_guidance", period),
        ) else {
            return;
        };
        let diff = actual.value.checked_sub(guide.value);
        let interval = bounds::sub(&actual.interval, &guide.interval);
        let flag = if interval.low.is_some_and(|l| l > Decimal::ZERO) {
            Flag::Beat
        } else if interval.high.is_some_and(|h| h < Decimal::ZERO) {
            Flag::Miss
        } else {
            Flag::InLine
        };
        let inputs = vec![actual.input.clone(), guide.input.clone()];
        out.push(self.make(
            "revenue_vs_guidance",
            "Revenue against guidance",
            period,
            actual.unit,
            diff,
            interval,
            "revenue - revenue_guidance".into(),
            inputs.clone(),
            vec![flag],
        ));
        let pct = diff
            .and_then(|d| d.checked_div(guide.value))
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED));
        let pct_interval = bounds::scale(
            &bounds::div(&interval, &guide.interval),
            Decimal::ONE_HUNDRED,
        );
        out.push(self.make(
            "revenue_vs_guidance_pct",
            "Revenue against guidance, percent",
            period,
            Unit::Percent,
            pct,
            pct_interval,
            "(revenue - revenue_guidance) / revenue_guidance x 100".into(),
            inputs,
            vec![flag],
        ));
    }

    /// QoQ and YoY of every level metric whose two periods resolve from
    /// statements (implied levels are left out: a rate computed from a value
    /// implied by a stated rate would only repeat it).
    fn growth(&self, period: Period, out: &mut Vec<Derived>) {
        let levels: Vec<MetricKey> = self
            .resolved
            .keys()
            .filter(|(k, p)| *p == period && k.change.is_none())
            .map(|(k, _)| *k)
            .collect();
        for key in levels {
            let metric = key.metric;
            if metric.id == "revenue_guidance" {
                continue;
            }
            for (suffix, prior) in [
                (ChangeSuffix::Qoq, period.previous_quarter()),
                (ChangeSuffix::Yoy, period.year_ago()),
            ] {
                let Some(prior) = prior else { continue };
                let (Some(c), Some(p)) = (
                    self.stated_level(metric.id, period),
                    self.stated_level(metric.id, prior),
                ) else {
                    continue;
                };
                let change = if metric.dimension == Dimension::Percent {
                    point_change(c.value, &c.interval, p.value, &p.interval)
                } else {
                    relative_change(c.value, &c.interval, p.value, &p.interval)
                };
                let id = format!("{}.{}", metric.id, suffix.suffix());
                let formula = if metric.dimension == Dimension::Percent {
                    format!("{0} {period} - {0} {prior} (percentage points)", metric.id)
                } else {
                    format!(
                        "({0} {period} - {0} {prior}) / |{0} {prior}| x 100",
                        metric.id
                    )
                };
                let label = format!(
                    "{} {}",
                    metric.label,
                    if suffix == ChangeSuffix::Qoq {
                        "QoQ"
                    } else {
                        "YoY"
                    }
                );
                let mut d = self.make(
                    &id,
                    &label,
                    period,
                    Unit::Percent,
                    change.percent,
                    change.interval,
                    formula,
                    vec![c.input, p.input],
                    change.flags,
                );
                d.change = Some(change.kind);
                out.push(d);
            }
        }
    }

    /// Half-year, full-year and trailing-twelve-month sums of additive flow
    /// metrics, when every quarter resolves from statements.
    fn sums(&self, out: &mut Vec<Derived>) {
        let mut flows: Vec<&'static qbrief_model::Metric> = self
            .resolved
            .keys()
            .filter(|(k, _)| k.change.is_none() && additive(k.metric))
            .map(|(k, _)| k.metric)
            .collect();
        flows.sort_by_key(|m| m.id);
        flows.dedup_by_key(|m| m.id);
        let years: Vec<i32> = {
            let mut y: Vec<i32> = self.resolved.keys().map(|(_, p)| p.year()).collect();
            y.sort();
            y.dedup();
            y
        };
        for metric in flows {
            for &year in &years {
                for span in [PeriodSpan::Half(1), PeriodSpan::Half(2), PeriodSpan::Year] {
                    let Some(target) = Period::new(year, span) else {
                        continue;
                    };
                    let formula = format!("sum of the quarters of {target}");
                    self.sum_of(
                        metric,
                        metric.id,
                        metric.label,
                        target,
                        &target.quarters(),
                        formula,
                        out,
                    );
                }
                for q in 1..=4 {
                    let Some(end) = Period::quarter(year, q) else {
                        continue;
                    };
                    let mut quarters = vec![end];
                    while quarters.len() < 4 {
                        match quarters.last().and_then(Period::previous_quarter) {
                            Some(p) => quarters.push(p),
                            None => break,
                        }
                    }
                    quarters.reverse();
                    if quarters.len() == 4 {
                        let id = format!("{}.ttm", metric.id);
                        let label = format!("{}, trailing twelve months", metric.label);
                        let formula = format!("sum of the four quarters to {end}");
                        self.sum_of(metric, &id, &label, end, &quarters, formula, out);
                    }
                }
            }
        }
    }

    fn sum_levels(
        &self,
        metric: &qbrief_model::Metric,
        quarters: &[Period],
    ) -> Option<(Decimal, Interval, Vec<Input>, Unit)> {
        let levels: Option<Vec<Level>> = quarters
            .iter()
            .map(|q| self.stated_level(metric.id, *q))
            .collect();
        let levels = levels?;
        let unit = levels.first()?.unit;
        if levels.iter().any(|l| l.unit != unit) {
            return None;
        }
        let mut value = Decimal::ZERO;
        let mut interval = Interval::point(Decimal::ZERO);
        for l in &levels {
            value = value.checked_add(l.value)?;
            interval = bounds::add(&interval, &l.interval);
        }
        Some((
            value,
            interval,
            levels.into_iter().map(|l| l.input).collect(),
            unit,
        ))
    }

    /// Pushes the sum of `metric` over `quarters` as `id` for `target`,
    /// when every quarter resolves from statements.
    #[allow(clippy::too_many_arguments)]
    fn sum_of(
        &self,
        metric: &qbrief_model::Metric,
        id: &str,
        label: &str,
        target: Period,
        quarters: &[Period],
        formula: String,
        out: &mut Vec<Derived>,
    ) {
        let Some((value, interval, inputs, unit)) = self.sum_levels(metric, quarters) else {
            return;
        };
        out.push(self.make(
            id,
            label,
            target,
            unit,
            Some(value),
            interval,
            formula,
            inputs,
            Vec::new(),
        ));
    }

    #[allow(clippy::too_many_arguments)]
    fn make(
        &self,
        id: &str,
        label: &str,
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

/// Whether quarters of this metric add up to halves and years.
pub fn additive(metric: &qbrief_model::Metric) -> bool {
    metric.kind == MetricKind::Flow
        && matches!(
            metric.dimension,
            Dimension::Money | Dimension::HashRate | Dimension::Bitcoin | Dimension::Count
        )
        && !NON_ADDITIVE.contains(&metric.id)
        && !metric.per_subject()
}
