//! A small grid language for writing report-like sheets.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};

/// One cell.
#[derive(Clone, Debug)]
pub enum C {
    /// Empty.
    E,
    /// Text (line breaks kept; the cell wraps).
    T(&'static str),
    /// A number with the general format.
    N(f64),
    /// A number shown with this many decimals.
    D(f64, usize),
    /// A fraction under a percentage format with this many decimals.
    P(f64, usize),
    /// A bold title or section row cell.
    B(&'static str),
    /// A formula with its cached result.
    F(&'static str, f64),
}

pub use C::*;

/// A sheet: its name, rows of cells from A1 and merged ranges.
pub struct SheetSpec {
    pub name: &'static str,
    pub rows: Vec<Vec<C>>,
    /// Merged ranges: first row, first col, last row, last col (0-based).
    pub merges: Vec<(u32, u16, u32, u16)>,
    /// Column widths in characters, from column A.
    pub widths: Vec<f64>,
}

pub fn sheet(name: &'static str, rows: Vec<Vec<C>>) -> SheetSpec {
    SheetSpec {
        name,
        rows,
        merges: Vec::new(),
        widths: Vec::new(),
    }
}

impl SheetSpec {
    pub fn merge(mut self, r1: u32, c1: u16, r2: u32, c2: u16) -> Self {
        self.merges.push((r1, c1, r2, c2));
        self
    }

    pub fn widths(mut self, w: &[f64]) -> Self {
        self.widths = w.to_vec();
        self
    }
}

/// Writes the sheets to `dir/name`, byte-for-byte the same on every run.
pub fn write(dir: &Path, name: &str, sheets: &[SheetSpec]) -> PathBuf {
    let mut wb = Workbook::new();
    // A fixed creation date keeps the committed files reproducible.
    let when = ExcelDateTime::from_ymd(2017, 6, 1).unwrap();
    wb.set_properties(&DocProperties::new().set_creation_datetime(&when));
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let bold = Format::new().set_bold();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.name).unwrap();
        for (c, w) in s.widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w).unwrap();
        }
        for (r, row) in s.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if s.merges.iter().any(|m| (m.0, m.1) == (r, c)) {
                    continue;
                }
                match cell {
                    E => {}
                    T(t) => {
                        ws.write_string_with_format(r, c, *t, &wrap).unwrap();
                    }
                    B(t) => {
                        ws.write_string_with_format(r, c, *t, &bold).unwrap();
                    }
                    N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    D(n, d) => {
                        let f = if *d == 0 {
                            "#,##0".to_string()
                        } else {
                            format!("#,##0.{}", "0".repeat(*d))
                        };
                        ws.write_number_with_format(r, c, *n, &Format::new().set_num_format(f))
                            .unwrap();
                    }
                    P(n, d) => {
                        let f = if *d == 0 {
                            "0%".to_string()
                        } else {
                            format!("0.{}%", "0".repeat(*d))
                        };
                        ws.write_number_with_format(r, c, *n, &Format::new().set_num_format(f))
                            .unwrap();
                    }
                    F(f, v) => {
                        ws.write_formula(r, c, *f).unwrap();
                        ws.set_formula_result(r, c, v.to_string());
                    }
                }
            }
        }
        for &(r1, c1, r2, c2) in &s.merges {
            let text = match s.rows.get(r1 as usize).and_then(|r| r.get(c1 as usize)) {
                Some(T(t)) | Some(B(t)) => t.to_string(),
                _ => String::new(),
            };
            ws.merge_range(r1, c1, r2, c2, &text, &wrap).unwrap();
        }
    }
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    wb.save(&path).unwrap();
    path
}
