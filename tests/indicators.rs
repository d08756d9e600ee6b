//! Indicator rules and table detection, on workbooks laid out like the
//! Family Services returns.

mod common;

use common::*;
use kpicheck::check::FileStatus;
use kpicheck::rules::FixValue;

fn title_rows() -> Vec<Vec<C>> {
    vec![
        vec![T("Family Services – Q4 2016/17")],
        vec![T("3.2a Indicators")],
        vec![],
        vec![T("Managing demand for services (Fairness)")],
    ]
}

/// Rows of the seed that are right: nothing may fire on them.
fn good_rows() -> Vec<Vec<C>> {
    vec![
        vec![T("FS/S5"), T("Number of children adopted"), T("Bigger is \nBetter"), T("Apr 2016 - \nMar 2017"), N(10.0), N(10.0), T("N/A"), N(8.0), N(7.0), T("Improving"), N(12.0), T("Worsening"), T("Benchmarking not available")],
        vec![T("FS/S6"), T("Percentage of children in London Borough of Barnet foster care"), T("Bigger is Better"), T("As at 31 March 2017"), P(0.425, 1), P(0.425, 1), T("157/357"), P(0.44, 1), P(0.449, 1), T("Worsening"), P(0.435, 1), T("Improving"), T("Benchmarking data not available")],
        vec![T("FS/C14"), T("Number of first time entrants to the Youth Justice System aged 10 to 17 (per 10,000 of the population)."), T("Smaller is Better"), T("Oct 15 - Sep 16"), N(326.0), N(326.0), T("N/A"), N(226.0), N(224.0), T("Worsening"), N(281.0), T("Improving"), T("London: 395")],
        vec![T("FS/S16"), T("Number of children in care per 10,000"), T("Monitor"), T("As at 31 March 2017"), T("Monitor"), T("Monitor"), T("N/A"), N(39.8), N(39.1), T("Monitor"), N(35.8), T("Monitor"), T("England: 60.0")],
        vec![T("FS/C15"), T("Young offenders in education, training or employment"), T("Bigger is Better"), T("As at 31 March 2017"), P(0.66, 0), P(0.66, 0), T("23/29"), P(0.79, 0), P(0.74, 0), T("Improving"), P(0.75, 0), T("Improving"), T("London: 52%")],
        vec![T("FS/C23"), T("Number of unallocated cases (CIN / CP / CLA)"), T("Smaller is Better"), T("As at 31 March 2017"), T("Monitor"), T("Monitor"), T("N/A"), N(0.0), N(0.0), T("Same"), T("N/A"), T("N/A"), T("Benchmarking data not available")],
        vec![T("FS/C28"), T("The average time between a child entering care and moving in with its adoptive family (days)"), T("Smaller is Better"), T("April 2014 – March 2017"), N(426.0), N(426.0), T("N/A"), N(518.0), T("N/A"), T("N/A"), N(511.0), T("Worsening"), T("England: 490")],
        vec![T("FS/S2"), T("Children made subject to Child Protection Plan for a second or subsequent time"), T("Smaller is Better"), T("As at 31 March 2017"), T("15.6%"), T("15.6%"), T("29/196"), T("14.8%"), T("15.9%"), T("Improving"), T("12.3%"), T("Worsening"), T("London: 14%")],
    ]
}

fn table_32a(rows: Vec<Vec<C>>) -> Vec<Vec<C>> {
    let mut out = title_rows();
    out.push(header_32a());
    out.extend(rows);
    out
}

#[test]
fn correct_rows_raise_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "good.xlsx",
        &[sheet("Indicators", table_32a(good_rows()))],
    );
    let a = analyse(&p);
    assert_eq!(a.tables.len(), 1, "one table");
    assert_eq!(a.tables[0].rows.len(), 8);
    assert_eq!(
        a.period.map(|p| p.to_string()).as_deref(),
        Some("Q4 2016/17")
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

/// Replaces one cell of one good row (row index in good_rows, column index).
fn with(edits: &[(usize, usize, C)]) -> Vec<Vec<C>> {
    let mut rows = good_rows();
    for (r, c, v) in edits {
        rows[*r][*c] = v.clone();
    }
    table_32a(rows)
}

/// The sheet row (1-based) of good row `i`: four title rows and the header come first.
fn row(i: usize) -> usize {
    i + 6
}

fn check_one(edits: &[(usize, usize, C)]) -> kpicheck::check::Analysis {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "x.xlsx", &[sheet("Indicators", with(edits))]);
    analyse(&p)
}

