//! Cart, checkout and payment through the API: one order with a part per shop, each
//! seller seeing only its part, declines that sell nothing, the payment page's retries,
//! idempotency keys, and the errors a client can act on.

use admin_tui::client::{ApiClient, Method};
use api_types::ListResponse;
use api_types::buying::{CartResponse, CheckoutRequest, FulfilmentChoice, OrderResponse};
use api_types::orders::{Order, SellerOrder, SellerOrderResponse};
use serde_json::json;
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{add_to_cart, assert_invariants, delivered, home, market, stock_row};

async fn checkout(
    client: &ApiClient,
    request: &CheckoutRequest,
) -> Result<Order, admin_tui::client::ApiError> {
    client
        .post::<_, OrderResponse>("/checkout", request)
        .await
        .map(|response| response.order)
}

fn pay_body(card: &str) -> serde_json::Value {
    json!({"card_number": card, "expiry": "12/34", "cvc": "123", "name": "Camille Martin"})
}

async fn pay(
    client: &ApiClient,
    order_id: &str,
    card: &str,
) -> Result<Order, admin_tui::client::ApiError> {
    client
        .post::<_, OrderResponse>(&format!("/orders/{order_id}/pay"), &pay_body(card))
        .await
        .map(|response| response.order)
}

async fn capture_lines(app: &TestApp, order_id: &str) -> u64 {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    services::db::entity::ledger_entries::Entity::find()
        .filter(
            services::db::entity::ledger_entries::Column::MovementKey
                .eq(format!("capture:{order_id}")),
        )
        .count(app.db.conn())
        .await
        .expect("counting ledger lines")
}

#[tokio::test]
async fn one_payment_for_two_shops_and_each_seller_sees_only_its_part() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "camille@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    let cart = add_to_cart(&shopper, &m.offer_b, 1).await.cart;
    assert_eq!(cart.shops.len(), 2, "grouped by shop");
    assert_eq!(cart.subtotal_cents, 2 * 1200 + 2500);
    assert_eq!(cart.item_count, 3);

    let order = checkout(
        &shopper,
        &delivered(&[&m.shop_a.id, &m.shop_b.id], "pm_card_visa"),
    )
    .await
    .expect("checkout succeeds");
    assert_eq!(order.status, "paid");
    assert_eq!(order.payment.status, "captured");
    assert_eq!(order.seller_orders.len(), 2);
    assert_eq!(order.items_cents, 4900);
    assert_eq!(order.total_cents, order.items_cents + order.shipping_cents);
    assert!(order.vat_cents > 0 && order.vat_cents < order.total_cents);
    assert!(order.seller_orders.iter().all(|part| part.status == "paid"));

    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (3, 0)
    );
    let cart: CartResponse = shopper.get("/cart").await.expect("cart");
    assert!(
        cart.cart.shops.is_empty(),
        "the cart is emptied by the order"
    );

    let listed: ListResponse<SellerOrder> = m
        .shop_a
        .staff
        .get("/seller/orders")
        .await
        .expect("seller orders");
    assert_eq!(listed.total, 1);
    assert_eq!(listed.items[0].shop_id, m.shop_a.id);
    assert_eq!(listed.items[0].lines.len(), 1);
    assert!(
        listed.items[0].commission_cents > 0,
        "the seller sees the fee"
    );
    let part_b = order
        .seller_orders
        .iter()
        .find(|part| part.shop_id == m.shop_b.id)
        .expect("B's part");
    let err = m
        .shop_a
        .staff
        .get::<SellerOrderResponse>(&format!("/seller/orders/{}", part_b.id))
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(404), "another shop's part is not found");

    let stranger = logged_in(&app, "stranger@shoppers.test").await;
    let err = stranger
        .get::<OrderResponse>(&format!("/orders/{}", order.id))
        .await
        .expect_err("refused");
    assert_eq!(
        err.status(),
        Some(404),
        "another shopper's order is not found"
    );
    let mine: ListResponse<Order> = shopper.get("/orders").await.expect("history");
    assert_eq!(mine.total, 1);

    let messages: ListResponse<api_types::buying::Notification> =
        shopper.get("/notifications").await.expect("messages");
    assert_eq!(messages.items.len(), 1, "order placed message");
    assert_eq!(capture_lines(&app, &order.id).await, 2);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_declined_card_sells_nothing_and_gives_the_cart_back() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "declined@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    let err = checkout(
        &shopper,
        &delivered(&[&m.shop_a.id], "pm_card_chargeDeclined"),
    )
    .await
    .expect_err("refused");
    assert_eq!(err.status(), Some(402));
    assert_eq!(err.code(), Some("payment_declined"));
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 0),
        "nothing sold, nothing held"
    );
    let cart: CartResponse = shopper.get("/cart").await.expect("cart");
    assert_eq!(cart.cart.item_count, 2, "the lines are back in the cart");
    let orders: ListResponse<Order> = shopper.get("/orders").await.expect("history");
    assert_eq!(orders.items[0].status, "payment_failed");
    let listed: ListResponse<SellerOrder> = m
        .shop_a
        .staff
        .get("/seller/orders")
        .await
        .expect("seller orders");
    assert_eq!(listed.total, 0, "sellers never see unpaid orders");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn the_payment_page_reserves_stock_lets_the_shopper_retry_and_captures_once() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "page@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    let order = checkout(&shopper, &delivered(&[&m.shop_a.id], "hosted_page"))
        .await
        .expect("order placed");
    assert_eq!(order.status, "pending_payment");
    assert_eq!(
        order.payment.pay_url.as_deref(),
        Some(format!("/pay/{}", order.id).as_str())
    );
    assert!(order.expires_at.is_some());
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 2),
        "reserved while paying"
    );

    let err = pay(&shopper, &order.id, "4000 0000 0000 0002")
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(402));
    let err = pay(&shopper, &order.id, "4000 0000 0000 9995")
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("insufficient_funds"), "{err}");
    let err = pay(&shopper, &order.id, "4242 4242 4242 4241")
        .await
        .expect_err("refused");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("card_number"))
    );
    let still: OrderResponse = shopper
        .get(&format!("/orders/{}", order.id))
        .await
        .expect("order");
    assert_eq!(still.order.status, "pending_payment");
    assert_eq!(
        still.order.payment.decline_code.as_deref(),
        Some("insufficient_funds")
    );

    let paid = pay(&shopper, &order.id, "4242 4242 4242 4242")
        .await
        .expect("paid");
    assert_eq!(paid.status, "paid");
    assert_eq!(paid.payment.card_last4.as_deref(), Some("4242"));
    let again = pay(&shopper, &order.id, "4242 4242 4242 4242")
        .await
        .expect("paying twice answers the paid order");
    assert_eq!(again.status, "paid");
    assert_eq!(capture_lines(&app, &order.id).await, 2, "captured once");
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (3, 0)
    );

    let stranger = logged_in(&app, "thief@shoppers.test").await;
    let err = pay(&stranger, &order.id, "4242 4242 4242 4242")
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(404));
    assert_invariants(&app).await;
}

