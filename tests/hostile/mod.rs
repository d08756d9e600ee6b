//! The hostile corpus: broken and hostile workbooks, built by code into a
//! folder. Zip containers are written byte by byte here, so a test can make
//! a header lie, a part repeat or a sheet inflate to gigabytes without ever
//! holding gigabytes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crate::common::{self, C};

/// What kpicheck must make of a case.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// Unreadable, with an error containing these words.
    Unreadable(&'static str),
    /// Read and checked: tables found.
    Checked,
    /// Read, but no table found.
    NoTables,
}

/// One file of the corpus.
#[derive(Debug, Clone)]
pub struct Case {
    pub path: PathBuf,
    pub expect: Expect,
}

// ---------------------------------------------------------------- zip writer

/// One part of a zip container, as it will be stored.
pub struct Entry {
    pub name: String,
    /// The bytes as stored (deflated when `method` is 8).
    pub data: Vec<u8>,
    pub method: u16,
    pub crc: u32,
    /// The uncompressed size the headers declare.
    pub size: u32,
}

impl Entry {
    /// A part stored uncompressed, with honest headers.
    pub fn stored(name: &str, data: impl Into<Vec<u8>>) -> Entry {
        let data = data.into();
        Entry {
            name: name.to_string(),
            crc: crc32(&data),
            size: data.len() as u32,
            data,
            method: 0,
        }
    }

    /// A part deflated, with honest headers.
    pub fn deflated(name: &str, data: &[u8]) -> Entry {
        use std::io::Write;
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        Entry {
            name: name.to_string(),
            crc: crc32(data),
            size: data.len() as u32,
            data: e.finish().unwrap(),
            method: 8,
        }
    }
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip file from its entries: local headers, data, central directory.
pub fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    for e in entries {
        let offset = out.len() as u32;
        le32(&mut out, 0x0403_4b50);
        le16(&mut out, 20);
        le16(&mut out, 0);
        le16(&mut out, e.method);
        le16(&mut out, 0);
        le16(&mut out, 0x21);
        le32(&mut out, e.crc);
        le32(&mut out, e.data.len() as u32);
        le32(&mut out, e.size);
        le16(&mut out, e.name.len() as u16);
        le16(&mut out, 0);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);

        le32(&mut central, 0x0201_4b50);
        le16(&mut central, 20);
        le16(&mut central, 20);
        le16(&mut central, 0);
        le16(&mut central, e.method);
        le16(&mut central, 0);
        le16(&mut central, 0x21);
        le32(&mut central, e.crc);
        le32(&mut central, e.data.len() as u32);
        le32(&mut central, e.size);
        le16(&mut central, e.name.len() as u16);
        le16(&mut central, 0);
        le16(&mut central, 0);
        le16(&mut central, 0);
        le16(&mut central, 0);
        le32(&mut central, 0);
        le32(&mut central, offset);
        central.extend_from_slice(e.name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    le32(&mut out, 0x0605_4b50);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, entries.len() as u16);
    le16(&mut out, entries.len() as u16);
    le32(&mut out, central.len() as u32);
    le32(&mut out, cd_offset);
    le16(&mut out, 0);
    out
}

/// A raw deflate stream of `prefix` then `mib` MiB of spaces, made by
/// repeating one compressed MiB: gigabytes inflated from a few megabytes,
/// without ever holding them.
pub fn deflate_bomb(prefix: &[u8], mib: usize) -> Vec<u8> {
    fn piece(data: &[u8]) -> Vec<u8> {
        let mut c = flate2::Compress::new(flate2::Compression::best(), false);
        let mut out = Vec::with_capacity(data.len() / 100 + 1024);
        c.compress_vec(data, &mut out, flate2::FlushCompress::Sync)
            .unwrap();
        assert_eq!(c.total_in() as usize, data.len());
        out
    }
    let mut out = piece(prefix);
    let chunk = piece(&vec![b' '; 1 << 20]);
    for _ in 0..mib {
        out.extend_from_slice(&chunk);
    }
    // A final, empty block with fixed codes.
    out.extend_from_slice(&[0x03, 0x00]);
    out
}

// --------------------------------------------------------------- xlsx parts

