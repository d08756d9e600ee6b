//! `kpicheck audit`.

use super::check::{emit, exit_code};
use super::EXIT_TROUBLE;
use crate::cli::AuditArgs;

pub fn run(a: AuditArgs) -> i32 {
    if !a.db.db.is_file() {
        eprintln!(
            "kpicheck: no database at {}: import returns first (kpicheck import PATHS --db {})",
            a.db.db.display(),
            a.db.db.display()
        );
        return EXIT_TROUBLE;
    }
    let Some(db) = super::open_db(&a.db) else {
        return EXIT_TROUBLE;
    };
    let files = crate::audit::run(&db.conn).and_then(|f| crate::audit::reports(&db.conn, f));
    let files = match files {
        Ok(f) => f,
        Err(e) => {
            eprintln!("kpicheck: {}", db.err(e));
            return EXIT_TROUBLE;
        }
    };
    if files.is_empty() {
        eprintln!("kpicheck: the database {} holds no returns", db.path);
        return EXIT_TROUBLE;
    }
    emit(&files, a.format, false);
    for p in &a.report {
        if crate::output::same_file(&a.db.db, p) {
            eprintln!(
                "kpicheck: refusing to write the report {}: it is the database",
                p.display()
            );
            return EXIT_TROUBLE;
        }
        if let Err(e) = crate::report::write_report(p, &files, "kpicheck audit report") {
            eprintln!("kpicheck: {e}");
            return EXIT_TROUBLE;
        }
    }
    exit_code(&files, a.fail_on)
}
