//! Finance rules and detection, on revenue and capital tables laid out like
//! the Family Services reports (2016/17 sections 2.1 and 2.2 with numbers,
//! 2014/15 sections 4.1 and 4.2 typed as text with "(465)" negatives).

mod common;

use common::*;
use kpicheck::rules::FixValue;

/// 2016/17 section 2.1, figures as numbers and the percentage as a fraction
/// under a % format. Rows start at sheet row 5; Total is row 17.
fn revenue_2016() -> Vec<Vec<C>> {
    let line = |d: &'static str, o: f64, r: f64, out: f64, v: f64, p: f64| {
        vec![T(d), N(o), N(r), N(out), N(v), T(""), P(p, 1)]
    };
    vec![
        vec![T("Family Services – Q4 2016/17")],
        vec![T("2.1 Revenue")],
        vec![
            T("Description"),
            T("Original \nBudget"),
            T("Revised \nBudget"),
            T("outturn"),
            T("Variation"),
            T("Comments"),
            T("% Variation of \nrevised budget"),
        ],
        vec![E, T("£000"), T("£000"), T("£000"), T("£000")],
        line(
            "Family Services Management",
            1100.0,
            677.0,
            212.0,
            -465.0,
            -0.687,
        ),
        line(
            "Social Care Management",
            1175.0,
            1750.0,
            1422.0,
            -328.0,
            -0.187,
        ),
        line("CSC 0-25", 2378.0, 6103.0, 6254.0, 151.0, 0.025),
        line(
            "Intake and Assessment",
            2532.0,
            3062.0,
            3749.0,
            687.0,
            0.224,
        ),
        // 4,098 - 3,262 = 836: the ledger's unrounded figures give 837.
        line(
            "Intervention and Planning",
            2585.0,
            3262.0,
            4098.0,
            837.0,
            0.257,
        ),
        line(
            "Permanence Trns & CorParenting",
            3184.0,
            3420.0,
            4071.0,
            651.0,
            0.19,
        ),
        line("Placements", 17468.0, 17727.0, 17356.0, -371.0, -0.021),
        // -169 / 2,124 = -7.96%, shown as -7.9%: within the rounding of its inputs.
        line(
            "Safeguarding & Quality",
            1787.0,
            2124.0,
            1955.0,
            -169.0,
            -0.079,
        ),
        line(
            "Commissioning & Business Imp.",
            3025.0,
            3699.0,
            3252.0,
            -447.0,
            -0.121,
        ),
        line("Early Years", 2765.0, 3831.0, 3820.0, -11.0, -0.003),
        line(
            "Libraries & Comm.Engagemnt",
            5426.0,
            5650.0,
            5734.0,
            84.0,
            0.015,
        ),
        line(
            "Youth & Family Support",
            3223.0,
            3558.0,
            3365.0,
            -193.0,
            -0.054,
        ),
        // The rows' original budgets add to 46,648.
        line("Total", 46647.0, 54863.0, 55289.0, 426.0, 0.008),
    ]
}

/// 2014/15 section 4.1 as typed text. Rows start at sheet row 5; Total is row 13.
fn revenue_2014() -> Vec<Vec<C>> {
    let line = |d: &'static str, o, r, f, v, c: &'static str, p| {
        vec![T(d), T(o), T(r), T(f), T(v), T(c), T(p)]
    };
    vec![
        vec![T("4. RESOURCES AND VALUE FOR MONEY")],
        vec![T("4.1 Revenue")],
        vec![
            T("Description"),
            T("Original \nBudget"),
            T("Budget \nV1"),
            T("Q1 \nForecast"),
            T("Variation"),
            T("Comments"),
            T("% \nVariation \nof \nrevised \nbudget"),
        ],
        vec![E, T("£000"), T("£000"), T("£000"), T("£000")],
        line("Management Team", "660", "660", "660", "0", "", "0.0%"),
        line(
            "Social Care Management",
            "2,174",
            "2,088",
            "2,252",
            "164",
            "Overspend relates to Translation services and interim staff costs.",
            "7.8%",
        ),
        line(
            "Assessment & Children in Need",
            "6,326",
            "6,609",
            "6,950",
            "341",
            "",
            "5.2%",
        ),
        line(
            "Childrens in Care & Provider services",
            "20,829",
            "21,859",
            "21,334",
            "(526)",
            "",
            "-2.4%",
        ),
        line(
            "Safeguarding & Quality Assurance",
            "2,343",
            "2,343",
            "2,342",
            "(2)",
            "",
            "-0.1%",
        ),
        line(
            "Commissioning & business improvement",
            "3,006",
            "3,011",
            "3,016",
            "5",
            "",
            "0.2%",
        ),
        line(
            "Family Support & Early Intervention",
            "5,689",
            "5,550",
            "5,581",
            "32",
            "Overspend relates to Children Centres.",
            "0.6%",
        ),
        line(
            "Youth & Community",
            "7,200",
            "7,384",
            "7,358",
            "(25)",
            "Staff vacancies in  Library services.",
            "-0.3%",
        ),
        line("Total", "48,228", "49,503", "49,493", "(11)", "", "0.0%"),
    ]
}

