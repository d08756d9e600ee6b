//! Risk registers and heat maps: the rules of the `risk` and `heatmap`
//! families on small workbooks laid out like the Family Services returns,
//! and on the sample transcriptions of the published reports.

mod common;

use common::*;
use kpicheck::rules::{FixValue, Severity};

// ---------------------------------------------------------------------------
// Registers in the newer form (001, section 6): separate inherent and
// residual columns under two-row group headers.

/// Columns: A id, B title, C owner, D-E inherent impact and likelihood, F-H
/// residual impact, likelihood and score, I direction, J response.
fn header_001() -> Vec<Vec<C>> {
    vec![
        vec![T("Risk register")],
        vec![
            T("Risk \nID"),
            T("Short Risk Title"),
            T("Risk \nOwner"),
            T("Inherent Risk \n(without \ncontrols)"),
            E,
            T("Residual Risk \n(with controls in place)"),
            E,
            E,
            T("Direction \nof Travel"),
            T("Response \nOption"),
        ],
        vec![
            E,
            E,
            E,
            T("Impact"),
            T("Likelihood"),
            T("Impact"),
            T("Likelihood"),
            T("Risk \nScore"),
        ],
    ]
}

#[allow(clippy::too_many_arguments)]
fn r001(
    id: &'static str,
    ii: f64,
    il: f64,
    ri: f64,
    rl: f64,
    rs: f64,
    dot: &'static str,
    resp: &'static str,
) -> Vec<C> {
    vec![
        T(id),
        T("A risk"),
        T("Asst.Director, Social Care"),
        N(ii),
        N(il),
        N(ri),
        N(rl),
        N(rs),
        T(dot),
        T(resp),
    ]
}

fn good_001() -> Vec<Vec<C>> {
    vec![
        r001("FS001", 5.0, 5.0, 4.0, 4.0, 16.0, "Same", "Treat"),
        r001("FS007", 5.0, 5.0, 4.0, 3.0, 12.0, "Same", "Treat"),
        r001("FS020", 3.0, 5.0, 3.0, 4.0, 12.0, "New", "Treat"),
        r001("FS030", 2.0, 3.0, 2.0, 2.0, 4.0, "Reduced", "Tolerate"),
        r001("FS031", 3.0, 3.0, 3.0, 3.0, 9.0, "Increased", "Transfer"),
    ]
}

/// Sheet row (1-based) of data row `i`: a title and two header rows come first.
fn row(i: usize) -> usize {
    i + 4
}

fn register_001(edits: &[(usize, usize, C)]) -> kpicheck::check::Analysis {
    let mut data = good_001();
    for (r, c, v) in edits {
        data[*r][*c] = v.clone();
    }
    let mut rows = header_001();
    rows.extend(data);
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "r.xlsx", &[sheet("Risks", rows)]);
    analyse(&p)
}

#[test]
fn correct_register_raises_nothing() {
    let a = register_001(&[]);
    assert_eq!(a.tables.len(), 1, "{:?}", a.table_infos());
    assert_eq!(a.tables[0].kind(), "risks");
    assert_eq!(a.tables[0].rows.len(), 5);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn score_not_the_product_is_fixed_to_it() {
    let a = register_001(&[(1, 7, N(16.0))]);
    assert_eq!(
        at(&a, "risk.score_mismatch"),
        vec![format!("Risks!H{}", row(1))]
    );
    let f = find(&a, "risk.score_mismatch")[0];
    assert_eq!(f.fix, Some(FixValue::Number(12.0)));
    assert_eq!(f.key.as_deref(), Some("FS007"));
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
}

#[test]
fn level_out_of_range() {
    let a = register_001(&[(3, 5, N(6.0)), (3, 7, N(12.0))]);
    assert_eq!(
        at(&a, "risk.level_out_of_range"),
        vec![format!("Risks!F{}", row(3))]
    );
    // Without a clean impact there is no product to hold the score to.
    assert!(
        at(&a, "risk.score_mismatch").is_empty(),
        "{:#?}",
        a.findings
    );
    let a = register_001(&[(3, 3, N(2.5))]);
    assert_eq!(
        at(&a, "risk.level_out_of_range"),
        vec![format!("Risks!D{}", row(3))]
    );
}

#[test]
fn residual_above_inherent_is_a_warning_at_the_residual_score() {
    // FS019 as published: inherent 3 x 3 = 9, residual 3 x 4 = 12.
    let a = register_001(&[
        (4, 3, N(3.0)),
        (4, 4, N(3.0)),
        (4, 5, N(3.0)),
        (4, 6, N(4.0)),
        (4, 7, N(12.0)),
    ]);
    assert_eq!(
        at(&a, "risk.residual_above_inherent"),
        vec![format!("Risks!H{}", row(4))]
    );
    let f = find(&a, "risk.residual_above_inherent")[0];
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.related.as_deref(),
        Some(format!("Risks!E{}", row(4)).as_str())
    );
    assert!(
        f.message.contains("3 x 4 = 12") && f.message.contains("3 x 3 = 9"),
        "{}",
        f.message
    );
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
}

