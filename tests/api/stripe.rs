//! The `stripe` provider against a local fake of Stripe: PaymentIntents with idempotency
//! keys, answers that never come or come wrong, and webhooks that are late, repeated,
//! out of order or forged. Whatever happens: at most one capture per order, and a paid
//! payment always ends as an order (or, when the order is gone, as a refund).

use std::time::Duration;

use admin_tui::client::{ApiClient, Method};
use api_types::buying::{CartResponse, CheckoutRequest, OrderResponse};
use api_types::orders::{Order, SellerOrderResponse};
use serde_json::json;
use tests::fake_stripe::{Delivery, EventKind, FakeStripe, Mode, WEBHOOK_SECRET};
use tests::{TestApp, logged_in, spawn_app_with};

use crate::market::{add_to_cart, assert_invariants, delivered, market, stock_row};

async fn stripe_app() -> (TestApp, FakeStripe) {
    let fake = FakeStripe::start().await;
    let app = spawn_app_with(|settings| fake.configure(settings)).await;
    (app, fake)
}

fn webhook_url(app: &TestApp) -> String {
    app.url("/api/v1/webhooks/stripe")
}

async fn checkout(
    client: &ApiClient,
    request: &CheckoutRequest,
) -> Result<Order, admin_tui::client::ApiError> {
    client
        .post::<_, OrderResponse>("/checkout", request)
        .await
        .map(|response| response.order)
}

async fn order_of(client: &ApiClient, order_id: &str) -> Order {
    client
        .get::<OrderResponse>(&format!("/orders/{order_id}"))
        .await
        .expect("the order")
        .order
}

