//! The buyers' side of the benchmark: the offers one can buy, read from the bench's own
//! database; stock raised so it never runs out during a run; shopper accounts, each with
//! its own Bearer token, created once before anything is measured.

use anyhow::Context;
use futures::StreamExt;
use sea_orm::{ConnectionTrait, Value};
use serde_json::{Value as Json, json};
use services::Db;
use services::db::statement;

/// Units put on every stock level: no scenario can sell them all.
const BENCH_STOCK: i32 = 1_000_000;

/// Password of every bench shopper.
const PASSWORD: &str = "bench-shopper-password";

/// An offer on sale, and its shop.
pub struct Offer {
    pub id: String,
    pub shop_id: String,
}

/// What shoppers can buy, grouped by shop, and the database the bench owns.
pub struct Market {
    pub db: Db,
    pub offers: Vec<Offer>,
    /// For each shop with offers on sale, the indexes of its offers in `offers`.
    pub shops: Vec<Vec<usize>>,
}

impl Market {
    /// Raises every stock level to [`BENCH_STOCK`] and lists what is on sale.
    pub async fn open(database: &str) -> anyhow::Result<Self> {
        let db = Db::connect(database)
            .await
            .context("opening the bench db")?;
        let backend = db.backend();
        db.conn()
            .execute_raw(statement(
                backend,
                "UPDATE stock_levels SET quantity = ?, reserved = 0",
                [Value::from(BENCH_STOCK)],
            ))
            .await?;
        // Written behind the services' back: the search's listings follow by hand.
        services::catalog::listings::refresh_now(&db, services::catalog::listings::Listed::All)
            .await
            .context("refreshing the listings")?;
        let rows = db
            .conn()
            .query_all_raw(statement(
                backend,
                "SELECT o.id, o.shop_id FROM offers o JOIN shops s ON s.id = o.shop_id \
                 WHERE o.status = 'active' AND s.status = 'approved' \
                 AND EXISTS (SELECT 1 FROM stock_levels sl WHERE sl.offer_id = o.id) \
                 ORDER BY o.shop_id, o.id",
                [],
            ))
            .await?;
        let mut offers = Vec::with_capacity(rows.len());
        let mut shops: Vec<Vec<usize>> = Vec::new();
        for row in rows {
            let offer = Offer {
                id: row.try_get_by_index(0)?,
                shop_id: row.try_get_by_index(1)?,
            };
            let same_shop = offers
                .last()
                .is_some_and(|last: &Offer| last.shop_id == offer.shop_id);
            if !same_shop {
                shops.push(Vec::new());
            }
            if let Some(shop) = shops.last_mut() {
                shop.push(offers.len());
            }
            offers.push(offer);
        }
        anyhow::ensure!(shops.len() >= 3, "a 3-seller checkout needs 3 shops");
        Ok(Self { db, offers, shops })
    }

    /// Empties every cart (between phases, while no request is in flight).
    pub async fn empty_carts(&self) -> anyhow::Result<()> {
        self.db
            .conn()
            .execute_raw(statement(self.db.backend(), "DELETE FROM cart_items", []))
            .await?;
        Ok(())
    }

    /// Runs one SQL statement; answers the rows it changed.
    pub async fn execute(&self, sql: &str, values: Vec<Value>) -> anyhow::Result<u64> {
        let done = self
            .db
            .conn()
            .execute_raw(statement(self.db.backend(), sql, values))
            .await?;
        Ok(done.rows_affected())
    }

    /// Runs one SQL query that answers a single integer.
    pub async fn count(&self, sql: &str, values: Vec<Value>) -> anyhow::Result<i64> {
        let row = self
            .db
            .conn()
            .query_one_raw(statement(self.db.backend(), sql, values))
            .await?
            .context("no row")?;
        Ok(row.try_get_by_index::<Option<i64>>(0)?.unwrap_or(0))
    }
}

/// A bench shopper's Bearer token.
#[derive(Clone)]
pub struct Shopper {
    pub token: String,
}

/// Signs `count` shoppers up and logs them in, several at a time (argon2 is the cost).
pub async fn sign_up(base: &str, count: usize) -> anyhow::Result<Vec<Shopper>> {
    sign_up_range(base, 0..count).await
}

/// Signs up the shoppers numbered `range` (numbers already used would be refused).
pub async fn sign_up_range(
    base: &str,
    range: std::ops::Range<usize>,
) -> anyhow::Result<Vec<Shopper>> {
    let client = reqwest::Client::new();
    let results: Vec<anyhow::Result<Shopper>> = futures::stream::iter(range)
        .map(|i| sign_up_one(&client, base, i))
        .buffer_unordered(8)
        .collect()
        .await;
    results.into_iter().collect()
}

async fn sign_up_one(client: &reqwest::Client, base: &str, i: usize) -> anyhow::Result<Shopper> {
    let email = format!("bench-{i}@shoppers.test");
    let signup = client
        .post(format!("{base}/api/v1/auth/signup"))
        .json(&json!({"email": email, "password": PASSWORD, "name": format!("Bench {i}")}))
        .send()
        .await?;
    anyhow::ensure!(
        signup.status().as_u16() == 201,
        "signup answered {}",
        signup.status()
    );
    let login: Json = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let token = login["token"].as_str().context("login without token")?;
    Ok(Shopper {
        token: token.to_owned(),
    })
}
