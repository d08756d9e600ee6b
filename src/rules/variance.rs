//! `variance`: the older form's target variance and DoT variance.

use super::{Emitter, FixValue, Fixable, RuleDoc, Severity};
use crate::model::indicator::IndicatorTable;
use crate::values::{format_like, round_to, Value};

pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "variance.target_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The target variance is not the outturn's distance from target as a percentage of target.",
        what: "Works out |outturn - target| / target x 100 and compares it with the Target Variance column at \
the decimals shown. Where a numerator and denominator are given the council works from the unrounded \
ratio, so either basis is accepted.",
        why: "The variance decides the intervention level; a wrong one escalates the wrong indicators.",
        example: "3212: outturn 390 against a target of 383, target variance `1.7%` (7/383 = 1.83%).",
        instead: "`1.8%`.",
    },
    RuleDoc {
        id: "variance.dot_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The DoT variance is not the outturn's change from the previous outturn as a percentage of it.",
        what: "Works out |outturn - previous| / previous x 100 and compares it with the DoT Variance column, \
accepting the unrounded ratio or the shown outturn as the basis.",
        why: "The DoT variance is the size of the change members read; a wrong one overstates or hides it.",
        example: "3002: outturn 726, previous 935, DoT variance `2.4%` (209/935 = 22.35%).",
        instead: "`22.4%`.",
    },
];

pub fn check(t: &IndicatorTable<'_>, em: &mut Emitter<'_>) {
    let tol = t.table.schema.params.tolerance;
    for ind in &t.rows {
        let Some(out) = ind.figure("result") else {
            continue;
        };
        let mut bases = vec![out.value];
        if let Some(u) = ind.ratio_value() {
            bases.push(u);
        }
        for (key, other, rule, what) in [
            (
                "target_variance",
                "target",
                "variance.target_mismatch",
                "target",
            ),
            (
                "dot_variance",
                "previous_result",
                "variance.dot_mismatch",
                "previous outturn",
            ),
        ] {
            let Some(f) = ind.field(key) else { continue };
            let Value::Number(shown) = f.value else {
                continue;
            };
            let Some(reference) = ind.figure(other) else {
                continue;
            };
            if reference.value.abs() < 1e-12 {
                continue;
            }
            let candidates: Vec<f64> = bases
                .iter()
                .map(|b| (b - reference.value) / reference.value.abs() * 100.0)
                .collect();
            let half = shown.half_ulp();
            // A number cell may hold the variance as a fraction (0.309 for 30.9%).
            let fraction = !shown.from_text
                && shown.value.abs() <= 1.0
                && candidates
                    .iter()
                    .any(|c| (shown.value * 100.0 - c.abs()).abs() <= half * 100.0 + 1e-9)
                && !candidates
                    .iter()
                    .any(|c| (shown.value - c.abs()).abs() <= half + 1e-9);
            let (v, h) = if fraction {
                (shown.value * 100.0, half * 100.0)
            } else {
                (shown.value, half)
            };
            let ok = candidates
                .iter()
                .any(|c| (v - c.abs()).abs() <= h + tol + 1e-9 || (v - c).abs() <= h + tol + 1e-9);
            if ok {
                continue;
            }
            let exact = candidates[candidates.len() - 1];
            let want = if v < 0.0 { exact } else { exact.abs() };
            let decimals = if fraction {
                shown.decimals.saturating_sub(2)
            } else {
                shown.decimals
            }
            .max(1);
            let fix = if shown.from_text {
                FixValue::Text(format_like(want, &shown, decimals))
            } else if fraction {
                FixValue::Number(round_to(want / 100.0, decimals + 2))
            } else {
                FixValue::Number(round_to(want, decimals))
            };
            em.at(
                rule,
                &t.sheet.name,
                f.cell,
                format!(
                    "{} variance {} but outturn {} against {what} {} gives {:.2}%",
                    if key == "target_variance" {
                        "target"
                    } else {
                        "DoT"
                    },
                    ind.shown(key),
                    ind.shown("result"),
                    ind.shown(other),
                    want,
                ),
            )
            .found(ind.shown(key))
            .fix(fix)
            .expected(if fraction {
                format!("{:.*}%", decimals as usize, round_to(want, decimals))
            } else {
                crate::values::format_like(want, &shown, decimals)
            })
            .key(&ind.reference, &ind.title)
            .emit();
        }
    }
}
