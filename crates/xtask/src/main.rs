//! `cargo run -p xtask -- universe --companies N --quarters Q --out DIR`
//! writes a synthetic data folder; `scale-check` times `qbrief check` and
//! `render` on a small and a larger universe and fails when time grows
//! faster than the data (a ratio, never an absolute time); `fuzz` runs the
//! seeded fuzzer; `draft-eval DIR` scores `qbrief draft` on real calls;
//! `draft-check DIR` counts the errors `check` finds in unedited drafts;
//! `import-cycles` reports the files of one crate that import each other;
//! `scale-bench` times check and render, cold, unchanged and with one file
//! changed, for several qbrief builds side by side.

mod scale_bench;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use xtask::Universe;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str, default: &str| -> String {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .unwrap_or_else(|| default.to_string())
    };
    match args.first().map(String::as_str) {
        Some("universe") => {
            let u = Universe {
                companies: flag("--companies", "100").parse()?,
                quarters: flag("--quarters", "40").parse()?,
                seed: flag("--seed", "1").parse()?,
            };
            let out = PathBuf::from(flag("--out", "target/universe"));
            write(&u, &out)?;
            println!("wrote {} companies x {} quarters to {}", u.companies, u.quarters, out.display());
            Ok(())
        }
        Some("fuzz") => {
            let inputs: u64 = flag("--inputs", "100000").parse()?;
            let seconds: u64 = flag("--seconds", "60").parse()?;
            let seed: u64 = flag("--seed", "1").parse()?;
            let start = Instant::now();
            let report = xtask::fuzz::run(Path::new("."), inputs, seconds, seed, Path::new("target/fuzz-findings"))?;
            let total: u64 = report.inputs.iter().sum();
            println!(
                "fuzz: {total} inputs in {:.1} s (loader {}, values {}, taxonomies {}, formulas {}, XBRL {}), seed {seed}, {} panics",
                start.elapsed().as_secs_f64(),
                report.inputs[0],
                report.inputs[1],
                report.inputs[2],
                report.inputs[3],
                report.inputs[4],
                report.panics.len()
            );
            for p in &report.panics {
                println!("  panic: {p}");
            }
            if report.panics.is_empty() { Ok(()) } else { bail!("{} inputs panicked", report.panics.len()) }
        }
        Some("draft-eval") => {
            let report = if args.iter().any(|a| a == "--bundled") {
                xtask::draft_eval::bundled(Path::new(&flag("--data", "data")), Path::new(&flag("--sources", "sources")))?
            } else {
                let Some(dir) = args.get(1).filter(|a| !a.starts_with("--")) else {
                    bail!("usage: xtask draft-eval DIR [--totals | --assertions] | xtask draft-eval --bundled [--data DIR] [--sources DIR]");
                };
                if args.iter().any(|a| a == "--assertions") {
                    xtask::draft_eval::assertions(Path::new(dir))?
                } else {
                    xtask::draft_eval::run(Path::new(dir), args.iter().any(|a| a == "--totals"))?.0
                }
            };
            print!("{report}");
            Ok(())
        }
        Some("draft-check") => {
            let Some(dir) = args.get(1).filter(|a| !a.starts_with("--")) else {
                bail!("usage: xtask draft-check DIR");
            };
            let (report, errors) = xtask::draft_check::run(Path::new(dir))?;
            print!("{report}");
            if errors == 0 { Ok(()) } else { bail!("{errors} errors in unedited drafts") }
        }
        Some("import-cycles") => {
            let (cycles, summary) = xtask::imports::cycles(Path::new("."))?;
            print!("{summary}");
            for c in &cycles {
                print!("{c}");
            }
            if cycles.is_empty() { Ok(()) } else { bail!("{} import cycle(s) between files of one crate", cycles.len()) }
        }
        Some("scale-check") => scale_check(&PathBuf::from(flag("--qbrief", "target/release/qbrief"))),
        Some("scale-bench") => {
            let binaries = args
                .windows(2)
                .filter(|w| w[0] == "--binary")
                .map(|w| match w[1].split_once('=') {
                    Some((label, path)) => Ok(scale_bench::Binary {
                        label: label.to_string(),
                        path: PathBuf::from(path),
                    }),
                    None => bail!("--binary {}: write it as LABEL=PATH", w[1]),
                })
                .collect::<Result<Vec<_>>>()?;
            let runs = flag("--runs", "1")
                .parse()
                .context("--runs: a whole number")?;
            scale_bench::run(&PathBuf::from(flag("--data", "target/universe")), &binaries, runs)
        }
        _ => bail!("usage: xtask universe --companies N --quarters Q [--seed S] --out DIR | xtask scale-check [--qbrief PATH] | xtask scale-bench --data DIR --binary LABEL=PATH [--binary LABEL=PATH ...] [--runs N] | xtask import-cycles | xtask fuzz [--inputs N] [--seconds S] [--seed S] | xtask draft-eval DIR [--totals] | xtask draft-eval --bundled [--data DIR] [--sources DIR] | xtask draft-check DIR"),
    }
}

