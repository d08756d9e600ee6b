//! `xref`: one indicator described differently in two places.

use std::collections::HashMap;

use super::{Emitter, Fixable, RuleDoc, Severity};
use crate::model::indicator::IndicatorTable;
use crate::schema::catalogue_ref_key;

pub const RULES: &[RuleDoc] = &[RuleDoc {
    id: "xref.conflicting_titles",
    severity: Severity::Warning,
    fixable: Fixable::Never,
    summary: "One ref with two different titles in the same workbook.",
    what: "Collects every indicator's ref and title across the workbook's indicator tables and reports a ref \
whose titles differ (ignoring case, spacing and a final full stop).",
    why: "A ref names one indicator. Two titles mean either a ref typed against the wrong indicator or a \
definition that changed, and figures under one ref would then not be comparable.",
    example: "3007 titled \"Monitor the number of referrals to social care\" in 2.1 and \"Increase the number \
of early years places\" in 2.2.",
    instead: "The ref of the indicator meant, or one title for both.",
}];

fn norm(t: &str) -> String {
    crate::values::squash(t)
        .to_lowercase()
        .trim_end_matches(['.', ' '])
        .to_string()
}

pub fn check(tables: &[IndicatorTable<'_>], em: &mut Emitter<'_>) {
    let mut first: HashMap<String, (String, String, crate::workbook::CellRef, String)> =
        HashMap::new();
    for t in tables {
        for ind in &t.rows {
            if ind.title.is_empty() || ind.reference.is_empty() {
                continue;
            }
            let Some(title_cell) = ind.field("title").map(|f| f.cell) else {
                continue;
            };
            let key = catalogue_ref_key(&ind.reference);
            match first.get(&key) {
                None => {
                    first.insert(
                        key,
                        (
                            ind.title.clone(),
                            t.sheet.name.clone(),
                            title_cell,
                            ind.reference.clone(),
                        ),
                    );
                }
                Some((title, sheet, cell, _)) if norm(title) != norm(&ind.title) => {
                    em.at(
                        "xref.conflicting_titles",
                        &t.sheet.name,
                        title_cell,
                        format!(
                            "{} is titled \"{}\" here but \"{title}\" at {sheet}!{cell}",
                            ind.reference, ind.title
                        ),
                    )
                    .found(ind.title.clone())
                    .key(&ind.reference, &ind.title)
                    .related(format!("{sheet}!{cell}"))
                    .emit();
                }
                Some(_) => {}
            }
        }
    }
}
