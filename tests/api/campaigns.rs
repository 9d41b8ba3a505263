//! Who pays for extra cashback: operators' campaigns on a shop or a category, and a
//! shop's own boosts. Each adds exactly its rate to what an order earns; the shop sees
//! what its boosts cost; bad input is a 422 naming the field; only operators run
//! campaigns, and a shop boosts only its own offers.

use admin_tui::client::{ApiClient, Method};
use api_types::ListResponse;
use api_types::buying::{OrderResponse, Wallet};
use api_types::operating::{Campaign, CampaignResponse};
use api_types::selling::SellerCashbackResponse;
use chrono::{Duration, Utc};
use serde_json::{Value, json};
use tests::{logged_in, spawn_app};

use crate::market::{add_to_cart, assert_invariants, delivered, market};
use crate::operating::operator;

async fn pending(client: &ApiClient) -> i64 {
    client
        .get::<Wallet>("/wallet")
        .await
        .expect("wallet")
        .pending_cents
}

async fn buy_one_teapot(shopper: &ApiClient, offer_b: &str, shop_b: &str) {
    add_to_cart(shopper, offer_b, 1).await;
    let _: OrderResponse = shopper
        .post("/checkout", &delivered(&[shop_b], "pm_card_visa"))
        .await
        .expect("paid");
}

fn in_days(days: i64) -> String {
    (Utc::now() + Duration::days(days)).to_rfc3339()
}

async fn refused(client: &ApiClient, path: &str, body: Value) -> (Option<u16>, Option<String>) {
    let err = client
        .post::<_, CampaignResponse>(path, &body)
        .await
        .expect_err("refused");
    (err.status(), err.field().map(str::to_owned))
}

#[tokio::test]
async fn a_campaign_and_a_boost_each_add_their_rate_and_the_shop_sees_the_cost() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let ops = operator(&app).await;
    let created: CampaignResponse = ops
        .post(
            "/operator/campaigns",
            &json!({"name": "Thé d'hiver", "rate_bps": 500, "shop_id": m.shop_b.id, "ends_at": in_days(7)}),
        )
        .await
        .expect("campaign created");
    let campaign = created.campaign.expect("a campaign");
    assert_eq!(
        (campaign.status.as_str(), campaign.rate_bps),
        ("running", 500)
    );

    // 25.00 € at the base 3 % plus the campaign's 5 %.
    let shopper = logged_in(&app, "winter@shoppers.test").await;
    buy_one_teapot(&shopper, &m.offer_b, &m.shop_b.id).await;
    assert_eq!(pending(&shopper).await, 200, "8 % of 25.00 €");

    // The shop adds a 2 % boost of its own: it pays for that part.
    let boosted: SellerCashbackResponse = m
        .shop_b
        .staff
        .send(
            m.shop_b
                .staff
                .raw(Method::PUT, "/api/v1/seller/cashback")
                .json(&json!({"shop_boost_bps": 200})),
        )
        .await
        .expect("boost set");
    assert_eq!(boosted.cashback.shop_boost_bps, Some(200));
    assert_eq!(
        boosted.cashback.campaigns.len(),
        1,
        "the campaign on the shop shows"
    );
    buy_one_teapot(&shopper, &m.offer_b, &m.shop_b.id).await;
    assert_eq!(pending(&shopper).await, 200 + 250, "then 10 %");
    let cost: SellerCashbackResponse = m.shop_b.staff.get("/seller/cashback").await.expect("cost");
    assert_eq!(
        (
            cost.cashback.boost_funded_cents,
            cost.cashback.boosted_orders
        ),
        (50, 1),
        "2 % of 25.00 €, one order"
    );

    // An offer's own boost replaces the shop's; 0 switches it off for that offer.
    let offer_boost: SellerCashbackResponse = m
        .shop_b
        .staff
        .send(
            m.shop_b
                .staff
                .raw(
                    Method::PUT,
                    &format!("/api/v1/seller/offers/{}/cashback", m.offer_b),
                )
                .json(&json!({"boost_bps": 0})),
        )
        .await
        .expect("offer boost set");
    assert_eq!(offer_boost.cashback.boosted_offers.len(), 1);
    buy_one_teapot(&shopper, &m.offer_b, &m.shop_b.id).await;
    assert_eq!(pending(&shopper).await, 450 + 200, "8 % again");

    // Ended early, with a reason: the base rate only, and the audit log says who and why.
    let ended: CampaignResponse = ops
        .post(
            &format!("/operator/campaigns/{}/end", campaign.id),
            &json!({"reason": "budget spent"}),
        )
        .await
        .expect("ended");
    assert_eq!(ended.campaign.expect("still listed").status, "ended");
    buy_one_teapot(&shopper, &m.offer_b, &m.shop_b.id).await;
    assert_eq!(pending(&shopper).await, 650 + 75, "3 % once it ended");
    let again = ops
        .post::<_, CampaignResponse>(
            &format!("/operator/campaigns/{}/end", campaign.id),
            &json!({"reason": "twice"}),
        )
        .await
        .expect_err("already ended");
    assert_eq!(again.status(), Some(409));
    let audit: ListResponse<api_types::operating::AuditEntry> = ops
        .get(&format!("/operator/audit?target_id={}", campaign.id))
        .await
        .expect("audit");
    let actions: Vec<&str> = audit
        .items
        .iter()
        .map(|entry| entry.action.as_str())
        .collect();
    assert!(
        actions.contains(&"campaign.create") && actions.contains(&"campaign.end"),
        "{actions:?}"
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn campaigns_on_a_category_and_upcoming_ones_are_withdrawn_outright() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let ops = operator(&app).await;
    let upcoming: CampaignResponse = ops
        .post(
            "/operator/campaigns",
            &json!({"name": "Maison", "rate_bps": 100, "category": "maison",
                    "starts_at": in_days(2), "ends_at": in_days(9)}),
        )
        .await
        .expect("created");
    let upcoming = upcoming.campaign.expect("campaign");
    assert_eq!(
        (upcoming.status.as_str(), upcoming.category.as_deref()),
        ("upcoming", Some("maison"))
    );
    let listed: ListResponse<Campaign> = ops.get("/operator/campaigns").await.expect("list");
    assert_eq!(listed.items.len(), 1);
    let withdrawn: CampaignResponse = ops
        .post(
            &format!("/operator/campaigns/{}/end", upcoming.id),
            &json!({"reason": "wrong dates"}),
        )
        .await
        .expect("withdrawn");
    assert!(withdrawn.campaign.is_none());
    let listed: ListResponse<Campaign> = ops.get("/operator/campaigns").await.expect("list");
    assert!(listed.items.is_empty());
    let _ = m;
}

