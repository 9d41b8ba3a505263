//! Figures: percentiles, the printed table and `target/bench/latest.json`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

/// What a scenario must reach: a rate, optionally a p99 ceiling, and no errors when
/// `no_errors` (a checkout that fails is a lost sale, not noise).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Target {
    pub min_rps: f64,
    pub max_p99_ms: Option<f64>,
    pub no_errors: bool,
}

impl Target {
    fn label(&self) -> String {
        let mut label = format!(">={:.0}/s", self.min_rps);
        if let Some(p99) = self.max_p99_ms {
            label.push_str(&format!(" p99<={p99:.0}"));
        }
        if self.no_errors {
            label.push_str(" 0err");
        }
        label
    }
}

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
    /// Errors by kind: an HTTP status with the API's error code, or `transport`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub error_kinds: BTreeMap<String, u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// Whether the target was met (`None` without a target).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass: Option<bool>,
    /// The share of the machine's CPU the host gave to other VMs while this ran, in
    /// percent (see `steal.rs`); `None` where it cannot be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu_stolen_pct: Option<f64>,
    /// Facts checked after the run (e.g. units sold against stock), printed under the table.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
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
            error_kinds: BTreeMap::new(),
            target: None,
            pass: None,
            cpu_stolen_pct: None,
            notes: Vec::new(),
        }
    }

    /// Sets the target and marks PASS or MISS against it.
    pub fn with_target(mut self, target: Target) -> Self {
        let fast = self.rps >= target.min_rps;
        let tail = target.max_p99_ms.is_none_or(|max| self.p99_ms <= max);
        let clean = !target.no_errors || self.errors == 0;
        self.pass = Some(fast && tail && clean && self.requests > 0);
        self.target = Some(target);
        self
    }

    fn mark(&self) -> String {
        let mark = match (&self.target, self.pass) {
            (Some(target), Some(pass)) => {
                format!("{} {}", target.label(), if pass { "PASS" } else { "MISS" })
            }
            (None, Some(pass)) => format!("checks {}", if pass { "PASS" } else { "MISS" }),
            _ => String::new(),
        };
        match self.noisy_steal() {
            Some(stolen) if self.pass == Some(false) => {
                format!("{mark} (the host took {stolen:.0} % of the CPU)")
            }
            _ => mark,
        }
    }

    /// The share stolen, when it is enough to make this figure unreliable.
    pub fn noisy_steal(&self) -> Option<f64> {
        self.cpu_stolen_pct
            .filter(|stolen| *stolen > crate::steal::NOISY_PCT)
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
            "{:>9} {:<18} {:>9} {:>9} {:>9} {:>9} {:>7} {:>7}  target",
            "products", "scenario", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "stolen"
        );
        for size in &self.sizes {
            for s in &size.scenarios {
                let stolen = s
                    .cpu_stolen_pct
                    .map_or_else(|| "?".to_owned(), |pct| format!("{pct:.0} %"));
                println!(
                    "{:>9} {:<18} {:>9.0} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>7}  {}",
                    size.products,
                    s.name,
                    s.rps,
                    s.p50_ms,
                    s.p95_ms,
                    s.p99_ms,
                    s.errors,
                    stolen,
                    s.mark()
                );
            }
            for s in &size.scenarios {
                for (kind, count) in &s.error_kinds {
                    println!("{:>9} {:<18} error {kind}: {count}", size.products, s.name);
                }
                for note in &s.notes {
                    println!("{:>9} {:<18} {note}", size.products, s.name);
                }
            }
            println!(
                "{:>9} ready in {} ms, RSS idle {:.1} MB, peak {:.1} MB",
                size.products, size.ready_ms, size.idle_rss_mb, size.peak_rss_mb
            );
        }
        let noisy: Vec<f64> = self
            .sizes
            .iter()
            .flat_map(|size| {
                size.scenarios
                    .iter()
                    .filter_map(ScenarioResult::noisy_steal)
            })
            .collect();
        if let Some(most) = noisy.iter().copied().reduce(f64::max) {
            println!(
                "the host took more than {:.0} % of the CPU during {} scenario(s), up to {most:.0} %: \
                 those figures measure the host as much as Halles; run again when it is quieter",
                crate::steal::NOISY_PCT,
                noisy.len()
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
