//! The load the faults hit: shoppers filling carts and checking out (click & collect or
//! delivery, sometimes spending their cashback, sometimes with a card that is declined),
//! and one seller per shop moving orders along (accept, ready, collect with the shopper's
//! code, ship, deliver), refunding, cancelling and restocking. Every write that can be
//! retried is sent with an `Idempotency-Key` and retried with it after a kill.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sea_orm::{ConnectionTrait, Statement, Value as SqlValue};
use serde_json::{Value, json};
use services::Db;

use crate::client::{Api, Reply};
use crate::dice::Dice;
use crate::market::{Market, STOCK, Shop, Shopper};

/// What the clients saw, counted.
#[derive(Debug, Default)]
pub struct Tally {
    pub checkouts: AtomicU64,
    /// 201 answers: orders placed (paid at once, or waiting for the provider's word).
    pub orders: AtomicU64,
    pub paid_at_once: AtomicU64,
    pub awaiting_provider: AtomicU64,
    pub declined: AtomicU64,
    pub out_of_stock: AtomicU64,
    /// `cart_empty` after a retry: an earlier try placed the order, its answer was lost.
    pub placed_answer_lost: AtomicU64,
    pub other_refusals: AtomicU64,
    pub lost: AtomicU64,
    pub cashback_spends: AtomicU64,
    /// Checkouts refused because the wallet shrank (a refund reversed earned cashback)
    /// between reading it and paying.
    pub cashback_refused: AtomicU64,
    pub cashback_spent_cents: AtomicU64,
    pub accepted: AtomicU64,
    pub collected: AtomicU64,
    pub delivered: AtomicU64,
    pub refunds: AtomicU64,
    /// Refunds whose answer was lost and that the seller did not ask again: the job
    /// that finishes lost refunds has them.
    pub refunds_left_to_the_job: AtomicU64,
    pub cancels: AtomicU64,
    pub restocks: AtomicU64,
    /// Refunds and cancellations sent again after the provider's answer was lost.
    pub money_back_retried: AtomicU64,
    /// The same key answered with another order: a retried checkout placed twice.
    pub key_answered_twice: AtomicU64,
}

