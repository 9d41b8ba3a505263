//! One shopper on every channel (issue 9), in a real browser: the shopper wishes for the
//! kettle and puts it in the cart on the website; a second device (the app, through the
//! API) sees the same cart and wishlist; the cart page gives a code and its QR code; the
//! seller's till sells the cart in store with that code; the order, with channel
//! `store`, and its cashback are in the shopper's history on the website.

use admin_tui::client::ApiClient;
use api_types::ListResponse;
use api_types::buying::{CartResponse, OrderResponse, Wallet};
use api_types::omnichannel::{TillCart, WishlistItem};
use api_types::selling::Location;
use serde_json::json;
use tests::shopping::{add_kitchen_category, stocked_shop};
use tests::{TestApp, signed_up, spawn_app};

use super::pickup::{log_in, staff_of};
use super::shopping::{click, text_of, wait_for_path};
use super::{browser, screenshot, start_driver, wait_for_hydration};

async fn second_device(app: &TestApp, email: &str, password: &str) -> ApiClient {
    let mut phone = app.client();
    phone
        .login(&api_types::LoginRequest {
            email: email.into(),
            password: password.into(),
            token_name: Some("Téléphone".into()),
        })
        .await
        .expect("the app logs in");
    phone
}

#[tokio::test]
async fn a_cart_filled_on_the_web_is_seen_in_the_app_and_sold_at_the_till() {
    let app = spawn_app().await;
    add_kitchen_category(&app).await;
    let shop = stocked_shop(
        &app,
        "till@shops.test",
        "Cuisine Rivoli",
        "cuisine-rivoli",
        4990,
        490,
        3,
    )
    .await;
    let staff = staff_of(&app, "till@shops.test").await;
    let email = "omni@halles.test";
    let password = signed_up(&app, email).await;

    let driver = start_driver().await;
    let client = browser(&driver, 1280, 1100).await;
    log_in(&client, &app, email, &password).await;

    // On the website: a wish, then the cart.
    let product_path = format!("/products/{}", shop.product_id);
    client.goto(&app.url(&product_path)).await.expect("product");
    wait_for_hydration(&client).await;
    click(&client, "form.wish-form button[type=submit]").await;
    wait_for_hydration(&client).await;
    let saved = text_of(&client, "form.wish-form").await;
    assert!(saved.contains("Dans vos envies"), "{saved}");
    click(&client, "form.add-to-cart button[type=submit]").await;
    wait_for_path(&client, "/cart").await;

    // The app sees the same cart and wishlist.
    let phone = second_device(&app, email, &password).await;
    let cart: CartResponse = phone.get("/cart").await.expect("cart in the app");
    assert_eq!(cart.cart.item_count, 1);
    assert_eq!(cart.cart.shops[0].items[0].offer_id, shop.offer_id);
    let wishes: ListResponse<WishlistItem> = phone.get("/wishlist").await.expect("wishlist");
    assert_eq!(wishes.items[0].product_id, shop.product_id);

    // The cart page hands it off: a code and its QR code.
    client.goto(&app.url("/cart")).await.expect("cart page");
    wait_for_hydration(&client).await;
    click(&client, "#till form button[type=submit]").await;
    wait_for_hydration(&client).await;
    let code: String = text_of(&client, ".till-code")
        .await
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    assert_eq!(code.len(), 8, "a code is shown: {code}");
    let qr_loaded = client
        .execute(
            "const img = document.querySelector('.till-qr'); return img.complete && img.naturalWidth > 0;",
            vec![],
        )
        .await
        .expect("QR state");
    assert_eq!(qr_loaded, json!(true), "the QR code image loads");
    screenshot(&client, "till-handoff-cart").await;
    client
        .set_window_size(390, 1400)
        .await
        .expect("phone width");
    screenshot(&client, "till-handoff-cart-phone").await;
    client.set_window_size(1280, 1100).await.expect("desktop");

    // At the till: the seller types the code and sells in cash, from its store.
    let till: TillCart = staff
        .get(&format!("/seller/till/{code}"))
        .await
        .expect("the till reads the code");
    assert_eq!(till.lines.len(), 1);
    let store = staff
        .get::<ListResponse<Location>>("/seller/locations")
        .await
        .expect("locations")
        .items
        .into_iter()
        .find(|location| location.kind == "store")
        .expect("a store");
    let sold: OrderResponse = staff
        .post(
            &format!("/seller/till/{code}/sale"),
            &json!({"store_id": store.id, "payment": "cash"}),
        )
        .await
        .expect("sold at the till");
    assert_eq!(sold.order.channel, "store");

    // The shopper's history on the website has it, and its cashback.
    let order_path = format!("/orders/{}", sold.order.id);
    client
        .goto(&app.url(&order_path))
        .await
        .expect("order page");
    wait_for_hydration(&client).await;
    let page = text_of(&client, "main").await;
    assert!(page.contains(&sold.order.number), "{page}");
    assert!(page.contains("Acheté en magasin à"), "{page}");
    assert!(
        !page.contains("Code de retrait"),
        "no code for what was handed over: {page}"
    );
    screenshot(&client, "till-order").await;
    let wallet: Wallet = phone.get("/wallet").await.expect("wallet");
    assert!(wallet.pending_cents > 0, "cashback is pending");
    let cart: CartResponse = phone.get("/cart").await.expect("cart");
    assert_eq!(cart.cart.item_count, 0, "sold lines left the cart");

    // The wishlist page on the web lists the kettle.
    client.goto(&app.url("/wishlist")).await.expect("wishlist");
    wait_for_hydration(&client).await;
    let wished = text_of(&client, "main").await;
    assert!(wished.contains("1 produit"), "{wished}");
    screenshot(&client, "wishlist").await;
}
