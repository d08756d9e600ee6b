//! The reader on any bytes: sniffing, the zip pre-flight and calamine, in
//! this process, under tight limits; then the check.
#![no_main]

use std::sync::OnceLock;

use kpicheck::check::{analyse, CheckOptions};
use kpicheck::schema::SchemaSet;
use kpicheck::workbook::preflight::{check_zip, Deadline};
use kpicheck::workbook::read::{needs_isolation, read_bytes, sniff, ReadOptions};
use kpicheck::workbook::{Format, ReadLimits};
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
    // xls, xlsb and ods are read by the binary in a worker process under a
    // memory cap, because calamine can be made to allocate without bound
    // for them (found here: an xls asking for 137 GB). In-process, only
    // what runs before the worker is fuzzed for them.
    match sniff(data) {
        Ok(f) if needs_isolation(f) => {
            if f != Format::Xls {
                let _ = check_zip(data, &limits, &Deadline::after_secs(10));
            }
            return;
        }
        _ => {}
    }
    if let Ok(wb) = read_bytes(data.to_vec(), &limits, ReadOptions { formulas: true }) {
        let _ = analyse("fuzz.xlsx", wb, schemas(), &CheckOptions::default());
    }
});
