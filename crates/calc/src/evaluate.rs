//! Evaluating the taxonomies' formulas with interval arithmetic: the text
//! a brief shows as a derived number's formula is the formula evaluated
//! here, so the two cannot drift.

use std::collections::BTreeSet;

use qbrief_model::{DerivedDef, Dims, Expr, Interval, Op, Period, Shift};
use rust_decimal::Decimal;

use crate::analysis::{Analysis, Level};
use crate::bounds;
use crate::derived::{Derived, Input};

/// A value while evaluating: point and interval.
struct Value {
    point: Decimal,
    interval: Interval,
}

/// Why a formula could not be evaluated for a period.
type Missing = String;

impl Analysis<'_> {
    /// Evaluates a derived metric for `period`: once for the company total,
    /// or once per member of its `for_each` axis.
    pub(crate) fn evaluate_derived(&self, def: &DerivedDef, period: Period) -> Vec<Derived> {
        let Some(axis) = &def.for_each else {
            return self
                .evaluate_for(def, period, &Dims::new(), &BTreeSet::new())
                .into_iter()
                .collect();
        };
        let Some(axis_def) = self.data.vocabulary.axis(axis) else {
            return Vec::new();
        };
        // Metrics stated along the axis are read at the member, the others
        // at the company total.
        let on_axis = self.on_axis(axis);
        axis_def
            .members
            .iter()
            .filter_map(|member| {
                let dims = Dims::from([(axis.clone(), member.id.clone())]);
                self.evaluate_for(def, period, &dims, &on_axis)
            })
            .collect()
    }

    fn evaluate_for(
        &self,
        def: &DerivedDef,
        period: Period,
        dims: &Dims,
        on_axis: &BTreeSet<&str>,
    ) -> Option<Derived> {
        let mut inputs = Vec::new();
        let cx = Cx {
            dims,
            on_axis,
            currency: self.data.company.currency,
        };
        let value = self
            .eval(def.formula.expr(), period, &cx, &mut inputs)
            .ok()?;
        Some(self.make(
            &def.id,
            &def.label,
            dims,
            period,
            def.unit.clone(),
            Some(value.point),
            value.interval,
            def.formula.text().to_string(),
            inputs,
            Vec::new(),
        ))
    }

    /// Evaluates a formula of your own for the company total of `period`,
    /// with the same interval arithmetic as the taxonomies' formulas; `None`
    /// when an input is missing. Check the formula's dimension first with
    /// [`qbrief_model::Formula::dimension`].
    ///
    /// ```
    /// # use qbrief_model::{DataFile, Dataset, parse_formula, Unit};
    /// # let company = "id = \"acme\"\nname = \"Acme\"\nticker = \"A\"\nexchange = \"X\"\ncurrency = \"USD\"\nfiscal_year_end_month = 12\n";
    /// # let call = "[document]\nid = \"c\"\nkind = \"earnings-call\"\ntitle = \"t\"\nperiod = \"2024-Q3\"\nfile = \"f\"\n[[fact]]\nmetric = \"revenue\"\nvalue = \"$80M\"\nevidence = \"$80 million\"\n[[fact]]\nmetric = \"rd_expense\"\nvalue = \"$12M\"\nevidence = \"$12 million\"\n";
    /// # let file = |stem: &str, text: &str| DataFile { path: format!("{stem}.toml"), folder: "acme".into(), stem: stem.into(), bytes: text.as_bytes().to_vec() };
    /// # let (dataset, _) = Dataset::load(&[file("company", company), file("c", call)]);
    /// let data = dataset.companies.values().next().unwrap();
    /// let analysis = qbrief_calc::analyze(data);
    /// let formula = parse_formula("rd_expense / revenue * 100").unwrap();
    /// let d = analysis
    ///     .evaluate_formula(&formula, "R&D to sales", Unit::percent(), "2024-Q3".parse().unwrap())
    ///     .unwrap();
    /// assert_eq!(d.value.unwrap().to_string(), "15");
    /// assert_eq!(d.formula, "rd_expense / revenue * 100");
    /// ```
    pub fn evaluate_formula(
        &self,
        formula: &qbrief_model::Formula,
        label: &str,
        unit: qbrief_model::Unit,
        period: Period,
    ) -> Option<Derived> {
        let def = DerivedDef {
            id: label.to_string(),
            label: label.to_string(),
            formula: formula.clone(),
            unit,
            section: String::new(),
            for_each: None,
        };
        self.evaluate_for(&def, period, &Dims::new(), &BTreeSet::new())
    }

    /// The reason a derived metric could not be evaluated, for messages.
    pub(crate) fn why_not(&self, def: &DerivedDef, period: Period) -> Missing {
        let cx = Cx {
            dims: &Dims::new(),
            on_axis: &BTreeSet::new(),
            currency: self.data.company.currency,
        };
        match self.eval(def.formula.expr(), period, &cx, &mut Vec::new()) {
            Ok(_) => "inputs missing".into(),
            Err(why) => why,
        }
    }

    fn eval(
        &self,
        expr: &Expr,
        period: Period,
        cx: &Cx<'_>,
        inputs: &mut Vec<Input>,
    ) -> Result<Value, Missing> {
        match expr {
            Expr::Number(n) => Ok(Value {
                point: *n,
                interval: Interval::point(*n),
            }),
            Expr::Metric { id, .. } => {
                let dims = cx.dims_for(id);
                let level = self
                    .level(id, &dims, period)
                    .ok_or_else(|| format!("inputs missing: {id} {period}"))?;
                self.leaf(level, cx, inputs)
            }
            Expr::Neg(inner) => {
                let v = self.eval(inner, period, cx, inputs)?;
                Ok(Value {
                    point: -v.point,
                    interval: bounds::scale(&v.interval, Decimal::NEGATIVE_ONE),
                })
            }
            Expr::Binary { op, lhs, rhs, .. } => {
                let a = self.eval(lhs, period, cx, inputs)?;
                let b = self.eval(rhs, period, cx, inputs)?;
                let (point, interval) = match op {
                    Op::Add => (
                        a.point.checked_add(b.point),
                        bounds::add(&a.interval, &b.interval),
                    ),
                    Op::Sub => (
                        a.point.checked_sub(b.point),
                        bounds::sub(&a.interval, &b.interval),
                    ),
                    Op::Mul => (
                        a.point.checked_mul(b.point),
                        bounds::mul(&a.interval, &b.interval),
                    ),
                    Op::Div => (
                        a.point.checked_div(b.point),
                        bounds::div(&a.interval, &b.interval),
                    ),
                };
                let point = point.ok_or_else(|| {
                    if *op == Op::Div {
                        "division by zero".to_string()
                    } else {
                        "out of range".to_string()
                    }
                })?;
                Ok(Value { point, interval })
            }
            Expr::Shift { shift, arg, .. } => {
                let shifted = match shift {
                    Shift::Prev => period.previous_quarter(),
                    Shift::YearAgo => period.year_ago(),
                }
                .ok_or_else(|| format!("no period before {period}"))?;
                self.eval(arg, shifted, cx, inputs)
            }
            Expr::Guidance { id, .. } => {
                let dims = cx.dims_for(id);
                let key = self
                    .key(id, None)
                    .ok_or_else(|| format!("unknown metric {id}"))?;
                let level = self
                    .guidance_level(&(key, dims, period))
                    .ok_or_else(|| format!("inputs missing: guidance for {id} {period}"))?;
                self.leaf(level, cx, inputs)
            }
            Expr::Sum { id, axis, .. } => {
                let members = self
                    .data
                    .vocabulary
                    .axis(axis)
                    .map(|a| a.member_ids().map(str::to_string).collect::<Vec<_>>())
                    .unwrap_or_default();
                let mut total = Value {
                    point: Decimal::ZERO,
                    interval: Interval::point(Decimal::ZERO),
                };
                for member in members {
                    let dims = Dims::from([(axis.clone(), member.clone())]);
                    let level = self.level(id, &dims, period).ok_or_else(|| {
                        format!("inputs missing: {id} [{axis}={member}] {period}")
                    })?;
                    let v = self.leaf(level, cx, inputs)?;
                    total = Value {
                        point: total.point.checked_add(v.point).ok_or("out of range")?,
                        interval: bounds::add(&total.interval, &v.interval),
                    };
                }
                Ok(total)
            }
        }
    }

    fn leaf(&self, level: Level, cx: &Cx<'_>, inputs: &mut Vec<Input>) -> Result<Value, Missing> {
        if level.unit.currency().is_some_and(|c| c != cx.currency) {
            return Err(format!(
                "{} {} is in {}, not the reporting currency",
                level.input.metric,
                level.input.period,
                level
                    .unit
                    .currency()
                    .map(|c| c.to_string())
                    .unwrap_or_default()
            ));
        }
        inputs.push(level.input);
        Ok(Value {
            point: level.value,
            interval: level.interval,
        })
    }
}

/// Where a formula is evaluated: for which axis members, and which metrics
/// are stated along that axis.
struct Cx<'a> {
    dims: &'a Dims,
    on_axis: &'a BTreeSet<&'a str>,
    currency: qbrief_model::Currency,
}

impl Cx<'_> {
    fn dims_for(&self, id: &str) -> Dims {
        if self.on_axis.contains(id) {
            self.dims.clone()
        } else {
            Dims::new()
        }
    }
}
