//! Click & collect near the shopper (issue 5): a product's pickup stores nearest first
//! with their distance and readiness (`GET /products/{id}?near=` or `?lat=&lon=`), only
//! stores that hold it now, a 422 naming `near` for a bad postcode, the product page's
//! "Retrait en magasin" block, and a pickup store out of stock at checkout answered with
//! the shop's stores that have the quantity.

use admin_tui::client::{ApiClient, Method};
use api_types::buying::{CheckoutRequest, FulfilmentChoice, OrderResponse};
use api_types::catalog::{PickupStore, ProductResponse};
use api_types::selling::{LocationRequest, LocationResponse, OfferRequest, SellerOfferResponse};
use reqwest::header::LOCATION;
use serde_json::Value;
use tests::{TestApp, add_category, csrf_in, logged_in, spawn_app};

use crate::market::{Shop, add_to_cart, assert_invariants, open_shop, stock, stock_row};
use crate::wallet::{page, shopper};

/// One shop selling a teapot from several places. Its `open_shop` store (Boutique Rivoli,
/// Paris 1er, 60 min) holds 2; Bastille (Paris 11e, 30 min) 5; Part-Dieu (Lyon 3e,
/// 120 min) 2; Vieux-Lille 0; a Marais store that serves no pickups 9; the warehouse 10.
pub(crate) struct Teapot {
    pub(crate) shop: Shop,
    pub(crate) offer_id: String,
    pub(crate) product_id: String,
    pub(crate) slug: String,
    pub(crate) bastille: String,
    pub(crate) lyon: String,
}

async fn add_store(
    shop: &Shop,
    name: &str,
    postcode: &str,
    city: &str,
    pickup: bool,
    preparation_minutes: u32,
) -> String {
    let created: LocationResponse = shop
        .staff
        .post(
            "/seller/locations",
            &LocationRequest {
                name: name.into(),
                kind: "store".into(),
                address: "1 place du Marché".into(),
                postcode: postcode.into(),
                city: city.into(),
                pickup,
                latitude: None,
                longitude: None,
                opening_hours: "Mar–Sam 10h–19h".into(),
                preparation_minutes: Some(preparation_minutes),
            },
        )
        .await
        .expect("store created");
    created.location.id
}

pub(crate) async fn teapot(app: &TestApp) -> Teapot {
    add_category(app, "maison", "Maison").await;
    let shop = open_shop(app, "the-des-halles").await;
    let offer: SellerOfferResponse = shop
        .staff
        .post(
            "/seller/offers",
            &OfferRequest {
                gtin: "5901234123457".into(),
                title: "Théière en fonte".into(),
                price_cents: 2500,
                condition: "new".into(),
                description: String::new(),
                category: "maison".into(),
                brand: "Test".into(),
                delivery_price_cents: 490,
                delivery_days: Some(2),
                status: None,
            },
        )
        .await
        .expect("offer created");
    let offer_id = offer.offer.id;
    let bastille = add_store(&shop, "Bastille", "75011", "Paris", true, 30).await;
    let lyon = add_store(&shop, "Part-Dieu", "69003", "Lyon", true, 120).await;
    let lille = add_store(&shop, "Vieux-Lille", "59000", "Lille", true, 60).await;
    let marais = add_store(&shop, "Marais", "75004", "Paris", false, 60).await;
    for (location, units) in [
        (&shop.store_id, 2),
        (&bastille, 5),
        (&lyon, 2),
        (&lille, 0),
        (&marais, 9),
        (&shop.warehouse_id, 10),
    ] {
        stock(&shop, &offer_id, location, units).await;
    }
    let product_id = offer.offer.product_id;
    let found: ProductResponse = app
        .client()
        .get(&format!("/products/{product_id}"))
        .await
        .expect("the product");
    Teapot {
        shop,
        offer_id,
        product_id,
        slug: found.product.slug,
        bastille,
        lyon,
    }
}

/// The pickup stores of the product's only offer, as the API lists them for `query`.
async fn pickup_stores(app: &TestApp, product_id: &str, query: &str) -> Vec<PickupStore> {
    let found: ProductResponse = app
        .client()
        .get(&format!("/products/{product_id}{query}"))
        .await
        .unwrap_or_else(|err| panic!("{query}: {err}"));
    assert_eq!(found.product.offers.len(), 1);
    found.product.offers[0].pickup_stores.clone()
}

/// A GET of the JSON API as raw JSON: status and body.
pub(crate) async fn raw_get(app: &TestApp, path: &str) -> (u16, Value) {
    let response = app
        .browser()
        .get(app.url(&format!("/api/v1{path}")))
        .send()
        .await
        .expect("sent");
    let status = response.status().as_u16();
    (status, response.json().await.expect("a JSON body"))
}

