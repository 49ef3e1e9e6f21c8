//! The universe index: every company with its latest quarter, and one
//! comparison table per taxonomy of the figures it marks with `compare`.
//!
//! Render works one company at a time, so each company's part is built
//! while its analysis is at hand ([`index_entry`]: a few formatted cells)
//! and the page is assembled from those parts ([`index`]) once every
//! company is done; memory stays bounded by the largest company.

use qbrief_calc::Analysis;
use qbrief_model::{Dims, Period};
use serde::Serialize;

use super::brief::fiscal_note;
use super::cells::{change_cell, change_label, level_cell};
use super::notes::Notes;
use super::Table;
use crate::format::escape;

/// The marker of a figure a company does not have for its quarter, as in
/// the briefs.
const NONE: &str = "–";

/// One company's part of the universe index, formatted and escaped; small
/// enough to keep for every company of a universe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// The company id, its folder under `reports/` (a slug, safe in links).
    pub id: String,
    /// Its name.
    pub name: String,
    /// `NASDAQ: CAN`.
    pub listing: String,
    /// The taxonomies its vocabulary is built from, in chain order.
    pub taxonomies: Vec<String>,
    /// How many quarter briefs it has.
    pub briefs: usize,
    /// Its latest quarter with results, with the months a fiscal quarter
    /// covers (" (fiscal; May–July 2021)"); `None` without any brief.
    pub latest: Option<(Period, String)>,
    /// The figures its taxonomies mark for comparison, at `latest`.
    pub figures: Vec<IndexFigure>,
}

/// One compared figure of a company at its latest quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFigure {
    /// The id of the taxonomy that marks it.
    pub taxonomy: String,
    /// That taxonomy's label.
    pub taxonomy_label: String,
    /// The figure as data files name it (`revenue.yoy`).
    pub key: String,
    /// Its column header (`Revenue YoY`).
    pub label: String,
    /// The cell as the brief's key figures print it, without footnotes;
    /// `–` when the quarter has no such figure.
    pub cell: String,
}

/// The universe index page.
#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    /// Page title.
    pub title: String,
    /// How many companies and briefs.
    pub summary: String,
    /// Every company: its page, listing, latest quarter, briefs, taxonomies.
    pub companies: Table,
    /// One table per taxonomy that marks figures, most widely used first.
    pub comparisons: Vec<ComparisonView>,
    /// The legend line of markers.
    pub legend: String,
}

/// The comparison table of one taxonomy's marked figures.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonView {
    /// The heading: the taxonomy's label.
    pub title: String,
    /// Which taxonomy and how many companies.
    pub note: String,
    /// One row per company using the taxonomy, one column per figure.
    pub table: Table,
}

/// The latest quarter a company's own documents report results for: a
/// stated figure of the quarter (not guidance) from a document of that
/// quarter. Plans a call gives for a later quarter make a brief of that
/// quarter but no results, so they do not count; without any results, the
/// latest quarter with a brief.
fn latest_quarter(analysis: &Analysis<'_>, quarters: &[Period]) -> Option<Period> {
    analysis
        .data
        .facts
        .iter()
        .filter(|f| !f.guidance && quarters.contains(&f.period))
        .filter(|f| {
            analysis
                .document(&f.source)
                .is_some_and(|d| d.period == f.period)
        })
        .map(|f| f.period)
        .max()
        .or_else(|| quarters.iter().max().copied())
}

/// Builds one company's part of the index from its analysis and the
/// quarters that have briefs.
pub fn index_entry(analysis: &Analysis<'_>, quarters: &[Period]) -> IndexEntry {
    let company = &analysis.data.company;
    let vocabulary = &analysis.data.vocabulary;
    let latest = latest_quarter(analysis, quarters);
    // The brief cites the sources; the index links to the brief.
    let mut notes = Notes::uncited(analysis);
    let total = Dims::new();
    let figures = vocabulary
        .compare
        .iter()
        .filter_map(|c| {
            let mut label = escape(vocabulary.label(&c.id)?);
            if let Some(change) = c.change {
                label.push(' ');
                label.push_str(change_label(change));
            }
            let cell = match (latest, c.change) {
                (None, _) => NONE.to_string(),
                (Some(p), None) => level_cell(analysis, &c.id, &total, p, &mut notes),
                (Some(p), Some(change)) => {
                    change_cell(analysis, &c.id, &total, change, p, &mut notes)
                }
            };
            Some(IndexFigure {
                taxonomy: c.taxonomy.clone(),
                taxonomy_label: escape(&c.taxonomy_label),
                key: c.key(),
                label,
                cell,
            })
        })
        .collect();
    IndexEntry {
        id: company.id.as_str().to_string(),
        name: escape(&company.name),
        listing: format!("{}: {}", escape(&company.exchange), escape(&company.ticker)),
        taxonomies: vocabulary.taxonomies.iter().map(|t| escape(t)).collect(),
        briefs: quarters.len(),
        latest: latest.map(|p| (p, fiscal_note(company, p))),
        figures,
    }
}

