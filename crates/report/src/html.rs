//! Standalone HTML pages from rendered Markdown. Raw HTML in the Markdown is
//! shown as text, never passed through, so no markup from a data file can
//! reach the page.

use pulldown_cmark::{html, CowStr, Event, Parser};

use crate::check::options;

/// Converts Markdown to an HTML fragment, escaping any raw HTML.
///
/// ```
/// let html = qbrief_report::markdown_to_html("# Hi\n\n<script>alert(1)</script>\n");
/// assert!(html.contains("&lt;script&gt;"));
/// assert!(!html.contains("<script>"));
/// ```
pub fn markdown_to_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        // The generated-file banner is a comment: dropped, like a browser would.
        Event::Html(raw) | Event::InlineHtml(raw) if raw.trim_start().starts_with("<!--") => None,
        Event::Html(raw) | Event::InlineHtml(raw) => {
            Some(Event::Text(CowStr::from(raw.into_string())))
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, events);
    out
}