#[tokio::test]
async fn bad_campaigns_and_boosts_are_refused_naming_the_field() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let ops = operator(&app).await;
    let base = json!({"name": "X", "rate_bps": 300, "shop_id": m.shop_a.id, "ends_at": in_days(3)});
    let with = |key: &str, value: Value| {
        let mut body = base.clone();
        body[key] = value;
        body
    };
    for (body, field) in [
        (with("rate_bps", json!(0)), "rate_bps"),
        (with("rate_bps", json!(5_000)), "rate_bps"),
        (with("name", json!("  ")), "name"),
        (with("ends_at", json!(in_days(-1))), "ends_at"),
        (with("ends_at", json!("next friday")), "ends_at"),
        (with("ends_at", json!(in_days(400))), "ends_at"),
        (with("starts_at", json!(in_days(-3))), "starts_at"),
        (with("category", json!("maison")), "shop_id"),
        (with("shop_id", json!("no-such-shop")), "shop_id"),
    ] {
        assert_eq!(
            refused(&ops, "/operator/campaigns", body.clone()).await,
            (Some(422), Some(field.to_owned())),
            "{body}"
        );
    }
    // Only operators run campaigns.
    let shopper = logged_in(&app, "curious@shoppers.test").await;
    for client in [&shopper, &m.shop_a.staff] {
        let status = client
            .raw(Method::GET, "/api/v1/operator/campaigns")
            .send()
            .await
            .expect("answered")
            .status()
            .as_u16();
        assert_eq!(status, 403);
    }
    // A boost is 0 to 20 %; a shop boosts only its own offers.
    let too_much = m
        .shop_a
        .staff
        .send::<SellerCashbackResponse>(
            m.shop_a
                .staff
                .raw(Method::PUT, "/api/v1/seller/cashback")
                .json(&json!({"shop_boost_bps": 2_500})),
        )
        .await
        .expect_err("too much");
    assert_eq!(
        (too_much.status(), too_much.field()),
        (Some(422), Some("shop_boost_bps"))
    );
    let not_mine = m
        .shop_a
        .staff
        .send::<SellerCashbackResponse>(
            m.shop_a
                .staff
                .raw(
                    Method::PUT,
                    &format!("/api/v1/seller/offers/{}/cashback", m.offer_b),
                )
                .json(&json!({"boost_bps": 100})),
        )
        .await
        .expect_err("another shop's offer");
    assert_eq!(not_mine.status(), Some(404));
    let shopper_boost = shopper
        .raw(Method::GET, "/api/v1/seller/cashback")
        .send()
        .await
        .expect("answered")
        .status()
        .as_u16();
    assert_eq!(shopper_boost, 403);
}
