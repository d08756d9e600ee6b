//! Indicator tables, in both forms the council uses: the newer one with
//! a polarity column and dated result columns (Family Services 3.2a), and
//! the older one whose description's verb carries the polarity and which
//! gives target and DoT variances (2.1, 3.2.2).
//!
//! Percentages come as 44.0, as "44.0%" or as a fraction 0.44 under a %
//! format that the file does not reveal; which one a number is gets decided
//! from its context (the row's numerator and denominator, the column's other
//! values), never from one number alone.

use std::collections::HashMap;

use crate::detect::Table;
use crate::labels::Polarity;
use crate::period::Period;
use crate::schema::{Catalogue, CatalogueEntry, Unit};
use crate::values::{Num, Value};
use crate::workbook::{CellRef, Sheet};

use super::{Field, Fields};

/// The column keys an indicator schema may use.
pub const COLUMNS: &[&str] = &[
    "ref",
    "title",
    "category",
    "polarity",
    "period_covered",
    "annual_target",
    "target",
    "num_den",
    "numerator",
    "denominator",
    "result",
    "previous_result",
    "dot_short",
    "year_ago_result",
    "dot_long",
    "target_variance",
    "dot_variance",
    "rag",
    "benchmark",
    "unit",
    "service",
    "comments",
];

/// Columns that hold the indicator's own figures, in its unit.
pub const FIGURES: &[&str] = &[
    "annual_target",
    "target",
    "result",
    "previous_result",
    "year_ago_result",
];

/// Where an indicator's polarity came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PolaritySource {
    Column,
    Description,
    Catalogue,
}

/// A figure read in the indicator's own scale (percentages as 0-100).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub cell: CellRef,
    /// The value in the indicator's scale.
    pub value: f64,
    /// As written.
    pub num: Num,
    /// Stored as a fraction of one under a % format (0.44 for 44%).
    pub fraction: bool,
}

impl Figure {
    /// Half the last digit shown, in the indicator's scale.
    pub fn half_ulp(&self) -> f64 {
        let h = self.num.half_ulp();
        if self.fraction {
            h * 100.0
        } else {
            h
        }
    }

    /// Decimals shown, in the indicator's scale.
    pub fn decimals(&self) -> u8 {
        if self.fraction {
            self.num.decimals.saturating_sub(2)
        } else {
            self.num.decimals
        }
    }
}

/// One indicator row.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub row: u32,
    pub section: Option<String>,
    /// The ref without a category prefix ("FS/S6", "3009").
    pub reference: String,
    pub ref_cell: CellRef,
    /// "CPI", "SPI", "MPI" ... where the ref cell or a column gives it.
    pub category: Option<String>,
    pub title: String,
    pub polarity: Option<Polarity>,
    pub polarity_source: Option<PolaritySource>,
    /// The polarity the description's verb implies, where it has one.
    pub polarity_from_description: Option<Polarity>,
    pub unit: Option<Unit>,
    /// Column key to field; keys are interned (see [`key`]).
    pub fields: Fields,
    /// Numerator and denominator, and the cell(s) that hold them.
    pub ratio: Option<(f64, f64, CellRef)>,
    /// The table's fraction columns, shared by every row.
    fraction_cols: std::sync::Arc<HashMap<String, bool>>,
    /// The row's own numerator and denominator show its figures are fractions.
    fraction_row: bool,
    pub catalogue: Option<CatalogueEntry>,
}

impl Indicator {
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.get(key)
    }

    pub fn value(&self, key: &str) -> Option<&Value> {
        self.fields.get(key).map(|f| &f.value)
    }

    /// A figure in the indicator's scale; `None` when absent or not a number.
    pub fn figure(&self, key: &str) -> Option<Figure> {
        let f = self.fields.get(key)?;
        let Value::Number(num) = &f.value else {
            return None;
        };
        let fraction = self.is_fraction(key, num);
        Some(Figure {
            cell: f.cell,
            value: if fraction {
                num.value * 100.0
            } else {
                num.value
            },
            num: *num,
            fraction,
        })
    }

    fn is_fraction(&self, key: &str, num: &Num) -> bool {
        if num.from_text || self.unit != Some(Unit::Percent) || num.value.abs() > 1.0 {
            return false;
        }
        (self.fraction_row && FIGURES.contains(&key))
            || self.fraction_cols.get(key).copied().unwrap_or(false)
    }

    /// A cell as the user sees it in Excel: a fraction under a % format
    /// reads "44.0%", not 0.44.
    pub fn shown(&self, key: &str) -> String {
        match self.figure(key) {
            Some(fig) if fig.fraction => format!("{:.*}%", fig.decimals() as usize, fig.value),
            _ => self.field(key).map(|f| f.shown()).unwrap_or_default(),
        }
    }

    /// The numerator over the denominator, in the indicator's scale.
    pub fn ratio_value(&self) -> Option<f64> {
        let (n, d, _) = self.ratio?;
        if d == 0.0 {
            return None;
        }
        Some(match self.unit {
            Some(Unit::Rate) => n / d * 10_000.0,
            Some(Unit::Percent) | None => n / d * 100.0,
            _ => n / d,
        })
    }

    pub fn is_percentage(&self) -> bool {
        self.unit == Some(Unit::Percent)
    }
}

