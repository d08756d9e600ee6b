//! A small history of Family Services returns, for `kpicheck import` and
//! `kpicheck audit`:
//!
//! - `history/family_services_q4_2016-17.xlsx`: the 3.2a indicator table of
//!   the Q4 2016/17 report (seed 001) as published, quoting each
//!   indicator's Q3 2016/17 result.
//! - `history/family_services_q3_2016-17.xlsx`: the Q3 2016/17 return
//!   those quotes refer to, laid out the same way. Its results are the Q3
//!   figures the Q4 report quotes, its quarter targets those the
//!   Commissioning Plan addendum gives ("Q3 Target 11.5%"), with two
//!   planted differences: FS/S6 reported as 44.5% (the Q4 report quotes
//!   44.9%: a restatement) and FS/S11 "Bigger is Better" (the Q4 report
//!   says "Smaller is Better": a polarity change). Earlier results the
//!   reports do not give are "N/A".
//! - `history/commissioning_plan_q3_2016-17.xlsx`: the indicator tables of
//!   the Commissioning Plan 2017/18 addendum, section 5 (seed 000), whose
//!   "2016/17 Q3 Result" column is a return of its own. It gives FS/S8 as
//!   85.4% where the Q4 report quotes 83.4% for the same quarter: a real
//!   disagreement between the two publications.

use super::grid::*;

/// The workbooks: file name (under `history/`) and sheets.
pub fn workbooks() -> Vec<(&'static str, Vec<SheetSpec>)> {
    vec![
        ("history/family_services_q3_2016-17.xlsx", vec![q3()]),
        ("history/family_services_q4_2016-17.xlsx", vec![q4()]),
        (
            "history/commissioning_plan_q3_2016-17.xlsx",
            vec![commissioning_plan()],
        ),
    ]
}

/// One indicator as the two quarterly reports give it.
struct Ind {
    reference: &'static str,
    title: &'static str,
    polarity: &'static str,
    covered_q4: &'static str,
    covered_q3: &'static str,
    annual: &'static str,
    target_q3: &'static str,
    num_den: &'static str,
    q4: &'static str,
    q3: &'static str,
    dot_short: &'static str,
    q4_last_year: &'static str,
    dot_long: &'static str,
    benchmark: &'static str,
}

/// A figure as typed: a plain number as a number, anything else as text.
fn fig(s: &'static str) -> C {
    match s.parse::<f64>() {
        Ok(n) => N(n),
        Err(_) => T(s),
    }
}