#[tokio::test]
async fn abandoning_or_letting_the_reservation_expire_frees_the_stock() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "slow@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    let order = checkout(&shopper, &delivered(&[&m.shop_a.id], "hosted_page"))
        .await
        .expect("order placed");
    let cancelled: OrderResponse = shopper
        .post(&format!("/orders/{}/cancel", order.id), &json!({}))
        .await
        .expect("cancelled");
    assert_eq!(cancelled.order.status, "cancelled");
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 0)
    );

    let second = checkout(&shopper, &delivered(&[&m.shop_a.id], "hosted_page"))
        .await
        .expect("the cart came back");
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 1)
    );
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
                (services::now() - chrono_minutes(1)).into(),
                second.id.clone().into(),
            ],
        ))
        .await
        .expect("backdating");
    crate::market::run_jobs(&app).await;
    let expired: OrderResponse = shopper
        .get(&format!("/orders/{}", second.id))
        .await
        .expect("order");
    assert_eq!(expired.order.status, "expired");
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 0)
    );
    let err = pay(&shopper, &second.id, "4242 4242 4242 4242")
        .await
        .expect_err("refused");
    assert_eq!(err.code(), Some("order_not_payable"));
    assert_invariants(&app).await;
}

fn chrono_minutes(minutes: i64) -> chrono::Duration {
    chrono::Duration::minutes(minutes)
}

