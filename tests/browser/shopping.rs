//! The buying journey in a real browser: a guest fills a cart from two shops, logs in
//! (the cart follows), checks out with home delivery, has a card declined, pays with
//! another, and lands on the order with one part per seller.

use std::time::Duration;

use fantoccini::{Client, Locator};
use tests::shopping::{add_kitchen_category, stocked_shop};
use tests::{signed_up, spawn_app};

use super::{browser, screenshot, start_driver, wait_for_element, wait_for_hydration};

/// Waits until the browser is on a page whose path starts with `prefix`.
pub(super) async fn wait_for_path(client: &Client, prefix: &str) -> String {
    for _ in 0..100 {
        let url = client.current_url().await.expect("current url");
        if url.path().starts_with(prefix) {
            return url.path().to_owned();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let url = client.current_url().await.expect("current url");
    panic!("expected a page under {prefix}, still on {url}");
}

/// Waits until the page is no longer `path` (a form posted from it has been answered and
/// its redirect followed); returns the new path. `wait_for_path(client, "/")` would not
/// do: every path starts with `/`, so it would return at once and race the next `goto`.
pub(super) async fn wait_to_leave(client: &Client, path: &str) -> String {
    for _ in 0..100 {
        let url = client.current_url().await.expect("current url");
        if url.path() != path {
            return url.path().to_owned();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("still on {path} after 10 s");
}

pub(super) async fn text_of(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("an element {css}"))
        .text()
        .await
        .expect("text")
}

pub(super) async fn type_into(client: &Client, css: &str, text: &str) {
    let input = client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("an input {css}"));
    input.clear().await.expect("clear");
    input.send_keys(text).await.expect("type");
}

pub(super) async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("a button {css}"))
        .click()
        .await
        .expect("click");
}

/// Adds the `index`-th offer of the product page to the cart.
async fn add_offer(client: &Client, product_url: &str, index: usize) {
    client.goto(product_url).await.expect("product page");
    wait_for_hydration(client).await;
    let forms = client
        .find_all(Locator::Css("form.add-to-cart button[type=submit]"))
        .await
        .expect("add-to-cart buttons");
    assert_eq!(forms.len(), 2, "one add-to-cart form per offer");
    forms[index].click().await.expect("add to cart");
    wait_for_path(client, "/cart").await;
    wait_for_hydration(client).await;
}

pub(super) async fn pay_with(client: &Client, card: &str) {
    type_into(client, "#field-card_number", card).await;
    type_into(client, "#field-expiry", "12/35").await;
    type_into(client, "#field-cvc", "123").await;
    type_into(client, "#field-name", "Test Shopper").await;
    click(client, ".pay-form button[type=submit]").await;
}

#[tokio::test]
async fn a_guest_fills_a_cart_logs_in_checks_out_and_pays_after_a_decline() {
    let app = spawn_app().await;
    add_kitchen_category(&app).await;
    let first = stocked_shop(
        &app,
        "a@shops.test",
        "Maison Perle",
        "maison-perle",
        2490,
        490,
        8,
    )
    .await;
    let second = stocked_shop(
        &app,
        "b@shops.test",
        "Atelier Sel",
        "atelier-sel",
        2290,
        590,
        8,
    )
    .await;
    let password = signed_up(&app, "buyer@halles.test").await;
    let driver = start_driver().await;
    let client = browser(&driver, 1280, 1000).await;
    let product_url = app.url(&format!("/products/{}", first.product_id));

    // A guest adds one offer of each shop.
    add_offer(&client, &product_url, 0).await;
    add_offer(&client, &product_url, 1).await;
    assert_eq!(
        client
            .find_all(Locator::Css(".cart-shop"))
            .await
            .expect("shops")
            .len(),
        2
    );
    assert_eq!(text_of(&client, ".cart-badge").await, "2");
    let cart = text_of(&client, "main").await;
    assert!(
        cart.contains(&first.shop_name) && cart.contains(&second.shop_name),
        "{cart}"
    );
    screenshot(&client, "cart-guest").await;

    // Checkout asks to log in, and comes back with the cart merged into the account.
    click(&client, ".order-summary a.button-primary").await;
    wait_for_path(&client, "/login").await;
    wait_for_hydration(&client).await;
    type_into(&client, "#field-email", "buyer@halles.test").await;
    type_into(&client, "#field-password", &password).await;
    click(&client, "form.form button[type=submit]").await;
    wait_for_path(&client, "/checkout").await;
    wait_for_hydration(&client).await;
    assert_eq!(
        client
            .find_all(Locator::Css("fieldset.fulfilment"))
            .await
            .expect("fulfilments")
            .len(),
        2,
        "the guest cart followed the login"
    );
    assert_eq!(text_of(&client, ".cart-badge").await, "2");

    // Home delivery for both, an address, and pay.
    type_into(&client, "#field-address-line1", "12 rue Oberkampf").await;
    type_into(&client, "#field-address-postcode", "75011").await;
    type_into(&client, "#field-address-city", "Paris").await;
    screenshot(&client, "checkout").await;
    click(&client, "button[name=intent][value=pay]").await;
    let pay_path = wait_for_path(&client, "/pay/").await;
    wait_for_hydration(&client).await;
    let amount = text_of(&client, ".pay-total").await;
    assert!(amount.ends_with('€'), "{amount}");

    // A declined card: the reason shows, the number is not sent back, the order waits.
    pay_with(&client, "4000 0000 0000 0002").await;
    wait_for_element(
        &client,
        ".pay-card .notice-error",
        Duration::from_secs(10),
        "the decline is shown",
    )
    .await;
    assert_eq!(client.current_url().await.expect("url").path(), pay_path);
    wait_for_hydration(&client).await;
    let declined = text_of(&client, ".pay-card .notice-error").await;
    assert!(declined.contains("refusée"), "{declined}");
    let number = client
        .find(Locator::Id("field-card_number"))
        .await
        .expect("card number input")
        .prop("value")
        .await
        .expect("value");
    assert_eq!(number.as_deref(), Some(""));
    screenshot(&client, "pay-declined").await;

    // Another card goes through: the order page shows one part per seller.
    pay_with(&client, "4242 4242 4242 4242").await;
    wait_for_path(&client, "/orders/").await;
    wait_for_hydration(&client).await;
    assert_eq!(
        client
            .find_all(Locator::Css(".order-part"))
            .await
            .expect("parts")
            .len(),
        2
    );
    let order = text_of(&client, "main").await;
    assert!(order.contains("Visa •••• 4242"), "{order}");
    assert!(
        order.contains(&first.shop_name) && order.contains(&second.shop_name),
        "{order}"
    );
    assert!(order.contains("12 rue Oberkampf"), "{order}");
    screenshot(&client, "order-paid").await;
    client.close().await.expect("close");
}
