//! The rules behind the figures: when a shipment is late and a pickup slow, who may read
//! them, what `?days=` accepts, and what counts as one view.

use admin_tui::client::{ApiClient, ApiError};
use api_types::analytics::{PlatformKpis, SellerDashboard};
use api_types::buying::OrderResponse;
use api_types::catalog::ProductResponse;
use serde_json::json;
use tests::{TestApp, logged_in, spawn_app};

use super::{backdate_payment, collected, product_of, view_page};
use crate::market::{add_to_cart, delivered, market, seller_step};
use crate::operating::operator;

#[tokio::test]
async fn a_shipment_after_48_hours_is_late_and_a_pickup_not_ready_in_time_is_slow() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let buyer = logged_in(&app, "buyer@shoppers.test").await;
    // Shop A: one delivery shipped 50 h after payment, one paid 24 h ago not shipped yet.
    let mut shipped_late = None;
    for (hours, ship) in [(50, true), (24, false)] {
        add_to_cart(&buyer, &m.offer_a, 1).await;
        let order: OrderResponse = buyer
            .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
            .await
            .expect("paid");
        backdate_payment(&app, &order.order.id, hours).await;
        if ship {
            let part = &order.order.seller_orders[0].id;
            seller_step(&m.shop_a.staff, part, "accept", json!({}))
                .await
                .expect("accepted");
            seller_step(
                &m.shop_a.staff,
                part,
                "ship",
                json!({"carrier": "DPD", "tracking": "X1"}),
            )
            .await
            .expect("shipped");
            shipped_late = Some(order);
        }
    }
    assert!(shipped_late.is_some());
    // Shop B: a pickup paid 3 h ago, its store prepares in 60 min (+ 60 min grace).
    add_to_cart(&buyer, &m.offer_b, 1).await;
    let pickup: OrderResponse = buyer
        .post("/checkout", &collected(&m.shop_b.id, &m.shop_b.store_id))
        .await
        .expect("paid");
    backdate_payment(&app, &pickup.order.id, 3).await;

    let kpis = operator(&app)
        .await
        .platform_kpis(30)
        .await
        .expect("figures");
    let shop = |id: &str| {
        kpis.shops
            .iter()
            .find(|shop| shop.shop_id == id)
            .unwrap_or_else(|| panic!("shop {id} listed"))
    };
    let a = shop(&m.shop_a.id);
    assert_eq!(
        (a.orders, a.late_shipments, a.late_shipment_rate_bps),
        (2, 1, Some(5_000)),
        "shipped late counts; not shipped within its 48 h yet does not"
    );
    let b = shop(&m.shop_b.id);
    assert_eq!((b.slow_pickups, b.slow_pickup_rate_bps), (1, Some(10_000)));
    assert_eq!(b.average_minutes_to_ready, None, "not ready yet");
}

#[tokio::test]
async fn only_staff_read_a_dashboard_and_only_operators_the_platform_figures() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "curious@shoppers.test").await;
    let ops = operator(&app).await;
    let status = |result: Result<SellerDashboard, ApiError>| result.expect_err("refused").status();
    assert_eq!(status(app.client().seller_dashboard().await), Some(401));
    assert_eq!(status(shopper.seller_dashboard().await), Some(403));
    assert_eq!(status(ops.seller_dashboard().await), Some(403), "no shop");

    let kpi_status = |result: Result<PlatformKpis, ApiError>| result.expect_err("refused").status();
    assert_eq!(kpi_status(app.client().platform_kpis(30).await), Some(401));
    assert_eq!(kpi_status(shopper.platform_kpis(30).await), Some(403));
    assert_eq!(
        kpi_status(m.shop_a.staff.platform_kpis(30).await),
        Some(403)
    );
}

#[tokio::test]
async fn days_is_a_whole_number_from_1_to_365() {
    let app = spawn_app().await;
    let ops = operator(&app).await;
    for bad in ["0", "abc", "366", "-3"] {
        let refused = ops
            .get::<PlatformKpis>(&format!("/operator/kpis?days={bad}"))
            .await
            .expect_err("refused");
        assert_eq!(
            (refused.status(), refused.code(), refused.field()),
            (Some(422), Some("invalid_parameter"), Some("days")),
            "days={bad}"
        );
    }
    let default: PlatformKpis = ops.get("/operator/kpis").await.expect("figures");
    assert_eq!((default.period_days, default.gmv_daily.len()), (30, 30));
    assert_eq!(
        default.funnel.conversion_rate_bps, None,
        "no visitor, no rate"
    );
    assert!(default.shops.is_empty());
    let year: PlatformKpis = ops.platform_kpis(365).await.expect("figures");
    assert_eq!(year.gmv_daily.len(), 365);
}

/// Views written so far (after the figures' read flushed the sink).
async fn views_written(app: &TestApp, ops: &ApiClient) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let _: PlatformKpis = ops.platform_kpis(1).await.expect("figures");
    let row = app
        .db
        .conn()
        .query_one_raw(Statement::from_string(
            app.db.backend(),
            "SELECT CAST(COUNT(*) AS BIGINT) FROM events WHERE kind = 'view'",
        ))
        .await
        .expect("counting")
        .expect("a count");
    row.try_get_by_index::<i64>(0).expect("a number")
}

#[tokio::test]
async fn a_page_view_is_one_event_and_the_redirect_of_a_bare_address_none() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let product = product_of(&app, &m.offer_a).await;
    let ops = operator(&app).await;
    let browser = app.browser();
    let bare = browser
        .get(app.url(&format!("/products/{product}")))
        .send()
        .await
        .expect("sent");
    assert_eq!(bare.status().as_u16(), 301);
    assert_eq!(views_written(&app, &ops).await, 0);
    view_page(&browser, &app, &product).await;
    assert_eq!(views_written(&app, &ops).await, 1);
    let _: ProductResponse = app
        .client()
        .get(&format!("/products/{product}"))
        .await
        .expect("the product");
    assert_eq!(views_written(&app, &ops).await, 2);
}
