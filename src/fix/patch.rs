//! Patching an xlsx or xlsm file in place.
//!
//! The zip is rewritten entry by entry in its original order. Every entry
//! the fix does not need to change is copied as its raw compressed bytes, so
//! it stays byte-identical: other sheets, charts, drawings, defined names,
//! the shared strings, the VBA project of an xlsm. Only these change:
//! - the worksheets that hold corrected cells (only those cells' elements);
//! - the styles part (one highlight fill and a highlighted copy of each
//!   corrected cell's format, so its number format survives);
//! - the comments part, VML drawing and relationships of those sheets (a
//!   note on each corrected cell), and `[Content_Types].xml` when a new
//!   part is added.
//!
//! Text is written as an inline string, not into the shared string table,
//! so that table (and every cell pointing into it) stays as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};

use quick_xml::events::Event;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::comments;
use super::sheet::{self, SheetIndex, Target};
use super::styles;
use super::xml::{apply, attr, escape, local, scan, Elem, Splice};
use crate::rules::FixValue;
use crate::workbook::CellRef;

const REL_COMMENTS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const REL_VML: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
const CT_COMMENTS: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
const CT_VML: &str = "application/vnd.openxmlformats-officedocument.vmlDrawing";

/// The most a single part may inflate to: a guard against zip bombs.
const MAX_PART_BYTES: u64 = 1 << 30;

/// Why a workbook could not be patched. The messages are sentences an
/// officer can act on; the file's path is added by the caller.
#[derive(Debug, thiserror::Error)]
pub enum PatchError {
    /// The zip container could not be read or written.
    #[error("the workbook's zip container could not be read or written ({0})")]
    Zip(String),
    /// A part the fix must edit is not readable XML.
    #[error("a part of the workbook could not be read as XML ({0})")]
    Xml(String),
    /// A part every workbook has is missing.
    #[error("the workbook has no {0}; open it in Excel and save a fresh copy")]
    Missing(String),
}

impl From<zip::result::ZipError> for PatchError {
    fn from(e: zip::result::ZipError) -> Self {
        PatchError::Zip(e.to_string())
    }
}

impl From<std::io::Error> for PatchError {
    fn from(e: std::io::Error) -> Self {
        PatchError::Zip(e.to_string())
    }
}

/// One cell to write.
#[derive(Debug, Clone, PartialEq)]
pub struct CellEdit {
    pub sheet: String,
    pub cell: CellRef,
    pub value: FixValue,
    /// The note left on the cell: old value, rule, reason.
    pub note: String,
}

/// The patched workbook and what became of each edit.
#[derive(Debug)]
pub struct Patched {
    pub bytes: Vec<u8>,
    /// Per edit, in the order given: written, or why not.
    pub outcomes: Vec<Result<(), String>>,
    /// Whether corrected cells carry the highlight fill.
    pub highlighted: bool,
    /// Whether the workbook is macro-enabled (to be saved as .xlsm).
    pub macro_enabled: bool,
}

struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    names: Vec<String>,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, PatchError> {
        let mut zip = ZipArchive::new(Cursor::new(bytes))?;
        let mut names = Vec::with_capacity(zip.len());
        for i in 0..zip.len() {
            names.push(zip.by_index_raw(i)?.name()?.into_owned());
        }
        Ok(Package { zip, names })
    }

    /// The entry's index: an exact match, else one differing only in case
    /// (part names are case-insensitive).
    fn find(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|n| n == name)
            .or_else(|| self.names.iter().position(|n| n.eq_ignore_ascii_case(name)))
    }

    fn exists(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    fn read(&mut self, name: &str) -> Result<Option<(String, Vec<u8>)>, PatchError> {
        let Some(i) = self.find(name) else {
            return Ok(None);
        };
        let mut f = self.zip.by_index(i)?;
        let mut out = Vec::new();
        f.by_ref().take(MAX_PART_BYTES).read_to_end(&mut out)?;
        Ok(Some((self.names[i].clone(), out)))
    }
}

/// A relationship, and where the list of them ends.
#[derive(Debug, Clone)]
struct Rel {
    id: String,
    typ: String,
    target: String,
    external: bool,
}