#[test]
fn residual_equal_to_inherent_is_fine() {
    // FS031: 3 x 3 both before and after controls.
    let a = register_001(&[]);
    assert!(at(&a, "risk.residual_above_inherent").is_empty());
}

#[test]
fn unknown_direction_of_travel() {
    let a = register_001(&[(0, 8, T("Improving")), (1, 8, T("Sme"))]);
    assert_eq!(
        at(&a, "risk.unknown_direction"),
        vec![format!("Risks!I{}", row(0)), format!("Risks!I{}", row(1))]
    );
    let f = find(&a, "risk.unknown_direction");
    assert_eq!(f[0].fix, None);
    assert_eq!(f[1].fix, Some(FixValue::Text("Same".into())));
}

#[test]
fn direction_synonyms_and_na_are_accepted() {
    let a = register_001(&[
        (0, 8, T("Unchanged")),
        (1, 8, T("Decreased")),
        (2, 8, T("N/A")),
    ]);
    assert!(
        at(&a, "risk.unknown_direction").is_empty(),
        "{:#?}",
        a.findings
    );
}

#[test]
fn unknown_response_option() {
    let a = register_001(&[(2, 9, T("Monitor")), (3, 9, T("Treet"))]);
    assert_eq!(
        at(&a, "risk.unknown_response"),
        vec![format!("Risks!J{}", row(2)), format!("Risks!J{}", row(3))]
    );
    assert_eq!(
        find(&a, "risk.unknown_response")[1].fix,
        Some(FixValue::Text("Treat".into()))
    );
}

#[test]
fn duplicate_ids_are_reported_at_the_repeat() {
    let a = register_001(&[(3, 0, T("FS 007"))]);
    assert_eq!(
        at(&a, "risk.duplicate_id"),
        vec![format!("Risks!A{}", row(3))]
    );
    assert_eq!(
        find(&a, "risk.duplicate_id")[0].related.as_deref(),
        Some(format!("Risks!A{}", row(1)).as_str())
    );
}

#[test]
fn band_column_is_checked_against_the_score() {
    let mut rows = header_001();
    rows[1].push(T("Risk Band"));
    let mut good = good_001();
    for (r, band) in good.iter_mut().zip([
        "High",
        "Medium High",
        "Medium-High",
        "Medium Low",
        "Medium High",
    ]) {
        r.push(T(band));
    }
    let mut bad = good_001();
    for (r, band) in
        bad.iter_mut()
            .zip(["High", "High", "Medium High", "Medium Low", "Medium High"])
    {
        r.push(T(band));
    }
    let dir = tempfile::tempdir().unwrap();
    let mut g = rows.clone();
    g.extend(good);
    let a = analyse(&write(dir.path(), "g.xlsx", &[sheet("Risks", g)]));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    let mut b = rows;
    b.extend(bad);
    let a = analyse(&write(dir.path(), "b.xlsx", &[sheet("Risks", b)]));
    assert_eq!(
        at(&a, "risk.band_mismatch"),
        vec![format!("Risks!K{}", row(1))]
    );
    assert_eq!(
        find(&a, "risk.band_mismatch")[0].fix,
        Some(FixValue::Text("Medium High".into()))
    );
}

// ---------------------------------------------------------------------------
// Registers in the older form (002, 5.3): "Major 4" cells, current and
// target assessments, the title in the id cell.

/// Columns: A risk, B-D current impact, probability, rating, E controls, F
/// status, G-I target impact, probability, rating.
fn header_002() -> Vec<Vec<C>> {
    vec![
        vec![T("5.3. Risk Overview")],
        vec![
            T("Risk"),
            T("Current Assessment"),
            E,
            E,
            T("Control Actions"),
            T("Risk \nStatus"),
            T("Target Assessment"),
        ],
        vec![
            E,
            T("Impact"),
            T("Probability"),
            T("Rating"),
            E,
            E,
            T("Impact"),
            T("Probability"),
            T("Rating"),
        ],
    ]
}

