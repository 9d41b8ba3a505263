//! Shops, locations, offers and stock from the seller's side; search, product pages and
//! e-shops from the shopper's; and the walls between shops.

use admin_tui::client::{ApiClient, ApiError, Method};
use api_types::catalog::{ProductResponse, ProductSearchResponse, ShopResponse};
use api_types::selling::{
    CreateShopRequest, LocationRequest, LocationResponse, OfferRequest, SellerOfferResponse,
    SellerShopResponse, StockRequest,
};
use serde_json::{Value, json};
use tests::{TestApp, add_category, approve_shop, logged_in, spawn_app};

const DRILL_GTIN: &str = "4006381333931";

async fn open_shop(app: &TestApp, email: &str, slug: &str) -> (ApiClient, String) {
    let client = logged_in(app, email).await;
    let created: SellerShopResponse = client
        .post(
            "/seller/shop",
            &CreateShopRequest {
                name: format!("Shop {slug}"),
                slug: slug.into(),
                description: "Outils".into(),
            },
        )
        .await
        .expect("shop created");
    (client, created.shop.id)
}

fn store(name: &str, postcode: &str) -> LocationRequest {
    LocationRequest {
        name: name.into(),
        kind: "store".into(),
        address: "1 rue de Rivoli".into(),
        postcode: postcode.into(),
        city: "Paris".into(),
        pickup: true,
        latitude: Some(48.86),
        longitude: Some(2.35),
        opening_hours: "Lun–Sam 9h–19h".into(),
        preparation_minutes: Some(120),
    }
}

fn drill(price_cents: i64, delivery_price_cents: i64) -> OfferRequest {
    OfferRequest {
        gtin: DRILL_GTIN.into(),
        title: "Perceuse-visseuse sans fil 18 V".into(),
        price_cents,
        condition: "new".into(),
        description: "Deux batteries, coffret.".into(),
        category: "bricolage".into(),
        brand: "Makita".into(),
        delivery_price_cents,
        delivery_days: Some(2),
        status: None,
    }
}

/// A shop with one store holding `units` drills at `price_cents`.
async fn stocked_shop(
    app: &TestApp,
    email: &str,
    slug: &str,
    price_cents: i64,
    delivery: i64,
    units: i64,
) -> (ApiClient, String, String) {
    let (client, shop_id) = open_shop(app, email, slug).await;
    let location: LocationResponse = client
        .post("/seller/locations", &store("Rivoli", "75001"))
        .await
        .expect("location");
    let offer: SellerOfferResponse = client
        .post("/seller/offers", &drill(price_cents, delivery))
        .await
        .expect("offer");
    let stock = client
        .raw(
            Method::PUT,
            &format!("/api/v1/seller/offers/{}/stock", offer.offer.id),
        )
        .json(&StockRequest::level(location.location.id.clone(), units));
    client.send_empty(stock).await.expect("stock set");
    approve_shop(app, &shop_id).await;
    (client, shop_id, offer.offer.id)
}

fn expect_api_error(result: Result<Value, ApiError>, status: u16, field: Option<&str>) {
    match result {
        Err(ApiError::Api { status: got, body }) => {
            assert_eq!(got, status, "{body:?}");
            assert_eq!(body.error.field.as_deref(), field, "{body:?}");
        }
        other => panic!("expected {status}, got {other:?}"),
    }
}

#[tokio::test]
async fn a_shop_application_is_pending_and_not_public() {
    let app = spawn_app().await;
    let (client, _) = open_shop(&app, "lea@halles.test", "atelier-lea").await;
    let own: SellerShopResponse = client.get("/seller/shop").await.expect("own shop");
    assert_eq!(own.shop.status, api_types::ShopStatus::Pending);
    let public = app.client().get::<ShopResponse>("/shops/atelier-lea").await;
    assert!(matches!(public, Err(ApiError::Api { status: 404, .. })));
    let again = client
        .post::<_, Value>(
            "/seller/shop",
            &json!({"name": "Deux", "slug": "deux-boutiques"}),
        )
        .await;
    expect_api_error(again, 409, None);
}

#[tokio::test]
async fn shop_applications_name_the_field_at_fault() {
    let app = spawn_app().await;
    open_shop(&app, "first@halles.test", "la-quincaillerie").await;
    let other = logged_in(&app, "second@halles.test").await;
    expect_api_error(
        other
            .post(
                "/seller/shop",
                &json!({"name": "Q", "slug": "la-quincaillerie"}),
            )
            .await,
        409,
        Some("slug"),
    );
    expect_api_error(
        other
            .post("/seller/shop", &json!({"name": "Q", "slug": "Pas Bon"}))
            .await,
        422,
        Some("slug"),
    );
    expect_api_error(
        other
            .post(
                "/seller/shop",
                &json!({"name": " ", "slug": "bonne-adresse"}),
            )
            .await,
        422,
        Some("name"),
    );
}