#[tokio::test]
async fn the_same_idempotency_key_gives_the_same_order() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "retry@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    let request = delivered(&[&m.shop_a.id], "pm_card_visa");
    let send = |request: &CheckoutRequest| {
        shopper
            .raw(Method::POST, "/api/v1/checkout")
            .header("Idempotency-Key", "order-7f3a")
            .json(request)
    };
    let first: OrderResponse = shopper.send(send(&request)).await.expect("first");
    let replay = send(&request).send().await.expect("replay answered");
    assert_eq!(replay.status().as_u16(), 201);
    assert_eq!(
        replay
            .headers()
            .get("idempotent-replayed")
            .map(|v| v.to_str().unwrap_or("")),
        Some("true")
    );
    let replayed: OrderResponse = replay.json().await.expect("json");
    assert_eq!(replayed.order.id, first.order.id);
    let mut other = request.clone();
    other.payment_method = "pm_card_chargeDeclined".into();
    let err = shopper
        .send::<OrderResponse>(send(&other))
        .await
        .expect_err("refused");
    assert_eq!(
        (err.status(), err.code()),
        (Some(422), Some("idempotency_key_reused"))
    );
    let orders: ListResponse<Order> = shopper.get("/orders").await.expect("history");
    assert_eq!(orders.total, 1);
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (4, 0)
    );
}

#[tokio::test]
async fn checkout_errors_name_what_to_fix() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "careful@shoppers.test").await;
    let err = checkout(&shopper, &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect_err("refused");
    assert_eq!((err.status(), err.code()), (Some(409), Some("cart_empty")));

    add_to_cart(&shopper, &m.offer_a, 1).await;
    add_to_cart(&shopper, &m.offer_b, 1).await;
    let err = checkout(&shopper, &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect_err("refused");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("fulfilments")),
        "B has no fulfilment"
    );

    let mut request = delivered(&[&m.shop_a.id, &m.shop_b.id], "pm_card_visa");
    request.fulfilments[0]
        .address
        .as_mut()
        .expect("address")
        .postcode = "7500".into();
    let err = checkout(&shopper, &request).await.expect_err("refused");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("address.postcode"))
    );

    let mut request = delivered(&[&m.shop_a.id, &m.shop_b.id], "pm_card_visa");
    request.fulfilments[1].address = None;
    let err = checkout(&shopper, &request).await.expect_err("refused");
    assert_eq!((err.status(), err.field()), (Some(422), Some("address")));

    let err = checkout(
        &shopper,
        &delivered(&[&m.shop_a.id, &m.shop_b.id], "pm_bitcoin"),
    )
    .await
    .expect_err("refused");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("payment_method"))
    );

    let mut request = delivered(&[&m.shop_a.id, &m.shop_b.id], "pm_card_visa");
    request.use_cashback_cents = Some(500);
    let err = checkout(&shopper, &request).await.expect_err("refused");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("use_cashback_cents"))
    );

    let mut request = delivered(&[&m.shop_a.id, &m.shop_b.id], "pm_card_visa");
    request.discount_code = Some("NOPE".into());
    let err = checkout(&shopper, &request).await.expect_err("refused");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("discount_code"))
    );

    let response = shopper
        .raw(Method::POST, "/api/v1/checkout")
        .header("content-type", "application/json")
        .body("{\"fulfilments\": [")
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 400);

    let err = shopper
        .post::<_, CartResponse>(
            "/cart/items",
            &json!({"offer_id": m.offer_a, "quantity": 50}),
        )
        .await
        .expect_err("refused");
    assert_eq!(
        (err.status(), err.code()),
        (Some(409), Some("out_of_stock"))
    );
    let err = shopper
        .post::<_, CartResponse>("/cart/items", &json!({"offer_id": "nope", "quantity": 1}))
        .await
        .expect_err("refused");
    assert_eq!((err.status(), err.field()), (Some(422), Some("offer_id")));
    let err = app
        .client()
        .post::<_, OrderResponse>("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(401));
    assert_eq!(
        stock_row(&app, &m.offer_a, &m.shop_a.warehouse_id).await,
        (5, 0),
        "no error held stock"
    );
}

