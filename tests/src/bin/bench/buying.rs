//! Buying scenarios, each shopper with its own Bearer token and cart:
//!
//! - `add_to_cart`: every shopper adds random offers (1 unit) to its cart, in phases;
//!   carts are emptied between phases (not measured) so they stay the size of a real
//!   cart ([`CART_LINES`]) whatever the number of shoppers.
//! - `checkout_3_sellers`: every shopper fills its cart with one offer of each of three
//!   shops (`checkout_fill`, reported apart) and then checks out with `pm_card_visa` and
//!   delivery for the three shops: orders/s and the checkout's own latency.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::report::{ScenarioResult, Target};
use crate::shoppers::{Market, Shopper};
use crate::tally::{Rng, Tally};

/// Lines a cart reaches before it is emptied, at the target rate. Each add answers the
/// whole cart, so an add costs more the fuller the cart: the phase is sized to this,
/// not to a fixed time, so that fewer shoppers do not mean fuller carts.
const CART_LINES: f64 = 16.0;

/// How long shoppers add before their carts are emptied: [`CART_LINES`] each at the
/// target rate (256 ms for 16 shoppers, 1 s for 64).
fn phase(shoppers: usize) -> Duration {
    Duration::from_secs_f64(CART_LINES * shoppers as f64 / ADD_TO_CART.min_rps)
}

pub const ADD_TO_CART: Target = Target {
    min_rps: 1_000.0,
    max_p99_ms: Some(40.0),
    no_errors: false,
};

pub const CHECKOUT: Target = Target {
    min_rps: 250.0,
    max_p99_ms: Some(150.0),
    no_errors: true,
};

/// Everything a client task needs.
#[derive(Clone)]
pub struct Buyers {
    pub client: reqwest::Client,
    pub base: Arc<str>,
    pub market: Arc<Market>,
}

impl Buyers {
    pub fn new(base: &str, market: Arc<Market>, concurrency: usize) -> Self {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(concurrency)
            .build()
            .unwrap_or_default();
        Self {
            client,
            base: base.into(),
            market,
        }
    }

    /// `POST /cart/items` for one unit of the offer at `index`.
    pub fn add(&self, token: &str, index: usize) -> reqwest::RequestBuilder {
        let offer = &self.market.offers[index].id;
        self.client
            .post(format!("{}/api/v1/cart/items", self.base))
            .bearer_auth(token)
            .json(&json!({"offer_id": offer, "quantity": 1}))
    }

    /// `POST /checkout`: delivery for every shop, the sandbox card that succeeds.
    pub fn checkout(&self, token: &str, shop_ids: &[String]) -> reqwest::RequestBuilder {
        let address = json!({"name": "Camille Martin", "line1": "12 rue des Halles",
            "postcode": "75001", "city": "Paris"});
        let fulfilments: Vec<Value> = shop_ids
            .iter()
            .map(|id| json!({"shop_id": id, "method": "delivery", "address": address}))
            .collect();
        self.client
            .post(format!("{}/api/v1/checkout", self.base))
            .bearer_auth(token)
            .header("Idempotency-Key", uuid::Uuid::now_v7().to_string())
            .json(&json!({"fulfilments": fulfilments, "payment_method": "pm_card_visa"}))
    }
}

