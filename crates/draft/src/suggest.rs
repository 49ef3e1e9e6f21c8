//! A draft for a company that has not chosen its taxonomies yet: the
//! candidates placed on a metric of a built-in taxonomy outside the
//! company's say so in their note, and the taxonomy most of them come from
//! is suggested ("this call reads like ...: add "reit" to taxonomies").

use qbrief_model::{builtin_home, Vocabulary};

use crate::draft::Candidate;

/// The built-in taxonomy a draft suggests adding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxonomySuggestion {
    /// Its id (`reit`).
    pub taxonomy: String,
    /// Its label.
    pub label: String,
    /// How many candidates use its metrics.
    pub figures: usize,
}

impl TaxonomySuggestion {
    /// The line `qbrief draft` ends with.
    pub fn line(&self) -> String {
        format!(
            "this call reads like {} ({} {} its metrics): add \"{}\" to taxonomies in company.toml",
            self.label,
            self.figures,
            if self.figures == 1 {
                "figure uses"
            } else {
                "figures use"
            },
            self.taxonomy
        )
    }
}

/// Notes on each candidate whose metric the company's `vocabulary` lacks
/// which built-in taxonomy defines it, and returns the taxonomy most such
/// candidates come from (ties go to the taxonomy listed first).
///
/// ```
/// use qbrief_draft::{draft, suggest_taxonomy};
/// use qbrief_model::{Currency, Vocabulary};
/// let company = Vocabulary::builtin(&["base"], Currency::USD);
/// let wide = company.with_builtin_suggestions(Currency::USD);
/// let text = "We mined 1,200 bitcoins in the quarter.\n";
/// let mut d = draft(text, "2024-Q3".parse().unwrap(), 12, &wide, &[]);
/// let suggestion = suggest_taxonomy(&mut d.candidates, &company).expect("a miner");
/// assert_eq!(suggestion.taxonomy, "bitcoin-mining");
/// assert!(d.candidates[0].note.as_deref().unwrap().contains("bitcoin-mining"));
/// ```
pub fn suggest_taxonomy(
    candidates: &mut [Candidate],
    vocabulary: &Vocabulary,
) -> Option<TaxonomySuggestion> {
    let mut counts: Vec<TaxonomySuggestion> = Vec::new();
    for candidate in candidates.iter_mut() {
        let Some(home) = candidate
            .metric
            .as_deref()
            .and_then(|m| builtin_home(vocabulary, m))
        else {
            continue;
        };
        let said = format!(
            "metric of the built-in taxonomy \"{}\", which the company does not use",
            home.taxonomy
        );
        candidate.note = Some(match candidate.note.take() {
            Some(note) => format!("{note}; {said}"),
            None => said,
        });
        match counts.iter_mut().find(|s| s.taxonomy == home.taxonomy) {
            Some(s) => s.figures += 1,
            None => counts.push(TaxonomySuggestion {
                taxonomy: home.taxonomy,
                label: home.label,
                figures: 1,
            }),
        }
    }
    counts.into_iter().rev().max_by_key(|s| s.figures)
}
