//! "Signaler un problème" on the order page (`POST /orders/{id}/parts/{part_id}/dispute`)
//! as a browser without JavaScript does it: the report is opened and shown under review,
//! a refused one comes back with a readable error and what was typed, a forged form or
//! another shopper opens nothing, a visitor is sent to log in, and once an operator
//! decides, the page shows the decision and its reason, in French and in English.

use admin_tui::client::ApiClient;
use api_types::ListResponse;
use api_types::buying::OrderResponse;
use api_types::operating::{Dispute, DisputeResponse};
use reqwest::header::LOCATION;
use serde_json::json;
use tests::{TestApp, csrf_in, spawn_app};

use crate::market::{Market, add_to_cart, delivered, market, seller_step};
use crate::operating::operator;
use crate::wallet::{page, shopper};

/// A shopper (API client and browser) with a paid order of 2 × A's lamp (24.00 €),
/// shipped: the order's page and A's part.
struct Shipped {
    api: ApiClient,
    browser: reqwest::Client,
    order_page: String,
    order_id: String,
    part: String,
}

async fn shipped_order(app: &TestApp, m: &Market, email: &str) -> Shipped {
    let (api, browser) = shopper(app, email).await;
    add_to_cart(&api, &m.offer_a, 2).await;
    let order: OrderResponse = api
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let part = order.order.seller_orders[0].id.clone();
    seller_step(&m.shop_a.staff, &part, "accept", json!({}))
        .await
        .expect("accepted");
    seller_step(
        &m.shop_a.staff,
        &part,
        "ship",
        json!({"carrier": "Colissimo", "tracking": "6A1"}),
    )
    .await
    .expect("shipped");
    Shipped {
        api,
        browser,
        order_page: format!("/orders/{}", order.order.id),
        order_id: order.order.id,
        part,
    }
}

/// Posts the form as it is on the page (with the page's CSRF token unless `csrf` says
/// otherwise); returns the status and where it leads.
async fn post_report(
    browser: &reqwest::Client,
    app: &TestApp,
    order_id: &str,
    part: &str,
    fields: &[(&str, &str)],
    csrf: Option<&str>,
) -> (u16, String) {
    let token = match csrf {
        Some(token) => token.to_owned(),
        None => csrf_in(&page(browser, app, &format!("/orders/{order_id}")).await.1),
    };
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("csrf", &token));
    let response = browser
        .post(app.url(&format!("/orders/{order_id}/parts/{part}/dispute")))
        .form(&form)
        .send()
        .await
        .expect("sent");
    let to = response
        .headers()
        .get(LOCATION)
        .map(|to| to.to_str().expect("ascii").to_owned())
        .unwrap_or_default();
    (response.status().as_u16(), to)
}

/// Reports "not received" with `message` through the page's form; the status.
async fn report(app: &TestApp, order: &Shipped, message: &str) -> u16 {
    let fields = [("kind", "not_received"), ("message", message)];
    post_report(
        &order.browser,
        app,
        &order.order_id,
        &order.part,
        &fields,
        None,
    )
    .await
    .0
}

async fn disputes_of(api: &ApiClient) -> Vec<Dispute> {
    api.get::<ListResponse<Dispute>>("/disputes")
        .await
        .expect("the shopper's disputes")
        .items
}

/// The opening tag of the first element whose tag holds `marker`.
fn tag_with<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html.find(marker).expect(marker);
    let start = html[..at].rfind('<').expect("tag start");
    &html[start..at + html[at..].find('>').expect("tag end")]
}

