//! The binary as a user runs it: exit codes, formats, messages.

mod common;

use assert_cmd::Command;
use common::*;

fn kpicheck() -> Command {
    Command::cargo_bin("kpicheck").unwrap()
}

fn good(dir: &std::path::Path) -> std::path::PathBuf {
    write(
        dir,
        "good.xlsx",
        &[sheet(
            "Indicators",
            vec![
                vec![T("Family Services – Q4 2016/17")],
                header_32a(),
                vec![
                    T("FS/S5"),
                    T("Number of children adopted"),
                    T("Bigger is Better"),
                    T("Apr 2016 - Mar 2017"),
                    N(10.0),
                    N(10.0),
                    T("N/A"),
                    N(8.0),
                    N(7.0),
                    T("Improving"),
                    N(12.0),
                    T("Worsening"),
                    E,
                ],
            ],
        )],
    )
}

fn bad(dir: &std::path::Path) -> std::path::PathBuf {
    write(
        dir,
        "bad.xlsx",
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
            ],
        )],
    )
}

#[test]
fn clean_workbook_exits_zero() {
    let d = tempfile::tempdir().unwrap();
    let p = good(d.path());
    let out = kpicheck()
        .arg("check")
        .arg(&p)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("1 file checked, 1 table: 0 errors"), "{text}");
}

#[test]
fn findings_are_diagnostics_at_their_cell_and_exit_one() {
    let d = tempfile::tempdir().unwrap();
    let p = bad(d.path());
    let out = kpicheck()
        .arg("check")
        .arg(&p)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains(
            "error[ratio.result_mismatch]: result 44.2% does not match 157/357 x 100 = 43.98%"
        ),
        "{text}"
    );
    assert!(
        text.contains(&format!("--> {} › Indicators › H3", p.display())),
        "{text}"
    );
    assert!(
        text.contains("= row: FS/S6 Percentage of children in foster care"),
        "{text}"
    );
    assert!(text.contains("= expected: 44.0% (fixable)"), "{text}");
    kpicheck()
        .arg("check")
        .arg(&p)
        .arg("--fail-on")
        .arg("never")
        .assert()
        .code(0);
}

#[test]
fn json_contract() {
    let d = tempfile::tempdir().unwrap();
    let p = bad(d.path());
    let out = kpicheck()
        .args(["check", "--format", "json"])
        .arg(&p)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["path"], p.display().to_string());
    assert_eq!(f["status"], "checked");
    assert!(f["error"].is_null());
    assert!(f["corrected"].is_null());
    assert_eq!(f["tables"][0]["sheet"], "Indicators");
    assert_eq!(f["tables"][0]["kind"], "indicators");
    assert_eq!(f["tables"][0]["range"], "A2:M3");
    let x = &v["findings"][0];
    for key in [
        "file", "sheet", "cell", "rule", "severity", "message", "found", "expected", "fixable",
        "key",
    ] {
        assert!(x.get(key).is_some(), "finding lacks {key}");
    }
    assert_eq!(x["cell"], "H3");
    assert_eq!(x["rule"], "ratio.result_mismatch");
    assert_eq!(x["severity"], "error");
    assert_eq!(x["found"], "44.2%");
    assert_eq!(x["expected"], "44.0%");
    assert_eq!(x["fixable"], true);
    assert_eq!(x["key"], "FS/S6");
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn csv_has_a_header_and_one_row_per_finding() {
    let d = tempfile::tempdir().unwrap();
    let p = bad(d.path());
    let out = kpicheck()
        .args(["check", "--format", "csv"])
        .arg(&p)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "file,sheet,cell,key,title,rule,severity,found,expected,fixable,message,fixed"
    );
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].contains(",H3,FS/S6,"), "{text}");
}

#[test]
fn an_unreadable_file_is_reported_and_the_batch_goes_on() {
    let d = tempfile::tempdir().unwrap();
    good(d.path());
    std::fs::write(d.path().join("notes.xlsx"), "this is not a workbook").unwrap();
    let out = kpicheck()
        .arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("notes.xlsx: not a spreadsheet"), "{text}");
    assert!(
        text.contains("1 file checked, 1 unreadable, 1 table"),
        "{text}"
    );
}

