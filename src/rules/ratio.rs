//! `ratio`: a result against its numerator and denominator.

use super::{Emitter, FixValue, Fixable, RuleDoc, Severity};
use crate::model::indicator::{Figure, Indicator, IndicatorTable};
use crate::schema::Unit;
use crate::values::{format_like, round_to};
use crate::workbook::format_number;

pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "ratio.result_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The result does not equal its numerator over its denominator at the precision shown.",
        what: "Divides the numerator by the denominator (x100 for a percentage, x10,000 for a rate per 10,000) and \
compares it with the result, allowing for the rounding of the decimals the result shows: 157/357 = 43.98% \
may be shown as 44%, 44.0% or 43.98%, but not as 44.2%. A percentage stored as a fraction (0.44 under a % \
format) is recognised from the row's numerator and denominator or the column's other values.",
        why: "The result is the figure members read; the numerator and denominator are how it was worked out. \
When they disagree one of them was typed wrongly, and the published figure cannot be trusted.",
        example: "FS/S6, numerator / denominator `157/357`, result `44.2%` (157/357 = 43.98%).",
        instead: "Result `44.0%`, or correct the numerator or denominator if they are the figures in error.",
    },
    RuleDoc {
        id: "ratio.numerator_exceeds_denominator",
        severity: Severity::Error,
        fixable: Fixable::Never,
        summary: "A percentage's numerator is larger than its denominator.",
        what: "On a percentage indicator, the numerator counts a part of the denominator, so it cannot exceed it.",
        why: "A percentage above 100% of a population is impossible; the two figures are swapped or one is mistyped.",
        example: "FS/C25, `196/189` on \"% Child Protection visits within timeframes\".",
        instead: "`189/196`: the part over the whole.",
    },
    RuleDoc {
        id: "ratio.zero_denominator",
        severity: Severity::Error,
        fixable: Fixable::Never,
        summary: "The denominator is zero.",
        what: "Reports a numerator / denominator whose denominator is 0.",
        why: "Nothing can be divided by zero: the result shown has no basis.",
        example: "`0/0` with a result of `0%`.",
        instead: "\"N/A\" in numerator / denominator and result, with a comment, when there was nothing to measure.",
    },
];

/// The value a fix writes into the result cell, in the cell's own encoding.
pub(crate) fn fix_value(fig: &Figure, exact: f64, decimals: u8) -> FixValue {
    if fig.num.from_text {
        FixValue::Text(format_like(exact, &fig.num, decimals))
    } else if fig.fraction {
        FixValue::Number(round_to(exact / 100.0, decimals + 2))
    } else {
        FixValue::Number(round_to(exact, decimals))
    }
}

/// The expected value as the user will see it in the cell.
pub(crate) fn shown_like(fig: &Figure, exact: f64, decimals: u8) -> String {
    if fig.fraction {
        format!("{:.*}%", decimals as usize, round_to(exact, decimals))
    } else {
        format_like(exact, &fig.num, decimals)
    }
}

/// How a figure shows at `decimals` in its own encoding, for messages.
pub(crate) fn shown(ind: &Indicator, v: f64, decimals: u8) -> String {
    let s = format!("{:.*}", decimals as usize, round_to(v, decimals));
    if ind.is_percentage() {
        format!("{s}%")
    } else {
        s
    }
}

pub fn check(t: &IndicatorTable<'_>, em: &mut Emitter<'_>) {
    let tol = t.table.schema.params.tolerance;
    for ind in &t.rows {
        let Some((n, d, rcell)) = ind.ratio else {
            continue;
        };
        let ratio_text = format!("{}/{}", format_number(n), format_number(d));
        if d == 0.0 {
            em.at(
                "ratio.zero_denominator",
                &t.sheet.name,
                rcell,
                format!("denominator of {ratio_text} is zero"),
            )
            .found(ratio_text)
            .key(&ind.reference, &ind.title)
            .emit();
            continue;
        }
        if ind.is_percentage() && n > d {
            em.at(
                "ratio.numerator_exceeds_denominator",
                &t.sheet.name,
                rcell,
                format!(
                    "numerator {} is larger than denominator {} on a percentage",
                    format_number(n),
                    format_number(d)
                ),
            )
            .found(ratio_text)
            .key(&ind.reference, &ind.title)
            .emit();
            continue;
        }
        if matches!(
            ind.unit,
            Some(Unit::Count | Unit::Days | Unit::Weeks | Unit::Money)
        ) {
            continue;
        }
        let Some(fig) = ind.figure("result") else {
            continue;
        };
        let Some(exact) = ind.ratio_value() else {
            continue;
        };
        if (fig.value - exact).abs() <= fig.half_ulp() + tol + 1e-9 {
            continue;
        }
        let decimals = if ind.is_percentage() {
            fig.decimals().max(1)
        } else {
            fig.decimals()
        };
        let basis = match ind.unit {
            Some(Unit::Rate) => " x 10,000",
            _ => " x 100",
        };
        em.at(
            "ratio.result_mismatch",
            &t.sheet.name,
            fig.cell,
            format!(
                "result {} does not match {ratio_text}{basis} = {}",
                ind.shown("result"),
                shown(ind, exact, decimals.max(2)),
            ),
        )
        .found(ind.shown("result"))
        .fix(fix_value(&fig, exact, decimals))
        .expected(shown_like(&fig, exact, decimals))
        .key(&ind.reference, &ind.title)
        .related(format!("numerator / denominator at {rcell}"))
        .emit();
    }
}
