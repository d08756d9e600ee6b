//! `finance`: revenue and capital tables in £000.
//!
//! Every figure is rounded to £000 from an unrounded ledger, so a sum or a
//! difference of rounded figures may miss the rounded result by a little:
//! up to the schema's `rounding-per-term` (default 1) for each figure it
//! combines. Gaps that small are rounding and raise nothing; larger ones are
//! errors. A percentage is checked by interval: the value shown must round
//! from some exact value the rounded inputs allow (each within half its last
//! digit), so "-7.9%" on (169) of 2,124 (-7.96% as shown, -7.93% at the edge
//! of rounding) is accepted.

use super::{Emitter, FixValue, Fixable, RuleDoc, Severity};
use crate::model::finance::{Amount, FinanceKind, FinanceRow, FinanceTable, Percent};
use crate::values::{format_like, round_to};
use crate::workbook::CellRef;

pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "finance.variation_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The variation is not the outturn (or forecast) minus the revised budget.",
        what: "Works out outturn - revised budget (the original budget where there is no revised one) and \
compares it with the Variation column. Each £000 figure is rounded from the ledger, so a gap of up to \
`rounding-per-term` (default 1) per figure combined, 2 in all, is rounding and raises nothing.",
        why: "The variation is the overspend or underspend members read first; a wrong one hides a pressure \
or invents one.",
        example: "Placements: revised budget 17,727, outturn 17,356, variation `(731)` (17,356 - 17,727 = -371).",
        instead: "`(371)`, written the way the column writes negatives.",
    },
    RuleDoc {
        id: "finance.variation_pct_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The % variation is not the variation as a percentage of the revised budget.",
        what: "Works out variation / revised budget x 100 from the figures shown, each taken as anywhere within \
its rounding (a £000 figure within £500, the variation also as outturn - budget), and accepts the percentage \
when it rounds, at the decimals it shows, from a value in that range. A percentage stored as a fraction \
under a % format is read as such.",
        why: "The percentage ranks services by how far they are off budget; a wrong one misdirects attention.",
        example: "Intake and Assessment: variation 687 on a revised budget of 3,062, `% Variation` `2.4%` \
(687 / 3,062 = 22.4%).",
        instead: "`22.4%`.",
    },
    RuleDoc {
        id: "finance.capital_forecast_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The capital budget or proposed outturn is not approved budget + additions + slippage.",
        what: "Adds the approved budget, the additions or deletions and the slippage or accelerated spend, and \
compares the sum with the budget column that includes them (\"2014/15 Budget (including Quarter 1)\") or, \
where there is none, the proposed outturn or forecast. A \"-\" counts as nil; a gap of up to \
`rounding-per-term` per figure added is rounding.",
        why: "The revised capital budget is what the programme is held to; a sum that does not add up means one \
of its parts was changed without the others.",
        example: "Family Services: approved 5,523, additions `-`, slippage (3,874), proposed outturn `1,694` \
(5,523 - 3,874 = 1,649).",
        instead: "`1,649`.",
    },
    RuleDoc {
        id: "finance.capital_variance_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The variance from approved budget is not the forecast minus the approved budget.",
        what: "Works out forecast (or proposed outturn, else the revised budget) - approved budget and compares \
it with the Variance column, allowing `rounding-per-term` per figure for £000 rounding.",
        why: "The variance is the capital figure carried to the delivery unit dashboard; a wrong one misstates \
the programme's slippage.",
        example: "Children's Families Service: approved 3,542, forecast 2,177, variance `(1,356)` (2,177 - 3,542 \
= -1,365).",
        instead: "`(1,365)`.",
    },
    RuleDoc {
        id: "finance.slippage_pct_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The % slippage is not the slippage as a percentage of the approved budget.",
        what: "Works out slippage / approved budget x 100 (or variance / approved budget, which the council \
also uses), each figure anywhere within its rounding, and accepts the percentage when it rounds from a value \
in that range at the decimals shown.",
        why: "% slippage is how capital delivery is compared across services and years.",
        example: "Children's Families Service: slippage (1,365) of an approved 3,542, `% slippage` `-3.9%` \
(-38.5%).",
        instead: "`-38.5%`.",
    },
    RuleDoc {
        id: "finance.total_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "A Total row is not the sum of the rows above it.",
        what: "For each £000 column, adds the rows above a row labelled \"Total\" (back to the previous total) \
and compares the sum with the total. The rows and the total are each rounded from the ledger, so the total \
may miss the sum of the rounded rows by up to `rounding-per-term` (default 1) per row: 48,228 against rows \
adding to 48,227 is rounding; a gap of more than one per row is an error. A \"Sub-total\" adds the lines since \
the previous sub-total; a Total after sub-totals adds the lines, not the sub-totals.",
        why: "The total is the figure reported upwards; if it does not add up, a row was changed or left out \
after the total was taken.",
        example: "Total outturn `55,829` with rows adding to 55,288.",
        instead: "`55,288`, or correct the row that is wrong.",
    },
];

