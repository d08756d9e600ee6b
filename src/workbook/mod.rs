//! Our own cell model: workbooks, sheets, cells and A1 addresses.
//!
//! This is the only module that touches calamine. Everything downstream sees
//! [`Cell`] values at absolute (row, column) positions, so a finding can name
//! the cell a user sees in Excel.

mod address;
pub mod guard;
pub mod preflight;
pub mod read;
pub mod worker;
mod xlsx;

pub use address::{col_letters, parse_a1, CellRef};
pub use read::{read_workbook, Format, ReadError, ReadLimits, ReadOptions};

/// Merged ranges ((first row, first col), (last row, last col)), absolute.
pub type Merged = Vec<((u32, u32), (u32, u32))>;

/// One cell's value, as stored in the file.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    #[default]
    Empty,
    Number(f64),
    /// Text, shared: a shared string's cells, and the models built from
    /// them, hold one copy.
    Text(std::sync::Arc<str>),
    Bool(bool),
    /// An Excel error value such as `#DIV/0!`.
    Error(String),
    /// A date or time serial number (days since 1899-12-30).
    Date(f64),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The text of a text cell, trimmed; `None` for anything else.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s.trim()),
            _ => None,
        }
    }

    /// The cell as a user would read it, for messages and header matching.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(n) => format_number(*n),
            Cell::Text(s) => s.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Error(e) => e.clone(),
            Cell::Date(d) => format!("date serial {}", format_number(*d)),
        }
    }
}

/// Shortest decimal form of a number, without float noise such as
/// `0.30000000000000004`.
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n == n.trunc() && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    // Twelve significant digits hide binary noise and keep every figure a
    // council types.
    let s = format!("{:.12}", n);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Whether a sheet is shown to the user in Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Visible,
    Hidden,
    VeryHidden,
}

/// A worksheet: a dense grid anchored at an absolute (row, col) origin.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Sheet {
    pub name: String,
    pub visibility: Visibility,
    /// Absolute position of `rows[0][0]`.
    pub origin: (u32, u32),
    pub rows: Vec<Vec<Cell>>,
    /// Merged ranges ((first row, first col), (last row, last col)), absolute.
    pub merged: Vec<((u32, u32), (u32, u32))>,
    /// Absolute positions of cells that hold a formula.
    pub formulas: Vec<(u32, u32)>,
}

static EMPTY: Cell = Cell::Empty;

impl Sheet {
    pub fn new(name: impl Into<String>, origin: (u32, u32), rows: Vec<Vec<Cell>>) -> Self {
        Sheet {
            name: name.into(),
            visibility: Visibility::Visible,
            origin,
            rows,
            merged: Vec::new(),
            formulas: Vec::new(),
        }
    }

    /// The stored cells of an absolute row, from the origin's column; empty
    /// outside the grid. Its length is that row's width, not the sheet's.
    pub fn row(&self, row: u32) -> &[Cell] {
        row.checked_sub(self.origin.0)
            .and_then(|i| self.rows.get(i as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// The cell at an absolute position; empty outside the stored grid.
    pub fn get(&self, row: u32, col: u32) -> &Cell {
        if row < self.origin.0 || col < self.origin.1 {
            return &EMPTY;
        }
        self.rows
            .get((row - self.origin.0) as usize)
            .and_then(|r| r.get((col - self.origin.1) as usize))
            .unwrap_or(&EMPTY)
    }

    /// First absolute row index past the stored grid.
    pub fn end_row(&self) -> u32 {
        self.origin.0 + self.rows.len() as u32
    }

    /// First absolute column index past the widest stored row.
    pub fn end_col(&self) -> u32 {
        self.origin.1 + self.rows.iter().map(|r| r.len()).max().unwrap_or(0) as u32
    }

    /// Sets the cell at an absolute position, growing the grid (and moving
    /// its origin) as needed.
    pub fn set(&mut self, row: u32, col: u32, cell: Cell) {
        if self.rows.is_empty() {
            self.origin = (row, col);
        }
        if row < self.origin.0 {
            let n = (self.origin.0 - row) as usize;
            self.rows.splice(0..0, std::iter::repeat_n(Vec::new(), n));
            self.origin.0 = row;
        }
        if col < self.origin.1 {
            let n = (self.origin.1 - col) as usize;
            for r in self.rows.iter_mut().filter(|r| !r.is_empty()) {
                r.splice(0..0, std::iter::repeat_n(Cell::Empty, n));
            }
            self.origin.1 = col;
        }
        let (r, c) = (
            (row - self.origin.0) as usize,
            (col - self.origin.1) as usize,
        );
        if self.rows.len() <= r {
            self.rows.resize(r + 1, Vec::new());
        }
        let line = &mut self.rows[r];
        if line.len() <= c {
            line.resize(c + 1, Cell::Empty);
        }
        line[c] = cell;
    }

    pub fn is_formula(&self, row: u32, col: u32) -> bool {
        self.formulas.binary_search(&(row, col)).is_ok()
    }

    pub fn cell_count(&self) -> usize {
        self.rows.iter().map(|r| r.len()).sum()
    }
}

/// A workbook read into memory.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Workbook {
    pub format: Format,
    pub sheets: Vec<Sheet>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_without_float_noise() {
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(44.0), "44");
        assert_eq!(format_number(-465.0), "-465");
        assert_eq!(format_number(0.4398), "0.4398");
    }

    #[test]
    fn get_adds_the_origin_back() {
        let s = Sheet::new(
            "S",
            (2, 1),
            vec![vec![Cell::Number(1.0), Cell::Text("x".into())]],
        );
        assert_eq!(s.get(2, 1), &Cell::Number(1.0));
        assert_eq!(s.get(2, 2), &Cell::Text("x".into()));
        assert_eq!(s.get(0, 0), &Cell::Empty);
        assert_eq!(s.get(9, 9), &Cell::Empty);
    }

    #[test]
    fn set_grows_the_grid_both_ways() {
        let mut s = Sheet::new("S", (2, 1), vec![vec![Cell::Number(1.0)]]);
        s.set(4, 3, Cell::Number(2.0));
        s.set(0, 0, Cell::Number(3.0));
        assert_eq!(s.origin, (0, 0));
        assert_eq!(s.get(2, 1), &Cell::Number(1.0));
        assert_eq!(s.get(4, 3), &Cell::Number(2.0));
        assert_eq!(s.get(0, 0), &Cell::Number(3.0));
        assert_eq!(s.get(1, 1), &Cell::Empty);
    }
}
