//! The rules: each has an id `family.name`, a severity, whether a fix can
//! derive the right value, and its documentation. The documentation here is
//! the one source for `kpicheck explain RULE` and docs/rules.md.

mod audit;
mod change;
mod dot;
mod finance;
mod heatmap;
mod polarity;
mod rag;
mod ratio;
mod risk;
mod summary;
mod unit;
mod value;
mod variance;
mod xref;

use std::fmt;

use crate::model::change::ChangeTable;
use crate::model::finance::FinanceTable;
use crate::model::indicator::IndicatorTable;
use crate::period::Period;
use crate::schema::SchemaSet;
use crate::workbook::CellRef;

/// How serious a finding is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Whether the rule's findings come with the value a fix would write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fixable {
    /// Every finding carries the right value.
    Always,
    /// Some findings do, where the right value can be derived.
    Sometimes,
    /// The right value cannot be derived: a person must decide.
    Never,
}

/// A rule's identity and documentation.
#[derive(Debug, Clone, Copy)]
pub struct RuleDoc {
    pub id: &'static str,
    pub severity: Severity,
    pub fixable: Fixable,
    /// One line: what is wrong.
    pub summary: &'static str,
    /// What it checks, in a paragraph.
    pub what: &'static str,
    /// Why it matters to the council.
    pub why: &'static str,
    /// A row that fires it, as the seeds show one.
    pub example: &'static str,
    /// What to write instead.
    pub instead: &'static str,
}

impl RuleDoc {
    pub fn family(&self) -> &'static str {
        self.id.split('.').next().unwrap_or(self.id)
    }

    /// The documentation as Markdown, for `explain` and docs/rules.md.
    pub fn markdown(&self) -> String {
        let fix = match self.fixable {
            Fixable::Always => "always: `kpicheck fix` writes the derived value",
            Fixable::Sometimes => "sometimes: where the right value can be derived",
            Fixable::Never => "no: the right value needs a person's judgement",
        };
        format!(
            "## {id}\n\n{summary}\n\nSeverity: {sev}. Fixable: {fix}.\n\n### What it does\n{what}\n\n### Why is this bad?\n{why}\n\n### Example\n{example}\n\n### Use instead\n{instead}\n",
            id = self.id,
            summary = self.summary,
            sev = self.severity,
            what = self.what,
            why = self.why,
            example = self.example,
            instead = self.instead,
        )
    }
}

/// Every rule, in the order docs/rules.md lists them.
pub fn all() -> Vec<&'static RuleDoc> {
    [
        ratio::RULES,
        polarity::RULES,
        dot::RULES,
        rag::RULES,
        variance::RULES,
        unit::RULES,
        value::RULES,
        xref::RULES,
        summary::RULES,
        finance::RULES,
        change::RULES,
        risk::RULES,
        heatmap::RULES,
        audit::RULES,
    ]
    .iter()
    .flat_map(|r| r.iter())
    .collect()
}

/// The rule with this id.
pub fn lookup(id: &str) -> Option<&'static RuleDoc> {
    all().into_iter().find(|r| r.id == id)
}

/// The value a fix writes into a cell.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum FixValue {
    Number(f64),
    Text(String),
}

impl fmt::Display for FixValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FixValue::Number(n) => f.write_str(&crate::workbook::format_number(*n)),
            FixValue::Text(t) => f.write_str(t),
        }
    }
}

/// One problem at one cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub file: String,
    pub sheet: String,
    pub cell: CellRef,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub found: String,
    /// What a fix would write, as the user would read it.
    pub expected: Option<String>,
    /// The value a fix writes, keeping the cell's encoding.
    pub fix: Option<FixValue>,
    /// The row's key (an indicator's ref, a risk's id).
    pub key: Option<String>,
    /// The row's title, for the reader.
    pub title: Option<String>,
    /// A second location, where the finding compares two cells.
    pub related: Option<String>,
    /// Whether `fix` wrote the expected value into the corrected workbook.
    pub fixed: bool,
}

impl Finding {
    pub fn fixable(&self) -> bool {
        self.fix.is_some()
    }

    pub fn family(&self) -> &str {
        self.rule.split('.').next().unwrap_or(self.rule)
    }
}

/// What every rule can see about the workbook being checked.
pub struct Ctx<'a> {
    pub file: &'a str,
    pub period: Option<Period>,
    pub schemas: &'a SchemaSet,
}

/// Collects findings, filling in what every finding of a check shares.
pub struct Emitter<'a> {
    pub ctx: &'a Ctx<'a>,
    pub findings: Vec<Finding>,
}

