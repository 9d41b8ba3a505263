//! `cargo run --release -p tests --bin bench -- [--quick] [--products N] [--buying-only]`
//!
//! Measures Halles as shoppers load it: seeds a catalog with `halles seed --products N`
//! (500 and 50,000 by default), starts the real `halles serve` binary, drives scenarios
//! with many concurrent HTTP clients, and reports requests/s, latency percentiles,
//! errors, RSS and time to ready. Prints a table and writes `target/bench/latest.json`.
//! Buying scenarios (`add_to_cart`, `checkout_3_sellers`, `flash_sale`) run as shoppers
//! signed up before measuring, with their targets and a PASS/MISS mark beside the figures.
//! PostgreSQL: set `HALLES_BENCH_DATABASE_URL` to an empty database's URL.

mod buying;
mod docs;
mod flash;
mod load;
mod report;
mod server;
mod shoppers;
mod steal;
mod tally;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use crate::buying::Buyers;
use crate::load::{Scenario, run_scenario};
use crate::report::{Report, ScenarioResult, SizeReport};
use crate::server::{ServerProcess, seed_catalog};
use crate::shoppers::Market;

/// Shopper accounts signed up per catalog size (they fill the carts checkout pays for).
const SHOPPERS: usize = 64;

/// Shoppers adding to their carts at once. Sized like [`CHECKOUT_CLIENTS`]: by Little's
/// law 1,000 adds/s with p99 ≤ 40 ms leaves room for about 16 adds in flight (with 64 the
/// mean alone would be 64 ms at 1,000/s, and the target could not hold at any speed).
const ADD_TO_CART_SHOPPERS: usize = 16;

/// Buyers racing for the last unit in `flash_sale`.
const FLASH_BUYERS: usize = 256;

/// Concurrent checkout clients. By Little's law 250 orders/s with p99 ≤ 150 ms leaves
/// room for about 16 checkouts in flight (mean latency = in flight / throughput).
const CHECKOUT_CLIENTS: usize = 16;

const USAGE: &str = "\
usage: bench [--quick] [--products N]... [--buying-only | --catalog-only] [--update-docs]

  --quick         5-second scenarios instead of 20 (the whole run in under 3 minutes)
  --products N    catalog size to seed and measure; repeat for several (default: 500 and 50000)
  --buying-only   only add_to_cart, checkout and flash_sale
  --catalog-only  only the catalog scenarios (as shipped, then with every answer computed)
  --update-docs   write this run's table into docs/benchmarks.md (between its markers)

PostgreSQL: set HALLES_BENCH_DATABASE_URL to an empty database's URL.
Figures are printed and written to target/bench/latest.json.";

struct Options {
    quick: bool,
    /// Skips the catalog scenarios, e.g. to profile checkout.
    buying_only: bool,
    /// Skips the buying scenarios, e.g. to profile searches.
    catalog_only: bool,
    update_docs: bool,
    sizes: Vec<u32>,
}