fn good_002() -> Vec<Vec<C>> {
    vec![
        vec![
            T("DUFS0001 \nFailure to meet 3 year budget Savings"),
            T("Major \n4"),
            T("Likely \n4"),
            T("High \n16"),
            T("Regular monitoring of budgets and MTFS"),
            T("Treat"),
            T("Negligible\n1"),
            T("Unlikely \n2"),
            T("Low \n2"),
        ],
        vec![
            T("DUFS0017 \nDelays in delivering new case management system"),
            T("Moderate\n3"),
            T("Almost \nCertain\n\n5"),
            T("High \n15"),
            T("Regular meetings with IS"),
            T("Tolerate"),
            T("Moderate\n3"),
            T("Possible \n3"),
            T("Medium \nHigh \n\n9"),
        ],
        vec![
            T("DUFS0024 \nInconsistent approach to Information Management"),
            T("Major \n4"),
            T("Possible\n3"),
            T("Medium \nHigh \n12"),
            T("Information Management and Governance group"),
            T("Treat"),
            T("Moderate\n3"),
            T("Unlikely \n2"),
            T("Medium \nLow \n\n6"),
        ],
        vec![
            T("DUFS0025 \nA failure in the approach to the delivery of children's services"),
            T("4 Major"),
            T("3 Possible"),
            T("12 Medium High"),
            T("Programme of case file audits"),
            T("Treat"),
            T("Major"),
            T("Possible"),
            T("Medium High"),
        ],
    ]
}

fn register_002(edits: &[(usize, usize, C)]) -> kpicheck::check::Analysis {
    let mut data = good_002();
    for (r, c, v) in edits {
        data[*r][*c] = v.clone();
    }
    let mut rows = header_002();
    rows.extend(data);
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "r.xlsx", &[sheet("Risks", rows)]);
    analyse(&p)
}

#[test]
fn older_form_correct_register_raises_nothing() {
    let a = register_002(&[]);
    assert_eq!(a.tables.len(), 1, "{:?}", a.table_infos());
    assert_eq!(a.tables[0].rows.len(), 4);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn older_form_band_label_against_its_score() {
    let a = register_002(&[(2, 3, T("High \n12"))]);
    assert_eq!(
        at(&a, "risk.band_mismatch"),
        vec![format!("Risks!D{}", row(2))]
    );
    let f = find(&a, "risk.band_mismatch")[0];
    assert_eq!(f.fix, Some(FixValue::Text("Medium High 12".into())));
    assert_eq!(f.key.as_deref(), Some("DUFS0024"));
    assert_eq!(
        f.title.as_deref(),
        Some("Inconsistent approach to Information Management")
    );
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
}

#[test]
fn older_form_wrong_score_fixes_band_and_number_together() {
    // "High 16" on 4 x 3: the number is wrong, the label agrees with it, so
    // one finding, whose fix puts both right.
    let a = register_002(&[(2, 3, T("High 16"))]);
    assert_eq!(
        at(&a, "risk.score_mismatch"),
        vec![format!("Risks!D{}", row(2))]
    );
    assert_eq!(
        find(&a, "risk.score_mismatch")[0].fix,
        Some(FixValue::Text("Medium High 12".into()))
    );
    assert!(at(&a, "risk.band_mismatch").is_empty(), "{:#?}", a.findings);
    // The assessment is named as the register heads it.
    let msg = &find(&a, "risk.score_mismatch")[0].message;
    assert!(
        msg.starts_with("current score 16 is not impact 4 x likelihood 3 = 12"),
        "{msg}"
    );
    // Number first stays number first.
    let a = register_002(&[(3, 3, T("16 High"))]);
    assert_eq!(
        find(&a, "risk.score_mismatch")[0].fix,
        Some(FixValue::Text("12 Medium High".into()))
    );
}

#[test]
fn label_only_band_is_checked_against_the_product() {
    let a = register_002(&[(3, 8, T("High"))]);
    assert_eq!(
        at(&a, "risk.band_mismatch"),
        vec![format!("Risks!I{}", row(3))]
    );
    assert_eq!(
        find(&a, "risk.band_mismatch")[0].fix,
        Some(FixValue::Text("Medium High".into()))
    );
}

#[test]
fn level_label_must_match_its_number_and_scale() {
    let a = register_002(&[
        (0, 1, T("Major \n3")),
        (1, 2, T("Major 5")),
        (2, 6, T("Severe 3")),
    ]);
    assert_eq!(
        at(&a, "risk.level_label_mismatch"),
        vec![
            format!("Risks!B{}", row(0)),
            format!("Risks!C{}", row(1)),
            format!("Risks!G{}", row(2)),
        ]
    );
    let f = find(&a, "risk.level_label_mismatch");
    assert!(
        f[0].message.contains("'Major', which is 4"),
        "{}",
        f[0].message
    );
    assert!(
        f[1].message.contains("on the impact scale"),
        "{}",
        f[1].message
    );
    // A level nobody can read has no product: the score is not judged.
    assert!(
        at(&a, "risk.score_mismatch").is_empty(),
        "{:#?}",
        a.findings
    );
}

#[test]
fn target_above_current_is_a_warning_at_the_target() {
    let a = register_002(&[
        (1, 6, T("Major 4")),
        (1, 7, T("Likely 4")),
        (1, 8, T("High 16")),
    ]);
    assert_eq!(
        at(&a, "risk.target_above_current"),
        vec![format!("Risks!I{}", row(1))]
    );
    assert_eq!(
        find(&a, "risk.target_above_current")[0].severity,
        Severity::Warning
    );
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
}

#[test]
fn target_equal_to_current_is_fine() {
    // DUFS0025 keeps its 12 as the target.
    let a = register_002(&[]);
    assert!(at(&a, "risk.target_above_current").is_empty());
}

#[test]
fn bands_come_from_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    std::fs::create_dir(&schemas).unwrap();
    let shipped = include_str!("../schemas/risks.toml");
    let (head, _) = shipped.split_once("[params]").unwrap();
    std::fs::write(
        schemas.join("risks.toml"),
        format!("{head}[params]\nrisk-bands = [\n  {{ label = \"Low\", min = 1, max = 4 }},\n  {{ label = \"Medium\", min = 5, max = 11 }},\n  {{ label = \"High\", min = 12, max = 25 }},\n]\n"),
    )
    .unwrap();
    let mut rows = header_002();
    rows.push(vec![
        T("DUFS0024 Data protection"),
        T("Major 4"),
        T("Possible 3"),
        T("High 12"),
        E,
        T("Treat"),
        T("Moderate 3"),
        T("Unlikely 2"),
        T("Medium 6"),
    ]);
    let p = write(dir.path(), "r.xlsx", &[sheet("Risks", rows)]);
    let set = kpicheck::schema::SchemaSet::with_dir(&schemas).unwrap();
    let a = kpicheck::check::analyse_path(&p, "r.xlsx", &set, &Default::default()).unwrap();
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    // The shipped bands call 12 Medium High.
    let a = analyse(&p);
    assert_eq!(
        at(&a, "risk.band_mismatch"),
        vec![format!("Risks!D{}", row(0)), format!("Risks!I{}", row(0))]
    );
}

