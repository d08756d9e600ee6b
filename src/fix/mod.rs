//! Writing corrected workbooks.
//!
//! [`plan`] works out what to write: every finding that carries a fix value
//! is applied to a copy of the workbook, which is checked again, so that a
//! correction that leads to another (a result, then its direction of
//! travel, then its RAG) is followed through until nothing more can be
//! derived. A cell that holds a formula is never written.
//!
//! Then an xlsx or xlsm is patched in place ([`patch`]): only the corrected
//! cells change, highlighted and annotated. Any other format is rebuilt as
//! xlsx ([`rebuild`]), with a warning that its formatting is lost.

mod comments;
pub mod patch;
pub mod rebuild;
mod sheet;
mod styles;
mod xml;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

pub use comments::AUTHOR;
pub use patch::{CellEdit, PatchError};
pub use styles::HIGHLIGHT_RGB;

use crate::check::{analyse, analyse_path, internal_error, Analysis, CheckOptions, FileReport};
use crate::rules::{Finding, FixValue};
use crate::schema::SchemaSet;
use crate::workbook::{Cell, CellRef, Format, Workbook};

/// Rounds of correct-and-check before giving up on a workbook whose fixes
/// do not settle (one round per link of result -> DoT -> RAG, and spare).
const MAX_ROUNDS: usize = 5;

/// Added to the message of a finding whose cell holds a formula.
pub const FORMULA_NOTE: &str =
    "not corrected: the cell holds a formula; correct the figures it is calculated from";

/// What a fix writes into one workbook.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The cells to write, in sheet order.
    pub edits: Vec<CellEdit>,
    /// The findings of the original workbook, with `fixed` set for those a
    /// written cell corrects, and those that only appeared once an earlier
    /// correction was made; in sheet and cell order.
    pub findings: Vec<Finding>,
    /// The workbook as it reads once corrected.
    pub corrected: Workbook,
}

struct Change {
    sheet: String,
    cell: CellRef,
    value: FixValue,
    found: String,
    /// The new value as the user will read it ("44.0%" for a fraction).
    shown: String,
    reasons: Vec<String>,
}

fn to_cell(v: &FixValue) -> Cell {
    match v {
        FixValue::Number(n) => Cell::Number(*n),
        FixValue::Text(t) => Cell::Text(t.as_str().into()),
    }
}

fn reason(f: &Finding) -> String {
    format!("{}: {}", f.rule, f.message)
}

/// A cell a fix may not write, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Locked {
    pub sheet: String,
    pub cell: CellRef,
    pub why: String,
}

