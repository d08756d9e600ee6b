//! The reader on any bytes: sniffing, the zip pre-flight and calamine, in
//! this process (as the library reads), under tight limits; then the check.
#![no_main]

use std::sync::OnceLock;

use kpicheck::check::{analyse, CheckOptions};
use kpicheck::schema::SchemaSet;
use kpicheck::workbook::read::{read_bytes, ReadOptions};
use kpicheck::workbook::ReadLimits;
use libfuzzer_sys::fuzz_target;

fn schemas() -> &'static SchemaSet {
    static S: OnceLock<SchemaSet> = OnceLock::new();
    S.get_or_init(|| SchemaSet::embedded().expect("embedded schemas"))
}

fuzz_target!(|data: &[u8]| {
    // calamine asserts on some malformed records; read_bytes catches that
    // and reports the file as damaged. Only a panic that escapes is a crash.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(kpicheck::workbook::guard::install_quiet_hook);
    let limits = ReadLimits {
        max_cells_per_sheet: 200_000,
        max_unzipped_bytes: 64 * 1024 * 1024,
        max_seconds: 10,
        ..ReadLimits::default()
    };
    if let Ok(wb) = read_bytes(data.to_vec(), &limits, ReadOptions { formulas: true }) {
        let _ = analyse("fuzz.xlsx", wb, schemas(), &CheckOptions::default());
    }
});
