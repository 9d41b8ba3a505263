//! Cashback shown before buying: what the cart and the checkout quote say an order earns
//! is what paying it earns (shop boosts and campaigns included, never delivery), and the
//! product, cart and checkout pages say it in words.

use admin_tui::client::ApiClient;
use api_types::buying::{CartResponse, CheckoutRequest, OrderResponse, QuoteResponse, Wallet};
use api_types::catalog::ProductResponse;
use serde_json::json;
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{Market, add_to_cart, assert_invariants, delivered, market};
use crate::wallet::{page, shopper};

/// Runs one statement behind the API's back (operators have no endpoint for boosts and
/// campaigns yet).
async fn exec(app: &TestApp, sql: &str, values: Vec<sea_orm::Value>) {
    use sea_orm::ConnectionTrait;
    app.db
        .conn()
        .execute_raw(services::db::statement(app.db.backend(), sql, values))
        .await
        .expect("writing behind the API");
    // A price written behind the API: the search's listings follow by hand.
    services::catalog::listings::refresh_now(&app.db, services::catalog::listings::Listed::All)
        .await
        .expect("refreshing the listings");
}

/// Shop A funds a 2 % boost and charges 4.90 € of delivery; a 1.5 % campaign runs for
/// shop B. The platform's base rate stays 3 %.
async fn boosted_market(app: &TestApp) -> Market {
    let m = market(app, 5).await;
    exec(
        app,
        "UPDATE shops SET cashback_boost_bps = 200 WHERE id = ?",
        vec![m.shop_a.id.clone().into()],
    )
    .await;
    exec(
        app,
        "UPDATE offers SET delivery_price_cents = 490 WHERE id = ?",
        vec![m.offer_a.clone().into()],
    )
    .await;
    let at = services::now();
    exec(
        app,
        "INSERT INTO cashback_campaigns (id, name, shop_id, category_id, rate_bps, starts_at, ends_at, created_at) \
         VALUES (?, 'Semaine B', ?, NULL, 150, ?, ?, ?)",
        vec![
            services::new_id().into(),
            m.shop_b.id.clone().into(),
            (at - chrono::Duration::hours(1)).into(),
            (at + chrono::Duration::days(7)).into(),
            at.into(),
        ],
    )
    .await;
    m
}

async fn wallet(client: &ApiClient) -> Wallet {
    client.get("/wallet").await.expect("wallet")
}

async fn quote(client: &ApiClient, request: &CheckoutRequest) -> QuoteResponse {
    client
        .post("/checkout/quote", request)
        .await
        .expect("quoted")
}

