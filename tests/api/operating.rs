//! Operators: the shop queue (approve, reject, suspend, reinstate), listing moderation
//! (reports, automated review, takedown, clear), settings and the audit log. Only
//! operators reach `/operator/*`: every route is walked as anonymous, shopper and seller.

use admin_tui::client::{ApiClient, Method};
use api_types::ListResponse;
use api_types::buying::{Notification, OrderResponse};
use api_types::operating::{
    AuditEntry, ModeratedOfferResponse, OfferModerationResponse, OfferReportResponse, OperatorShop,
    OperatorShopResponse, ReportCase, SettingsResponse,
};
use api_types::selling::{CreateShopRequest, SellerOfferResponse, SellerShopResponse};
use serde_json::{Value, json};
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{
    Market, add_to_cart, assert_invariants, delivered, list_offer, market, open_shop,
};

/// An operator, created as `halles create-operator` does, logged in through the API.
pub(crate) async fn operator(app: &TestApp) -> ApiClient {
    let (email, password) = ("ops@halles.test", "operator password 1");
    services::seed::create_operator(&app.db, email, password, "Olive Operator")
        .await
        .expect("creating an operator");
    let mut client = app.client();
    client
        .login(&api_types::LoginRequest {
            email: email.into(),
            password: password.into(),
            token_name: None,
        })
        .await
        .expect("operator logs in");
    client
}

/// The status a request gets, whatever its body.
async fn status_of(client: &ApiClient, method: Method, path: &str, body: Option<Value>) -> u16 {
    let mut request = client.raw(method, &format!("/api/v1{path}"));
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("answered").status().as_u16()
}

async fn decide_shop(
    operator: &ApiClient,
    shop_id: &str,
    action: &str,
    reason: &str,
) -> Result<OperatorShop, admin_tui::client::ApiError> {
    operator
        .post::<_, OperatorShopResponse>(
            &format!("/operator/shops/{shop_id}/{action}"),
            &json!({ "reason": reason }),
        )
        .await
        .map(|response| response.shop)
}

async fn decide_offer(
    operator: &ApiClient,
    offer_id: &str,
    action: &str,
    reason: &str,
) -> Result<ModeratedOfferResponse, admin_tui::client::ApiError> {
    operator
        .post(
            &format!("/operator/offers/{offer_id}/{action}"),
            &json!({ "reason": reason }),
        )
        .await
}

async fn audit(operator: &ApiClient, query: &str) -> Vec<AuditEntry> {
    operator
        .get::<ListResponse<AuditEntry>>(&format!("/operator/audit?{query}"))
        .await
        .expect("audit log")
        .items
}

async fn product_of(staff: &ApiClient, offer_id: &str) -> String {
    staff
        .get::<SellerOfferResponse>(&format!("/seller/offers/{offer_id}"))
        .await
        .expect("own offer")
        .offer
        .product_id
}

/// Whether the product page lists `offer_id`.
async fn on_product_page(app: &TestApp, product_id: &str, offer_id: &str) -> bool {
    match app
        .client()
        .get::<Value>(&format!("/products/{product_id}"))
        .await
    {
        Ok(page) => page["product"]["offers"]
            .as_array()
            .is_some_and(|offers| offers.iter().any(|o| o["id"] == offer_id)),
        Err(err) if err.status() == Some(404) => false,
        Err(err) => panic!("product page: {err:?}"),
    }
}

/// Whether a search for `q` finds `product_id`.
async fn found_by_search(app: &TestApp, q: &str, product_id: &str) -> bool {
    let page: Value = app
        .client()
        .get(&format!("/products?q={q}"))
        .await
        .expect("search");
    page["items"]
        .as_array()
        .is_some_and(|items| items.iter().any(|p| p["id"] == product_id))
}

async fn notifications(client: &ApiClient) -> Vec<Notification> {
    client
        .get::<ListResponse<Notification>>("/notifications")
        .await
        .expect("notifications")
        .items
}

