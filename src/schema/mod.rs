//! Declarative table schemas and the indicator catalogue.
//!
//! A schema is a TOML file in `schemas/` that describes one kind of table:
//! its columns and the header wordings they go by, which are required, what
//! type of value each holds, and the parameters of the rules that check it.
//! The shipped schemas are embedded in the binary; `--schema DIR` adds more
//! or replaces them by name. The format is documented in docs/schemas.md.

mod catalogue;
pub mod header;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

pub use catalogue::{
    ref_key as catalogue_ref_key, Catalogue, CatalogueEntry, CatalogueTarget, Unit,
};
pub use header::{normalise_header, HeaderPattern};

use crate::period::{FinancialYear, Period};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_schemas.rs"));
}

/// The kind of value a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueType {
    /// Free text (titles, comments).
    #[default]
    Text,
    /// A figure: number, percentage, rate, count, £000.
    Number,
    /// "157/357" or numerator over denominator in one cell.
    Ratio,
    /// A label from a fixed set (polarity, DoT, RAG, band).
    Label,
    /// A label with a score, as "Major 4" or "High 16".
    Scored,
    /// A date or period.
    Period,
}

/// Which of several period-stamped headers a column takes ("Q4 2016/17
/// Result" is the latest, "Q3 2016/17 Result" the previous quarter,
/// "Q4 2015/16 Result" the same quarter a year earlier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodRole {
    Latest,
    Previous,
    YearAgo,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawColumn {
    key: Spanned<String>,
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    required: bool,
    #[serde(default, rename = "type")]
    ty: ValueType,
    #[serde(default)]
    period: Option<PeriodRole>,
    /// A row's value here must be present (or a deliberate "N/A").
    #[serde(default)]
    value_required: bool,
    /// For the key column: what a row's key must look like to be a data row.
    #[serde(default)]
    pattern: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
}

/// One RAG band: a shortfall from target below `below` percent gets `label`;
/// the last band, with no `below`, takes every larger shortfall.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RagBand {
    pub label: String,
    #[serde(default)]
    pub below: Option<f64>,
}

/// One risk band: scores from `min` to `max` inclusive get `label`.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RiskBand {
    pub label: String,
    pub min: u32,
    pub max: u32,
}

/// Parameters of the rules that check a table kind. Every field has a
/// documented default, so a schema names only what its council does
/// differently.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    /// Slack added to the rounding a figure shows, in the figure's own unit.
    #[serde(default)]
    pub tolerance: f64,
    /// RAG bands for a missed target, by shortfall as a percentage of target.
    #[serde(default = "default_rag_bands")]
    pub rag_bands: Vec<RagBand>,
    /// Risk score bands.
    #[serde(default = "default_risk_bands")]
    pub risk_bands: Vec<RiskBand>,
    /// How far a £000 sum or difference may drift per term from rounding.
    #[serde(default = "default_rounding_per_term")]
    pub rounding_per_term: f64,
}

fn default_rag_bands() -> Vec<RagBand> {
    vec![
        RagBand {
            label: "Green Amber".into(),
            below: Some(10.0),
        },
        RagBand {
            label: "Red Amber".into(),
            below: Some(20.0),
        },
        RagBand {
            label: "Red".into(),
            below: None,
        },
    ]
}

fn default_risk_bands() -> Vec<RiskBand> {
    vec![
        RiskBand {
            label: "Low".into(),
            min: 1,
            max: 3,
        },
        RiskBand {
            label: "Medium Low".into(),
            min: 4,
            max: 6,
        },
        RiskBand {
            label: "Medium High".into(),
            min: 8,
            max: 12,
        },
        RiskBand {
            label: "High".into(),
            min: 15,
            max: 25,
        },
    ]
}

fn default_rounding_per_term() -> f64 {
    1.0
}

