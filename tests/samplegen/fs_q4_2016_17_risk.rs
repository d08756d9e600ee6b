//! Seed 001, section 6: the residual risk heat map and the register of
//! risks rated 12 and above, Family Services Q4 2016/17.
//!
//! The register lists 8 of the 20 risks the heat map holds, so only the heat
//! map's cells scored 12 or more can be compared with it. FS019's residual
//! risk (3 x 4 = 12) is above its inherent risk (3 x 3 = 9), as published.

use super::grid::*;

pub fn sheets() -> Vec<SheetSpec> {
    vec![risk()]
}

/// Section 6 as one sheet: the heat map with its commentary beside it, the
/// register below.
fn risk() -> SheetSpec {
    let mut rows = vec![
        vec![B("6. Risk")],
        vec![T("The 5 X 5 matrix (heat map) below shows the residual risk assessment (probability and impact scores) for each risk.")],
        vec![],
        vec![E, E, E, T("LIKELIHOOD"), E, E, E, E, E, T("Risk Commentary:\n\nThere are 20 risks on the service register in quarter 4. Of those, 8 are rated 12+ and 2 are rated 16. No risks are rated higher than 16.\n\nAll risks are being proactively treated by the service, with controls in place. These include robust governance processes, additional resources and service improvement activity include the Family Services 2020 suite of programmes.\n\nThe majority of risks have not changed in terms of risk or likelihood, although this may change for Q4 given the pace of change across the service. Risk FS011 (Inability to recruit and retain staff) has decreased given the impact of effective controls in place.")],
        vec![E, E, T("Score:"), N(1.0), N(2.0), N(3.0), N(4.0), N(5.0)],
        vec![E, E, E, T("Rare"), T("Unlikely"), T("Possible"), T("Likely"), T("Almost \nCertain")],
        vec![T("I\nM\nP\nA\nC\nT"), N(5.0), T("Catastrophic"), E, E, E, E, E],
        vec![E, N(4.0), T("Major"), E, N(2.0), N(4.0), N(2.0), E],
        vec![E, N(3.0), T("Moderate"), E, N(3.0), N(7.0), N(2.0), E],
        vec![E, N(2.0), T("Minor"), E, E, E, E, E],
        vec![E, N(1.0), T("Negligible"), E, E, E, E, E],
        vec![],
        vec![T("The table below lists all risks rated 12 and above.")],
        vec![],
        vec![
            T("Risk \nID"),
            T("Short Risk Title"),
            T("Long Description"),
            T("Risk \nOwner"),
            T("Nature \nof Risk"),
            T("Controls in place"),
            T("Inherent Risk \n(without \ncontrols)"),
            E,
            T("Residual Risk \n(with controls in place)"),
            E,
            E,
            T("Direction \nof Travel"),
            T("Response \nOption"),
        ],
        vec![E, E, E, E, E, E, T("Impact"), T("Likelihood"), T("Impact"), T("Likelihood"), T("Risk \nScore")],
    ];
    rows.extend(register());
    let mut s = sheet("6 Risk", rows)
        .merge(3, 3, 3, 7)
        .merge(3, 9, 10, 14)
        .merge(6, 0, 10, 0)
        .merge(14, 6, 14, 7)
        .merge(14, 8, 14, 10)
        .widths(&[
            10.0, 18.0, 32.0, 14.0, 11.0, 36.0, 9.0, 9.0, 9.0, 9.0, 9.0, 11.0, 11.0,
        ]);
    for c in [0u16, 1, 2, 3, 4, 5, 11, 12] {
        s = s.merge(14, c, 15, c);
    }
    s
}