/// Whether two figures agree within `tol`.
fn within(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol + 1e-9
}

/// The value a fix writes into a £000 cell, in the cell's own encoding.
fn money_fix(a: &Amount, v: f64) -> FixValue {
    if a.num.from_text {
        FixValue::Text(format_like(v, &a.num, a.num.decimals))
    } else {
        FixValue::Number(round_to(v, a.num.decimals))
    }
}

/// The value a fix writes into a percentage cell, in its own encoding.
fn pct_fix(p: &Percent, exact: f64) -> FixValue {
    let decimals = p.decimals().max(1);
    if p.num.from_text {
        FixValue::Text(format_like(exact, &p.num, decimals))
    } else if p.fraction {
        FixValue::Number(round_to(exact / 100.0, decimals + 2))
    } else {
        FixValue::Number(round_to(exact, decimals))
    }
}

/// The range of a / b x 100 over a in [a0, a1] and b in [b0, b1]; `None`
/// when b may be zero.
fn pct_range((a0, a1): (f64, f64), (b0, b1): (f64, f64)) -> Option<(f64, f64)> {
    if b0 <= 0.0 && b1 >= 0.0 {
        return None;
    }
    let c = [a0 / b0, a0 / b1, a1 / b0, a1 / b1].map(|x| x * 100.0);
    let lo = c.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = c.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((lo, hi))
}

/// An amount as the range its ledger figure may lie in.
fn range(a: &Amount) -> (f64, f64) {
    (a.value - a.half_ulp(), a.value + a.half_ulp())
}

/// Whether a percentage, read either way it may be, rounds from a value in
/// one of the ranges.
fn pct_ok(p: &Percent, ranges: &[(f64, f64)], tol: f64) -> bool {
    p.readings().iter().any(|&(v, h)| {
        ranges
            .iter()
            .any(|&(lo, hi)| v + h + tol + 1e-9 >= lo && v - h - tol - 1e-9 <= hi)
    })
}

/// A difference of two amounts and its rounding range.
fn diff(a: &Amount, b: &Amount) -> (f64, (f64, f64)) {
    let d = a.value - b.value;
    let h = a.half_ulp() + b.half_ulp();
    (d, (d - h, d + h))
}

pub fn check(t: &FinanceTable<'_>, em: &mut Emitter<'_>) {
    for row in &t.rows {
        match t.kind {
            FinanceKind::Revenue => revenue_row(t, row, em),
            FinanceKind::Capital => capital_row(t, row, em),
        }
    }
    totals(t, em);
}

