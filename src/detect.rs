//! Finding tables in free-form report sheets.
//!
//! Council returns are laid out for reading, not parsing: title rows above
//! the table, headers over one or two rows with line breaks, section rows
//! ("Managing demand for services (Fairness)") inside the table, the header
//! repeated part-way down where the report broke a page, blank rows, several
//! tables on one sheet, columns in any order and extra columns. A header row
//! is recognised by how many of a schema's columns its cells match; the table
//! runs down from it until the header of another table.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use crate::period::Period;
use crate::schema::header::{template_header, TemplatedHeader};
use crate::schema::{PeriodRole, Schema, SchemaSet};
use crate::workbook::{Cell, CellRef, Sheet};

/// A table found on a sheet.
#[derive(Debug, Clone)]
pub struct Table {
    pub schema: Arc<Schema>,
    pub sheet: String,
    /// First and last header row (absolute, zero-based).
    pub header_rows: (u32, u32),
    /// Column key to absolute column index.
    pub columns: HashMap<String, u32>,
    /// Column key to the period its header names, where it names one.
    pub column_periods: HashMap<String, Period>,
    /// Column key to the header text as written.
    pub headers: HashMap<String, String>,
    pub rows: Vec<DataRow>,
    /// Rows where the header was repeated (a page break in the source).
    pub repeated_headers: Vec<u32>,
}

/// One data row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct DataRow {
    pub row: u32,
    /// The section row above it, if any.
    pub section: Option<String>,
}

impl Table {
    pub fn kind(&self) -> &str {
        &self.schema.kind
    }

    pub fn col(&self, key: &str) -> Option<u32> {
        self.columns.get(key).copied()
    }

    pub fn has(&self, key: &str) -> bool {
        self.columns.contains_key(key)
    }

    /// The cell of a row under a column key.
    pub fn cell<'s>(&self, sheet: &'s Sheet, row: u32, key: &str) -> Option<(CellRef, &'s Cell)> {
        let col = self.col(key)?;
        Some((CellRef::new(row, col), sheet.get(row, col)))
    }

    /// The A1 range from the first header cell to the last data cell.
    pub fn range(&self) -> String {
        let (c0, c1) = self
            .columns
            .values()
            .fold((u32::MAX, 0), |(a, b), &c| (a.min(c), b.max(c)));
        let last = self
            .rows
            .last()
            .map(|r| r.row)
            .unwrap_or(self.header_rows.1);
        format!(
            "{}:{}",
            CellRef::new(self.header_rows.0, c0),
            CellRef::new(last, c1)
        )
    }

    /// The latest period named in the headers ("Q4 2016/17 Result").
    pub fn latest_period(&self) -> Option<Period> {
        self.column_periods
            .values()
            .filter(|p| p.quarter.is_some())
            .max()
            .copied()
    }
}

/// A header matched against one schema.
#[derive(Debug, Clone)]
struct HeaderMatch {
    schema: Arc<Schema>,
    first_row: u32,
    last_row: u32,
    columns: HashMap<String, u32>,
    periods: HashMap<String, Period>,
    headers: HashMap<String, String>,
    score: usize,
}

/// The header cells of a row, or of two rows read as one header ("Target"
/// over "2016/17"), that name some schema's column. Cells that name none
/// are left out: they can never be matched. Also returns how many cells hold
/// text at all.
fn header_cells(
    sheet: &Sheet,
    row: u32,
    two_rows: bool,
    cache: &mut HeaderCache,
) -> (usize, Vec<HeaderCell>) {
    // The width of these rows, not of the sheet: a long sheet would make
    // every header test cost a pass over all its rows.
    let width = |r: u32| sheet.row(r).len() as u32;
    let end = sheet.origin.1 + width(row).max(if two_rows { width(row + 1) } else { 0 });
    let mut texts = 0;
    let mut out = Vec::new();
    if !two_rows {
        for (i, cell) in sheet.row(row).iter().enumerate() {
            if let Some(t) = cell.as_text().filter(|t| !t.is_empty()) {
                texts += 1;
                if let Some(h) = cache.get(t) {
                    out.push((sheet.origin.1 + i as u32, h));
                }
            }
        }
        return (texts, out);
    }
    let mut group: Option<&str> = None;
    let mut text = String::new();
    for c in sheet.origin.1..end {
        let top = sheet.get(row, c).as_text().filter(|t| !t.is_empty());
        let bottom = sheet.get(row + 1, c).as_text().filter(|t| !t.is_empty());
        text.clear();
        match (top, bottom) {
            (Some(t), Some(b)) => {
                group = Some(t);
                text.push_str(t);
                text.push(' ');
                text.push_str(b);
            }
            (Some(t), None) => {
                group = None;
                text.push_str(t);
            }
            (None, Some(b)) => {
                if let Some(g) = merged_label(sheet, row, c).or(group) {
                    text.push_str(g);
                    text.push(' ');
                }
                text.push_str(b);
            }
            (None, None) => {
                group = None;
                continue;
            }
        }
        texts += 1;
        if let Some(h) = cache.get(&text) {
            out.push((c, h));
        }
    }
    (texts, out)
}

