//! Reading a workbook file through calamine into our own cell model.
//!
//! The container type is sniffed from the file's first bytes, not its name,
//! so an .xls renamed to .xlsx is still read, and a file that is not a
//! workbook at all gets an error an officer can act on.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};

use super::preflight::{self, Deadline};
use super::{Cell, Sheet, Visibility, Workbook};

/// The container formats kpicheck reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// Why a file could not be read. Each message is a full sentence an officer
/// can act on; the file's path is added by the caller.
#[derive(Debug, thiserror::Error, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ReadError {
    /// The file could not be opened or read from disk.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// The file is empty (zero bytes).
    #[error("the file is empty (0 bytes)")]
    EmptyFile,
    /// The bytes are not any workbook format kpicheck reads.
    #[error("not a spreadsheet: the file is neither Excel (xlsx, xlsm, xlsb, xls) nor OpenDocument (ods)")]
    NotAWorkbook,
    /// The workbook is encrypted with a password.
    #[error("password-protected: remove the password in Excel (File > Info > Protect Workbook) and try again")]
    Encrypted,
    /// The container is damaged, for example a truncated download.
    #[error("the file is damaged or incomplete ({0}); open it in Excel, save a fresh copy and try again")]
    Corrupt(String),
    /// The file, or something in it, is larger than a configured limit.
    #[error("the file is too large: {0}")]
    TooLarge(String),
    /// The file is built in a way Excel never writes and that could exhaust
    /// memory or time (a zip bomb, an entity bomb, a lying header).
    #[error("refused for safety: {0}")]
    Refused(String),
    /// Reading took longer than the time allowed for one file.
    #[error("reading took longer than {0} seconds, the limit for one file (raise it with --max-seconds)")]
    TimedOut(u64),
    /// Reading needed more memory than allowed for one file.
    #[error("reading needed more than {0} MB of memory, the limit for one file (raise it with --max-memory-mb)")]
    OutOfMemory(u64),
    /// A fault in kpicheck itself (a caught panic, a reader process that died).
    #[error(
        "internal error while reading this file ({0}); please report it with the file attached"
    )]
    Internal(String),
}

/// Limits that protect the batch from one hostile or broken file. The
/// defaults are far beyond any real return (docs/reliability.md).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReadLimits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most cells kept from one sheet: each row counted from the sheet's
    /// first used column to that row's last used one.
    pub max_cells_per_sheet: u64,
    /// Most bytes the parts of a zip container (xlsx, xlsm, xlsb, ods) may
    /// unpack to, all together.
    pub max_unzipped_bytes: u64,
    /// Longest time spent reading one file, in seconds.
    pub max_seconds: u64,
    /// Most memory the reader process of one file may use, in bytes (where
    /// files are read in a separate process: see [`super::worker`]).
    pub max_memory_bytes: u64,
}

pub const MB: u64 = 1024 * 1024;

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_file_bytes: 256 * MB,
            max_cells_per_sheet: 20_000_000,
            max_unzipped_bytes: 1024 * MB,
            max_seconds: 120,
            max_memory_bytes: 4096 * MB,
        }
    }
}

/// What the sniffed bytes say the container is.
pub fn sniff(bytes: &[u8]) -> Result<Format, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::EmptyFile);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        // The names of the zip entries tell the three zip formats apart.
        if contains(bytes, b"xl/workbook.bin") {
            return Ok(Format::Xlsb);
        }
        if contains(bytes, b"content.xml") && contains(bytes, b"opendocument") {
            return Ok(Format::Ods);
        }
        if contains(bytes, b"vbaProject.bin") {
            return Ok(Format::Xlsm);
        }
        if contains(bytes, b"xl/") {
            return Ok(Format::Xlsx);
        }
        if contains(bytes, b"content.xml") {
            return Ok(Format::Ods);
        }
        return Err(ReadError::NotAWorkbook);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An OOXML workbook saved with a password is a compound file holding
        // an "EncryptedPackage" stream (names are UTF-16 in the directory).
        if contains(bytes, &utf16("EncryptedPackage")) {
            return Err(ReadError::Encrypted);
        }
        return Ok(Format::Xls);
    }
    Err(ReadError::NotAWorkbook)
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

/// Options for what to load beyond values.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct ReadOptions {
    /// Load which cells hold formulas (a fix never overwrites them).
    pub formulas: bool,
}

/// Reads every sheet of a workbook.
pub fn read_workbook(path: &Path, limits: &ReadLimits) -> Result<Workbook, ReadError> {
    read_workbook_with(path, limits, ReadOptions::default())
}

