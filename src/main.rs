use clap::Parser;

fn main() {
    let cli = kpicheck::cli::Cli::parse();
    std::process::exit(kpicheck::commands::run(cli));
}
