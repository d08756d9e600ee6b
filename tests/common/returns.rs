//! Quarterly returns laid out like Family Services 3.2a, and a database to
//! import them into, for the import and audit tests.

use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::ProgressBar;
use kpicheck::check::expand_inputs;
use kpicheck::import::{import_batch, Hook, ImportOptions, ImportSummary};
use kpicheck::schema::SchemaSet;
use kpicheck::store;

use super::*;

/// The 3.2a header for quarter `q` of `year` (2016 for 2016/17).
pub fn header(year: u16, q: u8) -> Vec<C> {
    let fy = |y: u16| format!("{}/{:02}", y, (y + 1) % 100);
    let (py, pq) = if q == 1 { (year - 1, 4) } else { (year, q - 1) };
    vec![
        T("Ref"),
        T("Indicator"),
        T("Polarity"),
        T("Period \nCovered"),
        S(format!("Annual \n{} \nTarget", fy(year))),
        S(format!("Q{q} \n{} \nTarget", fy(year))),
        T("Numerator / \nDenominator"),
        S(format!("Q{q} \n{} \nResult", fy(year))),
        S(format!("Q{pq} \n{} \nResult", fy(py))),
        S(format!("DOT \nShort-\nTerm \n(From Q{pq} \n{})", fy(py))),
        S(format!("Q{q} \n{} \nResult", fy(year - 1))),
        S(format!(
            "DOT \nLong-\nTerm \n(From Q{q} \n{})",
            fy(year - 1)
        )),
        T("Benchmarking"),
    ]
}

/// One indicator row: ref, title, polarity, annual target, result,
/// previous quarter's result, year-ago result. Cells written as text
/// unless they parse as plain numbers.
pub fn ind(
    reference: &'static str,
    title: &'static str,
    polarity: &'static str,
    annual: &'static str,
    result: &'static str,
    previous: &'static str,
    year_ago: &'static str,
) -> Vec<C> {
    let fig = |s: &'static str| match s.parse::<f64>() {
        Ok(n) => N(n),
        Err(_) => T(s),
    };
    vec![
        T(reference),
        T(title),
        T(polarity),
        T("As at 31 March 2017"),
        fig(annual),
        fig(annual),
        T("N/A"),
        fig(result),
        fig(previous),
        T("N/A"),
        fig(year_ago),
        T("N/A"),
        E,
    ]
}

/// Writes a return of `service` for quarter `q` of `year` holding `rows`.
pub fn quarter(
    dir: &Path,
    name: &str,
    service: &str,
    year: u16,
    q: u8,
    rows: Vec<Vec<C>>,
) -> PathBuf {
    let mut grid = vec![
        vec![S(format!(
            "{service} – Q{q} {}/{:02}",
            year,
            (year + 1) % 100
        ))],
        header(year, q),
    ];
    grid.extend(rows);
    write(dir, name, &[sheet("3.2a Indicators", grid)])
}

/// Imports `paths` into the database at `db`.
pub fn import_with(db: &Path, paths: &[PathBuf], hook: Option<Hook<'_>>) -> ImportSummary {
    let mut st = store::open(db, Duration::from_secs(2)).unwrap();
    let (inputs, errors) = expand_inputs(paths);
    assert!(errors.is_empty(), "{errors:?}");
    import_batch(
        &mut st,
        &inputs,
        &SchemaSet::embedded().unwrap(),
        &ImportOptions::default(),
        &ProgressBar::hidden(),
        hook,
    )
    .unwrap()
}

pub fn import(db: &Path, paths: &[PathBuf]) -> ImportSummary {
    import_with(db, paths, None)
}

/// A number from the database.
pub fn count(db: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Rows of text from the database.
pub fn texts(db: &Path, sql: &str) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut st = c.prepare(sql).unwrap();
    let rows = st
        .query_map([], |r| r.get::<_, Option<String>>(0))
        .unwrap()
        .map(|r| r.unwrap().unwrap_or_default())
        .collect();
    rows
}