/// The text of a merged cell covering (row, col) from its top-left corner.
fn merged_label(sheet: &Sheet, row: u32, col: u32) -> Option<&str> {
    sheet
        .merged
        .iter()
        .find(|((r0, c0), (r1, c1))| {
            (*r0..=*r1).contains(&row) && (*c0..=*c1).contains(&col) && (*r0, *c0) != (row, col)
        })
        .and_then(|((r0, c0), _)| sheet.get(*r0, *c0).as_text())
}

/// Matches header cells against a schema's columns.
fn match_schema(si: usize, schema: &Arc<Schema>, cells: &[HeaderCell]) -> Option<HeaderMatch> {
    let mut columns = HashMap::new();
    let mut periods = HashMap::new();
    let mut headers = HashMap::new();
    let mut used = vec![false; cells.len()];

    // Columns chosen by period role are resolved together: the latest
    // period is this quarter, one quarter back the previous, four back the
    // same quarter last year.
    let mut role_candidates: Vec<(usize, PeriodRole, Vec<usize>)> = Vec::new();
    for (ci, col) in schema.columns.iter().enumerate() {
        let hits: Vec<usize> = (0..cells.len())
            .filter(|&i| cells[i].1.hits.binary_search(&(si, ci)).is_ok())
            .collect();
        if hits.is_empty() {
            continue;
        }
        match col.period {
            Some(role) => role_candidates.push((ci, role, hits)),
            None => {
                if let Some(&i) = hits.iter().find(|&&i| !used[i]) {
                    used[i] = true;
                    columns.insert(col.key.clone(), cells[i].0);
                    headers.insert(col.key.clone(), cells[i].1.raw.clone());
                    if let Some(p) = cells[i].1.templated.periods.first() {
                        periods.insert(col.key.clone(), *p);
                    }
                }
            }
        }
    }
    if !role_candidates.is_empty() {
        let latest = role_candidates
            .iter()
            .flat_map(|(_, _, hits)| {
                hits.iter()
                    .filter_map(|&i| cells[i].1.templated.periods.first().copied())
            })
            .filter(|p| p.quarter.is_some())
            .max();
        for (ci, role, hits) in &role_candidates {
            let col = &schema.columns[*ci];
            let free: Vec<usize> = hits.iter().copied().filter(|&i| !used[i]).collect();
            let with_period = |target: Option<Period>| {
                free.iter().copied().find(|&i| {
                    target.is_some() && cells[i].1.templated.periods.first().copied() == target
                })
            };
            let same_year = |l: Period| {
                free.iter().copied().find(|&i| {
                    cells[i]
                        .1
                        .templated
                        .periods
                        .first()
                        .is_some_and(|p| p.quarter.is_none() && p.year == l.year)
                })
            };
            let pick = match (role, latest) {
                (PeriodRole::Latest, Some(l)) => with_period(Some(l)).or_else(|| same_year(l)),
                (PeriodRole::Previous, Some(l)) => with_period(l.back(1)),
                (PeriodRole::YearAgo, Some(l)) => with_period(l.back(4)),
                // Without periods in the headers, the wording decides: the
                // first free header that matches.
                (_, None) => free
                    .iter()
                    .copied()
                    .find(|&i| cells[i].1.templated.periods.is_empty()),
            }
            .or_else(|| {
                free.iter()
                    .copied()
                    .find(|&i| cells[i].1.templated.periods.is_empty())
            });
            if let Some(i) = pick {
                used[i] = true;
                columns.insert(col.key.clone(), cells[i].0);
                headers.insert(col.key.clone(), cells[i].1.raw.clone());
                if let Some(p) = cells[i].1.templated.periods.first() {
                    periods.insert(col.key.clone(), *p);
                }
            }
        }
    }
    let score = columns.len();
    let required_ok = schema
        .columns
        .iter()
        .filter(|c| c.required)
        .all(|c| columns.contains_key(&c.key));
    if !required_ok || score < schema.min_match {
        return None;
    }
    Some(HeaderMatch {
        schema: schema.clone(),
        first_row: 0,
        last_row: 0,
        columns,
        periods,
        headers,
        score,
    })
}