#[test]
fn ratio_result_mismatch_fires_at_the_result_and_keeps_the_fraction() {
    let a = check_one(&[(1, 7, P(0.442, 1))]);
    assert_eq!(
        at(&a, "ratio.result_mismatch"),
        vec![format!("Indicators!H{}", row(1))]
    );
    let f = find(&a, "ratio.result_mismatch")[0];
    assert_eq!(f.fix, Some(FixValue::Number(0.44)));
    assert_eq!(f.key.as_deref(), Some("FS/S6"));
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
}

#[test]
fn ratio_result_mismatch_on_text_writes_text() {
    let a = check_one(&[(7, 7, T("15.8%"))]);
    let f = find(&a, "ratio.result_mismatch");
    assert_eq!(f.len(), 1, "{:#?}", a.findings);
    assert_eq!(f[0].fix, Some(FixValue::Text("14.8%".into())));
}

#[test]
fn ratio_rounded_to_whole_percent_is_accepted() {
    // 23/29 = 79.3%, shown as 79%: right at the precision shown.
    let a = check_one(&[]);
    assert!(at(&a, "ratio.result_mismatch").is_empty());
}

#[test]
fn numerator_above_denominator() {
    let a = check_one(&[(1, 6, T("357/157")), (1, 7, P(1.0, 1))]);
    assert_eq!(
        at(&a, "ratio.numerator_exceeds_denominator"),
        vec![format!("Indicators!G{}", row(1))]
    );
}

#[test]
fn zero_denominator() {
    let a = check_one(&[(1, 6, T("0/0"))]);
    assert_eq!(
        at(&a, "ratio.zero_denominator"),
        vec![format!("Indicators!G{}", row(1))]
    );
}

#[test]
fn unknown_polarity_suggests_the_label() {
    let a = check_one(&[(0, 2, T("Biger is Better"))]);
    let f = find(&a, "polarity.unknown_label");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].cell.to_string(), format!("C{}", row(0)));
    assert!(
        f[0].message.contains("did you mean \"Bigger is Better\""),
        "{}",
        f[0].message
    );
}

#[test]
fn polarity_against_the_catalogue() {
    let a = check_one(&[
        (7, 2, T("Bigger is Better")),
        (7, 9, T("Worsening")),
        (7, 11, T("Improving")),
    ]);
    assert_eq!(
        at(&a, "polarity.catalogue_mismatch"),
        vec![format!("Indicators!C{}", row(7))]
    );
    assert_eq!(
        find(&a, "polarity.catalogue_mismatch")[0]
            .expected
            .as_deref(),
        Some("Smaller is Better")
    );
    assert!(at(&check_one(&[]), "polarity.catalogue_mismatch").is_empty());
}

#[test]
fn polarity_against_the_description() {
    let a = check_one(&[(0, 1, T("Reduce the number of children adopted"))]);
    assert_eq!(
        at(&a, "polarity.description_mismatch"),
        vec![format!("Indicators!C{}", row(0))]
    );
}

#[test]
fn dot_short_term_against_values() {
    let a = check_one(&[(0, 9, T("Worsening"))]);
    assert_eq!(
        at(&a, "dot.short_term_mismatch"),
        vec![format!("Indicators!J{}", row(0))]
    );
    assert_eq!(
        find(&a, "dot.short_term_mismatch")[0].fix,
        Some(FixValue::Text("Improving".into()))
    );
}

#[test]
fn dot_long_term_under_smaller_is_better() {
    let a = check_one(&[(2, 11, T("Worsening"))]);
    assert_eq!(
        at(&a, "dot.long_term_mismatch"),
        vec![format!("Indicators!L{}", row(2))]
    );
    assert_eq!(
        find(&a, "dot.long_term_mismatch")[0].expected.as_deref(),
        Some("Improving")
    );
}

