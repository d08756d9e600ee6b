//! Dashboards and overviews (001 1.1 and 3.1): grids of counts under RAG,
//! direction-of-travel or risk-band labels, a row per indicator type or
//! per subject, often with a "64% (14)" percentage beside each count.
//!
//! They have no key column and their label column often has no header, so
//! they are found here rather than by the header detector: a row where at
//! least `min-match` cells are summary labels (the schema's aliases), with
//! rows of counts beneath it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::detect::{DataRow, Table};
use crate::schema::header::template_header;
use crate::schema::{Schema, SchemaSet};
use crate::values::{parse_cell, parse_pct_count, squash, Num, Value};
use crate::workbook::{Cell, CellRef, Sheet};

pub const COLUMNS: &[&str] = &[
    "green",
    "green_amber",
    "amber",
    "red_amber",
    "red",
    "rag_rated",
    "monitor",
    "improving",
    "worsening",
    "dot_total",
    "reported",
    "low",
    "medium_low",
    "medium_high",
    "high",
    "reduced_same",
    "reduced",
    "same",
    "increased",
    "new",
    "risk_total",
];

/// The RAG columns, which add up to `rag_rated`.
pub const RAG_KEYS: &[&str] = &["green", "green_amber", "amber", "red_amber", "red"];
/// The direction-of-travel columns, which add up to `dot_total`.
pub const DOT_KEYS: &[&str] = &["improving", "worsening"];
/// The risk band columns.
pub const BAND_KEYS: &[&str] = &["low", "medium_low", "medium_high", "high"];
/// The risk direction columns.
pub const RISK_DIR_KEYS: &[&str] = &["reduced_same", "reduced", "same", "increased", "new"];

/// The label of the column that names each row.
const LABEL: &str = "label";

/// Finds the summary grids on a sheet, outside the rows of the tables
/// already found on it (an indicator table's "Monitor" and "Improving"
/// cells are not a dashboard). Linear in the cells the sheet holds: a row
/// needs `min-match` short text cells before its labels are matched.
pub fn detect(sheet: &Sheet, schemas: &SchemaSet, taken: &[Table]) -> Vec<Table> {
    let mut spans: Vec<(u32, u32)> = taken
        .iter()
        .map(|t| {
            (
                t.header_rows.0,
                t.rows.last().map_or(t.header_rows.1, |d| d.row),
            )
        })
        .collect();
    spans.sort_unstable();
    let inside = |r: u32| spans.iter().any(|&(a, b)| a <= r && r <= b);
    let short_texts = |r: u32| -> usize {
        sheet
            .row(r)
            .iter()
            .filter(|c| c.as_text().is_some_and(|t| !t.is_empty() && t.len() <= 80))
            .count()
    };
    let mut out = Vec::new();
    for schema in schemas.of_kind("summary") {
        let need = schema.min_match.max(3);
        let mut r = sheet.origin.0;
        let end = sheet.end_row();
        while r < end {
            if short_texts(r) < need || inside(r) {
                r += 1;
                continue;
            }
            match grid_at(sheet, schemas, schema, r) {
                Some(t) => {
                    r = t.rows.last().map_or(r, |d| d.row) + 1;
                    out.push(t);
                }
                None => r += 1,
            }
        }
    }
    out
}

/// A summary grid whose label row is `row`, if there is one.
fn grid_at(sheet: &Sheet, schemas: &SchemaSet, schema: &Arc<Schema>, row: u32) -> Option<Table> {
    let c0 = sheet.origin.1;
    let width = |r: u32| sheet.row(r).len() as u32;
    let c1 = c0
        + width(row).max(if row > sheet.origin.0 {
            width(row - 1)
        } else {
            0
        });
    // The schema's place in the set, to read its matches from the
    // thread's cache of header texts.
    let si = schemas.schemas.iter().position(|s| Arc::ptr_eq(s, schema));
    let matched = |r: u32, c: u32| -> Option<(&str, String)> {
        let text = sheet.get(r, c).as_text()?;
        if text.is_empty() || text.len() > 80 {
            return None;
        }
        let col = match si {
            Some(si) => {
                let h = crate::detect::header_text(schemas, text);
                let ci = h.hits.iter().find(|&&(s, _)| s == si).map(|&(_, c)| c)?;
                schema.columns.get(ci)?
            }
            None => {
                let th = template_header(text);
                schema
                    .columns
                    .iter()
                    .find(|col| col.aliases.iter().any(|a| a.matches(&th.text)))?
            }
        };
        Some((col.key.as_str(), text.to_string()))
    };
    let mut columns: HashMap<String, u32> = HashMap::new();
    let mut headers: HashMap<String, String> = HashMap::new();
    for c in c0..c1 {
        // A label merged down from the row above ("No. Indicators Reported
        // in Quarter" spanning both header rows) counts as this row's.
        let hit = matched(row, c).or_else(|| {
            if row > sheet.origin.0 && sheet.get(row, c).is_empty() {
                matched(row - 1, c)
            } else {
                None
            }
        });
        if let Some((key, text)) = hit {
            if !columns.contains_key(key) {
                columns.insert(key.to_string(), c);
                headers.insert(key.to_string(), text);
            }
        }
    }
    // Labels from this row itself must reach the threshold.
    let own = columns
        .values()
        .filter(|&&c| !sheet.get(row, c).is_empty())
        .count();
    if own < schema.min_match.max(3) {
        return None;
    }
    let first = *columns.values().min()?;
    let label_col = (c0..first)
        .rev()
        .find(|&c| (row..row + 4).any(|r| sheet.get(r, c).as_text().is_some()))
        .or(first.checked_sub(1))?;
    let mut rows = Vec::new();
    let mut r = row + 1;
    while r < sheet.end_row() {
        let counts = columns
            .values()
            .filter(|&&c| count_of(sheet.get(r, c)).is_some())
            .count();
        if counts == 0 {
            break;
        }
        // A row of labels is the next grid's header, not data.
        if columns
            .values()
            .filter(|&&c| matched(r, c).is_some())
            .count()
            >= 2
        {
            break;
        }
        rows.push(DataRow {
            row: r,
            section: None,
        });
        r += 1;
    }
    if rows.is_empty() {
        return None;
    }
    columns.insert(LABEL.to_string(), label_col);
    Some(Table {
        schema: schema.clone(),
        sheet: sheet.name.clone(),
        header_rows: (row, row),
        columns,
        column_periods: HashMap::new(),
        headers,
        rows,
        repeated_headers: Vec::new(),
    })
}

