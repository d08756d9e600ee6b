//! xlsx and xlsm read in one pass.
//!
//! Each part it needs is inflated once, counted against the limits as it streams
//! (see [`super::preflight`]), and parsed straight into our grid: the
//! workbook's sheet list, the shared strings, the date styles, then each
//! worksheet's cells, merged ranges and formula positions. Nothing is
//! inflated or parsed twice, and no dense range is ever built.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};

use quick_xml::events::{BytesStart, Event};

use super::preflight::{self, attr as text_attr, Deadline, ExtentScan, XmlProblem};
use super::read::{sparse_sheet, Format, ReadError, ReadLimits, ReadOptions};
use super::{Cell, Visibility, Workbook};

const WORKBOOK: &str = "xl/workbook.xml";
const WORKBOOK_RELS: &str = "xl/_rels/workbook.xml.rels";
const SHARED_STRINGS: &str = "xl/sharedStrings.xml";
const STYLES: &str = "xl/styles.xml";

/// A sheet as the workbook lists it.
struct Listed {
    name: String,
    visibility: Visibility,
    rel: String,
}

/// What the worksheets need from the rest of the workbook.
#[derive(Default)]
struct Context {
    sheets: Vec<Listed>,
    /// Relationship id -> (target part, whether it is a worksheet).
    rels: HashMap<String, (String, bool)>,
    strings: Vec<std::sync::Arc<str>>,
    /// Per cell style (`s`): whether its number format shows a date.
    date_styles: Vec<bool>,
}

impl Context {
    fn is_date(&self, style: Option<usize>) -> bool {
        style
            .and_then(|i| self.date_styles.get(i).copied())
            .unwrap_or(false)
    }
}

/// Reads every worksheet of an xlsx or xlsm workbook held in memory.
pub fn read(
    bytes: &[u8],
    format: Format,
    limits: &ReadLimits,
    opts: ReadOptions,
    deadline: &Deadline,
) -> Result<Workbook, ReadError> {
    let (mut zip, parts) = preflight::open_zip(bytes, limits)?;
    let find = |name: &str| {
        parts
            .iter()
            .position(|p| p.name == name)
            .or_else(|| parts.iter().position(|p| p.name.eq_ignore_ascii_case(name)))
    };
    let mut inflated = 0u64;
    let mut ctx = Context::default();

    // The parts the worksheets depend on, in the order they depend on them.
    for name in [WORKBOOK_RELS, WORKBOOK, SHARED_STRINGS, STYLES] {
        let Some(i) = find(name) else {
            if name == WORKBOOK {
                return Err(ReadError::Corrupt(format!(
                    "it has no {WORKBOOK} part, so it is not an Excel workbook"
                )));
            }
            continue;
        };
        deadline.check()?;
        let part = &parts[i];
        let (parsed, count) =
            preflight::inflate_part(&mut zip, part, inflated, limits, deadline, |input| {
                let mut xml = quick_xml::Reader::from_reader(BufReader::new(input));
                match name {
                    WORKBOOK_RELS => read_rels(&mut xml, &mut ctx),
                    WORKBOOK => read_workbook_list(&mut xml, &mut ctx),
                    SHARED_STRINGS => read_strings(&mut xml, &mut ctx, part.size),
                    _ => read_styles(&mut xml, &mut ctx),
                }
            })?;
        inflated += count;
        parsed.map_err(|e| e.for_sheet(None, &part.name, limits))?;
    }

    let mut sheets = Vec::with_capacity(ctx.sheets.len());
    for listed in &ctx.sheets {
        // Chart sheets and dialog sheets hold no cells.
        let Some((target, true)) = ctx.rels.get(&listed.rel) else {
            continue;
        };
        let Some(i) = find(&part_name(target)) else {
            return Err(ReadError::Corrupt(format!(
                "sheet '{}' is listed but its part {target} is missing",
                listed.name
            )));
        };
        deadline.check()?;
        let part = &parts[i];
        let (parsed, count) =
            preflight::inflate_part(&mut zip, part, inflated, limits, deadline, |input| {
                let mut xml =
                    quick_xml::Reader::from_reader(BufReader::with_capacity(64 * 1024, input));
                read_sheet(&mut xml, &ctx, limits, opts)
            })?;
        inflated += count;
        let (cells, merged, formulas) =
            parsed.map_err(|e| e.for_sheet(Some(&listed.name), &part.name, limits))?;
        let mut sheet = sparse_sheet(&listed.name, cells, limits)?;
        sheet.visibility = listed.visibility;
        sheet.merged = merged;
        sheet.formulas = formulas;
        sheets.push(sheet);
    }

    // The parts never read (themes, pictures, document properties, macros)
    // were checked in the directory only. They are never inflated here, so
    // whatever they hold cannot exhaust anything; `fix` copies them byte
    // for byte.
    Ok(Workbook { format, sheets })
}

