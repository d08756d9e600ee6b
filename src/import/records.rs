//! Detected tables into database rows: one function per table kind, each
//! figure kept as the cell's text, its parsed number and its cell.

use crate::check::Analysis;
use crate::detect::Table;
use crate::labels::{Dot, Rag};
use crate::model::finance::{self, FinanceKind};
use crate::model::indicator::{self, Figure, Indicator, PolaritySource};
use crate::model::risk::{self, Assessment, Axis, Response, RiskDirection, ScoredField};
use crate::period::Period;
use crate::schema::{SchemaSet, Unit};
use crate::store::{raw_and_cell, raw_text, Record, Row};
use crate::workbook::CellRef;

/// The records of one detected table, by its kind. Kinds without a typed
/// model here are recorded in `return_tables` only.
pub fn table_records(a: &Analysis, t: &Table, schemas: &SchemaSet, period: Period) -> Vec<Record> {
    let Some(sheet) = a.workbook.sheets.iter().find(|s| s.name == t.sheet) else {
        return Vec::new();
    };
    match t.kind() {
        "indicators" => {
            let it = indicator::build(t, sheet, &schemas.catalogue, Some(period));
            it.rows
                .iter()
                .map(|ind| Record {
                    table: "indicator_values",
                    row: indicator_row(t, ind, period),
                })
                .collect()
        }
        "revenue" | "capital" => finance_records(t, sheet),
        "risks" => risk_records(t, sheet),
        _ => Vec::new(),
    }
}

/// The cells of a table's rows under columns no schema key names, between
/// its first and last named column, with the header they sit under. Grid
/// kinds (dashboards, heat maps) have no such columns.
pub fn other_records(t: &Table, sheet: &crate::workbook::Sheet) -> Vec<Record> {
    if crate::model::GRID_KINDS.contains(&t.kind()) {
        return Vec::new();
    }
    let named: Vec<u32> = t.columns.values().copied().collect();
    let (Some(&first), Some(&last)) = (named.iter().min(), named.iter().max()) else {
        return Vec::new();
    };
    let key_col = ["ref", "id", "description"].iter().find_map(|k| t.col(k));
    let mut out = Vec::new();
    for c in (first..=last).filter(|c| !named.contains(c)) {
        let header = crate::values::squash(
            &(t.header_rows.0..=t.header_rows.1)
                .map(|r| sheet.get(r, c).display())
                .collect::<Vec<_>>()
                .join(" "),
        );
        for dr in &t.rows {
            let Some(raw) = raw_text(sheet.get(dr.row, c)) else {
                continue;
            };
            let key = key_col
                .and_then(|k| raw_text(sheet.get(dr.row, k)))
                .map(|k| crate::values::squash(&k));
            let mut row = Row::default();
            row.text("sheet", Some(t.sheet.clone()))
                .int("row", Some(i64::from(dr.row) + 1))
                .text("kind", Some(t.kind()))
                .text("key", key)
                .text("header", Some(header.clone()))
                .text("raw", Some(raw))
                .text("cell", Some(CellRef::new(dr.row, c).to_string()));
            out.push(Record {
                table: "other_values",
                row,
            });
        }
    }
    out
}

