//! `kpicheck audit`: checks that only history can make, as queries over the
//! returns in force (not superseded) in the import database.
//!
//! Each check compares two cells of two returns: the finding sits at the
//! cell that disagrees with an earlier one; `found` and `expected` carry
//! the two values, `related` (and the message) name the other location.
//! The rules are documented in `rules/audit.rs`.

use std::collections::BTreeMap;

use rusqlite::{Connection, Row};

use crate::check::{FileReport, FileStatus, TableInfo};
use crate::period::Period;
use crate::rules::{lookup, Finding, Severity};
use crate::workbook::{format_number, parse_a1, CellRef};

pub const RESTATED_RESULT: &str = "audit.restated_result";
pub const POLARITY_CHANGED: &str = "audit.polarity_changed";
pub const UNIT_CHANGED: &str = "audit.unit_changed";
pub const TITLE_CHANGED: &str = "audit.title_changed";
pub const TARGET_CHANGED_IN_YEAR: &str = "audit.target_changed_in_year";
pub const MISSING_QUARTER: &str = "audit.missing_quarter";
pub const IMPLAUSIBLE_JUMP: &str = "audit.implausible_jump";
pub const RISK_SCORE_CHANGED_WHILE_SAME: &str = "audit.risk_score_changed_while_same";

/// A cell of a return, as reports name it.
fn location(path: &str, sheet: &str, cell: &str) -> String {
    format!("{path} › {sheet} › {cell}")
}

/// A figure as the reader knows it: the cell's text when it was text
/// ("83.4%"), else the number in the indicator's scale with a % sign for
/// percentages (a fraction 0.834 under a % format shows as 83.4%).
fn shown(raw: Option<&str>, value: Option<f64>, unit: Option<&str>) -> String {
    let raw = raw.map(crate::values::squash).unwrap_or_default();
    let is_plain_number = raw.parse::<f64>().is_ok();
    match value {
        Some(v) if is_plain_number => {
            let v = (v * 1e9).round() / 1e9;
            if unit == Some("percent") {
                format!("{}%", format_number(v))
            } else {
                format_number(v)
            }
        }
        _ => raw,
    }
}

struct Draft {
    rule: &'static str,
    file: String,
    sheet: String,
    cell: String,
    message: String,
    found: String,
    expected: String,
    key: Option<String>,
    title: Option<String>,
    related: String,
}

impl Draft {
    fn finding(self) -> Finding {
        Finding {
            file: self.file,
            sheet: self.sheet,
            cell: parse_a1(&self.cell).unwrap_or(CellRef::new(0, 0)),
            rule: self.rule,
            severity: lookup(self.rule).map_or(Severity::Warning, |r| r.severity),
            message: self.message,
            found: self.found,
            expected: Some(self.expected),
            fix: None,
            key: self.key,
            title: self.title,
            related: Some(self.related),
            fixed: false,
        }
    }
}

/// Runs one audit query, adding each finding its rows give.
fn query<D, F>(conn: &Connection, sql: &str, out: &mut Vec<Draft>, mut f: F) -> rusqlite::Result<()>
where
    D: Into<Option<Draft>>,
    F: FnMut(&Row) -> rusqlite::Result<D>,
{
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(d) = f(r)?.into() {
            out.push(d);
        }
    }
    Ok(())
}

fn s(r: &Row, i: usize) -> rusqlite::Result<String> {
    Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
}

fn os(r: &Row, i: usize) -> rusqlite::Result<Option<String>> {
    r.get(i)
}

fn of(r: &Row, i: usize) -> rusqlite::Result<Option<f64>> {
    r.get(i)
}

/// Runs every audit check; findings come sorted by file, sheet and cell.
pub fn run(conn: &Connection) -> rusqlite::Result<Vec<Finding>> {
    let mut out = Vec::new();
    restated_results(conn, &mut out)?;
    changes(conn, &mut out)?;
    targets_changed_in_year(conn, &mut out)?;
    missing_quarters(conn, &mut out)?;
    implausible_jumps(conn, &mut out)?;
    risk_scores_changed_while_same(conn, &mut out)?;
    let mut findings: Vec<Finding> = out.into_iter().map(Draft::finding).collect();
    findings.sort_by(|a, b| {
        (&a.file, &a.sheet, a.cell.row, a.cell.col, a.rule)
            .cmp(&(&b.file, &b.sheet, b.cell.row, b.cell.col, b.rule))
    });
    Ok(findings)
}

