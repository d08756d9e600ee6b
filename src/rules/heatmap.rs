//! Heat map rules: every count against the risk register it summarises, and
//! every total against the counts it adds up.

use std::collections::BTreeMap;

use crate::model::heatmap::{count_of, HeatMap};
use crate::model::risk::{Risk, RiskRegister};
use crate::workbook::format_number;

use super::{Emitter, FixValue, Fixable, RuleDoc, Severity};

pub const COUNT_MISMATCH: RuleDoc = RuleDoc {
    id: "heatmap.count_mismatch",
    severity: Severity::Error,
    fixable: Fixable::Always,
    summary: "A heat map count differs from the risks the register places in that cell",
    what: "Counts the risks of the workbook's risk register by their residual (current) impact and likelihood, and compares each count with the heat map cell for that impact and likelihood, whichever axis the map puts in its rows; a blank cell counts as none. The register on the heat map's own sheet is used if there is one, else every register in the workbook. A map that matches the register's inherent assessments in every cell is taken for a map of the inherent risk and left alone.\n\nRegisters often list only the risks at or above an escalation score (\"The table below lists all risks rated 12 and above\") while the heat map holds them all. When the register lists fewer risks than the heat map holds, it can speak only for the cells at or above its lowest listed score, so only those cells are compared; the cells below are left alone rather than reported as missing. When a listed risk's residual levels cannot be read, no cell is compared: the other rules report that risk.",
    why: "The heat map is the register at a glance: committee members read the risk profile from it. A count that the register does not bear out misstates how many serious risks the service carries.",
    example: "The heat map shows 4 risks at Major x Possible; the register lists 3 risks with residual impact 4 and likelihood 3.",
    instead: "The count of register risks at that impact and likelihood, or correct the register if the heat map is right.",
};

pub const TOTAL_MISMATCH: RuleDoc = RuleDoc {
    id: "heatmap.total_mismatch",
    severity: Severity::Error,
    fixable: Fixable::Always,
    summary: "A heat map total is not the sum of the counts it totals",
    what: "Where a heat map has a totals column, a totals row or both, checks each row total, column total and the grand total against the sum of the grid's counts (blank cells count as none). This runs whether or not the workbook has a register.",
    why: "The totals are what the commentary quotes (\"There are 20 risks on the service register\"); a total that is not the sum of its cells misreports the size of the register.",
    example: "Row Major: 2, 4 and 2 risks, total 9.",
    instead: "The sum of the cells: 8.",
};

pub const RULES: &[RuleDoc] = &[COUNT_MISMATCH, TOTAL_MISMATCH];

/// Runs the heat map rules.
pub fn check(maps: &[HeatMap<'_>], registers: &[RiskRegister<'_>], em: &mut Emitter<'_>) {
    for map in maps {
        totals(map, em);
        let own: Vec<&RiskRegister<'_>> = registers
            .iter()
            .filter(|r| r.table.sheet == map.table.sheet)
            .collect();
        let regs: Vec<&RiskRegister<'_>> = if own.is_empty() {
            registers.iter().collect()
        } else {
            own
        };
        if !regs.is_empty() {
            against_register(map, &regs, em);
        }
    }
}

fn totals(map: &HeatMap<'_>, em: &mut Emitter<'_>) {
    for t in &map.totals {
        let Some(shown) = count_of(&t.field) else {
            continue;
        };
        if t.field.value.is_empty() {
            continue;
        }
        let Some(sum) =
            t.of.iter()
                .map(|&i| map.cells.get(i).and_then(|c| c.count()))
                .sum::<Option<f64>>()
        else {
            continue;
        };
        if (shown - sum).abs() > 1e-9 {
            let what = if t.what == "all" {
                "the grand total".to_string()
            } else {
                format!("the total for {}", t.what)
            };
            em.at(
                "heatmap.total_mismatch",
                &map.table.sheet,
                t.field.cell,
                format!(
                    "{what} is {} but its cells add up to {}",
                    format_number(shown),
                    format_number(sum)
                ),
            )
            .found(t.field.shown())
            .fix(FixValue::Number(sum))
            .emit();
        }
    }
}