pub const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// A sheet of a hand-made workbook.
pub struct RawSheet {
    pub name: String,
    /// "visible", "hidden" or "veryHidden".
    pub state: &'static str,
    /// The whole worksheet XML.
    pub xml: String,
}

impl RawSheet {
    pub fn new(name: &str, xml: String) -> RawSheet {
        RawSheet {
            name: name.to_string(),
            state: "visible",
            xml,
        }
    }
}

/// Worksheet XML around `sheet_data` (the inside of `<sheetData>`), with an
/// optional dimension tag.
pub fn worksheet(dimension: Option<&str>, sheet_data: &str) -> String {
    let dim = dimension
        .map(|d| format!(r#"<dimension ref="{d}"/>"#))
        .unwrap_or_default();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN_NS}">{dim}<sheetData>{sheet_data}</sheetData></worksheet>"#
    )
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One cell's XML at a zero-based position.
pub fn cell_xml(row: u32, col: u32, c: &C) -> String {
    let r = kpicheck::workbook::CellRef::new(row, col);
    match c {
        C::E => String::new(),
        C::T(t) => format!(
            r#"<c r="{r}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
            esc(t)
        ),
        C::S(t) => format!(
            r#"<c r="{r}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
            esc(t)
        ),
        C::N(n) | C::P(n, _) | C::F(_, n) => format!(r#"<c r="{r}"><v>{n}</v></c>"#),
    }
}

/// The inside of `<sheetData>` for a grid from A1.
pub fn grid_xml(rows: &[Vec<C>]) -> String {
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        out.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            out.push_str(&cell_xml(r as u32, c as u32, cell));
        }
        out.push_str("</row>");
    }
    out
}

/// The parts of a workbook around its sheets; `shared_strings` is the whole
/// sharedStrings.xml when given. Style 1 is a date (numFmt 14).
pub fn xlsx_parts(sheets: &[RawSheet], shared_strings: Option<String>) -> Vec<(String, Vec<u8>)> {
    let mut types = String::new();
    let mut book = String::new();
    let mut rels = String::new();
    let mut parts = Vec::new();
    for (i, s) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        book.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" state="{}" r:id="rId{n}"/>"#,
            esc(&s.name),
            s.state
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            s.xml.clone().into_bytes(),
        ));
    }
    rels.push_str(r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
    if shared_strings.is_some() {
        types.push_str(r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#);
        rels.push_str(r#"<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#);
    }
    let mut out = vec![
        (
            "[Content_Types].xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{types}</Types>"#
            )
            .into_bytes(),
        ),
        (
            "_rels/.rels".to_string(),
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec(),
        ),
        (
            "xl/workbook.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{book}</sheets></workbook>"#
            )
            .into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
            )
            .into_bytes(),
        ),
        (
            "xl/styles.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MAIN_NS}"><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#
            )
            .into_bytes(),
        ),
    ];
    if let Some(sst) = shared_strings {
        out.push(("xl/sharedStrings.xml".to_string(), sst.into_bytes()));
    }
    out.extend(parts);
    out
}

/// A whole ods around the tables of its content, every part stored.
pub fn ods(tables: &str) -> Vec<u8> {
    zip(&ods_parts(tables))
}

/// The parts of an ods around the tables of its content.
pub fn ods_parts(tables: &str) -> Vec<Entry> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    vec![
        Entry::stored("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        Entry::stored("META-INF/manifest.xml", manifest),
        Entry::stored("content.xml", content),
    ]
}

/// A whole xlsx, every part stored.
pub fn xlsx(sheets: &[RawSheet], shared_strings: Option<String>) -> Vec<u8> {
    let entries: Vec<Entry> = xlsx_parts(sheets, shared_strings)
        .into_iter()
        .map(|(n, d)| Entry::stored(&n, d))
        .collect();
    zip(&entries)
}

// ----------------------------------------------------------- the indicators