/// The product page's pickup block, with apostrophes unescaped.
fn pickup_block(html: &str) -> String {
    let start = html
        .find("id=\"pickup\"")
        .expect("the pickup block on the page");
    let end = start + html[start..].find("</section>").expect("the block's end");
    html[start..end]
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
}

fn has_one_decimal(km: f64) -> bool {
    ((km * 10.0).round() - km * 10.0).abs() < 1e-9
}

#[tokio::test]
async fn pickup_stores_come_nearest_first_with_their_distance_and_readiness() {
    let app = spawn_app().await;
    let t = teapot(&app).await;

    let near_bastille = pickup_stores(&app, &t.product_id, "?near=75011").await;
    let names: Vec<&str> = near_bastille.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Bastille", "Boutique Rivoli", "Part-Dieu"]);
    let km: Vec<f64> = near_bastille
        .iter()
        .map(|s| s.distance_km.expect("a distance for every store"))
        .collect();
    assert_eq!(km[0], 0.0, "the store in the postcode itself");
    assert!(
        km[1] > 1.0 && km[1] < 5.0,
        "Paris 1er from Paris 11e: {}",
        km[1]
    );
    assert!(km[2] > 380.0 && km[2] < 420.0, "Lyon from Paris: {}", km[2]);
    assert!(km.iter().all(|km| has_one_decimal(*km)), "{km:?}");
    let ready: Vec<u32> = near_bastille.iter().map(|s| s.ready_in_minutes).collect();
    assert_eq!(ready, [30, 60, 120], "each store's preparation time");

    let near_lyon = pickup_stores(&app, &t.product_id, "?near=69002").await;
    assert_eq!(near_lyon[0].id, t.lyon, "from Lyon, Lyon first");
    let located = pickup_stores(&app, &t.product_id, "?lat=45.764&lon=4.836").await;
    assert_eq!(
        located.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        near_lyon.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        "the browser's location ranks like a postcode there"
    );

    let unranked = pickup_stores(&app, &t.product_id, "").await;
    let names: Vec<&str> = unranked.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["Part-Dieu", "Bastille", "Boutique Rivoli"],
        "without a place: by city, then name, as before"
    );
    assert!(unranked.iter().all(|s| s.distance_km.is_none()));
    let (_, json) = raw_get(&app, &format!("/products/{}", t.product_id)).await;
    let first = &json["product"]["offers"][0]["pickup_stores"][0];
    assert_eq!(first["distance_km"], Value::Null);
    assert_eq!(first["ready_in_minutes"], 120);
}

#[tokio::test]
async fn only_pickup_stores_that_hold_the_item_now_are_listed() {
    let app = spawn_app().await;
    let t = teapot(&app).await;
    let listed = pickup_stores(&app, &t.product_id, "?near=75001").await;
    let names: Vec<&str> = listed.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["Boutique Rivoli", "Bastille", "Part-Dieu"],
        "not Lille (none left), not the Marais (no pickups), not the warehouse"
    );
    assert_eq!(
        listed.iter().map(|s| s.available).collect::<Vec<_>>(),
        [2, 5, 2]
    );

    // Units held by someone else's checkout are not on the shelf either.
    let buyer = logged_in(&app, "first@shoppers.test").await;
    add_to_cart(&buyer, &t.offer_id, 2).await;
    let _: OrderResponse = buyer
        .post(
            "/checkout",
            &pickup_at(&t.shop.id, &t.shop.store_id, "hosted_page"),
        )
        .await
        .expect("held, waiting for payment");
    assert_eq!(stock_row(&app, &t.offer_id, &t.shop.store_id).await, (2, 2));
    let listed = pickup_stores(&app, &t.product_id, "?near=75001").await;
    assert!(
        listed.iter().all(|s| s.id != t.shop.store_id),
        "Rivoli's last units are reserved"
    );
}

#[tokio::test]
async fn a_place_that_does_not_parse_is_a_422_naming_it() {
    let app = spawn_app().await;
    let t = teapot(&app).await;
    for (query, field) in [
        ("?near=7501", "near"),
        ("?near=99999", "near"),
        ("?near=paris", "near"),
        ("?lat=48.85", "lon"),
        ("?lon=2.35", "lat"),
        ("?lat=91&lon=2", "lat"),
        ("?lat=48.8&lon=east", "lon"),
        ("?near=75011&lat=NaN&lon=2", "lat"),
    ] {
        let (status, json) = raw_get(&app, &format!("/products/{}{query}", t.product_id)).await;
        assert_eq!(status, 422, "{query}");
        assert_eq!(json["error"]["code"], "invalid_parameter", "{query}");
        assert_eq!(json["error"]["field"], field, "{query}");
        assert!(
            json["error"].get("suggestions").is_none(),
            "no suggestions on other errors: {json}"
        );
    }
    let (status, _) = raw_get(&app, &format!("/products/{}?near=", t.product_id)).await;
    assert_eq!(status, 200, "an empty postcode is no place");
}

