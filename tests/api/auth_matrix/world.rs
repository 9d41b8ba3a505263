//! The one marketplace every probe of the matrix runs against: two approved shops (A, the
//! victim's, and B), each with staff, a warehouse, a store and an offer in stock; two
//! shoppers, each with a shipped delivery order under dispute, a ready pickup order,
//! pending cashback, a cart, a hand-off code, a wishlist and a spare API token; discount
//! codes; a cashback campaign; an operator. The shopper and shop A are the victims: every
//! id in a probed path is theirs. Otto and shop B have the same, so that their own lists
//! are never trivially empty.

use admin_tui::client::ApiClient;
use api_types::buying::{Address, CheckoutRequest, FulfilmentChoice};
use serde_json::{Value, json};
use tests::{TestApp, csrf_in};

use super::roles::{Actor, Role};
use crate::market::{Shop, add_to_cart, list_offer, market, seller_step, stock};
use crate::wallet::page;

/// The victims' ids, to fill path parameters with.
#[derive(Debug, Clone)]
pub struct Ids {
    pub shop: String,
    pub shop_slug: String,
    pub warehouse: String,
    pub store: String,
    pub offer: String,
    /// A second offer of shop A, for the probe that deletes one.
    pub spare_offer: String,
    pub product: String,
    /// The shopper's delivery order (shipped, under dispute) and its part.
    pub order: String,
    pub seller_order: String,
    /// The shopper's pickup order (ready for pickup) and its part.
    pub pickup_order: String,
    pub pickup_part: String,
    pub cart_item: String,
    pub handoff_code: String,
    pub spare_token: String,
    pub dispute: String,
    pub discount_code: String,
    pub campaign: String,
}

/// A string only some roles may ever read in a response.
#[derive(Debug, Clone)]
pub struct Secret {
    pub what: &'static str,
    pub text: String,
    pub seen_by: Vec<Role>,
    /// Whether any shop's till holding the shopper's hand-off code may read it: the code
    /// is the shopper's consent, and the till greets them by name.
    pub shown_to_tills: bool,
}

pub struct World {
    pub actors: Vec<Actor>,
    pub ids: Ids,
    pub secrets: Vec<Secret>,
}

impl World {
    pub fn actor(&self, role: Role) -> &Actor {
        self.actors
            .iter()
            .find(|actor| actor.role == role)
            .expect("BUG: every role has an actor")
    }
}

/// Every account's password.
pub const PASSWORD: &str = "correct horse battery";
/// An account nobody probes with, for the probes of logging in.
pub const BYSTANDER: &str = "bystander@matrix.test";

/// What one shopper owns after [`shopper_history`].
struct History {
    email: String,
    name: String,
    street: String,
    api: ApiClient,
    browser: reqwest::Client,
    order: String,
    seller_order: String,
    pickup_order: String,
    pickup_part: String,
    pickup_code: String,
    cart: String,
    cart_item: String,
    handoff_code: String,
    spare_token: String,
    dispute: String,
}

fn address_of(name: &str, line1: &str) -> Address {
    Address {
        name: name.into(),
        line1: line1.into(),
        line2: String::new(),
        postcode: "69003".into(),
        city: "Lyon".into(),
        country: "FR".into(),
    }
}

async fn checkout(api: &ApiClient, choice: FulfilmentChoice) -> Value {
    api.post(
        "/checkout",
        &CheckoutRequest {
            fulfilments: vec![choice],
            payment_method: "pm_card_visa".into(),
            use_cashback_cents: None,
            discount_code: None,
        },
    )
    .await
    .expect("paid")
}

fn text(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no {pointer} in {value}"))
        .to_owned()
}

