//! The committed samples: current with their generator, and checked as the
//! council's own reports should be — every seed anomaly found at its cell,
//! nothing reported on rows that are right.

mod common;
#[path = "samplegen/mod.rs"]
mod samplegen;

use std::path::Path;

fn samples_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/samples"))
}

#[test]
fn samples_are_current() {
    let dir = tempfile::tempdir().unwrap();
    for (name, sheets) in samplegen::all() {
        let fresh = samplegen::grid::write(dir.path(), name, &sheets);
        let committed = samples_dir().join(name);
        let a = std::fs::read(&fresh).unwrap();
        let b =
            std::fs::read(&committed).unwrap_or_else(|e| panic!("{}: {e}", committed.display()));
        assert!(
            a == b,
            "samples/{name} is out of date: run `cargo run --example gen_samples` and commit"
        );
    }
}

/// Findings of the indicator rule families, as "rule Sheet!Cell".
fn indicator_findings(name: &str) -> Vec<String> {
    const FAMILIES: &[&str] = &[
        "ratio", "polarity", "dot", "rag", "variance", "unit", "value", "xref",
    ];
    let a = common::analyse(&samples_dir().join(name));
    let mut v: Vec<String> = a
        .findings
        .iter()
        .filter(|f| FAMILIES.contains(&f.family()))
        .map(|f| format!("{} {}!{}", f.rule, f.sheet, f.cell))
        .collect();
    v.sort();
    v
}

#[test]
fn q4_2016_17_indicators_report_only_the_rate_typed_as_a_percentage() {
    let name = "family_services_q4_2016-17.xlsx";
    let a = common::analyse(&samples_dir().join(name));
    let tables: Vec<_> = a
        .tables
        .iter()
        .filter(|t| t.kind() == "indicators")
        .collect();
    assert_eq!(tables.len(), 1, "3.2a is one table across its page breaks");
    assert_eq!(tables[0].rows.len(), 33, "every indicator of 3.2a is read");
    assert_eq!(
        indicator_findings(name),
        ["unit.percent_on_non_percentage 3.2a Indicators!H47"],
        "FS/C24's \"21.9%\" and nothing else"
    );
    let f = common::find(&a, "unit.percent_on_non_percentage");
    assert_eq!(f[0].key.as_deref(), Some("FS/C24"));
}

#[test]
fn q1_2014_15_indicators_report_only_3212s_target_variance() {
    let name = "family_services_q1_2014-15.xlsx";
    let a = common::analyse(&samples_dir().join(name));
    let rows: usize = a
        .tables
        .iter()
        .filter(|t| t.kind() == "indicators")
        .map(|t| t.rows.len())
        .sum();
    assert_eq!(
        rows, 13,
        "2.1, 3.2.2 and the appendix: 5 + 1 + 7 indicators"
    );
    assert_eq!(
        indicator_findings(name),
        ["variance.target_mismatch Appendix CPs!H13"],
        "3212's 1.7% (should be 1.8%); 3009, 3203 and 3207 use the unrounded ratio and are right"
    );
    let f = common::find(&a, "variance.target_mismatch");
    assert_eq!(f[0].key.as_deref(), Some("3212"));
    assert_eq!(f[0].expected.as_deref(), Some("1.8%"));
}

#[test]
fn q4_2016_17_dashboards_report_the_risk_count_and_the_overview_sums() {
    let a = common::analyse(&samples_dir().join("family_services_q4_2016-17.xlsx"));
    let mut got: Vec<String> = a
        .findings
        .iter()
        .filter(|f| f.family() == "summary")
        .map(|f| format!("{} {}!{}", f.rule, f.sheet, f.cell))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            // "75% (3)" Medium High: the heat map holds 15 of 20.
            "summary.risk_count_mismatch 1.1 Dashboard!D12",
            // SPI: 3 + 2 with a direction of travel, not 4.
            "summary.sum_mismatch 3.1 Overview!J7",
            // MPI/KPI: 0 + 1, not 21.
            "summary.sum_mismatch 3.1 Overview!J8",
        ]
    );
    let f = common::find(&a, "summary.risk_count_mismatch");
    assert_eq!(f[0].expected.as_deref(), Some("75% (15)"));
}

#[test]
fn the_commissioning_plan_catalogue_raises_nothing() {
    // Seed 000's targets mix figures and words ("12.5% (Q3 Target 11.5%)",
    // "Perform in line with statistical neighbours"): notes, not errors.
    let a = common::analyse(&samples_dir().join("history/commissioning_plan_q3_2016-17.xlsx"));
    assert_eq!(a.tables.len(), 1);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}
