//! `polarity`: which way is good for an indicator.

use super::{Emitter, Fixable, RuleDoc, Severity};
use crate::labels::{closest, Polarity};
use crate::model::indicator::{IndicatorTable, PolaritySource};

pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "polarity.unknown_label",
        severity: Severity::Error,
        fixable: Fixable::Never,
        summary: "The polarity is not one of \"Bigger is Better\", \"Smaller is Better\" or \"Monitor\".",
        what: "Reads the Polarity column and reports a label that is none of the council's three, suggesting the \
one it is closest to when it looks like a typo.",
        why: "Direction of travel and RAG both depend on polarity; with an unknown polarity neither can be \
checked, and a reader cannot tell whether a rise is good news.",
        example: "Polarity `Biger is Better`.",
        instead: "`Bigger is Better`.",
    },
    RuleDoc {
        id: "polarity.description_mismatch",
        severity: Severity::Warning,
        fixable: Fixable::Never,
        summary: "The polarity contradicts the verb that opens the indicator's description.",
        what: "In the older form the description starts with its aim: \"Increase ...\" (bigger is better), \
\"Reduce ...\" (smaller is better), \"Monitor ...\". Where a Polarity column is present as well, the two must agree.",
        why: "One of the two is wrong, and every direction of travel and RAG on the row follows the polarity.",
        example: "\"Reduce the number of first time entrants ...\" with polarity `Bigger is Better`.",
        instead: "`Smaller is Better`, or reword the description if the aim has changed.",
    },
    RuleDoc {
        id: "polarity.catalogue_mismatch",
        severity: Severity::Warning,
        fixable: Fixable::Never,
        summary: "The polarity differs from the indicator catalogue for the return's year.",
        what: "Looks the ref up in the indicator catalogue (schemas/catalogue) for the reporting year of the \
return and compares polarities.",
        why: "A polarity that changed without the catalogue changing usually means a copy-and-paste slip, and \
it silently turns Improving into Worsening.",
        example: "FS/S2 with polarity `Bigger is Better` where the 2016/17 catalogue says `Smaller is Better`.",
        instead: "The catalogue's polarity, or update the catalogue if the framework really changed.",
    },
    RuleDoc {
        id: "polarity.undetermined",
        severity: Severity::Info,
        fixable: Fixable::Never,
        summary: "No polarity could be found, so direction of travel and RAG were not checked.",
        what: "The table has no Polarity column, the description does not open with a verb such as \
\"Increase\" or \"Reduce\", and the catalogue does not know the ref.",
        why: "Without a polarity, kpicheck cannot tell whether a change is an improvement.",
        example: "3212 \"Troubled Families payments by results criteria met\" in the older form.",
        instead: "Start the description with its aim (\"Increase the number of ...\") or add the ref to the catalogue.",
    },
];

pub fn check(t: &IndicatorTable<'_>, em: &mut Emitter<'_>) {
    let sheet = &t.sheet.name;
    for ind in &t.rows {
        if let Some(f) = ind.field("polarity") {
            if let Some(text) = f.raw.as_text().filter(|s| !s.is_empty()) {
                if Polarity::parse(text).is_none() {
                    let hint = closest(text, Polarity::LABELS)
                        .map(|s| format!("; did you mean \"{s}\"?"))
                        .unwrap_or_default();
                    em.at(
                        "polarity.unknown_label",
                        sheet,
                        f.cell,
                        format!("unknown polarity \"{}\"{hint}", f.shown()),
                    )
                    .found(f.shown())
                    .key(&ind.reference, &ind.title)
                    .emit();
                    continue;
                }
            }
        }
        let (Some(p), Some(src)) = (ind.polarity, ind.polarity_source) else {
            if !t.table.has("polarity") && !ind.title.is_empty() && has_figures(ind) {
                em.at(
                    "polarity.undetermined",
                    sheet,
                    ind.ref_cell,
                    "no polarity: the description does not open with Increase, Reduce, Monitor or Maintain, and the catalogue does not know this ref",
                )
                .found(ind.title.clone())
                .key(&ind.reference, &ind.title)
                .emit();
            }
            continue;
        };
        let cell = ind
            .field("polarity")
            .map(|f| f.cell)
            .unwrap_or(ind.ref_cell);
        if src == PolaritySource::Column {
            if let Some(verb) = ind.polarity_from_description {
                if verb != p && verb != Polarity::Maintain {
                    em.at(
                        "polarity.description_mismatch",
                        sheet,
                        cell,
                        format!("polarity \"{p}\" but the description opens with a verb meaning \"{verb}\""),
                    )
                    .found(p.label())
                    .expected(verb.label())
                    .key(&ind.reference, &ind.title)
                    .emit();
                }
            }
        }
        if let Some(cat) = ind
            .catalogue
            .as_ref()
            .and_then(|e| e.polarity.map(|cp| (cp, e)))
        {
            let (cp, entry) = cat;
            if cp != p && src != PolaritySource::Catalogue {
                em.at(
                    "polarity.catalogue_mismatch",
                    sheet,
                    cell,
                    format!(
                        "polarity \"{p}\" but the catalogue ({}, {}) says \"{cp}\"",
                        entry.source, entry.years
                    ),
                )
                .found(p.label())
                .expected(cp.label())
                .key(&ind.reference, &ind.title)
                .emit();
            }
        }
    }
}

fn has_figures(ind: &crate::model::indicator::Indicator) -> bool {
    ind.figure("result").is_some()
        && (ind.figure("target").is_some() || ind.figure("previous_result").is_some())
}
