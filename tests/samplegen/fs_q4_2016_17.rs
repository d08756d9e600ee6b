//! Seed 001: Family Services quarterly report, Q4 2016/17.
//!
//! The indicator table 3.2a is transcribed whole: 33 indicators in three
//! themes, with the header repeated where the report broke a page. Its one
//! anomaly is FS/C24, a rate per 10,000 typed as "21.9%" (Q3 30.4, Q4
//! 2015/16 30.1); every other row is right.

use super::grid::*;

pub fn workbook() -> Vec<SheetSpec> {
    let mut v = vec![dashboard()];
    v.extend(super::fs_q4_2016_17_finance::sheets());
    v.extend([overview(), indicators()]);
    v.extend(super::fs_q4_2016_17_risk::sheets());
    v
}

/// 1.1 Service dashboard. Its anomaly: risks "75% (3)" Medium High, where
/// 75% of the 20 risks is 15 (the heat map holds 15 risks scored 8-12).
fn dashboard() -> SheetSpec {
    let rows = vec![
        vec![B("1. SUMMARY")],
        vec![B("1.1 SERVICE DASHBOARD")],
        vec![],
        vec![
            B("Finance"),
            T("Revenue \nvariation \n£000"),
            T("Capital \nvariance \n£000"),
        ],
        vec![E, N(426.0), T("(3,874)")],
        vec![],
        vec![
            B("Performance"),
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
            T("50% (6)"),
            T("50% (6)"),
        ],
        vec![T("Key Actions"), N(16.0), N(1.0), N(0.0), N(0.0)],
        vec![],
        vec![
            B("Risks"),
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
            T("75% (3)"),
            T("10% (2)"),
            T("90% (18)"),
            T("0% (0)"),
            T("10% (2)"),
        ],
    ];
    sheet("1.1 Dashboard", rows).widths(&[14.0, 12.0, 12.0, 12.0, 12.0, 14.0, 12.0, 12.0])
}

/// 3.1 Overview of performance for Corporate Plan and Service indicators.
/// Its anomalies: SPI counts 3 + 2 with a direction of travel but says 4;
/// MPI/KPI 0 + 1 but says 21.
fn overview() -> SheetSpec {
    let rows = vec![
        vec![B("3. Performance")],
        vec![B(
            "3.1 Overview of performance for Corporate Plan and Service indicators",
        )],
        vec![],
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
            N(4.0),
            N(9.0),
        ],
        vec![
            T("MPI  or \nKPI"),
            N(5.0),
            N(2.0),
            N(0.0),
            N(2.0),
            N(9.0),
            N(13.0),
            N(0.0),
            N(1.0),
            N(21.0),
            N(22.0),
        ],
        vec![
            T("Total"),
            T("64% (14)"),
            T("18% (4)"),
            T("0% (0)"),
            T("18% (4)"),
            T("100% (22)"),
            T("49% (21)"),
            T("50% (6)"),
            T("50% (6)"),
            E,
            N(43.0),
        ],
        vec![],
        vec![B("Key:")],
        vec![T("CPI"), T("Corporate Plan Indicator")],
        vec![T("SPI"), T("Commissioning Plan Indicator")],
        vec![T("MPI"), T("Management Agreement Indicator")],
        vec![T("KPI"), T("Contract Performance Indicator")],
    ];
    sheet("3.1 Overview", rows)
        .merge(3, 1, 3, 6)
        .merge(3, 7, 3, 9)
        .merge(3, 10, 4, 10)
        .widths(&[10.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 11.0, 10.0, 11.0, 13.0])
}

/// A figure as the council's sheet holds it: percentages as fractions under
/// a % format with the decimals shown, whole numbers as numbers, decimals
/// shown to one place, everything else as typed text.
pub fn v(s: &'static str) -> C {
    if let Some(p) = s.strip_suffix('%') {
        if let Ok(n) = p.parse::<f64>() {
            let d = p.split('.').nth(1).map_or(0, str::len);
            return P(n / 100.0, d);
        }
    }
    match s.parse::<f64>() {
        Ok(n) if s.contains('.') => D(n, s.split('.').nth(1).map_or(0, str::len)),
        Ok(n) => N(n),
        Err(_) => T(s),
    }
}

