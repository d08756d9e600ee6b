//! `kpicheck fix`: corrected workbooks that keep everything else of the
//! original, byte for byte where the fix had nothing to change.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::*;
use kpicheck::check::{CheckOptions, FileReport};
use kpicheck::fix::fix_file;
use kpicheck::rules::FixValue;
use kpicheck::schema::SchemaSet;
use kpicheck::workbook::{parse_a1, read_workbook, Cell, ReadLimits};

fn title() -> Vec<Vec<C>> {
    vec![
        vec![T("Family Services – Q4 2016/17")],
        vec![T("3.2a Indicators")],
        header_32a(),
    ]
}

/// Rows 4 to 8 of the Indicators sheet. Wrong, and fixable: H5 (44.2% as a
/// fraction under a % format; 157/357 = 43.98%), J4 (DoT: 8 against 7 on
/// bigger is better is Improving) and H8 (text "15.8%" for 29/196).
fn rows(result_s6: C) -> Vec<Vec<C>> {
    vec![
        vec![T("FS/S5"), T("Number of children adopted"), T("Bigger is Better"), T("Apr 2016 - Mar 2017"), N(10.0), N(10.0), T("N/A"), N(8.0), N(7.0), T("Worsening"), N(12.0), T("Worsening"), T("Benchmarking not available")],
        vec![T("FS/S6"), T("Percentage of children in London Borough of Barnet foster care"), T("Bigger is Better"), T("As at 31 March 2017"), P(0.425, 1), P(0.425, 1), T("157/357"), result_s6, P(0.449, 1), T("Worsening"), P(0.435, 1), T("Improving"), T("Benchmarking data not available")],
        vec![T("FS/C14"), T("Number of first time entrants to the Youth Justice System aged 10 to 17 (per 10,000 of the population)."), T("Smaller is Better"), T("Oct 15 - Sep 16"), N(326.0), N(326.0), T("N/A"), N(226.0), N(224.0), T("Worsening"), N(281.0), T("Improving"), T("London: 395")],
        vec![T("FS/C15"), T("Young offenders in education, training or employment"), T("Bigger is Better"), T("As at 31 March 2017"), P(0.66, 0), P(0.66, 0), T("23/29"), P(0.79, 0), P(0.74, 0), T("Improving"), P(0.75, 0), T("Improving"), T("London: 52%")],
        vec![T("FS/S2"), T("Children made subject to Child Protection Plan for a second or subsequent time"), T("Smaller is Better"), T("As at 31 March 2017"), T("15.6%"), T("15.6%"), T("29/196"), T("15.8%"), T("15.9%"), T("Improving"), T("12.3%"), T("Worsening"), T("London: 14%")],
    ]
}

fn indicator_sheets(result_s6: C) -> Vec<SheetSpec> {
    let mut ind = title();
    ind.extend(rows(result_s6));
    ind.push(vec![]);
    ind.push(vec![T("Indicators reported"), F("COUNTA(A4:A8)", 5.0)]);
    vec![
        sheet("Indicators", ind),
        sheet(
            "Notes",
            vec![
                vec![T("Prepared by the performance team")],
                vec![T("Total"), F("SUM(Indicators!E4:E6)", 326.85)],
            ],
        ),
    ]
}

fn schemas() -> SchemaSet {
    SchemaSet::embedded().unwrap()
}

/// Fixes `input` into `out` (as the command does for one file).
fn fix(input: &Path, out: &Path) -> FileReport {
    let base = kpicheck::fix::output_base(out, input, input.parent().unwrap());
    fix_file(
        input,
        &input.display().to_string(),
        &base,
        &schemas(),
        &CheckOptions::default(),
    )
}

/// Every cell of a workbook, by (sheet, row, col).
fn cells(p: &Path) -> BTreeMap<(String, u32, u32), Cell> {
    let wb = read_workbook(p, &ReadLimits::default()).unwrap();
    let mut m = BTreeMap::new();
    for s in wb.sheets {
        for (r, row) in s.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !matches!(cell, Cell::Empty) {
                    m.insert(
                        (s.name.clone(), s.origin.0 + r as u32, s.origin.1 + c as u32),
                        cell.clone(),
                    );
                }
            }
        }
    }
    m
}

/// Each zip entry's raw (still compressed) bytes.
fn raw_entries(p: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(p).unwrap()).unwrap();
    let mut m = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index_raw(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut v = Vec::new();
        f.read_to_end(&mut v).unwrap();
        m.insert(name, v);
    }
    m
}

