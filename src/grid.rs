//! Finding risk heat maps, which have no header row.
//!
//! A heat map is a 5 x 5 block of counts framed by five level labels along
//! its top (or, laid out like a chart, its bottom) and five down its left
//! side: "Rare ... Almost Certain" over the
//! columns and "5 Catastrophic ... 1 Negligible" down the rows, or the other
//! way round. A label may be a word ("Major"), a number ("4") or both ("4
//! Major", "Major 4"), and the number and the word may sit in two cells side
//! by side or one above the other. The words say which axis is which; where
//! both sides are bare numbers, an axis title nearby ("IMPACT",
//! "Probability", from the heat map schema's aliases) must say it.
//!
//! A heat map found is returned as a [`Table`] of kind "heatmap", so it is
//! listed with the other tables: its column keys are the column axis and
//! level of each grid column ("likelihood_3"), the row axis for the column
//! of row labels ("impact"), and "total" for a totals column; its rows are
//! the five grid rows in sheet order, then a totals row if it has one.

use std::collections::HashMap;
use std::sync::Arc;

use crate::detect::{DataRow, Table};
use crate::model::risk::{level_word, whole_level, Axis};
use crate::schema::header::normalise_header;
use crate::schema::{Schema, SchemaSet};
use crate::values::{parse_cell, squash, Value};
use crate::workbook::{Cell, Sheet};

/// A level label: its number, its word's axis and level, or both.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    pub level: u8,
    pub axis: Option<Axis>,
}

/// Reads a cell as a level label: "4", "Major", "4 Major", "Major 4",
/// "Almost \nCertain". A number and a word that disagree make no label; a
/// number with a word off both scales is a bare number.
pub fn label(cell: &Cell) -> Option<Label> {
    match cell {
        Cell::Number(n) => whole_level(*n).map(|level| Label { level, axis: None }),
        Cell::Text(t) => {
            // Most text on a sheet is far longer than any label: skip it cheaply.
            if t.len() > 80 {
                return None;
            }
            // Every cell of every sheet is asked, and the same few hundred
            // short texts recur in every return: each is read once a thread.
            thread_local! {
                static SEEN: std::cell::RefCell<HashMap<String, Option<Label>, foldhash::fast::RandomState>> =
                    std::cell::RefCell::new(HashMap::default());
            }
            SEEN.with(|seen| {
                if let Some(l) = seen.borrow().get(&**t) {
                    return *l;
                }
                let l = text_label(t);
                let mut seen = seen.borrow_mut();
                if seen.len() >= 4_096 {
                    seen.clear();
                }
                seen.insert(t.to_string(), l);
                l
            })
        }
        _ => None,
    }
}

/// The level label a short text names, if any.
fn text_label(t: &str) -> Option<Label> {
    let s = squash(t);
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let s = s.replace(['(', ')', '-', '.', ':'], " ");
    let words: Vec<&str> = s.split_whitespace().collect();
    let num = |w: &str| w.parse::<f64>().ok().and_then(whole_level);
    let (number, rest): (Option<u8>, Vec<&str>) = match words.as_slice() {
        [] => return None,
        [only] => match num(only) {
            Some(n) => (Some(n), vec![]),
            None => (None, vec![*only]),
        },
        [first, rest @ ..] if num(first).is_some() => (num(first), rest.to_vec()),
        [rest @ .., last] if num(last).is_some() => (num(last), rest.to_vec()),
        all => (None, all.to_vec()),
    };
    // A word off the council's scales ("5 Very High") leaves the
    // number as a bare level; an axis title must then name the axis.
    let word = if rest.is_empty() {
        None
    } else {
        level_word(&rest.join(" "))
    };
    match (number, word) {
        (Some(n), Some((a, l))) if n == l => Some(Label {
            level: n,
            axis: Some(a),
        }),
        (Some(_), Some(_)) => None,
        (Some(n), None) => Some(Label {
            level: n,
            axis: None,
        }),
        (None, Some((a, l))) => Some(Label {
            level: l,
            axis: Some(a),
        }),
        (None, None) => None,
    }
}

/// Five labels in a line, levels 1 to 5 in either order.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    /// Row of a horizontal run, column of a vertical one.
    line: u32,
    /// First row or column of the five.
    start: u32,
    /// Levels in sheet order.
    levels: [u8; 5],
    axis: Option<Axis>,
}

