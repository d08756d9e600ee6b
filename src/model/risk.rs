//! Risk registers, in both forms the council uses: separate impact,
//! likelihood and score columns for the inherent and residual risk (Family
//! Services quarterly report, section 6), and cells that carry a label and a
//! number together ("Major 4", "Likely 4", "High 16") for a current and a
//! target assessment (delivery unit report, 5.3).
//!
//! A cell is read for what it says, not corrected: "Major 3" keeps both its
//! label and its number so a rule can report that they disagree.

use std::fmt;

use crate::detect::Table;
use crate::schema::RiskBand;
use crate::values::{parse_number_text, squash};
use crate::workbook::{Cell, CellRef, Sheet, Workbook};

use super::Field;

/// The column keys a risk register schema may use.
pub const COLUMNS: &[&str] = &[
    "id",
    "title",
    "description",
    "owner",
    "nature",
    "controls",
    "inherent_impact",
    "inherent_likelihood",
    "inherent_score",
    "residual_impact",
    "residual_likelihood",
    "residual_score",
    "residual_band",
    "target_impact",
    "target_likelihood",
    "target_score",
    "direction",
    "response",
    "assurance",
    "comments",
];

/// One of the two scales a risk is assessed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    Impact,
    Likelihood,
}

impl Axis {
    /// The scale's labels, level 1 first.
    pub fn labels(self) -> &'static [&'static str; 5] {
        match self {
            Axis::Impact => &["Negligible", "Minor", "Moderate", "Major", "Catastrophic"],
            Axis::Likelihood => &["Rare", "Unlikely", "Possible", "Likely", "Almost Certain"],
        }
    }

    /// The label of a level from 1 to 5.
    pub fn label(self, level: u8) -> &'static str {
        self.labels()
            .get(usize::from(level.saturating_sub(1)))
            .copied()
            .unwrap_or("")
    }

    /// The level a word names on this scale ("Major" is impact 4).
    pub fn level_of(self, word: &str) -> Option<u8> {
        let w = squash(word).to_lowercase().replace('-', " ");
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        self.labels()
            .iter()
            .position(|l| l.to_lowercase() == w)
            .map(|i| i as u8 + 1)
    }

    pub fn other(self) -> Axis {
        match self {
            Axis::Impact => Axis::Likelihood,
            Axis::Likelihood => Axis::Impact,
        }
    }

    /// "impact" or "likelihood", as schema keys and messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Axis::Impact => "impact",
            Axis::Likelihood => "likelihood",
        }
    }

    /// The scale written out, for messages: "1 Negligible, 2 Minor, ...".
    pub fn scale(self) -> String {
        self.labels()
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{} {l}", i + 1))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Axis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The axis and level a word names on either scale.
pub fn level_word(word: &str) -> Option<(Axis, u8)> {
    [Axis::Impact, Axis::Likelihood]
        .into_iter()
        .find_map(|a| a.level_of(word).map(|l| (a, l)))
}

/// A cell holding a label, a number or both: "Major 4", "4 Major",
/// "High 16", "Medium \nHigh \n9", or a plain 4.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub label: Option<String>,
    pub number: Option<f64>,
    /// The label came before the number ("Major 4" rather than "4 Major").
    pub label_first: bool,
}

/// Reads a scored cell; `None` when it is empty or a deliberate "N/A".
pub fn parse_scored(cell: &Cell) -> Option<Scored> {
    match cell {
        Cell::Number(n) => Some(Scored {
            label: None,
            number: Some(*n),
            label_first: false,
        }),
        Cell::Text(t) => parse_scored_text(t),
        _ => None,
    }
}

fn parse_scored_text(t: &str) -> Option<Scored> {
    let s = squash(&t.replace(['(', ')'], " "));
    if s.is_empty() || crate::values::absence(&s).is_some() {
        return None;
    }
    let words: Vec<&str> = s.split(' ').collect();
    let number = |w: &str| {
        let w = w.trim_matches(|c: char| c == ':' || c == '-' || c == '=');
        parse_number_text(w)
            .filter(|n| !n.percent_sign)
            .map(|n| n.value)
    };
    let clean = |ws: &[&str]| {
        let l = ws.join(" ");
        let l = l.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        (!l.is_empty()).then_some(l)
    };
    if let (Some(first), true) = (words.first(), words.len() > 1) {
        if let Some(n) = number(first) {
            return Some(Scored {
                label: clean(&words[1..]),
                number: Some(n),
                label_first: false,
            });
        }
    }
    if let Some((last, rest)) = words.split_last() {
        if let Some(n) = number(last) {
            return Some(Scored {
                label: clean(rest),
                number: Some(n),
                label_first: true,
            });
        }
    }
    Some(Scored {
        label: clean(&words),
        number: None,
        label_first: true,
    })
}

/// A scored cell with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredField {
    pub field: Field,
    /// `None` when the cell is empty or "N/A".
    pub scored: Option<Scored>,
}

impl ScoredField {
    fn read(sheet: &Sheet, cell: CellRef) -> ScoredField {
        let field = Field::read(sheet, cell);
        let scored = parse_scored(&field.raw);
        ScoredField { field, scored }
    }

