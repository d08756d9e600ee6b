//! Indicator values in long, tidy form: one row per service, ref and period
//! (the returns in force), for Excel, Power BI or R.

use crate::report::csv_field as field;
use rusqlite::Connection;

/// The columns of the export, in order.
pub const COLUMNS: &[&str] = &[
    "service",
    "period",
    "financial_year",
    "quarter",
    "ref",
    "title",
    "unit",
    "polarity",
    "result",
    "result_raw",
    "annual_target",
    "annual_target_raw",
    "target",
    "target_raw",
    "numerator",
    "denominator",
    "dot_short",
    "dot_long",
    "rag",
    "file",
    "sheet",
    "cell",
];

/// The CSV text and how many data rows it holds.
pub struct Export {
    pub text: String,
    pub rows: usize,
}

fn number(v: Option<f64>) -> String {
    v.map(|x| crate::workbook::format_number((x * 1e9).round() / 1e9))
        .unwrap_or_default()
}

/// Every indicator value of the returns in force, one row per service, ref
/// and result period, ordered by service, ref and period.
pub fn indicators_csv(conn: &Connection) -> rusqlite::Result<Export> {
    let mut stmt = conn.prepare(
        "SELECT service, period, NULL, NULL, ref, title,
                unit, polarity, result, result_raw, annual_target, annual_target_raw, target,
                target_raw, numerator, denominator, dot_short, dot_long, rag, path, sheet,
                result_cell, period_index
         FROM current_indicators
         ORDER BY service, ref, period_index, path, row",
    )?;
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    let mut n = 0;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let text = |i: usize| -> rusqlite::Result<String> {
            Ok(field(&r.get::<_, Option<String>>(i)?.unwrap_or_default()))
        };
        let index: Option<i64> = r.get(22)?;
        let (year, quarter) = match index {
            Some(i) => {
                let p = crate::period::Period::from_index(i);
                (
                    p.year.to_string(),
                    p.quarter.map(|q| q.to_string()).unwrap_or_default(),
                )
            }
            None => (String::new(), String::new()),
        };
        let cells = [
            text(0)?,
            text(1)?,
            year,
            quarter,
            text(4)?,
            text(5)?,
            text(6)?,
            text(7)?,
            number(r.get(8)?),
            text(9)?,
            number(r.get(10)?),
            text(11)?,
            number(r.get(12)?),
            text(13)?,
            number(r.get(14)?),
            number(r.get(15)?),
            text(16)?,
            text(17)?,
            text(18)?,
            text(19)?,
            text(20)?,
            text(21)?,
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
        n += 1;
    }
    Ok(Export { text: out, rows: n })
}
