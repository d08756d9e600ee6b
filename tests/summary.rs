//! Dashboards and overviews: percentages against counts, totals against
//! their parts, and counts against the indicator tables.

mod common;
use common::*;

fn risks_row(mh: &'static str) -> Vec<SheetSpec> {
    vec![sheet(
        "Dashboard",
        vec![
            vec![T("1.1 SERVICE DASHBOARD")],
            vec![
                T("Risks"),
                T("Low"),
                T("Medium Low"),
                T("Medium High"),
                T("High"),
                T("Reduced/Same"),
                T("Increased"),
                T("New"),
            ],
            vec![
                E,
                T("0% (0)"),
                T("15% (3)"),
                T(mh),
                T("10% (2)"),
                T("90% (18)"),
                T("0% (0)"),
                T("10% (2)"),
            ],
        ],
    )]
}

#[test]
fn a_count_that_does_not_match_its_percentage_is_reported_with_the_count_it_implies() {
    let dir = tempfile::tempdir().unwrap();
    let a = analyse(&write(dir.path(), "d.xlsx", &risks_row("75% (3)")));
    assert_eq!(at(&a, "summary.percent_count_mismatch"), ["Dashboard!D3"]);
    let f = &find(&a, "summary.percent_count_mismatch")[0];
    assert_eq!(f.expected.as_deref(), Some("75% (15)"));
    assert!(f.fixable());

    let a = analyse(&write(dir.path(), "ok.xlsx", &risks_row("75% (15)")));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn a_percentage_that_does_not_match_its_count_is_reported_with_the_percentage_it_should_be() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = vec![sheet(
        "Dashboard",
        vec![
            vec![
                T("Performance"),
                T("Green"),
                T("Green Amber"),
                T("Red Amber"),
                T("Red"),
                T("Improved/Same"),
                T("Worsened"),
            ],
            vec![
                T("Indicators"),
                T("64%(14)"),
                T("18% (4)"),
                T("0% (0)"),
                T("18% (4)"),
                T("58% (6)"),
                T("50% (6)"),
            ],
        ],
    )];
    let a = analyse(&write(dir.path(), "d.xlsx", &sheets));
    assert_eq!(at(&a, "summary.percent_count_mismatch"), ["Dashboard!F2"]);
    // Improved and worsened count 6 + 6 = 12 and "50% (6)" beside it
    // agrees: the 58% is the typo.
    let f = &find(&a, "summary.percent_count_mismatch")[0];
    assert!(f.message.contains("6 of 12 is 50%"), "{}", f.message);
    assert_eq!(f.expected.as_deref(), Some("50% (6)"));
}

fn overview(spi_dot: f64, total_green: &'static str) -> Vec<SheetSpec> {
    vec![sheet(
        "3.1 Overview",
        vec![
            vec![
                E,
                T("RAG"),
                E,
                E,
                E,
                E,
                E,
                T("Long-Term Direction of Travel"),
                E,
                E,
                T("No. Indicators \nReported in \nQuarter"),
            ],
            vec![
                E,
                T("Green"),
                T("Green \nAmber"),
                T("Red \nAmber"),
                T("Red"),
                T("No. RAG \nRated"),
                T("Monitor"),
                T("Improving / \nSame"),
                T("Worsening"),
                T("No. Direction \nof Travel"),
            ],
            vec![
                T("CPI"),
                N(5.0),
                N(1.0),
                N(0.0),
                N(1.0),
                N(7.0),
                N(5.0),
                N(3.0),
                N(3.0),
                N(6.0),
                N(12.0),
            ],
            vec![
                T("SPI"),
                N(4.0),
                N(1.0),
                N(0.0),
                N(1.0),
                N(6.0),
                N(3.0),
                N(3.0),
                N(2.0),
                N(spi_dot),
                N(9.0),
            ],
            vec![
                T("Total"),
                T(total_green),
                T("18% (2)"),
                T("0% (0)"),
                T("15% (2)"),
                T("100% (13)"),
                T("38% (8)"),
                T("55% (6)"),
                T("45% (5)"),
                N(11.0),
                N(21.0),
            ],
        ],
    )]
}

