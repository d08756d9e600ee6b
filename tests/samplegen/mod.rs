//! Writes the workbooks in `samples/`: faithful transcriptions of the
//! council's published reports, laid out as the council keeps them in
//! Excel, real anomalies included. `cargo run --example gen_samples`
//! regenerates them; `tests/samples.rs` checks they are current.
#![allow(dead_code)]

pub mod fs_q1_2014_15;
pub mod fs_q1_2014_15_finance;
pub mod fs_q1_2014_15_risk;
pub mod fs_q4_2016_17;
pub mod fs_q4_2016_17_finance;
pub mod fs_q4_2016_17_risk;
pub mod grid;
pub mod history;
pub mod improvement_plan_2017_18;

use std::path::{Path, PathBuf};

/// Every sample workbook: file name and sheets.
pub fn all() -> Vec<(&'static str, Vec<grid::SheetSpec>)> {
    let mut v = vec![
        ("family_services_q4_2016-17.xlsx", fs_q4_2016_17::workbook()),
        ("family_services_q1_2014-15.xlsx", fs_q1_2014_15::workbook()),
        (
            "improvement_plan_2017-18.xlsx",
            improvement_plan_2017_18::workbook(),
        ),
    ];
    v.extend(history::workbooks());
    v
}

/// Writes every sample into `dir`, returning the paths written.
pub fn write_all(dir: &Path) -> Vec<PathBuf> {
    all()
        .into_iter()
        .map(|(name, sheets)| grid::write(dir, name, &sheets))
        .collect()
}
