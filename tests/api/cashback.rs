//! Cashback through the API: earned pending on payment, available after the return
//! window, spent with another seller, reversed exactly on refunds; and a wallet that no
//! race can drive below zero.

use admin_tui::client::ApiClient;
use api_types::buying::{OrderResponse, Wallet};
use api_types::orders::SellerOrderResponse;
use serde_json::json;
use tests::{logged_in, spawn_app};

use crate::market::{
    add_to_cart, assert_invariants, delivered, end_return_window, hand_over, market, run_jobs,
};

async fn wallet(client: &ApiClient) -> Wallet {
    client.get("/wallet").await.expect("wallet")
}

async fn step(staff: &ApiClient, id: &str, action: &str, body: serde_json::Value) {
    let _: SellerOrderResponse = staff
        .post(&format!("/seller/orders/{id}/{action}"), &body)
        .await
        .expect("seller step");
}

#[tokio::test]
async fn cashback_is_earned_matures_is_spent_elsewhere_and_reversed_exactly() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "clubr@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    let first: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let earned = wallet(&shopper).await;
    assert_eq!(
        (earned.available_cents, earned.pending_cents),
        (0, 72),
        "3 % of 24.00 €, pending"
    );
    assert_eq!(earned.lots[0].status, "pending");

    let part = first.order.seller_orders[0].id.clone();
    hand_over(&m.shop_a.staff, &part).await;
    run_jobs(&app).await;
    assert_eq!(
        wallet(&shopper).await.pending_cents,
        72,
        "not before the return window ends"
    );
    end_return_window(&app, &part).await;
    run_jobs(&app).await;
    run_jobs(&app).await;
    let matured = wallet(&shopper).await;
    assert_eq!((matured.available_cents, matured.pending_cents), (72, 0));
    assert!(matured.lots[0].expires_at.is_some());

    add_to_cart(&shopper, &m.offer_b, 1).await;
    let mut request = delivered(&[&m.shop_b.id], "pm_card_visa");
    request.use_cashback_cents = Some(100);
    let err = shopper
        .post::<_, OrderResponse>("/checkout", &request)
        .await
        .expect_err("more than the wallet");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("use_cashback_cents"))
    );
    request.use_cashback_cents = Some(72);
    let second: OrderResponse = shopper
        .post("/checkout", &request)
        .await
        .expect("paid with cashback");
    assert_eq!(second.order.cashback_used_cents, 72);
    assert_eq!(second.order.total_cents, 2500 - 72);
    assert_eq!(second.order.payment.amount_cents, 2500 - 72);
    let spent = wallet(&shopper).await;
    assert_eq!(spent.available_cents, 0);
    // Earned on what the card paid for the items: 3 % of 24.28 € = 0.73 €.
    assert_eq!(spent.pending_cents, 73);
    assert_invariants(&app).await;

    // The seller cancels: the card gets its part back, the wallet the cashback that paid,
    // and the cashback the order earned is taken back.
    let part_b = second.order.seller_orders[0].id.clone();
    step(
        &m.shop_b.staff,
        &part_b,
        "cancel",
        json!({"reason": "out of stock"}),
    )
    .await;
    let after = wallet(&shopper).await;
    assert_eq!((after.available_cents, after.pending_cents), (72, 0));
    let order: OrderResponse = shopper
        .get(&format!("/orders/{}", second.order.id))
        .await
        .expect("order");
    assert_eq!(
        order.order.payment.refunded_cents,
        2500 - 72,
        "the card only gets what it paid"
    );
    assert_invariants(&app).await;
}