/// A small, correct indicator table (rows of the Q4 2016/17 return).
pub fn good_table() -> Vec<Vec<C>> {
    use common::*;
    vec![
        vec![T("Family Services – Q4 2016/17")],
        vec![T("3.2a Indicators")],
        header_32a(),
        vec![
            T("FS/S5"),
            T("Number of children adopted"),
            T("Bigger is \nBetter"),
            T("Apr 2016 - \nMar 2017"),
            N(10.0),
            N(10.0),
            T("N/A"),
            N(8.0),
            N(7.0),
            T("Improving"),
            N(12.0),
            T("Worsening"),
            T("Benchmarking not available"),
        ],
        vec![
            T("FS/S2"),
            T("Children made subject to Child Protection Plan for a second or subsequent time"),
            T("Smaller is Better"),
            T("As at 31 March 2017"),
            T("15.6%"),
            T("15.6%"),
            T("29/196"),
            T("14.8%"),
            T("15.9%"),
            T("Improving"),
            T("12.3%"),
            T("Worsening"),
            T("London: 14%"),
        ],
    ]
}

/// The same table with FS/S2's result wrong (29/196 is 14.8%, not 14.2%).
pub fn bad_table() -> Vec<Vec<C>> {
    let mut t = good_table();
    t[4][7] = C::T("14.2%");
    t
}

/// The sheet XML of a table, with `extra` cells after it.
pub fn table_sheet(rows: &[Vec<C>], extra: &str) -> String {
    worksheet(None, &format!("{}{extra}", grid_xml(rows)))
}

// ---------------------------------------------------------------- the corpus

