//! Interoperability with a real office suite: LibreOffice must open the
//! corrected workbooks and the report workbook as they are and show the
//! corrected values. These tests need `soffice` and are ignored by default;
//! tests/interop.sh (run by .ci/run where LibreOffice is installed) runs
//! them with `--ignored`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Every sheet of a workbook as LibreOffice exports it to CSV, showing
/// each cell as formatted: sheet name -> rows of fields.
fn as_csv(file: &Path, work: &Path) -> BTreeMap<String, Vec<Vec<String>>> {
    let out = work.join(format!(
        "csv-{}",
        file.file_name().unwrap().to_string_lossy()
    ));
    std::fs::create_dir_all(&out).unwrap();
    // Filter options: comma, double quote, UTF-8, from line 1, no column
    // formats, default language, quoted text off, detect numbers, cells as
    // shown, export formulas off, no BOM, every sheet to its own file (-1).
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            work.join("lo-profile").display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir",
        ])
        .arg(&out)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "{status:?}");
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    let mut sheets = BTreeMap::new();
    for e in std::fs::read_dir(&out).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        let sheet = name
            .strip_prefix(&format!("{stem}-"))
            .unwrap_or(&name)
            .to_string();
        let text = std::fs::read_to_string(&p).unwrap();
        sheets.insert(sheet, parse_csv(&text));
    }
    assert!(
        !sheets.is_empty(),
        "LibreOffice wrote no CSV for {}",
        file.display()
    );
    sheets
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn cell(sheet: &[Vec<String>], a1: &str) -> String {
    let c = kpicheck::workbook::parse_a1(a1).unwrap();
    sheet
        .get(c.row as usize)
        .and_then(|r| r.get(c.col as usize))
        .cloned()
        .unwrap_or_default()
}

fn kpicheck() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("kpicheck").unwrap()
}

/// The fixture of tests/fix.rs: wrong at H5 (fraction), J4 (DoT), H8 (text).
fn fixture(dir: &Path) -> PathBuf {
    let mut ind = vec![
        vec![T("Family Services – Q4 2016/17")],
        vec![T("3.2a Indicators")],
        header_32a(),
    ];
    ind.extend(vec![
        vec![T("FS/S5"), T("Number of children adopted"), T("Bigger is Better"), T("Apr 2016 - Mar 2017"), N(10.0), N(10.0), T("N/A"), N(8.0), N(7.0), T("Worsening"), N(12.0), T("Worsening"), T("Benchmarking not available")],
        vec![T("FS/S6"), T("Percentage of children in London Borough of Barnet foster care"), T("Bigger is Better"), T("As at 31 March 2017"), P(0.425, 1), P(0.425, 1), T("157/357"), P(0.442, 1), P(0.449, 1), T("Worsening"), P(0.435, 1), T("Improving"), T("Benchmarking data not available")],
        vec![T("FS/C14"), T("Number of first time entrants to the Youth Justice System aged 10 to 17 (per 10,000 of the population)."), T("Smaller is Better"), T("Oct 15 - Sep 16"), N(326.0), N(326.0), T("N/A"), N(226.0), N(224.0), T("Worsening"), N(281.0), T("Improving"), T("London: 395")],
        vec![T("FS/C15"), T("Young offenders in education, training or employment"), T("Bigger is Better"), T("As at 31 March 2017"), P(0.66, 0), P(0.66, 0), T("23/29"), P(0.79, 0), P(0.74, 0), T("Improving"), P(0.75, 0), T("Improving"), T("London: 52%")],
        vec![T("FS/S2"), T("Children made subject to Child Protection Plan for a second or subsequent time"), T("Smaller is Better"), T("As at 31 March 2017"), T("15.6%"), T("15.6%"), T("29/196"), T("15.8%"), T("15.9%"), T("Improving"), T("12.3%"), T("Worsening"), T("London: 14%")],
        vec![],
        vec![T("Indicators reported"), F("COUNTA(A4:A8)", 5.0)],
    ]);
    write(
        dir,
        "q4.xlsx",
        &[
            sheet("Indicators", ind),
            sheet("Notes", vec![vec![T("Prepared by the performance team")]]),
        ],
    )
}

