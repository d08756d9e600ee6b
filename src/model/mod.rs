//! Typed tables: what rules see.
//!
//! A detected [`crate::detect::Table`] is a grid of cells under named
//! columns; the modules here read those cells into typed rows (an
//! indicator, a risk, a finance line) with every value's cell kept, so a
//! finding can point at it.

pub mod change;
pub mod finance;
pub mod heatmap;
pub mod indicator;
pub mod risk;
pub mod summary;

use crate::values::{parse_cell, Value};
use crate::workbook::{Cell, CellRef, Sheet};

/// Every table kind a schema may describe.
pub const KINDS: &[&str] = &[
    "indicators",
    "summary",
    "revenue",
    "capital",
    "change",
    "risks",
    "heatmap",
];

/// Kinds found by their own grid detectors rather than a header row.
pub const GRID_KINDS: &[&str] = &["summary", "heatmap"];

/// The column keys a schema of `kind` may use.
pub fn known_columns(kind: &str) -> Option<&'static [&'static str]> {
    match kind {
        "indicators" => Some(indicator::COLUMNS),
        "summary" => Some(summary::COLUMNS),
        "revenue" => Some(finance::REVENUE_COLUMNS),
        "capital" => Some(finance::CAPITAL_COLUMNS),
        "change" => Some(change::COLUMNS),
        "risks" => Some(risk::COLUMNS),
        "heatmap" => Some(heatmap::COLUMNS),
        _ => None,
    }
}

/// A value with the cell it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub cell: CellRef,
    pub raw: Cell,
    pub value: Value,
}

/// A column key as a `&'static str`: the keys kpicheck knows are its own
/// constants, and a key only a user's schema names is interned once per
/// thread, so a model's rows need not copy their keys.
pub fn key(k: &str) -> &'static str {
    if let Some(known) = indicator::COLUMNS.iter().find(|c| **c == k) {
        return known;
    }
    thread_local! {
        static OTHERS: std::cell::RefCell<std::collections::HashSet<&'static str>> =
            std::cell::RefCell::new(std::collections::HashSet::new());
    }
    OTHERS.with(|o| {
        if let Some(&s) = o.borrow().get(k) {
            return s;
        }
        // Bounded by the distinct keys of the schemas loaded.
        let s: &'static str = Box::leak(k.to_string().into_boxed_str());
        o.borrow_mut().insert(s);
        s
    })
}

/// A row's fields by column key: a short list, searched in order. A
/// table has a dozen or so columns, and a long table holds one of these per
/// row, so it is kept as small as a list can be.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields(Vec<(&'static str, Field)>);

impl Fields {
    /// A table row's cells under each of the table's columns.
    pub fn read(table: &crate::detect::Table, sheet: &Sheet, row: u32) -> Fields {
        Fields(
            table
                .columns
                .iter()
                .map(|(k, &c)| (key(k), Field::read(sheet, CellRef::new(row, c))))
                .collect(),
        )
    }

    /// Sets a column's field, replacing any already set.
    pub fn insert(&mut self, key: &'static str, field: Field) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = field,
            None => self.0.push((key, field)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Field> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, f)| f)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn values(&self) -> impl Iterator<Item = &Field> {
        self.0.iter().map(|(_, f)| f)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Field)> {
        self.0.iter().map(|(k, f)| (*k, f))
    }
}

impl Field {
    pub fn read(sheet: &Sheet, cell: CellRef) -> Field {
        let raw = sheet.get(cell.row, cell.col).clone();
        let value = parse_cell(&raw);
        Field { cell, raw, value }
    }

    /// The cell as the user sees it, for messages.
    pub fn shown(&self) -> String {
        crate::values::squash(&self.raw.display())
    }
}
