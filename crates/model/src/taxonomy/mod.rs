//! The vocabulary of one company: the units, metrics, axes, derived
//! formulas, sections and brief layout of the taxonomies it uses, merged
//! along their `extends` chain and checked as strictly as facts are.
//!
//! Six taxonomies are built in: `base`, and the industry taxonomies that
//! extend it (`bitcoin-mining`, `reit`, `retail`, `bank`, `insurance`); a
//! data folder may add its own under `taxonomies/`, and a company may extend
//! them in its `taxonomy.toml`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::axis::{default_member_label, Axis};
use crate::compare::Compared;
use crate::formula::Formula;
use crate::metric::{closest, Metric};
use crate::parse::{parse_taxonomy, TaxonomyFile};
use crate::quantity::Currency;
use crate::unit::{Unit, UnitTable};

// `Vocabulary::build` is defined in `builder.rs`.
mod builder;

/// The built-in taxonomies: (id, text).
pub const BUILTIN_TAXONOMIES: &[(&str, &str)] = &[
    ("base", include_str!("../../taxonomies/base.toml")),
    (
        "bitcoin-mining",
        include_str!("../../taxonomies/bitcoin-mining.toml"),
    ),
    ("reit", include_str!("../../taxonomies/reit.toml")),
    ("retail", include_str!("../../taxonomies/retail.toml")),
    ("bank", include_str!("../../taxonomies/bank.toml")),
    ("insurance", include_str!("../../taxonomies/insurance.toml")),
];

/// Parses the built-in taxonomies (once per process); they are tested to
/// load without findings.
pub fn builtin_taxonomies() -> Vec<TaxonomyFile> {
    static PARSED: std::sync::OnceLock<Vec<TaxonomyFile>> = std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| {
            BUILTIN_TAXONOMIES
                .iter()
                .filter_map(|(id, text)| {
                    parse_taxonomy(&format!("<built-in>/taxonomies/{id}.toml"), text, Some(id)).0
                })
                .collect()
        })
        .clone()
}

/// A derived metric: a formula over other metrics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedDef {
    /// Its id; when a stated metric has the same id, the two are reconciled.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The formula, whose text is what briefs show.
    pub formula: Formula,
    /// The unit of its result.
    pub unit: Unit,
    /// The brief section it is shown in.
    pub section: String,
    /// An axis to evaluate it for each member of.
    pub for_each: Option<String>,
}

/// A brief section.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    /// Its id.
    pub id: String,
    /// Its heading.
    pub title: String,
}

/// What a brief shows beyond its sections.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Brief {
    /// Ids of the key-figures table, in order.
    pub key_figures: Vec<String>,
    /// Ids of the company page's trend table.
    pub trend: Vec<String>,
    /// Ids charted on the company page.
    pub charts: Vec<String>,
}

/// Everything one company's taxonomies define, checked.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// The taxonomy ids, base first.
    pub taxonomies: Vec<String>,
    /// The units value strings may use.
    pub units: UnitTable,
    /// The metrics, in declaration order.
    pub metrics: Vec<Arc<Metric>>,
    /// The axes.
    pub axes: Vec<Axis>,
    /// The derived metrics, each after those it depends on.
    pub derived: Vec<DerivedDef>,
    /// The brief sections, in brief order.
    pub sections: Vec<Section>,
    /// The brief layout.
    pub brief: Brief,
    /// The figures the universe index compares across companies, as the
    /// taxonomies mark them (`compare = ["value", "yoy"]`), taxonomy by
    /// taxonomy in chain order.
    pub compare: Vec<Compared>,
    by_id: BTreeMap<String, usize>,
}

impl Vocabulary {
    /// The vocabulary of built-in taxonomies (and those they extend), for
    /// a company reporting in `currency`. Built-in taxonomies are tested to
    /// load without findings; an unknown id is left out.
    ///
    /// ```
    /// use qbrief_model::{Currency, Vocabulary};
    /// let v = Vocabulary::builtin(&["base"], Currency::USD);
    /// assert_eq!(v.metric("revenue").unwrap().label, "Revenue");
    /// assert_eq!(v.metric("eps_diluted").unwrap().unit.symbol(), "USD/share");
    /// ```
    pub fn builtin(ids: &[&str], currency: Currency) -> Vocabulary {
        let files: BTreeMap<String, TaxonomyFile> = builtin_taxonomies()
            .into_iter()
            .map(|f| (f.id.clone(), f))
            .collect();
        let known: Vec<String> = ids
            .iter()
            .filter(|id| files.contains_key(**id))
            .map(|id| id.to_string())
            .collect();
        let chain = resolve_chain(&known, &files).unwrap_or_default();
        Vocabulary::build(&chain, currency).0
    }

