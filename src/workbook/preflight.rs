//! Pre-flight of a zip container (xlsb, ods) before calamine sees it, and
//! the checked directory and counted inflation that kpicheck's own xlsx
//! reader ([`super::xlsx`]) is built on.
//!
//! calamine has no size limits of its own, and in Rust a failed allocation
//! aborts the whole process, which no `catch_unwind` can stop. So before a
//! file is handed over, its zip directory is walked and every part is
//! inflated once into nothing, with the bytes counted as they come: a zip
//! bomb, a part whose header lies about its size, a document type
//! declaration (the "billion laughs" entity bomb) or a sheet whose cells
//! reach far beyond any real table is refused with words an officer can act
//! on, and nothing has been allocated for it.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};
use std::time::{Duration, Instant};

use quick_xml::events::{BytesStart, Event};

use super::address::{col_letters, CellRef};
use super::read::{ReadError, ReadLimits};

/// Most parts a workbook container may hold. Excel writes a few dozen.
pub const MAX_ENTRIES: usize = 1_000;
/// Parts larger than this must not inflate more than [`MAX_RATIO`] times.
pub const RATIO_FLOOR: u64 = 100 * 1024;
/// The largest inflate ratio accepted for a part over [`RATIO_FLOOR`].
/// Real sheet XML deflates 5 to 30 times; a zip bomb, about 1,000 times.
pub const MAX_RATIO: u64 = 100;
/// Excel's grid: 1,048,576 rows by 16,384 columns.
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLS: u32 = 16_384;

/// A time budget for one file, checked as the work goes on.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    start: Instant,
    limit: Duration,
}

impl Deadline {
    pub fn after_secs(secs: u64) -> Deadline {
        Deadline {
            start: Instant::now(),
            limit: Duration::from_secs(secs),
        }
    }

    /// An error once the budget is spent.
    pub fn check(&self) -> Result<(), ReadError> {
        if self.start.elapsed() > self.limit {
            Err(ReadError::TimedOut(self.limit.as_secs()))
        } else {
            Ok(())
        }
    }
}

/// What the pre-flight learnt about the cells of one worksheet part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetExtent {
    /// Cells written in the part (`<c>` elements).
    pub cells: u64,
    /// The farthest cell used, if any.
    pub last: Option<CellRef>,
    /// Cells our grid would hold for it: each row from the sheet's first
    /// used column to that row's last used one.
    pub grid_cells: u64,
    /// Merged ranges ((first row, first col), (last row, last col)), taken
    /// in the same pass as the cells.
    pub merged: super::Merged,
}

/// What a container holds, as far as the pre-flight looked.
#[derive(Debug, Clone, Default)]
pub struct ZipReport {
    /// Bytes inflated in all.
    pub inflated: u64,
    /// Extents of each worksheet part, by part name.
    pub sheets: HashMap<String, SheetExtent>,
}

fn refuse(why: String) -> ReadError {
    ReadError::Refused(why)
}

fn mb(bytes: u64) -> String {
    let m = bytes as f64 / (1024.0 * 1024.0);
    if m >= 10.0 {
        format!("{m:.0} MB")
    } else {
        format!("{m:.1} MB")
    }
}

/// A zip container read from memory.
pub type Zip<'b> = zip::ZipArchive<Cursor<&'b [u8]>>;

/// One part of a zip container, as its directory declares it.
#[derive(Debug, Clone)]
pub struct Part {
    pub index: usize,
    pub name: String,
    pub size: u64,
    pub csize: u64,
}