/// Issue 6's story with click & collect and a return over the counter: earned on a
/// collected pickup, matured after the window, spent with another seller, and the return
/// of what it bought gives back exactly what the wallet paid and takes back what it earned.
#[tokio::test]
async fn cashback_from_a_collected_pickup_is_spent_and_a_return_in_store_reverses_it() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "collect@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_b, 1).await;
    let request = api_types::buying::CheckoutRequest {
        fulfilments: vec![api_types::buying::FulfilmentChoice {
            shop_id: m.shop_b.id.clone(),
            method: "pickup".into(),
            address: None,
            store_id: Some(m.shop_b.store_id.clone()),
        }],
        ..delivered(&[], "pm_card_visa")
    };
    let first: OrderResponse = shopper.post("/checkout", &request).await.expect("paid");
    assert_eq!(wallet(&shopper).await.pending_cents, 75, "3 % of 25.00 €");
    let part = first.order.seller_orders[0].id.clone();
    step(&m.shop_b.staff, &part, "accept", json!({})).await;
    step(&m.shop_b.staff, &part, "ready", json!({})).await;
    let ready: OrderResponse = shopper
        .get(&format!("/orders/{}", first.order.id))
        .await
        .expect("order");
    let code = ready.order.seller_orders[0]
        .pickup_code
        .clone()
        .expect("the shopper has the code");
    step(&m.shop_b.staff, &part, "collect", json!({ "code": code })).await;
    end_return_window(&app, &part).await;
    run_jobs(&app).await;
    let matured = wallet(&shopper).await;
    assert_eq!((matured.available_cents, matured.pending_cents), (75, 0));
    assert_invariants(&app).await;

    add_to_cart(&shopper, &m.offer_a, 1).await;
    let mut spend = delivered(&[&m.shop_a.id], "pm_card_visa");
    spend.use_cashback_cents = Some(75);
    let second: OrderResponse = shopper.post("/checkout", &spend).await.expect("paid");
    assert_eq!(second.order.payment.amount_cents, 1200 - 75);
    let spent = wallet(&shopper).await;
    // Earned on what the card paid: 3 % of 11.25 € = 0.3375 €, rounded to 0.34 €.
    assert_eq!((spent.available_cents, spent.pending_cents), (0, 34));
    let part_a = second.order.seller_orders[0].id.clone();
    hand_over(&m.shop_a.staff, &part_a).await;

    let _: SellerOrderResponse = m
        .shop_a
        .staff
        .post(
            &format!("/seller/orders/{part_a}/return"),
            &json!({"store_id": m.shop_a.store_id, "reason": "Ne fonctionne pas"}),
        )
        .await
        .expect("returned in store");
    let after = wallet(&shopper).await;
    assert_eq!(
        (after.available_cents, after.pending_cents),
        (75, 0),
        "the cashback spent comes back, the cashback earned goes"
    );
    let order: OrderResponse = shopper
        .get(&format!("/orders/{}", second.order.id))
        .await
        .expect("order");
    assert_eq!(order.order.payment.refunded_cents, 1200 - 75);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_partial_refund_takes_back_cashback_in_proportion() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "partial@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_b, 4).await;
    let order: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_b.id], "pm_card_visa"))
        .await
        .expect("paid");
    assert_eq!(wallet(&shopper).await.pending_cents, 300, "3 % of 100.00 €");
    let part = order.order.seller_orders[0].id.clone();
    step(&m.shop_b.staff, &part, "accept", json!({})).await;
    step(
        &m.shop_b.staff,
        &part,
        "ship",
        json!({"carrier": "DPD", "tracking": "X1"}),
    )
    .await;
    step(
        &m.shop_b.staff,
        &part,
        "refund",
        json!({"amount_cents": 2500, "reason": "one arrived broken"}),
    )
    .await;
    assert_eq!(
        wallet(&shopper).await.pending_cents,
        225,
        "a quarter refunded, a quarter taken back"
    );
    step(
        &m.shop_b.staff,
        &part,
        "refund",
        json!({"amount_cents": 7500, "reason": "all of it"}),
    )
    .await;
    assert_eq!(wallet(&shopper).await.pending_cents, 0);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn sixty_four_parallel_spends_never_drive_a_wallet_below_zero() {
    let app = spawn_app().await;
    let shopper = logged_in(&app, "spender@shoppers.test").await;
    let me: api_types::MeResponse = shopper.me().await.expect("me");
    let user_id = me.user.id;
    // 30.00 € of cashback credited, as a refund to the wallet would.
    {
        let txn = app.db.begin_write().await.expect("txn");
        services::buying::ledger::transfer(
            &txn,
            "test_grant",
            services::buying::cashback::PLATFORM,
            &services::buying::ledger::wallet(&user_id),
            3000,
            services::buying::ledger::Refs::default(),
        )
        .await
        .expect("ledger");
        services::buying::cashback::credit_lot(&txn, &user_id, 3000, "test_grant")
            .await
            .expect("lot");
        txn.commit().await.expect("commit");
    }
    let attempts = (0..64).map(|index| {
        let db = app.db.clone();
        let user_id = user_id.clone();
        tokio::spawn(async move {
            let txn = db.begin_write().await.expect("txn");
            let held = services::buying::cashback::hold_for_order(
                &txn,
                &user_id,
                &format!("order-{index}"),
                100,
            )
            .await;
            match held {
                Ok(()) => txn.commit().await.map(|_| true).expect("commit"),
                Err(_) => {
                    txn.rollback().await.expect("rollback");
                    false
                }
            }
        })
    });
    let results = futures::future::join_all(attempts).await;
    let spent = results
        .into_iter()
        .filter(|result| matches!(result, Ok(true)))
        .count();
    assert_eq!(spent, 30, "exactly what the wallet held");
    let after = wallet(&shopper).await;
    assert_eq!(after.available_cents, 0);
    assert_invariants(&app).await;
}

