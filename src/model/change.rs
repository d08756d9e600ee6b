//! Change dashboards (the Children's Services improvement plan data
//! dashboard of 2017-18): a measure's previous and latest position, the
//! change since the previous period, a target and a rating.
//!
//! Figures carry their unit in the cell: "73%", "18.4 days", "23 weeks", or
//! a bare count. A measure with sub-rows ("Multi agency involvement in
//! Strategy Discussions" over "Education", "Health", "Police") heads them
//! with a row of its own that holds the periods ("Okt.17", "Nov.17") rather
//! than figures.

use crate::detect::Table;
use crate::labels::{Polarity, Rag};
use crate::values::{parse_number_text, squash, Num, SuffixUnit, Value};
use crate::workbook::{CellRef, Sheet};

use super::{Field, Fields};

/// The column keys a change schema may use.
pub const COLUMNS: &[&str] = &[
    "measure",
    "plan_id",
    "previous",
    "latest",
    "change",
    "change_since_judgement",
    "target",
    "polarity",
    "rating",
    "comments",
];

/// The unit a figure carries in its cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureUnit {
    Percent,
    Days,
    Weeks,
    Months,
    /// A bare number: a count, a rate, or a percentage stored as a fraction.
    Plain,
}

impl FigureUnit {
    pub fn of(num: &Num) -> FigureUnit {
        match num.suffix {
            Some(SuffixUnit::Days) => FigureUnit::Days,
            Some(SuffixUnit::Weeks) => FigureUnit::Weeks,
            Some(SuffixUnit::Months) => FigureUnit::Months,
            None if num.percent_sign => FigureUnit::Percent,
            None => FigureUnit::Plain,
        }
    }

    /// How the unit reads in a message.
    pub fn words(self) -> &'static str {
        match self {
            FigureUnit::Percent => "a percentage",
            FigureUnit::Days => "days",
            FigureUnit::Weeks => "weeks",
            FigureUnit::Months => "months",
            FigureUnit::Plain => "a plain number",
        }
    }

    /// The cell style that writes a figure in this unit.
    pub fn apply(self, like: &Num) -> Num {
        Num {
            percent_sign: self == FigureUnit::Percent,
            suffix: match self {
                FigureUnit::Days => Some(SuffixUnit::Days),
                FigureUnit::Weeks => Some(SuffixUnit::Weeks),
                FigureUnit::Months => Some(SuffixUnit::Months),
                _ => None,
            },
            ..*like
        }
    }
}

/// A figure as written, with its cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub cell: CellRef,
    pub num: Num,
    pub unit: FigureUnit,
}

/// A target as the dashboard writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// "12 to 16": met inside the range.
    Range(f64, f64),
    /// "90% or more", ">= 90%", "> 90%" (strict).
    AtLeast(f64, bool),
    /// "16 or fewer", "<= 16", "< 16" (strict).
    AtMost(f64, bool),
    /// "55%": which side is good comes from the row's polarity.
    Value(f64),
}

/// A parsed target and the unit its figures carry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetSpec {
    pub target: Target,
    pub unit: FigureUnit,
}

impl TargetSpec {
    /// Whether `x` (in the target's scale) meets the target; `None` when the
    /// polarity is needed and unknown.
    pub fn met(&self, x: f64, polarity: Option<Polarity>) -> Option<bool> {
        Some(match self.target {
            Target::Range(lo, hi) => x >= lo && x <= hi,
            Target::AtLeast(t, strict) => x > t || (!strict && x == t),
            Target::AtMost(t, strict) => x < t || (!strict && x == t),
            Target::Value(t) => match polarity? {
                Polarity::BiggerIsBetter => x >= t,
                Polarity::SmallerIsBetter => x <= t,
                Polarity::Monitor | Polarity::Maintain => return None,
            },
        })
    }
}

