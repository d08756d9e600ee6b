//! Seed 002, 5.3 Risk Overview: the heat map (probability in the rows,
//! impact in the columns) and the register of risks rated 12 and above,
//! with "Major 4" / "Likely 4" / "High 16" cells for the current and the
//! target assessment. Family Services delivery unit, Q1 2014/15.
//!
//! Every risk here is consistent: the register's 4 risks account for every
//! cell of the heat map scored 12 or more, and nothing should be reported.

use super::grid::*;

pub fn sheets() -> Vec<SheetSpec> {
    vec![risk()]
}

fn risk() -> SheetSpec {
    let rows = vec![
        vec![B("5.3. Risk Overview")],
        vec![T("The following is the 5 X 5 matrix ‘heat map’ highlighting the number of risks at a Directorate Level and where they are currently rated:")],
        vec![],
        vec![E, E, T("Impact")],
        vec![E, T("SCORE"), N(1.0), N(2.0), N(3.0), N(4.0), N(5.0)],
        vec![E, E, T("Negligible"), T("Minor"), T("Moderate"), T("Major"), T("Catastrophic")],
        vec![T("Probability"), T("5 Almost Certain"), N(0.0), N(0.0), N(1.0), N(0.0), N(0.0)],
        vec![E, T("4 Likely"), N(0.0), N(0.0), N(0.0), N(1.0), N(0.0)],
        vec![E, T("3 Possible"), N(0.0), N(0.0), N(1.0), N(2.0), N(0.0)],
        vec![E, T("2 Unlikely"), N(0.0), N(0.0), N(2.0), N(2.0), N(0.0)],
        vec![E, T("1 Rare"), N(0.0), N(0.0), N(0.0), N(0.0), N(0.0)],
        vec![],
        vec![T("The following risk register lists those risks rated as 12 and above:")],
        vec![],
        vec![
            T("Risk"),
            T("Current Assessment"),
            E,
            E,
            T("Control Actions"),
            T("Risk \nStatus"),
            T("Board \nAssurance \n(timing)"),
            T("Target Assessment"),
        ],
        vec![E, T("Impact"), T("Probability"), T("Rating"), E, E, E, T("Impact"), T("Probability"), T("Rating")],
        vec![
            T("DUFS0001 \nFailure to meet 3 year budget Savings"),
            T("Major \n4"),
            T("Likely \n4"),
            T("High \n16"),
            T("Regular monitoring of budgets and MTFS, Transformation Programme"),
            T("Treat"),
            T("Quarterly"),
            T("Negligible\n1"),
            T("Unlikely \n2"),
            T("Low \n2"),
        ],
        vec![
            T("DUFS0017 \nDelays in delivering new case management system for Early Intervention reduces operational effectiveness"),
            T("Moderate\n3"),
            T("Almost \nCertain\n\n5"),
            T("High \n15"),
            T("Regular meetings with IS and all stakeholders to ensure delivery. Escalation via relevant Enabling Boards."),
            T("Tolerate"),
            T("Quarterly"),
            T("Moderate\n3"),
            T("Possible \n3"),
            T("Medium \nHigh \n\n9"),
        ],
        vec![
            T("DUFS0024 \nInconsistent approach to Information Management and Governance across the Delivery Unit results in significant Data Protection breach."),
            T("Major \n4"),
            T("Possible\n3"),
            T("Medium \nHigh \n12"),
            T("Information Management and Governance group meets regularly. Interim processes in place with Commissioning Group to quality assure Subject Access Requests (SARs)."),
            T("Treat"),
            T("Quarterly"),
            T("Moderate\n3"),
            T("Unlikely \n2"),
            T("Medium \nLow \n\n6"),
        ],
        vec![
            T("DUFS0025 \nA failure in the approach to the delivery of children’s services leads to a safeguarding incident"),
            T("Major \n4"),
            T("Possible\n3"),
            T("Medium \nHigh \n12"),
            T("Programme of case file audits to identify poor practice Recruitment Strategy Workforce development strategy and compliance with standards \n1:1 supervision and performance management \nSpecific projects in place to address issues and improve service delivery"),
            T("Treat"),
            T("Quarterly"),
            T("Major \n4"),
            T("Possible \n3"),
            T("Medium \nHigh \n12"),
        ],
        vec![],
        vec![T("Risk Commentary for Delivery Unit:\n\nA Risk Approach Document has been written and is currently in Draft format, this follows from the Corporate Risk Assurance Document\nImplementation of the recommendations are planned for Quarter 2.")],
    ];
    let mut s = sheet("5.3 Risk", rows)
        .merge(3, 2, 3, 6)
        .merge(6, 0, 10, 0)
        .merge(14, 1, 14, 3)
        .merge(14, 7, 14, 9)
        .widths(&[34.0, 11.0, 11.0, 11.0, 36.0, 10.0, 11.0, 11.0, 11.0, 11.0]);
    for c in [0u16, 4, 5, 6] {
        s = s.merge(14, c, 15, c);
    }
    s
}
