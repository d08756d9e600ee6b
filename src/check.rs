//! The check pipeline for one workbook: read, find tables, read them into
//! typed rows, run the rules.
//!
//! Data flows one way: workbook -> tables -> typed rows -> findings. The
//! [`Analysis`] of a file is what `fix` and `import` build on.

use std::path::{Path, PathBuf};

use crate::detect::{detect_tables, Table};
use crate::model::indicator::{self, IndicatorTable};
use crate::model::summary::{self, SummaryTable};
use crate::period::{period_in_text, Period};
use crate::rules::{self, Ctx, Emitter, Finding};
use crate::schema::SchemaSet;
use crate::workbook::{read, Format, ReadError, ReadLimits, Workbook};

/// Options for checking.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub limits: ReadLimits,
    /// Load which cells hold formulas (needed by `fix`).
    pub formulas: bool,
    /// The period to assume when a return does not state one.
    pub period: Option<Period>,
}

/// A table as listed in reports.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct TableInfo {
    pub sheet: String,
    pub kind: String,
    pub range: String,
    pub schema: String,
    pub rows: usize,
}

/// How a file fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Checked,
    Unreadable,
    NoTables,
}

/// The outcome for one input file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub status: FileStatus,
    pub error: Option<String>,
    pub tables: Vec<TableInfo>,
    pub corrected: Option<String>,
    pub period: Option<Period>,
    pub format: Option<Format>,
    pub findings: Vec<Finding>,
    /// Notes about the run for this file (e.g. formatting not carried over).
    pub warnings: Vec<String>,
}

impl FileReport {
    pub fn unreadable(path: &str, error: String) -> FileReport {
        FileReport {
            path: path.to_string(),
            status: FileStatus::Unreadable,
            error: Some(error),
            tables: Vec::new(),
            corrected: None,
            period: None,
            format: None,
            findings: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// A workbook read and analysed.
pub struct Analysis {
    pub path: String,
    pub workbook: Workbook,
    pub tables: Vec<Table>,
    pub period: Option<Period>,
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// The indicator tables, read into typed rows.
    pub fn indicator_tables<'a>(&'a self, schemas: &SchemaSet) -> Vec<IndicatorTable<'a>> {
        self.tables
            .iter()
            .filter(|t| t.kind() == "indicators")
            .filter_map(|t| {
                let sheet = self.workbook.sheets.iter().find(|s| s.name == t.sheet)?;
                Some(indicator::build(t, sheet, &schemas.catalogue, self.period))
            })
            .collect()
    }

    /// The dashboards and overviews, read into typed rows.
    pub fn summary_tables(&self) -> Vec<SummaryTable<'_>> {
        self.tables
            .iter()
            .filter(|t| t.kind() == "summary")
            .filter_map(|t| {
                let sheet = self.workbook.sheets.iter().find(|s| s.name == t.sheet)?;
                Some(summary::build(t, sheet))
            })
            .collect()
    }

    pub fn table_infos(&self) -> Vec<TableInfo> {
        self.tables
            .iter()
            .map(|t| TableInfo {
                sheet: t.sheet.clone(),
                kind: t.kind().to_string(),
                range: t.range(),
                schema: t.schema.name.clone(),
                rows: t.rows.len(),
            })
            .collect()
    }

    pub fn report(self) -> FileReport {
        let tables = self.table_infos();
        FileReport {
            status: if tables.is_empty() {
                FileStatus::NoTables
            } else {
                FileStatus::Checked
            },
            path: self.path,
            error: None,
            tables,
            corrected: None,
            period: self.period,
            format: Some(self.workbook.format),
            findings: self.findings,
            warnings: Vec::new(),
        }
    }
}

/// The period a workbook states in its sheet titles (the first rows of each
/// sheet), else in its file name.
fn period_hint(path: &str, wb: &Workbook) -> Option<Period> {
    for sheet in &wb.sheets {
        for row in sheet.rows.iter().take(12) {
            for cell in row.iter().filter_map(|c| c.as_text()) {
                if cell.len() < 120 {
                    if let Some(p) = period_in_text(cell).filter(|p| p.quarter.is_some()) {
                        if crate::period::find_periods(cell)
                            .iter()
                            .any(|(_, q)| q.quarter.is_some())
                        {
                            return Some(p);
                        }
                    }
                }
            }
        }
    }
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    period_in_text(&name).filter(|p| p.quarter.is_some())
}

