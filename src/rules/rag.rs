//! `rag`: the RAG rating against the target and the schema's bands.

use super::{Emitter, FixValue, Fixable, RuleDoc, Severity};
use crate::labels::{closest, Polarity, Rag};
use crate::model::indicator::{Figure, Indicator, IndicatorTable};
use crate::schema::RagBand;
use crate::values::{Absence, Value};

pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "rag.contradicts_target",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "Green with the target missed, or not Green with the target met.",
        what: "Decides whether the target is met (bigger is better: result >= target; smaller is better: \
result <= target) and compares with the RAG: Green exactly when it is met. This holds under every \
council's band policy.",
        why: "RAG is what members scan first; a Green on a missed target hides a failure, a Red on a met one \
starts an intervention nobody needs.",
        example: "FS/S5 (bigger is better): 8 against a target of 10, RAG `Green`.",
        instead: "`Red`: 20% short of target under the default bands.",
    },
    RuleDoc {
        id: "rag.band_mismatch",
        severity: Severity::Warning,
        fixable: Fixable::Always,
        summary: "The amber or red band disagrees with the schema's band edges.",
        what: "For a missed target, works out the shortfall as a percentage of the target and the band it \
falls in under the schema's `rag-bands` (default: under 10% Green Amber, 10% to under 20% Red Amber, 20% \
or more Red) and compares it with the band given.",
        why: "Bands are local policy, set in the schema; a band outside the policy makes one service's Red \
another's Amber.",
        example: "Result 59.6% against a target of 63% (5.4% short), RAG `Red`.",
        instead: "`Green Amber`.",
    },
    RuleDoc {
        id: "rag.on_monitor",
        severity: Severity::Warning,
        fixable: Fixable::Never,
        summary: "A RAG rating on an indicator that is only monitored.",
        what: "Reports a RAG on a row whose polarity is Monitor or whose target is \"Monitor\" or \"No Target\".",
        why: "A monitor indicator has no target to be met, so a RAG on it is counted in dashboards where it \
does not belong.",
        example: "FS/S16 (Monitor) with RAG `Green`.",
        instead: "Leave the RAG empty or \"N/A\".",
    },
    RuleDoc {
        id: "rag.unknown_label",
        severity: Severity::Error,
        fixable: Fixable::Never,
        summary: "The RAG is not Green, Green Amber, Red Amber, Red (or the older GREEN, AMBER, RED).",
        what: "Reads the RAG column and reports any other label, suggesting the closest.",
        why: "Dashboards count RAG ratings by label; an unknown one is counted nowhere.",
        example: "RAG `Gren`.",
        instead: "`Green`.",
    },
];

/// Whether the target is met, and the shortfall as a percentage of target.
pub(crate) fn assess(p: Polarity, result: f64, target: f64) -> Option<(bool, f64)> {
    let met = match p {
        Polarity::BiggerIsBetter => result >= target - 1e-9,
        Polarity::SmallerIsBetter => result <= target + 1e-9,
        _ => return None,
    };
    let shortfall = if met {
        0.0
    } else if target.abs() < 1e-12 {
        f64::INFINITY
    } else {
        (result - target).abs() / target.abs() * 100.0
    };
    Some((met, shortfall))
}

/// The band a shortfall falls in.
pub(crate) fn band_for(bands: &[RagBand], shortfall: f64) -> Option<&RagBand> {
    bands
        .iter()
        .find(|b| b.below.is_none_or(|x| shortfall < x - 1e-9))
}

fn target(ind: &Indicator) -> Option<Figure> {
    ind.figure("target").or_else(|| ind.figure("annual_target"))
}

fn monitored(ind: &Indicator) -> bool {
    if ind.polarity == Some(Polarity::Monitor) {
        return true;
    }
    let words = |k: &str| {
        matches!(
            ind.value(k),
            Some(Value::Absent(Absence::Monitor | Absence::NoTarget))
        )
    };
    target(ind).is_none()
        && (words("target") || (!ind.fields.contains_key("target") && words("annual_target")))
}

pub fn check(t: &IndicatorTable<'_>, em: &mut Emitter<'_>) {
    let bands = &t.table.schema.params.rag_bands;
    for ind in &t.rows {
        let Some(f) = ind.field("rag") else { continue };
        let Some(text) = f.raw.as_text().filter(|s| !s.is_empty()) else {
            continue;
        };
        if matches!(f.value, Value::Absent(_)) {
            continue;
        }
        let Some(rag) = Rag::parse(text) else {
            let hint = closest(text, Rag::LABELS)
                .map(|s| format!("; did you mean \"{s}\"?"))
                .unwrap_or_default();
            em.at(
                "rag.unknown_label",
                &t.sheet.name,
                f.cell,
                format!("unknown RAG \"{}\"{hint}", f.shown()),
            )
            .found(f.shown())
            .key(&ind.reference, &ind.title)
            .emit();
            continue;
        };
        if monitored(ind) {
            em.at(
                "rag.on_monitor",
                &t.sheet.name,
                f.cell,
                format!(
                    "RAG \"{}\" on an indicator that is only monitored",
                    f.shown()
                ),
            )
            .found(f.shown())
            .key(&ind.reference, &ind.title)
            .emit();
            continue;
        }
        let (Some(p), Some(res), Some(tgt)) = (ind.polarity, ind.figure("result"), target(ind))
        else {
            continue;
        };
        let Some((met, shortfall)) = assess(p, res.value, tgt.value) else {
            continue;
        };
        let want = if met {
            "Green".to_string()
        } else {
            band_for(bands, shortfall)
                .map(|b| b.label.clone())
                .unwrap_or_else(|| "Red".into())
        };
        let figures = format!(
            "result {} against target {} ({})",
            ind.shown("result"),
            ind.shown(if ind.figure("target").is_some() {
                "target"
            } else {
                "annual_target"
            }),
            if met {
                "met".to_string()
            } else {
                format!("{shortfall:.1}% short")
            },
        );
        if rag.is_green() != met {
            em.at(
                "rag.contradicts_target",
                &t.sheet.name,
                f.cell,
                format!(
                    "RAG \"{}\" but the target is {}: {figures}",
                    f.shown(),
                    if met { "met" } else { "missed" }
                ),
            )
            .found(f.shown())
            .fix(FixValue::Text(want))
            .key(&ind.reference, &ind.title)
            .emit();
            continue;
        }
        if let Rag::Band(label) = &rag {
            let known = bands.iter().any(|b| b.label.eq_ignore_ascii_case(label));
            if known && !label.eq_ignore_ascii_case(&want) {
                em.at(
                    "rag.band_mismatch",
                    &t.sheet.name,
                    f.cell,
                    format!(
                        "RAG \"{}\" but the schema's bands give \"{want}\": {figures}",
                        f.shown()
                    ),
                )
                .found(f.shown())
                .fix(FixValue::Text(want))
                .key(&ind.reference, &ind.title)
                .emit();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Params;

    #[test]
    fn default_bands() {
        let b = Params::default().rag_bands;
        assert_eq!(band_for(&b, 5.4).unwrap().label, "Green Amber");
        assert_eq!(band_for(&b, 10.0).unwrap().label, "Red Amber");
        assert_eq!(band_for(&b, 20.0).unwrap().label, "Red");
        assert_eq!(
            assess(Polarity::SmallerIsBetter, 10.4, 9.2).map(|x| x.0),
            Some(false)
        );
        assert_eq!(
            assess(Polarity::BiggerIsBetter, 44.0, 42.5),
            Some((true, 0.0))
        );
    }
}