fn add(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// What every worker shares.
pub struct Shared {
    pub api: Api,
    pub market: Market,
    pub tally: Tally,
    pub stop: AtomicBool,
    /// Pickup codes by seller order, as shoppers read them on their orders (the seller
    /// is shown them at the till).
    pub codes: Mutex<HashMap<String, String>>,
    /// The database, only to read a pickup code whose order answer was lost.
    pub db: Db,
}

impl Shared {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// Starts every worker; they run until `shared.stop`.
pub fn start(shared: &Arc<Shared>, seed: u64) -> Vec<tokio::task::JoinHandle<()>> {
    let mut workers = Vec::new();
    for (i, shopper) in shared.market.shoppers.iter().enumerate() {
        let (shared, shopper) = (shared.clone(), shopper.clone());
        let dice = Dice::new(seed ^ (1_000 + i as u64));
        workers.push(tokio::spawn(shop_forever(shared, shopper, dice)));
    }
    for (i, shop) in shared.market.shops.iter().enumerate() {
        let (shared, shop) = (shared.clone(), shop.clone());
        let dice = Dice::new(seed ^ (2_000 + i as u64));
        workers.push(tokio::spawn(sell_forever(shared, shop, dice)));
    }
    workers
}

async fn shop_forever(shared: Arc<Shared>, shopper: Shopper, mut dice: Dice) {
    while !shared.stopped() {
        checkout_once(&shared, &shopper, &mut dice).await;
        tokio::time::sleep(dice.between(Duration::from_millis(10), Duration::from_millis(80)))
            .await;
    }
}

/// Fills the cart with one or two offers, then checks out.
async fn checkout_once(shared: &Shared, shopper: &Shopper, dice: &mut Dice) {
    let api = &shared.api;
    let token = &shopper.token;
    let mut cart = Value::Null;
    let mut answer_lost = false;
    for _ in 0..1 + dice.below(2) {
        let shop = dice.pick(&shared.market.shops);
        let offer = dice.pick(&shop.offer_ids);
        match api
            .post(token, "/cart/items")
            .json(json!({"offer_id": offer, "quantity": 1}))
            .send()
            .await
        {
            Some(reply) if reply.ok() => cart = reply.body,
            // Refused, or answered only after retries that may have added it already.
            _ => answer_lost = true,
        }
    }
    // An add that was refused or whose answer was lost may have gone in all the same (a
    // first try that committed before its answer was cut, then a retry refused): look at
    // the cart as it is, as a shopper would, before choosing how each shop delivers.
    if (answer_lost || cart.is_null())
        && let Some(reply) = api.get(token, "/cart").send().await
        && reply.ok()
    {
        cart = reply.body;
    }
    let shops: Vec<String> = cart["cart"]["shops"]
        .as_array()
        .map(|shops| {
            shops
                .iter()
                .filter_map(|shop| shop["shop_id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if shops.is_empty() {
        return;
    }
    let fulfilments: Vec<Value> = shops
        .iter()
        .map(|shop_id| {
            let store = shared
                .market
                .shops
                .iter()
                .find(|shop| &shop.id == shop_id)
                .map(|shop| shop.store_id.clone());
            match store {
                Some(store_id) if dice.percent(60) => {
                    json!({"shop_id": shop_id, "method": "pickup", "store_id": store_id})
                }
                _ => json!({"shop_id": shop_id, "method": "delivery", "address": {
                    "name": "Camille Martin", "line1": "12 rue des Halles",
                    "postcode": "75001", "city": "Paris"}}),
            }
        })
        .collect();
    let mut body = json!({
        "fulfilments": fulfilments,
        "payment_method": if dice.percent(8) { "pm_card_chargeDeclined" } else { "pm_card_visa" },
    });
    let subtotal = cart["cart"]["subtotal_cents"].as_i64().unwrap_or(0);
    if dice.percent(50)
        && let Some(wallet) = api.get(token, "/wallet").send().await
    {
        let available = wallet.body["available_cents"].as_i64().unwrap_or(0);
        let spend = available.min(subtotal / 2);
        if spend > 0 {
            body["use_cashback_cents"] = json!(spend);
        }
    }
    let spends = body["use_cashback_cents"].as_i64().unwrap_or(0);
    add(&shared.tally.checkouts);
    let reply = api
        .post(token, "/checkout")
        .json(body)
        .idempotent()
        .send()
        .await;
    let tally = &shared.tally;
    match reply {
        Some(reply) if reply.status == 201 => {
            placed(shared, token, &reply, spends).await;
        }
        Some(reply) => {
            match (reply.status, reply.code()) {
                (402, _) => add(&tally.declined),
                (409, "out_of_stock" | "price_changed" | "offer_unavailable") => {
                    add(&tally.out_of_stock)
                }
                (409, "cart_empty") if reply.tries > 1 => add(&tally.placed_answer_lost),
                // A refund took back cashback between reading the wallet and paying.
                (422, "cashback_insufficient") => add(&tally.cashback_refused),
                _ => {
                    add(&tally.other_refusals);
                    eprintln!(
                        "   checkout refused: {} {}",
                        reply.status, reply.body["error"]["message"]
                    );
                }
            }
            empty_cart(api, token).await;
        }
        None => {
            add(&tally.lost);
            empty_cart(api, token).await;
        }
    }
}

async fn placed(shared: &Shared, token: &str, reply: &Reply, spent: i64) {
    let tally = &shared.tally;
    add(&tally.orders);
    let order = &reply.body["order"];
    match order["status"].as_str() {
        Some("paid") => add(&tally.paid_at_once),
        _ => add(&tally.awaiting_provider),
    }
    if spent > 0 {
        add(&tally.cashback_spends);
        tally
            .cashback_spent_cents
            .fetch_add(spent as u64, Ordering::Relaxed);
    }
    // The pickup codes, as the shopper's order page shows them.
    let Some(id) = order["id"].as_str() else {
        return;
    };
    if let Some(shown) = shared.api.get(token, &format!("/orders/{id}")).send().await {
        if shown.body["order"]["id"].as_str() != Some(id) {
            add(&tally.key_answered_twice);
        }
        if let (Ok(mut codes), Some(parts)) = (
            shared.codes.lock(),
            shown.body["order"]["seller_orders"].as_array(),
        ) {
            for part in parts {
                if let (Some(part_id), Some(code)) =
                    (part["id"].as_str(), part["pickup_code"].as_str())
                {
                    codes.insert(part_id.to_owned(), code.to_owned());
                }
            }
        }
    }
}

/// Takes everything out of the cart (after a refusal, the lines of a failed order come
/// back into it: a shopper starting over keeps carts small).
async fn empty_cart(api: &Api, token: &str) {
    let Some(cart) = api.get(token, "/cart").send().await else {
        return;
    };
    let items: Vec<String> = cart.body["cart"]["shops"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|shop| shop["items"].as_array().cloned().unwrap_or_default())
        .filter_map(|item| item["id"].as_str().map(str::to_owned))
        .collect();
    for id in items {
        let _ = api
            .call(reqwest::Method::DELETE, token, &format!("/cart/items/{id}"))
            .send()
            .await;
    }
}

async fn sell_forever(shared: Arc<Shared>, shop: Shop, mut dice: Dice) {
    let mut rounds = 0u64;
    while !shared.stopped() {
        for status in [
            "paid",
            "accepted",
            "ready_for_pickup",
            "shipped",
            "collected",
        ] {
            let Some(list) = shared
                .api
                .get(
                    &shop.token,
                    &format!("/seller/orders?status={status}&per_page=10"),
                )
                .send()
                .await
            else {
                continue;
            };
            for order in list.body["items"].as_array().cloned().unwrap_or_default() {
                if shared.stopped() {
                    return;
                }
                step(&shared, &shop, &order, &mut dice).await;
            }
        }
        rounds += 1;
        if rounds.is_multiple_of(10) {
            restock(&shared, &shop).await;
        }
        tokio::time::sleep(dice.between(Duration::from_millis(20), Duration::from_millis(120)))
            .await;
    }
}

/// One step on one seller order, chosen by its state.
async fn step(shared: &Shared, shop: &Shop, order: &Value, dice: &mut Dice) {
    let (Some(id), Some(status)) = (order["id"].as_str(), order["status"].as_str()) else {
        return;
    };
    let pickup = order["fulfilment"]["method"].as_str() == Some("pickup")
        || order["fulfilment"]["store_id"].is_string();
    let left =
        order["total_cents"].as_i64().unwrap_or(0) - order["refunded_cents"].as_i64().unwrap_or(0);
    let tally = &shared.tally;
    let (action, body, counter) = match status {
        "paid" if dice.percent(8) => ("cancel", json!({"reason": "plus en stock"}), &tally.cancels),
        "paid" | "accepted" | "collected" if left > 3 && dice.percent(10) => (
            "refund",
            json!({"amount_cents": 1 + dice.below((left / 3) as usize) as i64, "reason": "geste commercial"}),
            &tally.refunds,
        ),
        "paid" => ("accept", Value::Null, &tally.accepted),
        "accepted" if pickup => ("ready", Value::Null, &tally.accepted),
        "accepted" => (
            "ship",
            json!({"carrier": "Colissimo", "tracking": format!("6A{}", dice.next() % 1_000_000_000)}),
            &tally.accepted,
        ),
        "ready_for_pickup" => {
            let Some(code) = pickup_code(shared, id).await else {
                return;
            };
            ("collect", json!({"code": code}), &tally.collected)
        }
        "shipped" => ("deliver", Value::Null, &tally.delivered),
        _ => return,
    };
    // A refund whose answer the provider lost is answered 409 "unavailable". Half the
    // sellers send that same refund again, with a new key, until it is recorded, as the
    // message asks; the other half walk away, and the job that finishes refunds whose
    // answer was lost must record it (the provider audit checks that it did).
    let money_back = matches!(action, "refund" | "cancel");
    let walks_away = action == "refund" && dice.percent(50);
    for _ in 0..if money_back { 20 } else { 1 } {
        let mut call = shared
            .api
            .post(&shop.token, &format!("/seller/orders/{id}/{action}"))
            .idempotent();
        if !body.is_null() {
            call = call.json(body.clone());
        }
        match call.send().await {
            Some(reply) if reply.ok() => {
                add(counter);
                return;
            }
            Some(reply) if walks_away && reply.code() == "payment_provider_unavailable" => {
                add(&tally.refunds_left_to_the_job);
                return;
            }
            Some(reply)
                if money_back
                    && matches!(
                        reply.code(),
                        "payment_provider_unavailable" | "refund_in_progress"
                    ) =>
            {
                add(&tally.money_back_retried);
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            _ => return,
        }
    }
}

async fn pickup_code(shared: &Shared, seller_order_id: &str) -> Option<String> {
    if let Some(code) = shared
        .codes
        .lock()
        .ok()
        .and_then(|codes| codes.get(seller_order_id).cloned())
    {
        return Some(code);
    }
    // The shopper never saw the order's answer (lost to a kill); it reads the code on
    // its order page later. Here: from the database.
    let row = shared
        .db
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            shared.db.backend(),
            if shared.db.backend() == sea_orm::DatabaseBackend::Postgres {
                "SELECT pickup_code FROM seller_orders WHERE id = $1"
            } else {
                "SELECT pickup_code FROM seller_orders WHERE id = ?"
            },
            [SqlValue::from(seller_order_id.to_owned())],
        ))
        .await
        .ok()??;
    row.try_get_by_index::<Option<String>>(0).ok()?
}

/// Sellers put their shelves back to [`STOCK`] units now and then.
async fn restock(shared: &Shared, shop: &Shop) {
    for offer in &shop.offer_ids {
        if let Some(reply) = shared
            .api
            .call(
                reqwest::Method::PUT,
                &shop.token,
                &format!("/seller/offers/{offer}/stock"),
            )
            .json(json!({"location_id": shop.store_id, "quantity": STOCK}))
            .send()
            .await
            && reply.ok()
        {
            add(&shared.tally.restocks);
        }
    }
}
