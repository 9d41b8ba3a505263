//! A return over the counter (`POST /seller/orders/{id}/return`): a delivered part comes
//! back to one of its seller's stores within the return window; the shopper is refunded
//! what is left, the cashback it earned is reversed, and the units land on that store's
//! shelf as a `return` movement — even when they were shipped from the warehouse.

use admin_tui::client::ApiClient;
use api_types::ListResponse;
use api_types::buying::{OrderResponse, Wallet};
use api_types::orders::{SellerOrder, SellerOrderResponse};
use api_types::selling::StockMovement;
use serde_json::json;
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{
    Market, add_to_cart, assert_invariants, delivered, hand_over, market, seller_step, stock_row,
};

/// A delivered order of 2 × A's lamp (24.00 €); the shopper, the order and A's part.
async fn delivered_order(app: &TestApp, m: &Market, email: &str) -> (ApiClient, String, String) {
    let shopper = logged_in(app, email).await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    let order: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let part = order.order.seller_orders[0].id.clone();
    hand_over(&m.shop_a.staff, &part).await;
    (shopper, order.order.id, part)
}

async fn take_back(
    staff: &ApiClient,
    part: &str,
    store_id: &str,
    reason: &str,
) -> Result<SellerOrder, admin_tui::client::ApiError> {
    seller_step(
        staff,
        part,
        "return",
        json!({"store_id": store_id, "reason": reason}),
    )
    .await
}

#[tokio::test]
async fn a_delivered_item_returned_in_store_is_refunded_and_shelved_in_that_store() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (shopper, _, part) = delivered_order(&app, &m, "camille@shoppers.test").await;
    let before: Wallet = shopper.get("/wallet").await.expect("wallet");
    assert!(before.pending_cents > 0, "the purchase earned cashback");
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (3, 0)
    );

    let back = take_back(
        &m.shop_a.staff,
        &part,
        &m.shop_a.store_id,
        "Ne convient pas",
    )
    .await
    .expect("taken back");
    assert_eq!(back.status, "refunded");
    assert_eq!(back.return_status, "accepted");
    assert_eq!(back.refunded_cents, 2400);

    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.store_id).await,
        (2, 0),
        "on the store's shelf"
    );
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (3, 0),
        "not back in the warehouse"
    );
    let moves = m
        .shop_a
        .staff
        .get::<ListResponse<StockMovement>>(&format!(
            "/seller/offers/{}/stock/movements?location_id={}",
            m.offer_a, m.shop_a.store_id
        ))
        .await
        .expect("movements")
        .items;
    assert_eq!(moves.len(), 1);
    assert_eq!(
        (
            moves[0].reason.as_str(),
            moves[0].quantity_change,
            moves[0].note.as_str()
        ),
        ("return", 2, "returned in store")
    );
    let after: Wallet = shopper.get("/wallet").await.expect("wallet");
    assert_eq!(after.pending_cents, 0, "the cashback it earned is reversed");

    let err = take_back(&m.shop_a.staff, &part, &m.shop_a.store_id, "encore")
        .await
        .expect_err("once");
    assert_eq!(err.code(), Some("invalid_transition"));
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.store_id).await,
        (2, 0)
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_return_the_shopper_asked_for_can_be_finished_at_the_counter() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (shopper, order_id, part) = delivered_order(&app, &m, "dominique@shoppers.test").await;
    shopper
        .post::<_, OrderResponse>(
            &format!("/orders/{order_id}/seller-orders/{part}/return"),
            &json!({"reason": "Trop petit"}),
        )
        .await
        .expect("return asked");
    let back = take_back(
        &m.shop_a.staff,
        &part,
        &m.shop_a.store_id,
        "Rapporté en boutique",
    )
    .await
    .expect("taken back");
    assert_eq!(
        (back.status.as_str(), back.return_status.as_str()),
        ("refunded", "accepted")
    );
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.store_id).await,
        (2, 0)
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn returns_in_store_are_refused_where_they_cannot_be_taken() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let staff = &m.shop_a.staff;
    let (_, _, part) = delivered_order(&app, &m, "eli@shoppers.test").await;
    let refusal = |err: admin_tui::client::ApiError| {
        (
            err.status(),
            err.code().map(str::to_owned),
            err.field().map(str::to_owned),
        )
    };

    let err = take_back(staff, &part, &m.shop_a.warehouse_id, "x")
        .await
        .expect_err("a warehouse has no counter");
    assert_eq!(
        refusal(err),
        (
            Some(422),
            Some("not_a_store".into()),
            Some("store_id".into())
        )
    );
    let err = take_back(staff, &part, &m.shop_b.store_id, "x")
        .await
        .expect_err("another shop's store");
    assert_eq!(
        refusal(err),
        (
            Some(422),
            Some("location_unknown".into()),
            Some("store_id".into())
        )
    );
    let err = take_back(staff, &part, &m.shop_a.store_id, "  ")
        .await
        .expect_err("no reason");
    assert_eq!(
        refusal(err),
        (
            Some(422),
            Some("field_invalid".into()),
            Some("reason".into())
        )
    );
    let err = take_back(&m.shop_b.staff, &part, &m.shop_b.store_id, "x")
        .await
        .expect_err("another shop's order");
    assert_eq!(err.status(), Some(404));

    // Not handed over yet: nothing to take back.
    let shopper = logged_in(&app, "fanny@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    let order: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let paid = &order.order.seller_orders[0].id;
    let err = take_back(staff, paid, &m.shop_a.store_id, "x")
        .await
        .expect_err("still with the seller");
    assert_eq!(refusal(err).1.as_deref(), Some("invalid_transition"));

    // After the window.
    close_return_window(&app, &part).await;
    let err = take_back(staff, &part, &m.shop_a.store_id, "trop tard")
        .await
        .expect_err("too late");
    assert_eq!(refusal(err).1.as_deref(), Some("return_window_closed"));
    let part_now: SellerOrderResponse = staff
        .get(&format!("/seller/orders/{part}"))
        .await
        .expect("part");
    assert_eq!(part_now.seller_order.refunded_cents, 0, "nothing refunded");
    assert_invariants(&app).await;
}

/// Moves the hand-over of a seller order 60 days back.
async fn close_return_window(app: &TestApp, seller_order_id: &str) {
    use sea_orm::{ConnectionTrait, Statement};
    let sql = if app.db.backend() == sea_orm::DatabaseBackend::Postgres {
        "UPDATE seller_orders SET completed_at = $1 WHERE id = $2"
    } else {
        "UPDATE seller_orders SET completed_at = ? WHERE id = ?"
    };
    app.db
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            app.db.backend(),
            sql,
            [
                (services::now() - chrono::Duration::days(60)).into(),
                seller_order_id.to_owned().into(),
            ],
        ))
        .await
        .expect("backdating");
}
