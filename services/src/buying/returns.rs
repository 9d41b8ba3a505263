//! A return over the counter: the shopper brings a delivered or collected item to any
//! store of its seller within the return window; the seller records it, the shopper is
//! refunded what is left of the part (card and cashback in proportion, like any refund,
//! with the cashback it earned reversed), and the units go onto that store's shelf — not
//! back where they were sold from — each as a `return` movement.
//!
//! The whole part comes back: partial returns go through a partial refund instead.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::orders::{for_shop, invalid_transition, own_seller_order, refund_part, required};
use super::payments::PaymentProvider;
use super::stock::{self, Restock};
use super::views::SellerOrderView;
use crate::db::entity::locations;
use crate::db::statement;
use crate::{Db, StoreError, now};
use domain::orders::SellerOrderStatus;

/// Records that `store_id` took back the whole of a handed-over seller order, refunds
/// what is left of it and restocks that store. Retrying after a failed refund (the
/// provider did not answer) resumes it; recording it again once refunded is refused.
pub async fn record_in_store(
    db: &Db,
    provider: &dyn PaymentProvider,
    shop_id: &str,
    seller_order_id: &str,
    store_id: &str,
    reason: &str,
) -> Result<SellerOrderView, StoreError> {
    let view = for_shop(db, shop_id, seller_order_id).await?;
    let store = locations::Entity::find_by_id(store_id.trim())
        .filter(locations::Column::ShopId.eq(shop_id))
        .one(db.conn())
        .await?
        .ok_or_else(|| StoreError::Invalid {
            code: "location_unknown",
            message: "no location of your shop has this id".into(),
            field: Some("store_id"),
        })?;
    if store.kind != "store" {
        return Err(StoreError::Invalid {
            code: "not_a_store",
            message: format!("{} is a warehouse: returns are taken in stores", store.name),
            field: Some("store_id"),
        });
    }
    let reason = required(reason, "reason", 500)?;
    let row = &view.row;
    let status = SellerOrderStatus::parse(&row.status).unwrap_or(SellerOrderStatus::Cancelled);
    let resuming = row.return_status == "accepted"
        && row.return_store_id.as_deref() == Some(store.id.as_str())
        && row.refunded_cents < row.total_cents;
    if !resuming {
        if !status.is_handed_over() || !["none", "requested"].contains(&row.return_status.as_str())
        {
            return Err(invalid_transition(row, "return"));
        }
        if view
            .return_deadline
            .is_some_and(|deadline| now() > deadline)
        {
            return Err(StoreError::Conflict {
                code: "return_window_closed",
                message: "the return window of this order has closed".into(),
                field: None,
            });
        }
        let claimed = db
            .writer()
            .execute_raw(statement(
                db.backend(),
                "UPDATE seller_orders SET return_status = 'accepted', return_reason = ?, \
                 return_store_id = ?, updated_at = ? \
                 WHERE id = ? AND return_status IN ('none', 'requested') \
                 AND status IN ('delivered', 'collected')",
                [
                    reason.into(),
                    store.id.clone().into(),
                    now().into(),
                    row.id.clone().into(),
                ],
            ))
            .await?;
        if claimed.rows_affected() != 1 {
            return Err(invalid_transition(row, "return"));
        }
    }
    let row = own_seller_order(db.conn(), shop_id, seller_order_id).await?;
    let left = row.total_cents - row.refunded_cents;
    if left > 0 {
        // A full refund of an accepted return restocks at `return_store_id`.
        refund_part(db, provider, &row, left, "returned in store", None).await?;
    } else {
        // One transaction: the restock and the search's listing change together.
        let txn = db.begin_write().await?;
        stock::restock(&txn, &row.order_id, &row.id, Restock::ReturnedAt(&store.id)).await?;
        txn.commit().await?;
    }
    for_shop(db, shop_id, seller_order_id).await
}