#[tokio::test]
async fn a_shopper_reports_a_problem_from_the_order_page_and_sees_it_under_review() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let order = shipped_order(&app, &m, "colis@shoppers.test").await;
    let action = format!(
        "action=\"/orders/{}/parts/{}/dispute\"",
        order.order_id, order.part
    );

    let (status, html) = page(&order.browser, &app, &order.order_page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Signaler un problème"));
    assert!(html.contains(&action), "the form posts to the part");
    assert!(html.contains("Colis non reçu") && html.contains("Non conforme à la description"));
    assert!(!tag_with(&html, "class=\"dispute-request\"").contains("open"));

    let (status, to) = post_report(
        &order.browser,
        &app,
        &order.order_id,
        &order.part,
        &[
            ("kind", "not_received"),
            ("message", "  Colis jamais arrivé "),
        ],
        None,
    )
    .await;
    assert_eq!(
        (status, to),
        (303, format!("{}#dispute-{}", order.order_page, order.part))
    );
    let (_, html) = page(&order.browser, &app, &order.order_page).await;
    assert!(html.contains("Votre signalement est envoyé."));
    assert!(html.contains("En cours d'examen"));
    assert!(html.contains("Colis jamais arrivé"));
    assert!(
        !html.contains(&action),
        "no second report while one is under review"
    );

    let mine = disputes_of(&order.api).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(
        (
            mine[0].kind.as_str(),
            mine[0].message.as_str(),
            mine[0].status.as_str()
        ),
        ("not_received", "Colis jamais arrivé", "open")
    );
    let (_, again) = page(&order.browser, &app, &order.order_page).await;
    assert!(
        !again.contains("Votre signalement est envoyé."),
        "said once"
    );
}

#[tokio::test]
async fn a_refused_report_comes_back_with_a_readable_error_and_what_was_typed() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let order = shipped_order(&app, &m, "vide@shoppers.test").await;

    let (status, _) = post_report(
        &order.browser,
        &app,
        &order.order_id,
        &order.part,
        &[("kind", "not_as_described"), ("message", "   ")],
        None,
    )
    .await;
    assert_eq!(status, 303);
    let (status, html) = page(&order.browser, &app, &order.order_page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Décrivez le problème en quelques mots (2000 caractères au plus)."));
    assert!(tag_with(&html, "Décrivez le problème en quelques mots").contains("role=\"alert\""));
    assert!(
        tag_with(&html, "class=\"dispute-request\"").contains("open"),
        "form reopened"
    );
    assert!(
        tag_with(&html, "value=\"not_as_described\"").contains("checked"),
        "the kind picked is kept"
    );
    assert!(!tag_with(&html, "value=\"not_received\"").contains("checked"));

    post_report(
        &order.browser,
        &app,
        &order.order_id,
        &order.part,
        &[("message", "Écran fissuré à l'arrivée")],
        None,
    )
    .await;
    let (_, html) = page(&order.browser, &app, &order.order_page).await;
    assert!(
        html.contains("Choisissez le problème : colis non reçu, ou non conforme à la description.")
    );
    assert!(
        html.contains("Écran fissuré à l&#x27;arrivée</textarea>")
            || html.contains("Écran fissuré à l'arrivée</textarea>"),
        "the message is put back"
    );
    assert!(disputes_of(&order.api).await.is_empty(), "nothing opened");
}

#[tokio::test]
async fn a_forged_form_opens_nothing() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let order = shipped_order(&app, &m, "forge@shoppers.test").await;

    let (status, to) = post_report(
        &order.browser,
        &app,
        &order.order_id,
        &order.part,
        &[("kind", "not_received"), ("message", "Rien reçu")],
        Some("forged"),
    )
    .await;
    assert_eq!(
        (status, to),
        (303, format!("{}#dispute-{}", order.order_page, order.part))
    );
    let (_, html) = page(&order.browser, &app, &order.order_page).await;
    assert!(html.contains("Le formulaire a expiré. Merci de réessayer."));
    assert!(
        html.contains("Rien reçu</textarea>"),
        "what was typed is kept"
    );
    assert!(disputes_of(&order.api).await.is_empty(), "nothing opened");
}

