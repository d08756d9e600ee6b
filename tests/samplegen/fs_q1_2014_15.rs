//! Seed 002: Family Services delivery unit report, Q1 2014/15.

use super::grid::*;

pub fn workbook() -> Vec<SheetSpec> {
    vec![cpi()]
}

/// 2.1 Corporate Plan indicators.
fn cpi() -> SheetSpec {
    sheet("2.1 CPI", vec![vec![B("2.1 Corporate Plan Indicators")]])
}