/// Works out every value a fix writes into `analysis`'s workbook, leaving
/// alone the cells in `locked` (found unwritable by an earlier attempt).
pub fn plan(
    analysis: &Analysis,
    schemas: &SchemaSet,
    opts: &CheckOptions,
    locked: &[Locked],
) -> Plan {
    let mut wb = analysis.workbook.clone();
    let mut findings = analysis.findings.clone();
    let mut changes: Vec<Change> = Vec::new();
    let mut pending: Vec<usize> = (0..findings.len())
        .filter(|&i| findings[i].fix.is_some())
        .collect();
    for _ in 0..MAX_ROUNDS {
        let mut written_now: Vec<(String, CellRef)> = Vec::new();
        for &i in &pending {
            let f = &mut findings[i];
            let Some(value) = f.fix.clone() else { continue };
            let Some(sheet) = wb.sheets.iter_mut().find(|s| s.name == f.sheet) else {
                continue;
            };
            let (row, col) = (f.cell.row, f.cell.col);
            if sheet.is_formula(row, col) {
                if !f.message.contains(FORMULA_NOTE) {
                    f.message = format!("{} ({FORMULA_NOTE})", f.message);
                }
                continue;
            }
            if let Some(l) = locked
                .iter()
                .find(|l| l.sheet == f.sheet && l.cell == f.cell)
            {
                let note = format!("not corrected: {}", l.why);
                if !f.message.contains(&note) {
                    f.message = format!("{} ({note})", f.message);
                }
                continue;
            }
            // One value per cell per round: a second rule's view of the cell
            // is judged again on the next round.
            if written_now
                .iter()
                .any(|(s, c)| *s == f.sheet && *c == f.cell)
            {
                continue;
            }
            written_now.push((f.sheet.clone(), f.cell));
            let old = sheet.get(row, col).clone();
            sheet.set(row, col, to_cell(&value));
            f.fixed = true;
            match changes
                .iter_mut()
                .find(|c| c.sheet == f.sheet && c.cell == f.cell)
            {
                Some(c) => {
                    c.value = value;
                    c.reasons.push(reason(f));
                }
                None => changes.push(Change {
                    sheet: f.sheet.clone(),
                    cell: f.cell,
                    value,
                    found: match (f.found.is_empty(), old.display()) {
                        (false, _) => f.found.clone(),
                        (true, shown) if shown.trim().is_empty() => "(empty)".to_string(),
                        (true, shown) => shown,
                    },
                    shown: f.expected.clone().unwrap_or_default(),
                    reasons: vec![reason(f)],
                }),
            }
        }
        if written_now.is_empty() {
            break;
        }
        let again = analyse(&analysis.path, wb.clone(), schemas, opts);
        pending.clear();
        for f in again.findings {
            if f.fix.is_none() {
                continue;
            }
            let formula = wb
                .sheets
                .iter()
                .find(|s| s.name == f.sheet)
                .is_some_and(|s| s.is_formula(f.cell.row, f.cell.col));
            let is_locked = locked
                .iter()
                .any(|l| l.sheet == f.sheet && l.cell == f.cell);
            if formula || is_locked {
                continue;
            }
            // A finding already listed but not written (another rule took
            // the cell) is brought up to date rather than listed twice.
            match findings.iter().position(|x| {
                !x.fixed && x.sheet == f.sheet && x.cell == f.cell && x.rule == f.rule
            }) {
                Some(i) => {
                    findings[i].fix = f.fix;
                    findings[i].expected = f.expected;
                    pending.push(i);
                }
                None => {
                    findings.push(f);
                    pending.push(findings.len() - 1);
                }
            }
        }
        if pending.is_empty() {
            break;
        }
    }
    let sheet_pos = |s: &str| wb.sheets.iter().position(|x| x.name == s);
    changes.sort_by_key(|c| (sheet_pos(&c.sheet), c.cell.row, c.cell.col));
    // Findings of later rounds take their place in the report's order.
    findings.sort_by_key(|f| (sheet_pos(&f.sheet), f.cell.row, f.cell.col, f.rule));
    let edits = changes
        .into_iter()
        .map(|c| CellEdit {
            note: format!(
                "Corrected by {AUTHOR}.\nWas: {}\nNow: {}\n{}",
                c.found,
                if c.shown.is_empty() {
                    c.value.to_string()
                } else {
                    c.shown
                },
                c.reasons.join("\n")
            ),
            sheet: c.sheet,
            cell: c.cell,
            value: c.value,
        })
        .collect();
    Plan {
        edits,
        findings,
        corrected: wb,
    }
}

/// A corrected workbook, ready to write.
pub struct Corrected {
    pub bytes: Vec<u8>,
    /// "xlsx" or "xlsm".
    pub extension: &'static str,
    pub warnings: Vec<String>,
}

/// Why a corrected workbook could not be made.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error(transparent)]
    Patch(#[from] PatchError),
    #[error("the corrected workbook could not be built ({0})")]
    Rebuild(String),
    #[error("cannot read the file again to patch it: {0}")]
    Io(String),
}

/// What applying a plan gave: the workbook (if any cell was written) and
/// the cells that could not be written.
pub type Applied = (Option<Corrected>, Vec<Locked>);

