//! The catalog pages as a browser without JavaScript sees them: search with facets, a
//! category, a product with its canonical address and JSON-LD, an e-shop with its
//! stores, and the 404s and bad parameters in between.

use admin_tui::client::Method;
use api_types::catalog::ProductSearchResponse;
use api_types::selling::{
    CreateShopRequest, LocationRequest, LocationResponse, OfferRequest, SellerOfferResponse,
    SellerShopResponse, StockRequest,
};
use reqwest::header::LOCATION;
use serde_json::Value;
use tests::{TestApp, add_category, approve_shop, logged_in, spawn_app};

/// An approved shop `outils-rivoli` with a store in Paris 1er holding 5 drills at 99,00 €
/// + 5,90 € delivery; returns the product id.
async fn drill_on_sale(app: &TestApp) -> String {
    add_category(app, "bricolage", "Bricolage").await;
    let client = logged_in(app, "seller@halles.test").await;
    let shop: SellerShopResponse = client
        .post(
            "/seller/shop",
            &CreateShopRequest {
                name: "Outils Rivoli".into(),
                slug: "outils-rivoli".into(),
                description: "La quincaillerie du quartier.".into(),
            },
        )
        .await
        .expect("shop created");
    let location: LocationResponse = client
        .post(
            "/seller/locations",
            &LocationRequest {
                name: "Rivoli".into(),
                kind: "store".into(),
                address: "1 rue de Rivoli".into(),
                postcode: "75001".into(),
                city: "Paris".into(),
                pickup: true,
                latitude: None,
                longitude: None,
                opening_hours: "Lun–Sam 9h–19h".into(),
                preparation_minutes: Some(120),
            },
        )
        .await
        .expect("store created");
    let offer: SellerOfferResponse = client
        .post(
            "/seller/offers",
            &OfferRequest {
                gtin: "4006381333931".into(),
                title: "Perceuse-visseuse sans fil 18 V".into(),
                price_cents: 9_900,
                condition: "new".into(),
                description: "Deux batteries, coffret.".into(),
                category: "bricolage".into(),
                brand: "Makita".into(),
                delivery_price_cents: 590,
                delivery_days: Some(2),
                status: None,
            },
        )
        .await
        .expect("offer created");
    let stock = client
        .raw(
            Method::PUT,
            &format!("/api/v1/seller/offers/{}/stock", offer.offer.id),
        )
        .json(&StockRequest::level(location.location.id, 5));
    client.send_empty(stock).await.expect("stock set");
    approve_shop(app, &shop.shop.id).await;
    let found: ProductSearchResponse = app
        .client()
        .get("/products?q=perceuse")
        .await
        .expect("search");
    found.items[0].id.clone()
}

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.browser().get(app.url(path)).send().await.expect("sent");
    (
        response.status().as_u16(),
        response.text().await.expect("body"),
    )
}

#[tokio::test]
async fn the_search_page_lists_the_product_with_its_offer_and_facets() {
    let app = spawn_app().await;
    drill_on_sale(&app).await;
    let (status, html) = page(&app, "/search?q=perceuse").await;
    assert_eq!(status, 200);
    assert!(html.contains("Perceuse-visseuse sans fil 18 V"));
    assert!(html.contains("104,90\u{a0}€"), "total with delivery");
    assert!(html.contains("Outils Rivoli"));
    assert!(html.contains("1 produit"));
    assert!(
        html.contains("/search?q=perceuse&amp;condition=new"),
        "condition facet link"
    );
    assert!(
        html.contains("/search?q=perceuse&amp;shop=outils-rivoli"),
        "shop facet link"
    );
    assert!(
        html.contains("/search?q=perceuse&amp;category=bricolage"),
        "category facet link"
    );
    assert!(html.contains("name=\"pickup_postcode\""));

    let (_, english) = page(&app, "/search?q=perceuse&lang=en").await;
    assert!(english.contains("€104.90"));
    let (status, none) = page(&app, "/search?q=tondeuse").await;
    assert_eq!(status, 200);
    assert!(none.contains("Aucun résultat pour"));
}

#[tokio::test]
async fn a_bad_search_parameter_is_explained_not_a_crash() {
    let app = spawn_app().await;
    let (status, html) = page(&app, "/search?q=vis&sort=xyz").await;
    assert_eq!(status, 400);
    assert!(html.contains("Ce tri n'existe pas") || html.contains("Ce tri n&#x27;existe pas"));
    assert!(html.contains("class=\"site-header\""));
}

#[tokio::test]
async fn a_category_page_lists_its_products_and_unknown_ones_are_404() {
    let app = spawn_app().await;
    drill_on_sale(&app).await;
    let (status, html) = page(&app, "/categories/bricolage").await;
    assert_eq!(status, 200);
    assert!(html.contains("<title>Bricolage · Halles</title>"));
    assert!(html.contains("Perceuse-visseuse sans fil 18 V"));
    let (status, html) = page(&app, "/categories/nulle-part").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page introuvable"));
}

