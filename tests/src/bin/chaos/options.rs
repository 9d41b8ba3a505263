//! The command line.

use std::time::Duration;

use anyhow::Context;

pub const USAGE: &str = "\
usage: chaos [--quick] [--database-url URL] [--servers N] [--kills N] [--shoppers N] [--seed N]

  --quick             24 kills, about a minute and a half (CI runs this, on SQLite and PostgreSQL)
                      without it: 1,000 kills (about 45 minutes with release binaries)
  --database-url URL  a PostgreSQL server (e.g. postgres://halles:halles@127.0.0.1:5432/postgres):
                      the run creates a database of its own there, and restarts the local
                      cluster mid-load with pg_ctlcluster (env HALLES_CHAOS_DATABASE_URL)
  --servers N         run N `halles serve` processes on the one PostgreSQL database (default 1),
                      jobs on in each, clients spread over them like a round-robin balancer;
                      each kill takes one of them at random (the scale-out proof: --servers 3)
  --kills N           how many times to SIGKILL a server
  --shoppers N        concurrent shoppers (default 8); one seller per shop (3) besides
  --seed N            the run's random choices (default: the clock)

Prints a summary and writes target/chaos/latest.json; exits 0 only when no invariant was
violated. Build the server first: cargo build -p server --bin halles (--release for the
full run, with cargo run --release).";

pub struct Options {
    pub quick: bool,
    pub postgres_url: Option<String>,
    pub kills: u64,
    /// How many `halles serve` processes share the database.
    pub servers: usize,
    pub shoppers: usize,
    pub seed: u64,
    /// How long the server lives between kills: a random time in this range.
    pub uptime: (Duration, Duration),
    /// Before which kills PostgreSQL is restarted.
    pub postgres_restarts_at: Vec<u64>,
}

pub fn parse() -> anyhow::Result<Options> {
    let mut quick = false;
    let mut postgres_url = std::env::var("HALLES_CHAOS_DATABASE_URL")
        .ok()
        .filter(|url| !url.trim().is_empty());
    let mut kills = None;
    let mut shoppers = 8;
    let mut servers = 1;
    let mut seed = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--quick" => quick = true,
            "--database-url" => postgres_url = Some(value("--database-url")?),
            "--kills" => kills = Some(value("--kills")?.parse().context("--kills N")?),
            "--servers" => servers = value("--servers")?.parse().context("--servers N")?,
            "--shoppers" => shoppers = value("--shoppers")?.parse().context("--shoppers N")?,
            "--seed" => seed = Some(value("--seed")?.parse().context("--seed N")?),
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => anyhow::bail!("unknown argument {other}\n\n{USAGE}"),
        }
    }
    if let Some(url) = &postgres_url {
        anyhow::ensure!(
            url.starts_with("postgres://") || url.starts_with("postgresql://"),
            "--database-url takes a PostgreSQL URL (SQLite is the default, without it)"
        );
    }
    anyhow::ensure!(
        (1..=16).contains(&servers),
        "--servers takes 1 to 16 processes"
    );
    anyhow::ensure!(
        servers == 1 || postgres_url.is_some(),
        "--servers {servers} needs --database-url: several processes share a PostgreSQL \
         database (SQLite is one process's embedded database)"
    );
    let kills = kills.unwrap_or(if quick { 24 } else { 1_000 });
    let seed = seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |since| since.as_secs())
    });
    // PostgreSQL restarts a third and two thirds of the way (once in a quick run).
    let postgres_restarts_at = if quick {
        vec![kills / 2]
    } else {
        vec![kills / 3, 2 * kills / 3]
    };
    Ok(Options {
        quick,
        postgres_url,
        kills,
        servers,
        shoppers,
        seed,
        uptime: (Duration::from_millis(400), Duration::from_millis(2_400)),
        postgres_restarts_at,
    })
}
