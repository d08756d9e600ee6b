//! `kpicheck audit`: each cross-period check fires at the cell that
//! disagrees, names the other location, and stays silent otherwise.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::returns::*;
use common::*;
use kpicheck::rules::Finding;

fn audit(db: &Path) -> Vec<Finding> {
    let st = kpicheck::store::open(db, std::time::Duration::from_secs(1)).unwrap();
    kpicheck::audit::run(&st.conn).unwrap()
}

/// Findings of one rule as "file!Sheet!A1 <- related".
fn fired(db: &Path, rule: &str) -> Vec<String> {
    audit(db)
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            let file = Path::new(&f.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let related = f.related.unwrap_or_default();
            let rel_file = related.split(" › ").next().unwrap_or("");
            let rel = Path::new(rel_file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let rel_cell = related.rsplit(" › ").next().unwrap_or("");
            format!("{file}!{} <- {rel}!{rel_cell}", f.cell)
        })
        .collect()
}

fn history() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/history")
}

fn s5(annual: &'static str, result: &'static str, prev: &'static str) -> Vec<C> {
    ind(
        "FS/S5",
        "Number of children adopted",
        "Bigger is Better",
        annual,
        result,
        prev,
        "12",
    )
}

fn s6(polarity: &'static str, result: &'static str, prev: &'static str) -> Vec<C> {
    ind(
        "FS/S6",
        "Percentage of children in London Borough of Barnet foster care",
        polarity,
        "42.5%",
        result,
        prev,
        "43.5%",
    )
}

/// A Q3 and a Q4 2016/17 return of Family Services, imported.
fn two_quarters(q3: Vec<Vec<C>>, q4: Vec<Vec<C>>) -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let a = quarter(d.path(), "fs_q3.xlsx", "Family Services", 2016, 3, q3);
    let b = quarter(d.path(), "fs_q4.xlsx", "Family Services", 2016, 4, q4);
    let db = d.path().join("k.db");
    let s = import(&db, &[a, b]);
    assert_eq!(s.imported, 2, "{s:#?}");
    (d, db)
}

#[test]
fn the_history_samples_show_the_planted_anomalies_and_the_seeds_disagreement() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    import(&db, &[history()]);
    assert_eq!(
        fired(&db, "audit.restated_result"),
        [
            // Planted: Q3 reported FS/S6 as 44.5%, Q4 quotes 44.9%.
            "family_services_q4_2016-17.xlsx!I9 <- family_services_q3_2016-17.xlsx!H9",
            // The seeds: the plan gives FS/S8's Q3 as 85.4%, Q4 quotes 83.4%.
            "family_services_q4_2016-17.xlsx!I19 <- commissioning_plan_q3_2016-17.xlsx!D37",
        ]
    );
    assert_eq!(
        fired(&db, "audit.polarity_changed"),
        ["family_services_q4_2016-17.xlsx!C38 <- family_services_q3_2016-17.xlsx!C38"]
    );
    // FS/C24: a rate of 30.4 in Q3, "21.9%" in Q4 (seed 001).
    assert_eq!(
        fired(&db, "audit.implausible_jump"),
        ["family_services_q4_2016-17.xlsx!H45 <- family_services_q3_2016-17.xlsx!H45"]
    );
    for quiet in [
        "audit.unit_changed",
        "audit.title_changed",
        "audit.target_changed_in_year",
        "audit.missing_quarter",
        "audit.risk_score_changed_while_same",
    ] {
        assert_eq!(fired(&db, quiet), Vec::<String>::new(), "{quiet}");
    }
    let s8 = audit(&db)
        .into_iter()
        .find(|f| f.key.as_deref() == Some("FS/S8"))
        .unwrap();
    assert_eq!(
        (s8.found.as_str(), s8.expected.as_deref()),
        ("83.4%", Some("85.4%"))
    );
}

