//! Building a vocabulary from a taxonomy chain: each unit, section, axis,
//! metric, derived formula and brief layout checked and merged in chain
//! order, every problem a located diagnostic.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rust_decimal::Decimal;

use super::{DerivedDef, Vocabulary};
use crate::axis::Axis;
use crate::compare::collect;
use crate::diagnostic::{Diagnostic, DiagnosticKind as K};
use crate::formula::parse_formula;
use crate::metric::{closest, Metric};
use crate::parse::{inner_span, MemberDecl, MetricDecl, Spanned, TaxonomyFile};
use crate::quantity::Currency;
use crate::unit::{Dimension, Unit, UnitDef};

impl Vocabulary {
    /// Builds the vocabulary of `chain` (each taxonomy after those it
    /// extends) for a company reporting in `currency`, with every problem
    /// found as a located diagnostic.
    pub fn build(chain: &[&TaxonomyFile], currency: Currency) -> (Vocabulary, Vec<Diagnostic>) {
        let mut b = Builder::default();
        for file in chain {
            b.units(file);
        }
        for file in chain {
            b.sections(file);
            b.axes(file);
        }
        for file in chain {
            b.metrics(file, currency);
        }
        let mut formulas = Vec::new();
        for file in chain {
            formulas.extend(b.derived(file, currency));
        }
        b.order_derived(formulas);
        for file in chain {
            b.brief(file);
        }
        let v = &b.vocabulary;
        let compare = collect(
            chain,
            |id| v.metric(id).map(|m| m.taxonomy.as_str()),
            |id| v.derived(id).is_some(),
        );
        b.vocabulary.compare = compare;
        b.vocabulary.taxonomies = chain.iter().map(|f| f.id.clone()).collect();
        (b.vocabulary, b.diagnostics)
    }
}

/// A checked derived metric waiting to be ordered: its definition, the
/// derived ids it uses, and where it is declared.
type Pending<'f> = (
    DerivedDef,
    Vec<String>,
    &'f TaxonomyFile,
    std::ops::Range<usize>,
);

#[derive(Default)]
struct Builder {
    vocabulary: Vocabulary,
    diagnostics: Vec<Diagnostic>,
    /// Where each unit, metric, axis, section and derived id was first defined.
    defined: BTreeMap<(&'static str, String), String>,
    /// Which metric (and file) each XBRL concept was first mapped to: a
    /// concept states one metric, or an importer could not choose.
    concepts: BTreeMap<String, (String, String)>,
}

impl Builder {
    /// Whether an id is declared as a metric or derived metric, valid or
    /// not, so that one bad definition is reported once, not again at
    /// every use.
    fn declared(&self, id: &str) -> bool {
        self.defined.contains_key(&("metric", id.to_string()))
            || self
                .defined
                .contains_key(&("derived metric", id.to_string()))
    }
}

impl Builder {
    /// Records a definition; reports a second one.
    fn define(&mut self, file: &TaxonomyFile, what: &'static str, (id, span): &Spanned) -> bool {
        let here = file.path.clone();
        if let Some(first) = self.defined.get(&(what, id.clone())) {
            self.diagnostics.push(
                file.error(
                    K::DuplicateDefinition,
                    format!("{what} \"{id}\" is defined twice"),
                    span.clone(),
                )
                .with_note(format!("first defined in {first}"))
                .with_hint(format!(
                    "remove one definition, or give this {what} another id"
                )),
            );
            return false;
        }
        self.defined.insert((what, id.clone()), here);
        true
    }

    /// The metric's XBRL concepts that no other metric has claimed.
    fn xbrl_concepts(&mut self, file: &TaxonomyFile, m: &MetricDecl) -> Vec<String> {
        let mut out = Vec::new();
        for (concept, span) in &m.xbrl {
            if let Some((metric, first)) = self.concepts.get(concept) {
                self.diagnostics.push(
                    file.error(
                        K::DuplicateDefinition,
                        format!(
                            "XBRL concept \"{concept}\" is mapped to \"{metric}\" and to \"{}\"",
                            m.id.0
                        ),
                        span.clone(),
                    )
                    .with_note(format!("first mapped in {first}"))
                    .with_hint("a concept states one metric: remove it from one of the two lists"),
                );
                continue;
            }
            self.concepts
                .insert(concept.clone(), (m.id.0.clone(), file.path.clone()));
            out.push(concept.clone());
        }
        out
    }

