//! Cart hand-off to a seller's till (`POST /cart/handoff`, `GET /seller/till/{code}`,
//! `POST /seller/till/{code}/sale`): the shopper's cart, filled on the web or in the app,
//! is carried to a shop's till by a code; the till sees only its own lines, sells them
//! in store (stock from that store) or orders what the store lacks (the endless aisle),
//! and the order lands in the shopper's history with channel `store` and cashback.

use admin_tui::client::ApiClient;
use api_types::ListResponse;
use api_types::buying::{CartResponse, OrderResponse, Wallet};
use api_types::omnichannel::{CartHandoff, TillCart};
use api_types::orders::Order;
use serde_json::json;
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{Market, add_to_cart, assert_invariants, home, market, stock, stock_row};

async fn hand_off(shopper: &ApiClient) -> CartHandoff {
    shopper
        .post("/cart/handoff", &json!({}))
        .await
        .expect("a hand-off code")
}

async fn sale(
    staff: &ApiClient,
    code: &str,
    body: serde_json::Value,
) -> Result<OrderResponse, admin_tui::client::ApiError> {
    staff
        .post(&format!("/seller/till/{code}/sale"), &body)
        .await
}

/// A shopper with 1 × A's lamp and 1 × B's teapot in the cart; B has 2 in its store.
async fn two_shop_cart(app: &TestApp, m: &Market, email: &str) -> ApiClient {
    let shopper = logged_in(app, email).await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    add_to_cart(&shopper, &m.offer_b, 1).await;
    shopper
}

#[tokio::test]
async fn a_cart_handed_to_a_till_is_sold_in_store_and_lands_in_the_shoppers_history() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = two_shop_cart(&app, &m, "lea@shoppers.test").await;

    let handoff = hand_off(&shopper).await;
    assert_eq!(handoff.code.len(), 8);
    assert!(handoff.qr_svg.starts_with("<?xml") || handoff.qr_svg.contains("<svg"));

    // The till of B sees B's line only, with its stock per location.
    let till: TillCart = m
        .shop_b
        .staff
        .get(&format!(
            "/seller/till/{}",
            format!("{}-{}", &handoff.code[..4], &handoff.code[4..]).to_lowercase()
        ))
        .await
        .expect("the till reads the code, whatever its case and spacing");
    assert_eq!(till.lines.len(), 1);
    assert_eq!(till.lines[0].item.offer_id, m.offer_b);
    assert_eq!(till.total_cents, 2500);
    assert!(
        till.lines[0]
            .stock
            .iter()
            .any(|s| s.location_id == m.shop_b.store_id && s.available == 2)
    );
    assert!(till.sold_order_id.is_none());

    let sold = sale(
        &m.shop_b.staff,
        &handoff.code,
        json!({"store_id": m.shop_b.store_id, "payment": "cash"}),
    )
    .await
    .expect("sold in store");
    let order = sold.order;
    assert_eq!(order.channel, "store");
    assert_eq!(order.status, "completed");
    assert_eq!(order.total_cents, 2500);
    assert_eq!(order.seller_orders.len(), 1);
    assert_eq!(order.seller_orders[0].status, "collected");
    assert!(
        order.seller_orders[0].pickup_code.is_none(),
        "handed over at the till: no code to collect with"
    );
    assert_eq!(order.payment.status, "captured");
    assert_eq!(
        stock_row(&app, &m.offer_b, &m.shop_b.store_id).await,
        (1, 0),
        "drawn from the till's store"
    );
    assert_eq!(
        stock_row(&app, &m.offer_b, &m.shop_b.warehouse_id).await,
        (10, 0)
    );

    // The shopper's cart keeps A's line; the history has the store order; cashback pends.
    let cart: CartResponse = shopper.get("/cart").await.expect("cart");
    assert_eq!(cart.cart.item_count, 1);
    assert_eq!(cart.cart.shops[0].shop_id, m.shop_a.id);
    let history: ListResponse<Order> = shopper.get("/orders").await.expect("orders");
    assert!(
        history
            .items
            .iter()
            .any(|o| o.id == order.id && o.channel == "store")
    );
    let wallet: Wallet = shopper.get("/wallet").await.expect("wallet");
    assert!(wallet.pending_cents > 0, "the store sale earns cashback");

    // Once per shop: the same code cannot sell again at B…
    let again = sale(
        &m.shop_b.staff,
        &handoff.code,
        json!({"store_id": m.shop_b.store_id, "payment": "card_present"}),
    )
    .await
    .expect_err("used");
    assert_eq!(again.status(), Some(409));
    let till: TillCart = m
        .shop_b
        .staff
        .get(&format!("/seller/till/{}", handoff.code))
        .await
        .expect("still readable");
    assert_eq!(till.sold_order_id.as_deref(), Some(order.id.as_str()));
    // …but A's till can still sell A's line (from its store, which has none: 409).
    let none_here = sale(
        &m.shop_a.staff,
        &handoff.code,
        json!({"store_id": m.shop_a.store_id, "payment": "cash"}),
    )
    .await
    .expect_err("A's store holds no lamp");
    assert_eq!(none_here.status(), Some(409));
    assert_eq!(none_here.code(), Some("out_of_stock"));
    assert_invariants(&app).await;
}