#[test]
fn restated_result_fires_beyond_rounding_only() {
    let (_d, db) = two_quarters(
        vec![s6("Bigger is Better", "44.5%", "N/A"), s5("10", "7", "N/A")],
        vec![
            s6("Bigger is Better", "44.0%", "44.9%"),
            // "7" quoted for a reported 7: the same.
            s5("10", "8", "7"),
        ],
    );
    assert_eq!(
        fired(&db, "audit.restated_result"),
        ["fs_q4.xlsx!I3 <- fs_q3.xlsx!H3"]
    );
    let (_d, db) = two_quarters(
        vec![s6("Bigger is Better", "44.94%", "N/A")],
        // 44.9% is 44.94% to the one decimal shown.
        vec![s6("Bigger is Better", "44.0%", "44.9%")],
    );
    assert!(fired(&db, "audit.restated_result").is_empty());
}

#[test]
fn restated_result_checks_year_ago_quotes_too() {
    let d = tempfile::tempdir().unwrap();
    let a = quarter(
        d.path(),
        "fs_q4_2015.xlsx",
        "Family Services",
        2015,
        4,
        vec![s5("10", "11", "N/A")],
    );
    // The Q4 2016/17 return quotes Q4 2015/16 as 12.
    let b = quarter(
        d.path(),
        "fs_q4_2016.xlsx",
        "Family Services",
        2016,
        4,
        vec![s5("10", "8", "7")],
    );
    let db = d.path().join("k.db");
    import(&db, &[a, b]);
    assert_eq!(
        fired(&db, "audit.restated_result"),
        ["fs_q4_2016.xlsx!K3 <- fs_q4_2015.xlsx!H3"]
    );
}

#[test]
fn polarity_changed_fires_and_stays_silent() {
    let (_d, db) = two_quarters(
        vec![s6("Smaller is Better", "44.9%", "N/A")],
        vec![s6("Bigger is Better", "44.0%", "44.9%")],
    );
    assert_eq!(
        fired(&db, "audit.polarity_changed"),
        ["fs_q4.xlsx!C3 <- fs_q3.xlsx!C3"]
    );
    let (_d, db) = two_quarters(
        vec![s6("Bigger is \nBetter", "44.9%", "N/A")],
        vec![s6("Bigger is Better", "44.0%", "44.9%")],
    );
    assert!(fired(&db, "audit.polarity_changed").is_empty());
}

/// A return with a Unit column, for an indicator the catalogue does not know.
fn with_unit(dir: &Path, name: &str, q: u8, unit: &'static str, title: &'static str) -> PathBuf {
    let mut head = header(2016, q);
    head.push(T("Unit"));
    let mut row = ind("XX/1", title, "Bigger is Better", "50", "40", "38", "30");
    row.push(T(unit));
    write(
        dir,
        name,
        &[sheet(
            "KPIs",
            vec![vec![S(format!("Housing – Q{q} 2016/17"))], head, row],
        )],
    )
}

#[test]
fn unit_changed_fires_and_stays_silent() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let a = with_unit(d.path(), "h_q3.xlsx", 3, "count", "Homes let");
    let b = with_unit(d.path(), "h_q4.xlsx", 4, "%", "Homes let");
    import(&db, &[a, b]);
    assert_eq!(
        fired(&db, "audit.unit_changed"),
        ["h_q4.xlsx!H3 <- h_q3.xlsx!H3"]
    );
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let a = with_unit(d.path(), "h_q3.xlsx", 3, "count", "Homes let");
    let b = with_unit(d.path(), "h_q4.xlsx", 4, "Count", "Homes let");
    import(&db, &[a, b]);
    assert!(fired(&db, "audit.unit_changed").is_empty());
}

#[test]
fn title_changed_fires_and_ignores_case_spacing_and_punctuation() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let a = with_unit(d.path(), "h_q3.xlsx", 3, "count", "Homes let");
    let b = with_unit(d.path(), "h_q4.xlsx", 4, "count", "Homes let to families");
    import(&db, &[a, b]);
    assert_eq!(
        fired(&db, "audit.title_changed"),
        ["h_q4.xlsx!B3 <- h_q3.xlsx!B3"]
    );
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let a = with_unit(d.path(), "h_q3.xlsx", 3, "count", "Homes let");
    let b = with_unit(d.path(), "h_q4.xlsx", 4, "count", "homes  let.");
    import(&db, &[a, b]);
    assert!(fired(&db, "audit.title_changed").is_empty());
}

