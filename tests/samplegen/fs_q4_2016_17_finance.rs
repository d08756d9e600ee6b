//! Seed 001, sections 2.1 Revenue and 2.2 Capital, Q4 2016/17.
//!
//! Figures are numbers in £000 as the ledger export leaves them; the
//! percentages are fractions under a one-decimal % format. What the tables
//! hold, rounding included: Intervention and Planning's variation 837 where
//! 4,098 - 3,262 = 836; Safeguarding & Quality's -7.9% where -169 / 2,124 =
//! -7.96%; the total original budget 46,647 where the lines add to 46,648.
//! All are £000 rounding and must raise nothing. The capital table repeats
//! its single line as the total, without a "Total" label.

use super::grid::*;

pub fn sheets() -> Vec<SheetSpec> {
    vec![finance()]
}

fn line(
    d: &'static str,
    original: f64,
    revised: f64,
    outturn: f64,
    variation: f64,
    comment: &'static str,
    pct: f64,
) -> Vec<C> {
    vec![
        T(d),
        D(original, 0),
        D(revised, 0),
        D(outturn, 0),
        D(variation, 0),
        T(comment),
        P(pct, 1),
    ]
}

/// 2. Finance: 2.1 Revenue and 2.2 Capital on one sheet, as in the report.
fn finance() -> SheetSpec {
    let mut rows = vec![
        vec![B("2. Finance")],
        vec![B("2.1 Revenue")],
        // Row 3: "Variations" over the variation and its comments.
        vec![E, E, E, E, T("Variations")],
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
        line("Family Services Management", 1100.0, 677.0, 212.0, -465.0, "Early achievement of MTFS savings against inflation, used in this financial year to offset against demand pressures.", -0.687),
        line("Social Care Management", 1175.0, 1750.0, 1422.0, -328.0, "£500k agency satf budget held here.", -0.187),
        line("CSC 0-25", 2378.0, 6103.0, 6254.0, 151.0, "Overspend in the Transitions team due to the use of agency staff and also overspend in placements costs of the 19-25 cohort. This is offset by £284k underspend on current contracts in Short Breaks and Respite", 0.025),
        line("Intake and Assessment", 2532.0, 3062.0, 3749.0, 687.0, "Overspend from the use of agency staff as the Barnet Group contract is embedded in.", 0.224),
        line("Intervention and Planning", 2585.0, 3262.0, 4098.0, 837.0, "Overspend on section 17 and from the use of agency staff as the Barnet Group contract is embedded in.", 0.257),
        line("Permanence Trns & CorParenting", 3184.0, 3420.0, 4071.0, 651.0, "Overspend on the use of agency staff. There is also overspend on UASC due to increase in numbers - governemnt grant does not cover full costs.", 0.19),
        line("Placements", 17468.0, 17727.0, 17356.0, -371.0, "There has been a significant increase in the number of Looked After Children (LAC) since the beginning of April, particularly around high risk, high complexity cases and remand. This has been offset against early achievement of MTFS savings relating to Health and SEN contributions.", -0.021),
        line("Safeguarding & Quality", 1787.0, 2124.0, 1955.0, -169.0, "Underspends due to in-year savings held to offset against other overspend.", -0.079),
        line("Commissioning & Business Imp.", 3025.0, 3699.0, 3252.0, -447.0, "Early MTFS savings achieved on the CAMHs contract and some staff vacancies.", -0.121),
        line("Early Years", 2765.0, 3831.0, 3820.0, -11.0, "Shortfall in childcare income is offset by staff underspends", -0.003),
        line("Libraries & Comm.Engagemnt", 5426.0, 5650.0, 5734.0, 84.0, "Libraries Transformation - HR consultation and redeployment charges.", 0.015),
        line("Youth & Family Support", 3223.0, 3558.0, 3365.0, -193.0, "Part-year vacancies due to delay in recruitment.", -0.054),
        vec![B("Total"), D(46647.0, 0), D(54863.0, 0), D(55289.0, 0), D(426.0, 0), E, P(0.008, 1)],
        vec![],
        vec![B("2.2 Capital")],
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
        vec![E, T("£000"), T("£000"), T("£000"), T("£000"), T("£000"), T("%")],
    ];
    let capital = |comment: C, label: C| {
        vec![
            label,
            D(5523.0, 0),
            T("-"),
            D(-3874.0, 0),
            D(1649.0, 0),
            D(-3874.0, 0),
            P(-0.701, 1),
            comment,
        ]
    };
    rows.push(capital(
        T("Library works not starting until 17/18"),
        T("Family Services"),
    ));
    rows.push(capital(E, B("Family Services")));
    sheet("2 Finance", rows)
        .merge(2, 4, 2, 5)
        .widths(&[30.0, 11.0, 11.0, 11.0, 11.0, 60.0, 14.0, 40.0])
}
