//! Recently viewed products: one row per (account, product), refreshed on each view, so
//! the list is the same on every device the shopper uses.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::search::product_cards;
use super::views::ProductCardView;
use crate::db::entity::recently_viewed;
use crate::{Db, StoreError, now};

/// How many products the list keeps.
pub const KEPT: u64 = 12;

/// Notes that `user_id` looked at `product_id` now.
pub async fn record_view(db: &Db, user_id: &str, product_id: &str) -> Result<(), StoreError> {
    recently_viewed::Entity::insert(recently_viewed::ActiveModel {
        user_id: Set(user_id.to_owned()),
        product_id: Set(product_id.to_owned()),
        viewed_at: Set(now()),
    })
    .on_conflict(
        OnConflict::columns([
            recently_viewed::Column::UserId,
            recently_viewed::Column::ProductId,
        ])
        .update_column(recently_viewed::Column::ViewedAt)
        .to_owned(),
    )
    .exec(db.writer())
    .await?;
    Ok(())
}

/// The products `user_id` saw last, newest first, as cards with their best offer.
pub async fn recently_viewed(
    db: &Db,
    user_id: &str,
    limit: u64,
) -> Result<Vec<ProductCardView>, StoreError> {
    let ids: Vec<String> = recently_viewed::Entity::find()
        .filter(recently_viewed::Column::UserId.eq(user_id.to_owned()))
        .order_by_desc(recently_viewed::Column::ViewedAt)
        .limit(limit.min(KEPT))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|row| row.product_id)
        .collect();
    product_cards(db, &ids).await
}
