//! The system under test: a seeded database and a `halles serve` process on a free port.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

/// `halles` beside this bench binary (wherever `CARGO_TARGET_DIR` put both), else in the
/// workspace's `target/`.
fn halles_binary() -> PathBuf {
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
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target")
        .join(profile)
        .join("halles")
}

/// Seeds `products` products into a fresh database and returns its URL.
pub async fn seed_catalog(products: u32) -> anyhow::Result<String> {
    let database = match std::env::var("HALLES_BENCH_DATABASE_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join(format!("../target/bench/db-{products}"));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir)?;
            format!("sqlite://{}/halles.db", dir.display())
        }
    };
    let status = Command::new(halles_binary())
        .args(["seed", "--products", &products.to_string()])
        .env("DATABASE_URL", &database)
        .status()
        .with_context(|| {
            format!(
                "running {} (cargo build --release -p server first)",
                halles_binary().display()
            )
        })?;
    anyhow::ensure!(status.success(), "seeding failed");
    Ok(database)
}

/// A running server, stopped on drop.
pub struct ServerProcess {
    child: Child,
    pub base_url: String,
    pub ready_ms: u64,
}

impl ServerProcess {
    /// Starts `halles serve` and waits until `/healthz` answers.
    pub async fn start(database: &str) -> anyhow::Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let started = Instant::now();
        let child = Command::new(halles_binary())
            .args([
                "serve",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--jobs-interval-secs",
                "0",
                // The bench's clients are a crowd on one address: measure the server,
                // not its rate limits.
                "--api-rate-per-minute",
                "0",
            ])
            .env("DATABASE_URL", database)
            .env("RUST_LOG", "warn")
            .env(
                "HALLES_SITE_ROOT",
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site"),
            )
            .stdout(Stdio::null())
            .spawn()
            .context("starting halles serve")?;
        let mut server = Self {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            ready_ms: 0,
        };
        let client = reqwest::Client::new();
        for _ in 0..600 {
            if client
                .get(format!("{}/healthz", server.base_url))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                server.ready_ms = started.elapsed().as_millis() as u64;
                return Ok(server);
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        anyhow::bail!("the server did not become ready")
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

    pub fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
