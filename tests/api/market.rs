//! A small marketplace for buying tests: two approved shops with offers in stock, and a
//! shopper. Built through the API, as sellers would.

use admin_tui::client::ApiClient;
use api_types::buying::{Address, CartResponse, CheckoutRequest, FulfilmentChoice};
use api_types::selling::{
    CreateShopRequest, LocationRequest, LocationResponse, OfferRequest, SellerOfferResponse,
    SellerShopResponse, StockRequest,
};
use tests::{TestApp, add_category, approve_shop, logged_in};

/// One shop: its staff client, ids, one store with pickup and one warehouse.
pub struct Shop {
    pub staff: ApiClient,
    pub id: String,
    pub warehouse_id: String,
    pub store_id: String,
}

pub struct Market {
    pub shop_a: Shop,
    pub shop_b: Shop,
    /// Offer of shop A: 12.00 €, `stock_a` units in its warehouse.
    pub offer_a: String,
    /// Offer of shop B: 25.00 €, 10 units in its warehouse, 2 in its store.
    pub offer_b: String,
}

pub async fn open_shop(app: &TestApp, slug: &str) -> Shop {
    let staff = logged_in(app, &format!("{slug}@sellers.test")).await;
    let created: SellerShopResponse = staff
        .post(
            "/seller/shop",
            &CreateShopRequest {
                name: format!("Boutique {slug}"),
                slug: slug.into(),
                description: "Une boutique de test".into(),
            },
        )
        .await
        .expect("shop created");
    approve_shop(app, &created.shop.id).await;
    let location = |name: &str, kind: &str, pickup: bool| LocationRequest {
        name: name.into(),
        kind: kind.into(),
        address: "1 rue de Rivoli".into(),
        postcode: "75001".into(),
        city: "Paris".into(),
        pickup,
        latitude: None,
        longitude: None,
        opening_hours: "Lun–Sam 9h–19h".into(),
        preparation_minutes: Some(60),
    };
    let warehouse: LocationResponse = staff
        .post(
            "/seller/locations",
            &location("Entrepôt", "warehouse", false),
        )
        .await
        .expect("warehouse");
    let store: LocationResponse = staff
        .post(
            "/seller/locations",
            &location("Boutique Rivoli", "store", true),
        )
        .await
        .expect("store");
    Shop {
        staff,
        id: created.shop.id,
        warehouse_id: warehouse.location.id,
        store_id: store.location.id,
    }
}

pub async fn list_offer(shop: &Shop, gtin: &str, title: &str, price_cents: i64) -> String {
    let created: SellerOfferResponse = shop
        .staff
        .post(
            "/seller/offers",
            &OfferRequest {
                gtin: gtin.into(),
                title: title.into(),
                price_cents,
                condition: "new".into(),
                description: String::new(),
                category: "maison".into(),
                brand: "Test".into(),
                delivery_price_cents: 0,
                delivery_days: Some(2),
                status: None,
            },
        )
        .await
        .expect("offer created");
    created.offer.id
}

pub async fn stock(shop: &Shop, offer_id: &str, location_id: &str, quantity: i64) {
    let _: serde_json::Value = shop
        .staff
        .call(
            admin_tui::client::Method::PUT,
            &format!("/seller/offers/{offer_id}/stock"),
            &StockRequest::level(location_id, quantity),
        )
        .await
        .expect("stock set");
}

/// Two shops, one offer each: A's with `stock_a` units, B's with 10 + 2 in store.
pub async fn market(app: &TestApp, stock_a: i64) -> Market {
    add_category(app, "maison", "Maison").await;
    let shop_a = open_shop(app, "atelier-a").await;
    let shop_b = open_shop(app, "boutique-b").await;
    let offer_a = list_offer(&shop_a, "4006381333931", "Lampe de bureau", 1200).await;
    let offer_b = list_offer(&shop_b, "5901234123457", "Théière en fonte", 2500).await;
    stock(&shop_a, &offer_a, &shop_a.warehouse_id, stock_a).await;
    stock(&shop_b, &offer_b, &shop_b.warehouse_id, 10).await;
    stock(&shop_b, &offer_b, &shop_b.store_id, 2).await;
    Market {
        shop_a,
        shop_b,
        offer_a,
        offer_b,
    }
}

