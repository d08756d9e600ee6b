//! `summary`: dashboards and overviews — counts, percentages and totals
//! against each other and against the tables they summarise.

use std::collections::HashMap;

use super::{Emitter, FixValue, Fixable, RuleDoc, Severity};
use crate::labels::{Dot, Rag};
use crate::model::heatmap::HeatMap;
use crate::model::indicator::IndicatorTable;
use crate::model::risk::{RiskDirection, RiskRegister};
use crate::model::summary::{
    SummaryCell, SummaryRow, SummaryTable, BAND_KEYS, DOT_KEYS, RAG_KEYS, RISK_DIR_KEYS,
};
use crate::values::{format_like, round_to, Num};
use crate::workbook::format_number;

pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "summary.percent_count_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Sometimes,
        summary: "A dashboard percentage does not match its count over the total it is a share of.",
        what: "Reads cells written as \"64% (14)\" and finds the total each row's percentages are shares of: \
a run of such cells whose percentages add up to 100% (the RAG columns, the direction-of-travel columns, \
the risk bands) gives its total as the sum of its counts, and a total column in the row (No. RAG rated, \
No. indicators reported) is a total too. A cell whose count over none of these totals rounds to the \
percentage shown is reported. Where the row's other cells agree on one total, the finding says which \
count (or percentage) would make the cell right, and a fix writes it when only one reading keeps the \
run adding up.",
        why: "A dashboard is what members read first; a count that does not match its percentage means one \
of them misstates the position, and the counts are often typed separately from the percentages.",
        example: "Risks by band: `0% (0)`, `15% (3)`, `75% (3)`, `10% (2)`, with 20 risks by direction of travel: \
75% of 20 is 15, not 3.",
        instead: "`75% (15)`: the heat map holds 15 risks scored 8 to 12.",
    },
    RuleDoc {
        id: "summary.sum_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Sometimes,
        summary: "A dashboard total does not equal the sum of its parts.",
        what: "Checks the sums a dashboard or overview implies: Green + Green Amber + Red Amber + Red = \
No. RAG rated; RAG rated + Monitor = No. indicators reported; Improving / Same + Worsening = No. with a \
direction of travel; risk bands and risk directions against a risk total; and a Total row against the \
sum of the rows above it, column by column. Counts are exact, so any difference is reported, at the \
total cell; a fix writes the sum where the total is a plain count.",
        why: "Totals that do not add up make every percentage derived from them wrong, and tell the reader \
that at least one count was typed by hand without checking.",
        example: "Overview 3.1, SPI: Improving / Same 3, Worsening 2, No. Direction of Travel `4`.",
        instead: "`5`, or correct the count that is wrong.",
    },
    RuleDoc {
        id: "summary.indicator_count_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Sometimes,
        summary: "A dashboard's count of indicators by RAG or direction of travel differs from the indicator tables.",
        what: "Counts the RAG ratings and directions of travel in the workbook's indicator tables and \
compares them with the dashboard's Total row (or its only row, or its \"Indicators\" row). The comparison \
is made only when both count the same number of indicators: a dashboard that covers indicators the \
workbook does not list (management agreement indicators reported elsewhere, say) cannot be checked \
this way, and is not reported. Directions of travel are compared with the long-term column when the \
heading says long-term, the short-term column when it says short-term, and otherwise with whichever \
column counts the same number of indicators.",
        why: "A dashboard that counts 3 where the table holds 4 tells members something the detail does not \
support, and is the first figure anyone quotes.",
        example: "The table holds 5 Green and 2 Red of 7 rated indicators; the dashboard says Green `4`, Red `3`.",
        instead: "Green `5`, Red `2`, counted from the table.",
    },
    RuleDoc {
        id: "summary.risk_count_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Sometimes,
        summary: "A dashboard's count of risks by band differs from the heat map or register of the workbook.",
        what: "Scores each cell of the workbook's heat map as impact x likelihood, counts the risks in each band \
under the schema's risk bands (1-3 Low, 4-6 Medium Low, 8-12 Medium High, 15-25 High by default), and \
compares the dashboard's risks by band. Without a heat map, a register's residual scores are counted. \
The comparison is made only when the dashboard and its source hold the same number of risks (a register \
that lists only the risks scored 12 and above cannot speak for the bands below). A fix writes the count, \
with its percentage of the same total. Risks by direction of travel (Reduced/Same, Increased, New) are \
counted from the register's direction column under the same condition.",
        why: "The risk row of a dashboard is what a committee reads of the register; a band that counts 3 where \
the heat map holds 15 understates the council's exposure fivefold.",
        example: "Dashboard: Medium High `75% (3)`; the heat map holds 15 risks scored 8 to 12 of 20.",
        instead: "`75% (15)`.",
    },
];