#[test]
fn dot_on_a_monitor_indicator_and_with_nothing_to_compare() {
    let a = check_one(&[(3, 9, T("Improving")), (6, 9, T("Improving"))]);
    assert_eq!(
        at(&a, "dot.short_term_mismatch"),
        vec![
            format!("Indicators!J{}", row(3)),
            format!("Indicators!J{}", row(6))
        ]
    );
    let f = find(&a, "dot.short_term_mismatch");
    assert_eq!(f[0].expected.as_deref(), Some("Monitor"));
    assert_eq!(f[1].expected.as_deref(), Some("N/A"));
}

#[test]
fn dot_unknown_label() {
    let a = check_one(&[(0, 9, T("Improvng"))]);
    assert_eq!(
        at(&a, "dot.unknown_label"),
        vec![format!("Indicators!J{}", row(0))]
    );
}

#[test]
fn percent_sign_on_a_rate() {
    // FS/C24 in the Q4 2016/17 report: "21.9%" on a rate per 10,000.
    let a = check_one(&[(3, 7, T("21.9%"))]);
    assert_eq!(
        at(&a, "unit.percent_on_non_percentage"),
        vec![format!("Indicators!H{}", row(3))]
    );
    assert!(at(&check_one(&[]), "unit.percent_on_non_percentage").is_empty());
}

#[test]
fn percentage_out_of_range() {
    let a = check_one(&[(7, 9, T("Same")), (7, 8, T("140.0%"))]);
    assert_eq!(
        at(&a, "unit.percentage_out_of_range"),
        vec![format!("Indicators!I{}", row(7))]
    );
}

#[test]
fn missing_and_unreadable_values() {
    let a = check_one(&[(0, 7, E), (0, 9, T("N/A"))]);
    assert_eq!(
        at(&a, "value.missing"),
        vec![format!("Indicators!H{}", row(0))]
    );
    let a = check_one(&[(2, 8, T("22.4.1"))]);
    assert_eq!(
        at(&a, "value.unparseable"),
        vec![format!("Indicators!I{}", row(2))]
    );
    let a = check_one(&[(2, 8, F("1/0", 0.0))]);
    assert!(
        at(&a, "value.unparseable").is_empty(),
        "a formula's cached figure is a figure"
    );
    // Notes as the commissioning plan writes them are not mistyped figures:
    // a figure with a note anywhere, a target written in words.
    for (col, note) in [
        (8, "12.5% (Q3 Target 11.5%)"),
        (8, "55% Above our statistical neighbours"),
        (
            4,
            "Perform in line with statistical neighbours (currently 15.6%)",
        ),
    ] {
        let a = check_one(&[(2, col, T(note))]);
        assert!(at(&a, "value.unparseable").is_empty(), "{note}");
    }
    // Words where a result belongs are still not a figure.
    let a = check_one(&[(2, 8, T("Perform in line with statistical neighbours"))]);
    assert_eq!(
        at(&a, "value.unparseable"),
        vec![format!("Indicators!I{}", row(2))]
    );
}

#[test]
fn deliberate_absence_is_silent() {
    let a = check_one(&[
        (2, 8, T("Not currently available")),
        (2, 9, T("N/A")),
        (2, 4, T("TBC")),
        (2, 5, T("No Target")),
    ]);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn conflicting_titles_across_tables() {
    let mut rows = table_32a(good_rows());
    rows.push(vec![]);
    rows.push(vec![T("More resilient communities (Responsibility)")]);
    rows.push(header_32a());
    let mut dup = good_rows()[0].clone();
    dup[1] = T("Number of children placed for adoption");
    rows.push(dup);
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "x.xlsx", &[sheet("Indicators", rows)]);
    let a = analyse(&p);
    assert_eq!(
        at(&a, "xref.conflicting_titles"),
        vec!["Indicators!B17".to_string()]
    );
    // The trailing full stop of FS/C14's title is not a different title.
    assert!(
        a.findings
            .iter()
            .all(|f| f.rule == "xref.conflicting_titles"),
        "{:#?}",
        a.findings
    );
}

