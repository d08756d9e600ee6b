//! Notes on corrected cells: the comments part Excel reads the text from,
//! and the legacy VML drawing it needs to show a note at all.

use quick_xml::events::Event;

use super::patch::PatchError;
use super::xml::{apply, attr, escape, local, scan, text_of, Elem, Splice};
use crate::workbook::{parse_a1, CellRef};

/// The author named on every note.
pub const AUTHOR: &str = "kpicheck";

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// The runs of a note's text: the author in bold, then the note.
fn runs(note: &str, lead: &str) -> String {
    format!(
        "<r><rPr><b/><sz val=\"9\"/><color indexed=\"81\"/><rFont val=\"Tahoma\"/><family val=\"2\"/></rPr><t xml:space=\"preserve\">{lead}{AUTHOR}:</t></r><r><rPr><sz val=\"9\"/><color indexed=\"81\"/><rFont val=\"Tahoma\"/><family val=\"2\"/></rPr><t xml:space=\"preserve\">\n{}</t></r>",
        escape(note)
    )
}

/// A new comments part holding `notes`.
pub fn new_part(notes: &[(CellRef, String)]) -> Vec<u8> {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<comments xmlns=\"{MAIN_NS}\"><authors><author>{AUTHOR}</author></authors><commentList>"
    );
    for (at, note) in notes {
        s.push_str(&format!(
            "<comment ref=\"{at}\" authorId=\"0\"><text>{}</text></comment>",
            runs(note, "")
        ));
    }
    s.push_str("</commentList></comments>");
    s.into_bytes()
}

/// Adds `notes` to an existing comments part. A cell that already has a
/// comment keeps it, with the note added below. Returns the part and the
/// cells that had no comment before (they need a VML shape).
pub fn extend_part(
    src: &[u8],
    notes: &[(CellRef, String)],
) -> Result<(Vec<u8>, Vec<CellRef>), PatchError> {
    let mut authors: Option<Elem> = None;
    let mut author_names: Vec<String> = Vec::new();
    let mut in_author = false;
    let mut list: Option<Elem> = None;
    // (cell, offset of the comment's </text>)
    let mut existing: Vec<(CellRef, usize)> = Vec::new();
    let mut current: Option<CellRef> = None;
    let mut prefix = String::new();
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
                match (s.depth, ln) {
                    (0, _) => prefix = super::xml::prefix_of(&elem.qname),
                    (1, "authors") => authors = Some(elem),
                    (1, "commentList") => list = Some(elem),
                    (2, "author") => {
                        if empty {
                            author_names.push(String::new());
                        } else {
                            in_author = true;
                            author_names.push(String::new());
                        }
                    }
                    (2, "comment") => current = attr(e, "ref").and_then(|r| parse_a1(&r)),
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = e.name().0;
                match (s.depth, local(name)) {
                    (1, "authors") => {
                        if let Some(a) = authors.as_mut() {
                            a.close_start = s.start;
                            a.end = s.end;
                        }
                    }
                    (1, "commentList") => {
                        if let Some(a) = list.as_mut() {
                            a.close_start = s.start;
                            a.end = s.end;
                        }
                    }
                    (2, "author") => in_author = false,
                    (3, "text") => {
                        if let Some(c) = current {
                            existing.push((c, s.start));
                        }
                    }
                    (2, "comment") => current = None,
                    _ => {}
                }
            }
            ev => {
                if in_author {
                    if let (Some(t), Some(last)) = (text_of(ev), author_names.last_mut()) {
                        last.push_str(&t);
                    }
                }
            }
        }
        Ok(())
    })?;
    let (Some(authors), Some(list)) = (authors, list) else {
        return Err(PatchError::Xml(
            "the comments part has no authors or comment list".into(),
        ));
    };
    let p = prefix;
    let tag = |s: String| -> String {
        if p.is_empty() {
            s
        } else {
            s.replace("</", "\u{0}")
                .replace('<', &format!("<{p}"))
                .replace('\u{0}', &format!("</{p}"))
        }
    };
    let mut splices = Vec::new();
    let author_id = match author_names.iter().position(|a| a == AUTHOR) {
        Some(i) => i,
        None => {
            splices.push(authors.append(src, tag(format!("<author>{AUTHOR}</author>")).as_bytes()));
            author_names.len()
        }
    };
    let mut fresh = Vec::new();
    let mut added = String::new();
    for (at, note) in notes {
        match existing.iter().find(|(c, _)| c == at) {
            Some((_, text_end)) => splices.push(Splice::insert(*text_end, tag(runs(note, "\n\n")))),
            None => {
                fresh.push(*at);
                added.push_str(&tag(format!(
                    "<comment ref=\"{at}\" authorId=\"{author_id}\"><text>{}</text></comment>",
                    runs(note, "")
                )));
            }
        }
    }
    if !added.is_empty() {
        splices.push(list.append(src, added.as_bytes()));
    }
    Ok((apply(src, splices)?, fresh))
}

