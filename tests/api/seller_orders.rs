//! A seller's side of an order: accept, ship, deliver, collect, cancel, refund, returns,
//! each refused in the wrong state; refunds go back through the provider and the ledger.

use admin_tui::client::{ApiClient, Method};
use api_types::ListResponse;
use api_types::buying::{CheckoutRequest, FulfilmentChoice, OrderResponse};
use api_types::orders::{SellerOrder, SellerOrderResponse};
use serde_json::{Value, json};
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{
    Market, add_to_cart, assert_invariants, delivered, end_return_window, hand_over, market,
    run_jobs, stock_row,
};

async fn step(
    staff: &ApiClient,
    id: &str,
    action: &str,
    body: Value,
) -> Result<SellerOrder, admin_tui::client::ApiError> {
    staff
        .post::<_, SellerOrderResponse>(&format!("/seller/orders/{id}/{action}"), &body)
        .await
        .map(|response| response.seller_order)
}

/// A paid order of 2 × A's offer (24.00 €) delivered; returns the shopper and A's part id.
async fn paid_order(app: &TestApp, m: &Market, email: &str) -> (ApiClient, String, String) {
    let shopper = logged_in(app, email).await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    let order: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let part = order.order.seller_orders[0].id.clone();
    (shopper, order.order.id, part)
}

async fn ledger_balance(app: &TestApp, account: &str) -> i64 {
    services::buying::ledger::balance(app.db.conn(), account)
        .await
        .expect("balance")
}

#[tokio::test]
async fn a_delivery_goes_paid_accepted_shipped_delivered_and_wrong_moves_are_refused() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (shopper, order_id, part) = paid_order(&app, &m, "lifecycle@shoppers.test").await;
    let staff = &m.shop_a.staff;

    let err = step(
        staff,
        &part,
        "ship",
        json!({"carrier": "Colissimo", "tracking": "6A123"}),
    )
    .await
    .expect_err("refused");
    assert_eq!(
        (err.status(), err.code()),
        (Some(409), Some("invalid_transition")),
        "ship before accept"
    );
    assert_eq!(
        step(staff, &part, "accept", json!({}))
            .await
            .expect("accepted")
            .status,
        "accepted"
    );
    let err = step(staff, &part, "ready", json!({}))
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(409), "ready is for pickups");
    let err = step(
        staff,
        &part,
        "ship",
        json!({"carrier": "", "tracking": "6A123"}),
    )
    .await
    .expect_err("refused");
    assert_eq!((err.status(), err.field()), (Some(422), Some("carrier")));
    let shipped = step(
        staff,
        &part,
        "ship",
        json!({"carrier": "Colissimo", "tracking": "6A123"}),
    )
    .await
    .expect("shipped");
    assert_eq!(
        (
            shipped.status.as_str(),
            shipped.fulfilment.tracking.as_deref()
        ),
        ("shipped", Some("6A123"))
    );
    let delivered_part = step(staff, &part, "deliver", json!({}))
        .await
        .expect("delivered");
    assert!(delivered_part.return_deadline.is_some());
    let err = step(staff, &part, "teleport", json!({}))
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(404));

    let other_seller = &m.shop_b.staff;
    let err = step(other_seller, &part, "accept", json!({}))
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(404), "another shop cannot touch it");
    let err = shopper
        .post::<_, SellerOrderResponse>(&format!("/seller/orders/{part}/accept"), &json!({}))
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(403), "a shopper is not staff");

    let order: OrderResponse = shopper
        .get(&format!("/orders/{order_id}"))
        .await
        .expect("order");
    assert_eq!(order.order.status, "completed");
    let messages: ListResponse<api_types::buying::Notification> =
        shopper.get("/notifications").await.expect("messages");
    assert!(
        messages
            .items
            .iter()
            .any(|message| message.kind == "shipped")
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn cancelling_refunds_in_full_and_puts_the_units_back() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (shopper, order_id, part) = paid_order(&app, &m, "cancel@shoppers.test").await;
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (3, 0)
    );
    let cancelled = step(
        &m.shop_a.staff,
        &part,
        "cancel",
        json!({"reason": "broken in the warehouse"}),
    )
    .await
    .expect("cancelled");
    assert_eq!(cancelled.status, "cancelled");
    assert_eq!(cancelled.refunded_cents, cancelled.total_cents);
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 0)
    );
    let order: OrderResponse = shopper
        .get(&format!("/orders/{order_id}"))
        .await
        .expect("order");
    assert_eq!(order.order.payment.status, "refunded");
    assert_eq!(order.order.status, "cancelled");
    assert_eq!(
        ledger_balance(&app, &format!("seller:{}:pending", m.shop_a.id)).await,
        0,
        "the seller earns nothing"
    );
    assert_eq!(
        ledger_balance(&app, "platform:commission").await,
        0,
        "nor does the platform"
    );
    let err = step(&m.shop_a.staff, &part, "cancel", json!({}))
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(409));
    assert_invariants(&app).await;
}