/// The register rows: inherent impact and likelihood, residual impact,
/// likelihood and score, direction of travel, response option.
fn register() -> Vec<Vec<C>> {
    let risk = |id,
                title,
                desc,
                owner,
                nature,
                controls,
                ii: f64,
                il: f64,
                ri: f64,
                rl: f64,
                rs: f64,
                dot| {
        vec![
            T(id),
            T(title),
            T(desc),
            T(owner),
            T(nature),
            T(controls),
            N(ii),
            N(il),
            N(ri),
            N(rl),
            N(rs),
            T(dot),
            T("Treat"),
        ]
    };
    vec![
        risk(
            "FS001",
            "Significant child safeguarding incident",
            "Inappropriate response or poor decision-making around a case leads to a significant children’s safeguarding incident, resulting in increased risk of significant harm or death of a child, and reputational damage.",
            "Asst.Director, Social Care",
            "Statutory Duty",
            "The majority of the 2016/17 Practice Improvement Plan has been implemented. Delivery of the plan is monitored regularly and overseen by a Board chaired by the Chief Executive.\n\nSigns of Safety training is being rolled out as part of the toolkit to implement resilience-based practice across the service and partnership, which supports purposeful practice\n\nSupervision and practice standards help to control this risk, as well as quality assurance activity.\n\nWe provide assurance reports to the lead member, SCB Assurance, Barnet Safeguarding Board, and the Social Work Improvement Board, to ensure scrutiny and oversight. The lead member meets monthly with service leads to provide oversight.",
            5.0, 5.0, 4.0, 4.0, 16.0, "Same",
        ),
        risk(
            "FS004",
            "Serious gang-related incident",
            "As a result of inappropriate decision making, which could be exacerbated by a lack of timely access to information, a gang and serious youth violence related incident could occur involving one or more young people within the borough resulting in a child death and reputational damage.",
            "Asst. Director, Social Care",
            "Health & Safety",
            "Our Gangs and Serious Youth Violence Strategy is overseen by the Community Safety Partnership Board and Youth Offending Partnership Board. We also have a gangs operational group, and a gangs, missing and child sexual exploitation strategic group.\n\nOur gangs operational protocol and screening tool helps control this risk, as well as the  Keeping Young People Safe preventative project.\n\nA new multi-disciplinary team is being established to deliver intensive, wraparound interventions for high risk adolescents.",
            5.0, 5.0, 4.0, 4.0, 16.0, "Same",
        ),
        risk(
            "FS007",
            "Data Protection Breach",
            "The high quantity of sensitive information handled by the Family Services DU could lead to a significant data protection breach, resulting in risk to individuals, reputational damage, legal challenge, financial penalty",
            "Head of Service Commissioning & Business Improvement",
            "Information Governance",
            "The Information Management and Governance Group meets monthly, and reviews policies and procedures . There is mandatory data protection training for new starters. Data protection refresher training is also on offer.\n\nWe also circulate lessons learned through newsletters.",
            5.0, 5.0, 4.0, 3.0, 12.0, "Same",
        ),
        risk(
            "FS010",
            "Inability to achieve savings targets",
            "An increase in demand for social care services could lead to the Delivery Unit being unable to achieve the social care demand savings target resulting in financial consequences across the rest of the delivery unit services, reduction in performance of the delivery unit",
            "Asst.Director, Social Care",
            "Financial",
            "Our Family Friendly 2020 programme includes a project focussed on Demand Management (Resilient Futures) and the 0-19 project which also seeks to alleviate demand for social care services.\n\nThe recommissioning of CAHMS aims for a service where demand for mental health services is better managed.\n\nThere is a resilience programme underway in schools.\n\nThe Practice Improvement Plan helps to control this risk.\n\nThere are additional resources in place across the service to achieve this (e.g. REACH team).",
            4.0, 5.0, 4.0, 3.0, 12.0, "Same",
        ),
        risk(
            "FS011",
            "Inability to recruit and retain qualified staff",
            "A challenging job market could lead to an inability to recruit and retain sufficiently qualified permanent staff resulting in reliance on agency workers, impacting on budget, inability to carry out quality work, lower morale, significant safeguarding incident",
            "Asst.Director, Social Care",
            "Staffing & Culture",
            "Our Practice Improvement Plan includes a workforce recruitment strand. There is also an organisational development workforce board, and a market factors supplement is available.\n\nAn innovative model is in place with is successfully converting agency social workers to permanent contracts.\n\nBuilding the Barnet brand, including review of the website and exploration of social media to engage with candidates.\n\nOffering an attractive training offer, including through the Practice Academy.",
            5.0, 5.0, 4.0, 3.0, 12.0, "Same",
        ),
        risk(
            "FS018",
            "Non receipt of information or intervention from key partner agencies",
            "Capacity pressures of delivery on key partners (Police, Health, Education), exacerbated by partners not buying into the vision of the new Barnet model of resilience,  could lead to non-receipt of information and/or interventions from key partner agencies, resulting in harm to an individual, reputational damage and/or a financial impact",
            "Chris Munday (Family Services Director)",
            "Statutory Duty",
            "The Children and Young People Plan has been developed and key partnership boards are in place (BSCB, Children’s Partnership Board, Health and Wellbeing Board).\n\nJoint commissioning relationships are in place with Health. An early intervention strategic group has multi-agency representation.\n\nResilience workshops are being rolled out to the service and partnership. Partners are engaging with Signs of Safety training.\n\nA resilience programme is being rolled out in Barnet schools.",
            4.0, 5.0, 4.0, 3.0, 12.0, "Same",
        ),
        risk(
            "FS019",
            "Relocation of unaccompanied minors",
            "The relocation of unaccompanied minors and increase in UASC  could lead to increases in the child in care population, resulting in budgetary pressures",
            "Assistant Director, Family Services",
            "Statutory Duty",
            "Roll-out of Signs of Safety to build resilience in families.\n\nFamily Group Conferencing service.\n\nContingencies in the budget for meeting the target group of UASC.",
            3.0, 3.0, 3.0, 4.0, 12.0, "New",
        ),
        risk(
            "FS020",
            "Historic allegations",
            "Large-scale historic allegations against Family Services could lead to pressures on resources in certain parts of the service, resulting in a negative impact on BAU activity, resourcing and reputation.",
            "Assistant Director, Family Services",
            "Statutory Duty",
            "Monitoring of the situation via SMT.\n\nA flexible and responsive response to resourcing v ia the refreshed Workforce Strategy.",
            3.0, 5.0, 3.0, 4.0, 12.0, "New",
        ),
    ]
}
