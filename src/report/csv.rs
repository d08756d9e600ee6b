//! CSV: one row per finding, for Excel. Text that Excel would run as a
//! formula is neutralised.

use crate::check::FileReport;
use crate::report::csv_field as field;

pub const HEADER: &[&str] = &[
    "file", "sheet", "cell", "key", "title", "rule", "severity", "found", "expected", "fixable",
    "message", "fixed",
];

pub fn render(files: &[FileReport]) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    out.push_str(&render_rows(files));
    out
}

/// The rows of each file, without the header.
pub fn render_rows(files: &[FileReport]) -> String {
    let mut out = String::new();
    for f in files {
        if let Some(e) = &f.error {
            let row = [
                f.path.as_str(),
                "",
                "",
                "",
                "",
                "file.unreadable",
                "error",
                "",
                "",
                "false",
                e.as_str(),
                "false",
            ];
            out.push_str(&row.iter().map(|s| field(s)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
        for x in &f.findings {
            let cell = x.cell.to_string();
            let row = [
                x.file.as_str(),
                x.sheet.as_str(),
                cell.as_str(),
                x.key.as_deref().unwrap_or(""),
                x.title.as_deref().unwrap_or(""),
                x.rule,
                match x.severity {
                    crate::rules::Severity::Error => "error",
                    crate::rules::Severity::Warning => "warning",
                    crate::rules::Severity::Info => "info",
                },
                x.found.as_str(),
                x.expected.as_deref().unwrap_or(""),
                if x.fixable() { "true" } else { "false" },
                x.message.as_str(),
                if x.fixed { "true" } else { "false" },
            ];
            out.push_str(&row.iter().map(|s| field(s)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
    }
    out
}
