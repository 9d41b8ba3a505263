//! Closed-loop load: `concurrency` clients each send the next request as soon as the
//! previous one is answered, for a fixed time; every latency is recorded.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::Value;

use crate::report::ScenarioResult;

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
    pub fn name(self) -> &'static str {
        match self {
            Scenario::CatalogApi => "catalog_api",
            Scenario::ProductPage => "product_page",
            Scenario::CategoryPage => "category_page",
        }
    }
}

/// URLs found on the running server, to spread requests over real data.
pub struct Urls {
    pub searches: Vec<String>,
    pub products: Vec<String>,
    pub categories: Vec<String>,
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
        searches,
        products,
        categories,
    })
}

pub async fn run_scenario(
    scenario: Scenario,
    _base: &str,
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
    ScenarioResult::from_latencies(scenario.name(), latencies, errors, started.elapsed())
}
