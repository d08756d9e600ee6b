//! Builds small workbooks for tests, laid out the way council returns are.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kpicheck::check::{analyse_path, Analysis, CheckOptions};
use kpicheck::rules::Finding;
use kpicheck::schema::SchemaSet;
use rust_xlsxwriter::{Format, Workbook};

/// One cell of a test grid.
#[derive(Clone, Debug)]
pub enum C {
    /// Empty.
    E,
    /// Text.
    T(&'static str),
    /// Owned text.
    S(String),
    /// A number.
    N(f64),
    /// A fraction under a percentage format with this many decimals.
    P(f64, usize),
    /// A formula with its cached result.
    F(&'static str, f64),
}

pub use C::*;

pub mod returns;

/// A sheet: its name and rows of cells from A1.
pub struct SheetSpec {
    pub name: &'static str,
    pub rows: Vec<Vec<C>>,
}

pub fn sheet(name: &'static str, rows: Vec<Vec<C>>) -> SheetSpec {
    SheetSpec { name, rows }
}

/// Writes the sheets to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, sheets: &[SheetSpec]) -> PathBuf {
    let mut wb = Workbook::new();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.name).unwrap();
        for (r, row) in s.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    E => {}
                    T(t) => {
                        ws.write_string(r, c, *t).unwrap();
                    }
                    S(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    P(n, d) => {
                        let fmt = if *d == 0 {
                            "0%".to_string()
                        } else {
                            format!("0.{}%", "0".repeat(*d))
                        };
                        ws.write_number_with_format(r, c, *n, &Format::new().set_num_format(fmt))
                            .unwrap();
                    }
                    F(f, v) => {
                        ws.write_formula(r, c, *f).unwrap();
                        ws.set_formula_result(r, c, v.to_string());
                    }
                }
            }
        }
    }
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
}

pub fn analyse(path: &Path) -> Analysis {
    let schemas = SchemaSet::embedded().unwrap();
    analyse_path(
        path,
        &path.display().to_string(),
        &schemas,
        &CheckOptions::default(),
    )
    .unwrap()
}

/// Findings of one rule, as "Sheet!A1".
pub fn at(a: &Analysis, rule: &str) -> Vec<String> {
    a.findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| format!("{}!{}", f.sheet, f.cell))
        .collect()
}

pub fn find<'a>(a: &'a Analysis, rule: &str) -> Vec<&'a Finding> {
    a.findings.iter().filter(|f| f.rule == rule).collect()
}

/// The 3.2a header of the Family Services report, with its line breaks.
pub fn header_32a() -> Vec<C> {
    vec![
        T("Ref"),
        T("Indicator"),
        T("Polarity"),
        T("Period \nCovered \nTimeframe \ndata has \nbeen \nmeasured"),
        T("Annual \n2016/17 \nTarget"),
        T("Q4 \n2016/17 \nTarget"),
        T("Numerator / \nDenominator"),
        T("Q4 \n2016/17 \nResult"),
        T("Q3 \n2016/17 \nResult"),
        T("DOT \nShort-\nTerm \n(From Q3 \n2016/17)"),
        T("Q4 \n2015/16 \nResult"),
        T("DOT \nLong-\nTerm \n(From Q4 \n2015/16)"),
        T("Benchmarking"),
    ]
}

/// The older CPI header (2.1 of the 2014/15 report).
pub fn header_cpi() -> Vec<C> {
    vec![
        T("CPI NO"),
        T("Indicator description"),
        T("Period \nCovered"),
        T("Previous \noutturn"),
        T("Target"),
        T("Numerator \nand \nDenominator"),
        T("Outturn"),
        T("Target \nVariance"),
        T("DoT \nVariance"),
        T("Benchmarking"),
    ]
}
