//! A shop's cashback boost: extra cashback the shop pays for, on all its items or on one
//! offer (an offer's boost replaces the shop's). Shoppers see it before buying; the shop's
//! earnings fund it when an order is paid, and get it back in proportion on a refund.
//! What it has cost so far is read from the ledger, so it is exact to the cent.

use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use crate::buying::ledger;
use crate::db::statement;
use crate::operating::campaigns::{self, Campaign};
use crate::{Db, StoreError};

/// The highest boost, in basis points (20 %).
pub const MAX_BOOST_BPS: i64 = 2_000;

/// One offer with a boost of its own.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct BoostedOffer {
    pub offer_id: String,
    pub title: String,
    pub boost_bps: i32,
}

/// What a shop pays in cashback boosts, and the campaigns the platform runs for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoostSummary {
    pub shop_boost_bps: Option<i32>,
    pub offers: Vec<BoostedOffer>,
    /// Boosts paid, net of what refunds gave back.
    pub funded_cents: i64,
    /// Seller orders that earned a boost.
    pub boosted_orders: i64,
    pub campaigns: Vec<Campaign>,
}

/// The shop's boosts and what they cost.
pub async fn boost_summary(db: &Db, shop_id: &str) -> Result<BoostSummary, StoreError> {
    let conn = db.conn();
    let backend = conn.get_database_backend();
    let shop_boost_bps = conn
        .query_one_raw(statement(
            backend,
            "SELECT cashback_boost_bps FROM shops WHERE id = ?",
            [Value::from(shop_id.to_owned())],
        ))
        .await?
        .ok_or(StoreError::NotFound)?
        .try_get_by_index::<Option<i32>>(0)?;
    let offers = BoostedOffer::find_by_statement(statement(
        backend,
        "SELECT o.id AS offer_id, p.title, o.cashback_boost_bps AS boost_bps FROM offers o \
         JOIN products p ON p.id = o.product_id \
         WHERE o.shop_id = ? AND o.cashback_boost_bps IS NOT NULL AND o.status <> 'deleted' \
         ORDER BY p.title, o.id",
        [Value::from(shop_id.to_owned())],
    ))
    .all(conn)
    .await?;
    // Boosts leave the shop's earnings (pending or payable) under `cashback_boost:…` and
    // come back under `cashback_boost_reversed:…`: their sum, negated, is the net cost.
    let cost = conn
        .query_one_raw(statement(
            backend,
            "SELECT CAST(COALESCE(-SUM(amount_cents), 0) AS BIGINT) FROM ledger_entries \
             WHERE account IN (?, ?) AND movement_key LIKE 'cashback_boost%'",
            [
                Value::from(ledger::seller_pending(shop_id)),
                ledger::seller_payable(shop_id).into(),
            ],
        ))
        .await?;
    let funded_cents = match cost {
        Some(row) => row.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    let boosted = conn
        .query_one_raw(statement(
            backend,
            "SELECT CAST(COUNT(*) AS BIGINT) FROM cashback_lots WHERE shop_id = ? AND boost_cents > 0",
            [Value::from(shop_id.to_owned())],
        ))
        .await?;
    let boosted_orders = match boosted {
        Some(row) => row.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    Ok(BoostSummary {
        shop_boost_bps,
        offers,
        funded_cents,
        boosted_orders,
        campaigns: campaigns::live_for_shop(conn, shop_id).await?,
    })
}

fn checked_boost(boost_bps: Option<i64>, field: &'static str) -> Result<Option<i32>, StoreError> {
    match boost_bps {
        None => Ok(None),
        Some(bps) if (0..=MAX_BOOST_BPS).contains(&bps) => {
            Ok(Some(i32::try_from(bps).unwrap_or_default()))
        }
        Some(_) => Err(StoreError::Invalid {
            code: "boost_invalid",
            message: format!("a boost is 0 to {MAX_BOOST_BPS} basis points (0–20 %)"),
            field: Some(field),
        }),
    }
}

/// Sets the shop's boost (`None` removes it). Applies to orders paid from now on.
pub async fn set_shop_boost(
    db: &Db,
    shop_id: &str,
    boost_bps: Option<i64>,
) -> Result<(), StoreError> {
    let boost = checked_boost(boost_bps, "shop_boost_bps")?;
    let updated = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE shops SET cashback_boost_bps = ? WHERE id = ?",
            [Value::from(boost), shop_id.to_owned().into()],
        ))
        .await?;
    if updated.rows_affected() != 1 {
        return Err(StoreError::NotFound);
    }
    // Search cards show what their offer earns.
    crate::catalog::answers::catalog_changed();
    Ok(())
}

/// Sets one offer's boost (`None`: the shop's boost applies again). Another shop's offer
/// is not found.
pub async fn set_offer_boost(
    db: &Db,
    shop_id: &str,
    offer_id: &str,
    boost_bps: Option<i64>,
) -> Result<(), StoreError> {
    let boost = checked_boost(boost_bps, "boost_bps")?;
    let updated = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE offers SET cashback_boost_bps = ? WHERE id = ? AND shop_id = ? AND status <> 'deleted'",
            [
                Value::from(boost),
                offer_id.to_owned().into(),
                shop_id.to_owned().into(),
            ],
        ))
        .await?;
    if updated.rows_affected() != 1 {
        return Err(StoreError::NotFound);
    }
    // Search cards show what their offer earns.
    crate::catalog::answers::catalog_changed();
    Ok(())
}