fn options() -> anyhow::Result<Options> {
    let mut quick = false;
    let mut buying_only = false;
    let mut catalog_only = false;
    let mut update_docs = false;
    let mut sizes = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => quick = true,
            "--buying-only" => buying_only = true,
            "--catalog-only" => catalog_only = true,
            "--update-docs" => update_docs = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--products" => {
                let n = args.next().context("--products needs a number")?;
                sizes.push(n.parse().context("--products needs a number")?);
            }
            other => anyhow::bail!("unknown argument {other}\n\n{USAGE}"),
        }
    }
    if sizes.is_empty() {
        sizes = vec![500, 50_000];
    }
    Ok(Options {
        quick,
        buying_only,
        catalog_only,
        update_docs,
        sizes,
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let options = options()?;
    let duration = if options.quick {
        Duration::from_secs(5)
    } else {
        Duration::from_secs(20)
    };
    let mut report = Report::new();
    for &products in &options.sizes {
        eprintln!("== {products} products: seeding");
        let database = seed_catalog(products).await?;
        let market = Arc::new(Market::open(&database).await?);
        let server = server::start(&database, true).await?;
        let idle_rss_mb = server.rss_mb();
        let urls = load::discover(&server.base_url).await?;
        let mut size = SizeReport {
            products,
            ready_ms: server.ready_ms,
            idle_rss_mb,
            peak_rss_mb: idle_rss_mb,
            scenarios: Vec::new(),
        };
        if !options.buying_only {
            catalog_scenarios(&server, true, &urls, &mut size, duration).await;
        }
        if !options.catalog_only {
            for result in buying_scenarios(&server, market, duration).await? {
                size.peak_rss_mb = size.peak_rss_mb.max(server.rss_mb());
                size.scenarios.push(result);
            }
        }
        server.stop();
        if !options.buying_only {
            // The same reads with every answer computed: what a search costs when its
            // answer is not at hand (a new query, or just after a catalog change).
            let uncached = server::start(&database, false).await?;
            let urls = urls.on(&uncached.base_url);
            catalog_scenarios(&uncached, false, &urls, &mut size, duration).await;
            uncached.stop();
        }
        report.sizes.push(size);
    }
    report.print();
    let path = report.write()?;
    eprintln!("results written to {}", path.display());
    if options.update_docs {
        let mode = if options.quick { "--quick" } else { "(full)" };
        let docs = docs::update(&report, mode)?;
        eprintln!("figures written into {}", docs.display());
    }
    Ok(())
}

/// Runs the catalog scenarios one after another against `server`.
async fn catalog_scenarios(
    server: &ServerProcess,
    reused: bool,
    urls: &load::Urls,
    size: &mut SizeReport,
    duration: Duration,
) {
    const CLIENTS: usize = 32;
    for scenario in [
        Scenario::CatalogApi,
        Scenario::ProductPage,
        Scenario::CategoryPage,
    ] {
        eprintln!(
            "   {} for {} s with {CLIENTS} clients",
            scenario.name(reused),
            duration.as_secs()
        );
        let (mut result, stolen) =
            steal::measuring(run_scenario(scenario, reused, urls, CLIENTS, duration)).await;
        result.cpu_stolen_pct = stolen;
        size.peak_rss_mb = size.peak_rss_mb.max(server.rss_mb());
        size.scenarios.push(result);
    }
}

/// Signs shoppers up (not measured), then runs the buying scenarios one after another.
async fn buying_scenarios(
    server: &ServerProcess,
    market: Arc<Market>,
    duration: Duration,
) -> anyhow::Result<Vec<ScenarioResult>> {
    let started = std::time::Instant::now();
    let shoppers = shoppers::sign_up(&server.base_url, SHOPPERS).await?;
    eprintln!(
        "   {SHOPPERS} shoppers signed up in {} ms; add_to_cart for {} s with {ADD_TO_CART_SHOPPERS} of them",
        started.elapsed().as_millis(),
        duration.as_secs()
    );
    let buyers = Buyers::new(&server.base_url, market, SHOPPERS);
    let (adds, stolen) = steal::measuring(buying::add_to_cart(
        &buyers,
        &shoppers[..ADD_TO_CART_SHOPPERS],
        duration,
    ))
    .await;
    let mut adds = adds?;
    adds.cpu_stolen_pct = stolen;
    let mut results = vec![adds];
    eprintln!(
        "   checkout_3_sellers for {} s with {CHECKOUT_CLIENTS} clients",
        duration.as_secs()
    );
    let (both, stolen) = steal::measuring(buying::checkout_3_sellers(
        &buyers,
        &shoppers,
        CHECKOUT_CLIENTS,
        duration,
    ))
    .await;
    let (mut fill, mut checkout) = both?;
    // Fill and checkout phases alternate: one figure for both.
    (fill.cpu_stolen_pct, checkout.cpu_stolen_pct) = (stolen, stolen);
    results.extend([fill, checkout]);
    let started = std::time::Instant::now();
    let mut flash_buyers = shoppers;
    flash_buyers.extend(shoppers::sign_up_range(&server.base_url, SHOPPERS..FLASH_BUYERS).await?);
    let rounds = if duration.as_secs() < 10 { 3 } else { 10 };
    eprintln!(
        "   {} more shoppers signed up in {} ms; flash_sale: {rounds} rounds of {FLASH_BUYERS} buyers for 1 unit",
        FLASH_BUYERS - SHOPPERS,
        started.elapsed().as_millis()
    );
    let (flash, stolen) = steal::measuring(flash::flash_sale(&buyers, &flash_buyers, rounds)).await;
    let mut flash = flash?;
    flash.cpu_stolen_pct = stolen;
    results.push(flash);
    Ok(results)
}
