//! Text that is code in another language — SQL, HTML, a script closing its own tag — is
//! stored exactly as typed and shown as text on every page that shows it.

use admin_tui::client::Method;
use api_types::catalog::ProductResponse;
use api_types::selling::{OfferRequest, SellerOfferResponse};
use serde_json::json;

use super::Cast;
use crate::market::stock;

const SCRIPT: &str = "<script>alert(\"halles\")</script>";
const IMAGE: &str = "<img src=x onerror=alert(1)>";
const SQL: &str = "Robert'); DROP TABLE offers;--";
const BREAKOUT: &str = "</title></script><script>alert(2)</script>";
const ATTRIBUTE: &str = "\" onmouseover=\"alert(3)";

/// Attributes that would run a script, found inside a real tag of `html` (text is
/// escaped, so every `<` left in the page opens a tag the page meant).
fn handlers_in_tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| rest.split('>').next())
        // Quoted attribute values are text; what is left are the attributes' names.
        .filter(|tag| {
            let names: String = tag.split('"').step_by(2).collect();
            names.contains("onmouseover=") || names.contains("onerror=")
        })
        .map(|tag| tag.chars().take(120).collect())
        .collect()
}

#[tokio::test]
async fn code_in_text_fields_is_stored_as_typed_and_shown_inert() {
    let cast = Cast::assemble().await;
    let staff = &cast.market.shop_a.staff;
    let title = format!("Lampe {SQL} {BREAKOUT}");
    let description = format!("{SCRIPT} {IMAGE} {ATTRIBUTE}");
    let created: SellerOfferResponse = staff
        .post(
            "/seller/offers",
            &OfferRequest {
                gtin: "0012345678905".into(),
                title: title.clone(),
                price_cents: 1990,
                condition: "new".into(),
                description: description.clone(),
                category: "maison".into(),
                brand: SCRIPT.into(),
                delivery_price_cents: 0,
                delivery_days: Some(2),
                status: None,
            },
        )
        .await
        .expect("an offer with code in its text");
    stock(
        &cast.market.shop_a,
        &created.offer.id,
        &cast.market.shop_a.warehouse_id,
        3,
    )
    .await;
    let _: serde_json::Value = staff
        .call(
            Method::PATCH,
            "/seller/shop",
            &json!({"description": format!("{SCRIPT} {ATTRIBUTE}"), "return_policy": IMAGE}),
        )
        .await
        .expect("a shop with code in its text");

    let product_id = created.offer.product_id.clone();
    let product: ProductResponse = cast
        .shopper
        .get(&format!("/products/{product_id}"))
        .await
        .expect("the product");
    assert_eq!(product.product.title, title, "stored as typed");
    assert_eq!(product.product.brand, SCRIPT);
    assert_eq!(product.product.offers[0].description, description);
    let found: serde_json::Value = cast
        .shopper
        .get(&format!(
            "/products?q={}",
            url::form_urlencoded::byte_serialize(SQL.as_bytes()).collect::<String>()
        ))
        .await
        .expect("a search for SQL");
    assert!(found["items"].is_array() || found.is_object(), "{found}");

    let query = url::form_urlencoded::byte_serialize(SCRIPT.as_bytes()).collect::<String>();
    let pages = [
        format!("/products/{product_id}"),
        "/shops/atelier-a".to_owned(),
        format!("/search?q={query}"),
        "/search?q=Lampe".to_owned(),
        "/categories/maison".to_owned(),
    ];
    // Product pages redirect to their canonical address, which has the slug.
    let browser = reqwest::Client::new();
    for page in pages {
        let response = browser.get(cast.app.url(&page)).send().await.expect("sent");
        assert_eq!(response.status().as_u16(), 200, "{page}");
        let html = response.text().await.expect("html");
        for raw in [SCRIPT, IMAGE, BREAKOUT, "</title></script>"] {
            if let Some(at) = html.find(raw) {
                let start = html.floor_char_boundary(at.saturating_sub(300));
                let end = html.ceil_char_boundary((at + raw.len() + 100).min(html.len()));
                panic!("{page} shows {raw} as markup: …{}…", &html[start..end]);
            }
        }
        assert_eq!(handlers_in_tags(&html), Vec::<String>::new(), "{page}");
    }
    let product_page = browser
        .get(cast.app.url(&format!("/products/{product_id}")))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("html");
    assert!(
        product_page.contains("&lt;script&gt;alert("),
        "the text is shown, as text"
    );
    crate::market::assert_invariants(&cast.app).await;
}
