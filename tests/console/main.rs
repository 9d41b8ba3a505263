//! The console end to end: the real `admin-tui` binary in tmux, against the real server
//! on a fresh database (SQLite, or PostgreSQL when `HALLES_TEST_POSTGRES_URL` is set).
//!
//! - `binary`: building and finding the `admin-tui` executable.
//! - `tmux`: the tmux driver (start, type, read the screen, wait, resize).
//! - `pickup`: a seller signs in and hands a click & collect order over with its code.
//! - `till`: a seller sells a shopper's handed-off cart at the till, in cash.
//!
//! tmux is required: without it these tests fail, they do not skip.

mod binary;
mod pickup;
mod till;
mod tmux;

use std::path::{Path, PathBuf};

use tests::TestApp;

use crate::tmux::{Program, Session, Size};

/// The size the console is first drawn at: the smallest terminal it supports.
pub const SMALL: Size = Size {
    columns: 80,
    rows: 24,
};

/// A larger terminal, to resize to.
pub const LARGE: Size = Size {
    columns: 120,
    rows: 40,
};

/// A console running in tmux, and the home directory it was given.
pub struct Console {
    pub session: Session,
    pub home: ConsoleHome,
}

/// A fresh home for one console: its `HOME` and XDG directories, so that it never reads or
/// writes the real user's token, config or logs. Left in place after the test for its logs
/// (`./dev test` empties the parent directory first).
pub struct ConsoleHome {
    root: PathBuf,
}

impl ConsoleHome {
    fn new() -> Self {
        let root = std::env::temp_dir()
            .join("halles-tests")
            .join(format!("console-{}", uuid::Uuid::now_v7().simple()));
        for dir in ["home", "config", "state"] {
            std::fs::create_dir_all(root.join(dir)).expect("creating the console's home");
        }
        Self { root }
    }

    /// `$HOME`.
    pub fn home(&self) -> PathBuf {
        self.root.join("home")
    }

    /// `$XDG_CONFIG_HOME`: the token store is `halles/console.json` in it.
    pub fn config(&self) -> PathBuf {
        self.root.join("config")
    }

    /// `$XDG_STATE_HOME`: the log is `halles/console.log` in it.
    pub fn state(&self) -> PathBuf {
        self.root.join("state")
    }

    /// Where the console saves its token by default.
    pub fn token_file(&self) -> PathBuf {
        self.config().join("halles").join("console.json")
    }

    /// The console's log, or a note that there is none.
    pub fn log(&self) -> String {
        let path = self.state().join("halles").join("console.log");
        std::fs::read_to_string(&path)
            .unwrap_or_else(|error| format!("(no log at {}: {error})", path.display()))
    }

    fn root(&self) -> &Path {
        &self.root
    }
}

/// Starts the real console in tmux at `size`, talking to `app`, in a fresh home.
pub async fn launch_console(app: &TestApp, size: Size) -> Console {
    let executable = tokio::task::spawn_blocking(binary::admin_tui)
        .await
        .expect("building the console");
    let home = ConsoleHome::new();
    let program = Program::new(executable, home.root())
        .arg("--server")
        .arg(app.address.clone())
        // Polling every second, so that polls of the orders cross the steps' answers: a
        // poll asked before a step's answer must not put the order's old status back.
        .arg("--poll-secs")
        .arg("1")
        .env("HOME", home.home())
        .env("XDG_CONFIG_HOME", home.config())
        .env("XDG_STATE_HOME", home.state())
        .env("LANG", "C.UTF-8")
        .env("HALLES_CONSOLE_LOG", "admin_tui=debug");
    let session = Session::start(&program, size).await;
    Console { session, home }
}
