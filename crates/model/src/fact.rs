//! Source documents, speakers and the facts they state.

use chrono::NaiveDate;

use crate::company::CompanyId;
use crate::figure::Figure;
use crate::metric::MetricKey;
use crate::period::Period;

/// The most words an evidence phrase may have.
pub const MAX_EVIDENCE_WORDS: usize = 12;

/// What kind of document a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// A transcript of an earnings call.
    EarningsCall,
    /// Someone's notes on an earnings call.
    CallNotes,
    /// A news article.
    Article,
    /// A press release.
    PressRelease,
    /// A filing with a regulator.
    Filing,
}

impl DocumentKind {
    /// Every kind with its data-file name.
    pub const NAMES: &'static [(&'static str, DocumentKind)] = &[
        ("earnings-call", DocumentKind::EarningsCall),
        ("call-notes", DocumentKind::CallNotes),
        ("article", DocumentKind::Article),
        ("press-release", DocumentKind::PressRelease),
        ("filing", DocumentKind::Filing),
    ];

    /// The data-file name of the kind.
    pub fn name(&self) -> &'static str {
        DocumentKind::NAMES
            .iter()
            .find(|(_, k)| k == self)
            .map_or("article", |(n, _)| n)
    }
}

/// A person (or an author) who states figures in a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Speaker {
    /// The name as the document labels the speaker.
    pub name: String,
    /// The role: `CEO`, `CFO`, `Analyst`, `Author` ...
    pub role: String,
}

impl Speaker {
    /// Whether the speaker is the company's chief financial officer, whose
    /// prepared numbers win a conflict when nothing else decides it.
    pub fn is_cfo(&self) -> bool {
        self.role.eq_ignore_ascii_case("CFO")
    }
}

/// A source document and what the data file says about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Document {
    /// Unique id within the company, the data file's name without `.toml`.
    pub id: String,
    /// The company it is about.
    pub company: CompanyId,
    /// What kind of document it is.
    pub kind: DocumentKind,
    /// Its title.
    pub title: String,
    /// Its date, when the document states it.
    pub date: Option<NaiveDate>,
    /// The period it reports.
    pub period: Period,
    /// The document's file name in the sources folder.
    pub file: String,
    /// The speakers it quotes.
    pub speakers: Vec<Speaker>,
    /// The data file it was loaded from.
    pub data_file: String,
    /// Number-bearing phrases deliberately not recorded, with the reason.
    pub ignored: Vec<Ignored>,
    /// For a filing: its form, accession number and filing date, as the
    /// filer's XBRL data gives them.
    pub filing: Option<Filing>,
}

/// What identifies a filing with a regulator: "10-Q 0000029644-21-000018,
/// filed 2021-06-07".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Filing {
    /// The form (`10-Q`, `10-K`, `20-F`).
    pub form: String,
    /// The accession number (`0000029644-21-000018`).
    pub accession: String,
    /// The day it was filed.
    pub filed: NaiveDate,
}

/// A number-bearing phrase of a document that is deliberately not recorded
/// as a fact (`[[ignore]]`): "15 years", a market size, a restated target.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Ignored {
    /// A verbatim phrase of the document that contains the number(s).
    pub evidence: String,
    /// Why it is not a company figure worth recording.
    pub reason: String,
    /// Where it is written.
    pub location: Location,
}

/// Where in a data file something was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    /// The data file's path as given to the loader.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Location {
    /// A location from its parts.
    pub fn new(file: impl Into<String>, line: usize, column: usize) -> Location {
        Location {
            file: file.into(),
            line,
            column,
        }
    }
}

/// One statement of a figure: what, when, how much, and who said it where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The company it is about.
    pub company: CompanyId,
    /// The metric, or a stated change of one.
    pub metric: MetricKey,
    /// The period it is for.
    pub period: Period,
    /// The product, customer or project the figure is about, for
    /// per-subject metrics ("A15 Pro", "HIVE order").
    pub subject: Option<String>,
    /// When a balance was measured, if not at the period's end (a figure
    /// "as of" the call date).
    pub as_of: Option<AsOf>,
    /// The figure as stated.
    pub figure: Figure,
    /// The value string as written in the data file.
    pub value_text: String,
    /// The id of the source document.
    pub source: String,
    /// Who said it; `None` when the document names no speakers (an
    /// article, a transcript with names removed): briefs say "unattributed".
    pub speaker: Option<Speaker>,
    /// The axis members the figure is about (`region = "middle-east"`);
    /// empty for the company total.
    pub dims: Dims,
    /// Whether the figure is guidance (a forward-looking statement) for its
    /// period rather than a result.
    pub guidance: bool,
    /// A verbatim phrase of the document that contains the figure.
    pub evidence: String,
    /// The figure as the document writes it, when the value is a
    /// documented reinterpretation of it (a garble corrected, a "2.6-fold"
    /// turned into percent).
    pub as_written: Option<String>,
    /// What a reader must know.
    pub note: Option<String>,
    /// Set by a data author to choose this statement in a conflict.
    pub preferred: bool,
    /// Stated in a filing (a document of kind `filing`): in a conflict with
    /// what a call said, the filed figure is used.
    pub filed: bool,
    /// Where the fact is in its data file (the `[[fact]]` header).
    pub location: Location,
}

/// Axis members by axis id: `{ region = "middle-east" }`.
pub type Dims = std::collections::BTreeMap<String, String>;

/// Renders dims for labels and exports: `region=middle-east, product=a15`.
pub fn dims_text(dims: &Dims) -> String {
    dims.iter()
        .map(|(axis, member)| format!("{axis}={member}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Fact {
    /// The speaker's name; "as filed" for a filing, else "unattributed".
    pub fn speaker_name(&self) -> &str {
        match &self.speaker {
            Some(s) => s.name.as_str(),
            None if self.filed => "as filed",
            None => "unattributed",
        }
    }

    /// Whether two statements of the same metric and period can both be
    /// true: their intervals overlap.
    pub fn agrees_with(&self, other: &Fact) -> bool {
        self.figure.agrees_with(&other.figure)
    }
}

/// When a figure was measured, if not at its period's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AsOf {
    /// On this day, inside the period.
    Date(NaiveDate),
    /// On a day inside the period that the document does not give ("as of
    /// today" in an undated transcript).
    Unstated,
}

impl std::fmt::Display for AsOf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AsOf::Date(d) => write!(f, "{d}"),
            AsOf::Unstated => f.write_str("unstated"),
        }
    }
}

/// Counts the words of an evidence phrase, as split by whitespace.
pub fn word_count(phrase: &str) -> usize {
    phrase.split_whitespace().count()
}
