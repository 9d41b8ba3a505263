//! The `pickup_postcode` search facet (issue 5): results held now by a pickup store within
//! reach of the shopper's postcode — a distance, not a département — each naming its
//! nearest such store; `pickup_radius_km` widens or narrows the reach; the search page
//! shows the store on the tile and links to the product page ranked from that postcode.

use api_types::catalog::{NearestPickup, ProductSearchResponse};
use tests::spawn_app;

use crate::market::stock;
use crate::pickup_nearby::{raw_get, teapot};
use crate::wallet::page;

/// The search's results for `query`, which must hold exactly `expected` products.
async fn found(app: &tests::TestApp, query: &str, expected: u64) -> ProductSearchResponse {
    let results: ProductSearchResponse = app
        .client()
        .get(&format!("/products?{query}"))
        .await
        .unwrap_or_else(|err| panic!("{query}: {err}"));
    assert_eq!(results.total, expected, "{query}");
    results
}

fn nearest(results: &ProductSearchResponse) -> &NearestPickup {
    results.items[0]
        .nearest_pickup
        .as_ref()
        .expect("the card names its nearest store")
}

#[tokio::test]
async fn results_are_held_by_a_store_within_reach_and_name_the_nearest() {
    let app = spawn_app().await;
    let t = teapot(&app).await;

    let paris = found(&app, "pickup_postcode=75011", 1).await;
    let bastille = nearest(&paris);
    assert_eq!(bastille.store_id, t.bastille);
    assert_eq!(bastille.store_name, "Bastille");
    assert_eq!(bastille.distance_km, 0.0);
    assert_eq!(bastille.ready_in_minutes, 30);
    assert_eq!(bastille.shop_id, t.shop.id);

    // Nanterre is in another département, about 10 km from the Rivoli store: distance
    // decides, not the postcode's first digits.
    let nanterre = found(&app, "pickup_postcode=92000", 1).await;
    let rivoli = nearest(&nanterre);
    assert_eq!(rivoli.store_id, t.shop.store_id);
    assert!(
        (5.0..=15.0).contains(&rivoli.distance_km),
        "{}",
        rivoli.distance_km
    );

    let lyon = found(&app, "pickup_postcode=69001", 1).await;
    assert_eq!(nearest(&lyon).store_id, t.lyon);

    // Grenoble is about 95 km from Lyon: out of the default reach, within 100 km.
    found(&app, "pickup_postcode=38000", 0).await;
    let wider = found(&app, "pickup_postcode=38000&pickup_radius_km=100", 1).await;
    assert_eq!(nearest(&wider).store_id, t.lyon);
    assert!(nearest(&wider).distance_km > 30.0);

    // Vieux-Lille serves pickups but holds none.
    found(&app, "pickup_postcode=59000", 0).await;

    // Without the facet, cards name no store.
    let everywhere = found(&app, "q=theiere", 1).await;
    assert!(everywhere.items[0].nearest_pickup.is_none());
}

#[tokio::test]
async fn a_store_that_runs_out_is_no_longer_the_nearest() {
    let app = spawn_app().await;
    let t = teapot(&app).await;
    stock(&t.shop, &t.offer_id, &t.bastille, 0).await;

    let paris = found(&app, "pickup_postcode=75011", 1).await;
    assert_eq!(nearest(&paris).store_id, t.shop.store_id, "Rivoli, next");

    stock(&t.shop, &t.offer_id, &t.shop.store_id, 0).await;
    found(&app, "pickup_postcode=75011", 0).await;
    // Still for sale, from the warehouse and Lyon.
    found(&app, "q=theiere", 1).await;
}

#[tokio::test]
async fn a_bad_postcode_or_radius_is_a_422_naming_it() {
    let app = spawn_app().await;
    for (query, field) in [
        ("pickup_postcode=99999", "pickup_postcode"),
        ("pickup_postcode=7501", "pickup_postcode"),
        (
            "pickup_postcode=75011&pickup_radius_km=0",
            "pickup_radius_km",
        ),
        (
            "pickup_postcode=75011&pickup_radius_km=201",
            "pickup_radius_km",
        ),
        (
            "pickup_postcode=75011&pickup_radius_km=near",
            "pickup_radius_km",
        ),
    ] {
        let (status, body) = raw_get(&app, &format!("/products?{query}")).await;
        assert_eq!(status, 422, "{query}: {body}");
        assert_eq!(body["error"]["field"], field, "{query}: {body}");
    }
}

#[tokio::test]
async fn the_search_page_names_the_nearest_store_and_links_the_product_from_there() {
    let app = spawn_app().await;
    let t = teapot(&app).await;
    let browser = app.browser();

    let (status, html) = page(&browser, &app, "/search?pickup_postcode=92000").await;
    assert_eq!(status, 200);
    let html = html.replace("&#x27;", "'");
    assert!(
        html.contains("class=\"tile-pickup\""),
        "the tile's pickup line"
    );
    assert!(html.contains("<strong>Boutique Rivoli</strong>"), "{html}");
    assert!(html.contains("prêt en 1\u{a0}h"));
    assert!(
        html.contains(&format!("/products/{}/{}?near=92000", t.product_id, t.slug)),
        "the product page opens ranked from 92000"
    );
    assert!(html.contains("name=\"pickup_radius_km\""));
    assert!(html.contains("92000 · 30\u{a0}km"), "the filter chip");

    // Another browser: `?lang=en` sticks to the one that asks.
    let (_, english) = page(
        &app.browser(),
        &app,
        "/search?pickup_postcode=92000&lang=en",
    )
    .await;
    assert!(english.contains("Pickup "), "English pickup line");
    assert!(english.contains("away: "));

    let (status, none) = page(&browser, &app, "/search?pickup_postcode=38000").await;
    assert_eq!(status, 200);
    let none = none.replace("&#x27;", "'");
    assert!(none.contains("Aucun produit ne correspond à ces filtres."));
    assert!(
        none.contains("Cherchez des magasins à plus de 30\u{a0}km de 38000"),
        "a wider search offered"
    );
    assert!(none.contains("/search?pickup_postcode=38000&amp;pickup_radius_km=50"));
}
