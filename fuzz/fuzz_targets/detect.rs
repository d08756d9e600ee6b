//! The table detector, the rules and the renderers on any grid: the input
//! is read as tab-separated rows (so the seeds can be real tables), each
//! cell a number, an Excel error or text.
#![no_main]

use std::sync::OnceLock;

use kpicheck::check::{analyse, CheckOptions};
use kpicheck::report;
use kpicheck::schema::SchemaSet;
use kpicheck::workbook::{Cell, Format, Sheet, Workbook};
use libfuzzer_sys::fuzz_target;

fn schemas() -> &'static SchemaSet {
    static S: OnceLock<SchemaSet> = OnceLock::new();
    S.get_or_init(|| SchemaSet::embedded().expect("embedded schemas"))
}

fn cell(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else if let Some(n) = s.strip_prefix('\u{1}').and_then(|n| n.parse::<f64>().ok()) {
        Cell::Date(n)
    } else if let Ok(n) = s.parse::<f64>() {
        Cell::Number(n)
    } else if s.starts_with('#') && s.len() <= 8 {
        Cell::Error(s.to_string())
    } else {
        Cell::Text(s.replace("\\n", "\n").into())
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let rows: Vec<Vec<Cell>> = text
        .split('\n')
        .take(400)
        .map(|l| l.split('\t').take(60).map(cell).collect())
        .collect();
    let origin = (u32::from(data.first().copied().unwrap_or(0) % 4), 0);
    let wb = Workbook {
        format: Format::Xlsx,
        sheets: vec![Sheet::new("Fuzz", origin, rows)],
    };
    let a = analyse("fuzz.xlsx", wb, schemas(), &CheckOptions::default());
    let files = vec![a.report()];
    let _ = report::json::render(&files);
    let _ = report::csv::render(&files);
    let _ = report::html::render(&files, "fuzz");
    let _ = report::text::render(&files, &report::text::TextOptions { verbose: true });
    // The xlsx report is slow to build: one input in eight keeps the rate up.
    if data.len() % 8 == 0 {
        assert!(report::xlsx::render(&files, "fuzz").is_ok());
    }
});