/// What the workbook's risk tables say, for the dashboard's risk counts.
pub struct RiskSources<'s, 'a> {
    pub maps: &'s [HeatMap<'a>],
    pub registers: &'s [RiskRegister<'a>],
}

pub fn check(
    t: &SummaryTable<'_>,
    indicators: &[IndicatorTable<'_>],
    risks: &RiskSources<'_, '_>,
    em: &mut Emitter<'_>,
) {
    // Cells the tables contradict: a percentage check there would say less.
    let before = em.findings.len();
    against_indicators(t, indicators, em);
    against_risks(t, risks, em);
    let crossed: Vec<_> = em.findings[before..].iter().map(|f| f.cell).collect();
    for row in &t.rows {
        percents(t, row, em);
        row_sums(t, row, em);
    }
    column_sums(t, em);
    let mut i = before;
    while i < em.findings.len() {
        let f = &em.findings[i];
        if f.rule == "summary.percent_count_mismatch" && crossed.contains(&f.cell) {
            em.findings.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Risks by direction of travel against the one register of the workbook,
/// when it lists every risk the dashboard counts.
fn directions_against_register(
    t: &SummaryTable<'_>,
    row: &SummaryRow,
    shown_total: f64,
    risks: &RiskSources<'_, '_>,
    em: &mut Emitter<'_>,
) {
    let [r] = risks.registers else { return };
    if r.rows.len() as f64 != shown_total {
        return;
    }
    let mut counts: HashMap<&str, f64> = HashMap::new();
    for risk in &r.rows {
        let Some(d) = risk
            .direction
            .as_ref()
            .and_then(|f| f.raw.as_text())
            .and_then(RiskDirection::parse)
        else {
            return;
        };
        let key = match d {
            RiskDirection::Same if row.get("reduced_same").is_some() => "reduced_same",
            RiskDirection::Reduced if row.get("reduced_same").is_some() => "reduced_same",
            RiskDirection::Same => "same",
            RiskDirection::Reduced => "reduced",
            RiskDirection::Increased => "increased",
            RiskDirection::New => "new",
        };
        *counts.entry(key).or_default() += 1.0;
    }
    for key in RISK_DIR_KEYS {
        let Some(c) = row.get(key) else { continue };
        let n = counts.get(key).copied().unwrap_or(0.0);
        if c.count == n {
            continue;
        }
        let heading = t
            .headings
            .get(*key)
            .cloned()
            .unwrap_or_else(|| key.to_string());
        emit_count(
            em,
            "summary.risk_count_mismatch",
            t,
            row,
            c,
            (n, shown_total),
            format!(
                "{heading}: {} counted here but the risk register on {} holds {} of {}",
                format_number(c.count),
                r.sheet.name,
                format_number(n),
                format_number(shown_total)
            ),
        );
    }
}

/// The dashboard's row of risks, and the workbook's count by band.
fn against_risks(t: &SummaryTable<'_>, risks: &RiskSources<'_, '_>, em: &mut Emitter<'_>) {
    let Some(row) = t
        .rows
        .iter()
        .find(|r| BAND_KEYS.iter().any(|k| r.get(k).is_some()))
    else {
        return;
    };
    let sum = |keys: &[&str]| -> f64 {
        keys.iter()
            .filter_map(|k| row.get(k))
            .map(|c| c.count)
            .sum()
    };
    let shown_total = [
        sum(BAND_KEYS),
        sum(RISK_DIR_KEYS),
        row.get("risk_total").map_or(0.0, |c| c.count),
    ]
    .into_iter()
    .fold(0.0, f64::max);
    if shown_total <= 0.0 {
        return;
    }
    directions_against_register(t, row, shown_total, risks, em);
    let bands = &t.table.schema.params.risk_bands;
    // One heat map is the surest source; a register only when it lists
    // every risk the dashboard counts (001 lists only those scored 12+).
    let (source, counts): (String, Vec<(String, f64)>) = match risks.maps {
        [m] => match m.band_counts(bands) {
            Some(c) => (format!("the heat map on {}", m.sheet.name), c),
            None => return,
        },
        [] => match risks.registers {
            [r] => {
                let mut c: Vec<(String, f64)> =
                    bands.iter().map(|b| (b.label.clone(), 0.0)).collect();
                for risk in &r.rows {
                    let Some(score) = risk.residual.value() else {
                        return;
                    };
                    if let Some(i) = bands.iter().position(|b| (b.min..=b.max).contains(&score)) {
                        c[i].1 += 1.0;
                    }
                }
                (format!("the risk register on {}", r.sheet.name), c)
            }
            _ => return,
        },
        _ => return,
    };
    let source_total: f64 = counts.iter().map(|(_, n)| n).sum();
    if source_total != shown_total {
        return;
    }
    for (label, n) in &counts {
        let key = label.to_lowercase().replace(' ', "_");
        let Some(c) = row.get(&key) else { continue };
        if c.count == *n {
            continue;
        }
        emit_count(
            em,
            "summary.risk_count_mismatch",
            t,
            row,
            c,
            (*n, source_total),
            format!(
                "{label} risks: {} counted here but {source} holds {} of {}",
                format_number(c.count),
                format_number(*n),
                format_number(source_total)
            ),
        );
    }
}

/// The cells of a row that carry a percentage, in column order.
fn pct_cells(row: &SummaryRow) -> Vec<&SummaryCell> {
    let mut v: Vec<&SummaryCell> = row.cells.values().filter(|c| c.pct.is_some()).collect();
    v.sort_by_key(|c| c.cell.col);
    v
}

/// Whether `count` over `total` rounds to the percentage shown.
fn agrees(count: f64, total: f64, pct: &Num) -> bool {
    if total <= 0.0 {
        return count == 0.0 && pct.value == 0.0;
    }
    (count / total * 100.0 - pct.value).abs() <= pct.half_ulp() + 1e-9
}

/// Runs of percentage cells (contiguous in column order) that add up to
/// 100% within their rounding: each is a partition of one total.
fn runs<'r>(cells: &[&'r SummaryCell]) -> Vec<Vec<&'r SummaryCell>> {
    let mut out = Vec::new();
    for i in 0..cells.len() {
        let mut sum = 0.0;
        let mut slack = 0.0;
        for j in i..cells.len() {
            let p = cells[j].pct.as_ref().map_or(0.0, |p| p.value);
            sum += p;
            slack += cells[j].pct.as_ref().map_or(0.0, |p| p.half_ulp());
            if (sum - 100.0).abs() <= slack + 1e-9 {
                out.push(cells[i..=j].to_vec());
            }
        }
    }
    out
}

/// Runs in which every cell but one agrees with the run's own count total,
/// and at least one cell with a non-zero count does: "58% (6)", "50% (6)"
/// are shares of 12 with one percentage mistyped.
fn near_runs<'r>(cells: &[&'r SummaryCell]) -> Vec<(f64, Vec<&'r SummaryCell>)> {
    let mut out = Vec::new();
    for i in 0..cells.len() {
        for j in i + 1..cells.len() {
            let run = &cells[i..=j];
            let total: f64 = run.iter().map(|c| c.count).sum();
            if total <= 0.0 {
                continue;
            }
            let ok = |c: &&SummaryCell| c.pct.as_ref().is_some_and(|p| agrees(c.count, total, p));
            let wrong = run.iter().filter(|c| !ok(c)).count();
            let voters = run.iter().filter(|c| c.count > 0.0 && ok(c)).count();
            if wrong <= 1 && voters >= 1 {
                out.push((total, run.to_vec()));
            }
        }
    }
    out
}

