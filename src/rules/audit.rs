//! The audit family: checks across periods over the imported returns. They
//! are computed by `kpicheck audit` in [`crate::audit`], as queries over the
//! database; only their documentation lives here, so `explain` and
//! docs/rules.md cover them like every other rule.

use super::{Fixable, RuleDoc, Severity};

pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "audit.restated_result",
        severity: Severity::Error,
        fixable: Fixable::Never,
        summary: "A result quoted for an earlier period differs from what that period's own return reported",
        what: "For every previous-quarter or same-quarter-last-year result a return quotes, looks up the \
return of that period (among the returns in force) that reports the same ref, and compares the two \
figures. They may differ by the rounding each shows (83.4% against 83.45%); beyond that the quoted \
figure has been restated. The finding sits at the quoted cell; `expected` is what the earlier return \
reported and `related` names its cell.",
        why: "A direction of travel is only as good as the earlier figure it compares with. A quietly \
restated figure makes a worsening look like an improvement, and leaves two published versions of \
one quarter that the committee cannot reconcile.",
        example: "Family Services Q4 2016/17 quotes FS/S8's Q3 2016/17 result as 83.4%; the \
Commissioning Plan's indicator table gives the same quarter as 85.4%.",
        instead: "Quote the figure the earlier return published, or, where the figure was revised \
(late data, a corrected count), say so in a note beside it and correct the earlier return in the \
database by importing its revised version.",
    },
    RuleDoc {
        id: "audit.polarity_changed",
        severity: Severity::Warning,
        fixable: Fixable::Never,
        summary: "The same ref carries a different polarity in different returns",
        what: "Follows each ref through the returns in force in period order and reports where the \
polarity a return states (in its Polarity column, or by its description's verb) differs from the \
one the return before it stated. Polarities that only come from the catalogue are not compared.",
        why: "Polarity decides the direction of travel and the RAG rating. An indicator whose polarity \
flips between quarters flips its DoT and RAG with it, and its history can no longer be read as one \
series.",
        example: "FS/S11 \"Percentage of children in external residential placements\" is \"Smaller is \
Better\" in Q4 2016/17 but \"Bigger is Better\" in Q3 2016/17.",
        instead: "Use one polarity for a ref in every return. If the aim really changed, give the \
indicator a new ref from the year it changed, and add a catalogue entry for those years.",
    },
    RuleDoc {
        id: "audit.unit_changed",
        severity: Severity::Warning,
        fixable: Fixable::Never,
        summary: "The same ref is measured in a different unit in different returns",
        what: "Follows each ref through the returns in force in period order and reports where its unit \
(percentage, rate per 10,000, count, days, weeks, money) differs from the return before. The unit is \
the one kpicheck reads for the row: a Unit column, the catalogue, the title's wording, a % sign.",
        why: "A rate compared with a percentage, or a count with a rate, is not a trend: every \
direction of travel and chart across the change is meaningless.",
        example: "A ref reported as a rate per 10,000 in Q3 and, under a \"Unit\" column saying %, as \
a percentage in Q4.",
        instead: "Report a ref in one unit throughout. If the measure changed, give it a new ref.",
    },
    RuleDoc {
        id: "audit.title_changed",
        severity: Severity::Info,
        fixable: Fixable::Never,
        summary: "The same ref carries a different title in different returns",
        what: "Follows each ref through the returns in force in period order and reports where its \
title differs from the return before, ignoring case, spacing and punctuation (\"child/ren\" and \
\"children\" are the same title).",
        why: "A ref whose title changes may now measure something else: the history under one ref \
may join two different indicators. Often it is only a rewording, which is why this is for \
information.",
        example: "\"Percentage of CLA who have had a timely initial health assessment in the last 6 \
months\" one quarter and \"Percentage of CLA with an initial health assessment\" under the same ref \
the next.",
        instead: "Keep one title for a ref; if the definition changed, start a new ref.",
    },
    RuleDoc {
        id: "audit.target_changed_in_year",
        severity: Severity::Warning,
        fixable: Fixable::Never,
        summary: "An indicator's annual target differs between returns of the same year",
        what: "Compares the annual target each return of a financial year states for a ref with the \
one the return before it in that year stated, where both are figures. Targets written as words \
(\"Monitor\", \"Perform in line with statistical neighbours\") are not compared.",
        why: "An annual target is set once for the year. A target that moves during the year moves \
every RAG rating measured against it, and can turn a missed target green.",
        example: "\"Number of children adopted\" with an annual 2016/17 target of 10 in the Q3 return \
and of 8 in the Q4 return.",
        instead: "State the target agreed for the year in every quarter's return. A target changed by \
a committee decision is a new target for the following year.",
    },
    RuleDoc {
        id: "audit.missing_quarter",
        severity: Severity::Warning,
        fixable: Fixable::Never,
        summary: "A ref reported in some quarters of a year is missing from another quarter's return",
        what: "For each service and financial year, takes the refs its returns in force report and \
lists each return of that year that has no row for one of them. Only returns that hold an \
indicator table are considered. The finding points at the first cell of the return's indicator \
table; `related` names the row in a return that does report the ref.",
        why: "An indicator dropped for a quarter, often one that missed its target, leaves a gap in \
the year's record that nobody decided on, and makes the year-end figures impossible to trace.",
        example: "A ref reported in the Q1, Q2 and Q4 2016/17 returns of a service and absent from its \
Q3 return.",
        instead: "Report every indicator every quarter; where data is not available write \"Not \
currently available\" or \"Not due to be reported this quarter\" in its row.",
    },
    RuleDoc {
        id: "audit.implausible_jump",
        severity: Severity::Warning,
        fixable: Fixable::Never,
        summary: "A result is 10 or 100 times its neighbours, or a percentage where a rate was",
        what: "Follows each ref's reported results through the returns in force in period order. A \
result is reported when it is at least 10 times (or at most a tenth of) the result before it and, \
where there is one, the result after it; or when it is shown as a percentage (a % sign or a \
percentage format) while the result before it was not and the indicator is not a percentage.",
        why: "Jumps of a power of ten are typing slips (a decimal point, a fraction typed as a \
percentage, thousands for units); a % sign on a rate is a unit slip. Either way the published \
trend is wrong.",
        example: "FS/C24 \"Number of children subject to a CP Plan (per 10,000)\": 30.4 in Q3 2016/17, \
then \"21.9%\" in Q4 2016/17.",
        instead: "Check the figure against the source data and write it in the indicator's unit, at \
its usual scale.",
    },
    RuleDoc {
        id: "audit.risk_score_changed_while_same",
        severity: Severity::Error,
        fixable: Fixable::Never,
        summary: "A risk's score changed while its direction of travel says \"Same\"",
        what: "Follows each risk id through the returns in force in period order and reports a risk \
whose direction of travel is \"Same\" while its residual score (impact x likelihood where the \
register has no score column) differs from the score in the return before.",
        why: "\"Same\" tells the committee a risk has not moved. A score that changed says it has: \
one of the two is wrong, and the risk dashboard's counts by direction are wrong with it.",
        example: "A risk scored Moderate 3 x Possible 3 = 9 in Q3 and Moderate 3 x Likely 4 = 12 in \
Q4, its direction of travel still \"Same\".",
        instead: "Write \"Increased\" or \"Reduced\" when the residual score moves, or correct the \
score.",
    },
];