impl Default for Params {
    fn default() -> Self {
        Params {
            tolerance: 0.0,
            rag_bands: default_rag_bands(),
            risk_bands: default_risk_bands(),
            rounding_per_term: default_rounding_per_term(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSchema {
    kind: Spanned<String>,
    #[serde(default)]
    name: Option<String>,
    description: String,
    #[serde(default)]
    years: Option<Spanned<String>>,
    /// Header cells that must match before a row is taken as this table's header.
    #[serde(default)]
    min_match: Option<usize>,
    #[serde(rename = "column")]
    columns: Vec<RawColumn>,
    #[serde(default)]
    params: Option<Params>,
}

/// An inclusive range of financial years; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct YearRange {
    pub from: Option<FinancialYear>,
    pub until: Option<FinancialYear>,
}

impl YearRange {
    /// Parses "2016/17", "2014/15..2016/17", "2017/18.." or "..2016/17".
    pub fn parse(s: &str) -> Result<YearRange, String> {
        let s = s.trim();
        let bad = || {
            format!("'{s}' is not a year range: write \"2016/17\", \"2014/15..2016/17\", \"2017/18..\" or \"..2016/17\"")
        };
        let (a, b) = match s.split_once("..") {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (s, s),
        };
        let parse = |x: &str| -> Result<Option<FinancialYear>, String> {
            if x.is_empty() {
                Ok(None)
            } else {
                FinancialYear::parse(x).map(Some).ok_or_else(bad)
            }
        };
        let r = YearRange {
            from: parse(a)?,
            until: parse(b)?,
        };
        if let (Some(f), Some(u)) = (r.from, r.until) {
            if f > u {
                return Err(bad());
            }
        }
        Ok(r)
    }

    pub fn contains(&self, y: FinancialYear) -> bool {
        self.from.is_none_or(|f| y >= f) && self.until.is_none_or(|u| y <= u)
    }

    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }
}

impl fmt::Display for YearRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.until) {
            (None, None) => write!(f, "all years"),
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (Some(a), Some(b)) => write!(f, "{a} to {b}"),
            (Some(a), None) => write!(f, "{a} onwards"),
            (None, Some(b)) => write!(f, "up to {b}"),
        }
    }
}

/// A column of a compiled schema.
#[derive(Debug)]
pub struct Column {
    pub key: String,
    pub aliases: Vec<HeaderPattern>,
    pub required: bool,
    pub ty: ValueType,
    pub period: Option<PeriodRole>,
    pub value_required: bool,
    pub pattern: Option<Regex>,
    pub description: Option<String>,
}

/// A compiled schema, ready to match headers.
#[derive(Debug)]
pub struct Schema {
    pub kind: String,
    pub name: String,
    pub description: String,
    pub years: YearRange,
    pub min_match: usize,
    pub columns: Vec<Column>,
    pub params: Params,
    /// Where it came from: "embedded:indicators.toml" or a path.
    pub source: String,
}

impl Schema {
    pub fn column(&self, key: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.key == key)
    }

    /// Whether this schema's rules apply in the given year (unknown: yes).
    pub fn applies_to(&self, period: Option<Period>) -> bool {
        match period {
            Some(p) => self.years.contains(p.year),
            None => true,
        }
    }
}

/// A problem in a schema file, with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for SchemaError {}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