/// Parses a target: "12 to 16", "12-16", "<16", "at least 90%", "90% or
/// more", "55%". Words such as "N/A" or "Improve" are no target.
pub fn parse_target(s: &str) -> Option<TargetSpec> {
    let t = squash(s).to_lowercase();
    let t = t.trim();
    if t.is_empty() {
        return None;
    }
    let num = |x: &str| parse_number_text(x.trim());
    let spec = |target, n: &Num| {
        Some(TargetSpec {
            target,
            unit: FigureUnit::of(n),
        })
    };
    for sep in [" to ", "–", " - ", "-"] {
        // "-5" alone is a negative figure, not a range.
        if let Some((a, b)) = t.split_once(sep).filter(|(a, _)| !a.trim().is_empty()) {
            if let (Some(a), Some(b)) = (num(a), num(b)) {
                // "12 to 16%": the unit written once covers both ends.
                let unit_of = if b.percent_sign || b.suffix.is_some() {
                    &b
                } else {
                    &a
                };
                return spec(
                    Target::Range(a.value.min(b.value), a.value.max(b.value)),
                    unit_of,
                );
            }
        }
    }
    const AT_MOST: &[(&str, bool)] = &[
        ("<=", false),
        ("≤", false),
        ("<", true),
        ("below ", true),
        ("under ", true),
        ("less than ", true),
        ("fewer than ", true),
        ("at most ", false),
        ("no more than ", false),
        ("max ", false),
        ("maximum ", false),
        ("up to ", false),
    ];
    const AT_LEAST: &[(&str, bool)] = &[
        (">=", false),
        ("≥", false),
        (">", true),
        ("above ", true),
        ("over ", true),
        ("more than ", true),
        ("at least ", false),
        ("no less than ", false),
        ("min ", false),
        ("minimum ", false),
    ];
    for (list, at_most) in [(AT_MOST, true), (AT_LEAST, false)] {
        for (prefix, strict) in list {
            if let Some(n) = t.strip_prefix(prefix).and_then(num) {
                let target = if at_most {
                    Target::AtMost(n.value, *strict)
                } else {
                    Target::AtLeast(n.value, *strict)
                };
                return spec(target, &n);
            }
        }
    }
    for (suffix, at_most) in [
        (" or less", true),
        (" or fewer", true),
        (" or below", true),
        (" or lower", true),
        (" or more", false),
        (" or above", false),
        (" or higher", false),
        ("+", false),
    ] {
        if let Some(n) = t.strip_suffix(suffix).and_then(num) {
            let target = if at_most {
                Target::AtMost(n.value, false)
            } else {
                Target::AtLeast(n.value, false)
            };
            return spec(target, &n);
        }
    }
    let n = num(t)?;
    spec(Target::Value(n.value), &n)
}

/// One measure of a change dashboard.
#[derive(Debug, Clone)]
pub struct ChangeRow {
    pub row: u32,
    /// The measure as written ("Education").
    pub measure: String,
    /// The measure it sits under, when it is a sub-row ("Multi agency
    /// involvement in Strategy Discussions").
    pub group: Option<String>,
    pub plan_id: Option<String>,
    pub polarity: Option<Polarity>,
    pub fields: Fields,
}

impl ChangeRow {
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.get(key)
    }

    /// A figure with its unit; `None` when absent or not a number.
    pub fn figure(&self, key: &str) -> Option<Figure> {
        let f = self.fields.get(key)?;
        let Value::Number(num) = &f.value else {
            return None;
        };
        Some(Figure {
            cell: f.cell,
            num: *num,
            unit: FigureUnit::of(num),
        })
    }

    pub fn target(&self) -> Option<TargetSpec> {
        let f = self.fields.get("target")?;
        match &f.value {
            Value::Number(n) => Some(TargetSpec {
                target: Target::Value(n.value),
                unit: FigureUnit::of(n),
            }),
            Value::Text(t) => parse_target(t),
            _ => None,
        }
    }

    pub fn rating(&self) -> Option<Rag> {
        self.fields
            .get("rating")
            .and_then(|f| f.raw.as_text())
            .and_then(Rag::parse)
    }

    /// "Group: measure" for messages.
    pub fn title(&self) -> String {
        match &self.group {
            Some(g) => format!("{g}: {}", self.measure),
            None => self.measure.clone(),
        }
    }
}

