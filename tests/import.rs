//! `kpicheck import`: idempotent, superseding, failing one file at a time,
//! and consistent after an interrupted run.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::returns::*;
use common::*;
use kpicheck::import::Status;

fn history() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/history")
}

const TABLES: &[&str] = &[
    "returns",
    "return_tables",
    "indicator_values",
    "risks",
    "finance_lines",
    "other_values",
    "findings",
];

fn counts(db: &Path) -> Vec<i64> {
    TABLES
        .iter()
        .map(|t| count(db, &format!("SELECT count(*) FROM {t}")))
        .collect()
}

fn q4_return(dir: &Path, name: &str, s6: &'static str) -> PathBuf {
    quarter(
        dir,
        name,
        "Family Services",
        2016,
        4,
        vec![
            ind(
                "FS/S5",
                "Number of children adopted",
                "Bigger is Better",
                "10",
                "8",
                "7",
                "12",
            ),
            ind(
                "FS/S6",
                "Percentage of children in London Borough of Barnet foster care",
                "Bigger is Better",
                "42.5%",
                s6,
                "44.9%",
                "43.5%",
            ),
        ],
    )
}

#[test]
fn importing_the_history_twice_adds_nothing_the_second_time() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let first = import(&db, &[history()]);
    assert_eq!((first.imported, first.failed), (3, 0), "{first:#?}");
    let after_first = counts(&db);
    assert_eq!(after_first[0], 3);
    // 33 rows in each quarterly return, 13 ref rows in the plan's table.
    assert_eq!(after_first[2], 33 + 33 + 13);
    let second = import(&db, &[history()]);
    assert_eq!((second.imported, second.skipped), (0, 3));
    assert!(second.outcomes.iter().all(|o| o.status == Status::Skipped));
    assert!(second.outcomes.iter().all(|o| o
        .reason
        .as_deref()
        .unwrap_or("")
        .contains("already imported")));
    assert_eq!(counts(&db), after_first);
}

#[test]
fn service_and_period_come_from_titles_and_headers() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    import(&db, &[history()]);
    let got = texts(
        &db,
        "SELECT file_name || ': ' || service || ' (' || service_source || '), ' || period
                || ' (' || period_source || ')' FROM returns ORDER BY file_name",
    );
    assert_eq!(
        got,
        [
            "commissioning_plan_q3_2016-17.xlsx: Family Services Delivery Unit (title), Q3 2016/17 (headers)",
            "family_services_q3_2016-17.xlsx: Family Services (title), Q3 2016/17 (headers)",
            "family_services_q4_2016-17.xlsx: Family Services (title), Q4 2016/17 (headers)",
        ]
    );
}

#[test]
fn every_figure_keeps_its_text_its_number_and_its_cell() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    import(&db, &[history()]);
    let row = texts(
        &db,
        "SELECT sheet || '|' || ref_cell || '|' || result_raw || '|' || result || '|' || result_cell
                || '|' || previous_result_raw || '|' || previous_period || '|' || numerator || '/'
                || denominator || '|' || numerator_cell || '|' || dot_short || '|' || polarity
                || '|' || polarity_raw || '|' || unit
         FROM indicator_values iv JOIN returns r ON r.id = iv.return_id
         WHERE r.file_name = 'family_services_q4_2016-17.xlsx' AND ref = 'FS/S6'",
    );
    assert_eq!(
        row,
        ["3.2a Indicators|A9|44.0%|44.0|H9|44.9%|Q3 2016/17|157.0/357.0|G9|Worsening|Bigger is Better|Bigger is \nBetter|percent"]
    );
    // Columns no key names are kept, under their headers.
    assert_eq!(
        texts(
            &db,
            "SELECT header || '=' || raw || '@' || cell FROM other_values WHERE key = 'SPI FS/S8' ORDER BY cell"
        ),
        ["2017/18 Target=65%@E37", "2019/20 Target=65%@F37"]
    );
    // A cell that is not a figure keeps its words, with no number.
    let words = texts(
        &db,
        "SELECT result_raw FROM indicator_values WHERE ref = 'FS/C18' AND result IS NULL",
    );
    assert_eq!(words, ["12.5% \n(Q3 Target \n11.5%)"]);
    // The findings of check come along, with their cells.
    assert_eq!(
        texts(
            &db,
            "SELECT rule || ' ' || cell FROM findings f JOIN returns r ON r.id = f.return_id
             WHERE r.file_name = 'family_services_q4_2016-17.xlsx'"
        ),
        ["unit.percent_on_non_percentage H45"]
    );
}