fn put(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// A billion-laughs DTD that would expand to gigabytes.
pub const LAUGHS: &str = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>"#;

/// The fixtures folder of this corpus and of the format tests.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// Builds the whole corpus into `dir`.
pub fn build(dir: &Path) -> Vec<Case> {
    use Expect::*;
    let mut cases = Vec::new();
    let mut add = |path: PathBuf, expect: Expect| cases.push(Case { path, expect });
    let good = || RawSheet::new("Indicators", table_sheet(&good_table(), ""));
    let sample = std::fs::read(samples().join("family_services_q4_2016-17.xlsx")).unwrap();
    let xls = std::fs::read(fixtures().join("formats/family_services_q4_2016-17.xls")).unwrap();

    // Containers that are not what their names say.
    add(
        put(dir, "truncated.xlsx", &sample[..sample.len() * 3 / 5]),
        Unreadable("ends too soon"),
    );
    add(
        put(dir, "not a workbook.xlsx", b"Name,Value\nFS/S5,10\n"),
        Unreadable("not a spreadsheet"),
    );
    add(
        put(
            dir,
            "web page.xls",
            b"<html><body><table><tr><td>1</td></tr></table></body></html>",
        ),
        Unreadable("not a spreadsheet"),
    );
    add(put(dir, "empty file.xlsx", b""), Unreadable("empty"));
    add(put(dir, "xls renamed.xlsx", &xls), Checked);
    add(put(dir, "xlsx renamed.xls", &sample), Checked);
    let enc = std::fs::read(fixtures().join("hostile/password_protected.xlsx")).unwrap();
    add(
        put(dir, "password protected.xlsx", &enc),
        Unreadable("password-protected"),
    );

    // Zip bombs: honest headers, a header that understates, one that
    // overstates nothing but still inflates a thousandfold.
    let prefix = format!(r#"<worksheet xmlns="{MAIN_NS}"><sheetData>"#);
    let bomb = deflate_bomb(prefix.as_bytes(), 4000);
    let sheet_bomb = |declared: u32| {
        let mut parts: Vec<Entry> = xlsx_parts(&[good()], None)
            .into_iter()
            .filter(|(n, _)| !n.starts_with("xl/worksheets/"))
            .map(|(n, d)| Entry::stored(&n, d))
            .collect();
        parts.push(Entry {
            name: "xl/worksheets/sheet1.xml".into(),
            data: bomb.clone(),
            method: 8,
            crc: 0,
            size: declared,
        });
        zip(&parts)
    };
    add(
        put(dir, "zip bomb.xlsx", &sheet_bomb(4000 << 20)),
        Unreadable("zip bomb"),
    );
    add(
        put(dir, "zip bomb lying header.xlsx", &sheet_bomb(2048)),
        Unreadable("more data than its header declares"),
    );
    add(
        put(dir, "zip bomb plausible header.xlsx", &sheet_bomb(30 << 20)),
        Unreadable("refused for safety"),
    );

    // Entity-expansion bombs, in a sheet and in the shared strings.
    let laughs_sheet = format!(
        r#"{LAUGHS}<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"#
    );
    add(
        put(
            dir,
            "billion laughs sheet.xlsx",
            &xlsx(&[RawSheet::new("Laughs", laughs_sheet)], None),
        ),
        Unreadable("DTD"),
    );
    let laughs_sst = format!(
        r#"{LAUGHS}<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>"#
    );
    let uses_sst = worksheet(None, r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    add(
        put(
            dir,
            "billion laughs strings.xlsx",
            &xlsx(&[RawSheet::new("S", uses_sst.clone())], Some(laughs_sst)),
        ),
        Unreadable("DTD"),
    );

    // Lying extents and far cells.
    add(
        put(
            dir,
            "dimension XFD1048576.xlsx",
            &xlsx(
                &[RawSheet::new(
                    "Indicators",
                    worksheet(Some("A1:XFD1048576"), &grid_xml(&good_table())),
                )],
                None,
            ),
        ),
        Checked,
    );
    let last_row =
        r#"<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>stray</t></is></c></row>"#;
    add(
        put(
            dir,
            "cell at row 1048576.xlsx",
            &xlsx(
                &[RawSheet::new(
                    "Indicators",
                    table_sheet(&good_table(), last_row),
                )],
                None,
            ),
        ),
        Checked,
    );
    let mut wide = String::from(r#"<row r="20">"#);
    for c in 0..16_384u32 {
        wide.push_str(&format!(
            r#"<c r="{}"><v>{c}</v></c>"#,
            kpicheck::workbook::CellRef::new(19, c)
        ));
    }
    wide.push_str("</row>");
    add(
        put(
            dir,
            "16384 columns.xlsx",
            &xlsx(
                &[good(), RawSheet::new("Wide", worksheet(None, &wide))],
                None,
            ),
        ),
        Checked,
    );
    let mut far = String::new();
    for r in 10..1_400u32 {
        far.push_str(&format!(
            r#"<row r="{0}"><c r="A{0}"><v>1</v></c><c r="XFD{0}"><v>1</v></c></row>"#,
            r + 1
        ));
    }
    add(
        put(
            dir,
            "far cells over the limit.xlsx",
            &xlsx(&[RawSheet::new("Wide", worksheet(None, &far))], None),
        ),
        Unreadable("as far as XFD1400"),
    );
    add(
        put(
            dir,
            "cell beyond XFD.xlsx",
            &xlsx(
                &[RawSheet::new(
                    "S",
                    worksheet(None, r#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#),
                )],
                None,
            ),
        ),
        Unreadable("outside Excel's grid"),
    );
    add(
        put(
            dir,
            "row 0.xlsx",
            &xlsx(
                &[RawSheet::new(
                    "S",
                    worksheet(None, r#"<row r="0"><c><v>1</v></c></row>"#),
                )],
                None,
            ),
        ),
        Unreadable("outside Excel's grid"),
    );

    // Broken references inside.
    let sst =
        format!(r#"<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>only</t></si></sst>"#);
    let out_of_range = worksheet(None, r#"<row r="1"><c r="A1" t="s"><v>99</v></c></row>"#);
    add(
        put(
            dir,
            "shared string out of range.xlsx",
            &xlsx(&[RawSheet::new("S", out_of_range)], Some(sst)),
        ),
        Unreadable("damaged or incomplete"),
    );
    let claims = format!(
        r#"<sst xmlns="{MAIN_NS}" count="1" uniqueCount="4000000000"><si><t>only</t></si></sst>"#
    );
    add(
        put(
            dir,
            "shared strings overclaimed.xlsx",
            &xlsx(&[RawSheet::new("S", uses_sst)], Some(claims)),
        ),
        Unreadable("claims 4000000000 strings"),
    );

    // Containers with too many or repeated parts.
    let mut many: Vec<Entry> = xlsx_parts(&[good()], None)
        .into_iter()
        .map(|(n, d)| Entry::stored(&n, d))
        .collect();
    for i in 0..1_000 {
        many.push(Entry::stored(
            &format!("xl/media/pad{i}.bin"),
            b"x".to_vec(),
        ));
    }
    add(
        put(dir, "1000 parts.xlsx", &zip(&many)),
        Unreadable("never holds more than 1,000"),
    );
    let mut dup: Vec<Entry> = xlsx_parts(&[good()], None)
        .into_iter()
        .map(|(n, d)| Entry::stored(&n, d))
        .collect();
    dup.push(Entry::stored(
        "xl/worksheets/sheet1.xml",
        worksheet(None, ""),
    ));
    add(
        put(dir, "duplicate parts.xlsx", &zip(&dup)),
        Unreadable("same name"),
    );

    // An ods whose one cell is repeated over the whole grid.
    add(
        put(
            dir,
            "repeat bomb.ods",
            &ods(
                r#"<table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>"#,
            ),
        ),
        Unreadable("repeats cells past the reader's limit"),
    );

    // Empty workbooks.
    add(put(dir, "no sheets.xlsx", &xlsx(&[], None)), NoTables);
    add(
        put(
            dir,
            "only empty sheets.xlsx",
            &xlsx(
                &[
                    RawSheet::new("Sheet1", worksheet(None, "")),
                    RawSheet::new("Sheet2", worksheet(Some("A1"), r#"<row r="1"/>"#)),
                ],
                None,
            ),
        ),
        NoTables,
    );

    // Long text, errors and dates where numbers belong.
    let mut long = good_table();
    long[4][1] = C::S("x".repeat(32_767));
    long[0][0] = C::S("Family Services – Q4 2016/17 ".to_string() + &"é".repeat(32_700));
    add(
        put(
            dir,
            "32767 characters.xlsx",
            &xlsx(&[RawSheet::new("Indicators", table_sheet(&long, ""))], None),
        ),
        Checked,
    );
    add(
        put(
            dir,
            "errors and dates.xlsx",
            &xlsx(&[RawSheet::new("Indicators", errors_and_dates())], None),
        ),
        Checked,
    );

    // Hidden and very hidden sheets still hold what is submitted.
    let mut hidden = RawSheet::new("Hidden", table_sheet(&bad_table(), ""));
    hidden.state = "hidden";
    let mut very = RawSheet::new("Very hidden", table_sheet(&bad_table(), ""));
    very.state = "veryHidden";
    add(
        put(
            dir,
            "hidden sheets.xlsx",
            &xlsx(&[good(), hidden, very], None),
        ),
        Checked,
    );

    // Names that are awkward on any file system.
    add(
        put(
            dir,
            "Q4 return – Hôtel de Ville ✓ (final) v2.xlsx",
            &xlsx(&[good()], None),
        ),
        Checked,
    );
    let mut deep = dir.to_path_buf();
    for i in 0..6 {
        deep = deep.join(format!(
            "{i} a folder with a long name for the returns of the council year after year"
        ));
    }
    std::fs::create_dir_all(&deep).unwrap();
    add(
        put(
            &deep,
            &format!("{}.xlsx", "long name ".repeat(20)),
            &xlsx(&[good()], None),
        ),
        Checked,
    );
    cases
}

/// A table whose figures are Excel errors and dates.
pub fn errors_and_dates() -> String {
    let rows = good_table();
    let mut xml = grid_xml(&rows[..4]);
    // FS/S2 with #DIV/0! as the result, #N/A as last quarter's, #REF! as
    // last year's, and a date where the annual target belongs.
    xml.push_str(r#"<row r="5">"#);
    for (c, cell) in rows[4].iter().enumerate() {
        let r = kpicheck::workbook::CellRef::new(4, c as u32);
        let x = match c {
            4 => format!(r#"<c r="{r}" s="1"><v>42825</v></c>"#),
            7 => format!(r#"<c r="{r}" t="e"><f>1/0</f><v>#DIV/0!</v></c>"#),
            8 => format!(r#"<c r="{r}" t="e"><v>#N/A</v></c>"#),
            10 => format!(r#"<c r="{r}" t="e"><v>#REF!</v></c>"#),
            _ => cell_xml(4, c as u32, cell),
        };
        xml.push_str(&x);
    }
    xml.push_str("</row>");
    worksheet(None, &xml)
}