/// A change dashboard with its rows read.
#[derive(Debug)]
pub struct ChangeTable<'a> {
    pub table: &'a Table,
    pub sheet: &'a Sheet,
    pub rows: Vec<ChangeRow>,
}

/// Reads a detected change table; `None` for other kinds.
pub fn build<'a>(table: &'a Table, sheet: &'a Sheet) -> Option<ChangeTable<'a>> {
    if table.kind() != "change" {
        return None;
    }
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut group: Option<String> = None;
    let mut plan_id: Option<String> = None;
    let mut last_row: Option<u32> = None;
    for dr in &table.rows {
        // A block runs on from its heading without a gap; a row after a gap
        // (a periods row, a section) starts afresh.
        if last_row.is_none_or(|r| r + 1 != dr.row) {
            group = None;
            plan_id = None;
        }
        last_row = Some(dr.row);
        let fields = Fields::read(table, sheet, dr.row);
        let text = |k: &str| {
            fields
                .get(k)
                .map(|f| squash(&f.raw.display()))
                .filter(|t| !t.is_empty())
        };
        let measure = text("measure").unwrap_or_default();
        if let Some(id) = text("plan_id") {
            plan_id = Some(id);
            group = None;
        }
        let has_figures = ["previous", "latest"]
            .iter()
            .any(|k| matches!(fields.get(k).map(|f| &f.value), Some(Value::Number(_))));
        if !has_figures {
            // A heading row: it names the measure the next rows break down.
            group = Some(measure);
            plan_id = text("plan_id");
            continue;
        }
        let polarity = fields
            .get("polarity")
            .and_then(|f| f.raw.as_text())
            .and_then(Polarity::parse)
            .or_else(|| Polarity::from_description(&measure));
        rows.push(ChangeRow {
            row: dr.row,
            measure,
            group: group.clone(),
            plan_id: plan_id.clone(),
            polarity,
            fields,
        });
    }
    Some(ChangeTable { table, sheet, rows })
}

/// Every change table of a workbook, read into rows.
pub fn build_all<'a>(tables: &'a [Table], sheets: &'a [Sheet]) -> Vec<ChangeTable<'a>> {
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

    fn target(s: &str) -> Option<Target> {
        parse_target(s).map(|t| t.target)
    }

    #[test]
    fn targets_as_written() {
        assert_eq!(target("12 to 16"), Some(Target::Range(12.0, 16.0)));
        assert_eq!(target("12-16"), Some(Target::Range(12.0, 16.0)));
        assert_eq!(target("55%"), Some(Target::Value(55.0)));
        assert_eq!(parse_target("55%").unwrap().unit, FigureUnit::Percent);
        assert_eq!(parse_target("26 weeks").unwrap().unit, FigureUnit::Weeks);
        assert_eq!(target("-5"), Some(Target::Value(-5.0)));
        assert_eq!(target("< 16"), Some(Target::AtMost(16.0, true)));
        assert_eq!(target("at least 90%"), Some(Target::AtLeast(90.0, false)));
        assert_eq!(target("90% or more"), Some(Target::AtLeast(90.0, false)));
        assert_eq!(target("Improve"), None);
    }

    #[test]
    fn meeting_a_target() {
        let r = parse_target("12 to 16").unwrap();
        assert_eq!(r.met(14.5, None), Some(true));
        assert_eq!(r.met(19.7, None), Some(false));
        let v = parse_target("55%").unwrap();
        assert_eq!(v.met(64.5, None), None);
        assert_eq!(v.met(64.5, Some(Polarity::BiggerIsBetter)), Some(true));
        assert_eq!(v.met(64.5, Some(Polarity::SmallerIsBetter)), Some(false));
    }
}
