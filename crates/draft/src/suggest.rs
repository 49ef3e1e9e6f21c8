//! A draft for a company that has not chosen its taxonomies yet. The call
//! is first read with every built-in taxonomy's metrics; a taxonomy whose
//! metrics at least three figures of at least two metrics take is the one
//! the call speaks in, and the call is drafted again with the company's
//! vocabulary and that taxonomy alone, its candidates noting where their
//! metric comes from. A stray word ("loans", "stores") in another
//! industry's call so proposes nothing outside the company's vocabulary.

use qbrief_model::{builtin_home, Currency, Period, Vocabulary};

use crate::draft::{draft, Draft};

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

/// The fewest figures, and distinct metrics, that make a call read like a
/// taxonomy's industry.
const MIN_FIGURES: usize = 3;
const MIN_METRICS: usize = 2;

/// Drafts `text` as [`draft`] does for a company of `vocabulary`, also
/// proposing the metrics of the one built-in taxonomy the company does not
/// use that the call speaks in, if any; that taxonomy is returned.
///
/// ```
/// use qbrief_draft::draft_suggesting;
/// use qbrief_model::{Currency, Vocabulary};
/// let company = Vocabulary::builtin(&["base"], Currency::USD);
/// let text = "We mined 1,200 bitcoins in the quarter. We held 3,100 bitcoins. We mined 400 bitcoins in July.\n";
/// let (d, suggestion) = draft_suggesting(text, "2024-Q3".parse().unwrap(), 12, &company, Currency::USD, &[]);
/// assert_eq!(suggestion.expect("a miner's call").taxonomy, "bitcoin-mining");
/// assert!(d.candidates[0].note.as_deref().unwrap().contains("bitcoin-mining"));
///
/// let (plain, none) = draft_suggesting("Revenue was $12 million.\n", "2024-Q3".parse().unwrap(), 12, &company, Currency::USD, &[]);
/// assert!(none.is_none());
/// assert_eq!(plain.candidates[0].metric.as_deref(), Some("revenue"));
/// ```
pub fn draft_suggesting(
    text: &str,
    period: Period,
    fiscal_year_end_month: u32,
    vocabulary: &Vocabulary,
    currency: Currency,
    recorded: &[&str],
) -> (Draft, Option<TaxonomySuggestion>) {
    let wide = vocabulary.with_builtin_suggestions(currency);
    let first = draft(text, period, fiscal_year_end_month, &wide, recorded);
    let Some(suggestion) = suggestion(text, &first, &wide, vocabulary) else {
        return (
            draft(text, period, fiscal_year_end_month, vocabulary, recorded),
            None,
        );
    };
    let chosen = vocabulary.with_builtins(std::slice::from_ref(&suggestion.taxonomy), currency);
    let mut drafted = draft(text, period, fiscal_year_end_month, &chosen, recorded);
    let mut figures = 0;
    for candidate in &mut drafted.candidates {
        if candidate
            .metric
            .as_deref()
            .and_then(|m| builtin_home(vocabulary, m))
            .is_none()
        {
            continue;
        }
        figures += 1;
        let said = format!(
            "metric of the built-in taxonomy \"{}\", which the company does not use",
            suggestion.taxonomy
        );
        candidate.note = Some(match candidate.note.take() {
            Some(note) => format!("{note}; {said}"),
            None => said,
        });
    }
    (
        drafted,
        Some(TaxonomySuggestion {
            figures,
            ..suggestion
        }),
    )
}

/// The taxonomy most of the draft's outside metrics come from, when enough
/// figures and metrics do (ties go to the taxonomy listed first). A figure
/// counts only when its line names its metric (its label or a synonym):
/// a count placed on "store count" because "reserve base" shares a word
/// with "store base" says nothing of the industry.
fn suggestion(
    text: &str,
    drafted: &Draft,
    wide: &Vocabulary,
    vocabulary: &Vocabulary,
) -> Option<TaxonomySuggestion> {
    let lines: Vec<String> = text.lines().map(str::to_lowercase).collect();
    let mut found: Vec<(TaxonomySuggestion, Vec<&str>)> = Vec::new();
    for candidate in &drafted.candidates {
        let Some((metric, home)) = candidate.metric.as_deref().and_then(|m| {
            Some((
                m.split('.').next().unwrap_or(m),
                builtin_home(vocabulary, m)?,
            ))
        }) else {
            continue;
        };
        let line = lines
            .get(candidate.line.saturating_sub(1))
            .map_or("", String::as_str);
        let named = wide.metric(metric).is_some_and(|m| {
            std::iter::once(&m.label)
                .chain(&m.synonyms)
                .any(|name| contains_words(line, &name.to_lowercase()))
        });
        if !named {
            continue;
        }
        let entry = match found
            .iter_mut()
            .position(|(s, _)| s.taxonomy == home.taxonomy)
        {
            Some(i) => &mut found[i],
            None => {
                found.push((
                    TaxonomySuggestion {
                        taxonomy: home.taxonomy,
                        label: home.label,
                        figures: 0,
                    },
                    Vec::new(),
                ));
                found.last_mut()?
            }
        };
        entry.0.figures += 1;
        if !entry.1.contains(&metric) {
            entry.1.push(metric);
        }
    }
    found
        .into_iter()
        .filter(|(s, metrics)| s.figures >= MIN_FIGURES && metrics.len() >= MIN_METRICS)
        .rev()
        .max_by_key(|(s, _)| s.figures)
        .map(|(s, _)| s)
}

/// Whether `line` holds `name` as whole words.
fn contains_words(line: &str, name: &str) -> bool {
    line.match_indices(name).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