#[test]
#[ignore = "needs LibreOffice (soffice); run by tests/interop.sh"]
fn libreoffice_reads_the_corrected_workbook_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path().join("returns");
    std::fs::create_dir(&returns).unwrap();
    let input = fixture(&returns);
    let out = dir.path().join("out");
    let report = out.join("exceptions.xlsx");
    let o = kpicheck()
        .args(["fix", returns.to_str().unwrap(), "--out"])
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let corrected = out.join("q4.corrected.xlsx");
    let work = dir.path().join("lo");
    let before = as_csv(&input, &work);
    let after = as_csv(&corrected, &work);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let (b, a) = (&before["Indicators"], &after["Indicators"]);
    assert_eq!(cell(b, "H5"), "44.2%");
    assert_eq!(cell(a, "H5"), "44.0%", "the fraction keeps its % format");
    assert_eq!(cell(a, "J4"), "Improving");
    assert_eq!(cell(a, "H8"), "14.8%");
    assert_eq!(cell(a, "B10"), "5", "formulas still calculate");
    // Every other cell shows as it did.
    for (r, row) in b.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let a1 = format!("{}", kpicheck::workbook::CellRef::new(r as u32, c as u32));
            if !["H5", "J4", "H8"].contains(&a1.as_str()) {
                assert_eq!(&cell(a, &a1), v, "{a1}");
            }
        }
    }
    assert_eq!(before["Notes"], after["Notes"]);
    // The notes are read as notes: LibreOffice keeps them as annotations.
    let ods = work.join("ods");
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            work.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(&ods)
        .arg(&corrected)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let mut z =
        zip::ZipArchive::new(std::fs::File::open(ods.join("q4.corrected.ods")).unwrap()).unwrap();
    let mut content = String::new();
    std::io::Read::read_to_string(&mut z.by_name("content.xml").unwrap(), &mut content).unwrap();
    assert_eq!(
        content.matches("<office:annotation").count(),
        3,
        "three notes"
    );
    assert!(content.contains("Corrected by kpicheck."));

    let rep = as_csv(&report, &work);
    let findings = rep
        .iter()
        .find(|(k, _)| k.contains("Findings"))
        .map(|(_, v)| v)
        .expect("a Findings sheet");
    let text: Vec<String> = findings.iter().map(|r| r.join(",")).collect();
    for cell in ["H5", "J4", "H8"] {
        assert!(
            text.iter()
                .any(|l| l.contains(&format!(",{cell},")) && l.contains("yes")),
            "{cell} fixed in the report: {text:#?}"
        );
    }
}

#[test]
#[ignore = "needs LibreOffice (soffice); run by tests/interop.sh"]
fn libreoffice_reads_corrected_samples() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let o = kpicheck()
        .args([
            "fix",
            samples.to_str().unwrap(),
            "--format",
            "json",
            "--out",
        ])
        .arg(&out)
        .arg("--report")
        .arg(out.join("exceptions.xlsx"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let work = dir.path().join("lo");
    let mut n = 0;
    for f in v["files"].as_array().unwrap() {
        let Some(corrected) = f["corrected"].as_str() else {
            continue;
        };
        let original = PathBuf::from(f["path"].as_str().unwrap());
        let fixed: Vec<(String, String)> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["file"] == f["path"] && x["fixed"] == true)
            .map(|x| {
                (
                    x["sheet"].as_str().unwrap().to_string(),
                    x["cell"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let (b, a) = (
            as_csv(&original, &work),
            as_csv(Path::new(corrected), &work),
        );
        assert_eq!(b.keys().collect::<Vec<_>>(), a.keys().collect::<Vec<_>>());
        // Every cell shows as it did, but those corrected.
        for (sheet, rows) in &b {
            for (r, row) in rows.iter().enumerate() {
                for (c, shown) in row.iter().enumerate() {
                    let a1 = kpicheck::workbook::CellRef::new(r as u32, c as u32).to_string();
                    if !fixed.contains(&(sheet.clone(), a1.clone())) {
                        assert_eq!(&cell(&a[sheet], &a1), shown, "{corrected} {sheet}!{a1}");
                    }
                }
            }
        }
        n += 1;
    }
    // The report opens whether or not any sample needed correcting.
    assert!(!as_csv(&out.join("exceptions.xlsx"), &work).is_empty());
    eprintln!("{n} corrected samples opened in LibreOffice");
}

#[test]
#[ignore = "needs LibreOffice (soffice); run by tests/interop.sh"]
fn a_workbook_saved_by_libreoffice_is_patched_and_reopens() {
    // LibreOffice writes xlsx its own way (namespaces, attribute order,
    // styles): the patch must work on that too.
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("lo");
    let made = fixture(dir.path());
    let saved = dir.path().join("saved");
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            work.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&saved)
        .arg(&made)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let input = saved.join("q4.xlsx");
    let out = dir.path().join("out");
    let o = kpicheck()
        .args(["fix", "--format", "json", "--out"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let fixed: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["fixed"] == true)
        .map(|x| x["cell"].as_str().unwrap())
        .collect();
    assert_eq!(fixed, vec!["J4", "H5", "H8"], "{v:#}");
    let corrected = out.join("q4.corrected.xlsx");
    let (b, a) = (as_csv(&input, &work), as_csv(&corrected, &work));
    let (b, a) = (&b["Indicators"], &a["Indicators"]);
    assert_eq!(cell(a, "H5"), "44.0%");
    assert_eq!(cell(a, "J4"), "Improving");
    assert_eq!(cell(a, "H8"), "14.8%");
    for (r, row) in b.iter().enumerate() {
        for (c, shown) in row.iter().enumerate() {
            let a1 = kpicheck::workbook::CellRef::new(r as u32, c as u32).to_string();
            if !["H5", "J4", "H8"].contains(&a1.as_str()) {
                assert_eq!(&cell(a, &a1), shown, "{a1}");
            }
        }
    }
}