fn revenue_row(t: &FinanceTable<'_>, row: &FinanceRow, em: &mut Emitter<'_>) {
    let params = &t.table.schema.params;
    let per_term = params.rounding_per_term;
    let (budget_key, budget_words) = if t.table.has("revised") {
        ("revised", "revised budget")
    } else {
        ("original", "original budget")
    };
    let budget = row.amount(budget_key);
    let outturn = row.amount("outturn");
    let variation = row.amount("variation");
    let sheet = &t.sheet.name;

    if let (Some(b), Some(o), Some(v)) = (&budget, &outturn, &variation) {
        let want = o.value - b.value;
        if !within(v.value, want, 2.0 * per_term) {
            let shown = |k: &str| row.field(k).map(|f| f.shown()).unwrap_or_default();
            em.at(
                "finance.variation_mismatch",
                sheet,
                v.cell,
                format!(
                    "variation {} is not outturn {} - {budget_words} {} = {}",
                    shown("variation"),
                    shown("outturn"),
                    shown(budget_key),
                    money_fix(v, want)
                ),
            )
            .found(shown("variation"))
            .fix(money_fix(v, want))
            .key("", &row.label)
            .related(format!(
                "{budget_words} at {}, outturn at {}",
                b.cell, o.cell
            ))
            .emit();
        }
    }

    let Some(p) = t.percent(row, "pct_variation") else {
        return;
    };
    let Some(b) = &budget else { return };
    let mut ranges = Vec::new();
    let mut exact = None;
    if let Some(v) = &variation {
        ranges.extend(pct_range(range(v), range(b)));
        exact = (b.value != 0.0).then(|| v.value / b.value * 100.0);
    }
    if let Some(o) = &outturn {
        let (d, dr) = diff(o, b);
        ranges.extend(pct_range(dr, range(b)));
        exact = (b.value != 0.0).then(|| d / b.value * 100.0);
    }
    let Some(exact) = exact else { return };
    if ranges.is_empty() || pct_ok(&p, &ranges, params.tolerance) {
        return;
    }
    let shown = row
        .field("pct_variation")
        .map(|f| f.shown())
        .unwrap_or_default();
    em.at(
        "finance.variation_pct_mismatch",
        sheet,
        p.cell,
        format!(
            "% variation {shown} is not the variation as a percentage of the {budget_words} {}: {:.2}%",
            row.field(budget_key).map(|f| f.shown()).unwrap_or_default(),
            exact
        ),
    )
    .found(shown)
    .fix(pct_fix(&p, exact))
    .key("", &row.label)
    .related(format!("{budget_words} at {}", b.cell))
    .emit();
}

fn capital_row(t: &FinanceTable<'_>, row: &FinanceRow, em: &mut Emitter<'_>) {
    let params = &t.table.schema.params;
    let per_term = params.rounding_per_term;
    let sheet = &t.sheet.name;
    let shown = |k: &str| row.field(k).map(|f| f.shown()).unwrap_or_default();
    let Some(approved) = row.amount("approved") else {
        return;
    };
    let additions = row.amount("additions");
    let slippage = row.amount("slippage");

    // The column that should hold approved + additions + slippage.
    let sum_key = if t.table.has("budget") {
        "budget"
    } else {
        "forecast"
    };
    if let Some(target) = row.amount(sum_key) {
        if additions.is_some() || slippage.is_some() {
            let parts = [Some(&approved), additions.as_ref(), slippage.as_ref()];
            let terms = parts.iter().flatten().count() as f64;
            let want: f64 = parts.iter().flatten().map(|a| a.value).sum();
            if !within(target.value, want, terms * per_term) {
                let words = if sum_key == "budget" {
                    "budget"
                } else {
                    "proposed outturn"
                };
                em.at(
                    "finance.capital_forecast_mismatch",
                    sheet,
                    target.cell,
                    format!(
                        "{words} {} is not approved {} + additions {} + slippage {} = {}",
                        shown(sum_key),
                        shown("approved"),
                        display_or_nil(&shown("additions")),
                        display_or_nil(&shown("slippage")),
                        money_fix(&target, want)
                    ),
                )
                .found(shown(sum_key))
                .fix(money_fix(&target, want))
                .key("", &row.label)
                .related(format!("approved budget at {}", approved.cell))
                .emit();
            }
        }
    }

    // The variance from the approved budget is the forecast's; where the
    // forecast is itself off, the budget's or the changes' own sum is taken
    // too, so one typo is reported once.
    let variance = row.amount("variance");
    let forecast = row.amount("forecast").or_else(|| row.amount("budget"));
    if let (Some(f), Some(v)) = (&forecast, &variance) {
        let want = f.value - approved.value;
        let mut bases = vec![want];
        bases.extend(row.amount("budget").map(|b| b.value - approved.value));
        if additions.is_some() || slippage.is_some() {
            bases.push(
                [&additions, &slippage]
                    .iter()
                    .filter_map(|a| a.as_ref())
                    .map(|a| a.value)
                    .sum(),
            );
        }
        if !bases.iter().any(|&b| within(v.value, b, 2.0 * per_term)) {
            let f_key = if row.amount("forecast").is_some() {
                "forecast"
            } else {
                "budget"
            };
            em.at(
                "finance.capital_variance_mismatch",
                sheet,
                v.cell,
                format!(
                    "variance {} is not forecast {} - approved {} = {}",
                    shown("variance"),
                    shown(f_key),
                    shown("approved"),
                    money_fix(v, want)
                ),
            )
            .found(shown("variance"))
            .fix(money_fix(v, want))
            .key("", &row.label)
            .related(format!("approved budget at {}", approved.cell))
            .emit();
        }
    }

    let Some(p) = t.percent(row, "pct_slippage") else {
        return;
    };
    let basis = slippage.as_ref().or(variance.as_ref());
    let Some(basis) = basis else { return };
    if approved.value == 0.0 {
        return;
    }
    let ranges: Vec<(f64, f64)> = [slippage.as_ref(), variance.as_ref()]
        .iter()
        .flatten()
        .filter_map(|a| pct_range(range(a), range(&approved)))
        .collect();
    if pct_ok(&p, &ranges, params.tolerance) {
        return;
    }
    let exact = basis.value / approved.value * 100.0;
    em.at(
        "finance.slippage_pct_mismatch",
        sheet,
        p.cell,
        format!(
            "% slippage {} is not slippage {} as a percentage of approved budget {}: {:.2}%",
            shown("pct_slippage"),
            row.field(if slippage.is_some() {
                "slippage"
            } else {
                "variance"
            })
            .map(|x| x.shown())
            .unwrap_or_default(),
            shown("approved"),
            exact
        ),
    )
    .found(shown("pct_slippage"))
    .fix(pct_fix(&p, exact))
    .key("", &row.label)
    .related(format!("approved budget at {}", approved.cell))
    .emit();
}

