//! `kpicheck import`: returns into the database, safely and repeatably.
//!
//! Files are read, checked and turned into [`Record`]s in parallel; one
//! writer thread, fed through a bounded channel, writes each file under its
//! own savepoint, in transactions of up to 256 files or one second. So a file that fails leaves nothing but its error, a run stopped
//! at any point leaves the database as it was after the last group
//! committed, and a rerun skips what is already there (same content hash).
//! A changed file for the same service and period supersedes the earlier
//! one, which stays as history.
//!
//! Each table kind has one function turning a detected table into records,
//! chosen by [`table_records`]; kinds without one (dashboards) are listed in
//! `return_tables` and otherwise left alone.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use indicatif::ProgressBar;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

mod identify;
mod records;

pub use identify::{find_service, return_period, service_in_file_name, service_in_title};
pub use records::{table_records, title_key, unit_key};

use crate::check::{analyse, internal_error, Analysis, CheckOptions, Input};
use crate::period::Period;
use crate::schema::SchemaSet;
use crate::store::{Record, Row, Store, StoreError};
use crate::workbook::read::{read_bytes, ReadOptions};
use crate::workbook::ReadError;

/// Options for an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Reading limits and the `--period` to assume.
    pub check: CheckOptions,
    /// The service to record, where returns do not say it (`--service`).
    pub service: Option<String>,
}

/// A hook run inside each file's savepoint, after its rows are written
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
    /// A file that was not imported, and why.
    pub fn failed(path: &str, reason: impl Into<String>) -> FileOutcome {
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
    /// Returns this run marked superseded (kept as history).
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
            s.superseded += o.superseded.len() + usize::from(o.superseded_by.is_some());
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
    // The writer is busy the whole run: it gets a core of its own, and the
    // files are read on the others (at least one), so readers never starve
    // the one thread everything waits on.
    let threads = rayon::current_num_threads().max(1);
    let readers = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.saturating_sub(1).max(1))
        .build()
        .ok();
    let (tx, rx) = mpsc::sync_channel::<(usize, String, Parsed)>(threads * 2);
    let db_path = store.path.clone();
    let mut outcomes: Vec<Option<FileOutcome>> = vec![None; inputs.len()];

    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let rx = rx;
            let mut out: Vec<(usize, FileOutcome)> = Vec::new();
            let mut fatal: Option<StoreError> = None;
            // Returns are written in groups, one transaction each, with a
            // savepoint per return: a commit (and its sync) per file would
            // cost more than the file's rows. A group closes at GROUP
            // returns or GROUP_TIME after it opened, so a run stopped
            // part-way loses at most the open group, which a rerun writes,
            // and the database is never held for long.
            let mut group = Group::default();
            loop {
                let next = if group.open() {
                    let left = GROUP_TIME.saturating_sub(group.since.elapsed());
                    match rx.recv_timeout(left) {
                        Ok(m) => Some(m),
                        Err(mpsc::RecvTimeoutError::Timeout) => {
                            group.commit(store, &mut out, &mut fatal);
                            rx.recv().ok()
                        }
                        Err(mpsc::RecvTimeoutError::Disconnected) => None,
                    }
                } else {
                    rx.recv().ok()
                };
                let Some((i, path, parsed)) = next else {
                    break;
                };
                if fatal.is_none() && matches!(parsed, Parsed::Ready(_)) && !group.open() {
                    if let Err(e) = group.begin(store) {
                        if e.is_locked() {
                            stop.store(true, Ordering::Relaxed);
                        }
                        fatal = Some(e);
                    }
                }
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
                if group.open() && outcome.status == Status::Imported {
                    group.pending.push(out.len());
                }
                out.push((i, outcome));
                if group.pending.len() >= GROUP {
                    group.commit(store, &mut out, &mut fatal);
                }
            }
            group.commit(store, &mut out, &mut fatal);
            out
        });
        let read_all = || {
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
                    let _ = tx.send((i, input.display(), parsed));
                })
        };
        match &readers {
            Some(pool) => pool.install(read_all),
            None => read_all(),
        }
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
                        *slot = Some(FileOutcome::failed(&input.display(), why.clone()));
                    }
                }
            }
        }
    });
    let outcomes = outcomes
        .into_iter()
        .zip(inputs)
        .map(|(o, i)| o.unwrap_or_else(|| FileOutcome::failed(&i.display(), "not imported")))
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
    let analysis = analyse(&input.display(), wb, schemas, &opts.check);
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
        if let Some(sheet) = a.workbook.sheets.iter().find(|s| s.name == t.sheet) {
            records.extend(records::other_records(t, sheet));
        }
    }
    let findings = a.findings.iter().map(records::finding_row).collect();
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

