//! A seeded mutation fuzzer over the parsers that read what people write:
//! the data-file loader, the value parser, the taxonomy loader (with the
//! vocabulary checks), the formula parser, and the importer of SEC
//! companyfacts JSON. It mutates the real data and
//! taxonomy files, catches any panic, and keeps the input that caused it.
//! One mutated data file in eight that loads without errors is also rendered, and
//! every page must pass `check_markdown`: `render` does not check the
//! embedded templates' pages, so the escaping of data text is held here.

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use qbrief_model::{
    parse_formula, parse_taxonomy, parse_value, Currency, DataFile, Dataset, Vocabulary,
};

/// What a fuzzing run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Inputs run per target: loader, values, taxonomies, formulas, XBRL.
    pub inputs: [u64; 5],
    /// Inputs that panicked, saved under the findings folder.
    pub panics: Vec<String>,
}

const TARGETS: [&str; 5] = ["loader", "value", "taxonomy", "formula", "xbrl"];

/// Tokens worth inserting: the syntax of the formats being parsed.
const TOKENS: &[&str] = &[
    "\"",
    "[[fact]]\n",
    "[document]\n",
    "=",
    "{",
    "}",
    "[",
    "]",
    "\n",
    "$",
    "%",
    "bps",
    "/share",
    " to ",
    "-",
    "+",
    "about ",
    "over ",
    "M",
    "B",
    ".",
    ",",
    "(",
    ")",
    "*",
    "/",
    "prev(",
    "sum(",
    " by ",
    "guidance(",
    "dims = { region = \"x\" }\n",
    "guidance = true\n",
    "period = \"2024-FY\"\n",
    "é",
    "€",
    "’",
    "\u{0}",
    "9999999999999999999999999999",
    "0.0000000000000000000000001",
    "[[metric]]\n",
    "[[derived]]\n",
    "formula = \"a / b\"\n",
    "unit = \"money/(TH/s)\"\n",
    "\"val\": ",
    "\"start\": \"2020-08-01\", ",
    "\"end\": \"2020-13-31\", ",
    "\"USD/shares\"",
    "1e400",
    "-0.0",
    "null",
    "true",
    "\"fp\": \"Q3\"",
];

/// Runs `inputs` inputs (or until `seconds` pass), seeded by `seed`, reading
/// the corpus from `root` (the repository) and writing findings to `findings`.
pub fn run(root: &Path, inputs: u64, seconds: u64, seed: u64, findings: &Path) -> Result<Report> {
    let corpus = Corpus::read(root)?;
    let mut rng = crate::Rng::new(seed);
    let mut report = Report::default();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let vocabulary = Vocabulary::builtin(&["bitcoin-mining"], Currency::USD);
    let base = Vocabulary::builtin(&["base"], Currency::USD);
    for n in 0..inputs {
        if n % 1024 == 0 && Instant::now() > deadline {
            break;
        }
        let target = (n % 5) as usize;
        let seed_text = match target {
            0 => corpus.pick_document(&mut rng),
            1 => corpus.pick(&mut rng, &corpus.values),
            2 => corpus.pick(&mut rng, &corpus.taxonomies),
            3 => corpus.pick(&mut rng, &corpus.formulas),
            _ => corpus.pick(&mut rng, &corpus.companyfacts),
        };
        let input = mutate(&mut rng, seed_text);
        let company = &corpus.company;
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| match target {
            0 => {
                let file = |stem: &str, text: &str| DataFile {
                    path: format!("data/acme/{stem}.toml"),
                    folder: "acme".into(),
                    stem: stem.into(),
                    bytes: text.as_bytes().to_vec(),
                };
                let (dataset, found) =
                    Dataset::load(&[file("company", company), file("doc", &input)]);
                // Rendering costs more than loading: one loaded input in
                // eight, so the other targets keep most of the time.
                if n % 40 == 0 && !found.iter().any(qbrief_model::Diagnostic::is_error) {
                    dataset.companies.values().for_each(check_pages);
                }
            }
            1 => {
                let _ = parse_value(&input, &vocabulary.units);
            }
            2 => {
                let (file, _) = parse_taxonomy("t.toml", &input, None);
                if let Some(file) = file {
                    let base = qbrief_model::builtin_taxonomies();
                    let mut chain: Vec<&qbrief_model::TaxonomyFile> = base.iter().collect();
                    chain.push(&file);
                    let _ = Vocabulary::build(&chain, Currency::USD);
                }
            }
            4 => {
                if let Ok(facts) = qbrief_filings::parse_companyfacts("f.json", input.as_bytes()) {
                    let _ = qbrief_filings::import(&facts, &base, Currency::USD, 7);
                }
            }
            _ => {
                if let Ok(f) = parse_formula(&input) {
                    let _ = f.dimension(
                        &|id| vocabulary.metric(id).map(|m| m.dimension().clone()),
                        &[],
                    );
                }
            }
        }));
        report.inputs[target] += 1;
        if outcome.is_err() {
            std::fs::create_dir_all(findings)?;
            let path = findings.join(format!("{}-{n}.txt", TARGETS[target]));
            std::fs::write(&path, &input)?;
            report.panics.push(path.display().to_string());
        }
    }
    panic::set_hook(hook);
    Ok(report)
}