fn part(p: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(p).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn at(a1: &str) -> (u32, u32) {
    let c = parse_a1(a1).unwrap();
    (c.row, c.col)
}

struct Fixed {
    _dir: tempfile::TempDir,
    input: PathBuf,
    output: PathBuf,
    report: FileReport,
}

fn fixed(name: &str, sheets: &[SheetSpec]) -> Fixed {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), name, sheets);
    let report = fix(&input, &dir.path().join("out"));
    let output = PathBuf::from(report.corrected.clone().expect("a corrected workbook"));
    Fixed {
        _dir: dir,
        input,
        output,
        report,
    }
}

#[test]
fn corrected_cells_read_back_with_their_values_and_nothing_else_changes() {
    let f = fixed("q4.xlsx", &indicator_sheets(P(0.442, 1)));
    assert!(
        f.output.ends_with("out/q4.corrected.xlsx"),
        "{:?}",
        f.output
    );
    let before = cells(&f.input);
    let after = cells(&f.output);
    let want: BTreeMap<(u32, u32), Cell> = BTreeMap::from([
        (at("H5"), Cell::Number(0.44)),
        (at("J4"), Cell::Text("Improving".into())),
        (at("H8"), Cell::Text("14.8%".into())),
    ]);
    for (k, v) in &after {
        match want.get(&(k.1, k.2)).filter(|_| k.0 == "Indicators") {
            Some(w) => assert_eq!(v, w, "{k:?}"),
            None => assert_eq!(before.get(k), Some(v), "{k:?} changed"),
        }
    }
    assert_eq!(before.len(), after.len());
    let fixed: Vec<String> = f
        .report
        .findings
        .iter()
        .filter(|x| x.fixed)
        .map(|x| x.cell.to_string())
        .collect();
    assert_eq!(fixed, vec!["J4", "H5", "H8"], "{:#?}", f.report.findings);
}

#[test]
fn untouched_zip_entries_are_byte_identical() {
    let f = fixed("q4.xlsx", &indicator_sheets(P(0.442, 1)));
    let before = raw_entries(&f.input);
    let after = raw_entries(&f.output);
    let may_change = [
        "xl/worksheets/sheet1.xml",
        "xl/styles.xml",
        "[Content_Types].xml",
    ];
    let new = [
        "xl/comments1.xml",
        "xl/drawings/vmlDrawing1.vml",
        "xl/worksheets/_rels/sheet1.xml.rels",
    ];
    for (name, bytes) in &before {
        if !may_change.contains(&name.as_str()) {
            assert_eq!(after.get(name), Some(bytes), "{name} changed");
        }
    }
    let added: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert_eq!(added, new.iter().collect::<Vec<_>>());
    // The other sheet, the shared strings and the workbook were not touched.
    assert_eq!(
        before["xl/worksheets/sheet2.xml"],
        after["xl/worksheets/sheet2.xml"]
    );
    assert_eq!(
        before["xl/sharedStrings.xml"],
        after["xl/sharedStrings.xml"]
    );
    // The entry order is kept: new entries come last.
    let names: Vec<&String> = after.keys().collect();
    assert!(names.len() == before.len() + 3);
}