/// Opens a zip container and checks its directory: the number of parts, no
/// two with one name, none encrypted, declared sizes and ratios within the
/// limits. Parts come back with worksheets last, so the workbook's own parts
/// have named them by the time they are read.
pub fn open_zip<'b>(
    bytes: &'b [u8],
    limits: &ReadLimits,
) -> Result<(Zip<'b>, Vec<Part>), ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_words)?;
    if zip.len() > MAX_ENTRIES {
        return Err(refuse(format!(
            "the file holds {} parts, and a workbook never holds more than 1,000",
            zip.len()
        )));
    }
    if zip.has_duplicate_names() {
        return Err(refuse(
            "the file holds two parts with the same name, so it could be read two ways".into(),
        ));
    }
    // The directory first: declared sizes and ratios cost nothing to check.
    let mut declared_total: u64 = 0;
    let mut parts = Vec::with_capacity(zip.len());
    for index in 0..zip.len() {
        let f = zip.by_index_raw(index).map_err(zip_words)?;
        let name = f.name().map_err(zip_words)?.into_owned();
        if f.encrypted() {
            return Err(ReadError::Encrypted);
        }
        let (size, csize) = (f.size(), f.compressed_size());
        if size > RATIO_FLOOR && size / csize.max(1) >= MAX_RATIO {
            return Err(bomb(&name, size, csize));
        }
        if size > limits.max_unzipped_bytes {
            return Err(too_big_unzipped(&name, size, limits));
        }
        declared_total = declared_total.saturating_add(size);
        if declared_total > limits.max_unzipped_bytes {
            return Err(too_big_unzipped(
                "all parts together",
                declared_total,
                limits,
            ));
        }
        parts.push(Part {
            index,
            name,
            size,
            csize,
        });
    }
    parts.sort_by_key(|p| (is_worksheet(&p.name), p.index));
    Ok((zip, parts))
}

/// Inflates one part through a [`Counter`], then drains what `read` left,
/// and turns a crossed limit into the error that names it. Returns what
/// `read` made of the part and the bytes inflated.
pub fn inflate_part<'b, T>(
    zip: &mut Zip<'b>,
    part: &Part,
    inflated: u64,
    limits: &ReadLimits,
    deadline: &Deadline,
    read: impl FnOnce(&mut Counter<zip::read::ZipFile<'_, Cursor<&'b [u8]>>>) -> T,
) -> Result<(T, u64), ReadError> {
    let f = zip.by_index(part.index).map_err(zip_words)?;
    let mut counter = Counter {
        inner: f,
        count: 0,
        declared: part.size,
        compressed: part.csize,
        budget: limits.max_unzipped_bytes.saturating_sub(inflated),
        deadline: *deadline,
        stop: None,
    };
    let out = read(&mut counter);
    // Whatever `read` left unread is still inflated and counted.
    let drained = std::io::copy(&mut counter, &mut std::io::sink());
    if let Some(stop) = counter.stop.take() {
        return Err(stop.into_error(&part.name, part.size, part.csize, limits));
    }
    drained.map_err(|e| {
        // The zip reader notices a lying header itself at times.
        if e.to_string().contains("larger than its declared") {
            Stop::OverDeclared.into_error(&part.name, part.size, part.csize, limits)
        } else {
            ReadError::Corrupt(format!("part {}: {e}", part.name))
        }
    })?;
    Ok((out, counter.count))
}

/// Walks a zip container and inflates every part once, within the limits.
pub fn check_zip(
    bytes: &[u8],
    limits: &ReadLimits,
    deadline: &Deadline,
) -> Result<ZipReport, ReadError> {
    let (mut zip, parts) = open_zip(bytes, limits)?;
    let mut report = ZipReport::default();
    let mut names = SheetNames::default();
    for part in parts {
        deadline.check()?;
        let (scanned, count) = inflate_part(
            &mut zip,
            &part,
            report.inflated,
            limits,
            deadline,
            |counter| {
                if is_xml(&part.name) {
                    scan_xml(&part.name, counter, limits, &mut names)
                } else {
                    Ok(None)
                }
            },
        )?;
        let extent = scanned.map_err(|e| e.named(&names, &part.name, limits))?;
        report.inflated += count;
        if let Some(extent) = extent {
            report.sheets.insert(part.name, extent);
        }
    }
    Ok(report)
}

fn too_big_unzipped(what: &str, size: u64, limits: &ReadLimits) -> ReadError {
    ReadError::TooLarge(format!(
        "{what} unpacks to {}, over the limit of {} (raise it with --max-unzipped-mb)",
        mb(size),
        mb(limits.max_unzipped_bytes)
    ))
}

fn bomb(name: &str, size: u64, csize: u64) -> ReadError {
    refuse(format!(
        "part {name} unpacks from {} to {}, over {MAX_RATIO} times its size (a \"zip bomb\"); Excel never saves such a part",
        mb(csize),
        mb(size)
    ))
}

fn zip_words(e: zip::result::ZipError) -> ReadError {
    use zip::result::ZipError;
    match e {
        ZipError::UnsupportedArchive(m) if m.to_lowercase().contains("password") => {
            ReadError::Encrypted
        }
        ZipError::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            ReadError::Corrupt("it ends too soon, as after an interrupted download or copy".into())
        }
        // No end-of-directory record: the end of the file is missing.
        other if other.to_string().contains("EOCD") => {
            ReadError::Corrupt("it ends too soon, as after an interrupted download or copy".into())
        }
        other => ReadError::Corrupt(other.to_string()),
    }
}

