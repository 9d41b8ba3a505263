//! The wallet page (`/wallet`) as a browser without JavaScript sees it: the balances,
//! pending cashback with the order behind it, the history and upcoming expiries once it
//! matures, an empty wallet explained, and a visitor sent to log in first.

use admin_tui::client::ApiClient;
use api_types::buying::OrderResponse;
use reqwest::header::LOCATION;
use tests::{TestApp, csrf_in, signed_up, spawn_app};

use crate::market::{add_to_cart, delivered, end_return_window, hand_over, market, run_jobs};

/// A new shopper, logged in twice: an API client to buy with, and a browser.
pub async fn shopper(app: &TestApp, email: &str) -> (ApiClient, reqwest::Client) {
    let password = signed_up(app, email).await;
    let mut api = app.client();
    api.login(&api_types::LoginRequest {
        email: email.to_owned(),
        password: password.clone(),
        token_name: None,
    })
    .await
    .expect("logging in through the API");
    let browser = app.browser();
    let (_, login) = page(&browser, app, "/login").await;
    let response = browser
        .post(app.url("/login"))
        .form(&[
            ("email", email),
            ("password", &password),
            ("csrf", &csrf_in(&login)),
            ("next", ""),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 303, "logged in with the form");
    (api, browser)
}

/// A page as a browser without JavaScript gets it: its status and HTML.
pub async fn page(browser: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let response = browser.get(app.url(path)).send().await.expect("sent");
    (
        response.status().as_u16(),
        response.text().await.expect("body"),
    )
}

/// The text of a balance on the page (`available` or `pending`), without markup.
fn balance(html: &str, which: &str) -> String {
    let marker = format!("data-balance=\"{which}\"");
    let at = html.find(&marker).expect("the balance is shown");
    let start = at + html[at..].find('>').expect("the tag ends") + 1;
    let inner = &html[start..start + html[start..].find("</p>").expect("closed")];
    let mut text = String::new();
    let mut rest = inner;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = rest[open..].split_once('>').map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    text.trim().to_owned()
}

#[tokio::test]
async fn the_wallet_page_shows_pending_cashback_with_its_order_then_what_matured() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (api, browser) = shopper(&app, "wallet@shoppers.test").await;
    add_to_cart(&api, &m.offer_a, 2).await;
    let paid: OrderResponse = api
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let order = paid.order;

    let (status, html) = page(&browser, &app, "/wallet?lang=en").await;
    assert_eq!(status, 200);
    assert_eq!(balance(&html, "available"), "€0.00");
    assert_eq!(
        balance(&html, "pending"),
        "€0.72",
        "3 % of 24.00 €, pending"
    );
    assert!(html.contains("Pending cashback") && html.contains("Cashback earned"));
    assert!(
        html.contains(&format!("href=\"/orders/{}\"", order.id)) && html.contains(&order.number),
        "the order behind the cashback is linked"
    );
    assert!(!html.contains("Upcoming expiries"), "nothing available yet");

    let part = order.seller_orders[0].id.clone();
    hand_over(&m.shop_a.staff, &part).await;
    end_return_window(&app, &part).await;
    run_jobs(&app).await;
    run_jobs(&app).await;
    let (_, html) = page(&browser, &app, "/wallet").await;
    assert!(
        html.contains("<html lang=\"en\""),
        "the language is remembered"
    );
    assert_eq!(balance(&html, "available"), "€0.72");
    assert_eq!(balance(&html, "pending"), "€0.00");
    assert!(html.contains("Upcoming expiries"));
    let released = html.find("Cashback released").expect("the maturing line");
    let earned = html.find("Cashback earned").expect("the earning line");
    assert!(released < earned, "the history is newest first");
    let row_end = released + html[released..].find("</tr>").expect("row");
    assert!(
        html[released..row_end].contains(&format!("href=\"/orders/{}\"", order.id)),
        "the maturing line links the order of its cashback"
    );

    let (_, french) = page(&browser, &app, "/wallet?lang=fr").await;
    assert_eq!(balance(&french, "available"), "0,72\u{a0}€");
    assert!(french.contains("Ma cagnotte cashback"));
}

#[tokio::test]
async fn a_new_shoppers_wallet_page_explains_how_cashback_is_earned() {
    let app = spawn_app().await;
    let (_, browser) = shopper(&app, "empty-wallet@shoppers.test").await;
    let (status, html) = page(&browser, &app, "/wallet?lang=en").await;
    assert_eq!(status, 200);
    assert_eq!(balance(&html, "available"), "€0.00");
    assert_eq!(balance(&html, "pending"), "€0.00");
    assert!(html.contains("Your wallet is empty.") && html.contains("Every paid order earns"));
    let (_, account) = page(&browser, &app, "/account").await;
    assert!(
        account.contains("href=\"/wallet\""),
        "the account links to it"
    );
}

#[tokio::test]
async fn a_visitor_is_sent_to_log_in_before_seeing_a_wallet() {
    let app = spawn_app().await;
    let response = app
        .browser()
        .get(app.url("/wallet"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()[LOCATION], "/login?next=/wallet");
}

#[tokio::test]
async fn the_web_checkout_spends_cashback_when_the_shopper_asks() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (api, browser) = shopper(&app, "spender@shoppers.test").await;
    add_to_cart(&api, &m.offer_a, 2).await;
    let paid: OrderResponse = api
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let part = paid.order.seller_orders[0].id.clone();
    hand_over(&m.shop_a.staff, &part).await;
    end_return_window(&app, &part).await;
    run_jobs(&app).await;

    add_to_cart(&api, &m.offer_b, 1).await;
    let (status, form) = page(&browser, &app, "/checkout?lang=en").await;
    assert_eq!(status, 200);
    assert!(
        form.contains("Use my cashback: €0.72 available") && form.contains("name=\"use_cashback\""),
        "the wallet's cashback is offered"
    );
    let posted = browser
        .post(app.url("/checkout"))
        .form(&[
            ("csrf", csrf_in(&form).as_str()),
            ("address.name", "Camille Martin"),
            ("address.line1", "12 rue des Halles"),
            ("address.postcode", "75001"),
            ("address.city", "Paris"),
            ("use_cashback", "1"),
            ("intent", "pay"),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(posted.status().as_u16(), 303);
    let location = posted.headers()[LOCATION]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(
        location.starts_with("/pay/"),
        "to the payment page: {location}"
    );
    let order_id = location.trim_start_matches("/pay/");
    let order: OrderResponse = api
        .get(&format!("/orders/{order_id}"))
        .await
        .expect("the order");
    assert_eq!(order.order.cashback_used_cents, 72, "all of the wallet");
    assert_eq!(
        order.order.total_cents,
        order.order.items_cents + order.order.shipping_cents - 72,
        "the card pays the rest"
    );
    crate::market::assert_invariants(&app).await;
}
