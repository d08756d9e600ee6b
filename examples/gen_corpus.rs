//! Writes a corpus of realistic returns for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- N DIR [--seed S] [--big ROWS]
//! ```
//!
//! Each return has an indicator table of 20-60 rows laid out like the
//! Family Services report (section rows, the header repeated part-way down,
//! percentages as fractions under a % format or as text), a risk register
//! and its heat map, a revenue table and a dashboard counting them. About
//! one row in twenty carries a planted anomaly (a result off its ratio, a
//! wrong direction of travel, a % on a rate, a score off impact x
//! likelihood, a variation off by more than rounding). The same seed
//! always writes the same files. `--big ROWS` writes one more workbook,
//! `big.xlsx`, whose indicator sheet has ROWS rows.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// A small deterministic generator (xorshift64*): no dependency, and the
/// same stream on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, per_thousand: u64) -> bool {
        self.below(1000) < per_thousand
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

const SERVICES: &[(&str, &str)] = &[
    ("Family Services", "FS"),
    ("Adults and Communities", "AC"),
    ("Street Scene", "SS"),
    ("Housing", "HO"),
    ("Public Health", "PH"),
    ("Regeneration", "RE"),
];

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Percent,
    Count,
    Rate,
    Days,
}

#[derive(Clone, Copy, PartialEq)]
enum Pol {
    Bigger,
    Smaller,
    Monitor,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

struct Formats {
    pct0: Format,
    pct1: Format,
    wrap: Format,
    bold: Format,
}

/// What a figure looks like in the cell: the value, a fraction under a %
/// format, or text.
fn put_figure(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    v: f64,
    unit: Unit,
    text: bool,
    f: &Formats,
) -> Result<(), XlsxError> {
    match (unit, text) {
        (Unit::Percent, false) => {
            let fmt = if v.fract() == 0.0 { &f.pct0 } else { &f.pct1 };
            ws.write_number_with_format(r, c, v / 100.0, fmt)?;
        }
        (Unit::Percent, true) => {
            ws.write_string(r, c, format!("{v:.1}%"))?;
        }
        (Unit::Count, true) if v >= 1000.0 => {
            let n = v as u64;
            ws.write_string(r, c, format!("{},{:03}", n / 1000, n % 1000))?;
        }
        _ => {
            ws.write_number(r, c, v)?;
        }
    }
    Ok(())
}

fn dot(now: f64, then: f64, pol: Pol) -> &'static str {
    match pol {
        Pol::Monitor => "Monitor",
        _ if now == then => "Same",
        Pol::Bigger if now > then => "Improving",
        Pol::Smaller if now < then => "Improving",
        _ => "Worsening",
    }
}

fn rag(result: f64, target: f64, pol: Pol) -> &'static str {
    let shortfall = match pol {
        Pol::Monitor => return "",
        Pol::Bigger => (target - result) / target * 100.0,
        Pol::Smaller => (result - target) / target * 100.0,
    };
    // At the shown precision: 36.9 short of 369 is 10%, not 9.999...%.
    let shortfall = (shortfall * 1e6).round() / 1e6;
    if shortfall <= 0.0 {
        "Green"
    } else if shortfall < 10.0 {
        "Green Amber"
    } else if shortfall < 20.0 {
        "Red Amber"
    } else {
        "Red"
    }
}

/// Tallies for the dashboard.
#[derive(Default)]
struct Tally {
    rag: [u32; 4],
    improving: u32,
    worsening: u32,
    bands: [u32; 4],
    reduced_same: u32,
    increased: u32,
    new: u32,
}

fn header(
    ws: &mut Worksheet,
    r: u32,
    q: &str,
    prev: &str,
    ly: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    let cells = [
        "Ref".to_string(),
        "Indicator".to_string(),
        "Polarity".to_string(),
        "Period \nCovered".to_string(),
        format!("{q} \nTarget"),
        "Numerator / \nDenominator".to_string(),
        format!("{q} \nResult"),
        format!("{prev} \nResult"),
        format!("DOT \nShort-\nTerm \n(From {prev})"),
        format!("{ly} \nResult"),
        format!("DOT \nLong-\nTerm \n(From {ly})"),
        "RAG".to_string(),
        "Benchmarking".to_string(),
    ];
    for (c, t) in cells.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, t, &f.wrap)?;
    }
    Ok(())
}

