//! Risk register rules: the score is impact x likelihood, the band is the
//! score's band, levels lie on the 1-5 scales and their labels match their
//! numbers, controls do not raise a risk and targets do not exceed it, the
//! direction of travel and response come from their fixed lists, and every
//! risk id appears once.

use std::collections::HashMap;

use crate::labels::closest;
use crate::model::risk::{
    band_for, same_band, Assessment, Axis, Response, Risk, RiskDirection, RiskRegister, ScoredField,
};
use crate::values::{squash, Absence, Value};
use crate::workbook::Cell;

use super::{Emitter, FixValue, Fixable, RuleDoc, Severity};

pub const SCORE_MISMATCH: RuleDoc = RuleDoc {
    id: "risk.score_mismatch",
    severity: Severity::Error,
    fixable: Fixable::Always,
    summary: "A risk score is not its impact times its likelihood",
    what: "For the inherent, residual (current) and target assessment of every risk, multiplies the impact by the likelihood and compares the product with the score the register shows, whether the score stands alone (\"12\") or with its band (\"Medium High 12\"). It runs only where both levels are stated cleanly; a level out of range or with a contradicting label is reported by its own rule instead.",
    why: "The score decides the risk's band, its place on the heat map and whether it is escalated (the reports list every risk scored 12 or more). A score that is not the product moves a risk into the wrong band or hides it from the escalation list.",
    example: "Impact \"Major 4\", probability \"Possible 3\", rating \"High 16\": 4 x 3 is 12, not 16.",
    instead: "Write the product, and the band it falls in: \"Medium High 12\".",
};

pub const BAND_MISMATCH: RuleDoc = RuleDoc {
    id: "risk.band_mismatch",
    severity: Severity::Error,
    fixable: Fixable::Always,
    summary: "A risk's band label is not the band of its score",
    what: "Reads the band label of an assessment, from the score cell (\"High 16\") or a band column, and compares it with the band its score falls in under the schema's `risk-bands` (by default 1-3 Low, 4-6 Medium Low, 8-12 Medium High, 15-25 High). The score is the number shown beside the label; with no number, impact x likelihood.",
    why: "Readers go by the band: a risk labelled Medium High that scores 16 is understated, and band counts in the dashboard are built from these labels.",
    example: "Rating \"High 12\": 12 lies in Medium High (8-12).",
    instead: "\"Medium High 12\", or change the bands in the schema if the council's policy differs.",
};

pub const LEVEL_OUT_OF_RANGE: RuleDoc = RuleDoc {
    id: "risk.level_out_of_range",
    severity: Severity::Error,
    fixable: Fixable::Never,
    summary: "An impact or likelihood is not a whole number from 1 to 5",
    what: "Checks that every impact and likelihood number in the register is a whole number from 1 to 5, the scale of the council's 5 x 5 matrix.",
    why: "A level of 0, 6 or 3.5 has no place on the heat map and makes every score built from it meaningless.",
    example: "Residual impact 6.",
    instead: "A level from 1 to 5: impact 1 Negligible, 2 Minor, 3 Moderate, 4 Major, 5 Catastrophic; likelihood 1 Rare, 2 Unlikely, 3 Possible, 4 Likely, 5 Almost Certain.",
};

pub const LEVEL_LABEL_MISMATCH: RuleDoc = RuleDoc {
    id: "risk.level_label_mismatch",
    severity: Severity::Error,
    fixable: Fixable::Never,
    summary: "An impact or likelihood label does not match its number, or is not on its scale",
    what: "Where a level cell carries a word, checks the word is on the right scale and, if the cell also has a number, that the word's level is that number: \"Major\" is impact 4, \"Likely\" is likelihood 4. A likelihood word under impact (or the reverse) and unknown words are reported too.",
    why: "When the word and the number disagree nobody can tell which the assessor meant, and the score and heat map may follow either.",
    example: "Impact \"Major 3\"; or impact \"Likely 4\".",
    instead: "Make the word and the number agree: \"Major 4\" or \"Moderate 3\".",
};

pub const RESIDUAL_ABOVE_INHERENT: RuleDoc = RuleDoc {
    id: "risk.residual_above_inherent",
    severity: Severity::Warning,
    fixable: Fixable::Never,
    summary: "A risk's residual score is above its inherent score",
    what: "Compares each risk's residual score (with controls in place, or the current assessment) with its inherent score (without controls), each as impact x likelihood where the levels are given. Reported at the residual score.",
    why: "Controls reduce a risk or leave it as it is; a residual risk above the inherent one usually means one of the two assessments is out of date or was entered in the wrong columns. It can be genuine, hence a warning.",
    example: "FS019 Relocation of unaccompanied minors: inherent 3 x 3 = 9, residual 3 x 4 = 12 (Family Services Q4 2016/17).",
    instead: "Reassess the inherent risk (it cannot be lower than the risk with controls), or explain in the commentary why the controls do not hold.",
};

