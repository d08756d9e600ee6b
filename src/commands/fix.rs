//! `kpicheck fix`: corrected copies of the inputs under `--out`, and the
//! same report as `check` with `corrected` and `fixed` filled in.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use super::check::{prepare, run_files};
use super::EXIT_TROUBLE;
use crate::check::{expand_inputs, Input};
use crate::cli::FixArgs;
use crate::fix::{fix_file, output_base};

/// `p` as an absolute path with `.` and `..` resolved and symbolic links
/// followed as far as the path exists, so two spellings of one folder
/// compare equal even when the folder is yet to be made.
pub fn resolved(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut lexical = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(n) => rest.push(n.to_os_string()),
            None => break,
        }
        if !existing.pop() {
            break;
        }
    }
    let mut out = std::fs::canonicalize(&existing).unwrap_or(existing);
    for n in rest.into_iter().rev() {
        out.push(n);
    }
    out
}

/// Refuses an `--out` that would put corrected workbooks over or beside an
/// input, or inside a folder being checked.
pub fn check_out(out: &Path, args: &[PathBuf], inputs: &[Input]) -> Result<(), String> {
    let out_r = resolved(out);
    if out_r.is_file() {
        return Err(format!(
            "--out {} is a file: give a folder for the corrected workbooks",
            out.display()
        ));
    }
    for a in args.iter().filter(|a| a.is_dir()) {
        if out_r.starts_with(resolved(a)) {
            return Err(format!(
                "--out {} is inside the input folder {}: corrected workbooks must not sit among the returns \
(they would be checked again next time). Choose a folder outside it",
                out.display(),
                a.display()
            ));
        }
    }
    // Each corrected copy's resolved path, kept as a hash (a batch of tens
    // of thousands must not hold every path again); inputs whose hashes
    // are equal are compared in full.
    let mut seen: HashMap<u64, Vec<&Input>> = HashMap::new();
    let resolved_base = |i: &Input| resolved(&output_base(out, &i.path, &i.root));
    // The folders that hold inputs, resolved once: a batch of thousands
    // must not resolve every input again for each one.
    let input_dirs: std::collections::HashSet<PathBuf> = inputs
        .iter()
        .filter_map(|j| resolved(&j.path).parent().map(Path::to_path_buf))
        .collect();
    for i in inputs {
        let base = output_base(out, &i.path, &i.root);
        let base_r = resolved(&base);
        let dir_r = base_r.parent().map(Path::to_path_buf).unwrap_or_default();
        let beside = input_dirs.contains(&dir_r);
        if beside {
            return Err(format!(
                "--out {} would put the corrected copy of {} beside the input files: choose another folder",
                out.display(),
                i.display()
            ));
        }
        let same = seen.entry(hash_of(&base_r)).or_default();
        if let Some(prev) = same.iter().find(|p| resolved_base(p) == base_r) {
            return Err(format!(
                "{} and {} would both be corrected into {}.xlsx: pass the folder that holds them instead, so their paths keep them apart",
                prev.display(),
                i.display(),
                base.display()
            ));
        }
        same.push(i);
    }
    Ok(())
}

fn hash_of(p: &Path) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(p)
}

pub fn run(a: FixArgs) -> i32 {
    let (schemas, mut opts) = match prepare(&a.read) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("kpicheck: {e}");
            return EXIT_TROUBLE;
        }
    };
    opts.formulas = true;
    let (inputs, errors) = expand_inputs(&a.paths);
    match check_out(&a.out, &a.paths, &inputs) {
        Ok(()) => {}
        Err(e) => {
            eprintln!("kpicheck: {e}");
            return EXIT_TROUBLE;
        }
    };

    run_files(
        &inputs,
        errors,
        &a.output,
        "kpicheck corrections and exceptions",
        |i: &Input| {
            // Checked free of clashes above, and worked out again here
            // rather than held for every input.
            let base = output_base(&a.out, &i.path, &i.root);
            fix_file(&i.path, &i.display(), &base, &schemas, &opts)
        },
    )
}