/// A count as a dashboard writes it: 14, "14" or "64% (14)".
fn count_of(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Text(t) => {
            if let Some((_, n)) = parse_pct_count(t) {
                return Some(n);
            }
            match parse_cell(cell) {
                Value::Number(n) if !n.percent_sign => Some(n.value),
                _ => None,
            }
        }
        Cell::Number(n) => Some(*n),
        _ => None,
    }
}

/// One cell of a summary row.
#[derive(Debug, Clone)]
pub struct SummaryCell {
    pub cell: CellRef,
    pub shown: String,
    pub count: f64,
    /// The percentage written beside the count, as in "64% (14)".
    pub pct: Option<Num>,
}

/// One row: its label and its cells by column key.
#[derive(Debug, Clone)]
pub struct SummaryRow {
    pub row: u32,
    pub label: String,
    pub cells: HashMap<String, SummaryCell>,
}

impl SummaryRow {
    pub fn get(&self, key: &str) -> Option<&SummaryCell> {
        self.cells.get(key)
    }

    pub fn is_total(&self) -> bool {
        self.label.to_lowercase().starts_with("total")
    }
}

/// A summary grid with its rows read.
#[derive(Debug)]
pub struct SummaryTable<'a> {
    pub table: &'a Table,
    pub sheet: &'a Sheet,
    /// The label of the grid itself ("Performance", "Risks").
    pub title: String,
    /// Column key to the header text above it, with any group heading over
    /// it ("Long-Term Direction of Travel").
    pub headings: HashMap<String, String>,
    pub rows: Vec<SummaryRow>,
}

impl SummaryTable<'_> {
    pub fn has(&self, key: &str) -> bool {
        self.table.has(key)
    }
}

/// Reads a detected summary grid.
pub fn build<'a>(table: &'a Table, sheet: &'a Sheet) -> SummaryTable<'a> {
    let label_col = table.col(LABEL).unwrap_or(0);
    let header = table.header_rows.0;
    let title = squash(&sheet.get(header, label_col).display());
    let mut headings = HashMap::new();
    for (key, &c) in &table.columns {
        if key == LABEL {
            continue;
        }
        // The group heading is the nearest text at or left of the column in
        // the row above (merged group headings hold their text leftmost).
        let group = (header > sheet.origin.0)
            .then(|| {
                (sheet.origin.1..=c)
                    .rev()
                    .find_map(|gc| sheet.get(header - 1, gc).as_text().map(str::to_string))
            })
            .flatten()
            .unwrap_or_default();
        let own = table.headers.get(key).cloned().unwrap_or_default();
        headings.insert(key.clone(), squash(&format!("{group} {own}")));
    }
    let rows = table
        .rows
        .iter()
        .map(|d| {
            let mut label = squash(&sheet.get(d.row, label_col).display());
            if label.is_empty() {
                label.clone_from(&title);
            }
            let cells = table
                .columns
                .iter()
                .filter(|(k, _)| k.as_str() != LABEL)
                .filter_map(|(k, &c)| {
                    let raw = sheet.get(d.row, c);
                    let count = count_of(raw)?;
                    let pct = raw.as_text().and_then(parse_pct_count).map(|(p, _)| p);
                    Some((
                        k.clone(),
                        SummaryCell {
                            cell: CellRef::new(d.row, c),
                            shown: squash(&raw.display()),
                            count,
                            pct,
                        },
                    ))
                })
                .collect();
            SummaryRow {
                row: d.row,
                label,
                cells,
            }
        })
        .collect();
    SummaryTable {
        table,
        sheet,
        title,
        headings,
        rows,
    }
}