fn read_rels(src: &[u8]) -> Result<(Vec<Rel>, Elem), PatchError> {
    let mut rels = Vec::new();
    let mut root = Elem::default();
    scan(src, |s| {
        match &s.event {
            Event::Start(e) | Event::Empty(e) => {
                if s.depth == 0 {
                    root = Elem {
                        start: s.start,
                        open_end: s.end,
                        close_start: s.end,
                        end: s.end,
                        self_closing: matches!(s.event, Event::Empty(_)),
                        qname: super::xml::qname(e),
                    };
                } else if local(e.name().0) == "Relationship" {
                    rels.push(Rel {
                        id: attr(e, "Id").unwrap_or_default(),
                        typ: attr(e, "Type").unwrap_or_default(),
                        target: attr(e, "Target").unwrap_or_default(),
                        external: attr(e, "TargetMode").is_some_and(|m| m == "External"),
                    });
                }
            }
            Event::End(_) if s.depth == 0 => {
                root.close_start = s.start;
                root.end = s.end;
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok((rels, root))
}

/// The folder of a part ("xl/worksheets" for "xl/worksheets/sheet1.xml").
fn dir_of(part: &str) -> &str {
    part.rfind('/').map_or("", |i| &part[..i])
}

/// The relationships part of a part.
fn rels_of(part: &str) -> String {
    let (dir, name) = match part.rfind('/') {
        Some(i) => (&part[..i], &part[i + 1..]),
        None => ("", part),
    };
    if dir.is_empty() {
        format!("_rels/{name}.rels")
    } else {
        format!("{dir}/_rels/{name}.rels")
    }
}

/// A relationship target resolved against the folder of its source part.
fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if dir.is_empty() => target.to_string(),
        None => format!("{dir}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// A target for `to`, relative to the folder `from_dir`.
fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

/// The workbook part, its sheets (name -> worksheet part) and its
/// relationships.
type WorkbookParts = (String, BTreeMap<String, String>, Vec<Rel>);

/// The workbook part and its sheets: name -> worksheet part.
fn sheet_parts(pkg: &mut Package<'_>) -> Result<WorkbookParts, PatchError> {
    let wb_part = match pkg.read("_rels/.rels")? {
        Some((_, src)) => read_rels(&src)?
            .0
            .into_iter()
            .find(|r| r.typ.ends_with("/officeDocument"))
            .map(|r| resolve("", &r.target))
            .unwrap_or_else(|| "xl/workbook.xml".into()),
        None => "xl/workbook.xml".into(),
    };
    let (_, wb) = pkg
        .read(&wb_part)?
        .ok_or_else(|| PatchError::Missing("workbook part (xl/workbook.xml)".into()))?;
    let (_, wb_rels_src) = pkg
        .read(&rels_of(&wb_part))?
        .ok_or_else(|| PatchError::Missing("workbook relationships".into()))?;
    let (wb_rels, _) = read_rels(&wb_rels_src)?;
    let mut sheets = Vec::new();
    scan(&wb, |s| {
        if let Event::Start(e) | Event::Empty(e) = &s.event {
            if s.depth == 2 && local(e.name().0) == "sheet" {
                let rid = e
                    .attributes()
                    .with_checks(false)
                    .flatten()
                    .find(|a| local(a.key.0) == "id" && a.key.0.contains(':'))
                    .and_then(|a| super::xml::value(&a));
                if let (Some(name), Some(rid)) = (attr(e, "name"), rid) {
                    sheets.push((name, rid));
                }
            }
        }
        Ok(())
    })?;
    let dir = dir_of(&wb_part).to_string();
    let map = sheets
        .into_iter()
        .filter_map(|(name, rid)| {
            let rel = wb_rels.iter().find(|r| r.id == rid && !r.external)?;
            Some((name, resolve(&dir, &rel.target)))
        })
        .collect();
    Ok((wb_part, map, wb_rels))
}

/// Relationships to add to one part's rels.
struct NewRels {
    existing: Vec<Rel>,
    added: Vec<(String, &'static str, String)>,
}

impl NewRels {
    fn add(&mut self, typ: &'static str, target: String) -> String {
        let id = (1..)
            .map(|n| format!("rId{n}"))
            .find(|id| {
                !self.existing.iter().any(|r| &r.id == id) && !self.added.iter().any(|a| &a.0 == id)
            })
            .unwrap_or_default();
        self.added.push((id.clone(), typ, target));
        id
    }

    fn xml(&self) -> String {
        self.added
            .iter()
            .map(|(id, typ, target)| {
                format!(
                    "<Relationship Id=\"{}\" Type=\"{typ}\" Target=\"{}\"/>",
                    escape(id),
                    escape(target)
                )
            })
            .collect()
    }
}

/// A safeguard on the encoding of percentages: a cell holding a fraction
/// under a % format (0.442 shown as 44.2%) must not receive a value on the
/// 0-100 scale (44.0 would show as 4400.0%).
fn scale_mismatch(value: &FixValue, old: Option<f64>, percent_format: bool) -> Option<String> {
    let (FixValue::Number(new), Some(old)) = (value, old) else {
        return None;
    };
    let fraction_nearer = (new / 100.0 - old).abs() < (new - old).abs();
    (percent_format && old.abs() <= 1.0 && new.abs() > 1.0 && fraction_nearer).then(|| {
        format!(
            "the cell holds a fraction shown as a percentage, and {} would show as {}%",
            sheet::number(*new),
            sheet::number(new * 100.0)
        )
    })
}

/// Writes `edits` into the workbook in `bytes`. Edits that cannot be
/// written (a formula in the cell, a sheet that is not there) are reported
/// in `outcomes`; the rest of the workbook is left as it was.
pub fn patch(bytes: &[u8], edits: &[CellEdit]) -> Result<Patched, PatchError> {
    let mut pkg = Package::open(bytes)?;
    let (wb_part, sheets, wb_rels) = sheet_parts(&mut pkg)?;
    let mut outcomes: Vec<Result<(), String>> = vec![Ok(()); edits.len()];
    let mut ch = Changes::default();

    let styles_part = wb_rels
        .iter()
        .find(|r| r.typ.ends_with("/styles"))
        .map(|r| resolve(dir_of(&wb_part), &r.target));
    let styles_src = match &styles_part {
        Some(p) => pkg.read(p)?,
        None => None,
    };
    let percent = match &styles_src {
        Some((_, src)) => styles::percent_formats(src)?,
        None => Vec::new(),
    };

    // Which sheets, and where each edit lands.
    let mut by_sheet: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in edits.iter().enumerate() {
        by_sheet.entry(e.sheet.as_str()).or_default().push(i);
    }
    struct Work {
        entry: String,
        src: Vec<u8>,
        ix: SheetIndex,
        located: Vec<(usize, Target, u32)>,
    }
    let mut work = Vec::new();
    for (name, idx) in by_sheet {
        let Some(part) = sheets.get(name) else {
            for i in idx {
                outcomes[i] = Err(format!("the workbook has no worksheet named '{name}'"));
            }
            continue;
        };
        let Some((entry, src)) = pkg.read(part)? else {
            for i in idx {
                outcomes[i] = Err(format!("the part of sheet '{name}' is missing"));
            }
            continue;
        };
        let rows: BTreeSet<u32> = idx.iter().map(|&i| edits[i].cell.row).collect();
        let ix = sheet::index(&src, &rows)?;
        let mut located = Vec::new();
        let mut seen = BTreeSet::new();
        for i in idx {
            if !seen.insert(edits[i].cell) {
                outcomes[i] = Err("another correction was written to this cell".into());
                continue;
            }
            if let FixValue::Number(n) = edits[i].value {
                if !n.is_finite() {
                    outcomes[i] = Err("the corrected value is not a finite number".into());
                    continue;
                }
            }
            match ix.locate(edits[i].cell) {
                Ok((t, s)) => {
                    let pct = percent.get(s as usize).copied().unwrap_or(false);
                    match scale_mismatch(&edits[i].value, ix.number_at(edits[i].cell), pct) {
                        Some(why) => outcomes[i] = Err(why),
                        None => located.push((i, t, s)),
                    }
                }
                Err(why) => outcomes[i] = Err(why),
            }
        }
        if !located.is_empty() {
            work.push(Work {
                entry,
                src,
                ix,
                located,
            });
        }
    }

    // The highlight.
    let all_styles: Vec<u32> = work
        .iter()
        .flat_map(|w| w.located.iter().map(|l| l.2))
        .collect();
    let mut style_map = BTreeMap::new();
    if let (Some((entry, src)), false) = (&styles_src, all_styles.is_empty()) {
        if let Some((out, map)) = styles::highlight(src, &all_styles)? {
            ch.modified.insert(entry.clone(), out);
            style_map = map;
        }
    }
    let highlighted = !style_map.is_empty();

    // Content types to add.
    let (ct_entry, ct_src) = pkg
        .read("[Content_Types].xml")?
        .ok_or_else(|| PatchError::Missing("[Content_Types].xml".into()))?;
    let (ct_root, has_vml_default, macro_enabled) = content_types(&ct_src, &wb_part)?;

    // VML id blocks already claimed anywhere in the workbook.
    let vml_names: Vec<String> = pkg
        .names
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(".vml"))
        .cloned()
        .collect();
    for n in vml_names {
        if let Some((_, v)) = pkg.read(&n)? {
            ch.idmap_max = ch
                .idmap_max
                .max(comments::idmaps(&v).into_iter().max().unwrap_or(0));
        }
    }

    for w in work {
        let edits_here: Vec<(CellRef, Target, u32, &FixValue)> = w
            .located
            .iter()
            .map(|(i, t, s)| {
                let s = style_map.get(s).copied().unwrap_or(*s);
                (edits[*i].cell, t.clone(), s, &edits[*i].value)
            })
            .collect();
        let mut splices = w.ix.splices(&w.src, &edits_here);
        let notes: Vec<(CellRef, String)> = w
            .located
            .iter()
            .map(|(i, ..)| (edits[*i].cell, edits[*i].note.clone()))
            .collect();
        splices.extend(annotate(&mut pkg, &mut ch, &w.entry, &w.ix, &notes)?);
        ch.modified.insert(w.entry.clone(), apply(&w.src, splices)?);
    }
    if ch.vml_default_needed && !has_vml_default {
        ch.content_types.insert_str(
            0,
            &format!("<Default Extension=\"vml\" ContentType=\"{CT_VML}\"/>"),
        );
    }
    if !ch.content_types.is_empty() {
        let out = apply(
            &ct_src,
            vec![ct_root.append(&ct_src, ch.content_types.as_bytes())],
        )?;
        ch.modified.insert(ct_entry, out);
    }

    let bytes = write_zip(&mut pkg, &ch.modified, &ch.added)?;
    Ok(Patched {
        bytes,
        outcomes,
        highlighted,
        macro_enabled,
    })
}

/// The parts a patch changes or adds.
#[derive(Default)]
struct Changes {
    /// Existing entries with new contents.
    modified: BTreeMap<String, Vec<u8>>,
    /// New entries, written after the others.
    added: Vec<(String, Vec<u8>)>,
    /// Entries for `[Content_Types].xml`.
    content_types: String,
    vml_default_needed: bool,
    /// The largest VML shape-id block in use.
    idmap_max: u64,
}

impl Changes {
    /// A part name not yet taken: `{stem}{n}{ext}` for the smallest n.
    fn new_part(&self, pkg: &Package<'_>, stem: &str, ext: &str) -> String {
        (1..)
            .map(|n| format!("{stem}{n}{ext}"))
            .find(|p| !pkg.exists(p) && !self.added.iter().any(|(a, _)| a.eq_ignore_ascii_case(p)))
            .unwrap_or_default()
    }
}

/// Notes on a sheet's corrected cells: extends its comments part and VML
/// drawing, or creates them with their relationships and content types.
/// Returns the `legacyDrawing` element the sheet needs, if it had none.
fn annotate(
    pkg: &mut Package<'_>,
    ch: &mut Changes,
    sheet: &str,
    ix: &SheetIndex,
    notes: &[(CellRef, String)],
) -> Result<Option<Splice>, PatchError> {
    let sheet_dir = dir_of(sheet).to_string();
    let rels_path = rels_of(sheet);
    let rels_src = pkg.read(&rels_path)?;
    let (existing, rels_root) = match &rels_src {
        Some((_, src)) => {
            let (r, root) = read_rels(src)?;
            (r, Some(root))
        }
        None => (Vec::new(), None),
    };
    let mut new_rels = NewRels {
        existing: existing.clone(),
        added: Vec::new(),
    };
    let comments_rel = existing
        .iter()
        .find(|r| r.typ.ends_with("/comments") && !r.external);
    let vml_rel = ix
        .legacy_rid
        .as_ref()
        .and_then(|rid| existing.iter().find(|r| &r.id == rid && !r.external));

    let existing_comments = match comments_rel {
        Some(rel) => pkg.read(&resolve(&sheet_dir, &rel.target))?,
        None => None,
    };
    // Cells that had no comment need a shape in the drawing.
    let shapes_for: Vec<CellRef> = match existing_comments {
        Some((entry, src)) => {
            let (out, fresh) = comments::extend_part(&src, notes)?;
            ch.modified.insert(entry, out);
            fresh
        }
        None => {
            let part = ch.new_part(pkg, "xl/comments", ".xml");
            ch.added.push((part.clone(), comments::new_part(notes)));
            new_rels.add(REL_COMMENTS, relative(&sheet_dir, &part));
            ch.content_types.push_str(&format!(
                "<Override PartName=\"/{}\" ContentType=\"{CT_COMMENTS}\"/>",
                escape(&part)
            ));
            notes.iter().map(|n| n.0).collect()
        }
    };
    let existing_vml = match vml_rel {
        Some(rel) => pkg.read(&resolve(&sheet_dir, &rel.target))?,
        None => None,
    };
    let mut legacy = None;
    match existing_vml {
        Some((entry, src)) => {
            ch.modified
                .insert(entry, comments::extend_vml(&src, &shapes_for)?);
        }
        None if ix.legacy_rid.is_some() => {
            // A sheet has one legacy drawing; the one it names is missing.
            return Err(PatchError::Xml(format!(
                "sheet part {sheet} names a legacy drawing that does not exist"
            )));
        }
        None => {
            let part = ch.new_part(pkg, "xl/drawings/vmlDrawing", ".vml");
            ch.idmap_max += 1;
            ch.added
                .push((part.clone(), comments::new_vml(ch.idmap_max, &shapes_for)));
            let rid = new_rels.add(REL_VML, relative(&sheet_dir, &part));
            ch.vml_default_needed = true;
            legacy = Some(ix.legacy_drawing(&rid));
        }
    }
    if !new_rels.added.is_empty() {
        match (rels_src, rels_root) {
            (Some((entry, src)), Some(root)) => {
                let out = apply(&src, vec![root.append(&src, new_rels.xml().as_bytes())])?;
                ch.modified.insert(entry, out);
            }
            _ => ch.added.push((
                rels_path,
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{}</Relationships>",
                    new_rels.xml()
                )
                .into_bytes(),
            )),
        }
    }
    Ok(legacy)
}

/// The root of `[Content_Types].xml`, whether vml has a default content
/// type, and whether the workbook part is macro-enabled.
fn content_types(src: &[u8], wb_part: &str) -> Result<(Elem, bool, bool), PatchError> {
    let mut root = Elem::default();
    let mut vml = false;
    let mut macro_enabled = false;
    let wb = format!("/{wb_part}");
    scan(src, |s| {
        match &s.event {
            Event::Start(e) | Event::Empty(e) => {
                if s.depth == 0 {
                    root = Elem {
                        start: s.start,
                        open_end: s.end,
                        close_start: s.end,
                        end: s.end,
                        self_closing: matches!(s.event, Event::Empty(_)),
                        qname: super::xml::qname(e),
                    };
                    return Ok(());
                }
                match local(e.name().0) {
                    "Default" => {
                        vml |= attr(e, "Extension").is_some_and(|x| x.eq_ignore_ascii_case("vml"))
                    }
                    "Override"
                        if attr(e, "PartName").is_some_and(|p| p.eq_ignore_ascii_case(&wb)) =>
                    {
                        macro_enabled =
                            attr(e, "ContentType").is_some_and(|c| c.contains("macroEnabled"));
                    }
                    _ => {}
                }
            }
            Event::End(_) if s.depth == 0 => {
                root.close_start = s.start;
                root.end = s.end;
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok((root, vml, macro_enabled))
}

/// Rewrites the zip: changed entries in place, the rest copied raw (their
/// compressed bytes unchanged), new entries at the end.
fn write_zip(
    pkg: &mut Package<'_>,
    modified: &BTreeMap<String, Vec<u8>>,
    added: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, PatchError> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for i in 0..pkg.names.len() {
        let name = pkg.names[i].clone();
        match modified.get(&name) {
            Some(data) => {
                let mut o = opts;
                if let Some(t) = pkg.zip.by_index_raw(i)?.last_modified() {
                    o = o.last_modified_time(t);
                }
                w.start_file(name, o)?;
                w.write_all(data)?;
            }
            None => w.raw_copy_file(pkg.zip.by_index_raw(i)?)?,
        }
    }
    for (name, data) in added {
        w.start_file(name.clone(), opts)?;
        w.write_all(data)?;
    }
    Ok(w.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percent_scale_value_is_not_written_into_a_fraction() {
        let v = FixValue::Number(43.98);
        assert!(scale_mismatch(&v, Some(0.442), true).is_some());
        assert!(scale_mismatch(&v, Some(0.442), false).is_none());
        assert!(scale_mismatch(&FixValue::Number(0.44), Some(0.442), true).is_none());
        assert!(scale_mismatch(&FixValue::Number(2.6), Some(2.5), true).is_none());
        assert!(scale_mismatch(&v, None, true).is_none());
    }

    #[test]
    fn targets_resolve_and_relativise() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/worksheets", "../comments1.xml"),
            "xl/comments1.xml"
        );
        assert_eq!(resolve("xl", "/xl/worksheets/s.xml"), "xl/worksheets/s.xml");
        assert_eq!(
            relative("xl/worksheets", "xl/comments1.xml"),
            "../comments1.xml"
        );
        assert_eq!(
            relative("xl/worksheets", "xl/drawings/vmlDrawing1.vml"),
            "../drawings/vmlDrawing1.vml"
        );
        assert_eq!(
            rels_of("xl/worksheets/sheet1.xml"),
            "xl/worksheets/_rels/sheet1.xml.rels"
        );
    }
}
