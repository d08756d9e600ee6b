//! Catching a panic while one file is processed, without printing it.
//!
//! A caught panic becomes that file's error in the report; printing it on
//! stderr as well would show an officer a stack trace for a file the report
//! already explains. The binary installs [`install_quiet_hook`]: panics
//! inside [`catch`] are silent, any other still prints as usual.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    static CATCHING: Cell<u32> = const { Cell::new(0) };
}

/// Runs `work`, returning the first line of a panic's message instead of
/// unwinding.
pub fn catch<R>(work: impl FnOnce() -> R) -> Result<R, String> {
    CATCHING.with(|c| c.set(c.get() + 1));
    let r = catch_unwind(AssertUnwindSafe(work));
    CATCHING.with(|c| c.set(c.get().saturating_sub(1)));
    r.map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into())
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    })
}

/// Keeps panics inside [`catch`] off stderr; for the binary's `main`.
pub fn install_quiet_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if CATCHING.with(|c| c.get()) == 0 {
            default(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(catch(|| 1), Ok(1));
        assert_eq!(catch(|| -> u8 { panic!("boom") }), Err("boom".to_string()));
        let n = 3;
        assert_eq!(
            catch(|| -> u8 { panic!("n = {n}") }),
            Err("n = 3".to_string())
        );
        assert_eq!(CATCHING.with(|c| c.get()), 0);
    }
}
