//! Benchmarks of the pipeline per company: load (parse and check the data
//! files), analyze, and render every brief and the company page, on a
//! synthetic company of 40 quarters (`xtask::Universe`); and drafting a
//! transcript, and how drafting and coverage grow with a document's and a
//! sentence's length.
//!
//! Run with `cargo bench`; the scaling of the whole command over a universe
//! is measured by `cargo run --release -p xtask -- scale-check`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
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

/// Drafting the longest bundled transcript, from the repository's `sources/`;
/// then how drafting and coverage grow: a document of N calls (the bundled
/// transcripts, repeated), and a single line of N figures with no stop.
/// Time per call and per figure should stay flat as N grows.
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

    let calls = bundled_calls();
    let base = qbrief_model::Vocabulary::builtin(&["base"], qbrief_model::Currency::USD);
    let mut group = c.benchmark_group("draft growth");
    group.sample_size(10);
    for n in [4, 16, 64] {
        let document: String = calls.iter().cycle().take(n).cloned().collect();
        group.throughput(criterion::Throughput::Bytes(document.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("document of N calls", n),
            &document,
            |b, d| b.iter(|| qbrief_draft::draft(d, period, 12, &base, &[])),
        );
    }
    for n in [500, 2_000, 8_000] {
        let line = line_of_figures(n);
        group.throughput(criterion::Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("line of N figures", n), &line, |b, l| {
            b.iter(|| qbrief_draft::draft(l, period, 12, &base, &[]))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("coverage growth");
    group.sample_size(10);
    for n in [4, 16, 64] {
        let document: String = calls.iter().cycle().take(n).cloned().collect();
        // Half the figures recorded, by their evidence, as a reviewed file
        // would have them.
        let drafted = qbrief_draft::draft(&document, period, 12, &base, &[]);
        let evidence: Vec<&str> = drafted
            .candidates
            .iter()
            .step_by(2)
            .map(|c| c.evidence.as_str())
            .collect();
        group.throughput(criterion::Throughput::Bytes(document.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("document of N calls", n),
            &document,
            |b, d| b.iter(|| qbrief_draft::coverage(d, &base.units, &evidence)),
        );
    }
    group.finish();
}

/// The bundled transcripts, each ending with a line break.
fn bundled_calls() -> Vec<String> {
    let sources = concat!(env!("CARGO_MANIFEST_DIR"), "/sources");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(sources)
        .expect("sources/ is in the repository")
        .flatten()
        .filter(|e| e.path().is_dir())
        .flat_map(|e| {
            std::fs::read_dir(e.path())
                .expect("a company folder")
                .flatten()
        })
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let mut text = std::fs::read_to_string(p).expect("a transcript");
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text
        })
        .collect()
}

/// One speaker's line of `n` figures joined by commas, with no stop.
fn line_of_figures(n: usize) -> String {
    let figures: Vec<String> = (0..n)
        .map(|i| format!("segment sales of ${}.{} million", i % 97 + 1, i % 10))
        .collect();
    format!("Jo Doe:\n{}.\n", figures.join(", "))
}

criterion_group!(benches, pipeline, draft);
criterion_main!(benches);