#[test]
fn totals_are_checked_across_rows_and_down_columns() {
    let dir = tempfile::tempdir().unwrap();
    let a = analyse(&write(dir.path(), "right.xlsx", &overview(5.0, "69% (9)")));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(a.table_infos()[0].range, "A2:K5");

    // SPI: 3 + 2 = 5 with a direction of travel, not 4; the total's
    // green 10 is not 5 + 4, so its RAG columns no longer add to 13.
    let a = analyse(&write(dir.path(), "wrong.xlsx", &overview(4.0, "71% (10)")));
    let mut got = at(&a, "summary.sum_mismatch");
    got.sort();
    assert_eq!(
        got,
        [
            "3.1 Overview!B5",
            "3.1 Overview!F5",
            "3.1 Overview!J4",
            "3.1 Overview!J5"
        ],
        "{:#?}",
        a.findings
    );
    let j4 = find(&a, "summary.sum_mismatch")
        .into_iter()
        .find(|f| f.cell.to_string() == "J4")
        .unwrap();
    assert_eq!(j4.expected.as_deref(), Some("5"));
    assert_eq!(j4.related.as_deref(), Some("H4, I4"));
}

fn rated(rags: [&'static str; 4], dashboard: [f64; 4]) -> Vec<SheetSpec> {
    let ind = |r: &'static str, target: f64, result: f64, rag: &'static str| {
        vec![
            T(r),
            T("Number of things done"),
            T("Bigger is Better"),
            N(target),
            N(result),
            T(rag),
        ]
    };
    vec![
        sheet(
            "Dashboard",
            vec![
                vec![
                    T("Performance"),
                    T("Green"),
                    T("Green Amber"),
                    T("Red Amber"),
                    T("Red"),
                ],
                vec![
                    T("Indicators"),
                    N(dashboard[0]),
                    N(dashboard[1]),
                    N(dashboard[2]),
                    N(dashboard[3]),
                ],
            ],
        ),
        sheet(
            "Indicators",
            vec![
                vec![T("Street Scene – Q2 2017/18")],
                vec![
                    T("Ref"),
                    T("Indicator"),
                    T("Polarity"),
                    T("Q2 2017/18 Target"),
                    T("Q2 2017/18 Result"),
                    T("RAG"),
                ],
                ind("SS/1", 10.0, 12.0, rags[0]),
                ind("SS/2", 10.0, 10.0, rags[1]),
                ind("SS/3", 10.0, 9.5, rags[2]),
                ind("SS/4", 10.0, 5.0, rags[3]),
            ],
        ),
    ]
}

#[test]
fn dashboard_counts_are_checked_against_the_indicator_tables() {
    let dir = tempfile::tempdir().unwrap();
    let rags = ["Green", "Green", "Green Amber", "Red"];
    let a = analyse(&write(
        dir.path(),
        "right.xlsx",
        &rated(rags, [2.0, 1.0, 0.0, 1.0]),
    ));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);

    let a = analyse(&write(
        dir.path(),
        "wrong.xlsx",
        &rated(rags, [3.0, 0.0, 0.0, 1.0]),
    ));
    assert_eq!(
        at(&a, "summary.indicator_count_mismatch"),
        ["Dashboard!B2", "Dashboard!C2"]
    );
    assert_eq!(
        find(&a, "summary.indicator_count_mismatch")[0]
            .expected
            .as_deref(),
        Some("2")
    );

    // A dashboard counting seven indicators covers more than this table
    // lists: it cannot be checked against it, and is not reported.
    let a = analyse(&write(
        dir.path(),
        "wider.xlsx",
        &rated(rags, [5.0, 1.0, 0.0, 1.0]),
    ));
    assert!(at(&a, "summary.indicator_count_mismatch").is_empty());
}

#[test]
fn an_indicator_table_is_not_mistaken_for_a_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = vec![sheet(
        "Indicators",
        vec![
            vec![
                T("Ref"),
                T("Indicator"),
                T("Polarity"),
                T("Q4 2016/17 Target"),
                T("Q4 2016/17 Result"),
                T("Q3 2016/17 Result"),
                T("DOT Short-Term"),
            ],
            vec![
                T("FS/S4"),
                T("Number of referrals"),
                T("Monitor"),
                T("Monitor"),
                N(345.0),
                N(379.0),
                T("Monitor"),
            ],
            vec![
                T("FS/S5"),
                T("Number of children adopted"),
                T("Bigger is Better"),
                N(10.0),
                N(8.0),
                N(7.0),
                T("Improving"),
            ],
        ],
    )];
    let a = analyse(&write(dir.path(), "i.xlsx", &sheets));
    let kinds: Vec<String> = a.table_infos().into_iter().map(|t| t.kind).collect();
    assert_eq!(kinds, ["indicators"]);
}