pub fn is_worksheet(name: &str) -> bool {
    name.starts_with("xl/worksheets/") && name.ends_with(".xml")
}

pub fn is_xml(name: &str) -> bool {
    name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".vml")
}

/// Why the counting reader stopped a part.
#[derive(Debug)]
enum Stop {
    OverDeclared,
    OverBudget,
    Ratio(u64),
    Time(ReadError),
}

impl Stop {
    fn into_error(self, name: &str, size: u64, csize: u64, limits: &ReadLimits) -> ReadError {
        match self {
            Stop::OverDeclared => refuse(format!(
                "part {name} holds more data than its header declares ({size} bytes)"
            )),
            Stop::OverBudget => ReadError::TooLarge(format!(
                "the parts unpack to more than the limit of {} (raise it with --max-unzipped-mb)",
                mb(limits.max_unzipped_bytes)
            )),
            Stop::Ratio(n) => bomb(name, n, csize),
            Stop::Time(e) => e,
        }
    }
}

/// Inflates a part, counting bytes, and stops at the first limit crossed.
pub struct Counter<R> {
    inner: R,
    count: u64,
    declared: u64,
    compressed: u64,
    budget: u64,
    deadline: Deadline,
    stop: Option<Stop>,
}

impl<R: Read> Read for Counter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.stop.is_some() {
            return Err(std::io::Error::other("stopped"));
        }
        // Never ask for much more than is left of any limit.
        let room = self
            .declared
            .min(self.budget)
            .saturating_sub(self.count)
            .saturating_add(1);
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.count += n as u64;
        let stop = if self.count > self.declared {
            Some(Stop::OverDeclared)
        } else if self.count > self.budget {
            Some(Stop::OverBudget)
        } else if self.count > RATIO_FLOOR && self.count / self.compressed.max(1) >= MAX_RATIO {
            Some(Stop::Ratio(self.count))
        } else if let Err(e) = self.deadline.check() {
            Some(Stop::Time(e))
        } else {
            None
        };
        if let Some(s) = stop {
            self.stop = Some(s);
            return Err(std::io::Error::other("stopped"));
        }
        Ok(n)
    }
}

/// Sheet names by part, learnt from the workbook and its relationships.
#[derive(Debug, Default)]
struct SheetNames {
    /// Relationship id -> sheet name (xl/workbook.xml).
    by_rid: HashMap<String, String>,
    /// Relationship id -> target part (xl/_rels/workbook.xml.rels).
    targets: HashMap<String, String>,
}

impl SheetNames {
    fn of_part(&self, part: &str) -> Option<&str> {
        let (rid, _) = self.targets.iter().find(|(_, t)| {
            let t = t.trim_start_matches('/');
            part == t || part.strip_prefix("xl/") == Some(t)
        })?;
        self.by_rid.get(rid).map(String::as_str)
    }
}

/// A problem found inside one XML part; the sheet is named afterwards.
#[derive(Debug)]
pub(super) enum XmlProblem {
    Dtd,
    BadRef(String),
    TooManyCells { extent: SheetExtent },
    SharedStringsCount(u64),
    Read(ReadError),
}

impl XmlProblem {
    fn named(self, names: &SheetNames, part: &str, limits: &ReadLimits) -> ReadError {
        self.for_sheet(names.of_part(part), part, limits)
    }

    /// The error, naming the sheet if known, else the part.
    pub(super) fn for_sheet(
        self,
        name: Option<&str>,
        part: &str,
        limits: &ReadLimits,
    ) -> ReadError {
        let sheet = match name {
            Some(n) => format!("sheet '{n}'"),
            None => format!("part {part}"),
        };
        match self {
            XmlProblem::Dtd => refuse(format!(
                "{sheet} declares a DTD or entities (<!DOCTYPE>, <!ENTITY>), which Excel never writes and which can expand to gigabytes"
            )),
            XmlProblem::BadRef(r) => ReadError::Corrupt(format!(
                "{sheet} refers to {r}, outside Excel's grid (A1:XFD1048576)"
            )),
            XmlProblem::TooManyCells { extent } => {
                let far = extent
                    .last
                    .map(|c| format!(" as far as {c}"))
                    .unwrap_or_default();
                ReadError::TooLarge(format!(
                    "{sheet} uses cells{far}, {} cells to hold, over the limit of {} (delete the stray cells far from the table, or raise the limit with --max-cells)",
                    extent.grid_cells.max(extent.cells),
                    limits.max_cells_per_sheet
                ))
            }
            XmlProblem::SharedStringsCount(n) => refuse(format!(
                "the shared strings part claims {n} strings, more than it can hold"
            )),
            XmlProblem::Read(e) => e,
        }
    }
}