fn pickup_at(shop_id: &str, store_id: &str, payment_method: &str) -> CheckoutRequest {
    CheckoutRequest {
        fulfilments: vec![FulfilmentChoice {
            shop_id: shop_id.to_owned(),
            method: "pickup".into(),
            address: None,
            store_id: Some(store_id.to_owned()),
        }],
        payment_method: payment_method.into(),
        use_cashback_cents: None,
        discount_code: None,
    }
}

async fn checkout(client: &ApiClient, request: &CheckoutRequest) -> admin_tui::client::ApiError {
    client
        .post::<_, OrderResponse>("/checkout", request)
        .await
        .expect_err("refused")
}

#[tokio::test]
async fn a_store_without_enough_stock_is_refused_with_the_stores_that_have_it() {
    let app = spawn_app().await;
    let t = teapot(&app).await;
    let shopper = logged_in(&app, "collect@shoppers.test").await;
    add_to_cart(&shopper, &t.offer_id, 3).await;

    let err = checkout(
        &shopper,
        &pickup_at(&t.shop.id, &t.shop.store_id, "pm_card_visa"),
    )
    .await;
    assert_eq!(
        (err.status(), err.code(), err.field()),
        (Some(409), Some("out_of_stock"), Some("offer_id")),
        "the envelope's fields are as before"
    );
    let admin_tui::client::ApiError::Api { body, .. } = &err else {
        panic!("an API error: {err}");
    };
    let suggestions = body
        .error
        .suggestions
        .as_ref()
        .expect("suggestions on a pickup store's out_of_stock");
    let named: Vec<(&str, &str, &str, u32)> = suggestions
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str(), s.city.as_str(), s.available))
        .collect();
    assert_eq!(
        named,
        [(t.bastille.as_str(), "Bastille", "Paris", 5)],
        "only Bastille has 3 (Lyon has 2, Lille none, the Marais serves no pickups)"
    );

    // Two units: Rivoli has them, and Bastille and Lyon would too, nearest to Rivoli first.
    let fewer = logged_in(&app, "fewer@shoppers.test").await;
    add_to_cart(&fewer, &t.offer_id, 3).await;
    let refused = checkout(&fewer, &pickup_at(&t.shop.id, &t.lyon, "pm_card_visa")).await;
    let admin_tui::client::ApiError::Api { body, .. } = &refused else {
        panic!("an API error: {refused}");
    };
    let ids: Vec<&str> = body
        .error
        .suggestions
        .iter()
        .flatten()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, [t.bastille.as_str()], "from Lyon, still only Bastille");

    let ok: OrderResponse = shopper
        .post(
            "/checkout",
            &pickup_at(&t.shop.id, &t.bastille, "pm_card_visa"),
        )
        .await
        .expect("the suggested store serves it");
    assert_eq!(ok.order.seller_orders[0].fulfilment.method, "pickup");
    assert_eq!(stock_row(&app, &t.offer_id, &t.bastille).await, (2, 0));
    assert_eq!(
        stock_row(&app, &t.offer_id, &t.shop.store_id).await,
        (2, 0),
        "nothing left reserved at the refused store"
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn the_suggestions_are_nearest_to_the_refused_store_first() {
    let app = spawn_app().await;
    let t = teapot(&app).await;
    stock(&t.shop, &t.offer_id, &t.lyon, 6).await;
    let shopper = logged_in(&app, "order@shoppers.test").await;
    add_to_cart(&shopper, &t.offer_id, 3).await;
    let (status, json) = {
        let response = shopper
            .raw(Method::POST, "/api/v1/checkout")
            .json(&pickup_at(&t.shop.id, &t.shop.store_id, "pm_card_visa"))
            .send()
            .await
            .expect("sent");
        let status = response.status().as_u16();
        (status, response.json::<Value>().await.expect("JSON"))
    };
    assert_eq!(status, 409);
    let error = &json["error"];
    assert_eq!(error["code"], "out_of_stock");
    assert_eq!(error["field"], "offer_id");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("at this store"))
    );
    let ids: Vec<&str> = error["suggestions"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| s["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(ids, [t.bastille.as_str(), t.lyon.as_str()]);
    assert_eq!(error["suggestions"][1]["available"], 6);
    assert_eq!(error["suggestions"][1]["postcode"], "69003");
}

#[tokio::test]
async fn the_product_page_lists_the_nearest_stores_with_their_distance() {
    let app = spawn_app().await;
    let t = teapot(&app).await;
    let canonical = format!("/products/{}/{}", t.product_id, t.slug);
    let browser = app.browser();

    let (status, html) = page(&browser, &app, &format!("{canonical}?near=75011")).await;
    assert_eq!(status, 200);
    let block = pickup_block(&html);
    assert!(block.contains("Retrait en magasin"));
    assert!(block.contains("name=\"near\"") && block.contains("value=\"75011\""));
    assert!(block.contains("Les magasins les plus proches de 75011"));
    let rivoli_km = pickup_stores(&app, &t.product_id, "?near=75011").await[1]
        .distance_km
        .expect("a distance");
    let rivoli = format!("à {}\u{a0}km", format!("{rivoli_km:.1}").replace('.', ","));
    assert!(block.contains(&rivoli), "{rivoli} on the page");
    assert!(block.contains("à 0,0\u{a0}km"), "Bastille itself");
    assert!(block.contains("prêt en 30\u{a0}min") && block.contains("prêt en 1\u{a0}h"));
    assert!(block.contains("Mar–Sam 10h–19h"));
    let bastille_at = block.find(">Bastille<").expect("Bastille listed");
    let rivoli_at = block.find(">Boutique Rivoli<").expect("Rivoli listed");
    assert!(bastille_at < rivoli_at, "nearest first");
    assert!(!block.contains("Part-Dieu"), "Lyon is not near Paris");

    // Another browser: `?lang=en` sticks to the one that asks.
    let (_, english) = page(
        &app.browser(),
        &app,
        &format!("{canonical}?near=75011&lang=en"),
    )
    .await;
    let block = pickup_block(&english);
    assert!(block.contains("Pick up in store") && block.contains("The nearest stores to 75011"));
    assert!(block.contains(&format!("{rivoli_km:.1}\u{a0}km away")));

    let (status, empty) = page(&browser, &app, &format!("{canonical}?near=13001")).await;
    assert_eq!(status, 200);
    assert!(
        pickup_block(&empty).contains(
            "Aucun magasin près de 13001 ne l'a en ce moment — la livraison est possible."
        ),
        "the empty state"
    );

    let (status, bad) = page(&browser, &app, &format!("{canonical}?near=7501")).await;
    assert_eq!(status, 200, "the page still shows");
    let block = pickup_block(&bad);
    assert!(block.contains("« 7501 » n'est pas un code postal français"));
    assert!(block.contains("aria-invalid=\"true\""));

    let (_, unasked) = page(&browser, &app, &canonical).await;
    assert!(pickup_block(&unasked).contains("En stock maintenant dans 3 magasins."));

    let moved = browser
        .get(app.url(&format!("/products/{}?near=75011", t.product_id)))
        .send()
        .await
        .expect("sent");
    assert_eq!(moved.status().as_u16(), 301);
    assert_eq!(
        moved.headers()[LOCATION],
        format!("{canonical}?near=75011").as_str(),
        "the bare address keeps the place"
    );
}

#[tokio::test]
async fn the_web_checkout_names_the_stores_that_have_it() {
    let app = spawn_app().await;
    let t = teapot(&app).await;
    let (api, browser) = shopper(&app, "web-collect@shoppers.test").await;
    add_to_cart(&api, &t.offer_id, 3).await;
    let (_, form) = page(&browser, &app, "/checkout").await;
    let method = format!("method.{}", t.shop.id);
    let store = format!("store.{}", t.shop.id);
    let posted = browser
        .post(app.url("/checkout"))
        .form(&[
            ("csrf", csrf_in(&form).as_str()),
            (method.as_str(), "pickup"),
            (store.as_str(), t.shop.store_id.as_str()),
            ("intent", "pay"),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(posted.status().as_u16(), 303);
    assert_eq!(posted.headers()[LOCATION], "/checkout");
    let (_, refused) = page(&browser, &app, "/checkout").await;
    let refused = refused.replace("&#x27;", "'");
    assert!(refused.contains("Il n'y a pas assez de stock pour cette quantité."));
    assert!(
        refused.contains("Ces magasins l'ont en quantité suffisante : Bastille (Paris 11e)."),
        "the suggestion"
    );
}
