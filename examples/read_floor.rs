//! The floor for benchmarks: calamine opening every workbook and reading
//! every cell of every sheet, nothing more.
//!
//! ```text
//! cargo run --release --example read_floor -- [-j N] [--kpicheck] PATHS...
//! ```
//!
//! With `--kpicheck`, the files are read by kpicheck's own reader instead
//! (within its limits, into its cell model, nothing checked): the reading
//! share of `kpicheck check`.

use calamine::{open_workbook_auto, Data, Reader};
use rayon::prelude::*;

fn files(arg: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if arg.is_dir() {
        let Ok(rd) = std::fs::read_dir(arg) else {
            return;
        };
        let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for e in entries {
            files(&e, out);
        }
    } else {
        out.push(arg.to_path_buf());
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut jobs = 0;
    if let Some(i) = args.iter().position(|a| a == "-j") {
        jobs = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(0);
        args.drain(i..(i + 2).min(args.len()));
    }
    let ours = args.iter().any(|a| a == "--kpicheck");
    args.retain(|a| a != "--kpicheck");
    let mut paths = Vec::new();
    for a in &args {
        files(std::path::Path::new(a), &mut paths);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .expect("thread pool");
    let (cells, failed) = pool.install(|| {
        paths
            .par_iter()
            .map(|p| {
                if ours {
                    let limits = kpicheck::workbook::ReadLimits::default();
                    return match kpicheck::workbook::read_workbook(p, &limits) {
                        Ok(wb) => (
                            wb.sheets
                                .iter()
                                .flat_map(|s| &s.rows)
                                .flatten()
                                .filter(|c| !c.is_empty())
                                .count(),
                            0,
                        ),
                        Err(_) => (0, 1),
                    };
                }
                let Ok(mut wb) = open_workbook_auto(p) else {
                    return (0usize, 1usize);
                };
                let mut n = 0;
                for name in wb.sheet_names() {
                    if let Ok(range) = wb.worksheet_range(&name) {
                        n += range
                            .used_cells()
                            .filter(|(_, _, c)| **c != Data::Empty)
                            .count();
                    }
                }
                (n, 0)
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    println!("{} files, {cells} cells, {failed} unreadable", paths.len());
}
