use clap::Parser;

fn main() {
    // A file that could exhaust memory is read by this binary re-run as a
    // worker process: that run ends here.
    if let Some(code) = kpicheck::workbook::worker::main_hook() {
        std::process::exit(code);
    }
    return_freed_memory();
    let cli = kpicheck::cli::Cli::parse();
    std::process::exit(kpicheck::commands::run(cli));
}

/// glibc raises its mmap threshold each time a large block is freed, after
/// which every file's buffers come from the heap and are kept: over a batch
/// `fix` grew by ~24 KB a file (487 MB at 16,000 files). A fixed trim
/// threshold turns that off, so memory stays flat in the number of files.
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
    }
}