/// Renders a company's briefs and company page with the embedded
/// templates; panics (a finding) on a page that fails `check_markdown`.
fn check_pages(data: &qbrief_model::CompanyData) {
    let renderer = qbrief_report::Renderer::new();
    let analysis = qbrief_calc::analyze(data);
    let quarters: Vec<qbrief_model::Period> = data
        .periods()
        .into_iter()
        .filter(qbrief_model::Period::is_quarter)
        .collect();
    let mut pages = Vec::new();
    for period in &quarters {
        pages.extend(renderer.brief(&analysis, *period).ok());
    }
    pages.extend(renderer.company_page(&analysis, &quarters, "md").ok());
    for page in pages {
        let problems = qbrief_report::check_markdown(&page);
        assert!(problems.is_empty(), "malformed page: {problems:?}");
    }
}

/// The real files and strings the fuzzer starts from.
struct Corpus {
    company: String,
    documents: Vec<String>,
    values: Vec<String>,
    taxonomies: Vec<String>,
    formulas: Vec<String>,
    companyfacts: Vec<String>,
}

impl Corpus {
    fn read(root: &Path) -> Result<Corpus> {
        let mut documents = Vec::new();
        let mut taxonomies = Vec::new();
        for company in ["canaan", "donaldson", "kite-realty"] {
            let dir = root.join("data").join(company);
            for entry in
                std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?
            {
                let path = entry?.path();
                let text = std::fs::read_to_string(&path)?;
                match path.file_stem().and_then(|s| s.to_str()) {
                    Some("company") => {}
                    Some("taxonomy") => taxonomies.push(text),
                    _ => documents.push(text),
                }
            }
        }
        for (_, text) in qbrief_model::BUILTIN_TAXONOMIES {
            taxonomies.push((*text).to_string());
        }
        let quoted = |key: &str, texts: &[String]| -> Vec<String> {
            texts
                .iter()
                .flat_map(|t| t.lines())
                .filter_map(|l| l.strip_prefix(key))
                .map(|v| v.trim().trim_matches('"').to_string())
                .collect()
        };
        let values = quoted("value = ", &documents);
        let formulas = quoted("formula = ", &taxonomies);
        let company = "id = \"acme\"\nname = \"Acme\"\nticker = \"A\"\nexchange = \"X\"\ncurrency = \"USD\"\nfiscal_year_end_month = 12\ntaxonomies = [\"bitcoin-mining\"]\n".to_string();
        let facts = root.join("sources/donaldson/donaldson-companyfacts.json");
        let companyfacts = vec![std::fs::read_to_string(&facts)
            .with_context(|| format!("cannot read {}", facts.display()))?];
        Ok(Corpus {
            companyfacts,
            company,
            documents,
            values,
            taxonomies,
            formulas,
        })
    }

    fn pick<'a>(&self, rng: &mut crate::Rng, from: &'a [String]) -> &'a str {
        from.get(rng.below(from.len() as u64) as usize)
            .map_or("", String::as_str)
    }

    /// A document's header and a run of its lines: small enough to parse
    /// fast, large enough to hold facts.
    fn pick_document(&self, rng: &mut crate::Rng) -> &str {
        let doc = self.pick(rng, &self.documents);
        let limit = 200 + rng.below(1800) as usize;
        let mut end = limit.min(doc.len());
        while !doc.is_char_boundary(end) {
            end -= 1;
        }
        &doc[..end]
    }
}

/// One to four mutations of `text`.
fn mutate(rng: &mut crate::Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = if bytes.is_empty() {
            0
        } else {
            rng.below(bytes.len() as u64 + 1) as usize
        };
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len() as u64) as usize];
                bytes.splice(at..at, token.bytes());
            }
            2 => {
                let end = (at + rng.below(24) as usize).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(40) as usize).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() as u64 + 1) as usize;
                bytes.splice(to..to, copy);
            }
            4 => bytes.insert(at, rng.below(256) as u8),
            _ => {
                let token = TOKENS[rng.below(TOKENS.len() as u64) as usize];
                bytes.extend_from_slice(token.as_bytes());
            }
        }
    }
    // The parsers take text; invalid UTF-8 is the loader's own check.
    String::from_utf8_lossy(&bytes).into_owned()
}
