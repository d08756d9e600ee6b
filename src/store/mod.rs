//! The import database: years of returns in one SQLite file.
//!
//! [`open`] creates or opens it (WAL journal, a busy timeout, the schema in
//! `schema.sql`); [`Record`] is one row for one table, built by the
//! importer and written by the single writer; [`export`] writes the
//! indicator values out in long form. Every figure keeps the cell's own
//! text beside the parsed number and the cell it came from.

pub mod export;

use std::path::Path;
use std::time::Duration;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, ErrorCode};

use crate::model::Field;
use crate::workbook::{format_number, Cell, CellRef};

/// The schema, created on first open.
pub const SCHEMA: &str = include_str!("schema.sql");

/// The schema version this kpicheck writes (SQLite's `user_version`).
pub const SCHEMA_VERSION: i32 = 1;

/// How long a locked database is waited for by default.
pub const DEFAULT_BUSY: Duration = Duration::from_secs(5);

/// Why the database could not be used, in words an officer can act on.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum StoreError {
    /// Another process held the database for longer than the busy timeout.
    #[error("the database {path} is in use by another program (waited {secs} s); try again when it has finished")]
    Locked { path: String, secs: u64 },
    /// The file exists but is not a SQLite database.
    #[error("{path} is not a kpicheck database (it is not an SQLite file)")]
    NotADatabase { path: String },
    /// A later kpicheck wrote the database.
    #[error("{path} was written by a newer kpicheck (schema version {found}; this one reads up to {SCHEMA_VERSION})")]
    NewerSchema { path: String, found: i32 },
    /// Anything else SQLite reports.
    #[error("database error in {path}: {cause}")]
    Sql { path: String, cause: String },
}

impl StoreError {
    /// Words for a SQLite error on the database at `path`.
    pub fn of(path: &str, busy: Duration, e: &rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked {
                path: path.to_string(),
                secs: busy.as_secs(),
            },
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
                path: path.to_string(),
            },
            _ => StoreError::Sql {
                path: path.to_string(),
                cause: e.to_string(),
            },
        }
    }

    pub fn is_locked(&self) -> bool {
        matches!(self, StoreError::Locked { .. })
    }
}

/// An open database and how to name it in messages.
pub struct Store {
    pub conn: Connection,
    pub path: String,
    pub busy: Duration,
}

impl Store {
    /// Words for a SQLite error on this database.
    pub fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::of(&self.path, self.busy, &e)
    }
}

/// Opens (creating if need be) the database at `path`: WAL journal so
/// readers never block the writer, `busy` as the time a lock held by
/// another process is waited for, foreign keys on, the schema created.
pub fn open(path: &Path, busy: Duration) -> Result<Store, StoreError> {
    let name = path.display().to_string();
    let err = |e: rusqlite::Error| StoreError::of(&name, busy, &e);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(StoreError::Sql {
                path: name.clone(),
                cause: format!("the folder {} does not exist", dir.display()),
            });
        }
    }
    let conn = Connection::open(path).map_err(err)?;
    conn.busy_timeout(busy).map_err(err)?;
    let version: i32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(err)?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: name,
            found: version,
        });
    }
    let _mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(err)?;
    // In WAL mode NORMAL still never corrupts the database; a power cut can
    // at most lose the last commits, which a rerun imports again.
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        .map_err(err)?;
    if version < SCHEMA_VERSION {
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        ))
        .map_err(|e| {
            let _ = conn.execute_batch("ROLLBACK");
            err(e)
        })?;
    }
    Ok(Store {
        conn,
        path: name,
        busy,
    })
}

/// One row for one table, as column names and values in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub cols: Vec<&'static str>,
    pub vals: Vec<SqlValue>,
}

impl Row {
    pub fn set(&mut self, col: &'static str, v: SqlValue) -> &mut Self {
        self.cols.push(col);
        self.vals.push(v);
        self
    }

    pub fn text(&mut self, col: &'static str, v: Option<impl Into<String>>) -> &mut Self {
        self.set(col, v.map_or(SqlValue::Null, |s| SqlValue::Text(s.into())))
    }

    pub fn real(&mut self, col: &'static str, v: Option<f64>) -> &mut Self {
        self.set(
            col,
            v.filter(|x| x.is_finite())
                .map_or(SqlValue::Null, SqlValue::Real),
        )
    }

    pub fn int(&mut self, col: &'static str, v: Option<i64>) -> &mut Self {
        self.set(col, v.map_or(SqlValue::Null, SqlValue::Integer))
    }

    /// The value of a column, for tests and checks.
    pub fn get(&self, col: &str) -> Option<&SqlValue> {
        self.cols
            .iter()
            .position(|c| *c == col)
            .and_then(|i| self.vals.get(i))
    }

    /// Inserts the row into `table`, with one more column in front where
    /// given (a return's id), without copying the row: the single writer of
    /// an import runs this for every row of every return. Returns the rowid.
    pub fn insert_under(
        &self,
        conn: &Connection,
        table: &str,
        parent: Option<(&str, i64)>,
    ) -> rusqlite::Result<i64> {
        use std::fmt::Write;
        thread_local! {
            static SQL: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        SQL.with(|sql| {
            let mut sql = sql.borrow_mut();
            sql.clear();
            let _ = write!(sql, "INSERT INTO {table} (");
            let cols = parent.iter().map(|p| p.0).chain(self.cols.iter().copied());
            for (i, c) in cols.enumerate() {
                sql.push_str(if i == 0 { "" } else { ", " });
                sql.push_str(c);
            }
            sql.push_str(") VALUES (");
            let n = self.cols.len() + usize::from(parent.is_some());
            for i in 1..=n {
                let _ = write!(sql, "{}?{i}", if i == 1 { "" } else { ", " });
            }
            sql.push(')');
            let id = parent.map(|p| SqlValue::Integer(p.1));
            conn.prepare_cached(&sql)?
                .execute(rusqlite::params_from_iter(
                    id.iter().chain(self.vals.iter()),
                ))?;
            Ok(conn.last_insert_rowid())
        })
    }
}

/// A row destined for one table of the database.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub table: &'static str,
    pub row: Row,
}

/// What a cell said, as text: its text, or the number as Excel stores it;
/// `None` for an empty cell.
pub fn raw_text(cell: &Cell) -> Option<String> {
    if cell.is_empty() {
        None
    } else {
        Some(match cell {
            Cell::Number(n) => format_number(*n),
            other => other.display(),
        })
    }
}

/// The `x_raw` and `x_cell` columns of a field.
pub fn raw_and_cell(
    row: &mut Row,
    raw_col: &'static str,
    cell_col: &'static str,
    f: Option<&Field>,
) {
    row.text(raw_col, f.and_then(|f| raw_text(&f.raw)));
    row.text(cell_col, f.map(|f| f.cell.to_string()));
}

/// An A1 address for a cell.
pub fn a1(c: CellRef) -> String {
    c.to_string()
}