/// A shopper who bought from `shop` twice (delivery, shipped and disputed; pickup, ready),
/// then filled a cart again, handed it off, wished for the product and named a token.
async fn shopper_history(
    app: &TestApp,
    email: &str,
    name: &str,
    street: &str,
    shop: &Shop,
    offer: &str,
    product: &str,
) -> History {
    let password = PASSWORD.to_owned();
    app.client()
        .signup(&api_types::SignupRequest {
            email: email.into(),
            password: password.clone(),
            name: name.into(),
        })
        .await
        .expect("signing up");
    let api = api_login(app, email, &password, None).await;
    add_to_cart(&api, offer, 1).await;
    let delivered = checkout(
        &api,
        FulfilmentChoice {
            shop_id: shop.id.clone(),
            method: "delivery".into(),
            address: Some(address_of(name, street)),
            store_id: None,
        },
    )
    .await;
    let order = text(&delivered, "/order/id");
    let seller_order = text(&delivered, "/order/seller_orders/0/id");
    seller_step(&shop.staff, &seller_order, "accept", json!({}))
        .await
        .expect("accepted");
    seller_step(
        &shop.staff,
        &seller_order,
        "ship",
        json!({"carrier": "Colissimo", "tracking": "6A1"}),
    )
    .await
    .expect("shipped");
    let dispute: Value = api
        .post(
            &format!("/orders/{order}/seller-orders/{seller_order}/disputes"),
            &json!({"kind": "not_received", "message": "Toujours rien reçu"}),
        )
        .await
        .expect("dispute opened");

    add_to_cart(&api, offer, 1).await;
    let collected = checkout(
        &api,
        FulfilmentChoice {
            shop_id: shop.id.clone(),
            method: "pickup".into(),
            address: None,
            store_id: Some(shop.store_id.clone()),
        },
    )
    .await;
    let pickup_order = text(&collected, "/order/id");
    let pickup_part = text(&collected, "/order/seller_orders/0/id");
    let pickup_code = text(&collected, "/order/seller_orders/0/pickup_code");
    for step in ["accept", "ready"] {
        seller_step(&shop.staff, &pickup_part, step, json!({}))
            .await
            .unwrap_or_else(|err| panic!("{step}: {err}"));
    }

    let cart = add_to_cart(&api, offer, 1).await;
    let cart_json = serde_json::to_value(&cart).expect("serialises");
    let handoff: Value = api
        .post("/cart/handoff", &json!({}))
        .await
        .expect("handed off");
    let _: Value = api
        .post("/wishlist", &json!({"product_id": product}))
        .await
        .expect("wished");
    let spare = api_login(app, email, &password, Some("spare phone")).await;
    let tokens: Value = spare.get("/auth/tokens").await.expect("tokens");
    let spare_token = tokens["items"]
        .as_array()
        .and_then(|items| items.iter().find(|t| t["name"] == "spare phone"))
        .map(|token| text(token, "/id"))
        .expect("the spare token is listed");
    History {
        email: email.to_owned(),
        name: name.to_owned(),
        street: street.to_owned(),
        browser: web_login(app, email, &password).await,
        api,
        order,
        seller_order,
        pickup_order,
        pickup_part,
        pickup_code,
        cart: text(&cart_json, "/cart/id"),
        cart_item: text(&cart_json, "/cart/shops/0/items/0/id"),
        handoff_code: text(&handoff, "/code"),
        spare_token,
        dispute: text(&dispute, "/dispute/id"),
    }
}

async fn api_login(app: &TestApp, email: &str, password: &str, name: Option<&str>) -> ApiClient {
    let mut client = app.client();
    client
        .login(&api_types::LoginRequest {
            email: email.into(),
            password: password.into(),
            token_name: name.map(str::to_owned),
        })
        .await
        .expect("logging in");
    client
}

/// A browser logged in with the storefront's form.
async fn web_login(app: &TestApp, email: &str, password: &str) -> reqwest::Client {
    let browser = app.browser();
    let (_, login) = page(&browser, app, "/login").await;
    let response = browser
        .post(app.url("/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf", &csrf_in(&login)),
            ("next", ""),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 303, "{email} logged in");
    browser
}

fn actor(role: Role, api: ApiClient, browser: reqwest::Client) -> Actor {
    Actor { role, api, browser }
}

async fn product_of(shop: &Shop, offer: &str) -> String {
    let listed: Value = shop
        .staff
        .get(&format!("/seller/offers/{offer}"))
        .await
        .expect("the offer");
    text(&listed, "/offer/product_id")
}

async fn discount_code(shop: &Shop, code: &str) -> String {
    let created: Value = shop
        .staff
        .post(
            "/seller/discount-codes",
            &json!({"code": code, "kind": "percent", "value": 1000}),
        )
        .await
        .expect("discount code");
    text(&created, "/discount_code/id")
}