/// Cashback about to expire: the shopper is told once, with the order it came from, and
/// the wallet's history names the order on every line, release included.
#[tokio::test]
async fn cashback_about_to_expire_is_announced_once() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "expiring@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    let order: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let part = order.order.seller_orders[0].id.clone();
    hand_over(&m.shop_a.staff, &part).await;
    end_return_window(&app, &part).await;
    run_jobs(&app).await;
    let matured = wallet(&shopper).await;
    assert_eq!(matured.available_cents, 36, "3 % of 12.00 €");
    assert!(
        matured
            .entries
            .iter()
            .all(|entry| entry.order_id.as_deref() == Some(order.order.id.as_str())),
        "every line names its order: {:?}",
        matured.entries
    );
    // Not yet within the reminder's 30 days: nothing said.
    let reminders = |app: &tests::TestApp| {
        let db = app.db.clone();
        async move {
            let row = db
                .conn()
                .query_one_raw(Statement::from_string(
                    db.backend(),
                    "SELECT COUNT(*) FROM notifications WHERE kind = 'cashback_expiring'",
                ))
                .await
                .expect("count")
                .expect("a row");
            row.try_get_by_index::<i64>(0).expect("a count")
        }
    };
    assert_eq!(reminders(&app).await, 0);
    let soon = chrono::Utc::now() + chrono::Duration::days(10);
    let sql = if app.db.backend() == sea_orm::DatabaseBackend::Postgres {
        "UPDATE cashback_lots SET expires_at = $1"
    } else {
        "UPDATE cashback_lots SET expires_at = ?"
    };
    app.db
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            app.db.backend(),
            sql,
            [soon.into()],
        ))
        .await
        .expect("lot expires soon");
    run_jobs(&app).await;
    run_jobs(&app).await;
    assert_eq!(reminders(&app).await, 1, "told once");
    let messages: Vec<api_types::buying::Notification> = shopper
        .get::<api_types::ListResponse<_>>("/notifications")
        .await
        .expect("messages")
        .items;
    let reminder = messages
        .iter()
        .find(|message| message.kind == "cashback_expiring")
        .expect("the shopper sees the reminder");
    assert!(reminder.subject.contains("0,36"), "{}", reminder.subject);
}