fn rag_table(rows: Vec<Vec<C>>) -> Vec<Vec<C>> {
    let mut out = vec![vec![T("Street Scene – Q2 2017/18")], vec![]];
    out.push(vec![
        T("Ref"),
        T("Indicator"),
        T("Polarity"),
        T("Q2 2017/18 Target"),
        T("Q2 2017/18 Result"),
        T("RAG"),
    ]);
    out.extend(rows);
    out
}

#[test]
fn rag_rules_fire_and_stay_silent() {
    let rows = vec![
        vec![
            T("SS/1"),
            T("Number of trees planted"),
            T("Bigger is Better"),
            N(10.0),
            N(8.0),
            T("Green"),
        ],
        vec![
            T("SS/2"),
            T("Percentage of streets clean"),
            T("Bigger is Better"),
            T("63%"),
            T("59.6%"),
            T("Red"),
        ],
        vec![
            T("SS/3"),
            T("Number of complaints"),
            T("Monitor"),
            T("Monitor"),
            N(12.0),
            T("Green"),
        ],
        vec![
            T("SS/4"),
            T("Percentage of bins collected"),
            T("Bigger is Better"),
            T("95%"),
            T("96.0%"),
            T("Gren"),
        ],
        vec![
            T("SS/5"),
            T("Percentage of streets swept"),
            T("Bigger is Better"),
            T("42.5%"),
            T("44.0%"),
            T("Green"),
        ],
        vec![
            T("SS/6"),
            T("Percentage of graffiti removed"),
            T("Bigger is Better"),
            T("63%"),
            T("59.6%"),
            T("Green Amber"),
        ],
        vec![
            T("SS/7"),
            T("Days to repair a pothole (days)"),
            T("Smaller is Better"),
            N(5.0),
            N(7.0),
            T("Red"),
        ],
    ];
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "ss.xlsx", &[sheet("KPIs", rag_table(rows))]);
    let a = analyse(&p);
    assert_eq!(at(&a, "rag.contradicts_target"), vec!["KPIs!F4"]);
    assert_eq!(
        find(&a, "rag.contradicts_target")[0].fix,
        Some(FixValue::Text("Red".into()))
    );
    assert_eq!(at(&a, "rag.band_mismatch"), vec!["KPIs!F5"]);
    assert_eq!(
        find(&a, "rag.band_mismatch")[0].expected.as_deref(),
        Some("Green Amber")
    );
    assert_eq!(at(&a, "rag.on_monitor"), vec!["KPIs!F6"]);
    assert_eq!(at(&a, "rag.unknown_label"), vec!["KPIs!F7"]);
    assert_eq!(a.findings.len(), 4, "{:#?}", a.findings);
}

fn cpi_table(rows: Vec<Vec<C>>) -> Vec<Vec<C>> {
    let mut out = vec![
        vec![T("Family Service – Q1 2014/15")],
        vec![T(
            "2.1 How the Delivery Unit is performing against its Corporate Plan indicators",
        )],
    ];
    out.push(header_cpi());
    out.extend(rows);
    out
}

fn cpi_rows() -> Vec<Vec<C>> {
    vec![
        vec![T("3002"), T("Increase the number of early years places available for eligible two year olds"), T("As at the end of the quarter"), N(935.0), T("1,051"), T("N/A"), N(726.0), T("30.9%"), T("22.4%"), T("Benchmarking data not available")],
        vec![T("3005"), T("Reduce the average time between a child entering care and moving in with its adoptive family, for adopted children (days)"), T("Not due to be reported this quarter.")],
        vec![T("3007"), T("Monitor the number of referrals to social care per 10,000 of the under 18 population"), T("As at the end of the quarter"), N(409.0), T("No Target"), T("N/A"), N(413.7), T("N/A"), T("1.1%"), T("2012/13 520.7 England")],
        vec![T("3008"), T("Reduce the number of first time entrants to the Youth Justice System aged 10 to 17"), T("April 14 - Jun 14"), N(337.0), N(357.0), T("N/A"), N(337.0), T("5.6%"), T("0%"), T("London 487")],
        vec![T("3009"), T("Increase the proportion of young offenders in education training or employment"), T("Apri 14 - Jun 14"), T("77.0%"), T("75%"), T("20\n35"), T("57.1%"), T("23.8%"), T("25.8%"), T("London 65.3%")],
        vec![T("3207"), T("Reduce the percentage of children in care with three or more placements during the last 12 months"), T("Apr 14 - Jun 14"), T("11.9%"), T("11.9%"), T("41\n327"), T("12.5%"), T("5.4%"), T("5.4%"), T("London average = 12%")],
        vec![T("3203"), T("Increase the percentage of children in care in LBB foster care"), T("Apr 14 - Jun 14"), T("37.8%"), T("46%"), T("207\n353"), T("58.6%"), T("27.5%"), T("55.1%"), E],
    ]
}

