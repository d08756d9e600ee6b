//! `kpicheck import`: returns into the database, safely and repeatably.
//!
//! Files are read, checked and turned into [`Record`]s in parallel; one
//! writer thread, fed through a bounded channel, writes each file in its own
//! transaction. So a file that fails leaves nothing but its error, a run
//! stopped at any point leaves the database as it was after the last file
//! committed, and a rerun skips what is already there (same content hash).
//! A changed file for the same service and period supersedes the earlier
//! one, which stays as history.
//!
//! Each table kind has one function turning a detected table into records,
//! chosen by [`table_records`]; kinds without one (risk registers, until
//! their typed model exists) are listed in `return_tables` and otherwise
//! left alone.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::LazyLock;

use indicatif::ProgressBar;
use rayon::prelude::*;
use regex::Regex;
use rusqlite::TransactionBehavior;
use sha2::{Digest, Sha256};

use crate::check::{analyse, internal_error, Analysis, CheckOptions, Input};
use crate::detect::Table;
use crate::labels::{Dot, Rag};
use crate::model::finance::{self, FinanceKind};
use crate::model::indicator::{self, Figure, Indicator, PolaritySource};
use crate::period::{find_periods, period_in_text, Period};
use crate::schema::{SchemaSet, Unit};
use crate::store::{raw_and_cell, raw_text, Record, Row, Store, StoreError};
use crate::workbook::read::{read_bytes, ReadOptions};
use crate::workbook::{CellRef, ReadError};

/// Options for an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Reading limits and the `--period` to assume.
    pub check: CheckOptions,
    /// The service to record, where returns do not say it (`--service`).
    pub service: Option<String>,
}

/// A hook run inside each file's transaction, after its rows are written
/// and before they are committed; an error rolls the file back. Tests use
/// it to fail a file part-way through.
pub type Hook<'a> = &'a (dyn Fn(&str) -> Result<(), String> + Sync);

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Imported,
    Skipped,
    Failed,
}

/// The outcome for one file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FileOutcome {
    pub path: String,
    pub status: Status,
    /// Why it failed, or for a skipped file which return already holds it.
    pub reason: Option<String>,
    pub service: Option<String>,
    pub period: Option<String>,
    pub rows: usize,
    pub findings: usize,
    /// The earlier returns this one superseded.
    pub superseded: Vec<String>,
    /// The return that stays in force instead of this one, when both came
    /// in the same run (this one is kept as history).
    pub superseded_by: Option<String>,
}

impl FileOutcome {
    fn failed(path: &str, reason: impl Into<String>) -> FileOutcome {
        FileOutcome {
            path: path.to_string(),
            status: Status::Failed,
            reason: Some(reason.into()),
            service: None,
            period: None,
            rows: 0,
            findings: 0,
            superseded: Vec::new(),
            superseded_by: None,
        }
    }
}

/// The closing summary of a batch.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ImportSummary {
    pub database: String,
    pub files: usize,
    pub imported: usize,
    pub skipped: usize,
    /// Returns imported that superseded an earlier one.
    pub superseded: usize,
    pub failed: usize,
    pub rows: usize,
    pub findings: usize,
    pub outcomes: Vec<FileOutcome>,
}

impl ImportSummary {
    fn of(database: &str, outcomes: Vec<FileOutcome>) -> ImportSummary {
        let mut s = ImportSummary {
            database: database.to_string(),
            files: outcomes.len(),
            ..Default::default()
        };
        for o in &outcomes {
            match o.status {
                Status::Imported => s.imported += 1,
                Status::Skipped => s.skipped += 1,
                Status::Failed => s.failed += 1,
            }
            s.superseded += usize::from(!o.superseded.is_empty());
            s.rows += o.rows;
            s.findings += o.findings;
        }
        s.outcomes = outcomes;
        s
    }
}

/// A return read and turned into records, ready for the writer.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub path: String,
    pub hash: String,
    pub service: String,
    pub service_source: &'static str,
    pub period: Period,
    pub period_source: &'static str,
    pub tables: Vec<Row>,
    pub records: Vec<Record>,
    pub findings: Vec<Row>,
}

enum Parsed {
    Ready(Box<Prepared>),
    Skipped(String),
    Failed(String),
}