#[test]
fn only_the_corrected_cells_change_in_the_sheet_part() {
    let f = fixed("q4.xlsx", &indicator_sheets(P(0.442, 1)));
    let before = part(&f.input, "xl/worksheets/sheet1.xml");
    let after = part(&f.output, "xl/worksheets/sheet1.xml");
    let strip = |s: &str| {
        let re = regex::Regex::new(r#"<c r="(H5|J4|H8)"[^>]*?(/>|>.*?</c>)"#).unwrap();
        let s = re.replace_all(s, "<CELL/>").into_owned();
        regex::Regex::new(r#"<legacyDrawing r:id="rId\d+"/>"#)
            .unwrap()
            .replace_all(&s, "")
            .into_owned()
    };
    assert_eq!(strip(&before), strip(&after));
    assert!(after.contains(r#"<legacyDrawing r:id="rId2"/></worksheet>"#));
    assert!(after.contains(r#"t="inlineStr"><is><t xml:space="preserve">Improving</t></is>"#));
}

/// The cellXfs of a styles part: (numFmtId, fillId) per index.
fn xfs(styles: &str) -> Vec<(u32, u32)> {
    let body = styles
        .split("<cellXfs")
        .nth(1)
        .and_then(|s| s.split("</cellXfs>").next())
        .unwrap();
    let num = regex::Regex::new(r#"numFmtId="(\d+)""#).unwrap();
    let fill = regex::Regex::new(r#"fillId="(\d+)""#).unwrap();
    body.split("<xf ")
        .skip(1)
        .map(|x| {
            let g = |re: &regex::Regex| re.captures(x).map_or(0, |c| c[1].parse().unwrap());
            (g(&num), g(&fill))
        })
        .collect()
}

fn style_of(sheet: &str, cell: &str) -> u32 {
    let re = regex::Regex::new(&format!(r#"<c r="{cell}"(?: s="(\d+)")?"#)).unwrap();
    re.captures(sheet)
        .and_then(|c| c.get(1))
        .map_or(0, |m| m.as_str().parse().unwrap())
}

#[test]
fn the_number_format_is_kept_and_the_highlight_added() {
    let f = fixed("q4.xlsx", &indicator_sheets(P(0.442, 1)));
    let (s0, s1) = (
        part(&f.input, "xl/worksheets/sheet1.xml"),
        part(&f.output, "xl/worksheets/sheet1.xml"),
    );
    let (x0, x1) = (
        xfs(&part(&f.input, "xl/styles.xml")),
        xfs(&part(&f.output, "xl/styles.xml")),
    );
    let styles1 = part(&f.output, "xl/styles.xml");
    let fills = styles1.split("<fill>").count() - 1;
    let highlight = (fills - 1) as u32;
    assert!(styles1.contains(kpicheck::fix::HIGHLIGHT_RGB));
    for cell in ["H5", "J4", "H8"] {
        let (before, after) = (style_of(&s0, cell), style_of(&s1, cell));
        assert_ne!(before, after, "{cell} is not highlighted");
        assert_eq!(
            x1[after as usize].0, x0[before as usize].0,
            "{cell} lost its number format"
        );
        assert_eq!(x1[after as usize].1, highlight, "{cell}");
    }
    // The fraction stays a fraction under its "0.0%" format.
    assert_ne!(x1[style_of(&s1, "H5") as usize].0, 0);
    // Cells not corrected keep their own format.
    assert_eq!(style_of(&s0, "I5"), style_of(&s1, "I5"));
    assert_eq!(&x1[..x0.len()], &x0[..]);
}

#[test]
fn each_corrected_cell_has_a_note_with_old_value_rule_and_reason() {
    let f = fixed("q4.xlsx", &indicator_sheets(P(0.442, 1)));
    let c = part(&f.output, "xl/comments1.xml");
    assert!(c.contains("<author>kpicheck</author>"));
    for cell in ["J4", "H5", "H8"] {
        assert!(
            c.contains(&format!("<comment ref=\"{cell}\"")),
            "{cell}: {c}"
        );
    }
    // The fraction under "0.0%" reads as the officer sees it.
    assert!(c.contains("Was: 44.2%\nNow: 44.0%\n"), "{c}");
    assert!(
        c.contains("ratio.result_mismatch: result 44.2% does not match 157/357"),
        "{c}"
    );
    let vml = part(&f.output, "xl/drawings/vmlDrawing1.vml");
    assert_eq!(vml.matches("ObjectType=\"Note\"").count(), 3);
    let ct = part(&f.output, "[Content_Types].xml");
    assert!(ct.contains("PartName=\"/xl/comments1.xml\""));
    assert!(ct.contains("Extension=\"vml\""));
    let rels = part(&f.output, "xl/worksheets/_rels/sheet1.xml.rels");
    assert!(rels.contains("Target=\"../comments1.xml\""), "{rels}");
    assert!(
        rels.contains("Target=\"../drawings/vmlDrawing1.vml\""),
        "{rels}"
    );
}

#[test]
fn a_fix_is_idempotent() {
    let f = fixed("q4.xlsx", &indicator_sheets(P(0.442, 1)));
    let a = analyse(&f.output);
    assert!(
        a.findings.iter().all(|x| x.fix.is_none()),
        "{:#?}",
        a.findings
    );
    let again = fix(&f.output, &f.output.parent().unwrap().join("again"));
    assert!(again.corrected.is_none(), "{again:?}");
    assert!(again.findings.iter().all(|x| !x.fixed));
    assert!(!f.output.parent().unwrap().join("again").exists());
}

#[test]
fn a_formula_cell_is_never_overwritten() {
    // H5 is calculated: its finding stands, says why, and is not fixed.
    let f = fixed("q4.xlsx", &indicator_sheets(F("ROUND(157/357,3)", 0.442)));
    let x = f
        .report
        .findings
        .iter()
        .find(|x| x.cell.to_string() == "H5" && x.rule == "ratio.result_mismatch")
        .expect("the finding on the formula cell");
    assert!(!x.fixed);
    assert!(x.message.contains("holds a formula"), "{}", x.message);
    let sheet = part(&f.output, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<f>ROUND(157/357,3)</f>"), "{sheet}");
    assert_eq!(
        cells(&f.output)[&("Indicators".to_string(), 4, 7)],
        Cell::Number(0.442)
    );
    // The other corrections were still written.
    assert!(f.report.findings.iter().any(|x| x.fixed));
}

#[test]
fn nothing_fixable_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ind = title();
    ind.extend(rows(P(0.44, 1)).into_iter().skip(2).take(1));
    let input = write(dir.path(), "good.xlsx", &[sheet("Indicators", ind)]);
    let r = fix(&input, &dir.path().join("out"));
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert!(r.corrected.is_none());
    assert!(!dir.path().join("out").exists());
}

/// An xlsm: the same sheets with a VBA project.
fn xlsm(dir: &Path) -> PathBuf {
    let plain = write(dir, "plain.xlsx", &indicator_sheets(P(0.442, 1)));
    // Add the VBA parts to the zip as Excel stores them.
    let vba: Vec<u8> = (0..2048u32).map(|i| (i * 7 % 251) as u8).collect();
    let mut z = zip::ZipArchive::new(std::fs::File::open(&plain).unwrap()).unwrap();
    let out = dir.join("macro.xlsm");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&out).unwrap());
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        if name == "[Content_Types].xml" {
            drop(f);
            let mut s = String::new();
            z.by_index(i).unwrap().read_to_string(&mut s).unwrap();
            let s = s
                .replace(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
                .replace(
                    "</Types>",
                    "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>",
                );
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, s.as_bytes()).unwrap();
        } else {
            drop(f);
            w.raw_copy_file(z.by_index_raw(i).unwrap()).unwrap();
        }
    }
    w.start_file(
        "xl/vbaProject.bin",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut w, &vba).unwrap();
    w.finish().unwrap();
    std::fs::remove_file(&plain).unwrap();
    out
}

#[test]
fn an_xlsm_stays_an_xlsm_with_its_vba_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = xlsm(dir.path());
    let r = fix(&input, &dir.path().join("out"));
    let out = PathBuf::from(r.corrected.expect("corrected"));
    assert_eq!(out.extension().unwrap(), "xlsm");
    let (before, after) = (raw_entries(&input), raw_entries(&out));
    assert_eq!(before["xl/vbaProject.bin"], after["xl/vbaProject.bin"]);
    assert_eq!(
        cells(&out)[&("Indicators".to_string(), 4, 7)],
        Cell::Number(0.44)
    );
}

#[test]
fn existing_notes_are_kept_and_joined() {
    let dir = tempfile::tempdir().unwrap();
    // One note on a corrected cell (H5), one elsewhere (B4).
    let input = write_noted(
        dir.path(),
        "noted.xlsx",
        &indicator_sheets(P(0.442, 1)),
        &[
            ("H5", "Checked with the service"),
            ("B4", "Title from the catalogue"),
        ],
    );
    let r = fix(&input, &dir.path().join("out"));
    let out = PathBuf::from(r.corrected.expect("corrected"));
    let before = raw_entries(&input);
    let after = raw_entries(&out);
    let c = part(&out, "xl/comments1.xml");
    assert!(c.contains("Checked with the service"), "{c}");
    assert!(c.contains("Title from the catalogue"), "{c}");
    assert_eq!(c.matches("<comment ").count(), 4, "{c}");
    assert_eq!(c.matches("ref=\"H5\"").count(), 1, "{c}");
    assert!(c.contains("<author>kpicheck</author>"), "{c}");
    let vml = part(&out, "xl/drawings/vmlDrawing1.vml");
    assert_eq!(vml.matches("ObjectType=\"Note\"").count(), 4, "{vml}");
    // No new parts: the existing comments, drawing and rels were extended.
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert_eq!(
        cells(&out)[&("Indicators".to_string(), 4, 7)],
        Cell::Number(0.44)
    );
}

#[test]
fn cells_and_rows_missing_from_the_sheet_are_inserted() {
    // The patch on its own: cells the sheet part does not have yet are
    // inserted in address order, in an existing row and in a new one.
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "q4.xlsx", &indicator_sheets(P(0.44, 1)));
    let edits: Vec<kpicheck::fix::CellEdit> = [
        ("N4", FixValue::Text("new".into())),
        ("C9", FixValue::Number(7.5)),
        ("A1", FixValue::Number(1.0)),
    ]
    .into_iter()
    .map(|(a, v)| kpicheck::fix::CellEdit {
        sheet: "Indicators".into(),
        cell: parse_a1(a).unwrap(),
        value: v,
        note: format!("note on {a}"),
    })
    .collect();
    let patched = kpicheck::fix::patch::patch(&std::fs::read(&input).unwrap(), &edits).unwrap();
    assert!(
        patched.outcomes.iter().all(|o| o.is_ok()),
        "{:?}",
        patched.outcomes
    );
    let out = dir.path().join("out.xlsx");
    std::fs::write(&out, &patched.bytes).unwrap();
    let (before, after) = (cells(&input), cells(&out));
    let key = |a: &str| ("Indicators".to_string(), at(a).0, at(a).1);
    assert_eq!(after[&key("N4")], Cell::Text("new".into()));
    assert_eq!(after[&key("C9")], Cell::Number(7.5));
    assert_eq!(after[&key("A1")], Cell::Number(1.0));
    assert_eq!(after.len(), before.len() + 2);
    for (k, v) in &before {
        if *k != key("A1") {
            assert_eq!(after.get(k), Some(v), "{k:?}");
        }
    }
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"<c r="M4" t="s"><v>21</v></c><c r="N4""#),
        "{sheet}"
    );
    assert!(sheet.contains(r#"</row><row r="9"><c r="C9""#), "{sheet}");
}

/// Writes sheets as [`write`] does, with notes of their own.
fn write_noted(dir: &Path, name: &str, sheets: &[SheetSpec], notes: &[(&str, &str)]) -> PathBuf {
    write_dressed(
        dir,
        name,
        sheets,
        &|sheet, ws| {
            if sheet == "Indicators" {
                for (a, text) in notes {
                    let c = parse_a1(a).unwrap();
                    let note = rust_xlsxwriter::Note::new(*text).set_author("Jo");
                    ws.insert_note(c.row, c.col as u16, &note).unwrap();
                }
            }
        },
        &|_| {},
    )
}

/// Writes sheets as [`write`] does, then lets `sheet` and `book` add what an
/// officer's workbook has besides values.
fn write_dressed(
    dir: &Path,
    name: &str,
    sheets: &[SheetSpec],
    sheet: &dyn Fn(&str, &mut rust_xlsxwriter::Worksheet),
    book: &dyn Fn(&mut rust_xlsxwriter::Workbook),
) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.name).unwrap();
        for (r, row) in s.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    T(t) => {
                        ws.write_string(r, c, *t).unwrap();
                    }
                    N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    P(n, d) => {
                        let f = rust_xlsxwriter::Format::new()
                            .set_num_format(format!("0.{}%", "0".repeat(*d)).replace(".%", "%"));
                        ws.write_number_with_format(r, c, *n, &f).unwrap();
                    }
                    F(f, v) => {
                        ws.write_formula(r, c, *f).unwrap();
                        ws.set_formula_result(r, c, v.to_string());
                    }
                    _ => {}
                }
            }
        }
        sheet(s.name, ws);
    }
    book(&mut wb);
    let p = dir.join(name);
    wb.save(&p).unwrap();
    p
}