/// The 3.2a header, one row, with the report's line breaks.
fn header() -> Vec<C> {
    vec![
        T("Ref"),
        T("Indicator"),
        T("Polarity"),
        T("Period \nCovered \nTimeframe \ndata has \nbeen \nmeasured"),
        T("Annual \n2016/17 \nTarget"),
        T("Q4 \n2016/17 \nTarget"),
        T("Numerator / \nDenominator"),
        T("Q4 \n2016/17 \nResult"),
        T("Q3 \n2016/17 \nResult"),
        T("DOT \nShort-\nTerm \n(From Q3 \n2016/17)"),
        T("Q4 \n2015/16 \nResult"),
        T("DOT \nLong-\nTerm \n(From Q4 \n2015/16)"),
        T("Benchmarking"),
    ]
}

/// One indicator row: ref, title, polarity, period covered, annual target,
/// Q4 target, numerator / denominator, Q4 result, Q3 result, DoT short,
/// Q4 2015/16 result, DoT long, benchmarking.
#[allow(clippy::too_many_arguments)]
fn row(
    r: &'static str,
    title: &'static str,
    pol: &'static str,
    period: &'static str,
    annual: &'static str,
    target: &'static str,
    nd: &'static str,
    result: C,
    q3: &'static str,
    dot_s: &'static str,
    q4_ly: &'static str,
    dot_l: &'static str,
    bench: &'static str,
) -> Vec<C> {
    vec![
        T(r),
        T(title),
        T(pol),
        T(period),
        v(annual),
        v(target),
        T(nd),
        result,
        v(q3),
        T(dot_s),
        v(q4_ly),
        T(dot_l),
        T(bench),
    ]
}

const BB: &str = "Bigger is Better";
const SB: &str = "Smaller is Better";
const MON: &str = "Monitor";
const MARCH: &str = "As at 31 March 2017";
const LOCAL: &str = "Benchmarking data not available - this target is specific to Barnet";

