//! Where a figure stands: its sentence, the document, the vocabulary and
//! the figures around it, as every proposing module reads them.

use qbrief_model::{Period, Vocabulary};

/// Everything the proposer needs about where a figure stands.
pub(crate) struct Context<'a> {
    /// The whole document.
    pub text: &'a str,
    /// The sentence's byte range.
    pub sentence: std::ops::Range<usize>,
    /// The previous sentence of the same speaker, for carrying a metric over.
    pub previous: Option<std::ops::Range<usize>>,
    /// The document's period.
    pub period: Period,
    /// The company's vocabulary.
    pub vocabulary: &'a Vocabulary,
    /// The month the company's fiscal year ends in.
    pub fiscal_year_end_month: u32,
    /// Each metric's names (label, synonyms and their variants), lowercase,
    /// by index into the vocabulary's metrics.
    pub names: &'a [Vec<String>],
    /// The end of the previous figure of the sentence and its metric, so
    /// that "revenue of $73.6M, up 121%" gives the change the same metric.
    pub previous_figure: Option<(usize, String)>,
    /// The byte ranges of the sentence's figures, relative to the
    /// sentence, for lists closed by "respectively".
    pub figures: &'a [std::ops::Range<usize>],
    /// The period of the outlook in force (`outlook.rs`), for guidance
    /// that names none.
    pub outlook: Option<Period>,
    /// Whether an earlier sentence declared the remarks to be on an
    /// adjusted basis (`declared.rs`).
    pub adjusted_basis: bool,
}

impl<'a> Context<'a> {
    /// Each metric of the vocabulary with its names.
    pub(crate) fn metrics_with_names(
        &self,
    ) -> impl Iterator<Item = (&'a std::sync::Arc<qbrief_model::Metric>, &'a Vec<String>)> {
        self.vocabulary.metrics.iter().zip(self.names)
    }
}
