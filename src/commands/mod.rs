//! One module per subcommand. Each returns the process exit code.

pub mod audit;
pub mod check;
pub mod explain;
pub mod export;
pub mod fix;
pub mod import;
pub mod schema;

use crate::cli::{Cli, Command};

/// Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage
/// error or nothing could be read.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_TROUBLE: i32 = 2;

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(a) => check::run(a),
        Command::Fix(a) => fix::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Schema(s) => schema::run(s),
        Command::Import(a) => import::run(a),
        Command::Audit(a) => audit::run(a),
        Command::Export(a) => export::run(a),
    }
}

/// Opens the database named by `--db`, or says why not on stderr.
pub fn open_db(db: &crate::cli::DbArgs) -> Option<crate::store::Store> {
    let busy = std::time::Duration::from_secs(db.busy_timeout);
    crate::store::open(&db.db, busy)
        .map_err(|e| eprintln!("kpicheck: {e}"))
        .ok()
}