/// Whether a cell's text could be a header at all: short, not a figure.
fn header_candidate(t: &str) -> bool {
    t.len() <= 200
        && !matches!(
            crate::values::parse_text(t),
            crate::values::Value::Number(_) | crate::values::Value::Ratio { .. }
        )
}

/// Finds the best header starting at `row`, trying one and two header rows.
fn header_at(
    sheet: &Sheet,
    row: u32,
    schemas: &SchemaSet,
    period: Option<Period>,
    cache: &mut HeaderCache,
) -> Option<HeaderMatch> {
    let mut best: Option<HeaderMatch> = None;
    for two in [false, true] {
        if two && (row + 1 >= sheet.end_row() || figures(sheet, row + 1) >= 2) {
            continue;
        }
        let (texts, cells) = header_cells(sheet, row, two, cache);
        if texts < 2 {
            continue;
        }
        for (si, schema) in schemas.schemas.iter().enumerate() {
            if schema.kind_is_grid() {
                continue;
            }
            // Too few cells name any of this schema's columns: no header.
            let named = cells
                .iter()
                .filter(|c| c.1.hits.iter().any(|&(s, _)| s == si))
                .count();
            if named < schema.min_match {
                continue;
            }
            if let Some(mut m) = match_schema(si, schema, &cells) {
                m.first_row = row;
                m.last_row = row + u32::from(two);
                let better = match &best {
                    None => true,
                    Some(b) => {
                        m.score > b.score
                            || (m.score == b.score
                                && preference(&m.schema, period) > preference(&b.schema, period))
                    }
                };
                if better {
                    best = Some(m);
                }
            }
        }
    }
    best
}

/// How many figures a row holds: numbers, and text that reads as one
/// ("44.0%", "1,051"). The second row of a two-row header names columns;
/// it may hold a year, but a row of figures is data.
fn figures(sheet: &Sheet, row: u32) -> usize {
    sheet
        .row(row)
        .iter()
        .filter(|c| match c {
            Cell::Number(_) => true,
            Cell::Text(t) => matches!(
                crate::values::parse_text(t),
                crate::values::Value::Number(_) | crate::values::Value::Ratio { .. }
            ),
            _ => false,
        })
        .count()
}

/// A schema whose years name the return's year beats an open-ended one,
/// which beats one for other years.
fn preference(s: &Schema, period: Option<Period>) -> u8 {
    match period {
        Some(p) if !s.years.is_open() && s.years.contains(p.year) => 2,
        _ if s.years.is_open() => 1,
        None => 1,
        _ => 0,
    }
}

/// What one header text names: its templated form and the (schema, column)
/// pairs whose aliases it matches.
#[derive(Debug)]
pub(crate) struct HeaderText {
    pub(crate) raw: String,
    pub(crate) templated: TemplatedHeader,
    /// Sorted (schema index, column index) pairs.
    pub(crate) hits: Vec<(usize, usize)>,
    /// Short and not a figure: a table header could say it.
    candidate: bool,
    /// Whether `templated` and `hits` were worked out (they are not for a
    /// figure until something other than a table header asks).
    matched: bool,
}

/// A header cell: its column and what its text names.
type HeaderCell = (u32, Rc<HeaderText>);

/// Header texts already matched. The same few hundred texts head every
/// return of a batch, so the cache lives for the thread, not the sheet,
/// keyed by the alias index it was matched against.
struct HeaderCache<'s> {
    schemas: &'s SchemaSet,
    map: &'s mut HeaderMap,
}

