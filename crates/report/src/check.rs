//! Structural checks of rendered Markdown, parsed with pulldown-cmark: table
//! rows as wide as their header, footnotes defined and used and never run
//! together, headings that nest, and no raw HTML.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown extensions briefs use (GitHub-flavoured tables, footnotes).
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Every structural problem of a Markdown page, each with its line.
///
/// Footnote markers must stand alone: a reference right after another one
/// (or after nothing but spaces), or right before digits, renders as one
/// run of digits after the figure ("39%4950").
///
/// ```
/// assert!(qbrief_report::check_markdown("# A\n\nSee \\[^1] and `[^2]`.\n").is_empty());
/// let problems = qbrief_report::check_markdown("# A\n\n### C\n\n| a | b |\n| --- | --- |\n| 1 |\n");
/// assert_eq!(problems, [
///     "line 3: heading level 3 follows level 1",
///     "line 7: table row has 1 cells, the header has 2",
/// ]);
/// ```
pub fn check_markdown(markdown: &str) -> Vec<String> {
    let line_of = |offset: usize| markdown[..offset.min(markdown.len())].matches('\n').count() + 1;
    let mut problems = Vec::new();
    let mut last_level: Option<usize> = None;
    let mut header_cells: Option<usize> = None;
    let mut definitions: BTreeSet<String> = BTreeSet::new();
    let mut in_code = false;
    // The reference the events since were only whitespace after, if any.
    let mut after_reference: Option<CowStr<'_>> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        after_reference = match (&event, after_reference.take()) {
            (Event::FootnoteReference(label), before) => {
                if let Some(before) = before {
                    problems.push(format!(
                        "line {}: footnote [^{label}] follows [^{before}]: markers side by side \
                         read as digits of the figure; cite the statements in one footnote",
                        line_of(range.start)
                    ));
                }
                Some(label.clone())
            }
            (Event::Text(text), Some(before)) if text.starts_with(|c: char| c.is_ascii_digit()) => {
                problems.push(format!(
                    "line {}: footnote [^{before}] is followed by the digits of {:?}",
                    line_of(range.start),
                    text.as_ref()
                ));
                None
            }
            (Event::Text(text), before) if text.trim().is_empty() => before,
            _ => None,
        };
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = heading_number(level);
                match last_level {
                    None if level != 1 => problems.push(format!(
                        "line {}: the first heading is level {level}, not 1",
                        line_of(range.start)
                    )),
                    Some(prev) if level > prev + 1 => problems.push(format!(
                        "line {}: heading level {level} follows level {prev}",
                        line_of(range.start)
                    )),
                    _ => {}
                }
                last_level = Some(level);
            }
            Event::Start(Tag::TableHead) => {
                header_cells = Some(cell_count(&markdown[range.clone()]))
            }
            Event::Start(Tag::TableRow) => {
                let cells = cell_count(&markdown[range.clone()]);
                if let Some(header) = header_cells {
                    if cells != header {
                        problems.push(format!(
                            "line {}: table row has {cells} cells, the header has {header}",
                            line_of(range.start)
                        ));
                    }
                }
            }
            Event::End(TagEnd::Table) => header_cells = None,
            Event::Start(Tag::FootnoteDefinition(label))
                if !definitions.insert(label.to_string()) =>
            {
                problems.push(format!(
                    "line {}: footnote [^{label}] is defined twice",
                    line_of(range.start)
                ));
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            // The generated-file banner is an HTML comment: allowed, it renders as nothing.
            Event::Html(html) | Event::InlineHtml(html)
                if !in_code && !html.trim_start().starts_with("<!--") =>
            {
                problems.push(format!(
                    "line {}: raw HTML {:?}",
                    line_of(range.start),
                    html.trim()
                ));
            }
            _ => {}
        }
    }
    // pulldown-cmark leaves a reference without a definition as plain text,
    // so references are found in the source: unescaped `[^label]` outside
    // code, not at the start of a definition.
    let references = source_references(markdown);
    let used: BTreeSet<&str> = references.iter().map(|&(l, _)| l).collect();
    for (label, line) in &references {
        if !definitions.contains(*label) {
            problems.push(format!(
                "line {line}: footnote [^{label}] has no definition"
            ));
        }
    }
    for label in &definitions {
        if !used.contains(label.as_str()) {
            problems.push(format!("footnote [^{label}] is defined but never used"));
        }
    }
    problems
}

