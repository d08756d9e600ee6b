//! The exception report as a workbook: a Findings sheet to filter and sort,
//! and a Summary sheet with counts by rule family and by file and a chart.

use rust_xlsxwriter::{
    Chart, ChartType, Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::Summary;
use crate::check::FileReport;
use crate::rules::Severity;

const HEADERS: &[(&str, f64)] = &[
    ("File", 40.0),
    ("Sheet", 16.0),
    ("Cell", 7.0),
    ("Key", 10.0),
    ("Rule", 34.0),
    ("Severity", 10.0),
    ("Found", 18.0),
    ("Expected", 18.0),
    ("Fixed", 7.0),
    ("Message", 80.0),
];

fn fill(rgb: u32) -> Format {
    Format::new().set_background_color(Color::RGB(rgb))
}

/// Writes text as text: a value Excel would take for a formula gets the
/// quote prefix, so it is shown, never run.
fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str, fmt: &Format) -> Result<(), XlsxError> {
    // A cell holds at most 32,767 characters; a finding quoting a full cell
    // can be longer, and one long message must not cost the whole report.
    const MAX: usize = 32_767;
    let cut;
    let s = if s.chars().count() > MAX {
        cut = s.chars().take(MAX - 1).chain(['…']).collect::<String>();
        cut.as_str()
    } else {
        s
    };
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        ws.write_string_with_format(row, col, s, &fmt.clone().set_quote_prefix())?;
    } else {
        ws.write_string_with_format(row, col, s, fmt)?;
    }
    Ok(())
}

pub fn render(files: &[FileReport], title: &str) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x1F4E78))
        .set_font_color(Color::White)
        .set_border_bottom(FormatBorder::Thin);
    let plain = Format::new();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let sev_fmt = |s: Severity| match s {
        Severity::Error => fill(0xF8CBAD),
        Severity::Warning => fill(0xFFE699),
        Severity::Info => fill(0xDDEBF7),
    };

    let ws = wb.add_worksheet();
    ws.set_name("Findings")?;
    for (c, (h, w)) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, *w)?;
    }
    let mut r = 1u32;
    for f in files {
        if let Some(e) = &f.error {
            let row = [
                f.path.as_str(),
                "",
                "",
                "",
                "file.unreadable",
                "error",
                "",
                "",
                "no",
                e.as_str(),
            ];
            for (c, v) in row.iter().enumerate() {
                let fmt = if c == 5 {
                    sev_fmt(Severity::Error)
                } else {
                    plain.clone()
                };
                text(ws, r, c as u16, v, &fmt)?;
            }
            r += 1;
        }
        for x in &f.findings {
            let cell = x.cell.to_string();
            let row = [
                x.file.as_str(),
                x.sheet.as_str(),
                cell.as_str(),
                x.key.as_deref().unwrap_or(""),
                x.rule,
                &x.severity.to_string(),
                x.found.as_str(),
                x.expected.as_deref().unwrap_or(""),
                if x.fixed { "yes" } else { "no" },
                x.message.as_str(),
            ]
            .map(str::to_string);
            for (c, v) in row.iter().enumerate() {
                let fmt = match c {
                    5 => sev_fmt(x.severity),
                    9 => wrap.clone(),
                    _ => plain.clone(),
                };
                text(ws, r, c as u16, v, &fmt)?;
            }
            r += 1;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, r.saturating_sub(1).max(1), (HEADERS.len() - 1) as u16)?;

    let s = Summary::of(files);
    let ws = wb.add_worksheet();
    ws.set_name("Summary")?;
    ws.set_column_width(0, 48.0)?;
    for c in 1..6 {
        ws.set_column_width(c, 12.0)?;
    }
    let bold = Format::new().set_bold();
    ws.write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(14))?;
    let totals = [
        ("Files", s.files),
        ("Checked", s.checked + s.no_tables),
        ("Unreadable", s.unreadable),
        ("Tables found", s.tables),
        ("Errors", s.errors),
        ("Warnings", s.warnings),
        ("Info", s.infos),
        ("Fixable", s.fixable),
        ("Corrected workbooks", s.corrected),
    ];
    for (i, (k, v)) in totals.iter().enumerate() {
        ws.write_string(2 + i as u32, 0, *k)?;
        ws.write_number(2 + i as u32, 1, *v as f64)?;
    }
    let fam_row = 2 + totals.len() as u32 + 1;
    ws.write_string_with_format(fam_row, 0, "Rule family", &head)?;
    ws.write_string_with_format(fam_row, 1, "Findings", &head)?;
    for (i, (fam, n)) in s.by_family.iter().enumerate() {
        ws.write_string(fam_row + 1 + i as u32, 0, fam)?;
        ws.write_number(fam_row + 1 + i as u32, 1, *n as f64)?;
    }
    let fam_end = fam_row + s.by_family.len() as u32;
    if !s.by_family.is_empty() {
        let mut chart = Chart::new(ChartType::Bar);
        chart.title().set_name("Findings by rule family");
        chart.legend().set_hidden();
        chart
            .add_series()
            .set_categories(("Summary", fam_row + 1, 0, fam_end, 0))
            .set_values(("Summary", fam_row + 1, 1, fam_end, 1));
        ws.insert_chart(2, 3, &chart)?;
    }
    let file_row = fam_end.max(fam_row + 1) + 2;
    for (c, h) in ["File", "Errors", "Warnings", "Info", "Fixable", "Status"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(file_row, c as u16, *h, &head)?;
    }
    for (i, f) in files.iter().enumerate() {
        let r = file_row + 1 + i as u32;
        let count = |sev: Severity| f.findings.iter().filter(|x| x.severity == sev).count() as f64;
        text(ws, r, 0, &f.path, &plain)?;
        ws.write_number(r, 1, count(Severity::Error))?;
        ws.write_number(r, 2, count(Severity::Warning))?;
        ws.write_number(r, 3, count(Severity::Info))?;
        ws.write_number(
            r,
            4,
            f.findings.iter().filter(|x| x.fixable()).count() as f64,
        )?;
        let status = match (&f.error, f.corrected.is_some()) {
            (Some(_), _) => "unreadable",
            (None, true) => "corrected",
            (None, false) if f.tables.is_empty() => "no tables",
            _ => "checked",
        };
        ws.write_string_with_format(r, 5, status, &bold)?;
    }
    wb.save_to_buffer()
}