/// The indicator sheet: `rows` indicators, returns the next free row.
#[allow(clippy::too_many_arguments)]
fn indicators(
    ws: &mut Worksheet,
    rng: &mut Rng,
    code: &str,
    q: &str,
    prev: &str,
    ly: &str,
    rows: u32,
    tally: &mut Tally,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, "3.2a Indicators", &f.bold)?;
    ws.write_string_with_format(2, 0, "Managing demand for services (Fairness)", &f.bold)?;
    header(ws, 3, q, prev, ly, f)?;
    let mut r = 4;
    for i in 0..rows {
        if i > 0 && i % 25 == 0 {
            // A page break in the source: a section row and the header again.
            r += 1;
            ws.write_string_with_format(
                r,
                0,
                "More resilient communities (Responsibility)",
                &f.bold,
            )?;
            r += 1;
            header(ws, r, q, prev, ly, f)?;
            r += 1;
        }
        let unit = *rng.pick(&[
            Unit::Percent,
            Unit::Percent,
            Unit::Count,
            Unit::Rate,
            Unit::Days,
        ]);
        let pol = *rng.pick(&[Pol::Bigger, Pol::Bigger, Pol::Smaller, Pol::Monitor]);
        let (title, result, nd, prev_v, ly_v) = match unit {
            Unit::Percent => {
                let den = rng.range(20, 2000);
                let num = rng.range(den / 3, den);
                let res = round1(num as f64 / den as f64 * 100.0);
                let p = round1((res + rng.range(0, 200) as f64 / 10.0 - 10.0).clamp(0.0, 100.0));
                let y = round1((res + rng.range(0, 200) as f64 / 10.0 - 10.0).clamp(0.0, 100.0));
                (
                    format!("Percentage of cases completed within timescale ({i})"),
                    res,
                    Some((num, den)),
                    p,
                    y,
                )
            }
            Unit::Count => {
                let v = rng.range(0, 3000) as f64;
                (
                    format!("Number of assessments completed ({i})"),
                    v,
                    None,
                    rng.range(0, 3000) as f64,
                    rng.range(0, 3000) as f64,
                )
            }
            Unit::Rate => {
                let v = round1(rng.range(50, 6000) as f64 / 10.0);
                (
                    format!("Number of children in need (per 10,000) ({i})"),
                    v,
                    None,
                    round1(rng.range(50, 6000) as f64 / 10.0),
                    round1(rng.range(50, 6000) as f64 / 10.0),
                )
            }
            Unit::Days => {
                let v = rng.range(10, 700) as f64;
                (
                    format!("The average time to complete a placement (days) ({i})"),
                    v,
                    None,
                    rng.range(10, 700) as f64,
                    rng.range(10, 700) as f64,
                )
            }
        };
        let target = if pol == Pol::Monitor {
            None
        } else {
            Some(match unit {
                Unit::Percent => {
                    round1((result + rng.range(0, 200) as f64 / 10.0 - 10.0).clamp(1.0, 100.0))
                }
                _ => (result * (0.8 + rng.range(0, 40) as f64 / 100.0))
                    .round()
                    .max(1.0),
            })
        };
        let text = rng.chance(150);
        ws.write_string(r, 0, format!("{code}/G{i}"))?;
        ws.write_string(r, 1, &title)?;
        ws.write_string(
            r,
            2,
            match pol {
                Pol::Bigger => "Bigger is Better",
                Pol::Smaller => "Smaller is Better",
                Pol::Monitor => "Monitor",
            },
        )?;
        ws.write_string(r, 3, "As at the end of the quarter")?;
        match target {
            Some(t) => put_figure(ws, r, 4, t, unit, false, f)?,
            None => {
                ws.write_string(r, 4, "Monitor")?;
            }
        }
        match nd {
            Some((n, d)) => ws.write_string(r, 5, format!("{n}/{d}"))?,
            None => ws.write_string(r, 5, "N/A")?,
        };
        // Planted anomalies, about one row in twenty.
        let mut shown = result;
        let mut short = dot(result, prev_v, pol);
        let long = dot(result, ly_v, pol);
        match rng.below(60) {
            0 if unit == Unit::Percent => shown = round1(result + 1.3),
            1 if pol != Pol::Monitor && short != "Same" => {
                short = if short == "Improving" {
                    "Worsening"
                } else {
                    "Improving"
                }
            }
            2 if unit == Unit::Rate => {
                ws.write_string(r, 6, format!("{result:.1}%"))?;
                shown = f64::NAN;
            }
            _ => {}
        }
        if !shown.is_nan() {
            put_figure(ws, r, 6, shown, unit, text, f)?;
        }
        put_figure(ws, r, 7, prev_v, unit, text, f)?;
        ws.write_string(r, 8, short)?;
        put_figure(ws, r, 9, ly_v, unit, text, f)?;
        ws.write_string(r, 10, long)?;
        if let Some(t) = target {
            let g = rag(result, t, pol);
            ws.write_string(r, 11, g)?;
            let k = ["Green", "Green Amber", "Red Amber", "Red"]
                .iter()
                .position(|x| *x == g)
                .unwrap_or(3);
            tally.rag[k] += 1;
        }
        match long {
            "Improving" | "Same" => tally.improving += 1,
            "Worsening" => tally.worsening += 1,
            _ => {}
        }
        ws.write_string(r, 12, "Benchmarking data not available")?;
        r += 1;
    }
    Ok(())
}