/// The SHA-256 of a file's bytes, in hex.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Imports `inputs` into `store`. Never panics on input: a file that cannot
/// be read, has no period, or fails while being written is reported with
/// its reason and leaves no trace. A database locked for longer than its
/// busy timeout stops the batch: the remaining files are reported as not
/// imported, with that reason.
pub fn import_batch(
    store: &mut Store,
    inputs: &[Input],
    schemas: &SchemaSet,
    opts: &ImportOptions,
    pb: &ProgressBar,
    hook: Option<Hook<'_>>,
) -> Result<ImportSummary, StoreError> {
    let known = known_hashes(store)?;
    let run: i64 = store
        .conn
        .query_row(
            "SELECT coalesce(max(import_run), 0) + 1 FROM returns",
            [],
            |r| r.get(0),
        )
        .map_err(|e| store.err(e))?;
    let stop = AtomicBool::new(false);
    let rows_done = AtomicUsize::new(0);
    let findings_done = AtomicUsize::new(0);
    let threads = rayon::current_num_threads().max(1);
    let (tx, rx) = mpsc::sync_channel::<(usize, String, Parsed)>(threads * 2);
    let db_path = store.path.clone();
    let mut outcomes: Vec<Option<FileOutcome>> = vec![None; inputs.len()];

    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut out = Vec::new();
            let mut fatal: Option<StoreError> = None;
            for (i, path, parsed) in rx {
                let outcome = match (&fatal, parsed) {
                    (Some(e), _) => FileOutcome::failed(&path, format!("not imported: {e}")),
                    (None, Parsed::Skipped(reason)) => FileOutcome {
                        status: Status::Skipped,
                        reason: Some(reason),
                        ..FileOutcome::failed(&path, "")
                    },
                    (None, Parsed::Failed(reason)) => FileOutcome::failed(&path, reason),
                    (None, Parsed::Ready(p)) => match write_return(store, &p, run, hook) {
                        Ok(o) => o,
                        Err(WriteError::Store(e)) if e.is_locked() => {
                            stop.store(true, Ordering::Relaxed);
                            let o = FileOutcome::failed(&path, format!("not imported: {e}"));
                            fatal = Some(e);
                            o
                        }
                        Err(WriteError::Store(e)) => FileOutcome::failed(&path, e.to_string()),
                        Err(WriteError::Hook(e)) => FileOutcome::failed(&path, e),
                    },
                };
                let rows = rows_done.fetch_add(outcome.rows, Ordering::Relaxed) + outcome.rows;
                let found =
                    findings_done.fetch_add(outcome.findings, Ordering::Relaxed) + outcome.findings;
                pb.set_message(format!("{rows} rows, {found} findings"));
                pb.inc(1);
                out.push((i, outcome));
            }
            out
        });
        inputs
            .par_iter()
            .enumerate()
            .for_each_with(tx, |tx, (i, input)| {
                let parsed = if stop.load(Ordering::Relaxed) {
                    Parsed::Failed("not imported: the batch was stopped".into())
                } else {
                    prepare_guarded(input, schemas, opts, &known)
                };
                // The writer only hangs up after every sender is gone.
                let _ = tx.send((i, input.display.clone(), parsed));
            });
        match writer.join() {
            Ok(done) => {
                for (i, o) in done {
                    if let Some(slot) = outcomes.get_mut(i) {
                        *slot = Some(o);
                    }
                }
            }
            Err(p) => {
                let why = internal_error(p);
                for (slot, input) in outcomes.iter_mut().zip(inputs) {
                    if slot.is_none() {
                        *slot = Some(FileOutcome::failed(&input.display, why.clone()));
                    }
                }
            }
        }
    });
    let outcomes = outcomes
        .into_iter()
        .zip(inputs)
        .map(|(o, i)| o.unwrap_or_else(|| FileOutcome::failed(&i.display, "not imported")))
        .collect();
    Ok(ImportSummary::of(&db_path, outcomes))
}

/// Content hashes already in the database, with the path of their return.
fn known_hashes(store: &Store) -> Result<HashMap<String, String>, StoreError> {
    let mut stmt = store
        .conn
        .prepare("SELECT content_hash, path FROM returns")
        .map_err(|e| store.err(e))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .map_err(|e| store.err(e))?;
    rows.collect::<Result<_, _>>().map_err(|e| store.err(e))
}