fn kpicheck() -> Command {
    Command::cargo_bin("kpicheck").unwrap()
}

#[test]
fn cli_refuses_an_out_inside_an_input_folder() {
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path().join("returns");
    std::fs::create_dir(&returns).unwrap();
    write(&returns, "q4.xlsx", &indicator_sheets(P(0.442, 1)));
    for out in [returns.clone(), returns.join("fixed"), returns.join(".")] {
        let o = kpicheck()
            .args([
                "fix",
                returns.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{out:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("inside the input folder"), "{err}");
    }
    // A single file's own folder is beside it.
    let file = returns.join("q4.xlsx");
    let o = kpicheck()
        .args([
            "fix",
            file.to_str().unwrap(),
            "--out",
            returns.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("beside the input"));
    let names: Vec<_> = std::fs::read_dir(&returns).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing was written among the returns");
}

#[test]
fn cli_writes_corrected_workbooks_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path().join("returns");
    std::fs::create_dir_all(returns.join("fs")).unwrap();
    let input = write(
        &returns.join("fs"),
        "q4.xlsx",
        &indicator_sheets(P(0.442, 1)),
    );
    let original = std::fs::read(&input).unwrap();
    let out = dir.path().join("out");
    let json = out.join("exceptions.json");
    let o = kpicheck()
        .args([
            "fix",
            returns.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "json",
            "--report",
            json.to_str().unwrap(),
            "--report",
            out.join("exceptions.xlsx").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let corrected = out.join("fs/q4.corrected.xlsx");
    assert!(corrected.exists());
    assert_eq!(
        std::fs::read(&input).unwrap(),
        original,
        "the input changed"
    );
    for bytes in [o.stdout.clone(), std::fs::read(&json).unwrap()] {
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["files"][0]["corrected"], corrected.display().to_string());
        let fixed: Vec<&str> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["fixed"] == true)
            .map(|x| x["cell"].as_str().unwrap())
            .collect();
        assert_eq!(fixed, vec!["J4", "H5", "H8"]);
        assert_eq!(v["summary"]["corrected"], 1);
        assert_eq!(v["summary"]["fixed"], 3);
    }
    assert!(out.join("exceptions.xlsx").exists());
    // Text output says where the corrected workbook went.
    let o = kpicheck()
        .args([
            "fix",
            returns.to_str().unwrap(),
            "--out",
            dir.path().join("out2").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("corrected workbook written to"), "{text}");
    assert!(text.contains("(fixed)"), "{text}");
}

#[test]
fn a_fix_value_keeps_the_cells_encoding() {
    // The rules give the value in the cell's own encoding; the patch writes
    // it as such: a number stays a number, text stays text.
    let f = fixed("q4.xlsx", &indicator_sheets(P(0.442, 1)));
    let by_cell = |c: &str| {
        f.report
            .findings
            .iter()
            .find(|x| x.cell.to_string() == c && x.fixed)
            .and_then(|x| x.fix.clone())
    };
    assert_eq!(by_cell("H5"), Some(FixValue::Number(0.44)));
    assert_eq!(by_cell("H8"), Some(FixValue::Text("14.8%".into())));
}

/// The sheets as a minimal OpenDocument spreadsheet (what calamine needs).
fn write_ods(dir: &Path, name: &str, sheets: &[SheetSpec]) -> PathBuf {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut body = String::new();
    for s in sheets {
        body.push_str(&format!("<table:table table:name=\"{}\">", esc(s.name)));
        for row in &s.rows {
            body.push_str("<table:table-row>");
            for c in row {
                body.push_str(&match c {
                    T(t) => format!(
                        "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                        esc(t)
                    ),
                    N(n) | F(_, n) => format!(
                        "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
                    ),
                    P(n, _) => format!(
                        "<table:table-cell office:value-type=\"percentage\" office:value=\"{n}\"><text:p>{}%</text:p></table:table-cell>",
                        n * 100.0
                    ),
                    _ => "<table:table-cell/>".to_string(),
                });
            }
            body.push_str("</table:table-row>");
        }
        body.push_str("</table:table>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
    );
    let p = dir.join(name);
    let mut w = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    std::io::Write::write_all(&mut w, b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    w.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut w, content.as_bytes()).unwrap();
    w.start_file(
        "META-INF/manifest.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut w, br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    w.finish().unwrap();
    p
}

#[test]
fn an_ods_is_rebuilt_as_xlsx_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_ods(dir.path(), "q4.ods", &indicator_sheets(P(0.442, 1)));
    let r = fix(&input, &dir.path().join("out"));
    let out = PathBuf::from(r.corrected.clone().expect("corrected"));
    assert!(out.ends_with("out/q4.corrected.xlsx"), "{out:?}");
    assert!(
        r.warnings.iter().any(|w| w.contains("not the formatting")),
        "{:?}",
        r.warnings
    );
    let (before, after) = (cells(&input), cells(&out));
    let key = |a: &str| ("Indicators".to_string(), at(a).0, at(a).1);
    assert_eq!(after[&key("H5")], Cell::Number(0.44));
    assert_eq!(after[&key("J4")], Cell::Text("Improving".into()));
    assert_eq!(after[&key("H8")], Cell::Text("14.8%".into()));
    for (k, v) in &before {
        if ![key("H5"), key("J4"), key("H8")].contains(k) {
            assert_eq!(after.get(k), Some(v), "{k:?}");
        }
    }
    let c = part(&out, "xl/comments1.xml");
    assert_eq!(c.matches("Corrected by kpicheck.").count(), 3, "{c}");
    // Checking the rebuilt workbook finds nothing more to fix.
    assert!(analyse(&out).findings.iter().all(|x| x.fix.is_none()));
}

#[test]
fn a_percent_scale_value_is_never_written_into_a_fraction_cell() {
    // Without the FS/C15 row nothing shows the result column holds fractions,
    // so the rule derives 43.978 for H5; written into a cell showing 0.442
    // as 44.2% it would read 4397.8%. The patch refuses it and says why.
    let mut sheets = indicator_sheets(P(0.442, 1));
    sheets[0].rows.remove(6);
    let f = fixed("q4.xlsx", &sheets);
    let x = f
        .report
        .findings
        .iter()
        .find(|x| x.cell.to_string() == "H5" && x.rule == "ratio.result_mismatch")
        .unwrap();
    assert_eq!(x.fix, Some(FixValue::Number(43.978)));
    assert!(!x.fixed);
    assert!(x.message.contains("shown as a percentage"), "{}", x.message);
    let after = cells(&f.output);
    assert_eq!(
        after[&("Indicators".to_string(), 4, 7)],
        Cell::Number(0.442)
    );
    // Nothing was derived from the value that was not written: the DoT of
    // the row (J5) stands as it was.
    assert_eq!(
        after[&("Indicators".to_string(), 4, 9)],
        Cell::Text("Worsening".into())
    );
    assert!(f.report.findings.iter().all(|x| x.cell.to_string() != "J5"));
}

/// Rewrites one zip entry's text.
fn rewrite_entry(src: &Path, dst: &Path, name: &str, f: impl Fn(String) -> String) {
    let mut z = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    for i in 0..z.len() {
        let entry = z.by_index(i).unwrap().name().unwrap().into_owned();
        if entry == name {
            let mut s = String::new();
            z.by_index(i).unwrap().read_to_string(&mut s).unwrap();
            w.start_file(entry, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, f(s).as_bytes()).unwrap();
        } else {
            w.raw_copy_file(z.by_index_raw(i).unwrap()).unwrap();
        }
    }
    w.finish().unwrap();
}

#[test]
fn sheets_are_found_through_the_workbook_relationships() {
    // The relationships are swapped: the first sheet listed ("Indicators")
    // is now stored in sheet2.xml and the second ("Notes") in sheet1.xml,
    // which holds the indicator table. The corrections are found on "Notes"
    // and must land in the part the workbook names for it, not the part
    // its position suggests.
    let dir = tempfile::tempdir().unwrap();
    let plain = write(dir.path(), "plain.xlsx", &indicator_sheets(P(0.442, 1)));
    let input = dir.path().join("swapped.xlsx");
    rewrite_entry(&plain, &input, "xl/_rels/workbook.xml.rels", |s| {
        s.replace("worksheets/sheet1.xml", "worksheets/TMP")
            .replace("worksheets/sheet2.xml", "worksheets/sheet1.xml")
            .replace("worksheets/TMP", "worksheets/sheet2.xml")
    });
    let r = fix(&input, &dir.path().join("out"));
    assert!(r
        .findings
        .iter()
        .filter(|x| x.fixed)
        .all(|x| x.sheet == "Notes"));
    let out = PathBuf::from(r.corrected.expect("corrected"));
    let (before, after) = (raw_entries(&input), raw_entries(&out));
    assert_eq!(
        before["xl/worksheets/sheet2.xml"],
        after["xl/worksheets/sheet2.xml"]
    );
    assert_ne!(
        before["xl/worksheets/sheet1.xml"],
        after["xl/worksheets/sheet1.xml"]
    );
    assert!(after.contains_key("xl/worksheets/_rels/sheet1.xml.rels"));
    assert_eq!(
        cells(&out)[&("Notes".to_string(), 4, 7)],
        Cell::Number(0.44)
    );
    assert!(analyse(&out).findings.iter().all(|x| x.fix.is_none()));
}

/// The fixture's bytes and the sheet part that a fix edits.
fn fixture_parts() -> &'static (Vec<u8>, String) {
    static F: std::sync::OnceLock<(Vec<u8>, String)> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "q4.xlsx", &indicator_sheets(P(0.442, 1)));
        (
            std::fs::read(&p).unwrap(),
            part(&p, "xl/worksheets/sheet1.xml"),
        )
    })
}

