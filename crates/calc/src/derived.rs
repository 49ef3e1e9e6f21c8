//! Derived and implied numbers: each with its formula, its inputs (and
//! their sources), an interval from the inputs' stated precision, and flags.

use qbrief_model::{dims_text, Dims, Fact, Interval, Period, Unit};
use rust_decimal::Decimal;

use crate::change::{ChangeKind, Flag};

/// Where a number comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Said in a source document.
    Stated,
    /// Computed from resolved values by a formula.
    Derived,
    /// Back-solved from a stated change and one resolved period.
    Implied,
}

impl Origin {
    /// The name used in exports.
    pub fn name(&self) -> &'static str {
        match self {
            Origin::Stated => "stated",
            Origin::Derived => "derived",
            Origin::Implied => "implied",
        }
    }
}

/// One input of a derivation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Input {
    /// The metric id (`revenue`, `revenue.yoy`).
    pub metric: String,
    /// The axis members, empty for the company total.
    pub dims: Dims,
    /// The period.
    pub period: Period,
    /// Whether the input is guidance rather than a result.
    pub guidance: bool,
    /// The point value used.
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// Its interval.
    pub interval: Interval,
    /// Stated, derived or implied.
    pub origin: Origin,
    /// For a stated input: the document id, speaker and evidence (shared:
    /// one per fact, however many derived numbers use it).
    pub source: Option<std::sync::Arc<InputSource>>,
}

/// Where a stated input was said.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InputSource {
    /// Document id.
    pub document: String,
    /// Speaker's name, or "unattributed".
    pub speaker: String,
    /// The evidence phrase.
    pub evidence: String,
}

impl InputSource {
    /// The source record of a stated fact.
    pub fn of(fact: &Fact) -> InputSource {
        InputSource {
            document: fact.source.clone(),
            speaker: fact.speaker_name().to_string(),
            evidence: fact.evidence.clone(),
        }
    }
}

impl Input {
    /// An input from a resolved stated fact.
    pub fn stated(fact: &Fact, interval: Interval) -> Input {
        Input::with_source(fact, interval, std::sync::Arc::new(InputSource::of(fact)))
    }

    /// An input from a stated fact whose source record is already made.
    pub fn with_source(
        fact: &Fact,
        interval: Interval,
        source: std::sync::Arc<InputSource>,
    ) -> Input {
        Input {
            metric: fact.metric.id(),
            dims: fact.dims.clone(),
            period: fact.period,
            guidance: fact.guidance,
            value: fact.figure.value(),
            interval,
            origin: Origin::Stated,
            source: Some(source),
        }
    }

    /// `metric period = value`, for formulas and notes.
    pub fn describe(&self) -> String {
        format!(
            "{}{}{} {} = {} ({})",
            self.metric,
            if self.dims.is_empty() {
                String::new()
            } else {
                format!(" [{}]", dims_text(&self.dims))
            },
            if self.guidance { " guidance" } else { "" },
            self.period,
            self.value.normalize(),
            self.origin.name()
        )
    }
}

/// A computed number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    /// The metric id: a registry id (`asp`), a change (`revenue.yoy`), a
    /// sum (`revenue` for a half year) or a derived-only id (`net_margin`).
    pub metric: String,
    /// A label for briefs.
    pub label: String,
    /// The axis members, empty for the company total.
    pub dims: Dims,
    /// The period.
    pub period: Period,
    /// Derived or implied.
    pub origin: Origin,
    /// The canonical unit of the value.
    pub unit: Unit,
    /// The point value, `None` where not meaningful (growth from zero).
    pub value: Option<Decimal>,
    /// The interval of true values the inputs allow.
    pub interval: Interval,
    /// How it was computed: for a taxonomy's derived metric, the formula
    /// text that was evaluated.
    pub formula: String,
    /// The inputs, in formula order.
    pub inputs: Vec<Input>,
    /// What makes it other than a plain number.
    pub flags: Vec<Flag>,
    /// For a change: its typed outcome.
    pub change: Option<ChangeKind>,
}

impl Derived {
    /// Whether any input is itself implied.
    pub fn uses_implied(&self) -> bool {
        self.inputs.iter().any(|i| i.origin == Origin::Implied)
    }
}