#[tokio::test]
async fn a_price_change_is_shown_and_must_be_confirmed() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "watcher@shoppers.test").await;
    let cart = add_to_cart(&shopper, &m.offer_a, 1).await.cart;
    let item_id = cart.shops[0].items[0].id.clone();
    let _: serde_json::Value = m
        .shop_a
        .staff
        .call(Method::PATCH, &format!("/seller/offers/{}", m.offer_a), &json!({"gtin": "4006381333931", "title": "Lampe de bureau", "price_cents": 1500, "condition": "new", "description": "", "category": "maison"}))
        .await
        .expect("price changed");
    let cart: CartResponse = shopper.get("/cart").await.expect("cart");
    let item = &cart.cart.shops[0].items[0];
    assert_eq!(
        (
            item.state.as_str(),
            item.price_cents_when_added,
            item.price_cents
        ),
        ("price_changed", 1200, 1500)
    );
    let err = checkout(&shopper, &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect_err("refused");
    assert_eq!(
        (err.status(), err.code()),
        (Some(409), Some("price_changed"))
    );
    let confirmed: CartResponse = shopper
        .call(
            Method::PATCH,
            &format!("/cart/items/{item_id}"),
            &json!({"quantity": 1}),
        )
        .await
        .expect("confirmed");
    assert_eq!(confirmed.cart.shops[0].items[0].state, "ok");
    let order = checkout(&shopper, &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    assert_eq!(order.items_cents, 1500);
}

#[tokio::test]
async fn click_and_collect_draws_from_the_chosen_store_only() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "pickup@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_b, 3).await;
    let pickup = |store_id: &str| CheckoutRequest {
        fulfilments: vec![FulfilmentChoice {
            shop_id: m.shop_b.id.clone(),
            method: "pickup".into(),
            address: None,
            store_id: Some(store_id.to_owned()),
        }],
        payment_method: "pm_card_visa".into(),
        use_cashback_cents: None,
        discount_code: None,
    };
    let err = checkout(&shopper, &pickup(&m.shop_b.store_id))
        .await
        .expect_err("refused");
    assert_eq!(
        (err.status(), err.code()),
        (Some(409), Some("out_of_stock")),
        "only 2 at the store"
    );
    let err = checkout(&shopper, &pickup(&m.shop_a.store_id))
        .await
        .expect_err("refused");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("store_id")),
        "another shop's store"
    );
    let cart: CartResponse = shopper
        .get("/cart")
        .await
        .expect("cart kept after a refusal");
    let item_id = cart.cart.shops[0].items[0].id.clone();
    let _: CartResponse = shopper
        .call(
            Method::PATCH,
            &format!("/cart/items/{item_id}"),
            &json!({"quantity": 2}),
        )
        .await
        .expect("fewer");
    let order = checkout(&shopper, &pickup(&m.shop_b.store_id))
        .await
        .expect("collected later");
    let part = &order.seller_orders[0];
    assert_eq!(part.fulfilment.method, "pickup");
    assert_eq!(order.shipping_cents, 0);
    assert!(
        part.pickup_code
            .as_ref()
            .is_some_and(|code| code.len() == 8),
        "the shopper gets a pickup code"
    );
    assert_eq!(
        stock_row(&app, &m.offer_b, &m.shop_b.store_id).await,
        (0, 0)
    );
    assert_eq!(
        stock_row(&app, &m.offer_b, &m.shop_b.warehouse_id).await,
        (10, 0)
    );
    let seen: SellerOrderResponse = m
        .shop_b
        .staff
        .get(&format!("/seller/orders/{}", part.id))
        .await
        .expect("seller view");
    assert_eq!(
        seen.seller_order.pickup_code, None,
        "the code stays the shopper's"
    );
}

#[tokio::test]
async fn a_guest_cart_lives_in_a_cookie() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let browser = app.browser();
    let added = browser
        .post(app.url("/api/v1/cart/items"))
        .json(&json!({"offer_id": m.offer_a, "quantity": 2}))
        .send()
        .await
        .expect("answered");
    assert_eq!(added.status().as_u16(), 201);
    assert!(
        added
            .headers()
            .get("set-cookie")
            .is_some_and(|c| c.to_str().unwrap_or("").starts_with("halles_cart="))
    );
    let cart: CartResponse = browser
        .get(app.url("/api/v1/cart"))
        .send()
        .await
        .expect("cart")
        .json()
        .await
        .expect("json");
    assert_eq!(cart.cart.item_count, 2);
    let other: CartResponse = app
        .browser()
        .get(app.url("/api/v1/cart"))
        .send()
        .await
        .expect("cart")
        .json()
        .await
        .expect("json");
    assert_eq!(
        other.cart.item_count, 0,
        "another visitor has their own cart"
    );
    let err = app
        .client()
        .post::<_, OrderResponse>("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(401), "paying needs an account");
    let _ = home();
}