fn restated_results(conn: &Connection, out: &mut Vec<Draft>) -> rusqlite::Result<()> {
    for (col, period_col, label) in [
        ("previous_result", "previous_period", "previous quarter's"),
        (
            "year_ago_result",
            "year_ago_period",
            "same quarter last year's",
        ),
    ] {
        let sql = format!(
            "SELECT q.path, q.sheet, q.{col}_cell, q.{col}_raw, q.{col}, q.unit, q.ref, q.title,
                    q.{period_col}, o.path, o.sheet, o.result_cell, o.result_raw, o.result, o.unit
             FROM current_indicators q
             JOIN current_indicators o
               ON o.ref = q.ref AND o.period_index = q.{period_col}_index
              AND o.return_id != q.return_id
             WHERE q.{col} IS NOT NULL AND o.result IS NOT NULL
               AND abs(q.{col} - o.result)
                   >= coalesce(q.{col}_tol, 0) + coalesce(o.result_tol, 0) - 1e-9
             ORDER BY q.path, q.row, o.path"
        );
        query(conn, &sql, out, |r| {
            let found = shown(os(r, 3)?.as_deref(), of(r, 4)?, os(r, 5)?.as_deref());
            let expected = shown(os(r, 12)?.as_deref(), of(r, 13)?, os(r, 14)?.as_deref());
            let other = location(&s(r, 9)?, &s(r, 10)?, &s(r, 11)?);
            let period = s(r, 8)?;
            let reference = s(r, 6)?;
            Ok(Draft {
                rule: RESTATED_RESULT,
                message: format!(
                    "{reference}'s {label} result ({period}) is quoted as {found}, but the {period} return reported {expected} (at {other})"
                ),
                file: s(r, 0)?,
                sheet: s(r, 1)?,
                cell: s(r, 2)?,
                found,
                expected,
                key: Some(reference),
                title: os(r, 7)?,
                related: other,
            })
        })?;
    }
    Ok(())
}

/// Polarity, unit and title: each ref through the returns in period order,
/// reported where it differs from the return before.
fn changes(conn: &Connection, out: &mut Vec<Draft>) -> rusqlite::Result<()> {
    for (rule, value, shown_col, cell, filter, what) in [
        (
            POLARITY_CHANGED,
            "polarity",
            "coalesce(polarity_raw, polarity)",
            "coalesce(polarity_cell, title_cell, ref_cell)",
            "polarity_source IN ('column', 'description')",
            "polarity",
        ),
        (
            UNIT_CHANGED,
            "unit",
            "unit",
            "coalesce(result_cell, ref_cell)",
            "1",
            "unit",
        ),
        (
            TITLE_CHANGED,
            "title_key",
            "title",
            "coalesce(title_cell, ref_cell)",
            "title_key != ''",
            "title",
        ),
    ] {
        let sql = format!(
            "SELECT path, sheet, cell, shown, ref, title, return_period,
                    p_path, p_sheet, p_cell, p_shown, p_period
             FROM (
               SELECT path, sheet, {cell} AS cell, {shown_col} AS shown, {value} AS v, ref, title,
                      return_period, return_period_index AS pi,
                      LAG({value}) OVER w AS p_v,
                      LAG(path) OVER w AS p_path, LAG(sheet) OVER w AS p_sheet,
                      LAG({cell}) OVER w AS p_cell, LAG({shown_col}) OVER w AS p_shown,
                      LAG(return_period) OVER w AS p_period,
                      LAG(return_id) OVER w AS p_return, return_id
               FROM current_indicators
               WHERE {value} IS NOT NULL AND {filter}
               WINDOW w AS (PARTITION BY ref ORDER BY return_period_index, return_id, row)
             )
             WHERE p_v IS NOT NULL AND p_v != v AND p_return != return_id
             ORDER BY path, cell"
        );
        query(conn, &sql, out, |r| {
            let found = crate::values::squash(&s(r, 3)?);
            let expected = crate::values::squash(&s(r, 10)?);
            let other = location(&s(r, 7)?, &s(r, 8)?, &s(r, 9)?);
            let reference = s(r, 4)?;
            Ok(Draft {
                rule,
                message: format!(
                    "{reference}'s {what} is {found:?} in this {} return but {expected:?} in the {} return (at {other})",
                    s(r, 6)?,
                    s(r, 11)?
                ),
                file: s(r, 0)?,
                sheet: s(r, 1)?,
                cell: s(r, 2)?,
                found,
                expected,
                key: Some(reference),
                title: os(r, 5)?,
                related: other,
            })
        })?;
    }
    Ok(())
}