/// The part a relationship target of the workbook names.
fn part_name(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    }
}

type Xml<R> = quick_xml::Reader<R>;

fn xml_error(e: quick_xml::Error) -> XmlProblem {
    XmlProblem::Read(ReadError::Corrupt(format!("its XML is malformed ({e})")))
}

/// The raw value of an attribute, by local name.
fn raw_attr<'a>(e: &'a BytesStart<'_>, key: &str) -> Option<std::borrow::Cow<'a, str>> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| a.value)
}

/// An element as a part streams past: its start (and whether it closes
/// itself, as `<c/>`), or its end.
enum Tag<'a> {
    Open(&'a BytesStart<'a>, bool),
    Close(&'a str),
}

/// Streams a part to its end, handing each element to `on` with the reader
/// (to read an element's content itself); a DTD anywhere is refused.
fn walk<R: BufRead>(
    xml: &mut Xml<R>,
    mut on: impl FnMut(&mut Xml<R>, Tag<'_>) -> Result<(), XmlProblem>,
) -> Result<(), XmlProblem> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(xml_error)? {
            Event::DocType(_) => return Err(XmlProblem::Dtd),
            Event::Eof => return Ok(()),
            Event::Start(e) => on(xml, Tag::Open(&e, false))?,
            Event::Empty(e) => on(xml, Tag::Open(&e, true))?,
            Event::End(e) => on(xml, Tag::Close(e.local_name().as_ref()))?,
            _ => {}
        }
    }
}

fn read_rels<R: BufRead>(xml: &mut Xml<R>, ctx: &mut Context) -> Result<(), XmlProblem> {
    walk(xml, |_, tag| {
        if let Tag::Open(e, _) = tag {
            if e.local_name().as_ref() == "Relationship" {
                if let (Some(id), Some(target)) = (text_attr(e, "Id"), text_attr(e, "Target")) {
                    let worksheet = text_attr(e, "Type").is_some_and(|t| {
                        t.ends_with("/worksheet") || t.ends_with("/xlsx/worksheet")
                    });
                    ctx.rels.insert(id, (target, worksheet));
                }
            }
        }
        Ok(())
    })
}

fn read_workbook_list<R: BufRead>(xml: &mut Xml<R>, ctx: &mut Context) -> Result<(), XmlProblem> {
    walk(xml, |_, tag| {
        let Tag::Open(e, _) = tag else { return Ok(()) };
        if e.local_name().as_ref() != "sheet" {
            return Ok(());
        }
        if let (Some(name), Some(rel)) = (text_attr(e, "name"), preflight::rel_id(e)) {
            let visibility = match text_attr(e, "state").as_deref() {
                Some("hidden") => Visibility::Hidden,
                Some("veryHidden") => Visibility::VeryHidden,
                _ => Visibility::Visible,
            };
            ctx.sheets.push(Listed {
                name,
                visibility,
                rel,
            });
        }
        Ok(())
    })
}

fn read_strings<R: BufRead>(
    xml: &mut Xml<R>,
    ctx: &mut Context,
    declared: u64,
) -> Result<(), XmlProblem> {
    walk(xml, |xml, tag| {
        let Tag::Open(e, empty) = tag else {
            return Ok(());
        };
        match e.local_name().as_ref() {
            "sst" => {
                // Room is reserved for this many strings up front.
                let claimed = text_attr(e, "uniqueCount")
                    .and_then(|n| n.trim().parse::<u64>().ok())
                    .unwrap_or(0);
                if claimed > declared / 8 + 1024 {
                    return Err(XmlProblem::SharedStringsCount(claimed));
                }
                ctx.strings.reserve(claimed as usize);
            }
            "si" if empty => ctx.strings.push("".into()),
            "si" => ctx.strings.push(read_rich_text(xml, "si")?.into()),
            _ => {}
        }
        Ok(())
    })
}