#[tokio::test]
async fn offers_and_locations_are_validated_field_by_field() {
    let app = spawn_app().await;
    add_category(&app, "bricolage", "Bricolage").await;
    let (client, _) = open_shop(&app, "val@halles.test", "valide").await;
    let mut bad_postcode = serde_json::to_value(store("X", "7500")).expect("json");
    expect_api_error(
        client.post("/seller/locations", &bad_postcode).await,
        422,
        Some("postcode"),
    );
    bad_postcode["postcode"] = json!("75001");
    bad_postcode["kind"] = json!("warehouse");
    expect_api_error(
        client.post("/seller/locations", &bad_postcode).await,
        422,
        Some("pickup"),
    );

    let cases = [
        (json!({"gtin": "4006381333932"}), "gtin"),
        (json!({"price_cents": 0}), "price_cents"),
        (json!({"condition": "broken"}), "condition"),
        (json!({"category": "nowhere"}), "category"),
        (json!({"title": ""}), "title"),
    ];
    for (change, field) in cases {
        let mut offer = serde_json::to_value(drill(9_900, 0)).expect("json");
        for (key, value) in change.as_object().expect("object") {
            offer[key] = value.clone();
        }
        expect_api_error(
            client.post("/seller/offers", &offer).await,
            422,
            Some(field),
        );
    }
    let created: SellerOfferResponse = client
        .post("/seller/offers", &drill(9_900, 0))
        .await
        .expect("valid offer");
    assert_eq!(created.offer.gtin, "04006381333931");
    expect_api_error(
        client.post("/seller/offers", &drill(8_900, 0)).await,
        409,
        Some("condition"),
    );
}

#[tokio::test]
async fn two_sellers_offers_join_one_product_compared_best_first() {
    let app = spawn_app().await;
    add_category(&app, "bricolage", "Bricolage").await;
    stocked_shop(&app, "a@halles.test", "outils-a", 10_000, 990, 3).await;
    stocked_shop(&app, "b@halles.test", "outils-b", 10_500, 0, 2).await;

    let found: ProductSearchResponse = app
        .client()
        .get("/products?q=perceu")
        .await
        .expect("search");
    assert_eq!(found.total, 1, "one product, two offers");
    let card = &found.items[0];
    assert_eq!(card.offer_count, 2);
    let best = card.best_offer.as_ref().expect("best offer");
    assert_eq!(
        (best.shop_slug.as_str(), best.total_cents),
        ("outils-b", 10_500),
        "compared with delivery"
    );
    assert_eq!(found.facets.shops.len(), 2);

    let page: ProductResponse = app
        .client()
        .get(&format!("/products/{}", card.id))
        .await
        .expect("product");
    let shops: Vec<&str> = page
        .product
        .offers
        .iter()
        .map(|o| o.shop.slug.as_str())
        .collect();
    assert_eq!(shops, ["outils-b", "outils-a"]);
    assert_eq!(page.product.offers[0].pickup_stores.len(), 1);
    assert_eq!(page.product.offers[0].pickup_stores[0].available, 2);

    let shop: ShopResponse = app.client().get("/shops/outils-a").await.expect("e-shop");
    assert_eq!(shop.shop.stores.len(), 1);
    let own: ProductSearchResponse = app
        .client()
        .get("/products?shop=outils-a&q=makita")
        .await
        .expect("shop search");
    assert_eq!(
        own.items[0]
            .best_offer
            .as_ref()
            .map(|b| b.shop_slug.as_str()),
        Some("outils-a")
    );
}

