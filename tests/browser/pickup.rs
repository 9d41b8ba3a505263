//! Click & collect in a real browser (issue 5): a shopper near Bastille sees the two
//! stores that hold the kettle, picks the Marais one at checkout, pays, finds the pickup
//! code and its QR code on the order page once the seller marks it ready, and the seller
//! collects it with that code.

use std::time::Duration;

use admin_tui::client::{ApiClient, Method};
use api_types::ListResponse;
use api_types::orders::SellerOrder;
use api_types::selling::{LocationRequest, LocationResponse, StockRequest};
use fantoccini::{Client, Locator};
use serde_json::json;
use tests::shopping::{add_kitchen_category, stocked_shop};
use tests::{TestApp, signed_up, spawn_app};

use super::shopping::{click, pay_with, text_of, type_into, wait_for_path, wait_to_leave};
use super::{browser, screenshot, start_driver, wait_for_hydration};

/// The staff of a shop made by `stocked_shop`, logged in again through the API.
pub(super) async fn staff_of(app: &TestApp, email: &str) -> ApiClient {
    let mut client = app.client();
    client
        .login(&api_types::LoginRequest {
            email: email.into(),
            password: "correct horse battery".into(),
            token_name: None,
        })
        .await
        .expect("staff logs in");
    client
}

pub(super) async fn log_in(client: &Client, app: &TestApp, email: &str, password: &str) {
    client.goto(&app.url("/login")).await.expect("login page");
    wait_for_hydration(client).await;
    type_into(client, "#field-email", email).await;
    type_into(client, "#field-password", password).await;
    click(client, "form.form button[type=submit]").await;
    let landed = wait_to_leave(client, "/login").await;
    assert_eq!(landed, "/account", "logged in, on the account page");
}

/// Waits until the element `css` holds `text` (after a reload, say).
async fn wait_for_text(client: &Client, css: &str, text: &str) {
    for _ in 0..100 {
        if let Ok(element) = client.find(Locator::Css(css)).await
            && element.text().await.is_ok_and(|found| found.contains(text))
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "{css} never showed {text}: {}",
        text_of(client, "main").await
    );
}

async fn reload_order(client: &Client, order_path: &str, app: &TestApp) -> String {
    client.goto(&app.url(order_path)).await.expect("order page");
    wait_for_hydration(client).await;
    text_of(client, "main").await
}