/// An indicator table with its rows read.
#[derive(Debug)]
pub struct IndicatorTable<'a> {
    pub table: &'a Table,
    pub sheet: &'a Sheet,
    pub rows: Vec<Indicator>,
}

/// The unit a title names: "(per 10,000)", "Percentage of", "(days)".
pub fn unit_from_title(title: &str) -> Option<Unit> {
    let t = crate::values::squash(title).to_lowercase();
    if t.contains("per 10,000")
        || t.contains("per 10000")
        || t.contains("per 1,000")
        || t.contains("per 100,000")
        || t.contains("rate per")
    {
        return Some(Unit::Rate);
    }
    if t.starts_with('%')
        || t.starts_with("percentage")
        || t.starts_with("proportion")
        || t.contains(" percentage ")
        || t.contains(" proportion ")
        || t.contains(" % ")
        || t.starts_with("the percentage")
        || t.starts_with("the proportion")
    {
        return Some(Unit::Percent);
    }
    if t.contains("(days)") || t.ends_with(" days") || t.contains("number of days") {
        return Some(Unit::Days);
    }
    if t.contains("(weeks)") || t.ends_with(" weeks") || t.contains("number of weeks") {
        return Some(Unit::Weeks);
    }
    if t.contains("number of") || t.starts_with("count of") {
        return Some(Unit::Count);
    }
    None
}

static CATEGORIES: &[&str] = &["CPI", "SPI", "MPI", "KPI", "DPI", "CP"];

/// Splits "SPI FS/C17" into ("SPI", "FS/C17").
fn split_category(s: &str) -> (Option<String>, String) {
    let s = crate::values::squash(s);
    if let Some((a, b)) = s.split_once(' ') {
        if CATEGORIES.contains(&a.to_uppercase().as_str()) && !b.trim().is_empty() {
            return (Some(a.to_uppercase()), b.trim().to_string());
        }
    }
    (None, s)
}

/// Reads a detected indicator table.
pub fn build<'a>(
    table: &'a Table,
    sheet: &'a Sheet,
    catalogue: &Catalogue,
    period: Option<Period>,
) -> IndicatorTable<'a> {
    let mut rows = Vec::with_capacity(table.rows.len());
    for dr in &table.rows {
        let fields = Fields::read(table, sheet, dr.row);
        let ref_field = fields
            .get("ref")
            .cloned()
            .unwrap_or_else(|| Field::read(sheet, CellRef::new(dr.row, 0)));
        let (mut category, reference) = split_category(&ref_field.raw.display());
        if let Some(c) = fields
            .get("category")
            .and_then(|f| f.raw.as_text())
            .filter(|t| !t.is_empty())
        {
            category = Some(c.to_string());
        }
        // A title read as text is already squashed.
        let title = fields
            .get("title")
            .map(|f| match &f.value {
                Value::Text(t) => t.to_string(),
                _ => crate::values::squash(&f.raw.display()),
            })
            .unwrap_or_default();
        let entry = catalogue.lookup(&reference, period).cloned();

        let polarity_from_description = Polarity::from_description(&title);
        let column_polarity = fields
            .get("polarity")
            .and_then(|f| f.raw.as_text())
            .and_then(Polarity::parse);
        let (polarity, polarity_source) = if table.has("polarity") {
            (
                column_polarity,
                column_polarity.map(|_| PolaritySource::Column),
            )
        } else if let Some(p) = polarity_from_description {
            (Some(p), Some(PolaritySource::Description))
        } else if let Some(p) = entry.as_ref().and_then(|e| e.polarity) {
            (Some(p), Some(PolaritySource::Catalogue))
        } else {
            (None, None)
        };

        let ratio = read_ratio(&fields);
        let explicit_unit = fields
            .get("unit")
            .and_then(|f| f.raw.as_text())
            .and_then(unit_from_word);
        let any_percent_sign = FIGURES
            .iter()
            .filter_map(|k| fields.get(k))
            .any(|f| matches!(&f.value, Value::Number(n) if n.percent_sign));
        let unit = explicit_unit
            .or(entry.as_ref().and_then(|e| e.unit))
            .or_else(|| unit_from_title(&title))
            .or_else(|| any_percent_sign.then_some(Unit::Percent))
            .or_else(|| {
                // A result that equals its numerator over denominator, as a
                // percentage or a fraction, says the indicator is a percentage.
                let (n, d, _) = ratio?;
                let r = fields.get("result")?.value.number()?;
                (d != 0.0 && ((r - n / d * 100.0).abs() < 0.51 || (r - n / d).abs() < 0.0051))
                    .then_some(Unit::Percent)
            });

        rows.push(Indicator {
            row: dr.row,
            section: dr.section.clone(),
            reference,
            ref_cell: ref_field.cell,
            category,
            title,
            polarity,
            polarity_source,
            polarity_from_description,
            unit,
            fields,
            ratio,
            fraction_cols: Default::default(),
            fraction_row: false,
            catalogue: entry,
        });
    }
    let fractions = std::sync::Arc::new(fraction_columns(&rows));
    for r in &mut rows {
        r.fraction_cols = fractions.clone();
        // The row's own numerator and denominator are the strongest evidence.
        if let (Some((n, d, _)), Some(Value::Number(res))) = (r.ratio, r.value("result")) {
            if d != 0.0 && !res.from_text && res.value.abs() <= 1.0 {
                let frac = n / d;
                let as_fraction = (res.value - frac).abs() <= res.half_ulp() + 1e-9;
                let as_percent = (res.value - frac * 100.0).abs() <= res.half_ulp() + 1e-9;
                r.fraction_row = as_fraction && !as_percent;
            }
        }
    }
    IndicatorTable { table, sheet, rows }
}