/// Search answers and product sheets are reused for a few seconds (the catalog's answer
/// cache): a change made through this server must show at once all the same.
#[tokio::test]
async fn reused_answers_never_hide_a_price_or_stock_change() {
    let app = spawn_app().await;
    add_category(&app, "bricolage", "Bricolage").await;
    let (seller, _, offer_id) =
        stocked_shop(&app, "a@halles.test", "outils-a", 10_000, 990, 3).await;
    let search = || async {
        let found: ProductSearchResponse = app
            .client()
            .get("/products?q=perceu")
            .await
            .expect("search");
        found
    };
    let card = search().await.items.remove(0);
    let best_total =
        |found: &ProductSearchResponse| found.items[0].best_offer.as_ref().map(|b| b.total_cents);
    assert_eq!(
        best_total(&search().await),
        Some(10_990),
        "asked twice: reused"
    );
    let product = || async {
        let page: ProductResponse = app
            .client()
            .get(&format!("/products/{}", card.id))
            .await
            .expect("product");
        page.product.offers[0].clone()
    };
    assert_eq!(product().await.available, 3);

    let _: Value = seller
        .call(
            Method::PATCH,
            &format!("/seller/offers/{offer_id}"),
            &drill(9_000, 990),
        )
        .await
        .expect("price changed");
    assert_eq!(
        best_total(&search().await),
        Some(9_990),
        "the new price is searched"
    );
    assert_eq!(
        product().await.price_cents,
        9_000,
        "and shown on the product"
    );

    let location_id = product().await.pickup_stores[0].id.clone();
    let set_stock = |units: i64| {
        seller
            .raw(
                Method::PUT,
                &format!("/api/v1/seller/offers/{offer_id}/stock"),
            )
            .json(&StockRequest::level(location_id.clone(), units))
    };
    seller.send_empty(set_stock(1)).await.expect("stock set");
    assert_eq!(product().await.available, 1, "stock is read for every page");
    seller.send_empty(set_stock(0)).await.expect("sold out");
    assert_eq!(
        search().await.total,
        0,
        "a sold-out product leaves the search at once"
    );
}

#[tokio::test]
async fn search_folds_accents_filters_and_sorts() {
    let app = spawn_app().await;
    add_category(&app, "bricolage", "Bricolage").await;
    stocked_shop(&app, "c@halles.test", "outils-c", 4_000, 0, 1).await;
    let accents: ProductSearchResponse = app
        .client()
        .get("/products?q=PERCÉUSE%20visseuse")
        .await
        .expect("search");
    assert_eq!(accents.total, 1);
    let none: ProductSearchResponse = app
        .client()
        .get("/products?q=tondeuse")
        .await
        .expect("search");
    assert_eq!(none.total, 0);
    let too_cheap: ProductSearchResponse = app
        .client()
        .get("/products?max_price_cents=1000")
        .await
        .expect("search");
    assert_eq!(too_cheap.total, 0);
    let near: ProductSearchResponse = app
        .client()
        .get("/products?pickup_postcode=75011")
        .await
        .expect("search");
    assert_eq!(near.total, 1);
    let far: ProductSearchResponse = app
        .client()
        .get("/products?pickup_postcode=69001")
        .await
        .expect("search");
    assert_eq!(far.total, 0);
    for (query, field) in [
        ("sort=cheapest", "sort"),
        ("page=0", "page"),
        ("condition=mint", "condition"),
        ("pickup_postcode=75", "pickup_postcode"),
    ] {
        expect_api_error(
            app.client()
                .get::<Value>(&format!("/products?{query}"))
                .await,
            422,
            Some(field),
        );
    }
}

#[tokio::test]
async fn a_seller_never_reaches_another_shops_offers_or_locations() {
    let app = spawn_app().await;
    add_category(&app, "bricolage", "Bricolage").await;
    let (_, _, offer_a) = stocked_shop(&app, "owner@halles.test", "chez-a", 5_000, 0, 1).await;
    let (intruder, _) = open_shop(&app, "intruder@halles.test", "chez-b").await;
    let own_location: LocationResponse = intruder
        .post("/seller/locations", &store("B", "75002"))
        .await
        .expect("location");

    expect_api_error(
        intruder.get(&format!("/seller/offers/{offer_a}")).await,
        404,
        None,
    );
    expect_api_error(
        intruder
            .call(
                Method::PATCH,
                &format!("/seller/offers/{offer_a}"),
                &drill(1, 0),
            )
            .await,
        404,
        None,
    );
    expect_api_error(
        intruder
            .call(
                Method::DELETE,
                &format!("/seller/offers/{offer_a}"),
                &json!({}),
            )
            .await,
        404,
        None,
    );
    let stock = StockRequest::level(own_location.location.id, 0);
    expect_api_error(
        intruder
            .call(
                Method::PUT,
                &format!("/seller/offers/{offer_a}/stock"),
                &stock,
            )
            .await,
        404,
        None,
    );
    let listed: Value = intruder.get("/seller/offers").await.expect("own list");
    assert_eq!(listed["total"], 0);
}

