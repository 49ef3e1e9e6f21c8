//! View models: everything a template shows, computed from the model and
//! calc, formatted and escaped. Templates only lay these out; which metrics
//! a page shows, in which sections, comes from the company's taxonomies.

mod brief;
mod cells;
mod company;
mod filings;
mod headline;
mod index;
mod notes;
mod quality;
mod sections;

use serde::Serialize;

pub use brief::brief;
pub use company::company;
pub use index::{index, index_entry, ComparisonView, IndexEntry, IndexFigure, IndexView};

/// A table: header cells and rows of Markdown cells. Templates see its
/// fields and `markdown`, the whole table as [`Table::markdown`] writes it.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Header cells.
    pub columns: Vec<String>,
    /// Alignment row cells (`---`, `---:`).
    pub align: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(columns: &[&str]) -> Table {
        let align = columns
            .iter()
            .enumerate()
            .map(|(i, _)| {
                if i == 0 {
                    "---".to_string()
                } else {
                    "---:".to_string()
                }
            })
            .collect();
        Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            align,
            rows: Vec::new(),
        }
    }

    pub(crate) fn left_aligned(columns: &[&str]) -> Table {
        let mut t = Table::new(columns);
        t.align = columns.iter().map(|_| "---".to_string()).collect();
        t
    }

    pub(crate) fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The table as GitHub Markdown: the header, the alignment row, then
    /// one line per row, each ending in a newline. The default `table`
    /// macro prints this; laying the rows out in Tera took 8% of a render
    /// (joins and a cloned value per row).
    ///
    /// ```
    /// let t = qbrief_report::Table {
    ///     columns: vec!["Metric".into(), "Value".into()],
    ///     align: vec!["---".into(), "---:".into()],
    ///     rows: vec![vec!["Revenue".into(), "\\$73.6M".into()]],
    /// };
    /// assert_eq!(t.markdown(), "| Metric | Value |\n| --- | ---: |\n| Revenue | \\$73.6M |\n");
    /// ```
    pub fn markdown(&self) -> String {
        let cells: usize = self.rows.iter().flatten().map(|c| c.len() + 3).sum();
        let mut out = String::with_capacity(cells + 64 * (self.rows.len() + 2));
        for line in [&self.columns, &self.align].into_iter().chain(&self.rows) {
            out.push('|');
            for cell in line {
                out.push(' ');
                out.push_str(cell);
                out.push_str(" |");
            }
            out.push('\n');
        }
        out
    }
}

impl Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut table = serializer.serialize_struct("Table", 4)?;
        table.serialize_field("columns", &self.columns)?;
        table.serialize_field("align", &self.align)?;
        table.serialize_field("rows", &self.rows)?;
        table.serialize_field("markdown", &self.markdown())?;
        table.end()
    }
}

/// A titled section of a brief: a table, or one line saying it has no data.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// The heading.
    pub title: String,
    /// The table (empty rows: no data).
    pub table: Table,
    /// The line shown instead of an empty table.
    pub empty: String,
    /// A line shown before the table (or in its place), empty for most
    /// sections.
    pub lead: String,
}

impl SectionView {
    /// A section without a lead line.
    pub fn new(title: &str, table: Table, empty: String) -> SectionView {
        SectionView {
            title: title.to_string(),
            table,
            empty,
            lead: String::new(),
        }
    }
}

/// A footnote definition: the sources of one figure.
#[derive(Debug, Clone, Serialize)]
pub struct Footnote {
    /// Its label (a number).
    pub label: usize,
    /// Its text, escaped: the statement behind the figure (document,
    /// speaker, evidence, data file and line) or, when several back it,
    /// each of them as `(1) …; (2) …`.
    pub text: String,
}

/// The quarter brief of one company and period.
#[derive(Debug, Clone, Serialize)]
pub struct BriefView {
    /// Page title.
    pub title: String,
    /// Company name, escaped.
    pub company: String,
    /// The period, `2024-Q3`.
    pub period: String,
    /// Two or three generated sentences.
    pub headline: Vec<String>,
    /// The key figures table.
    pub key_figures: Table,
    /// The legend line of markers.
    pub legend: String,
    /// The sections the company's taxonomies define, in brief order.
    pub sections: Vec<SectionView>,
    /// Guidance for and in the quarter, call by call.
    pub guidance: SectionView,
    /// Data quality subsections.
    pub quality: Vec<SectionView>,
    /// Footnote definitions, in order of first reference.
    pub footnotes: Vec<Footnote>,
    /// The same definitions laid out, one `[^label]: text` line each, which
    /// the default template prints (a loop over them in Tera took 4% of a
    /// render).
    pub footnote_definitions: String,
}

/// The company page: briefs, trend table and chart series.
#[derive(Debug, Clone, Serialize)]
pub struct CompanyView {
    /// Page title.
    pub title: String,
    /// Company name, escaped.
    pub company: String,
    /// Ticker.
    pub ticker: String,
    /// Links to the briefs: (period, file name).
    pub briefs: Vec<(String, String)>,
    /// Trend table of core metrics by quarter.
    pub trend: Table,
    /// Charts.
    pub charts: Vec<Chart>,
    /// The legend line.
    pub legend: String,
}

/// One Mermaid `xychart-beta` chart.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Chart title.
    pub title: String,
    /// The y axis label.
    pub y_label: String,
    /// x-axis labels, quoted.
    pub x: Vec<String>,
    /// y values as plain numbers.
    pub y: Vec<String>,
    /// Which points are implied.
    pub implied: Vec<String>,
}
