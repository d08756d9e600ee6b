//! Seed 002: Family Services delivery unit report, Q1 2014/15.
//!
//! The Corporate Plan indicators (2.1), the escalated commissioning
//! priority indicator (3.2.2) and the appendix of commissioning priority
//! indicators, in the older form: no polarity column (the description's
//! verb carries it), numerator over denominator on two lines of one cell,
//! target and DoT variances. Figures are mostly typed text, as in the
//! council's sheets. Its anomaly: 3212's target variance 1.7% where
//! |390 - 383| / 383 is 1.8%. 3009, 3203 and 3207 quote variances computed
//! from the unrounded ratio, which is right.

use super::grid::*;

pub fn workbook() -> Vec<SheetSpec> {
    let mut v = vec![cpi(), escalated()];
    v.extend(super::fs_q1_2014_15_finance::sheets());
    v.extend(super::fs_q1_2014_15_risk::sheets());
    v.push(appendix());
    v
}

fn header(first: &'static str) -> Vec<C> {
    vec![
        T(first),
        T("Indicator description"),
        T("Period \nCovered"),
        T("Previous \noutturn"),
        T("Target"),
        T("Numerator \nand \nDenominator"),
        T("Outturn"),
        T("Target \nVariance"),
        T("DoT \nVariance"),
        T("Benchmarking"),
    ]
}

const LOCAL: &str = "Benchmarking data not available - this target is specific to Barnet";

/// 2.1 How the Delivery Unit is performing against its Corporate Plan
/// indicators.
fn cpi() -> SheetSpec {
    let rows = vec![
        vec![B("2. DELIVERING THE CORPORATE PLAN")],
        vec![B("2.1 How the Delivery Unit is performing against its Corporate Plan indicators")],
        vec![],
        header("CPI NO"),
        vec![N(3002.0), T("Increase the number of early years places available for eligible two year olds"), T("As at the end of the quarter"), N(935.0), T("1,051"), T("N/A"), N(726.0), T("30.9%"), T("22.4%"), T(LOCAL)],
        vec![N(3005.0), T("Reduce the average time between a child entering care and moving in with its adoptive family, for adopted children (days)"), T("Not due to be reported this quarter.")],
        vec![E, E, T("As at the end of quarter 1 we have placed 9 children against the annual target of 14, we are on track to meet this target by the end of the year")],
        vec![N(3007.0), T("Monitor the number of referrals to social care per 10,000 of the under 18 population"), T("As at the end of the quarter"), N(409.0), T("No \nTarget"), T("N/A"), D(413.7, 1), T("N/A"), T("1.1%"), T("2012/13 520.7 England")],
        vec![N(3008.0), T("Reduce the number of first time entrants to the Youth Justice System aged 10 to 17"), T("April 14 - Jun 14"), N(337.0), N(357.0), T("N/A"), N(337.0), T("5.6%"), T("0%"), T("London 487\nEngland 460")],
        vec![N(3009.0), T("Increase the proportion of young offenders in education training or employment"), T("Apri 14 - Jun 14"), T("77.0%"), T("75%"), T("20 \n35"), T("57.1%"), T("23.8%"), T("25.8%"), T("London 65.3%\nNational 58.4%")],
        vec![],
        vec![T("*The relevant previous outturn used will either be the previous quarter, or the same quarter of the previous year. The same quarter of the previous year will be used for annual indicators, cumulative indicators (where the numbers add up during the year and are reported as ‘year to date’) and if the indicator is affected by seasonal fluctuations.")],
    ];
    sheet("2.1 CPI", rows)
        .merge(5, 2, 5, 8)
        .merge(6, 2, 6, 9)
        .merge(11, 0, 11, 9)
        .widths(&[8.0, 40.0, 14.0, 10.0, 9.0, 12.0, 9.0, 9.0, 9.0, 28.0])
}

/// 3.2.2 Commissioning Priority Indicators (CPs): escalated CPs only.
fn escalated() -> SheetSpec {
    let rows = vec![
        vec![B("3.2.2 Commissioning Priority Indicators (CPs): Escalated CPs only")],
        vec![],
        header("CP NO"),
        vec![N(3207.0), T("Reduce the percentage of children in care with three or more placements during the last 12 months"), T("Apr 14 - Jun 14"), T("11.9%"), T("11.9%"), T("41 \n327"), T("12.5%"), T("5.4%"), T("5.4%"), T("Source: LAPS\nLondon average = 12%")],
    ];
    sheet("3.2.2 CPs", rows).widths(&[8.0, 40.0, 14.0, 10.0, 9.0, 12.0, 9.0, 9.0, 9.0, 28.0])
}

/// Appendix: Commissioning Priority Indicators.
fn appendix() -> SheetSpec {
    let rows = vec![
        vec![B("Appendix")],
        vec![B("Key Performance Indicators (KPIs)")],
        vec![T("None")],
        vec![B("Commissioning Priority Indicators")],
        header("CP \nNO"),
        vec![N(3201.0), T("Monitor the number of case file audits"), T("Apr 14 - Jun 14"), T("NA"), T("No \nTarget"), T("N/A"), N(123.0), T("N/A"), T("N/A"), T(LOCAL)],
        vec![N(3202.0), T("Reduce average weekly placement spend (per child) for looked after children"), T("Not currently available")],
        vec![N(3203.0), T("Increase the percentage of children in care in LBB foster care"), T("Apr 14 - Jun 14"), T("37.8%"), T("46%"), T("207 \n353"), T("58.6%"), T("27.5%"), T("55.1%")],
        vec![N(3204.0), T("Maintain the number of external residential placement weeks"), T("Apr 14 - Jun 14"), T("N/A"), T("N/A"), T("N/A"), D(14.1, 1), T("N/A"), T("NA"), T(LOCAL)],
        vec![N(3206.0), T("Reduce average length of care proceedings (weeks)"), T("Not currently available")],
        vec![N(3208.0), T("Increase net recruitment of internal fostering households (excluding kinship care placements)"), T("Apr 14 - Jun 14"), N(3.0), N(3.0), T("N/A"), N(3.0), T("0%"), T("0%"), T("Benchmarking data not available")],
        header("CP \nNO"),
        // The anomaly: |390 - 383| / 383 is 1.8%, not 1.7%.
        vec![N(3212.0), T("Troubled Families payments by results criteria met"), T("As at the end of the quarter"), N(303.0), N(383.0), T("N/A"), N(390.0), T("1.7%"), T("28.7%"), T("Data published in July 2014 shows Barnet as being 6th out of all London Boroughs and 31st Nationally against the target of turned around families")],
    ];
    sheet("Appendix CPs", rows)
        .merge(6, 2, 6, 8)
        .merge(9, 2, 9, 8)
        .widths(&[8.0, 40.0, 14.0, 10.0, 9.0, 12.0, 9.0, 9.0, 9.0, 28.0])
}
