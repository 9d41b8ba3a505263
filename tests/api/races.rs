//! Concurrency, proven with real requests racing on the real server: no unit oversold,
//! no cart ordered twice, no key replayed into a second order.

use admin_tui::client::{ApiClient, Method};
use api_types::ListResponse;
use api_types::buying::OrderResponse;
use api_types::orders::Order;
use futures::future::join_all;
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{add_to_cart, assert_invariants, delivered, market, stock_row};

/// `count` shoppers with API tokens, made behind the API's back: hashing 256 passwords
/// with argon2 would take longer than the race itself.
async fn many_shoppers(app: &TestApp, count: usize) -> Vec<ApiClient> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let mut clients = Vec::with_capacity(count);
    for index in 0..count {
        let id = services::new_id();
        services::db::entity::users::ActiveModel {
            id: Set(id.clone()),
            email: Set(format!("racer{index}@shoppers.test")),
            name: Set(format!("Racer {index}")),
            password_hash: Set(
                "$argon2id$v=19$m=19456,t=2,p=1$bm90LXVzZWQ$bm90LXVzZWQtZm9yLWxvZ2lu".into(),
            ),
            is_operator: Set(false),
            created_at: Set(services::now()),
        }
        .insert(app.db.conn())
        .await
        .expect("inserting a shopper");
        let session = services::accounts::sessions::create(
            &app.db,
            &id,
            services::accounts::sessions::SessionKind::Api,
            None,
        )
        .await
        .expect("a token");
        clients.push(app.client().with_token(session.token));
    }
    clients
}

fn statuses(
    results: &[Result<OrderResponse, admin_tui::client::ApiError>],
) -> (usize, usize, Vec<String>) {
    let created = results.iter().filter(|result| result.is_ok()).count();
    let sold_out = results
        .iter()
        .filter(|result| matches!(result, Err(err) if err.status() == Some(409) && err.code() == Some("out_of_stock")))
        .count();
    let other = results
        .iter()
        .filter_map(|result| result.as_ref().err())
        .filter(|err| err.code() != Some("out_of_stock"))
        .map(|err| format!("{:?} {:?}", err.status(), err.code()))
        .collect();
    (created, sold_out, other)
}

#[tokio::test]
async fn buyers_256_race_for_the_last_unit_and_one_wins() {
    let app = spawn_app().await;
    let m = market(&app, 1).await;
    let buyers = many_shoppers(&app, 256).await;
    for buyer in &buyers {
        add_to_cart(buyer, &m.offer_a, 1).await;
    }
    let request = delivered(&[&m.shop_a.id], "pm_card_visa");
    let results = join_all(
        buyers
            .iter()
            .map(|buyer| buyer.post::<_, OrderResponse>("/checkout", &request)),
    )
    .await;
    let (created, sold_out, other) = statuses(&results);
    assert_eq!(
        (created, sold_out),
        (1, 255),
        "unexpected answers: {other:?}"
    );
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (0, 0)
    );
    let sold: ListResponse<api_types::orders::SellerOrder> =
        m.shop_a.staff.get("/seller/orders").await.expect("orders");
    assert_eq!(sold.total, 1);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn two_lines_on_one_stock_row_never_oversell() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    for round in 0..4 {
        // Each round: 3 units, two shoppers want 2 each, at once.
        crate::market::stock(&m.shop_a, &m.offer_a, &m.shop_a.warehouse_id, 3).await;
        let buyers = [
            logged_in(&app, &format!("left{round}@shoppers.test")).await,
            logged_in(&app, &format!("right{round}@shoppers.test")).await,
        ];
        for buyer in &buyers {
            add_to_cart(buyer, &m.offer_a, 2).await;
        }
        let request = delivered(&[&m.shop_a.id], "pm_card_visa");
        let results = join_all(
            buyers
                .iter()
                .map(|buyer| buyer.post::<_, OrderResponse>("/checkout", &request)),
        )
        .await;
        let (created, sold_out, other) = statuses(&results);
        assert_eq!((created, sold_out), (1, 1), "round {round}: {other:?}");
        assert_eq!(
            stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
            (1, 0)
        );
    }
    assert_invariants(&app).await;
}