    pub fn cell(&self) -> CellRef {
        self.field.cell
    }

    pub fn number(&self) -> Option<f64> {
        self.scored.as_ref()?.number
    }

    pub fn label(&self) -> Option<&str> {
        self.scored.as_ref()?.label.as_deref()
    }

    /// The level the cell states on `axis`, when it states one cleanly: its
    /// number if that is a whole number from 1 to 5 and any label agrees, or
    /// its label's level where it has no number.
    pub fn level(&self, axis: Axis) -> Option<u8> {
        let s = self.scored.as_ref()?;
        let from_label = match &s.label {
            Some(l) => Some(axis.level_of(l)?),
            None => None,
        };
        match (s.number, from_label) {
            (Some(n), l) => {
                let n = whole_level(n)?;
                (l.is_none() || l == Some(n)).then_some(n)
            }
            (None, l) => l,
        }
    }
}

/// A number that is a whole level from 1 to 5.
pub fn whole_level(n: f64) -> Option<u8> {
    (n.fract() == 0.0 && (1.0..=5.0).contains(&n)).then_some(n as u8)
}

/// One assessment of a risk: inherent, residual (current) or target.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assessment {
    pub impact: Option<ScoredField>,
    pub likelihood: Option<ScoredField>,
    pub score: Option<ScoredField>,
    /// A band in a column of its own ("Risk Band").
    pub band: Option<Field>,
}

impl Assessment {
    /// Impact and likelihood, when both are stated cleanly.
    pub fn levels(&self) -> Option<(u8, u8)> {
        Some((
            self.impact.as_ref()?.level(Axis::Impact)?,
            self.likelihood.as_ref()?.level(Axis::Likelihood)?,
        ))
    }

    /// Impact x likelihood.
    pub fn product(&self) -> Option<u32> {
        self.levels().map(|(i, l)| u32::from(i) * u32::from(l))
    }

    /// The score as the arithmetic gives it, else as the score cell says.
    pub fn value(&self) -> Option<u32> {
        self.product().or_else(|| {
            let n = self.score.as_ref()?.number()?;
            (n.fract() == 0.0 && (1.0..=25.0).contains(&n)).then_some(n as u32)
        })
    }

    /// Whether the register has any column of this assessment.
    pub fn present(&self) -> bool {
        self.impact.is_some() || self.likelihood.is_some() || self.score.is_some()
    }

    /// The cell that stands for the whole assessment: its score, else its
    /// likelihood, else its impact.
    pub fn anchor(&self) -> Option<CellRef> {
        self.score
            .as_ref()
            .or(self.likelihood.as_ref())
            .or(self.impact.as_ref())
            .map(ScoredField::cell)
    }
}

/// A direction of travel of a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum RiskDirection {
    Same,
    New,
    Increased,
    Reduced,
}

impl RiskDirection {
    pub const LABELS: &'static [&'static str] = &["Same", "New", "Increased", "Reduced"];

    pub fn parse(s: &str) -> Option<RiskDirection> {
        let t = squash(s).to_lowercase();
        Some(match t.trim_end_matches('.') {
            "same" | "unchanged" | "no change" | "stable" => RiskDirection::Same,
            "new" | "new risk" => RiskDirection::New,
            "increased" | "increasing" | "increase" | "up" => RiskDirection::Increased,
            "reduced" | "reducing" | "decreased" | "decreasing" | "reduce" | "down" => {
                RiskDirection::Reduced
            }
            _ => return None,
        })
    }
}

/// What the council does about a risk: the four Ts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Response {
    Treat,
    Tolerate,
    Transfer,
    Terminate,
}

impl Response {
    pub const LABELS: &'static [&'static str] = &["Treat", "Tolerate", "Transfer", "Terminate"];

    pub fn parse(s: &str) -> Option<Response> {
        let t = squash(s).to_lowercase();
        Some(match t.trim_end_matches('.') {
            "treat" => Response::Treat,
            "tolerate" => Response::Tolerate,
            "transfer" => Response::Transfer,
            "terminate" => Response::Terminate,
            _ => return None,
        })
    }
}

/// One risk of a register.
#[derive(Debug, Clone)]
pub struct Risk {
    pub row: u32,
    /// "FS019", "DUFS0001".
    pub id: String,
    pub id_cell: CellRef,
    pub title: String,
    pub inherent: Assessment,
    /// The residual risk (with controls), or the older form's current assessment.
    pub residual: Assessment,
    pub target: Assessment,
    pub direction: Option<Field>,
    pub response: Option<Field>,
}

/// A risk register with its rows read.
#[derive(Debug)]
pub struct RiskRegister<'a> {
    pub table: &'a Table,
    pub sheet: &'a Sheet,
    pub rows: Vec<Risk>,
}

impl RiskRegister<'_> {
    pub fn bands(&self) -> &[RiskBand] {
        &self.table.schema.params.risk_bands
    }
}

/// The band a score falls in.
pub fn band_for(bands: &[RiskBand], score: u32) -> Option<&RiskBand> {
    bands.iter().find(|b| (b.min..=b.max).contains(&score))
}

