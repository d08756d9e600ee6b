//! Rebuilding a workbook kpicheck cannot patch in place (xls, xlsb, ods)
//! as a new xlsx: the values as read, merged ranges where the reader knows
//! them, and the corrected cells highlighted with a note. The original's
//! formatting cannot be carried over; the caller says so.

use rust_xlsxwriter::{Color, Format, Note, Workbook, Worksheet};

use super::CellEdit;
use crate::workbook::{Cell, Visibility, Workbook as Book};

fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    date: &Format,
    fmt: Option<&Format>,
) {
    let plain = Format::new();
    let f = fmt.unwrap_or(&plain);
    // A cell past the limits of xlsx cannot be written; the reader cannot
    // have produced one, and there is nothing better to do than skip it.
    let _ = match cell {
        Cell::Empty => match fmt {
            Some(f) => ws.write_blank(r, c, f).map(|_| ()),
            None => Ok(()),
        },
        Cell::Number(n) => ws.write_number_with_format(r, c, *n, f).map(|_| ()),
        Cell::Text(t) => ws.write_string_with_format(r, c, &**t, f).map(|_| ()),
        Cell::Bool(b) => ws.write_boolean_with_format(r, c, *b, f).map(|_| ()),
        Cell::Error(e) => ws.write_string_with_format(r, c, e, f).map(|_| ()),
        Cell::Date(d) => {
            let df = match fmt {
                Some(h) => h.clone().set_num_format("yyyy-mm-dd"),
                None => date.clone(),
            };
            ws.write_number_with_format(r, c, *d, &df).map(|_| ())
        }
    };
}

/// The corrected workbook `book` as xlsx bytes.
pub fn rebuild(book: &Book, edits: &[CellEdit]) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let highlight = Format::new().set_background_color(Color::RGB(0xFFEB9C));
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (i, sheet) in book.sheets.iter().enumerate() {
        let ws = wb.add_worksheet();
        if ws.set_name(&sheet.name).is_err() {
            // A name OpenDocument allows but Excel does not.
            let _ = ws.set_name(format!("Sheet{}", i + 1));
        }
        match sheet.visibility {
            Visibility::Visible => {}
            Visibility::Hidden => {
                ws.set_hidden(true);
            }
            Visibility::VeryHidden => {
                ws.set_very_hidden(true);
            }
        }
        for &((r0, c0), (r1, c1)) in &sheet.merged {
            if (r0, c0) != (r1, c1) && c1 <= u16::MAX as u32 {
                let _ = ws.merge_range(r0, c0 as u16, r1, c1 as u16, "", &Format::new());
            }
        }
        let corrected: Vec<&CellEdit> = edits.iter().filter(|e| e.sheet == sheet.name).collect();
        for (ri, row) in sheet.rows.iter().enumerate() {
            for (ci, cell) in row.iter().enumerate() {
                let (r, c) = (sheet.origin.0 + ri as u32, sheet.origin.1 + ci as u32);
                let Ok(c16) = u16::try_from(c) else { continue };
                let hit = corrected.iter().any(|e| e.cell.row == r && e.cell.col == c);
                if matches!(cell, Cell::Empty) && !hit {
                    continue;
                }
                write_cell(ws, r, c16, cell, &date, hit.then_some(&highlight));
            }
        }
        for e in corrected {
            let Ok(c16) = u16::try_from(e.cell.col) else {
                continue;
            };
            let note = Note::new(&e.note)
                .set_author(super::AUTHOR)
                .add_author_prefix(false);
            let _ = ws.insert_note(e.cell.row, c16, &note);
        }
    }
    wb.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::FixValue;
    use crate::workbook::{read::read_bytes, CellRef, ReadLimits, ReadOptions, Sheet};

    #[test]
    fn values_merges_and_notes_are_carried_over() {
        let mut s = Sheet::new(
            "Risks & issues",
            (1, 0),
            vec![
                vec![Cell::Text("Heading".into())],
                vec![
                    Cell::Text("FS019".into()),
                    Cell::Number(12.0),
                    Cell::Bool(true),
                ],
            ],
        );
        s.merged = vec![((1, 0), (1, 2))];
        let book = Book {
            format: crate::workbook::Format::Xls,
            sheets: vec![s],
        };
        let edits = vec![CellEdit {
            sheet: "Risks & issues".into(),
            cell: CellRef::new(2, 1),
            value: FixValue::Number(12.0),
            note: "Was: 9".into(),
        }];
        let bytes = rebuild(&book, &edits).unwrap();
        let back = read_bytes(bytes, &ReadLimits::default(), ReadOptions::default()).unwrap();
        let sheet = &back.sheets[0];
        assert_eq!(sheet.name, "Risks & issues");
        assert_eq!(sheet.get(1, 0), &Cell::Text("Heading".into()));
        assert_eq!(sheet.get(2, 1), &Cell::Number(12.0));
        assert_eq!(sheet.get(2, 2), &Cell::Bool(true));
        assert_eq!(sheet.merged, vec![((1, 0), (1, 2))]);
    }
}
