//! Renderers: one per output format. A renderer sees findings and file
//! reports, never a workbook.

pub mod csv;
pub mod html;
pub mod json;
pub mod stream;
pub mod text;
pub mod xlsx;

use std::collections::BTreeMap;

use crate::check::{FileReport, FileStatus};
use crate::rules::{Finding, Severity};

/// Counts over a batch.
#[derive(Debug, Clone, Default, serde::Serialize, PartialEq)]
pub struct Summary {
    pub files: usize,
    pub checked: usize,
    pub no_tables: usize,
    pub unreadable: usize,
    pub tables: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixable: usize,
    /// Findings whose expected value `fix` wrote.
    pub fixed: usize,
    pub corrected: usize,
    pub by_rule: BTreeMap<String, usize>,
    pub by_family: BTreeMap<String, usize>,
}

impl Summary {
    pub fn of(files: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: files.len(),
            ..Default::default()
        };
        for f in files {
            match f.status {
                FileStatus::Checked => s.checked += 1,
                FileStatus::NoTables => s.no_tables += 1,
                FileStatus::Unreadable => s.unreadable += 1,
            }
            s.tables += f.tables.len();
            s.corrected += usize::from(f.corrected.is_some());
            for x in &f.findings {
                s.add(x);
            }
        }
        s
    }

    /// Adds the counts of another part of the batch.
    pub fn merge(&mut self, o: &Summary) {
        self.files += o.files;
        self.checked += o.checked;
        self.no_tables += o.no_tables;
        self.unreadable += o.unreadable;
        self.tables += o.tables;
        self.findings += o.findings;
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
        self.fixable += o.fixable;
        self.fixed += o.fixed;
        self.corrected += o.corrected;
        for (k, v) in &o.by_rule {
            *self.by_rule.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.by_family {
            *self.by_family.entry(k.clone()).or_default() += v;
        }
    }

    fn add(&mut self, x: &Finding) {
        self.findings += 1;
        match x.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
        self.fixable += usize::from(x.fixable());
        self.fixed += usize::from(x.fixed);
        *self.by_rule.entry(x.rule.to_string()).or_default() += 1;
        *self.by_family.entry(x.family().to_string()).or_default() += 1;
    }
}

/// Text that Excel would read as a formula, made inert with a leading
/// apostrophe (CSV and spreadsheet injection).
/// One CSV field: neutralised against formula injection, quoted where it
/// holds a comma, a quote or a line break.
pub fn csv_field(s: &str) -> String {
    let s = neutralise(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Renders the report for `path`, its format chosen by the extension
/// (.xlsx, .csv, .json, .html), and writes it atomically.
pub fn write_report(
    path: &std::path::Path,
    files: &[FileReport],
    title: &str,
) -> Result<(), String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = match ext.as_str() {
        "xlsx" => xlsx::render(files, title)
            .map_err(|e| format!("cannot build {}: {e}", path.display()))?,
        "csv" => csv::render(files).into_bytes(),
        "json" => json::render(files).into_bytes(),
        "html" | "htm" => html::render(files, title).into_bytes(),
        _ => {
            return Err(format!(
                "cannot tell the report format of {}: use .xlsx, .csv, .json or .html",
                path.display()
            ))
        }
    };
    crate::output::write_atomic(path, &bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_text_is_neutralised() {
        for s in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(neutralise(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(neutralise("44.0%"), "44.0%");
        assert_eq!(neutralise("(465)"), "(465)");
    }
}