pub const TARGET_ABOVE_CURRENT: RuleDoc = RuleDoc {
    id: "risk.target_above_current",
    severity: Severity::Warning,
    fixable: Fixable::Never,
    summary: "A risk's target score is above its current score",
    what: "Compares each risk's target assessment with its current (residual) assessment, each as impact x likelihood where the levels are given. Reported at the target score.",
    why: "The target is where the control actions should bring the risk; a target above the current score plans for the risk to grow, which is almost always a transposition.",
    example: "Current \"Medium High 9\", target \"High 16\".",
    instead: "A target at or below the current score, or a note saying why the risk is expected to rise.",
};

pub const UNKNOWN_DIRECTION: RuleDoc = RuleDoc {
    id: "risk.unknown_direction",
    severity: Severity::Error,
    fixable: Fixable::Sometimes,
    summary: "A risk's direction of travel is not Same, New, Increased or Reduced",
    what: "Checks each risk's direction of travel is one of Same, New, Increased or Reduced (also accepted: Unchanged, Decreased). A misspelling close to one of them is fixed to it.",
    why: "The dashboard counts risks by direction of travel; a value outside the list is counted nowhere.",
    example: "Direction of travel \"Improving\" (an indicator's word, not a risk's).",
    instead: "Same, New, Increased or Reduced.",
};

pub const UNKNOWN_RESPONSE: RuleDoc = RuleDoc {
    id: "risk.unknown_response",
    severity: Severity::Error,
    fixable: Fixable::Sometimes,
    summary: "A risk's response option is not Treat, Tolerate, Transfer or Terminate",
    what: "Checks each risk's response option (or the older form's risk status) is one of the four responses: Treat, Tolerate, Transfer or Terminate. A misspelling close to one of them is fixed to it.",
    why: "The response says what the council does about the risk; anything else leaves the risk without an agreed treatment.",
    example: "Response option \"Monitor\".",
    instead: "Treat, Tolerate, Transfer or Terminate.",
};

pub const DUPLICATE_ID: RuleDoc = RuleDoc {
    id: "risk.duplicate_id",
    severity: Severity::Error,
    fixable: Fixable::Never,
    summary: "A risk id appears more than once in the workbook",
    what: "Checks that no risk id appears twice among the risk registers of a workbook (ignoring case and spaces). Reported at the second and later occurrences, with the first as the related cell.",
    why: "A risk counted twice inflates the heat map and the dashboard's risk counts; two risks sharing an id cannot be told apart in the audit trail.",
    example: "FS010 listed on two rows.",
    instead: "Give each risk its own id, or remove the repeated row.",
};

pub const RULES: &[RuleDoc] = &[
    SCORE_MISMATCH,
    BAND_MISMATCH,
    LEVEL_OUT_OF_RANGE,
    LEVEL_LABEL_MISMATCH,
    RESIDUAL_ABOVE_INHERENT,
    TARGET_ABOVE_CURRENT,
    UNKNOWN_DIRECTION,
    UNKNOWN_RESPONSE,
    DUPLICATE_ID,
];