fn percents(t: &SummaryTable<'_>, row: &SummaryRow, em: &mut Emitter<'_>) {
    let cells = pct_cells(row);
    if cells.is_empty() {
        return;
    }
    let runs = runs(&cells);
    let near = near_runs(&cells);
    let mut totals: Vec<f64> = runs
        .iter()
        .map(|r| r.iter().map(|c| c.count).sum())
        .chain(near.iter().map(|(t, _)| *t))
        .collect();
    for key in ["rag_rated", "reported", "dot_total", "risk_total"] {
        if let Some(c) = row.get(key) {
            totals.push(c.count);
        }
    }
    totals.retain(|&t| t > 0.0);
    for c in &cells {
        let Some(pct) = c.pct.as_ref() else { continue };
        if (c.count == 0.0 && pct.value == 0.0) || totals.iter().any(|&t| agrees(c.count, t, pct)) {
            continue;
        }
        // The total this cell is a share of: that of a run it spoils alone,
        // else the one most of the row agrees on.
        let own = near
            .iter()
            .find(|(_, r)| r.iter().any(|x| x.cell == c.cell))
            .map(|(t, _)| *t);
        let best = own.or_else(|| {
            totals
                .iter()
                .copied()
                .map(|t| {
                    let n = cells
                        .iter()
                        .filter(|o| o.pct.as_ref().is_some_and(|p| agrees(o.count, t, p)))
                        .count();
                    (n, t)
                })
                .filter(|&(n, _)| n >= 2)
                .max_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal))
                .map(|(_, t)| t)
        });
        let mut d = em
            .at(
                "summary.percent_count_mismatch",
                &t.table.sheet,
                c.cell,
                match best {
                    Some(total) => format!(
                        "{} but {} of {} is {}%",
                        c.shown,
                        format_number(c.count),
                        format_number(total),
                        format_number(round_to(c.count / total * 100.0, pct.decimals.max(1)))
                    ),
                    None => format!(
                        "{}: no total in this row makes {} a share of {}",
                        c.shown,
                        format_number(c.count),
                        format_like(pct.value, pct, pct.decimals)
                    ),
                },
            )
            .found(c.shown.clone())
            .key(&row.label, "");
        if let Some(total) = best {
            let run = runs
                .iter()
                .find(|r| r.iter().any(|x| x.cell == c.cell))
                .or_else(|| {
                    near.iter()
                        .find(|(_, r)| r.iter().any(|x| x.cell == c.cell))
                        .map(|(_, r)| r)
                });
            let run_sum: f64 = run.map_or(0.0, |r| r.iter().map(|x| x.count).sum());
            // The counts the percentage implies.
            let implied: Vec<f64> = (0..=total as u64)
                .map(|k| k as f64)
                .filter(|&k| agrees(k, total, pct))
                .collect();
            let count_fix = implied
                .iter()
                .copied()
                .find(|&k| run.is_some() && run_sum - c.count + k == total);
            if let Some(k) = count_fix {
                d = d.fix(FixValue::Text(with_count(&c.shown, k)));
            } else if run.is_some() && run_sum == total {
                let p = c.count / total * 100.0;
                d = d.fix(FixValue::Text(with_pct(&c.shown, p, pct)));
            } else if let Some(k) = implied.first() {
                d = d.expected(format!(
                    "{} or {}",
                    with_count(&c.shown, *k),
                    with_pct(&c.shown, c.count / total * 100.0, pct)
                ));
            }
        }
        d.emit();
    }
}