/// 3.2a Indicators.
fn indicators() -> SheetSpec {
    let rows = vec![
        vec![B("3. Performance")],
        vec![B("3.2a Indicators")],
        vec![],
        vec![B("Managing demand for services (Fairness)")],
        vec![B("SAFEGUARDING - When children are at risk, by intervening early, the council will improve outcomes for children, young people and families, enabling them to thrive")],
        header(),
        row("FS/S4", "Number of referrals to social care (per 10,000 of the under-18 population)", MON, MARCH, "Monitor", "Monitor", "N/A", v("345"), "379", "Monitor", "396", "Monitor", "Statistical Neighbours: 495.5\nLondon: 491.3\nEngland: 532.2\n(2015/16, LAIT)"),
        row("FS/S5", "Number of children adopted", BB, "Apr 2016 - Mar 2017", "10", "10", "N/A", v("8"), "7", "Improving", "12", "Worsening", "Benchmarking not available until end of Q4"),
        row("FS/S6", "Percentage of children in London Borough of Barnet foster care", BB, MARCH, "42.5%", "42.5%", "157/357", v("44.0%"), "44.9%", "Worsening", "43.5%", "Improving", LOCAL),
        row("FS/S12", "Number of new Common Assessment Frameworks opened in quarter", BB, "Jan-Mar 2017", "112", "112", "N/A", v("359"), "383", "Worsening", "256", "Improving", LOCAL),
        header(),
        row("FS/C14", "Number of first time entrants to the Youth Justice System aged 10 to 17 (per 10,000 of the population).", SB, "Oct 15 - Sep 16", "326", "326", "N/A", v("226"), "224", "Worsening", "281", "Improving", "London: 395\nNational: 334\n(YJB 86 – 2016)"),
        row("FS/S16", "Number of children in care per 10,000", MON, MARCH, "Monitor", "Monitor", "N/A", v("39.8"), "39.1", "Monitor", "35.8", "Monitor", "Statistical Neighbours: 43.5\nLondon: 51\nEngland: 60.0\n(2015/16, LAIT)"),
        row("FS/C20", "Number of Children Looked After", MON, MARCH, "Monitor", "Monitor", "N/A", v("358"), "352", "Monitor", "318", "Monitor", "Statistical Neighbours: 257\n(2015/16, LAIT)"),
        row("FS/C21", "Number of children in residential placements (internal and external)", MON, MARCH, "Monitor", "Monitor", "N/A", v("49"), "44", "Monitor", "N/A", "N/A", "Benchmarking data not available"),
        vec![],
        vec![B("More resilient communities (Responsibility)")],
        vec![B("BUILDING RESILIENCE – In children, young people, families, and communities")],
        header(),
        row("FS/S8", "Percentage of the target groups that are registered with the children centre within the area it serves", BB, MARCH, "65%", "65%", "2497/2887", v("86.5%"), "83.4%", "Improving", "76%", "Improving", "Ofsted Children’s Centre handbook: page 28 states that 65%+ of Deprived Children 0-5 should be known to be deemed as ‘Good’ or ‘Outstanding’"),
        row("FS/S15", "Percentage of care leavers age 19 – 21 in education, employment or training", BB, MARCH, "55%", "55%", "76/127", v("59.8%"), "63.8%", "Worsening", "55%", "Improving", "Statistical Neighbours: 51.4%\nLondon: 54%\nEngland: 49%\n(2015/16, LAIT)"),
        row("FS/C15", "Young offenders in education, training or employment", BB, MARCH, "66%", "66%", "23/29", v("79%"), "74%", "Improving", "75%", "Improving", "London: 52%\nNational: 47%\n(YJB 88 – 2016)"),
        row("FS/S18", "Proportion of care leavers age 19 – 21 in suitable accommodation", BB, MARCH, "90%", "90%", "125/127", v("98.4%"), "98.1%", "Improving", "95.9%", "Improving", "Statistical Neighbours: 80%\nLondon: 82%\nEngland: 83%\n(2015/16, LAIT)"),
        header(),
        row("FS/C16", "Percentage of families with children under 5 within the borough are registered and accessing services at children's centres", BB, MARCH, "80%", "80%", "16510/19963", v("82.7%"), "83.8%", "Worsening", "83.5%", "Worsening", "Page 28 of the Ofsted Children Centre Inspection handbook states “Most (i.e. 80%+) families should be known (i.e. registered)"),
        row("FS/C37", "Percentage of CLA who have had a timely initial health assessment in the last 6 months", BB, "Oct 1st 16 - Mar 31st 17", "95%", "95%", "16/80", v("20%"), "4.9%", "Improving", "N/A", "N/A", LOCAL),
        row("FS/C38", "Percentage of CLA who have had a health timely assessment (under 5 6 months, over 5 annual)", BB, MARCH, "95%", "95%", "211/220", v("95.9%"), "92.4%", "Improving", "N/A", "N/A", "Statistical Neighbours: 90.9%\n(2014/15, DfE 903)"),
        row("FS/C39", "Percentage with dental checks in the previous 12 months", BB, MARCH, "85%", "85%", "175/220", v("79.5%"), "60.5%", "Improving", "N/A", "N/A", "Statistical Neighbours: 88.4%\n(2014/15, DfE 903)"),
        row("FS/C40", "% of LAC giving their views at review", BB, MARCH, "80%", "80%", "261/283", v("92.2%"), "95.6%", "Worsening", "N/A", "N/A", LOCAL),
        row("FS/C41", "Number of young people participating in Role Model army and Young Role Model army in the quarter", BB, "Jan-Mar 2017", "Monitor", "Monitor", "N/A", v("12"), "13", "Worsening", "N/A", "N/A", "Benchmarking data not available"),
        vec![],
        vec![B("Transforming services (Opportunity)")],
        vec![B("QUALITY SOCIAL WORK PRACTICE - Developing national models of good social work practice")],
        header(),
        row("FS/S7", "Percentage of free entitlement early years places taken up by parents/ carers that are eligible for a place", BB, "Jan-Mar 2017", "63%", "63%", "908/1524", v("59.6%"), "60%", "Worsening", "59.8%", "Worsening", "Statistical Neighbours: 64.2%\nLondon: 57%\nEngland: 68%\n(2015/16, LAIT)"),
        row("FS/S1", "Number of children made subject to Child Protection Plans", MON, "Apr 2016 - Mar 2017", "Monitor", "Monitor", "N/A", v("260"), "221", "Monitor", "310", "Monitor", "Benchmarking not available until end of Q4"),
        row("FS/S2", "Children made subject to Child Protection Plan for a second or subsequent time", SB, MARCH, "15.6%", "15.6%", "29/196", v("14.8%"), "15.9%", "Improving", "12.3%", "Worsening", "Statistical Neighbours: 17.6 %\nLondon: 14%\nEngland: 17.9%\n(2015/16, LAIT)"),
        header(),
        row("FS/S3", "Number of children subject to Child Protection Plans for two or more years", MON, MARCH, "Monitor", "Monitor", "N/A", v("10"), "4", "Monitor", "7", "Monitor", "London: 2.2%\n(2015/16, CIN Census)"),
        row("FS/S11", "Percentage of children in external residential placements", SB, MARCH, "9.2%", "9.2%", "37/357", v("10.4%"), "8.8%", "Worsening", "9.7%", "Worsening", LOCAL),
        row("FS/C17", "Number of Children Missing from Care (during reporting period)", MON, "Jan-Mar 2017", "Monitor", "Monitor", "N/A", v("38"), "40", "Monitor", "N/A", "N/A", "Benchmarking data not available"),
        row("FS/C18", "Percentage of children in care with three or more placements during the last 12 months", SB, MARCH, "10%", "10%", "38/357", v("10.6%"), "12.5%", "Improving", "N/A", "N/A", "Statistical Neighbours: 11.33%\nLondon: 11%\nEngland: 10%\n(2014/15, LAIT)"),
        row("FS/C19", "Number of Children in Care further than 20 miles from Borough", MON, MARCH, "Monitor", "Monitor", "N/A", v("79"), "77", "Monitor", "N/A", "N/A", "Benchmarking data not available"),
        header(),
        row("FS/C22", "% of assessments completed within 45 working days", BB, "Jan-Mar 2017", "84.5%", "84.5%", "1082/1177", v("91.9%"), "89.6%", "Improving", "N/A", "N/A", "Statistical Neighbours: 88.2%\nLondon: 82.3%\nEngland: 83.4%\n(2015/16, LAIT)"),
        row("FS/C23", "Number of unallocated cases (CIN / CP / CLA)", SB, MARCH, "Monitor", "Monitor", "N/A", v("0"), "0", "Same", "N/A", "N/A", LOCAL),
        // The anomaly: a rate per 10,000 typed with a % sign.
        row("FS/C24", "Number of children subject to a CP Plan (per 10,000)", MON, MARCH, "Monitor", "Monitor", "N/A", T("21.9%"), "30.4", "Monitor", "30.1", "Monitor", "Statistical Neighbours: 38.2\nLondon: 37.9\nEngland: 43.1\n(2015/16, LAIT)"),
        row("FS/C25", "% Child Protection visits within timeframes", BB, MARCH, "95%", "95%", "189/196", v("96.4%"), "98.8%", "Worsening", "N/A", "N/A", LOCAL),
        row("FS/C26", "% of CLA visits taken place within timeframes", BB, MARCH, "95%", "95%", "299/357", v("83.8%"), "83.5%", "Improving", "N/A", "N/A", LOCAL),
        row("FS/C27", "% of CLA Reviews within timeframes", BB, MARCH, "95%", "95%", "344/357", v("96.4%"), "98.3%", "Worsening", "N/A", "N/A", LOCAL),
        row("FS/C28", "The average time between a child entering care and moving in with its adoptive family (days)", SB, "April 2014 – March 2017", "426", "426", "N/A", v("518"), "N/A", "N/A", "511", "Worsening", "Statistical Neighbours: 472\nEngland: 490\n(2012/15, LAIT)"),
    ];
    sheet("3.2a Indicators", rows).widths(&[
        9.0, 40.0, 11.0, 14.0, 9.0, 9.0, 12.0, 9.0, 9.0, 11.0, 9.0, 11.0, 30.0,
    ])
}