/// Runs every risk rule over a workbook's registers.
pub fn check(registers: &[RiskRegister<'_>], em: &mut Emitter<'_>) {
    for reg in registers {
        let residual = residual_name(reg);
        for risk in &reg.rows {
            for (name, a) in [
                ("inherent", &risk.inherent),
                (residual, &risk.residual),
                ("target", &risk.target),
            ] {
                levels(reg, risk, name, a, em);
                score(reg, risk, name, a, em);
                band(reg, risk, name, a, em);
            }
            order(reg, risk, residual, em);
            vocab(reg, risk, em);
        }
    }
    duplicates(registers, em);
}

fn levels(reg: &RiskRegister<'_>, risk: &Risk, name: &str, a: &Assessment, em: &mut Emitter<'_>) {
    for (axis, f) in [(Axis::Impact, &a.impact), (Axis::Likelihood, &a.likelihood)] {
        let Some(f) = f else { continue };
        let Some(s) = &f.scored else { continue };
        let shown = f.field.shown();
        if let Some(n) = s.number {
            if crate::model::risk::whole_level(n).is_none() {
                em.at(
                    "risk.level_out_of_range",
                    &reg.table.sheet,
                    f.cell(),
                    format!("{name} {axis} {shown} is not a whole number from 1 to 5"),
                )
                .found(shown.clone())
                .expected(format!("1 to 5 ({})", axis.scale()))
                .key(&risk.id, &risk.title)
                .emit();
                continue;
            }
        }
        let Some(label) = &s.label else { continue };
        match (axis.level_of(label), s.number) {
            (None, _) => {
                let other = axis.other().level_of(label);
                let msg = match other {
                    Some(_) => format!(
                        "{name} {axis} '{label}' is on the {} scale, not the {axis} scale ({})",
                        axis.other(),
                        axis.scale()
                    ),
                    None => format!(
                        "{name} {axis} '{label}' is not on the {axis} scale ({})",
                        axis.scale()
                    ),
                };
                em.at("risk.level_label_mismatch", &reg.table.sheet, f.cell(), msg)
                    .found(shown)
                    .key(&risk.id, &risk.title)
                    .emit();
            }
            (Some(l), Some(n)) if f64::from(l) != n => {
                em.at(
                    "risk.level_label_mismatch",
                    &reg.table.sheet,
                    f.cell(),
                    format!(
                        "{name} {axis} says '{label}', which is {l}, but its number is {}",
                        crate::workbook::format_number(n)
                    ),
                )
                .found(shown)
                .expected(format!(
                    "\"{label} {l}\" or \"{} {}\"",
                    axis.label(n as u8),
                    crate::workbook::format_number(n)
                ))
                .key(&risk.id, &risk.title)
                .emit();
            }
            _ => {}
        }
    }
}

/// The text a score cell should hold for `score`, written the way it was.
fn score_text(f: &ScoredField, score: u32, band: Option<&str>) -> FixValue {
    match (&f.field.raw, f.scored.as_ref()) {
        (Cell::Number(_), _) | (_, None) => FixValue::Number(f64::from(score)),
        (_, Some(s)) => match (&s.label, band) {
            (Some(_), Some(b)) if s.label_first => FixValue::Text(format!("{b} {score}")),
            (Some(_), Some(b)) => FixValue::Text(format!("{score} {b}")),
            (Some(l), None) => FixValue::Text(format!("{l} {score}")),
            (None, _) => FixValue::Text(score.to_string()),
        },
    }
}

fn score(reg: &RiskRegister<'_>, risk: &Risk, name: &str, a: &Assessment, em: &mut Emitter<'_>) {
    let (Some((i, l)), Some(f)) = (a.levels(), &a.score) else {
        return;
    };
    let Some(shown) = f.number() else { return };
    let product = u32::from(i) * u32::from(l);
    if shown == f64::from(product) {
        return;
    }
    let band = band_for(reg.bands(), product).map(|b| b.label.as_str());
    em.at(
        "risk.score_mismatch",
        &reg.table.sheet,
        f.cell(),
        format!(
            "{name} score {} is not impact {i} x likelihood {l} = {product}",
            crate::workbook::format_number(shown)
        ),
    )
    .found(f.field.shown())
    .fix(score_text(f, product, band))
    .key(&risk.id, &risk.title)
    .emit();
}

fn band(reg: &RiskRegister<'_>, risk: &Risk, name: &str, a: &Assessment, em: &mut Emitter<'_>) {
    let in_score = a.score.as_ref().and_then(|f| Some((f, f.label()?)));
    let in_column = a.band.as_ref().and_then(|f| {
        let t = f.raw.as_text().filter(|t| !t.is_empty())?;
        (crate::values::absence(t).is_none()).then_some((f, t))
    });
    let shown_score = a.score.as_ref().and_then(ScoredField::number);
    let score = shown_score
        .filter(|n| n.fract() == 0.0 && *n >= 0.0)
        .map(|n| n as u32)
        .or_else(|| a.product());
    let Some(score) = score else { return };
    let Some(want) = band_for(reg.bands(), score) else {
        return;
    };
    if let Some((f, label)) = in_score {
        if !same_band(label, &want.label) {
            let fix = match shown_score {
                Some(_) => score_text(f, score, Some(&want.label)),
                None => FixValue::Text(want.label.clone()),
            };
            em.at(
                "risk.band_mismatch",
                &reg.table.sheet,
                f.cell(),
                format!(
                    "{name} band '{label}' does not match score {score}, which is {} ({}-{})",
                    want.label, want.min, want.max
                ),
            )
            .found(f.field.shown())
            .fix(fix)
            .key(&risk.id, &risk.title)
            .emit();
        }
    }
    if let Some((f, label)) = in_column {
        if !same_band(label, &want.label) {
            em.at(
                "risk.band_mismatch",
                &reg.table.sheet,
                f.cell,
                format!(
                    "{name} band '{}' does not match score {score}, which is {} ({}-{})",
                    squash(label),
                    want.label,
                    want.min,
                    want.max
                ),
            )
            .found(f.shown())
            .fix(FixValue::Text(want.label.clone()))
            .key(&risk.id, &risk.title)
            .emit();
        }
    }
}

/// What the register calls its assessment with controls: the older form's
/// "Current Assessment" is read as the residual risk but named as written.
fn residual_name(reg: &RiskRegister<'_>) -> &'static str {
    let current = ["residual_impact", "residual_likelihood", "residual_score"]
        .iter()
        .filter_map(|k| reg.table.headers.get(*k))
        .any(|h| h.to_lowercase().contains("current"));
    if current {
        "current"
    } else {
        "residual"
    }
}

fn order(reg: &RiskRegister<'_>, risk: &Risk, residual: &str, em: &mut Emitter<'_>) {
    let describe = |a: &Assessment, v: u32| match a.levels() {
        Some((i, l)) => format!("{i} x {l} = {v}"),
        None => v.to_string(),
    };
    if let (Some(inh), Some(res)) = (risk.inherent.value(), risk.residual.value()) {
        if res > inh {
            if let Some(cell) = risk.residual.anchor() {
                em.at(
                    "risk.residual_above_inherent",
                    &reg.table.sheet,
                    cell,
                    format!(
                        "{residual} risk {} is above the inherent risk {}: controls should not raise a risk",
                        describe(&risk.residual, res),
                        describe(&risk.inherent, inh)
                    ),
                )
                .found(res.to_string())
                .expected(format!("at most {inh}"))
                .related(format!(
                    "{}!{}",
                    reg.table.sheet,
                    risk.inherent.anchor().map(|c| c.to_string()).unwrap_or_default()
                ))
                .key(&risk.id, &risk.title)
                .emit();
            }
        }
    }
    if let (Some(cur), Some(tgt)) = (risk.residual.value(), risk.target.value()) {
        if tgt > cur {
            if let Some(cell) = risk.target.anchor() {
                em.at(
                    "risk.target_above_current",
                    &reg.table.sheet,
                    cell,
                    format!(
                        "target risk {} is above the {residual} risk {}",
                        describe(&risk.target, tgt),
                        describe(&risk.residual, cur)
                    ),
                )
                .found(tgt.to_string())
                .expected(format!("at most {cur}"))
                .related(format!(
                    "{}!{}",
                    reg.table.sheet,
                    risk.residual
                        .anchor()
                        .map(|c| c.to_string())
                        .unwrap_or_default()
                ))
                .key(&risk.id, &risk.title)
                .emit();
            }
        }
    }
}

fn vocab(reg: &RiskRegister<'_>, risk: &Risk, em: &mut Emitter<'_>) {
    type Check = (
        &'static str,
        &'static str,
        fn(&str) -> bool,
        &'static [&'static str],
    );
    let checks: [(Option<&crate::model::Field>, Check); 2] = [
        (
            risk.direction.as_ref(),
            (
                "risk.unknown_direction",
                "direction of travel",
                |s| RiskDirection::parse(s).is_some(),
                RiskDirection::LABELS,
            ),
        ),
        (
            risk.response.as_ref(),
            (
                "risk.unknown_response",
                "response option",
                |s| Response::parse(s).is_some(),
                Response::LABELS,
            ),
        ),
    ];
    for (field, (rule, what, ok, labels)) in checks {
        let Some(f) = field else { continue };
        // A blank or "N/A" says nothing; "Monitor" is a wrong answer, not an absence.
        if matches!(
            f.value,
            Value::Empty | Value::Absent(Absence::NotApplicable | Absence::Dash)
        ) {
            continue;
        }
        let shown = f.shown();
        if ok(&shown) {
            continue;
        }
        let draft = em
            .at(
                rule,
                &reg.table.sheet,
                f.cell,
                format!("'{shown}' is not a {what}: use {}", labels.join(", ")),
            )
            .found(shown.clone())
            .key(&risk.id, &risk.title);
        match closest(&shown, labels) {
            Some(l) => draft.fix(FixValue::Text(l.to_string())).emit(),
            None => draft.expected(labels.join(", ")).emit(),
        }
    }
}

fn duplicates(registers: &[RiskRegister<'_>], em: &mut Emitter<'_>) {
    let mut seen: HashMap<String, String> = HashMap::new();
    for reg in registers {
        for risk in &reg.rows {
            let key: String = risk
                .id
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase();
            if key.is_empty() {
                continue;
            }
            let here = format!("{}!{}", reg.table.sheet, risk.id_cell);
            match seen.get(&key) {
                Some(first) => em
                    .at(
                        "risk.duplicate_id",
                        &reg.table.sheet,
                        risk.id_cell,
                        format!("risk {} appears again (first at {first})", risk.id),
                    )
                    .found(risk.id.clone())
                    .related(first.clone())
                    .key(&risk.id, &risk.title)
                    .emit(),
                None => {
                    seen.insert(key, here);
                }
            }
        }
    }
}
