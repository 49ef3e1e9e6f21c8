//! `qbrief init <company-id>`: scaffolds `DATA/<id>/company.toml` from
//! flags, asking nothing, and refuses to overwrite.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};
use qbrief_model::{CompanyId, Currency};

pub struct Args<'a> {
    pub company: &'a str,
    pub data: &'a Path,
    pub name: &'a str,
    pub ticker: &'a str,
    pub exchange: &'a str,
    pub currency: &'a str,
    pub fiscal_year_end: u32,
    pub taxonomies: &'a [String],
}

pub fn run(args: &Args<'_>) -> Result<ExitCode> {
    let id = CompanyId::new(args.company).map_err(|e| anyhow::anyhow!("company id: {e}"))?;
    if Currency::from_code(args.currency).is_none() {
        bail!(
            "--currency {}: use a three-letter ISO 4217 code such as USD",
            args.currency
        );
    }
    if !(1..=12).contains(&args.fiscal_year_end) {
        bail!(
            "--fiscal-year-end {}: use a month, 1 to 12",
            args.fiscal_year_end
        );
    }
    let known: Vec<String> = qbrief_model::BUILTIN_TAXONOMIES
        .iter()
        .map(|(t, _)| t.to_string())
        .chain(shared_taxonomies(args.data))
        .collect();
    for t in args.taxonomies {
        if !known.contains(t) {
            bail!(
                "--taxonomies: unknown taxonomy \"{t}\"; the taxonomies are: {}",
                known.join(", ")
            );
        }
    }
    let folder = args.data.join(id.as_str());
    let path = folder.join("company.toml");
    if path.exists() {
        bail!("{} exists already; edit it instead", path.display());
    }
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let taxonomies: Vec<String> = args.taxonomies.iter().map(|t| quote(t)).collect();
    let text = format!(
        "id = {}\nname = {}\nticker = {}\nexchange = {}\ncurrency = {}\nfiscal_year_end_month = {}\ntaxonomies = [{}]\n",
        quote(id.as_str()),
        quote(args.name),
        quote(args.ticker),
        quote(args.exchange),
        quote(args.currency),
        args.fiscal_year_end,
        taxonomies.join(", ")
    );
    crate::output::write_if_changed(&path, text.as_bytes())?;
    println!("wrote {}", path.display());
    println!(
        "next: `qbrief draft <transcript> --company {id} --period <YYYY-Qn> --out {}/<doc-id>.toml`",
        folder.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn shared_taxonomies(data: &Path) -> Vec<String> {
    std::fs::read_dir(data.join("taxonomies"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            (p.extension().is_some_and(|x| x == "toml"))
                .then(|| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .flatten()
        })
        .collect()
}