#[test]
fn older_form_seed_rows_are_right() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "cpi.xlsx",
        &[sheet("Corporate Plan", cpi_table(cpi_rows()))],
    );
    let a = analyse(&p);
    assert_eq!(a.tables.len(), 1);
    assert_eq!(a.tables[0].rows.len(), 7);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn target_and_dot_variance() {
    let mut rows = cpi_rows();
    // 3212 as printed: 7/383 = 1.83%, shown 1.7%.
    rows.push(vec![
        T("3212"),
        T("Troubled Families payments by results criteria met"),
        T("As at the end of the quarter"),
        N(303.0),
        N(383.0),
        T("N/A"),
        N(390.0),
        T("1.7%"),
        T("28.7%"),
        E,
    ]);
    rows[0][8] = T("2.4%");
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "cpi.xlsx",
        &[sheet("Corporate Plan", cpi_table(rows))],
    );
    let a = analyse(&p);
    assert_eq!(
        at(&a, "variance.target_mismatch"),
        vec!["Corporate Plan!H11"]
    );
    assert_eq!(
        find(&a, "variance.target_mismatch")[0].fix,
        Some(FixValue::Text("1.8%".into()))
    );
    assert_eq!(at(&a, "variance.dot_mismatch"), vec!["Corporate Plan!I4"]);
    assert_eq!(
        find(&a, "variance.dot_mismatch")[0].fix,
        Some(FixValue::Text("22.4%".into()))
    );
}

#[test]
fn polarity_undetermined_without_verb_or_catalogue() {
    let mut rows = cpi_rows();
    rows.push(vec![
        T("9999"),
        T("Troubled Families payments"),
        T("Q1"),
        N(303.0),
        N(383.0),
        T("N/A"),
        N(390.0),
        T("1.8%"),
        T("28.7%"),
        E,
    ]);
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "cpi.xlsx",
        &[sheet("Corporate Plan", cpi_table(rows))],
    );
    let a = analyse(&p);
    assert_eq!(at(&a, "polarity.undetermined"), vec!["Corporate Plan!A11"]);
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
}

// ----- detection -----------------------------------------------------------