fn check(name: &str, rows: Vec<Vec<C>>) -> kpicheck::check::Analysis {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), name, &[sheet("Finance", rows)]);
    analyse(&p)
}

fn edit(mut rows: Vec<Vec<C>>, edits: &[(usize, usize, C)]) -> Vec<Vec<C>> {
    for (r, c, v) in edits {
        rows[*r - 1][*c] = v.clone();
    }
    rows
}

#[test]
fn revenue_2016_is_found_and_silent() {
    let a = check("r.xlsx", revenue_2016());
    assert_eq!(a.tables.len(), 1, "{:?}", a.table_infos());
    assert_eq!(a.tables[0].kind(), "revenue");
    assert_eq!(a.tables[0].rows.len(), 13);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn every_rounding_difference_of_2014_is_silent() {
    // (526) against 21,334 - 21,859 = -525; (2) against -1; 32 against 31;
    // (25) against -26; Total original 48,228 against rows adding to 48,227,
    // Budget V1 49,503 against 49,504, variation (11) against -10; 7.8%
    // against 7.85%, 0.6% against 0.56%.
    let a = check("r.xlsx", revenue_2014());
    assert_eq!(a.tables.len(), 1, "{:?}", a.table_infos());
    assert_eq!(a.tables[0].rows.len(), 9);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn variation_mismatch_fires_at_the_variation_in_its_encoding() {
    let a = check("r.xlsx", edit(revenue_2014(), &[(8, 4, T("(562)"))]));
    assert_eq!(at(&a, "finance.variation_mismatch"), vec!["Finance!E8"]);
    let f = find(&a, "finance.variation_mismatch")[0];
    assert_eq!(f.fix, Some(FixValue::Text("(525)".into())));
    assert_eq!(
        f.title.as_deref(),
        Some("Childrens in Care & Provider services")
    );

    let a = check("r.xlsx", edit(revenue_2016(), &[(11, 4, N(-731.0))]));
    assert_eq!(at(&a, "finance.variation_mismatch"), vec!["Finance!E11"]);
    assert_eq!(
        find(&a, "finance.variation_mismatch")[0].fix,
        Some(FixValue::Number(-371.0))
    );
}

#[test]
fn variation_within_rounding_is_silent_beyond_it_fires() {
    // Two figures combined: a gap of up to 2 is rounding, 3 is not.
    let a = check("r.xlsx", edit(revenue_2016(), &[(7, 4, N(153.0))]));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    let a = check("r.xlsx", edit(revenue_2016(), &[(7, 4, N(154.0))]));
    assert_eq!(at(&a, "finance.variation_mismatch"), vec!["Finance!E7"]);
}

#[test]
fn variation_pct_mismatch_keeps_the_fraction_or_the_text() {
    let a = check("r.xlsx", edit(revenue_2016(), &[(8, 6, P(0.024, 1))]));
    assert_eq!(at(&a, "finance.variation_pct_mismatch"), vec!["Finance!G8"]);
    assert_eq!(
        find(&a, "finance.variation_pct_mismatch")[0].fix,
        Some(FixValue::Number(0.224))
    );
    let a = check("r.xlsx", edit(revenue_2014(), &[(6, 6, T("8.7%"))]));
    assert_eq!(at(&a, "finance.variation_pct_mismatch"), vec!["Finance!G6"]);
    assert_eq!(
        find(&a, "finance.variation_pct_mismatch")[0].fix,
        Some(FixValue::Text("7.9%".into()))
    );
}

#[test]
fn variation_pct_with_the_wrong_sign_fires() {
    let a = check("r.xlsx", edit(revenue_2014(), &[(8, 6, T("2.4%"))]));
    assert_eq!(at(&a, "finance.variation_pct_mismatch"), vec!["Finance!G8"]);
}

#[test]
fn percentages_typed_as_plain_numbers_are_read_either_way() {
    // -68.7 typed as a number in one row, fractions elsewhere: no finding.
    let a = check("r.xlsx", edit(revenue_2016(), &[(5, 6, N(-68.7))]));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn total_mismatch_fires_at_the_total() {
    let a = check("r.xlsx", edit(revenue_2016(), &[(17, 3, N(55829.0))]));
    assert_eq!(at(&a, "finance.total_mismatch"), vec!["Finance!D17"]);
    let f = find(&a, "finance.total_mismatch")[0];
    assert_eq!(f.fix, Some(FixValue::Number(55288.0)));
    assert_eq!(f.related.as_deref(), Some("rows D5:D16"));
    let a = check("r.xlsx", edit(revenue_2014(), &[(13, 1, T("48,282"))]));
    assert_eq!(at(&a, "finance.total_mismatch"), vec!["Finance!B13"]);
    assert_eq!(
        find(&a, "finance.total_mismatch")[0].fix,
        Some(FixValue::Text("48,227".into()))
    );
}

#[test]
fn total_within_one_per_row_is_silent() {
    // Eight rows add to 48,227: 48,235 is 8 away (rounding), 48,236 is 9.
    let a = check("r.xlsx", edit(revenue_2014(), &[(13, 1, T("48,235"))]));
    assert!(at(&a, "finance.total_mismatch").is_empty());
    let a = check("r.xlsx", edit(revenue_2014(), &[(13, 1, T("48,236"))]));
    assert_eq!(at(&a, "finance.total_mismatch"), vec!["Finance!B13"]);
}

#[test]
fn negatives_as_minus_numbers_are_read_alike() {
    let a = check(
        "r.xlsx",
        edit(revenue_2014(), &[(8, 4, T("-526")), (12, 4, T("-25"))]),
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn sub_totals_add_their_lines_and_the_total_adds_all_lines() {
    let mut rows = revenue_2014();
    // After Safeguarding (row 9): a sub-total of the first five lines.
    rows.insert(
        9,
        vec![
            T("Sub-total Children's Social Care"),
            T("32,332"),
            T("33,559"),
            T("33,538"),
            T("(23)"),
            E,
            T("-0.1%"),
        ],
    );
    let a = check("r.xlsx", rows.clone());
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    rows[9][3] = T("33,583");
    let a = check("r.xlsx", rows);
    assert_eq!(at(&a, "finance.total_mismatch"), vec!["Finance!D10"]);
}

#[test]
fn a_plainly_worded_revenue_table_with_minus_signs() {
    let rows = vec![
        vec![T("Budget monitoring, month 9")],
        vec![
            T("Service"),
            T("Budget"),
            T("Actual"),
            T("Variance"),
            T("%"),
        ],
        vec![T("Libraries"), N(5650.0), N(5734.0), N(84.0), N(1.5)],
        vec![T("Early Years"), N(3831.0), N(3820.0), N(-11.0), N(-0.3)],
        vec![T("Youth"), N(3558.0), N(3365.0), N(-139.0), N(-5.4)],
        vec![T("Total"), N(13039.0), N(12919.0), N(-120.0), N(-0.9)],
    ];
    let a = check("plain.xlsx", rows);
    assert_eq!(a.tables.len(), 1, "{:?}", a.table_infos());
    assert_eq!(a.tables[0].kind(), "revenue");
    // Youth's -139 should be -193 (its -5.4% is right); the total's -120 is
    // right against its budget and actual, so the lines no longer add to it.
    assert_eq!(at(&a, "finance.variation_mismatch"), vec!["Finance!D5"]);
    assert_eq!(
        find(&a, "finance.variation_mismatch")[0].fix,
        Some(FixValue::Number(-193.0))
    );
    assert_eq!(at(&a, "finance.total_mismatch"), vec!["Finance!D6"]);
    assert_eq!(a.findings.len(), 2, "{:#?}", a.findings);
}

/// 2016/17 section 2.2: the service name under a blank header.
fn capital_2016() -> Vec<Vec<C>> {
    vec![
        vec![T("2.2 Capital")],
        vec![
            E,
            T("2016-17 \nApproved \nBudget"),
            T("Additions/ \nDeletions \nRecommended"),
            T("Slippage / \nAccelerated \nSpend \nRecommended"),
            T("Proposed \n2016/17 outturn"),
            T("Variance from \nApproved \nBudget"),
            T("% slippage \nof 2016/17"),
            T("Comments"),
        ],
        vec![
            E,
            T("£000"),
            T("£000"),
            T("£000"),
            T("£000"),
            T("£000"),
            T("%"),
        ],
        vec![
            T("Family Services"),
            N(5523.0),
            T("-"),
            N(-3874.0),
            N(1649.0),
            N(-3874.0),
            P(-0.701, 1),
            T("Library works not starting until 17/18"),
        ],
        vec![
            T("Family Services"),
            N(5523.0),
            T("-"),
            N(-3874.0),
            N(1649.0),
            N(-3874.0),
            P(-0.701, 1),
        ],
    ]
}

/// 2014/15 section 4.2 as typed text, with a budget including the quarter's
/// changes and a separate forecast. The row is sheet row 4, Total row 5.
fn capital_2014() -> Vec<Vec<C>> {
    vec![
        vec![T("4.2 Capital")],
        vec![
            E,
            T("2014/15 \nLatest \nApproved \nBudget"),
            T("Additions/ \n(Deletions) \n- Quarter 1"),
            T("(Slippage) / \nAccelerated \nSpend - \nQuarter 1"),
            T("2014/15 \nBudget \n(including \nQuarter 1)"),
            T("Forecast \nto year-\nend"),
            T("Variance \nfrom \nApproved \nBudget"),
            T("% \nslippage \nof \n2014/15 \nApproved \nBudget"),
        ],
        vec![
            E,
            T("£000"),
            T("£000"),
            T("£000"),
            T("£000"),
            T("£000"),
            T("£000"),
            T("%"),
        ],
        vec![
            T("Children's Families Service"),
            T("3,542"),
            T("-"),
            T("(1,365)"),
            T("2,177"),
            T("2,177"),
            T("(1,365)"),
            T("-38.5%"),
        ],
        vec![
            T("Total"),
            T("3,542"),
            T("-"),
            T("(1,365)"),
            T("2,177"),
            T("2,177"),
            T("(1,365)"),
            T("-38.5%"),
        ],
    ]
}

#[test]
fn capital_tables_are_found_and_silent() {
    for rows in [capital_2016(), capital_2014()] {
        let a = check("c.xlsx", rows);
        assert_eq!(a.tables.len(), 1, "{:?}", a.table_infos());
        assert_eq!(a.tables[0].kind(), "capital");
        assert_eq!(a.tables[0].rows.len(), 2);
        assert!(a.findings.is_empty(), "{:#?}", a.findings);
    }
}

#[test]
fn capital_forecast_mismatch_fires_at_the_forecast() {
    let a = check("c.xlsx", edit(capital_2016(), &[(4, 4, N(1694.0))]));
    assert_eq!(
        at(&a, "finance.capital_forecast_mismatch"),
        vec!["Finance!E4"]
    );
    let f = find(&a, "finance.capital_forecast_mismatch")[0];
    assert_eq!(f.fix, Some(FixValue::Number(1649.0)));
    assert_eq!(f.title.as_deref(), Some("Family Services"));
    // With a budget column it is the budget that must add up.
    let a = check("c.xlsx", edit(capital_2014(), &[(4, 4, T("2,717"))]));
    assert_eq!(
        at(&a, "finance.capital_forecast_mismatch"),
        vec!["Finance!E4"]
    );
    assert_eq!(
        find(&a, "finance.capital_forecast_mismatch")[0].fix,
        Some(FixValue::Text("2,177".into()))
    );
}

#[test]
fn a_forecast_beside_the_budget_may_differ_from_it() {
    // Forecast 2,300 against a budget of 2,177: a forecast overspend, and
    // the variance and total follow it.
    let a = check(
        "c.xlsx",
        edit(
            capital_2014(),
            &[
                (4, 5, T("2,300")),
                (4, 6, T("(1,242)")),
                (5, 5, T("2,300")),
                (5, 6, T("(1,242)")),
            ],
        ),
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn capital_variance_mismatch_fires_at_the_variance() {
    let a = check("c.xlsx", edit(capital_2014(), &[(4, 6, T("(1,356)"))]));
    assert_eq!(
        at(&a, "finance.capital_variance_mismatch"),
        vec!["Finance!G4"]
    );
    assert_eq!(
        find(&a, "finance.capital_variance_mismatch")[0].fix,
        Some(FixValue::Text("(1,365)".into()))
    );
}

#[test]
fn slippage_pct_mismatch_fires_at_the_percentage() {
    let a = check("c.xlsx", edit(capital_2014(), &[(4, 7, T("-3.9%"))]));
    assert_eq!(at(&a, "finance.slippage_pct_mismatch"), vec!["Finance!H4"]);
    assert_eq!(
        find(&a, "finance.slippage_pct_mismatch")[0].fix,
        Some(FixValue::Text("-38.5%".into()))
    );
    let a = check("c.xlsx", edit(capital_2016(), &[(4, 6, P(-0.71, 1))]));
    assert_eq!(at(&a, "finance.slippage_pct_mismatch"), vec!["Finance!G4"]);
}

#[test]
fn capital_total_mismatch() {
    let a = check("c.xlsx", edit(capital_2014(), &[(5, 1, T("3,452"))]));
    assert_eq!(at(&a, "finance.total_mismatch"), vec!["Finance!B5"]);
}

#[test]
fn revenue_and_capital_on_one_sheet() {
    let mut rows = revenue_2016();
    rows.push(vec![]);
    rows.extend(edit(capital_2016(), &[(4, 4, N(1694.0))]));
    let a = check("rc.xlsx", rows);
    let kinds: Vec<&str> = a.tables.iter().map(|t| t.kind()).collect();
    assert_eq!(kinds, vec!["revenue", "capital"]);
    assert_eq!(
        at(&a, "finance.capital_forecast_mismatch"),
        vec!["Finance!E22"]
    );
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
}

/// A committed sample, analysed.
fn sample(name: &str) -> kpicheck::check::Analysis {
    analyse(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name),
    )
}

fn finance_findings(a: &kpicheck::check::Analysis) -> Vec<String> {
    a.findings
        .iter()
        .filter(|f| f.family() == "finance")
        .map(|f| format!("{} {}!{}", f.rule, f.sheet, f.cell))
        .collect()
}

#[test]
fn sample_2016_17_revenue_and_capital_are_read_and_silent() {
    let a = sample("family_services_q4_2016-17.xlsx");
    let tables: Vec<(String, &str, usize)> = a
        .tables
        .iter()
        .filter(|t| t.sheet == "2 Finance")
        .map(|t| (t.range(), t.kind(), t.rows.len()))
        .collect();
    assert_eq!(
        tables,
        vec![
            ("A3:G18".to_string(), "revenue", 13),
            ("B20:H24".to_string(), "capital", 2)
        ]
    );
    assert!(
        finance_findings(&a).is_empty(),
        "{:?}",
        finance_findings(&a)
    );
}

#[test]
fn sample_2014_15_rounding_differences_are_all_silent() {
    let a = sample("family_services_q1_2014-15.xlsx");
    let kinds: Vec<(&str, usize)> = a
        .tables
        .iter()
        .filter(|t| t.sheet == "4 Resources")
        .map(|t| (t.kind(), t.rows.len()))
        .collect();
    assert_eq!(kinds, vec![("revenue", 9), ("capital", 2)]);
    assert!(
        finance_findings(&a).is_empty(),
        "{:?}",
        finance_findings(&a)
    );
}

mod ledger {
    //! Tables built from unrounded ledger figures, rounded the way the
    //! council rounds them: whatever the ledger, nothing may fire.

    use kpicheck::check::{analyse, CheckOptions};
    use kpicheck::schema::SchemaSet;
    use kpicheck::workbook::{Cell, Format, Sheet, Workbook};
    use proptest::prelude::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    /// "(1,365)" for negatives, as the 2014/15 report prints them.
    fn money(v: f64) -> Cell {
        let r = v.round();
        let body = format!("{}", r.abs() as i64)
            .as_bytes()
            .rchunks(3)
            .rev()
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(",");
        text(&if r < 0.0 { format!("({body})") } else { body })
    }

    fn pct(v: f64) -> Cell {
        text(&format!("{:.1}%", (v * 10.0).round() / 10.0))
    }

    fn findings(rows: Vec<Vec<Cell>>) -> Vec<String> {
        // Loaded once: compiling the schemas costs more than a check.
        static SCHEMAS: std::sync::OnceLock<SchemaSet> = std::sync::OnceLock::new();
        let schemas = SCHEMAS.get_or_init(|| SchemaSet::embedded().unwrap());
        let wb = Workbook {
            format: Format::Xlsx,
            sheets: vec![Sheet::new("Finance", (0, 0), rows)],
        };
        let a = analyse("ledger.xlsx", wb, schemas, &CheckOptions::default());
        assert_eq!(a.tables.len(), 1, "the table is found");
        a.findings
            .iter()
            .map(|f| format!("{} {} {}", f.rule, f.cell, f.message))
            .collect()
    }

    fn lines() -> impl Strategy<Value = Vec<(f64, f64, f64)>> {
        prop::collection::vec(
            (100.0..30_000.0f64, 100.0..30_000.0f64, -0.3..0.3f64)
                .prop_map(|(o, r, drift)| (o, r, r * (1.0 + drift))),
            1..14,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn revenue_from_any_ledger_is_silent(lines in lines()) {
            let mut rows = vec![
                ["Description", "Original Budget", "Revised Budget", "Outturn", "Variation", "% Variation of revised budget"]
                    .iter().map(|h| text(h)).collect::<Vec<_>>(),
            ];
            let (mut to, mut tr, mut tf) = (0.0, 0.0, 0.0);
            for (i, (o, r, f)) in lines.iter().enumerate() {
                to += o;
                tr += r;
                tf += f;
                rows.push(vec![text(&format!("Line {i}")), money(*o), money(*r), money(*f), money(f - r), pct((f - r) / r * 100.0)]);
            }
            rows.push(vec![text("Total"), money(to), money(tr), money(tf), money(tf - tr), pct((tf - tr) / tr * 100.0)]);
            let found = findings(rows);
            prop_assert!(found.is_empty(), "{:?}", found);
        }

        #[test]
        fn capital_from_any_ledger_is_silent(
            approved in 100.0..20_000.0f64,
            additions in -500.0..500.0f64,
            slip in -0.9..0.2f64,
        ) {
            let slippage = approved * slip;
            let outturn = approved + additions + slippage;
            let rows = vec![
                ["", "Approved Budget", "Additions/ Deletions", "Slippage / Accelerated Spend", "Proposed outturn", "Variance from Approved Budget", "% slippage"]
                    .iter().map(|h| text(h)).collect::<Vec<_>>(),
                vec![text("Family Services"), money(approved), money(additions), money(slippage), money(outturn), money(outturn - approved), pct(slippage / approved * 100.0)],
            ];
            let found = findings(rows);
            prop_assert!(found.is_empty(), "{:?}", found);
        }
    }
}