/// The text of an `<si>` or `<is>` element: its `<t>` runs joined, phonetic
/// guides (`<rPh>`) left out, as Excel shows it.
fn read_rich_text<R: BufRead>(xml: &mut Xml<R>, closing: &str) -> Result<String, XmlProblem> {
    let mut out = String::new();
    let mut buf = Vec::new();
    let mut phonetic = false;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) if e.local_name().as_ref() == "rPh" => phonetic = true,
            Event::End(e) if e.local_name().as_ref() == "rPh" => phonetic = false,
            Event::Start(e) if e.local_name().as_ref() == "t" && !phonetic => {
                let preserve = raw_attr(&e, "space").is_some_and(|v| v.as_ref() == "preserve");
                let text = read_text(xml, "t")?;
                let text = if preserve {
                    text.as_str()
                } else {
                    text.trim_matches([' ', '\t', '\r', '\n'])
                };
                out.push_str(&unescape_excel(text));
            }
            Event::End(e) if e.local_name().as_ref() == closing => return Ok(out),
            Event::Eof => {
                return Err(xml_error(quick_xml::Error::Syntax(
                    quick_xml::errors::SyntaxError::UnclosedTag,
                )))
            }
            _ => {}
        }
    }
}

/// The text content of an element up to its end tag, entities resolved.
fn read_text<R: BufRead>(xml: &mut Xml<R>, closing: &str) -> Result<String, XmlProblem> {
    let mut out = String::new();
    read_text_into(xml, closing, &mut Vec::new(), &mut out)?;
    Ok(out)
}

/// [`read_text`] into `out`, with `buf` for the events: a sheet reads one
/// `<v>` per cell, and reuses both.
fn read_text_into<R: BufRead>(
    xml: &mut Xml<R>,
    closing: &str,
    buf: &mut Vec<u8>,
    out: &mut String,
) -> Result<(), XmlProblem> {
    out.clear();
    loop {
        buf.clear();
        match xml.read_event_into(buf).map_err(xml_error)? {
            // Line ends are normalised only where there is a CR to normalise.
            Event::Text(t) if memchr::memchr(b'\r', t.as_bytes()).is_none() => out.push_str(&t),
            Event::Text(t) => out.push_str(&t.xml10_content()),
            Event::CData(t) => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Some(s) = quick_xml::escape::resolve_xml_entity(&r) {
                    out.push_str(s);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else {
                    return Err(XmlProblem::Read(ReadError::Corrupt(format!(
                        "its XML uses an unknown entity &{};",
                        &*r
                    ))));
                }
            }
            Event::End(e) if e.local_name().as_ref() == closing => return Ok(()),
            Event::Eof => {
                return Err(xml_error(quick_xml::Error::Syntax(
                    quick_xml::errors::SyntaxError::UnclosedTag,
                )))
            }
            _ => {}
        }
    }
}

/// Excel's own escapes in text: `_x000D_` is a carriage return (a UTF-16
/// unit in hex), and `_x005F_` escapes a literal underscore sequence.
fn unescape_excel(s: &str) -> std::borrow::Cow<'_, str> {
    fn unit_at(s: &str, i: usize) -> Option<u16> {
        let b = s.as_bytes();
        if b.len() >= i + 7
            && b[i] == b'_'
            && b[i + 1] == b'x'
            && b[i + 6] == b'_'
            && b[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit)
        {
            u16::from_str_radix(&s[i + 2..i + 6], 16).ok()
        } else {
            None
        }
    }
    if !s.contains("_x") {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if let Some(unit) = unit_at(s, i) {
            i += 7;
            match unit {
                0xD800..=0xDBFF => match unit_at(s, i) {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        let cp = 0x10000
                            + ((u32::from(unit) - 0xD800) << 10)
                            + (u32::from(low) - 0xDC00);
                        out.push(char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER));
                        i += 7;
                    }
                    _ => out.push(char::REPLACEMENT_CHARACTER),
                },
                _ => {
                    out.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER))
                }
            }
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        out.push(c);
        i += c.len_utf8().max(1);
    }
    std::borrow::Cow::Owned(out)
}

