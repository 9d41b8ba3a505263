//! Hostile input (issue 11): every documented operation fed broken, mistyped, extreme and
//! code-like bodies, query strings and path segments must answer with a 4xx envelope,
//! never a 5xx or a hang; bodies over the limit are refused before they are read; text
//! that is code elsewhere (SQL, HTML) is stored as typed and shown inert.

mod bodies;
mod inert;
mod limits;
mod params;
mod schema;

use std::time::Duration;

use admin_tui::client::{ApiClient, Method};
use api_types::buying::{CartResponse, OrderResponse};
use futures::StreamExt;
use serde_json::Value;
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{Market, add_to_cart, delivered, market};

/// Requests in flight at once: enough to finish quickly, few enough for SQLite's writer.
const IN_FLIGHT: usize = 8;

/// A hung request fails its case instead of the suite.
const PATIENCE: Duration = Duration::from_secs(20);

/// A marketplace with something behind every kind of id, and a client for each role.
struct Cast {
    app: TestApp,
    market: Market,
    shopper: ApiClient,
    operator: ApiClient,
    cart_item_id: String,
    order_id: String,
    seller_order_id: String,
}

impl Cast {
    async fn assemble() -> Self {
        let app = spawn_app().await;
        let market = market(&app, 50).await;
        let shopper = logged_in(&app, "hostile@shoppers.test").await;
        add_to_cart(&shopper, &market.offer_a, 1).await;
        let placed: OrderResponse = shopper
            .post(
                "/checkout",
                &delivered(&[&market.shop_a.id], "pm_card_visa"),
            )
            .await
            .expect("an order");
        let cart: CartResponse = {
            add_to_cart(&shopper, &market.offer_b, 1).await;
            shopper.get("/cart").await.expect("the cart")
        };
        let operator = crate::operating::operator(&app).await;
        Self {
            cart_item_id: cart.cart.shops[0].items[0].id.clone(),
            order_id: placed.order.id.clone(),
            seller_order_id: placed.order.seller_orders[0].id.clone(),
            app,
            market,
            shopper,
            operator,
        }
    }

    /// Who calls `path`: shop A's staff on `/seller`, the operator on `/operator`, else
    /// the shopper, so that each request passes its authorisation and reaches its body.
    fn caller(&self, path: &str) -> &ApiClient {
        if path.starts_with("/seller") {
            &self.market.shop_a.staff
        } else if path.starts_with("/operator") {
            &self.operator
        } else {
            &self.shopper
        }
    }

    /// `path` with each `{param}` replaced by the id of something the caller may touch,
    /// chosen by the word before it (`/seller/offers/{id}` → an offer of shop A).
    fn concrete(&self, path: &str) -> String {
        let segments: Vec<&str> = path.split('/').collect();
        let mut out = Vec::with_capacity(segments.len());
        for (index, segment) in segments.iter().enumerate() {
            if !segment.starts_with('{') {
                out.push((*segment).to_owned());
                continue;
            }
            let before = index.checked_sub(1).map_or("", |i| segments[i]);
            let id = match before {
                "items" => &self.cart_item_id,
                "orders" if path.starts_with("/seller") => &self.seller_order_id,
                "orders" => &self.order_id,
                "offers" => &self.market.offer_a,
                "locations" => &self.market.shop_a.warehouse_id,
                "shops" | "payouts" => &self.market.shop_a.id,
                _ => "0190a1b2-0000-7000-8000-000000000000",
            };
            out.push(id.to_owned());
        }
        out.join("/")
    }
}

/// One documented operation.
struct Operation {
    method: Method,
    /// As documented, with `{param}`s.
    path: String,
    spec: Value,
}

/// Every operation of `/api/v1/openapi.json`.
async fn operations(app: &TestApp) -> (Value, Vec<Operation>) {
    let document: Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .expect("sent")
        .json()
        .await
        .expect("the OpenAPI document");
    let mut found = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (name, method) in [
            ("get", Method::GET),
            ("post", Method::POST),
            ("put", Method::PUT),
            ("patch", Method::PATCH),
            ("delete", Method::DELETE),
        ] {
            if let Some(spec) = item.get(name) {
                found.push(Operation {
                    method,
                    path: path.clone(),
                    spec: spec.clone(),
                });
            }
        }
    }
    assert!(found.len() > 50, "the document lists the API");
    (document, found)
}

/// One hostile request, described for the failure list.
struct Probe {
    request: reqwest::RequestBuilder,
    what: String,
}

/// Sends every probe, a few at a time, and returns what went wrong: a 5xx, no answer in
/// time, or an API 4xx without the JSON error envelope.
async fn failures_of(probes: Vec<Probe>) -> Vec<String> {
    let total = probes.len();
    let failures: Vec<String> = futures::stream::iter(probes)
        .map(|probe| async move {
            let answer = tokio::time::timeout(PATIENCE, probe.request.send()).await;
            let response = match answer {
                Err(_) => return Some(format!("{}: no answer in {PATIENCE:?}", probe.what)),
                Ok(Err(error)) => return Some(format!("{}: {error}", probe.what)),
                Ok(Ok(response)) => response,
            };
            let status = response.status().as_u16();
            let body = response.text().await.unwrap_or_default();
            let enveloped = serde_json::from_str::<Value>(&body)
                .is_ok_and(|json| json["error"]["code"].is_string());
            let excerpt: String = body.chars().take(160).collect();
            if status >= 500 || (status >= 400 && !enveloped) {
                Some(format!("{}: {status} {excerpt}", probe.what))
            } else {
                None
            }
        })
        .buffer_unordered(IN_FLIGHT)
        .filter_map(|failure| async move { failure })
        .collect()
        .await;
    println!("{total} hostile requests, {} failures", failures.len());
    failures
}

fn assert_none(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} request(s) were not refused cleanly:\n{}",
        failures.len(),
        failures
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// A short, printable picture of a body for the failure list.
fn excerpt(body: &str) -> String {
    let short: String = body.chars().take(100).collect();
    short.replace('\u{0}', "\\0")
}