fn display_or_nil(s: &str) -> String {
    if s.is_empty() {
        "nil".into()
    } else {
        s.to_string()
    }
}

/// Each Total row against the sum of the lines since the previous total,
/// and each sub-total against the lines since the previous sub-total.
fn totals(t: &FinanceTable<'_>, em: &mut Emitter<'_>) {
    let per_term = t.table.schema.params.rounding_per_term;
    let (mut since_total, mut since_sub) = (0, 0);
    for (i, total) in t.rows.iter().enumerate() {
        if !total.total {
            continue;
        }
        let from = if total.subtotal {
            since_sub
        } else {
            since_total
        };
        let parts = t.rows.get(from..i).unwrap_or_default();
        since_sub = i + 1;
        if !total.subtotal {
            since_total = i + 1;
        }
        for key in t.kind.money_columns() {
            let Some(have) = total.amount(key) else {
                continue;
            };
            let amounts: Vec<Amount> = parts
                .iter()
                .filter(|r| !r.total)
                .filter_map(|r| r.amount(key))
                .collect();
            if amounts.is_empty() {
                continue;
            }
            let n = amounts.len() as f64;
            let sum: f64 = amounts.iter().map(|a| a.value).sum();
            if within(have.value, sum, n * per_term) {
                continue;
            }
            let first = amounts.first().map(|a| a.cell).unwrap_or(have.cell);
            let last = amounts.last().map(|a| a.cell).unwrap_or(have.cell);
            let shown = total.field(key).map(|f| f.shown()).unwrap_or_default();
            em.at(
                "finance.total_mismatch",
                &t.sheet.name,
                have.cell,
                format!(
                    "total {shown} is not the sum of the {} rows above, {}",
                    amounts.len(),
                    money_fix(&have, sum)
                ),
            )
            .found(shown)
            .fix(money_fix(&have, sum))
            .key("", &total.label)
            .related(format!("rows {}", span(first, last)))
            .emit();
        }
    }
}

fn span(a: CellRef, b: CellRef) -> String {
    format!("{a}:{b}")
}
