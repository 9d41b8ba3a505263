//! Closed-loop load: `concurrency` clients each send the next request as soon as the
//! previous one is answered, for a fixed time; every latency is recorded.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::Value;

use crate::report::{ScenarioResult, Target};

/// What is measured.
#[derive(Debug, Clone, Copy)]
pub enum Scenario {
    /// `GET /api/v1/products?q=…` and category lists.
    CatalogApi,
    /// A product page rendered on the server.
    ProductPage,
    /// A category page rendered on the server.
    CategoryPage,
}

impl Scenario {
    /// Its name; `reused` tells the run as shipped (recent catalog answers reused) from
    /// the one that computes every answer (`HALLES_SEARCH_CACHE_SECS=0`).
    pub fn name(self, reused: bool) -> &'static str {
        match (self, reused) {
            (Scenario::CatalogApi, true) => "catalog_api",
            (Scenario::ProductPage, true) => "product_page",
            (Scenario::CategoryPage, true) => "category_page",
            (Scenario::CatalogApi, false) => "catalog_api_uncached",
            (Scenario::ProductPage, false) => "product_page_uncached",
            (Scenario::CategoryPage, false) => "category_page_uncached",
        }
    }

    /// Issue 10's target (2 cores, SQLite, 50,000 products); the uncached runs are
    /// figures to read beside them, not held to it.
    fn target(self) -> Target {
        let (min_rps, p99) = match self {
            Scenario::CatalogApi => (3_000.0, 20.0),
            Scenario::ProductPage => (3_000.0, 25.0),
            Scenario::CategoryPage => (2_000.0, 30.0),
        };
        Target {
            min_rps,
            max_p99_ms: Some(p99),
            no_errors: true,
        }
    }
}

/// URLs found on the running server, to spread requests over real data.
pub struct Urls {
    base: String,
    pub searches: Vec<String>,
    pub products: Vec<String>,
    pub categories: Vec<String>,
}

impl Urls {
    /// The same URLs on another server of the same database.
    pub fn on(&self, base: &str) -> Urls {
        let moved = |urls: &[String]| {
            urls.iter()
                .map(|url| url.replacen(&self.base, base, 1))
                .collect()
        };
        Urls {
            base: base.to_owned(),
            searches: moved(&self.searches),
            products: moved(&self.products),
            categories: moved(&self.categories),
        }
    }
}

/// Words that match demo titles, and catalog listing URLs.
const SEARCH_WORDS: [&str; 10] = [
    "perceuse",
    "velo",
    "casque",
    "roman",
    "vin",
    "lampe",
    "chaussures",
    "jeu",
    "tente",
    "cafe",
];

pub async fn discover(base: &str) -> anyhow::Result<Urls> {
    let client = reqwest::Client::new();
    let categories: Value = client
        .get(format!("{base}/api/v1/categories"))
        .send()
        .await?
        .json()
        .await?;
    let category_slugs: Vec<String> = categories["items"]
        .as_array()
        .context("categories")?
        .iter()
        .filter_map(|c| c["slug"].as_str().map(str::to_owned))
        .collect();
    let mut products = Vec::new();
    for page in 1..=3 {
        let listed: Value = client
            .get(format!("{base}/api/v1/products?per_page=100&page={page}"))
            .send()
            .await?
            .json()
            .await?;
        for item in listed["items"].as_array().context("products")? {
            if let (Some(id), Some(slug)) = (item["id"].as_str(), item["slug"].as_str()) {
                products.push(format!("{base}/products/{id}/{slug}"));
            }
        }
    }
    anyhow::ensure!(!products.is_empty(), "no products found to load");
    let mut searches: Vec<String> = SEARCH_WORDS
        .iter()
        .map(|w| format!("{base}/api/v1/products?q={w}"))
        .collect();
    searches.extend(
        category_slugs
            .iter()
            .take(10)
            .map(|slug| format!("{base}/api/v1/products?category={slug}&sort=price_asc")),
    );
    let categories = category_slugs
        .iter()
        .map(|slug| format!("{base}/categories/{slug}"))
        .collect();
    Ok(Urls {
        base: base.to_owned(),
        searches,
        products,
        categories,
    })
}

pub async fn run_scenario(
    scenario: Scenario,
    reused: bool,
    urls: &Urls,
    concurrency: usize,
    duration: Duration,
) -> ScenarioResult {
    let targets: Arc<Vec<String>> = Arc::new(match scenario {
        Scenario::CatalogApi => urls.searches.clone(),
        Scenario::ProductPage => urls.products.clone(),
        Scenario::CategoryPage => urls.categories.clone(),
    });
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .unwrap_or_default();
    let deadline = Instant::now() + duration;
    let started = Instant::now();
    let workers = (0..concurrency).map(|worker| {
        let client = client.clone();
        let targets = Arc::clone(&targets);
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0u64;
            let mut i = worker;
            while Instant::now() < deadline {
                let url = &targets[i % targets.len()];
                i += concurrency;
                let sent = Instant::now();
                match client.get(url).send().await {
                    Ok(response) if response.status().is_success() => {
                        let _ = response.bytes().await;
                        latencies.push(sent.elapsed());
                    }
                    _ => errors += 1,
                }
            }
            (latencies, errors)
        })
    });
    let mut latencies = Vec::new();
    let mut errors = 0;
    for (mut worker_latencies, worker_errors) in futures::future::join_all(workers)
        .await
        .into_iter()
        .flatten()
    {
        latencies.append(&mut worker_latencies);
        errors += worker_errors;
    }
    let result =
        ScenarioResult::from_latencies(scenario.name(reused), latencies, errors, started.elapsed());
    if reused {
        result.with_target(scenario.target())
    } else {
        result
    }
}