/// The columns of one scored cell: what it said, its number (the level a
/// label alone names, for impact and likelihood), its cell.
fn scored_cols(
    row: &mut Row,
    f: Option<&ScoredField>,
    axis: Option<Axis>,
    cols: [&'static str; 3],
) {
    raw_and_cell(row, cols[0], cols[2], f.map(|f| &f.field));
    let value = f.and_then(|f| {
        f.number()
            .or_else(|| axis.and_then(|a| f.level(a)).map(f64::from))
    });
    row.real(cols[1], value);
}

fn assessment_cols(row: &mut Row, a: &Assessment, cols: [[&'static str; 3]; 3]) {
    scored_cols(row, a.impact.as_ref(), Some(Axis::Impact), cols[0]);
    scored_cols(row, a.likelihood.as_ref(), Some(Axis::Likelihood), cols[1]);
    scored_cols(row, a.score.as_ref(), None, cols[2]);
}

fn risk_records(t: &Table, sheet: &crate::workbook::Sheet) -> Vec<Record> {
    let reg = risk::build(t, sheet);
    reg.rows
        .iter()
        .map(|r| {
            let mut row = Row::default();
            row.text("sheet", Some(t.sheet.clone()))
                .int("row", Some(i64::from(r.row) + 1))
                .text("risk_id", Some(r.id.clone()))
                .text("risk_id_cell", Some(r.id_cell.to_string()))
                .text("title", Some(r.title.clone()))
                .text(
                    "title_cell",
                    t.col("title").map(|c| CellRef::new(r.row, c).to_string()),
                );
            assessment_cols(
                &mut row,
                &r.inherent,
                [
                    [
                        "inherent_impact_raw",
                        "inherent_impact",
                        "inherent_impact_cell",
                    ],
                    [
                        "inherent_likelihood_raw",
                        "inherent_likelihood",
                        "inherent_likelihood_cell",
                    ],
                    [
                        "inherent_score_raw",
                        "inherent_score",
                        "inherent_score_cell",
                    ],
                ],
            );
            assessment_cols(
                &mut row,
                &r.residual,
                [
                    [
                        "residual_impact_raw",
                        "residual_impact",
                        "residual_impact_cell",
                    ],
                    [
                        "residual_likelihood_raw",
                        "residual_likelihood",
                        "residual_likelihood_cell",
                    ],
                    [
                        "residual_score_raw",
                        "residual_score",
                        "residual_score_cell",
                    ],
                ],
            );
            assessment_cols(
                &mut row,
                &r.target,
                [
                    ["target_impact_raw", "target_impact", "target_impact_cell"],
                    [
                        "target_likelihood_raw",
                        "target_likelihood",
                        "target_likelihood_cell",
                    ],
                    ["target_score_raw", "target_score", "target_score_cell"],
                ],
            );
            // The band: its own column, else the label of a "High 16" cell.
            let band_field = r.residual.band.as_ref();
            raw_and_cell(&mut row, "band_raw", "band_cell", band_field);
            row.text(
                "band",
                band_field
                    .map(|f| crate::values::squash(&f.raw.display()))
                    .filter(|b| !b.is_empty())
                    .or_else(|| {
                        r.residual
                            .score
                            .as_ref()
                            .and_then(|s| s.label())
                            .map(str::to_string)
                    }),
            );
            raw_and_cell(
                &mut row,
                "direction_raw",
                "direction_cell",
                r.direction.as_ref(),
            );
            row.text(
                "direction",
                r.direction
                    .as_ref()
                    .and_then(|f| RiskDirection::parse(&f.raw.display()))
                    .map(|d| match d {
                        RiskDirection::Same => "Same",
                        RiskDirection::New => "New",
                        RiskDirection::Increased => "Increased",
                        RiskDirection::Reduced => "Reduced",
                    }),
            );
            raw_and_cell(
                &mut row,
                "response_raw",
                "response_cell",
                r.response.as_ref(),
            );
            row.text(
                "response",
                r.response
                    .as_ref()
                    .and_then(|f| Response::parse(&f.raw.display()))
                    .map(|x| match x {
                        Response::Treat => "Treat",
                        Response::Tolerate => "Tolerate",
                        Response::Transfer => "Transfer",
                        Response::Terminate => "Terminate",
                    }),
            );
            Record {
                table: "risks",
                row,
            }
        })
        .collect()
}

/// Finance columns: the capital table's own keys map onto the revenue
/// table's meaning (approved budget as the original budget, budget after
/// additions and slippage as the revised one, forecast as outturn,
/// variance as variation, % slippage as the percentage).
const FINANCE_MONEY: &[(&str, &str, [&str; 3])] = &[
    (
        "original",
        "approved",
        [
            "original_budget_raw",
            "original_budget",
            "original_budget_cell",
        ],
    ),
    (
        "revised",
        "budget",
        [
            "revised_budget_raw",
            "revised_budget",
            "revised_budget_cell",
        ],
    ),
    (
        "",
        "additions",
        ["additions_raw", "additions", "additions_cell"],
    ),
    (
        "",
        "slippage",
        ["slippage_raw", "slippage", "slippage_cell"],
    ),
    (
        "outturn",
        "forecast",
        ["outturn_raw", "outturn", "outturn_cell"],
    ),
    (
        "variation",
        "variance",
        ["variation_raw", "variation", "variation_cell"],
    ),
];

fn finance_records(t: &Table, sheet: &crate::workbook::Sheet) -> Vec<Record> {
    let Some(ft) = finance::build(t, sheet) else {
        return Vec::new();
    };
    let capital = ft.kind == FinanceKind::Capital;
    let first_col = t.columns.values().copied().min().unwrap_or(0);
    ft.rows
        .iter()
        .map(|r| {
            let mut row = Row::default();
            row.text("sheet", Some(t.sheet.clone()))
                .int("row", Some(i64::from(r.row) + 1))
                .text("kind", Some(t.kind()))
                .text("line", Some(r.label.clone()))
                .text(
                    "line_cell",
                    Some(
                        r.field("description")
                            .map_or(CellRef::new(r.row, first_col), |f| f.cell)
                            .to_string(),
                    ),
                )
                .int("is_total", Some(i64::from(r.total)));
            for (revenue_key, capital_key, cols) in FINANCE_MONEY {
                let key = if capital { *capital_key } else { *revenue_key };
                let key = (!key.is_empty()).then_some(key);
                raw_and_cell(&mut row, cols[0], cols[2], key.and_then(|k| r.field(k)));
                row.real(cols[1], key.and_then(|k| r.amount(k)).map(|a| a.value));
            }
            let pct = if capital {
                "pct_slippage"
            } else {
                "pct_variation"
            };
            raw_and_cell(
                &mut row,
                "variation_pct_raw",
                "variation_pct_cell",
                r.field(pct),
            );
            row.real("variation_pct", ft.percent(r, pct).map(|p| p.value()));
            raw_and_cell(
                &mut row,
                "comments_raw",
                "comments_cell",
                r.field("comments"),
            );
            Record {
                table: "finance_lines",
                row,
            }
        })
        .collect()
}

/// The unit's key as the catalogue writes it.
pub fn unit_key(u: Unit) -> &'static str {
    match u {
        Unit::Percent => "percent",
        Unit::Rate => "rate",
        Unit::Count => "count",
        Unit::Days => "days",
        Unit::Weeks => "weeks",
        Unit::Money => "money",
        Unit::Number => "number",
    }
}

/// A title reduced to its letters and digits, lower case: two titles that
/// differ only in spacing, case or punctuation have the same key.
pub fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn figure_cols(
    row: &mut Row,
    ind: &Indicator,
    key: &str,
    cols: [&'static str; 3],
) -> Option<Figure> {
    raw_and_cell(row, cols[0], cols[2], ind.field(key));
    let fig = ind.figure(key);
    row.real(cols[1], fig.as_ref().map(|f| f.value));
    fig
}

fn number_cols(row: &mut Row, ind: &Indicator, key: &str, cols: [&'static str; 3]) {
    raw_and_cell(row, cols[0], cols[2], ind.field(key));
    row.real(cols[1], ind.value(key).and_then(|v| v.number()));
}

fn period_cols(row: &mut Row, p: Option<Period>, cols: [&'static str; 2]) {
    row.text(cols[0], p.map(|p| p.to_string()));
    row.int(cols[1], p.and_then(|p| p.index()));
}

fn indicator_row(t: &Table, ind: &Indicator, period: Period) -> Row {
    let col_period = |k: &str| t.column_periods.get(k).copied();
    let mut row = Row::default();
    row.text("sheet", Some(t.sheet.clone()))
        .int("row", Some(i64::from(ind.row) + 1))
        .text("section", ind.section.clone())
        .text("ref", Some(ind.reference.clone()))
        .text(
            "ref_raw",
            Some(
                ind.field("ref")
                    .and_then(|f| raw_text(&f.raw))
                    .unwrap_or_else(|| ind.reference.clone()),
            ),
        )
        .text("ref_cell", Some(ind.ref_cell.to_string()))
        .text("category", ind.category.clone())
        .text("title", Some(ind.title.clone()))
        .text("title_key", Some(title_key(&ind.title)))
        .text("polarity", ind.polarity.map(|p| p.label()));
    raw_and_cell(&mut row, "title_raw", "title_cell", ind.field("title"));
    raw_and_cell(
        &mut row,
        "polarity_raw",
        "polarity_cell",
        ind.field("polarity"),
    );
    row.text(
        "polarity_source",
        ind.polarity_source.map(|s| match s {
            PolaritySource::Column => "column",
            PolaritySource::Description => "description",
            PolaritySource::Catalogue => "catalogue",
        }),
    )
    .text("unit", ind.unit.map(unit_key));
    let result_period = col_period("result")
        .filter(|p| p.quarter.is_some())
        .unwrap_or(period);
    period_cols(&mut row, Some(result_period), ["period", "period_index"]);
    raw_and_cell(
        &mut row,
        "period_covered_raw",
        "period_covered_cell",
        ind.field("period_covered"),
    );
    figure_cols(
        &mut row,
        ind,
        "annual_target",
        ["annual_target_raw", "annual_target", "annual_target_cell"],
    );
    row.int(
        "annual_target_year",
        Some(i64::from(
            col_period("annual_target").unwrap_or(period).year.0,
        )),
    );
    figure_cols(
        &mut row,
        ind,
        "target",
        ["target_raw", "target", "target_cell"],
    );
    ratio_cols(&mut row, ind);
    let result = figure_cols(
        &mut row,
        ind,
        "result",
        ["result_raw", "result", "result_cell"],
    );
    row.real("result_tol", result.as_ref().map(Figure::half_ulp))
        .int(
            "result_shown_percent",
            result.map(|f| i64::from(f.num.percent_sign || f.fraction)),
        );
    let prev = figure_cols(
        &mut row,
        ind,
        "previous_result",
        [
            "previous_result_raw",
            "previous_result",
            "previous_result_cell",
        ],
    );
    row.real("previous_result_tol", prev.as_ref().map(Figure::half_ulp));
    let prev_period = ind.field("previous_result").and_then(|_| {
        col_period("previous_result")
            .filter(|p| p.quarter.is_some())
            .or_else(|| result_period.back(1))
    });
    period_cols(
        &mut row,
        prev_period,
        ["previous_period", "previous_period_index"],
    );
    let ago = figure_cols(
        &mut row,
        ind,
        "year_ago_result",
        [
            "year_ago_result_raw",
            "year_ago_result",
            "year_ago_result_cell",
        ],
    );
    row.real("year_ago_result_tol", ago.as_ref().map(Figure::half_ulp));
    let ago_period = ind.field("year_ago_result").and_then(|_| {
        col_period("year_ago_result")
            .filter(|p| p.quarter.is_some())
            .or_else(|| result_period.back(4))
    });
    period_cols(
        &mut row,
        ago_period,
        ["year_ago_period", "year_ago_period_index"],
    );
    for (key, cols) in [
        (
            "dot_short",
            ["dot_short_raw", "dot_short", "dot_short_cell"],
        ),
        ("dot_long", ["dot_long_raw", "dot_long", "dot_long_cell"]),
    ] {
        let f = ind.field(key);
        raw_and_cell(&mut row, cols[0], cols[2], f);
        row.text(
            cols[1],
            f.and_then(|f| f.raw.as_text())
                .and_then(Dot::parse)
                .map(Dot::label),
        );
    }
    number_cols(
        &mut row,
        ind,
        "target_variance",
        [
            "target_variance_raw",
            "target_variance",
            "target_variance_cell",
        ],
    );
    number_cols(
        &mut row,
        ind,
        "dot_variance",
        ["dot_variance_raw", "dot_variance", "dot_variance_cell"],
    );
    let rag = ind.field("rag");
    raw_and_cell(&mut row, "rag_raw", "rag_cell", rag);
    row.text(
        "rag",
        rag.and_then(|f| f.raw.as_text())
            .and_then(Rag::parse)
            .map(|r| r.label().to_string()),
    );
    for (key, raw, cell) in [
        ("benchmark", "benchmark_raw", "benchmark_cell"),
        ("service", "service_raw", "service_cell"),
        ("comments", "comments_raw", "comments_cell"),
    ] {
        raw_and_cell(&mut row, raw, cell, ind.field(key));
    }
    row
}

fn ratio_cols(row: &mut Row, ind: &Indicator) {
    let (n, d) = ind
        .ratio
        .map_or((None, None), |(n, d, _)| (Some(n), Some(d)));
    if let Some(f) = ind.field("num_den") {
        // One cell holds both: each side keeps the whole cell's text.
        raw_and_cell(row, "numerator_raw", "numerator_cell", Some(f));
        row.real("numerator", n);
        raw_and_cell(row, "denominator_raw", "denominator_cell", Some(f));
        row.real("denominator", d);
    } else {
        raw_and_cell(
            row,
            "numerator_raw",
            "numerator_cell",
            ind.field("numerator"),
        );
        row.real("numerator", n);
        raw_and_cell(
            row,
            "denominator_raw",
            "denominator_cell",
            ind.field("denominator"),
        );
        row.real("denominator", d);
    }
}

pub fn finding_row(f: &crate::rules::Finding) -> Row {
    let mut row = Row::default();
    row.text("rule", Some(f.rule))
        .text("severity", Some(f.severity.to_string()))
        .text("sheet", Some(f.sheet.clone()))
        .text("cell", Some(f.cell.to_string()))
        .text("key", f.key.clone())
        .text("title", f.title.clone())
        .text("message", Some(f.message.clone()))
        .text("found", Some(f.found.clone()))
        .text("expected", f.expected.clone())
        .int("fixable", Some(i64::from(f.fixable())))
        .text("related", f.related.clone());
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_keys_ignore_case_spacing_and_punctuation() {
        assert_eq!(
            title_key("Percentage of families with child/ren under 5"),
            title_key("percentage of families with children  under 5")
        );
        assert_ne!(
            title_key("Number of children"),
            title_key("Rate of children")
        );
    }
}