#[tokio::test]
async fn partial_refunds_never_exceed_what_was_paid_and_replays_refund_once() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (_shopper, _order_id, part) = paid_order(&app, &m, "refund@shoppers.test").await;
    let staff = &m.shop_a.staff;
    step(staff, &part, "accept", json!({}))
        .await
        .expect("accepted");
    step(
        staff,
        &part,
        "ship",
        json!({"carrier": "DPD", "tracking": "X1"}),
    )
    .await
    .expect("shipped");
    let refund = |key: &'static str, amount: i64| {
        staff
            .raw(
                Method::POST,
                &format!("/api/v1/seller/orders/{part}/refund"),
            )
            .header("Idempotency-Key", key)
            .json(&json!({"amount_cents": amount, "reason": "scratched"}))
    };
    let first: SellerOrderResponse = staff.send(refund("refund-1", 500)).await.expect("refunded");
    let replay: SellerOrderResponse = staff.send(refund("refund-1", 500)).await.expect("replayed");
    assert_eq!(first.seller_order.refunded_cents, 500);
    assert_eq!(
        replay.seller_order.refunded_cents, 500,
        "the replay refunds nothing more"
    );
    let total = first.seller_order.total_cents;
    let err = staff
        .send::<SellerOrderResponse>(refund("refund-2", total))
        .await
        .expect_err("refused");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("amount_cents"))
    );
    let rest: SellerOrderResponse = staff
        .send(refund("refund-3", total - 500))
        .await
        .expect("the rest");
    assert_eq!(rest.seller_order.status, "refunded");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_return_within_the_window_is_refunded_and_restocked() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (shopper, order_id, part) = paid_order(&app, &m, "return@shoppers.test").await;
    let staff = &m.shop_a.staff;
    let path = format!("/orders/{order_id}/seller-orders/{part}/return");
    let err = shopper
        .post::<_, OrderResponse>(&path, &json!({"reason": "too small"}))
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(409), "not delivered yet");
    hand_over(staff, &part).await;
    let asked: OrderResponse = shopper
        .post(&path, &json!({"reason": "too small"}))
        .await
        .expect("asked");
    assert_eq!(asked.order.seller_orders[0].return_status, "requested");
    let answered: SellerOrderResponse = staff
        .post(&format!("/seller/orders/{part}/return/accept"), &json!({}))
        .await
        .expect("accepted");
    assert_eq!(answered.seller_order.return_status, "accepted");
    assert_eq!(answered.seller_order.status, "refunded");
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 0),
        "units back on the shelf"
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn earnings_become_payable_after_the_return_window() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (_shopper, _order_id, part) = paid_order(&app, &m, "payable@shoppers.test").await;
    let done = hand_over(&m.shop_a.staff, &part).await;
    let pending = format!("seller:{}:pending", m.shop_a.id);
    let payable = format!("seller:{}:payable", m.shop_a.id);
    let earned = done.total_cents - done.commission_cents;
    assert_eq!(ledger_balance(&app, &pending).await, earned);
    assert_eq!(ledger_balance(&app, &payable).await, 0);

    end_return_window(&app, &part).await;
    let mail_folder = run_jobs(&app).await;
    run_jobs(&app).await;
    assert_eq!(ledger_balance(&app, &pending).await, 0);
    assert_eq!(ledger_balance(&app, &payable).await, earned);
    let mails = std::fs::read_dir(&mail_folder)
        .expect("mail folder")
        .count();
    assert!(
        mails >= 2,
        "order placed and shipped e-mails written, got {mails}"
    );
    assert_invariants(&app).await;
}

/// The shopper's cart, paid with the test card, to collect at shop B's store.
async fn pay_for_pickup_at_store_b(shopper: &ApiClient, m: &Market) -> OrderResponse {
    shopper
        .post(
            "/checkout",
            &CheckoutRequest {
                fulfilments: vec![FulfilmentChoice {
                    shop_id: m.shop_b.id.clone(),
                    method: "pickup".into(),
                    address: None,
                    store_id: Some(m.shop_b.store_id.clone()),
                }],
                payment_method: "pm_card_visa".into(),
                use_cashback_cents: None,
                discount_code: None,
            },
        )
        .await
        .expect("paid")
}

#[tokio::test]
async fn a_pickup_is_readied_then_collected_with_the_shoppers_code() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "collect@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_b, 1).await;
    let order = pay_for_pickup_at_store_b(&shopper, &m).await;
    let part = &order.order.seller_orders[0];
    let code = part.pickup_code.clone().expect("code");
    let staff = &m.shop_b.staff;
    step(staff, &part.id, "accept", json!({}))
        .await
        .expect("accepted");
    step(staff, &part.id, "ready", json!({}))
        .await
        .expect("ready");
    let err = step(staff, &part.id, "collect", json!({"code": "WRONG123"}))
        .await
        .expect_err("refused");
    assert_eq!((err.status(), err.field()), (Some(422), Some("code")));
    let collected = step(
        staff,
        &part.id,
        "collect",
        json!({"code": code.to_lowercase()}),
    )
    .await
    .expect("collected");
    assert_eq!(collected.status, "collected");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn wrong_pickup_codes_are_throttled_per_order() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "guessing@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_b, 1).await;
    let order = pay_for_pickup_at_store_b(&shopper, &m).await;
    let part = &order.order.seller_orders[0];
    let code = part.pickup_code.clone().expect("code");
    let staff = &m.shop_b.staff;
    for action in ["accept", "ready"] {
        step(staff, &part.id, action, json!({}))
            .await
            .expect(action);
    }
    for guess in 0..5 {
        let err = step(
            staff,
            &part.id,
            "collect",
            json!({"code": format!("WRONG00{guess}")}),
        )
        .await
        .expect_err("wrong code");
        assert_eq!(err.status(), Some(422), "guess {guess}");
    }
    // Five wrong codes: even the right one now waits, with Retry-After.
    let response = staff
        .raw(
            Method::POST,
            &format!("/api/v1/seller/orders/{}/collect", part.id),
        )
        .json(&json!({"code": code}))
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let still: SellerOrderResponse = staff
        .get(&format!("/seller/orders/{}", part.id))
        .await
        .expect("order");
    assert_eq!(
        still.seller_order.status, "ready_for_pickup",
        "not collected"
    );
}
