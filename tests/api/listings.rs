//! The search reads its own copy of the catalog (`product_listings`): these walk the
//! writes that must change what it shows — stock, prices, shop status, checkouts — and
//! check after each that the search follows and that `halles check` finds no drift.

use admin_tui::client::{ApiClient, Method};
use api_types::buying::OrderResponse;
use api_types::catalog::{ProductCard, ProductOffer, ProductResponse, ProductSearchResponse};
use api_types::selling::{OfferRequest, SellerOfferResponse};
use serde_json::{Value, json};
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{Market, Shop, add_to_cart, assert_invariants, delivered, market, stock};
use crate::operating::operator;

const TEAPOT_GTIN: &str = "5901234123457";

async fn search(app: &TestApp, query: &str) -> ProductSearchResponse {
    app.client()
        .get(&format!("/products?{query}"))
        .await
        .expect("search")
}

fn titles(found: &ProductSearchResponse) -> Vec<&str> {
    found.items.iter().map(|card| card.title.as_str()).collect()
}

fn best_total(card: &ProductCard) -> Option<i64> {
    card.best_offer.as_ref().map(|best| best.total_cents)
}

/// Shop A also sells the teapot, in `condition`, at `price_cents`, 4 units in store.
async fn teapot_from_a(m: &Market, condition: &str, price_cents: i64) -> String {
    let created: SellerOfferResponse = m
        .shop_a
        .staff
        .post("/seller/offers", &teapot(condition, price_cents))
        .await
        .expect("offer created");
    stock(&m.shop_a, &created.offer.id, &m.shop_a.store_id, 4).await;
    created.offer.id
}

fn teapot(condition: &str, price_cents: i64) -> OfferRequest {
    OfferRequest {
        gtin: TEAPOT_GTIN.into(),
        title: "Théière en fonte".into(),
        price_cents,
        condition: condition.into(),
        description: String::new(),
        category: "maison".into(),
        brand: "Test".into(),
        delivery_price_cents: 0,
        delivery_days: Some(2),
        status: None,
    }
}

async fn set_price(shop: &Shop, offer_id: &str, price_cents: i64) {
    let _: SellerOfferResponse = shop
        .staff
        .call(
            Method::PATCH,
            &format!("/seller/offers/{offer_id}"),
            &teapot("new", price_cents),
        )
        .await
        .expect("price changed");
}

async fn decide_shop(operator: &ApiClient, shop_id: &str, action: &str) {
    let _: Value = operator
        .post(
            &format!("/operator/shops/{shop_id}/{action}"),
            &json!({ "reason": "Colis jamais livrés" }),
        )
        .await
        .expect("decided");
}