/// An attribute's value by local name, entities resolved.
pub(super) fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    let raw = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)?
        .value;
    Some(
        quick_xml::escape::unescape(&raw)
            .map(|c| c.into_owned())
            .unwrap_or_else(|_| raw.into_owned()),
    )
}

/// The attribute `r:id` (a relationship id), whatever its prefix.
pub(super) fn rel_id(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| {
            a.key.local_name().as_ref() == "id" && a.key.prefix().is_some()
                || a.key.as_ref() == "r:id"
        })
        .map(|a| a.value.to_string())
}

/// Running extent of a worksheet while its XML streams past.
#[derive(Default)]
pub(super) struct ExtentScan {
    pub(super) extent: SheetExtent,
    in_data: bool,
    /// Zero-based row of the current `<row>`, and the next column.
    row: Option<u32>,
    next_col: u32,
    min_row: u32,
    max_row: u32,
    min_col: u32,
    max_col: u32,
    /// Sum over rows of (that row's last used column + 1), and the rows.
    row_ends: u64,
    rows: u64,
    row_last: Option<u32>,
}

impl ExtentScan {
    pub(super) fn new() -> Self {
        ExtentScan {
            min_row: u32::MAX,
            min_col: u32::MAX,
            ..Default::default()
        }
    }

    pub(super) fn end_row(&mut self) {
        if let Some(last) = self.row_last.take() {
            self.row_ends += u64::from(last) + 1;
            self.rows += 1;
        }
    }

    fn start_row(&mut self, e: &BytesStart<'_>) -> Result<(), XmlProblem> {
        self.start_row_at(attr(e, "r").as_deref())
    }

    /// A `<row>` starts, with its `r` attribute if it has one.
    pub(super) fn start_row_at(&mut self, r: Option<&str>) -> Result<(), XmlProblem> {
        self.end_row();
        let row = match r {
            Some(r) => match r.trim().parse::<u32>() {
                Ok(n) if (1..=MAX_ROWS).contains(&n) => n - 1,
                _ => return Err(XmlProblem::BadRef(format!("row {r}"))),
            },
            None => self.row.map_or(0, |r| r.saturating_add(1)),
        };
        if row >= MAX_ROWS {
            return Err(XmlProblem::BadRef(format!("row {}", u64::from(row) + 1)));
        }
        self.row = Some(row);
        self.next_col = 0;
        Ok(())
    }

    fn cell(&mut self, e: &BytesStart<'_>, limits: &ReadLimits) -> Result<(), XmlProblem> {
        self.cell_at(attr(e, "r").as_deref(), limits).map(|_| ())
    }

    /// A `<c>` element, with its `r` attribute if it has one: its position,
    /// within Excel's grid and the cell limit.
    pub(super) fn cell_at(
        &mut self,
        r: Option<&str>,
        limits: &ReadLimits,
    ) -> Result<(u32, u32), XmlProblem> {
        let (row, col) = match r {
            Some(r) => match super::parse_a1(r) {
                Some(c) if !r.contains('$') => (c.row, c.col),
                _ => return Err(XmlProblem::BadRef(format!("cell {r:?}"))),
            },
            None => (self.row.unwrap_or(0), self.next_col),
        };
        if col >= MAX_COLS || row >= MAX_ROWS {
            return Err(XmlProblem::BadRef(format!(
                "cell {}{}",
                col_letters(col),
                u64::from(row) + 1
            )));
        }
        if self.row != Some(row) {
            // A cell outside its <row>, or a row without one: a row of its own.
            self.end_row();
            self.row = Some(row);
        }
        self.next_col = col.saturating_add(1);
        self.row_last = Some(self.row_last.map_or(col, |c| c.max(col)));
        self.min_row = self.min_row.min(row);
        self.max_row = self.max_row.max(row);
        self.min_col = self.min_col.min(col);
        self.max_col = self.max_col.max(col);
        self.extent.cells += 1;
        if self.extent.cells.is_multiple_of(4096) || self.extent.cells > limits.max_cells_per_sheet
        {
            self.settle();
            if self.extent.cells > limits.max_cells_per_sheet
                || self.extent.grid_cells > limits.max_cells_per_sheet
            {
                return Err(XmlProblem::TooManyCells {
                    extent: self.extent.clone(),
                });
            }
        }
        Ok((row, col))
    }

