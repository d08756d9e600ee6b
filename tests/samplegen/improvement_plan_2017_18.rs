//! Seed 003: the Barnet Children's Services Improvement Plan data dashboard,
//! December 2017 (committee papers 2017-18), a part of it.
//!
//! The figures, periods ("Okt.17" as printed), changes, targets and
//! ratings are the dashboard's own, row by row and block by block. The
//! published text lists the measure names apart from the figures, so which
//! name heads which block follows the order of the page; where the page
//! does not settle it, the pairing is a reading, not the source's.
//!
//! What the dashboard holds:
//! - changes with the wrong sign: 23 weeks to 18 weeks "5 weeks"; 18.4 days
//!   to 11.4 days "7 days"; 31% to 28% "+3%"; 71% to 60% "11%"; 8 to 7 "+1";
//! - changes of the wrong size: 53% to 48% "-12%"; 75% to 20% "+1%";
//! - changes only unrounded figures explain, which are right: 0.9 to 1.6
//!   "0.68", 2.5 to 1.4 "-1.04", 7.7% to 12.1% "+4.3", and the whole
//!   percentages 9% to 17% "+9%" and 48% to 42% "-7%" (8.5% to 17.4% is
//!   +8.9%);
//! - ratings against the caseload target "12 to 16" that contradict it:
//!   Onwards & Upwards 19.7 rated G, REACH 14.5 rated R.

use super::grid::*;

pub fn workbook() -> Vec<SheetSpec> {
    vec![dashboard()]
}

/// A block's heading: the measure the rows below break down, and the
/// periods compared.
fn heading(
    id: &'static str,
    measure: &'static str,
    from: &'static str,
    to: &'static str,
) -> Vec<C> {
    vec![T(id), B(measure), T(from), T(to)]
}

/// The periods over a single measure's row.
fn periods(from: &'static str, to: &'static str) -> Vec<C> {
    vec![E, E, T(from), T(to)]
}

/// A measure's row: plan ID, measure, previous, latest, change, change
/// since the Ofsted judgement, target, rating.
fn m(id: &'static str, measure: &'static str, figures: [C; 6]) -> Vec<C> {
    let mut r = vec![T(id), T(measure)];
    r.extend(figures);
    r
}

/// The Inadequate / Requires Improvement / Good split of an audit.
fn gradings(
    id: &'static str,
    audit: &'static str,
    from: &'static str,
    to: &'static str,
    rows: [[C; 6]; 3],
) -> Vec<Vec<C>> {
    let [i, ri, g] = rows;
    vec![
        heading(id, audit, from, to),
        m("", "Inadequate", i),
        m("", "Requires Improvement", ri),
        m("", "Good", g),
    ]
}

