//! Reading a file in a separate process, so that one file can never take the
//! batch down.
//!
//! Where the pre-flight cannot bound what calamine will allocate (xls, xlsb,
//! ods), the file is read by the kpicheck binary itself, re-run as
//! `kpicheck __read-worker`, under a memory cap (`RLIMIT_AS`, unix) and a
//! timeout. The worker prints the workbook as JSON on stdout; a worker that
//! runs out of memory, overruns its time or dies becomes a [`ReadError`] for
//! that file alone. The library and the tests read in-process unless the
//! binary has set the worker up with [`main_hook`].

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::read::{ReadError, ReadLimits, ReadOptions, MB};
use super::Workbook;

/// The hidden subcommand that runs a worker.
pub const WORKER_COMMAND: &str = "__read-worker";

static EXECUTABLE: OnceLock<PathBuf> = OnceLock::new();

/// The executable that runs workers, once [`main_hook`] has set it.
pub fn executable() -> Option<&'static Path> {
    EXECUTABLE.get().map(PathBuf::as_path)
}

/// Sets the worker up; for the binary's `main`, before parsing arguments.
/// In a worker process it runs the worker and returns its exit code; in the
/// main process it records the executable so that reads can use workers.
pub fn main_hook() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() == Some(OsStr::new(WORKER_COMMAND)) {
        return Some(run_worker(args.collect()));
    }
    super::guard::install_quiet_hook();
    if std::env::var_os("KPICHECK_NO_WORKER").is_none() {
        if let Ok(exe) = std::env::current_exe() {
            let _ = EXECUTABLE.set(exe);
        }
    }
    None
}

/// What a worker is asked to do.
#[derive(serde::Serialize, serde::Deserialize)]
struct Job {
    limits: ReadLimits,
    opts: ReadOptions,
}

type Answer = Result<Workbook, ReadError>;

/// The worker: reads one file in-process and prints the answer as JSON.
fn run_worker(args: Vec<OsString>) -> i32 {
    let (Some(job), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: kpicheck {WORKER_COMMAND} JOB PATH");
        return 2;
    };
    let Ok(job) = serde_json::from_str::<Job>(&job.to_string_lossy()) else {
        eprintln!("kpicheck {WORKER_COMMAND}: bad job");
        return 2;
    };
    super::guard::install_quiet_hook();
    let path = PathBuf::from(path);
    let answer: Answer =
        super::guard::catch(|| super::read::read_workbook_with(&path, &job.limits, job.opts))
            .unwrap_or_else(|what| Err(ReadError::Internal(what)));
    let Ok(json) = serde_json::to_vec(&answer) else {
        return 3;
    };
    let mut out = std::io::stdout().lock();
    if out.write_all(&json).and_then(|_| out.flush()).is_err() {
        return 3;
    }
    0
}

/// Reads `path` in a worker process under the memory and time limits.
pub fn read_in_worker(
    exe: &Path,
    path: &Path,
    limits: &ReadLimits,
    opts: ReadOptions,
) -> Result<Workbook, ReadError> {
    let job = serde_json::to_string(&Job {
        limits: *limits,
        opts,
    })
    .map_err(|e| ReadError::Internal(e.to_string()))?;
    let mut cmd = Command::new(exe);
    cmd.arg(WORKER_COMMAND)
        .arg(job)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cap_memory(&mut cmd, limits.max_memory_bytes);
    let mut child = cmd
        .spawn()
        .map_err(|e| ReadError::Internal(format!("cannot start the reader process: {e}")))?;
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut v);
        }
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(s) = stderr.as_mut() {
            // Only the start of stderr matters; the rest is drained unread.
            let _ = s.take(64 * 1024).read_to_end(&mut v);
            let _ = std::io::copy(s, &mut std::io::sink());
        }
        v
    });
    let start = Instant::now();
    let limit = Duration::from_secs(limits.max_seconds);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                // The pipe readers end when the pipes close; they are not
                // waited for, in case something still holds a pipe open.
                drop((out, err));
                return Err(ReadError::TimedOut(limits.max_seconds));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(ReadError::Internal(format!("reader process: {e}"))),
        }
    };
    let out = out.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
    if status.success() {
        return match serde_json::from_slice::<Answer>(&out) {
            Ok(Err(ReadError::OutOfMemory(_))) => {
                Err(ReadError::OutOfMemory(limits.max_memory_bytes / MB))
            }
            Ok(answer) => answer,
            Err(e) => Err(ReadError::Internal(format!(
                "the reader process gave an unreadable answer: {e}"
            ))),
        };
    }
    // Rust aborts when an allocation fails; under the cap that means memory.
    // A cap too low for the program itself to load shows as a failed map.
    if [
        "memory allocation",
        "capacity overflow",
        "failed to map segment",
    ]
    .iter()
    .any(|w| err.contains(w))
    {
        return Err(ReadError::OutOfMemory(limits.max_memory_bytes / MB));
    }
    Err(ReadError::Internal(format!(
        "the reader process stopped ({status}){}",
        err.lines()
            .next()
            .map(|l| format!(": {l}"))
            .unwrap_or_default()
    )))
}

#[cfg(unix)]
fn cap_memory(cmd: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    let lim = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit is async-signal-safe, as code between fork and exec
    // must be; `lim` is a plain value copied into the closure.
    unsafe {
        cmd.pre_exec(move || {
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn cap_memory(_cmd: &mut Command, _bytes: u64) {}