/// Applies `plan` to the file at `path` (read as `format`). Findings whose
/// cell could not be written get `fixed` cleared and the reason added; the
/// cells are returned so the plan can be made again without them.
pub fn apply(path: &Path, format: Format, plan: &mut Plan) -> Result<Applied, FixError> {
    if plan.edits.is_empty() {
        return Ok((None, Vec::new()));
    }
    match format {
        Format::Xlsx | Format::Xlsm => {
            let bytes = std::fs::read(path)
                .map_err(|e| FixError::Io(crate::workbook::read::io_words(&e)))?;
            let patched = patch::patch(&bytes, &plan.edits)?;
            let mut any = false;
            let mut refused = Vec::new();
            for (edit, outcome) in plan.edits.iter().zip(&patched.outcomes) {
                match outcome {
                    Ok(()) => any = true,
                    Err(why) => {
                        refused.push(Locked {
                            sheet: edit.sheet.clone(),
                            cell: edit.cell,
                            why: why.clone(),
                        });
                        for f in plan
                            .findings
                            .iter_mut()
                            .filter(|f| f.fixed && f.sheet == edit.sheet && f.cell == edit.cell)
                        {
                            f.fixed = false;
                            f.message = format!("{} (not corrected: {why})", f.message);
                        }
                    }
                }
            }
            if !any {
                return Ok((None, refused));
            }
            let mut warnings = Vec::new();
            if !patched.highlighted {
                warnings.push(
                    "the workbook's styles could not take a highlight: corrected cells are marked by their notes only"
                        .to_string(),
                );
            }
            let corrected = Corrected {
                bytes: patched.bytes,
                extension: if patched.macro_enabled || format == Format::Xlsm {
                    "xlsm"
                } else {
                    "xlsx"
                },
                warnings,
            };
            Ok((Some(corrected), refused))
        }
        Format::Xls | Format::Xlsb | Format::Ods => {
            let bytes =
                rebuild::rebuild(&plan.corrected, &plan.edits).map_err(FixError::Rebuild)?;
            let corrected = Corrected {
                bytes,
                extension: "xlsx",
                warnings: vec![format!(
                    "rebuilt as xlsx from {}: the values{} were carried over, but not the formatting (fonts, colours, number formats, column widths), formulas (kept as their values), charts or macros",
                    format.extension(),
                    if format == Format::Xls { " and merged cells" } else { "" }
                )],
            };
            Ok((Some(corrected), Vec::new()))
        }
    }
}

/// The corrected workbook's path without its extension:
/// `out/<path relative to root>/<stem>.corrected`.
pub fn output_base(out: &Path, input: &Path, root: &Path) -> PathBuf {
    let rel = input.strip_prefix(root).unwrap_or(input);
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workbook".into());
    let parent = rel
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && !p.is_absolute())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    out.join(parent).join(format!("{stem}.corrected"))
}

/// Checks and fixes one file: the report of `check` with `corrected` set
/// and `fixed` marked. Never panics; never writes over the input.
pub fn fix_file(
    path: &Path,
    display: &str,
    out_base: &Path,
    schemas: &SchemaSet,
    opts: &CheckOptions,
) -> FileReport {
    let opts = CheckOptions {
        formulas: true,
        ..opts.clone()
    };
    let run = std::panic::catch_unwind(AssertUnwindSafe(|| -> FileReport {
        let analysis = match analyse_path(path, display, schemas, &opts) {
            Ok(a) => a,
            Err(e) => return FileReport::unreadable(display, e.to_string()),
        };
        let format = analysis.workbook.format;
        // A cell the patch finds it cannot write is taken out and the plan
        // made again, so no correction rests on a value never written.
        let mut locked: Vec<Locked> = Vec::new();
        let mut attempts = 0;
        let (plan, result) = loop {
            let mut p = plan(&analysis, schemas, &opts, &locked);
            let result = apply(path, format, &mut p);
            attempts += 1;
            match &result {
                Ok((_, refused)) if !refused.is_empty() && attempts < 3 => {
                    locked.extend(refused.iter().cloned())
                }
                _ => break (p, result),
            }
        };
        let mut report = analysis.report();
        report.findings = plan.findings;
        match result {
            Ok((None, _)) => {}
            Ok((Some(c), _)) => {
                let mut target = out_base.as_os_str().to_owned();
                target.push(".");
                target.push(c.extension);
                let target = PathBuf::from(target);
                if crate::output::same_file(&target, path) {
                    report.warnings.push(format!(
                        "refusing to write {}: it is the input file",
                        target.display()
                    ));
                    unfix(&mut report.findings);
                } else {
                    match crate::output::write_atomic(&target, &c.bytes) {
                        Ok(()) => {
                            report.corrected = Some(target.display().to_string());
                            report.warnings.extend(c.warnings);
                        }
                        Err(e) => {
                            report.warnings.push(e.to_string());
                            unfix(&mut report.findings);
                        }
                    }
                }
            }
            Err(e) => {
                report
                    .warnings
                    .push(format!("no corrected workbook written: {e}"));
                unfix(&mut report.findings);
            }
        }
        report
    }));
    run.unwrap_or_else(|p| FileReport::unreadable(display, internal_error(p)))
}

fn unfix(findings: &mut [Finding]) {
    for f in findings {
        f.fixed = false;
    }
}
