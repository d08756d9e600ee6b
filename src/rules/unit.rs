//! `unit`: figures in the wrong unit.

use super::{Emitter, Fixable, RuleDoc, Severity};
use crate::model::indicator::{IndicatorTable, FIGURES};
use crate::schema::Unit;
use crate::values::Value;

pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "unit.percent_on_non_percentage",
        severity: Severity::Error,
        fixable: Fixable::Never,
        summary: "A % sign on a rate per 10,000, a count or a number of days.",
        what: "Works out the indicator's unit from the catalogue or its title (\"per 10,000\", \"Number of\", \
\"(days)\") and reports a figure written with a % sign when the unit is not a percentage.",
        why: "A rate written as a percentage is usually a figure from another indicator pasted into the row, \
or a rate recalculated on the wrong base; either way the published number is wrong.",
        example: "FS/C24 \"Number of children subject to a CP Plan (per 10,000)\": Q4 result `21.9%`, \
with 30.4 the quarter before and 30.1 a year earlier.",
        instead: "The rate per 10,000, without a % sign (in the region of 30).",
    },
    RuleDoc {
        id: "unit.percentage_out_of_range",
        severity: Severity::Error,
        fixable: Fixable::Never,
        summary: "A percentage below 0 or above 100.",
        what: "Reports a result or target of a percentage indicator outside 0 to 100, after reading a \
fraction stored under a % format as the percentage it shows.",
        why: "A share of a population cannot exceed the whole; such a figure is a typo or the wrong unit.",
        example: "\"% of CLA Reviews within timeframes\", result `963.9`.",
        instead: "`96.4`.",
    },
];

pub fn check(t: &IndicatorTable<'_>, em: &mut Emitter<'_>) {
    for ind in &t.rows {
        let unit = ind.unit;
        for key in FIGURES {
            let Some(f) = ind.field(key) else { continue };
            let Value::Number(n) = &f.value else { continue };
            if n.percent_sign
                && matches!(
                    unit,
                    Some(Unit::Rate | Unit::Count | Unit::Days | Unit::Weeks | Unit::Money)
                )
            {
                let u = unit.map(Unit::label).unwrap_or("figure");
                em.at(
                    "unit.percent_on_non_percentage",
                    &t.sheet.name,
                    f.cell,
                    format!("{} carries a % sign but this indicator is a {u}", f.shown()),
                )
                .found(f.shown())
                .key(&ind.reference, &ind.title)
                .emit();
                continue;
            }
            if unit == Some(Unit::Percent) {
                if let Some(fig) = ind.figure(key) {
                    if fig.value < -fig.half_ulp() || fig.value > 100.0 + fig.half_ulp() {
                        em.at(
                            "unit.percentage_out_of_range",
                            &t.sheet.name,
                            f.cell,
                            format!("{} is a percentage outside 0 to 100", ind.shown(key)),
                        )
                        .found(ind.shown(key))
                        .key(&ind.reference, &ind.title)
                        .emit();
                    }
                }
            }
        }
    }
}
