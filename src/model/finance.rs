//! Revenue and capital tables in £000 (Family Services 2016/17 sections
//! 2.1 and 2.2, 2014/15 sections 4.1 and 4.2).
//!
//! Figures arrive as numbers, as "1,051", as "(465)" for a negative or as
//! "-" for nil; percentages as "-68.7%", as -68.7 or as a fraction -0.687
//! under a % format. A row whose label starts with "Total" is the total of
//! the rows above it (back to the previous total).

use std::collections::HashMap;

use crate::detect::Table;
use crate::values::{Absence, Num, Value};
use crate::workbook::{CellRef, Sheet};

use super::{Field, Fields};

/// The column keys a revenue schema may use.
pub const REVENUE_COLUMNS: &[&str] = &[
    "description",
    "original",
    "revised",
    "outturn",
    "variation",
    "pct_variation",
    "comments",
];

/// The column keys a capital schema may use.
pub const CAPITAL_COLUMNS: &[&str] = &[
    "approved",
    "description",
    "additions",
    "slippage",
    "budget",
    "forecast",
    "variance",
    "pct_slippage",
    "comments",
];

/// The £000 columns of each kind: what a Total row adds up.
pub const REVENUE_MONEY: &[&str] = &["original", "revised", "outturn", "variation"];
pub const CAPITAL_MONEY: &[&str] = &[
    "approved",
    "additions",
    "slippage",
    "budget",
    "forecast",
    "variance",
];

/// Which of the two table kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinanceKind {
    Revenue,
    Capital,
}

impl FinanceKind {
    pub fn of(kind: &str) -> Option<FinanceKind> {
        match kind {
            "revenue" => Some(FinanceKind::Revenue),
            "capital" => Some(FinanceKind::Capital),
            _ => None,
        }
    }

    pub fn money_columns(self) -> &'static [&'static str] {
        match self {
            FinanceKind::Revenue => REVENUE_MONEY,
            FinanceKind::Capital => CAPITAL_MONEY,
        }
    }
}

/// A £000 figure as written, with its cell. A "-" is a nil figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub cell: CellRef,
    pub value: f64,
    pub num: Num,
}

impl Amount {
    /// Half the last digit shown: how far the ledger figure may lie from it.
    pub fn half_ulp(&self) -> f64 {
        self.num.half_ulp()
    }
}

/// A percentage as written, read in percent (-68.7 for "-68.7%" and for a
/// fraction -0.687 under a % format).
#[derive(Debug, Clone, PartialEq)]
pub struct Percent {
    pub cell: CellRef,
    pub num: Num,
    /// Stored as a fraction of one (the column's other figures say so).
    pub fraction: bool,
    /// A number cell without a % sign, so either scale is possible.
    pub ambiguous: bool,
}

impl Percent {
    /// The value in percent under the column's reading.
    pub fn value(&self) -> f64 {
        if self.fraction {
            self.num.value * 100.0
        } else {
            self.num.value
        }
    }

    /// Half the last digit shown, in percent.
    pub fn half_ulp(&self) -> f64 {
        if self.fraction {
            self.num.half_ulp() * 100.0
        } else {
            self.num.half_ulp()
        }
    }

    /// Decimals shown, in percent.
    pub fn decimals(&self) -> u8 {
        if self.fraction {
            self.num.decimals.saturating_sub(2)
        } else {
            self.num.decimals
        }
    }

    /// Every reading of the cell in percent, with its rounding: the column's
    /// reading first, then the other scale where a bare number allows it.
    pub fn readings(&self) -> Vec<(f64, f64)> {
        let mut out = vec![(self.value(), self.half_ulp())];
        if self.ambiguous {
            let other = Percent {
                fraction: !self.fraction,
                ..self.clone()
            };
            out.push((other.value(), other.half_ulp()));
        }
        out
    }
}

/// One line of a revenue or capital table.
#[derive(Debug, Clone)]
pub struct FinanceRow {
    pub row: u32,
    /// The service or scheme ("Placements", "Family Services", "Total").
    pub label: String,
    /// The row totals the rows above it.
    pub total: bool,
    /// A sub-total: it totals the lines since the previous (sub-)total, and
    /// a Total after it adds the lines, not the sub-totals.
    pub subtotal: bool,
    pub fields: Fields,
}

impl FinanceRow {
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.get(key)
    }

    /// A £000 figure; `None` when the cell is empty, a word or not there.
    pub fn amount(&self, key: &str) -> Option<Amount> {
        let f = self.fields.get(key)?;
        let num = match &f.value {
            Value::Number(n) => *n,
            Value::Absent(Absence::Dash) => nil(),
            _ => return None,
        };
        Some(Amount {
            cell: f.cell,
            value: num.value,
            num,
        })
    }
}