#[tokio::test]
async fn discount_codes_of_a_shop_or_the_platform_take_money_off_the_right_parts() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let created: api_types::selling::DiscountCodeResponse = m
        .shop_b
        .staff
        .post(
            "/seller/discount-codes",
            &json!({"code": "theiere10", "kind": "percent", "value": 1000, "max_uses": 1}),
        )
        .await
        .expect("code created");
    assert_eq!(created.discount_code.code, "THEIERE10");
    let err = m
        .shop_a
        .staff
        .post::<_, api_types::selling::DiscountCodeResponse>(
            "/seller/discount-codes",
            &json!({"code": "THEIERE10", "kind": "fixed", "value": 500}),
        )
        .await
        .expect_err("refused");
    assert_eq!((err.status(), err.field()), (Some(409), Some("code")));
    let err = m
        .shop_a
        .staff
        .post::<_, api_types::selling::DiscountCodeResponse>(
            "/seller/discount-codes",
            &json!({"code": "FREE", "kind": "percent", "value": 10_000}),
        )
        .await
        .expect_err("refused");
    assert_eq!((err.status(), err.field()), (Some(422), Some("value")));

    let shopper = logged_in(&app, "bargain@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    add_to_cart(&shopper, &m.offer_b, 2).await;
    let mut request = delivered(&[&m.shop_a.id, &m.shop_b.id], "pm_card_visa");
    request.discount_code = Some("theiere10".into());
    let order = checkout(&shopper, &request)
        .await
        .expect("paid with the code");
    let part = |shop_id: &str| {
        order
            .seller_orders
            .iter()
            .find(|part| part.shop_id == shop_id)
            .cloned()
            .expect("part")
    };
    assert_eq!(
        part(&m.shop_a.id).discount_cents,
        0,
        "a shop's code is for its own items"
    );
    assert_eq!(part(&m.shop_b.id).discount_cents, 500, "10 % of 50.00 €");
    assert_eq!(order.discount_cents, 500);
    assert_eq!(order.discount_code.as_deref(), Some("THEIERE10"));

    add_to_cart(&shopper, &m.offer_b, 1).await;
    let mut request = delivered(&[&m.shop_b.id], "pm_card_visa");
    request.discount_code = Some("THEIERE10".into());
    let err = checkout(&shopper, &request).await.expect_err("used up");
    assert_eq!(
        (err.status(), err.code()),
        (Some(409), Some("discount_exhausted"))
    );

    services::buying::discounts::create(
        &app.db,
        None,
        services::buying::discounts::NewDiscountCode {
            code: "BIENVENUE".into(),
            kind: "fixed".into(),
            value: 300,
            min_items_cents: 1000,
            starts_at: None,
            ends_at: None,
            max_uses: None,
        },
    )
    .await
    .expect("platform code");
    request.discount_code = Some("bienvenue".into());
    let order = checkout(&shopper, &request)
        .await
        .expect("platform code applies");
    assert_eq!(order.discount_cents, 300);
    let promotions = services::buying::ledger::balance(app.db.conn(), "platform:promotions")
        .await
        .expect("balance");
    assert_eq!(promotions, -300, "the platform pays for its own codes");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn commission_is_the_shops_rate_else_the_categorys_else_the_platforms() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    use sea_orm::{ConnectionTrait, Statement};
    for sql in [
        "UPDATE categories SET commission_bps = 500 WHERE slug = 'maison'".to_owned(),
        format!(
            "UPDATE shops SET commission_bps = 2000 WHERE id = '{}'",
            m.shop_b.id
        ),
    ] {
        app.db
            .conn()
            .execute_raw(Statement::from_string(app.db.backend(), sql))
            .await
            .expect("setting rates");
    }
    let shopper = logged_in(&app, "fees@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    add_to_cart(&shopper, &m.offer_b, 1).await;
    let order = checkout(
        &shopper,
        &delivered(&[&m.shop_a.id, &m.shop_b.id], "pm_card_visa"),
    )
    .await
    .expect("paid");
    let part_a = order
        .seller_orders
        .iter()
        .find(|p| p.shop_id == m.shop_a.id)
        .expect("A")
        .id
        .clone();
    let part_b = order
        .seller_orders
        .iter()
        .find(|p| p.shop_id == m.shop_b.id)
        .expect("B")
        .id
        .clone();
    assert_eq!(
        fee(&m.shop_a.staff, &part_a).await,
        60,
        "5 % of 12.00 € (category rate)"
    );
    assert_eq!(
        fee(&m.shop_b.staff, &part_b).await,
        500,
        "20 % of 25.00 € (shop rate)"
    );
    assert_invariants(&app).await;
}

async fn fee(staff: &ApiClient, seller_order_id: &str) -> i64 {
    staff
        .get::<SellerOrderResponse>(&format!("/seller/orders/{seller_order_id}"))
        .await
        .expect("seller view")
        .seller_order
        .commission_cents
}
