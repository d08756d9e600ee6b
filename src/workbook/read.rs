//! Reading a workbook file through calamine into our own cell model.
//!
//! The container type is sniffed from the file's first bytes, not its name,
//! so an .xls renamed to .xlsx is still read, and a file that is not a
//! workbook at all gets an error an officer can act on.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};

use super::{Cell, Sheet, Visibility, Workbook};

/// The container formats kpicheck reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
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
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
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
    /// The file is larger than the configured limit.
    #[error("the file is too large: {0}")]
    TooLarge(String),
}

/// Limits that protect the batch from one hostile or broken file.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most cells kept from one sheet.
    pub max_cells_per_sheet: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_file_bytes: 256 * 1024 * 1024,
            max_cells_per_sheet: 20_000_000,
        }
    }
}

/// What the sniffed bytes say the container is.
fn sniff(bytes: &[u8]) -> Result<Format, ReadError> {
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
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Options for what to load beyond values.
#[derive(Debug, Clone, Copy, Default)]
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
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io(io_words(&e)))?;
    read_bytes(bytes, limits, opts)
}

/// Reads a workbook held in memory.
pub fn read_bytes(
    bytes: Vec<u8>,
    limits: &ReadLimits,
    opts: ReadOptions,
) -> Result<Workbook, ReadError> {
    let format = sniff(&bytes)?;
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
        let range = sheets
            .worksheet_range(&name)
            .map_err(|e| corrupt(&e.to_string()))?;
        let mut sheet = convert_range(&name, &range, limits)?;
        sheet.visibility = visibility;
        // Merged regions are cheap to read and tell two-row headers apart.
        let merged = match &mut sheets {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).ok(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).ok(),
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
        out.push(sheet);
    }
    Ok(Workbook {
        format,
        sheets: out,
    })
}

fn corrupt(msg: &str) -> ReadError {
    let lower = msg.to_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        return ReadError::Encrypted;
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
    let (h, w) = range.get_size();
    if (h as u64).saturating_mul(w as u64) > limits.max_cells_per_sheet {
        return Err(ReadError::TooLarge(format!(
            "sheet '{name}' spans {h} rows by {w} columns, over the limit of {} cells (raise it with --max-cells)",
            limits.max_cells_per_sheet
        )));
    }
    let mut rows = Vec::with_capacity(h);
    for r in range.rows() {
        // Trailing empty cells are dropped so a wide, sparse row costs little.
        let last = r
            .iter()
            .rposition(|c| !matches!(c, Data::Empty))
            .map(|i| i + 1)
            .unwrap_or(0);
        rows.push(r[..last].iter().map(convert_cell).collect());
    }
    Ok(Sheet::new(name, start, rows))
}

fn convert_cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
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
    fn messages_are_sentences_an_officer_can_act_on() {
        assert!(ReadError::Encrypted
            .to_string()
            .starts_with("password-protected"));
        assert!(ReadError::NotAWorkbook
            .to_string()
            .contains("not a spreadsheet"));
    }
}