fn source_references(markdown: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (n, line) in markdown.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // One pass from mark to mark: backticks seen so far tell whether a
        // reference sits inside an inline code span (an odd number); a
        // backslash outside code escapes the next character, so `\\[^1]`
        // is a backslash and a reference, and `\``, escaped data text,
        // opens no code span.
        let bytes = line.as_bytes();
        let mut ticks = 0usize;
        let mut escaped_at = usize::MAX;
        for at in memchr::memchr3_iter(b'[', b'`', b'\\', bytes) {
            let escaped = at == escaped_at;
            match bytes[at] {
                b'\\' => {
                    if !escaped && ticks % 2 == 0 {
                        escaped_at = at + 1;
                    }
                    continue;
                }
                b'`' => {
                    if !escaped {
                        ticks += 1;
                    }
                    continue;
                }
                _ => {}
            }
            if bytes.get(at + 1) != Some(&b'^') {
                continue;
            }
            let rest = &line[at + 2..];
            let Some(end) = rest.find(']') else { continue };
            let label = &rest[..end];
            let definition = at == 0 && rest[end + 1..].starts_with(':');
            if !escaped
                && ticks % 2 == 0
                && !definition
                && !label.is_empty()
                && !label.contains(char::is_whitespace)
            {
                out.push((label, n + 1));
            }
        }
    }
    out
}

