//! Properties: figures survive a format and parse round trip, and any grid
//! of cells goes through detection, the rules and every renderer without a
//! panic.

use std::sync::OnceLock;

use kpicheck::check::{analyse, CheckOptions};
use kpicheck::report;
use kpicheck::schema::SchemaSet;
use kpicheck::values::{format_like, parse_cell, parse_number_text, parse_text, round_to, Num};
use kpicheck::workbook::{Cell, Format, Sheet, Workbook};
use proptest::prelude::*;

fn schemas() -> &'static SchemaSet {
    static S: OnceLock<SchemaSet> = OnceLock::new();
    S.get_or_init(|| SchemaSet::embedded().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A figure written the way a return writes it reads back as the same
    /// figure, with the same decimals, sign, currency and grouping.
    #[test]
    fn a_formatted_figure_parses_back(
        m in -100_000_000i64..100_000_000,
        d in 0u8..=4,
        grouped: bool,
        currency: bool,
        percent: bool,
        parens: bool,
        plus: bool,
    ) {
        let v = m as f64 / 10f64.powi(i32::from(d));
        let like = Num {
            value: v,
            decimals: d,
            percent_sign: percent,
            from_text: true,
            parens,
            currency,
            grouped,
            plus_sign: plus,
            suffix: None,
        };
        let s = format_like(v, &like, d);
        let n = parse_number_text(&s);
        prop_assert!(n.is_some(), "{s:?} did not parse");
        let n = n.unwrap();
        let back = round_to(v, d);
        prop_assert!((n.value - back).abs() <= 1e-9 * back.abs().max(1.0), "{s:?}: {} != {back}", n.value);
        prop_assert_eq!(n.decimals, d, "{:?}", s);
        prop_assert_eq!(n.percent_sign, percent, "{:?}", s);
        prop_assert_eq!(n.currency, currency, "{:?}", s);
        prop_assert_eq!(n.parens, parens && back < 0.0, "{:?}", s);
        prop_assert_eq!(n.grouped, grouped && back.abs() >= 1000.0, "{:?}", s);
    }

    /// Any text at all parses to some value without a panic.
    #[test]
    fn any_text_parses_without_panic(s in any::<String>()) {
        let _ = parse_text(&s);
        let _ = parse_number_text(&s);
    }

    /// Text made of the characters figures are written with.
    #[test]
    fn figure_like_text_parses_without_panic(s in "[ \\-+£$€(),.%0-9/\n–−KkİDAYSdaysweekmonth]{0,24}") {
        if let Some(n) = parse_number_text(&s) {
            prop_assert!(n.value.is_finite() || s.to_lowercase().contains("inf") || s.contains('e'));
        }
        let _ = parse_text(&s);
    }

    /// Formatting never panics, whatever the figure and the decimals.
    #[test]
    fn any_figure_formats_without_panic(
        v in any::<f64>(),
        d in 0u8..=30,
        grouped: bool,
        currency: bool,
        percent: bool,
        parens: bool,
    ) {
        let like = Num { grouped, currency, percent_sign: percent, parens, ..Num::plain(v) };
        let _ = format_like(v, &like, d);
        let _ = parse_cell(&Cell::Number(v));
        let _ = parse_cell(&Cell::Date(v));
    }

    /// Any grid, with or without an indicator header somewhere in it, goes
    /// through detection, the rules and every renderer without a panic.
    #[test]
    fn any_grid_is_checked_without_panic(
        rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..15), 0..14),
        header_at in proptest::option::of(0usize..14),
        origin in (0u32..3, 0u32..3),
        far in any::<bool>(),
    ) {
        let mut rows = rows;
        if let Some(at) = header_at {
            let at = at.min(rows.len());
            rows.insert(at, header());
        }
        let origin = if far { (1_048_560, 16_370) } else { origin };
        let sheet = Sheet::new("S", origin, rows);
        let wb = Workbook { format: Format::Xlsx, sheets: vec![sheet] };
        let a = analyse("grid.xlsx", wb, schemas(), &CheckOptions::default());
        for f in &a.findings {
            prop_assert!(!f.message.is_empty());
        }
        let files = vec![a.report()];
        let _ = report::text::render(&files, &report::text::TextOptions { verbose: true });
        let _ = report::json::render(&files);
        let _ = report::csv::render(&files);
        let _ = report::html::render(&files, "t");
        prop_assert!(report::xlsx::render(&files, "t").is_ok());
    }
}

/// The 3.2a header, as cells.
fn header() -> Vec<Cell> {
    [
        "Ref",
        "Indicator",
        "Polarity",
        "Period \nCovered",
        "Annual \n2016/17 \nTarget",
        "Q4 \n2016/17 \nTarget",
        "Numerator / \nDenominator",
        "Q4 \n2016/17 \nResult",
        "Q3 \n2016/17 \nResult",
        "DOT \nShort-\nTerm \n(From Q3 \n2016/17)",
        "Q4 \n2015/16 \nResult",
        "DOT \nLong-\nTerm \n(From Q4 \n2015/16)",
        "Benchmarking",
    ]
    .iter()
    .map(|s| Cell::Text((*s).into()))
    .collect()
}

/// Cells as returns hold them, hostile ones included.
fn cell() -> impl Strategy<Value = Cell> {
    let words = prop_oneof![
        Just("FS/S2"),
        Just("FS/C24"),
        Just("3009"),
        Just("Bigger is Better"),
        Just("Smaller is Better"),
        Just("Monitor"),
        Just("N/A"),
        Just("Improving"),
        Just("Worsening"),
        Just("Same"),
        Just("29/196"),
        Just("0/0"),
        Just("157/357"),
        Just("44.0%"),
        Just("(465)"),
        Just("£5,523"),
        Just("1,051"),
        Just("20\n35"),
        Just("-"),
        Just("Q4 2016/17"),
        Just("As at 31 March 2017"),
        Just("#DIV/0!"),
        Just("1e308"),
        Just("-1e308%"),
        Just("=SUM(A1:A9)"),
    ];
    prop_oneof![
        3 => Just(Cell::Empty),
        3 => words.prop_map(|w| Cell::Text(w.into())),
        2 => any::<f64>().prop_map(Cell::Number),
        2 => (-1_000_000i64..1_000_000).prop_map(|n| Cell::Number(n as f64 / 100.0)),
        1 => any::<String>().prop_map(|s| Cell::Text(s.into())),
        1 => (30_000usize..40_000).prop_map(|n| Cell::Text("44.0% ".repeat(n / 6).into())),
        1 => prop_oneof![Just("#DIV/0!"), Just("#REF!"), Just("#N/A")].prop_map(|e| Cell::Error(e.to_string())),
        1 => any::<f64>().prop_map(Cell::Date),
        1 => any::<bool>().prop_map(Cell::Bool),
    ]
}