/// Checks five labels form a scale and on which axis.
fn run_of(labels: [Option<Label>; 5], line: u32, start: u32) -> Option<Run> {
    let mut levels = [0u8; 5];
    let mut axis = None;
    for (i, l) in labels.iter().enumerate() {
        let l = (*l)?;
        levels[i] = l.level;
        if let Some(a) = l.axis {
            if axis.is_some_and(|x| x != a) {
                return None;
            }
            axis = Some(a);
        }
    }
    let up = levels == [1, 2, 3, 4, 5];
    let down = levels == [5, 4, 3, 2, 1];
    (up || down).then_some(Run {
        line,
        start,
        levels,
        axis,
    })
}

/// Every horizontal and vertical run of level labels on a sheet.
fn runs(sheet: &Sheet, skip: &dyn Fn(u32) -> bool) -> (Vec<Run>, Vec<Run>) {
    let mut labels: HashMap<(u32, u32), Label> = HashMap::new();
    for (ri, row) in sheet.rows.iter().enumerate() {
        if skip(sheet.origin.0 + ri as u32) {
            continue;
        }
        for (ci, cell) in row.iter().enumerate() {
            if let Some(l) = label(cell) {
                labels.insert((sheet.origin.0 + ri as u32, sheet.origin.1 + ci as u32), l);
            }
        }
    }
    let at = |r: u32, c: u32| labels.get(&(r, c)).copied();
    let mut horizontal = Vec::new();
    let mut vertical = Vec::new();
    for &(r, c) in labels.keys() {
        if let Some(run) = run_of(std::array::from_fn(|i| at(r, c + i as u32)), r, c) {
            horizontal.push(run);
        }
        if let Some(run) = run_of(std::array::from_fn(|i| at(r + i as u32, c)), c, r) {
            vertical.push(run);
        }
    }
    horizontal.sort_by_key(|r| (r.line, r.start));
    vertical.sort_by_key(|r| (r.line, r.start));
    (horizontal, vertical)
}

/// Whether a cell can hold a count: empty, a number, or a dash.
fn count_cell(cell: &Cell) -> bool {
    matches!(
        parse_cell(cell),
        Value::Empty | Value::Number(_) | Value::Absent(crate::values::Absence::Dash)
    )
}

/// Whether a cell's text is one of a schema column's aliases.
fn says(sheet: &Sheet, schema: &Schema, key: &str, row: u32, col: u32) -> bool {
    let Some(t) = sheet.get(row, col).as_text() else {
        return false;
    };
    if t.is_empty() || t.len() > 60 {
        return false;
    }
    let h = crate::schema::header::template_header(t).text;
    schema
        .column(key)
        .is_some_and(|c| c.aliases.iter().any(|a| a.matches(&h)))
}

/// The text of a merged region covering a cell, or the cell's own text.
fn text_at(sheet: &Sheet, row: u32, col: u32) -> Option<String> {
    if let Some(t) = sheet.get(row, col).as_text().filter(|t| !t.is_empty()) {
        return Some(t.to_string());
    }
    sheet
        .merged
        .iter()
        .find(|((r0, c0), (r1, c1))| (*r0..=*r1).contains(&row) && (*c0..=*c1).contains(&col))
        .and_then(|((r0, c0), _)| sheet.get(*r0, *c0).as_text().map(str::to_string))
}

/// An axis title ("IMPACT", "Probability") in any of the cells.
fn axis_title(sheet: &Sheet, schema: &Schema, cells: &[(u32, u32)]) -> Option<Axis> {
    for &(r, c) in cells {
        let Some(t) = text_at(sheet, r, c) else {
            continue;
        };
        let h = crate::schema::header::template_header(&t).text;
        for axis in [Axis::Impact, Axis::Likelihood] {
            if schema
                .column(axis.name())
                .is_some_and(|col| col.aliases.iter().any(|a| a.matches(&h)))
            {
                return Some(axis);
            }
        }
        // A vertical title typed one letter per line: "I\nM\nP\nA\nC\nT".
        let joined: String = t.split_whitespace().collect();
        if joined.len() != t.trim().len() {
            let h = normalise_header(&joined);
            for axis in [Axis::Impact, Axis::Likelihood] {
                if schema
                    .column(axis.name())
                    .is_some_and(|col| col.aliases.iter().any(|a| a.matches(&h)))
                {
                    return Some(axis);
                }
            }
        }
    }
    None
}

