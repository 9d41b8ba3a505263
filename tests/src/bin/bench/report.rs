//! Figures: percentiles, the printed table and `target/bench/latest.json`.

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

/// One scenario at one catalog size.
#[derive(Debug, Serialize)]
pub struct ScenarioResult {
    pub name: &'static str,
    pub requests: u64,
    pub rps: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub errors: u64,
}

impl ScenarioResult {
    pub fn from_latencies(
        name: &'static str,
        mut latencies: Vec<Duration>,
        errors: u64,
        elapsed: Duration,
    ) -> Self {
        latencies.sort_unstable();
        let percentile = |p: f64| -> f64 {
            if latencies.is_empty() {
                return 0.0;
            }
            let index = ((latencies.len() as f64 - 1.0) * p).round() as usize;
            latencies[index].as_secs_f64() * 1000.0
        };
        Self {
            name,
            requests: latencies.len() as u64,
            rps: latencies.len() as f64 / elapsed.as_secs_f64(),
            p50_ms: percentile(0.50),
            p95_ms: percentile(0.95),
            p99_ms: percentile(0.99),
            errors,
        }
    }
}

/// Every scenario at one catalog size.
#[derive(Debug, Serialize)]
pub struct SizeReport {
    pub products: u32,
    pub ready_ms: u64,
    pub idle_rss_mb: f64,
    pub peak_rss_mb: f64,
    pub scenarios: Vec<ScenarioResult>,
}

/// The whole run.
#[derive(Debug, Serialize)]
pub struct Report {
    pub machine: String,
    pub sizes: Vec<SizeReport>,
}

impl Default for Report {
    fn default() -> Self {
        Self::new()
    }
}

impl Report {
    pub fn new() -> Self {
        let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
        Self {
            machine: format!("{cpus} CPU(s), {}", std::env::consts::ARCH),
            sizes: Vec::new(),
        }
    }

    pub fn print(&self) {
        println!("machine: {}", self.machine);
        println!(
            "{:>9} {:<14} {:>9} {:>9} {:>9} {:>9} {:>7}",
            "products", "scenario", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"
        );
        for size in &self.sizes {
            for s in &size.scenarios {
                println!(
                    "{:>9} {:<14} {:>9.0} {:>9.2} {:>9.2} {:>9.2} {:>7}",
                    size.products, s.name, s.rps, s.p50_ms, s.p95_ms, s.p99_ms, s.errors
                );
            }
            println!(
                "{:>9} ready in {} ms, RSS idle {:.1} MB, peak {:.1} MB",
                size.products, size.ready_ms, size.idle_rss_mb, size.peak_rss_mb
            );
        }
        if let [small, large] = &self.sizes[..]
            && let (Some(a), Some(b)) = (
                small.scenarios.iter().find(|s| s.name == "catalog_api"),
                large.scenarios.iter().find(|s| s.name == "catalog_api"),
            )
            && a.p50_ms > 0.0
        {
            println!(
                "catalog_api p50 at {} vs {} products: {:.2}×",
                large.products,
                small.products,
                b.p50_ms / a.p50_ms
            );
        }
    }

    /// Writes `target/bench/latest.json` (`{"scenarios": {name: {...}}}` per size, largest
    /// size at the top level as the headline).
    pub fn write(&self) -> anyhow::Result<PathBuf> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
        std::fs::create_dir_all(&dir)?;
        let headline = self.sizes.last().map(|size| {
            size.scenarios
                .iter()
                .map(|s| {
                    (
                        s.name.to_owned(),
                        serde_json::to_value(s).unwrap_or_default(),
                    )
                })
                .collect::<serde_json::Map<_, _>>()
        });
        let json = serde_json::json!({"machine": self.machine, "scenarios": headline, "sizes": self.sizes});
        let path = dir.join("latest.json");
        std::fs::write(&path, serde_json::to_string_pretty(&json)?)?;
        Ok(path)
    }
}