    /// Adds a metric another vocabulary defines, keeping its taxonomy; a
    /// metric of the same id already here wins.
    pub(crate) fn adopt_metric(&mut self, metric: Arc<Metric>) {
        if !self.by_id.contains_key(&metric.id) {
            self.by_id.insert(metric.id.clone(), self.metrics.len());
            self.metrics.push(metric);
        }
    }

    /// The metric an XBRL concept (`us-gaap:GrossProfit`) states, from the
    /// metrics' `xbrl` lists; `None` for a concept no metric lists.
    ///
    /// ```
    /// use qbrief_model::{Currency, Vocabulary};
    /// let v = Vocabulary::builtin(&["base"], Currency::USD);
    /// assert_eq!(v.metric_for_concept("us-gaap:GrossProfit").unwrap().id, "gross_profit");
    /// assert!(v.metric_for_concept("us-gaap:NoSuchConcept").is_none());
    /// ```
    pub fn metric_for_concept(&self, concept: &str) -> Option<&Arc<Metric>> {
        self.metrics
            .iter()
            .find(|m| m.xbrl.iter().any(|c| c == concept))
    }

    /// A metric by id.
    pub fn metric(&self, id: &str) -> Option<&Arc<Metric>> {
        self.by_id.get(id).and_then(|i| self.metrics.get(*i))
    }

    /// The declaration position of a metric, for ordering tables the way
    /// the taxonomies list their metrics.
    ///
    /// ```
    /// use qbrief_model::{Currency, Vocabulary};
    /// let v = Vocabulary::builtin(&["base"], Currency::USD);
    /// assert!(v.position("revenue") < v.position("net_income"));
    /// assert_eq!(v.position("no_such_metric"), None);
    /// ```
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// A derived metric by id.
    pub fn derived(&self, id: &str) -> Option<&DerivedDef> {
        self.derived.iter().find(|d| d.id == id)
    }

    /// An axis by id.
    pub fn axis(&self, id: &str) -> Option<&Axis> {
        self.axes.iter().find(|a| a.id == id)
    }

    /// The label briefs show for a member of an axis: the one its taxonomy
    /// gives, else [`default_member_label`] of the id (also for an axis or
    /// member the vocabulary does not declare).
    ///
    /// ```
    /// use qbrief_model::{Currency, Vocabulary};
    /// let v = Vocabulary::builtin(&["base"], Currency::USD);
    /// assert_eq!(v.member_label("region", "middle-east"), "Middle east");
    /// ```
    pub fn member_label<'v>(&'v self, axis: &str, member: &str) -> Cow<'v, str> {
        match self.axis(axis).and_then(|a| a.member(member)) {
            Some(m) => Cow::Borrowed(m.label.as_str()),
            None => Cow::Owned(default_member_label(member)),
        }
    }

    /// A section by id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The label of a metric or derived id.
    pub fn label(&self, id: &str) -> Option<&str> {
        self.metric(id)
            .map(|m| m.label.as_str())
            .or_else(|| self.derived(id).map(|d| d.label.as_str()))
    }

    /// The closest metric id to a misspelt one.
    pub fn suggest(&self, id: &str) -> Option<String> {
        let ids: Vec<&str> = self.metrics.iter().map(|m| m.id.as_str()).collect();
        closest(id, &ids).map(str::to_string)
    }
}

/// Resolves the taxonomies a company names (plus its own extension) into
/// a chain, each after those it extends; unknown ids and cycles are
/// reported by the caller from the `Err` (the id, and who named it).
pub fn resolve_chain<'a>(
    requested: &[String],
    available: &'a BTreeMap<String, TaxonomyFile>,
) -> Result<Vec<&'a TaxonomyFile>, ChainError> {
    fn visit<'a>(
        id: &str,
        available: &'a BTreeMap<String, TaxonomyFile>,
        stack: &mut Vec<String>,
        out: &mut Vec<&'a TaxonomyFile>,
    ) -> Result<(), ChainError> {
        if out.iter().any(|f| f.id == id) {
            return Ok(());
        }
        if stack.iter().any(|s| s == id) {
            return Err(ChainError::Cycle(stack.clone()));
        }
        let Some(file) = available.get(id) else {
            return Err(ChainError::Unknown {
                id: id.to_string(),
                named_by: stack.last().cloned(),
            });
        };
        stack.push(id.to_string());
        for parent in &file.extends {
            visit(parent, available, stack, out)?;
        }
        stack.pop();
        out.push(file);
        Ok(())
    }
    let mut out = Vec::new();
    for id in requested {
        visit(id, available, &mut Vec::new(), &mut out)?;
    }
    Ok(out)
}

/// Why a taxonomy chain could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainError {
    /// A taxonomy id nobody defines; `named_by` is the taxonomy that extends it.
    Unknown {
        /// The id.
        id: String,
        /// The taxonomy whose `extends` names it, `None` for company.toml.
        named_by: Option<String>,
    },
    /// Taxonomies that extend each other.
    Cycle(Vec<String>),
}