#[test]
fn a_changed_file_supersedes_the_earlier_one_which_stays_as_history() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let path = q4_return(d.path(), "fs_q4.xlsx", "44.0%");
    assert_eq!(import(&db, std::slice::from_ref(&path)).imported, 1);
    q4_return(d.path(), "fs_q4.xlsx", "44.2%");
    let s = import(&db, std::slice::from_ref(&path));
    assert_eq!((s.imported, s.superseded), (1, 1), "{s:#?}");
    assert_eq!(s.outcomes[0].superseded, [path.display().to_string()]);
    assert_eq!(
        texts(
            &db,
            "SELECT id || ' ' || status || ' ' || coalesce(superseded_by, '-') FROM returns ORDER BY id"
        ),
        ["1 superseded 2", "2 current -"]
    );
    // Both versions' rows are kept; the audit and export read the current one.
    assert_eq!(count(&db, "SELECT count(*) FROM indicator_values"), 4);
    assert_eq!(
        texts(
            &db,
            "SELECT result_raw FROM current_indicators WHERE ref = 'FS/S6'"
        ),
        ["44.2%"]
    );
}

#[test]
fn two_versions_in_one_run_resolve_by_path_whatever_order_they_finish() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let a = q4_return(d.path(), "a_fs_q4.xlsx", "44.0%");
    let b = q4_return(d.path(), "b_fs_q4.xlsx", "44.2%");
    let s = import(&db, &[b.clone(), a.clone()]);
    assert_eq!(s.imported, 2);
    assert_eq!(
        texts(&db, "SELECT path FROM returns WHERE status = 'current'"),
        [b.display().to_string()]
    );
    assert_eq!(
        texts(
            &db,
            "SELECT r.path FROM returns r JOIN returns n ON n.id = r.superseded_by"
        ),
        [a.display().to_string()]
    );
}

#[test]
fn a_corrupt_file_or_one_without_a_period_fails_alone_and_leaves_no_trace() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let good = q4_return(d.path(), "good_q4.xlsx", "44.0%");
    let corrupt = d.path().join("broken_q3_2016-17.xlsx");
    // A truncated download: the first half of a real workbook.
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&corrupt, &bytes[..bytes.len() / 2]).unwrap();
    let undated = write(
        d.path(),
        "undated.xlsx",
        &[sheet(
            "Indicators",
            vec![
                vec![T("Family Services")],
                vec![
                    T("Ref"),
                    T("Indicator"),
                    T("Polarity"),
                    T("Target"),
                    T("Result"),
                ],
                vec![
                    T("FS/S5"),
                    T("Number of children adopted"),
                    T("Bigger is Better"),
                    N(10.0),
                    N(8.0),
                ],
            ],
        )],
    );
    let s = import(&db, &[corrupt.clone(), good, undated.clone()]);
    assert_eq!((s.imported, s.failed), (1, 2), "{s:#?}");
    let reason = |p: &PathBuf| {
        s.outcomes
            .iter()
            .find(|o| o.path == p.display().to_string())
            .and_then(|o| o.reason.clone())
            .unwrap()
    };
    assert!(reason(&corrupt).contains("damaged"), "{}", reason(&corrupt));
    assert!(
        reason(&undated).contains("no reporting period"),
        "{}",
        reason(&undated)
    );
    assert_eq!(count(&db, "SELECT count(*) FROM returns"), 1);
    assert_eq!(count(&db, "SELECT count(*) FROM indicator_values"), 2);
}

#[test]
fn a_period_and_service_given_on_the_command_line_are_used() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let undated = write(
        d.path(),
        "kpis.xlsx",
        &[sheet(
            "Indicators",
            vec![
                vec![T("Ref"), T("Indicator"), T("Polarity"), T("Result")],
                vec![
                    T("FS/S5"),
                    T("Number of children adopted"),
                    T("Bigger is Better"),
                    N(8.0),
                ],
            ],
        )],
    );
    Command::cargo_bin("kpicheck")
        .unwrap()
        .args(["import", "-q", "--db"])
        .arg(&db)
        .arg(&undated)
        .args(["--period", "Q2 2017/18", "--service", "Children's Services"])
        .assert()
        .code(0);
    assert_eq!(
        texts(
            &db,
            "SELECT service || ' ' || service_source || ' ' || period || ' ' || period_source FROM returns"
        ),
        ["Children's Services option Q2 2017/18 option"]
    );
}