/// Band labels compared as a reader would: case, spacing and hyphens aside.
pub fn same_band(a: &str, b: &str) -> bool {
    let norm = |s: &str| squash(&s.replace('-', " ")).to_lowercase();
    norm(a) == norm(b)
}

/// Splits "DUFS0001 Failure to meet 3 year budget Savings" into its id and title.
fn split_id(text: &str) -> (String, String) {
    let s = squash(text);
    match s.split_once(' ') {
        Some((id, rest)) if id.chars().any(|c| c.is_ascii_digit()) => {
            (id.to_string(), rest.trim().to_string())
        }
        _ => (s, String::new()),
    }
}

/// Reads a detected risk register.
pub fn build<'a>(table: &'a Table, sheet: &'a Sheet) -> RiskRegister<'a> {
    let scored = |row: u32, key: &str| {
        table
            .col(key)
            .map(|c| ScoredField::read(sheet, CellRef::new(row, c)))
    };
    let field = |row: u32, key: &str| {
        table
            .col(key)
            .map(|c| Field::read(sheet, CellRef::new(row, c)))
    };
    let assessment = |row: u32, prefix: &str| Assessment {
        impact: scored(row, &format!("{prefix}_impact")),
        likelihood: scored(row, &format!("{prefix}_likelihood")),
        score: scored(row, &format!("{prefix}_score")),
        band: field(row, &format!("{prefix}_band")),
    };
    let rows = table
        .rows
        .iter()
        .map(|dr| {
            let id_field = field(dr.row, "id");
            let (id, inline_title) = id_field
                .as_ref()
                .map(|f| split_id(&f.raw.display()))
                .unwrap_or_default();
            let title = field(dr.row, "title")
                .map(|f| squash(&f.raw.display()))
                .filter(|t| !t.is_empty())
                .unwrap_or(inline_title);
            Risk {
                row: dr.row,
                id,
                id_cell: id_field.map(|f| f.cell).unwrap_or(CellRef::new(dr.row, 0)),
                title,
                inherent: assessment(dr.row, "inherent"),
                residual: assessment(dr.row, "residual"),
                target: assessment(dr.row, "target"),
                direction: field(dr.row, "direction"),
                response: field(dr.row, "response"),
            }
        })
        .collect();
    RiskRegister { table, sheet, rows }
}

/// Every risk register among a workbook's tables.
pub fn registers<'a>(tables: &'a [Table], workbook: &'a Workbook) -> Vec<RiskRegister<'a>> {
    tables
        .iter()
        .filter(|t| t.kind() == "risks")
        .filter_map(|t| {
            let sheet = workbook.sheets.iter().find(|s| s.name == t.sheet)?;
            Some(build(t, sheet))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sc(s: &str) -> Scored {
        parse_scored(&Cell::Text(s.into())).unwrap()
    }

    #[test]
    fn scored_cells_in_every_order() {
        let s = sc("Major \n4");
        assert_eq!((s.label.as_deref(), s.number), (Some("Major"), Some(4.0)));
        assert!(s.label_first);
        let s = sc("4 Major");
        assert_eq!((s.label.as_deref(), s.number), (Some("Major"), Some(4.0)));
        assert!(!s.label_first);
        let s = sc("Medium \nHigh \n\n9");
        assert_eq!(
            (s.label.as_deref(), s.number),
            (Some("Medium High"), Some(9.0))
        );
        let s = sc("Almost \nCertain");
        assert_eq!(
            (s.label.as_deref(), s.number),
            (Some("Almost Certain"), None)
        );
        assert_eq!(sc("High (16)").number, Some(16.0));
        assert!(parse_scored(&Cell::Text("N/A".into())).is_none());
        assert!(parse_scored(&Cell::Empty).is_none());
    }

    #[test]
    fn levels_need_label_and_number_to_agree() {
        let f = |s: &str| ScoredField {
            field: Field {
                cell: CellRef::new(0, 0),
                raw: Cell::Text(s.into()),
                value: crate::values::parse_text(s),
            },
            scored: parse_scored(&Cell::Text(s.into())),
        };
        assert_eq!(f("Major 4").level(Axis::Impact), Some(4));
        assert_eq!(f("Major 3").level(Axis::Impact), None);
        assert_eq!(f("Likely").level(Axis::Likelihood), Some(4));
        assert_eq!(f("Likely").level(Axis::Impact), None);
        assert_eq!(f("6").level(Axis::Impact), None);
        assert_eq!(level_word("Almost certain"), Some((Axis::Likelihood, 5)));
        assert_eq!(level_word("Catastrophic"), Some((Axis::Impact, 5)));
    }

    #[test]
    fn ids_and_titles_share_a_cell_in_the_older_form() {
        assert_eq!(
            split_id("DUFS0001 \nFailure to meet 3 year budget Savings"),
            (
                "DUFS0001".into(),
                "Failure to meet 3 year budget Savings".into()
            )
        );
        assert_eq!(split_id("FS019"), ("FS019".into(), String::new()));
    }
}
