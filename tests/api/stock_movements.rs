//! Stock that explains itself: every change of a stock row is a movement with a reason
//! (receipt, adjustment, transfer, reservation, sale, release, cancellation), the levels
//! are the sums of their movements, transfers move only free units between a shop's own
//! locations, and rows at or below their threshold alert the seller once per dip.

use admin_tui::client::{ApiClient, Method};
use api_types::ListResponse;
use api_types::buying::OrderResponse;
use api_types::selling::{
    LowStockLine, LowStockThreshold, StockMovement, StockRequest, StockResponse,
    StockTransferRequest, StockTransferResponse,
};
use serde_json::json;
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{
    Market, add_to_cart, assert_invariants, delivered, market, run_jobs, seller_step, stock_row,
};

async fn movements(staff: &ApiClient, offer_id: &str, location_id: &str) -> Vec<StockMovement> {
    staff
        .get::<ListResponse<StockMovement>>(&format!(
            "/seller/offers/{offer_id}/stock/movements?location_id={location_id}&per_page=100"
        ))
        .await
        .expect("movements")
        .items
}

/// The reasons of a row's movements, oldest first, with their changes.
async fn history(staff: &ApiClient, offer_id: &str, location_id: &str) -> Vec<(String, i64, i64)> {
    let mut rows: Vec<_> = movements(staff, offer_id, location_id)
        .await
        .into_iter()
        .map(|m| (m.reason, m.quantity_change, m.reserved_change))
        .collect();
    rows.reverse();
    rows
}

async fn set_level(staff: &ApiClient, offer_id: &str, body: &StockRequest) -> StockResponse {
    let request = staff
        .raw(
            Method::PUT,
            &format!("/api/v1/seller/offers/{offer_id}/stock"),
        )
        .json(body);
    staff.send(request).await.expect("stock set")
}

async fn transfer(
    staff: &ApiClient,
    offer_id: &str,
    from: &str,
    to: &str,
    quantity: i64,
) -> Result<StockTransferResponse, admin_tui::client::ApiError> {
    staff
        .post(
            &format!("/seller/offers/{offer_id}/stock/transfer"),
            &StockTransferRequest {
                from_location_id: from.into(),
                to_location_id: to.into(),
                quantity,
                note: Some("vitrine de Noël".into()),
            },
        )
        .await
}