#[tokio::test]
async fn every_operator_route_answers_401_to_anonymous_and_403_to_shoppers_and_sellers() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let shopper = logged_in(&app, "nosy@shoppers.test").await;
    let anonymous = app.client();
    let reason = Some(json!({"reason": "because"}));
    let settings = Some(json!({
        "commission_rate_bps": 0, "cashback_rate_bps": 0,
        "return_window_days": 30, "pickup_hold_days": 3
    }));
    let shop = &m.shop_a.id;
    let offer = &m.offer_a;
    let mut routes = vec![
        (Method::GET, "/operator/shops".to_owned(), None),
        (
            Method::GET,
            "/operator/shops?status=pending".to_owned(),
            None,
        ),
        (Method::GET, "/operator/reports".to_owned(), None),
        (Method::GET, "/operator/settings".to_owned(), None),
        (Method::PUT, "/operator/settings".to_owned(), settings),
        (Method::GET, "/operator/audit".to_owned(), None),
        (
            Method::GET,
            "/operator/audit?action=shop.approve".to_owned(),
            None,
        ),
        (Method::GET, "/operator/disputes".to_owned(), None),
        (
            Method::GET,
            "/operator/disputes?status=open".to_owned(),
            None,
        ),
        (
            Method::POST,
            format!("/operator/disputes/{}/decide", services::new_id()),
            Some(json!({"decision": "reject", "reason": "because"})),
        ),
        (
            Method::POST,
            format!("/operator/payouts/{}", m.shop_a.id),
            reason.clone(),
        ),
    ];
    for action in ["approve", "reject", "suspend", "reinstate"] {
        routes.push((
            Method::POST,
            format!("/operator/shops/{shop}/{action}"),
            reason.clone(),
        ));
    }
    for action in ["takedown", "clear"] {
        routes.push((
            Method::POST,
            format!("/operator/offers/{offer}/{action}"),
            reason.clone(),
        ));
    }
    for (method, path, body) in &routes {
        for (who, client, expected) in [
            ("anonymous", &anonymous, 401),
            ("shopper", &shopper, 403),
            ("seller", &m.shop_b.staff, 403),
        ] {
            let got = status_of(client, method.clone(), path, body.clone()).await;
            assert_eq!(got, expected, "{method} {path} as {who}");
        }
    }
    // Nothing changed behind the refusals.
    let ops = operator(&app).await;
    assert!(audit(&ops, "").await.is_empty());
    assert_eq!(
        status_of(
            &anonymous,
            Method::POST,
            &format!("/offers/{offer}/report"),
            reason
        )
        .await,
        401
    );
}

