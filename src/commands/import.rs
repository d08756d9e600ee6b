//! `kpicheck import`.

use std::fmt::Write as _;
use std::io::Write;

use super::check::{prepare, progress};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE};
use crate::check::expand_inputs;
use crate::cli::{ImportArgs, OutputFormat};
use crate::import::{import_batch, FileOutcome, ImportOptions, ImportSummary, Status};
use crate::report::csv_field as field;

pub fn run(a: ImportArgs) -> i32 {
    let (schemas, check) = match prepare(&a.read) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("kpicheck: {e}");
            return EXIT_TROUBLE;
        }
    };
    let (inputs, errors) = expand_inputs(&a.paths);
    if inputs.is_empty() && errors.is_empty() {
        eprintln!(
            "kpicheck: no workbooks found (looked for {})",
            crate::check::EXTENSIONS.join(", ")
        );
        return EXIT_TROUBLE;
    }
    let Some(mut db) = super::open_db(&a.db) else {
        return EXIT_TROUBLE;
    };
    let opts = ImportOptions {
        check,
        service: a.service.clone(),
    };
    let pb = progress(inputs.len(), a.quiet);
    let summary = import_batch(&mut db, &inputs, &schemas, &opts, &pb, None);
    pb.finish_and_clear();
    let mut summary = match summary {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kpicheck: {e}");
            return EXIT_TROUBLE;
        }
    };
    // Arguments that name nothing are failures of the batch too.
    let mut missing: Vec<FileOutcome> = errors
        .into_iter()
        .map(|(p, e)| FileOutcome::failed(&p, e))
        .collect();
    if !missing.is_empty() {
        summary.failed += missing.len();
        summary.files += missing.len();
        missing.append(&mut summary.outcomes);
        summary.outcomes = missing;
    }
    let out = match a.format {
        OutputFormat::Text => render_text(&summary, a.verbose),
        OutputFormat::Json => serde_json::to_string_pretty(&summary)
            .map(|s| s + "\n")
            .unwrap_or_default(),
        OutputFormat::Csv => render_csv(&summary),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    if summary.failed == 0 {
        EXIT_OK
    } else if summary.imported + summary.skipped == 0 {
        EXIT_TROUBLE
    } else {
        EXIT_FINDINGS
    }
}

/// The closing summary for a person: each failure with its reason, each
/// supersession (every file with `verbose`), then the counts.
pub fn render_text(s: &ImportSummary, verbose: bool) -> String {
    let mut out = String::new();
    for o in &s.outcomes {
        let superseding = !o.superseded.is_empty() || o.superseded_by.is_some();
        match o.status {
            Status::Imported if verbose || superseding => {
                let _ = write!(
                    out,
                    "imported {}: {} {}, {} rows, {} findings",
                    o.path,
                    o.service.as_deref().unwrap_or(""),
                    o.period.as_deref().unwrap_or(""),
                    o.rows,
                    o.findings
                );
                if !o.superseded.is_empty() {
                    let _ = write!(out, "; supersedes {}", o.superseded.join(", "));
                }
                if let Some(by) = &o.superseded_by {
                    let _ = write!(out, "; kept as history, {by} stays in force");
                }
                out.push('\n');
            }
            Status::Imported => {}
            Status::Skipped if verbose => {
                let _ = writeln!(
                    out,
                    "skipped {}: {}",
                    o.path,
                    o.reason.as_deref().unwrap_or("")
                );
            }
            Status::Skipped => {}
            Status::Failed => {
                let _ = writeln!(
                    out,
                    "failed {}: {}",
                    o.path,
                    o.reason.as_deref().unwrap_or("")
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "{} file{} into {}: {} imported ({} earlier return{} superseded, kept as history), {} skipped as already present, {} failed; {} rows, {} findings",
        s.files,
        if s.files == 1 { "" } else { "s" },
        s.database,
        s.imported,
        s.superseded,
        if s.superseded == 1 { "" } else { "s" },
        s.skipped,
        s.failed,
        s.rows,
        s.findings
    );
    out
}

/// One row per file.
pub fn render_csv(s: &ImportSummary) -> String {
    let mut out = String::from("path,status,service,period,rows,findings,superseded,reason\r\n");
    for o in &s.outcomes {
        let status = match o.status {
            Status::Imported => "imported",
            Status::Skipped => "skipped",
            Status::Failed => "failed",
        };
        let row = [
            field(&o.path),
            status.to_string(),
            field(o.service.as_deref().unwrap_or("")),
            field(o.period.as_deref().unwrap_or("")),
            o.rows.to_string(),
            o.findings.to_string(),
            field(&o.superseded.join("; ")),
            field(o.reason.as_deref().unwrap_or("")),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}