// ---------------------------------------------------------------------------
// Heat maps.

/// Counts by impact (5 down to 1) and likelihood (1 to 5).
type Counts = [[f64; 5]; 5];

/// The heat map of `full_register`: 4x4 one, 4x3 two, 3x4 one, 2x2 one.
fn counts() -> Counts {
    let mut c = [[0.0; 5]; 5];
    c[1][3] = 1.0; // impact 4, likelihood 4
    c[1][2] = 2.0; // impact 4, likelihood 3
    c[2][3] = 1.0; // impact 3, likelihood 4
    c[3][1] = 1.0; // impact 2, likelihood 2
    c
}

const IMPACT: [&str; 5] = ["Negligible", "Minor", "Moderate", "Major", "Catastrophic"];
const LIKELIHOOD: [&str; 5] = ["Rare", "Unlikely", "Possible", "Likely", "Almost Certain"];

fn n_or_blank(v: f64) -> C {
    if v == 0.0 {
        E
    } else {
        N(v)
    }
}

/// Impact in the rows ("5 Catastrophic" down to "1 Negligible"), likelihood
/// in the columns ("1 Rare" ... "5 Almost Certain"), grid at C3:G7, zeros
/// blank, with a totals column H and row 8 when `totals`.
fn map_impact_rows(c: &Counts, totals: bool) -> Vec<Vec<C>> {
    let mut rows = vec![vec![E, E, T("Likelihood")]];
    let mut head = vec![E, E];
    head.extend((0..5).map(|l| S(format!("{} {}", l + 1, LIKELIHOOD[l]))));
    if totals {
        head.push(T("Total"));
    }
    rows.push(head);
    for (k, counts) in c.iter().enumerate() {
        let level = 5 - k;
        let mut r = vec![E, S(format!("{level} {}", IMPACT[level - 1]))];
        r.extend(counts.iter().map(|&v| n_or_blank(v)));
        if totals {
            r.push(N(counts.iter().sum()));
        }
        rows.push(r);
    }
    if totals {
        let mut r = vec![E, T("Total")];
        r.extend((0..5).map(|l| N(c.iter().map(|row| row[l]).sum())));
        r.push(N(c.iter().flatten().sum()));
        rows.push(r);
    }
    rows
}