#[test]
fn target_changed_in_year_fires_within_a_year_only() {
    let (_d, db) = two_quarters(vec![s5("10", "7", "N/A")], vec![s5("8", "8", "7")]);
    assert_eq!(
        fired(&db, "audit.target_changed_in_year"),
        ["fs_q4.xlsx!E3 <- fs_q3.xlsx!E3"]
    );
    let (_d, db) = two_quarters(vec![s5("10", "7", "N/A")], vec![s5("10", "8", "7")]);
    assert!(fired(&db, "audit.target_changed_in_year").is_empty());
    // A new year's target is not a change within the year.
    let d = tempfile::tempdir().unwrap();
    let a = quarter(
        d.path(),
        "q4_2015.xlsx",
        "Family Services",
        2015,
        4,
        vec![s5("12", "11", "N/A")],
    );
    let b = quarter(
        d.path(),
        "q1_2016.xlsx",
        "Family Services",
        2016,
        1,
        vec![s5("10", "2", "11")],
    );
    let db = d.path().join("k.db");
    import(&db, &[a, b]);
    assert!(fired(&db, "audit.target_changed_in_year").is_empty());
}

#[test]
fn missing_quarter_fires_for_a_ref_dropped_within_a_year() {
    let (_d, db) = two_quarters(
        vec![s5("10", "7", "N/A"), s6("Bigger is Better", "44.9%", "N/A")],
        vec![s5("10", "8", "7")],
    );
    // At the first cell of the Q4 return's table; related: the Q3 row.
    assert_eq!(
        fired(&db, "audit.missing_quarter"),
        ["fs_q4.xlsx!A2 <- fs_q3.xlsx!A4"]
    );
    let (_d, db) = two_quarters(
        vec![s5("10", "7", "N/A"), s6("Bigger is Better", "44.9%", "N/A")],
        vec![s5("10", "8", "7"), s6("Bigger is Better", "44.0%", "44.9%")],
    );
    assert!(fired(&db, "audit.missing_quarter").is_empty());
    // Another service's returns are not compared.
    let d = tempfile::tempdir().unwrap();
    let a = quarter(
        d.path(),
        "fs_q3.xlsx",
        "Family Services",
        2016,
        3,
        vec![s5("10", "7", "N/A"), s6("Bigger is Better", "44.9%", "N/A")],
    );
    let b = quarter(
        d.path(),
        "adults_q4.xlsx",
        "Adults",
        2016,
        4,
        vec![s5("10", "8", "7")],
    );
    let db = d.path().join("k.db");
    import(&db, &[a, b]);
    assert!(fired(&db, "audit.missing_quarter").is_empty());
}

fn c24(result: &'static str, prev: &'static str) -> Vec<C> {
    ind(
        "FS/C24",
        "Number of children subject to a CP Plan (per 10,000)",
        "Monitor",
        "Monitor",
        result,
        prev,
        "30.1",
    )
}

#[test]
fn implausible_jump_fires_on_a_power_of_ten_or_a_percentage_on_a_rate() {
    let (_d, db) = two_quarters(vec![c24("30.4", "N/A")], vec![c24("304", "30.4")]);
    assert_eq!(
        fired(&db, "audit.implausible_jump"),
        ["fs_q4.xlsx!H3 <- fs_q3.xlsx!H3"]
    );
    let (_d, db) = two_quarters(vec![c24("30.4", "N/A")], vec![c24("21.9%", "30.4")]);
    let f = audit(&db);
    let jump = f
        .iter()
        .find(|f| f.rule == "audit.implausible_jump")
        .unwrap();
    assert!(
        jump.message.contains("shown as a percentage"),
        "{}",
        jump.message
    );
    assert_eq!(
        (jump.found.as_str(), jump.expected.as_deref()),
        ("21.9%", Some("30.4"))
    );
    let (_d, db) = two_quarters(vec![c24("30.4", "N/A")], vec![c24("21.9", "30.4")]);
    assert!(fired(&db, "audit.implausible_jump").is_empty());
}

