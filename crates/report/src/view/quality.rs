//! The data-quality part of a brief: conflicting statements, stated
//! against derived figures, implied figures and transcription notes.

use qbrief_calc::{Analysis, Status};
use qbrief_model::Period;

use super::cells::{change_text, derived_value, dims_suffix, interval_text};
use super::notes::Notes;
use super::{SectionView, Table};
use crate::format::{escape, md};

pub(crate) fn quality(
    analysis: &Analysis<'_>,
    period: Period,
    notes: &mut Notes<'_>,
) -> Vec<SectionView> {
    let vocabulary = &analysis.data.vocabulary;
    // Conflicts: every series of this period whose statements disagree.
    let mut conflicts = Table::left_aligned(&["Metric", "Statements", "Used", "Rule"]);
    for conflict in analysis.conflicts_in(period) {
        let statements: Vec<String> = conflict
            .statements
            .iter()
            .map(|f| {
                format!(
                    "{} by {}{}",
                    md(&f.value_text),
                    f.speaker.as_ref().map_or(
                        if f.filed {
                            "the filing"
                        } else {
                            "an unattributed statement"
                        }
                        .to_string(),
                        |s| format!("{} ({})", escape(&s.name), escape(&s.role))
                    ),
                    notes.cite(f)
                )
            })
            .collect();
        let Some(resolved) = qbrief_calc::resolve(&conflict.statements) else {
            continue;
        };
        let mut label = escape(&conflict.metric.to_string());
        label.push_str(&dims_suffix(vocabulary, &conflict.dims));
        if let Some(s) = conflict.subject {
            label.push_str(&format!(" — {}", escape(s)));
        }
        conflicts.push(vec![
            label,
            statements.join("; "),
            md(&resolved.fact.value_text),
            resolved.rule.phrase().to_string(),
        ]);
    }
    // Stated against derived.
    let mut checks = Table::left_aligned(&["Stated", "Derived", "Outcome"]);
    for r in analysis.reconciliations_in(period) {
        let stated = format!(
            "{}{} {} {}{}",
            escape(&r.fact.metric.id()),
            dims_suffix(vocabulary, &r.fact.dims),
            md(&r.fact.value_text),
            escape(r.fact.speaker_name()),
            notes.cite(r.fact)
        );
        let derived = r.derived.as_ref().map_or("–".to_string(), |d| {
            let shown = if r.fact.metric.change.is_some() {
                change_text(analysis, d)
            } else {
                derived_value(analysis, d, false)
            };
            format!("{} = {}", shown, escape(&d.formula))
        });
        let outcome = match &r.status {
            Status::Consistent => "consistent".to_string(),
            Status::Inconsistent { gap } => {
                format!("**inconsistent** (gap {})", gap.round_dp(2).normalize())
            }
            Status::Uncheckable { reason } => format!("uncheckable: {}", escape(reason)),
        };
        checks.push(vec![stated, derived, outcome]);
    }
    // Implied figures used by this brief: this quarter, the prior quarter and a year ago.
    let mut implied = Table::left_aligned(&["Figure", "Value", "Interval", "How"]);
    let near: Vec<Period> = [Some(period), period.previous_quarter(), period.year_ago()]
        .into_iter()
        .flatten()
        .collect();
    for d in analysis
        .implied
        .values()
        .filter(|d| near.contains(&d.period))
    {
        let interval = interval_text(analysis, d);
        let how: Vec<String> = d.inputs.iter().map(|i| escape(&i.describe())).collect();
        implied.push(vec![
            format!(
                "{}{} {}",
                escape(&d.metric),
                dims_suffix(vocabulary, &d.dims),
                d.period
            ),
            derived_value(analysis, d, false),
            interval,
            format!("{} from {}", escape(&d.formula), how.join("; ")),
        ]);
    }
    // Transcription notes: statements of this period read differently from how they were written.
    let mut transcription = Table::left_aligned(&["Metric", "As written", "Read as", "Why"]);
    for f in analysis
        .data
        .facts
        .iter()
        .filter(|f| f.period == period && f.as_written.is_some())
    {
        transcription.push(vec![
            escape(&f.metric.id()),
            format!(
                "“{}”{}",
                escape(f.as_written.as_deref().unwrap_or_default()),
                notes.cite(f)
            ),
            md(&f.value_text),
            escape(f.note.as_deref().unwrap_or_default()),
        ]);
    }
    vec![
        SectionView {
            title: "Conflicting statements".into(),
            table: conflicts,
            empty: "No statements of this quarter conflict.".into(),
            lead: String::new(),
        },
        SectionView {
            title: "Stated against derived".into(),
            table: checks,
            empty: "No stated figure of this quarter can be recomputed from others.".into(),
            lead: String::new(),
        },
        SectionView {
            title: "Implied figures".into(),
            table: implied,
            empty: "No figure of this brief is implied.".into(),
            lead: String::new(),
        },
        SectionView {
            title: "Transcription notes".into(),
            table: transcription,
            empty: "No figure of this quarter needed a reading different from the transcript."
                .into(),
            lead: String::new(),
        },
    ]
}