fn targets_changed_in_year(conn: &Connection, out: &mut Vec<Draft>) -> rusqlite::Result<()> {
    let sql = "SELECT path, sheet, annual_target_cell, annual_target_raw, annual_target, unit,
                      ref, title, return_period, annual_target_year,
                      p_path, p_sheet, p_cell, p_raw, p_v, p_period
               FROM (
                 SELECT *, LAG(annual_target) OVER w AS p_v, LAG(annual_target_raw) OVER w AS p_raw,
                        LAG(path) OVER w AS p_path, LAG(sheet) OVER w AS p_sheet,
                        LAG(annual_target_cell) OVER w AS p_cell,
                        LAG(return_period) OVER w AS p_period, LAG(return_id) OVER w AS p_return
                 FROM current_indicators
                 WHERE annual_target IS NOT NULL
                 WINDOW w AS (PARTITION BY ref, annual_target_year
                              ORDER BY return_period_index, return_id, row)
               )
               WHERE p_v IS NOT NULL AND p_return != return_id
                 AND abs(annual_target - p_v) > 1e-6 * max(1.0, abs(p_v))
               ORDER BY path, row";
    query(conn, sql, out, |r| {
        let unit = os(r, 5)?;
        let found = shown(os(r, 3)?.as_deref(), of(r, 4)?, unit.as_deref());
        let expected = shown(os(r, 13)?.as_deref(), of(r, 14)?, unit.as_deref());
        let other = location(&s(r, 10)?, &s(r, 11)?, &s(r, 12)?);
        let reference = s(r, 6)?;
        let year = r
            .get::<_, Option<i64>>(9)?
            .and_then(|y| u16::try_from(y).ok())
            .map(|y| crate::period::FinancialYear(y).to_string())
            .unwrap_or_default();
        Ok(Draft {
            rule: TARGET_CHANGED_IN_YEAR,
            message: format!(
                "{reference}'s annual {year} target is {found} in the {} return but was {expected} in the {} return (at {other})",
                s(r, 8)?,
                s(r, 15)?
            ),
            file: s(r, 0)?,
            sheet: s(r, 1)?,
            cell: s(r, 2)?,
            found,
            expected,
            key: Some(reference),
            title: os(r, 7)?,
            related: other,
        })
    })?;
    Ok(())
}

fn missing_quarters(conn: &Connection, out: &mut Vec<Draft>) -> rusqlite::Result<()> {
    let sql = "WITH rets AS (
                 SELECT r.id, r.path, r.service, r.financial_year, r.period, r.period_index
                 FROM returns r
                 WHERE r.status = 'current' AND r.period_index IS NOT NULL
                   AND EXISTS (SELECT 1 FROM indicator_values iv WHERE iv.return_id = r.id)
               ),
               refs AS (
                 SELECT rets.service, rets.financial_year, iv.ref,
                        max(rets.period_index) AS latest
                 FROM rets JOIN indicator_values iv ON iv.return_id = rets.id
                 GROUP BY rets.service, rets.financial_year, iv.ref
               ),
               gaps AS (
                 SELECT m.id, m.path, m.period, refs.ref, refs.service, refs.latest
                 FROM rets m
                 JOIN refs ON refs.service = m.service AND refs.financial_year = m.financial_year
                 WHERE NOT EXISTS (SELECT 1 FROM indicator_values x
                                   WHERE x.return_id = m.id AND x.ref = refs.ref)
               ),
               found AS (
                 SELECT g.*, o.id AS other, o.path AS other_path, o.period AS other_period
                 FROM gaps g
                 CROSS JOIN returns o
                 WHERE o.service = g.service AND o.period_index = g.latest
                   AND o.status = 'current'
               )
               SELECT f.path, f.period, f.ref,
                      (SELECT t.sheet FROM return_tables t
                        WHERE t.return_id = f.id AND t.kind = 'indicators' ORDER BY t.rowid LIMIT 1),
                      (SELECT t.first_cell FROM return_tables t
                        WHERE t.return_id = f.id AND t.kind = 'indicators' ORDER BY t.rowid LIMIT 1),
                      f.other_path, f.other_period, iv.sheet, iv.ref_cell, iv.title
               FROM found f
               CROSS JOIN indicator_values iv
               WHERE iv.return_id = f.other AND iv.ref = f.ref
               GROUP BY f.id, f.ref
               ORDER BY f.path, f.ref";
    query(conn, sql, out, |r| {
        let reference = s(r, 2)?;
        let other = location(&s(r, 5)?, &s(r, 7)?, &s(r, 8)?);
        let period = s(r, 1)?;
        let other_period = s(r, 6)?;
        Ok(Draft {
            rule: MISSING_QUARTER,
            message: format!(
                "{reference} has no row in this {period} return, but the {other_period} return of the same year reports it (at {other})"
            ),
            file: s(r, 0)?,
            sheet: s(r, 3)?,
            cell: s(r, 4)?,
            found: format!("no row for {reference}"),
            expected: format!("{reference}, as reported in {other_period}"),
            key: Some(reference),
            title: os(r, 9)?,
            related: other,
        })
    })?;
    Ok(())
}

