//! Logs go to a file, never to the terminal the console draws on.
//!
//! The file is `console.log` in the log directory; the filter comes from
//! `HALLES_CONSOLE_LOG` (e.g. `admin_tui=debug`), `admin_tui=info` by default. Tokens,
//! passwords and pickup codes are never logged: actions are logged by name, and the
//! `Debug` of the effects (logged as they start) leaves them out.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// The variable holding the log filter.
pub const FILTER_ENV: &str = "HALLES_CONSOLE_LOG";

/// Starts logging to `dir/console.log`; returns the file's path, or `None` when there is
/// nowhere to write (the console then runs without logs).
pub fn init(dir: &Path) -> Option<PathBuf> {
    crate::token_store::create_private_dir(dir).ok()?;
    let path = dir.join("console.log");
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&path).ok()?;
    let filter =
        EnvFilter::try_from_env(FILTER_ENV).unwrap_or_else(|_| EnvFilter::new("admin_tui=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init()
        .ok()?;
    Some(path)
}