const SHAPETYPE: &str = "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>";

/// The VML shape Excel draws a note with, hidden until the cell is hovered.
fn shape(id: u64, z: usize, at: CellRef) -> String {
    let (r, c) = (at.row, at.col);
    format!(
        "<v:shape id=\"_x0000_s{id}\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:80pt;z-index:{z};visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox><x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{}, 15, {}, 10, {}, 15, {}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{r}</x:Row><x:Column>{c}</x:Column></x:ClientData></v:shape>",
        c + 1,
        r.saturating_sub(1),
        c + 4,
        r + 4,
    )
}

/// A new VML drawing with a note shape for each cell. `idmap` is the block
/// of shape ids this drawing owns (unique in the workbook).
pub fn new_vml(idmap: u64, cells: &[CellRef]) -> Vec<u8> {
    let mut s = format!(
        "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\r\n <o:shapelayout v:ext=\"edit\">\r\n  <o:idmap v:ext=\"edit\" data=\"{idmap}\"/>\r\n </o:shapelayout>{SHAPETYPE}"
    );
    for (i, at) in cells.iter().enumerate() {
        s.push_str(&shape(idmap * 1024 + 1 + i as u64, i + 1, *at));
    }
    s.push_str("</xml>");
    s.into_bytes()
}

/// Adds note shapes to an existing VML drawing. VML written by Excel is not
/// always well-formed XML, so this works on the text: the shapes go before
/// the closing `</xml>`, with ids past the largest already used.
pub fn extend_vml(src: &[u8], cells: &[CellRef]) -> Result<Vec<u8>, PatchError> {
    if cells.is_empty() {
        return Ok(src.to_vec());
    }
    // Found on the bytes: a drawing in a legacy code page is still patched.
    let close = src
        .windows(6)
        .rposition(|w| w == b"</xml>")
        .ok_or_else(|| PatchError::Xml("the VML drawing has no closing </xml>".into()))?;
    let text = String::from_utf8_lossy(src);
    let max_id = text
        .match_indices("_x0000_s")
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            digits.parse::<u64>().ok()
        })
        .max()
        .unwrap_or(1024);
    let z0 = text.matches("<v:shape ").count();
    let mut add = String::new();
    if !text.contains("id=\"_x0000_t202\"") {
        add.push_str(SHAPETYPE);
    }
    for (i, at) in cells.iter().enumerate() {
        add.push_str(&shape(max_id + 1 + i as u64, z0 + i + 1, *at));
    }
    let at = close;
    apply(src, vec![Splice::insert(at, add)])
}

/// The `o:idmap` blocks a VML drawing claims.
pub fn idmaps(src: &[u8]) -> Vec<u64> {
    let text = String::from_utf8_lossy(src);
    let mut out = Vec::new();
    for (i, _) in text.match_indices("o:idmap") {
        let rest = &text[i..];
        let Some(d) = rest.find("data=\"") else {
            continue;
        };
        let rest = &rest[d + 6..];
        let end = rest.find('"').unwrap_or(0);
        out.extend(
            rest[..end]
                .split(',')
                .filter_map(|x| x.trim().parse::<u64>().ok()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_join_an_existing_comments_part() {
        let src = br#"<comments xmlns="m"><authors><author>Jo</author></authors><commentList><comment ref="B2" authorId="0"><text><t>checked</t></text></comment></commentList></comments>"#;
        let notes = vec![
            (parse_a1("B2").unwrap(), "was 1".to_string()),
            (parse_a1("C3").unwrap(), "was <2>".to_string()),
        ];
        let (out, fresh) = extend_part(src, &notes).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(fresh, vec![parse_a1("C3").unwrap()]);
        assert!(
            out.contains("<author>Jo</author><author>kpicheck</author>"),
            "{out}"
        );
        assert!(out.contains("<t>checked</t><r>"), "{out}");
        assert!(out.contains("<comment ref=\"C3\" authorId=\"1\">"), "{out}");
        assert!(out.contains("was &lt;2&gt;"), "{out}");
    }

    #[test]
    fn shapes_get_fresh_ids() {
        let src = b"<xml><o:shapelayout><o:idmap v:ext=\"edit\" data=\"1\"/></o:shapelayout><v:shape id=\"_x0000_s1025\"/></xml>";
        let out = String::from_utf8(extend_vml(src, &[CellRef::new(3, 2)]).unwrap()).unwrap();
        assert!(out.contains("_x0000_s1026"), "{out}");
        assert!(out.contains("_x0000_t202"), "{out}");
        assert!(out.ends_with("</v:shape></xml>"), "{out}");
        assert_eq!(idmaps(src), vec![1]);
    }
}
