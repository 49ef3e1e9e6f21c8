//! The figures the universe index compares across companies: what each
//! taxonomy marks with `compare` on its metrics and derived metrics, the
//! value or a change of it. Which figures those are is data; the code only
//! gathers the marks of a company's taxonomies, in their order.

use crate::metric::Change;
use crate::parse::TaxonomyFile;

/// One figure the universe index compares: a metric's or derived metric's
/// value, or its change, as one taxonomy marks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    /// The metric or derived metric id.
    pub id: String,
    /// `None` for the value, else the change compared.
    pub change: Option<Change>,
    /// The id of the taxonomy that marks it: the index groups figures by it.
    pub taxonomy: String,
    /// That taxonomy's label.
    pub taxonomy_label: String,
}

impl Compared {
    /// The figure as data files name it: `revenue`, `revenue.yoy`.
    pub fn key(&self) -> String {
        match self.change {
            None => self.id.clone(),
            Some(c) => [self.id.as_str(), ".", c.suffix()].concat(),
        }
    }
}

/// The compared figures of `chain`, taxonomy by taxonomy (its metrics, then
/// its derived metrics, each as its `compare` list orders it), keeping only
/// definitions the vocabulary accepted and each figure once: a stated
/// metric and a formula of the same id (a margin) are one figure.
/// `metric_home` gives the taxonomy that defines a metric of the
/// vocabulary, `has_derived` whether it has a derived metric; lookups rather
/// than the `Vocabulary`, which is built from this module.
pub(crate) fn collect<'v>(
    chain: &[&TaxonomyFile],
    metric_home: impl Fn(&str) -> Option<&'v str>,
    has_derived: impl Fn(&str) -> bool,
) -> Vec<Compared> {
    let mut out: Vec<Compared> = Vec::new();
    for file in chain {
        let metrics = file
            .metrics
            .iter()
            .filter(|m| metric_home(&m.id.0) == Some(file.id.as_str()))
            .map(|m| (&m.id.0, &m.compare));
        let derived = file
            .derived
            .iter()
            .filter(|d| has_derived(&d.id.0))
            .map(|d| (&d.id.0, &d.compare));
        for (id, changes) in metrics.chain(derived) {
            for change in changes {
                if out.iter().any(|c| &c.id == id && c.change == *change) {
                    continue;
                }
                out.push(Compared {
                    id: id.clone(),
                    change: *change,
                    taxonomy: file.id.clone(),
                    taxonomy_label: file.label.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{Currency, Vocabulary};

    #[test]
    fn built_in_marks_come_in_taxonomy_order_once_each() {
        let v = Vocabulary::builtin(&["base", "reit"], Currency::USD);
        let keys: Vec<String> = v.compare.iter().map(|c| c.key()).collect();
        assert!(!keys.is_empty());
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "{keys:?}");
        // Every mark names a figure of the vocabulary, and the taxonomies
        // come in chain order.
        for c in &v.compare {
            assert!(v.label(&c.id).is_some(), "{}", c.id);
        }
        let order: Vec<usize> = v
            .compare
            .iter()
            .map(|c| v.taxonomies.iter().position(|t| *t == c.taxonomy).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    }
}
