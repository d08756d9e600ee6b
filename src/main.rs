use clap::Parser;

fn main() {
    // A file that could exhaust memory is read by this binary re-run as a
    // worker process: that run ends here.
    if let Some(code) = kpicheck::workbook::worker::main_hook() {
        std::process::exit(code);
    }
    let cli = kpicheck::cli::Cli::parse();
    std::process::exit(kpicheck::commands::run(cli));
}