const IMPACT: &[&str] = &["Negligible", "Minor", "Moderate", "Major", "Catastrophic"];
const LIKELIHOOD: &[&str] = &["Rare", "Unlikely", "Possible", "Likely", "Almost Certain"];

fn band(score: u64) -> usize {
    match score {
        0..=3 => 0,
        4..=6 => 1,
        7..=12 => 2,
        _ => 3,
    }
}

fn risks(
    wb: &mut Workbook,
    rng: &mut Rng,
    code: &str,
    tally: &mut Tally,
    f: &Formats,
) -> Result<(), XlsxError> {
    let n = rng.range(10, 25);
    let mut grid = [[0u32; 5]; 5];
    let reg = wb.add_worksheet();
    reg.set_name("Risk register")?;
    reg.write_string_with_format(0, 0, "6. Risk", &f.bold)?;
    let top = [
        "Risk \nID",
        "Short Risk Title",
        "Risk \nOwner",
        "Inherent Risk \n(without \ncontrols)",
        "",
        "Residual Risk \n(with controls in place)",
        "",
        "",
        "Direction \nof Travel",
        "Response \nOption",
    ];
    let sub = [
        "",
        "",
        "",
        "Impact",
        "Likelih\nood",
        "Impact",
        "Likelih\nood",
        "Risk \nScore",
        "",
        "",
    ];
    for (c, (a, b)) in top.iter().zip(sub.iter()).enumerate() {
        reg.write_string_with_format(2, c as u16, *a, &f.wrap)?;
        reg.write_string_with_format(3, c as u16, *b, &f.wrap)?;
    }
    for i in 0..n {
        let r = 4 + i as u32;
        let (ii, il) = (rng.range(2, 5), rng.range(2, 5));
        let (ri, rl) = (rng.range(1, ii), rng.range(1, il));
        let mut score = ri * rl;
        if rng.chance(40) {
            score += 1;
        }
        grid[(ri - 1) as usize][(rl - 1) as usize] += 1;
        tally.bands[band(ri * rl)] += 1;
        let dir = *rng.pick(&["Same", "Same", "Same", "Reduced", "Increased", "New"]);
        match dir {
            "Same" | "Reduced" => tally.reduced_same += 1,
            "Increased" => tally.increased += 1,
            _ => tally.new += 1,
        }
        reg.write_string(r, 0, format!("{code}{:03}", i + 1))?;
        reg.write_string(r, 1, format!("Risk {} to service delivery", i + 1))?;
        reg.write_string(r, 2, "Assistant Director")?;
        for (c, v) in [ii, il, ri, rl, score].iter().enumerate() {
            reg.write_number(r, 3 + c as u16, *v as f64)?;
        }
        reg.write_string(r, 8, dir)?;
        reg.write_string(r, 9, *rng.pick(&["Treat", "Tolerate", "Treat", "Transfer"]))?;
    }
    let hm = wb.add_worksheet();
    hm.set_name("Heat map")?;
    hm.write_string_with_format(
        0,
        0,
        "The 5 X 5 matrix (heat map) shows the residual risk assessment",
        &f.bold,
    )?;
    hm.write_string(2, 1, "LIKELIHOOD")?;
    for l in 0..5u16 {
        hm.write_string_with_format(
            3,
            1 + l,
            format!("{} \n{}", l + 1, LIKELIHOOD[l as usize]),
            &f.wrap,
        )?;
    }
    for (k, imp) in (0..5).rev().enumerate() {
        let r = 4 + k as u32;
        hm.write_string(r, 0, format!("{} {}", imp + 1, IMPACT[imp]))?;
        for l in 0..5u16 {
            let v = grid[imp][l as usize];
            if v > 0 {
                hm.write_number(r, 1 + l, v as f64)?;
            }
        }
    }
    Ok(())
}

