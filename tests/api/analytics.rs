//! Analytics: a seller's dashboard and the platform's figures, read after a story whose
//! every number is known — views, adds to cart and checkouts through the web and the API,
//! a paid pickup made ready, a delivery paid days ago and not shipped. The rules behind
//! single figures (late, slow, who may read, `?days=`, one view) are in [`rules`].

use api_types::analytics::{
    Channel, ChannelFunnel, DailyRevenue, Funnel, PickupsWaiting, PlatformKpis, SellerDashboard,
    StateCount,
};
use api_types::buying::{CheckoutRequest, FulfilmentChoice, OrderResponse};
use api_types::catalog::ProductResponse;
use reqwest::header::LOCATION;
use serde_json::json;
use tests::{TestApp, csrf_in, logged_in, spawn_app};

use crate::market::{Market, add_to_cart, delivered, market, seller_step, stock};
use crate::operating::operator;
use crate::wallet::shopper;

mod rules;

/// The product an offer sells.
async fn product_of(app: &TestApp, offer_id: &str) -> String {
    use sea_orm::EntityTrait;
    services::db::entity::offers::Entity::find_by_id(offer_id.to_owned())
        .one(app.db.conn())
        .await
        .expect("reading an offer")
        .expect("the offer exists")
        .product_id
}

/// Opens a product page as a browser does (the bare address moves to the canonical one);
/// answers its HTML.
async fn view_page(browser: &reqwest::Client, app: &TestApp, product_id: &str) -> String {
    let mut path = format!("/products/{product_id}");
    loop {
        let response = browser.get(app.url(&path)).send().await.expect("sent");
        if response.status().is_redirection() {
            path = response.headers()[LOCATION]
                .to_str()
                .expect("a readable location")
                .to_owned();
            continue;
        }
        assert_eq!(response.status().as_u16(), 200, "{path}");
        return response.text().await.expect("a page");
    }
}

/// Adds an offer from its product page, with the page's form.
async fn add_with_form(browser: &reqwest::Client, app: &TestApp, page: &str, offer_id: &str) {
    let response = browser
        .post(app.url("/cart/items"))
        .form(&[
            ("offer_id", offer_id),
            ("quantity", "1"),
            ("csrf", &csrf_in(page)),
            ("back", ""),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()[LOCATION], "/cart", "added, not refused");
}

/// Click & collect at the shop's store, paid with the sandbox card.
fn collected(shop_id: &str, store_id: &str) -> CheckoutRequest {
    CheckoutRequest {
        fulfilments: vec![FulfilmentChoice {
            shop_id: shop_id.to_owned(),
            method: "pickup".into(),
            address: None,
            store_id: Some(store_id.to_owned()),
        }],
        payment_method: "pm_card_visa".into(),
        use_cashback_cents: None,
        discount_code: None,
    }
}

/// Moves an order's payment `hours` into the past, as if it had been paid then.
async fn backdate_payment(app: &TestApp, order_id: &str, hours: i64) {
    use sea_orm::{ConnectionTrait, Statement};
    let sql = if app.db.backend() == sea_orm::DatabaseBackend::Postgres {
        "UPDATE orders SET paid_at = $1 WHERE id = $2"
    } else {
        "UPDATE orders SET paid_at = ? WHERE id = ?"
    };
    app.db
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            app.db.backend(),
            sql,
            [
                (services::now() - chrono::Duration::hours(hours)).into(),
                order_id.to_owned().into(),
            ],
        ))
        .await
        .expect("backdating a payment");
}

fn funnel(visitors: u64, added: u64, started: u64, buyers: u64, rates: [Option<u32>; 2]) -> Funnel {
    Funnel {
        visitors,
        added_to_cart: added,
        checkouts_started: started,
        buyers,
        conversion_rate_bps: rates[0],
        cart_abandonment_rate_bps: rates[1],
    }
}