/// Reads the order until it is `status` (webhooks arrive in the background).
async fn wait_for(client: &ApiClient, order_id: &str, status: &str) -> Order {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let order = order_of(client, order_id).await;
        if order.status == status || tokio::time::Instant::now() > deadline {
            return order;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn count_lines(app: &TestApp, movement_key: &str) -> u64 {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    services::db::entity::ledger_entries::Entity::find()
        .filter(services::db::entity::ledger_entries::Column::MovementKey.eq(movement_key))
        .count(app.db.conn())
        .await
        .expect("counting ledger lines")
}

async fn capture_lines(app: &TestApp, order_id: &str) -> u64 {
    count_lines(app, &format!("capture:{order_id}")).await
}

async fn messages(app: &TestApp, order_id: &str, kind: &str) -> u64 {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    use services::db::entity::notifications;
    notifications::Entity::find()
        .filter(notifications::Column::OrderId.eq(order_id))
        .filter(notifications::Column::Kind.eq(kind))
        .count(app.db.conn())
        .await
        .expect("counting messages")
}

async fn payment_row(app: &TestApp, order_id: &str) -> services::db::entity::payments::Model {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use services::db::entity::payments;
    payments::Entity::find()
        .filter(payments::Column::OrderId.eq(order_id))
        .one(app.db.conn())
        .await
        .expect("reading the payment")
        .expect("a payment")
}

/// An order of 2 × A's offer, paid by `pm_card_visa` through the API.
async fn order_two_lamps(
    app: &TestApp,
    email: &str,
) -> (
    crate::market::Market,
    ApiClient,
    Result<Order, admin_tui::client::ApiError>,
) {
    let m = market(app, 5).await;
    let shopper = logged_in(app, email).await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    let placed = checkout(&shopper, &delivered(&[&m.shop_a.id], "pm_card_visa")).await;
    (m, shopper, placed)
}

#[tokio::test]
async fn a_payment_intent_is_confirmed_with_an_idempotency_key_and_no_card_data() {
    let (app, fake) = stripe_app().await;
    let (m, _shopper, placed) = order_two_lamps(&app, "stripe@shoppers.test").await;
    let order = placed.expect("paid");
    assert_eq!(order.status, "paid");
    assert_eq!(order.payment.provider, "stripe");
    assert_eq!(order.payment.status, "captured");
    assert_eq!(order.payment.card_last4.as_deref(), Some("4242"));

    let calls = fake.create_calls();
    assert_eq!(calls.len(), 1);
    let form = &calls[0].form;
    assert_eq!(
        calls[0].idempotency_key.as_deref(),
        Some(format!("{}:1", order.payment.id).as_str())
    );
    assert_eq!(form["amount"], order.total_cents.to_string());
    assert_eq!(form["currency"], "eur");
    assert_eq!(form["payment_method"], "pm_card_visa");
    assert_eq!(form["confirm"], "true");
    assert_eq!(form["metadata[payment_id]"], order.payment.id);
    assert!(
        form.values()
            .all(|value| !value.contains("4242424242424242")),
        "only the method id reaches Stripe"
    );
    let payment = payment_row(&app, &order.id).await;
    assert_eq!(payment.provider_ref, Some(fake.only_intent_id()));
    assert_eq!(capture_lines(&app, &order.id).await, 2);
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (3, 0)
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_declined_card_answers_402_and_sells_nothing() {
    let (app, fake) = stripe_app().await;
    fake.set_mode(Mode::Decline);
    let (m, shopper, placed) = order_two_lamps(&app, "declined@shoppers.test").await;
    let err = placed.expect_err("declined");
    assert_eq!(
        (err.status(), err.code()),
        (Some(402), Some("payment_declined"))
    );
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 0),
        "nothing sold, nothing held"
    );
    let cart: CartResponse = shopper.get("/cart").await.expect("cart");
    assert_eq!(cart.cart.item_count, 2, "the lines are back in the cart");
    let orders: api_types::ListResponse<Order> = shopper.get("/orders").await.expect("orders");
    assert_eq!(orders.items[0].status, "payment_failed");
    assert_eq!(
        orders.items[0].payment.decline_code.as_deref(),
        Some("generic_decline")
    );
    assert_eq!(capture_lines(&app, &orders.items[0].id).await, 0);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_timeout_leaves_the_payment_processing_until_the_late_webhook_pays_it_once() {
    let (app, fake) = stripe_app().await;
    fake.set_mode(Mode::TimeOut);
    let (m, shopper, placed) = order_two_lamps(&app, "slow@shoppers.test").await;
    let order = placed.expect("answered with the order as it stands");
    assert_eq!(order.status, "pending_payment");
    assert_eq!(order.payment.status, "processing");
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 2),
        "the stock stays held while the outcome is unknown"
    );

    // The reservation runs out meanwhile: expiry must not take a started attempt's stock.
    use sea_orm::{ConnectionTrait, Statement};
    app.db
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            app.db.backend(),
            if app.db.backend() == sea_orm::DatabaseBackend::Postgres {
                "UPDATE orders SET expires_at = $1 WHERE id = $2"
            } else {
                "UPDATE orders SET expires_at = ? WHERE id = ?"
            },
            [
                (services::now() - chrono::Duration::minutes(30)).into(),
                order.id.clone().into(),
            ],
        ))
        .await
        .expect("backdating");
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
    .expect("jobs run");
    assert_eq!(
        order_of(&shopper, &order.id).await.status,
        "pending_payment"
    );
    let err = shopper
        .post::<_, OrderResponse>(
            &format!("/orders/{}/pay", order.id),
            &json!({"card_number": "4242424242424242", "expiry": "12/34", "cvc": "123", "name": "C"}),
        )
        .await
        .expect_err("no second attempt");
    assert_eq!(err.status(), Some(422), "typed cards are refused first");

    let event = fake.event(&fake.only_intent_id(), EventKind::Succeeded);
    let late = fake.deliver_later(webhook_url(&app), event, Duration::from_millis(50));
    assert_eq!(late.await.expect("delivered"), 200);
    let paid = wait_for(&shopper, &order.id, "paid").await;
    assert_eq!(paid.status, "paid");
    assert_eq!(paid.payment.status, "captured");
    assert_eq!(capture_lines(&app, &order.id).await, 2, "captured once");
    assert_eq!(messages(&app, &order.id, "order_placed").await, 1);
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (3, 0)
    );
    assert_eq!(fake.intents().len(), 1, "charged once");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_500_after_success_is_settled_by_the_reconcile_job_asking_with_the_same_key() {
    let (app, fake) = stripe_app().await;
    fake.set_mode(Mode::FailAfterSuccess);
    let (_m, shopper, placed) = order_two_lamps(&app, "fivehundred@shoppers.test").await;
    let order = placed.expect("answered with the order as it stands");
    assert_eq!(order.payment.status, "processing");

    let provider = fake.provider();
    let zero = chrono::Duration::zero();
    let settled = services::buying::payments::reconcile_processing(&app.db, &provider, zero)
        .await
        .expect("reconciled");
    assert_eq!(settled, 1);
    let paid = order_of(&shopper, &order.id).await;
    assert_eq!(paid.status, "paid");
    let calls = fake.create_calls();
    assert_eq!(calls.len(), 2, "the create call was re-sent");
    assert!(calls[1].replayed, "with the same key and parameters");
    assert_eq!(calls[0].idempotency_key, calls[1].idempotency_key);
    assert_eq!(fake.intents().len(), 1, "and charged nothing more");

    // Running again, and the webhook coming after all, change nothing.
    assert_eq!(
        services::buying::payments::reconcile_processing(&app.db, &provider, zero)
            .await
            .expect("reconciled"),
        0
    );
    let event = fake.event(&fake.only_intent_id(), EventKind::Succeeded);
    assert_eq!(fake.deliver(&webhook_url(&app), &event).await, 200);
    assert_eq!(capture_lines(&app, &order.id).await, 2, "captured once");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn the_same_webhook_twice_racing_the_answer_captures_once() {
    let (app, fake) = stripe_app().await;
    fake.send_webhooks_to(webhook_url(&app), Delivery::Twice);
    let (_m, shopper, placed) = order_two_lamps(&app, "twice@shoppers.test").await;
    let order = placed.expect("paid");
    assert_eq!(order.status, "paid");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while fake.deliveries().len() < 2 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(fake.deliveries(), vec![200, 200]);
    // And once more, by hand, after everything settled.
    let event = fake.event(&fake.only_intent_id(), EventKind::Succeeded);
    assert_eq!(fake.deliver(&webhook_url(&app), &event).await, 200);
    assert_eq!(order_of(&shopper, &order.id).await.status, "paid");
    assert_eq!(capture_lines(&app, &order.id).await, 2, "captured once");
    assert_eq!(messages(&app, &order.id, "order_placed").await, 1);
    assert!(fake.refund_calls().is_empty(), "nothing to give back");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_failure_event_after_success_leaves_the_order_paid() {
    let (app, fake) = stripe_app().await;
    let (_m, shopper, placed) = order_two_lamps(&app, "late-failure@shoppers.test").await;
    let order = placed.expect("paid");
    let intent = fake.only_intent_id();
    let url = webhook_url(&app);
    for kind in [EventKind::Succeeded, EventKind::PaymentFailed] {
        assert_eq!(fake.deliver(&url, &fake.event(&intent, kind)).await, 200);
    }
    let after = order_of(&shopper, &order.id).await;
    assert_eq!(after.status, "paid");
    assert_eq!(after.payment.status, "captured");
    assert_eq!(capture_lines(&app, &order.id).await, 2);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_success_arriving_after_the_failure_it_overtook_is_refunded_not_lost() {
    let (app, fake) = stripe_app().await;
    fake.set_mode(Mode::TimeOut);
    let (m, shopper, placed) = order_two_lamps(&app, "out-of-order@shoppers.test").await;
    let order = placed.expect("answered with the order as it stands");
    assert_eq!(order.payment.status, "processing");
    let intent = fake.only_intent_id();
    let url = webhook_url(&app);
    // The failure is heard first: an API order then fails and gives its stock back.
    let failed = fake.event(&intent, EventKind::PaymentFailed);
    assert_eq!(fake.deliver(&url, &failed).await, 200);
    let after = order_of(&shopper, &order.id).await;
    assert_eq!(after.status, "payment_failed");
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 0)
    );
    // Then the success: the money was taken for an order that no longer exists.
    let succeeded = fake.event(&intent, EventKind::Succeeded);
    assert_eq!(fake.deliver(&url, &succeeded).await, 200);
    assert_eq!(fake.deliver(&url, &succeeded).await, 200, "a repeat");
    let after = order_of(&shopper, &order.id).await;
    assert_eq!(after.status, "payment_failed", "no order out of thin stock");
    let refunds: Vec<_> = fake
        .refund_calls()
        .into_iter()
        .filter(|call| !call.replayed)
        .collect();
    assert_eq!(refunds.len(), 1, "refunded once: {refunds:?}");
    assert_eq!(refunds[0].payment_intent, intent);
    assert_eq!(refunds[0].amount, order.total_cents);
    assert_eq!(capture_lines(&app, &order.id).await, 0);
    assert_eq!(
        count_lines(&app, &format!("unplaced_refund:{intent}")).await,
        2
    );
    assert_eq!(messages(&app, &order.id, "refunded").await, 1);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn forged_or_stale_webhooks_are_refused_with_400() {
    let (app, fake) = stripe_app().await;
    fake.set_mode(Mode::TimeOut);
    let (_m, shopper, placed) = order_two_lamps(&app, "forged@shoppers.test").await;
    let order = placed.expect("answered");
    let event = fake.event(&fake.only_intent_id(), EventKind::Succeeded);
    let body = event.to_string();
    let now = chrono::Utc::now().timestamp();
    let send = |signature: String, body: String| {
        let url = webhook_url(&app);
        async move {
            let response = reqwest::Client::new()
                .post(url)
                .header("stripe-signature", signature)
                .body(body)
                .send()
                .await
                .expect("answered");
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().await.unwrap_or_default();
            (
                status,
                body["error"]["code"].as_str().unwrap_or("").to_owned(),
            )
        }
    };
    let sign = services::buying::stripe::signature_header;
    assert_eq!(
        send(sign("whsec_not_ours", now, body.as_bytes()), body.clone()).await,
        (400, "signature_invalid".to_owned())
    );
    assert_eq!(
        send(
            sign(WEBHOOK_SECRET, now - 301, body.as_bytes()),
            body.clone()
        )
        .await,
        (400, "signature_expired".to_owned())
    );
    let tampered = body.replace("succeeded", "succeeded ");
    assert_eq!(
        send(sign(WEBHOOK_SECRET, now, body.as_bytes()), tampered).await,
        (400, "signature_invalid".to_owned())
    );
    assert_eq!(
        fake.deliver_raw(&webhook_url(&app), body.clone(), "").await,
        400
    );
    assert_eq!(
        send(sign(WEBHOOK_SECRET, now, b"not json"), "not json".into()).await,
        (400, "payload_invalid".to_owned())
    );
    let other =
        json!({"id": "evt_x", "type": "customer.created", "data": {"object": {}}}).to_string();
    assert_eq!(
        send(sign(WEBHOOK_SECRET, now, other.as_bytes()), other).await,
        (200, String::new()),
        "events we do not act on are acknowledged"
    );
    let still = order_of(&shopper, &order.id).await;
    assert_eq!(
        still.payment.status, "processing",
        "nothing forged settled it"
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_seller_refund_goes_through_stripe_with_its_own_key() {
    let (app, fake) = stripe_app().await;
    let (m, _shopper, placed) = order_two_lamps(&app, "refunded@shoppers.test").await;
    let order = placed.expect("paid");
    let part = order.seller_orders[0].id.clone();
    let refunded: SellerOrderResponse = m
        .shop_a
        .staff
        .send(
            m.shop_a
                .staff
                .raw(
                    Method::POST,
                    &format!("/api/v1/seller/orders/{part}/refund"),
                )
                .header("Idempotency-Key", "stripe-refund-1")
                .json(&json!({"amount_cents": 500, "reason": "scratched"})),
        )
        .await
        .expect("refunded");
    assert_eq!(refunded.seller_order.refunded_cents, 500);
    let calls = fake.refund_calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].payment_intent, fake.only_intent_id());
    assert_eq!(calls[0].amount, 500);
    assert!(
        calls[0]
            .idempotency_key
            .as_deref()
            .is_some_and(|key| key.starts_with("refund:")),
        "{calls:?}"
    );
    let payment = payment_row(&app, &order.id).await;
    assert_eq!(payment.status, "partially_refunded");
    assert_eq!(payment.refunded_cents, 500);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_refund_whose_first_answer_is_lost_is_asked_again_and_recorded_at_once() {
    let (app, fake) = stripe_app().await;
    let (m, _shopper, placed) = order_two_lamps(&app, "lost-refund@shoppers.test").await;
    let order = placed.expect("paid");
    let part = order.seller_orders[0].id.clone();
    // Stripe refunds, but its answer comes after our client gave up; asked again with the
    // same key, it answers that refund at once.
    fake.set_refunds_time_out(true);
    let refunded: SellerOrderResponse = m
        .shop_a
        .staff
        .send(
            m.shop_a
                .staff
                .raw(
                    Method::POST,
                    &format!("/api/v1/seller/orders/{part}/refund"),
                )
                .json(&json!({"amount_cents": 500, "reason": "scratched"})),
        )
        .await
        .expect("refunded in the same request");
    assert_eq!(refunded.seller_order.refunded_cents, 500);
    let calls = fake.refund_calls();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(calls[0].idempotency_key, calls[1].idempotency_key);
    assert!(
        calls[1].replayed,
        "the second ask got the first refund back"
    );
    assert_eq!(payment_row(&app, &order.id).await.refunded_cents, 500);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_seller_refund_retried_after_a_timeout_refunds_once() {
    let (app, fake) = stripe_app().await;
    let (m, _shopper, placed) = order_two_lamps(&app, "retried-refund@shoppers.test").await;
    let order = placed.expect("paid");
    let part = order.seller_orders[0].id.clone();
    let path = format!("/api/v1/seller/orders/{part}/refund");
    let body = json!({"amount_cents": 500, "reason": "scratched"});
    // Stripe refunds, but every answer comes after our client gave up, however often the
    // server asks again: nothing recorded.
    fake.set_refunds_unreachable(true);
    let lost = m
        .shop_a
        .staff
        .send::<SellerOrderResponse>(m.shop_a.staff.raw(Method::POST, &path).json(&body))
        .await
        .expect_err("the provider's answer was lost");
    assert_eq!(
        (lost.status(), lost.code()),
        (Some(409), Some("payment_provider_unavailable")),
        "the seller is told to retry: {lost:?}"
    );
    assert_eq!(
        payment_row(&app, &order.id).await.refunded_cents,
        0,
        "nothing recorded while the answer is unknown"
    );
    let asked = fake.refund_calls().len();
    assert!(asked > 1, "the server asked again before giving up");
    // The seller tries again: the same provider key, so Stripe answers the first refund.
    fake.set_refunds_unreachable(false);
    let refunded: SellerOrderResponse = m
        .shop_a
        .staff
        .send(m.shop_a.staff.raw(Method::POST, &path).json(&body))
        .await
        .expect("refunded on retry");
    assert_eq!(refunded.seller_order.refunded_cents, 500);
    let calls = fake.refund_calls();
    assert_eq!(calls.len(), asked + 1, "{calls:?}");
    assert!(
        calls
            .iter()
            .all(|call| call.idempotency_key == calls[0].idempotency_key),
        "one key for every ask: {calls:?}"
    );
    assert!(calls[asked].replayed, "the retry got the first refund back");
    assert_eq!(
        calls.iter().filter(|call| !call.replayed).count(),
        1,
        "refunded once"
    );
    // A refund of another amount from the same state would have been refused, not paid
    // twice; from the new state it is a refund of its own.
    let second: SellerOrderResponse = m
        .shop_a
        .staff
        .send(
            m.shop_a
                .staff
                .raw(Method::POST, &path)
                .json(&json!({"amount_cents": 300, "reason": "late"})),
        )
        .await
        .expect("a second refund");
    assert_eq!(second.seller_order.refunded_cents, 800);
    assert_ne!(
        fake.refund_calls()[asked + 1].idempotency_key,
        calls[0].idempotency_key
    );
    let payment = payment_row(&app, &order.id).await;
    assert_eq!(payment.refunded_cents, 800, "each refund recorded once");
    assert_invariants(&app).await;
}

/// The state of the refund requests of a part, oldest first.
async fn refund_requests(app: &TestApp, part: &str) -> Vec<(i64, String)> {
    use sea_orm::ConnectionTrait;
    app.db
        .conn()
        .query_all_raw(services::db::statement(
            app.db.backend(),
            "SELECT amount_cents, status FROM refund_requests WHERE seller_order_id = ? ORDER BY created_at",
            [part.into()],
        ))
        .await
        .expect("reading refund requests")
        .into_iter()
        .map(|row| {
            (
                row.try_get_by_index(0).expect("amount"),
                row.try_get_by_index(1).expect("status"),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_refund_whose_answer_stays_lost_is_finished_by_a_job_when_nobody_asks_again() {
    let (app, fake) = stripe_app().await;
    let (m, _shopper, placed) = order_two_lamps(&app, "never-retried@shoppers.test").await;
    let order = placed.expect("paid");
    let part = order.seller_orders[0].id.clone();
    let path = format!("/api/v1/seller/orders/{part}/refund");
    // Stripe refunds, but no answer reaches us however often we ask: the seller is told
    // to retry, and does not.
    fake.set_refunds_unreachable(true);
    let lost = refund_as_seller(&m, &path, 500, "scratched")
        .await
        .expect_err("the provider's answer was lost");
    assert_eq!(lost.code(), Some("payment_provider_unavailable"));
    assert_eq!(
        refund_requests(&app, &part).await,
        [(500, "asked".to_owned())],
        "written down before Stripe was asked"
    );
    // Another refund of the part now would reuse the lost one's key with another amount,
    // or strand its money: refused until the first is settled.
    let meanwhile = refund_as_seller(&m, &path, 300, "late")
        .await
        .expect_err("refused while the first is unsettled");
    assert_eq!(
        (meanwhile.status(), meanwhile.code()),
        (Some(409), Some("refund_in_progress")),
        "{meanwhile:?}"
    );
    let asked = fake.refund_calls().len();

    // Stripe answers again. Too soon, the job leaves the request to its live asker.
    fake.set_refunds_unreachable(false);
    let provider = fake.provider();
    let lost_refunds = || services::buying::refund_requests::finish_lost(&app.db, &provider);
    assert_eq!(lost_refunds().await.expect("job ran"), 0);
    // Past the while a live request could still be waiting, the job asks again with the
    // same key: Stripe answers the refund it made, and it is recorded once.
    backdate_refund_requests(&app).await;
    assert_eq!(lost_refunds().await.expect("job ran"), 1);
    assert_eq!(lost_refunds().await.expect("job ran again"), 0);
    let calls = fake.refund_calls();
    assert_eq!(calls.len(), asked + 1, "{calls:?}");
    assert!(calls[asked].replayed, "the job got the first refund back");
    assert_eq!(
        calls.iter().filter(|call| !call.replayed).count(),
        1,
        "refunded once"
    );
    assert_eq!(
        refund_requests(&app, &part).await,
        [(500, "recorded".to_owned())]
    );
    assert_eq!(payment_row(&app, &order.id).await.refunded_cents, 500);
    // And the part takes new refunds again.
    let second = refund_as_seller(&m, &path, 300, "late")
        .await
        .expect("a second refund");
    assert_eq!(second.seller_order.refunded_cents, 800);
    assert_eq!(payment_row(&app, &order.id).await.refunded_cents, 800);
    assert_invariants(&app).await;
}

/// Shop A's staff refunds `amount_cents` of the part at `path` (`/api/v1/seller/orders/…/refund`).
async fn refund_as_seller(
    m: &crate::market::Market,
    path: &str,
    amount_cents: i64,
    reason: &str,
) -> Result<SellerOrderResponse, admin_tui::client::ApiError> {
    m.shop_a
        .staff
        .send(
            m.shop_a
                .staff
                .raw(Method::POST, path)
                .json(&json!({"amount_cents": amount_cents, "reason": reason})),
        )
        .await
}

async fn backdate_refund_requests(app: &TestApp) {
    use sea_orm::ConnectionTrait;
    app.db
        .conn()
        .execute_raw(services::db::statement(
            app.db.backend(),
            "UPDATE refund_requests SET updated_at = ?",
            [(chrono::Utc::now() - chrono::Duration::minutes(5)).into()],
        ))
        .await
        .expect("backdating");
}

#[tokio::test]
async fn typed_card_numbers_are_refused_with_stripe() {
    let (app, fake) = stripe_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "typed@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    let order = checkout(&shopper, &delivered(&[&m.shop_a.id], "hosted_page"))
        .await
        .expect("order placed");
    let err = shopper
        .post::<_, OrderResponse>(
            &format!("/orders/{}/pay", order.id),
            &json!({"card_number": "4242 4242 4242 4242", "expiry": "12/34", "cvc": "123", "name": "C"}),
        )
        .await
        .expect_err("refused");
    assert_eq!(
        (err.status(), err.code(), err.field()),
        (
            Some(422),
            Some("card_entry_unavailable"),
            Some("card_number")
        )
    );
    let err = checkout(&shopper, &delivered(&[&m.shop_a.id], "4242424242424242"))
        .await
        .expect_err("refused");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("payment_method"))
    );
    let still = order_of(&shopper, &order.id).await;
    assert_eq!(
        (still.status.as_str(), still.payment.status.as_str()),
        ("pending_payment", "pending")
    );
    assert!(fake.create_calls().is_empty(), "nothing reached Stripe");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn on_the_payment_page_a_success_after_its_failure_still_pays_the_held_order() {
    let (app, fake) = stripe_app().await;
    fake.set_mode(Mode::TimeOut);
    let (m, shopper, placed) = order_two_lamps(&app, "page-retry@shoppers.test").await;
    let order = placed.expect("answered with the order as it stands");
    // As if placed from the storefront: a decline keeps the order waiting for a retry.
    use sea_orm::{ConnectionTrait, Statement};
    app.db
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            app.db.backend(),
            if app.db.backend() == sea_orm::DatabaseBackend::Postgres {
                "UPDATE orders SET channel = 'web' WHERE id = $1"
            } else {
                "UPDATE orders SET channel = 'web' WHERE id = ?"
            },
            [order.id.clone().into()],
        ))
        .await
        .expect("switching the channel");
    let intent = fake.only_intent_id();
    let url = webhook_url(&app);
    let failed = fake.event(&intent, EventKind::PaymentFailed);
    assert_eq!(fake.deliver(&url, &failed).await, 200);
    let waiting = order_of(&shopper, &order.id).await;
    assert_eq!(
        (waiting.status.as_str(), waiting.payment.status.as_str()),
        ("pending_payment", "pending")
    );
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 2),
        "still held for a retry"
    );
    let succeeded = fake.event(&intent, EventKind::Succeeded);
    assert_eq!(fake.deliver(&url, &succeeded).await, 200);
    assert_eq!(
        fake.deliver(&url, &failed).await,
        200,
        "a stale failure again"
    );
    let paid = order_of(&shopper, &order.id).await;
    assert_eq!(
        (paid.status.as_str(), paid.payment.status.as_str()),
        ("paid", "captured")
    );
    assert_eq!(capture_lines(&app, &order.id).await, 2);
    assert!(fake.refund_calls().is_empty());
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (3, 0)
    );
    assert_invariants(&app).await;
}
