//! A seller runs a click & collect order from the console (issue 7): signs in through the
//! form, opens the orders, accepts the paid pickup, marks it ready, has a wrong code
//! refused, hands the order over with the code the shopper shows, and the server agrees;
//! then the terminal grows and the console quits cleanly.

use admin_tui::client::ApiClient;
use api_types::ListResponse;
use api_types::buying::{CartResponse, CheckoutRequest, FulfilmentChoice, OrderResponse};
use api_types::orders::{SellerOrder, SellerOrderResponse};
use api_types::selling::Location;
use serde_json::json;
use tests::shopping::{add_kitchen_category, stocked_shop};
use tests::{TestApp, logged_in, spawn_app};

use crate::tmux::{Size, framed};
use crate::{LARGE, SMALL, launch_console};

const SELLER_EMAIL: &str = "bastille@sellers.test";
const SHOP_NAME: &str = "Maison Bastille";
/// The password `tests::signed_up` gives every account, the seller's included.
const PASSWORD: &str = "correct horse battery";

/// What the kettle costs when collected: its price, with no delivery to pay.
const TOTAL: &str = "24,90 €";

/// The server's word for a wrong pickup code, shown beside the code field (compared
/// without case: the console may start it with a capital).
const WRONG_CODE_MESSAGE: &str = "this is not the pickup code of this order";

/// What the test needs to know about the paid order.
struct PaidPickup {
    shopper: ApiClient,
    staff: ApiClient,
    part: SellerOrder,
    store: Location,
}

/// A shop with a pickup store holding the kettle; a shopper buys one for pickup there.
async fn paid_pickup(app: &TestApp) -> PaidPickup {
    add_kitchen_category(app).await;
    let shop = stocked_shop(
        app,
        SELLER_EMAIL,
        SHOP_NAME,
        "maison-bastille",
        2490,
        490,
        3,
    )
    .await;
    // Signing the seller in through the API first proves the password the console types.
    let mut staff = app.client();
    staff
        .login(&api_types::LoginRequest {
            email: SELLER_EMAIL.into(),
            password: PASSWORD.into(),
            token_name: None,
        })
        .await
        .expect("the seller signs in with the test password");
    let locations: ListResponse<Location> =
        staff.get("/seller/locations").await.expect("locations");
    let store = locations
        .items
        .into_iter()
        .find(|location| location.kind == "store" && location.pickup)
        .expect("stocked_shop opens a store with pickup");

    let shopper = logged_in(app, "camille@shoppers.test").await;
    let _: CartResponse = shopper
        .post(
            "/cart/items",
            &json!({"offer_id": shop.offer_id, "quantity": 1}),
        )
        .await
        .expect("the kettle goes into the cart");
    let order: OrderResponse = shopper
        .post(
            "/checkout",
            &CheckoutRequest {
                fulfilments: vec![FulfilmentChoice {
                    shop_id: shop.shop_id.clone(),
                    method: "pickup".into(),
                    address: None,
                    store_id: Some(store.id.clone()),
                }],
                payment_method: "pm_card_visa".into(),
                use_cashback_cents: None,
                discount_code: None,
            },
        )
        .await
        .expect("checkout for pickup, paid by card");
    let part = order.order.seller_orders[0].clone();
    assert_eq!(part.status, "paid", "the card pays at once");
    assert_eq!(
        part.total_cents, 2490,
        "the total the console shows is {TOTAL}"
    );
    PaidPickup {
        shopper,
        staff,
        part,
        store,
    }
}

/// Whether one row of `screen` holds every one of `parts`.
fn row_with(screen: &str, parts: &[&str]) -> bool {
    screen
        .lines()
        .any(|row| parts.iter().all(|part| row.contains(part)))
}

/// Whether the orders list shows the pickup in `status` (its status label), with the
/// detail of order `number` open beside or below it. The list row is known by its status,
/// method and total (the detail's lines never hold all three), so that this does not
/// depend on how much of the number the list's column has room for.
fn pickup_shown(screen: &str, number: &str, status: &str) -> bool {
    row_with(screen, &[status, "pickup", TOTAL]) && row_with(screen, &[&format!(" {number} ")])
}

/// Whether the console's frame fills a terminal of `size`: its top border as wide as the
/// terminal, and the bottom border of the screen's box as wide, in the bottom quarter.
fn fills(screen: &str, size: Size) -> bool {
    let rows: Vec<&str> = screen.lines().collect();
    let full_width = |row: &str, left, right| {
        row.starts_with(left)
            && row.ends_with(right)
            && row.chars().count() == usize::from(size.columns)
    };
    let lowest_bottom = rows.iter().rposition(|row| full_width(row, '└', '┘'));
    rows.len() == usize::from(size.rows)
        && rows
            .first()
            .is_some_and(|top| top.starts_with("┌ Halles console") && full_width(top, '┌', '┐'))
        && lowest_bottom.is_some_and(|row| row >= rows.len() * 3 / 4)
}