/// Entries kept per thread; past it the cache starts again.
const HEADER_CACHE_MAX: usize = 4_096;

/// Header texts by what is written, for the alias index with this id.
type HeaderMap = HashMap<String, Rc<HeaderText>, foldhash::fast::RandomState>;

thread_local! {
    static HEADER_CACHE: RefCell<(u64, HeaderMap)> = RefCell::new((0, HeaderMap::default()));
}

/// What a cell's text names among every schema's columns, whether or not
/// it could head a table (summary grids and heat maps match labels too).
pub(crate) fn header_text(schemas: &SchemaSet, raw: &str) -> Rc<HeaderText> {
    HeaderCache::with(schemas, |cache| cache.entry(raw, true))
}

impl HeaderCache<'_> {
    /// Runs `f` with this thread's cache for `schemas`.
    fn with<T>(schemas: &SchemaSet, f: impl FnOnce(&mut HeaderCache<'_>) -> T) -> T {
        HEADER_CACHE.with(|cell| {
            let mut guard = cell.borrow_mut();
            let (id, map) = &mut *guard;
            let want = schemas.alias_index().id;
            if *id != want || map.len() > HEADER_CACHE_MAX {
                map.clear();
                *id = want;
            }
            f(&mut HeaderCache { schemas, map })
        })
    }

    /// What a cell text names, or `None` when it could not be a header
    /// (too long, a figure) or names no column.
    fn get(&mut self, raw: &str) -> Option<Rc<HeaderText>> {
        let e = self.entry(raw, false);
        (e.candidate && !e.hits.is_empty()).then_some(e)
    }

    /// The cached entry for a text; a figure's aliases are matched only
    /// when `always` asks for them.
    fn entry(&mut self, raw: &str, always: bool) -> Rc<HeaderText> {
        if let Some(t) = self.map.get(raw) {
            if t.matched || !always {
                return t.clone();
            }
        }
        let candidate = header_candidate(raw);
        let matched = candidate || always;
        let (templated, hits) = if matched {
            let templated = template_header(raw);
            let hits = self
                .schemas
                .alias_index()
                .matches(&self.schemas.schemas, &templated.text);
            (templated, hits)
        } else {
            Default::default()
        };
        let entry = Rc::new(HeaderText {
            raw: raw.to_string(),
            templated,
            hits,
            candidate,
            matched,
        });
        self.map.insert(raw.to_string(), entry.clone());
        entry
    }
}

/// Whether a row's cells are all empty.
fn blank(sheet: &Sheet, row: u32) -> bool {
    sheet.row(row).iter().all(Cell::is_empty)
}

/// Cells a row fills among a table's columns.
fn filled(sheet: &Sheet, row: u32, cols: &HashMap<String, u32>) -> usize {
    cols.values()
        .filter(|&&c| !sheet.get(row, c).is_empty())
        .count()
}

/// The text of a section row: a row with one cell of text and nothing under
/// the table's figures.
fn section_text(sheet: &Sheet, row: u32) -> Option<String> {
    let r = sheet.row(row);
    let texts: Vec<&str> = r
        .iter()
        .filter_map(|c| c.as_text())
        .filter(|t| !t.is_empty())
        .collect();
    let others = r
        .iter()
        .filter(|c| !c.is_empty() && c.as_text().is_none())
        .count();
    if others == 0 && (1..=2).contains(&texts.len()) {
        Some(crate::values::squash(&texts.join(" ")))
    } else {
        None
    }
}

/// Finds every column table on a sheet. `period` is the return's period if
/// already known (it chooses between schemas for different years).
pub fn detect_tables(sheet: &Sheet, schemas: &SchemaSet, period: Option<Period>) -> Vec<Table> {
    HeaderCache::with(schemas, |cache| detect_with(sheet, schemas, period, cache))
}

