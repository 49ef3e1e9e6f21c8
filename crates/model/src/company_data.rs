//! What is known about one company once its files are loaded: the company,
//! its documents, its facts and its vocabulary.

use std::sync::Arc;

use crate::company::Company;
use crate::fact::{Document, Fact};
use crate::metric::MetricKey;
use crate::period::Period;
use crate::taxonomy::Vocabulary;

/// Everything known about one company.
#[derive(Debug, Clone)]
pub struct CompanyData {
    /// The company.
    pub company: Company,
    /// Its source documents, ordered by id.
    pub documents: Vec<Document>,
    /// Every valid fact, ordered by period, metric, then file position.
    pub facts: Vec<Fact>,
    /// The company's vocabulary: its taxonomies, merged and checked.
    pub vocabulary: Arc<Vocabulary>,
}

impl CompanyData {
    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Every statement of `key` for `period`.
    pub fn statements<'a>(
        &'a self,
        key: &'a MetricKey,
        period: Period,
    ) -> impl Iterator<Item = &'a Fact> {
        self.facts
            .iter()
            .filter(move |f| &f.metric == key && f.period == period)
    }

    /// Every period that has at least one fact, in order.
    pub fn periods(&self) -> Vec<Period> {
        let mut periods: Vec<Period> = self.facts.iter().map(|f| f.period).collect();
        periods.sort();
        periods.dedup();
        periods
    }
}
