//! Seed 002, sections 4.1 Revenue and 4.2 Capital, Q1 2014/15.
//!
//! Typed as the report prints them: text figures with thousands separators
//! and negatives in brackets ("(526)"), percentages as "7.8%". The £000
//! rounding in the revenue table, all of which must raise nothing:
//! Childrens in Care (526) where 21,334 - 21,859 = -525; Safeguarding (2)
//! where 2,342 - 2,343 = -1; Family Support 32 where 5,581 - 5,550 = 31;
//! Youth (25) where 7,358 - 7,384 = -26; the Total's original budget 48,228
//! where the lines add to 48,227, its Budget V1 49,503 where they add to
//! 49,504, its variation (11) where 49,493 - 49,503 = -10; and 7.8% where
//! 164 / 2,088 = 7.85%. The capital table repeats its single line as the
//! total, without a "Total" label.

use super::grid::*;

pub fn sheets() -> Vec<SheetSpec> {
    vec![resources()]
}

/// 4. Resources and value for money: 4.1 Revenue and 4.2 Capital.
fn resources() -> SheetSpec {
    let line = |d, o, r, f, v, c, p| vec![T(d), T(o), T(r), T(f), T(v), T(c), T(p)];
    let mut rows = vec![
        vec![B("4. RESOURCES AND VALUE FOR MONEY")],
        vec![B("4.1 Revenue")],
        vec![E, E, E, E, T("Variations")],
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
        line("Social Care Management", "2,174", "2,088", "2,252", "164", "Overspend relates to Translation services and interim staff costs.", "7.8%"),
        line("Assessment & Children in Need", "6,326", "6,609", "6,950", "341", "Overspend On Direct Payments for Disabled Children plus staff overspend to cover caseloads.", "5.2%"),
        line("Childrens in Care & Provider services", "20,829", "21,859", "21,334", "(526)", "Overspend in external residential care placements and Kinship and SGOs offset by underspends in Independent Fostering Agencies and Ext Family Assessments. Further, budgets includes £1m to be funded from contingency.", "-2.4%"),
        line("Safeguarding & Quality Assurance", "2,343", "2,343", "2,342", "(2)", "", "-0.1%"),
        line("Commissioning & business improvement", "3,006", "3,011", "3,016", "5", "", "0.2%"),
        line("Family Support & Early Intervention", "5,689", "5,550", "5,581", "32", "Overspend relates to Children Centres.", "0.6%"),
        line("Youth & Community", "7,200", "7,384", "7,358", "(25)", "Staff vacancies in  Library services.", "-0.3%"),
        vec![B("Total"), T("48,228"), T("49,503"), T("49,493"), T("(11)"), E, T("0.0%")],
        vec![],
        vec![B("4.2 Capital")],
        vec![
            E,
            T("2014/15 \nLatest \n\nApproved \nBudget"),
            T("Additions/ \n(Deletions) \n- Quarter 1"),
            T("(Slippage) / \nAccelerated \n\nSpend - \nQuarter 1"),
            T("2014/15 \nBudget \n(including \nQuarter 1)"),
            T("Forecast \nto year-\n\nend"),
            T("Variance \nfrom \nApproved \nBudget"),
            T("% \nslippage \n\nof \n2014/15 \n\nApproved \nBudget"),
        ],
        vec![E, T("£000"), T("£000"), T("£000"), T("£000"), T("£000"), T("£000"), T("%")],
    ];
    let capital = |label: C| {
        vec![
            label,
            T("3,542"),
            T("-"),
            T("(1,365)"),
            T("2,177"),
            T("2,177"),
            T("(1,365)"),
            T("-38.5%"),
        ]
    };
    rows.push(capital(T("Children's Families Service")));
    rows.push(capital(B("Children's Families Service")));
    sheet("4 Resources", rows)
        .merge(2, 4, 2, 5)
        .widths(&[34.0, 11.0, 11.0, 11.0, 11.0, 60.0, 12.0, 12.0])
}
