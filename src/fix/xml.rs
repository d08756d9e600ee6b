//! Small tools for editing XML parts in place: a streaming scan that
//! records byte offsets, and splices that replace only the bytes they name,
//! so everything else in a part stays exactly as it was.

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::patch::PatchError;

/// Replace `src[start..end]` with `with` (an insertion when start == end).
#[derive(Debug, Clone)]
pub struct Splice {
    pub start: usize,
    pub end: usize,
    pub with: Vec<u8>,
}

impl Splice {
    pub fn insert(at: usize, with: impl Into<Vec<u8>>) -> Splice {
        Splice {
            start: at,
            end: at,
            with: with.into(),
        }
    }

    pub fn replace(start: usize, end: usize, with: impl Into<Vec<u8>>) -> Splice {
        Splice {
            start,
            end,
            with: with.into(),
        }
    }
}

/// Applies splices to `src`. Splices at the same offset keep the order they
/// were given in; overlapping replacements are a bug and are refused.
pub fn apply(src: &[u8], mut splices: Vec<Splice>) -> Result<Vec<u8>, PatchError> {
    // A stable sort keeps insertions at one offset in the order given.
    splices.sort_by_key(|s| (s.start, s.end));
    let mut out =
        Vec::with_capacity(src.len() + splices.iter().map(|s| s.with.len()).sum::<usize>());
    let mut pos = 0;
    for s in splices {
        if s.start < pos || s.end < s.start || s.end > src.len() {
            return Err(PatchError::Xml("overlapping edits".into()));
        }
        out.extend_from_slice(&src[pos..s.start]);
        out.extend_from_slice(&s.with);
        pos = s.end;
    }
    out.extend_from_slice(&src[pos..]);
    Ok(out)
}

/// Where an element sits in its part.
#[derive(Debug, Clone, Default)]
pub struct Elem {
    /// Offset of its `<`.
    pub start: usize,
    /// Offset just past its start tag (past `/>` when self-closing).
    pub open_end: usize,
    /// Offset of its end tag's `<` (equal to `open_end` when self-closing).
    pub close_start: usize,
    /// Offset just past the element.
    pub end: usize,
    pub self_closing: bool,
    /// The qualified name as written, e.g. `row` or `x:row`.
    pub qname: String,
}

impl Elem {
    /// A splice that adds `content` at the end of the element's children,
    /// opening a self-closing element when needed.
    pub fn append(&self, src: &[u8], content: &[u8]) -> Splice {
        if !self.self_closing {
            return Splice::insert(self.close_start, content);
        }
        let raw = &src[self.start..self.end];
        let mut head = raw.strip_suffix(b"/>").unwrap_or(raw).to_vec();
        while head.last().is_some_and(|b| b.is_ascii_whitespace()) {
            head.pop();
        }
        head.push(b'>');
        head.extend_from_slice(content);
        head.extend_from_slice(format!("</{}>", self.qname).as_bytes());
        Splice::replace(self.start, self.end, head)
    }
}

/// One event of a scan with its byte span.
pub struct Scanned<'a> {
    pub event: Event<'a>,
    pub start: usize,
    pub end: usize,
    /// Depth of the element (0 for the root), for Start, Empty and End.
    pub depth: usize,
}

/// Walks every event of a part with its offsets and depth.
pub fn scan<'a>(
    src: &'a [u8],
    mut f: impl FnMut(Scanned<'a>) -> Result<(), PatchError>,
) -> Result<(), PatchError> {
    let mut reader = Reader::from_reader(src);
    let mut depth = 0usize;
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| PatchError::Xml(format!("{e} at byte {}", reader.error_position())))?;
        let end = reader.buffer_position() as usize;
        let d = match &event {
            // A part cut short would take edits at offsets that are not
            // where its elements end.
            Event::Eof if depth > 0 => {
                return Err(PatchError::Xml(
                    "the part ends before its elements close".into(),
                ))
            }
            Event::Eof => return Ok(()),
            Event::Start(_) => {
                depth += 1;
                depth - 1
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                depth
            }
            _ => depth,
        };
        f(Scanned {
            event,
            start,
            end,
            depth: d,
        })?;
    }
}