/// Likelihood in the rows ("Almost Certain 5" ... "Rare 1"), impact in the
/// columns as words over numbers; grid at C4:G8, zeros written as 0.
fn map_likelihood_rows(c: &Counts) -> Vec<Vec<C>> {
    let mut rows = vec![vec![E, E, T("Impact")]];
    let mut words = vec![E, E];
    words.extend(IMPACT.iter().map(|w| T(w)));
    rows.push(words);
    let mut nums = vec![E, T("SCORE")];
    nums.extend((1..=5).map(|n| N(n as f64)));
    rows.push(nums);
    for k in 0..5 {
        let lik = 5 - k;
        let mut r = vec![E, S(format!("{} {lik}", LIKELIHOOD[lik - 1]))];
        r.extend((0..5).map(|i| N(c[4 - i][lik - 1])));
        rows.push(r);
    }
    rows
}

fn full_register() -> Vec<Vec<C>> {
    let mut rows = header_001();
    rows.extend(vec![
        r001("FS001", 5.0, 5.0, 4.0, 4.0, 16.0, "Same", "Treat"),
        r001("FS007", 5.0, 5.0, 4.0, 3.0, 12.0, "Same", "Treat"),
        r001("FS010", 4.0, 5.0, 4.0, 3.0, 12.0, "Same", "Treat"),
        r001("FS020", 3.0, 5.0, 3.0, 4.0, 12.0, "New", "Treat"),
        r001("FS030", 2.0, 3.0, 2.0, 2.0, 4.0, "Reduced", "Tolerate"),
    ]);
    rows
}

/// The register without its risk scored under 12, as the reports list them.
fn top_register() -> Vec<Vec<C>> {
    let mut rows = full_register();
    rows.pop();
    rows
}

fn check_sheets(sheets: &[SheetSpec]) -> kpicheck::check::Analysis {
    let dir = tempfile::tempdir().unwrap();
    analyse(&write(dir.path(), "h.xlsx", sheets))
}

#[test]
fn heat_map_agreeing_with_the_register_raises_nothing() {
    for map in [
        map_impact_rows(&counts(), true),
        map_likelihood_rows(&counts()),
    ] {
        let a = check_sheets(&[sheet("Heat map", map), sheet("Register", full_register())]);
        let kinds: Vec<&str> = a.tables.iter().map(|t| t.kind()).collect();
        assert_eq!(kinds, vec!["heatmap", "risks"], "{:?}", a.table_infos());
        assert!(a.findings.is_empty(), "{:#?}", a.findings);
    }
}

#[test]
fn heat_map_count_against_the_register_impact_rows() {
    let mut c = counts();
    c[1][2] = 3.0; // impact 4 x likelihood 3: the register has two
    c[0][0] = 1.0; // impact 5 x likelihood 1: the register has none
    let a = check_sheets(&[
        sheet("Heat map", map_impact_rows(&c, false)),
        sheet("Register", full_register()),
    ]);
    assert_eq!(
        at(&a, "heatmap.count_mismatch"),
        vec!["Heat map!C3", "Heat map!E4"]
    );
    let f = find(&a, "heatmap.count_mismatch");
    assert_eq!(f[1].fix, Some(FixValue::Number(2.0)));
    assert!(f[1].message.contains("FS007, FS010"), "{}", f[1].message);
    assert_eq!(f[0].fix, Some(FixValue::Number(0.0)));
}

#[test]
fn heat_map_blank_cell_where_the_register_has_a_risk() {
    let mut c = counts();
    c[2][3] = 0.0; // impact 3 x likelihood 4 left blank; FS020 sits there
    let a = check_sheets(&[
        sheet("Heat map", map_impact_rows(&c, false)),
        sheet("Register", full_register()),
    ]);
    assert_eq!(at(&a, "heatmap.count_mismatch"), vec!["Heat map!F5"]);
    let f = find(&a, "heatmap.count_mismatch")[0];
    assert_eq!(f.found, "(blank)");
    assert_eq!(f.fix, Some(FixValue::Number(1.0)));
}

#[test]
fn heat_map_count_against_the_register_likelihood_rows() {
    let mut c = counts();
    c[2][3] = 2.0; // impact 3 x likelihood 4: row "Likely 4", column Moderate
    let a = check_sheets(&[
        sheet("Heat map", map_likelihood_rows(&c)),
        sheet("Register", full_register()),
    ]);
    assert_eq!(at(&a, "heatmap.count_mismatch"), vec!["Heat map!E5"]);
}