/// A heat map, impact in the rows (5 down to 1), likelihood across: one
/// risk at 4x4 (High), two at 4x3 and one at 3x4 (Medium High), one at 2x2
/// (Medium Low).
fn heat_map() -> SheetSpec {
    const LIKELIHOOD: [&str; 5] = ["Rare", "Unlikely", "Possible", "Likely", "Almost Certain"];
    const IMPACT: [&str; 5] = ["Negligible", "Minor", "Moderate", "Major", "Catastrophic"];
    let mut c = [[0.0; 5]; 5];
    c[1][3] = 1.0;
    c[1][2] = 2.0;
    c[2][3] = 1.0;
    c[3][1] = 1.0;
    let mut rows = vec![vec![E, E, T("Likelihood")]];
    let mut head = vec![E, E];
    head.extend((0..5).map(|l| S(format!("{} {}", l + 1, LIKELIHOOD[l]))));
    rows.push(head);
    for (k, counts) in c.iter().enumerate() {
        let level = 5 - k;
        let mut r = vec![E, S(format!("{level} {}", IMPACT[level - 1]))];
        r.extend(counts.iter().map(|&v| if v == 0.0 { E } else { N(v) }));
        rows.push(r);
    }
    sheet("Risk", rows)
}

fn with_map(mh: &'static str) -> Vec<SheetSpec> {
    vec![
        sheet(
            "Dashboard",
            vec![
                vec![
                    T("Risks"),
                    T("Low"),
                    T("Medium Low"),
                    T("Medium High"),
                    T("High"),
                    T("Reduced/Same"),
                    T("Increased"),
                    T("New"),
                ],
                vec![
                    E,
                    T("0% (0)"),
                    T("20% (1)"),
                    T(mh),
                    T("20% (1)"),
                    T("100% (5)"),
                    T("0% (0)"),
                    T("0% (0)"),
                ],
            ],
        ),
        heat_map(),
    ]
}

#[test]
fn dashboard_risk_bands_are_checked_against_the_heat_map() {
    let dir = tempfile::tempdir().unwrap();
    let a = analyse(&write(dir.path(), "right.xlsx", &with_map("60% (3)")));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);

    let a = analyse(&write(dir.path(), "wrong.xlsx", &with_map("60% (2)")));
    assert_eq!(at(&a, "summary.risk_count_mismatch"), ["Dashboard!D2"]);
    let f = &find(&a, "summary.risk_count_mismatch")[0];
    assert_eq!(f.expected.as_deref(), Some("60% (3)"));
    assert!(f.message.contains("heat map"), "{}", f.message);
    // The percentage check would say the same thing less well: not both.
    assert!(at(&a, "summary.percent_count_mismatch").is_empty());
}

fn with_register(same: &'static str, new: &'static str) -> Vec<SheetSpec> {
    let risk = |id: &'static str, i: f64, l: f64, dot: &'static str| {
        vec![
            T(id),
            T("A risk"),
            T("Assistant Director"),
            N(i),
            N(l),
            N(i),
            N(l),
            N(i * l),
            T(dot),
            T("Treat"),
        ]
    };
    vec![
        sheet(
            "Dashboard",
            vec![
                vec![
                    T("Risks"),
                    T("Low"),
                    T("Medium Low"),
                    T("Medium High"),
                    T("High"),
                    T("Reduced/Same"),
                    T("Increased"),
                    T("New"),
                ],
                vec![
                    E,
                    T("0% (0)"),
                    T("33% (1)"),
                    T("33% (1)"),
                    T("33% (1)"),
                    T(same),
                    T("0% (0)"),
                    T(new),
                ],
            ],
        ),
        sheet(
            "Register",
            vec![
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
                risk("SS001", 4.0, 4.0, "Same"),
                risk("SS002", 3.0, 3.0, "Same"),
                risk("SS003", 2.0, 2.0, "New"),
            ],
        ),
    ]
}

#[test]
fn dashboard_risk_directions_are_checked_against_a_full_register() {
    let dir = tempfile::tempdir().unwrap();
    let a = analyse(&write(
        dir.path(),
        "right.xlsx",
        &with_register("67% (2)", "33% (1)"),
    ));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);

    let a = analyse(&write(
        dir.path(),
        "wrong.xlsx",
        &with_register("100% (3)", "0% (0)"),
    ));
    assert_eq!(
        at(&a, "summary.risk_count_mismatch"),
        ["Dashboard!F2", "Dashboard!H2"],
        "{:#?}",
        a.findings
    );
    let f = find(&a, "summary.risk_count_mismatch");
    assert_eq!(f[0].expected.as_deref(), Some("67% (2)"));
    assert_eq!(f[1].expected.as_deref(), Some("33% (1)"));
}