enum WriteError {
    Store(StoreError),
    Hook(String),
}

/// Most returns written in one transaction.
const GROUP: usize = 256;
/// Longest a transaction stays open.
const GROUP_TIME: std::time::Duration = std::time::Duration::from_millis(1000);

/// The open transaction of the writer, and the returns written in it.
struct Group {
    began: bool,
    since: std::time::Instant,
    /// Indexes into the outcomes of returns written but not yet committed.
    pending: Vec<usize>,
}

impl Default for Group {
    fn default() -> Self {
        Group {
            began: false,
            since: std::time::Instant::now(),
            pending: Vec::new(),
        }
    }
}

impl Group {
    fn open(&self) -> bool {
        self.began
    }

    fn begin(&mut self, store: &Store) -> Result<(), StoreError> {
        store
            .conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| StoreError::of(&store.path, store.busy, &e))?;
        self.began = true;
        self.since = std::time::Instant::now();
        Ok(())
    }

    /// Commits the group. If the commit fails, its returns were not
    /// imported after all, and say so.
    fn commit(
        &mut self,
        store: &Store,
        out: &mut [(usize, FileOutcome)],
        fatal: &mut Option<StoreError>,
    ) {
        if !self.began {
            return;
        }
        self.began = false;
        let pending = std::mem::take(&mut self.pending);
        if let Err(e) = store.conn.execute_batch("COMMIT") {
            let e = StoreError::of(&store.path, store.busy, &e);
            let _ = store.conn.execute_batch("ROLLBACK");
            for k in pending {
                if let Some((_, o)) = out.get_mut(k) {
                    *o = FileOutcome::failed(&o.path, format!("not imported: {e}"));
                }
            }
            if fatal.is_none() {
                *fatal = Some(e);
            }
        }
    }
}

/// Writes one return under a savepoint of the open transaction: all of
/// it, or (on any error) none of it.
fn write_return(
    store: &mut Store,
    p: &Prepared,
    run: i64,
    hook: Option<Hook<'_>>,
) -> Result<FileOutcome, WriteError> {
    let se = |e: rusqlite::Error| WriteError::Store(StoreError::of(&store.path, store.busy, &e));
    store
        .conn
        .execute_batch("SAVEPOINT one_return")
        .map_err(se)?;
    let written = write_return_in(store, p, run, hook);
    let end = match written {
        Ok(_) => "RELEASE one_return",
        Err(_) => "ROLLBACK TO one_return; RELEASE one_return",
    };
    store.conn.execute_batch(end).map_err(se)?;
    written
}

fn write_return_in(
    store: &Store,
    p: &Prepared,
    run: i64,
    hook: Option<Hook<'_>>,
) -> Result<FileOutcome, WriteError> {
    let path = store.path.clone();
    let busy = store.busy;
    let se = |e: rusqlite::Error| WriteError::Store(StoreError::of(&path, busy, &e));
    let tx = &store.conn;
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
    let under = Some(("return_id", id));
    for t in &p.tables {
        t.insert_under(tx, "return_tables", under).map_err(se)?;
    }
    for rec in &p.records {
        rec.row.insert_under(tx, rec.table, under).map_err(se)?;
    }
    for f in &p.findings {
        f.insert_under(tx, "findings", under).map_err(se)?;
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