#[tokio::test]
async fn receipts_adjustments_and_transfers_explain_every_level() {
    let app = spawn_app().await;
    let Market {
        shop_a, offer_a, ..
    } = market(&app, 8).await;
    let staff = &shop_a.staff;

    let counted = StockRequest {
        reason: Some("adjustment".into()),
        note: Some("inventaire : deux cassées".into()),
        ..StockRequest::level(shop_a.warehouse_id.clone(), 6)
    };
    set_level(staff, &offer_a, &counted).await;
    let moved = transfer(staff, &offer_a, &shop_a.warehouse_id, &shop_a.store_id, 4)
        .await
        .expect("transferred");
    assert_eq!((moved.from.quantity, moved.to.quantity), (2, 4));

    assert_eq!(
        history(staff, &offer_a, &shop_a.warehouse_id).await,
        [
            ("receipt".to_owned(), 8, 0),
            ("adjustment".to_owned(), -2, 0),
            ("transfer".to_owned(), -4, 0),
        ]
    );
    let store = movements(staff, &offer_a, &shop_a.store_id).await;
    assert_eq!(store.len(), 1);
    assert_eq!(store[0].reason, "transfer");
    assert_eq!(store[0].quantity_change, 4);
    assert_eq!(store[0].note, "from Entrepôt — vitrine de Noël");
    assert_eq!(store[0].location_name, "Boutique Rivoli");
    let all = staff
        .get::<ListResponse<StockMovement>>(&format!("/seller/offers/{offer_a}/stock/movements"))
        .await
        .expect("every location");
    assert_eq!(all.total, 4);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_checkout_reserves_sells_and_a_cancellation_puts_back_each_with_its_movement() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "camille@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    let order: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let part = &order.order.seller_orders[0].id;
    seller_step(&m.shop_a.staff, part, "cancel", json!({"reason": "cassé"}))
        .await
        .expect("cancelled");

    let rows = movements(&m.shop_a.staff, &m.offer_a, &m.shop_a.warehouse_id).await;
    let reasons: Vec<_> = rows.iter().rev().map(|row| row.reason.as_str()).collect();
    assert_eq!(reasons, ["receipt", "reservation", "sale", "cancellation"]);
    assert!(
        rows.iter()
            .filter(|row| row.reason != "receipt")
            .all(|row| row.order_id.as_deref() == Some(order.order.id.as_str())),
        "each order movement names its order"
    );
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 0)
    );

    // A declined card releases what it held.
    let other = logged_in(&app, "dominique@shoppers.test").await;
    add_to_cart(&other, &m.offer_a, 1).await;
    other
        .post::<_, OrderResponse>(
            "/checkout",
            &delivered(&[&m.shop_a.id], "pm_card_chargeDeclined"),
        )
        .await
        .expect_err("declined");
    let reasons: Vec<_> = movements(&m.shop_a.staff, &m.offer_a, &m.shop_a.warehouse_id)
        .await
        .into_iter()
        .take(2)
        .map(|row| (row.reason, row.reserved_change))
        .collect();
    assert_eq!(
        reasons,
        [("release".to_owned(), -1), ("reservation".to_owned(), 1)]
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn transfers_move_only_free_units_between_the_shops_own_locations() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let staff = &m.shop_a.staff;
    let refused = |err: admin_tui::client::ApiError| {
        (
            err.status(),
            err.code().map(str::to_owned),
            err.field().map(str::to_owned),
        )
    };

    let err = transfer(
        staff,
        &m.offer_a,
        &m.shop_a.warehouse_id,
        &m.shop_a.store_id,
        4,
    )
    .await
    .expect_err("more than there is");
    assert_eq!(
        refused(err),
        (
            Some(409),
            Some("not_enough_stock".into()),
            Some("quantity".into())
        )
    );
    let err = transfer(
        staff,
        &m.offer_a,
        &m.shop_a.warehouse_id,
        &m.shop_a.warehouse_id,
        1,
    )
    .await
    .expect_err("nowhere");
    assert_eq!(
        refused(err),
        (
            Some(422),
            Some("same_location".into()),
            Some("to_location_id".into())
        )
    );
    let err = transfer(
        staff,
        &m.offer_a,
        &m.shop_a.warehouse_id,
        &m.shop_b.store_id,
        1,
    )
    .await
    .expect_err("another shop's store");
    assert_eq!(
        refused(err),
        (
            Some(422),
            Some("location_unknown".into()),
            Some("to_location_id".into())
        )
    );
    let err = transfer(
        staff,
        &m.offer_a,
        &m.shop_a.warehouse_id,
        &m.shop_a.store_id,
        0,
    )
    .await
    .expect_err("nothing");
    assert_eq!(
        refused(err),
        (
            Some(422),
            Some("quantity_invalid".into()),
            Some("quantity".into())
        )
    );
    let err = transfer(
        staff,
        &m.offer_b,
        &m.shop_b.warehouse_id,
        &m.shop_b.store_id,
        1,
    )
    .await
    .expect_err("another shop's offer");
    assert_eq!(err.status(), Some(404));
    let err = m
        .shop_b
        .staff
        .get::<ListResponse<StockMovement>>(&format!(
            "/seller/offers/{}/stock/movements",
            m.offer_a
        ))
        .await
        .expect_err("another shop's history");
    assert_eq!(err.status(), Some(404));

    // Units a checkout holds stay where it will take them from.
    let shopper = logged_in(&app, "camille@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    shopper
        .post::<_, OrderResponse>("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let err = transfer(
        staff,
        &m.offer_a,
        &m.shop_a.warehouse_id,
        &m.shop_a.store_id,
        2,
    )
    .await
    .expect_err("only one left");
    assert_eq!(err.code(), Some("not_enough_stock"));
    let bad_reason = StockRequest {
        reason: Some("sale".into()),
        ..StockRequest::level(m.shop_a.warehouse_id.clone(), 9)
    };
    let request = staff
        .raw(
            Method::PUT,
            &format!("/api/v1/seller/offers/{}/stock", m.offer_a),
        )
        .json(&bad_reason);
    let err = staff
        .send::<StockResponse>(request)
        .await
        .expect_err("a sale is not the seller's to record");
    assert_eq!(
        refused(err),
        (
            Some(422),
            Some("reason_invalid".into()),
            Some("reason".into())
        )
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn rows_at_or_below_their_threshold_alert_the_seller_once_per_dip() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let staff = &m.shop_b.staff;
    let low = |staff: &ApiClient| {
        let staff = staff.clone();
        async move {
            staff
                .get::<ListResponse<LowStockLine>>("/seller/stock/low")
                .await
                .expect("low stock")
                .items
        }
    };
    // B holds 10 in its warehouse and 2 in its store; the default threshold is 2.
    let rows = low(staff).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (
            rows[0].location_name.as_str(),
            rows[0].free,
            rows[0].low_stock_threshold
        ),
        ("Boutique Rivoli", 2, 2)
    );
    assert!(
        low(&m.shop_a.staff).await.is_empty(),
        "A's 3 units are fine"
    );

    let mail = run_jobs(&app).await;
    assert_eq!(low_stock_mails(&app, "boutique-b@sellers.test").await, 1);
    run_jobs(&app).await;
    assert_eq!(
        low_stock_mails(&app, "boutique-b@sellers.test").await,
        1,
        "once per dip"
    );
    assert!(std::fs::read_dir(&mail).is_ok_and(|mut files| files.next().is_some()));

    // Restocked above the threshold, then down again: a second alert.
    set_level(
        staff,
        &m.offer_b,
        &StockRequest::level(m.shop_b.store_id.clone(), 6),
    )
    .await;
    run_jobs(&app).await;
    set_level(
        staff,
        &m.offer_b,
        &StockRequest::level(m.shop_b.store_id.clone(), 1),
    )
    .await;
    run_jobs(&app).await;
    assert_eq!(low_stock_mails(&app, "boutique-b@sellers.test").await, 2);

    let raised: LowStockThreshold = {
        let request = staff
            .raw(
                Method::PUT,
                &format!("/api/v1/seller/offers/{}/low-stock-threshold", m.offer_b),
            )
            .json(&json!({"low_stock_threshold": 12}));
        staff.send(request).await.expect("threshold set")
    };
    assert_eq!(raised.low_stock_threshold, 12);
    assert_eq!(
        low(staff).await.len(),
        2,
        "the warehouse's 10 are now low too"
    );
    let request = staff
        .raw(
            Method::PUT,
            &format!("/api/v1/seller/offers/{}/low-stock-threshold", m.offer_b),
        )
        .json(&json!({"low_stock_threshold": -1}));
    let err = staff
        .send::<LowStockThreshold>(request)
        .await
        .expect_err("negative");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("low_stock_threshold"))
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn the_database_refuses_to_rewrite_a_movement() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = spawn_app().await;
    market(&app, 3).await;
    for sql in [
        "UPDATE stock_movements SET quantity_change = 100",
        "DELETE FROM stock_movements",
    ] {
        let refused = app
            .db
            .conn()
            .execute_raw(Statement::from_string(app.db.backend(), sql))
            .await;
        assert!(refused.is_err(), "{sql} went through");
    }
    assert_invariants(&app).await;
}

async fn low_stock_mails(app: &TestApp, email: &str) -> u64 {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    use services::db::entity::notifications;
    notifications::Entity::find()
        .filter(notifications::Column::Kind.eq("low_stock"))
        .filter(notifications::Column::Email.eq(email))
        .count(app.db.conn())
        .await
        .expect("counting")
}
