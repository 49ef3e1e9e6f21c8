//! The built-in taxonomies a company has not chosen yet: which one defines
//! a metric the company's vocabulary lacks, and a drafting vocabulary that
//! also knows their metrics, so that "FFO per share $0.46" on the call of a
//! company of `taxonomies = ["base"]` is proposed as the REIT metric it is,
//! with a hint to add `"reit"`, rather than forced onto a base metric.

use std::sync::Arc;

use crate::quantity::Currency;
use crate::taxonomy::{builtin_taxonomies, Vocabulary};

/// A built-in taxonomy that defines a metric: its id and label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltinHome {
    /// The taxonomy id (`reit`).
    pub taxonomy: String,
    /// Its label, for messages.
    pub label: String,
}

impl BuiltinHome {
    /// The hint for a company whose taxonomies lack it.
    pub fn hint(&self) -> String {
        format!(
            "the built-in taxonomy \"{}\" ({}) defines it: add \"{}\" to taxonomies in company.toml",
            self.taxonomy, self.label, self.taxonomy
        )
    }
}

/// The built-in taxonomy, other than those of `vocabulary`, that declares
/// the metric `id` (a stated change `id.yoy` counts as its metric).
///
/// ```
/// use qbrief_model::{builtin_home, Currency, Vocabulary};
/// let base = Vocabulary::builtin(&["base"], Currency::USD);
/// let home = builtin_home(&base, "btc_mined.yoy").expect("a built-in metric");
/// assert_eq!(home.taxonomy, "bitcoin-mining");
/// assert_eq!(builtin_home(&base, "revenue"), None);
/// ```
pub fn builtin_home(vocabulary: &Vocabulary, id: &str) -> Option<BuiltinHome> {
    let metric = id.split('.').next().unwrap_or(id);
    builtin_taxonomies()
        .into_iter()
        .filter(|file| !vocabulary.taxonomies.contains(&file.id))
        .find(|file| file.metrics.iter().any(|m| m.id.0 == metric))
        .map(|file| BuiltinHome {
            taxonomy: file.id,
            label: file.label,
        })
}

impl Vocabulary {
    /// This vocabulary, plus the metrics (and the units they are written
    /// in) of every built-in taxonomy it does not use: what `qbrief draft`
    /// proposes from. A metric keeps the taxonomy that defines it
    /// ([`crate::Metric::taxonomy`]), so a proposal can say where it comes
    /// from; the company's own metrics win over a built-in one of the same
    /// id. `taxonomies` stays the company's.
    ///
    /// ```
    /// use qbrief_model::{Currency, Vocabulary};
    /// let base = Vocabulary::builtin(&["base"], Currency::USD);
    /// let wide = base.with_builtin_suggestions(Currency::USD);
    /// assert_eq!(wide.metric("hashrate_sold").unwrap().taxonomy, "bitcoin-mining");
    /// assert_eq!(wide.taxonomies, base.taxonomies);
    /// assert!(base.metric("hashrate_sold").is_none());
    /// ```
    pub fn with_builtin_suggestions(&self, currency: Currency) -> Vocabulary {
        let ids: Vec<String> = builtin_taxonomies().into_iter().map(|f| f.id).collect();
        self.with_builtins(&ids, currency)
    }

    /// This vocabulary, plus the metrics (and their units) of the built-in
    /// taxonomies `ids` that it does not use, as
    /// [`Vocabulary::with_builtin_suggestions`] does for all of them.
    pub fn with_builtins(&self, ids: &[String], currency: Currency) -> Vocabulary {
        let mut wide = self.clone();
        for file in builtin_taxonomies() {
            if self.taxonomies.contains(&file.id) || !ids.contains(&file.id) {
                continue;
            }
            let other = Vocabulary::builtin(&[file.id.as_str()], currency);
            for unit in other.units.units() {
                if wide.units.get(&unit.id).is_none() {
                    wide.units.push(unit.clone());
                }
            }
            for metric in other.metrics.iter().filter(|m| m.taxonomy == file.id) {
                wide.adopt_metric(Arc::clone(metric));
            }
        }
        wide
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A metric of each built-in taxonomy other than base, with its taxonomy
    /// (read from the files, so that no industry's id is named here).
    fn industry_metrics() -> Vec<(String, String)> {
        builtin_taxonomies()
            .into_iter()
            .filter(|f| f.id != "base")
            .filter_map(|f| f.metrics.first().map(|m| (f.id.clone(), m.id.0.clone())))
            .collect()
    }

    #[test]
    fn a_metric_is_sent_to_its_taxonomy_unless_the_company_uses_it() {
        let base = Vocabulary::builtin(&["base"], Currency::USD);
        let wide = base.with_builtin_suggestions(Currency::USD);
        assert!(!industry_metrics().is_empty());
        for (taxonomy, metric) in industry_metrics() {
            let home = builtin_home(&base, &format!("{metric}.yoy")).expect("a built-in metric");
            assert_eq!(home.taxonomy, taxonomy);
            assert!(
                home.hint()
                    .contains(&format!("add \"{taxonomy}\" to taxonomies")),
                "{}",
                home.hint()
            );
            assert_eq!(wide.metric(&metric).unwrap().taxonomy, taxonomy);
            let chosen = Vocabulary::builtin(&[taxonomy.as_str()], Currency::USD);
            assert_eq!(builtin_home(&chosen, &metric), None);
        }
        assert_eq!(builtin_home(&base, "revenue"), None);
    }

    #[test]
    fn the_company_metrics_win_and_its_taxonomies_stay() {
        let base = Vocabulary::builtin(&["base"], Currency::USD);
        let wide = base.with_builtin_suggestions(Currency::USD);
        assert_eq!(wide.taxonomies, base.taxonomies);
        for metric in &base.metrics {
            assert!(Arc::ptr_eq(metric, wide.metric(&metric.id).unwrap()));
        }
    }
}