/// The pickup code on the shopper's order, as the order page shows it.
async fn code_the_shopper_shows(pickup: &PaidPickup) -> String {
    let order: OrderResponse = pickup
        .shopper
        .get(&format!("/orders/{}", pickup.part.order_id))
        .await
        .expect("the shopper's order");
    order.order.seller_orders[0]
        .pickup_code
        .clone()
        .expect("a ready pickup shows its code to the shopper")
}

/// The order as the seller's API shows it.
async fn seller_sees(pickup: &PaidPickup) -> SellerOrder {
    let shown: SellerOrderResponse = pickup
        .staff
        .get(&format!("/seller/orders/{}", pickup.part.id))
        .await
        .expect("the seller's order");
    shown.seller_order
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seller_hands_a_pickup_over_with_the_shoppers_code() {
    let app = spawn_app().await;
    let pickup = paid_pickup(&app).await;
    let number = pickup.part.order_number.as_str();
    let console = launch_console(&app, SMALL).await;
    let tmux = &console.session;

    // Signed out, in a fresh home: the sign-in form, naming the server.
    tmux.wait_until("the sign-in form naming the server", |screen| {
        screen.contains("E-mail") && screen.contains("Password") && screen.contains(&app.address)
    })
    .await;
    tmux.type_text(SELLER_EMAIL).await;
    tmux.press(&["Tab"]).await;
    tmux.type_text(PASSWORD).await;
    tmux.press(&["Enter"]).await;

    // The seller's console opens on the dashboard.
    tmux.wait_until("the seller's dashboard", |screen| {
        fills(screen, SMALL) && screen.contains("1 Dashboard") && screen.contains(SELLER_EMAIL)
    })
    .await;
    let saved = std::fs::read_to_string(console.home.token_file())
        .expect("the token is saved in the console's own config directory");
    assert!(saved.contains(&app.address), "saved per server: {saved}");

    // 6: the orders, with the paid pickup selected and its detail open.
    tmux.press(&["6"]).await;
    tmux.wait_until("the paid pickup order and its detail", |screen| {
        pickup_shown(screen, number, "paid")
            && row_with(screen, &["paid · pickup · 1 item"])
            && row_with(screen, &["Store", &pickup.store.name])
    })
    .await;

    // Accepted, then ready in the store.
    tmux.press(&["a"]).await;
    tmux.wait_until("the order accepted", |screen| {
        pickup_shown(screen, number, "accepted")
    })
    .await;
    tmux.press(&["r"]).await;
    tmux.wait_until("the order ready for pickup", |screen| {
        pickup_shown(screen, number, "ready for pickup")
    })
    .await;

    // A wrong code is refused, readably, and changes nothing.
    let code = code_the_shopper_shows(&pickup).await;
    let wrong_code = "WRONG-000";
    assert_ne!(code, wrong_code);
    tmux.press(&["c"]).await;
    tmux.wait_until("the hand-over form asking the code", |screen| {
        screen.contains("Hand over a pickup") && screen.contains("Pickup code")
    })
    .await;
    tmux.type_text(wrong_code).await;
    tmux.press(&["Enter"]).await;
    tmux.wait_until("the wrong code refused beside the field", |screen| {
        screen
            .lines()
            .any(|row| row.contains('↳') && row.to_lowercase().contains(WRONG_CODE_MESSAGE))
            && row_with(screen, &[number, "was not changed"])
    })
    .await;
    assert_eq!(seller_sees(&pickup).await.status, "ready_for_pickup");

    // The code the shopper shows hands it over.
    tmux.press(&["C-u"]).await;
    tmux.type_text(&code).await;
    tmux.press(&["Enter"]).await;
    tmux.wait_until("the order collected and the form closed", |screen| {
        pickup_shown(screen, number, "collected") && !screen.contains("Hand over a pickup")
    })
    .await;
    let order: OrderResponse = pickup
        .shopper
        .get(&format!("/orders/{}", pickup.part.order_id))
        .await
        .expect("the shopper's order");
    assert_eq!(order.order.seller_orders[0].status, "collected");

    // A larger terminal: the console redraws to fill it.
    tmux.resize(LARGE).await;
    tmux.wait_until("the orders redrawn to fill 120×40", |screen| {
        fills(screen, LARGE)
            && screen.contains("6 Orders")
            && pickup_shown(screen, number, "collected")
    })
    .await;

    // q quits: exit status 0, the terminal given back, nothing panicked.
    tmux.press(&["q"]).await;
    let exit = tmux.wait_for_exit().await;
    let log = console.home.log();
    assert_eq!(
        exit.status,
        0,
        "the console exits cleanly:\n{}\nlog:\n{log}",
        framed(&exit.transcript)
    );
    assert!(
        !exit.transcript.contains("panicked") && !exit.transcript.contains("admin-tui:"),
        "no panic or error on the way out:\n{}",
        framed(&exit.transcript)
    );
    assert!(
        !exit.screen.contains("Halles console"),
        "the console leaves its alternate screen:\n{}",
        framed(&exit.screen)
    );
    assert!(
        !log.contains("panic") && log.contains("console closed"),
        "the log ends cleanly:\n{log}"
    );
}