#[test]
fn a_failure_inside_a_files_transaction_rolls_that_file_back() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let fail_q3 = |path: &str| {
        if path.contains("family_services_q3") {
            Err("disk unplugged".to_string())
        } else {
            Ok(())
        }
    };
    let s = import_with(&db, &[history()], Some(&fail_q3));
    assert_eq!((s.imported, s.failed), (2, 1), "{s:#?}");
    assert_eq!(count(&db, "SELECT count(*) FROM returns"), 2);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM indicator_values WHERE return_id NOT IN (SELECT id FROM returns)"
        ),
        0
    );
    assert_eq!(count(&db, "SELECT count(*) FROM indicator_values"), 33 + 13);
    // The rerun completes the batch.
    let s = import(&db, &[history()]);
    assert_eq!((s.imported, s.skipped), (1, 2));
    assert_eq!(
        count(&db, "SELECT count(*) FROM indicator_values"),
        33 + 33 + 13
    );
}

/// Many small returns, each with its own content.
fn batch(dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            quarter(
                dir,
                &format!("service_{i:03}_q4_2016-17.xlsx"),
                &format!("Service {i:03}"),
                2016,
                4,
                vec![
                    ind(
                        "FS/S5",
                        "Number of children adopted",
                        "Bigger is Better",
                        "10",
                        "8",
                        "7",
                        "12",
                    ),
                    ind(
                        "FS/S12",
                        "Number of new Common Assessment Frameworks opened in quarter",
                        "Bigger is Better",
                        "112",
                        "359",
                        "383",
                        "256",
                    ),
                ],
            )
        })
        .collect()
}

#[test]
fn an_import_killed_part_way_leaves_a_consistent_database_and_a_rerun_completes() {
    let d = tempfile::tempdir().unwrap();
    let files = d.path().join("returns");
    std::fs::create_dir(&files).unwrap();
    let n = 60;
    batch(&files, n);
    let db = d.path().join("k.db");
    let bin = assert_cmd::cargo::cargo_bin("kpicheck");
    let mut child = std::process::Command::new(&bin)
        .args(["import", "-q", "-j", "1", "--db"])
        .arg(&db)
        .arg(&files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as some returns are in, while others are not.
    let start = Instant::now();
    loop {
        let done = db.exists()
            && rusqlite::Connection::open(&db)
                .and_then(|c| {
                    c.query_row("SELECT count(*) FROM returns", [], |r| r.get::<_, i64>(0))
                })
                .unwrap_or(0)
                > 0;
        if done || start.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before = count(&db, "SELECT count(*) FROM returns");
    eprintln!("killed after {before} of {n} returns");
    assert!(before >= 1);
    assert_eq!(
        texts(&db, "PRAGMA integrity_check"),
        ["ok"],
        "the database is damaged"
    );
    // Every return that is in is whole: both its rows.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM returns r
             WHERE (SELECT count(*) FROM indicator_values v WHERE v.return_id = r.id) != 2"
        ),
        0
    );
    let s = import(&db, &[files]);
    assert_eq!(s.failed, 0, "{s:#?}");
    assert_eq!(s.imported as i64, n as i64 - before);
    assert_eq!(s.skipped as i64, before);
    assert_eq!(count(&db, "SELECT count(*) FROM returns"), n as i64);
    assert_eq!(
        count(&db, "SELECT count(*) FROM indicator_values"),
        2 * n as i64
    );
}

#[test]
fn a_database_locked_by_another_program_is_waited_for_then_reported() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let path = q4_return(d.path(), "fs_q4.xlsx", "44.0%");
    // Create the database, then hold its write lock.
    drop(kpicheck::store::open(&db, Duration::from_secs(1)).unwrap());
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let start = Instant::now();
    let out = Command::cargo_bin("kpicheck")
        .unwrap()
        .args(["import", "-q", "--busy-timeout", "1", "--db"])
        .arg(&db)
        .arg(&path)
        .assert()
        .code(2);
    assert!(start.elapsed() >= Duration::from_millis(900));
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("in use by another program (waited 1 s)"),
        "{stdout}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM returns"), 0);
}

#[test]
fn the_summary_comes_as_json_too() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let out = Command::cargo_bin("kpicheck")
        .unwrap()
        .args(["import", "--format", "json", "--db"])
        .arg(&db)
        .arg(history())
        .assert()
        .code(0);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["imported"], 3);
    assert_eq!(v["skipped"], 0);
    assert_eq!(v["failed"], 0);
    // 79 indicator rows, and the plan's 2017/18 and 2019/20 targets.
    assert_eq!(v["rows"], 79 + 26);
    assert_eq!(v["outcomes"].as_array().unwrap().len(), 3);
    assert_eq!(v["outcomes"][0]["status"], "imported");
}