fn prepare_guarded(
    input: &Input,
    schemas: &SchemaSet,
    opts: &ImportOptions,
    known: &HashMap<String, String>,
) -> Parsed {
    match std::panic::catch_unwind(AssertUnwindSafe(|| prepare(input, schemas, opts, known))) {
        Ok(p) => p,
        Err(p) => Parsed::Failed(internal_error(p)),
    }
}

fn prepare(
    input: &Input,
    schemas: &SchemaSet,
    opts: &ImportOptions,
    known: &HashMap<String, String>,
) -> Parsed {
    let bytes = match read_limited(&input.path, opts) {
        Ok(b) => b,
        Err(e) => return Parsed::Failed(e.to_string()),
    };
    let hash = content_hash(&bytes);
    if let Some(earlier) = known.get(&hash) {
        return Parsed::Skipped(format!("already imported (same content as {earlier})"));
    }
    let wb = match read_bytes(bytes, &opts.check.limits, ReadOptions::default()) {
        Ok(wb) => wb,
        Err(e) => return Parsed::Failed(e.to_string()),
    };
    let analysis = analyse(&input.display, wb, schemas, &opts.check);
    match prepared(analysis, hash, schemas, opts) {
        Ok(p) => Parsed::Ready(Box::new(p)),
        Err(e) => Parsed::Failed(e),
    }
}

fn read_limited(path: &Path, opts: &ImportOptions) -> Result<Vec<u8>, ReadError> {
    let io = |e: std::io::Error| ReadError::Io(crate::workbook::read::io_words(&e));
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::Io("it is a folder, not a file".into()));
    }
    let max = opts.check.limits.max_file_bytes;
    if meta.len() > max {
        return Err(ReadError::TooLarge(format!(
            "{} bytes, over the limit of {max} (raise it with --max-file-mb)",
            meta.len()
        )));
    }
    std::fs::read(path).map_err(io)
}

/// Turns an analysed workbook into what the writer stores; an error names
/// why the return cannot be imported.
pub fn prepared(
    a: Analysis,
    hash: String,
    schemas: &SchemaSet,
    opts: &ImportOptions,
) -> Result<Prepared, String> {
    if a.tables.is_empty() {
        return Err("no indicator, risk or finance table found: nothing to import".into());
    }
    let (period, period_source) = return_period(&a, opts.check.period).ok_or(
        "no reporting period found in its headers, titles or file name; give it with --period \"Q4 2016/17\"",
    )?;
    let (service, service_source) = find_service(&a, opts.service.as_deref());
    let mut tables = Vec::new();
    let mut records = Vec::new();
    for t in &a.tables {
        let mut row = Row::default();
        let first = t.range();
        row.text("sheet", Some(t.sheet.clone()))
            .text("kind", Some(t.kind()))
            .text("schema", Some(t.schema.name.clone()))
            .text("first_cell", first.split(':').next().map(str::to_string))
            .text("range", Some(first))
            .int("rows", Some(t.rows.len() as i64));
        tables.push(row);
        records.extend(table_records(&a, t, schemas, period));
    }
    let findings = a.findings.iter().map(finding_row).collect();
    Ok(Prepared {
        path: a.path,
        hash,
        service,
        service_source,
        period,
        period_source,
        tables,
        records,
        findings,
    })
}

/// The records of one detected table, by its kind. Kinds without a typed
/// model here are recorded in `return_tables` only.
pub fn table_records(a: &Analysis, t: &Table, schemas: &SchemaSet, period: Period) -> Vec<Record> {
    let Some(sheet) = a.workbook.sheets.iter().find(|s| s.name == t.sheet) else {
        return Vec::new();
    };
    match t.kind() {
        "indicators" => {
            let it = indicator::build(t, sheet, &schemas.catalogue, Some(period));
            it.rows
                .iter()
                .map(|ind| Record {
                    table: "indicator_values",
                    row: indicator_row(t, ind, period),
                })
                .collect()
        }
        "revenue" | "capital" => finance_records(t, sheet),
        _ => Vec::new(),
    }
}

