//! calc over the real data: the derived table of every period and the
//! reconciliation of stated figures, snapshotted so any change of a number
//! shows in review.

use std::fmt::Write;

use qbrief_calc::{analyze, Derived};

use crate::util::canaan;

fn row(d: &Derived) -> String {
    let value = d
        .value
        .map_or("n/m".to_string(), |v| v.round_dp(4).normalize().to_string());
    let low = d.interval.low.map_or("-inf".to_string(), |v| {
        v.round_dp(4).normalize().to_string()
    });
    let high = d.interval.high.map_or("+inf".to_string(), |v| {
        v.round_dp(4).normalize().to_string()
    });
    let flags: Vec<&str> = d.flags.iter().map(|f| f.name()).collect();
    let change = d
        .change
        .map(|c| format!(" {}", c.phrase()))
        .unwrap_or_default();
    format!(
        "{} {} = {} {} [{low}, {high}]{change} {{{}}}\n    {}\n",
        d.origin.name(),
        d.metric,
        value,
        d.unit,
        flags.join(","),
        d.formula
    )
}

#[test]
fn derived_table_of_every_period() {
    let dataset = canaan();
    let data = dataset.companies.values().next().unwrap();
    let analysis = analyze(data);
    for period in analysis.periods() {
        let mut table = String::new();
        for d in analysis.implied.values().filter(|d| d.period == period) {
            table.push_str(&row(d));
        }
        for d in analysis.derived_for(period) {
            table.push_str(&row(d));
        }
        if table.is_empty() {
            continue;
        }
        insta::assert_snapshot!(format!("derived_{period}"), table);
    }
}

#[test]
fn reconciliation_of_stated_figures() {
    let dataset = canaan();
    let data = dataset.companies.values().next().unwrap();
    let analysis = analyze(data);
    let mut out = String::new();
    for r in &analysis.reconciliations {
        let f = r.fact;
        let derived = r
            .derived
            .as_ref()
            .and_then(|d| d.value)
            .map_or(String::new(), |v| {
                format!(" vs derived {}", v.round_dp(4).normalize())
            });
        let why = match &r.status {
            qbrief_calc::Status::Uncheckable { reason } => format!(": {reason}"),
            qbrief_calc::Status::Inconsistent { gap } => {
                format!(": gap {}", gap.round_dp(4).normalize())
            }
            qbrief_calc::Status::Consistent => String::new(),
        };
        writeln!(
            out,
            "{}:{} {} {} \"{}\" ({}){derived} -> {}{why}",
            f.location.file,
            f.location.line,
            f.period,
            f.metric,
            f.value_text,
            f.speaker_name(),
            r.status.name()
        )
        .unwrap();
    }
    insta::assert_snapshot!(out);
}

#[test]
fn no_false_alarms_on_rounded_statements() {
    let dataset = canaan();
    let data = dataset.companies.values().next().unwrap();
    let analysis = analyze(data);
    let inconsistent: Vec<String> = analysis
        .reconciliations
        .iter()
        .filter(|r| matches!(r.status, qbrief_calc::Status::Inconsistent { .. }))
        .map(|r| format!("{} {} {}", r.fact.metric, r.fact.period, r.fact.value_text))
        .collect();
    // The one genuine contradiction: 6.2M TH/s in Q2 2024 to 7.30M in Q3 is
    // +16.7% to +18.8% however either is rounded, not the stated +16.4%.
    assert_eq!(
        inconsistent,
        [
            "hashrate_sold.qoq 2024-Q3 +16.4%",
            "hashrate_sold.qoq 2024-Q3 +16.4%"
        ]
    );
}

/// Every company of the data folder `dir`, loaded as `check` loads it.
fn companies_of(dir: &std::path::Path) -> Vec<qbrief_model::Dataset> {
    let layout = qbrief::loader::layout(dir).unwrap();
    layout
        .companies
        .iter()
        .map(|folder| {
            let (dataset, findings) = qbrief::loader::load_company(&layout.shared, folder).unwrap();
            assert!(findings.iter().all(|f| !f.is_error()), "{findings:?}");
            dataset
        })
        .collect()
}

/// A synthetic universe of four companies with stated changes, sums and
/// guidance, written to a temporary data folder.
fn generated_universe() -> tempfile::TempDir {
    let universe = tempfile::tempdir().unwrap();
    let generated = xtask::Universe {
        companies: 4,
        quarters: 12,
        seed: 11,
    };
    for (path, text) in generated.files() {
        let path = universe.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    universe
}

/// `render` analyses what pages show: every brief and company page made
/// from it is the page made from the whole analysis.
#[test]
fn pages_of_the_pages_scope_are_those_of_the_whole_analysis() {
    let universe = generated_universe();
    let renderer = qbrief_report::Renderer::new();
    let mut pages = 0;
    for dir in [
        crate::util::root().join("data"),
        universe.path().to_path_buf(),
    ] {
        for dataset in companies_of(&dir) {
            for data in dataset.companies.values() {
                let whole = analyze(data);
                let shown = qbrief_calc::analyze_with(data, qbrief_calc::Scope::Pages);
                assert!(
                    shown.derived.len() < whole.derived.len(),
                    "{}",
                    data.company.id
                );
                let quarters: Vec<_> = data
                    .periods()
                    .into_iter()
                    .filter(|p| p.is_quarter())
                    .collect();
                for &q in &quarters {
                    assert_eq!(
                        renderer.brief(&shown, q).unwrap(),
                        renderer.brief(&whole, q).unwrap(),
                        "{} {q}",
                        data.company.id
                    );
                    pages += 1;
                }
                assert_eq!(
                    renderer.company_page(&shown, &quarters, "md").unwrap(),
                    renderer.company_page(&whole, &quarters, "md").unwrap()
                );
            }
        }
    }
    assert!(pages > 50, "only {pages} briefs compared");
}

/// `check` analyses only what reconciliation reads: its reconciliations
/// must be those of the whole analysis, on the bundled companies, the
/// fixtures with filings, axes and a bank, and a synthetic universe with
/// stated changes, sums and guidance.
#[test]
fn a_reconciliation_only_analysis_reconciles_as_the_whole_one() {
    let universe = generated_universe();
    let folders = [
        crate::util::root().join("data"),
        crate::util::inputs("bank/data"),
        crate::util::inputs("diff/new-conflict"),
        universe.path().to_path_buf(),
    ];
    let mut compared = 0;
    for dir in &folders {
        for dataset in companies_of(dir) {
            for data in dataset.companies.values() {
                let whole = analyze(data);
                let checks = qbrief_calc::analyze_with(data, qbrief_calc::Scope::Reconciliation);
                assert_eq!(
                    format!("{:#?}", checks.reconciliations),
                    format!("{:#?}", whole.reconciliations),
                    "{}",
                    data.company.id
                );
                assert!(
                    checks.derived.len() < whole.derived.len(),
                    "{}",
                    data.company.id
                );
                compared += whole.reconciliations.len();
            }
        }
    }
    assert!(compared > 500, "only {compared} reconciliations compared");
}
