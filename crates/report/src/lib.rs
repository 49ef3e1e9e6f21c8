//! Markdown quarter briefs and company pages rendered from qbrief facts and
//! calc's analysis, with Tera templates embedded in the crate.
//!
//! A [`Renderer`] holds the templates (the embedded ones, optionally
//! overridden by name); [`Renderer::brief`] renders one quarter,
//! [`Renderer::company_page`] the company page with its trend table and
//! Mermaid charts, [`Renderer::index`] the universe index of every company
//! (from each one's [`index_entry`]), [`Renderer::html_page`] wraps Markdown
//! into a standalone HTML page. [`check_markdown`] checks a page's structure with
//! pulldown-cmark. Pure: no file I/O; the caller reads override templates and
//! writes the output.
//!
//! ```
//! let renderer = qbrief_report::Renderer::new();
//! let page = renderer.html_page("Title", "# Hello <b>you</b>\n").unwrap();
//! assert!(page.contains("<h1>Hello &lt;b&gt;you&lt;/b&gt;</h1>"));
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod check;
mod format;
mod html;
mod svg;
mod view;

use qbrief_calc::Analysis;
use qbrief_model::Period;

pub use check::check_markdown;
pub use format::{derived_decimals, escape, figure, number, value};
pub use html::markdown_to_html;
pub use svg::bar_chart;
pub use view::{
    brief as brief_view, company as company_view, index as index_view, index_entry, BriefView,
    Chart, CompanyView, ComparisonView, Footnote, IndexEntry, IndexFigure, IndexView, SectionView,
    Table,
};

/// The embedded templates: (name, text).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("macros.md", include_str!("../templates/macros.md")),
    ("brief.md", include_str!("../templates/brief.md")),
    ("company.md", include_str!("../templates/company.md")),
    ("index.md", include_str!("../templates/index.md")),
    ("page.html", include_str!("../templates/page.html")),
];

/// A rendering failure: which template, and why (Tera's message names the
/// line and column).
#[derive(Debug, thiserror::Error)]
#[error("template {template}: {cause}")]
pub struct ReportError {
    /// The template's name.
    pub template: String,
    /// What went wrong, with Tera's whole chain of causes.
    pub cause: String,
}

impl ReportError {
    fn tera(template: &str, error: &tera::Error) -> ReportError {
        let mut cause = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(s) = source {
            cause.push_str(": ");
            cause.push_str(&s.to_string());
            source = s.source();
        }
        ReportError {
            template: template.to_string(),
            cause,
        }
    }
}

/// Renders briefs with the embedded templates or overrides of them.
pub struct Renderer {
    tera: tera::Tera,
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer::new()
    }
}

impl Renderer {
    /// A renderer with the embedded templates.
    pub fn new() -> Renderer {
        // The embedded templates are tested; they always parse.
        Renderer::with_overrides(&[])
            .unwrap_or_else(|e| panic!("embedded templates are broken: {e}"))
    }

    /// A renderer whose templates named in `overrides` (name, text) replace
    /// the embedded ones. Unknown names are an error, so a typo cannot
    /// silently fall back to the default.
    pub fn with_overrides(overrides: &[(String, String)]) -> Result<Renderer, ReportError> {
        for (name, _) in overrides {
            if !TEMPLATES.iter().any(|(n, _)| n == name) {
                let names: Vec<&str> = TEMPLATES.iter().map(|(n, _)| *n).collect();
                return Err(ReportError {
                    template: name.clone(),
                    cause: format!(
                        "no embedded template has this name; the names are {}",
                        names.join(", ")
                    ),
                });
            }
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![]);
        let templates: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(name, text)| {
                let text = overrides
                    .iter()
                    .find(|(n, _)| n == name)
                    .map_or(*text, |(_, t)| t.as_str());
                (name.to_string(), text.to_string())
            })
            .collect();
        // Parse one at a time first, so an error names its template.
        for (name, text) in &templates {
            let mut probe = tera::Tera::default();
            if name != "macros.md" {
                if let Some((_, macros)) = templates.iter().find(|(n, _)| n == "macros.md") {
                    let _ = probe.add_raw_template("macros.md", macros);
                }
            }
            probe
                .add_raw_template(name, text)
                .map_err(|e| ReportError::tera(name, &e))?;
        }
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| ReportError::tera("templates", &e))?;
        Ok(Renderer { tera })
    }

    /// The quarter brief of `period`, as Markdown.
    pub fn brief(&self, analysis: &Analysis<'_>, period: Period) -> Result<String, ReportError> {
        let view = view::brief(analysis, period);
        let mut context = tera::Context::new();
        context.insert("b", &view);
        context.insert("company_id", analysis.data.company.id.as_str());
        self.render("brief.md", &context)
    }

    /// The company page listing `quarters`, linking to briefs with `file_ext`.
    pub fn company_page(
        &self,
        analysis: &Analysis<'_>,
        quarters: &[Period],
        file_ext: &str,
    ) -> Result<String, ReportError> {
        let view = view::company(analysis, quarters, file_ext);
        let mut context = tera::Context::new();
        context.insert("c", &view);
        context.insert("company_id", analysis.data.company.id.as_str());
        self.render("company.md", &context)
    }

    /// The company page as a standalone HTML page, its charts drawn as
    /// inline SVG from the same numbers as the Markdown page's Mermaid blocks.
    pub fn company_page_html(
        &self,
        analysis: &Analysis<'_>,
        quarters: &[Period],
        title: &str,
    ) -> Result<String, ReportError> {
        let view = view::company(analysis, quarters, "html");
        let mut context = tera::Context::new();
        context.insert("c", &view);
        context.insert("company_id", analysis.data.company.id.as_str());
        let markdown = self.render("company.md", &context)?;
        let mut body = markdown_to_html(&markdown);
        // Each Mermaid block, in order, becomes its chart.
        for chart in &view.charts {
            let Some(start) = body.find("<pre><code class=\"language-mermaid\">") else {
                break;
            };
            let Some(len) = body[start..].find("</code></pre>") else {
                break;
            };
            let end = start + len + "</code></pre>".len();
            body.replace_range(
                start..end,
                &format!("<figure>{}</figure>", bar_chart(chart)),
            );
        }
        let mut page = tera::Context::new();
        page.insert("title", title);
        page.insert("body", &body);
        self.render("page.html", &page)
    }

    /// The universe index of `entries` (one per company, any order), as
    /// Markdown linking to pages with `file_ext`; [`Renderer::html_page`]
    /// makes the HTML page of it.
    pub fn index(&self, entries: &[IndexEntry], file_ext: &str) -> Result<String, ReportError> {
        let view = view::index(entries, file_ext);
        let mut context = tera::Context::new();
        context.insert("i", &view);
        self.render("index.md", &context)
    }

    /// A standalone HTML page from Markdown.
    pub fn html_page(&self, title: &str, markdown: &str) -> Result<String, ReportError> {
        let mut context = tera::Context::new();
        context.insert("title", title);
        context.insert("body", &markdown_to_html(markdown));
        self.render("page.html", &context)
    }

    fn render(&self, name: &str, context: &tera::Context) -> Result<String, ReportError> {
        let text = self
            .tera
            .render(name, context)
            .map_err(|e| ReportError::tera(name, &e))?;
        Ok(tidy(&text))
    }
}

/// Collapses runs of blank lines and ends the text with one newline, so
/// template whitespace never shows up as diff noise.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim_matches('\n');
    format!("{trimmed}\n")
}
