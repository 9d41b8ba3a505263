//! Reporting an offer from the product page (`POST /offers/{id}/report`) as a browser
//! without JavaScript does it: the report reaches the operators' queue, a second one by
//! the same shopper and an empty one come back to the page with a readable note, and a
//! visitor is sent to log in first.

use api_types::ListResponse;
use api_types::operating::ReportCase;
use reqwest::header::LOCATION;
use tests::shopping::{StockedShop, add_kitchen_category, stocked_shop};
use tests::{TestApp, csrf_in, spawn_app};

use crate::operating::operator;
use crate::wallet::{page, shopper};

/// A shop selling the kettle, and its product page's canonical address.
async fn kettle_on_sale(app: &TestApp) -> (StockedShop, String) {
    add_kitchen_category(app).await;
    let shop = stocked_shop(
        app,
        "staff@cuisine.test",
        "Cuisine Bastille",
        "cuisine-bastille",
        3990,
        490,
        5,
    )
    .await;
    let moved = app
        .browser()
        .get(app.url(&format!("/products/{}", shop.product_id)))
        .send()
        .await
        .expect("sent");
    let path = moved.headers()[LOCATION]
        .to_str()
        .expect("ascii")
        .to_owned();
    (shop, path)
}

/// Posts the report form of `offer_id` found on `product_page`; returns the redirect.
async fn report(
    browser: &reqwest::Client,
    app: &TestApp,
    product_page: &str,
    offer_id: &str,
    kind: &str,
    details: &str,
) -> String {
    let (_, html) = page(browser, app, product_page).await;
    let response = browser
        .post(app.url(&format!("/offers/{offer_id}/report")))
        .form(&[
            ("kind", kind),
            ("details", details),
            ("csrf", &csrf_in(&html)),
            ("back", product_page),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 303, "answered with a redirect");
    response.headers()[LOCATION]
        .to_str()
        .expect("ascii")
        .to_owned()
}

async fn queue(app: &TestApp) -> Vec<ReportCase> {
    operator(app)
        .await
        .get::<ListResponse<ReportCase>>("/operator/reports")
        .await
        .expect("report queue")
        .items
}

#[tokio::test]
async fn a_shopper_reports_an_offer_from_the_product_page_and_operators_see_it() {
    let app = spawn_app().await;
    let (shop, product_page) = kettle_on_sale(&app).await;
    let (_, browser) = shopper(&app, "claire@shoppers.test").await;

    let (status, html) = page(&browser, &app, &product_page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Signaler cette offre"), "the link is there");
    assert!(html.contains(&format!("action=\"/offers/{}/report\"", shop.offer_id)));
    let (_, english) = page(&app.browser(), &app, &format!("{product_page}?lang=en")).await;
    assert!(english.contains("Report this offer"));

    let to = report(
        &browser,
        &app,
        &product_page,
        &shop.offer_id,
        "counterfeit",
        "  Logo mal imprimé ",
    )
    .await;
    assert_eq!(to, format!("{product_page}#offer-{}", shop.offer_id));
    let (_, html) = page(&browser, &app, &product_page).await;
    assert!(html.contains("Merci, notre équipe va examiner cette offre."));

    let cases = queue(&app).await;
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].offer_id, shop.offer_id);
    assert_eq!(cases[0].open_reports, 1);
    assert_eq!(cases[0].reasons, ["Contrefaçon : Logo mal imprimé"]);
}

#[tokio::test]
async fn a_second_report_by_the_same_shopper_says_it_was_already_reported() {
    let app = spawn_app().await;
    let (shop, product_page) = kettle_on_sale(&app).await;
    let (_, browser) = shopper(&app, "claire@shoppers.test").await;
    report(
        &browser,
        &app,
        &product_page,
        &shop.offer_id,
        "prohibited",
        "",
    )
    .await;

    let to = report(
        &browser,
        &app,
        &product_page,
        &shop.offer_id,
        "other",
        "encore",
    )
    .await;
    assert_eq!(to, format!("{product_page}#offer-{}", shop.offer_id));
    let (status, html) = page(&browser, &app, &product_page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Vous avez déjà signalé cette offre"));
    assert!(!html.contains("role=\"alert\""), "not shown as an error");

    let cases = queue(&app).await;
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].reasons, ["Produit interdit"]);
}

#[tokio::test]
async fn an_empty_reason_is_refused_with_a_readable_message_and_nothing_is_filed() {
    let app = spawn_app().await;
    let (shop, product_page) = kettle_on_sale(&app).await;
    let (_, browser) = shopper(&app, "claire@shoppers.test").await;

    for (kind, details) in [("", "   "), ("other", "")] {
        report(&browser, &app, &product_page, &shop.offer_id, kind, details).await;
        let (status, html) = page(&browser, &app, &product_page).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("Choisissez un motif ou décrivez le problème."),
            "{kind:?} {details:?}"
        );
        let at = html
            .find("offer-report\"")
            .and_then(|end| html[..end].rfind('<'))
            .expect("the report disclosure");
        let tag = &html[at..at + html[at..].find('>').expect("tag end")];
        assert!(
            tag.contains("offer-report") && tag.contains("open"),
            "form reopened: {tag}"
        );
    }

    let response = browser
        .post(app.url(&format!("/offers/{}/report", shop.offer_id)))
        .form(&[
            ("kind", "counterfeit"),
            ("csrf", "forged"),
            ("back", &product_page),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 303);
    assert!(queue(&app).await.is_empty(), "nothing reported");
}

#[tokio::test]
async fn a_visitor_is_sent_to_log_in_and_back_to_the_product_page() {
    let app = spawn_app().await;
    let (shop, product_page) = kettle_on_sale(&app).await;
    let visitor = app.browser();

    // The page offers a visitor the way to log in, not a form whose words would be lost.
    let (_, html) = page(&visitor, &app, &product_page).await;
    assert!(
        html.contains("Signaler cette offre (connexion requise)"),
        "the log-in link is there"
    );
    assert!(
        html.contains(&format!(
            "href=\"/login?next={}\"",
            product_page.replace('/', "%2F")
        )),
        "it comes back to the product page"
    );
    assert!(!html.contains(&format!("action=\"/offers/{}/report\"", shop.offer_id)));

    let to = report(
        &visitor,
        &app,
        &product_page,
        &shop.offer_id,
        "counterfeit",
        "",
    )
    .await;
    assert_eq!(to, format!("/login?next={product_page}"));
    assert!(queue(&app).await.is_empty(), "nothing reported");
}