fn revenue(ws: &mut Worksheet, rng: &mut Rng, f: &Formats) -> Result<i64, XlsxError> {
    ws.write_string_with_format(0, 0, "2.1 Revenue", &f.bold)?;
    let head = [
        "Description",
        "Original \nBudget",
        "Revised \nBudget",
        "outturn",
        "Variation",
        "Comments",
        "% Variation of \nrevised budget",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &f.wrap)?;
    }
    for c in 1..5u16 {
        ws.write_string(3, c, "£000")?;
    }
    let lines = rng.range(6, 12);
    let (mut to, mut tr, mut tout, mut tv) = (0i64, 0i64, 0i64, 0i64);
    for i in 0..lines {
        let r = 4 + i as u32;
        let orig = rng.range(300, 20000) as i64;
        let rev = orig + rng.range(0, 2000) as i64 - 1000;
        let out = rev + rng.range(0, 1200) as i64 - 600;
        let mut var = out - rev;
        if rng.chance(30) {
            var += 25;
        }
        ws.write_string(r, 0, format!("Service line {}", i + 1))?;
        ws.write_number(r, 1, orig as f64)?;
        ws.write_number(r, 2, rev as f64)?;
        ws.write_number(r, 3, out as f64)?;
        if var < 0 {
            ws.write_string(r, 4, format!("({})", -var))?;
        } else {
            ws.write_number(r, 4, var as f64)?;
        }
        ws.write_string(r, 5, "")?;
        ws.write_string(r, 6, format!("{:.1}%", var as f64 / rev as f64 * 100.0))?;
        to += orig;
        tr += rev;
        tout += out;
        tv += out - rev;
    }
    let r = 4 + lines as u32;
    ws.write_string(r, 0, "Total")?;
    for (c, v) in [to, tr, tout, tv].iter().enumerate() {
        ws.write_number(r, 1 + c as u16, *v as f64)?;
    }
    ws.write_string(r, 6, format!("{:.1}%", tv as f64 / tr as f64 * 100.0))?;
    Ok(tv)
}

fn pc(n: u32, total: u32) -> String {
    let p = if total == 0 {
        0.0
    } else {
        n as f64 / total as f64 * 100.0
    };
    format!("{p:.0}% ({n})")
}