/// Finance columns: the capital table's own keys map onto the revenue
/// table's meaning (approved budget as the original budget, budget after
/// additions and slippage as the revised one, forecast as outturn,
/// variance as variation, % slippage as the percentage).
const FINANCE_MONEY: &[(&str, &str, [&str; 3])] = &[
    (
        "original",
        "approved",
        [
            "original_budget_raw",
            "original_budget",
            "original_budget_cell",
        ],
    ),
    (
        "revised",
        "budget",
        [
            "revised_budget_raw",
            "revised_budget",
            "revised_budget_cell",
        ],
    ),
    (
        "",
        "additions",
        ["additions_raw", "additions", "additions_cell"],
    ),
    (
        "",
        "slippage",
        ["slippage_raw", "slippage", "slippage_cell"],
    ),
    (
        "outturn",
        "forecast",
        ["outturn_raw", "outturn", "outturn_cell"],
    ),
    (
        "variation",
        "variance",
        ["variation_raw", "variation", "variation_cell"],
    ),
];

fn finance_records(t: &Table, sheet: &crate::workbook::Sheet) -> Vec<Record> {
    let Some(ft) = finance::build(t, sheet) else {
        return Vec::new();
    };
    let capital = ft.kind == FinanceKind::Capital;
    let first_col = t.columns.values().copied().min().unwrap_or(0);
    ft.rows
        .iter()
        .map(|r| {
            let mut row = Row::default();
            row.text("sheet", Some(t.sheet.clone()))
                .int("row", Some(i64::from(r.row) + 1))
                .text("kind", Some(t.kind()))
                .text("line", Some(r.label.clone()))
                .text(
                    "line_cell",
                    Some(
                        r.field("description")
                            .map_or(CellRef::new(r.row, first_col), |f| f.cell)
                            .to_string(),
                    ),
                )
                .int("is_total", Some(i64::from(r.total)));
            for (revenue_key, capital_key, cols) in FINANCE_MONEY {
                let key = if capital { *capital_key } else { *revenue_key };
                let key = (!key.is_empty()).then_some(key);
                raw_and_cell(&mut row, cols[0], cols[2], key.and_then(|k| r.field(k)));
                row.real(cols[1], key.and_then(|k| r.amount(k)).map(|a| a.value));
            }
            let pct = if capital {
                "pct_slippage"
            } else {
                "pct_variation"
            };
            raw_and_cell(
                &mut row,
                "variation_pct_raw",
                "variation_pct_cell",
                r.field(pct),
            );
            row.real("variation_pct", ft.percent(r, pct).map(|p| p.value()));
            raw_and_cell(
                &mut row,
                "comments_raw",
                "comments_cell",
                r.field("comments"),
            );
            Record {
                table: "finance_lines",
                row,
            }
        })
        .collect()
}

/// The unit's key as the catalogue writes it.
pub fn unit_key(u: Unit) -> &'static str {
    match u {
        Unit::Percent => "percent",
        Unit::Rate => "rate",
        Unit::Count => "count",
        Unit::Days => "days",
        Unit::Weeks => "weeks",
        Unit::Money => "money",
        Unit::Number => "number",
    }
}