#[test]
fn implausible_jump_reports_the_spike_not_the_return_to_normal() {
    let d = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = [(2, "30.4"), (3, "304"), (4, "30.1")]
        .into_iter()
        .map(|(q, v)| {
            quarter(
                d.path(),
                &format!("fs_q{q}.xlsx"),
                "Family Services",
                2016,
                q,
                vec![c24(v, "N/A")],
            )
        })
        .collect();
    let db = d.path().join("k.db");
    import(&db, &paths);
    assert_eq!(
        fired(&db, "audit.implausible_jump"),
        ["fs_q3.xlsx!H3 <- fs_q2.xlsx!H3"]
    );
}

/// Two returns with one risk each, written straight into the database:
/// the risk register's import comes with its typed model.
fn risks(q3: (f64, &str), q4: (f64, &str)) -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let st = kpicheck::store::open(&db, std::time::Duration::from_secs(1)).unwrap();
    for (i, (q, (score, direction))) in [(3, q3), (4, q4)].into_iter().enumerate() {
        st.conn
            .execute(
                "INSERT INTO returns (path, file_name, content_hash, service, service_source, period,
                    financial_year, quarter, period_index, period_source, imported_at, import_run, status)
                 VALUES (?1, ?1, ?2, 'Family Services', 'title', ?3, 2016, ?4, ?5, 'headers', 'now', 1, 'current')",
                rusqlite::params![
                    format!("fs_q{q}.xlsx"),
                    format!("hash{i}"),
                    format!("Q{q} 2016/17"),
                    q,
                    2016 * 4 + q - 1
                ],
            )
            .unwrap();
        let id = st.conn.last_insert_rowid();
        st.conn
            .execute(
                "INSERT INTO risks (return_id, sheet, row, risk_id, risk_id_cell, title,
                    residual_score_raw, residual_score, residual_score_cell, direction_raw,
                    direction, direction_cell)
                 VALUES (?1, 'Risks', 5, 'FS019', 'A5', 'Placement sufficiency', ?2, ?3, 'K5', ?4, ?4, 'L5')",
                rusqlite::params![id, score.to_string(), score, direction],
            )
            .unwrap();
    }
    (d, db)
}

#[test]
fn risk_score_changed_while_same_fires_and_stays_silent() {
    let (_d, db) = risks((9.0, "Same"), (12.0, "Same"));
    assert_eq!(
        fired(&db, "audit.risk_score_changed_while_same"),
        ["fs_q4.xlsx!K5 <- fs_q3.xlsx!K5"]
    );
    let (_d, db) = risks((9.0, "Same"), (12.0, "Increased"));
    assert!(fired(&db, "audit.risk_score_changed_while_same").is_empty());
    let (_d, db) = risks((12.0, "Increased"), (12.0, "Same"));
    assert!(fired(&db, "audit.risk_score_changed_while_same").is_empty());
}

#[test]
fn superseded_returns_are_not_audited() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let q3 = quarter(
        d.path(),
        "fs_q3.xlsx",
        "Family Services",
        2016,
        3,
        vec![s6("Bigger is Better", "44.5%", "N/A")],
    );
    let q4 = quarter(
        d.path(),
        "fs_q4.xlsx",
        "Family Services",
        2016,
        4,
        vec![s6("Bigger is Better", "44.0%", "44.9%")],
    );
    import(&db, &[q3.clone(), q4]);
    assert_eq!(fired(&db, "audit.restated_result").len(), 1);
    // The corrected Q3 return supersedes the one that disagreed.
    quarter(
        d.path(),
        "fs_q3.xlsx",
        "Family Services",
        2016,
        3,
        vec![s6("Bigger is Better", "44.9%", "N/A")],
    );
    import(&db, &[q3]);
    assert!(fired(&db, "audit.restated_result").is_empty());
}

#[test]
fn the_audit_command_speaks_the_check_json_contract() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    import(&db, &[history()]);
    let report = d.path().join("audit.xlsx");
    let out = Command::cargo_bin("kpicheck")
        .unwrap()
        .args(["audit", "--format", "json", "--db"])
        .arg(&db)
        .arg("--report")
        .arg(&report)
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 4);
    let s6 = findings.iter().find(|f| f["key"] == "FS/S6").unwrap();
    assert_eq!(s6["rule"], "audit.restated_result");
    assert_eq!(s6["family"], "audit");
    assert_eq!(s6["cell"], "I9");
    assert_eq!(s6["found"], "44.9%");
    assert_eq!(s6["expected"], "44.5%");
    assert!(s6["related"]
        .as_str()
        .unwrap()
        .ends_with("family_services_q3_2016-17.xlsx › 3.2a Indicators › H9"));
    assert_eq!(v["files"].as_array().unwrap().len(), 3);
    assert!(report.is_file());
    // Text names both locations.
    let out = Command::cargo_bin("kpicheck")
        .unwrap()
        .args(["audit", "--db"])
        .arg(&db)
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("--> "), "{text}");
    assert!(text.contains("= see: "), "{text}");
}