#[tokio::test]
async fn an_operator_approves_an_application_and_rejects_another_with_a_reason() {
    let app = spawn_app().await;
    let ops = operator(&app).await;
    let apply = |email: &'static str, slug: &'static str| {
        let app = &app;
        async move {
            let staff = logged_in(app, email).await;
            let shop: SellerShopResponse = staff
                .post(
                    "/seller/shop",
                    &CreateShopRequest {
                        name: format!("Boutique {slug}"),
                        slug: slug.into(),
                        description: "Des objets choisis".into(),
                    },
                )
                .await
                .expect("applied");
            (staff, shop.shop.id)
        }
    };
    let (staff_a, shop_a) = apply("a@sellers.test", "atelier-nord").await;
    let (staff_b, shop_b) = apply("b@sellers.test", "bazar-sud").await;

    let queue: ListResponse<OperatorShop> = ops
        .get("/operator/shops?status=pending")
        .await
        .expect("queue");
    assert_eq!(queue.total, 2);
    let first = &queue.items[0];
    assert_eq!(
        (first.id.as_str(), first.owner_email.as_str()),
        (shop_a.as_str(), "a@sellers.test")
    );
    let bad: Result<ListResponse<OperatorShop>, _> = ops.get("/operator/shops?status=closed").await;
    assert_eq!(bad.expect_err("bad status").field(), Some("status"));

    assert_eq!(
        status_of(&app.client(), Method::GET, "/shops/atelier-nord", None).await,
        404
    );
    let approved = decide_shop(&ops, &shop_a, "approve", "")
        .await
        .expect("approved");
    assert_eq!(approved.status, api_types::ShopStatus::Approved);
    assert_eq!(
        status_of(&app.client(), Method::GET, "/shops/atelier-nord", None).await,
        200
    );
    let again = decide_shop(&ops, &shop_a, "approve", "")
        .await
        .expect_err("twice");
    assert_eq!(
        (again.status(), again.code()),
        (Some(409), Some("invalid_transition"))
    );
    let reinstate = decide_shop(&ops, &shop_a, "reinstate", "why not")
        .await
        .expect_err("not suspended");
    assert_eq!(reinstate.status(), Some(409));

    let no_reason = decide_shop(&ops, &shop_b, "reject", "  ")
        .await
        .expect_err("needs a reason");
    assert_eq!(
        (no_reason.status(), no_reason.field()),
        (Some(422), Some("reason"))
    );
    let rejected = decide_shop(&ops, &shop_b, "reject", "Le catalogue proposé est vide")
        .await
        .expect("rejected");
    assert_eq!(rejected.status, api_types::ShopStatus::Rejected);
    assert_eq!(
        rejected.status_reason.as_deref(),
        Some("Le catalogue proposé est vide")
    );
    let unknown = status_of(
        &ops,
        Method::POST,
        &format!("/operator/shops/{shop_b}/close"),
        Some(json!({"reason": "x"})),
    )
    .await;
    assert_eq!(unknown, 404);

    // Both applicants are told, the rejected one why.
    let told_a = notifications(&staff_a).await;
    assert!(
        told_a.iter().any(|n| n.kind == "shop_approve"),
        "{told_a:?}"
    );
    let told_b = notifications(&staff_b).await;
    assert!(
        told_b
            .iter()
            .any(|n| n.kind == "shop_reject" && n.body.contains("Le catalogue proposé est vide")),
        "{told_b:?}"
    );

    let log = audit(&ops, "target_type=shop").await;
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["shop.reject", "shop.approve"]);
    assert_eq!(log[0].operator_name, "Olive Operator");
    assert_eq!(log[0].target_id, shop_b);
    assert_eq!(log[0].reason, "Le catalogue proposé est vide");
    assert_eq!(
        (
            log[0].changes[0].old.as_str(),
            log[0].changes[0].new.as_str()
        ),
        ("pending", "rejected")
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_suspended_shop_vanishes_for_shoppers_and_its_cart_lines_cannot_be_bought_until_reinstated()
 {
    let app = spawn_app().await;
    let m: Market = market(&app, 10).await;
    let ops = operator(&app).await;
    let product = product_of(&m.shop_a.staff, &m.offer_a).await;
    assert!(on_product_page(&app, &product, &m.offer_a).await);
    assert!(found_by_search(&app, "lampe", &product).await);

    // An order paid before the suspension carries on.
    let earlier = logged_in(&app, "earlier@shoppers.test").await;
    add_to_cart(&earlier, &m.offer_a, 1).await;
    let paid: OrderResponse = earlier
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let part = paid.order.seller_orders[0].id.clone();

    let shopper = logged_in(&app, "later@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 1).await;
    let suspended = decide_shop(&ops, &m.shop_a.id, "suspend", "Trop de colis jamais livrés")
        .await
        .expect("suspended");
    assert_eq!(suspended.status, api_types::ShopStatus::Suspended);

    assert!(!on_product_page(&app, &product, &m.offer_a).await);
    assert!(!found_by_search(&app, "lampe", &product).await);
    assert_eq!(
        status_of(&app.client(), Method::GET, "/shops/atelier-a", None).await,
        404
    );
    let refused = shopper
        .post::<_, OrderResponse>("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect_err("refused");
    assert_eq!(
        (refused.status(), refused.code()),
        (Some(409), Some("offer_unavailable"))
    );
    let cart: Value = shopper.get("/cart").await.expect("cart");
    assert!(cart.to_string().contains("unavailable"), "{cart}");
    let accepted: Value = m
        .shop_a
        .staff
        .post(&format!("/seller/orders/{part}/accept"), &json!({}))
        .await
        .expect("a suspended shop still fulfils paid orders");
    assert_eq!(accepted["seller_order"]["status"], "accepted");

    let told = notifications(&m.shop_a.staff).await;
    assert!(
        told.iter()
            .any(|n| n.kind == "shop_suspend" && n.body.contains("jamais livrés"))
    );

    decide_shop(&ops, &m.shop_a.id, "reinstate", "Livraisons rétablies")
        .await
        .expect("reinstated");
    assert!(on_product_page(&app, &product, &m.offer_a).await);
    assert!(found_by_search(&app, "lampe", &product).await);
    let _: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("bought after reinstatement");

    let log = audit(&ops, &format!("target_id={}", m.shop_a.id)).await;
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["shop.reinstate", "shop.suspend"]);
    assert_eq!(log[1].reason, "Trop de colis jamais livrés");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_reported_offer_taken_down_disappears_and_its_seller_sees_why() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let ops = operator(&app).await;
    let shopper = logged_in(&app, "careful@shoppers.test").await;
    let product = product_of(&m.shop_a.staff, &m.offer_a).await;

    let report: OfferReportResponse = shopper
        .post(
            &format!("/offers/{}/report", m.offer_a),
            &json!({"reason": "Photo volée, produit douteux"}),
        )
        .await
        .expect("reported");
    assert_eq!(report.report.status, "open");
    let twice = shopper
        .post::<_, OfferReportResponse>(
            &format!("/offers/{}/report", m.offer_a),
            &json!({"reason": "encore"}),
        )
        .await
        .expect_err("once is enough");
    assert_eq!(
        (twice.status(), twice.code()),
        (Some(409), Some("already_reported"))
    );
    let empty = shopper
        .post::<_, OfferReportResponse>(&format!("/offers/{}/report", m.offer_b), &json!({}))
        .await
        .expect_err("a reason is needed");
    assert_eq!((empty.status(), empty.field()), (Some(422), Some("reason")));
    assert_eq!(
        status_of(
            &shopper,
            Method::POST,
            "/offers/no-such-offer/report",
            Some(json!({"reason": "x"}))
        )
        .await,
        404
    );

    let queue: ListResponse<ReportCase> = ops.get("/operator/reports").await.expect("queue");
    assert_eq!(queue.total, 1);
    assert_eq!(queue.items[0].offer_id, m.offer_a);
    assert_eq!(queue.items[0].reasons, ["Photo volée, produit douteux"]);

    let no_reason = decide_offer(&ops, &m.offer_a, "takedown", "")
        .await
        .expect_err("needs a reason");
    assert_eq!(
        (no_reason.status(), no_reason.field()),
        (Some(422), Some("reason"))
    );
    let down = decide_offer(&ops, &m.offer_a, "takedown", "Contrefaçon avérée")
        .await
        .expect("taken down");
    assert_eq!(down.offer.status, "taken_down");
    assert_eq!(
        down.offer.moderation_note.as_deref(),
        Some("Contrefaçon avérée")
    );
    let again = decide_offer(&ops, &m.offer_a, "takedown", "encore")
        .await
        .expect_err("already down");
    assert_eq!(again.status(), Some(409));

    assert!(!on_product_page(&app, &product, &m.offer_a).await);
    let queue: ListResponse<ReportCase> = ops.get("/operator/reports").await.expect("queue");
    assert_eq!(queue.total, 0);

    // The seller sees the status, the reason beside the offer, and a message.
    let own: SellerOfferResponse = m
        .shop_a
        .staff
        .get(&format!("/seller/offers/{}", m.offer_a))
        .await
        .expect("own offer");
    assert_eq!(own.offer.status, "taken_down");
    let why: OfferModerationResponse = m
        .shop_a
        .staff
        .get(&format!("/seller/offers/{}/moderation", m.offer_a))
        .await
        .expect("moderation");
    assert_eq!(why.moderation.note.as_deref(), Some("Contrefaçon avérée"));
    let hidden = status_of(
        &m.shop_b.staff,
        Method::GET,
        &format!("/seller/offers/{}/moderation", m.offer_a),
        None,
    )
    .await;
    assert_eq!(hidden, 404, "another shop's offer is not found");
    let told = notifications(&m.shop_a.staff).await;
    assert!(
        told.iter()
            .any(|n| n.kind == "offer_takedown" && n.body.contains("Contrefaçon avérée"))
    );
    let republish = m
        .shop_a
        .staff
        .call::<_, SellerOfferResponse>(
            Method::PATCH,
            &format!("/seller/offers/{}", m.offer_a),
            &json!({"gtin": "4006381333931", "title": "Lampe de bureau", "brand": "Test",
                    "price_cents": 1200, "condition": "new", "description": "",
                    "category": "maison", "delivery_price_cents": 0, "status": "active"}),
        )
        .await
        .expect_err("stays down");
    assert_eq!(republish.status(), Some(409));

    let cleared = decide_offer(&ops, &m.offer_a, "clear", "Erreur de signalement")
        .await
        .expect("cleared");
    assert_eq!(cleared.offer.status, "active");
    assert!(on_product_page(&app, &product, &m.offer_a).await);
    let nothing = decide_offer(&ops, &m.offer_b, "clear", "")
        .await
        .expect_err("nothing to clear");
    assert_eq!(nothing.status(), Some(409));

    let log = audit(&ops, &format!("target_type=offer&target_id={}", m.offer_a)).await;
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["offer.clear", "offer.takedown"]);
    assert_eq!(log[1].reason, "Contrefaçon avérée");
    assert_eq!(log[1].operator_email, "ops@halles.test");
    let by_action = audit(&ops, "action=offer.takedown").await;
    assert_eq!(by_action.len(), 1);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn doubtful_listings_wait_for_review_instead_of_going_live() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let ops = operator(&app).await;
    let product = product_of(&m.shop_a.staff, &m.offer_a).await;

    // A's lamp sells at 12.00 €; B lists the same GTIN at 1.00 €: far under the median.
    let cheap = list_offer(&m.shop_b, "4006381333931", "Lampe de bureau", 100).await;
    let held: SellerOfferResponse = m
        .shop_b
        .staff
        .get(&format!("/seller/offers/{cheap}"))
        .await
        .expect("own offer");
    assert_eq!(held.offer.status, "review");
    assert!(!on_product_page(&app, &product, &cheap).await);
    let why: OfferModerationResponse = m
        .shop_b
        .staff
        .get(&format!("/seller/offers/{cheap}/moderation"))
        .await
        .expect("moderation");
    assert!(why.moderation.note.unwrap_or_default().contains("median"));

    // A banned word holds a listing too, whatever its price.
    let shop_c = open_shop(&app, "chez-c").await;
    let replica = list_offer(&shop_c, "9780201379624", "Sac réplique de luxe", 5000).await;
    let held: SellerOfferResponse = shop_c
        .staff
        .get(&format!("/seller/offers/{replica}"))
        .await
        .expect("own offer");
    assert_eq!(held.offer.status, "review");

    // A price in line publishes at once.
    let fair = list_offer(&shop_c, "4006381333931", "Lampe de bureau", 1300).await;
    let live: SellerOfferResponse = shop_c
        .staff
        .get(&format!("/seller/offers/{fair}"))
        .await
        .expect("own offer");
    assert_eq!(live.offer.status, "active");

    let queue: ListResponse<ReportCase> = ops.get("/operator/reports").await.expect("queue");
    let ids: Vec<&str> = queue.items.iter().map(|c| c.offer_id.as_str()).collect();
    assert_eq!(ids, [cheap.as_str(), replica.as_str()]);
    assert!(
        queue.items[0]
            .moderation_note
            .as_deref()
            .unwrap_or_default()
            .contains("median")
    );

    let cleared = decide_offer(&ops, &cheap, "clear", "Déstockage vérifié")
        .await
        .expect("cleared");
    assert_eq!(cleared.offer.status, "active");
    assert!(on_product_page(&app, &product, &cheap).await);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn settings_are_checked_field_by_field_and_every_change_is_audited() {
    let app = spawn_app().await;
    let ops = operator(&app).await;
    let before: SettingsResponse = ops.get("/operator/settings").await.expect("settings");
    assert_eq!(before.settings.commission_rate_bps, 1200);

    let put = |body: Value| {
        let ops = &ops;
        async move {
            ops.call::<_, SettingsResponse>(Method::PUT, "/operator/settings", &body)
                .await
        }
    };
    let valid = json!({"commission_rate_bps": 1000, "cashback_rate_bps": 250,
                       "return_window_days": 30, "pickup_hold_days": 3});
    for (field, value) in [
        ("commission_rate_bps", json!(-5)),
        ("cashback_rate_bps", json!(9000)),
        ("return_window_days", json!(3)),
        ("pickup_hold_days", json!(0)),
        ("pickup_hold_days", json!("seven")),
    ] {
        let mut body = valid.clone();
        body[field] = value;
        let err = put(body).await.expect_err("refused");
        assert_eq!(
            (err.status(), err.field()),
            (Some(422), Some(field)),
            "{field}"
        );
    }
    let mut missing = valid.clone();
    missing
        .as_object_mut()
        .expect("an object")
        .remove("return_window_days");
    let err = put(missing).await.expect_err("missing field");
    assert_eq!(
        (err.status(), err.field()),
        (Some(422), Some("return_window_days"))
    );
    let unchanged: SettingsResponse = ops.get("/operator/settings").await.expect("settings");
    assert_eq!(unchanged.settings, before.settings);

    let after = put(valid.clone()).await.expect("saved");
    assert_eq!(after.settings.commission_rate_bps, 1000);
    assert_eq!(after.settings.return_window_days, 30);
    let read: SettingsResponse = ops.get("/operator/settings").await.expect("settings");
    assert_eq!(read.settings, after.settings);
    put(valid).await.expect("saving the same values again");

    let log = audit(&ops, "action=settings.update").await;
    assert_eq!(log.len(), 1, "an unchanged save records nothing");
    let changes: Vec<(&str, &str, &str)> = log[0]
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        changes,
        [
            ("commission_rate_bps", "1200", "1000"),
            ("cashback_rate_bps", "300", "250"),
            ("return_window_days", "14", "30"),
            ("pickup_hold_days", "5", "3"),
        ]
    );
    assert_eq!(log[0].operator_name, "Olive Operator");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn the_audit_log_cannot_be_rewritten_and_pages() {
    let app = spawn_app().await;
    let m = market(&app, 1).await;
    let ops = operator(&app).await;
    decide_shop(&ops, &m.shop_a.id, "suspend", "un")
        .await
        .expect("suspended");
    decide_shop(&ops, &m.shop_a.id, "reinstate", "deux")
        .await
        .expect("reinstated");
    decide_shop(&ops, &m.shop_b.id, "suspend", "trois")
        .await
        .expect("suspended");

    let page: ListResponse<AuditEntry> = ops
        .get("/operator/audit?per_page=2&page=2")
        .await
        .expect("page 2");
    assert_eq!((page.total, page.items.len()), (3, 1));
    assert_eq!(page.items[0].reason, "un");

    use sea_orm::ConnectionTrait;
    for sql in [
        "UPDATE audit_log SET reason = 'nothing happened'",
        "DELETE FROM audit_log",
    ] {
        let refused = app.db.conn().execute_unprepared(sql).await;
        assert!(refused.is_err(), "{sql} was allowed");
    }
    assert_eq!(audit(&ops, "").await.len(), 3);
    assert_invariants(&app).await;
}