/// A title reduced to its letters and digits, lower case: two titles that
/// differ only in spacing, case or punctuation have the same key.
pub fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn figure_cols(
    row: &mut Row,
    ind: &Indicator,
    key: &str,
    cols: [&'static str; 3],
) -> Option<Figure> {
    raw_and_cell(row, cols[0], cols[2], ind.field(key));
    let fig = ind.figure(key);
    row.real(cols[1], fig.as_ref().map(|f| f.value));
    fig
}

fn number_cols(row: &mut Row, ind: &Indicator, key: &str, cols: [&'static str; 3]) {
    raw_and_cell(row, cols[0], cols[2], ind.field(key));
    row.real(cols[1], ind.value(key).and_then(|v| v.number()));
}

fn period_cols(row: &mut Row, p: Option<Period>, cols: [&'static str; 2]) {
    row.text(cols[0], p.map(|p| p.to_string()));
    row.int(cols[1], p.and_then(|p| p.index()));
}

fn indicator_row(t: &Table, ind: &Indicator, period: Period) -> Row {
    let col_period = |k: &str| t.column_periods.get(k).copied();
    let mut row = Row::default();
    row.text("sheet", Some(t.sheet.clone()))
        .int("row", Some(i64::from(ind.row) + 1))
        .text("section", ind.section.clone())
        .text("ref", Some(ind.reference.clone()))
        .text(
            "ref_raw",
            Some(
                ind.field("ref")
                    .and_then(|f| raw_text(&f.raw))
                    .unwrap_or_else(|| ind.reference.clone()),
            ),
        )
        .text("ref_cell", Some(ind.ref_cell.to_string()))
        .text("category", ind.category.clone())
        .text("title", Some(ind.title.clone()))
        .text("title_key", Some(title_key(&ind.title)))
        .text("polarity", ind.polarity.map(|p| p.label()));
    raw_and_cell(&mut row, "title_raw", "title_cell", ind.field("title"));
    raw_and_cell(
        &mut row,
        "polarity_raw",
        "polarity_cell",
        ind.field("polarity"),
    );
    row.text(
        "polarity_source",
        ind.polarity_source.map(|s| match s {
            PolaritySource::Column => "column",
            PolaritySource::Description => "description",
            PolaritySource::Catalogue => "catalogue",
        }),
    )
    .text("unit", ind.unit.map(unit_key));
    let result_period = col_period("result")
        .filter(|p| p.quarter.is_some())
        .unwrap_or(period);
    period_cols(&mut row, Some(result_period), ["period", "period_index"]);
    raw_and_cell(
        &mut row,
        "period_covered_raw",
        "period_covered_cell",
        ind.field("period_covered"),
    );
    figure_cols(
        &mut row,
        ind,
        "annual_target",
        ["annual_target_raw", "annual_target", "annual_target_cell"],
    );
    row.int(
        "annual_target_year",
        Some(i64::from(
            col_period("annual_target").unwrap_or(period).year.0,
        )),
    );
    figure_cols(
        &mut row,
        ind,
        "target",
        ["target_raw", "target", "target_cell"],
    );
    ratio_cols(&mut row, ind);
    let result = figure_cols(
        &mut row,
        ind,
        "result",
        ["result_raw", "result", "result_cell"],
    );
    row.real("result_tol", result.as_ref().map(Figure::half_ulp))
        .int(
            "result_shown_percent",
            result.map(|f| i64::from(f.num.percent_sign || f.fraction)),
        );
    let prev = figure_cols(
        &mut row,
        ind,
        "previous_result",
        [
            "previous_result_raw",
            "previous_result",
            "previous_result_cell",
        ],
    );
    row.real("previous_result_tol", prev.as_ref().map(Figure::half_ulp));
    let prev_period = ind.field("previous_result").and_then(|_| {
        col_period("previous_result")
            .filter(|p| p.quarter.is_some())
            .or_else(|| result_period.back(1))
    });
    period_cols(
        &mut row,
        prev_period,
        ["previous_period", "previous_period_index"],
    );
    let ago = figure_cols(
        &mut row,
        ind,
        "year_ago_result",
        [
            "year_ago_result_raw",
            "year_ago_result",
            "year_ago_result_cell",
        ],
    );
    row.real("year_ago_result_tol", ago.as_ref().map(Figure::half_ulp));
    let ago_period = ind.field("year_ago_result").and_then(|_| {
        col_period("year_ago_result")
            .filter(|p| p.quarter.is_some())
            .or_else(|| result_period.back(4))
    });
    period_cols(
        &mut row,
        ago_period,
        ["year_ago_period", "year_ago_period_index"],
    );
    for (key, cols) in [
        (
            "dot_short",
            ["dot_short_raw", "dot_short", "dot_short_cell"],
        ),
        ("dot_long", ["dot_long_raw", "dot_long", "dot_long_cell"]),
    ] {
        let f = ind.field(key);
        raw_and_cell(&mut row, cols[0], cols[2], f);
        row.text(
            cols[1],
            f.and_then(|f| f.raw.as_text())
                .and_then(Dot::parse)
                .map(Dot::label),
        );
    }
    number_cols(
        &mut row,
        ind,
        "target_variance",
        [
            "target_variance_raw",
            "target_variance",
            "target_variance_cell",
        ],
    );
    number_cols(
        &mut row,
        ind,
        "dot_variance",
        ["dot_variance_raw", "dot_variance", "dot_variance_cell"],
    );
    let rag = ind.field("rag");
    raw_and_cell(&mut row, "rag_raw", "rag_cell", rag);
    row.text(
        "rag",
        rag.and_then(|f| f.raw.as_text())
            .and_then(Rag::parse)
            .map(|r| r.label().to_string()),
    );
    for (key, raw, cell) in [
        ("benchmark", "benchmark_raw", "benchmark_cell"),
        ("service", "service_raw", "service_cell"),
        ("comments", "comments_raw", "comments_cell"),
    ] {
        raw_and_cell(&mut row, raw, cell, ind.field(key));
    }
    row
}

fn ratio_cols(row: &mut Row, ind: &Indicator) {
    let (n, d) = ind
        .ratio
        .map_or((None, None), |(n, d, _)| (Some(n), Some(d)));
    if let Some(f) = ind.field("num_den") {
        // One cell holds both: each side keeps the whole cell's text.
        raw_and_cell(row, "numerator_raw", "numerator_cell", Some(f));
        row.real("numerator", n);
        raw_and_cell(row, "denominator_raw", "denominator_cell", Some(f));
        row.real("denominator", d);
    } else {
        raw_and_cell(
            row,
            "numerator_raw",
            "numerator_cell",
            ind.field("numerator"),
        );
        row.real("numerator", n);
        raw_and_cell(
            row,
            "denominator_raw",
            "denominator_cell",
            ind.field("denominator"),
        );
        row.real("denominator", d);
    }
}

fn finding_row(f: &crate::rules::Finding) -> Row {
    let mut row = Row::default();
    row.text("rule", Some(f.rule))
        .text("severity", Some(f.severity.to_string()))
        .text("sheet", Some(f.sheet.clone()))
        .text("cell", Some(f.cell.to_string()))
        .text("key", f.key.clone())
        .text("title", f.title.clone())
        .text("message", Some(f.message.clone()))
        .text("found", Some(f.found.clone()))
        .text("expected", f.expected.clone())
        .int("fixable", Some(i64::from(f.fixable())))
        .text("related", f.related.clone());
    row
}

/// The return's period and where it was found: `option` (--period),
/// `headers` ("Q4 2016/17 Result"), `title` or `file_name`.
pub fn return_period(a: &Analysis, option: Option<Period>) -> Option<(Period, &'static str)> {
    if let Some(p) = option {
        return Some((p, "option"));
    }
    let Some(p) = a.period else {
        // A return that names only its year ("Improvement Plan 2017/18") is
        // a yearly return: its quarter stays empty.
        if let Some(p) = title_cells(a).find_map(|(_, t)| period_in_text(t)) {
            return Some((p, "title"));
        }
        let name = Path::new(&a.path)
            .file_name()?
            .to_string_lossy()
            .into_owned();
        return period_in_text(&name).map(|p| (p, "file_name"));
    };
    let from_headers = a
        .tables
        .iter()
        .filter_map(Table::latest_period)
        .max()
        .is_some_and(|h| h == p);
    let name = Path::new(&a.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = if from_headers {
        "headers"
    } else if period_in_text(&name) == Some(p) && !title_names_period(a, p) {
        "file_name"
    } else {
        "title"
    };
    Some((p, source))
}

fn title_names_period(a: &Analysis, p: Period) -> bool {
    title_cells(a).any(|(_, t)| period_in_text(t) == Some(p))
}

/// Text cells above the first table of each sheet (the first 12 rows of a
/// sheet without one): where a return's title sits.
fn title_cells(a: &Analysis) -> impl Iterator<Item = (CellRef, &str)> {
    a.workbook.sheets.iter().flat_map(move |s| {
        let limit = a
            .tables
            .iter()
            .filter(|t| t.sheet == s.name)
            .map(|t| t.header_rows.0)
            .min()
            .unwrap_or(u32::MAX)
            .min(s.origin.0.saturating_add(12));
        s.rows
            .iter()
            .enumerate()
            .take_while(move |(i, _)| s.origin.0.saturating_add(*i as u32) < limit)
            .flat_map(move |(i, r)| {
                r.iter().enumerate().filter_map(move |(j, c)| {
                    let t = c.as_text()?;
                    (!t.is_empty() && t.len() < 120).then(|| {
                        (
                            CellRef::new(
                                s.origin.0.saturating_add(i as u32),
                                s.origin.1.saturating_add(j as u32),
                            ),
                            t,
                        )
                    })
                })
            })
    })
}

static SECTION_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:\d+(?:\.\d+)*[a-z]?\.?\s+)").unwrap());

static SEPARATORS: &[&str] = &[" – ", " — ", " - ", ": ", " | ", ", ", "–", "—"];

/// Words that name the document rather than the service.
static DOCUMENT_WORDS: &[&str] = &[
    "report",
    "return",
    "quarterly",
    "performance",
    "indicators",
    "indicator",
    "dashboard",
    "update",
    "monitoring",
    "summary",
];

/// The service a title names before its period: "Family Services – Q4
/// 2016/17" gives "Family Services". Section numbers ("5. "), what follows a
/// separator, and trailing words that name the document ("Quarterly
/// Report") are dropped.
pub fn service_in_title(text: &str) -> Option<String> {
    let text = crate::values::squash(text);
    let spans = find_periods(&text);
    let start = spans.first()?.0 .0;
    let before = text.get(..start)?;
    let before = SECTION_NUMBER.replace(before, "");
    let mut s: &str = before.trim();
    for sep in SEPARATORS {
        if let Some((head, _)) = s.split_once(sep) {
            if head.chars().any(char::is_alphabetic) {
                s = head;
            }
        }
    }
    let s = s.trim_matches(|c: char| !c.is_alphanumeric() && c != ')');
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| DOCUMENT_WORDS.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    let out = words.join(" ");
    (out.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(out)
}

/// The service a file name names once its period and extension are gone:
/// "family_services_q4_2016-17.xlsx" gives "Family Services".
pub fn service_in_file_name(path: &str) -> Option<String> {
    let stem = Path::new(path).file_stem()?.to_string_lossy().into_owned();
    let spaced = stem.replace('_', " ");
    let mut kept = String::new();
    let mut last = 0;
    for ((a, b), _) in find_periods(&spaced) {
        kept.push_str(spaced.get(last..a).unwrap_or(""));
        kept.push(' ');
        last = b;
    }
    kept.push_str(spaced.get(last..).unwrap_or(""));
    let words: Vec<String> = kept
        .split(|c: char| c.is_whitespace() || c == '-' || c == '.')
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let l = w.to_lowercase();
            // A quarter left alone ("q4") once its year was taken.
            !(l.len() == 2 && l.starts_with('q') && l[1..].chars().all(|c| c.is_ascii_digit()))
        })
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect();
    let out = words.join(" ");
    (out.chars().any(char::is_alphabetic)).then_some(out)
}

/// The return's service and where it was found: `option` (--service),
/// `title` (a title above the tables), `column` (one value throughout a
/// table's Service column), `file_name`, or `none`.
pub fn find_service(a: &Analysis, option: Option<&str>) -> (String, &'static str) {
    if let Some(s) = option.map(str::trim).filter(|s| !s.is_empty()) {
        return (s.to_string(), "option");
    }
    if let Some(s) = title_cells(a).find_map(|(_, t)| service_in_title(t)) {
        return (s, "title");
    }
    let mut values: Vec<String> = Vec::new();
    for t in a.tables.iter().filter(|t| t.has("service")) {
        let Some(sheet) = a.workbook.sheets.iter().find(|s| s.name == t.sheet) else {
            continue;
        };
        for r in &t.rows {
            if let Some((_, c)) = t.cell(sheet, r.row, "service") {
                let v = crate::values::squash(&c.display());
                if !v.is_empty() {
                    values.push(v);
                }
            }
        }
    }
    values.dedup();
    if values.len() == 1 {
        if let Some(v) = values.pop() {
            return (v, "column");
        }
    }
    if let Some(s) = service_in_file_name(&a.path) {
        return (s, "file_name");
    }
    ("Unknown service".into(), "none")
}

enum WriteError {
    Store(StoreError),
    Hook(String),
}

/// Writes one return in its own transaction.
fn write_return(
    store: &mut Store,
    p: &Prepared,
    run: i64,
    hook: Option<Hook<'_>>,
) -> Result<FileOutcome, WriteError> {
    let path = store.path.clone();
    let busy = store.busy;
    let se = |e: rusqlite::Error| WriteError::Store(StoreError::of(&path, busy, &e));
    let tx = store
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(se)?;
    // Another process may have imported the same file since the batch began.
    let earlier: Option<String> = tx
        .query_row(
            "SELECT path FROM returns WHERE content_hash = ?1",
            [&p.hash],
            |r| r.get(0),
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })
        .map_err(se)?;
    if let Some(earlier) = earlier {
        return Ok(FileOutcome {
            status: Status::Skipped,
            reason: Some(format!("already imported (same content as {earlier})")),
            ..FileOutcome::failed(&p.path, "")
        });
    }
    let file_name = Path::new(&p.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.path.clone());
    tx.execute(
        "INSERT INTO returns (path, file_name, content_hash, service, service_source, period,
            financial_year, quarter, period_index, period_source, imported_at, import_run, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
            strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?11, 'current')",
        rusqlite::params![
            p.path,
            file_name,
            p.hash,
            p.service,
            p.service_source,
            p.period.to_string(),
            p.period.year.0,
            p.period.quarter,
            p.period.index(),
            p.period_source,
            run,
        ],
    )
    .map_err(se)?;
    let id = tx.last_insert_rowid();
    let with_id = |row: &Row| {
        let mut r = Row::default();
        r.int("return_id", Some(id));
        r.cols.extend(row.cols.iter().copied());
        r.vals.extend(row.vals.iter().cloned());
        r
    };
    for t in &p.tables {
        with_id(t).insert(&tx, "return_tables").map_err(se)?;
    }
    for rec in &p.records {
        with_id(&rec.row).insert(&tx, rec.table).map_err(se)?;
    }
    for f in &p.findings {
        with_id(f).insert(&tx, "findings").map_err(se)?;
    }
    // The return in force for a service and period is the one from the
    // latest run; within one run, the one whose path sorts last, so the
    // outcome does not depend on the order files finish being read.
    let others: Vec<(i64, String, i64)> = {
        let mut stmt = tx
            .prepare(
                "SELECT id, path, import_run FROM returns
                 WHERE service = ?1 AND period = ?2 AND status = 'current' AND id != ?3",
            )
            .map_err(se)?;
        let rows = stmt
            .query_map(
                rusqlite::params![p.service, p.period.to_string(), id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(se)?;
        rows.collect::<Result<_, _>>().map_err(se)?
    };
    let mut superseded = Vec::new();
    let mut superseded_by = None;
    for (other, other_path, other_run) in others {
        if other_run < run || (other_run == run && other_path.as_str() <= p.path.as_str()) {
            tx.execute(
                "UPDATE returns SET status = 'superseded', superseded_by = ?1 WHERE id = ?2",
                [id, other],
            )
            .map_err(se)?;
            superseded.push(other_path);
        } else {
            tx.execute(
                "UPDATE returns SET status = 'superseded', superseded_by = ?1 WHERE id = ?2",
                [other, id],
            )
            .map_err(se)?;
            superseded_by = Some(other_path);
        }
    }
    if let Some(h) = hook {
        h(&p.path).map_err(WriteError::Hook)?;
    }
    tx.commit().map_err(se)?;
    Ok(FileOutcome {
        path: p.path.clone(),
        status: Status::Imported,
        reason: None,
        service: Some(p.service.clone()),
        period: Some(p.period.to_string()),
        rows: p.records.len(),
        findings: p.findings.len(),
        superseded,
        superseded_by,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_in_titles() {
        assert_eq!(
            service_in_title("Family Services – Q4 2016/17").as_deref(),
            Some("Family Services")
        );
        assert_eq!(
            service_in_title("5. Family Services Delivery Unit - Indicators 2016/17").as_deref(),
            Some("Family Services Delivery Unit")
        );
        assert_eq!(
            service_in_title("Family Services Quarterly Performance Report Q3 2016/17").as_deref(),
            Some("Family Services")
        );
        assert_eq!(service_in_title("Q4 2016/17 Result"), None);
        assert_eq!(service_in_title("Family Services"), None);
    }

    #[test]
    fn services_in_file_names() {
        assert_eq!(
            service_in_file_name("history/family_services_q3_2016-17.xlsx").as_deref(),
            Some("Family Services")
        );
        assert_eq!(
            service_in_file_name("Adults Q1 2017-18 v2.xlsx").as_deref(),
            Some("Adults V2")
        );
        assert_eq!(service_in_file_name("q4_2016-17.xlsx"), None);
    }

    #[test]
    fn title_keys_ignore_case_spacing_and_punctuation() {
        assert_eq!(
            title_key("Percentage of families with child/ren under 5"),
            title_key("percentage of families with children  under 5")
        );
        assert_ne!(
            title_key("Number of children"),
            title_key("Rate of children")
        );
    }
}