pub async fn world(app: &TestApp) -> World {
    let m = market(app, 20).await;
    tests::signed_up(app, BYSTANDER).await;
    let spare_offer = list_offer(&m.shop_a, "9780201633610", "Carnet ligné", 800).await;
    stock(&m.shop_a, &m.offer_a, &m.shop_a.store_id, 5).await;
    let product_a = product_of(&m.shop_a, &m.offer_a).await;
    let product_b = product_of(&m.shop_b, &m.offer_b).await;

    let sam = shopper_history(
        app,
        "samira@victims.test",
        "Samira Victorine",
        "7 impasse Zephyrine",
        &m.shop_a,
        &m.offer_a,
        &product_a,
    )
    .await;
    let otto = shopper_history(
        app,
        "otto@attackers.test",
        "Otto Attaquant",
        "9 quai Obscur",
        &m.shop_b,
        &m.offer_b,
        &product_b,
    )
    .await;
    let discount_a = discount_code(&m.shop_a, "ATELIERSECRET").await;
    discount_code(&m.shop_b, "BOUTIQUESECRET").await;

    let operator = crate::operating::operator(app).await;
    let campaign: Value = operator
        .post(
            "/operator/campaigns",
            &json!({"name": "Printemps A", "rate_bps": 300, "shop_id": m.shop_a.id,
                    "ends_at": (chrono::Utc::now() + chrono::Duration::days(7)).to_rfc3339()}),
        )
        .await
        .expect("campaign");

    let ids = Ids {
        shop: m.shop_a.id.clone(),
        shop_slug: "atelier-a".into(),
        warehouse: m.shop_a.warehouse_id.clone(),
        store: m.shop_a.store_id.clone(),
        offer: m.offer_a.clone(),
        spare_offer,
        product: product_a,
        order: sam.order.clone(),
        seller_order: sam.seller_order.clone(),
        pickup_order: sam.pickup_order.clone(),
        pickup_part: sam.pickup_part.clone(),
        cart_item: sam.cart_item.clone(),
        handoff_code: sam.handoff_code.clone(),
        spare_token: sam.spare_token.clone(),
        dispute: sam.dispute.clone(),
        discount_code: discount_a,
        campaign: text(&campaign, "/campaign/id"),
    };
    let secrets = secrets_of(&sam, Role::Shopper, Role::SellerStaff)
        .into_iter()
        .chain(secrets_of(&otto, Role::OtherShopper, Role::OtherShopStaff))
        .chain(shop_secrets(
            "atelier-a@sellers.test",
            "ATELIERSECRET",
            Role::SellerStaff,
        ))
        .chain(shop_secrets(
            "boutique-b@sellers.test",
            "BOUTIQUESECRET",
            Role::OtherShopStaff,
        ))
        .collect();

    let staff_a_browser = web_login(app, "atelier-a@sellers.test", PASSWORD).await;
    let staff_b_browser = web_login(app, "boutique-b@sellers.test", PASSWORD).await;
    let operator_browser = web_login(app, "ops@halles.test", "operator password 1").await;
    let actors = vec![
        actor(Role::Anonymous, app.client(), app.browser()),
        actor(Role::Shopper, sam.api, sam.browser),
        actor(Role::OtherShopper, otto.api, otto.browser),
        actor(Role::SellerStaff, m.shop_a.staff, staff_a_browser),
        actor(Role::OtherShopStaff, m.shop_b.staff, staff_b_browser),
        actor(Role::Operator, operator, operator_browser),
    ];
    World {
        actors,
        ids,
        secrets,
    }
}

/// What a shopper's history lets only the shopper (and, for what an order tells its
/// seller, the seller's staff; operators see everything) read.
fn secrets_of(history: &History, shopper: Role, seller: Role) -> Vec<Secret> {
    let only = |what, text: &str, extra: &[Role]| {
        let mut seen_by = vec![shopper, Role::Operator];
        seen_by.extend_from_slice(extra);
        Secret {
            what,
            text: text.to_owned(),
            seen_by,
            shown_to_tills: false,
        }
    };
    let to_tills = |secret: Secret| Secret {
        shown_to_tills: true,
        ..secret
    };
    vec![
        only("shopper's e-mail", &history.email, &[seller]),
        to_tills(only("shopper's name", &history.name, &[seller])),
        only("shopper's street", &history.street, &[seller]),
        only("delivery order id", &history.order, &[seller]),
        only("delivery seller order id", &history.seller_order, &[seller]),
        only("pickup order id", &history.pickup_order, &[seller]),
        only("pickup seller order id", &history.pickup_part, &[seller]),
        only("pickup code", &history.pickup_code, &[]),
        only("cart id", &history.cart, &[]),
        only("cart item id", &history.cart_item, &[seller]),
        to_tills(only("hand-off code", &history.handoff_code, &[seller])),
        only("API token id", &history.spare_token, &[]),
        only("dispute id", &history.dispute, &[seller]),
    ]
}

fn shop_secrets(staff_email: &str, discount_code: &str, staff: Role) -> Vec<Secret> {
    [
        ("shop staff's e-mail", staff_email),
        ("discount code", discount_code),
    ]
    .into_iter()
    .map(|(what, text)| Secret {
        what,
        text: text.to_owned(),
        seen_by: vec![staff, Role::Operator],
        shown_to_tills: false,
    })
    .collect()
}