#[tokio::test]
async fn a_visitor_is_sent_to_log_in_and_odd_ids_are_not_found() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let order = shipped_order(&app, &m, "visite@shoppers.test").await;
    let visitor = app.browser();

    let (status, to) = post_report(
        &visitor,
        &app,
        &order.order_id,
        &order.part,
        &[("kind", "not_received"), ("message", "Rien reçu")],
        Some(""),
    )
    .await;
    assert_eq!(
        (status, to),
        (303, format!("/login?next={}", order.order_page))
    );

    let (status, _) = post_report(
        &order.browser,
        &app,
        "not%20an%20id",
        &order.part,
        &[("kind", "not_received"), ("message", "Rien reçu")],
        Some(&csrf_in(
            &page(&order.browser, &app, &order.order_page).await.1,
        )),
    )
    .await;
    assert_eq!(status, 404);
    assert!(disputes_of(&order.api).await.is_empty(), "nothing opened");
}

#[tokio::test]
async fn another_shopper_cannot_report_a_problem_on_someone_elses_order() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let order = shipped_order(&app, &m, "owner@shoppers.test").await;
    let (other_api, other) = shopper(&app, "other@shoppers.test").await;
    let (_, account) = page(&other, &app, "/account").await;

    let (status, _) = post_report(
        &other,
        &app,
        &order.order_id,
        &order.part,
        &[("kind", "not_received"), ("message", "pas à moi")],
        Some(&csrf_in(&account)),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = page(&other, &app, &order.order_page).await;
    assert_eq!(status, 404, "nor may they see the order");
    assert!(disputes_of(&order.api).await.is_empty(), "nothing opened");
    assert!(disputes_of(&other_api).await.is_empty());
}

#[tokio::test]
async fn the_order_page_shows_each_decision_with_its_reason_in_french_and_english() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let order = shipped_order(&app, &m, "decision@shoppers.test").await;
    assert_eq!(report(&app, &order, "Un des deux colis manque").await, 303);
    let first = disputes_of(&order.api).await.remove(0);
    m.shop_a
        .staff
        .post::<_, DisputeResponse>(
            &format!("/seller/disputes/{}/answer", first.id),
            &json!({"message": "Deux colis remis au transporteur"}),
        )
        .await
        .expect("answered");
    let ops = operator(&app).await;
    ops.post::<_, DisputeResponse>(
        &format!("/operator/disputes/{}/decide", first.id),
        &json!({"decision": "refund", "amount_cents": 1200, "reason": "Un colis perdu par le transporteur"}),
    )
    .await
    .expect("refunded");

    let (_, html) = page(&order.browser, &app, &order.order_page).await;
    assert!(html.contains("Remboursé 12,00\u{a0}€"));
    assert!(
        html.contains("Un colis perdu par le transporteur"),
        "the reason"
    );
    assert!(
        html.contains("Réponse du vendeur") && html.contains("Deux colis remis au transporteur")
    );
    assert!(!html.contains("En cours d'examen"));
    assert!(
        html.contains(&format!(
            "/orders/{}/parts/{}/dispute",
            order.order_id, order.part
        )),
        "after a decision, another problem may be reported"
    );

    assert_eq!(report(&app, &order, "Le second est abîmé").await, 303);
    let second = disputes_of(&order.api)
        .await
        .into_iter()
        .find(|dispute| dispute.status == "open")
        .expect("a second one, open");
    ops.post::<_, DisputeResponse>(
        &format!("/operator/disputes/{}/decide", second.id),
        &json!({"decision": "reject", "reason": "Photos conformes à l'annonce"}),
    )
    .await
    .expect("rejected");

    let (_, html) = page(&order.browser, &app, &order.order_page).await;
    assert!(html.contains("Rejeté"));
    let rejected = html.find("Rejeté").expect("rejected");
    let refunded = html.find("Remboursé 12,00").expect("refunded");
    assert!(rejected < refunded, "newest first");

    let (status, english) = page(
        &order.browser,
        &app,
        &format!("{}?lang=en", order.order_page),
    )
    .await;
    assert_eq!(status, 200);
    assert!(english.contains("Report a problem"));
    assert!(english.contains("Refunded €12.00") && english.contains("Rejected"));
    assert!(english.contains("Problem reported") && english.contains("Not received"));
    assert!(
        english.contains("The seller&#x27;s answer") || english.contains("The seller's answer")
    );
    assert!(english.contains("Halles&#x27; decision") || english.contains("Halles' decision"));
}