fn dashboard(ws: &mut Worksheet, t: &Tally, variation: i64, f: &Formats) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, "1.1 SERVICE DASHBOARD", &f.bold)?;
    ws.write_string(2, 0, "Finance")?;
    ws.write_number(3, 1, variation as f64)?;
    let perf = [
        "Performance",
        "Green",
        "Green Amber",
        "Red Amber",
        "Red",
        "Improved/Same",
        "Worsened",
    ];
    for (c, h) in perf.iter().enumerate() {
        ws.write_string(5, c as u16, *h)?;
    }
    let rated: u32 = t.rag.iter().sum();
    ws.write_string(6, 0, "Indicators")?;
    for (k, n) in t.rag.iter().enumerate() {
        ws.write_string(6, 1 + k as u16, pc(*n, rated))?;
    }
    let d = t.improving + t.worsening;
    ws.write_string(6, 5, pc(t.improving, d))?;
    ws.write_string(6, 6, pc(t.worsening, d))?;
    let risks = [
        "Risks",
        "Low",
        "Medium Low",
        "Medium High",
        "High",
        "Reduced/Same",
        "Increased",
        "New",
    ];
    for (c, h) in risks.iter().enumerate() {
        ws.write_string(8, c as u16, *h)?;
    }
    let n: u32 = t.bands.iter().sum();
    for (k, b) in t.bands.iter().enumerate() {
        ws.write_string(9, 1 + k as u16, pc(*b, n))?;
    }
    ws.write_string(9, 5, pc(t.reduced_same, n))?;
    ws.write_string(9, 6, pc(t.increased, n))?;
    ws.write_string(9, 7, pc(t.new, n))?;
    Ok(())
}

fn quarter_names(i: u64) -> (String, String, String, String) {
    let year = 2014 + (i / 4) % 10;
    let q = i % 4 + 1;
    let fy = |y: u64| format!("{y}/{:02}", (y + 1) % 100);
    let (pq, py) = if q == 1 { (4, year - 1) } else { (q - 1, year) };
    (
        format!("Q{q} {}", fy(year)),
        format!("Q{pq} {}", fy(py)),
        format!("Q{q} {}", fy(year - 1)),
        format!("q{q}_{year}-{:02}", (year + 1) % 100),
    )
}

fn write_return(dir: &Path, i: u64, seed: u64, rows: Option<u32>) -> Result<PathBuf, XlsxError> {
    let mut rng = Rng(seed ^ (i.wrapping_add(1)).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let (service, code) = *rng.pick(SERVICES);
    let (q, prev, ly, stem) = quarter_names(i);
    let f = Formats {
        pct0: Format::new().set_num_format("0%"),
        pct1: Format::new().set_num_format("0.0%"),
        wrap: Format::new().set_text_wrap(),
        bold: Format::new().set_bold(),
    };
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(2017, 6, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&when)
            .set_title(format!("{service} – {q}")),
    );
    let mut tally = Tally::default();
    let dash = wb.add_worksheet();
    dash.set_name("Dashboard")?;
    let n = rows.unwrap_or_else(|| rng.range(20, 60) as u32);
    let ind = wb.add_worksheet();
    ind.set_name("Indicators")?;
    indicators(ind, &mut rng, code, &q, &prev, &ly, n, &mut tally, &f)?;
    risks(&mut wb, &mut rng, code, &mut tally, &f)?;
    let rev = wb.add_worksheet();
    rev.set_name("Finance")?;
    let variation = revenue(rev, &mut rng, &f)?;
    let dash = wb.worksheet_from_name("Dashboard")?;
    dashboard(dash, &tally, variation, &f)?;
    let name = match rows {
        Some(_) => "big.xlsx".to_string(),
        None => format!(
            "{:05}_{}_{stem}.xlsx",
            i,
            service.to_lowercase().replace(' ', "_")
        ),
    };
    let path = dir.join(name);
    wb.save(&path)?;
    Ok(path)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_corpus N DIR [--seed S] [--big ROWS]";
    let (Some(n), Some(dir)) = (
        args.first().and_then(|s| s.parse::<u64>().ok()),
        args.get(1),
    ) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let flag = |name: &str| -> Option<u64> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|s| s.parse().ok())
    };
    let seed = flag("--seed").unwrap_or(2017);
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(1);
    }
    for i in 0..n {
        if let Err(e) = write_return(&dir, i, seed, None) {
            eprintln!("return {i}: {e}");
            std::process::exit(1);
        }
    }
    if let Some(rows) = flag("--big") {
        if let Err(e) = write_return(&dir, n, seed, Some(rows as u32)) {
            eprintln!("big: {e}");
            std::process::exit(1);
        }
    }
    println!("wrote {n} returns to {}", dir.display());
}