/// A finding under construction.
pub struct Draft<'e, 'a> {
    em: &'e mut Emitter<'a>,
    f: Finding,
}

impl<'a> Emitter<'a> {
    pub fn new(ctx: &'a Ctx<'a>) -> Self {
        Emitter {
            ctx,
            findings: Vec::new(),
        }
    }

    /// Starts a finding of `rule` at `cell` of `sheet`.
    pub fn at<'e>(
        &'e mut self,
        rule: &'static str,
        sheet: &str,
        cell: CellRef,
        message: impl Into<String>,
    ) -> Draft<'e, 'a> {
        let severity = lookup(rule).map(|r| r.severity).unwrap_or(Severity::Error);
        debug_assert!(lookup(rule).is_some(), "rule {rule} is not registered");
        let f = Finding {
            file: self.ctx.file.to_string(),
            sheet: sheet.to_string(),
            cell,
            rule,
            severity,
            message: message.into(),
            found: String::new(),
            expected: None,
            fix: None,
            key: None,
            title: None,
            related: None,
            fixed: false,
        };
        Draft { em: self, f }
    }
}

impl Draft<'_, '_> {
    pub fn found(mut self, s: impl Into<String>) -> Self {
        self.f.found = s.into();
        self
    }

    /// What the cell should say, without a value a fix may write.
    pub fn expected(mut self, s: impl Into<String>) -> Self {
        self.f.expected = Some(s.into());
        self
    }

    /// The value a fix writes; also what the report shows as expected.
    pub fn fix(mut self, v: FixValue) -> Self {
        self.f.expected = Some(v.to_string());
        self.f.fix = Some(v);
        self
    }

    pub fn key(mut self, key: &str, title: &str) -> Self {
        if !key.is_empty() {
            self.f.key = Some(key.to_string());
        }
        if !title.is_empty() {
            self.f.title = Some(title.to_string());
        }
        self
    }

    pub fn related(mut self, s: impl Into<String>) -> Self {
        self.f.related = Some(s.into());
        self
    }

    pub fn severity(mut self, s: Severity) -> Self {
        self.f.severity = s;
        self
    }

    pub fn emit(self) {
        self.em.findings.push(self.f);
    }
}

/// Runs every indicator rule over the workbook's indicator tables.
pub fn check_indicators(tables: &[IndicatorTable<'_>], em: &mut Emitter<'_>) {
    for t in tables {
        value::check(t, em);
        unit::check(t, em);
        ratio::check(t, em);
        polarity::check(t, em);
        dot::check(t, em);
        rag::check(t, em);
        variance::check(t, em);
    }
    xref::check(tables, em);
}

/// Runs the dashboard rules, against each other and the indicator tables.
pub fn check_summaries(
    tables: &[crate::model::summary::SummaryTable<'_>],
    indicators: &[IndicatorTable<'_>],
    registers: &[crate::model::risk::RiskRegister<'_>],
    maps: &[crate::model::heatmap::HeatMap<'_>],
    em: &mut Emitter<'_>,
) {
    let risks = summary::RiskSources { maps, registers };
    for t in tables {
        summary::check(t, indicators, &risks, em);
    }
}

/// Runs the finance rules over the workbook's revenue and capital tables.
pub fn check_finance(tables: &[FinanceTable<'_>], em: &mut Emitter<'_>) {
    for t in tables {
        finance::check(t, em);
    }
}

/// Runs the change rules over the workbook's change dashboards.
pub fn check_change(tables: &[ChangeTable<'_>], em: &mut Emitter<'_>) {
    for t in tables {
        change::check(t, em);
    }
}

/// Runs the risk register and heat map rules over a workbook's tables.
pub fn check_risks(
    registers: &[crate::model::risk::RiskRegister<'_>],
    maps: &[crate::model::heatmap::HeatMap<'_>],
    em: &mut Emitter<'_>,
) {
    risk::check(registers, em);
    heatmap::check(maps, registers, em);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut ids: Vec<&str> = all().iter().map(|r| r.id).collect();
        for id in &ids {
            let (fam, name) = id.split_once('.').expect("family.name");
            assert!(
                !fam.is_empty()
                    && !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{id}"
            );
        }
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule ids");
    }

    #[test]
    fn every_rule_is_documented() {
        for r in all() {
            for (what, text) in [
                ("summary", r.summary),
                ("what", r.what),
                ("why", r.why),
                ("example", r.example),
                ("instead", r.instead),
            ] {
                assert!(text.trim().len() > 5, "{} has no {what}", r.id);
            }
        }
    }
}
