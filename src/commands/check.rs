//! `kpicheck check`.

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::{EXIT_OK, EXIT_TROUBLE};
use crate::check::{check_file, expand_inputs, CheckOptions, FileReport, Input};
use crate::cli::{CheckArgs, FailOn, OutputArgs, OutputFormat, ReadArgs};
use crate::period::period_in_text;
use crate::report::{self, text::TextOptions};
use crate::schema::SchemaSet;

/// Loads schemas and options shared by commands that read workbooks.
pub fn prepare(read: &ReadArgs) -> Result<(SchemaSet, CheckOptions), String> {
    let schemas = match &read.schema {
        Some(dir) => SchemaSet::with_dir(dir),
        None => SchemaSet::embedded(),
    }
    .map_err(|e| format!("schema error: {e}"))?;
    let period = match &read.period {
        Some(p) => Some(
            period_in_text(p)
                .ok_or_else(|| format!("--period {p:?} is not a period such as \"Q4 2016/17\""))?,
        ),
        None => None,
    };
    if let Some(j) = read.jobs {
        // A second call fails harmlessly when the pool already exists.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global();
    }
    let limits = read.limits();
    Ok((
        schemas,
        CheckOptions {
            limits,
            formulas: false,
            period,
        },
    ))
}

/// A progress bar on stderr, only for a person watching a batch.
pub fn progress(n: usize, quiet: bool) -> ProgressBar {
    if quiet || n <= 3 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(n as u64);
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files, {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb
}

/// Runs a per-file job over inputs in parallel, keeping input order.
pub fn run_batch<F>(inputs: &[Input], pb: &ProgressBar, job: F) -> Vec<FileReport>
where
    F: Fn(&Input) -> FileReport + Sync,
{
    let findings = std::sync::atomic::AtomicUsize::new(0);
    inputs
        .par_iter()
        .map(|i| {
            let r = job(i);
            let n = findings.fetch_add(r.findings.len(), std::sync::atomic::Ordering::Relaxed)
                + r.findings.len();
            pb.set_message(format!("{n} findings"));
            pb.inc(1);
            r
        })
        .collect()
}

/// Files that were named but could not be found become unreadable reports.
pub fn missing_reports(errors: Vec<(String, String)>) -> Vec<FileReport> {
    errors
        .into_iter()
        .map(|(p, e)| FileReport::unreadable(&p, e))
        .collect()
}

/// The exit code a batch earns.
pub fn exit_code(files: &[FileReport], fail_on: FailOn) -> i32 {
    report::stream::Outcome::of(files).exit_code(fail_on)
}

/// Writes the report to stdout; a closed pipe is not an error.
pub fn emit(files: &[FileReport], format: OutputFormat, verbose: bool) {
    let out = match format {
        OutputFormat::Text => report::text::render(files, &TextOptions { verbose }),
        OutputFormat::Json => report::json::render(files),
        OutputFormat::Csv => report::csv::render(files),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
}

pub fn run(a: CheckArgs) -> i32 {
    let (schemas, opts) = match prepare(&a.read) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("kpicheck: {e}");
            return EXIT_TROUBLE;
        }
    };
    let (inputs, errors) = expand_inputs(&a.paths);
    run_files(
        &inputs,
        errors,
        &a.output,
        "kpicheck exception report",
        |i| check_file(&i.path, &i.display(), &schemas, &opts),
    )
}

/// Runs `job` over every input and reports, for `check` and `fix` alike:
/// streamed a chunk at a time when no `--report` needs the whole batch,
/// else collected, then written to stdout and to each report. Returns the
/// exit code.
pub fn run_files<F>(
    inputs: &[Input],
    errors: Vec<(String, String)>,
    output: &OutputArgs,
    title: &str,
    job: F,
) -> i32
where
    F: Fn(&Input) -> FileReport + Sync,
{
    let pb = progress(inputs.len(), output.quiet);
    if output.report.is_empty() && !(inputs.is_empty() && errors.is_empty()) {
        // Nothing needs the whole batch at once: write as it goes.
        return stream_batch(
            inputs,
            errors,
            &pb,
            output.format,
            output.verbose,
            output.fail_on,
            job,
        );
    }
    let mut files = missing_reports(errors);
    files.extend(run_batch(inputs, &pb, job));
    pb.finish_and_clear();
    if files.is_empty() {
        eprintln!(
            "kpicheck: no workbooks found (looked for {})",
            crate::check::EXTENSIONS.join(", ")
        );
        return EXIT_TROUBLE;
    }
    emit(&files, output.format, output.verbose);
    if let Err(e) = write_reports(&output.report, inputs, &files, title) {
        eprintln!("kpicheck: {e}");
        return EXIT_TROUBLE;
    }
    exit_code(&files, output.fail_on)
}

/// Files checked in parallel per chunk, each chunk written before the next
/// is read: memory stays flat in the number of files.
const CHUNK: usize = 256;

/// Runs a per-file job over the inputs a chunk at a time, writing each
/// chunk's reports to stdout before the next is read.
pub fn stream_batch<F>(
    inputs: &[Input],
    errors: Vec<(String, String)>,
    pb: &ProgressBar,
    format: OutputFormat,
    verbose: bool,
    fail_on: FailOn,
    job: F,
) -> i32
where
    F: Fn(&Input) -> FileReport + Sync,
{
    let stdout = std::io::stdout().lock();
    let run = || -> std::io::Result<report::stream::Outcome> {
        let mut w =
            report::stream::StreamWriter::new(std::io::BufWriter::new(stdout), format, verbose)?;
        w.write(&missing_reports(errors))?;
        for chunk in inputs.chunks(CHUNK) {
            let files = run_batch(chunk, pb, &job);
            w.write(&files)?;
        }
        w.finish()
    };
    let outcome = run();
    pb.finish_and_clear();
    match outcome {
        Ok(o) => o.exit_code(fail_on),
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("kpicheck: cannot write the report: {e}");
            EXIT_TROUBLE
        }
    }
}

/// Writes each `--report`, refusing a path that is one of the inputs.
pub fn write_reports(
    paths: &[std::path::PathBuf],
    inputs: &[Input],
    files: &[FileReport],
    title: &str,
) -> Result<(), String> {
    for p in paths {
        if inputs.iter().any(|i| crate::output::same_file(&i.path, p)) {
            return Err(format!(
                "refusing to write the report {}: it is one of the input files",
                p.display()
            ));
        }
        report::write_report(p, files, title)?;
    }
    Ok(())
}