fn err_at(file: &str, text: &str, span: Option<Range<usize>>, message: String) -> SchemaError {
    let (line, column) = span.map(|s| line_col(text, s.start)).unwrap_or((1, 1));
    SchemaError {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

/// What a TOML file under `schemas/` holds.
pub enum SchemaDoc {
    Table(Schema),
    Catalogue(Catalogue),
}

/// Parses and validates one schema or catalogue file.
pub fn parse_schema_file(file: &str, text: &str) -> Result<SchemaDoc, SchemaError> {
    let value: toml::Table =
        toml::from_str(text).map_err(|e| err_at(file, text, e.span(), e.message().to_string()))?;
    if value.contains_key("indicator") && !value.contains_key("kind") {
        return catalogue::parse(file, text).map(SchemaDoc::Catalogue);
    }
    let raw: RawSchema =
        toml::from_str(text).map_err(|e| err_at(file, text, e.span(), e.message().to_string()))?;
    compile(file, text, raw).map(SchemaDoc::Table)
}

fn compile(file: &str, text: &str, raw: RawSchema) -> Result<Schema, SchemaError> {
    let kind = raw.kind.get_ref().clone();
    let Some(known) = crate::model::known_columns(&kind) else {
        return Err(err_at(
            file,
            text,
            Some(raw.kind.span()),
            format!(
                "unknown table kind '{kind}'; known kinds: {}",
                crate::model::KINDS.join(", ")
            ),
        ));
    };
    let years = match &raw.years {
        Some(y) => {
            YearRange::parse(y.get_ref()).map_err(|m| err_at(file, text, Some(y.span()), m))?
        }
        None => YearRange::default(),
    };
    let mut columns = Vec::new();
    let mut seen = BTreeMap::new();
    for c in raw.columns {
        let key = c.key.get_ref().clone();
        if !known.contains(&key.as_str()) {
            return Err(err_at(
                file,
                text,
                Some(c.key.span()),
                format!(
                    "'{key}' is not a column of a {kind} table; known columns: {}",
                    known.join(", ")
                ),
            ));
        }
        if seen.insert(key.clone(), ()).is_some() {
            return Err(err_at(
                file,
                text,
                Some(c.key.span()),
                format!("column '{key}' is described twice"),
            ));
        }
        if c.aliases.is_empty() {
            return Err(err_at(
                file,
                text,
                Some(c.key.span()),
                format!("column '{key}' has no aliases: give at least one header wording"),
            ));
        }
        let mut aliases = Vec::new();
        for a in &c.aliases {
            let p = HeaderPattern::compile(a.get_ref())
                .map_err(|m| err_at(file, text, Some(a.span()), m))?;
            aliases.push(p);
        }
        let pattern = match &c.pattern {
            Some(p) => Some(Regex::new(p.get_ref()).map_err(|e| {
                err_at(
                    file,
                    text,
                    Some(p.span()),
                    format!("pattern is not a valid regular expression: {e}"),
                )
            })?),
            None => None,
        };
        columns.push(Column {
            key,
            aliases,
            required: c.required,
            ty: c.ty,
            period: c.period,
            value_required: c.value_required,
            pattern,
            description: c.description,
        });
    }
    let required = columns.iter().filter(|c| c.required).count();
    let min_match = raw.min_match.unwrap_or(required.max(3)).max(1);
    let name = raw.name.unwrap_or_else(|| {
        let file = file.strip_prefix("embedded:").unwrap_or(file);
        Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or(kind.clone())
    });
    Ok(Schema {
        kind,
        name,
        description: raw.description,
        years,
        min_match,
        columns,
        params: raw.params.unwrap_or_default(),
        source: file.to_string(),
    })
}

/// Everything loaded: table schemas and the indicator catalogue.
#[derive(Debug, Default)]
pub struct SchemaSet {
    pub schemas: Vec<Arc<Schema>>,
    pub catalogue: Catalogue,
    /// Every alias of every column in one automaton, built on first use.
    aliases: std::sync::OnceLock<AliasIndex>,
}

/// Every header alias of every schema in one `RegexSet`, so a header cell is
/// matched against all of them in one pass instead of one regex at a time.
#[derive(Debug)]
pub struct AliasIndex {
    /// Unique in the process: caches of match results are keyed by it, so a
    /// rebuilt index (schemas added) never meets an old result.
    pub id: u64,
    set: Option<regex::RegexSet>,
    /// For each pattern of the set: (schema index, column index).
    owners: Vec<(usize, usize)>,
}

impl AliasIndex {
    fn build(schemas: &[Arc<Schema>]) -> AliasIndex {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (si, s) in schemas.iter().enumerate() {
            for (ci, c) in s.columns.iter().enumerate() {
                for a in &c.aliases {
                    patterns.push(a.pattern().to_string());
                    owners.push((si, ci));
                }
            }
        }
        // Each pattern compiled on its own already; a set of them can only
        // fail on size, and then the slow path below still answers.
        let set = regex::RegexSetBuilder::new(&patterns)
            .size_limit(64 << 20)
            .build()
            .ok();
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        AliasIndex { id, set, owners }
    }

    /// The (schema, column) pairs whose aliases match a templated header,
    /// sorted and without repeats.
    pub fn matches(&self, schemas: &[Arc<Schema>], templated: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = match &self.set {
            Some(set) => set
                .matches(templated)
                .into_iter()
                .filter_map(|i| self.owners.get(i).copied())
                .collect(),
            None => schemas
                .iter()
                .enumerate()
                .flat_map(|(si, s)| {
                    s.columns
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.aliases.iter().any(|a| a.matches(templated)))
                        .map(move |(ci, _)| (si, ci))
                })
                .collect(),
        };
        out.sort_unstable();
        out.dedup();
        out
    }
}

impl SchemaSet {
    /// The schemas shipped in the binary.
    pub fn embedded() -> Result<SchemaSet, SchemaError> {
        let mut set = SchemaSet::default();
        for (rel, text) in embedded::EMBEDDED {
            set.add(&format!("embedded:{rel}"), text)?;
        }
        Ok(set)
    }

    /// The shipped schemas, extended or overridden by every `.toml` under `dir`.
    /// A schema with the same name as a shipped one replaces it.
    pub fn with_dir(dir: &Path) -> Result<SchemaSet, SchemaError> {
        let mut set = SchemaSet::embedded()?;
        let mut files = Vec::new();
        collect_toml(dir, &mut files).map_err(|e| SchemaError {
            file: dir.display().to_string(),
            line: 0,
            column: 0,
            message: format!("cannot read the schema folder: {e}"),
        })?;
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| SchemaError {
                file: f.display().to_string(),
                line: 0,
                column: 0,
                message: format!("cannot read: {e}"),
            })?;
            set.add(&f.display().to_string(), &text)?;
        }
        Ok(set)
    }

    /// The index of every alias, built the first time a header is matched.
    pub fn alias_index(&self) -> &AliasIndex {
        self.aliases
            .get_or_init(|| AliasIndex::build(&self.schemas))
    }

    fn add(&mut self, file: &str, text: &str) -> Result<(), SchemaError> {
        // Schemas change: an index built before is out of date.
        self.aliases = std::sync::OnceLock::new();
        match parse_schema_file(file, text)? {
            SchemaDoc::Table(s) => {
                self.schemas.retain(|old| old.name != s.name);
                self.schemas.push(Arc::new(s));
            }
            SchemaDoc::Catalogue(c) => self.catalogue.extend(c),
        }
        Ok(())
    }

    /// The schemas of one kind that apply in a period, most specific first:
    /// a schema whose years name the period wins over an open-ended one.
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Arc<Schema>> + 'a {
        self.schemas.iter().filter(move |s| s.kind == kind)
    }
}