#[tokio::test]
async fn the_cashback_a_cart_shows_is_what_paying_it_earns_boost_included() {
    let app = spawn_app().await;
    let m = boosted_market(&app).await;
    let shopper = logged_in(&app, "estimate@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    add_to_cart(&shopper, &m.offer_b, 1).await;
    let cart: CartResponse = shopper.get("/cart").await.expect("cart");
    let line = |offer_id: &str| {
        cart.cart
            .shops
            .iter()
            .flat_map(|shop| shop.items.iter())
            .find(|item| item.offer_id == offer_id)
            .expect("line")
            .cashback_earned_cents
    };
    // A: 5 % (3 % + 2 % boost) of 24.00 €, not of its 4.90 € delivery.
    assert_eq!(line(&m.offer_a), 120);
    // B: 4.5 % (3 % + 1.5 % campaign) of 25.00 € = 1.125 €, rounded half up.
    assert_eq!(line(&m.offer_b), 113);
    assert_eq!(cart.cart.cashback_earned_cents, 233);
    assert_eq!(cart.cart.shipping_cents, 490, "delivery is charged");

    let request = delivered(&[&m.shop_a.id, &m.shop_b.id], "pm_card_visa");
    let quoted = quote(&shopper, &request).await.quote;
    assert_eq!(quoted.cashback_earned_cents, 233);
    assert_eq!(
        quoted
            .parts
            .iter()
            .map(|part| part.cashback_earned_cents)
            .sum::<i64>(),
        233
    );

    let paid: OrderResponse = shopper.post("/checkout", &request).await.expect("paid");
    assert_eq!(paid.order.payment.status, "captured");
    let earned = wallet(&shopper).await;
    assert_eq!(
        earned.pending_cents, cart.cart.cashback_earned_cents,
        "the cart said what the order earns"
    );
    let boosts: i64 = earned.lots.iter().map(|lot| lot.boost_cents).sum();
    assert_eq!(boosts, 48, "2 % of 24.00 €, funded by shop A");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn the_quote_estimates_cashback_on_what_the_card_pays_after_a_discount() {
    let app = spawn_app().await;
    let m = boosted_market(&app).await;
    let _: api_types::selling::DiscountCodeResponse = m
        .shop_b
        .staff
        .post(
            "/seller/discount-codes",
            &json!({"code": "THEIERE10", "kind": "percent", "value": 1000}),
        )
        .await
        .expect("code created");
    let shopper = logged_in(&app, "discount-estimate@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    add_to_cart(&shopper, &m.offer_b, 3).await;
    let cart: CartResponse = shopper.get("/cart").await.expect("cart");
    let mut request = delivered(&[&m.shop_a.id, &m.shop_b.id], "pm_card_visa");
    request.discount_code = Some("THEIERE10".into());
    let quoted = quote(&shopper, &request).await.quote;
    assert_eq!(quoted.discount_cents, 750);
    // A: 5 % of 12.00 €; B: 4.5 % of 75.00 € less 10 % = 3.0375 €.
    assert_eq!(quoted.cashback_earned_cents, 60 + 304);
    assert!(
        quoted.cashback_earned_cents < cart.cart.cashback_earned_cents,
        "the discount lowers the base"
    );

    let _: OrderResponse = shopper.post("/checkout", &request).await.expect("paid");
    assert_eq!(
        wallet(&shopper).await.pending_cents,
        quoted.cashback_earned_cents,
        "the quote said what the order earns"
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn product_cart_and_checkout_pages_say_what_the_shopper_earns() {
    let app = spawn_app().await;
    let m = boosted_market(&app).await;
    let (api, browser) = shopper(&app, "pages-estimate@shoppers.test").await;
    let added = add_to_cart(&api, &m.offer_a, 2).await;
    let item = &added.cart.shops[0].items[0];
    let product_path = format!("/products/{}/{}", item.product_id, item.product_slug);

    let product: ProductResponse = app
        .client()
        .get(&format!("/products/{}", item.product_id))
        .await
        .expect("product");
    assert_eq!(
        product.product.offers[0].cashback_cents, 60,
        "5 % of 12.00 €"
    );

    let visitor = app.browser();
    let (status, html) = page(&visitor, &app, &product_path).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Vous gagnez 0,60\u{a0}€ de cashback"),
        "the offer says what one unit earns"
    );
    let (_, english) = page(&visitor, &app, &format!("{product_path}?lang=en")).await;
    assert!(english.contains("You earn €0.60 cashback"));

    let (status, cart) = page(&browser, &app, "/cart").await;
    assert_eq!(status, 200);
    assert!(
        cart.contains("Vous gagnez 1,20\u{a0}€ de cashback"),
        "the cart says what it earns"
    );
    let (status, checkout) = page(&browser, &app, "/checkout?lang=en").await;
    assert_eq!(status, 200);
    assert!(
        checkout.contains("You earn €1.20 cashback"),
        "the checkout says what the order earns"
    );
    assert!(checkout.contains("not on delivery"));
}

#[tokio::test]
async fn search_results_say_what_the_best_offer_earns() {
    let app = spawn_app().await;
    let m = boosted_market(&app).await;
    let found: api_types::catalog::ProductSearchResponse =
        app.client().get("/products?q=lampe").await.expect("search");
    let best = found.items[0].best_offer.as_ref().expect("an offer");
    assert_eq!(best.id, m.offer_a);
    assert_eq!(
        best.cashback_cents, 60,
        "5 % of 12.00 €, not of the delivery"
    );

    let (status, html) = page(&app.browser(), &app, "/search?q=lampe").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Vous gagnez 0,60\u{a0}€ de cashback"),
        "the result card says it"
    );
}