fn channels(web: Funnel, api: Funnel) -> Vec<ChannelFunnel> {
    vec![
        ChannelFunnel {
            channel: Channel::Web,
            funnel: web,
        },
        ChannelFunnel {
            channel: Channel::Api,
            funnel: api,
        },
        ChannelFunnel {
            channel: Channel::Store,
            funnel: Funnel::default(),
        },
    ]
}

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// The story behind the figures; answers the paid orders (shop A's pickup, shop B's
/// delivery).
async fn shop_and_buy(app: &TestApp, m: &Market) -> (OrderResponse, OrderResponse) {
    let product_a = product_of(app, &m.offer_a).await;
    let product_b = product_of(app, &m.offer_b).await;
    stock(&m.shop_a, &m.offer_a, &m.shop_a.store_id, 3).await;

    // A buyer on the app: views A, adds 2, collects them at A's store.
    let buyer = logged_in(app, "buyer@shoppers.test").await;
    let _: ProductResponse = buyer
        .get(&format!("/products/{product_a}"))
        .await
        .expect("product A");
    add_to_cart(&buyer, &m.offer_a, 2).await;
    let pickup: OrderResponse = buyer
        .post("/checkout", &collected(&m.shop_a.id, &m.shop_a.store_id))
        .await
        .expect("paid");
    let part = &pickup.order.seller_orders[0].id;
    for action in ["accept", "ready"] {
        seller_step(&m.shop_a.staff, part, action, json!({}))
            .await
            .unwrap_or_else(|err| panic!("{action}: {err}"));
    }

    // A signed-in web shopper: views A, adds it, reaches the checkout, goes no further.
    let (_, browser) = shopper(app, "hesitant@shoppers.test").await;
    let page = view_page(&browser, app, &product_a).await;
    add_with_form(&browser, app, &page, &m.offer_a).await;
    let checkout = browser
        .get(app.url("/checkout"))
        .send()
        .await
        .expect("sent");
    assert_eq!(checkout.status().as_u16(), 200);

    // An anonymous web visitor views A and adds it; an anonymous app views A only.
    let stranger = app.browser();
    let page = view_page(&stranger, app, &product_a).await;
    add_with_form(&stranger, app, &page, &m.offer_a).await;
    let _: ProductResponse = app
        .client()
        .get(&format!("/products/{product_a}"))
        .await
        .expect("product A, anonymously");

    // Shop B: a web visitor looks at B; another buyer adds B and has it delivered.
    view_page(&app.browser(), app, &product_b).await;
    let other = logged_in(app, "other@shoppers.test").await;
    add_to_cart(&other, &m.offer_b, 1).await;
    let delivery: OrderResponse = other
        .post("/checkout", &delivered(&[&m.shop_b.id], "pm_card_visa"))
        .await
        .expect("paid");
    (pickup, delivery)
}

#[tokio::test]
async fn a_seller_sees_its_own_day_orders_pickups_and_funnel_and_nothing_of_another_shop() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (pickup, delivery) = shop_and_buy(&app, &m).await;
    let a_part = &pickup.order.seller_orders[0];
    let a_revenue = a_part.items_cents + a_part.shipping_cents;
    assert_eq!(a_part.items_cents, 2400, "two lamps at 12.00 €");

    let a: SellerDashboard = m.shop_a.staff.seller_dashboard().await.expect("dashboard");
    assert_eq!(a.currency, "EUR");
    assert_eq!(
        a.today,
        DailyRevenue {
            date: today(),
            orders: 1,
            revenue_cents: a_revenue,
        }
    );
    assert_eq!(
        a.open_orders,
        vec![StateCount {
            status: "ready_for_pickup".into(),
            fulfilment: "pickup".into(),
            count: 1,
        }]
    );
    assert_eq!(
        a.pickups_waiting,
        PickupsWaiting {
            count: 1,
            oldest_wait_minutes: Some(0),
            average_wait_minutes: Some(0),
        }
    );
    assert_eq!(a.low_stock, 1, "the store has 1 lamp left, at or under 2");
    assert_eq!(a.revenue_30d.len(), 30);
    assert_eq!(a.revenue_30d.last(), Some(&a.today));
    assert_eq!(
        a.revenue_30d
            .iter()
            .map(|day| day.revenue_cents)
            .sum::<i64>(),
        a_revenue,
        "nothing sold on the 29 days before"
    );
    let first_day = (chrono::Utc::now() - chrono::Duration::days(29))
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(a.revenue_30d[0].date, first_day, "oldest first");
    // Viewers of A: the buyer and the anonymous app (api), the hesitant shopper and the
    // stranger (web). Adds: the buyer, the hesitant shopper, the stranger. Checkouts:
    // the buyer and the hesitant shopper. Buyers: the buyer.
    assert_eq!(a.funnel, funnel(4, 3, 2, 1, [Some(2_500), Some(6_667)]));
    assert_eq!(
        a.by_channel,
        channels(
            funnel(2, 2, 1, 0, [Some(0), Some(10_000)]),
            funnel(2, 1, 1, 1, [Some(5_000), Some(0)]),
        )
    );
    assert_eq!(a.average_minutes_to_ready, Some(0));

    let b: SellerDashboard = m.shop_b.staff.seller_dashboard().await.expect("dashboard");
    let b_part = &delivery.order.seller_orders[0];
    assert_eq!(
        (b.today.orders, b.today.revenue_cents),
        (1, b_part.items_cents + b_part.shipping_cents),
        "only its own sale"
    );
    assert_eq!(
        b.open_orders,
        vec![StateCount {
            status: "paid".into(),
            fulfilment: "delivery".into(),
            count: 1,
        }]
    );
    assert_eq!(b.pickups_waiting.count, 0);
    assert_eq!(b.pickups_waiting.oldest_wait_minutes, None);
    assert_eq!(b.funnel, funnel(1, 1, 1, 1, [Some(10_000), Some(0)]));
    assert_eq!(b.average_minutes_to_ready, None, "no pickup, no average");
}