/// Assembles the index from every company's part, in company id order,
/// linking to pages with `file_ext` (`md` or `html`): a company's page is
/// `<id>/README.md` or `<id>/index.html`, a brief `<id>/<quarter>.<ext>`.
pub fn index(entries: &[IndexEntry], file_ext: &str) -> IndexView {
    let mut entries: Vec<&IndexEntry> = entries.iter().collect();
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    let mut companies = Table::left_aligned(&[
        "Company",
        "Listing",
        "Latest quarter",
        "Briefs",
        "Taxonomies",
    ]);
    for e in &entries {
        let latest = e.latest.as_ref().map_or(NONE.to_string(), |(p, fiscal)| {
            format!("[{p}]({}){fiscal}", brief_link(e, *p, file_ext))
        });
        companies.push(vec![
            format!("[{}]({})", e.name, page_link(e, file_ext)),
            e.listing.clone(),
            latest,
            e.briefs.to_string(),
            e.taxonomies.join(", "),
        ]);
    }
    let comparisons = comparisons(&entries, file_ext);
    let briefs: usize = entries.iter().map(|e| e.briefs).sum();
    IndexView {
        title: "Universe index".into(),
        summary: format!(
            "{} {}, {briefs} quarter {}. Each company is shown at its latest quarter with results; every figure links to the brief it comes from.",
            entries.len(),
            if entries.len() == 1 { "company" } else { "companies" },
            if briefs == 1 { "brief" } else { "briefs" },
        ),
        companies,
        comparisons,
        legend: "Unmarked figures are stated, with their sources in the brief they link to; *(d)* derived by qbrief from stated figures; *(i)* implied from a stated change; – not available for that quarter. Changes of percentages are in percentage points (pp). Fiscal quarters say which months they cover.".into(),
    }
}

/// A company's page, relative to the index: `<id>/README.md` for
/// Markdown, `<id>/index.html` for HTML, as render writes them.
fn page_link(e: &IndexEntry, file_ext: &str) -> String {
    match file_ext {
        "md" => format!("{}/README.md", e.id),
        _ => format!("{}/index.{file_ext}", e.id),
    }
}

/// A brief, relative to the index.
fn brief_link(e: &IndexEntry, period: Period, file_ext: &str) -> String {
    format!("{}/{period}.{file_ext}", e.id)
}