/// "75% (3)" with another count: "75% (15)".
fn with_count(shown: &str, count: f64) -> String {
    match (shown.find('('), shown.rfind(')')) {
        (Some(a), Some(b)) if a < b => {
            format!("{}{}{}", &shown[..=a], format_number(count), &shown[b..])
        }
        _ => format_number(count),
    }
}

/// "75% (3)" with another percentage: "15% (3)".
fn with_pct(shown: &str, pct: f64, like: &Num) -> String {
    let open = shown.find('(').unwrap_or(shown.len());
    let head = &shown[..open];
    let gap = &head[head.trim_end().len()..];
    format!(
        "{}{}{}",
        format_like(pct, like, like.decimals),
        gap,
        &shown[open..]
    )
}

/// A count the workbook's tables contradict: `want` is the count they give
/// and the total it is a share of. A fix writes the count, and beside it
/// its percentage of that total where the cell shows one ("75% (15)").
fn emit_count(
    em: &mut Emitter<'_>,
    rule: &'static str,
    t: &SummaryTable<'_>,
    row: &SummaryRow,
    c: &SummaryCell,
    (n, total): (f64, f64),
    message: String,
) {
    let fix = match &c.pct {
        Some(p) => Some(FixValue::Text(with_pct(
            &with_count(&c.shown, n),
            n / total * 100.0,
            p,
        ))),
        None => count_fix(c, t, n),
    };
    let d = em
        .at(rule, &t.table.sheet, c.cell, message)
        .found(c.shown.clone())
        .key(&row.label, "");
    match fix {
        Some(v) => d.fix(v),
        None => d.expected(format_number(n)),
    }
    .emit();
}