/// How many times larger the larger of two figures is, where both are
/// non-zero and of the same sign.
fn factor(a: f64, b: f64) -> Option<f64> {
    if a == 0.0 || b == 0.0 || (a < 0.0) != (b < 0.0) {
        return None;
    }
    let (a, b) = (a.abs(), b.abs());
    Some(a.max(b) / a.min(b))
}

fn implausible_jumps(conn: &Connection, out: &mut Vec<Draft>) -> rusqlite::Result<()> {
    let sql = "SELECT path, sheet, result_cell, result_raw, result, unit, ref, title, period,
                      result_shown_percent, p_path, p_sheet, p_cell, p_raw, p_v, p_period,
                      p_percent, n_v, pp_v
               FROM (
                 SELECT *, LAG(result) OVER w AS p_v, LAG(result_raw) OVER w AS p_raw,
                        LAG(path) OVER w AS p_path, LAG(sheet) OVER w AS p_sheet,
                        LAG(result_cell) OVER w AS p_cell, LAG(period) OVER w AS p_period,
                        LAG(period_index) OVER w AS p_index,
                        LAG(result_shown_percent) OVER w AS p_percent,
                        LEAD(result) OVER w AS n_v, LAG(result, 2) OVER w AS pp_v
                 FROM current_indicators
                 WHERE result IS NOT NULL AND period_index IS NOT NULL
                 WINDOW w AS (PARTITION BY ref ORDER BY period_index, return_id, row)
               )
               WHERE p_v IS NOT NULL AND p_index != period_index
               ORDER BY path, row";
    query(conn, sql, out, |r| {
        let unit = os(r, 5)?;
        let v: f64 = r.get(4)?;
        let pv: f64 = r.get(14)?;
        let next = of(r, 17)?;
        let percent = r.get::<_, Option<i64>>(9)?.unwrap_or(0) != 0;
        let p_percent = r.get::<_, Option<i64>>(16)?.unwrap_or(0) != 0;
        let slip = percent && !p_percent && unit.as_deref() != Some("percent");
        let before_pv = of(r, 18)?;
        let far = |x: f64| factor(v, x).is_some_and(|f| f >= 10.0);
        // An outlier stands apart from both neighbours; a value back in
        // line with the one before a spike is the spike's end, not another.
        let jump = factor(v, pv)
            .filter(|f| *f >= 10.0)
            .filter(|_| next.is_none_or(far))
            .filter(|_| before_pv.is_none_or(far));
        if !slip && jump.is_none() {
            return Ok(None);
        }
        let found = shown(os(r, 3)?.as_deref(), Some(v), unit.as_deref());
        let expected = shown(os(r, 13)?.as_deref(), Some(pv), unit.as_deref());
        let other = location(&s(r, 10)?, &s(r, 11)?, &s(r, 12)?);
        let reference = s(r, 6)?;
        let p_period = s(r, 15)?;
        let message = if slip {
            format!(
                "{reference}'s {} result {found} is shown as a percentage, but it is not a percentage indicator and {p_period} reported {expected} (at {other})",
                s(r, 8)?
            )
        } else {
            let f = jump.unwrap_or(10.0);
            let times = if f >= 100.0 { "100" } else { "10" };
            format!(
                "{reference}'s {} result {found} is over {times} times {} the {expected} reported for {p_period} (at {other})",
                s(r, 8)?,
                if v.abs() > pv.abs() { "more than" } else { "less than" }
            )
        };
        Ok(Some(Draft {
            rule: IMPLAUSIBLE_JUMP,
            message,
            file: s(r, 0)?,
            sheet: s(r, 1)?,
            cell: s(r, 2)?,
            found,
            expected,
            key: Some(reference),
            title: os(r, 7)?,
            related: other,
        }))
    })?;
    Ok(())
}

