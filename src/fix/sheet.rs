//! A worksheet part, scanned once for where its rows and cells sit, then
//! edited by splices: a corrected cell replaces its `<c>` element, a cell
//! that did not exist is inserted in address order, and everything else in
//! the part keeps its bytes.

use std::collections::BTreeSet;

use quick_xml::events::Event;

use super::patch::PatchError;
use super::xml::{attr, escape, local, prefix_of, qname, scan, text_of, Elem, Splice};
use crate::rules::FixValue;
use crate::workbook::{parse_a1, CellRef};

const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Elements that come after `legacyDrawing` in a worksheet (ECMA-376
/// CT_Worksheet order): a new `legacyDrawing` goes before the first of them.
const AFTER_LEGACY: &[&str] = &[
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
];

#[derive(Debug, Clone)]
pub struct CellPos {
    pub col: u32,
    pub elem: Elem,
    pub style: Option<u32>,
    pub formula: bool,
    /// The cell's `<v>` as written (a number, or an index for shared strings).
    pub value: Option<String>,
    /// The `t` attribute ("s", "str", "inlineStr", "b", "e"; none for a number).
    pub kind: Option<String>,
    pub explicit: bool,
    /// The `ph` attribute, kept when the cell is rewritten.
    pub ph: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RowPos {
    pub r: u32,
    pub elem: Elem,
    pub explicit: bool,
    pub style: Option<u32>,
    pub custom_format: bool,
    pub cells: Vec<CellPos>,
}

/// What a scan of a worksheet part found.
#[derive(Debug, Default)]
pub struct SheetIndex {
    pub root: Elem,
    /// Prefix of the spreadsheetml elements ("" or e.g. "x:").
    pub prefix: String,
    /// The prefix the root binds to the relationships namespace, if any.
    pub rel_prefix: Option<String>,
    pub sheet_data: Option<Elem>,
    pub rows: Vec<RowPos>,
    /// (first col, last col, style), zero-based.
    pub cols: Vec<(u32, u32, u32)>,
    pub legacy_rid: Option<String>,
    /// Ranges filled by array formulas and data tables.
    pub formula_ranges: Vec<(CellRef, CellRef)>,
    /// Where a new `legacyDrawing` element goes.
    pub legacy_insert: Option<usize>,
    rows_sorted: bool,
}

fn elem_at(start: usize, end: usize, q: String, empty: bool) -> Elem {
    Elem {
        start,
        open_end: end,
        close_start: end,
        end,
        self_closing: empty,
        qname: q,
    }
}

/// Scans a worksheet, keeping cell positions only for `rows` (zero-based).
pub fn index(src: &[u8], rows: &BTreeSet<u32>) -> Result<SheetIndex, PatchError> {
    let mut ix = SheetIndex {
        rows_sorted: true,
        ..Default::default()
    };
    let mut top = String::new();
    let mut row: Option<RowPos> = None;
    let mut cell: Option<CellPos> = None;
    let mut last_row: Option<u32> = None;
    let mut last_col: Option<u32> = None;
    let mut in_v = false;
    scan(src, |s| {
        match &s.event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(s.event, Event::Empty(_));
                let name = e.name().0;
                let ln = local(name);
                match s.depth {
                    0 => {
                        ix.root = elem_at(s.start, s.end, qname(e), empty);
                        ix.prefix = prefix_of(&ix.root.qname);
                        for a in e.attributes().with_checks(false).flatten() {
                            if let Some(p) = a.key.0.strip_prefix("xmlns:") {
                                if &*a.value == REL_NS {
                                    ix.rel_prefix = Some(p.to_string());
                                }
                            }
                        }
                    }
                    1 => {
                        top = ln.to_string();
                        match ln {
                            "sheetData" => {
                                ix.sheet_data = Some(elem_at(s.start, s.end, qname(e), empty))
                            }
                            "legacyDrawing" => {
                                ix.legacy_rid = e
                                    .attributes()
                                    .with_checks(false)
                                    .flatten()
                                    .find(|a| local(a.key.0) == "id")
                                    .and_then(|a| super::xml::value(&a));
                            }
                            _ if AFTER_LEGACY.contains(&ln) => {
                                ix.legacy_insert.get_or_insert(s.start);
                            }
                            _ => {}
                        }
                    }
                    2 if top == "sheetData" && ln == "row" => {
                        let explicit_r = attr(e, "r").and_then(|v| v.trim().parse::<u32>().ok());
                        let r = match explicit_r {
                            Some(r) => r.saturating_sub(1),
                            None => last_row.map_or(0, |x| x + 1),
                        };
                        if last_row.is_some_and(|x| x >= r) {
                            ix.rows_sorted = false;
                        }
                        last_row = Some(r);
                        last_col = None;
                        let custom = attr(e, "customFormat")
                            .is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"));
                        let rp = RowPos {
                            r,
                            elem: elem_at(s.start, s.end, qname(e), empty),
                            explicit: explicit_r.is_some(),
                            style: attr(e, "s").and_then(|v| v.parse().ok()),
                            custom_format: custom,
                            cells: Vec::new(),
                        };
                        if empty {
                            ix.rows.push(rp);
                        } else {
                            row = Some(rp);
                        }
                    }
                    2 if top == "cols" && ln == "col" => {
                        let n = |k| attr(e, k).and_then(|v| v.parse::<u32>().ok());
                        if let (Some(min), Some(max)) = (n("min"), n("max")) {
                            ix.cols.push((
                                min.saturating_sub(1),
                                max.saturating_sub(1),
                                n("style").unwrap_or(0),
                            ));
                        }
                    }
                    3 if ln == "c" && row.as_ref().is_some_and(|r| rows.contains(&r.r)) => {
                        let explicit_c = attr(e, "r").and_then(|v| parse_a1(&v)).map(|c| c.col);
                        let col = explicit_c.unwrap_or_else(|| last_col.map_or(0, |x| x + 1));
                        last_col = Some(col);
                        let cp = CellPos {
                            col,
                            elem: elem_at(s.start, s.end, qname(e), empty),
                            style: attr(e, "s").and_then(|v| v.parse().ok()),
                            formula: false,
                            value: None,
                            kind: attr(e, "t"),
                            explicit: explicit_c.is_some(),
                            ph: attr(e, "ph"),
                        };
                        if empty {
                            if let Some(r) = row.as_mut() {
                                r.cells.push(cp);
                            }
                        } else {
                            cell = Some(cp);
                        }
                    }
                    3 if ln == "c" => {
                        last_col = attr(e, "r")
                            .and_then(|v| parse_a1(&v))
                            .map(|c| c.col)
                            .or_else(|| Some(last_col.map_or(0, |x| x + 1)));
                    }
                    d if d >= 4 && ln == "f" => {
                        if let Some(c) = cell.as_mut() {
                            c.formula = true;
                        }
                        // An array formula or data table owns every cell of
                        // its range, not only the one that holds it.
                        if attr(e, "t").is_some_and(|t| t == "array" || t == "dataTable") {
                            if let Some(r) = attr(e, "ref").and_then(|r| parse_range(&r)) {
                                ix.formula_ranges.push(r);
                            }
                        }
                    }
                    4 if ln == "v" && !empty && cell.is_some() => in_v = true,
                    _ => {}
                }
            }
            ev if in_v => {
                if let (Some(c), Some(t)) = (cell.as_mut(), text_of(ev)) {
                    c.value.get_or_insert_with(String::new).push_str(&t);
                }
                if matches!(ev, Event::End(_)) {
                    in_v = false;
                }
            }
            Event::End(_) => match s.depth {
                0 => {
                    ix.root.close_start = s.start;
                    ix.root.end = s.end;
                }
                1 => {
                    if top == "sheetData" {
                        if let Some(sd) = ix.sheet_data.as_mut() {
                            sd.close_start = s.start;
                            sd.end = s.end;
                        }
                    }
                    top.clear();
                }
                2 => {
                    if let Some(mut r) = row.take() {
                        r.elem.close_start = s.start;
                        r.elem.end = s.end;
                        ix.rows.push(r);
                    }
                }
                3 => {
                    if let Some(mut c) = cell.take() {
                        c.elem.close_start = s.start;
                        c.elem.end = s.end;
                        if let Some(r) = row.as_mut() {
                            r.cells.push(c);
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
        Ok(())
    })?;
    Ok(ix)
}

/// "A1:C3" (or "A1") as its first and last cells.
fn parse_range(r: &str) -> Option<(CellRef, CellRef)> {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    Some((parse_a1(a)?, parse_a1(b)?))
}

/// Where an edit lands in the sheet.
#[derive(Debug, Clone)]
pub enum Target {
    /// Replaces the existing cell element.
    Replace { row: usize, cell: usize },
    /// A new cell in an existing row.
    InsertInRow { row: usize },
    /// A new row.
    NewRow,
}

impl SheetIndex {
    fn row_index(&self, r: u32) -> Result<usize, usize> {
        if self.rows_sorted {
            self.rows.binary_search_by_key(&r, |x| x.r)
        } else {
            self.rows
                .iter()
                .position(|x| x.r == r)
                .ok_or(self.rows.len())
        }
    }

    /// Where a cell goes and its present style, or why it cannot be
    /// written.
    pub fn locate(&self, at: CellRef) -> Result<(Target, u32), String> {
        if self.sheet_data.is_none() {
            return Err("the sheet has no cell data section".into());
        }
        if self
            .formula_ranges
            .iter()
            .any(|(a, b)| (a.row..=b.row).contains(&at.row) && (a.col..=b.col).contains(&at.col))
        {
            return Err("the cell is filled by an array formula".into());
        }
        match self.row_index(at.row) {
            Ok(ri) => {
                let row = &self.rows[ri];
                if let Some(ci) = row.cells.iter().position(|c| c.col == at.col) {
                    let c = &row.cells[ci];
                    if c.formula {
                        return Err("the cell holds a formula".into());
                    }
                    return Ok((Target::Replace { row: ri, cell: ci }, c.style.unwrap_or(0)));
                }
                if row
                    .cells
                    .iter()
                    .find(|c| c.col > at.col)
                    .is_some_and(|c| !c.explicit)
                {
                    return Err(
                        "the row's cells carry no addresses, so a cell cannot be inserted safely"
                            .into(),
                    );
                }
                let style = if row.custom_format {
                    row.style.unwrap_or(0)
                } else {
                    self.col_style(at.col)
                };
                Ok((Target::InsertInRow { row: ri }, style))
            }
            Err(pos) => {
                if self.rows.get(pos).is_some_and(|r| !r.explicit) || !self.rows_sorted {
                    return Err(
                        "the sheet's rows carry no numbers, so a row cannot be inserted safely"
                            .into(),
                    );
                }
                Ok((Target::NewRow, self.col_style(at.col)))
            }
        }
    }

    /// The number a cell holds now, if it holds one.
    pub fn number_at(&self, at: CellRef) -> Option<f64> {
        let row = &self.rows[self.row_index(at.row).ok()?];
        let c = row.cells.iter().find(|c| c.col == at.col)?;
        if c.kind.as_deref().is_some_and(|k| k != "n") {
            return None;
        }
        c.value.as_deref()?.trim().parse().ok()
    }

    fn col_style(&self, col: u32) -> u32 {
        self.cols
            .iter()
            .find(|(a, b, _)| (*a..=*b).contains(&col))
            .map_or(0, |c| c.2)
    }

    /// The splices that write `edits` (already located, in any order).
    pub fn splices(&self, src: &[u8], edits: &[(CellRef, Target, u32, &FixValue)]) -> Vec<Splice> {
        let mut edits: Vec<_> = edits.iter().collect();
        edits.sort_by_key(|(c, ..)| (c.row, c.col));
        let p = &self.prefix;
        let mut out = Vec::new();
        // Content appended at the end of a row or of sheetData is gathered
        // so a self-closing element is opened once.
        let mut row_tail: Vec<(usize, Vec<u8>)> = Vec::new();
        let mut data_tail: Vec<u8> = Vec::new();
        let mut i = 0;
        while i < edits.len() {
            let (at, target, style, value) = edits[i];
            match target {
                Target::Replace { row, cell } => {
                    let c = &self.rows[*row].cells[*cell];
                    let xml = cell_xml(p, *at, *style, value, c.ph.as_deref());
                    out.push(Splice::replace(c.elem.start, c.elem.end, xml));
                    i += 1;
                }
                Target::InsertInRow { row } => {
                    let r = &self.rows[*row];
                    let xml = cell_xml(p, *at, *style, value, None);
                    match r.cells.iter().find(|c| c.col > at.col) {
                        Some(next) => out.push(Splice::insert(next.elem.start, xml)),
                        None => match row_tail.iter_mut().find(|(x, _)| x == row) {
                            Some((_, t)) => t.extend(xml),
                            None => row_tail.push((*row, xml)),
                        },
                    }
                    i += 1;
                }
                Target::NewRow => {
                    // Every edit on this new row goes into one element.
                    let mut xml = format!("<{p}row r=\"{}\">", at.row + 1).into_bytes();
                    let mut j = i;
                    while j < edits.len() && edits[j].0.row == at.row {
                        let (a, _, s, v) = edits[j];
                        xml.extend(cell_xml(p, *a, *s, v, None));
                        j += 1;
                    }
                    xml.extend(format!("</{p}row>").into_bytes());
                    match self.row_index(at.row) {
                        Err(pos) if pos < self.rows.len() => {
                            out.push(Splice::insert(self.rows[pos].elem.start, xml))
                        }
                        _ => data_tail.extend(xml),
                    }
                    i = j;
                }
            }
        }
        for (row, xml) in row_tail {
            out.push(self.rows[row].elem.append(src, &xml));
        }
        if !data_tail.is_empty() {
            if let Some(sd) = &self.sheet_data {
                out.push(sd.append(src, &data_tail));
            }
        }
        out
    }

    /// A `legacyDrawing` element referring to `rid`, and where it goes.
    pub fn legacy_drawing(&self, rid: &str) -> Splice {
        let p = &self.prefix;
        let xml = match &self.rel_prefix {
            Some(rp) => format!("<{p}legacyDrawing {rp}:id=\"{}\"/>", escape(rid)),
            None => format!(
                "<{p}legacyDrawing xmlns:r=\"{REL_NS}\" r:id=\"{}\"/>",
                escape(rid)
            ),
        };
        let at = self.legacy_insert.unwrap_or(self.root.close_start);
        Splice::insert(at, xml)
    }
}

/// A cell element holding `value`: a number in `<v>`, text as an inline
/// string (so the shared string table is left as it is).
fn cell_xml(p: &str, at: CellRef, style: u32, value: &FixValue, ph: Option<&str>) -> Vec<u8> {
    let s = if style == 0 {
        String::new()
    } else {
        format!(" s=\"{style}\"")
    };
    let ph = ph
        .map(|v| format!(" ph=\"{}\"", escape(v)))
        .unwrap_or_default();
    match value {
        FixValue::Number(n) => {
            format!("<{p}c r=\"{at}\"{s}{ph}><{p}v>{}</{p}v></{p}c>", number(*n))
        }
        FixValue::Text(t) => format!(
            "<{p}c r=\"{at}\"{s}{ph} t=\"inlineStr\"><{p}is><{p}t xml:space=\"preserve\">{}</{p}t></{p}is></{p}c>",
            escape(t)
        ),
    }
    .into_bytes()
}

/// The shortest text that reads back as exactly this number.
pub fn number(n: f64) -> String {
    if n == 0.0 {
        return "0".into();
    }
    // Rust's shortest round-trip form; `{:e}` keeps huge and tiny ones short.
    if n.abs() >= 1e15 || n.abs() < 1e-6 {
        format!("{n:e}")
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::xml::apply;

    fn edit(src: &str, at: &str, v: FixValue) -> String {
        let at = parse_a1(at).unwrap();
        let ix = index(src.as_bytes(), &[at.row].into_iter().collect()).unwrap();
        let (t, s) = ix.locate(at).unwrap();
        let sp = ix.splices(src.as_bytes(), &[(at, t, s, &v)]);
        String::from_utf8(apply(src.as_bytes(), sp).unwrap()).unwrap()
    }

    const SHEET: &str = r#"<worksheet xmlns="m"><cols><col min="3" max="3" style="4"/></cols><sheetData><row r="2"><c r="A2" s="1"><v>1</v></c><c r="C2" t="s"><v>0</v></c></row><row r="4"/></sheetData><mergeCells count="1"/></worksheet>"#;

    #[test]
    fn an_existing_cell_is_replaced_and_keeps_its_style() {
        let out = edit(SHEET, "A2", FixValue::Number(0.44));
        assert!(
            out.contains(r#"<c r="A2" s="1"><v>0.44</v></c><c r="C2" t="s">"#),
            "{out}"
        );
        let out = edit(SHEET, "C2", FixValue::Text("Red & Amber".into()));
        assert!(out.contains(r#"<c r="C2" t="inlineStr"><is><t xml:space="preserve">Red &amp; Amber</t></is></c></row>"#), "{out}");
    }

    #[test]
    fn missing_cells_and_rows_are_inserted_in_order() {
        let out = edit(SHEET, "B2", FixValue::Number(2.0));
        assert!(
            out.contains(r#"<v>1</v></c><c r="B2"><v>2</v></c><c r="C2""#),
            "{out}"
        );
        let out = edit(SHEET, "C3", FixValue::Number(3.0));
        assert!(
            out.contains(r#"</row><row r="3"><c r="C3" s="4"><v>3</v></c></row><row r="4"/>"#),
            "{out}"
        );
        let out = edit(SHEET, "A4", FixValue::Number(4.0));
        assert!(
            out.contains(r#"<row r="4"><c r="A4"><v>4</v></c></row></sheetData>"#),
            "{out}"
        );
        let out = edit(SHEET, "A9", FixValue::Number(9.0));
        assert!(
            out.contains(
                r#"<row r="4"/><row r="9"><c r="A9"><v>9</v></c></row></sheetData><mergeCells"#
            ),
            "{out}"
        );
    }

    #[test]
    fn prefixed_elements_keep_their_prefix() {
        let src = r#"<x:worksheet xmlns:x="m"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>"#;
        let out = edit(src, "B1", FixValue::Number(2.0));
        assert!(
            out.contains(r#"<x:v>1</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row>"#),
            "{out}"
        );
    }

    #[test]
    fn the_legacy_drawing_goes_where_the_schema_puts_it() {
        let with_table = r#"<worksheet xmlns="m" xmlns:r="rel"><sheetData/><pageMargins/><tableParts count="1"/><extLst/></worksheet>"#;
        let ix = index(with_table.as_bytes(), &BTreeSet::new()).unwrap();
        let out = apply(with_table.as_bytes(), vec![ix.legacy_drawing("rId9")]).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains(r#"<pageMargins/><legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId9"/><tableParts"#),
            "{out}"
        );
        let plain = r#"<worksheet xmlns="m" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData/></worksheet>"#;
        let ix = index(plain.as_bytes(), &BTreeSet::new()).unwrap();
        let out = apply(plain.as_bytes(), vec![ix.legacy_drawing("rId2")]).unwrap();
        assert!(String::from_utf8(out)
            .unwrap()
            .ends_with(r#"<sheetData/><legacyDrawing r:id="rId2"/></worksheet>"#));
    }

    #[test]
    fn a_cell_filled_by_an_array_formula_is_refused() {
        let src = r#"<worksheet><sheetData><row r="1"><c r="A1"><f t="array" ref="A1:A3">B1:B3*2</f><v>2</v></c></row><row r="2"><c r="A2"><v>4</v></c></row></sheetData></worksheet>"#;
        let ix = index(src.as_bytes(), &[1].into_iter().collect()).unwrap();
        assert!(ix
            .locate(CellRef::new(1, 0))
            .unwrap_err()
            .contains("array formula"));
        assert!(ix.locate(CellRef::new(1, 1)).is_ok());
    }

    #[test]
    fn the_present_number_is_known() {
        let ix = index(SHEET.as_bytes(), &[1].into_iter().collect()).unwrap();
        assert_eq!(ix.number_at(parse_a1("A2").unwrap()), Some(1.0));
        assert_eq!(
            ix.number_at(parse_a1("C2").unwrap()),
            None,
            "a shared string"
        );
        assert_eq!(ix.number_at(parse_a1("B2").unwrap()), None);
    }

    #[test]
    fn a_formula_cell_is_refused() {
        let src = r#"<worksheet><sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row></sheetData></worksheet>"#;
        let ix = index(src.as_bytes(), &[0].into_iter().collect()).unwrap();
        assert!(ix
            .locate(CellRef::new(0, 0))
            .unwrap_err()
            .contains("formula"));
    }

    #[test]
    fn numbers_read_back_exactly() {
        for n in [0.44, 43.98, -465.0, 1e20, 1.5e-9, 0.1 + 0.2] {
            assert_eq!(number(n).parse::<f64>().unwrap(), n);
        }
    }
}
