//! The real `halles` binary as a child process, for the harnesses that need a server they
//! can measure or kill (`bench`, `chaos`): the in-process [`crate::spawn_app`] cannot be
//! SIGKILLed without killing the test with it.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

/// `halles` beside the running harness binary (wherever `CARGO_TARGET_DIR` put both), else
/// in the workspace's `target/` for the harness's own profile.
pub fn halles_binary() -> PathBuf {
    if let Some(beside) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("halles")))
        && beside.exists()
    {
        return beside;
    }
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    workspace_dir().join("target").join(profile).join("halles")
}

/// The workspace's root folder.
pub fn workspace_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A `halles` command on `database_url`, for one-off admin commands (`seed`, `check`, …).
pub fn halles(database_url: &str) -> Command {
    let mut command = Command::new(halles_binary());
    command.env("DATABASE_URL", database_url);
    command
}

/// A port nobody listens on right now.
pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// How to start `halles serve`: the database, the port, and any flags and environment
/// beyond them.
#[derive(Debug, Clone)]
pub struct Serve {
    pub database_url: String,
    pub port: u16,
    pub args: Vec<OsString>,
    pub env: Vec<(OsString, OsString)>,
    /// Where the server's stderr (its log) goes, appended; none: inherited.
    pub log_file: Option<PathBuf>,
    /// How long to wait for `/healthz`.
    pub ready_within: Duration,
}

impl Serve {
    pub fn new(database_url: &str, port: u16) -> Self {
        Self {
            database_url: database_url.to_owned(),
            port,
            args: Vec::new(),
            env: Vec::new(),
            log_file: None,
            ready_within: Duration::from_secs(60),
        }
    }

    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    pub fn env(mut self, name: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.env.push((name.into(), value.into()));
        self
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// A running `halles serve`, killed on drop.
pub struct ServerProcess {
    child: Child,
    pub base_url: String,
    /// From spawning the process to its first healthy answer.
    pub ready_ms: u64,
}

impl ServerProcess {
    /// Starts the server and waits until `/healthz` answers 200.
    pub async fn start(serve: &Serve) -> anyhow::Result<Self> {
        let started = Instant::now();
        let mut command = Command::new(halles_binary());
        command
            .arg("serve")
            .arg("--addr")
            .arg(format!("127.0.0.1:{}", serve.port))
            .args(&serve.args)
            .env("DATABASE_URL", &serve.database_url)
            .env("RUST_LOG", "warn")
            .env(
                "HALLES_SITE_ROOT",
                workspace_dir().join("target").join("site"),
            )
            .envs(serve.env.iter().map(|(name, value)| (name, value)))
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        if let Some(path) = &serve.log_file {
            let log = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("opening {}", path.display()))?;
            command.stderr(log);
        }
        let child = command.spawn().with_context(|| {
            format!(
                "starting {} serve (cargo build -p server --bin halles first)",
                halles_binary().display()
            )
        })?;
        let mut server = Self {
            child,
            base_url: serve.base_url(),
            ready_ms: 0,
        };
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .unwrap_or_default();
        while started.elapsed() < serve.ready_within {
            if client
                .get(format!("{}/healthz", server.base_url))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                server.ready_ms = started.elapsed().as_millis() as u64;
                return Ok(server);
            }
            if let Some(status) = server.child.try_wait()? {
                anyhow::bail!("halles serve exited before it was ready: {status}");
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        anyhow::bail!(
            "the server did not become ready within {:?}",
            serve.ready_within
        )
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL, no goodbye: requests in flight are cut, transactions left uncommitted.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Whether it is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Resident memory of the server process, in MB.
    pub fn rss_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    }

    pub fn stop(self) {
        self.kill();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