fn write(u: &Universe, out: &Path) -> Result<()> {
    write_files(&u.files(), out)
}

fn write_files(files: &[xtask::File], out: &Path) -> Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("cannot clear {}", out.display()))?;
    }
    for (path, text) in files {
        let path = out.join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, text)?;
    }
    Ok(())
}

/// Times check and render of a universe, best of three runs.
fn time(qbrief: &Path, data: &Path) -> Result<f64> {
    let mut best = f64::MAX;
    for _ in 0..3 {
        let reports = data.with_extension("reports");
        let start = Instant::now();
        for args in [
            vec!["check", "--quiet"],
            vec!["render", "--quiet", "--no-cache", "--out"],
        ] {
            let mut cmd = Command::new(qbrief);
            cmd.args(&args);
            if args[0] == "render" {
                cmd.arg(&reports);
            }
            let status = cmd
                .arg("--data")
                .arg(data)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()?;
            if !status.success() && args[0] == "render" {
                bail!("qbrief {} failed on {}", args[0], data.display());
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
        let _ = std::fs::remove_dir_all(&reports);
    }
    Ok(best)
}

fn scale_check(qbrief: &Path) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("qbrief-scale-{}", std::process::id()));
    let small = Universe {
        companies: 20,
        quarters: 20,
        seed: 1,
    };
    let large = Universe {
        companies: 80,
        quarters: 40,
        seed: 1,
    };
    // The statements of one metric and period: 8 times the restatements.
    write_files(&xtask::restatements(100), &dir.join("restated-small"))?;
    write_files(&xtask::restatements(800), &dir.join("restated-large"))?;
    let r_small = time(qbrief, &dir.join("restated-small"))?;
    let r_large = time(qbrief, &dir.join("restated-large"))?;
    write(&small, &dir.join("small"))?;
    write(&large, &dir.join("large"))?;
    let t_small = time(qbrief, &dir.join("small"))?;
    let t_large = time(qbrief, &dir.join("large"))?;
    let _ = std::fs::remove_dir_all(&dir);
    // 8 times the company-quarters: linear growth gives a ratio near 8;
    // allow for fixed start-up cost and noise, fail on quadratic growth.
    let ratio = t_large / t_small;
    println!("scale check: 20x20 in {t_small:.3} s, 80x40 in {t_large:.3} s, ratio {ratio:.1} for 8x the data");
    let r_ratio = r_large / r_small;
    println!("scale check: 100 restatements in {r_small:.3} s, 800 in {r_large:.3} s, ratio {r_ratio:.1} for 8x the statements");
    if ratio > 14.0 {
        bail!("time grew {ratio:.1}x for 8x the data: something is worse than linear");
    }
    if r_ratio > 14.0 {
        bail!("time grew {r_ratio:.1}x for 8x the restatements of one figure: something is worse than linear");
    }
    Ok(())
}
