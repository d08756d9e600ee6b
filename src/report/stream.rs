//! The report on stdout written as the batch goes, so a batch of thousands
//! of files holds one chunk of reports at a time rather than all of them.
//!
//! Text and CSV are written file by file. JSON lists every file before any
//! finding, so the findings are spooled to a temporary file and copied
//! after the files; the output is the same contract as [`super::json`].

use std::io::{self, Seek, Write};

use super::json::{JsonFile, JsonFinding};
use super::text::TextOptions;
use super::Summary;
use crate::check::{FileReport, FileStatus};
use crate::cli::{FailOn, OutputFormat};

/// What the exit code needs to know of the files already written.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    pub files: usize,
    pub unreadable: usize,
    /// The most severe finding seen.
    pub worst: Option<crate::rules::Severity>,
}

impl Outcome {
    /// The outcome of reports already held.
    pub fn of(files: &[FileReport]) -> Outcome {
        let mut o = Outcome::default();
        for f in files {
            o.add(f);
        }
        o
    }

    fn add(&mut self, f: &FileReport) {
        self.files += 1;
        self.unreadable += usize::from(f.status == FileStatus::Unreadable);
        for x in &f.findings {
            self.worst = self.worst.max(Some(x.severity));
        }
    }

    /// The exit code, by the same rules as `check`'s.
    pub fn exit_code(&self, fail_on: FailOn) -> i32 {
        use crate::commands::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE};
        if self.files == 0 || self.unreadable == self.files {
            return EXIT_TROUBLE;
        }
        let hit = fail_on
            .threshold()
            .is_some_and(|t| self.worst.is_some_and(|w| w >= t));
        if hit || (self.unreadable > 0 && fail_on != FailOn::Never) {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        }
    }
}

/// Writes reports to `out` as they come.
pub struct StreamWriter<W: Write> {
    out: W,
    format: OutputFormat,
    verbose: bool,
    summary: Summary,
    outcome: Outcome,
    /// JSON findings, spooled until the files are all written (buffered:
    /// each finding is many small writes).
    spool: Option<io::BufWriter<std::fs::File>>,
    first_file: bool,
    first_finding: bool,
}

impl<W: Write> StreamWriter<W> {
    pub fn new(mut out: W, format: OutputFormat, verbose: bool) -> io::Result<Self> {
        let spool = match format {
            OutputFormat::Json => {
                out.write_all(b"{\n  \"files\": [")?;
                Some(io::BufWriter::new(tempfile::tempfile()?))
            }
            OutputFormat::Csv => {
                out.write_all(super::csv::HEADER.join(",").as_bytes())?;
                out.write_all(b"\r\n")?;
                None
            }
            OutputFormat::Text => None,
        };
        Ok(StreamWriter {
            out,
            format,
            verbose,
            summary: Summary::default(),
            outcome: Outcome::default(),
            spool,
            first_file: true,
            first_finding: true,
        })
    }

    /// Writes a chunk of file reports, in order.
    pub fn write(&mut self, files: &[FileReport]) -> io::Result<()> {
        for f in files {
            self.outcome.add(f);
        }
        self.summary.merge(&Summary::of(files));
        match self.format {
            OutputFormat::Text => {
                let s = super::text::render_files(
                    files,
                    &TextOptions {
                        verbose: self.verbose,
                    },
                );
                self.out.write_all(s.as_bytes())
            }
            OutputFormat::Csv => self
                .out
                .write_all(super::csv::render_rows(files).as_bytes()),
            OutputFormat::Json => {
                for f in files {
                    let wire = JsonFile::of(f);
                    let sep = if self.first_file { "\n    " } else { ",\n    " };
                    self.first_file = false;
                    self.out.write_all(sep.as_bytes())?;
                    serde_json::to_writer(&mut self.out, &wire)?;
                    if let Some(spool) = self.spool.as_mut() {
                        for x in &f.findings {
                            let sep = if self.first_finding {
                                "\n    "
                            } else {
                                ",\n    "
                            };
                            self.first_finding = false;
                            spool.write_all(sep.as_bytes())?;
                            serde_json::to_writer(&mut *spool, &JsonFinding::of(x))?;
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// Closes the report and returns what the exit code needs.
    pub fn finish(mut self) -> io::Result<Outcome> {
        match self.format {
            OutputFormat::Text => {
                let line = super::text::summary_line(&self.summary);
                self.out.write_all(line.as_bytes())?;
            }
            OutputFormat::Csv => {}
            OutputFormat::Json => {
                self.out.write_all(b"\n  ],\n  \"findings\": [")?;
                if let Some(spool) = self.spool.take() {
                    let mut spool = spool.into_inner().map_err(|e| e.into_error())?;
                    spool.rewind()?;
                    io::copy(&mut spool, &mut self.out)?;
                }
                self.out.write_all(b"\n  ],\n  \"summary\": ")?;
                serde_json::to_writer(&mut self.out, &self.summary)?;
                self.out.write_all(b"\n}\n")?;
            }
        }
        self.out.flush()?;
        Ok(self.outcome)
    }
}
