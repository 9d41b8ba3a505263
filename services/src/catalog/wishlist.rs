//! Wishlists: the products an account wishes for, kept on the account so that what a
//! shopper saves on the phone is on the laptop, and the till can see it too.

use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use super::search::product_cards;
use super::views::ProductCardView;
use crate::db::statement;
use crate::{Db, StoreError, now};

/// The most products one wishlist holds: past it, adding asks to remove something first.
pub const MAX_ITEMS: u64 = 200;

/// One wished-for product, with its card (best live offer) when it is still on sale.
#[derive(Debug, Clone)]
pub struct WishlistItem {
    pub product_id: String,
    pub added_at: chrono::DateTime<chrono::Utc>,
    pub card: Option<ProductCardView>,
}

#[derive(Debug, FromQueryResult)]
struct ItemRow {
    product_id: String,
    added_at: chrono::DateTime<chrono::Utc>,
}

/// Adds `product_id` to the wishlist. Adding it again keeps the first date and answers
/// `false`. An unknown product is an `Invalid` naming `product_id`.
pub async fn add(db: &Db, user_id: &str, product_id: &str) -> Result<bool, StoreError> {
    let conn = db.conn();
    let backend = conn.get_database_backend();
    let product_exists = conn
        .query_one_raw(statement(
            backend,
            "SELECT 1 AS found FROM products WHERE id = ?",
            [Value::from(product_id.to_owned())],
        ))
        .await?
        .is_some();
    if !product_exists {
        return Err(StoreError::Invalid {
            code: "product_unknown",
            message: "there is no product with this id".into(),
            field: Some("product_id"),
        });
    }
    if count(conn, user_id).await? >= MAX_ITEMS {
        return Err(StoreError::Conflict {
            code: "wishlist_full",
            message: format!("a wishlist holds {MAX_ITEMS} products; remove one first"),
            field: Some("product_id"),
        });
    }
    let inserted = db
        .writer()
        .execute_raw(statement(
            backend,
            "INSERT INTO wishlist_items (user_id, product_id, added_at) VALUES (?, ?, ?) \
             ON CONFLICT (user_id, product_id) DO NOTHING",
            [
                user_id.to_owned().into(),
                product_id.to_owned().into(),
                now().into(),
            ],
        ))
        .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Removes `product_id`; removing what is not there is harmless (answers `false`).
pub async fn remove(db: &Db, user_id: &str, product_id: &str) -> Result<bool, StoreError> {
    let removed = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "DELETE FROM wishlist_items WHERE user_id = ? AND product_id = ?",
            [user_id.to_owned().into(), product_id.to_owned().into()],
        ))
        .await?;
    Ok(removed.rows_affected() == 1)
}

/// The wishlist, newest first, each product with its best live offer when it has one.
pub async fn list(db: &Db, user_id: &str) -> Result<Vec<WishlistItem>, StoreError> {
    let conn = db.conn();
    let rows = ItemRow::find_by_statement(statement(
        conn.get_database_backend(),
        "SELECT product_id, added_at FROM wishlist_items WHERE user_id = ? \
         ORDER BY added_at DESC, product_id LIMIT ?",
        [user_id.to_owned().into(), (MAX_ITEMS as i64).into()],
    ))
    .all(conn)
    .await?;
    let ids: Vec<String> = rows.iter().map(|row| row.product_id.clone()).collect();
    let mut cards = product_cards(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let card = cards
                .iter()
                .position(|card| card.id == row.product_id)
                .map(|index| cards.swap_remove(index));
            WishlistItem {
                product_id: row.product_id,
                added_at: row.added_at,
                card,
            }
        })
        .collect())
}

/// Whether `product_id` is on the wishlist (the product page's heart).
pub async fn contains(db: &Db, user_id: &str, product_id: &str) -> Result<bool, StoreError> {
    let conn = db.conn();
    Ok(conn
        .query_one_raw(statement(
            conn.get_database_backend(),
            "SELECT 1 AS found FROM wishlist_items WHERE user_id = ? AND product_id = ?",
            [user_id.to_owned().into(), product_id.to_owned().into()],
        ))
        .await?
        .is_some())
}

async fn count(conn: &impl ConnectionTrait, user_id: &str) -> Result<u64, StoreError> {
    let row = conn
        .query_one_raw(statement(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM wishlist_items WHERE user_id = ?",
            [user_id.to_owned().into()],
        ))
        .await?;
    let n: i64 = match row {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}