#[tokio::test]
async fn a_shopper_picks_a_store_pays_and_collects_with_the_code() {
    let app = spawn_app().await;
    add_kitchen_category(&app).await;
    let shop = stocked_shop(
        &app,
        "brico@shops.test",
        "Brico Bastille",
        "brico-bastille",
        8990,
        590,
        3,
    )
    .await;
    let staff = staff_of(&app, "brico@shops.test").await;
    let marais: LocationResponse = staff
        .post(
            "/seller/locations",
            &LocationRequest {
                name: "Brico Marais".into(),
                kind: "store".into(),
                address: "12 rue des Archives".into(),
                postcode: "75004".into(),
                city: "Paris".into(),
                pickup: true,
                latitude: Some(48.858),
                longitude: Some(2.355),
                opening_hours: "Mar–Sam 10h–19h".into(),
                preparation_minutes: Some(120),
            },
        )
        .await
        .expect("second store");
    let stock = staff
        .raw(
            Method::PUT,
            &format!("/api/v1/seller/offers/{}/stock", shop.offer_id),
        )
        .json(&StockRequest::level(marais.location.id.clone(), 2));
    staff.send_empty(stock).await.expect("stocked");

    let password = signed_up(&app, "paris@halles.test").await;
    let driver = start_driver().await;
    let client = browser(&driver, 1280, 1100).await;
    log_in(&client, &app, "paris@halles.test", &password).await;

    // Near Bastille: both stores hold it, nearest first, with their readiness.
    client
        .goto(&app.url(&format!("/products/{}?near=75011", shop.product_id)))
        .await
        .expect("product page");
    wait_for_hydration(&client).await;
    let stores = client
        .find_all(Locator::Css(".pickup-near-store"))
        .await
        .expect("pickup stores");
    assert_eq!(stores.len(), 2, "two stores hold the kettle");
    let nearby = text_of(&client, "#pickup").await;
    assert!(
        nearby.contains("Brico Bastille") && nearby.contains("Brico Marais"),
        "{nearby}"
    );
    screenshot(&client, "pickup-product").await;

    // Into the cart, then click & collect at the Marais store.
    click(&client, "form.add-to-cart button[type=submit]").await;
    wait_for_path(&client, "/cart").await;
    client
        .goto(&app.url("/checkout"))
        .await
        .expect("checkout page");
    wait_for_hydration(&client).await;
    click(
        &client,
        &format!("input[name='method.{}'][value=pickup]", shop.shop_id),
    )
    .await;
    // The totals follow at once: no delivery to pay for a pickup.
    wait_for_text(&client, "dd.totals-grand", "89,90").await;
    wait_for_hydration(&client).await;
    client
        .find(Locator::Id(&format!("store-{}", shop.shop_id)))
        .await
        .expect("the store select")
        .select_by_value(&marais.location.id)
        .await
        .expect("Marais chosen");
    // Choosing the store recalculates too; the choice survives it.
    for _ in 0..100 {
        let chosen = client
            .find(Locator::Id(&format!("store-{}", shop.shop_id)))
            .await
            .expect("the store select")
            .prop("value")
            .await
            .expect("value");
        if chosen.as_deref() == Some(marais.location.id.as_str()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    wait_for_hydration(&client).await;
    wait_for_text(&client, "dd.totals-grand", "89,90").await;
    screenshot(&client, "pickup-checkout").await;
    click(&client, "button[name=intent][value=pay]").await;
    wait_for_path(&client, "/pay/").await;
    wait_for_hydration(&client).await;
    pay_with(&client, "4242 4242 4242 4242").await;
    let order_path = wait_for_path(&client, "/orders/").await;
    wait_for_hydration(&client).await;
    let paid = text_of(&client, "main").await;
    assert!(paid.contains("Brico Marais"), "{paid}");

    // The seller prepares it, then marks it ready: the code and its QR code appear.
    let parts: ListResponse<SellerOrder> = staff.get("/seller/orders").await.expect("orders");
    let part = parts.items[0].id.clone();
    for action in ["accept", "ready"] {
        let _: api_types::orders::SellerOrderResponse = staff
            .post(&format!("/seller/orders/{part}/{action}"), &json!({}))
            .await
            .unwrap_or_else(|err| panic!("{action}: {err}"));
    }
    reload_order(&client, &order_path, &app).await;
    let code = text_of(&client, ".pickup-code-large").await;
    let typed: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
    assert_eq!(typed.len(), 8, "a pickup code: {code}");
    let qr_loaded = client
        .execute(
            "const img = document.querySelector('img.pickup-qr'); \
             return img !== null && img.complete && img.naturalWidth > 0;",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(qr_loaded, json!(true), "the QR code image loads");
    screenshot(&client, "pickup-ready").await;

    // At the till, the seller types the code: collected.
    let collected: api_types::orders::SellerOrderResponse = staff
        .post(
            &format!("/seller/orders/{part}/collect"),
            &json!({ "code": typed }),
        )
        .await
        .expect("collected");
    assert_eq!(collected.seller_order.status, "collected");
    let after = reload_order(&client, &order_path, &app).await;
    assert!(
        client
            .find_all(Locator::Css("[data-pickup=ready]"))
            .await
            .expect("query")
            .is_empty(),
        "no code waiting any more: {after}"
    );
    screenshot(&client, "pickup-collected").await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    client.close().await.expect("close");
}