fn read_styles<R: BufRead>(xml: &mut Xml<R>, ctx: &mut Context) -> Result<(), XmlProblem> {
    let mut custom: HashMap<String, bool> = HashMap::new();
    let mut in_xfs = false;
    walk(xml, |_, tag| {
        match tag {
            Tag::Open(e, empty) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) =
                        (text_attr(e, "numFmtId"), text_attr(e, "formatCode"))
                    {
                        custom.insert(id, is_date_format(&code));
                    }
                }
                "cellXfs" => in_xfs = !empty,
                "xf" if in_xfs => {
                    let id = text_attr(e, "numFmtId").unwrap_or_else(|| "0".into());
                    let date = custom
                        .get(&id)
                        .copied()
                        .unwrap_or_else(|| is_builtin_date(&id));
                    ctx.date_styles.push(date);
                }
                _ => {}
            },
            Tag::Close("cellXfs") => in_xfs = false,
            Tag::Close(_) => {}
        }
        Ok(())
    })
}

/// Excel's built-in number formats that show a date or a time.
fn is_builtin_date(id: &str) -> bool {
    matches!(id.parse::<u32>(), Ok(14..=22 | 27..=36 | 45..=47 | 50..=58))
}

/// Whether a custom number format shows a date or a time: a d, m, y, h or s
/// outside quotes, brackets and escapes, in its first section ("0.0%" is
/// not; "dd/mm/yyyy" and "[h]:mm" are).
fn is_date_format(code: &str) -> bool {
    let mut escaped = false;
    let mut quoted = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for c in code.chars() {
        match (c, escaped, quoted, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => quoted = false,
            (_, _, true, _, _) => (),
            ('"', ..) => quoted = true,
            (';', ..) => return false,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return true,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return true,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return true
            }
            _ => {
                if !(hms && c.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(c, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = c;
    }
    false
}

type SheetParts = (Vec<(u32, u32, Cell)>, super::Merged, Vec<(u32, u32)>);

/// The cell being read: where it is and how its value is typed.
struct Open {
    at: (u32, u32),
    kind: Option<Kind>,
    style: Option<usize>,
    value: Option<Cell>,
}

/// A cell's type attribute (`t`).
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Number,
    Shared,
    Bool,
    Error,
    Formula,
    Date,
    Inline,
    Other(String),
}

impl Kind {
    fn of(t: &str) -> Kind {
        match t {
            "n" => Kind::Number,
            "s" => Kind::Shared,
            "b" => Kind::Bool,
            "e" => Kind::Error,
            "str" => Kind::Formula,
            "d" => Kind::Date,
            "inlineStr" | "is" => Kind::Inline,
            other => Kind::Other(other.to_string()),
        }
    }
}

fn read_sheet<R: BufRead>(
    xml: &mut Xml<R>,
    ctx: &Context,
    limits: &ReadLimits,
    opts: ReadOptions,
) -> Result<SheetParts, XmlProblem> {
    let mut scan = ExtentScan::new();
    let mut cells = Vec::new();
    let mut formulas = Vec::new();
    let mut in_data = false;
    let mut open: Option<Open> = None;
    let mut skip = Vec::new();
    let mut text = String::new();
    walk(xml, |xml, tag| {
        let (e, empty) = match tag {
            Tag::Open(e, empty) => (e, empty),
            Tag::Close(name) => {
                match name {
                    "c" => {
                        if let Some(c) = open.take() {
                            if let Some(v) = c.value.filter(|v| *v != Cell::Empty) {
                                cells.push((c.at.0, c.at.1, v));
                            }
                        }
                    }
                    "row" => scan.end_row(),
                    "sheetData" => in_data = false,
                    _ => {}
                }
                return Ok(());
            }
        };
        if let Some(c) = open.as_mut() {
            match e.local_name().as_ref() {
                "v" if !empty => {
                    read_text_into(xml, "v", &mut skip, &mut text)?;
                    c.value =
                        value_of(ctx, &text, c.kind.as_ref(), c.style).map_err(XmlProblem::Read)?;
                }
                "is" if !empty => c.value = Some(Cell::Text(read_rich_text(xml, "is")?.into())),
                "f" => {
                    if opts.formulas && formulas.len() as u64 <= limits.max_cells_per_sheet {
                        formulas.push(c.at);
                    }
                    if !empty {
                        skip.clear();
                        xml.read_to_end_into(e.name(), &mut skip)
                            .map_err(xml_error)?;
                    }
                }
                _ => {}
            }
            return Ok(());
        }
        match e.local_name().as_ref() {
            "sheetData" => in_data = !empty,
            "row" if in_data => {
                scan.start_row_at(raw_attr(e, "r").as_deref())?;
                if empty {
                    scan.end_row();
                }
            }
            "c" if in_data => {
                let mut r = None;
                let mut kind = None;
                let mut style = None;
                for a in e.attributes().with_checks(false).flatten() {
                    match a.key.local_name().as_ref() {
                        "r" => r = Some(a.value),
                        "t" => kind = Some(Kind::of(&a.value)),
                        "s" => style = a.value.trim().parse::<usize>().ok(),
                        _ => {}
                    }
                }
                let at = scan.cell_at(r.as_deref(), limits)?;
                // An empty <c/> holds no value.
                if !empty {
                    open = Some(Open {
                        at,
                        kind,
                        style,
                        value: None,
                    });
                }
            }
            "mergeCell" if scan.extent.merged.len() < 100_000 => {
                let range = text_attr(e, "ref").and_then(|r| {
                    let (a, b) = r.split_once(':')?;
                    Some((super::parse_a1(a)?, super::parse_a1(b)?))
                });
                if let Some((a, b)) = range {
                    scan.extent.merged.push(((a.row, a.col), (b.row, b.col)));
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    let extent = scan.finish(limits)?;
    formulas.sort_unstable();
    formulas.dedup();
    Ok((cells, extent.merged, formulas))
}

/// A cell's value from the text of its `<v>`, by its type (`t`) and style.
fn value_of(
    ctx: &Context,
    v: &str,
    kind: Option<&Kind>,
    style: Option<usize>,
) -> Result<Option<Cell>, ReadError> {
    Ok(Some(match kind {
        Some(Kind::Shared) => {
            if v.is_empty() {
                return Ok(None);
            }
            let i = v.trim().parse::<usize>().unwrap_or(usize::MAX);
            match ctx.strings.get(i) {
                Some(s) => Cell::Text(s.clone()),
                None => {
                    return Err(ReadError::Corrupt(format!(
                        "a cell refers to shared string {}, which the workbook does not hold",
                        v.trim()
                    )))
                }
            }
        }
        Some(Kind::Bool) => Cell::Bool(!matches!(v.trim(), "0" | "false" | "FALSE")),
        Some(Kind::Error) => Cell::Error(v.trim().to_string()),
        Some(Kind::Formula) => Cell::Text(unescape_excel(v).into()),
        // An ISO 8601 date, kept as written.
        Some(Kind::Date) => Cell::Text(v.into()),
        // The value of an inline string is in <is>, not <v>.
        Some(Kind::Inline) => return Ok(None),
        Some(Kind::Number) | None => {
            if v.is_empty() {
                return Ok(None);
            }
            match v.trim().parse::<f64>() {
                Ok(n) if ctx.is_date(style) && n.is_finite() => Cell::Date(n),
                Ok(n) => super::read::number(n),
                // Without a type, text that is not a number is still text.
                Err(_) if kind.is_none() => Cell::Text(v.into()),
                Err(_) => {
                    return Err(ReadError::Corrupt(format!(
                        "a number cell holds {v:?}, which is not a number"
                    )))
                }
            }
        }
        Some(Kind::Other(_)) => Cell::Text(v.into()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(xml: &str, ctx: &Context) -> Vec<(u32, u32, Cell)> {
        let mut r = quick_xml::Reader::from_reader(xml.as_bytes());
        read_sheet(&mut r, ctx, &ReadLimits::default(), ReadOptions::default())
            .map_err(|_| "bad")
            .unwrap()
            .0
    }

    #[test]
    fn typed_values() {
        let ctx = Context {
            strings: vec!["shared".into()],
            date_styles: vec![false, true],
            ..Context::default()
        };
        let xml = r#"<worksheet><sheetData><row r="3"><c r="A3" s="1" t="b"><v>1</v></c><c r="B3" t="s"><v>0</v></c><c r="C3" s="1"><v>42736</v></c><c r="D3" t="e"><v>#DIV/0!</v></c><c r="E3" t="inlineStr"><is><t> x </t></is></c><c r="F3" t="str"><v>a&amp;b_x000D_</v></c><c r="G3"/></row></sheetData></worksheet>"#;
        assert_eq!(
            sheet(xml, &ctx),
            vec![
                (2, 0, Cell::Bool(true)),
                (2, 1, Cell::Text("shared".into())),
                (2, 2, Cell::Date(42736.0)),
                (2, 3, Cell::Error("#DIV/0!".into())),
                (2, 4, Cell::Text("x".into())),
                (2, 5, Cell::Text("a&b\r".into())),
            ]
        );
    }
}
