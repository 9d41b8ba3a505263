//! Units of an offer per location, never below what checkouts reserved.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QuerySelect};

use super::locations::own_location;
use super::offers::own_offer;
use crate::db::entity::stock_levels;
use crate::{Db, StoreError};

/// Sets how many units of an offer a location holds. Never below what is reserved.
pub async fn set_stock(
    db: &Db,
    shop_id: &str,
    offer_id: &str,
    location_id: &str,
    quantity: i64,
) -> Result<stock_levels::Model, StoreError> {
    own_offer(db, shop_id, offer_id).await?;
    own_location(db, shop_id, location_id)
        .await
        .map_err(|_| StoreError::Invalid {
            code: "location_unknown",
            message: "no location of your shop has this id".into(),
            field: Some("location_id"),
        })?;
    let quantity = i32::try_from(quantity)
        .ok()
        .filter(|q| (0..=1_000_000).contains(q))
        .ok_or_else(|| StoreError::Invalid {
            code: "quantity_invalid",
            message: "quantity is 0 to 1,000,000".into(),
            field: Some("quantity"),
        })?;
    let txn = db.begin_write().await?;
    let existing = stock_levels::Entity::find_by_id((offer_id.to_owned(), location_id.to_owned()))
        .lock_exclusive()
        .one(&txn)
        .await?;
    let level = match existing {
        Some(level) if level.reserved > quantity => {
            return Err(StoreError::Conflict {
                code: "below_reserved",
                message: format!("{} unit(s) are reserved by checkouts here", level.reserved),
                field: Some("quantity"),
            });
        }
        Some(level) => {
            let mut row: stock_levels::ActiveModel = level.into();
            row.quantity = Set(quantity);
            row.update(&txn).await?
        }
        None => {
            stock_levels::ActiveModel {
                offer_id: Set(offer_id.to_owned()),
                location_id: Set(location_id.to_owned()),
                quantity: Set(quantity),
                reserved: Set(0),
                low_alerted_at: Set(None),
            }
            .insert(&txn)
            .await?
        }
    };
    txn.commit().await?;
    Ok(level)
}