#[test]
fn nothing_readable_exits_two() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.xlsx"), "").unwrap();
    kpicheck()
        .arg("check")
        .arg(d.path().join("a.xlsx"))
        .assert()
        .code(2);
    kpicheck()
        .arg("check")
        .arg(d.path().join("missing.xlsx"))
        .assert()
        .code(2);
    kpicheck()
        .arg("check")
        .arg("--format")
        .arg("yaml")
        .arg(d.path())
        .assert()
        .code(2);
}

#[test]
fn verbose_lists_tables() {
    let d = tempfile::tempdir().unwrap();
    let p = good(d.path());
    let out = kpicheck()
        .args(["check", "-v"])
        .arg(&p)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("› Indicators › A2:M3: indicators table (1 rows, schema indicators)"),
        "{text}"
    );
}

#[test]
fn explain_prints_a_rule() {
    let out = kpicheck()
        .args(["explain", "ratio.result_mismatch"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("## ratio.result_mismatch"));
    assert!(text.contains("### What it does") && text.contains("### Use instead"));
    kpicheck()
        .args(["explain", "no.such_rule"])
        .assert()
        .code(2);
    let out = kpicheck()
        .args(["explain", "dot"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("dot.long_term_mismatch"));
}

#[test]
fn schema_list_and_check() {
    let out = kpicheck()
        .args(["schema", "list"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("kind indicators"), "{text}");
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("broken.toml");
    std::fs::write(&f, "kind = \"indicators\"\ndescription = \"x\"\n[[column]]\nkey = \"ref\"\naliases = [\"ref\", \"{month} ref\"]\n").unwrap();
    let out = kpicheck()
        .args(["schema", "check"])
        .arg(&f)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("broken.toml:5:19: unknown placeholder '{month}'"),
        "{text}"
    );
}

#[test]
fn a_schema_dir_extends_the_shipped_ones() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("kpi.toml"),
        "kind = \"indicators\"\nname = \"kpi\"\ndescription = \"KPI list\"\nmin-match = 3\n\
         [[column]]\nkey = \"ref\"\naliases = [\"kpi code\"]\nrequired = true\n\
         [[column]]\nkey = \"title\"\naliases = [\"kpi name\"]\nrequired = true\n\
         [[column]]\nkey = \"result\"\naliases = [\"value\"]\n",
    )
    .unwrap();
    let p = write(
        d.path(),
        "k.xlsx",
        &[sheet(
            "K",
            vec![
                vec![T("KPI code"), T("KPI name"), T("Value")],
                vec![T("K1"), T("Number of visits"), N(3.0)],
            ],
        )],
    );
    let out = kpicheck()
        .args(["check", "-v", "--schema"])
        .arg(d.path())
        .arg(&p)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("schema kpi"), "{text}");
    let out = kpicheck()
        .args(["check", "-v"])
        .arg(&p)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("no known table"));
}

#[test]
fn rules_doc_is_current() {
    let want = kpicheck::commands::explain::rules_markdown();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test --test cli rules_doc_is_current`");
}

#[test]
fn a_large_batch_streams_the_same_report_it_would_collect() {
    // More files than one chunk, so the streamed report spans chunks.
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read(good(dir.path())).unwrap();
    let batch = dir.path().join("batch");
    std::fs::create_dir(&batch).unwrap();
    for i in 0..300 {
        std::fs::write(batch.join(format!("r{i:03}.xlsx")), &src).unwrap();
    }
    std::fs::write(batch.join("broken.xlsx"), b"not a workbook").unwrap();
    let streamed = kpicheck()
        .args(["check", "--format", "json"])
        .arg(&batch)
        .output()
        .unwrap();
    assert_eq!(streamed.status.code(), Some(1), "one unreadable file");
    let report = dir.path().join("collected.json");
    let collected = kpicheck()
        .args(["check", "--format", "json", "--report"])
        .arg(&report)
        .arg(&batch)
        .output()
        .unwrap();
    assert_eq!(collected.status.code(), Some(1));
    let a: serde_json::Value = serde_json::from_slice(&streamed.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&collected.stdout).unwrap();
    let c: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(a, b);
    assert_eq!(a, c);
    assert_eq!(a["files"].as_array().unwrap().len(), 301);
    assert_eq!(a["summary"]["unreadable"], 1);
    // Text and CSV stream too, with the same counts.
    let text = kpicheck().arg("check").arg(&batch).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.trim_end().ends_with(&format!(
            "{} files checked, 1 unreadable, 300 tables: 0 errors, 0 warnings, 0 info (0 fixable)",
            300
        )),
        "{}",
        text.lines().last().unwrap_or_default()
    );
}
