//! A small tmux driver: one program in a detached session of a given size, keys typed into
//! it, and its screen read back as text.
//!
//! Every [`Session`] runs on its own tmux server (its own `-L` socket, a unique name), with
//! no configuration file and a cleared environment, so tests can run side by side and
//! neither read nor disturb the developer's own tmux, shell or settings. The server goes
//! when the session is dropped, whether the test passed or not.
//!
//! Waits poll the screen every 100 ms for up to [`WAIT`]; a wait that runs out fails the
//! test with the last screen, so a failure on CI says what the program was showing.

use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio::process::Command;

/// How long a wait for the screen lasts: generous, because on a loaded 2-core CI machine a
/// request and the frame after it can take seconds.
pub const WAIT: Duration = Duration::from_secs(30);

/// How often the screen is read while waiting.
const POLL: Duration = Duration::from_millis(100);

/// The oldest tmux this driver knows to work: 3.0 runs a command given as several
/// arguments without a shell, and takes `new-session -e`.
const MIN_MAJOR_VERSION: u32 = 3;

/// Runs the program (`"$@"`), prints its exit status after the marker given as `$0`, then
/// sleeps until the session is killed, so that the screen stays as the program left it.
///
/// The marker is the last thing the pane shows: once it is on screen, tmux has read all
/// the program wrote. tmux itself keeps a dead pane's status (`remain-on-exit`,
/// `#{pane_dead_status}`), but tmux 3.3a now and then never reaps the pane's process, so
/// the status never comes (seen here about once in fifteen runs of `sh -c 'exit 0'`), and
/// a dead pane may already have left the alternate screen the program forgot to leave.
const REPORT_EXIT_STATUS: &str = r#""$@"; printf '\n%s %s]\n' "$0" "$?"; exec sleep 86400"#;

/// What [`REPORT_EXIT_STATUS`] prints before the status.
const EXIT_MARKER: &str = "[the program ended with status";

/// A terminal size in character cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub columns: u16,
    pub rows: u16,
}

/// A program to run in a session: its path, arguments, working directory and the whole
/// of its environment (nothing is inherited from the test process).
#[derive(Debug, Clone)]
pub struct Program {
    path: PathBuf,
    args: Vec<String>,
    env: Vec<(String, OsString)>,
    dir: PathBuf,
}

impl Program {
    /// `path`, run in `dir` with no arguments and an empty environment.
    pub fn new(path: impl Into<PathBuf>, dir: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            args: Vec::new(),
            env: Vec::new(),
            dir: dir.into(),
        }
    }

    /// Adds an argument.
    pub fn arg(mut self, arg: impl Into<String>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, name: &str, value: impl Into<OsString>) -> Self {
        self.env.push((name.to_owned(), value.into()));
        self
    }
}

/// How a program in a session ended.
#[derive(Debug, Clone)]
pub struct Exit {
    /// Its exit status as the shell gives it: 128 + n when signal n ended it.
    pub status: i32,
    /// The screen once the program had gone.
    pub screen: String,
    /// Everything the pane showed, scrollback included, once the program had gone.
    pub transcript: String,
}

/// A detached tmux session running one program; killed (with its server) on drop.
#[derive(Debug)]
pub struct Session {
    /// The tmux server's socket name, also the session's name.
    name: String,
    /// The server's socket file, which tmux 3.3a leaves behind when the server is killed.
    socket: Option<PathBuf>,
}

impl Session {
    /// Starts `program` in a new session of `size`. Fails the test when tmux is missing or
    /// too old: the console's end-to-end test must not pass by not running.
    pub async fn start(program: &Program, size: Size) -> Self {
        require_tmux().await;
        let mut session = Self {
            name: format!("halles-console-{}", uuid::Uuid::now_v7().simple()),
            socket: None,
        };
        let (columns, rows) = (size.columns.to_string(), size.rows.to_string());
        let mut args: Vec<OsString> = [
            // The whole window is the program's: no tmux status line.
            "set-option",
            "-g",
            "status",
            "off",
            ";",
            // Should the shell around the program die, what was printed can still be read.
            "set-option",
            "-g",
            "remain-on-exit",
            "on",
            ";",
            "new-session",
            "-d",
            "-s",
            &session.name,
            "-x",
            &columns,
            "-y",
            &rows,
        ]
        .into_iter()
        .map(OsString::from)
        .collect();
        // Where and how the program runs.
        let mut launch: Vec<OsString> = vec!["-c".into(), program.dir.clone().into_os_string()];
        for (name, value) in &program.env {
            let mut assignment = OsString::from(format!("{name}="));
            assignment.push(value);
            launch.extend([OsString::from("-e"), assignment]);
        }
        launch.extend(["--", "/bin/sh", "-c", REPORT_EXIT_STATUS, EXIT_MARKER].map(OsString::from));
        launch.push(program.path.clone().into_os_string());
        launch.extend(program.args.iter().map(OsString::from));
        launch
            .iter()
            .for_each(|arg| unsplit(&arg.to_string_lossy()));
        args.extend(launch);
        session.tmux(&args).await;
        let socket = session
            .tmux(&["display-message", "-p", "#{socket_path}"])
            .await;
        session.socket = Some(PathBuf::from(socket.trim_end_matches('\n')));
        session
    }

    /// Types `text` as it is (no key names).
    pub async fn type_text(&self, text: &str) {
        unsplit(text);
        self.tmux(&["send-keys", "-t", &self.name, "-l", "--", text])
            .await;
    }