/// The value a fix writes into a total cell: plain counts only; a total
/// written with its percentage is left to a person.
fn count_fix(c: &SummaryCell, t: &SummaryTable<'_>, value: f64) -> Option<FixValue> {
    if c.pct.is_some() {
        return None;
    }
    Some(match t.sheet.get(c.cell.row, c.cell.col) {
        crate::workbook::Cell::Number(_) => FixValue::Number(value),
        _ => FixValue::Text(format_number(value)),
    })
}

fn sum_finding(
    t: &SummaryTable<'_>,
    row: &SummaryRow,
    total: &SummaryCell,
    parts: &[&SummaryCell],
    what: &str,
    em: &mut Emitter<'_>,
) {
    let sum: f64 = parts.iter().map(|c| c.count).sum();
    if sum == total.count {
        return;
    }
    let terms: Vec<String> = parts.iter().map(|c| format_number(c.count)).collect();
    let mut d = em
        .at(
            "summary.sum_mismatch",
            &t.table.sheet,
            total.cell,
            format!(
                "{what} is {} but {} = {}",
                format_number(total.count),
                terms.join(" + "),
                format_number(sum)
            ),
        )
        .found(total.shown.clone())
        .key(&row.label, "")
        .related(
            parts
                .iter()
                .map(|c| c.cell.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        );
    d = match count_fix(total, t, sum) {
        Some(v) => d.fix(v),
        None => d.expected(format_number(sum)),
    };
    d.emit();
}

fn row_sums(t: &SummaryTable<'_>, row: &SummaryRow, em: &mut Emitter<'_>) {
    let parts = |keys: &[&str]| -> Vec<&SummaryCell> {
        keys.iter().filter_map(|k| row.get(k)).collect::<Vec<_>>()
    };
    let all_present = |keys: &[&str]| {
        keys.iter()
            .filter(|k| t.has(k))
            .all(|k| row.get(k).is_some())
    };
    if let Some(total) = row.get("rag_rated") {
        let p = parts(RAG_KEYS);
        if p.len() >= 2 && all_present(RAG_KEYS) {
            sum_finding(t, row, total, &p, "No. RAG rated", em);
        }
    }
    if let (Some(total), Some(rated), Some(monitor)) = (
        row.get("reported"),
        row.get("rag_rated"),
        row.get("monitor"),
    ) {
        sum_finding(
            t,
            row,
            total,
            &[rated, monitor],
            "No. indicators reported",
            em,
        );
    }
    if let Some(total) = row.get("dot_total") {
        let p = parts(DOT_KEYS);
        if p.len() == 2 {
            sum_finding(t, row, total, &p, "No. with a direction of travel", em);
        }
    }
    if let Some(total) = row.get("risk_total") {
        for keys in [BAND_KEYS, RISK_DIR_KEYS] {
            let p = parts(keys);
            if p.len() >= 2 && all_present(keys) {
                sum_finding(t, row, total, &p, "No. risks", em);
            }
        }
    }
}

fn column_sums(t: &SummaryTable<'_>, em: &mut Emitter<'_>) {
    let Some(total_row) = t.rows.iter().find(|r| r.is_total()) else {
        return;
    };
    let others: Vec<&SummaryRow> = t
        .rows
        .iter()
        .filter(|r| !r.is_total() && r.row < total_row.row)
        .collect();
    if others.len() < 2 {
        return;
    }
    let mut keys: Vec<&String> = total_row.cells.keys().collect();
    keys.sort_by_key(|k| total_row.cells[*k].cell.col);
    for key in keys {
        let total = &total_row.cells[key];
        let parts: Option<Vec<&SummaryCell>> = others.iter().map(|r| r.get(key)).collect();
        let Some(parts) = parts else { continue };
        let heading = t.headings.get(key).cloned().unwrap_or_else(|| key.clone());
        sum_finding(
            t,
            total_row,
            total,
            &parts,
            &format!("The total of {heading}"),
            em,
        );
    }
}

/// What the indicator tables count.
#[derive(Default)]
struct Counts {
    rag: HashMap<&'static str, f64>,
    rag_rated: f64,
    /// Short and long term: (improving, same, worsening).
    dot: [(f64, f64, f64); 2],
}

fn count_indicators(tables: &[IndicatorTable<'_>]) -> Counts {
    let mut c = Counts::default();
    for t in tables {
        for i in &t.rows {
            if let Some(r) = i
                .field("rag")
                .and_then(|f| f.raw.as_text().and_then(Rag::parse))
            {
                let key = match r.label() {
                    "Green" => "green",
                    "Green Amber" => "green_amber",
                    "Red Amber" => "red_amber",
                    "Red" => "red",
                    _ => "amber",
                };
                *c.rag.entry(key).or_default() += 1.0;
                c.rag_rated += 1.0;
            }
            for (n, key) in ["dot_short", "dot_long"].iter().enumerate() {
                match i
                    .field(key)
                    .and_then(|f| f.raw.as_text().and_then(Dot::parse))
                {
                    Some(Dot::Improving) => c.dot[n].0 += 1.0,
                    Some(Dot::Same) => c.dot[n].1 += 1.0,
                    Some(Dot::Worsening) => c.dot[n].2 += 1.0,
                    _ => {}
                }
            }
        }
    }
    c
}

fn against_indicators(
    t: &SummaryTable<'_>,
    indicators: &[IndicatorTable<'_>],
    em: &mut Emitter<'_>,
) {
    if indicators.is_empty() {
        return;
    }
    let row = t.rows.iter().find(|r| r.is_total()).or_else(|| {
        t.rows
            .iter()
            .find(|r| r.label.to_lowercase().contains("indicator"))
            .or(if t.rows.len() == 1 {
                t.rows.first()
            } else {
                None
            })
    });
    let Some(row) = row else { return };
    let counts = count_indicators(indicators);
    // RAG: only when the dashboard rates as many indicators as the tables.
    let rag: Vec<(&str, &SummaryCell)> = RAG_KEYS
        .iter()
        .filter_map(|k| row.get(k).map(|c| (*k, c)))
        .collect();
    let rated: f64 = rag.iter().map(|(_, c)| c.count).sum();
    if !rag.is_empty() && rated == counts.rag_rated && rated > 0.0 {
        let want: Vec<(&str, &SummaryCell, f64)> = rag
            .iter()
            .map(|&(k, c)| (k, c, counts.rag.get(k).copied().unwrap_or(0.0)))
            .collect();
        emit_counts(t, row, &want, rated, "rated", em);
    }
    // Direction of travel.
    let (Some(imp), Some(wor)) = (row.get("improving"), row.get("worsening")) else {
        return;
    };
    let heading = t
        .headings
        .get("improving")
        .cloned()
        .unwrap_or_default()
        .to_lowercase();
    let with_same = heading.contains("same");
    let shown = imp.count + wor.count;
    let tally = |n: usize| {
        let (i, s, w) = counts.dot[n];
        if with_same {
            (i + s, w)
        } else {
            (i, w)
        }
    };
    let choice = if heading.contains("long") {
        Some(1)
    } else if heading.contains("short") {
        Some(0)
    } else {
        [1, 0]
            .into_iter()
            .find(|&n| tally(n) == (imp.count, wor.count))
            .or_else(|| {
                [1, 0].into_iter().find(|&n| {
                    let (i, w) = tally(n);
                    i + w == shown
                })
            })
    };
    let Some(n) = choice else { return };
    let (i, w) = tally(n);
    if i + w != shown || shown == 0.0 {
        return;
    }
    let term = if n == 0 { "short-term" } else { "long-term" };
    emit_counts(
        t,
        row,
        &[("improving", imp, i), ("worsening", wor, w)],
        shown,
        &format!("with a {term} direction of travel"),
        em,
    );
}

fn emit_counts(
    t: &SummaryTable<'_>,
    row: &SummaryRow,
    want: &[(&str, &SummaryCell, f64)],
    total: f64,
    what: &str,
    em: &mut Emitter<'_>,
) {
    for &(key, c, n) in want {
        if c.count == n {
            continue;
        }
        let heading = t
            .headings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string());
        emit_count(
            em,
            "summary.indicator_count_mismatch",
            t,
            row,
            c,
            (n, total),
            format!(
                "{heading}: {} counted here but the indicator tables hold {} of the {} {what}",
                format_number(c.count),
                format_number(n),
                format_number(total)
            ),
        );
    }
}
