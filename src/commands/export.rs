//! `kpicheck export`.

use super::{EXIT_OK, EXIT_TROUBLE};
use crate::cli::ExportArgs;
use crate::store;

pub fn run(a: ExportArgs) -> i32 {
    if !a.db.db.is_file() {
        eprintln!(
            "kpicheck: no database at {}: import returns first",
            a.db.db.display()
        );
        return EXIT_TROUBLE;
    }
    if crate::output::same_file(&a.db.db, &a.out) {
        eprintln!(
            "kpicheck: refusing to write {}: it is the database",
            a.out.display()
        );
        return EXIT_TROUBLE;
    }
    let Some(db) = super::open_db(&a.db) else {
        return EXIT_TROUBLE;
    };
    let csv = match store::export::indicators_csv(&db.conn) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kpicheck: {}", db.err(e));
            return EXIT_TROUBLE;
        }
    };
    if let Err(e) = crate::output::write_atomic(&a.out, csv.text.as_bytes()) {
        eprintln!("kpicheck: {e}");
        return EXIT_TROUBLE;
    }
    eprintln!("wrote {} rows to {}", csv.rows, a.out.display());
    EXIT_OK
}