#[test]
fn audit_without_a_database_says_so() {
    let d = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("kpicheck")
        .unwrap()
        .args(["audit", "--db"])
        .arg(d.path().join("none.db"))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("no database at"), "{err}");
}

#[test]
fn export_writes_one_row_per_ref_and_period() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    import(&db, &[history()]);
    let out = d.path().join("values.csv");
    Command::cargo_bin("kpicheck")
        .unwrap()
        .args(["export", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    let csv = std::fs::read_to_string(&out).unwrap();
    // Records end in CRLF; a bare LF is a line break inside a quoted title.
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + 33 + 33 + 13);
    assert!(lines[0].starts_with("service,period,financial_year,quarter,ref,title"));
    let s6: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("Family Services,") && l.contains(",FS/S6,"))
        .collect();
    assert_eq!(s6.len(), 2, "{s6:?}");
    assert!(s6[0].starts_with("Family Services,Q3 2016/17,2016/17,3,FS/S6,"));
    assert!(s6[0].contains(",44.5,44.5%,"), "{}", s6[0]);
    assert!(s6[1].starts_with("Family Services,Q4 2016/17,2016/17,4,FS/S6,"));
}

#[test]
fn risk_scores_without_a_score_column_are_impact_times_likelihood() {
    let (_d, db) = risks((9.0, "Same"), (12.0, "Same"));
    // Take the score cells away: 3 x 3 in Q3, 3 x 4 in Q4.
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "UPDATE risks SET residual_impact = 3, residual_impact_raw = 'Moderate 3',
                residual_likelihood = residual_score / 3, residual_likelihood_cell = 'J5',
                residual_likelihood_raw = cast(residual_score / 3 AS INTEGER),
                residual_score = NULL, residual_score_raw = NULL, residual_score_cell = NULL",
    )
    .unwrap();
    assert_eq!(
        fired(&db, "audit.risk_score_changed_while_same"),
        ["fs_q4.xlsx!J5 <- fs_q3.xlsx!J5"]
    );
    let f = audit(&db);
    assert_eq!(f[0].found, "Moderate 3 x 4");
    assert_eq!(f[0].expected.as_deref(), Some("Moderate 3 x 3"));
}

#[test]
fn importing_all_samples_twice_then_auditing_finds_the_history_anomalies() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let first = import(&db, std::slice::from_ref(&samples));
    assert_eq!(first.failed, 0, "{first:#?}");
    let tables = [
        "returns",
        "return_tables",
        "indicator_values",
        "risks",
        "finance_lines",
        "other_values",
        "findings",
    ];
    let counts = || -> Vec<i64> {
        tables
            .iter()
            .map(|t| count(&db, &format!("SELECT count(*) FROM {t}")))
            .collect()
    };
    let before = counts();
    let second = import(&db, &[samples]);
    assert_eq!(second.skipped, first.files);
    assert_eq!(counts(), before);
    let out = Command::cargo_bin("kpicheck")
        .unwrap()
        .args(["audit", "--format", "csv", "--db"])
        .arg(&db)
        .assert()
        .code(1);
    let csv = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for (cell, rule) in [
        ("I9", "audit.restated_result"),
        ("I19", "audit.restated_result"),
        ("C38", "audit.polarity_changed"),
        ("H45", "audit.implausible_jump"),
    ] {
        assert!(
            csv.lines()
                .any(|l| l.contains("history/family_services_q4_2016-17.xlsx")
                    && l.contains(&format!(",{cell},"))
                    && l.contains(rule)),
            "{cell} {rule}\n{csv}"
        );
    }
}