fn heading_number(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Counts the cells of one table row's source: unescaped pipes, less the
/// leading and trailing ones. pulldown-cmark pads short rows, so the source
/// is counted rather than the events.
fn cell_count(row: &str) -> usize {
    let line = row.lines().next().unwrap_or("").trim();
    let bytes = line.as_bytes();
    let mut pipes = 0usize;
    let mut in_code = false;
    // A backslash escapes the byte after it, whatever it is.
    let mut escaped_at = None;
    // Bytes, not chars: the marks are ASCII, and UTF-8 never hides an ASCII
    // byte inside another character.
    for at in memchr::memchr3_iter(b'\\', b'`', b'|', bytes) {
        if escaped_at == Some(at) {
            continue;
        }
        match bytes[at] {
            b'\\' => escaped_at = Some(at + 1),
            b'`' => in_code = !in_code,
            _ if !in_code => pipes += 1,
            _ => {}
        }
    }
    let leading = usize::from(line.starts_with('|'));
    let trailing = usize::from(line.ends_with('|') && !line.ends_with("\\|"));
    (pipes + 1).saturating_sub(leading + trailing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_and_html() {
        let md = "# T\n\nA[^1] and [^2].\n\n[^1]: one\n[^3]: three\n\n<b>x</b>\n";
        assert_eq!(
            check_markdown(md),
            [
                "line 8: raw HTML \"<b>\"",
                "line 8: raw HTML \"</b>\"",
                "line 3: footnote [^2] has no definition",
                "footnote [^3] is defined but never used",
            ]
        );
    }

    #[test]
    fn markers_side_by_side() {
        let page = |body: &str| format!("# T\n\n{body}\n\n[^1]: one\n[^2]: two\n[^3]: three\n");
        let problems = |body: &str| check_markdown(&page(body));
        // One marker per figure, or markers apart, are fine.
        assert!(
            problems("| a | b |\n| --- | --- |\n| 39%[^1] | x[^2] (2024-Q3 call) |\n\n[^3]")
                .is_empty()
        );
        assert!(problems("\\$5M[^1] by A; \\$6M[^2] by B, \\$7M[^3].").is_empty());
        assert_eq!(
            problems("| a |\n| --- |\n| 39%[^1][^2] |\n\n[^3]"),
            ["line 5: footnote [^2] follows [^1]: markers side by side read as digits of the figure; cite the statements in one footnote"]
        );
        assert_eq!(
            problems("7.30M TH/s[^1] [^2]\n[^3]"),
            ["line 3: footnote [^2] follows [^1]: markers side by side read as digits of the figure; cite the statements in one footnote"]
        );
        assert_eq!(
            problems("\\$80M[^1]2024 [^2] [^3]x").len(),
            2,
            "digits after a marker, then two markers apart only by a space"
        );
        assert_eq!(
            problems("\\$80M[^1]2024 [^2] x[^3]"),
            ["line 3: footnote [^1] is followed by the digits of \"2024 \""]
        );
    }

    /// The byte-by-byte count `cell_count` replaced, as an oracle.
    fn cell_count_by_bytes(row: &str) -> usize {
        let line = row.lines().next().unwrap_or("").trim();
        let (mut pipes, mut escaped, mut in_code) = (0usize, false, false);
        for b in line.bytes() {
            match b {
                b'\\' if !escaped => {
                    escaped = true;
                    continue;
                }
                b'`' if !escaped => in_code = !in_code,
                b'|' if !escaped && !in_code => pipes += 1,
                _ => {}
            }
            escaped = false;
        }
        let leading = usize::from(line.starts_with('|'));
        let trailing = usize::from(line.ends_with('|') && !line.ends_with("\\|"));
        (pipes + 1).saturating_sub(leading + trailing)
    }

    proptest::proptest! {
        /// Escaping is total: text from a data file, escaped, changes no
        /// page's structure wherever the templates put it (a heading, a
        /// table cell, a paragraph, a footnote). This is what lets `render`
        /// skip the check for the embedded templates' pages.
        #[test]
        fn escaped_text_never_changes_a_page_s_structure(
            text in "(\\PC|[\n\r\t \\\\`*_{}\\[\\]<>#|!$&~^:.0-9-]){0,48}"
        ) {
            let t = crate::format::escape(&text);
            let page = format!(
                "# Title {t}\n\n## {t}\n\n| a | b |\n| --- | --- |\n| {t} | x{t} |\n| {t} 1[^1] | {t} |\n\nText {t} and 2[^2] {t}.\n\n[^1]: {t}\n[^2]: See {t}.\n"
            );
            proptest::prop_assert_eq!(check_markdown(&page), Vec::<String>::new(), "{}", page);
        }

        /// What stands right before a footnote marker is a stated value as
        /// the data file writes it (`md`, which escapes `$`): any value the
        /// value parser accepts keeps the marker a marker.
        #[test]
        fn a_stated_value_before_a_marker_keeps_the_page_s_structure(
            text in "(about |over |nearly |~|<|>)?[-+]?[$€]?[0-9]{1,4}(\\.[0-9]{1,2})?( ?(M|B|K|%|bps|/share|TH/s|EH/s|x))?( to [-+]?[$€]?[0-9]{1,3}(M|B|%)?)?"
        ) {
            let units = qbrief_model::Vocabulary::builtin(&["bitcoin-mining"], qbrief_model::Currency::USD).units;
            proptest::prop_assume!(qbrief_model::parse_value(&text, &units).is_ok());
            let v = crate::format::md(&text);
            let page = format!(
                "# T\n\n| a | b |\n| --- | --- |\n| {v}[^1] | x |\n\nRevenue was {v}[^2]; guidance of {v}[^1].\n\n[^1]: one\n[^2]: two\n"
            );
            proptest::prop_assert_eq!(check_markdown(&page), Vec::<String>::new(), "{}", page);
        }

        #[test]
        fn cell_count_matches_the_byte_by_byte_count(row in "\\|[a\\\\`| é]{0,24}") {
            proptest::prop_assert_eq!(cell_count(&row), cell_count_by_bytes(&row));
        }
    }

    #[test]
    fn escaped_backslashes_and_backticks_before_a_marker() {
        // `\\` is a backslash, `\`` a backtick: the markers after them count.
        let page =
            "# T\n\nA \\\\[^1] and \\` 1[^2], not `[^3]` or \\[^4].\n\n[^1]: one\n[^2]: two\n";
        assert_eq!(check_markdown(page), Vec::<String>::new());
    }

    #[test]
    fn escaped_pipes_are_not_cells() {
        assert_eq!(cell_count("| a \\| b | c |"), 2);
        // A closing pipe inside code is not a cell.
        assert_eq!(cell_count("|`|"), 0);
        assert!(check_markdown("# T\n\n| a | b |\n| --- | --- |\n| x \\| y | z |\n").is_empty());
        assert!(check_markdown("# T\n\n```\n<div>\n```\n").is_empty());
    }
}
