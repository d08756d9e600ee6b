//! Seed 002: Family Services delivery unit report, Q1 2014/15.

use super::grid::*;

pub fn workbook() -> Vec<SheetSpec> {
    let mut v = vec![cpi()];
    v.extend(super::fs_q1_2014_15_risk::sheets());
    v
}

/// 2.1 Corporate Plan indicators.
fn cpi() -> SheetSpec {
    sheet("2.1 CPI", vec![vec![B("2.1 Corporate Plan Indicators")]])
}