#[tokio::test]
async fn one_cart_submitted_eight_times_at_once_makes_one_order() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "impatient@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    add_to_cart(&shopper, &m.offer_b, 1).await;
    let request = delivered(&[&m.shop_a.id, &m.shop_b.id], "pm_card_visa");
    let results =
        join_all((0..8).map(|_| shopper.post::<_, OrderResponse>("/checkout", &request))).await;
    let created = results.iter().filter(|result| result.is_ok()).count();
    let empty = results
        .iter()
        .filter(|result| matches!(result, Err(err) if err.code() == Some("cart_empty")))
        .count();
    assert_eq!((created, empty), (1, 7));
    let orders: ListResponse<Order> = shopper.get("/orders").await.expect("history");
    assert_eq!(orders.total, 1);
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (4, 0)
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn one_idempotency_key_sent_eight_times_at_once_makes_one_order() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "doubleclick@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    let request = delivered(&[&m.shop_a.id], "pm_card_visa");
    let send = || {
        shopper
            .raw(Method::POST, "/api/v1/checkout")
            .header("Idempotency-Key", "tap-tap-tap")
            .json(&request)
            .send()
    };
    let responses = join_all((0..8).map(|_| send())).await;
    let mut order_ids = Vec::new();
    for response in responses {
        let response = response.expect("answered");
        let status = response.status().as_u16();
        let body: serde_json::Value = response.json().await.expect("json");
        match status {
            201 => order_ids.push(body["order"]["id"].as_str().unwrap_or_default().to_owned()),
            409 => assert_eq!(body["error"]["code"], "request_in_progress", "{body}"),
            other => panic!("unexpected {other}: {body}"),
        }
    }
    order_ids.dedup();
    assert_eq!(order_ids.len(), 1, "every success is the same order");
    let replay: OrderResponse = shopper
        .send(
            shopper
                .raw(Method::POST, "/api/v1/checkout")
                .header("Idempotency-Key", "tap-tap-tap")
                .json(&request),
        )
        .await
        .expect("a later replay");
    assert_eq!(replay.order.id, order_ids[0]);
    let orders: ListResponse<Order> = shopper.get("/orders").await.expect("history");
    assert_eq!(orders.total, 1);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn paying_one_order_from_eight_tabs_captures_once() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "tabs@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    let order: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "hosted_page"))
        .await
        .expect("placed");
    let body =
        serde_json::json!({"card_number": "4242424242424242", "expiry": "12/34", "cvc": "123"});
    let path = format!("/orders/{}/pay", order.order.id);
    let results = join_all((0..8).map(|_| shopper.post::<_, OrderResponse>(&path, &body))).await;
    assert!(results.iter().any(Result::is_ok));
    for result in &results {
        if let Err(err) = result {
            assert_eq!(err.code(), Some("payment_in_progress"), "{err}");
        }
    }
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let captures = services::db::entity::ledger_entries::Entity::find()
        .filter(
            services::db::entity::ledger_entries::Column::MovementKey
                .eq(format!("capture:{}", order.order.id)),
        )
        .count(app.db.conn())
        .await
        .expect("ledger");
    assert_eq!(captures, 2, "one capture movement (two lines)");
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (4, 0)
    );
    assert_invariants(&app).await;
}

/// A pickup at B's store, paid at once with the sandbox card (the API's way).
fn picked_up_at(shop_id: &str, store_id: &str) -> api_types::buying::CheckoutRequest {
    api_types::buying::CheckoutRequest {
        fulfilments: vec![api_types::buying::FulfilmentChoice {
            shop_id: shop_id.to_owned(),
            method: "pickup".into(),
            address: None,
            store_id: Some(store_id.to_owned()),
        }],
        payment_method: "pm_card_visa".into(),
        use_cashback_cents: None,
        discount_code: None,
    }
}

/// Web checkouts (the form, which holds the units until the payment page is paid) and API
/// checkouts (paid at once) race for the last 2 units of one store: 2 win, every other
/// one is refused as sold out, and no refused checkout leaves units reserved. The web
/// winners' holds are released when their payment window expires, so the units can be
/// bought again.
#[tokio::test]
async fn web_and_api_pickups_race_for_a_stores_last_units_without_overselling() {
    let app = spawn_app().await;
    let m = market(&app, 1).await;
    let (shop, store) = (&m.shop_b.id, &m.shop_b.store_id);
    let api_buyers = many_shoppers(&app, 8).await;
    for buyer in &api_buyers {
        add_to_cart(buyer, &m.offer_b, 1).await;
    }
    let mut web_buyers = Vec::new();
    for index in 0..8 {
        let (api, browser) =
            crate::wallet::shopper(&app, &format!("web{index}@shoppers.test")).await;
        add_to_cart(&api, &m.offer_b, 1).await;
        let (_, html) = crate::wallet::page(&browser, &app, "/checkout").await;
        web_buyers.push((browser, tests::csrf_in(&html)));
    }
    let api_request = picked_up_at(shop, store);
    let method = format!("method.{shop}");
    let store_field = format!("store.{shop}");
    let web = join_all(web_buyers.iter().map(|(browser, csrf)| {
        browser
            .post(app.url("/checkout"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("intent", "pay"),
                (method.as_str(), "pickup"),
                (store_field.as_str(), store.as_str()),
            ])
            .send()
    }));
    let api = join_all(
        api_buyers
            .iter()
            .map(|buyer| buyer.post::<_, OrderResponse>("/checkout", &api_request)),
    );
    let (web, api) = tokio::join!(web, api);

    let web_held: Vec<String> = web
        .into_iter()
        .map(|response| {
            let response = response.expect("sent");
            assert_eq!(response.status().as_u16(), 303);
            response.headers()["location"]
                .to_str()
                .expect("ascii")
                .to_owned()
        })
        .filter(|to| to.starts_with("/pay/"))
        .collect();
    let (api_paid, api_sold_out, other) = statuses(&api);
    assert!(other.is_empty(), "unexpected answers: {other:?}");
    assert_eq!(
        web_held.len() + api_paid,
        2,
        "two units, two winners (web {} · api {api_paid})",
        web_held.len()
    );
    assert_eq!(api_sold_out, 8 - api_paid);
    let (quantity, reserved) = stock_row(&app, &m.offer_b, store).await;
    assert_eq!(
        (quantity, reserved),
        (2 - api_paid as i32, web_held.len() as i32),
        "sold units left the shelf, held ones are reserved, refused ones left nothing"
    );
    assert_invariants(&app).await;

    // The web winners never pay: their holds expire and the units are free again.
    use sea_orm::ConnectionTrait;
    app.db
        .conn()
        .execute_raw(services::db::statement(
            app.db.backend(),
            "UPDATE orders SET expires_at = ? WHERE status = 'pending_payment'",
            [(services::now() - chrono::Duration::minutes(1)).into()],
        ))
        .await
        .expect("backdating the holds");
    crate::market::run_jobs(&app).await;
    assert_eq!(
        stock_row(&app, &m.offer_b, store).await,
        (2 - api_paid as i32, 0)
    );
    assert_invariants(&app).await;
}