pub fn read_workbook_with(
    path: &Path,
    limits: &ReadLimits,
    opts: ReadOptions,
) -> Result<Workbook, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Io(io_words(&e)))?;
    if meta.is_dir() {
        return Err(ReadError::Io("it is a folder, not a file".into()));
    }
    if meta.len() > limits.max_file_bytes {
        return Err(ReadError::TooLarge(format!(
            "{} bytes, over the limit of {} (raise it with --max-file-mb)",
            meta.len(),
            limits.max_file_bytes
        )));
    }
    let bytes = read_at_most(path, limits.max_file_bytes)?;
    // Formats whose pre-flight cannot bound calamine's memory are read in a
    // separate process with a memory cap and a timeout, where one is set up.
    if let Ok(format) = sniff(&bytes) {
        if needs_isolation(format) {
            if let Some(exe) = super::worker::executable() {
                drop(bytes);
                return super::worker::read_in_worker(exe, path, limits, opts);
            }
        }
    }
    read_bytes(bytes, limits, opts)
}

/// Whether reading a format in-process could exhaust memory whatever the
/// pre-flight says: xls and xlsb are binary, and ods repeats cells by count.
pub fn needs_isolation(format: Format) -> bool {
    matches!(format, Format::Xls | Format::Xlsb | Format::Ods)
}

/// Reads a file, never more than `max` bytes (it may grow after the check).
fn read_at_most(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let io = |e: std::io::Error| match e.kind() {
        // The limit is the caller's to name (see worker::read_in_worker).
        std::io::ErrorKind::OutOfMemory => ReadError::OutOfMemory(0),
        _ => ReadError::Io(io_words(&e)),
    };
    let f = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    f.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(format!(
            "over the limit of {} bytes (raise it with --max-file-mb)",
            max
        )));
    }
    Ok(bytes)
}

/// Reads a workbook held in memory, in this process. Zip containers are
/// pre-flighted first (see [`super::preflight`]).
pub fn read_bytes(
    bytes: Vec<u8>,
    limits: &ReadLimits,
    opts: ReadOptions,
) -> Result<Workbook, ReadError> {
    let deadline = Deadline::after_secs(limits.max_seconds);
    let format = sniff(&bytes)?;
    if matches!(format, Format::Xlsx | Format::Xlsm) {
        // Our own reader: one pass, within the limits as it goes.
        return super::guard::catch(|| super::xlsx::read(&bytes, format, limits, opts, &deadline))
            .unwrap_or_else(|what| {
                Err(ReadError::Internal(format!(
                    "the xlsx reader stopped: {what}"
                )))
            });
    }
    if format != Format::Xls {
        preflight::check_zip(&bytes, limits, &deadline)?;
    }
    deadline.check()?;
    // calamine asserts on some malformed records (found by fuzzing): a file
    // it cannot parse is damaged, and says so, rather than an internal error.
    super::guard::catch(|| read_sheets(bytes, format, limits, opts, &deadline)).unwrap_or_else(
        |what| {
            Err(ReadError::Corrupt(format!(
                "a broken record stopped the reader: {what}"
            )))
        },
    )
}

/// Reads the sheets through calamine, after the pre-flight: xlsb, ods and
/// xls. (xlsx and xlsm have a reader of their own, [`super::xlsx`]; this
/// path reads them too, and the tests compare the two.)
fn read_sheets(
    bytes: Vec<u8>,
    format: Format,
    limits: &ReadLimits,
    opts: ReadOptions,
    deadline: &Deadline,
) -> Result<Workbook, ReadError> {
    let cursor = Cursor::new(bytes);
    let mut sheets: Sheets<Cursor<Vec<u8>>> = match format {
        Format::Xlsx | Format::Xlsm => {
            Sheets::Xlsx(Xlsx::new(cursor).map_err(|e| corrupt(&e.to_string()))?)
        }
        Format::Xlsb => Sheets::Xlsb(Xlsb::new(cursor).map_err(|e| corrupt(&e.to_string()))?),
        Format::Ods => Sheets::Ods(Ods::new(cursor).map_err(|e| corrupt(&e.to_string()))?),
        Format::Xls => Sheets::Xls(Xls::new(cursor).map_err(|e| match e {
            calamine::XlsError::Password => ReadError::Encrypted,
            other => corrupt(&other.to_string()),
        })?),
    };
    let metas: Vec<(String, Visibility)> = sheets
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| {
            let vis = match s.visible {
                calamine::SheetVisible::Visible => Visibility::Visible,
                calamine::SheetVisible::Hidden => Visibility::Hidden,
                calamine::SheetVisible::VeryHidden => Visibility::VeryHidden,
            };
            (s.name.clone(), vis)
        })
        .collect();
    let mut out = Vec::with_capacity(metas.len());
    for (name, visibility) in metas {
        deadline.check()?;
        let range = sheets
            .worksheet_range(&name)
            .map_err(|e| corrupt(&e.to_string()))?;
        let mut sheet = convert_range(&name, &range, limits)?;
        // Merged regions tell two-row headers apart, and a rebuilt xls
        // keeps them.
        let merged = match &mut sheets {
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).ok(),
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).ok(),
            _ => None,
        };
        if let Some(m) = merged {
            sheet.merged = m.into_iter().map(|d| (d.start, d.end)).collect();
        }
        if opts.formulas {
            if let Ok(f) = sheets.worksheet_formula(&name) {
                if let Some(start) = f.start() {
                    let mut cells: Vec<(u32, u32)> = f
                        .used_cells()
                        .filter(|(_, _, s)| !s.is_empty())
                        .map(|(r, c, _)| (start.0 + r as u32, start.1 + c as u32))
                        .collect();
                    cells.sort_unstable();
                    sheet.formulas = cells;
                }
            }
        }
        sheet.visibility = visibility;
        out.push(sheet);
    }
    Ok(Workbook {
        format,
        sheets: out,
    })
}

