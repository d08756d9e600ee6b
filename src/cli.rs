//! Command-line definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::rules::Severity;

/// Checks council performance returns in Excel: indicator tables, risk
/// registers, finance tables and dashboards.
///
/// kpicheck reads workbooks as they are (xlsx, xlsm, xlsb, xls, ods), finds
/// their tables through the schemas it ships (or --schema DIR), and reports
/// every cell that disagrees with the council's own arithmetic: which cell,
/// why, and what it should be.
#[derive(Debug, Parser)]
#[command(name = "kpicheck", version, about, long_about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  kpicheck check returns/                      check every workbook under returns/
  kpicheck check q4.xlsx --format json         findings as JSON on stdout
  kpicheck check returns/ --fail-on warning    exit 1 on warnings too
  kpicheck fix returns/ --out corrected/       corrected copies, highlighted and annotated
  kpicheck explain ratio.result_mismatch       what a rule checks and why
  kpicheck schema list                         the table kinds kpicheck knows
  kpicheck import returns/ --db history.db     years of returns into one database
  kpicheck audit --db history.db               what the returns say about each other";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check workbooks and report every finding at its cell.
    Check(CheckArgs),
    /// Write corrected copies of workbooks (to --out), with the same report as check.
    Fix(FixArgs),
    /// Explain a rule: what it checks, why it matters, what to write instead.
    Explain(ExplainArgs),
    /// List the loaded schemas, or check a schema file.
    #[command(subcommand)]
    Schema(SchemaCommand),
    /// Import returns into a database (SQLite), for audits across periods.
    Import(ImportArgs),
    /// Check the imported returns against each other: restated results,
    /// changed polarity, unit, title or target, missing quarters, jumps.
    Audit(AuditArgs),
    /// Write the imported indicator values as CSV, one row per ref and period.
    Export(ExportArgs),
}

/// Output format on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Diagnostics for a person at a terminal.
    #[default]
    Text,
    /// The JSON contract (see docs/rules.md).
    Json,
    /// One row per finding.
    Csv,
}

/// The lowest severity that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
    /// Exit 0 whatever is found.
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// Options shared by every command that reads workbooks.
#[derive(Debug, Args, Clone)]
pub struct ReadArgs {
    /// A folder of extra schema files; a schema with a shipped one's name replaces it.
    #[arg(long, value_name = "DIR")]
    pub schema: Option<PathBuf>,
    /// Files to check at once (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// The reporting period to assume where a return does not state one, e.g. "Q4 2016/17".
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Largest workbook accepted, in MB.
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub max_file_mb: u64,
    /// Most cells read from one sheet.
    #[arg(long, value_name = "N", default_value_t = 20_000_000)]
    pub max_cells: u64,
    /// Most data the parts of one xlsx, xlsm, xlsb or ods file may unpack to, in MB.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    pub max_unzipped_mb: u64,
    /// Longest time spent reading one file, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub max_seconds: u64,
    /// Most memory used to read one xls, xlsb or ods file, in MB.
    #[arg(long, value_name = "MB", default_value_t = 4096)]
    pub max_memory_mb: u64,
}

impl ReadArgs {
    /// The read limits these options set.
    pub fn limits(&self) -> crate::workbook::ReadLimits {
        const MB: u64 = 1024 * 1024;
        crate::workbook::ReadLimits {
            max_file_bytes: self.max_file_mb.saturating_mul(MB),
            max_cells_per_sheet: self.max_cells,
            max_unzipped_bytes: self.max_unzipped_mb.saturating_mul(MB),
            max_seconds: self.max_seconds.max(1),
            max_memory_bytes: self.max_memory_mb.saturating_mul(MB),
        }
    }
}

/// What `check` and `fix` write, and when they fail.
#[derive(Debug, Args)]
pub struct OutputArgs {
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: OutputFormat,
    /// Exit 1 when a finding reaches this severity.
    #[arg(long, value_enum, default_value_t)]
    pub fail_on: FailOn,
    /// List every detected table (sheet, kind and range).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Also write an exception report; the format follows the extension
    /// (.xlsx, .csv, .json, .html). May be given more than once.
    #[arg(long, value_name = "PATH")]
    pub report: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Workbooks, or folders to search recursively.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Workbooks, or folders to search recursively.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Folder for the corrected workbooks, laid out as the inputs are
    /// (DIR/<path relative to the argument>/<name>.corrected.xlsx). It may
    /// not be, or be inside, an input folder.
    #[arg(long, short = 'o', value_name = "DIR", required = true)]
    pub out: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id such as ratio.result_mismatch, or a family such as ratio.
    pub rule: Option<String>,
    /// List every rule.
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Subcommand)]
pub enum SchemaCommand {
    /// Show the loaded schemas and catalogue.
    List {
        #[arg(long, value_name = "DIR")]
        schema: Option<PathBuf>,
    },
    /// Check schema files; report problems with line and column.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// The database file shared by import, audit and export.
#[derive(Debug, Args, Clone)]
pub struct DbArgs {
    /// The database file (created by import if missing).
    #[arg(long, value_name = "FILE", default_value = "kpicheck.db")]
    pub db: PathBuf,
    /// Seconds to wait for a database another program is writing.
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    pub busy_timeout: u64,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Workbooks, or folders to search recursively.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    /// The service to record where a return does not name it, e.g. "Family Services".
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
    /// stdout: the closing summary as text, JSON or CSV (one row per file).
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: OutputFormat,
    /// List every file in the text summary, not only failures and supersessions.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: OutputFormat,
    /// Exit 1 when a finding reaches this severity.
    #[arg(long, value_enum, default_value_t)]
    pub fail_on: FailOn,
    /// Also write a report; the format follows the extension
    /// (.xlsx, .csv, .json, .html). May be given more than once.
    #[arg(long, value_name = "PATH")]
    pub report: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The CSV file to write (replaced atomically).
    #[arg(long, value_name = "FILE.csv")]
    pub out: PathBuf,
}