/// Finds every heat map on a sheet.
pub fn detect_heatmaps(sheet: &Sheet, schemas: &SchemaSet) -> Vec<Table> {
    detect_heatmaps_except(sheet, schemas, &|_| false)
}

/// Finds every heat map on a sheet, passing over the rows `skip` names
/// (an indicator table's data rows: a row with a ref is never a heat map's).
pub fn detect_heatmaps_except(
    sheet: &Sheet,
    schemas: &SchemaSet,
    skip: &dyn Fn(u32) -> bool,
) -> Vec<Table> {
    let Some(schema) = schemas.of_kind("heatmap").next().cloned() else {
        return Vec::new();
    };
    let (horizontal, vertical) = runs(sheet, skip);
    if horizontal.is_empty() || vertical.is_empty() {
        return Vec::new();
    }
    // Indexed so each column of row labels looks only at its neighbours,
    // however many runs a large sheet holds.
    let mut by_row: HashMap<u32, Vec<Run>> = HashMap::new();
    for h in &horizontal {
        by_row.entry(h.line).or_default().push(*h);
    }
    let mut by_start: HashMap<u32, Vec<Run>> = HashMap::new();
    for v in &vertical {
        by_start.entry(v.start).or_default().push(*v);
    }
    let near =
        |lines: std::ops::Range<u32>| lines.flat_map(|l| by_row.get(&l).into_iter().flatten());
    // Column labels sit above the grid (up to three rows: a title, numbers,
    // words) or, chart-like, below it.
    let above = |top: u32| near(top.saturating_sub(3)..top);
    let below = |top: u32| near(top + 5..top + 8);
    let beside = |top: u32| by_start.get(&top).into_iter().flatten();
    let mut out: Vec<Table> = Vec::new();
    for v in &vertical {
        // The grid starts at the first row of the row labels; its columns
        // are those of the nearest run of labels above (else below), right
        // of them.
        let top = v.start;
        let right_of = |h: &&Run| h.start > v.line && h.start - v.line <= 3;
        let (h, under) = match above(top)
            .filter(right_of)
            .max_by_key(|h| (h.line, std::cmp::Reverse(h.start)))
        {
            Some(h) => (h, false),
            None => match below(top)
                .filter(right_of)
                .min_by_key(|h| (h.line, h.start))
            {
                Some(h) => (h, true),
                None => continue,
            },
        };
        // A nearer column of labels left of the grid wins.
        if beside(top).any(|o| o.line > v.line && o.line < h.start) {
            continue;
        }
        let rows: Vec<u32> = (top..top + 5).collect();
        let cols: Vec<u32> = (h.start..h.start + 5).collect();
        if out.iter().any(|t| {
            t.rows.first().map(|r| r.row) == Some(top) && t.columns.values().any(|c| *c == h.start)
        }) {
            continue;
        }
        if !rows
            .iter()
            .all(|&r| cols.iter().all(|&c| count_cell(sheet.get(r, c))))
        {
            continue;
        }
        // Words on either side, in the run found or a companion run beside
        // it (numbers in one row, words in the next), name the axes.
        let companions: Vec<&Run> = if under {
            below(top).collect()
        } else {
            above(top).collect()
        };
        let companions: Vec<&Run> = companions
            .into_iter()
            .filter(|o| o.start == h.start)
            .collect();
        let col_axis = companions.iter().find_map(|o| o.axis);
        let row_axis = beside(top)
            .filter(|o| o.line < h.start && h.start - o.line <= 3)
            .find_map(|o| o.axis);
        let first_label_row = companions.iter().map(|o| o.line).min().unwrap_or(h.line);
        let last_label_row = companions.iter().map(|o| o.line).max().unwrap_or(h.line);
        let (row_axis, col_axis) = match (row_axis, col_axis) {
            (Some(r), Some(c)) if r != c => (r, c),
            (Some(_), Some(_)) => continue,
            (Some(r), None) => (r, r.other()),
            (None, Some(c)) => (c.other(), c),
            (None, None) => {
                let title_rows = if under {
                    last_label_row + 1..last_label_row + 3
                } else {
                    first_label_row.saturating_sub(2)..first_label_row
                };
                // Titles over (or under) the column labels, or in the
                // corner beside them.
                let across: Vec<(u32, u32)> = title_rows
                    .flat_map(|r| (v.line..h.start + 5).map(move |c| (r, c)))
                    .chain(
                        (first_label_row..=last_label_row)
                            .flat_map(|r| (v.line.saturating_sub(1)..h.start).map(move |c| (r, c))),
                    )
                    .collect();
                let left: Vec<(u32, u32)> = (top..top + 5)
                    .flat_map(|r| (v.line.saturating_sub(2)..v.line).map(move |c| (r, c)))
                    .collect();
                match (
                    axis_title(sheet, &schema, &left),
                    axis_title(sheet, &schema, &across),
                ) {
                    (Some(r), Some(c)) if r != c => (r, c),
                    (Some(_), Some(_)) => continue,
                    (Some(r), None) => (r, r.other()),
                    (None, Some(c)) => (c.other(), c),
                    (None, None) => continue,
                }
            }
        };
        let mut columns = HashMap::new();
        let mut headers = HashMap::new();
        columns.insert(row_axis.name().to_string(), v.line);
        headers.insert(row_axis.name().to_string(), row_axis.name().to_string());
        for (i, &c) in cols.iter().enumerate() {
            let key = format!("{}_{}", col_axis.name(), h.levels[i]);
            headers.insert(key.clone(), squash(&sheet.get(h.line, c).display()));
            columns.insert(key, c);
        }
        let total_col = h.start + 5;
        let total_heading_rows = if under {
            first_label_row..last_label_row + 1
        } else {
            first_label_row.saturating_sub(1)..top
        };
        if total_heading_rows
            .chain(top.saturating_sub(1)..top)
            .any(|r| says(sheet, &schema, "total", r, total_col))
        {
            columns.insert("total".into(), total_col);
            headers.insert("total".into(), "Total".into());
        }
        let mut data: Vec<DataRow> = rows
            .iter()
            .map(|&row| DataRow { row, section: None })
            .collect();
        let total_row = top + 5;
        if (v.line.saturating_sub(2)..h.start).any(|c| says(sheet, &schema, "total", total_row, c))
        {
            data.push(DataRow {
                row: total_row,
                section: Some("Total".into()),
            });
        }
        out.push(Table {
            schema: Arc::clone(&schema),
            sheet: sheet.name.clone(),
            // Labels below the grid leave it no header above: its first
            // row stands in, so the listed range starts at the grid.
            header_rows: if under {
                (top, top)
            } else {
                (first_label_row, top - 1)
            },
            columns,
            column_periods: HashMap::new(),
            headers,
            rows: data,
            repeated_headers: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn labels_with_and_without_numbers() {
        assert_eq!(
            label(&t("4 Major")),
            Some(Label {
                level: 4,
                axis: Some(Axis::Impact)
            })
        );
        assert_eq!(label(&t("Major 4")), label(&t("4 Major")));
        assert_eq!(
            label(&t("Almost \nCertain")),
            Some(Label {
                level: 5,
                axis: Some(Axis::Likelihood)
            })
        );
        assert_eq!(
            label(&t("5 Almost Certain")),
            Some(Label {
                level: 5,
                axis: Some(Axis::Likelihood)
            })
        );
        assert_eq!(label(&Cell::Number(3.0)).map(|l| l.level), Some(3));
        assert_eq!(label(&t("3 Major")), None);
        assert_eq!(label(&t("Score:")), None);
        assert_eq!(
            label(&t("5 Very High")),
            Some(Label {
                level: 5,
                axis: None
            })
        );
        assert_eq!(label(&Cell::Number(6.0)), None);
    }

    #[test]
    fn a_large_sheet_of_small_numbers_is_not_a_heat_map() {
        // Runs of 1 to 5 in every row and column, and no axis named.
        let rows: Vec<Vec<Cell>> = (0..2000u32)
            .map(|r| {
                (0..40u32)
                    .map(|c| Cell::Number(f64::from((r + c) % 5 + 1)))
                    .collect()
            })
            .collect();
        let sheet = Sheet::new("Data", (0, 0), rows);
        let schemas = SchemaSet::embedded().unwrap();
        let start = std::time::Instant::now();
        assert!(detect_heatmaps(&sheet, &schemas).is_empty());
        assert!(start.elapsed().as_secs() < 10);
    }

    /// A heat map with totals, impact down the rows, and a register below it.
    fn base_sheet() -> Vec<Vec<Cell>> {
        let t = |s: &str| Cell::Text(s.into());
        let n = Cell::Number;
        let mut rows = vec![
            vec![Cell::Empty, t("Likelihood")],
            vec![
                Cell::Empty,
                Cell::Empty,
                t("Rare"),
                t("Unlikely"),
                t("Possible"),
                t("Likely"),
                t("Almost Certain"),
                t("Total"),
            ],
        ];
        for (k, w) in ["Catastrophic", "Major", "Moderate", "Minor", "Negligible"]
            .iter()
            .enumerate()
        {
            let mut r = vec![Cell::Empty, t(&format!("{} {w}", 5 - k))];
            r.extend((0..5).map(|c| n(((k + c) % 3) as f64)));
            r.push(n(3.0));
            rows.push(r);
        }
        rows.push(vec![
            Cell::Empty,
            t("Total"),
            n(1.0),
            n(2.0),
            n(3.0),
            n(4.0),
            n(5.0),
            n(15.0),
        ]);
        rows.push(vec![]);
        rows.push(vec![
            t("Risk ID"),
            t("Impact"),
            t("Likelihood"),
            t("Risk Score"),
            t("Direction of Travel"),
            t("Response Option"),
        ]);
        rows.push(vec![
            t("FS001"),
            n(4.0),
            n(4.0),
            n(16.0),
            t("Same"),
            t("Treat"),
        ]);
        rows.push(vec![
            t("FS002"),
            t("Major 3"),
            t("Likely"),
            t("High 12"),
            t("Up"),
            t("Treat"),
        ]);
        rows
    }

    fn schemas() -> &'static SchemaSet {
        static SET: std::sync::OnceLock<SchemaSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| SchemaSet::embedded().unwrap())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// A heat map and register with cells overwritten at random:
        /// detection, reading and the rules never panic.
        #[test]
        fn never_panics_on_a_damaged_heat_map(
            edits in proptest::collection::vec((0usize..13, 0usize..9, 0usize..20), 0..12)
        ) {
            const POOL: [&str; 12] = [
                "", "Major", "4 Major", "Likely 4", "Rare", "IMPACT", "Total", "Score:",
                "FS001", "N/A", "-", "3 Major",
            ];
            let mut rows = base_sheet();
            for (r, c, k) in edits {
                let Some(row) = rows.get_mut(r) else { continue };
                while row.len() <= c {
                    row.push(Cell::Empty);
                }
                row[c] = match POOL.get(k) {
                    Some(t) => Cell::Text((*t).into()),
                    None => Cell::Number(k as f64 - 14.0),
                };
            }
            let sheet = Sheet::new("S", (0, 0), rows);
            let schemas = schemas();
            let tables = crate::detect::detect_tables(&sheet, schemas, None);
            let wb = crate::workbook::Workbook {
                format: crate::workbook::Format::Xlsx,
                sheets: vec![sheet],
            };
            for m in crate::model::heatmap::maps(&tables, &wb) {
                let _ = m.band_counts(&crate::schema::Params::default().risk_bands);
            }
            let ctx = crate::rules::Ctx { file: "f", period: None, schemas };
            let mut em = crate::rules::Emitter::new(&ctx);
            let registers = crate::model::risk::registers(&tables, &wb);
            let maps = crate::model::heatmap::maps(&tables, &wb);
            crate::rules::check_risks(&registers, &maps, &mut em);
        }
    }

    #[test]
    fn the_undamaged_base_sheet_has_a_heat_map_and_a_register() {
        let sheet = Sheet::new("S", (0, 0), base_sheet());
        let tables = crate::detect::detect_tables(&sheet, schemas(), None);
        let kinds: Vec<&str> = tables.iter().map(|t| t.kind()).collect();
        assert_eq!(kinds, vec!["risks", "heatmap"]);
    }
}