    fn units(&mut self, file: &TaxonomyFile) {
        for u in &file.units {
            if !self.define(file, "unit", &u.id) {
                continue;
            }
            let (dimension, factor) = match (&u.dimension, &u.equals) {
                (Some((d, _)), _) => (Dimension::base(d), Decimal::ONE),
                (None, Some((text, span))) => match self.equals(text) {
                    Ok(pair) => pair,
                    Err((offset, end, message, hint)) => {
                        let mut d =
                            file.error(K::UnknownUnit, message, inner_span(span, offset, end));
                        if let Some(h) = hint {
                            d = d.with_hint(h);
                        }
                        self.diagnostics.push(d);
                        continue;
                    }
                },
                (None, None) => continue,
            };
            self.vocabulary.units.push(UnitDef {
                id: u.id.0.clone(),
                dimension,
                factor,
                aliases: u.aliases.clone(),
            });
        }
    }

    /// Parses `equals = "1000 TH/s"`.
    #[allow(clippy::type_complexity)]
    fn equals(
        &self,
        text: &str,
    ) -> Result<(Dimension, Decimal), (usize, usize, String, Option<String>)> {
        let (number, unit) = text.split_once(' ').unwrap_or((text, ""));
        let factor: Decimal = number.replace(',', "").parse().map_err(|_| {
            (
                0,
                number.len(),
                format!("\"{number}\" is not a number"),
                Some(
                    "write equals = \"1000 TH/s\": a number, a space, a unit declared before"
                        .to_string(),
                ),
            )
        })?;
        if factor <= Decimal::ZERO {
            return Err((
                0,
                number.len(),
                "a unit must equal a positive amount".into(),
                None,
            ));
        }
        let start = number.len() + 1;
        match self.vocabulary.units.get(unit) {
            Some(base) => Ok((
                base.dimension.clone(),
                factor.checked_mul(base.factor).unwrap_or(factor),
            )),
            None => {
                let ids = self.vocabulary.units.ids();
                let hint = closest(unit, &ids)
                    .map(|s| format!("did you mean \"{s}\"?"))
                    .or(Some("declare the unit it is based on first".into()));
                Err((start, text.len(), format!("unknown unit \"{unit}\""), hint))
            }
        }
    }

    fn sections(&mut self, file: &TaxonomyFile) {
        for s in &file.sections {
            if self.define(file, "section", &s.id) {
                self.vocabulary.sections.push(crate::taxonomy::Section {
                    id: s.id.0.clone(),
                    title: s.title.clone(),
                });
            }
        }
    }

    fn axes(&mut self, file: &TaxonomyFile) {
        for a in &file.axes {
            if self.define(file, "axis", &a.id) {
                self.vocabulary.axes.push(Axis {
                    id: a.id.0.clone(),
                    label: a.label.clone(),
                    members: a.members.iter().map(MemberDecl::member).collect(),
                    partition: a.partition,
                });
            }
        }
    }

    fn section_exists(&mut self, file: &TaxonomyFile, (id, span): &Spanned) -> bool {
        if self.vocabulary.section(id).is_some() {
            return true;
        }
        let ids: Vec<&str> = self
            .vocabulary
            .sections
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        let hint = closest(id, &ids)
            .map(|s| format!("did you mean \"{s}\"?"))
            .unwrap_or_else(|| {
                format!(
                    "the sections are: {}; or declare it in a [[section]]",
                    ids.join(", ")
                )
            });
        self.diagnostics.push(
            file.error(
                K::UnknownLayoutId,
                format!("unknown section \"{id}\""),
                span.clone(),
            )
            .with_hint(hint),
        );
        false
    }

    fn unit_expr(
        &mut self,
        file: &TaxonomyFile,
        (text, span): &Spanned,
        currency: Currency,
    ) -> Option<Unit> {
        match self.vocabulary.units.parse_expression(text) {
            Ok(d) => Some(self.vocabulary.units.unit_of(&d, currency)),
            Err((offset, message)) => {
                let ids = self.vocabulary.units.ids();
                self.diagnostics.push(
                    file.error(K::UnknownUnit, message, inner_span(span, offset, text.len()))
                        .with_hint(format!("units are \"money\", {} and products or quotients of them such as \"money/share\"", ids.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", "))),
                );
                None
            }
        }
    }