/// The local part of a qualified name.
pub fn local(name: &str) -> &str {
    match name.find(':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

pub fn qname(e: &BytesStart<'_>) -> String {
    e.name().0.to_string()
}

/// The prefix of a qualified name with its colon ("x:" or "").
pub fn prefix_of(qname: &str) -> String {
    match qname.find(':') {
        Some(i) => qname[..=i].to_string(),
        None => String::new(),
    }
}

/// An attribute's unescaped value, matched by its full key (e.g. `r:id`) or,
/// failing that, by its local name.
pub fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    let mut by_local = None;
    for a in e.attributes().with_checks(false).flatten() {
        let k = a.key.0;
        if k == key {
            return value(&a);
        }
        if by_local.is_none() && !key.contains(':') && local(k) == key && k.contains(':') {
            by_local = value(&a);
        }
    }
    by_local
}

/// An attribute's value, unescaped (the parts kpicheck edits are UTF-8).
pub fn value(a: &Attribute<'_>) -> Option<String> {
    quick_xml::escape::unescape(&a.value)
        .ok()
        .map(|v| v.into_owned())
}

/// Rebuilds a start tag with some attributes set (replaced or added) and
/// others kept as written.
pub fn rebuild_tag(e: &BytesStart<'_>, set: &[(&str, String)], empty: bool) -> Vec<u8> {
    let mut out = format!("<{}", qname(e)).into_bytes();
    let mut done = vec![false; set.len()];
    for a in e.attributes().with_checks(false).flatten() {
        let k = a.key.0.to_string();
        out.push(b' ');
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b"=\"");
        if let Some(i) = set.iter().position(|(n, _)| *n == k) {
            done[i] = true;
            out.extend_from_slice(escape(&set[i].1).as_bytes());
        } else {
            // The raw value is already escaped; only a quote written
            // inside single quotes needs escaping for double quotes.
            out.extend_from_slice(a.value.replace('"', "&quot;").as_bytes());
        }
        out.push(b'"');
    }
    for (i, (k, v)) in set.iter().enumerate() {
        if !done[i] {
            out.extend_from_slice(format!(" {k}=\"{}\"", escape(v)).as_bytes());
        }
    }
    out.extend_from_slice(if empty { b"/>" } else { b">" });
    out
}

/// Escapes text for element content and double-quoted attributes. Control
/// characters XML 1.0 forbids are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// The text of a run of Text and entity events, unescaped.
pub fn text_of(event: &Event<'_>) -> Option<String> {
    match event {
        Event::Text(t) => Some(t.xml10_content().into_owned()),
        Event::CData(t) => Some(t.to_string()),
        Event::GeneralRef(r) => {
            if let Ok(Some(c)) = r.resolve_char_ref() {
                return Some(c.to_string());
            }
            Some(
                match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                }
                .to_string(),
            )
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splices_keep_the_rest_byte_for_byte() {
        let src = b"<a><b/>  <c>x</c></a>";
        let out = apply(
            src,
            vec![
                Splice::insert(3, "<n1/>"),
                Splice::insert(3, "<n2/>"),
                Splice::replace(12, 13, "y"),
            ],
        )
        .unwrap();
        assert_eq!(out, b"<a><n1/><n2/><b/>  <c>y</c></a>");
        assert!(apply(
            src,
            vec![Splice::replace(2, 6, ""), Splice::replace(4, 8, "")]
        )
        .is_err());
    }

    #[test]
    fn a_part_cut_short_is_an_error() {
        assert!(scan(b"<a><b>", |_| Ok(())).is_err());
        assert!(scan(b"<a><b/></a>", |_| Ok(())).is_ok());
    }

    #[test]
    fn a_self_closing_element_is_opened_to_append() {
        let src = b"<r><row r=\"5\" /></r>";
        let mut row = None;
        scan(src, |s| {
            if let Event::Empty(e) = &s.event {
                row = Some(Elem {
                    start: s.start,
                    open_end: s.end,
                    close_start: s.end,
                    end: s.end,
                    self_closing: true,
                    qname: qname(e),
                });
            }
            Ok(())
        })
        .unwrap();
        let row = row.unwrap();
        let out = apply(src, vec![row.append(src, b"<c/>")]).unwrap();
        assert_eq!(out, b"<r><row r=\"5\"><c/></row></r>");
    }

    #[test]
    fn tags_are_rebuilt_with_attributes_set() {
        let src = b"<xf numFmtId='10' fillId=\"0\" a='say \"hi\"'/>";
        let mut got = Vec::new();
        scan(src, |s| {
            if let Event::Empty(e) = &s.event {
                got = rebuild_tag(
                    e,
                    &[("fillId", "5".into()), ("applyFill", "1".into())],
                    true,
                );
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(
            String::from_utf8(got).unwrap(),
            "<xf numFmtId=\"10\" fillId=\"5\" a=\"say &quot;hi&quot;\" applyFill=\"1\"/>"
        );
    }
}