#[tokio::test]
async fn a_bare_product_address_moves_permanently_to_the_canonical_one() {
    let app = spawn_app().await;
    let id = drill_on_sale(&app).await;
    let canonical = format!("/products/{id}/perceuse-visseuse-sans-fil-18-v");
    for path in [
        format!("/products/{id}"),
        format!("/products/{id}/old-slug"),
    ] {
        let response = app
            .browser()
            .get(app.url(&path))
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status().as_u16(), 301, "{path}");
        assert_eq!(
            response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok()),
            Some(canonical.as_str())
        );
    }
    let (status, html) = page(&app, &canonical).await;
    assert_eq!(status, 200);
    assert!(html.contains("<title>Perceuse-visseuse sans fil 18 V · Halles</title>"));
    assert!(html.contains(&format!("href=\"{canonical}\" rel=\"canonical\"")));
    assert!(html.contains("Livraison 5,90\u{a0}€ · 2\u{a0}j"));
    assert!(html.contains("Retrait gratuit dans 1 magasin"));
    assert!(html.contains("Rivoli (Paris 1er)"));
    assert!(html.contains("prêt en 2\u{a0}h"));
}

#[tokio::test]
async fn an_unknown_product_is_a_404_page() {
    let app = spawn_app().await;
    let (status, html) = page(&app, "/products/no-such-product").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page introuvable"));
    let (status, _) = page(&app, "/products/no-such-product/some-slug").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_product_page_describes_the_product_in_valid_json_ld() {
    let app = spawn_app().await;
    let id = drill_on_sale(&app).await;
    let (_, html) = page(
        &app,
        &format!("/products/{id}/perceuse-visseuse-sans-fil-18-v"),
    )
    .await;
    let marker = "<script type=\"application/ld+json\">";
    let start = html.find(marker).expect("a JSON-LD script") + marker.len();
    let end = start + html[start..].find("</script>").expect("closed");
    let doc: Value = serde_json::from_str(&html[start..end]).expect("valid JSON");
    assert_eq!(doc["@type"], "Product");
    assert_eq!(doc["name"], "Perceuse-visseuse sans fil 18 V");
    assert_eq!(doc["gtin13"], "4006381333931");
    assert_eq!(doc["brand"]["name"], "Makita");
    let offer = &doc["offers"]["offers"][0];
    assert_eq!(offer["price"], "99.00");
    assert_eq!(offer["priceCurrency"], "EUR");
    assert_eq!(offer["availability"], "https://schema.org/InStock");
    assert_eq!(offer["seller"]["name"], "Outils Rivoli");
}

#[tokio::test]
async fn the_e_shop_page_shows_its_policies_stores_and_offers() {
    let app = spawn_app().await;
    drill_on_sale(&app).await;
    let (status, html) = page(&app, "/shops/outils-rivoli").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Outils Rivoli</h1>"));
    assert!(html.contains("1 rue de Rivoli"));
    assert!(html.contains("75001 Paris"));
    assert!(html.contains("Lun–Sam 9h–19h"));
    assert!(html.contains("Retrait en magasin"));
    assert!(html.contains("Perceuse-visseuse sans fil 18 V"));
    let (status, html) = page(&app, "/shops/outils-rivoli?q=tondeuse").await;
    assert_eq!(status, 200);
    assert!(html.contains("Aucun résultat pour"));

    let (status, _) = page(&app, "/shops/nulle-part").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_shop_awaiting_approval_has_no_public_page() {
    let app = spawn_app().await;
    let client = logged_in(&app, "new@halles.test").await;
    let _: SellerShopResponse = client
        .post(
            "/seller/shop",
            &CreateShopRequest {
                name: "Pas encore".into(),
                slug: "pas-encore".into(),
                description: String::new(),
            },
        )
        .await
        .expect("shop created");
    let (status, html) = page(&app, "/shops/pas-encore").await;
    assert_eq!(status, 404);
    assert!(!html.contains("Pas encore"));
}

#[tokio::test]
async fn the_home_page_shows_categories_new_offers_and_shops() {
    let app = spawn_app().await;
    drill_on_sale(&app).await;
    let (status, html) = page(&app, "/").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/categories/bricolage\""));
    assert!(html.contains("Perceuse-visseuse sans fil 18 V"));
    assert!(html.contains("href=\"/shops/outils-rivoli\""));
}

#[tokio::test]
async fn a_member_finds_the_products_they_viewed_on_the_home_page() {
    let app = spawn_app().await;
    let id = drill_on_sale(&app).await;
    let password = tests::signed_up(&app, "curieux@halles.test").await;
    let browser = app.browser();
    let login_page = browser
        .get(app.url("/login"))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("html");
    let csrf = tests::csrf_in(&login_page);
    browser
        .post(app.url("/login"))
        .form(&[
            ("email", "curieux@halles.test"),
            ("password", password.as_str()),
            ("csrf", csrf.as_str()),
        ])
        .send()
        .await
        .expect("logged in");
    let before = browser
        .get(app.url("/"))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("html");
    assert!(!before.contains("Vus récemment"), "nothing viewed yet");
    let product = browser
        .get(app.url(&format!("/products/{id}/perceuse-visseuse-sans-fil-18-v")))
        .send()
        .await
        .expect("sent");
    assert_eq!(product.status().as_u16(), 200);
    let after = browser
        .get(app.url("/"))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("html");
    assert!(
        after.contains("Vus récemment"),
        "the viewed product is remembered"
    );
    let visitor = page(&app, "/").await.1;
    assert!(
        !visitor.contains("Vus récemment"),
        "visitors have no history"
    );
}
