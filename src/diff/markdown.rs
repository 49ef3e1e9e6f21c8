//! The comparison as Markdown for a pull-request comment: a summary line,
//! a table per company (each edit followed by what it moved), and the
//! long detail (fields, locations, formulas, inputs) folded in
//! `<details>`. Text from data files is escaped; GitHub reads `$` as math.

use std::fmt::Write;

use qbrief_model::dims_text;
use qbrief_report::escape;

use super::change::{Action, Change, CompanyDiff, Kind, Report};

/// The kinds in the order the summary counts them.
const KINDS: [Kind; 8] = [
    Kind::Stated,
    Kind::Taxonomy,
    Kind::Company,
    Kind::Derived,
    Kind::Implied,
    Kind::Reconciliation,
    Kind::Conflict,
    Kind::Guidance,
];

/// The most characters a GitHub comment holds is 65,536; this leaves room
/// for the notes that say what was left out.
pub const COMMENT_LIMIT: usize = 65_000;

/// The whole report, fitting a pull-request comment: past
/// [`COMMENT_LIMIT`] characters the folded detail is left out, then the
/// rows past the limit, each time with a note saying so (`--format json`
/// always lists everything).
pub fn markdown(report: &Report) -> String {
    markdown_within(report, COMMENT_LIMIT)
}

/// [`markdown`] within `limit` characters.
pub fn markdown_within(report: &Report, limit: usize) -> String {
    let full = render(report, true);
    if full.chars().count() <= limit {
        return full;
    }
    let note = "\n_The detail is left out: with it this comment would be too long for GitHub. `qbrief diff --format json` lists everything._\n";
    let short = render(report, false) + note;
    if short.chars().count() <= limit {
        return short;
    }
    let rows = |text: &str| text.lines().filter(|l| l.starts_with("| ")).count();
    let cut_note = "\n\n_More changes are left out: this comment would be too long for GitHub. `qbrief diff --format json` lists everything._\n";
    let budget = limit.saturating_sub(cut_note.chars().count() + 120);
    let mut kept = String::new();
    for line in short.lines() {
        if kept.chars().count() + line.chars().count() + 1 > budget {
            break;
        }
        kept.push_str(line);
        kept.push('\n');
    }
    let left = rows(&short).saturating_sub(rows(&kept));
    kept.push_str(&cut_note.replace("More changes are", &format!("{} more rows are", left)));
    kept
}