    /// Presses keys by their tmux names: `Enter`, `Tab`, `C-u`, `q`…
    pub async fn press(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.name];
        args.extend(keys);
        self.tmux(&args).await;
    }

    /// Resizes the window (and so the program's terminal) to `size`.
    pub async fn resize(&self, size: Size) {
        let (columns, rows) = (size.columns.to_string(), size.rows.to_string());
        self.tmux(&[
            "resize-window",
            "-t",
            &self.name,
            "-x",
            &columns,
            "-y",
            &rows,
        ])
        .await;
    }

    /// The screen as text, one line per row, trailing spaces trimmed.
    pub async fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", &self.name]).await
    }

    /// Waits until the screen shows `text`; returns that screen.
    pub async fn wait_for_text(&self, text: &str) -> String {
        self.wait_until(&format!("the screen to show {text:?}"), |screen| {
            screen.contains(text)
        })
        .await
    }

    /// Waits until `ready` holds for the screen; returns that screen. Fails the test with
    /// the last screen when [`WAIT`] runs out, or at once when the program has ended.
    pub async fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen().await;
            if ready(&screen) {
                return screen;
            }
            if exit_status(&screen).is_some() {
                let exit = self.wait_for_exit().await;
                panic!(
                    "while waiting for {what}, the program ended with status {}:\n{}",
                    exit.status,
                    framed(&exit.transcript)
                );
            }
            if Instant::now() >= deadline {
                panic!(
                    "waited {WAIT:?} for {what}; the screen was:\n{}",
                    framed(&screen)
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the program has ended (and tmux has read all it printed); answers its
    /// exit status, with the pane's whole transcript.
    pub async fn wait_for_exit(&self) -> Exit {
        let deadline = Instant::now() + WAIT;
        loop {
            let transcript = self
                .tmux(&["capture-pane", "-p", "-S", "-", "-E", "-", "-t", &self.name])
                .await;
            if let Some(status) = exit_status(&transcript) {
                let screen = self.screen().await;
                return Exit {
                    status,
                    screen,
                    transcript,
                };
            }
            if Instant::now() >= deadline {
                panic!(
                    "waited {WAIT:?} for the program to end; the screen was:\n{}",
                    framed(&self.screen().await)
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Runs one tmux command (or several, split by `;`) on this session's server; answers
    /// its standard output and fails the test, naming the command, when tmux fails.
    async fn tmux<S: AsRef<OsStr>>(&self, args: &[S]) -> String {
        let output = Command::from(tmux_command(&self.name))
            .args(args)
            .kill_on_drop(true)
            .output()
            .await
            .expect("running tmux");
        if !output.status.success() {
            let shown: Vec<_> = args
                .iter()
                .map(|arg| arg.as_ref().to_string_lossy())
                .collect();
            panic!(
                "tmux {} failed ({}): {}",
                shown.join(" "),
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Blocking, but brief; errors are moot (the server may already be gone).
        let _ = tmux_command(&self.name).arg("kill-server").output();
        if let Some(socket) = &self.socket {
            let _ = std::fs::remove_file(socket);
        }
    }
}

/// The exit status [`REPORT_EXIT_STATUS`] printed in `text`, if it did.
fn exit_status(text: &str) -> Option<i32> {
    text.lines().rev().find_map(|line| {
        let status = line.trim().strip_prefix(EXIT_MARKER)?.strip_suffix(']')?;
        status.trim().parse().ok()
    })
}

/// `tmux -L <socket> -f /dev/null -u` with a cleared environment: the server it may start
/// (and so the program) sees only what [`Program::env`] gives, in UTF-8, and no
/// `~/.tmux.conf` changes sizes or keys.
fn tmux_command(socket: &str) -> std::process::Command {
    let mut command = std::process::Command::new("tmux");
    command
        .args(["-L", socket, "-f", "/dev/null", "-u"])
        .env_clear()
        .env("LANG", "C.UTF-8");
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command
}

/// Fails the test for an argument tmux would cut a command at (one ending in `;`).
fn unsplit(arg: &str) {
    assert!(
        !arg.ends_with(';'),
        "tmux would read the `;` ending {arg:?} as the end of a command"
    );
}

/// Fails the test when tmux is missing or older than [`MIN_MAJOR_VERSION`].
async fn require_tmux() {
    let install = "install it (apt-get install tmux; CI does so in .ci/run)";
    let version = match Command::new("tmux").arg("-V").output().await {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).trim().to_owned()
        }
        Ok(output) => panic!(
            "`tmux -V` failed ({}): the console's end-to-end test drives the console in \
             tmux; {install}",
            output.status
        ),
        Err(error) => panic!(
            "tmux is not installed ({error}): the console's end-to-end test drives the \
             console in tmux; {install}"
        ),
    };
    // "tmux 3.3a", "tmux next-3.5", "tmux master": only a number too small is refused.
    let major = version
        .rsplit([' ', '-'])
        .next()
        .and_then(|number| number.split('.').next())
        .and_then(|major| major.parse::<u32>().ok());
    if let Some(major) = major {
        assert!(
            major >= MIN_MAJOR_VERSION,
            "{version} is too old for the console's end-to-end test: it needs tmux \
             {MIN_MAJOR_VERSION}.0 or later"
        );
    }
}

/// `screen` between two rules, with row numbers, for failure messages.
pub fn framed(screen: &str) -> String {
    let mut shown = String::from("----- screen -----\n");
    for (row, line) in screen.lines().enumerate() {
        let _ = writeln!(shown, "{:>3} {line}", row + 1);
    }
    shown.push_str("------------------");
    shown
}
