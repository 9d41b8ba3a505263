//! Issue 6's story seen in a real browser: cashback earned on a collected pickup matures
//! after the return window, is spent with another shop, and the return in store of what
//! it bought gives it back; the wallet page shows each step's line with its order.

use admin_tui::client::ApiClient;
use api_types::ListResponse;
use api_types::buying::{CheckoutRequest, FulfilmentChoice, OrderResponse, Wallet};
use api_types::selling::Location;
use fantoccini::Locator;
use serde_json::json;
use tests::shopping::{add_kitchen_category, stocked_shop};
use tests::{TestApp, logged_in, spawn_app};

use super::pickup::{log_in, staff_of};
use super::shopping::text_of;
use super::{browser, screenshot, start_driver, wait_for_hydration};

async fn store_of(staff: &ApiClient) -> String {
    let locations: ListResponse<Location> =
        staff.get("/seller/locations").await.expect("locations");
    locations.items[0].id.clone()
}

async fn step(staff: &ApiClient, part: &str, action: &str, body: serde_json::Value) {
    let _: api_types::orders::SellerOrderResponse = staff
        .post(&format!("/seller/orders/{part}/{action}"), &body)
        .await
        .unwrap_or_else(|err| panic!("{action}: {err}"));
}

async fn run_jobs(app: &TestApp) {
    let mailer = services::buying::notifications::FolderMailer {
        folder: std::env::temp_dir().join(format!("halles-mail-{}", uuid::Uuid::now_v7())),
        from: "test@halles".into(),
    };
    services::jobs::run_due_once(
        &app.db,
        &mailer,
        &services::buying::payments::SandboxProvider,
    )
    .await
    .expect("jobs");
}

async fn buy(
    shopper: &ApiClient,
    offer_id: &str,
    shop_id: &str,
    store_id: Option<&str>,
    cashback: Option<i64>,
) -> OrderResponse {
    let _: serde_json::Value = shopper
        .post("/cart/items", &json!({"offer_id": offer_id, "quantity": 1}))
        .await
        .expect("added");
    let fulfilment = FulfilmentChoice {
        shop_id: shop_id.to_owned(),
        method: if store_id.is_some() {
            "pickup"
        } else {
            "delivery"
        }
        .into(),
        address: store_id.is_none().then(|| api_types::buying::Address {
            name: "Claire Martin".into(),
            line1: "12 rue Oberkampf".into(),
            line2: String::new(),
            postcode: "75011".into(),
            city: "Paris".into(),
            country: "FR".into(),
        }),
        store_id: store_id.map(str::to_owned),
    };
    shopper
        .post(
            "/checkout",
            &CheckoutRequest {
                fulfilments: vec![fulfilment],
                payment_method: "pm_card_visa".into(),
                use_cashback_cents: cashback,
                discount_code: None,
            },
        )
        .await
        .expect("paid")
}

#[tokio::test]
async fn the_wallet_page_follows_cashback_from_a_pickup_to_a_return() {
    let app = spawn_app().await;
    add_kitchen_category(&app).await;
    let a = stocked_shop(
        &app,
        "a@shops.test",
        "Maison Perle",
        "maison-perle",
        2490,
        490,
        5,
    )
    .await;
    let b = stocked_shop(
        &app,
        "b@shops.test",
        "Atelier Sel",
        "atelier-sel",
        2290,
        590,
        5,
    )
    .await;
    let staff_a = staff_of(&app, "a@shops.test").await;
    let staff_b = staff_of(&app, "b@shops.test").await;
    let shopper = logged_in(&app, "claire@halles.test").await;

    // Collected at Maison Perle's store: 3 % of 24.90 € pending, then available.
    let store_a = store_of(&staff_a).await;
    let first = buy(&shopper, &a.offer_id, &a.shop_id, Some(&store_a), None).await;
    let part = first.order.seller_orders[0].id.clone();
    step(&staff_a, &part, "accept", json!({})).await;
    step(&staff_a, &part, "ready", json!({})).await;
    let ready: OrderResponse = shopper
        .get(&format!("/orders/{}", first.order.id))
        .await
        .expect("order");
    let code = ready.order.seller_orders[0]
        .pickup_code
        .clone()
        .expect("code");
    step(&staff_a, &part, "collect", json!({ "code": code })).await;
    {
        use sea_orm::ConnectionTrait;
        app.db
            .conn()
            .execute_raw(services::db::statement(
                app.db.backend(),
                "UPDATE seller_orders SET payable_at = ? WHERE id = ?",
                [
                    (services::now() - chrono::Duration::minutes(1)).into(),
                    part.clone().into(),
                ],
            ))
            .await
            .expect("the window ends");
    }
    run_jobs(&app).await;
    let matured: Wallet = shopper.get("/wallet").await.expect("wallet");
    assert_eq!((matured.available_cents, matured.pending_cents), (75, 0));

    // Spent at Atelier Sel, delivered, then brought back to its store.
    let second = buy(&shopper, &b.offer_id, &b.shop_id, None, Some(75)).await;
    let part_b = second.order.seller_orders[0].id.clone();
    step(&staff_b, &part_b, "accept", json!({})).await;
    step(
        &staff_b,
        &part_b,
        "ship",
        json!({"carrier": "Colissimo", "tracking": "6A2"}),
    )
    .await;
    step(&staff_b, &part_b, "deliver", json!({})).await;
    let store_b = store_of(&staff_b).await;
    step(
        &staff_b,
        &part_b,
        "return",
        json!({"store_id": store_b, "reason": "Rapporté en boutique"}),
    )
    .await;
    let after: Wallet = shopper.get("/wallet").await.expect("wallet");
    assert_eq!((after.available_cents, after.pending_cents), (75, 0));

    let driver = start_driver().await;
    let client = browser(&driver, 1280, 1100).await;
    log_in(&client, &app, "claire@halles.test", "correct horse battery").await;
    client.goto(&app.url("/wallet")).await.expect("wallet page");
    wait_for_hydration(&client).await;
    let available = text_of(&client, "[data-balance=available]").await;
    assert!(available.contains("0,75"), "{available}");
    let pending = text_of(&client, "[data-balance=pending]").await;
    assert!(pending.contains("0,00"), "{pending}");
    let page = text_of(&client, "main").await;
    for number in [&first.order.number, &second.order.number] {
        assert!(
            page.contains(number.as_str()),
            "{number} in the history: {page}"
        );
    }
    let linked = client
        .find_all(Locator::Css("#history .wallet-order"))
        .await
        .expect("order links")
        .len();
    let rows = client
        .find_all(Locator::Css("#history tbody tr"))
        .await
        .expect("history rows")
        .len();
    assert!(
        rows >= 4,
        "earned, matured, spent, reversed, refunded: {page}"
    );
    assert_eq!(linked, rows, "every history line links its order: {page}");
    screenshot(&client, "wallet-after-return").await;
    client.close().await.expect("close");
}
