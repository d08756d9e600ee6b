//! Terminal diagnostics in the style of a compiler: severity and rule, what
//! was found and expected, and where (file › sheet › cell).

use std::fmt::Write as _;

use super::Summary;
use crate::check::{FileReport, FileStatus};

pub struct TextOptions {
    /// List each file's detected tables.
    pub verbose: bool,
}

pub fn render(files: &[FileReport], opts: &TextOptions) -> String {
    let mut out = render_files(files, opts);
    out.push_str(&summary_line(&Summary::of(files)));
    out
}

/// The diagnostics of each file, without the closing summary line.
pub fn render_files(files: &[FileReport], opts: &TextOptions) -> String {
    let mut out = String::new();
    for f in files {
        if let Some(e) = &f.error {
            let _ = writeln!(out, "error[file.unreadable]: {}: {e}\n", f.path);
            continue;
        }
        if opts.verbose {
            let period = f.period.map(|p| format!(" ({p})")).unwrap_or_default();
            if f.status == FileStatus::NoTables {
                let _ = writeln!(out, "note: {}{period}: no known table found", f.path);
            }
            for t in &f.tables {
                let _ = writeln!(
                    out,
                    "note: {}{period} › {} › {}: {} table ({} rows, schema {})",
                    f.path, t.sheet, t.range, t.kind, t.rows, t.schema
                );
            }
        }
        if let Some(c) = &f.corrected {
            let _ = writeln!(out, "note: {}: corrected workbook written to {c}", f.path);
        }
        for w in &f.warnings {
            let _ = writeln!(out, "warning: {}: {w}", f.path);
        }
        for x in &f.findings {
            let _ = writeln!(out, "{}[{}]: {}", x.severity, x.rule, x.message);
            let _ = writeln!(out, "  --> {} › {} › {}", x.file, x.sheet, x.cell);
            if let Some(k) = &x.key {
                let title = x
                    .title
                    .as_deref()
                    .map(|t| format!(" {t}"))
                    .unwrap_or_default();
                let _ = writeln!(out, "   = row: {k}{title}");
            }
            let _ = writeln!(
                out,
                "   = found: {}",
                if x.found.is_empty() {
                    "(empty)"
                } else {
                    &x.found
                }
            );
            if let Some(e) = &x.expected {
                let _ = writeln!(
                    out,
                    "   = expected: {e}{}",
                    if x.fixed {
                        " (fixed)"
                    } else if x.fixable() {
                        " (fixable)"
                    } else {
                        ""
                    }
                );
            }
            if let Some(r) = &x.related {
                let _ = writeln!(out, "   = see: {r}");
            }
            out.push('\n');
        }
    }
    out
}

pub fn summary_line(s: &Summary) -> String {
    let mut parts = vec![format!(
        "{} file{} checked",
        s.checked + s.no_tables,
        if s.checked + s.no_tables == 1 {
            ""
        } else {
            "s"
        }
    )];
    if s.unreadable > 0 {
        parts.push(format!("{} unreadable", s.unreadable));
    }
    parts.push(format!(
        "{} table{}",
        s.tables,
        if s.tables == 1 { "" } else { "s" }
    ));
    let findings = format!(
        "{} error{}, {} warning{}, {} info ({} fixable)",
        s.errors,
        if s.errors == 1 { "" } else { "s" },
        s.warnings,
        if s.warnings == 1 { "" } else { "s" },
        s.infos,
        s.fixable
    );
    let corrected = if s.corrected > 0 {
        format!(
            "; {} fixed in {} corrected workbook{}",
            s.fixed,
            s.corrected,
            if s.corrected == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    format!("{}: {findings}{corrected}\n", parts.join(", "))
}
