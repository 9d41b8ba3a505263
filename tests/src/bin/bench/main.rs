//! `cargo run --release -p tests --bin bench -- [--quick] [--products N]`
//!
//! Measures Halles as shoppers load it: seeds a catalog with `halles seed --products N`
//! (500 and 50,000 by default), starts the real `halles serve` binary, drives scenarios
//! with many concurrent HTTP clients, and reports requests/s, latency percentiles,
//! errors, RSS and time to ready. Prints a table and writes `target/bench/latest.json`.
//! PostgreSQL: set `HALLES_BENCH_DATABASE_URL` to an empty database's URL.

mod load;
mod report;
mod server;

use std::time::Duration;

use anyhow::Context;

use crate::load::{Scenario, run_scenario};
use crate::report::{Report, SizeReport};
use crate::server::{ServerProcess, seed_catalog};

struct Options {
    quick: bool,
    sizes: Vec<u32>,
}

fn options() -> anyhow::Result<Options> {
    let mut quick = false;
    let mut sizes = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => quick = true,
            "--products" => {
                let n = args.next().context("--products needs a number")?;
                sizes.push(n.parse().context("--products needs a number")?);
            }
            other => anyhow::bail!("unknown argument {other}; use --quick and --products N"),
        }
    }
    if sizes.is_empty() {
        sizes = vec![500, 50_000];
    }
    Ok(Options { quick, sizes })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let options = options()?;
    let duration = if options.quick {
        Duration::from_secs(5)
    } else {
        Duration::from_secs(20)
    };
    let concurrency = 32;
    let mut report = Report::new();
    for &products in &options.sizes {
        eprintln!("== {products} products: seeding");
        let database = seed_catalog(products).await?;
        let server = ServerProcess::start(&database).await?;
        let idle_rss_mb = server.rss_mb();
        let urls = load::discover(&server.base_url).await?;
        let mut size = SizeReport {
            products,
            ready_ms: server.ready_ms,
            idle_rss_mb,
            peak_rss_mb: idle_rss_mb,
            scenarios: Vec::new(),
        };
        for scenario in [
            Scenario::CatalogApi,
            Scenario::ProductPage,
            Scenario::CategoryPage,
        ] {
            eprintln!(
                "   {} for {} s with {concurrency} clients",
                scenario.name(),
                duration.as_secs()
            );
            let result =
                run_scenario(scenario, &server.base_url, &urls, concurrency, duration).await;
            size.peak_rss_mb = size.peak_rss_mb.max(server.rss_mb());
            size.scenarios.push(result);
        }
        report.sizes.push(size);
        server.stop();
    }
    report.print();
    let path = report.write()?;
    eprintln!("results written to {}", path.display());
    Ok(())
}