/// A "-" read as zero; a fix written over it uses the seeds' "(1,365)" style.
fn nil() -> Num {
    Num {
        parens: true,
        grouped: true,
        from_text: true,
        ..Num::plain(0.0)
    }
}

/// A revenue or capital table with its rows read.
#[derive(Debug)]
pub struct FinanceTable<'a> {
    pub table: &'a Table,
    pub sheet: &'a Sheet,
    pub kind: FinanceKind,
    pub rows: Vec<FinanceRow>,
    /// Percentage columns whose bare numbers are fractions of one.
    fraction_cols: HashMap<String, bool>,
}

impl FinanceTable<'_> {
    /// A percentage of a row, read in percent.
    pub fn percent(&self, row: &FinanceRow, key: &str) -> Option<Percent> {
        let f = row.fields.get(key)?;
        let Value::Number(num) = &f.value else {
            return None;
        };
        let bare = !num.from_text && !num.percent_sign;
        Some(Percent {
            cell: f.cell,
            num: *num,
            fraction: bare && self.fraction_cols.get(key).copied().unwrap_or(false),
            ambiguous: bare,
        })
    }
}

/// Whether a label marks a total row: "Total", "Total Family Services",
/// "Grand total", "Net total", or a sub-total.
pub fn is_total_label(label: &str) -> bool {
    let t = crate::values::squash(label).to_lowercase();
    t.starts_with("total")
        || t == "grand total"
        || t == "net total"
        || t == "totals"
        || is_subtotal_label(label)
}

/// Whether a label marks a sub-total: "Sub-total", "Subtotal Social Care".
pub fn is_subtotal_label(label: &str) -> bool {
    let t = crate::values::squash(label).to_lowercase();
    ["sub-total", "subtotal", "sub total"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// The row's label: its description cell, else the nearest text to the left
/// of the table (the seeds leave the header over the capital service blank).
fn row_label(table: &Table, sheet: &Sheet, row: u32, fields: &Fields) -> String {
    if let Some(t) = fields
        .get("description")
        .map(|f| crate::values::squash(&f.raw.display()))
        .filter(|t| !t.is_empty())
    {
        return t;
    }
    let first = table.columns.values().copied().min().unwrap_or(0);
    (sheet.origin.1..first)
        .rev()
        .find_map(|c| {
            sheet
                .get(row, c)
                .as_text()
                .filter(|t| !t.is_empty())
                .map(crate::values::squash)
        })
        .unwrap_or_default()
}

/// Reads a detected revenue or capital table; `None` for other kinds.
pub fn build<'a>(table: &'a Table, sheet: &'a Sheet) -> Option<FinanceTable<'a>> {
    let kind = FinanceKind::of(table.kind())?;
    let mut rows = Vec::with_capacity(table.rows.len());
    for dr in &table.rows {
        let fields = Fields::read(table, sheet, dr.row);
        let label = row_label(table, sheet, dr.row, &fields);
        rows.push(FinanceRow {
            row: dr.row,
            total: is_total_label(&label),
            subtotal: is_subtotal_label(&label),
            label,
            fields,
        });
    }
    let fraction_cols = ["pct_variation", "pct_slippage"]
        .iter()
        .map(|k| (k.to_string(), fraction_column(&rows, k)))
        .collect();
    Some(FinanceTable {
        table,
        sheet,
        kind,
        rows,
        fraction_cols,
    })
}

/// A percentage column holds fractions of one when every bare number in it
/// lies within -1 to 1 and one of them is not a whole number (-0.687 under
/// a % format); any larger figure means the column is in percent.
fn fraction_column(rows: &[FinanceRow], key: &str) -> bool {
    let bare: Vec<f64> = rows
        .iter()
        .filter_map(|r| match r.fields.get(key).map(|f| &f.value) {
            Some(Value::Number(n)) if !n.from_text && !n.percent_sign => Some(n.value),
            _ => None,
        })
        .collect();
    !bare.is_empty() && bare.iter().all(|v| v.abs() <= 1.0) && bare.iter().any(|v| v.fract() != 0.0)
}

/// Every revenue and capital table of a workbook, read into rows.
pub fn build_all<'a>(tables: &'a [Table], sheets: &'a [Sheet]) -> Vec<FinanceTable<'a>> {
    tables
        .iter()
        .filter_map(|t| {
            let sheet = sheets.iter().find(|s| s.name == t.sheet)?;
            build(t, sheet)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_labels() {
        assert!(is_total_label("Total"));
        assert!(is_total_label("TOTAL Family Services"));
        assert!(is_total_label("Grand total"));
        assert!(!is_total_label("Family Services"));
        assert!(is_total_label("Sub-total Children's Social Care"));
        assert!(is_subtotal_label("Subtotal"));
        assert!(!is_subtotal_label("Total"));
        assert!(!is_total_label("Sundry totals"));
    }
}