    fn metrics(&mut self, file: &TaxonomyFile, currency: Currency) {
        for m in &file.metrics {
            if !self.define(file, "metric", &m.id) {
                continue;
            }
            let section_ok = self.section_exists(file, &m.section);
            let Some(unit) = self.unit_expr(file, &m.unit, currency) else {
                continue;
            };
            if !section_ok {
                continue;
            }
            let xbrl = self.xbrl_concepts(file, m);
            self.vocabulary
                .by_id
                .insert(m.id.0.clone(), self.vocabulary.metrics.len());
            self.vocabulary.metrics.push(Arc::new(Metric {
                id: m.id.0.clone(),
                label: m.label.clone(),
                unit_text: m.unit.0.clone(),
                unit,
                kind: m.kind,
                sign: m.sign,
                section: m.section.0.clone(),
                synonyms: m.synonyms.clone(),
                per_subject: m.per_subject,
                xbrl,
                taxonomy: file.id.clone(),
            }));
        }
    }

    /// Parses and type-checks the derived metrics of one file; returns them
    /// with the ids of other derived metrics each depends on.
    fn derived<'f>(&mut self, file: &'f TaxonomyFile, currency: Currency) -> Vec<Pending<'f>> {
        let mut out = Vec::new();
        let declared_units: BTreeMap<String, Dimension> = file
            .derived
            .iter()
            .filter_map(|d| {
                let dim = self.vocabulary.units.parse_expression(&d.unit.0).ok()?;
                Some((d.id.0.clone(), dim))
            })
            .collect();
        for d in &file.derived {
            if !self.define(file, "derived metric", &d.id) {
                continue;
            }
            let section_ok = self.section_exists(file, &d.section);
            let Some(unit) = self.unit_expr(file, &d.unit, currency) else {
                continue;
            };
            if let Some(m) = self.vocabulary.metric(&d.id.0) {
                if m.dimension() != unit.dimension() {
                    let msg = format!(
                        "derived \"{}\" is {} but the stated metric of the same id is {}",
                        d.id.0,
                        unit.dimension(),
                        m.dimension()
                    );
                    self.diagnostics.push(file.error(K::FormulaDimension, msg, d.unit.1.clone()).with_hint("a derived metric with a stated metric's id is reconciled with it, so their units must agree"));
                    continue;
                }
            }
            if let Some((axis, span)) = &d.for_each {
                if self.vocabulary.axis(axis).is_none() {
                    self.unknown_axis(file, axis, span.clone());
                    continue;
                }
            }
            let (text, span) = &d.formula;
            let formula = match parse_formula(text) {
                Ok(f) => f,
                Err(e) => {
                    let mut diag = file.error(
                        K::InvalidFormula,
                        format!("invalid formula: {}", e.message),
                        inner_span(span, e.span.start, e.span.end),
                    );
                    if let Some(h) = e.hint {
                        diag = diag.with_hint(h);
                    }
                    self.diagnostics.push(diag);
                    continue;
                }
            };
            let mut axes_ok = true;
            for (axis, s) in formula.axis_refs() {
                if self.vocabulary.axis(axis).is_none() {
                    self.unknown_axis(file, axis, inner_span(span, s.start, s.end));
                    axes_ok = false;
                }
            }
            let vocabulary = &self.vocabulary;
            let earlier: BTreeMap<String, Dimension> = self
                .vocabulary
                .derived
                .iter()
                .map(|d| (d.id.clone(), d.unit.dimension().clone()))
                .collect();
            let dim_of = |id: &str| {
                vocabulary
                    .metric(id)
                    .map(|m| m.dimension().clone())
                    .or_else(|| declared_units.get(id).cloned())
                    .or_else(|| earlier.get(id).cloned())
            };
            let mut known: Vec<&str> = vocabulary.metrics.iter().map(|m| m.id.as_str()).collect();
            known.extend(declared_units.keys().map(String::as_str));
            let dimension = match formula.dimension(&dim_of, &known) {
                Ok(dim) => dim,
                Err(e) => {
                    let kind = if e.message.starts_with("unknown") {
                        K::InvalidFormula
                    } else {
                        K::FormulaDimension
                    };
                    let mut diag = file.error(
                        kind,
                        e.message.clone(),
                        inner_span(span, e.span.start, e.span.end),
                    );
                    if let Some(h) = e.hint {
                        diag = diag.with_hint(h);
                    }
                    self.diagnostics.push(diag);
                    continue;
                }
            };
            if &dimension != unit.dimension() {
                self.diagnostics.push(
                    file.error(K::FormulaDimension, format!("formula of \"{}\" gives {dimension} but its unit \"{}\" is {}", d.id.0, d.unit.0, unit.dimension()), inner_span(span, 0, text.len()))
                        .with_hint(if unit.is_percent() {
                            "a percentage is a ratio of like quantities times 100: \"gross_profit / revenue * 100\"".to_string()
                        } else {
                            format!("declare unit = \"{}\" or fix the formula", self.vocabulary.units.expression_of(&dimension))
                        }),
                );
                continue;
            }
            if !section_ok || !axes_ok {
                continue;
            }
            let deps: Vec<String> = formula
                .metric_refs()
                .into_iter()
                .map(|(id, _)| id.to_string())
                .filter(|id| declared_units.contains_key(id) || earlier.contains_key(id))
                .collect();
            let def = DerivedDef {
                id: d.id.0.clone(),
                label: d.label.clone(),
                formula,
                unit,
                section: d.section.0.clone(),
                for_each: d.for_each.as_ref().map(|(a, _)| a.clone()),
            };
            // Later files see this one as declared; `order_derived` replaces the list.
            self.vocabulary.derived.push(def.clone());
            out.push((def, deps, file, d.id.1.clone()));
        }
        out
    }

    fn unknown_axis(&mut self, file: &TaxonomyFile, axis: &str, span: std::ops::Range<usize>) {
        let ids: Vec<&str> = self.vocabulary.axes.iter().map(|a| a.id.as_str()).collect();
        let hint = closest(axis, &ids)
            .map(|s| format!("did you mean \"{s}\"?"))
            .unwrap_or_else(|| "declare it in an [[axis]] table".into());
        self.diagnostics.push(
            file.error(K::UnknownAxis, format!("unknown axis \"{axis}\""), span)
                .with_hint(hint),
        );
    }

    /// Orders derived metrics so each follows those it depends on, and
    /// reports cycles.
    fn order_derived(&mut self, formulas: Vec<Pending<'_>>) {
        let ids: BTreeSet<String> = formulas.iter().map(|f| f.0.id.clone()).collect();
        let mut done: BTreeSet<String> = BTreeSet::new();
        let mut ordered = Vec::new();
        let mut pending = formulas;
        loop {
            let (ready, rest): (Vec<_>, Vec<_>) =
                pending.into_iter().partition(|(d, deps, _, _)| {
                    deps.iter()
                        .all(|dep| done.contains(dep) || (!ids.contains(dep) && dep != &d.id))
                });
            if ready.is_empty() {
                pending = rest;
                break;
            }
            for (d, ..) in ready {
                done.insert(d.id.clone());
                ordered.push(d);
            }
            pending = rest;
        }
        for (d, deps, file, span) in &pending {
            let cycle: Vec<&str> = deps
                .iter()
                .filter(|x| !done.contains(*x))
                .map(String::as_str)
                .collect();
            self.diagnostics.push(
                file.error(K::Cycle, format!("derived \"{}\" depends on itself through {}", d.id, cycle.join(", ")), span.clone())
                    .with_hint("a formula may not use its own result, directly or through other derived metrics; use prev(x) of a stated metric instead"),
            );
        }
        self.vocabulary.derived = ordered;
    }

    fn brief(&mut self, file: &TaxonomyFile) {
        let lists = [
            (&file.brief.key_figures, 0usize),
            (&file.brief.trend, 1),
            (&file.brief.charts, 2),
        ];
        for (list, which) in lists {
            let Some(list) = list else { continue };
            let mut ids = Vec::new();
            for (id, span) in list {
                if self.vocabulary.label(id).is_some() {
                    ids.push(id.clone());
                } else if !self.declared(id) {
                    let hint = self
                        .vocabulary
                        .suggest(id)
                        .map(|s| format!("did you mean \"{s}\"?"))
                        .unwrap_or_else(|| "list ids of metrics or derived metrics".into());
                    self.diagnostics.push(
                        file.error(
                            K::UnknownLayoutId,
                            format!("unknown metric \"{id}\" in [brief]"),
                            span.clone(),
                        )
                        .with_hint(hint),
                    );
                }
            }
            let b = &mut self.vocabulary.brief;
            match which {
                0 => b.key_figures = ids,
                1 => b.trend = ids,
                _ => b.charts = ids,
            }
        }
        if let Some(order) = &file.brief.sections {
            let mut sorted = Vec::new();
            for s in order {
                if self.section_exists(file, s) {
                    if let Some(sec) = self.vocabulary.section(&s.0) {
                        sorted.push(sec.clone());
                    }
                }
            }
            for sec in &self.vocabulary.sections {
                if !sorted
                    .iter()
                    .any(|s: &crate::taxonomy::Section| s.id == sec.id)
                {
                    sorted.push(sec.clone());
                }
            }
            self.vocabulary.sections = sorted;
        }
    }
}