#[test]
fn a_register_of_top_risks_speaks_only_for_the_top_cells() {
    // The map holds 5 risks plus 3 more at 3 x 2; the register lists the 4
    // scored 12 and above.
    let mut c = counts();
    c[2][1] = 3.0;
    let a = check_sheets(&[
        sheet("Heat map", map_impact_rows(&c, true)),
        sheet("Register", top_register()),
    ]);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    // A top cell that disagrees is still reported.
    c[1][3] = 2.0;
    let a = check_sheets(&[
        sheet("Heat map", map_impact_rows(&c, false)),
        sheet("Register", top_register()),
    ]);
    assert_eq!(at(&a, "heatmap.count_mismatch"), vec!["Heat map!F4"]);
    assert!(find(&a, "heatmap.count_mismatch")[0]
        .message
        .contains("scored 12 and above"));
}

#[test]
fn heat_map_totals_without_a_register() {
    let a = check_sheets(&[sheet("Heat map", map_impact_rows(&counts(), true))]);
    assert_eq!(a.tables.len(), 1, "{:?}", a.table_infos());
    assert!(a.findings.is_empty(), "{:#?}", a.findings);

    let mut rows = map_impact_rows(&counts(), true);
    rows[3][7] = N(4.0); // impact 4 row total: 2 + 1 = 3
    rows[7][4] = N(0.0); // likelihood 3 column total: 2
    rows[7][7] = N(6.0); // grand total: 5
    let a = check_sheets(&[sheet("Heat map", rows)]);
    assert_eq!(
        at(&a, "heatmap.total_mismatch"),
        vec!["Heat map!H4", "Heat map!E8", "Heat map!H8"]
    );
    let f = find(&a, "heatmap.total_mismatch");
    assert_eq!(f[0].fix, Some(FixValue::Number(3.0)));
    assert_eq!(f[1].fix, Some(FixValue::Number(2.0)));
    assert_eq!(f[2].fix, Some(FixValue::Number(5.0)));
    assert!(at(&a, "heatmap.count_mismatch").is_empty());
}

#[test]
fn heat_map_with_bare_numbers_needs_axis_titles() {
    // Numbers only on both sides; the titles say impact runs down the rows.
    let mut rows = vec![
        vec![E, E, T("LIKELIHOOD")],
        vec![E, E, N(1.0), N(2.0), N(3.0), N(4.0), N(5.0)],
    ];
    for (k, counts) in counts().iter().enumerate() {
        let mut r = vec![if k == 0 { T("IMPACT") } else { E }, N(5.0 - k as f64)];
        r.extend(counts.iter().map(|&v| N(v)));
        rows.push(r);
    }
    let mut wrong = rows.clone();
    wrong[3][4] = N(1.0); // impact 4 x likelihood 3
    let a = check_sheets(&[
        sheet("Heat map", rows.clone()),
        sheet("Register", full_register()),
    ]);
    assert_eq!(
        a.tables.iter().filter(|t| t.kind() == "heatmap").count(),
        1,
        "{:?}",
        a.table_infos()
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    let a = check_sheets(&[sheet("Heat map", wrong), sheet("Register", full_register())]);
    assert_eq!(at(&a, "heatmap.count_mismatch"), vec!["Heat map!E4"]);
    // Without titles a grid of numbers framed by 1 to 5 is not taken for a heat map.
    rows[0][2] = E;
    rows[2][0] = E;
    let a = check_sheets(&[sheet("Grid", rows)]);
    assert!(a.tables.is_empty(), "{:?}", a.table_infos());
}

#[test]
fn heat_map_with_words_only() {
    // "Major" and "Likely" without numbers, likelihood descending across.
    let mut head = vec![E];
    head.extend(LIKELIHOOD.iter().rev().map(|w| T(w)));
    let mut rows = vec![head];
    for (k, counts) in counts().iter().enumerate() {
        let mut r = vec![T(IMPACT[4 - k])];
        r.extend(counts.iter().rev().map(|&v| N(v)));
        rows.push(r);
    }
    let a = check_sheets(&[
        sheet("Heat map", rows.clone()),
        sheet("Register", full_register()),
    ]);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    rows[2][3] = N(1.0); // impact 4 x likelihood 3 (third column from the right end)
    let a = check_sheets(&[sheet("Heat map", rows), sheet("Register", full_register())]);
    assert_eq!(at(&a, "heatmap.count_mismatch"), vec!["Heat map!D3"]);
}

#[test]
fn a_register_on_the_heat_maps_sheet_is_the_one_compared() {
    // The map's own sheet has the top register; another sheet has a
    // register of some other service that must not be counted.
    let mut own = map_impact_rows(&counts(), false);
    own.push(vec![]);
    own.extend(full_register());
    let mut other = header_001();
    other.push(r001("AS001", 5.0, 5.0, 4.0, 4.0, 16.0, "Same", "Treat"));
    let a = check_sheets(&[sheet("Risk", own), sheet("Adults", other)]);
    assert!(
        at(&a, "heatmap.count_mismatch").is_empty(),
        "{:#?}",
        a.findings
    );
}

// ---------------------------------------------------------------------------
// The samples.

fn sample(name: &str) -> kpicheck::check::Analysis {
    analyse(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name),
    )
}