pub async fn add_to_cart(client: &ApiClient, offer_id: &str, quantity: u32) -> CartResponse {
    client
        .post(
            "/cart/items",
            &serde_json::json!({"offer_id": offer_id, "quantity": quantity}),
        )
        .await
        .expect("added to cart")
}

pub fn home() -> Address {
    Address {
        name: "Camille Martin".into(),
        line1: "12 rue des Lilas".into(),
        line2: String::new(),
        postcode: "69003".into(),
        city: "Lyon".into(),
        country: "FR".into(),
    }
}

/// Home delivery for every shop given, paid with `payment_method`.
pub fn delivered(shop_ids: &[&str], payment_method: &str) -> CheckoutRequest {
    CheckoutRequest {
        fulfilments: shop_ids
            .iter()
            .map(|shop_id| FulfilmentChoice {
                shop_id: (*shop_id).to_owned(),
                method: "delivery".into(),
                address: Some(home()),
                store_id: None,
            })
            .collect(),
        payment_method: payment_method.into(),
        use_cashback_cents: None,
        discount_code: None,
    }
}

/// Units left to sell of an offer at a location, and units reserved there.
pub async fn stock_row(app: &TestApp, offer_id: &str, location_id: &str) -> (i32, i32) {
    use sea_orm::EntityTrait;
    let row = services::db::entity::stock_levels::Entity::find_by_id((
        offer_id.to_owned(),
        location_id.to_owned(),
    ))
    .one(app.db.conn())
    .await
    .expect("reading stock")
    .expect("a stock row");
    (row.quantity, row.reserved)
}

/// Every invariant of `halles check` holds.
pub async fn assert_invariants(app: &TestApp) {
    let outcomes = services::invariants::check_all(&app.db)
        .await
        .expect("running the checks");
    let failed: Vec<_> = outcomes
        .iter()
        .filter(|outcome| !outcome.holds())
        .map(|outcome| (outcome.name, outcome.violations))
        .collect();
    assert!(failed.is_empty(), "invariants broken: {failed:?}");
}

/// A seller's action on one of its seller orders.
pub async fn seller_step(
    staff: &ApiClient,
    seller_order_id: &str,
    action: &str,
    body: serde_json::Value,
) -> Result<api_types::orders::SellerOrder, admin_tui::client::ApiError> {
    staff
        .post::<_, api_types::orders::SellerOrderResponse>(
            &format!("/seller/orders/{seller_order_id}/{action}"),
            &body,
        )
        .await
        .map(|response| response.seller_order)
}

/// Accepts, ships and delivers a seller order, as its seller.
pub async fn hand_over(staff: &ApiClient, seller_order_id: &str) -> api_types::orders::SellerOrder {
    let ship = serde_json::json!({"carrier": "DPD", "tracking": "X1"});
    for (action, body) in [
        ("accept", serde_json::json!({})),
        ("ship", ship),
        ("deliver", serde_json::json!({})),
    ] {
        let part = seller_step(staff, seller_order_id, action, body)
            .await
            .unwrap_or_else(|err| panic!("{action}: {err}"));
        if action == "deliver" {
            return part;
        }
    }
    unreachable!("the loop returns at deliver")
}

/// Ends the return window of a seller order now (as if 14 days had passed).
pub async fn end_return_window(app: &TestApp, seller_order_id: &str) {
    use sea_orm::{ConnectionTrait, Statement};
    let sql = if app.db.backend() == sea_orm::DatabaseBackend::Postgres {
        "UPDATE seller_orders SET payable_at = $1 WHERE id = $2"
    } else {
        "UPDATE seller_orders SET payable_at = ? WHERE id = ?"
    };
    app.db
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            app.db.backend(),
            sql,
            [
                (services::now() - chrono::Duration::minutes(1)).into(),
                seller_order_id.to_owned().into(),
            ],
        ))
        .await
        .expect("backdating");
}

/// Runs every background job once, with e-mails written to a fresh folder it returns.
pub async fn run_jobs(app: &TestApp) -> std::path::PathBuf {
    let folder = std::env::temp_dir().join(format!("halles-mail-{}", uuid::Uuid::now_v7()));
    let mailer = services::buying::notifications::FolderMailer {
        folder: folder.clone(),
        from: "test@halles".into(),
    };
    services::jobs::run_due_once(
        &app.db,
        &mailer,
        &services::buying::payments::SandboxProvider,
    )
    .await
    .expect("jobs");
    folder
}