fn with_sheet_part(xml: &[u8]) -> Vec<u8> {
    let (bytes, _) = fixture_parts();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..z.len() {
        let name = z.by_index(i).unwrap().name().unwrap().into_owned();
        if name == "xl/worksheets/sheet1.xml" {
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, xml).unwrap();
        } else {
            w.raw_copy_file(z.by_index_raw(i).unwrap()).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// A damaged sheet part is reported, never a panic, and an edit is
    /// either written or refused with a reason.
    #[test]
    fn a_damaged_sheet_never_panics(cut in 0usize..4000, flip in 0usize..4000, byte in 0u8..128) {
        let (_, xml) = fixture_parts();
        let mut xml = xml.as_bytes().to_vec();
        if flip < xml.len() {
            xml[flip] = byte;
        }
        xml.truncate(cut.max(1).min(xml.len()));
        let edits = vec![kpicheck::fix::CellEdit {
            sheet: "Indicators".into(),
            cell: parse_a1("H5").unwrap(),
            value: FixValue::Number(0.44),
            note: "n".into(),
        }];
        if let Ok(p) = kpicheck::fix::patch::patch(&with_sheet_part(&xml), &edits) {
            proptest::prop_assert_eq!(p.outcomes.len(), 1);
        }
    }

    /// Random bytes are not a workbook: an error, not a panic.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(0u8..=255, 0..512)) {
        let edits = vec![kpicheck::fix::CellEdit {
            sheet: "S".into(),
            cell: parse_a1("A1").unwrap(),
            value: FixValue::Text("x".into()),
            note: "n".into(),
        }];
        proptest::prop_assert!(kpicheck::fix::patch::patch(&bytes, &edits).is_err());
    }
}

