//! The system under test: a seeded database and a `halles serve` process on a free port.

use std::path::PathBuf;
use std::process::Command;

use anyhow::Context;
pub use tests::process::ServerProcess;
use tests::process::{Serve, free_port, halles_binary};

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

/// Starts `halles serve` on `database` without background jobs or rate limits, and
/// waits until `/healthz` answers. `reuse_answers: false` turns off the reuse of recent
/// catalog answers, to measure the searches themselves.
pub async fn start(database: &str, reuse_answers: bool) -> anyhow::Result<ServerProcess> {
    let mut serve = Serve::new(database, free_port()?)
        .arg("--jobs-interval-secs")
        .arg("0")
        // The bench's clients are a crowd on one address: measure the server, not its
        // rate limits.
        .arg("--api-rate-per-minute")
        .arg("0");
    if !reuse_answers {
        serve = serve.env("HALLES_SEARCH_CACHE_SECS", "0");
    }
    ServerProcess::start(&serve).await
}