fn render(report: &Report, detail: bool) -> String {
    let mut out = String::new();
    let n = report.changes().count();
    let _ = write!(
        out,
        "**qbrief diff** `{}` → `{}`: ",
        report.base.replace('`', "'"),
        report.head.replace('`', "'")
    );
    if report.is_empty() {
        out.push_str("no change.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{} in {} ({}).",
        plural(n, "change"),
        plural(report.companies.len(), "company"),
        counts(report.changes())
    );
    for company in &report.companies {
        write_company(&mut out, company, detail);
    }
    out
}

fn write_company(out: &mut String, c: &CompanyDiff, detail: bool) {
    let _ = writeln!(
        out,
        "\n### {} (`{}`)\n\n{}.\n",
        escape(&c.name),
        c.id,
        counts(c.changes.iter())
    );
    out.push_str(
        "| | period | figure | old | new | why |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for ch in &c.changes {
        let cell = |v: &Option<String>| v.as_deref().map_or("—".to_string(), escape);
        let why = if ch.kind == Kind::Stated && ch.change == Action::Changed {
            format!("{} at {}", changed_fields(ch), where_text(ch))
        } else if ch.kind.is_cause() {
            where_text(ch)
        } else if ch.cause.is_empty() {
            "—".to_string()
        } else {
            escape(&ch.cause.join("; "))
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            kind_text(ch),
            period(ch),
            figure(ch),
            cell(&ch.old),
            cell(&ch.new),
            why
        );
    }
    let detailed: Vec<&Change> = c.changes.iter().filter(|c| !c.detail.is_empty()).collect();
    if detailed.is_empty() || !detail {
        return;
    }
    let _ = writeln!(
        out,
        "\n<details><summary>Detail of {}</summary>\n",
        escape(&c.name)
    );
    for ch in detailed {
        let name = ch.title.clone().unwrap_or_else(|| {
            format!(
                "{} {}",
                ch.label,
                ch.period.map(|p| p.to_string()).unwrap_or_default()
            )
        });
        let _ = writeln!(out, "- {} **{}**", ch.kind.name(), escape(&name));
        if ch.kind == Kind::Stated && ch.old_at.is_some() && ch.new_at.is_some() {
            let _ = writeln!(out, "  - at: {}", where_text(ch));
        }
        for line in &ch.detail {
            let _ = writeln!(out, "  - {}", escape(line));
        }
    }
    out.push_str("\n</details>\n");
}

/// `2024-Q3`, `2024-Q3 → 2024-Q2` for a moved fact, `—` for none.
fn period(c: &Change) -> String {
    match (c.old_period, c.period) {
        (Some(old), Some(new)) => format!("{old} → {new}"),
        (_, Some(p)) => p.to_string(),
        _ => "—".into(),
    }
}

/// The fields a stated change edits, from its detail: `value, evidence`.
fn changed_fields(c: &Change) -> String {
    let names: Vec<&str> = c
        .detail
        .iter()
        .filter_map(|d| d.split_once(": ").map(|(name, _)| name))
        .filter(|name| !name.contains(' '))
        .collect();
    names.join(", ")
}

/// `stated`, `stated (added)`, `derived (removed)`.
fn kind_text(c: &Change) -> String {
    match c.change {
        Action::Changed => c.kind.name().to_string(),
        Action::Added => format!("{} (added)", c.kind.name()),
        Action::Removed => format!("{} (removed)", c.kind.name()),
    }
}

/// The label with the axis members: `Revenue — region=asia`.
fn figure(c: &Change) -> String {
    if c.dims.is_empty() {
        escape(&c.label)
    } else {
        escape(&format!("{} — {}", c.label, dims_text(&c.dims)))
    }
}

/// Where an edit is written: `` `a:12` → `a:14` `` on both sides.
fn where_text(c: &Change) -> String {
    let code = |s: &String| format!("`{}`", s.replace('`', "'"));
    match (&c.old_at, &c.new_at) {
        (Some(a), Some(b)) if a == b => code(a),
        (Some(a), Some(b)) => format!("{} → {}", code(a), code(b)),
        (Some(a), None) | (None, Some(a)) => code(a),
        (None, None) => "—".into(),
    }
}

/// `1 stated, 9 derived, 1 guidance`.
fn counts<'a>(changes: impl Iterator<Item = &'a Change>) -> String {
    let changes: Vec<&Change> = changes.collect();
    KINDS
        .iter()
        .filter_map(|k| {
            let n = changes.iter().filter(|c| c.kind == *k).count();
            (n > 0).then(|| format!("{n} {}", k.name()))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) => format!("1 {word}"),
        (_, "company") => format!("{n} companies"),
        _ => format!("{n} {word}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(rows: usize) -> Report {
        let change = Change {
            company: "acme".into(),
            kind: Kind::Derived,
            change: Action::Changed,
            period: Some("2024-Q3".parse().unwrap()),
            old_period: None,
            metric: "operating_margin".into(),
            label: "Operating margin".into(),
            dims: Default::default(),
            old: Some("-77.4%".into()),
            new: Some("-75.4%".into()),
            old_at: None,
            new_at: None,
            cause: vec!["revenue 2024-Q3 (call)".into()],
            title: None,
            detail: vec!["formula: operating_income / revenue * 100".into()],
        };
        Report {
            base: "HEAD".into(),
            head: "data".into(),
            companies: vec![CompanyDiff {
                id: "acme".into(),
                name: "Acme".into(),
                changes: vec![change; rows],
            }],
        }
    }

    #[test]
    fn a_short_report_is_whole() {
        let text = markdown(&report(2));
        assert!(text
            .starts_with("**qbrief diff** `HEAD` → `data`: 2 changes in 1 company (2 derived).\n"));
        assert!(text.contains("<details>"));
        assert_eq!(text.matches("| derived | 2024-Q3 | Operating margin | -77.4% | -75.4% | revenue 2024-Q3 (call) |").count(), 2);
    }

    #[test]
    fn a_long_report_fits_a_comment_and_says_what_it_left_out() {
        let text = markdown_within(&report(40), 4_000);
        assert!(text.chars().count() <= 4_000, "{}", text.chars().count());
        assert!(!text.contains("<details>"));
        assert!(text.contains("The detail is left out"));
        let text = markdown_within(&report(400), 4_000);
        assert!(text.chars().count() <= 4_000);
        let kept = text.lines().filter(|l| l.starts_with("| derived")).count();
        assert!(
            text.contains(&format!("{} more rows are left out", 400 - kept)),
            "{text}"
        );
    }
}