fn too_many_cells(name: &str, n: u64, far: Option<(u32, u32)>, limits: &ReadLimits) -> ReadError {
    let far = far
        .map(|(r, c)| format!(" as far as {}", super::CellRef::new(r, c)))
        .unwrap_or_default();
    ReadError::TooLarge(format!(
        "sheet '{name}' uses cells{far}, {n} cells to hold, over the limit of {} (delete the stray cells far from the table, or raise the limit with --max-cells)",
        limits.max_cells_per_sheet
    ))
}

/// Builds our grid from scattered cells: rows from the first used row to the
/// last, each from the first used column to its own last used cell.
pub fn sparse_sheet(
    name: &str,
    mut cells: Vec<(u32, u32, Cell)>,
    limits: &ReadLimits,
) -> Result<Sheet, ReadError> {
    if cells.is_empty() {
        return Ok(Sheet::new(name, (0, 0), Vec::new()));
    }
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    cells.dedup_by_key(|(r, c, _)| (*r, *c));
    let min_row = cells.first().map_or(0, |x| x.0);
    let max_row = cells.last().map_or(0, |x| x.0);
    let min_col = cells.iter().map(|x| x.1).min().unwrap_or(0);
    let max_col = cells.iter().map(|x| x.1).max().unwrap_or(0);
    if max_row >= preflight::MAX_ROWS || max_col >= preflight::MAX_COLS {
        return Err(ReadError::Corrupt(format!(
            "sheet '{name}' has a cell beyond Excel's last row or column"
        )));
    }
    // What the grid will hold, counted before anything is allocated.
    let mut grid: u64 = 0;
    let mut i = 0;
    while i < cells.len() {
        let row = cells[i].0;
        let mut last = cells[i].1;
        while i < cells.len() && cells[i].0 == row {
            last = last.max(cells[i].1);
            i += 1;
        }
        grid += u64::from(last - min_col) + 1;
    }
    if grid > limits.max_cells_per_sheet {
        return Err(too_many_cells(name, grid, Some((max_row, max_col)), limits));
    }
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); (max_row - min_row) as usize + 1];
    for (r, c, v) in cells {
        if let Some(row) = rows.get_mut((r - min_row) as usize) {
            let at = (c - min_col) as usize;
            if row.len() <= at {
                row.resize(at + 1, Cell::Empty);
            }
            row[at] = v;
        }
    }
    Ok(Sheet::new(name, (min_row, min_col), rows))
}

fn corrupt(msg: &str) -> ReadError {
    let lower = msg.to_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        return ReadError::Encrypted;
    }
    if lower.contains("cell limit exceeded") {
        // ods repeats a cell by count: calamine refuses counts in the
        // billions (a "repeat bomb") before it allocates.
        return ReadError::TooLarge(format!(
            "a sheet repeats cells past the reader's limit ({msg})"
        ));
    }
    ReadError::Corrupt(msg.to_string())
}

/// Plain words for the I/O errors an officer meets.
pub(crate) fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file (it may have been moved or deleted)".into(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (the file may be open elsewhere or locked)".into()
        }
        _ => e.to_string(),
    }
}

