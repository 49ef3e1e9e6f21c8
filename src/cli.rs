//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Typed, sourced quarterly facts from earnings calls, derived metrics and Markdown briefs.
#[derive(Debug, Parser)]
#[command(name = "qbrief", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// No progress bars, and no list of the files written.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Colour in findings: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load every data file and report every problem (exit 1 on errors).
    Check {
        /// The data folder (also accepted as `--data DIR`).
        #[arg(default_value = "data")]
        data_dir: PathBuf,
        /// The data folder; wins over the positional one.
        #[arg(long)]
        data: Option<PathBuf>,
        /// Threads to use, one company at a time each (default: all cores).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// Output format of the findings.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Also print reviewed findings (conflicts with a preferred statement).
        #[arg(long, short)]
        verbose: bool,
    },
    /// Print every fact as a record, in the canonical unit.
    Export {
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFormat,
    },
    /// Prove every fact's evidence against its source document (exit 1 on any failure).
    VerifySources {
        /// The folder holding the source documents: `<company>/<file>` (or `<file>`) in it.
        #[arg(default_value = qbrief::sources::DEFAULT_DIR)]
        sources: PathBuf,
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Also print how many facts each document and each period holds.
        #[arg(long)]
        coverage: bool,
    },
    /// Render the quarter briefs and company pages into reports/.
    Render(RenderArgs),
    /// Propose a fact for every figure of a transcript, as a data file of drafts or as JSON.
    Draft {
        /// The source document (a transcript).
        document: PathBuf,
        /// The company whose taxonomies name the metrics.
        #[arg(long)]
        company: String,
        /// The period the document reports (2024-Q3).
        #[arg(long)]
        period: String,
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DraftFormat::Toml)]
        format: DraftFormat,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also propose figures already recorded for the document.
        #[arg(long)]
        all: bool,
    },
    /// List every number of a document that no recorded fact or `[[ignore]]` entry accounts for (exit 1 if any).
    Coverage {
        /// The source documents (transcripts); none: every document of the sources folder.
        documents: Vec<PathBuf>,
        /// The sources folder read when no document is named.
        #[arg(long, default_value = qbrief::sources::DEFAULT_DIR)]
        sources: PathBuf,
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Import a filer's SEC XBRL companyfacts JSON as filing documents of a company (exit 2 on errors, writing nothing).
    ImportXbrl {
        /// The companyfacts JSON (from https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json).
        file: PathBuf,
        /// The company id.
        #[arg(long)]
        company: String,
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// The sources folder, where a copy of the JSON is kept for verify-sources.
        #[arg(long, default_value = qbrief::sources::DEFAULT_DIR)]
        sources: PathBuf,
    },
    /// Create a company folder with its company.toml (asks nothing; everything is a flag).
    Init {
        /// The company id: a lowercase slug, also the folder name.
        company: String,
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// The company's name.
        #[arg(long)]
        name: String,
        /// Its ticker.
        #[arg(long)]
        ticker: String,
        /// Its exchange.
        #[arg(long, default_value = "NYSE")]
        exchange: String,
        /// Its reporting currency (ISO 4217).
        #[arg(long, default_value = "USD")]
        currency: String,
        /// The month its fiscal year ends in (1 to 12).
        #[arg(long, default_value_t = 12)]
        fiscal_year_end: u32,
        /// The taxonomies it uses, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "base")]
        taxonomies: Vec<String>,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
    /// What a change does to the numbers: stated facts, derived and implied figures, checks and guidance outcomes that differ from BASE (exit 0 no change, 1 changes, 2 trouble).
    Diff {
        /// The base: a data folder (an existing directory), else a git revision (HEAD, main, a commit id) of the repository holding --data.
        base: String,
        /// The data folder (the new side).
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Only this company.
        #[arg(long)]
        company: Option<String>,
        /// Output format: Markdown for a pull-request comment, or one JSON row per change.
        #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
        format: DiffFormat,
    },
    /// List the metrics, derived formulas, axes and units of each company's taxonomies.
    Metrics {
        /// The data folder; without company folders, the built-in taxonomies are listed.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Only this company.
        #[arg(long)]
        company: Option<String>,
    },
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The data folder.
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// The output folder.
    #[arg(long, default_value = "reports")]
    pub out: PathBuf,
    /// Only this company.
    #[arg(long)]
    pub company: Option<String>,
    /// Only this quarter (e.g. 2024-Q3); the company page is then not written.
    #[arg(long)]
    pub period: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RenderFormat::Md)]
    pub format: RenderFormat,
    /// A folder of templates overriding the embedded ones by name (brief.md, company.md, macros.md, page.html).
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Write nothing; exit 1 listing every brief that is missing, stale or extra.
    #[arg(long)]
    pub check: bool,
    /// Threads to use, one company at a time each (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Render every company, ignoring the cache (QBRIEF_CACHE_DIR, else the platform's cache folder); nothing is stored in it.
    #[arg(long)]
    pub no_cache: bool,
    /// Check every page's Markdown structure, not only those of override templates.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Md,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftFormat {
    Toml,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Md,
    Json,
}