#[tokio::test]
async fn the_platform_counts_what_sold_who_sold_it_and_flags_a_late_shipment() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (pickup, delivery) = shop_and_buy(&app, &m).await;
    backdate_payment(&app, &delivery.order.id, 72).await;
    let ops = operator(&app).await;

    let kpis: PlatformKpis = ops.platform_kpis(30).await.expect("figures");
    let worth = |order: &OrderResponse| order.order.items_cents + order.order.shipping_cents;
    assert_eq!(kpis.period_days, 30);
    assert_eq!(kpis.gmv_cents, worth(&pickup) + worth(&delivery));
    assert_eq!(kpis.orders, 2);
    assert_eq!((kpis.active_shops, kpis.approved_shops), (2, 2));
    assert_eq!(kpis.gmv_daily.len(), 30);
    assert_eq!(kpis.gmv_daily[29].revenue_cents, worth(&pickup));
    assert_eq!(
        kpis.gmv_daily[26].revenue_cents,
        worth(&delivery),
        "3 days ago"
    );
    assert_eq!(kpis.funnel, funnel(5, 4, 3, 2, [Some(4_000), Some(5_000)]));
    assert_eq!(
        kpis.by_channel,
        channels(
            funnel(3, 2, 1, 0, [Some(0), Some(10_000)]),
            funnel(2, 2, 2, 2, [Some(10_000), Some(0)]),
        )
    );

    let names: Vec<&str> = kpis.shops.iter().map(|s| s.shop_id.as_str()).collect();
    assert_eq!(names, [&m.shop_b.id, &m.shop_a.id], "the late shop first");
    let late = &kpis.shops[0];
    assert_eq!(
        (
            late.orders,
            late.late_shipments,
            late.late_shipment_rate_bps
        ),
        (1, 1, Some(10_000)),
        "paid 72 h ago and still not shipped"
    );
    assert_eq!((late.slow_pickups, late.slow_pickup_rate_bps), (0, None));
    let prompt = &kpis.shops[1];
    assert_eq!(
        (
            prompt.late_shipments,
            prompt.slow_pickups,
            prompt.slow_pickup_rate_bps
        ),
        (0, 0, Some(0))
    );
    assert_eq!(prompt.average_minutes_to_ready, Some(0));
    assert_eq!(prompt.disputes, 0);

    let today_only: PlatformKpis = ops.platform_kpis(1).await.expect("figures");
    assert_eq!(
        (
            today_only.orders,
            today_only.gmv_cents,
            today_only.gmv_daily.len()
        ),
        (1, worth(&pickup), 1)
    );
    assert_eq!(today_only.shops.len(), 1, "shop B sold nothing today");
    assert_eq!(today_only.active_shops, 1);
}
