//! `dot`: direction of travel against the values and the polarity.

use super::{Emitter, FixValue, Fixable, RuleDoc, Severity};
use crate::labels::{closest, Dot, Polarity};
use crate::model::indicator::{Indicator, IndicatorTable};

pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "dot.short_term_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The short-term direction of travel contradicts this quarter's result against the previous quarter's.",
        what: "Compares this quarter's result with the previous quarter's under the indicator's polarity: \
with bigger is better, a larger result is Improving, a smaller one Worsening, an equal one Same; with \
smaller is better the other way round. A monitor indicator shows \"Monitor\" (or nothing), and where \
either result is missing the direction is \"N/A\".",
        why: "\"Improving\" on a figure that got worse tells members the opposite of the truth.",
        example: "FS/S6 (bigger is better): 44.0% this quarter, 44.9% last quarter, DoT short-term `Improving`.",
        instead: "`Worsening`.",
    },
    RuleDoc {
        id: "dot.long_term_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The long-term direction of travel contradicts this quarter's result against the same quarter last year.",
        what: "As dot.short_term_mismatch, against the result of the same quarter a year earlier.",
        why: "The long-term direction is what a committee reads for the trend; a wrong one hides a decline.",
        example: "FS/C14 (smaller is better): 226 now, 281 a year ago, DoT long-term `Worsening`.",
        instead: "`Improving`: fewer first-time entrants is better.",
    },
    RuleDoc {
        id: "dot.unknown_label",
        severity: Severity::Error,
        fixable: Fixable::Never,
        summary: "The direction of travel is not Improving, Worsening, Same, Monitor or N/A.",
        what: "Reads the direction-of-travel cells and reports any label outside the council's set, suggesting \
the closest when it looks like a typo.",
        why: "Dashboards count directions of travel by label; an unknown one is counted nowhere.",
        example: "DoT `Improvng`.",
        instead: "`Improving`.",
    },
];

/// The label the values call for, or `None` when it cannot be decided.
fn expected(ind: &Indicator, other: &str) -> Option<Dot> {
    let p = ind.polarity?;
    if p == Polarity::Monitor {
        return Some(Dot::Monitor);
    }
    let cur = ind.figure("result");
    let prev = ind.figure(other);
    let (Some(cur), Some(prev)) = (cur, prev) else {
        // A missing figure on either side leaves nothing to compare.
        let absent = |k: &str| ind.value(k).is_none_or(|v| v.is_absent());
        return (absent("result") || absent(other)).then_some(Dot::NotApplicable);
    };
    let diff = cur.value - prev.value;
    if diff.abs() < 1e-9 {
        return Some(Dot::Same);
    }
    match p {
        Polarity::BiggerIsBetter => Some(if diff > 0.0 {
            Dot::Improving
        } else {
            Dot::Worsening
        }),
        Polarity::SmallerIsBetter => Some(if diff < 0.0 {
            Dot::Improving
        } else {
            Dot::Worsening
        }),
        Polarity::Maintain | Polarity::Monitor => None,
    }
}

/// Whether a written label is acceptable where `want` is expected.
fn acceptable(found: Dot, want: Dot) -> bool {
    found == want
        || matches!(
            (found, want),
            (Dot::NotApplicable, Dot::Monitor) | (Dot::Monitor, Dot::NotApplicable)
        )
}

pub fn check(t: &IndicatorTable<'_>, em: &mut Emitter<'_>) {
    for ind in &t.rows {
        for (key, other, rule, when) in [
            (
                "dot_short",
                "previous_result",
                "dot.short_term_mismatch",
                "the previous quarter",
            ),
            (
                "dot_long",
                "year_ago_result",
                "dot.long_term_mismatch",
                "the same quarter last year",
            ),
        ] {
            let Some(f) = ind.field(key) else { continue };
            let Some(text) = f.raw.as_text().filter(|s| !s.is_empty()) else {
                continue;
            };
            let Some(found) = Dot::parse(text) else {
                let hint = closest(text, Dot::LABELS)
                    .map(|s| format!("; did you mean \"{s}\"?"))
                    .unwrap_or_default();
                em.at(
                    "dot.unknown_label",
                    &t.sheet.name,
                    f.cell,
                    format!("unknown direction of travel \"{}\"{hint}", f.shown()),
                )
                .found(f.shown())
                .key(&ind.reference, &ind.title)
                .emit();
                continue;
            };
            let Some(want) = expected(ind, other) else {
                continue;
            };
            if acceptable(found, want) {
                continue;
            }
            let why = match (ind.figure("result"), ind.figure(other)) {
                _ if want == Dot::Monitor => {
                    "the indicator is monitored without a direction".to_string()
                }
                (Some(c), Some(p)) => {
                    format!(
                        "{} against {} for {when} is {} under \"{}\"",
                        ind.shown("result"),
                        ind.shown(other),
                        want.label(),
                        ind.polarity.map(|p| p.label()).unwrap_or("?"),
                    )
                    .replace("  ", " ")
                        + if (c.value - p.value).abs() < 1e-9 {
                            " (no change)"
                        } else {
                            ""
                        }
                }
                _ => format!("there is no result for {when} to compare with"),
            };
            em.at(
                rule,
                &t.sheet.name,
                f.cell,
                format!("\"{}\" but {why}", f.shown()),
            )
            .found(f.shown())
            .fix(FixValue::Text(want.label().to_string()))
            .key(&ind.reference, &ind.title)
            .emit();
        }
    }
}
