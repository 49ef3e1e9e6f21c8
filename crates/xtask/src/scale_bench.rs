//! `xtask scale-bench`: the table the scale issue asks for. It times
//! `check`, `render` and `render --check` of one data folder, cold, with
//! nothing changed, and with one company's file changed, for one or more
//! qbrief binaries side by side (today's build against an older one), so
//! that each comparison is made in one run on the same machine.
//!
//! Each binary renders into an output folder and a cache folder of its
//! own, new for each cold run. A binary without a render cache
//! (older builds) simply renders everything every time. The changed file
//! is put back after each binary, so all of them see the same data. Each
//! figure is the median of `--runs` repetitions, in which the binaries
//! take turns; each repetition's cold runs start from new folders, and
//! nothing is deleted before the end.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

/// One binary to time, with the label its column gets.
pub struct Binary {
    pub label: String,
    pub path: PathBuf,
}

/// What was timed: a command in a state of the data and the output.
const ROWS: [(&str, &str); 7] = [
    ("check", "cold"),
    ("render", "cold"),
    ("render", "nothing changed"),
    ("render --check", "nothing changed"),
    ("check", "one changed"),
    ("render", "one changed"),
    ("render --check", "one changed"),
];

/// Times every row for every binary and prints a Markdown table.
///
/// The binaries take turns within each repetition, and no output is
/// deleted until every binary has run: a file system slows the creation
/// of files right after many were deleted (ext4 skips recently freed
/// inodes), which would charge one binary for the clean-up of another.
pub fn run(data: &Path, binaries: &[Binary], runs: usize) -> Result<()> {
    if binaries.is_empty() {
        bail!("usage: xtask scale-bench --data DIR --binary LABEL=PATH [--binary LABEL=PATH ...] [--runs N]");
    }
    let changed = changed_file(data)?;
    let original =
        std::fs::read(&changed).with_context(|| format!("cannot read {}", changed.display()))?;
    let base = std::env::temp_dir().join(format!("qbrief-bench-{}", std::process::id()));
    let mut samples = vec![vec![Vec::new(); ROWS.len()]; binaries.len()];
    let mut result = Ok(());
    'runs: for repetition in 0..runs.max(1) {
        for (binary, samples) in binaries.iter().zip(&mut samples) {
            let work = base.join(format!("{}-{repetition}", folder_name(&binary.label)));
            result = time_binary(binary, data, &changed, &original, &work, samples);
            // Whatever happened, the data is as it was for the next binary.
            std::fs::write(&changed, &original)?;
            if result.is_err() {
                break 'runs;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&base);
    result?;
    let columns: Vec<Vec<f64>> = samples
        .into_iter()
        .map(|rows| rows.into_iter().map(median).collect())
        .collect();
    print_table(data, &changed, binaries, &columns);
    Ok(())
}

/// A binary's label as a folder name.
fn folder_name(label: &str) -> String {
    label.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
}

/// One repetition of every row for `binary`, in new output and cache
/// folders under `work`; each row's seconds join `samples`, in `ROWS` order.
fn time_binary(
    binary: &Binary,
    data: &Path,
    changed: &Path,
    original: &[u8],
    work: &Path,
    samples: &mut [Vec<f64>],
) -> Result<()> {
    let (out, cache) = (work.join("out"), work.join("cache"));
    std::fs::write(changed, original)?;
    let run = |args: &[&str]| timed(&binary.path, &cache, args);
    let (d, o) = (
        data.to_str().unwrap_or_default(),
        out.to_str().unwrap_or_default(),
    );
    samples[0].push(run(&["check", "-q", d])?);
    samples[1].push(run(&["render", "-q", "--data", d, "--out", o])?);
    samples[2].push(run(&["render", "-q", "--data", d, "--out", o])?);
    samples[3].push(run(&["render", "--check", "-q", "--data", d, "--out", o])?);
    change(changed, original, 1)?;
    samples[4].push(run(&["check", "-q", d])?);
    samples[5].push(run(&["render", "-q", "--data", d, "--out", o])?);
    change(changed, original, 2)?;
    samples[6].push(run(&["render", "--check", "-q", "--data", d, "--out", o])?);
    Ok(())
}

/// Runs qbrief and returns its wall time; `render --check` may exit 1
/// (stale pages), anything else must succeed.
fn timed(qbrief: &Path, cache: &Path, args: &[&str]) -> Result<f64> {
    let start = Instant::now();
    let status = Command::new(qbrief)
        .args(args)
        .env("QBRIEF_CACHE_DIR", cache)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("cannot run {}", qbrief.display()))?;
    let seconds = start.elapsed().as_secs_f64();
    let stale_pages = args.contains(&"--check") && status.code() == Some(1);
    if !status.success() && !stale_pages {
        bail!("{} {} failed: {status}", qbrief.display(), args.join(" "));
    }
    Ok(seconds)
}

/// The first data file of the first company folder: the file edited for
/// the one-changed rows.
fn changed_file(data: &Path) -> Result<PathBuf> {
    let mut companies: Vec<PathBuf> = std::fs::read_dir(data)
        .with_context(|| format!("cannot read {}", data.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("company.toml").is_file())
        .collect();
    companies.sort();
    let company = companies
        .first()
        .with_context(|| format!("no company folder in {}", data.display()))?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(company)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "toml")
                && !p.ends_with("company.toml")
                && !p.ends_with("taxonomy.toml")
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .next()
        .with_context(|| format!("no data file in {}", company.display()))
}

/// Changes the file's first stated value (one more digit at its end), a
/// different one for each `edit`, so pages and fingerprints change.
fn change(path: &Path, original: &[u8], edit: usize) -> Result<()> {
    let text = String::from_utf8_lossy(original);
    let Some(start) = text.find("value = \"") else {
        bail!("{} states no value to change", path.display());
    };
    let at = start + "value = \"".len();
    let end = text[at..]
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '$' | '.' | ',')))
        .map_or(at, |i| at + i);
    let changed = format!("{}{edit}{}", &text[..end], &text[end..]);
    std::fs::write(path, changed).with_context(|| format!("cannot write {}", path.display()))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn print_table(data: &Path, changed: &Path, binaries: &[Binary], columns: &[Vec<f64>]) {
    println!(
        "data {} (one changed: {}), wall seconds, median",
        data.display(),
        changed.display()
    );
    let mut header = String::from("| run | state |");
    let mut rule = String::from("| --- | --- |");
    for b in binaries {
        header.push_str(&format!(" {} |", b.label));
        rule.push_str(" ---: |");
    }
    if binaries.len() > 1 {
        header.push_str(&format!(
            " {} / {} |",
            binaries[binaries.len() - 1].label,
            binaries[0].label
        ));
        rule.push_str(" ---: |");
    }
    println!("{header}\n{rule}");
    for (i, (command, state)) in ROWS.iter().enumerate() {
        let mut row = format!("| `{command}` | {state} |");
        for column in columns {
            row.push_str(&format!(" {:.2} |", column[i]));
        }
        if let (Some(first), Some(last)) = (columns.first(), columns.last()) {
            if columns.len() > 1 {
                row.push_str(&format!(" {:.2} |", last[i] / first[i]));
            }
        }
        println!("{row}");
    }
}