/// Analyses a workbook already in memory.
pub fn analyse(
    path: &str,
    workbook: Workbook,
    schemas: &SchemaSet,
    opts: &CheckOptions,
) -> Analysis {
    let hint = opts.period.or_else(|| period_hint(path, &workbook));
    let detect_all = |p: Option<Period>| -> Vec<Table> {
        workbook
            .sheets
            .iter()
            .flat_map(|s| {
                let mut found = detect_tables(s, schemas, p);
                let grids = summary::detect(s, schemas, &found);
                found.extend(grids);
                found
            })
            .collect()
    };
    let mut tables = detect_all(hint);
    // The headers' own periods ("Q4 2016/17 Result") are the surest sign of
    // the return's period.
    let from_headers = tables
        .iter()
        .filter(|t| t.kind() == "indicators")
        .filter_map(Table::latest_period)
        .max();
    let period = opts.period.or(from_headers).or(hint);
    if period != hint && schemas.schemas.iter().any(|s| !s.years.is_open()) {
        tables = detect_all(period);
    }
    let mut analysis = Analysis {
        path: path.to_string(),
        workbook,
        tables,
        period,
        findings: Vec::new(),
    };
    let ctx = Ctx {
        file: path,
        period,
        schemas,
    };
    let mut em = Emitter::new(&ctx);
    let ind = analysis.indicator_tables(schemas);
    rules::check_indicators(&ind, &mut em);
    // Registers and heat maps are read once: their own rules and the
    // dashboards' risk counts both use them.
    let registers = crate::model::risk::registers(&analysis.tables, &analysis.workbook);
    let maps = crate::model::heatmap::maps(&analysis.tables, &analysis.workbook);
    rules::check_risks(&registers, &maps, &mut em);
    let sums = analysis.summary_tables();
    rules::check_summaries(&sums, &ind, &registers, &maps, &mut em);
    drop((sums, ind, registers, maps));
    let (tables, sheets) = (&analysis.tables, &analysis.workbook.sheets);
    rules::check_finance(&crate::model::finance::build_all(tables, sheets), &mut em);
    rules::check_change(&crate::model::change::build_all(tables, sheets), &mut em);
    let mut findings = em.findings;
    findings.sort_by(|a, b| {
        let sheet_pos = |s: &str| analysis.workbook.sheets.iter().position(|x| x.name == s);
        (sheet_pos(&a.sheet), a.cell.row, a.cell.col, a.rule).cmp(&(
            sheet_pos(&b.sheet),
            b.cell.row,
            b.cell.col,
            b.rule,
        ))
    });
    findings.dedup_by(|a, b| a.sheet == b.sheet && a.cell == b.cell && a.rule == b.rule);
    analysis.findings = findings;
    analysis
}

/// Reads and analyses one file. Errors name the cause in plain words.
pub fn analyse_path(
    path: &Path,
    display: &str,
    schemas: &SchemaSet,
    opts: &CheckOptions,
) -> Result<Analysis, ReadError> {
    let wb = read::read_workbook_with(
        path,
        &opts.limits,
        read::ReadOptions {
            formulas: opts.formulas,
        },
    )?;
    Ok(analyse(display, wb, schemas, opts))
}

/// Checks one file; never panics: a panic inside is reported as an internal
/// error naming the file, and the batch goes on.
pub fn check_file(
    path: &Path,
    display: &str,
    schemas: &SchemaSet,
    opts: &CheckOptions,
) -> FileReport {
    guarded(display, || analyse_path(path, display, schemas, opts))
}

/// Runs the work for one file, turning a read error or a panic into that
/// file's unreadable report.
fn guarded(display: &str, work: impl FnOnce() -> Result<Analysis, ReadError>) -> FileReport {
    // Quietly: the panic becomes this file's line in the report.
    match crate::workbook::guard::catch(work) {
        Ok(Ok(a)) => a.report(),
        Ok(Err(e)) => FileReport::unreadable(display, e.to_string()),
        Err(what) => FileReport::unreadable(display, internal_error(Box::new(what))),
    }
}

/// Words for a caught panic.
pub fn internal_error(p: Box<dyn std::any::Any + Send>) -> String {
    let what = p
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".into());
    format!(
        "internal error while checking this file ({what}); please report it with the file attached"
    )
}

/// The workbook extensions a folder is searched for.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// One input: the file, how to name it in reports, and the argument it came
/// from (for output paths relative to that argument).
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub path: PathBuf,
    /// The folder argument it was found under (shared by all its files),
    /// or a named file's own folder.
    pub root: std::sync::Arc<Path>,
}

impl Input {
    /// The path as shown in reports. Worked out when needed rather than
    /// held: a batch lists tens of thousands of inputs.
    pub fn display(&self) -> String {
        self.path.display().to_string()
    }
}

/// Expands files and folders (recursively) into workbook inputs, in a
/// stable order. A named file is always taken; in folders, only workbook
/// extensions, skipping Excel's "~$" lock files. Arguments that do not
/// exist are returned as errors.
pub fn expand_inputs(args: &[PathBuf]) -> (Vec<Input>, Vec<(String, String)>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        match std::fs::metadata(arg) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(arg, &mut found, &mut errors);
                found.sort();
                let root: std::sync::Arc<Path> = arg.as_path().into();
                inputs.reserve(found.len());
                for p in found {
                    inputs.push(Input {
                        path: p,
                        root: root.clone(),
                    });
                }
            }
            Ok(_) => inputs.push(Input {
                path: arg.clone(),
                root: arg.parent().unwrap_or(Path::new("")).into(),
            }),
            Err(e) => errors.push((
                arg.display().to_string(),
                crate::workbook::read::io_words(&e),
            )),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<(String, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push((
                dir.display().to_string(),
                crate::workbook::read::io_words(&e),
            ));
            return;
        }
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&p, out, errors);
        } else if ft.is_file() || ft.is_symlink() {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let ext = p
                .extension()
                .map(|x| x.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if EXTENSIONS.contains(&ext.as_str()) && !name.starts_with("~$") {
                out.push(p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_checking_a_file_becomes_its_internal_error() {
        let r = guarded("returns/q4.xlsx", || panic!("index out of bounds"));
        assert_eq!(r.status, FileStatus::Unreadable);
        assert_eq!(r.path, "returns/q4.xlsx");
        let e = r.error.unwrap_or_default();
        assert!(e.starts_with("internal error"), "{e}");
        assert!(e.contains("index out of bounds"), "{e}");
        let r = guarded("b.xlsx", || Err(ReadError::Encrypted));
        assert!(r
            .error
            .unwrap_or_default()
            .starts_with("password-protected"));
    }
}