#[test]
fn a_correction_is_followed_through_to_what_depends_on_it() {
    // H5 reads 45.2% (157/357 is 43.98%) and J5 says Improving against
    // 44.9% last quarter, which agrees with the wrong figure only. Once H5
    // is corrected to 44.0%, J5 must read Worsening.
    let mut sheets = indicator_sheets(P(0.452, 1));
    sheets[0].rows[4][9] = T("Improving");
    let f = fixed("q4.xlsx", &sheets);
    let after = cells(&f.output);
    let key = |a: &str| ("Indicators".to_string(), at(a).0, at(a).1);
    assert_eq!(after[&key("H5")], Cell::Number(0.44));
    assert_eq!(after[&key("J5")], Cell::Text("Worsening".into()));
    let j5 = f
        .report
        .findings
        .iter()
        .find(|x| x.cell.to_string() == "J5")
        .expect("the finding that came from the correction");
    assert!(j5.fixed);
    assert!(part(&f.output, "xl/comments1.xml").contains("<comment ref=\"J5\""));
    let order: Vec<String> = f
        .report
        .findings
        .iter()
        .map(|x| x.cell.to_string())
        .collect();
    assert_eq!(order, vec!["J4", "H5", "J5", "H8"], "in cell order");
    assert!(analyse(&f.output).findings.iter().all(|x| x.fix.is_none()));
}

