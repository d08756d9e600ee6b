//! The value parser on any text: parse, and format what parsed back.
#![no_main]

use kpicheck::values::{format_like, parse_number_text, parse_text, Value};
use kpicheck::workbook::Cell;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let v = parse_text(&s);
    if let Value::Number(n) = v {
        let _ = format_like(n.value, &n, n.decimals);
    }
    if let Some(n) = parse_number_text(&s) {
        let again = format_like(n.value, &n, n.decimals.min(12));
        let _ = parse_number_text(&again);
    }
    let _ = kpicheck::values::parse_cell(&Cell::Text(s.into()));
});