fn dashboard() -> SheetSpec {
    let mut rows = vec![
        vec![B("Barnet Children's Services Improvement Plan")],
        vec![B("Data Dashboard"), E, E, E, E, E, E, B("December 2017")],
        vec![],
        vec![
            T("Plan \nID"),
            T("Measure"),
            T("Previous \nPeriod"),
            T("Latest \nPosition"),
            T("Change Since Previous \nPeriod"),
            T("Change since \nOfsted Judgement"),
            T("Target"),
            T("Rating"),
        ],
        vec![B("To drive sustainable practice improvement at pace")],
        heading("T2", "Posts over establishment", "Okt.17", "Nov.17"),
        m(
            "",
            "Unfunded Posts",
            [N(16.0), N(28.0), N(12.0), E, E, T("R")],
        ),
        heading("", "Social Work staff makeup", "Okt.17", "Nov.17"),
        m("", "Permanent", [T("69%"), T("67%"), T("-2"), E, E, T("R")]),
        m("", "Agency", [T("21%"), T("28%"), T("+7"), E, E, T("R")]),
        m("", "Vacant", [T("9%"), T("6%"), T("-3"), E, E, T("G")]),
        heading("", "Average Caseload Numbers", "Okt.17", "Nov.17"),
        m(
            "",
            "Duty & Assessment",
            [
                D(30.2, 1),
                D(28.6, 1),
                D(-1.6, 1),
                D(28.3, 1),
                T("12 to 16"),
                T("R"),
            ],
        ),
        m(
            "",
            "Intervention & Planning",
            [
                D(15.5, 1),
                D(14.6, 1),
                D(-0.9, 1),
                D(17.3, 1),
                T("12 to 16"),
                T("G"),
            ],
        ),
        m(
            "",
            "0-25 Service",
            [
                D(14.5, 1),
                D(14.0, 1),
                D(-0.5, 1),
                D(15.9, 1),
                T("12 to 16"),
                T("G"),
            ],
        ),
        m(
            "",
            "Chilldren In Care",
            [
                D(16.8, 1),
                D(22.5, 1),
                T("+5.7"),
                D(17.6, 1),
                T("12 to 16"),
                T("R"),
            ],
        ),
        m(
            "",
            "Onwards & Upwards",
            [
                D(21.4, 1),
                D(19.7, 1),
                D(-1.7, 1),
                D(21.2, 1),
                T("12 to 16"),
                T("G"),
            ],
        ),
        m(
            "",
            "REACH",
            [
                D(14.3, 1),
                D(14.5, 1),
                T("+.2"),
                D(9.8, 1),
                T("12 to 16"),
                T("R"),
            ],
        ),
        heading(
            "T6",
            "Children's input into conferences",
            "Okt.17",
            "Nov.17",
        ),
        m(
            "",
            "Conferences: attended (PN1 and PN3)",
            [T("7.7%"), T("12.1%"), T("+4.3"), E, E, T("G")],
        ),
        m(
            "",
            "Conferences: views sent (PN0-PN6)",
            [T("92.3%"), T("98.3%"), T("+6"), E, E, T("G")],
        ),
    ];
    rows.extend(gradings(
        "",
        "Management oversight gradings in regular audits",
        "Okt.17",
        "Nov.17",
        [
            [T("46%"), T("28%"), T("-18%"), E, E, T("G")],
            [T("41%"), T("56%"), T("+15%"), E, E, T("G")],
            [T("14%"), T("17%"), T("+3%"), E, E, T("G")],
        ],
    ));
    rows.extend([
        vec![B("Effective decision making")],
        periods("Okt.17", "Nov.17"),
        m(
            "4b(ii)",
            "Timeliness of pre-proceedings",
            [
                T("23 weeks"),
                T("18 weeks"),
                T("5 weeks"),
                T("23 weeks"),
                E,
                T("G"),
            ],
        ),
        heading(
            "4b(ii)",
            "Multi agency involvement in Strategy Discussions",
            "Okt.17",
            "Nov.17",
        ),
        m(
            "",
            "Education",
            [T("73%"), T("69%"), T("-4%"), T("33%"), E, T("G")],
        ),
        m(
            "",
            "Health",
            [T("81%"), T("76%"), T("-5%"), T("27%"), E, T("G")],
        ),
        m(
            "",
            "Police",
            [T("100%"), T("96%"), T("-4%"), T("56%"), E, T("G")],
        ),
        periods("Okt.17", "Nov.17"),
        m(
            "4b(ii)",
            "S47: length of time open",
            [
                T("18.4 days"),
                T("11.4 days"),
                T("7 days"),
                T("15.5 days"),
                E,
                T("G"),
            ],
        ),
        heading("4b(ii)", "S47: Outcome", "Okt.17", "Nov.17"),
        m(
            "",
            "CIN Plan",
            [T("53%"), T("48%"), T("-12%"), T("54%"), E, E],
        ),
        m(
            "",
            "Initial Child Protection Conference",
            [T("9%"), T("17%"), T("+9%"), T("3%"), E, E],
        ),
        m(
            "",
            "Progressing to Child Protection Plan",
            [T("31%"), T("28%"), T("+3%"), T("28%"), E, E],
        ),
        m(
            "",
            "C&F Assessment",
            [T("75%"), T("20%"), T("+1%"), T("27%"), E, E],
        ),
        vec![B("Strengthen assessment")],
        periods("Okt.17", "Nov.17"),
        m(
            "5a(i)",
            "Child focussed assessment",
            [T("33%"), T("66%"), T("+33%"), E, E, E],
        ),
    ]);
    rows.extend(gradings(
        "5a(i)",
        "Audit analysis of robust, child centred plans",
        "Okt.17",
        "Nov.17",
        [
            [T("48%"), T("42%"), T("-7%"), E, E, T("R")],
            [T("38%"), T("50%"), T("+12%"), E, E, T("G")],
            [T("5%"), T("17%"), T("+12%"), E, E, T("G")],
        ],
    ));
    rows.extend([
        heading(
            "5a(ii)",
            "Average Length of missing episode",
            "Okt.17",
            "Okt.17",
        ),
        m(
            "",
            "From Home",
            [N(0.9), N(1.6), N(0.68), N(1.1), E, T("R")],
        ),
        m(
            "",
            "From Care",
            [N(2.5), N(1.4), N(-1.04), N(2.4), E, T("G")],
        ),
        heading(
            "5a(iii)",
            "Overall number of missing episodes",
            "Okt.17",
            "Okt.17",
        ),
        m(
            "",
            "Form Home",
            [N(48.0), N(31.0), N(-17.0), N(22.0), E, T("R")],
        ),
        m(
            "",
            "From Care",
            [N(44.0), N(41.0), N(-3.0), N(45.0), E, T("G")],
        ),
    ]);
    for (id, audit, figures) in [
        (
            "5b(i)",
            "Thematic audit of panel information in managing risk",
            [
                ("25%", "100%", "75%", "R"),
                ("25%", "0%", "-25%", "R"),
                ("50%", "0%", "-50%", "R"),
            ],
        ),
        (
            "5b(ii)",
            "Multi agency contribution from audit findings",
            [
                ("12%", "40%", "28%", "R"),
                ("71%", "60%", "11%", "R"),
                ("18%", "0%", "-18%", "R"),
            ],
        ),
        (
            "5b(iii)",
            "Consideration of the child's voice in audit findings",
            [
                ("41%", "62%", "21%", "R"),
                ("27%", "38%", "11%", "R"),
                ("32%", "0%", "-32%", "R"),
            ],
        ),
        (
            "5b(iii)",
            "Consideration of Diversity in audit findings",
            [
                ("13%", "75%", "62%", "R"),
                ("44%", "25%", "-19%", "G"),
                ("44%", "0%", "-44%", "R"),
            ],
        ),
    ] {
        let row = |(p, l, c, r): (&'static str, &'static str, &'static str, &'static str)| {
            [T(p), T(l), T(c), E, E, T(r)]
        };
        let [a, b, c] = figures;
        rows.extend(gradings(
            id,
            audit,
            "Aug.17",
            "Sep.17",
            [row(a), row(b), row(c)],
        ));
    }
    rows.extend([
        vec![B("Improving permanence")],
        heading(
            "6a(iv)",
            "Number of escalations of plans",
            "Okt.17",
            "Nov.17",
        ),
        m(
            "",
            "To Child Protection",
            [N(8.0), N(7.0), T("+1"), N(1.0), E, E],
        ),
        m(
            "",
            "To Child in Care",
            [N(3.0), N(6.0), T("+3"), N(2.0), E, E],
        ),
        periods("Okt.17", "Nov.17"),
        m(
            "6a(vii)",
            "Timeliness of care proceedings",
            [
                T("30 weeks"),
                T("31 weeks"),
                T("1 week"),
                T("32 weeks"),
                E,
                E,
            ],
        ),
        heading(
            "6a(vii)",
            "Outcomes of care proceedings",
            "Okt.17",
            "Nov.17",
        ),
        m("", "SGO", [N(0.0), N(7.0), E, E, E, E]),
        m("", "Supervision Order", [N(6.0), N(4.0), E, E, E, E]),
        m("", "Placement Orders", [N(5.0), N(3.0), E, E, E, E]),
        m("", "Care Orders", [N(9.0), N(4.0), E, E, E, E]),
        m("", "No Public Law Order", [N(3.0), N(8.0), E, E, E, E]),
        periods("Okt.17", "Nov.17"),
        m(
            "6b(ii)",
            "Number of children participating in life story work",
            [N(9.0), N(12.0), T("+3"), E, E, E],
        ),
        periods("Okt.17", "Nov.17"),
        m(
            "6b(iii)",
            "Virtual School Audits of PEPs",
            [N(160.0), N(196.0), N(36.0), N(196.0), E, E],
        ),
        periods("Okt.17", "Nov.17"),
        m(
            "6b(vii)",
            "Plans achieving best outcomes",
            [
                T("64.6%"),
                T("64.5%"),
                T("-0.1%"),
                T("64.5%"),
                T("55%"),
                T("G"),
            ],
        ),
    ]);
    sheet("Data Dashboard", rows).widths(&[9.0, 48.0, 11.0, 11.0, 14.0, 14.0, 10.0, 8.0])
}