#[rustfmt::skip]
const SECTIONS: &[(&str, &str, &[Ind])] = &[
    (
        "Managing demand for services (Fairness)",
        "SAFEGUARDING - When children are at risk, by intervening early, the council will improve outcomes for children, young people and families, enabling them to thrive",
        &[
            Ind { reference: "FS/S4", title: "Number of referrals to social care (per 10,000 of the under-18 population)", polarity: "Monitor", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "Monitor", target_q3: "Monitor", num_den: "N/A", q4: "345", q3: "379", dot_short: "Monitor", q4_last_year: "396", dot_long: "Monitor", benchmark: "Statistical \nNeighbours: 495.5 \nLondon: 491.3 \nEngland: 532.2 \n(2015/16, LAIT)" },
            Ind { reference: "FS/S5", title: "Number of children adopted", polarity: "Bigger is \nBetter", covered_q4: "Apr 2016 - \nMar 2017", covered_q3: "Apr 2016 - \nDec 2016", annual: "10", target_q3: "Monitor", num_den: "N/A", q4: "8", q3: "7", dot_short: "Improving", q4_last_year: "12", dot_long: "Worsening", benchmark: "Benchmarking not \navailable until end \nof Q4" },
            Ind { reference: "FS/S6", title: "Percentage of children in London Borough of Barnet foster care", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "42.5%", target_q3: "42.5%", num_den: "157/357", q4: "44.0%", q3: "44.9%", dot_short: "Worsening", q4_last_year: "43.5%", dot_long: "Improving", benchmark: "Benchmarking \ndata not available \n- this target is \nspecific to Barnet" },
            Ind { reference: "FS/S12", title: "Number of new Common Assessment Frameworks opened in quarter", polarity: "Bigger is \nBetter", covered_q4: "Jan-Mar \n2017", covered_q3: "Oct-Dec \n2016", annual: "112", target_q3: "112", num_den: "N/A", q4: "359", q3: "383", dot_short: "Worsening", q4_last_year: "256", dot_long: "Improving", benchmark: "Benchmarking \ndata not available \n- this target is \nspecific to Barnet" },
        ],
    ),
    (
        "",
        "",
        &[
            Ind { reference: "FS/C14", title: "Number of first time entrants to the Youth Justice System aged 10 to 17 (per 10,000 of the population).", polarity: "Smaller is \nBetter", covered_q4: "Oct 15 - \nSep 16", covered_q3: "Jul 15 - \nJun 16", annual: "326", target_q3: "326", num_den: "N/A", q4: "226", q3: "224", dot_short: "Worsening", q4_last_year: "281", dot_long: "Improving", benchmark: "London: 395 \nNational: 334 \n(YJB 86 – 2016)" },
            Ind { reference: "FS/S16", title: "Number of children in care per 10,000", polarity: "Monitor", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "Monitor", target_q3: "Monitor", num_den: "N/A", q4: "39.8", q3: "39.1", dot_short: "Monitor", q4_last_year: "35.8", dot_long: "Monitor", benchmark: "Statistical \nNeighbours: 43.5 \nLondon: 51 \nEngland: 60.0 \n(2015/16, LAIT)" },
            Ind { reference: "FS/C20", title: "Number of Children Looked After", polarity: "Monitor", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "Monitor", target_q3: "Monitor", num_den: "N/A", q4: "358", q3: "352", dot_short: "Monitor", q4_last_year: "318", dot_long: "Monitor", benchmark: "Statistical \nNeighbours: 257 \n(2015/16, LAIT)" },
            Ind { reference: "FS/C21", title: "Number of children in residential placements (internal and external)", polarity: "Monitor", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "Monitor", target_q3: "Monitor", num_den: "N/A", q4: "49", q3: "44", dot_short: "Monitor", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Benchmarking \ndata not available" },
        ],
    ),
    (
        "More resilient communities (Responsibility)",
        "BUILDING RESILIENCE – In children, young people, families, and communities",
        &[
            Ind { reference: "FS/S8", title: "Percentage of the target groups that are registered with the children centre within the area it serves", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "65%", target_q3: "65%", num_den: "2497/2887", q4: "86.5%", q3: "83.4%", dot_short: "Improving", q4_last_year: "76%", dot_long: "Improving", benchmark: "Ofsted Children’s \nCentre handbook: \npage 28 states that \n65%+ of Deprived \nChildren 0-5 \nshould be known \nto be deemed as \n‘Good’ or \n‘Outstanding’" },
            Ind { reference: "FS/S15", title: "Percentage of care leavers age 19 – 21 in education, employment or training", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "55%", target_q3: "55%", num_den: "76/127", q4: "59.8%", q3: "63.8%", dot_short: "Worsening", q4_last_year: "55%", dot_long: "Improving", benchmark: "Statistical \nNeighbours: 51.4% \nLondon: 54% \nEngland: 49% \n(2015/16, LAIT)" },
            Ind { reference: "FS/C15", title: "Young offenders in education, training or employment", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "66%", target_q3: "66%", num_den: "23/29", q4: "79%", q3: "74%", dot_short: "Improving", q4_last_year: "75%", dot_long: "Improving", benchmark: "London: 52% \nNational: 47% \n(YJB 88 – 2016)" },
            Ind { reference: "FS/S18", title: "Proportion of care leavers age 19 – 21 in suitable accommodation", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "90%", target_q3: "90%", num_den: "125/127", q4: "98.4%", q3: "98.1%", dot_short: "Improving", q4_last_year: "95.9%", dot_long: "Improving", benchmark: "Statistical \nNeighbours: 80% \nLondon: 82% \nEngland: 83% \n(2015/16, LAIT)" },
        ],
    ),
    (
        "",
        "",
        &[
            Ind { reference: "FS/C16", title: "Percentage of families with children under 5 within the borough are registered and accessing services at children's centres", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "80%", target_q3: "80%", num_den: "16510/19963", q4: "82.7%", q3: "83.8%", dot_short: "Worsening", q4_last_year: "83.5%", dot_long: "Worsening", benchmark: "Page 28 of the \nOfsted Children \nCentre Inspection \nhandbook states \n“Most (i.e. 80%+) \nfamilies should be \nknown (i.e. \nregistered)" },
            Ind { reference: "FS/C37", title: "Percentage of CLA who have had a timely initial health assessment in the last 6 months", polarity: "Bigger is \nBetter", covered_q4: "Oct 1st 16 \n- Mar 31st \n17", covered_q3: "Jul 1st 16 \n- Dec 31st \n16", annual: "95%", target_q3: "95%", num_den: "16/80", q4: "20%", q3: "4.9%", dot_short: "Improving", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Benchmarking \ndata not available - \nthis target is \nspecific to Barnet" },
            Ind { reference: "FS/C38", title: "Percentage of CLA who have had a health timely assessment (under 5 6 months, over 5 annual)", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "95%", target_q3: "95%", num_den: "211/220", q4: "95.9%", q3: "92.4%", dot_short: "Improving", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Statistical \nNeighbours: 90.9% \n(2014/15, DfE 903)" },
            Ind { reference: "FS/C39", title: "Percentage with dental checks in the previous 12 months", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "85%", target_q3: "85%", num_den: "175/220", q4: "79.5%", q3: "60.5%", dot_short: "Improving", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Statistical \nNeighbours: 88.4% \n(2014/15, DfE 903)" },
            Ind { reference: "FS/C40", title: "% of LAC giving their views at review", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch \n2017", covered_q3: "As at 31 \nDecember \n2016", annual: "80%", target_q3: "80%", num_den: "261/283", q4: "92.2%", q3: "95.6%", dot_short: "Worsening", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Benchmarking \ndata not available - \nthis target is \nspecific to Barnet" },
            Ind { reference: "FS/C41", title: "Number of young people participating in Role Model army and Young Role Model army in the quarter", polarity: "Bigger is \nBetter", covered_q4: "Jan-Mar \n2017", covered_q3: "Oct-Dec \n2016", annual: "Monitor", target_q3: "Monitor", num_den: "N/A", q4: "12", q3: "13", dot_short: "Worsening", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Benchmarking \ndata not available" },
        ],
    ),
    (
        "Transforming services (Opportunity)",
        "QUALITY SOCIAL WORK PRACTICE - Developing national models of good social work practice",
        &[
            Ind { reference: "FS/S7", title: "Percentage of free entitlement early years places taken up by parents/ carers that are eligible for a place", polarity: "Bigger is \nBetter", covered_q4: "Jan-Mar \n2017", covered_q3: "Oct-Dec \n2016", annual: "63%", target_q3: "59%", num_den: "908/1524", q4: "59.6%", q3: "60%", dot_short: "Worsening", q4_last_year: "59.8%", dot_long: "Worsening", benchmark: "Statistical \nNeighbours: \n64.2% \nLondon: 57% \nEngland: 68% \n(2015/16, LAIT)" },
            Ind { reference: "FS/S1", title: "Number of children made subject to Child Protection Plans", polarity: "Monitor", covered_q4: "Apr 2016 - \nMar 2017", covered_q3: "Apr 2016 - \nDec 2016", annual: "Monitor", target_q3: "Monitor", num_den: "N/A", q4: "260", q3: "221", dot_short: "Monitor", q4_last_year: "310", dot_long: "Monitor", benchmark: "Benchmarking not \navailable until end \nof Q4" },
            Ind { reference: "FS/S2", title: "Children made subject to Child Protection Plan for a second or subsequent time", polarity: "Smaller is \nBetter", covered_q4: "As at 31 \nMarch 2017", covered_q3: "As at 31 \nDecember 2016", annual: "15.6%", target_q3: "15.6%", num_den: "29/196", q4: "14.8%", q3: "15.9%", dot_short: "Improving", q4_last_year: "12.3%", dot_long: "Worsening", benchmark: "Statistical \nNeighbours: \n17.6 % \nLondon: 14% \nEngland: 17.9% \n(2015/16, LAIT)" },
        ],
    ),
    (
        "",
        "",
        &[
            Ind { reference: "FS/S3", title: "Number of children subject to Child Protection Plans for two or more years", polarity: "Monitor", covered_q4: "As at 31 \nMarch 2017", covered_q3: "As at 31 \nDecember 2016", annual: "Monitor", target_q3: "Monitor", num_den: "N/A", q4: "10", q3: "4", dot_short: "Monitor", q4_last_year: "7", dot_long: "Monitor", benchmark: "London: 2.2% \n(2015/16, CIN \nCensus)" },
            Ind { reference: "FS/S11", title: "Percentage of children in external residential placements", polarity: "Smaller is \nBetter", covered_q4: "As at 31 \nMarch 2017", covered_q3: "As at 31 \nDecember 2016", annual: "9.2%", target_q3: "9.6%", num_den: "37/357", q4: "10.4%", q3: "8.8%", dot_short: "Worsening", q4_last_year: "9.7%", dot_long: "Worsening", benchmark: "Benchmarking \ndata not available \n- this target is \nspecific to Barnet" },
            Ind { reference: "FS/C17", title: "Number of Children Missing from Care (during reporting period)", polarity: "Monitor", covered_q4: "Jan-Mar \n2017", covered_q3: "Oct-Dec \n2016", annual: "Monitor", target_q3: "Monitor", num_den: "N/A", q4: "38", q3: "40", dot_short: "Monitor", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Benchmarking \ndata not available" },
            Ind { reference: "FS/C18", title: "Percentage of children in care with three or more placements during the last 12 months", polarity: "Smaller is \nBetter", covered_q4: "As at 31 \nMarch 2017", covered_q3: "As at 31 \nDecember 2016", annual: "10%", target_q3: "11.5%", num_den: "38/357", q4: "10.6%", q3: "12.5%", dot_short: "Improving", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Statistical \nNeighbours: \n11.33% \nLondon: 11% \nEngland: 10% \n(2014/15, LAIT)" },
            Ind { reference: "FS/C19", title: "Number of Children in Care further than 20 miles from Borough", polarity: "Monitor", covered_q4: "As at 31 \nMarch 2017", covered_q3: "As at 31 \nDecember 2016", annual: "Monitor", target_q3: "Monitor", num_den: "N/A", q4: "79", q3: "77", dot_short: "Monitor", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Benchmarking \ndata not available" },
        ],
    ),
    (
        "",
        "",
        &[
            Ind { reference: "FS/C22", title: "% of assessments completed within 45 working days", polarity: "Bigger is \nBetter", covered_q4: "Jan-Mar \n2017", covered_q3: "Oct-Dec \n2016", annual: "84.5%", target_q3: "84.5%", num_den: "1082/1177", q4: "91.9%", q3: "89.6%", dot_short: "Improving", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Statistical \nNeighbours: \n88.2% \nLondon: 82.3% \nEngland: 83.4% \n(2015/16, LAIT)" },
            Ind { reference: "FS/C23", title: "Number of unallocated cases (CIN / CP / CLA)", polarity: "Smaller is \nBetter", covered_q4: "As at 31 \nMarch 2017", covered_q3: "As at 31 \nDecember 2016", annual: "Monitor", target_q3: "Monitor", num_den: "N/A", q4: "0", q3: "0", dot_short: "Same", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Benchmarking \ndata not available \n- this target is \nspecific to Barnet" },
            Ind { reference: "FS/C24", title: "Number of children subject to a CP Plan (per 10,000)", polarity: "Monitor", covered_q4: "As at 31 \nMarch 2017", covered_q3: "As at 31 \nDecember 2016", annual: "Monitor", target_q3: "Monitor", num_den: "N/A", q4: "21.9%", q3: "30.4", dot_short: "Monitor", q4_last_year: "30.1", dot_long: "Monitor", benchmark: "Statistical \nNeighbours: 38.2 \nLondon: 37.9 \nEngland: 43.1 \n(2015/16, LAIT)" },
            Ind { reference: "FS/C25", title: "% Child Protection visits within timeframes", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch 2017", covered_q3: "As at 31 \nDecember 2016", annual: "95%", target_q3: "95%", num_den: "189/196", q4: "96.4%", q3: "98.8%", dot_short: "Worsening", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Benchmarking \ndata not available \n- this target is \nspecific to Barnet" },
            Ind { reference: "FS/C26", title: "% of CLA visits taken place within timeframes", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch 2017", covered_q3: "As at 31 \nDecember 2016", annual: "95%", target_q3: "95%", num_den: "299/357", q4: "83.8%", q3: "83.5%", dot_short: "Improving", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Benchmarking \ndata not available \n- this target is \nspecific to Barnet" },
            Ind { reference: "FS/C27", title: "% of CLA Reviews within timeframes", polarity: "Bigger is \nBetter", covered_q4: "As at 31 \nMarch 2017", covered_q3: "As at 31 \nDecember 2016", annual: "95%", target_q3: "95%", num_den: "344/357", q4: "96.4%", q3: "98.3%", dot_short: "Worsening", q4_last_year: "N/A", dot_long: "N/A", benchmark: "Benchmarking \ndata not available \n- this target is \nspecific to Barnet" },
            Ind { reference: "FS/C28", title: "The average time between a child entering care and moving in with its adoptive family (days)", polarity: "Smaller is \nBetter", covered_q4: "April 2014 – \nMarch 2017", covered_q3: "January 2014 – \nDecember 2016", annual: "426", target_q3: "426", num_den: "N/A", q4: "518", q3: "N/A", dot_short: "N/A", q4_last_year: "511", dot_long: "Worsening", benchmark: "Statistical \nNeighbours: 472 \nEngland: 490 \n(2012/15, LAIT)" },
        ],
    ),
];

/// The planted differences of the Q3 return: (ref, polarity, result).
const Q3_PLANTED: &[(&str, Option<&str>, Option<&str>)] = &[
    ("FS/S6", None, Some("44.5%")),
    ("FS/S11", Some("Bigger is \nBetter"), None),
];

/// The 3.2a header; the quarter's columns name their periods.
fn header(dated: [&'static str; 6]) -> Vec<C> {
    let [target, result, prev, from, ago, from_long] = dated;
    vec![
        T("Ref"),
        T("Indicator"),
        T("Polarity"),
        T("Period \nCovered \nTimeframe \ndata has \nbeen \nmeasured"),
        T("Annual \n2016/17 \nTarget"),
        T(target),
        T("Numerator / \nDenominator"),
        T(result),
        T(prev),
        T(from),
        T(ago),
        T(from_long),
        T("Benchmarking"),
    ]
}

const WIDTHS: &[f64] = &[
    9.0, 30.0, 11.0, 12.0, 9.0, 9.0, 12.0, 9.0, 9.0, 10.0, 9.0, 10.0, 24.0,
];

fn quarter_sheet(title: &'static str, q4: bool) -> SheetSpec {
    let head = || {
        if q4 {
            header([
                "Q4 \n2016/17 \nTarget",
                "Q4 \n2016/17 \nResult",
                "Q3 \n2016/17 \nResult",
                "DOT \nShort-\nTerm \n(From Q3 \n2016/17)",
                "Q4 \n2015/16 \nResult",
                "DOT \nLong-\nTerm \n(From Q4 \n2015/16)",
            ])
        } else {
            header([
                "Q3 \n2016/17 \nTarget",
                "Q3 \n2016/17 \nResult",
                "Q2 \n2016/17 \nResult",
                "DOT \nShort-\nTerm \n(From Q2 \n2016/17)",
                "Q3 \n2015/16 \nResult",
                "DOT \nLong-\nTerm \n(From Q3 \n2015/16)",
            ])
        }
    };
    let mut rows = vec![vec![B(title)], vec![B("3.2a Indicators")], vec![]];
    for (theme, priority, inds) in SECTIONS {
        if !theme.is_empty() {
            rows.push(vec![B(theme)]);
            rows.push(vec![B(priority)]);
        }
        rows.push(head());
        for i in *inds {
            let planted = Q3_PLANTED.iter().find(|p| p.0 == i.reference);
            let row = if q4 {
                vec![
                    T(i.reference),
                    T(i.title),
                    T(i.polarity),
                    T(i.covered_q4),
                    fig(i.annual),
                    fig(i.annual),
                    T(i.num_den),
                    fig(i.q4),
                    fig(i.q3),
                    T(i.dot_short),
                    fig(i.q4_last_year),
                    T(i.dot_long),
                    T(i.benchmark),
                ]
            } else {
                let polarity = planted.and_then(|p| p.1).unwrap_or(i.polarity);
                let result = planted.and_then(|p| p.2).unwrap_or(i.q3);
                // Earlier quarters are not in the published reports.
                let dot = if i.polarity == "Monitor" {
                    "Monitor"
                } else {
                    "N/A"
                };
                vec![
                    T(i.reference),
                    T(i.title),
                    T(polarity),
                    T(i.covered_q3),
                    fig(i.annual),
                    fig(i.target_q3),
                    T("N/A"),
                    fig(result),
                    T("N/A"),
                    T(dot),
                    T("N/A"),
                    T(dot),
                    T(i.benchmark),
                ]
            };
            rows.push(row);
        }
    }
    sheet("3.2a Indicators", rows).widths(WIDTHS)
}

fn q4() -> SheetSpec {
    quarter_sheet("Family Services – Q4 2016/17", true)
}

fn q3() -> SheetSpec {
    quarter_sheet("Family Services – Q3 2016/17", false)
}

/// Seed 000, section 5: the strategic indicators with their 2016/17 Q3
/// results, each block under its own header as the plan prints them.
fn commissioning_plan() -> SheetSpec {
    let head = || {
        vec![
            T("Ref"),
            T("Indicator"),
            T("2016/17 \n Target"),
            T("2016/17  \nQ3 Result"),
            T("2017/18  \nTarget"),
            T("2019/20  \nTarget"),
            T("Service"),
        ]
    };
    let fs = || T("Family Services");
    let rows = vec![
        vec![B("5. Family Services Delivery Unit - Indicators 2016/17")],
        vec![],
        vec![B("Corporate Plan and Commissioning Plan Indicators (strategic)")],
        vec![B("Children")],
        vec![B("Delivering quality services (Responsibility)")],
        vec![B("Resilient futures - Increase the size of in-house foster care service")],
        head(),
        vec![T("CPI NEW - TBC"), T("Percentage of children newly placed in London Borough \nof Barnet foster care"), T("NEW FOR \n2017/18"), T("NEW FOR \n2017/18"), T("Monitor"), T("Monitor"), fs()],
        vec![],
        vec![B("Building resilience in residents and managing demand (Fairness)")],
        vec![B("SAFEGUARDING - Effective safeguarding of the borough’s vulnerable children and young people")],
        head(),
        vec![T("SPI FS/C17"), T("Number of Children Missing from Care (during \nreporting period)"), T("Monitor"), N(40.0), T("Monitor"), T("Monitor"), fs()],
        vec![T("SPI NEW - TBC"), T("Number of times serious incident response protocol \ntriggered (youth violence)"), T("NEW FOR \n2017/18"), T("NEW FOR \n2017/18"), T("Monitor"), T("Monitor"), fs()],
        vec![],
        vec![B("RESILIENT PRACTICE – High quality and efficient social work practices")],
        head(),
        vec![T("CPI NEW - TBC"), T("Ratio of children subject to: CAF:CiN:CP:LAC (per \n10,000)"), T("NEW FOR \n2017/18"), T("NEW FOR \n2017/18"), T("Monitor – and \nseek to reduce \nLAC and increase \nCAF"), T("Monitor – and \nseek to reduce \nLAC and increase \nCAF"), fs()],
        vec![T("SPI FS/S2"), T("Children made subject to Child Protection Plan for a \nsecond or subsequent time"), T("Perform in \nline with \nstatistical \nneighbours \n(currently \n15.6%)"), T("15.9%"), T("Perform better \nthan statistical \nneighbours \n(17.6% in 15/16, \nLAIT)"), T("Perform better \nthan statistical \nneighbours \n(currently 17.6% \nin 15/16, LAIT)"), fs()],
        vec![T("SPI FS/C18"), T("Percentage of children in care with three or more \nplacements during the last 12 months"), T("10%"), T("12.5% \n(Q3 Target \n11.5%)"), T("10%"), T("Perform in top \n10% in country \n(7% in 14/15, \nLAIT)"), fs()],
        vec![T("SPI FS/S5"), T("Number of children adopted"), N(10.0), T("7 \n(Q3 Target \nMonitor)"), N(13.0), N(18.0), fs()],
        vec![T("SPI TBC"), T("Percentage  of agency social workers"), T("NEW FOR \n2017/18"), T("NEW FOR \n2017/18"), T("10%"), T("Further \nreduction"), fs()],
        vec![],
        vec![B("Resilient futures – Safely reduce the rate of children in care through targeted and specialist interventions, such as therapies to support adolescents on the edge of care")],
        head(),
        vec![T("SPI FS/S11"), T("Percentage of children in external residential \nplacements"), T("9.2%"), T("8.8% \n(Q3 Target 9.6%)"), T("8.6%"), T("8.0%"), fs()],
        head(),
        vec![T("SPI FS/C19"), T("Number of Children in Care further than 20 miles from \nborough"), T("Monitor"), N(77.0), T("Monitor"), T("Monitor"), fs()],
        vec![T("SPI NEW - TBC"), T("Actual placement days"), T("NEW FOR \n2017/18"), T("NEW FOR  \n2017/18"), T("Monitor"), T("Monitor"), fs()],
        vec![T("SPI NEW - TBC"), T("Average gross cost per placement"), T("NEW FOR \n2017/18"), T("NEW FOR  \n2017/18"), T("Monitor"), T("Monitor"), fs()],
        vec![T("SPI NEW - TBC"), T("Income for joint placements"), T("NEW FOR \n2017/18"), T("NEW FOR  \n2017/18"), T("Monitor"), T("Monitor"), fs()],
        vec![],
        vec![B("Working with children, young people and families to build their resilience")],
        head(),
        vec![T("CPI FS/S7"), T("Percentage of free entitlement early years places taken \nup by parents/ carers that are eligible for a place"), T("63% \n(London \naverage)"), T("60% \n(Q3 Target 59%)"), T("70%"), T("85%"), fs()],
        vec![T("CPI FS/S15"), T("Percentage of care leavers age 19 – 21 in education, \nemployment or training"), T("55% \nAbove our \nstatistical \nneighbours"), T("63.8%"), T("Above statistical \nneighbours  \n(51% in 15/16, \nLAIT)"), T("Top 10% in \nEngland  \n(68% in 15/16, \nLAIT)"), fs()],
        vec![T("SPI FS/S8"), T("Percentage of the target groups that are registered with \nthe children centre within the area it serves"), T("65%"), T("85.4%"), T("65%"), T("65%"), fs()],
        vec![T("SPI FS/C16"), T("Percentage of families with child/ren under 5 within the \nborough are registered and accessing services at \nchildren's centres"), T("80%"), T("83.8%"), T("80%"), T("80%"), fs()],
        vec![T("SPI FS/S18"), T("Proportion of care leavers age 19 – 21 in suitable \naccommodation"), T("90%"), T("98.1%"), T("90%"), T("Top 10% in \nEngland (96.5% \nin 15/16, LAIT)"), fs()],
        head(),
        vec![T("SPI FS/C15"), T("Young offenders in education, training or employment"), T("Above London \nand National \nAverages \n(currently \n66%)"), T("74%"), T("Above London \nand National \nAverages (YDS \n52% in Q2 2016)"), T("Above London \nand National \nAverages (YDS \n52% in Q2 2016)"), fs()],
        vec![],
        vec![B("Putting the voice of young people at the heart of what we do")],
        head(),
        vec![T("SPI NEW - TBC"), T("% of children in care participating in own statutory \nreviews"), T("NEW FOR \n2017/18"), T("NEW FOR \n2017/18"), T("95%"), T("95%"), fs()],
    ];
    sheet("5. Indicators", rows).widths(&[12.0, 50.0, 14.0, 14.0, 16.0, 16.0, 16.0])
}
