//! Every workbook format gives the same tables and findings as the xlsx it
//! was saved from.

mod common;

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sheets of a workbook, so a fixture saved from an earlier version of
/// a sample is compared on the sheets it holds.
fn sheets(path: &Path) -> Vec<String> {
    common::analyse(path)
        .workbook
        .sheets
        .iter()
        .map(|s| s.name.clone())
        .collect()
}

fn findings_in(path: &Path, only: &[String]) -> Vec<String> {
    let a = common::analyse(path);
    let mut v: Vec<String> = a
        .findings
        .iter()
        .filter(|f| only.contains(&f.sheet))
        .map(|f| format!("{} {}!{} {:?}", f.rule, f.sheet, f.cell, f.expected))
        .collect();
    v.sort();
    v
}

fn findings(path: &Path) -> Vec<String> {
    findings_in(path, &sheets(path))
}

fn tables_in(path: &Path, only: &[String]) -> Vec<String> {
    common::analyse(path)
        .table_infos()
        .into_iter()
        .filter(|t| only.contains(&t.sheet))
        .map(|t| format!("{} {} {} {}", t.sheet, t.kind, t.range, t.rows))
        .collect()
}

#[test]
fn xls_and_ods_read_like_the_xlsx() {
    for (name, exts) in [
        ("family_services_q4_2016-17", &["xls", "ods"][..]),
        ("family_services_q1_2014-15", &["xls"][..]),
    ] {
        let xlsx = root().join("samples").join(format!("{name}.xlsx"));
        for ext in exts {
            let other = root()
                .join("tests/fixtures/formats")
                .join(format!("{name}.{ext}"));
            let only = sheets(&other);
            let want = findings_in(&xlsx, &only);
            assert!(!want.is_empty());
            assert_eq!(findings(&other), want, "{}", other.display());
            assert_eq!(
                tables_in(&other, &only),
                tables_in(&xlsx, &only),
                "{}",
                other.display()
            );
        }
    }
}

#[test]
fn xlsm_reads_like_the_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = root().join("samples/family_services_q4_2016-17.xlsx");
    let xlsm = dir.path().join("return.xlsm");
    std::fs::copy(&xlsx, &xlsm).unwrap();
    assert_eq!(findings(&xlsm), findings(&xlsx));
}

#[test]
fn a_format_named_wrongly_is_read_by_its_content() {
    // An xls saved with an .xlsx name, as happens when files are renamed by hand.
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("tests/fixtures/formats/family_services_q4_2016-17.xls");
    let renamed = dir.path().join("return.xlsx");
    std::fs::copy(&src, &renamed).unwrap();
    assert_eq!(findings(&renamed), findings(&src));
}