#[test]
fn formatting_merges_widths_names_and_charts_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_dressed(
        dir.path(),
        "dressed.xlsx",
        &indicator_sheets(P(0.442, 1)),
        &|sheet, ws| {
            if sheet == "Indicators" {
                let bold = rust_xlsxwriter::Format::new().set_bold();
                ws.merge_range(1, 0, 1, 12, "3.2a Indicators", &bold)
                    .unwrap();
                ws.set_column_width(1, 60).unwrap();
                ws.set_freeze_panes(3, 2).unwrap();
            } else {
                let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Column);
                chart.add_series().set_values("Indicators!$H$4:$H$6");
                ws.insert_chart(3, 1, &chart).unwrap();
            }
        },
        &|wb| {
            wb.define_name("Results", "=Indicators!$H$4:$H$8").unwrap();
        },
    );
    let r = fix(&input, &dir.path().join("out"));
    let out = PathBuf::from(r.corrected.expect("corrected"));
    let (before, after) = (raw_entries(&input), raw_entries(&out));
    for name in [
        "xl/workbook.xml",
        "xl/charts/chart1.xml",
        "xl/drawings/drawing1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/_rels/sheet2.xml.rels",
    ] {
        assert!(before.contains_key(name), "{name}");
        assert_eq!(before[name], after[name], "{name} changed");
    }
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<mergeCell ref="A2:M2"/>"#), "{sheet}");
    assert!(
        sheet.contains(r#"<col min="2" max="2" width="60.7109375" customWidth="1"/>"#),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<pane xSplit="2" ySplit="3""#), "{sheet}");
    assert!(part(&out, "xl/workbook.xml").contains("<definedName name=\"Results\">"));
    assert_eq!(
        cells(&out)[&("Indicators".to_string(), 4, 7)],
        Cell::Number(0.44)
    );
}

#[test]
fn cli_refuses_two_inputs_that_would_be_corrected_into_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path().join("returns");
    let (a, b) = (returns.join("east"), returns.join("west"));
    for d in [&a, &b] {
        std::fs::create_dir_all(d).unwrap();
        write(d, "q4.xlsx", &indicator_sheets(P(0.442, 1)));
    }
    let out = dir.path().join("fixed");
    // Two folders given separately: each file's path below its folder is
    // "q4.xlsx", so both would become fixed/q4.corrected.xlsx.
    let o = kpicheck()
        .args(["fix", a.to_str().unwrap(), b.to_str().unwrap(), "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("would both be corrected into"), "{err}");
    assert!(!out.exists(), "nothing was written");
    // Their common folder keeps them apart.
    let o = kpicheck()
        .args(["fix", returns.to_str().unwrap(), "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.join("east/q4.corrected.xlsx").exists());
    assert!(out.join("west/q4.corrected.xlsx").exists());
}