/// A batch of several thousand returns: `cargo test --test import -- --ignored
/// --nocapture` prints how long import and audit take.
#[test]
#[ignore]
fn thousands_of_returns_import_and_audit() {
    let d = tempfile::tempdir().unwrap();
    let files = d.path().join("returns");
    std::fs::create_dir(&files).unwrap();
    let n = 3000;
    batch(&files, n);
    let db = d.path().join("k.db");
    let start = Instant::now();
    let s = import(&db, &[files]);
    let imported = start.elapsed();
    assert_eq!(s.imported, n);
    let start = Instant::now();
    let st = kpicheck::store::open(&db, Duration::from_secs(1)).unwrap();
    let findings = kpicheck::audit::run(&st.conn).unwrap();
    eprintln!(
        "{n} returns imported in {imported:.1?}, audited in {:.1?} ({} findings)",
        start.elapsed(),
        findings.len()
    );
}

#[test]
fn a_path_that_does_not_exist_is_reported_and_the_rest_imported() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let good = q4_return(d.path(), "fs_q4.xlsx", "44.0%");
    let out = Command::cargo_bin("kpicheck")
        .unwrap()
        .args(["import", "-q", "--db"])
        .arg(&db)
        .arg(&good)
        .arg(d.path().join("nowhere.xlsx"))
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("nowhere.xlsx"), "{text}");
    assert!(
        text.contains(
            "1 imported (0 earlier returns superseded, kept as history), 0 skipped as already present, 1 failed"
        ),
        "{text}"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM returns"), 1);
}

#[test]
fn finance_lines_keep_the_councils_figures_and_their_cells() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let s = import(
        &db,
        &[
            samples.join("family_services_q4_2016-17.xlsx"),
            samples.join("family_services_q1_2014-15.xlsx"),
        ],
    );
    assert_eq!(s.imported, 2, "{s:#?}");
    let line = |file: &str, line: &str| {
        texts(
            &db,
            &format!(
                "SELECT kind || '|' || sheet || '!' || line_cell || '|' || is_total || '|'
                        || variation_raw || '=' || variation || '@' || variation_cell || '|'
                        || variation_pct || '@' || variation_pct_cell
                 FROM finance_lines f JOIN returns r ON r.id = f.return_id
                 WHERE r.file_name = '{file}' AND line = '{line}'"
            ),
        )
    };
    // 2016/17 2.1: a variation of -465 and its % under a % format.
    assert_eq!(
        line(
            "family_services_q4_2016-17.xlsx",
            "Family Services Management"
        ),
        ["revenue|2 Finance!A6|0|-465=-465.0@E6|-68.7@G6"]
    );
    // 2014/15 4.1: "(526)" is -526.
    assert_eq!(
        line(
            "family_services_q1_2014-15.xlsx",
            "Childrens in Care & Provider services"
        ),
        ["revenue|4 Resources!A9|0|(526)=-526.0@E9|-2.4@G9"]
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM finance_lines WHERE is_total = 1 AND kind = 'revenue'"
        ),
        2
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_in_plain_words() {
    let d = tempfile::tempdir().unwrap();
    let not_db = d.path().join("notes.db");
    std::fs::write(&not_db, "these are my notes, not a database\n".repeat(100)).unwrap();
    let err = match kpicheck::store::open(&not_db, Duration::from_secs(1)) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("opened a text file as a database"),
    };
    assert!(err.contains("is not a kpicheck database"), "{err}");
    // A database from a later kpicheck is not touched.
    let newer = d.path().join("newer.db");
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let err = match kpicheck::store::open(&newer, Duration::from_secs(1)) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("opened a newer database"),
    };
    assert!(err.contains("newer kpicheck"), "{err}");
}

#[test]
fn risks_keep_label_and_number_and_their_cells() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    import(
        &db,
        &[
            samples.join("family_services_q4_2016-17.xlsx"),
            samples.join("family_services_q1_2014-15.xlsx"),
        ],
    );
    let risk = |id: &str| {
        texts(
            &db,
            &format!(
                "SELECT sheet || '!' || risk_id_cell || '|' || residual_impact || ' x '
                        || residual_likelihood || ' = ' || residual_score || ' ('
                        || replace(residual_score_raw, char(10), '/') || ')@' || residual_score_cell
                        || '|' || coalesce(band, '-') || '|' || coalesce(direction, '-') || '|'
                        || coalesce(response, '-')
                 FROM risks WHERE risk_id = '{id}'"
            ),
        )
    };
    // 2016/17 section 6: FS019, residual 3 x 4 = 12, a new risk.
    assert_eq!(
        risk("FS019"),
        ["6 Risk!A23|3.0 x 4.0 = 12.0 (12)@K23|-|New|Treat"]
    );
    // 2014/15 5.3: "Major 4", "Likely 4", "High 16" keep their words.
    assert_eq!(
        risk("DUFS0001"),
        ["5.3 Risk!A17|4.0 x 4.0 = 16.0 (High /16)@D17|High|-|Treat"]
    );
    assert_eq!(count(&db, "SELECT count(*) FROM risks"), 12);
}