fn detect_with(
    sheet: &Sheet,
    schemas: &SchemaSet,
    period: Option<Period>,
    cache: &mut HeaderCache<'_>,
) -> Vec<Table> {
    let mut tables = Vec::new();
    let end = sheet.end_row();
    let mut row = sheet.origin.0;
    // Rows with fewer text cells than any schema's threshold cannot be headers.
    let min_match = schemas
        .schemas
        .iter()
        .filter(|s| !s.kind_is_grid())
        .map(|s| s.min_match)
        .min()
        .unwrap_or(2)
        .max(2);
    let text_cells = |r: u32| -> usize {
        sheet
            .row(r)
            .iter()
            .filter(|c| c.as_text().is_some_and(|t| !t.is_empty()))
            .count()
    };
    let could_be_header = |r: u32| -> bool {
        let here = text_cells(r);
        here >= min_match || (r + 1 < end && here + text_cells(r + 1) >= min_match && here > 0)
    };
    while row < end {
        if !could_be_header(row) {
            row += 1;
            continue;
        }
        let Some(h) = header_at(sheet, row, schemas, period, cache) else {
            row += 1;
            continue;
        };
        let mut table = Table {
            schema: h.schema.clone(),
            sheet: sheet.name.clone(),
            header_rows: (h.first_row, h.last_row),
            columns: h.columns.clone(),
            column_periods: h.periods.clone(),
            headers: h.headers.clone(),
            rows: Vec::new(),
            repeated_headers: Vec::new(),
        };
        let key_col = table
            .schema
            .columns
            .first()
            .map(|c| c.key.clone())
            .unwrap_or_default();
        let key_pattern = table
            .schema
            .column(&key_col)
            .and_then(|c| c.pattern.clone());
        // A section row just above the header heads the first rows.
        let mut section: Option<String> = (h.first_row.saturating_sub(3).max(sheet.origin.0)
            ..h.first_row)
            .rev()
            .find_map(|r| section_text(sheet, r));
        let mut r = h.last_row + 1;
        while r < end {
            if blank(sheet, r) {
                r += 1;
                continue;
            }
            let key_text = table
                .col(&key_col)
                .map(|c| sheet.get(r, c).display())
                .unwrap_or_default();
            let key_text = crate::values::squash(&key_text);
            let key_ok =
                !key_text.is_empty() && key_pattern.as_ref().is_none_or(|p| p.is_match(&key_text));
            // A row whose key cell holds a ref with a digit ("FS/S6", "3009")
            // is a data row: headers name their key column in words ("Ref").
            // Skipping the header match there keeps a long table linear.
            let looks_like_data =
                key_ok && key_pattern.is_some() && key_text.chars().any(|c| c.is_ascii_digit());
            if !looks_like_data && could_be_header(r) {
                if let Some(next) = header_at(sheet, r, schemas, period, cache) {
                    if next.schema.name == table.schema.name
                        && next.columns.get(&key_col) == table.columns.get(&key_col)
                    {
                        table.repeated_headers.push(r);
                        r = next.last_row + 1;
                        continue;
                    }
                    break;
                }
            }
            if key_ok && filled(sheet, r, &table.columns) >= 2 {
                table.rows.push(DataRow {
                    row: r,
                    section: section.clone(),
                });
            } else if let Some(s) = section_text(sheet, r) {
                section = Some(s);
            }
            r += 1;
        }
        row = r;
        if !table.rows.is_empty() {
            tables.push(table);
        }
    }
    // A heat map's rows ("4 Major" under a register's id column) are never
    // another table's data rows.
    let mut keyed: Vec<u32> = tables
        .iter()
        .filter(|t| t.kind() == "indicators")
        .flat_map(|t| t.rows.iter().map(|r| r.row))
        .collect();
    keyed.sort_unstable();
    let grids =
        crate::grid::detect_heatmaps_except(sheet, schemas, &|r| keyed.binary_search(&r).is_ok());
    for g in &grids {
        let (first, last) = (g.header_rows.0, g.rows.last().map_or(0, |r| r.row));
        for t in &mut tables {
            t.rows.retain(|r| r.row < first || r.row > last);
        }
    }
    tables.retain(|t| !t.rows.is_empty());
    tables.extend(grids);
    tables
}

impl Schema {
    /// Grid kinds (heat maps, dashboards) are found by their own detectors,
    /// not by a header row.
    pub fn kind_is_grid(&self) -> bool {
        crate::model::GRID_KINDS.contains(&self.kind.as_str())
    }
}