/// One table per taxonomy that marks figures: its columns in the order the
/// companies' vocabularies give them, a row for each company with a quarter
/// whose taxonomies include it. Tables used by more companies come first,
/// then in order of first appearance.
fn comparisons(entries: &[&IndexEntry], file_ext: &str) -> Vec<ComparisonView> {
    // (taxonomy, label, columns as (key, header)).
    type Group<'e> = (&'e str, &'e str, Vec<(&'e str, &'e str)>);
    let mut groups: Vec<Group<'_>> = Vec::new();
    for e in entries {
        for f in &e.figures {
            let at = match groups.iter().position(|g| g.0 == f.taxonomy) {
                Some(i) => i,
                None => {
                    groups.push((&f.taxonomy, &f.taxonomy_label, Vec::new()));
                    groups.len() - 1
                }
            };
            let columns = &mut groups[at].2;
            if !columns.iter().any(|(k, _)| *k == f.key) {
                columns.push((&f.key, &f.label));
            }
        }
    }
    let mut views: Vec<(usize, ComparisonView)> = groups
        .into_iter()
        .map(|(taxonomy, label, columns)| {
            let mut header = vec!["Company", "Quarter"];
            header.extend(columns.iter().map(|(_, h)| *h));
            let mut table = Table::new(&header);
            table.align[1] = "---".into();
            let mut rows = 0;
            for e in entries {
                let Some((period, fiscal)) = &e.latest else {
                    continue;
                };
                if !e.figures.iter().any(|f| f.taxonomy == taxonomy) {
                    continue;
                }
                let link = brief_link(e, *period, file_ext);
                let mut row = vec![
                    format!("[{}]({})", e.name, page_link(e, file_ext)),
                    format!("[{period}]({link}){fiscal}"),
                ];
                for (key, _) in &columns {
                    let cell = e
                        .figures
                        .iter()
                        .find(|f| f.taxonomy == taxonomy && f.key == *key)
                        .map_or(NONE, |f| f.cell.as_str());
                    row.push(if cell == NONE {
                        NONE.to_string()
                    } else {
                        format!("[{cell}]({link})")
                    });
                }
                table.push(row);
                rows += 1;
            }
            let view = ComparisonView {
                title: label.to_string(),
                note: format!(
                    "The figures the {} taxonomy marks for comparison, for the {rows} {} using it.",
                    escape(taxonomy),
                    if rows == 1 { "company" } else { "companies" }
                ),
                table,
            };
            (rows, view)
        })
        .filter(|(rows, _)| *rows > 0)
        .collect();
    // Stable: ties keep the order of first appearance.
    views.sort_by_key(|(rows, _)| std::cmp::Reverse(*rows));
    views.into_iter().map(|(_, v)| v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(taxonomy: &str, key: &str, cell: &str) -> IndexFigure {
        IndexFigure {
            taxonomy: taxonomy.into(),
            taxonomy_label: format!("The {taxonomy} taxonomy"),
            key: key.into(),
            label: key.to_uppercase(),
            cell: cell.into(),
        }
    }

    fn entry(id: &str, latest: Option<&str>, figures: Vec<IndexFigure>) -> IndexEntry {
        IndexEntry {
            id: id.into(),
            name: format!("{id} Inc."),
            listing: "NYSE: X".into(),
            taxonomies: vec!["t".into()],
            briefs: usize::from(latest.is_some()),
            latest: latest.map(|p| (p.parse().unwrap(), String::new())),
            figures,
        }
    }

    #[test]
    fn tables_group_by_taxonomy_most_shared_first_with_explicit_gaps() {
        let entries = [
            entry(
                "zeta",
                Some("2024-Q3"),
                vec![figure("base", "revenue", "\\$5M")],
            ),
            entry(
                "alpha",
                Some("2024-Q2"),
                vec![
                    figure("base", "revenue", "–"),
                    figure("mining", "btc_mined", "147 BTC"),
                ],
            ),
            entry("empty", None, vec![figure("base", "revenue", "–")]),
        ];
        let view = index(&entries, "md");
        let rows: Vec<&str> = view.companies.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            rows,
            [
                "[alpha Inc.](alpha/README.md)",
                "[empty Inc.](empty/README.md)",
                "[zeta Inc.](zeta/README.md)"
            ],
            "companies in id order"
        );
        assert_eq!(view.companies.rows[1][2], "–", "no quarter, no link");
        let titles: Vec<&str> = view.comparisons.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["The base taxonomy", "The mining taxonomy"]);
        let base = &view.comparisons[0].table;
        assert_eq!(base.columns, ["Company", "Quarter", "REVENUE"]);
        // A company without a quarter has no row; a missing figure is the
        // marker, unlinked; a figure links to the brief of its quarter.
        assert_eq!(base.rows.len(), 2);
        assert_eq!(base.rows[0][1], "[2024-Q2](alpha/2024-Q2.md)");
        assert_eq!(base.rows[0][2], "–");
        assert_eq!(base.rows[1][2], "[\\$5M](zeta/2024-Q3.md)");
        assert!(view.comparisons[1].note.contains("the 1 company using it"));
    }

    #[test]
    fn html_links_point_at_html_pages() {
        let entries = [entry(
            "acme",
            Some("2024-Q3"),
            vec![figure("base", "revenue", "x")],
        )];
        let view = index(&entries, "html");
        assert_eq!(view.companies.rows[0][0], "[acme Inc.](acme/index.html)");
        assert_eq!(view.companies.rows[0][2], "[2024-Q3](acme/2024-Q3.html)");
        assert_eq!(
            view.comparisons[0].table.rows[0][2],
            "[x](acme/2024-Q3.html)"
        );
        assert_eq!(
            view.summary.split('.').next(),
            Some("1 company, 1 quarter brief")
        );
    }
}
