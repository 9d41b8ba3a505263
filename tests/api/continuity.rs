//! One shopper on every device: the wishlist, recently viewed products (with the channel
//! they were seen through) and recommendations live on the account; API tokens are named
//! and can be listed and revoked one by one.

use admin_tui::client::{ApiClient, Method};
use api_types::ListResponse;
use api_types::catalog::ProductCard;
use api_types::omnichannel::{ApiToken, RecentlyViewed, WishlistItem};
use serde_json::json;
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{list_offer, market, stock};

async fn product_of(app: &TestApp, offer_id: &str) -> String {
    use sea_orm::EntityTrait;
    services::db::entity::offers::Entity::find_by_id(offer_id.to_owned())
        .one(app.db.conn())
        .await
        .expect("reading")
        .expect("the offer")
        .product_id
}

async fn second_device(app: &TestApp, email: &str, name: &str) -> ApiClient {
    let mut client = app.client();
    client
        .login(&api_types::LoginRequest {
            email: email.to_owned(),
            password: "correct horse battery".to_owned(),
            token_name: Some(name.to_owned()),
        })
        .await
        .expect("logging in again");
    client
}

#[tokio::test]
async fn the_wishlist_is_the_same_on_every_device() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let lamp = product_of(&app, &m.offer_a).await;
    let phone = logged_in(&app, "lou@shoppers.test").await;
    let laptop = second_device(&app, "lou@shoppers.test", "laptop").await;

    let added: ListResponse<WishlistItem> = phone
        .post("/wishlist", &json!({"product_id": lamp}))
        .await
        .expect("added");
    assert_eq!(added.total, 1);
    // Adding twice keeps one.
    let again: ListResponse<WishlistItem> = phone
        .post("/wishlist", &json!({"product_id": lamp}))
        .await
        .expect("still there");
    assert_eq!(again.total, 1);

    let seen: ListResponse<WishlistItem> = laptop.get("/wishlist").await.expect("list");
    assert_eq!(seen.items.len(), 1);
    let card = seen.items[0].product.as_ref().expect("on sale");
    assert_eq!(card.best_offer.as_ref().map(|o| o.price_cents), Some(1200));

    let unknown = phone
        .post::<_, ListResponse<WishlistItem>>("/wishlist", &json!({"product_id": "nope"}))
        .await
        .expect_err("unknown product");
    assert_eq!(unknown.status(), Some(422));
    let missing = phone
        .post::<_, ListResponse<WishlistItem>>("/wishlist", &json!({}))
        .await
        .expect_err("no product_id");
    assert_eq!(missing.status(), Some(422));

    // Another shopper's list is their own.
    let other = logged_in(&app, "max@shoppers.test").await;
    let theirs: ListResponse<WishlistItem> = other.get("/wishlist").await.expect("list");
    assert_eq!(theirs.total, 0);
    let anonymous = app
        .client()
        .get::<ListResponse<WishlistItem>>("/wishlist")
        .await
        .expect_err("anonymous");
    assert_eq!(anonymous.status(), Some(401));

    laptop
        .send_empty(laptop.raw(Method::DELETE, &format!("/api/v1/wishlist/{lamp}")))
        .await
        .expect("removed");
    let after: ListResponse<WishlistItem> = phone.get("/wishlist").await.expect("list");
    assert_eq!(after.total, 0);
}

#[tokio::test]
async fn products_seen_in_the_app_follow_the_shopper_and_feed_recommendations() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let lamp = product_of(&app, &m.offer_a).await;
    // Another product of the same category, which the shopper has not seen.
    let vase = list_offer(&m.shop_a, "3017620422003", "Vase en grès", 3900).await;
    stock(&m.shop_a, &vase, &m.shop_a.warehouse_id, 3).await;
    let vase_product = product_of(&app, &vase).await;

    let phone = logged_in(&app, "zoe@shoppers.test").await;
    let _: serde_json::Value = phone
        .get(&format!("/products/{lamp}"))
        .await
        .expect("seen in the app");
    let recent: ListResponse<RecentlyViewed> = phone.get("/recently-viewed").await.expect("recent");
    assert_eq!(recent.items.len(), 1);
    assert_eq!(recent.items[0].product.id, lamp);
    assert_eq!(recent.items[0].channel, "api");

    let picks: ListResponse<ProductCard> = phone
        .get("/recommendations")
        .await
        .expect("recommendations");
    let ids: Vec<&str> = picks.items.iter().map(|card| card.id.as_str()).collect();
    assert!(ids.contains(&vase_product.as_str()), "{ids:?}");
    assert!(!ids.contains(&lamp.as_str()), "not what was just seen");
}

#[tokio::test]
async fn api_tokens_are_named_listed_and_revoked_one_by_one() {
    let app = spawn_app().await;
    let laptop = logged_in(&app, "ana@shoppers.test").await;
    let phone = second_device(&app, "ana@shoppers.test", "Ana's phone").await;

    let tokens: ListResponse<ApiToken> = laptop.get("/auth/tokens").await.expect("tokens");
    assert_eq!(tokens.total, 2);
    let phone_token = tokens
        .items
        .iter()
        .find(|t| t.name.as_deref() == Some("Ana's phone"))
        .expect("named");
    assert!(!phone_token.current);
    assert!(tokens.items.iter().any(|t| t.current));

    // Someone else cannot revoke it (404, as if it did not exist).
    let other = logged_in(&app, "eve@shoppers.test").await;
    let err = other
        .send_empty(other.raw(
            Method::DELETE,
            &format!("/api/v1/auth/tokens/{}", phone_token.id),
        ))
        .await
        .expect_err("not theirs");
    assert_eq!(err.status(), Some(404));

    laptop
        .send_empty(laptop.raw(
            Method::DELETE,
            &format!("/api/v1/auth/tokens/{}", phone_token.id),
        ))
        .await
        .expect("revoked");
    let gone = phone
        .get::<serde_json::Value>("/me")
        .await
        .expect_err("the phone is signed out");
    assert_eq!(gone.status(), Some(401));
    let left: ListResponse<ApiToken> = laptop.get("/auth/tokens").await.expect("tokens");
    assert_eq!(left.total, 1);
}