#[test]
fn header_repeated_part_way_down_and_section_rows() {
    let mut rows = title_rows();
    rows.push(header_32a());
    rows.extend(good_rows()[..3].to_vec());
    rows.push(vec![]);
    rows.push(vec![T(
        "BUILDING RESILIENCE – In children, young people, families, and communities",
    )]);
    rows.push(vec![]);
    rows.push(header_32a());
    rows.extend(good_rows()[3..].to_vec());
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "x.xlsx", &[sheet("Indicators", rows)]);
    let a = analyse(&p);
    assert_eq!(a.tables.len(), 1, "the repeated header continues the table");
    let t = &a.tables[0];
    assert_eq!(t.rows.len(), 8);
    assert_eq!(t.repeated_headers, vec![11]);
    assert_eq!(
        t.rows[0].section.as_deref(),
        Some("Managing demand for services (Fairness)")
    );
    assert!(t.rows[3]
        .section
        .as_deref()
        .unwrap()
        .starts_with("BUILDING RESILIENCE"));
    assert_eq!(t.range(), "A5:M17");
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn header_over_two_rows() {
    let rows = vec![
        vec![T("Adults – Q4 2016/17")],
        vec![
            T("Ref"),
            T("Indicator"),
            T("Polarity"),
            T("Q4 2016/17"),
            E,
            T("Q3 2016/17"),
            T("Q4 2015/16"),
            T("Direction of travel"),
        ],
        vec![
            E,
            E,
            E,
            T("Target"),
            T("Result"),
            T("Result"),
            T("Result"),
            T("Short-term"),
        ],
        vec![
            T("AC/1"),
            T("Number of carers assessed"),
            T("Bigger is Better"),
            N(100.0),
            N(120.0),
            N(110.0),
            N(90.0),
            T("Improving"),
        ],
        vec![
            T("AC/2"),
            T("Number of delayed discharges"),
            T("Smaller is Better"),
            N(10.0),
            N(12.0),
            N(11.0),
            N(9.0),
            T("Improving"),
        ],
    ];
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "two.xlsx", &[sheet("KPIs", rows)]);
    let a = analyse(&p);
    assert_eq!(a.tables.len(), 1);
    let t = &a.tables[0];
    assert_eq!(t.header_rows, (1, 2));
    assert_eq!(t.col("result"), Some(4));
    assert_eq!(t.col("previous_result"), Some(5));
    assert_eq!(t.col("year_ago_result"), Some(6));
    assert_eq!(t.col("dot_short"), Some(7));
    assert_eq!(at(&a, "dot.short_term_mismatch"), vec!["KPIs!H5"]);
}

/// The second row of a header may hold one figure (a year typed as a
/// number); a row of figures under a row of words is data, not a header.
#[test]
fn header_over_two_rows_with_a_year_typed_as_a_number() {
    let rows = vec![
        vec![
            T("Ref"),
            T("Indicator"),
            T("Polarity"),
            T("Q4 2016/17"),
            E,
            T("Q3 2016/17"),
            T("Benchmark"),
        ],
        vec![E, E, E, T("Target"), T("Result"), T("Result"), N(2016.0)],
        vec![
            T("AC/1"),
            T("Number of carers assessed"),
            T("Bigger is Better"),
            N(100.0),
            N(120.0),
            N(110.0),
            N(95.0),
        ],
    ];
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "year.xlsx", &[sheet("KPIs", rows)]);
    let a = analyse(&p);
    assert_eq!(a.tables.len(), 1);
    let t = &a.tables[0];
    assert_eq!(t.header_rows, (0, 1));
    assert_eq!(t.col("result"), Some(4));
    assert_eq!(t.col("previous_result"), Some(5));
    assert_eq!(t.rows.len(), 1);
}

#[test]
fn columns_in_any_order_with_extra_columns_and_two_tables() {
    let header = vec![
        T("Owner"),
        T("Q4 2016/17 Result"),
        T("Indicator"),
        T("Ref"),
        T("Q3 2016/17 Result"),
        T("Polarity"),
        T("DOT Short-Term (From Q3 2016/17)"),
        T("Notes"),
    ];
    let mut rows = vec![vec![T("Housing – Q4 2016/17")], header.clone()];
    rows.push(vec![
        T("J Smith"),
        N(50.0),
        T("Number of homes let"),
        T("H/1"),
        N(40.0),
        T("Bigger is Better"),
        T("Worsening"),
        T("x"),
    ]);
    rows.push(vec![]);
    rows.push(vec![T("Some commentary between the tables.")]);
    rows.push(vec![]);
    rows.push(vec![
        T("Ref"),
        T("Indicator"),
        T("Polarity"),
        T("Q4 2016/17 Result"),
        T("Q3 2016/17 Result"),
        T("DOT Short-Term"),
    ]);
    rows.push(vec![
        T("H/2"),
        T("Number of empty homes"),
        T("Smaller is Better"),
        N(30.0),
        N(40.0),
        T("Improving"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "h.xlsx", &[sheet("Housing", rows)]);
    let a = analyse(&p);
    assert_eq!(a.tables.len(), 2, "a different layout starts a new table");
    assert_eq!(
        (
            a.tables[0].col("ref"),
            a.tables[0].col("result"),
            a.tables[0].col("previous_result")
        ),
        (Some(3), Some(1), Some(4))
    );
    assert_eq!(a.tables[1].rows.len(), 1);
    assert_eq!(at(&a, "dot.short_term_mismatch"), vec!["Housing!G3"]);
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
}

#[test]
fn a_sheet_without_tables_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "notes.xlsx",
        &[sheet(
            "Notes",
            vec![
                vec![T("Key Successes")],
                vec![T("HEE funding award for MAC-UK.")],
            ],
        )],
    );
    let a = analyse(&p);
    assert!(a.tables.is_empty());
    assert_eq!(a.report().status, FileStatus::NoTables);
}

