//! `qbrief diff`: what a change of the data does to the numbers. Two loaded
//! datasets (a base and the new side) are compared company by company:
//! stated facts matched one to one (`stated.rs`), taxonomy and company-file
//! changes (`taxonomy.rs`), derived and implied figures and guidance
//! outcomes that moved (`figures.rs`), reconciliations and conflicts that
//! changed (`checks.rs`). Every computed change is grouped under the edits
//! it rests on (`causes.rs`: its inputs walked back to stated facts), and the
//! result is printed as Markdown for a pull request ([`markdown()`]) or JSON.
//!
//! No I/O: callers load both sides (a folder, or a git revision:
//! [`crate::revision`]).

mod causes;
mod change;
mod checks;
mod compare;
mod figures;
mod key;
mod markdown;
mod stated;
mod taxonomy;
#[cfg(test)]
mod testing;
mod text;

pub use change::{Action, Change, CompanyDiff, Kind, Report};
pub use compare::{compare, compare_company};
pub use markdown::{markdown, markdown_within, COMMENT_LIMIT};

/// The changes as JSON: one object per change with `company`, `kind`,
/// `change`, `period`, `metric`, `label`, `dims`, `old`, `new`, `old_at`,
/// `new_at`, `cause` and `detail`.
pub fn json(report: &Report) -> serde_json::Result<String> {
    let rows: Vec<&Change> = report.changes().collect();
    serde_json::to_string_pretty(&rows).map(|mut s| {
        s.push('\n');
        s
    })
}