fn convert_range(
    name: &str,
    range: &calamine::Range<Data>,
    limits: &ReadLimits,
) -> Result<Sheet, ReadError> {
    let Some(start) = range.start() else {
        return Ok(Sheet::new(name, (0, 0), Vec::new()));
    };
    let cells = range
        .used_cells()
        .map(|(r, c, d)| {
            let r = start.0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
            let c = start.1.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
            (r, c, convert_cell(d))
        })
        .filter(|(_, _, c)| *c != Cell::Empty)
        .collect();
    sparse_sheet(name, cells, limits)
}

/// A number as a cell; a NaN or infinity (which Excel cannot hold) is the
/// error it would show.
pub(super) fn number(f: f64) -> Cell {
    if f.is_finite() {
        Cell::Number(f)
    } else {
        Cell::Error("#NUM!".into())
    }
}

fn convert_cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => number(*f),
        Data::String(s) => Cell::Text(s.as_str().into()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.as_str().into()),
        Data::Error(e) => Cell::Error(error_text(e)),
    }
}

fn error_text(e: &calamine::CellErrorType) -> String {
    use calamine::CellErrorType::*;
    match e {
        Div0 => "#DIV/0!",
        NA => "#N/A",
        Name => "#NAME?",
        Null => "#NULL!",
        Num => "#NUM!",
        Ref => "#REF!",
        Value => "#VALUE!",
        GettingData => "#GETTING_DATA",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_ignores_the_name() {
        assert_eq!(sniff(b""), Err(ReadError::EmptyFile));
        assert_eq!(sniff(b"hello, world"), Err(ReadError::NotAWorkbook));
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Ok(Format::Xls)
        );
        let mut enc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        enc.extend(utf16("EncryptedPackage"));
        assert_eq!(sniff(&enc), Err(ReadError::Encrypted));
    }

    #[test]
    fn the_time_limit_stops_a_read() {
        let sample = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/family_services_q4_2016-17.xlsx"
        );
        let bytes = std::fs::read(sample).unwrap();
        let limits = ReadLimits {
            max_seconds: 0,
            ..ReadLimits::default()
        };
        let e = read_bytes(bytes, &limits, ReadOptions::default()).unwrap_err();
        assert_eq!(e, ReadError::TimedOut(0));
    }

    #[test]
    fn a_sparse_sheet_costs_one_cell_per_row_to_its_last_cell() {
        let cells = vec![
            (1_048_575, 0, Cell::Text("stray".into())),
            (2, 1, Cell::Number(1.0)),
            (2, 3, Cell::Number(2.0)),
            (2, 3, Cell::Number(9.0)),
        ];
        let s = sparse_sheet("S", cells, &ReadLimits::default()).unwrap();
        assert_eq!(s.origin, (2, 0));
        assert_eq!(s.get(2, 3), &Cell::Number(2.0));
        assert_eq!(s.get(1_048_575, 0), &Cell::Text("stray".into()));
        assert_eq!(s.cell_count(), 5);
        let tight = ReadLimits {
            max_cells_per_sheet: 4,
            ..ReadLimits::default()
        };
        let cells = vec![(0, 0, Cell::Bool(true)), (0, 16_383, Cell::Bool(true))];
        let e = sparse_sheet("Wide", cells, &tight).unwrap_err();
        assert!(e.to_string().contains("as far as XFD1"), "{e}");
        let beyond = vec![(1_048_576, 0, Cell::Bool(true))];
        assert!(sparse_sheet("S", beyond, &tight).is_err());
    }

    /// Reads a workbook both ways: kpicheck's xlsx reader and calamine.
    fn both_ways(bytes: Vec<u8>) -> (Workbook, Workbook) {
        let limits = ReadLimits::default();
        let opts = ReadOptions { formulas: true };
        let ours = read_bytes(bytes.clone(), &limits, opts).unwrap();
        let deadline = Deadline::after_secs(60);
        let theirs = read_sheets(bytes, Format::Xlsx, &limits, opts, &deadline).unwrap();
        (ours, theirs)
    }

    fn assert_same(what: &str, ours: &Workbook, theirs: &Workbook) {
        assert_eq!(ours.sheets.len(), theirs.sheets.len(), "{what}");
        for (a, b) in ours.sheets.iter().zip(&theirs.sheets) {
            assert_eq!(a.name, b.name, "{what}");
            assert_eq!(a.visibility, b.visibility, "{what} {}", a.name);
            assert_eq!(a.origin, b.origin, "{what} {}", a.name);
            assert_eq!(a.rows, b.rows, "{what} {}", a.name);
            let (mut ma, mut mb) = (a.merged.clone(), b.merged.clone());
            ma.sort_unstable();
            mb.sort_unstable();
            assert_eq!(ma, mb, "{what} {}", a.name);
            assert_eq!(a.formulas, b.formulas, "{what} {}", a.name);
        }
    }

    #[test]
    fn the_xlsx_reader_reads_the_samples_as_calamine_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut n = 0;
        for dir in [root.clone(), root.join("history")] {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "xlsx") {
                    let (ours, theirs) = both_ways(std::fs::read(&p).unwrap());
                    assert_same(&p.display().to_string(), &ours, &theirs);
                    n += 1;
                }
            }
        }
        assert!(n >= 6, "{n} samples");
    }

    /// An xlsx made by hand, for what the samples' writer never does.
    fn handmade(sheets: &[(&str, &str, &str)], strings: &str, styles: &str) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        let mut put = |name: &str, body: &str| {
            w.start_file(name, opts).unwrap();
            w.write_all(body.as_bytes()).unwrap();
        };
        put(
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        );
        put(
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        );
        let mut list = String::new();
        let mut rels = String::new();
        for (i, (name, state, xml)) in sheets.iter().enumerate() {
            let n = i + 1;
            list.push_str(&format!(
                r#"<sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>"#
            ));
            rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet{n}.xml"/>"#));
            put(
                &format!("xl/worksheets/sheet{n}.xml"),
                &format!(
                    r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{xml}</worksheet>"#
                ),
            );
        }
        rels.push_str(r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
        put(
            "xl/workbook.xml",
            &format!(
                r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{list}</sheets></workbook>"#
            ),
        );
        put(
            "xl/_rels/workbook.xml.rels",
            &format!(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
            ),
        );
        put(
            "xl/sharedStrings.xml",
            &format!(
                r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>"#
            ),
        );
        put(
            "xl/styles.xml",
            &format!(
                r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{styles}</styleSheet>"#
            ),
        );
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn the_xlsx_reader_reads_what_other_writers_write_as_calamine_does() {
        let strings = concat!(
            r#"<si><t>Plain</t></si>"#,
            r#"<si><r><rPr><b/></rPr><t xml:space="preserve">Rich </t></r><r><t>text</t></r><rPh><t>ignored</t></rPh></si>"#,
            r#"<si><t>  padded &amp; escaped_x000D_ </t></si>"#,
            r#"<si/>"#,
        );
        let styles = concat!(
            r#"<numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>"#,
            r#"<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>"#,
            r#"<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/><xf numFmtId="10"/></cellXfs>"#,
        );
        let first = concat!(
            r#"<sheetData>"#,
            r#"<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c><c r="E2" t="s"><v>3</v></c></row>"#,
            r#"<row r="3"><c r="B3" s="1"><v>42736</v></c><c r="C3" s="2"><v>0.694</v></c><c r="D3" s="3"><v>43000.5</v></c><c r="E3" s="4"><v>0.5</v></c><c r="F3" s="9"><v>7</v></c></row>"#,
            r#"<row r="4"><c r="B4" t="b"><v>0</v></c><c r="C4" t="e"><v>#N/A</v></c><c r="D4" t="str"><f>CONCAT("a","b")</f><v>a &lt; b</v></c><c r="E4"><f>1+1</f><v>2</v></c><c r="F4" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>"#,
            r#"<row><c><v>1</v></c><c><v>2</v></c><c r="E5" t="n"><v>-1.5E-3</v></c></row>"#,
            r#"<row r="7"><c r="A7"/><c r="B7" s="1"/></row>"#,
            r#"</sheetData>"#,
            r#"<mergeCells count="2"><mergeCell ref="B2:C2"/><mergeCell ref="D7:F8"/></mergeCells>"#,
        );
        let second = r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#;
        let book = handmade(
            &[
                ("Front &amp; back", "visible", first),
                ("Hidden", "hidden", second),
                ("Deep", "veryHidden", "<sheetData/>"),
            ],
            strings,
            styles,
        );
        let (ours, theirs) = both_ways(book);
        assert_same("handmade", &ours, &theirs);
        let s = &ours.sheets[0];
        assert_eq!(s.name, "Front & back");
        assert_eq!(s.get(1, 2), &Cell::Text("Rich text".into()));
        assert_eq!(s.get(2, 1), &Cell::Date(42736.0));
        assert_eq!(s.get(2, 2), &Cell::Number(0.694));
        assert_eq!(s.formulas, vec![(3, 3), (3, 4)]);
    }

    #[test]
    fn messages_are_sentences_an_officer_can_act_on() {
        assert!(ReadError::Encrypted
            .to_string()
            .starts_with("password-protected"));
        assert!(ReadError::NotAWorkbook
            .to_string()
            .contains("not a spreadsheet"));
    }
}