// ----- reporting years -----------------------------------------------------

fn rag_return(period: &'static str, result: &'static str) -> Vec<Vec<C>> {
    vec![
        vec![T(period)],
        vec![
            T("Ref"),
            T("Indicator"),
            T("Polarity"),
            T("Target"),
            T("Result"),
            T("RAG"),
        ],
        vec![
            T("SS/2"),
            T("Percentage of streets clean"),
            T("Bigger is Better"),
            T("60%"),
            T(result),
            T("Green Amber"),
        ],
    ]
}

#[test]
fn a_return_is_checked_against_the_bands_of_its_own_year() {
    let d = tempfile::tempdir().unwrap();
    let schemas = d.path().join("schemas");
    std::fs::create_dir(&schemas).unwrap();
    // From 2017/18 the council narrowed Green Amber to a shortfall under 5%.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schemas/indicators.toml"
    ))
    .unwrap()
    .replace(
        "kind = \"indicators\"",
        "kind = \"indicators\"\nname = \"indicators-2017\"\nyears = \"2017/18..\"",
    )
    .replace(
        "{ label = \"Green Amber\", below = 10.0 }",
        "{ label = \"Green Amber\", below = 5.0 }",
    );
    std::fs::write(schemas.join("indicators-2017.toml"), text).unwrap();
    let set = kpicheck::schema::SchemaSet::with_dir(&schemas).unwrap();
    let opts = kpicheck::check::CheckOptions::default();
    // 56.4% against 60% is 6% short: Green Amber until 2016/17, Red Amber after.
    let old = write(
        d.path(),
        "old.xlsx",
        &[sheet(
            "KPIs",
            rag_return("Street Scene – Q2 2016/17", "56.4%"),
        )],
    );
    let new = write(
        d.path(),
        "new.xlsx",
        &[sheet(
            "KPIs",
            rag_return("Street Scene – Q2 2017/18", "56.4%"),
        )],
    );
    let a = kpicheck::check::analyse_path(&old, "old", &set, &opts).unwrap();
    assert_eq!(a.tables[0].schema.name, "indicators");
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    let b = kpicheck::check::analyse_path(&new, "new", &set, &opts).unwrap();
    assert_eq!(b.tables[0].schema.name, "indicators-2017");
    assert_eq!(at(&b, "rag.band_mismatch"), vec!["KPIs!F3"]);
    assert_eq!(
        find(&b, "rag.band_mismatch")[0].expected.as_deref(),
        Some("Red Amber")
    );
}

#[test]
fn the_catalogue_of_the_returns_year_applies() {
    // FS/S2 is smaller-is-better in the 2016/17 catalogue; a 2014/15 return
    // is not held to it.
    let rows = |title: &'static str| {
        vec![
            vec![T(title)],
            vec![T("Ref"), T("Indicator"), T("Polarity"), T("Target"), T("Result")],
            vec![T("FS/S2"), T("Children made subject to Child Protection Plan for a second or subsequent time"), T("Bigger is Better"), T("15.6%"), T("14.8%")],
        ]
    };
    let d = tempfile::tempdir().unwrap();
    let a = analyse(&write(
        d.path(),
        "a.xlsx",
        &[sheet("S", rows("Family Services – Q4 2016/17"))],
    ));
    assert_eq!(at(&a, "polarity.catalogue_mismatch"), vec!["S!C3"]);
    let b = analyse(&write(
        d.path(),
        "b.xlsx",
        &[sheet("S", rows("Family Services – Q4 2014/15"))],
    ));
    assert!(b.findings.is_empty(), "{:#?}", b.findings);
}
