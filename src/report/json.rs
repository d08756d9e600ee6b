//! The JSON contract of `check --format json`. Fields may be added; none
//! of these is renamed. The wire types are their own structs, separate from
//! the internal ones.

use serde::Serialize;

use super::Summary;
use crate::check::{FileReport, FileStatus, TableInfo};
use crate::rules::{Finding, Severity};

#[derive(Serialize)]
pub struct JsonFile<'a> {
    pub path: &'a str,
    pub status: FileStatus,
    pub error: Option<&'a str>,
    pub tables: &'a [TableInfo],
    pub corrected: Option<&'a str>,
    pub period: Option<String>,
    pub format: Option<&'static str>,
    pub warnings: &'a [String],
}

impl<'a> JsonFile<'a> {
    pub fn of(f: &'a FileReport) -> Self {
        JsonFile {
            path: &f.path,
            status: f.status,
            error: f.error.as_deref(),
            tables: &f.tables,
            corrected: f.corrected.as_deref(),
            period: f.period.map(|p| p.to_string()),
            format: f.format.map(|x| x.extension()),
            warnings: &f.warnings,
        }
    }
}

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub file: &'a str,
    pub sheet: &'a str,
    pub cell: String,
    pub rule: &'a str,
    pub family: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub found: &'a str,
    pub expected: Option<&'a str>,
    pub fixable: bool,
    /// Whether `fix` wrote the expected value into the corrected workbook.
    pub fixed: bool,
    pub key: Option<&'a str>,
    pub title: Option<&'a str>,
    pub related: Option<&'a str>,
}

impl<'a> JsonFinding<'a> {
    pub fn of(f: &'a Finding) -> Self {
        JsonFinding {
            file: &f.file,
            sheet: &f.sheet,
            cell: f.cell.to_string(),
            rule: f.rule,
            family: f.family(),
            severity: f.severity,
            message: &f.message,
            found: &f.found,
            expected: f.expected.as_deref(),
            fixable: f.fixable(),
            fixed: f.fixed,
            key: f.key.as_deref(),
            title: f.title.as_deref(),
            related: f.related.as_deref(),
        }
    }
}

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub files: Vec<JsonFile<'a>>,
    pub findings: Vec<JsonFinding<'a>>,
    pub summary: Summary,
}

pub fn build(files: &[FileReport]) -> JsonReport<'_> {
    JsonReport {
        files: files.iter().map(JsonFile::of).collect(),
        findings: files
            .iter()
            .flat_map(|f| f.findings.iter().map(JsonFinding::of))
            .collect(),
        summary: Summary::of(files),
    }
}

pub fn render(files: &[FileReport]) -> String {
    let mut s = serde_json::to_string_pretty(&build(files))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