fn risk_findings(a: &kpicheck::check::Analysis) -> Vec<String> {
    a.findings
        .iter()
        .filter(|f| matches!(f.family(), "risk" | "heatmap"))
        .map(|f| format!("{} {}!{}", f.rule, f.sheet, f.cell))
        .collect()
}

#[test]
fn sample_q4_2016_17_fs019_residual_above_inherent() {
    let a = sample("family_services_q4_2016-17.xlsx");
    let kinds: Vec<(String, usize)> = a
        .tables
        .iter()
        .filter(|t| t.sheet == "6 Risk")
        .map(|t| (t.kind().to_string(), t.rows.len()))
        .collect();
    assert_eq!(
        kinds,
        vec![("risks".to_string(), 8), ("heatmap".to_string(), 5)]
    );
    // FS019 is the only risk or heat map finding: the register's 8 risks
    // agree with the heat map's cells scored 12 and above, and the 12 cells
    // below are not compared with a register that does not list them.
    assert_eq!(
        risk_findings(&a),
        vec!["risk.residual_above_inherent 6 Risk!K23"]
    );
    let f = find(&a, "risk.residual_above_inherent")[0];
    assert_eq!(f.key.as_deref(), Some("FS019"));
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn sample_q4_2016_17_heat_map_holds_20_risks_15_of_them_medium_high() {
    // What the 1.1 dashboard's risk row must agree with ("75% (3)" is 75% of 20).
    let a = sample("family_services_q4_2016-17.xlsx");
    let maps = kpicheck::model::heatmap::maps(&a.tables, &a.workbook);
    assert_eq!(maps.len(), 1);
    assert_eq!(maps[0].total(), Some(20.0));
    let bands = kpicheck::schema::Params::default().risk_bands;
    let got: Vec<(String, f64)> = maps[0].band_counts(&bands).unwrap();
    let want: Vec<(String, f64)> = [
        ("Low", 0.0),
        ("Medium Low", 3.0),
        ("Medium High", 15.0),
        ("High", 2.0),
    ]
    .iter()
    .map(|(l, n)| (l.to_string(), *n))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn sample_q1_2014_15_risks_are_all_correct() {
    let a = sample("family_services_q1_2014-15.xlsx");
    let kinds: Vec<(String, usize)> = a
        .tables
        .iter()
        .filter(|t| t.sheet == "5.3 Risk")
        .map(|t| (t.kind().to_string(), t.rows.len()))
        .collect();
    assert_eq!(
        kinds,
        vec![("risks".to_string(), 4), ("heatmap".to_string(), 5)]
    );
    assert!(risk_findings(&a).is_empty(), "{:#?}", a.findings);
}

#[test]
fn heat_map_below_a_register_is_not_read_as_risks() {
    // Row labels in column A, under the register's id column: "4 Major"
    // looks like a risk id, but the rows belong to the heat map.
    let mut rows = full_register();
    rows.push(vec![]);
    let mut head = vec![E];
    head.extend(LIKELIHOOD.iter().map(|w| T(w)));
    rows.push(head);
    for (k, counts) in counts().iter().enumerate() {
        let mut r = vec![S(format!("{} {}", 5 - k, IMPACT[4 - k]))];
        r.extend(counts.iter().map(|&v| N(v)));
        rows.push(r);
    }
    let a = check_sheets(&[sheet("Risk", rows)]);
    let shape: Vec<(&str, usize)> = a.tables.iter().map(|t| (t.kind(), t.rows.len())).collect();
    assert_eq!(
        shape,
        vec![("risks", 5), ("heatmap", 5)],
        "{:?}",
        a.table_infos()
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn a_heat_map_of_the_inherent_risk_is_not_a_wrong_residual_map() {
    // full_register's inherent levels: 5x5, 5x5, 4x5, 3x5, 2x3.
    let mut c = [[0.0; 5]; 5];
    c[0][4] = 2.0;
    c[1][4] = 1.0;
    c[2][4] = 1.0;
    c[3][2] = 1.0;
    let a = check_sheets(&[
        sheet("Heat map", map_impact_rows(&c, true)),
        sheet("Register", full_register()),
    ]);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    // One cell off the inherent map (FS030 moved to 2 x 2) matches neither,
    // and the map is held to the residual risk: 5 x 5 holds none of them.
    c[3][2] = 0.0;
    c[3][1] = 1.0;
    let a = check_sheets(&[
        sheet("Heat map", map_impact_rows(&c, true)),
        sheet("Register", full_register()),
    ]);
    assert!(
        at(&a, "heatmap.count_mismatch").contains(&"Heat map!G3".to_string()),
        "{:#?}",
        a.findings
    );
}

#[test]
fn heat_map_with_the_likelihood_along_the_bottom() {
    // Laid out like a chart: impact up the left, likelihood under the grid.
    let mut rows = vec![vec![T("Residual risk heat map")]];
    for (k, counts) in counts().iter().enumerate() {
        let mut r = vec![S(format!("{} {}", IMPACT[4 - k], 5 - k))];
        r.extend(counts.iter().map(|&v| N(v)));
        rows.push(r);
    }
    let mut foot = vec![E];
    foot.extend(LIKELIHOOD.iter().map(|w| T(w)));
    rows.push(foot);
    let a = check_sheets(&[
        sheet("Heat map", rows.clone()),
        sheet("Register", full_register()),
    ]);
    assert_eq!(
        a.table_infos()
            .iter()
            .filter(|t| t.kind == "heatmap")
            .map(|t| t.range.as_str())
            .collect::<Vec<_>>(),
        vec!["A2:F6"]
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    rows[2][3] = N(1.0); // impact 4 x likelihood 3
    let a = check_sheets(&[sheet("Heat map", rows), sheet("Register", full_register())]);
    assert_eq!(at(&a, "heatmap.count_mismatch"), vec!["Heat map!D3"]);
}

#[test]
fn heat_map_with_other_level_words_is_read_by_its_numbers_and_titles() {
    // Only the corner title says which axis runs across.
    let words = ["Very Low", "Low", "Medium", "High", "Very High"];
    let mut head = vec![E, T("Likelihood")];
    head.extend((0..5).map(|l| S(format!("{} {}", l + 1, words[l]))));
    let mut rows = vec![head];
    for (k, counts) in counts().iter().enumerate() {
        let mut r = vec![E, S(format!("{} {}", 5 - k, words[4 - k]))];
        r.extend(counts.iter().map(|&v| N(v)));
        rows.push(r);
    }
    rows[2][4] = N(1.0); // impact 4 x likelihood 3
    let a = check_sheets(&[sheet("Heat map", rows), sheet("Register", full_register())]);
    assert_eq!(at(&a, "heatmap.count_mismatch"), vec!["Heat map!E3"]);
}

#[test]
fn a_plain_register_with_one_assessment() {
    // No inherent or residual groups: the one assessment is the residual.
    let rows = vec![
        vec![
            T("Ref"),
            T("Risk"),
            T("Owner"),
            T("Impact"),
            T("Likelihood"),
            T("Score"),
            T("Direction of travel"),
            T("Response"),
        ],
        vec![
            T("R1"),
            T("Budget overspend"),
            T("Director"),
            N(4.0),
            N(3.0),
            N(12.0),
            T("Same"),
            T("Treat"),
        ],
        vec![
            T("R2"),
            T("Staff turnover"),
            T("Director"),
            N(3.0),
            N(3.0),
            N(6.0),
            T("Reduced"),
            T("Tolerate"),
        ],
    ];
    let a = check_sheets(&[sheet("Risks", rows)]);
    assert_eq!(a.tables.len(), 1, "{:?}", a.table_infos());
    assert_eq!(at(&a, "risk.score_mismatch"), vec!["Risks!F3"]);
    let f = find(&a, "risk.score_mismatch")[0];
    assert_eq!(
        (f.key.as_deref(), f.title.as_deref()),
        (Some("R2"), Some("Staff turnover"))
    );
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
}

mod never_panics {
    use kpicheck::grid::label;
    use kpicheck::model::risk::parse_scored;
    use kpicheck::workbook::Cell;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn on_any_label_or_score_text(s in "\\PC{0,40}") {
            let _ = label(&Cell::Text(s.as_str().into()));
            let _ = parse_scored(&Cell::Text(s.into()));
        }

        #[test]
        fn on_any_number(n in proptest::num::f64::ANY) {
            let _ = label(&Cell::Number(n));
            let _ = parse_scored(&Cell::Number(n));
        }
    }
}