fn unit_from_word(s: &str) -> Option<Unit> {
    let t = s.trim().to_lowercase();
    Some(match t.as_str() {
        "%" | "percent" | "percentage" => Unit::Percent,
        "rate" | "per 10,000" | "rate per 10,000" => Unit::Rate,
        "count" | "number" | "no." => Unit::Count,
        "days" => Unit::Days,
        "weeks" => Unit::Weeks,
        "£" | "£000" | "£k" => Unit::Money,
        _ => return None,
    })
}

fn read_ratio(fields: &Fields) -> Option<(f64, f64, CellRef)> {
    if let Some(f) = fields.get("num_den") {
        if let Value::Ratio { num, den } = f.value {
            return Some((num, den, f.cell));
        }
    }
    let n = fields.get("numerator")?;
    let d = fields.get("denominator")?;
    Some((n.value.number()?, d.value.number()?, n.cell))
}

/// Which figure columns hold percentages as fractions of one. A column
/// counts as fractions when a row's numerator and denominator show it, or
/// when at least three percentage figures in it all lie within 0 to 1 and
/// one lies strictly between; any percentage figure above 1 rules it out.
fn fraction_columns(rows: &[Indicator]) -> HashMap<String, bool> {
    let mut out = HashMap::new();
    for key in FIGURES {
        let mut in_unit = 0;
        let mut strictly_between = false;
        let mut above_one = false;
        let mut ratio_evidence = false;
        for r in rows.iter().filter(|r| r.unit == Some(Unit::Percent)) {
            let Some(Value::Number(n)) = r.value(key) else {
                continue;
            };
            if n.from_text {
                continue;
            }
            if n.value.abs() > 1.0 {
                above_one = true;
                continue;
            }
            in_unit += 1;
            strictly_between |= n.value > 0.0 && n.value < 1.0;
            if *key == "result" {
                if let Some((num, den, _)) = r.ratio {
                    if den != 0.0 && (n.value - num / den).abs() <= n.half_ulp() + 1e-9 {
                        ratio_evidence = true;
                    }
                }
            }
        }
        let own = !above_one && (ratio_evidence || (in_unit >= 3 && strictly_between));
        out.insert((*key).to_string(), (own, !above_one && in_unit > 0));
    }
    // The figure columns of one table are typed alike: when one column is
    // shown to hold fractions, the others do too unless a figure above 1
    // rules them out.
    let any = out.values().any(|(own, _)| *own);
    out.into_iter()
        .map(|(k, (own, possible))| (k, own || (any && possible)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_from_titles() {
        assert_eq!(
            unit_from_title("Number of children subject to a CP Plan (per 10,000)"),
            Some(Unit::Rate)
        );
        assert_eq!(
            unit_from_title("Percentage of children in foster care"),
            Some(Unit::Percent)
        );
        assert_eq!(
            unit_from_title("% Child Protection visits within timeframes"),
            Some(Unit::Percent)
        );
        assert_eq!(
            unit_from_title("Number of children adopted"),
            Some(Unit::Count)
        );
        assert_eq!(
            unit_from_title("The average time between a child entering care and moving in with its adoptive family (days)"),
            Some(Unit::Days)
        );
        assert_eq!(
            unit_from_title("Young offenders in education, training or employment"),
            None
        );
    }

    #[test]
    fn category_prefixes() {
        assert_eq!(
            split_category("SPI FS/C17"),
            (Some("SPI".into()), "FS/C17".into())
        );
        assert_eq!(split_category("FS/S6"), (None, "FS/S6".into()));
        assert_eq!(split_category("3009"), (None, "3009".into()));
    }
}