fn collect_toml(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            collect_toml(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_schemas_load() {
        let set = SchemaSet::embedded().unwrap();
        assert!(set.schemas.iter().any(|s| s.kind == "indicators"));
        assert!(!set.catalogue.is_empty());
    }

    #[test]
    fn broken_toml_reports_line_and_column() {
        let text = "kind = \"indicators\"\ndescription = \"x\"\n[[column]]\nkey = \"ref\"\naliases = [\"ref\"\n";
        let Err(e) = parse_schema_file("bad.toml", text) else {
            panic!()
        };
        assert_eq!(e.file, "bad.toml");
        assert!(e.line >= 5, "{e}");
    }

    #[test]
    fn unknown_column_key_is_located() {
        let text = "kind = \"indicators\"\ndescription = \"x\"\n\n[[column]]\nkey = \"reff\"\naliases = [\"ref\"]\n";
        let Err(e) = parse_schema_file("bad.toml", text) else {
            panic!()
        };
        assert_eq!((e.line, e.column), (5, 7), "{e}");
        assert!(e.message.contains("'reff' is not a column"), "{e}");
    }

    #[test]
    fn unknown_field_is_refused() {
        let text = "kind = \"indicators\"\ndescription = \"x\"\ncolour = 1\n[[column]]\nkey = \"ref\"\naliases = [\"ref\"]\n";
        let Err(e) = parse_schema_file("bad.toml", text) else {
            panic!()
        };
        assert_eq!(e.line, 3, "{e}");
    }

    #[test]
    fn year_ranges() {
        let r = YearRange::parse("2014/15..2016/17").unwrap();
        assert!(r.contains(FinancialYear(2015)));
        assert!(!r.contains(FinancialYear(2017)));
        assert!(YearRange::parse("2017/18..")
            .unwrap()
            .contains(FinancialYear(2020)));
        assert!(YearRange::parse("2017..2018").is_err());
        assert!(YearRange::parse("2016/17..2014/15").is_err());
    }
}
