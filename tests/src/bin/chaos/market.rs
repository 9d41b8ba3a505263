//! The market the run trades in, set up through the API like real sellers would: three
//! approved shops, each with a click & collect store and a few offers in limited stock
//! (so shoppers compete for the last units), and shoppers with their own tokens.

use anyhow::Context;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use services::Db;

use crate::client::Api;

pub const SHOPS: usize = 3;
pub const OFFERS_PER_SHOP: usize = 3;
/// Units per offer at the start, and what sellers restock to.
pub const STOCK: i64 = 30;
pub const PASSWORD: &str = "chaos-monkey-password";

/// One shop and what a seller's worker needs to run it.
#[derive(Debug, Clone)]
pub struct Shop {
    pub id: String,
    pub token: String,
    pub store_id: String,
    pub offer_ids: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Shopper {
    pub token: String,
}

pub struct Market {
    pub shops: Vec<Shop>,
    pub shoppers: Vec<Shopper>,
}

/// Behind the API's back, once, before the server starts: the category offers are filed
/// under (the catalog tree is seeded data), cashback that matures as soon as an order is
/// collected (the legal 14-day return window is the reason nobody could spend cashback
/// within a run otherwise), and 1-minute reservations, so expiry races late payments.
pub async fn prepare_database(database_url: &str) -> anyhow::Result<()> {
    let db = Db::connect(database_url).await?;
    db.migrate().await.context("migrating")?;
    for sql in [
        "INSERT INTO categories (id, slug, parent_id, name_fr, name_en, position) \
         VALUES ('chaos-category', 'cuisine', NULL, 'Cuisine', 'Kitchen', 0)",
        "UPDATE platform_settings SET return_window_days = 0, reservation_minutes = 1, \
         cashback_rate_bps = 500 WHERE id = 1",
    ] {
        db.conn()
            .execute_raw(Statement::from_string(db.backend(), sql.to_owned()))
            .await
            .with_context(|| format!("preparing the database: {sql}"))?;
    }
    db.close().await?;
    Ok(())
}

/// Creates the operator account (an admin command, as in production).
pub fn create_operator(database_url: &str) -> anyhow::Result<()> {
    let status = tests::process::halles(database_url)
        .args([
            "create-operator",
            "--email",
            "operator@chaos.test",
            "--name",
            "Chaos",
        ])
        .env("HALLES_OPERATOR_PASSWORD", PASSWORD)
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .status()
        .context("running halles create-operator")?;
    anyhow::ensure!(status.success(), "halles create-operator failed");
    Ok(())
}

/// An EAN-13 with a valid check digit.
fn gtin(n: usize) -> String {
    let body = format!("400638{:06}", 100_000 + n);
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

async fn expect(what: &str, call: crate::client::Call<'_>) -> anyhow::Result<Value> {
    let reply = call
        .send()
        .await
        .with_context(|| format!("{what}: no answer"))?;
    anyhow::ensure!(reply.ok(), "{what}: {} {}", reply.status, reply.body);
    Ok(reply.body)
}

async fn sign_up(api: &Api, email: &str) -> anyhow::Result<String> {
    let signup = api
        .post("", "/auth/signup")
        .json(json!({"email": email, "password": PASSWORD, "name": "Chaos"}))
        .send()
        .await
        .context("signup: no answer")?;
    // 409: an earlier try went through before the answer was lost.
    anyhow::ensure!(
        signup.ok() || signup.status == 409,
        "signup: {} {}",
        signup.status,
        signup.body
    );
    log_in(api, email).await
}

async fn log_in(api: &Api, email: &str) -> anyhow::Result<String> {
    let login = expect(
        "login",
        api.post("", "/auth/login")
            .json(json!({"email": email, "password": PASSWORD})),
    )
    .await?;
    Ok(login["token"]
        .as_str()
        .context("login without a token")?
        .to_owned())
}

/// Opens, stocks and approves the shops; signs the shoppers up.
pub async fn open(api: &Api, shoppers: usize) -> anyhow::Result<Market> {
    let operator = log_in(api, "operator@chaos.test").await?;
    let mut shops = Vec::new();
    for s in 0..SHOPS {
        let token = sign_up(api, &format!("seller-{s}@chaos.test")).await?;
        let shop = expect(
            "create shop",
            api.post(&token, "/seller/shop").json(json!({
                "name": format!("Étal {s}"), "slug": format!("etal-{s}"),
                "description": "Arts de la table"})),
        )
        .await?;
        let shop_id = shop["shop"]["id"].as_str().context("shop id")?.to_owned();
        let store = expect(
            "create store",
            api.post(&token, "/seller/locations").json(json!({
                "name": format!("Étal {s} Bastille"), "kind": "store",
                "address": "4 rue de la Roquette", "postcode": "75011", "city": "Paris",
                "pickup": true, "opening_hours": "Lun–Sam 10h–19h"})),
        )
        .await?;
        let store_id = store["location"]["id"]
            .as_str()
            .context("store id")?
            .to_owned();
        let mut offer_ids = Vec::new();
        for o in 0..OFFERS_PER_SHOP {
            let offer = expect(
                "create offer",
                api.post(&token, "/seller/offers").json(json!({
                    "gtin": gtin(s * OFFERS_PER_SHOP + o),
                    "title": format!("Bouilloire {s}-{o}"),
                    "price_cents": 1_500 + 700 * (s * OFFERS_PER_SHOP + o) as i64,
                    "condition": "new", "description": "Inox brossé.",
                    "category": "cuisine", "brand": "Moulinex",
                    "delivery_price_cents": 490, "delivery_days": 2})),
            )
            .await?;
            let offer_id = offer["offer"]["id"]
                .as_str()
                .context("offer id")?
                .to_owned();
            expect(
                "stock",
                api.call(
                    reqwest::Method::PUT,
                    &token,
                    &format!("/seller/offers/{offer_id}/stock"),
                )
                .json(json!({"location_id": store_id, "quantity": STOCK})),
            )
            .await?;
            offer_ids.push(offer_id);
        }
        expect(
            "approve shop",
            api.post(&operator, &format!("/operator/shops/{shop_id}/approve"))
                .json(json!({"reason": "chaos run"})),
        )
        .await?;
        shops.push(Shop {
            id: shop_id,
            token,
            store_id,
            offer_ids,
        });
    }
    let mut signed_up = Vec::new();
    for i in 0..shoppers {
        signed_up.push(Shopper {
            token: sign_up(api, &format!("shopper-{i}@chaos.test")).await?,
        });
    }
    Ok(Market {
        shops,
        shoppers: signed_up,
    })
}