#[tokio::test]
async fn search_hides_a_product_whose_stock_goes_to_zero_and_shows_it_again() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    assert_eq!(titles(&search(&app, "q=lampe").await), ["Lampe de bureau"]);

    stock(&m.shop_a, &m.offer_a, &m.shop_a.warehouse_id, 0).await;
    assert_eq!(search(&app, "q=lampe").await.total, 0);
    let category = search(&app, "category=maison").await;
    assert_eq!(titles(&category), ["Théière en fonte"]);
    assert_eq!(category.facets.categories[0].count, 1);
    assert_invariants(&app).await;

    stock(&m.shop_a, &m.offer_a, &m.shop_a.store_id, 2).await;
    assert_eq!(search(&app, "q=lampe").await.total, 1);
    assert_eq!(search(&app, "category=maison").await.total, 2);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn search_follows_a_cheaper_offer_to_the_best_price_and_the_sort() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let cheapest_first = search(&app, "category=maison&sort=price_asc").await;
    assert_eq!(
        titles(&cheapest_first),
        ["Lampe de bureau", "Théière en fonte"]
    );

    // Shop A undercuts B's 25 € teapot at 9 €: the teapot is now the cheaper product.
    let offer = teapot_from_a(&m, "new", 900).await;
    let cheapest_first = search(&app, "category=maison&sort=price_asc").await;
    assert_eq!(
        titles(&cheapest_first),
        ["Théière en fonte", "Lampe de bureau"]
    );
    let teapot_card = &cheapest_first.items[0];
    assert_eq!(best_total(teapot_card), Some(900));
    assert_eq!(teapot_card.offer_count, 2);
    let bands: Vec<(i64, u64)> = cheapest_first
        .facets
        .prices
        .iter()
        .map(|band| (band.min_cents, band.count))
        .collect();
    assert_eq!(bands, [(0, 2)], "9 € and 12 €: both under 20 €");
    assert_invariants(&app).await;

    // Then A asks 30 €: B's 25 € is the best offer again.
    set_price(&m.shop_a, &offer, 3000).await;
    let dearest_first = search(&app, "category=maison&sort=price_desc").await;
    assert_eq!(
        titles(&dearest_first),
        ["Théière en fonte", "Lampe de bureau"]
    );
    assert_eq!(best_total(&dearest_first.items[0]), Some(2500));
    assert_invariants(&app).await;

    // A withdraws it: one offer left.
    let staff = &m.shop_a.staff;
    staff
        .send_empty(staff.raw(Method::DELETE, &format!("/api/v1/seller/offers/{offer}")))
        .await
        .expect("deleted");
    assert_eq!(search(&app, "q=theiere").await.items[0].offer_count, 1);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn search_hides_the_products_a_suspended_shop_alone_offered() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    teapot_from_a(&m, "new", 2000).await;
    let ops = operator(&app).await;

    decide_shop(&ops, &m.shop_a.id, "suspend").await;
    let found = search(&app, "category=maison").await;
    assert_eq!(
        titles(&found),
        ["Théière en fonte"],
        "the lamp was A's alone"
    );
    assert_eq!(
        best_total(&found.items[0]),
        Some(2500),
        "B's teapot remains"
    );
    assert_eq!(found.items[0].offer_count, 1);
    let shops: Vec<&str> = found
        .facets
        .shops
        .iter()
        .map(|f| f.value.as_str())
        .collect();
    assert_eq!(shops, ["boutique-b"]);
    assert_invariants(&app).await;

    decide_shop(&ops, &m.shop_a.id, "reinstate").await;
    let found = search(&app, "category=maison&sort=price_asc").await;
    assert_eq!(titles(&found), ["Lampe de bureau", "Théière en fonte"]);
    assert_eq!(best_total(&found.items[1]), Some(2000));
    assert_eq!(found.facets.shops.len(), 2);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn search_drops_a_product_a_checkout_sold_out() {
    let app = spawn_app().await;
    let m = market(&app, 1).await;
    let shopper = logged_in(&app, "last-unit@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    let _: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    assert_eq!(search(&app, "q=lampe").await.total, 0);
    assert_eq!(titles(&search(&app, "").await), ["Théière en fonte"]);
    assert_invariants(&app).await;

    // B's teapot keeps 11 of 12 units: still listed, nothing else changes.
    add_to_cart(&shopper, &m.offer_b, 1).await;
    let _: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_b.id], "pm_card_visa"))
        .await
        .expect("paid");
    assert_eq!(search(&app, "q=theiere").await.total, 1);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn search_price_and_condition_filters_hold_of_the_same_offer() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    // The teapot: new at 25 € (B), good at 30 € (A).
    let good = teapot_from_a(&m, "good", 3000).await;

    // A good offer exists and an offer at most 26 € exists, but not one offer that is both.
    let neither = search(&app, "q=theiere&condition=good&max_price_cents=2600").await;
    assert_eq!(neither.total, 0);
    let good_enough = search(&app, "q=theiere&condition=good&max_price_cents=3000").await;
    assert_eq!(good_enough.total, 1);
    let card = &good_enough.items[0];
    assert_eq!(
        card.best_offer.as_ref().map(|b| b.id.as_str()),
        Some(good.as_str())
    );
    assert_eq!(
        card.offer_count, 1,
        "only the offers that pass the filters count"
    );
    let conditions: Vec<&str> = good_enough
        .facets
        .conditions
        .iter()
        .map(|f| f.value.as_str())
        .collect();
    assert_eq!(conditions, ["good"]);
    let new_cheap = search(&app, "category=maison&condition=new&max_price_cents=2600").await;
    assert_eq!(new_cheap.total, 2);
    let unfiltered = search(&app, "q=theiere").await;
    let conditions: Vec<(&str, u64)> = unfiltered
        .facets
        .conditions
        .iter()
        .map(|f| (f.value.as_str(), f.count))
        .collect();
    assert_eq!(conditions, [("new", 1), ("good", 1)]);
    assert_eq!(best_total(&unfiltered.items[0]), Some(2500));
    assert_eq!(unfiltered.items[0].offer_count, 2);
    assert_invariants(&app).await;
}

/// The teapot's product page through the API: B's offer, as `GET /products/{id}` shows it.
async fn teapot_offer_shown(app: &TestApp, m: &Market) -> ProductOffer {
    let found = search(app, "q=theiere").await;
    let page: ProductResponse = app
        .client()
        .get(&format!("/products/{}", found.items[0].id))
        .await
        .expect("product page");
    page.product
        .offers
        .into_iter()
        .find(|offer| offer.id == m.offer_b)
        .expect("B's offer shown")
}

#[tokio::test]
async fn a_product_page_reused_between_requests_shows_a_sale_and_a_store_change_at_once() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let before = teapot_offer_shown(&app, &m).await;
    assert_eq!(before.available, 12, "10 in the warehouse, 2 in the store");
    assert_eq!(before.pickup_stores.len(), 1);
    assert_eq!(teapot_offer_shown(&app, &m).await, before, "asked again");

    let shopper = logged_in(&app, "teapot@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_b, 3).await;
    let _: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_b.id], "pm_card_visa"))
        .await
        .expect("paid");
    assert_eq!(
        teapot_offer_shown(&app, &m).await.available,
        9,
        "the sale shows on the next page"
    );

    let no_pickup = json!({"name": "Boutique Rivoli", "kind": "store", "address": "1 rue de Rivoli",
        "postcode": "75001", "city": "Paris", "pickup": false, "opening_hours": "Lun–Sam 9h–19h",
        "preparation_minutes": 60});
    let _: Value = m
        .shop_b
        .staff
        .call(
            Method::PATCH,
            &format!("/seller/locations/{}", m.shop_b.store_id),
            &no_pickup,
        )
        .await
        .expect("pickup turned off");
    assert!(
        teapot_offer_shown(&app, &m).await.pickup_stores.is_empty(),
        "a store that stopped pickups is no longer offered"
    );
    assert_invariants(&app).await;
}
