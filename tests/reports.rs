//! Exception reports: xlsx, CSV, JSON and HTML from `--report`.

mod common;

use assert_cmd::Command;
use calamine::{Data, Reader};
use common::*;

fn hostile(dir: &std::path::Path) -> std::path::PathBuf {
    write(
        dir,
        "q4.xlsx",
        &[sheet(
            "Indicators",
            vec![
                vec![T("Family Services – Q4 2016/17")],
                header_32a(),
                vec![
                    T("FS/S6"),
                    T("Percentage of children in foster care"),
                    T("Bigger is Better"),
                    T("As at 31 March 2017"),
                    T("42.5%"),
                    T("42.5%"),
                    T("157/357"),
                    T("44.2%"),
                    T("44.9%"),
                    T("Worsening"),
                    T("43.5%"),
                    T("Improving"),
                    E,
                ],
                vec![
                    T("FS/X1"),
                    T("Number of visits"),
                    T("=HYPERLINK(\"http://x\")"),
                    E,
                    N(1.0),
                    N(1.0),
                    T("N/A"),
                    N(2.0),
                    N(1.0),
                    T("Improving"),
                    N(1.0),
                    T("Improving"),
                    E,
                ],
                vec![
                    T("FS/X2"),
                    T("Number of calls"),
                    T("<script>alert(1)</script>"),
                    E,
                    N(1.0),
                    N(1.0),
                    T("N/A"),
                    N(2.0),
                    N(1.0),
                    T("Improving"),
                    N(1.0),
                    T("Improving"),
                    E,
                ],
            ],
        )],
    )
}

#[test]
fn every_report_format_is_written() {
    let d = tempfile::tempdir().unwrap();
    let p = hostile(d.path());
    let out = d.path().join("out");
    Command::cargo_bin("kpicheck")
        .unwrap()
        .arg("check")
        .arg(&p)
        .arg("--report")
        .arg(out.join("ex.xlsx"))
        .arg("--report")
        .arg(out.join("ex.csv"))
        .arg("--report")
        .arg(out.join("ex.json"))
        .arg("--report")
        .arg(out.join("ex.html"))
        .assert()
        .code(1);

    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(out.join("ex.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Findings", "Summary"]);
    let r = wb.worksheet_range("Findings").unwrap();
    assert_eq!(r.get_value((0, 2)), Some(&Data::String("Cell".into())));
    assert_eq!(r.get_value((1, 2)), Some(&Data::String("H3".into())));
    assert_eq!(
        r.get_value((1, 4)),
        Some(&Data::String("ratio.result_mismatch".into()))
    );
    let formula_text = (1..r.height() as u32)
        .any(|row| r.get_value((row, 6)) == Some(&Data::String("=HYPERLINK(\"http://x\")".into())));
    assert!(formula_text, "the formula-like text is stored as text");
    let f = wb.worksheet_formula("Findings").unwrap();
    assert!(
        f.used_cells().all(|(_, _, s)| s.is_empty()),
        "no formula in the report"
    );

    let csv = std::fs::read_to_string(out.join("ex.csv")).unwrap();
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("ex.json")).unwrap()).unwrap();
    assert_eq!(json["findings"][0]["cell"], "H3");

    let html = std::fs::read_to_string(out.join("ex.html")).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert(1)"));
    assert!(
        !html.contains("http://") || html.contains("HYPERLINK(&quot;http://x&quot;)"),
        "no network reference but escaped data"
    );
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
}

#[test]
fn a_report_never_overwrites_an_input() {
    let d = tempfile::tempdir().unwrap();
    let p = hostile(d.path());
    let before = std::fs::read(&p).unwrap();
    let csv_named_input = p.clone();
    Command::cargo_bin("kpicheck")
        .unwrap()
        .arg("check")
        .arg(&p)
        .arg("--report")
        .arg(&csv_named_input)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

#[test]
fn an_unwritable_report_is_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    let p = hostile(d.path());
    let blocker = d.path().join("blocker");
    std::fs::write(&blocker, "x").unwrap();
    let out = Command::cargo_bin("kpicheck")
        .unwrap()
        .arg("check")
        .arg(&p)
        .arg("--report")
        .arg(blocker.join("ex.html"))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("cannot write") && err.contains("ex.html"),
        "{err}"
    );
    let out = Command::cargo_bin("kpicheck")
        .unwrap()
        .arg("check")
        .arg(&p)
        .arg("--report")
        .arg(d.path().join("ex.pdf"))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("use .xlsx, .csv, .json or .html"));
}
