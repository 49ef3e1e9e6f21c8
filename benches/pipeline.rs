//! Benchmarks of the pipeline per company: load (parse and check the data
//! files), analyze, and render every brief and the company page, on a
//! synthetic company of 40 quarters (`xtask::Universe`); and drafting a
//! transcript.
//!
//! Run with `cargo bench`; the scaling of the whole command over a universe
//! is measured by `cargo run --release -p xtask -- scale-check`.

use criterion::{criterion_group, criterion_main, Criterion};
use qbrief_model::{DataFile, Dataset, Period};
use xtask::Universe;

// The allocator of the `qbrief` binary, so that the numbers are the ones a
// run of the command sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn company_files() -> Vec<DataFile> {
    let universe = Universe {
        companies: 1,
        quarters: 40,
        seed: 7,
    };
    universe
        .company(0)
        .into_iter()
        .map(|(path, text)| {
            let (folder, name) = path.split_once('/').unwrap_or(("co", &path));
            DataFile {
                stem: name.trim_end_matches(".toml").to_string(),
                folder: folder.to_string(),
                path,
                bytes: text.into_bytes(),
            }
        })
        .collect()
}

fn pipeline(c: &mut Criterion) {
    let files = company_files();
    let mut group = c.benchmark_group("company of 40 quarters");
    group.sample_size(20);
    group.bench_function("load", |b| b.iter(|| Dataset::load(&files)));
    let (dataset, _) = Dataset::load(&files);
    let data = dataset.companies.values().next().expect("a company");
    group.bench_function("analyze", |b| b.iter(|| qbrief_calc::analyze(data)));
    let analysis = qbrief_calc::analyze(data);
    let renderer = qbrief_report::Renderer::new();
    let quarters: Vec<Period> = data
        .periods()
        .into_iter()
        .filter(Period::is_quarter)
        .collect();
    group.bench_function("render", |b| {
        b.iter(|| {
            for q in &quarters {
                renderer.brief(&analysis, *q).expect("renders");
            }
            renderer
                .company_page(&analysis, &quarters, "md")
                .expect("renders")
        })
    });
    group.finish();
}

/// Drafting the longest bundled transcript, from the repository's `sources/`.
fn draft(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sources/canaan/000_5400f1c0f1b6a753.txt"
    );
    let text = std::fs::read_to_string(path).expect("the bundled transcript is in sources/");
    let vocabulary =
        qbrief_model::Vocabulary::builtin(&["bitcoin-mining"], qbrief_model::Currency::USD);
    let period: Period = "2024-Q3".parse().expect("a period");
    c.bench_function("draft a transcript", |b| {
        b.iter(|| qbrief_draft::draft(&text, period, 12, &vocabulary, &[]))
    });
}

criterion_group!(benches, pipeline, draft);
criterion_main!(benches);
