//! The highlight for corrected cells: one solid fill added to the styles
//! part, and for each style a corrected cell had, a copy of that cell format
//! (`xf`) using the fill. The copy keeps everything else of the original
//! format, its number format above all, so a fraction under "0.0%" still
//! shows as a percentage.

use std::collections::BTreeMap;

use quick_xml::events::Event;

use super::patch::PatchError;
use super::xml::{local, rebuild_tag, scan, Elem, Splice};

/// The highlight colour (ARGB): Excel's own pale yellow "Neutral" fill.
pub const HIGHLIGHT_RGB: &str = "FFFFEB9C";

struct Xf {
    /// Its start tag, rebuilt with the fill set; then the rest as written.
    start: usize,
    open_end: usize,
    end: usize,
    empty: bool,
}

/// A styles part with the highlight, and for each original cell format the
/// index of its highlighted copy.
pub type Highlighted = (Vec<u8>, BTreeMap<u32, u32>);

/// Adds the highlight to `src` (a styles part) for the cell formats in
/// `styles`. Returns the new part and, for each original format index, the
/// index of its highlighted copy; `None` when the part has no fills or cell
/// formats to extend (the cells are then corrected without a highlight).
pub fn highlight(src: &[u8], styles: &[u32]) -> Result<Option<Highlighted>, PatchError> {
    let mut fills: Option<(Elem, usize)> = None;
    let mut xfs_elem: Option<Elem> = None;
    let mut xfs: Vec<Xf> = Vec::new();
    let mut top = String::new();
    let mut n_fills = 0usize;
    let mut open_xf: Option<Xf> = None;
    scan(src, |s| {
        match &s.event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(s.event, Event::Empty(_));
                let name = e.name().0;
                let ln = local(name);
                let elem = Elem {
                    start: s.start,
                    open_end: s.end,
                    close_start: s.end,
                    end: s.end,
                    self_closing: empty,
                    qname: name.to_string(),
                };
                match s.depth {
                    1 => {
                        top = ln.to_string();
                        if ln == "fills" {
                            fills = Some((elem, 0));
                        } else if ln == "cellXfs" {
                            xfs_elem = Some(elem);
                        }
                    }
                    2 if top == "fills" && ln == "fill" => n_fills += 1,
                    2 if top == "cellXfs" && ln == "xf" => {
                        let xf = Xf {
                            start: s.start,
                            open_end: s.end,
                            end: s.end,
                            empty,
                        };
                        if empty {
                            xfs.push(xf);
                        } else {
                            open_xf = Some(xf);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(_) => match s.depth {
                1 => {
                    if top == "fills" {
                        if let Some(f) = fills.as_mut() {
                            f.0.close_start = s.start;
                            f.0.end = s.end;
                            f.1 = n_fills;
                        }
                    } else if top == "cellXfs" {
                        if let Some(x) = xfs_elem.as_mut() {
                            x.close_start = s.start;
                            x.end = s.end;
                        }
                    }
                    top.clear();
                }
                2 => {
                    if let Some(mut xf) = open_xf.take() {
                        xf.end = s.end;
                        xfs.push(xf);
                    }
                }
                _ => {}
            },
            _ => {}
        }
        Ok(())
    })?;
    let (Some((fills, n_fills)), Some(cell_xfs)) = (fills, xfs_elem) else {
        return Ok(None);
    };
    // A self-closing list holds nothing to base a format on.
    if xfs.is_empty() || fills.self_closing || cell_xfs.self_closing {
        return Ok(None);
    }
    let fill_id = n_fills.to_string();
    let mut splices = Vec::new();
    let fill = format!(
        "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"{HIGHLIGHT_RGB}\"/><bgColor indexed=\"64\"/></patternFill></fill>"
    );
    let p = super::xml::prefix_of(&fills.qname);
    let fill = if p.is_empty() {
        fill
    } else {
        fill.replace('<', &format!("<{p}"))
            .replace(&format!("<{p}/"), &format!("</{p}"))
    };
    splices.push(count_splice(src, &fills, n_fills + 1)?);
    splices.push(fills.append(src, fill.as_bytes()));
    let mut map = BTreeMap::new();
    let mut added = Vec::new();
    let mut distinct: Vec<u32> = styles.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    for s in distinct {
        // A style past the end falls back to the default format, as Excel does.
        let xf = xfs
            .get(s as usize)
            .or(xfs.first())
            .ok_or_else(|| PatchError::Xml("no cell formats".into()))?;
        let mut x = retag(
            &src[xf.start..xf.open_end],
            xf.empty,
            &[("fillId", fill_id.clone()), ("applyFill", "1".into())],
        )?;
        if !xf.empty {
            x.extend_from_slice(&src[xf.open_end..xf.end]);
        }
        map.insert(s, (xfs.len() + added.len()) as u32);
        added.push(x);
    }
    splices.push(count_splice(src, &cell_xfs, xfs.len() + added.len())?);
    splices.push(cell_xfs.append(src, &added.concat()));
    Ok(Some((super::xml::apply(src, splices)?, map)))
}

/// For each cell format (`xf` of cellXfs), whether its number format shows
/// a percentage: built-in 9 ("0%") and 10 ("0.00%"), or a custom format
/// with a `%` outside quotes.
pub fn percent_formats(src: &[u8]) -> Result<Vec<bool>, PatchError> {
    let mut custom: BTreeMap<u32, bool> = BTreeMap::new();
    let mut xfs: Vec<u32> = Vec::new();
    let mut top = String::new();
    scan(src, |s| {
        if let Event::Start(e) | Event::Empty(e) = &s.event {
            let name = e.name().0;
            let ln = local(name);
            match s.depth {
                1 => top = ln.to_string(),
                2 if top == "numFmts" && ln == "numFmt" => {
                    let id = super::xml::attr(e, "numFmtId").and_then(|v| v.parse().ok());
                    let code = super::xml::attr(e, "formatCode").unwrap_or_default();
                    if let Some(id) = id {
                        custom.insert(id, shows_percent(&code));
                    }
                }
                2 if top == "cellXfs" && ln == "xf" => xfs.push(
                    super::xml::attr(e, "numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0),
                ),
                _ => {}
            }
        }
        Ok(())
    })?;
    Ok(xfs
        .into_iter()
        .map(|id| matches!(id, 9 | 10) || custom.get(&id).copied().unwrap_or(false))
        .collect())
}

/// Whether a format code multiplies by 100: a `%` that is not quoted or
/// escaped.
fn shows_percent(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// Rewrites an element's start tag with `count` set.
fn count_splice(src: &[u8], e: &Elem, count: usize) -> Result<Splice, PatchError> {
    let with = retag(
        &src[e.start..e.open_end],
        false,
        &[("count", count.to_string())],
    )?;
    Ok(Splice::replace(e.start, e.open_end, with))
}

/// A start tag (as written, `<x ...>` or `<x .../>`) rebuilt with some
/// attributes set.
pub(crate) fn retag(
    tag: &[u8],
    empty: bool,
    set: &[(&str, String)],
) -> Result<Vec<u8>, PatchError> {
    // Closed, the tag alone is a document the reader accepts.
    let mut closed = tag.to_vec();
    if !empty {
        closed.pop();
        closed.extend_from_slice(b"/>");
    }
    let mut out = None;
    scan(&closed, |sc| {
        if let Event::Empty(be) = &sc.event {
            out.get_or_insert_with(|| rebuild_tag(be, set, empty));
        }
        Ok(())
    })?;
    out.ok_or_else(|| PatchError::Xml("unreadable start tag".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<styleSheet xmlns="m"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment wrapText="1"/></xf></cellXfs></styleSheet>"#;

    #[test]
    fn each_style_gets_a_highlighted_copy_keeping_its_number_format() {
        let (out, map) = highlight(STYLES.as_bytes(), &[1, 0, 1]).unwrap().unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(map, BTreeMap::from([(0, 2), (1, 3)]));
        assert!(out.contains(r#"<fills count="3">"#), "{out}");
        assert!(
            out.contains(&format!(r#"<fgColor rgb="{HIGHLIGHT_RGB}"/>"#)),
            "{out}"
        );
        assert!(out.contains(r#"<cellXfs count="4">"#), "{out}");
        assert!(out.contains(r#"<xf numFmtId="164" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"><alignment wrapText="1"/></xf></cellXfs>"#), "{out}");
        assert!(
            out.contains(
                r#"<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>"#
            ),
            "{out}"
        );
    }

    #[test]
    fn percent_formats_are_recognised() {
        assert_eq!(
            percent_formats(STYLES.as_bytes()).unwrap(),
            vec![false, true]
        );
        assert!(shows_percent("0.0%"));
        assert!(!shows_percent("0.0\"%\""));
        assert!(!shows_percent("0\\%"));
    }

    #[test]
    fn no_cell_formats_means_no_highlight() {
        assert!(highlight(b"<styleSheet/>", &[0]).unwrap().is_none());
    }
}
