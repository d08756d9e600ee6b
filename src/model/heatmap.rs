//! Risk heat maps: the 5 x 5 grid counting risks by impact and likelihood,
//! read from a table the grid detector ([`crate::grid`]) found.

use crate::detect::Table;
use crate::schema::RiskBand;
use crate::values::Value;
use crate::workbook::{CellRef, Sheet, Workbook};

use super::risk::Axis;
use super::Field;

/// The column keys a heat map schema may use: the axis titles and the
/// totals' wording (the grid detector adds one key per grid column).
pub const COLUMNS: &[&str] = &["impact", "likelihood", "total"];

/// One cell of the grid.
#[derive(Debug, Clone)]
pub struct HeatCell {
    pub impact: u8,
    pub likelihood: u8,
    pub field: Field,
}

impl HeatCell {
    /// The count, a blank or a dash counting as none; `None` for anything
    /// that is not a number.
    pub fn count(&self) -> Option<f64> {
        count_of(&self.field)
    }
}

/// A count as written: a number, or none for a blank or a dash.
pub fn count_of(f: &Field) -> Option<f64> {
    match &f.value {
        Value::Number(n) => Some(n.value),
        Value::Empty | Value::Absent(crate::values::Absence::Dash) => Some(0.0),
        _ => None,
    }
}

/// A total and the grid cells it adds up.
#[derive(Debug, Clone)]
pub struct Total {
    pub field: Field,
    /// Indexes into [`HeatMap::cells`].
    pub of: Vec<usize>,
    /// "impact 4", "likelihood 2" or "all".
    pub what: String,
}

/// A heat map with its cells read.
#[derive(Debug)]
pub struct HeatMap<'a> {
    pub table: &'a Table,
    pub sheet: &'a Sheet,
    pub row_axis: Axis,
    /// Row by row in sheet order.
    pub cells: Vec<HeatCell>,
    pub totals: Vec<Total>,
}

impl HeatMap<'_> {
    pub fn cell(&self, impact: u8, likelihood: u8) -> Option<&HeatCell> {
        self.cells
            .iter()
            .find(|c| c.impact == impact && c.likelihood == likelihood)
    }

    /// The sum of every count, blanks as none; `None` if a cell is not a number.
    pub fn total(&self) -> Option<f64> {
        self.cells.iter().map(HeatCell::count).sum()
    }

    /// Risks by band, in the order of `bands`, scoring each cell as impact x
    /// likelihood: what a dashboard's "risks by band" must agree with.
    /// `None` if a cell is not a number.
    pub fn band_counts(&self, bands: &[RiskBand]) -> Option<Vec<(String, f64)>> {
        let mut out: Vec<(String, f64)> = bands.iter().map(|b| (b.label.clone(), 0.0)).collect();
        for c in &self.cells {
            let n = c.count()?;
            let score = u32::from(c.impact) * u32::from(c.likelihood);
            if let Some(i) = bands.iter().position(|b| (b.min..=b.max).contains(&score)) {
                if let Some(slot) = out.get_mut(i) {
                    slot.1 += n;
                }
            }
        }
        Some(out)
    }
}

/// The level of a grid row, from the labels left of the grid.
fn row_level(sheet: &Sheet, row: u32, from: u32, to: u32) -> Option<u8> {
    (from..to)
        .rev()
        .find_map(|c| crate::grid::label(sheet.get(row, c)).map(|l| l.level))
}

/// Reads a detected heat map; `None` if the table is not one.
pub fn build<'a>(table: &'a Table, sheet: &'a Sheet) -> Option<HeatMap<'a>> {
    let row_axis = [Axis::Impact, Axis::Likelihood]
        .into_iter()
        .find(|a| table.has(a.name()))?;
    let col_axis = row_axis.other();
    let label_col = table.col(row_axis.name())?;
    let mut grid_cols: Vec<(u8, u32)> = (1..=5u8)
        .filter_map(|l| Some((l, table.col(&format!("{}_{l}", col_axis.name()))?)))
        .collect();
    if grid_cols.len() != 5 {
        return None;
    }
    grid_cols.sort_by_key(|(_, c)| *c);
    let first_col = grid_cols.first().map(|(_, c)| *c)?;
    let grid_rows: Vec<u32> = table.rows.iter().take(5).map(|r| r.row).collect();
    let mut cells = Vec::with_capacity(25);
    let mut totals = Vec::new();
    let total_col = table.col("total");
    for &row in &grid_rows {
        let level = row_level(sheet, row, label_col, first_col)?;
        let start = cells.len();
        for &(cl, col) in &grid_cols {
            let (impact, likelihood) = match row_axis {
                Axis::Impact => (level, cl),
                Axis::Likelihood => (cl, level),
            };
            cells.push(HeatCell {
                impact,
                likelihood,
                field: Field::read(sheet, CellRef::new(row, col)),
            });
        }
        if let Some(tc) = total_col {
            totals.push(Total {
                field: Field::read(sheet, CellRef::new(row, tc)),
                of: (start..start + 5).collect(),
                what: format!("{} {level}", row_axis.name()),
            });
        }
    }
    if let Some(total_row) = table.rows.get(5).map(|r| r.row) {
        for (i, &(cl, col)) in grid_cols.iter().enumerate() {
            totals.push(Total {
                field: Field::read(sheet, CellRef::new(total_row, col)),
                of: (0..5).map(|r| r * 5 + i).collect(),
                what: format!("{} {cl}", col_axis.name()),
            });
        }
        if let Some(tc) = total_col {
            totals.push(Total {
                field: Field::read(sheet, CellRef::new(total_row, tc)),
                of: (0..25).collect(),
                what: "all".into(),
            });
        }
    }
    Some(HeatMap {
        table,
        sheet,
        row_axis,
        cells,
        totals,
    })
}

/// Every heat map among a workbook's tables.
pub fn maps<'a>(tables: &'a [Table], workbook: &'a Workbook) -> Vec<HeatMap<'a>> {
    tables
        .iter()
        .filter(|t| t.kind() == "heatmap")
        .filter_map(|t| {
            let sheet = workbook.sheets.iter().find(|s| s.name == t.sheet)?;
            build(t, sheet)
        })
        .collect()
}
