//! The indicator catalogue: what the council's plans say each indicator is.
//!
//! A catalogue file lists indicators by ref with their title, polarity, unit
//! and targets by year. An entry can be limited to some years, so an
//! indicator whose polarity or target changed is checked against the
//! catalogue of the return's own year.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{err_at, SchemaError, YearRange};
use crate::labels::Polarity;
use crate::period::{FinancialYear, Period};

/// What an indicator measures, which decides how its figures are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// 0 to 100, may carry a % sign.
    Percent,
    /// A rate per 10,000 (or another base): never a % sign.
    Rate,
    /// A count of people, cases, places.
    Count,
    Days,
    Weeks,
    /// Money in £ or £000.
    Money,
    /// A ratio or score with no unit.
    Number,
}

impl Unit {
    pub fn label(self) -> &'static str {
        match self {
            Unit::Percent => "percentage",
            Unit::Rate => "rate",
            Unit::Count => "count",
            Unit::Days => "number of days",
            Unit::Weeks => "number of weeks",
            Unit::Money => "money",
            Unit::Number => "number",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawEntry {
    #[serde(rename = "ref")]
    reference: Spanned<String>,
    title: String,
    #[serde(default)]
    polarity: Option<Spanned<String>>,
    #[serde(default)]
    unit: Option<Unit>,
    #[serde(default)]
    years: Option<Spanned<String>>,
    #[serde(default)]
    targets: BTreeMap<String, toml::Value>,
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    category: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCatalogue {
    #[serde(default)]
    description: Option<String>,
    indicator: Vec<RawEntry>,
}

/// A target as the catalogue states it: a figure, or words ("Monitor").
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum CatalogueTarget {
    Figure(f64),
    Words(String),
}

/// One indicator as the catalogue defines it, for some years.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CatalogueEntry {
    pub reference: String,
    pub title: String,
    pub polarity: Option<Polarity>,
    pub unit: Option<Unit>,
    pub years: YearRange,
    pub targets: BTreeMap<FinancialYear, CatalogueTarget>,
    pub service: Option<String>,
    pub category: Option<String>,
    pub source: String,
}

/// Every catalogue entry loaded, by normalised ref.
#[derive(Debug, Default, Clone)]
pub struct Catalogue {
    entries: BTreeMap<String, Vec<CatalogueEntry>>,
}

/// Refs are compared without case or spaces: "FS/C14 " is "fs/c14".
pub fn ref_key(r: &str) -> String {
    r.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

impl Catalogue {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
    }

    pub fn extend(&mut self, other: Catalogue) {
        for (k, v) in other.entries {
            self.entries.entry(k).or_default().extend(v);
        }
    }

    /// The entry for a ref in force in a period: one whose years contain the
    /// period's year, else (with no period known) an open-ended one.
    pub fn lookup(&self, reference: &str, period: Option<Period>) -> Option<&CatalogueEntry> {
        let list = self.entries.get(&ref_key(reference))?;
        match period {
            Some(p) => list.iter().rev().find(|e| e.years.contains(p.year)),
            None => list
                .iter()
                .rev()
                .find(|e| e.years.is_open())
                .or(list.last()),
        }
    }

    pub fn entries(&self) -> impl Iterator<Item = &CatalogueEntry> {
        self.entries.values().flatten()
    }
}

pub(super) fn parse(file: &str, text: &str) -> Result<Catalogue, SchemaError> {
    let raw: RawCatalogue =
        toml::from_str(text).map_err(|e| err_at(file, text, e.span(), e.message().to_string()))?;
    let _ = raw.description;
    let mut cat = Catalogue::default();
    for e in raw.indicator {
        let polarity = match &e.polarity {
            Some(p) => Some(Polarity::parse(p.get_ref()).ok_or_else(|| {
                err_at(
                    file,
                    text,
                    Some(p.span()),
                    format!("unknown polarity '{}': write \"Bigger is Better\", \"Smaller is Better\" or \"Monitor\"", p.get_ref()),
                )
            })?),
            None => None,
        };
        let years = match &e.years {
            Some(y) => {
                YearRange::parse(y.get_ref()).map_err(|m| err_at(file, text, Some(y.span()), m))?
            }
            None => YearRange::default(),
        };
        let mut targets = BTreeMap::new();
        for (y, v) in e.targets {
            let fy = FinancialYear::parse(&y).ok_or_else(|| {
                err_at(
                    file,
                    text,
                    Some(e.reference.span()),
                    format!(
                        "target year '{y}' of {} is not a financial year such as \"2016/17\"",
                        e.reference.get_ref()
                    ),
                )
            })?;
            let t = match v {
                toml::Value::Float(f) => CatalogueTarget::Figure(f),
                toml::Value::Integer(i) => CatalogueTarget::Figure(i as f64),
                toml::Value::String(s) => CatalogueTarget::Words(s),
                other => {
                    return Err(err_at(
                        file,
                        text,
                        Some(e.reference.span()),
                        format!(
                            "target for {y} of {} must be a number or text, not {}",
                            e.reference.get_ref(),
                            other.type_str()
                        ),
                    ))
                }
            };
            targets.insert(fy, t);
        }
        let entry = CatalogueEntry {
            reference: e.reference.get_ref().trim().to_string(),
            title: e.title,
            polarity,
            unit: e.unit,
            years,
            targets,
            service: e.service,
            category: e.category,
            source: file.to_string(),
        };
        cat.entries
            .entry(ref_key(&entry.reference))
            .or_default()
            .push(entry);
    }
    Ok(cat)
}