fn risk_scores_changed_while_same(conn: &Connection, out: &mut Vec<Draft>) -> rusqlite::Result<()> {
    // A register without a score column scores impact x likelihood.
    let sql = "SELECT path, sheet, score_cell, score_raw, score,
                      risk_id, title, return_period, coalesce(direction_raw, direction),
                      direction_cell, p_path, p_sheet, p_cell, p_raw, p_v, p_period
               FROM (
                 SELECT *, LAG(score) OVER w AS p_v, LAG(score_raw) OVER w AS p_raw,
                        LAG(path) OVER w AS p_path, LAG(sheet) OVER w AS p_sheet,
                        LAG(score_cell) OVER w AS p_cell,
                        LAG(return_period) OVER w AS p_period,
                        LAG(return_period_index) OVER w AS p_index
                 FROM (
                   SELECT *,
                          coalesce(residual_score, residual_impact * residual_likelihood) AS score,
                          coalesce(residual_score_raw,
                                   residual_impact_raw || ' x ' || residual_likelihood_raw)
                            AS score_raw,
                          coalesce(residual_score_cell, residual_likelihood_cell) AS score_cell
                   FROM current_risks
                 )
                 WHERE score IS NOT NULL
                 WINDOW w AS (PARTITION BY risk_id ORDER BY return_period_index, return_id, row)
               )
               WHERE p_v IS NOT NULL AND p_index IS NOT return_period_index
                 AND lower(trim(coalesce(direction, direction_raw, ''))) = 'same'
                 AND abs(score - p_v) > 1e-9
               ORDER BY path, row";
    query(conn, sql, out, |r| {
        let found = shown(os(r, 3)?.as_deref(), of(r, 4)?, None);
        let expected = shown(os(r, 13)?.as_deref(), of(r, 14)?, None);
        let other = location(&s(r, 10)?, &s(r, 11)?, &s(r, 12)?);
        let id = s(r, 5)?;
        Ok(Draft {
            rule: RISK_SCORE_CHANGED_WHILE_SAME,
            message: format!(
                "risk {id}'s residual score is {found} in {} but was {expected} in {} (at {other}), while its direction of travel says {:?} (at {})",
                s(r, 7)?,
                s(r, 15)?,
                s(r, 8)?,
                s(r, 9)?
            ),
            file: s(r, 0)?,
            sheet: s(r, 1)?,
            cell: s(r, 2)?,
            found,
            expected,
            key: Some(id),
            title: os(r, 6)?,
            related: other,
        })
    })?;
    Ok(())
}

/// The returns in force as file reports carrying the audit's findings, for
/// the renderers `check` uses: one report per return, in path order.
pub fn reports(conn: &Connection, findings: Vec<Finding>) -> rusqlite::Result<Vec<FileReport>> {
    let mut files: BTreeMap<String, FileReport> = BTreeMap::new();
    let mut stmt = conn.prepare(
        "SELECT r.path, r.period, t.sheet, t.kind, t.range, t.schema, t.rows
         FROM returns r LEFT JOIN return_tables t ON t.return_id = r.id
         WHERE r.status = 'current' ORDER BY r.path, t.rowid",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let path: String = r.get(0)?;
        let period: Option<String> = r.get(1)?;
        let f = files.entry(path.clone()).or_insert_with(|| FileReport {
            path: path.clone(),
            status: FileStatus::Checked,
            error: None,
            tables: Vec::new(),
            corrected: None,
            period: period.as_deref().and_then(Period::parse),
            format: None,
            findings: Vec::new(),
            warnings: Vec::new(),
        });
        if let Some(sheet) = r.get::<_, Option<String>>(2)? {
            f.tables.push(TableInfo {
                sheet,
                kind: s(r, 3)?,
                range: s(r, 4)?,
                schema: s(r, 5)?,
                rows: r.get::<_, Option<i64>>(6)?.unwrap_or(0).max(0) as usize,
            });
        }
    }
    for x in findings {
        if let Some(f) = files.get_mut(&x.file) {
            f.findings.push(x);
        }
    }
    Ok(files.into_values().collect())
}