/// A cell the register disagrees with: its index, what the register gives
/// and the ids it places there.
struct Disagreement<'r> {
    cell: usize,
    want: usize,
    ids: Vec<&'r str>,
}

/// How the register places its risks on the map under one assessment.
struct Placement<'r> {
    disagreements: Vec<Disagreement<'r>>,
    /// The register lists only risks scored this much or more.
    partial_from: Option<u32>,
}

/// Compares the map with the register's risks placed by `levels`; `None`
/// when some risk's levels cannot be read (it could sit in any cell).
fn place<'r>(
    map: &HeatMap<'_>,
    regs: &[&'r RiskRegister<'_>],
    levels: impl Fn(&Risk) -> Option<(u8, u8)>,
) -> Option<Placement<'r>> {
    let mut counts: BTreeMap<(u8, u8), Vec<&'r str>> = BTreeMap::new();
    let mut listed = 0usize;
    let mut lowest = u32::MAX;
    for reg in regs {
        for risk in &reg.rows {
            let (i, l) = levels(risk)?;
            counts.entry((i, l)).or_default().push(&risk.id);
            listed += 1;
            lowest = lowest.min(u32::from(i) * u32::from(l));
        }
    }
    if listed == 0 {
        return None;
    }
    let held = map.total()?;
    // A register with fewer risks than the map lists only its top risks:
    // it speaks for the cells at or above its lowest score.
    let partial_from = ((listed as f64) < held).then_some(lowest);
    let mut disagreements = Vec::new();
    for (idx, cell) in map.cells.iter().enumerate() {
        let score = u32::from(cell.impact) * u32::from(cell.likelihood);
        if partial_from.is_some_and(|p| score < p) {
            continue;
        }
        let Some(shown) = cell.count() else { continue };
        let ids = counts
            .get(&(cell.impact, cell.likelihood))
            .cloned()
            .unwrap_or_default();
        if (shown - ids.len() as f64).abs() > 1e-9 {
            disagreements.push(Disagreement {
                cell: idx,
                want: ids.len(),
                ids,
            });
        }
    }
    Some(Placement {
        disagreements,
        partial_from,
    })
}

fn against_register(map: &HeatMap<'_>, regs: &[&RiskRegister<'_>], em: &mut Emitter<'_>) {
    let Some(residual) = place(map, regs, |r| r.residual.levels()) else {
        return;
    };
    if residual.disagreements.is_empty() {
        return;
    }
    // A map of the inherent risk, which it matches to the last cell, is a
    // different map, not a wrong one.
    if place(map, regs, |r| r.inherent.levels()).is_some_and(|p| p.disagreements.is_empty()) {
        return;
    }
    let reg_at = regs
        .first()
        .map(|r| format!("{}!{}", r.table.sheet, r.table.range()))
        .unwrap_or_default();
    for d in residual.disagreements {
        let Some(cell) = map.cells.get(d.cell) else {
            continue;
        };
        let listing = if d.ids.is_empty() {
            "none".to_string()
        } else {
            format!("{} ({})", d.want, d.ids.join(", "))
        };
        em.at(
            "heatmap.count_mismatch",
            &map.table.sheet,
            cell.field.cell,
            format!(
                "the heat map counts {} at impact {} x likelihood {}, the register lists {listing}{}",
                format_number(cell.count().unwrap_or(0.0)),
                cell.impact,
                cell.likelihood,
                match residual.partial_from {
                    Some(p) => format!(" (it lists risks scored {p} and above)"),
                    None => String::new(),
                }
            ),
        )
        .found(if cell.field.value.is_empty() {
            "(blank)".to_string()
        } else {
            cell.field.shown()
        })
        .fix(FixValue::Number(d.want as f64))
        .related(reg_at.clone())
        .emit();
    }
}