#[tokio::test]
async fn the_endless_aisle_orders_what_the_store_lacks_for_delivery_paid_at_the_till() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = two_shop_cart(&app, &m, "noe@shoppers.test").await;
    let handoff = hand_off(&shopper).await;
    // A's lamp is only in its warehouse: ordered at the till, delivered home.
    let ordered = sale(
        &m.shop_a.staff,
        &handoff.code,
        json!({"store_id": m.shop_a.store_id, "payment": "card_present",
               "fulfilment": {"method": "delivery", "address": home()}}),
    )
    .await
    .expect("ordered");
    let order = ordered.order;
    assert_eq!(order.channel, "store");
    assert_eq!(order.status, "paid");
    assert_eq!(order.seller_orders[0].status, "paid");
    assert_eq!(order.seller_orders[0].fulfilment.method, "delivery");
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (4, 0)
    );
    // A's staff sees it with its other orders, to ship as usual.
    let part: api_types::orders::SellerOrderResponse = m
        .shop_a
        .staff
        .get(&format!("/seller/orders/{}", order.seller_orders[0].id))
        .await
        .expect("the seller's order");
    assert_eq!(part.seller_order.status, "paid");

    // Pickup at another store of B: the store must be B's.
    let wrong_store = sale(
        &m.shop_b.staff,
        &handoff.code,
        json!({"store_id": m.shop_b.store_id, "payment": "cash",
               "fulfilment": {"method": "pickup", "store_id": m.shop_a.store_id}}),
    )
    .await
    .expect_err("A's store is not B's");
    assert_eq!(wrong_store.status(), Some(422));
    assert_invariants(&app).await;
}

#[tokio::test]
async fn tills_see_nothing_without_a_live_code_of_their_own() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = two_shop_cart(&app, &m, "ines@shoppers.test").await;
    let handoff = hand_off(&shopper).await;

    let unknown = m
        .shop_b
        .staff
        .get::<TillCart>("/seller/till/ZZZZ2222")
        .await
        .expect_err("unknown");
    assert_eq!(
        (unknown.status(), unknown.code()),
        (Some(404), Some("handoff_unknown"))
    );
    // A shopper is not a till.
    let not_staff = shopper
        .get::<TillCart>(&format!("/seller/till/{}", handoff.code))
        .await
        .expect_err("not staff");
    assert_eq!(not_staff.status(), Some(403));
    let anonymous = app
        .client()
        .get::<TillCart>(&format!("/seller/till/{}", handoff.code))
        .await
        .expect_err("anonymous");
    assert_eq!(anonymous.status(), Some(401));
    // Selling from another shop's store is refused, naming the field.
    let other_store = sale(
        &m.shop_b.staff,
        &handoff.code,
        json!({"store_id": m.shop_a.store_id, "payment": "cash"}),
    )
    .await
    .expect_err("not B's store");
    assert_eq!(
        (other_store.status(), other_store.code()),
        (Some(422), Some("store_unknown"))
    );
    let bad_payment = sale(
        &m.shop_b.staff,
        &handoff.code,
        json!({"store_id": m.shop_b.store_id, "payment": "cheque"}),
    )
    .await
    .expect_err("cheques are not taken");
    assert_eq!(bad_payment.status(), Some(422));

    // An expired code is unknown.
    expire_codes(&app).await;
    let expired = m
        .shop_b
        .staff
        .get::<TillCart>(&format!("/seller/till/{}", handoff.code))
        .await
        .expect_err("expired");
    assert_eq!(expired.status(), Some(404));

    // An empty cart has nothing to hand off.
    let empty = logged_in(&app, "vide@shoppers.test").await;
    let err = empty
        .post::<_, CartHandoff>("/cart/handoff", &json!({}))
        .await
        .expect_err("empty cart");
    assert_eq!((err.status(), err.code()), (Some(409), Some("cart_empty")));
}

#[tokio::test]
async fn two_tills_racing_on_one_code_sell_once() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    stock(&m.shop_b, &m.offer_b, &m.shop_b.store_id, 5).await;
    let shopper = two_shop_cart(&app, &m, "race@shoppers.test").await;
    let handoff = hand_off(&shopper).await;
    let body = json!({"store_id": m.shop_b.store_id, "payment": "cash"});
    let attempts = (0..8).map(|_| sale(&m.shop_b.staff, &handoff.code, body.clone()));
    let outcomes = futures::future::join_all(attempts).await;
    let sold = outcomes.iter().filter(|o| o.is_ok()).count();
    let refused: Vec<_> = outcomes
        .iter()
        .filter_map(|o| o.as_ref().err())
        .map(|err| err.status())
        .collect();
    assert_eq!(sold, 1, "one sale: {refused:?}");
    assert!(
        refused.iter().all(|status| *status == Some(409)),
        "{refused:?}"
    );
    assert_eq!(
        stock_row(&app, &m.offer_b, &m.shop_b.store_id).await,
        (4, 0)
    );
    assert_invariants(&app).await;
}

async fn expire_codes(app: &TestApp) {
    use sea_orm::{ConnectionTrait, Statement};
    let sql = if app.db.backend() == sea_orm::DatabaseBackend::Postgres {
        "UPDATE cart_handoffs SET expires_at = $1"
    } else {
        "UPDATE cart_handoffs SET expires_at = ?"
    };
    app.db
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            app.db.backend(),
            sql,
            [(services::now() - chrono::Duration::minutes(1)).into()],
        ))
        .await
        .expect("expiring");
}
