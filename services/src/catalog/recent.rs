//! Recently viewed products: one row per (account, product), refreshed on each view with
//! the channel it came through, so the list is the same on every device the shopper uses
//! and the storefront can show what was "seen on your phone". They also feed simple
//! recommendations: other products of the categories the shopper looked at.

use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use super::search::product_cards;
use super::views::ProductCardView;
use crate::db::statement;
use crate::{Db, StoreError, now};

/// How many products the list keeps.
pub const KEPT: u64 = 12;

/// Where a view happened: `web` (the storefront), `api` (the app and partners) or
/// `store` (a seller's till).
pub type ViewChannel = &'static str;

/// Notes that `user_id` looked at `product_id` now, through `channel`.
pub async fn record_view(
    db: &Db,
    user_id: &str,
    product_id: &str,
    channel: ViewChannel,
) -> Result<(), StoreError> {
    db.writer()
        .execute_raw(statement(
            db.backend(),
            "INSERT INTO recently_viewed (user_id, product_id, viewed_at, channel) VALUES (?, ?, ?, ?) \
             ON CONFLICT (user_id, product_id) DO UPDATE SET viewed_at = excluded.viewed_at, \
             channel = excluded.channel",
            [
                user_id.to_owned().into(),
                product_id.to_owned().into(),
                now().into(),
                channel.into(),
            ],
        ))
        .await?;
    Ok(())
}

#[derive(Debug, FromQueryResult)]
struct ViewRow {
    product_id: String,
    channel: String,
}

/// A recently viewed product and the channel of its last view.
#[derive(Debug, Clone)]
pub struct RecentView {
    pub card: ProductCardView,
    pub channel: String,
}

/// The products `user_id` saw last, newest first, as cards with their best offer.
pub async fn recently_viewed(
    db: &Db,
    user_id: &str,
    limit: u64,
) -> Result<Vec<ProductCardView>, StoreError> {
    Ok(recent_views(db, user_id, limit)
        .await?
        .into_iter()
        .map(|view| view.card)
        .collect())
}

/// [`recently_viewed`] with the channel each was last seen through.
pub async fn recent_views(
    db: &Db,
    user_id: &str,
    limit: u64,
) -> Result<Vec<RecentView>, StoreError> {
    let conn = db.conn();
    let rows = ViewRow::find_by_statement(statement(
        conn.get_database_backend(),
        "SELECT product_id, channel FROM recently_viewed WHERE user_id = ? \
         ORDER BY viewed_at DESC, product_id LIMIT ?",
        [
            Value::from(user_id.to_owned()),
            i64::try_from(limit.min(KEPT)).unwrap_or(0).into(),
        ],
    ))
    .all(conn)
    .await?;
    let ids: Vec<String> = rows.iter().map(|row| row.product_id.clone()).collect();
    let mut cards = product_cards(db, &ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let index = cards.iter().position(|card| card.id == row.product_id)?;
            Some(RecentView {
                card: cards.swap_remove(index),
                channel: row.channel,
            })
        })
        .collect())
}

/// Up to `limit` products the shopper has not looked at, from the categories of the last
/// products they did look at (on any channel), those with the most offers first: a
/// simple "you may also like" that needs no model and explains itself.
pub async fn recommendations(
    db: &Db,
    user_id: &str,
    limit: u64,
) -> Result<Vec<ProductCardView>, StoreError> {
    let conn = db.conn();
    let rows = conn
        .query_all_raw(statement(
            conn.get_database_backend(),
            "SELECT p.id AS id FROM products p \
             WHERE p.category_id IN (SELECT seen.category_id FROM products seen \
                 JOIN recently_viewed rv ON rv.product_id = seen.id WHERE rv.user_id = ?) \
             AND NOT EXISTS (SELECT 1 FROM recently_viewed rv WHERE rv.user_id = ? AND rv.product_id = p.id) \
             AND EXISTS (SELECT 1 FROM offers o JOIN shops s ON s.id = o.shop_id \
                 WHERE o.product_id = p.id AND o.status = 'active' AND s.status = 'approved') \
             ORDER BY (SELECT COUNT(*) FROM offers o WHERE o.product_id = p.id AND o.status = 'active') DESC, p.id \
             LIMIT ?",
            [
                Value::from(user_id.to_owned()),
                user_id.to_owned().into(),
                // Some may have no unit free: ask for a few more than shown.
                i64::try_from(limit.saturating_mul(2)).unwrap_or(0).into(),
            ],
        ))
        .await?;
    let mut ids = Vec::with_capacity(rows.len());
    for row in rows {
        ids.push(row.try_get::<String>("", "id")?);
    }
    let mut cards = product_cards(db, &ids).await?;
    // Keep the ranking above (cards come back in their own order).
    cards.sort_by_key(|card| ids.iter().position(|id| *id == card.id));
    cards.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(cards)
}