/// The shops of a `{"cart": …}` answer.
pub fn cart_shops(body: &[u8]) -> Vec<String> {
    let cart: Value = serde_json::from_slice(body).unwrap_or_default();
    cart["cart"]["shops"]
        .as_array()
        .map(|shops| {
            shops
                .iter()
                .filter_map(|shop| shop["shop_id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

pub async fn add_to_cart(
    buyers: &Buyers,
    shoppers: &[Shopper],
    duration: Duration,
) -> anyhow::Result<ScenarioResult> {
    let mut tally = Tally::default();
    let mut measured = Duration::ZERO;
    let mut phase_number = 0u64;
    let phase_length = phase(shoppers.len());
    while measured < duration {
        let deadline = Instant::now() + phase_length.min(duration - measured);
        let started = Instant::now();
        let workers = shoppers.iter().enumerate().map(|(i, shopper)| {
            let buyers = buyers.clone();
            let token = shopper.token.clone();
            let mut rng = Rng::new(phase_number * 1_000 + i as u64);
            tokio::spawn(async move {
                let mut tally = Tally::default();
                while Instant::now() < deadline {
                    let index = rng.below(buyers.market.offers.len());
                    tally.send(buyers.add(&token, index)).await;
                }
                tally
            })
        });
        for worker in futures::future::join_all(workers).await {
            tally.merge(worker?);
        }
        measured += started.elapsed();
        phase_number += 1;
        buyers.market.empty_carts().await?;
    }
    let mut result = tally.result("add_to_cart", measured);
    result.notes.push(format!(
        "{} shoppers, carts emptied every {} ms",
        shoppers.len(),
        phase_length.as_millis()
    ));
    Ok(result.with_target(ADD_TO_CART))
}

/// Three offers of three different shops.
fn three_sellers(rng: &mut Rng, market: &Market) -> [usize; 3] {
    let shops = market.shops.len();
    let first = rng.below(shops);
    let second = (first + 1 + rng.below(shops - 1)) % shops;
    let mut third = rng.below(shops);
    while third == first || third == second {
        third = (third + 1) % shops;
    }
    [first, second, third].map(|shop| {
        let offers = &market.shops[shop];
        offers[rng.below(offers.len())]
    })
}

/// Carts each checkout client pays for per phase (filled before the phase, not timed).
const CARTS_PER_CLIENT: usize = 4;

/// Fills carts, then checks them out: answers (fill, checkout). Shoppers are split among
/// `clients` checkout clients; in each phase every shopper first fills its cart with one
/// offer of three shops (`checkout_fill`, timed apart), then the clients check their
/// shoppers' carts out one after another, all clients at once. Only checkout phases count
/// towards orders/s, so the figure is the checkout's own, not the cart's.
pub async fn checkout_3_sellers(
    buyers: &Buyers,
    shoppers: &[Shopper],
    clients: usize,
    duration: Duration,
) -> anyhow::Result<(ScenarioResult, ScenarioResult)> {
    buyers.market.empty_carts().await?;
    let groups: Vec<Vec<Shopper>> = shoppers
        .chunks(CARTS_PER_CLIENT)
        .take(clients)
        .map(<[Shopper]>::to_vec)
        .collect();
    let (mut fill, mut checkout) = (Tally::default(), Tally::default());
    let (mut fill_time, mut checkout_time) = (Duration::ZERO, Duration::ZERO);
    let mut phase = 0u64;
    while checkout_time < duration {
        let started = Instant::now();
        let fills = groups.iter().flatten().enumerate().map(|(i, shopper)| {
            let buyers = buyers.clone();
            let token = shopper.token.clone();
            let mut rng = Rng::new(1_000_000 + phase * 10_000 + i as u64);
            tokio::spawn(async move {
                let mut tally = Tally::default();
                let mut shop_ids = Vec::new();
                for index in three_sellers(&mut rng, &buyers.market) {
                    if let Some(body) = tally.send(buyers.add(&token, index)).await {
                        shop_ids = cart_shops(&body);
                    }
                }
                (token, shop_ids, tally)
            })
        });
        let mut filled = Vec::new();
        for done in futures::future::join_all(fills).await {
            let (token, shop_ids, tally) = done?;
            fill.merge(tally);
            filled.push((token, shop_ids));
        }
        fill_time += started.elapsed();
        let started = Instant::now();
        let workers = filled.chunks(CARTS_PER_CLIENT).map(|carts| {
            let buyers = buyers.clone();
            let carts = carts.to_vec();
            tokio::spawn(async move {
                let mut tally = Tally::default();
                for (token, shop_ids) in carts.iter().filter(|(_, shops)| !shops.is_empty()) {
                    tally.send(buyers.checkout(token, shop_ids)).await;
                }
                tally
            })
        });
        for worker in futures::future::join_all(workers).await {
            checkout.merge(worker?);
        }
        checkout_time += started.elapsed();
        buyers.market.empty_carts().await?;
        phase += 1;
    }
    let fill = fill.result("checkout_fill", fill_time);
    let mut checkout = checkout.result("checkout_3_sellers", checkout_time);
    checkout.notes.push(format!(
        "{} checkout clients, {CARTS_PER_CLIENT} carts each per phase (filled before, \
         in checkout_fill); orders/s over checkout phases only",
        groups.len()
    ));
    Ok((fill, checkout.with_target(CHECKOUT)))
}