#[tokio::test]
async fn selling_needs_a_shop_and_a_login() {
    let app = spawn_app().await;
    let shopper = logged_in(&app, "just-shopping@halles.test").await;
    expect_api_error(shopper.get("/seller/offers").await, 403, None);
    expect_api_error(app.client().get("/seller/offers").await, 401, None);
}

#[tokio::test]
async fn robots_and_the_sitemap_point_crawlers_at_public_pages() {
    let app = spawn_app().await;
    add_category(&app, "bricolage", "Bricolage").await;
    let (_, _, _) = stocked_shop(&app, "seo@halles.test", "outils-seo", 5_000, 0, 1).await;
    let robots = reqwest::get(app.url("/robots.txt"))
        .await
        .expect("sent")
        .text()
        .await
        .expect("text");
    assert!(robots.contains("Disallow: /account"));
    assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", app.address)));
    let sitemap = reqwest::get(app.url("/sitemap.xml")).await.expect("sent");
    assert_eq!(
        sitemap.headers()["content-type"],
        "application/xml; charset=utf-8"
    );
    let xml = sitemap.text().await.expect("text");
    assert!(xml.contains("/shops/outils-seo</loc>"));
    assert!(xml.contains("/categories/bricolage</loc>"));
    assert!(xml.contains("/perceuse-visseuse-sans-fil-18-v</loc>"));
}

#[tokio::test]
async fn staff_edit_their_shop_and_bad_values_name_the_field() {
    let app = spawn_app().await;
    let (client, _) = open_shop(&app, "edit@halles.test", "a-editer").await;
    let edited: SellerShopResponse = client
        .call(Method::PATCH, "/seller/shop", &json!({"banner_color": "#AA3300", "free_shipping_threshold_cents": 5000, "return_policy": "30 jours"}))
        .await
        .expect("edited");
    assert_eq!(edited.shop.banner_color, "#aa3300");
    assert_eq!(edited.shop.free_shipping_threshold_cents, Some(5000));
    let cleared: SellerShopResponse = client
        .call(
            Method::PATCH,
            "/seller/shop",
            &json!({"free_shipping_threshold_cents": null}),
        )
        .await
        .expect("cleared");
    assert_eq!(cleared.shop.free_shipping_threshold_cents, None);
    assert_eq!(
        cleared.shop.return_policy, "30 jours",
        "absent fields are kept"
    );
    expect_api_error(
        client
            .call(
                Method::PATCH,
                "/seller/shop",
                &json!({"banner_color": "red"}),
            )
            .await,
        422,
        Some("banner_color"),
    );
}

#[tokio::test]
async fn sellers_upload_sniffed_images_and_everyone_else_sees_a_placeholder() {
    let app = spawn_app().await;
    add_category(&app, "bricolage", "Bricolage").await;
    let (seller, _, offer_id) =
        stocked_shop(&app, "img@halles.test", "images-a", 5_000, 0, 1).await;
    let product: SellerOfferResponse = seller
        .get(&format!("/seller/offers/{offer_id}"))
        .await
        .expect("offer");
    let image_url = app.url(&format!("/images/products/{}", product.offer.product_id));

    let placeholder = reqwest::get(&image_url).await.expect("sent");
    assert_eq!(placeholder.headers()["content-type"], "image/svg+xml");

    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let upload = seller
        .raw(
            Method::PUT,
            &format!("/api/v1/seller/offers/{offer_id}/image"),
        )
        .header("content-type", "image/png")
        .body(png.clone());
    let answer: Value = seller.send(upload).await.expect("uploaded");
    assert_eq!(
        answer["image_url"],
        format!("/images/products/{}", product.offer.product_id)
    );
    let served = reqwest::get(&image_url).await.expect("sent");
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    assert_eq!(served.bytes().await.expect("bytes").to_vec(), png);

    let script = seller
        .raw(
            Method::PUT,
            &format!("/api/v1/seller/offers/{offer_id}/image"),
        )
        .body("<svg onload=alert(1)>");
    match seller.send_empty(script).await {
        Err(ApiError::Api { status, body }) => {
            assert_eq!((status, body.error.field.as_deref()), (415, Some("image")))
        }
        other => panic!("expected 415, got {other:?}"),
    }
    let (intruder, _) = open_shop(&app, "img-b@halles.test", "images-b").await;
    let stranger = intruder
        .raw(
            Method::PUT,
            &format!("/api/v1/seller/offers/{offer_id}/image"),
        )
        .body(png);
    assert!(matches!(
        intruder.send_empty(stranger).await,
        Err(ApiError::Api { status: 404, .. })
    ));
}
