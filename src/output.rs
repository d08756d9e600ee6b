//! Writing output files safely: to a temporary file beside the target, then
//! renamed into place, so an interrupted run never leaves a half-written
//! report or workbook.

use std::io::Write;
use std::path::Path;

/// Why an output could not be written, in words an officer can act on.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot write {path}: {cause}")]
    Write { path: String, cause: String },
    #[error("refusing to write {path}: it is one of the input files")]
    WouldOverwriteInput { path: String },
}

fn words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (is the folder read-only, or the file open in Excel?)".into()
        }
        std::io::ErrorKind::NotFound => "the folder does not exist".into(),
        _ if e.raw_os_error() == Some(28) => "the disk is full".into(),
        _ => e.to_string(),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// flushed to disk, then renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let err = |e: std::io::Error| OutputError::Write {
        path: path.display().to_string(),
        cause: words(&e),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".kpicheck-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Whether two paths name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leaving_temporaries() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub/report.csv");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn an_unwritable_target_is_a_clear_error() {
        let d = tempfile::tempdir().unwrap();
        let blocker = d.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let e = write_atomic(&blocker.join("report.csv"), b"x").unwrap_err();
        assert!(e.to_string().starts_with("cannot write"), "{e}");
    }
}
