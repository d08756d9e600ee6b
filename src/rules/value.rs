//! `value`: required values missing, or figures that cannot be read.

use super::{Emitter, Fixable, RuleDoc, Severity};
use crate::model::indicator::{IndicatorTable, FIGURES};
use crate::schema::ValueType;
use crate::values::Value;

pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "value.missing",
        severity: Severity::Error,
        fixable: Fixable::Never,
        summary: "A value the schema requires on every row is empty.",
        what: "Reports an empty cell in a column the schema marks `value-required` (an indicator's title, \
polarity and result). A deliberate absence written as \"N/A\", \"Monitor\", \"TBC\" or \"Not currently \
available\" is not missing.",
        why: "An empty cell cannot be told apart from a figure someone forgot to enter.",
        example: "FS/S12 with an empty result cell.",
        instead: "The figure, or \"Not currently available\" when it is not yet known.",
    },
    RuleDoc {
        id: "value.unparseable",
        severity: Severity::Error,
        fixable: Fixable::Never,
        summary: "A cell where a figure belongs holds something that is not one.",
        what: "Reports text that is not a figure in any of the council's encodings (\"1,051\", \"(465)\", \
\"44.0%\", \"157/357\"), an Excel error value such as #DIV/0! or #REF!, or a date where a figure or ratio \
belongs (Excel turns \"3/4\" into the 3rd of April). A figure with a note (\"12.5% (Q3 Target 11.5%)\") \
and a target written in words (\"Perform in line with statistical neighbours\") are notes, not errors.",
        why: "A figure that cannot be read cannot be checked, totalled or compared with last quarter.",
        example: "Result `#DIV/0!`, or numerator / denominator shown as `03-Apr`.",
        instead: "The figure, or \"N/A\" with a comment.",
    },
];

pub fn check(t: &IndicatorTable<'_>, em: &mut Emitter<'_>) {
    let schema = &t.table.schema;
    for ind in &t.rows {
        // A row given over to one note ("Not due to be reported this
        // quarter") is absent as a whole.
        let row_absent = ind
            .fields
            .values()
            .any(|f| matches!(f.value, Value::Absent(_)))
            && !FIGURES
                .iter()
                .any(|k| matches!(ind.value(k), Some(Value::Number(_) | Value::Ratio { .. })));
        for col in &schema.columns {
            let Some(f) = ind.field(&col.key) else {
                continue;
            };
            if col.value_required && f.value.is_empty() && !row_absent {
                em.at(
                    "value.missing",
                    &t.sheet.name,
                    f.cell,
                    format!("no {} given", col.key.replace('_', " ")),
                )
                .found("")
                .key(&ind.reference, &ind.title)
                .emit();
                continue;
            }
            if !matches!(col.ty, ValueType::Number | ValueType::Ratio) {
                continue;
            }
            let problem = match &f.value {
                Value::Error(e) => Some(format!("Excel error {e} where a figure belongs")),
                Value::Date(_) => Some("a date where a figure belongs (Excel may have turned a ratio such as 3/4 into a date)".to_string()),
                Value::Text(s) if !is_note(s, &col.key, col.ty) => {
                    Some(format!("\"{s}\" is not a figure"))
                }
                _ => None,
            };
            if let Some(p) = problem {
                em.at("value.unparseable", &t.sheet.name, f.cell, p)
                    .found(f.shown())
                    .key(&ind.reference, &ind.title)
                    .emit();
            }
        }
    }
}

/// Text that says what it means rather than a mistyped figure: a figure
/// with a note ("12.5% (Q3 Target 11.5%)", "55% Above our statistical
/// neighbours") anywhere, and prose where a target ("Perform in line with
/// statistical neighbours") or a numerator / denominator belongs, as the
/// council's plans write them. Prose where a result belongs is an error.
fn is_note(s: &str, key: &str, ty: ValueType) -> bool {
    let prose = s.split_whitespace().count() >= 4
        && (ty == ValueType::Ratio || matches!(key, "target" | "annual_target"));
    let annotated = crate::values::leading_number(s).is_some()
        || s.split_once(char::is_whitespace)
            .is_some_and(|(head, rest)| {
                !rest.trim().is_empty() && crate::values::parse_number_text(head).is_some()
            });
    prose || annotated
}
