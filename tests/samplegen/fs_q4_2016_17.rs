//! Seed 001: Family Services quarterly report, Q4 2016/17.

use super::grid::*;

pub fn workbook() -> Vec<SheetSpec> {
    let mut v = vec![indicators()];
    v.extend(super::fs_q4_2016_17_risk::sheets());
    v
}

/// 3.2a Indicators.
fn indicators() -> SheetSpec {
    sheet("3.2a Indicators", vec![vec![B("3.2a Indicators")]])
}
