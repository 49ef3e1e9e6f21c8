//! The records a comparison produces: one [`Change`] per thing that differs
//! between the two sides, grouped by company in a [`Report`].

use qbrief_model::{Dims, Period};

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A stated fact of a data file.
    Stated,
    /// A taxonomy's metric, formula, unit, axis or section, or the
    /// taxonomies a company names.
    Taxonomy,
    /// A field of a company's `company.toml`, or a company on one side only.
    Company,
    /// A number calc computes with a formula.
    Derived,
    /// A number calc back-solves from a stated change.
    Implied,
    /// A stated figure compared with calc's own.
    Reconciliation,
    /// Statements of one figure that cannot all be true.
    Conflict,
    /// A guidance outcome (beat, in line, miss).
    Guidance,
}

impl Kind {
    /// The name used in both outputs.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Stated => "stated",
            Kind::Taxonomy => "taxonomy",
            Kind::Company => "company",
            Kind::Derived => "derived",
            Kind::Implied => "implied",
            Kind::Reconciliation => "reconciliation",
            Kind::Conflict => "conflict",
            Kind::Guidance => "guidance",
        }
    }

    /// Whether changes of this kind are causes (edits of the data) rather
    /// than consequences (what calc makes of them).
    pub fn is_cause(self) -> bool {
        matches!(self, Kind::Stated | Kind::Taxonomy | Kind::Company)
    }
}

/// Whether something appeared, went or differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Only on the new side.
    Added,
    /// Only on the base side.
    Removed,
    /// On both sides, different.
    Changed,
}

/// One difference between the base and the new side.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// The company id.
    pub company: String,
    /// What it is about.
    pub kind: Kind,
    /// Added, removed or changed.
    pub change: Action,
    /// The period of the figure (the new side's, when it moved); `None`
    /// for a taxonomy or company change.
    pub period: Option<Period>,
    /// The base side's period, for a stated fact moved to another period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_period: Option<Period>,
    /// The metric id (`revenue`, `revenue.yoy`, `operating_margin`), or the
    /// id of the taxonomy item or company field.
    pub metric: String,
    /// A label for readers: the metric's label, or what the item is.
    pub label: String,
    /// The axis members, empty for a company total.
    pub dims: Dims,
    /// The base side's value as the briefs print it; `None` when added.
    pub old: Option<String>,
    /// The new side's value as the briefs print it; `None` when removed.
    pub new: Option<String>,
    /// Where the base side writes it (`file:line`), for data changes.
    pub old_at: Option<String>,
    /// Where the new side writes it (`file:line`), for data changes.
    pub new_at: Option<String>,
    /// What caused it: the `title`s of the stated, taxonomy or company
    /// changes it depends on (empty for those themselves).
    pub cause: Vec<String>,
    /// The short name other changes cite this one by, for a cause
    /// (`revenue 2024-Q3 (2024-q3-call)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What else a reviewer needs: fields that changed, formulas, inputs.
    pub detail: Vec<String>,
}

/// The changes of one company, causes first, each followed by what it
/// moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyDiff {
    /// The company id.
    pub id: String,
    /// Its name (the new side's, else the base's).
    pub name: String,
    /// Its changes, in presentation order.
    pub changes: Vec<Change>,
}

impl CompanyDiff {
    /// How many changes of a kind.
    pub fn count(&self, kind: Kind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }
}

/// Everything that differs between two data folders, company by company
/// (companies without changes are left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// What the base side is (a folder or a revision), for the summary.
    pub base: String,
    /// What the new side is.
    pub head: String,
    /// The companies that changed, by id.
    pub companies: Vec<CompanyDiff>,
}

impl Report {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.companies.is_empty()
    }

    /// Every change, company by company.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.companies.iter().flat_map(|c| c.changes.iter())
    }
}