    /// Brings `grid_cells` and `last` up to date with what has been seen.
    fn settle(&mut self) {
        if self.extent.cells == 0 {
            return;
        }
        let open = self.row_last.map_or(0, |c| u64::from(c) + 1);
        let rows = self.rows + u64::from(self.row_last.is_some());
        self.extent.grid_cells =
            (self.row_ends + open).saturating_sub(rows.saturating_mul(u64::from(self.min_col)));
        self.extent.last = Some(CellRef::new(self.max_row, self.max_col));
    }

    pub(super) fn finish(mut self, limits: &ReadLimits) -> Result<SheetExtent, XmlProblem> {
        self.settle();
        if self.extent.grid_cells > limits.max_cells_per_sheet {
            return Err(XmlProblem::TooManyCells {
                extent: self.extent,
            });
        }
        Ok(self.extent)
    }
}

/// Streams one XML part: no DTD anywhere; names of sheets from the
/// workbook; the extent of a worksheet; a plausible shared-string count.
fn scan_xml<R: Read>(
    part: &str,
    input: &mut Counter<R>,
    limits: &ReadLimits,
    names: &mut SheetNames,
) -> Result<Option<SheetExtent>, XmlProblem> {
    let declared = input.declared;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(input));
    let worksheet = is_worksheet(part);
    let mut scan = worksheet.then(ExtentScan::new);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let ev = match reader.read_event_into(&mut buf) {
            Ok(ev) => ev,
            // Malformed XML is calamine's to judge: the limits are what matter here.
            Err(_) => break,
        };
        match ev {
            Event::DocType(_) => return Err(XmlProblem::Dtd),
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                match (local.as_ref(), scan.as_mut()) {
                    ("sheetData", Some(s)) => s.in_data = true,
                    ("row", Some(s)) if s.in_data => s.start_row(&e)?,
                    ("c", Some(s)) if s.in_data => s.cell(&e, limits)?,
                    ("mergeCell", Some(s)) if s.extent.merged.len() < 100_000 => {
                        let range = attr(&e, "ref").and_then(|r| {
                            let (a, b) = r.split_once(':')?;
                            Some((super::parse_a1(a)?, super::parse_a1(b)?))
                        });
                        if let Some((a, b)) = range {
                            s.extent.merged.push(((a.row, a.col), (b.row, b.col)));
                        }
                    }
                    ("sheet", None) => {
                        if let (Some(n), Some(id)) = (attr(&e, "name"), rel_id(&e)) {
                            names.by_rid.insert(id, n);
                        }
                    }
                    ("Relationship", None) => {
                        if let (Some(id), Some(t)) = (attr(&e, "Id"), attr(&e, "Target")) {
                            names.targets.insert(id, t);
                        }
                    }
                    ("sst", None) => {
                        // calamine reserves room for this many strings up front.
                        let claimed = attr(&e, "uniqueCount")
                            .and_then(|n| n.trim().parse::<u64>().ok())
                            .unwrap_or(0);
                        if claimed > declared / 8 + 1024 {
                            return Err(XmlProblem::SharedStringsCount(claimed));
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                if let Some(s) = scan.as_mut() {
                    match e.local_name().as_ref() {
                        "row" => s.end_row(),
                        "sheetData" => s.in_data = false,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        if let Some(stop) = reader.get_ref().get_ref().stop.as_ref() {
            if let Stop::Time(e) = stop {
                return Err(XmlProblem::Read(e.clone()));
            }
            break;
        }
    }
    scan.map(|s| s.finish(limits)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> ReadLimits {
        ReadLimits::default()
    }

    fn counter(data: &[u8]) -> Counter<&[u8]> {
        Counter {
            inner: data,
            count: 0,
            declared: data.len() as u64,
            compressed: data.len() as u64,
            budget: u64::MAX,
            deadline: Deadline::after_secs(60),
            stop: None,
        }
    }

    fn extent(xml: &str, limits: &ReadLimits) -> Result<Option<SheetExtent>, XmlProblem> {
        let mut c = counter(xml.as_bytes());
        scan_xml(
            "xl/worksheets/sheet1.xml",
            &mut c,
            limits,
            &mut SheetNames::default(),
        )
    }

    #[test]
    fn extents_come_from_the_cells_not_the_dimension_tag() {
        let xml = r#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData>
            <row r="2"><c r="B2"><v>1</v></c><c r="D2"><v>2</v></c></row>
            <row r="5"><c r="C5"><v>3</v></c></row></sheetData></worksheet>"#;
        let e = extent(xml, &limits()).unwrap().unwrap();
        assert_eq!(e.cells, 3);
        assert_eq!(e.last, Some(CellRef::new(4, 3)));
        // Row 2 holds B..D (3 cells), row 5 holds B..C (2 cells).
        assert_eq!(e.grid_cells, 5);
    }

    #[test]
    fn cells_without_references_follow_on() {
        let xml =
            r#"<worksheet><sheetData><row><c/><c/></row><row><c/></row></sheetData></worksheet>"#;
        let e = extent(xml, &limits()).unwrap().unwrap();
        assert_eq!((e.cells, e.grid_cells), (3, 3));
        assert_eq!(e.last, Some(CellRef::new(1, 1)));
    }

    #[test]
    fn a_far_cell_in_a_wide_row_is_over_the_cell_limit() {
        let tight = ReadLimits {
            max_cells_per_sheet: 1_000,
            ..limits()
        };
        let xml = r#"<worksheet><sheetData><row r="1"><c r="A1"/><c r="XFD1"/></row></sheetData></worksheet>"#;
        assert!(matches!(
            extent(xml, &tight),
            Err(XmlProblem::TooManyCells { .. })
        ));
        // One far row costs one cell per row, not a dense rectangle.
        let xml = r#"<worksheet><sheetData><row r="1"><c r="A1"/></row><row r="1048576"><c r="A1048576"/></row></sheetData></worksheet>"#;
        assert_eq!(extent(xml, &tight).unwrap().unwrap().grid_cells, 2);
    }

    #[test]
    fn references_outside_the_grid_are_refused() {
        for xml in [
            r#"<worksheet><sheetData><row r="1048577"><c/></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="0"><c/></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row><c r="XFE1"/></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row><c r="AAAAAAAAAAAAAAAAAA1"/></row></sheetData></worksheet>"#,
        ] {
            assert!(
                matches!(extent(xml, &limits()), Err(XmlProblem::BadRef(_))),
                "{xml}"
            );
        }
    }

    #[test]
    fn a_doctype_is_refused() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><worksheet/>"#;
        assert!(matches!(extent(xml, &limits()), Err(XmlProblem::Dtd)));
    }

    #[test]
    fn the_counter_stops_at_the_declared_size() {
        let data = vec![b'x'; 10_000];
        let mut c = counter(&data);
        c.declared = 100;
        assert!(std::io::copy(&mut c, &mut std::io::sink()).is_err());
        assert!(matches!(c.stop, Some(Stop::OverDeclared)));
        assert!(c.count <= 101);
    }

    #[test]
    fn the_counter_stops_a_high_ratio() {
        let data = vec![0u8; 1_000_000];
        let mut c = counter(&data);
        c.compressed = 1_000;
        assert!(std::io::copy(&mut c, &mut std::io::sink()).is_err());
        assert!(matches!(c.stop, Some(Stop::Ratio(_))));
        assert!(c.count < 200_000);
    }

    #[test]
    fn an_overclaimed_shared_string_count_is_refused() {
        let xml = r#"<sst uniqueCount="4000000000"><si><t>a</t></si></sst>"#;
        let mut c = counter(xml.as_bytes());
        let r = scan_xml(
            "xl/sharedStrings.xml",
            &mut c,
            &limits(),
            &mut SheetNames::default(),
        );
        assert!(matches!(r, Err(XmlProblem::SharedStringsCount(_))));
    }
}

#[cfg(test)]
mod merged_tests {
    use super::*;

    #[test]
    fn merged_ranges_are_collected_with_the_cells() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Overview").unwrap();
        ws.merge_range(1, 0, 1, 2, "RAG", &rust_xlsxwriter::Format::new())
            .unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let report = check_zip(&bytes, &ReadLimits::default(), &Deadline::after_secs(60)).unwrap();
        let sheet = &report.sheets["xl/worksheets/sheet1.xml"];
        assert_eq!(sheet.merged, vec![((1, 0), (1, 2))]);
    }
}
