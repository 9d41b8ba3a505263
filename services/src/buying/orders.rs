//! Orders after checkout: the shopper's history, each seller's own parts, the seller's
//! actions (accept, ship, ready, collect, cancel, refund), returns, and the job that makes
//! a seller's earnings payable once the return window has passed.
//!
//! Every state change is a conditional update on the seller order's status, so two staff
//! members pressing "ship" at once produce one shipment and one `invalid_transition`.

use chrono::Duration;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Value,
};

use super::payments::PaymentProvider;
use super::stock::Restock;
use super::views::{OrderView, SellerOrderView, load_order, seller_order_view};
use super::{cashback, ledger, notifications, refund_requests, stock};
use crate::accounts::throttle;
use crate::db::entity::{orders, payments, seller_orders, shops};
use crate::db::statement;
use crate::{Db, StoreError, new_id, now, settings};
use domain::orders::{FulfilmentMethod, SellerAction, SellerOrderStatus};

/// One of the shopper's orders; someone else's is "not found".
pub async fn for_shopper(db: &Db, user_id: &str, order_id: &str) -> Result<OrderView, StoreError> {
    let order = orders::Entity::find_by_id(order_id)
        .one(db.conn())
        .await?
        .filter(|order| order.user_id == user_id)
        .ok_or(StoreError::NotFound)?;
    load_order(db.conn(), order, None).await
}

/// The shopper's orders, newest first, and how many there are.
pub async fn list_for_shopper(
    db: &Db,
    user_id: &str,
    page: u64,
    per_page: u64,
) -> Result<(Vec<OrderView>, u64), StoreError> {
    let query = orders::Entity::find().filter(orders::Column::UserId.eq(user_id));
    let total = query.clone().count(db.conn()).await?;
    let rows = query
        .order_by_desc(orders::Column::CreatedAt)
        .order_by_desc(orders::Column::Id)
        .offset((page.max(1) - 1) * per_page)
        .limit(per_page)
        .all(db.conn())
        .await?;
    let mut views = Vec::with_capacity(rows.len());
    for order in rows {
        views.push(load_order(db.conn(), order, None).await?);
    }
    Ok((views, total))
}

/// Only parts of orders that were paid concern a seller: one waiting for its payment, or
/// whose card was declined, is none of its business.
fn was_paid() -> sea_orm::sea_query::SimpleExpr {
    sea_orm::sea_query::Expr::cust(
        "seller_orders.order_id IN (SELECT o.id FROM orders o WHERE o.paid_at IS NOT NULL)",
    )
}

/// A shop's seller orders of paid orders, newest first, optionally of one status.
pub async fn list_for_shop(
    db: &Db,
    shop_id: &str,
    status: Option<SellerOrderStatus>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<SellerOrderView>, u64), StoreError> {
    let mut query = seller_orders::Entity::find()
        .filter(seller_orders::Column::ShopId.eq(shop_id))
        .filter(was_paid());
    if let Some(status) = status {
        query = query.filter(seller_orders::Column::Status.eq(status.as_str()));
    }
    let total = query.clone().count(db.conn()).await?;
    let rows = query
        .order_by_desc(seller_orders::Column::CreatedAt)
        .order_by_desc(seller_orders::Column::Id)
        .offset((page.max(1) - 1) * per_page)
        .limit(per_page)
        .all(db.conn())
        .await?;
    let window = settings::load(db.conn()).await?.return_window_days;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let number = order_number(db.conn(), &row.order_id).await?;
        views.push(seller_order_view(db.conn(), row, number, window).await?);
    }
    Ok((views, total))
}

async fn order_number(conn: &impl ConnectionTrait, order_id: &str) -> Result<String, StoreError> {
    Ok(orders::Entity::find_by_id(order_id)
        .one(conn)
        .await?
        .map(|order| order.number)
        .unwrap_or_default())
}

pub(super) async fn own_seller_order(
    conn: &impl ConnectionTrait,
    shop_id: &str,
    seller_order_id: &str,
) -> Result<seller_orders::Model, StoreError> {
    seller_orders::Entity::find_by_id(seller_order_id)
        .filter(was_paid())
        .one(conn)
        .await?
        .filter(|row| row.shop_id == shop_id)
        .ok_or(StoreError::NotFound)
}

/// One seller order of the shop; another shop's is "not found".
pub async fn for_shop(
    db: &Db,
    shop_id: &str,
    seller_order_id: &str,
) -> Result<SellerOrderView, StoreError> {
    let row = own_seller_order(db.conn(), shop_id, seller_order_id).await?;
    let window = settings::load(db.conn()).await?.return_window_days;
    let number = order_number(db.conn(), &row.order_id).await?;
    seller_order_view(db.conn(), row, number, window).await
}

pub(super) fn invalid_transition(row: &seller_orders::Model, action: &str) -> StoreError {
    StoreError::Conflict {
        code: "invalid_transition",
        message: format!(
            "cannot {action} an order that is {}",
            row.status.replace('_', " ")
        ),
        field: None,
    }
}

/// A trimmed text of 1 to `max` characters, or `field_invalid` naming `field`.
pub(crate) fn required(value: &str, field: &'static str, max: usize) -> Result<String, StoreError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max {
        return Err(StoreError::Invalid {
            code: "field_invalid",
            message: format!("{field} is 1 to {max} characters"),
            field: Some(field),
        });
    }
    Ok(value.to_owned())
}

/// What a seller action carries.
#[derive(Debug, Clone)]
pub enum ActionInput {
    Accept,
    Ship {
        carrier: String,
        tracking: String,
    },
    Ready,
    Collect {
        code: String,
    },
    /// The seller confirms the parcel arrived (carriers' callbacks would do this too).
    Delivered,
}

/// Applies a seller action with a conditional update on the current status.
pub async fn act(
    db: &Db,
    shop_id: &str,
    seller_order_id: &str,
    input: ActionInput,
) -> Result<SellerOrderView, StoreError> {
    let row = own_seller_order(db.conn(), shop_id, seller_order_id).await?;
    let action = match &input {
        ActionInput::Accept => SellerAction::Accept,
        ActionInput::Ship { .. } => SellerAction::Ship,
        ActionInput::Ready => SellerAction::Ready,
        ActionInput::Collect { .. } => SellerAction::Collect,
        ActionInput::Delivered => SellerAction::MarkDelivered,
    };
    let from = SellerOrderStatus::parse(&row.status)
        .ok_or_else(|| StoreError::Internal(format!("unknown status {}", row.status)))?;
    let method = FulfilmentMethod::parse(&row.fulfilment).unwrap_or(FulfilmentMethod::Delivery);
    let to = from
        .after(action, method)
        .ok_or_else(|| invalid_transition(&row, action.as_str()))?;
    let at = now();
    let mut sets = vec!["status = ?".to_owned(), "updated_at = ?".to_owned()];
    let mut values: Vec<Value> = vec![to.as_str().into(), at.into()];
    match &input {
        ActionInput::Ship { carrier, tracking } => {
            sets.push("carrier = ?".into());
            values.push(required(carrier, "carrier", 60)?.into());
            sets.push("tracking = ?".into());
            values.push(required(tracking, "tracking", 80)?.into());
            // The late-shipment figure runs from payment to here (see `analytics::quality`).
            sets.push("shipped_at = ?".into());
            values.push(at.into());
        }
        ActionInput::Collect { code } => {
            // Wrong codes are counted per order: after five in 15 minutes the till waits
            // (429 with Retry-After), even for the right code, so guessing gets nowhere.
            let scope = throttle::Scope::pickup(&row.id);
            throttle::check(db, std::slice::from_ref(&scope), at).await?;
            let typed = code.trim().to_uppercase().replace([' ', '-'], "");
            let expected = row.pickup_code.clone().unwrap_or_default();
            if typed.is_empty() || !constant_time_eq(typed.as_bytes(), expected.as_bytes()) {
                throttle::record_failure(db, &scope, at).await?;
                return Err(StoreError::Invalid {
                    code: "pickup_code_wrong",
                    message: "this is not the pickup code of this order".into(),
                    field: Some("code"),
                });
            }
        }
        // The pickup hold runs from here (see `pickup_hold`).
        ActionInput::Ready => {
            sets.push("ready_at = ?".into());
            values.push(at.into());
        }
        _ => {}
    }
    if to.is_handed_over() {
        sets.push("completed_at = ?".into());
        values.push(at.into());
        let window = settings::load(db.conn()).await?.return_window_days;
        sets.push("payable_at = ?".into());
        values.push((at + Duration::days(i64::from(window))).into());
    }
    values.push(row.id.clone().into());
    values.push(from.as_str().into());
    let txn = db.begin_write().await?;
    let moved = txn
        .execute_raw(statement(
            txn.get_database_backend(),
            &format!(
                "UPDATE seller_orders SET {} WHERE id = ? AND status = ?",
                sets.join(", ")
            ),
            values,
        ))
        .await?;
    if moved.rows_affected() != 1 {
        return Err(invalid_transition(
            &own_seller_order(&txn, shop_id, seller_order_id).await?,
            action.as_str(),
        ));
    }
    if let ActionInput::Ship { carrier, tracking } = &input {
        let shop = shop_name(&txn, shop_id).await?;
        notifications::shipped(
            &txn,
            &row.order_id,
            &row.id,
            &shop,
            carrier.trim(),
            tracking.trim(),
        )
        .await?;
    }
    if let ActionInput::Ready = &input {
        notifications::ready_for_pickup(&txn, &row, at).await?;
    }
    complete_order_if_done(&txn, &row.order_id).await?;
    txn.commit().await?;
    for_shop(db, shop_id, seller_order_id).await
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn shop_name(conn: &impl ConnectionTrait, shop_id: &str) -> Result<String, StoreError> {
    Ok(shops::Entity::find_by_id(shop_id)
        .one(conn)
        .await?
        .map(|shop| shop.name)
        .unwrap_or_default())
}

/// A part sold at the till is handed over on the spot: accepted, ready and collected in
/// one step (the shopper stands at the counter), and its return window starts now.
pub(crate) async fn hand_over_at_till(
    db: &Db,
    seller_order_id: &str,
    order_id: &str,
) -> Result<(), StoreError> {
    let at = now();
    let window = settings::load(db.conn()).await?.return_window_days;
    let txn = db.begin_write().await?;
    txn.execute_raw(statement(
        txn.get_database_backend(),
        "UPDATE seller_orders SET status = 'collected', ready_at = ?, completed_at = ?, payable_at = ?, \
         updated_at = ? WHERE id = ? AND status = 'paid'",
        [
            at.into(),
            at.into(),
            (at + Duration::days(i64::from(window))).into(),
            at.into(),
            seller_order_id.to_owned().into(),
        ],
    ))
    .await?;
    complete_order_if_done(&txn, order_id).await?;
    txn.commit().await?;
    Ok(())
}

/// The order is complete once no part is still on its way.
async fn complete_order_if_done(
    conn: &impl ConnectionTrait,
    order_id: &str,
) -> Result<(), StoreError> {
    conn.execute_raw(statement(
        conn.get_database_backend(),
        "UPDATE orders SET status = CASE WHEN EXISTS (SELECT 1 FROM seller_orders s WHERE s.order_id = orders.id \
             AND s.status IN ('delivered', 'collected')) THEN 'completed' ELSE 'cancelled' END, updated_at = ? \
         WHERE id = ? AND status = 'paid' AND NOT EXISTS (SELECT 1 FROM seller_orders s WHERE s.order_id = orders.id \
             AND s.status NOT IN ('delivered', 'collected', 'cancelled', 'refunded'))",
        [now().into(), order_id.to_owned().into()],
    ))
    .await?;
    Ok(())
}

/// Cancels a paid part before it leaves: the shopper is refunded in full and the units go
/// back on the shelf.
pub async fn cancel(
    db: &Db,
    provider: &dyn PaymentProvider,
    shop_id: &str,
    seller_order_id: &str,
    reason: &str,
) -> Result<SellerOrderView, StoreError> {
    let row = own_seller_order(db.conn(), shop_id, seller_order_id).await?;
    let from = SellerOrderStatus::parse(&row.status).unwrap_or(SellerOrderStatus::Cancelled);
    let method = FulfilmentMethod::parse(&row.fulfilment).unwrap_or(FulfilmentMethod::Delivery);
    // A cancellation claims the part (`cancelled`) before it refunds; one interrupted in
    // between (its process killed) is finished by cancelling again, which sends the same
    // refund with the same provider key (the provider refunds once).
    let resuming =
        from == SellerOrderStatus::Cancelled && cancellation_interrupted(db, &row).await?;
    if !resuming && from.after(SellerAction::Cancel, method).is_none() {
        return Err(invalid_transition(&row, "cancel"));
    }
    let reason = if reason.trim().is_empty() {
        "cancelled by the seller"
    } else {
        reason.trim()
    };
    refund_part(
        db,
        provider,
        &row,
        row.total_cents - row.refunded_cents,
        reason,
        Some(from),
    )
    .await?;
    for_shop(db, shop_id, seller_order_id).await
}

/// Whether `row` is a paid part whose cancellation claimed it but never recorded its
/// refund: `cancelled`, not refunded in full, its order's payment captured. (Parts of
/// orders that were never paid are cancelled with nothing to refund.) Found by the fault
/// suite: a kill between the claim and the refund left the part cancelled, its units
/// still counted as sold and the shopper unrefunded (or refunded by the provider while
/// our books said not), and a retried cancel was refused as `invalid_transition`.
async fn cancellation_interrupted(db: &Db, row: &seller_orders::Model) -> Result<bool, StoreError> {
    if row.status != SellerOrderStatus::Cancelled.as_str() || row.refunded_cents >= row.total_cents
    {
        return Ok(false);
    }
    Ok(payments::Entity::find()
        .filter(payments::Column::OrderId.eq(&row.order_id))
        .filter(payments::Column::Status.is_in(["captured", "partially_refunded", "refunded"]))
        .one(db.conn())
        .await?
        .is_some())
}

/// The parts whose cancellation claimed them but whose refund was never recorded, as
/// [`cancellation_interrupted`] tells one of them (`FROM … WHERE …`, over `s`, the
/// seller orders). The fault suite waits for none to be left before its audit.
pub const INTERRUPTED_CANCELLATIONS: &str = "FROM seller_orders s JOIN payments p ON p.order_id = s.order_id \
     WHERE s.status = 'cancelled' AND s.refunded_cents < s.total_cents \
       AND p.status IN ('captured', 'partially_refunded', 'refunded')";

/// Background job: finishes cancellations interrupted between their claim and their
/// refund (see [`cancellation_interrupted`]) when nobody retried them within
/// `INTERRUPTED_AFTER`. Racing a live cancellation is harmless: both send the same refund
/// with the same provider key, and only one records it.
pub async fn finish_interrupted_cancellations(
    db: &Db,
    provider: &dyn PaymentProvider,
) -> Result<u64, StoreError> {
    const INTERRUPTED_AFTER: Duration = Duration::seconds(30);
    let rows = db
        .conn()
        .query_all_raw(statement(
            db.backend(),
            &format!(
                "SELECT s.id, s.shop_id {INTERRUPTED_CANCELLATIONS} AND s.updated_at < ? \
                 ORDER BY s.updated_at LIMIT 50"
            ),
            [Value::from(now() - INTERRUPTED_AFTER)],
        ))
        .await?;
    let mut finished = 0;
    for row in rows {
        let id: String = row.try_get_by_index(0)?;
        let shop_id: String = row.try_get_by_index(1)?;
        match cancel(
            db,
            provider,
            &shop_id,
            &id,
            "cancellation finished after an interruption",
        )
        .await
        {
            Ok(_) => finished += 1,
            Err(err) => {
                tracing::warn!(seller_order = %id, error = %err, "could not finish an interrupted cancellation yet")
            }
        }
    }
    Ok(finished)
}

/// Refunds part or all of a paid seller order through the provider.
pub async fn refund(
    db: &Db,
    provider: &dyn PaymentProvider,
    shop_id: &str,
    seller_order_id: &str,
    amount_cents: i64,
    reason: &str,
) -> Result<SellerOrderView, StoreError> {
    let row = own_seller_order(db.conn(), shop_id, seller_order_id).await?;
    let status = SellerOrderStatus::parse(&row.status).unwrap_or(SellerOrderStatus::Cancelled);
    if !status.is_paid() || status == SellerOrderStatus::Refunded {
        return Err(invalid_transition(&row, "refund"));
    }
    let reason = required(reason, "reason", 500)?;
    let left = row.total_cents - row.refunded_cents;
    if amount_cents <= 0 || amount_cents > left {
        return Err(StoreError::Invalid {
            code: "amount_invalid",
            message: format!("refund between 1 and {left} cents"),
            field: Some("amount_cents"),
        });
    }
    refund_part(db, provider, &row, amount_cents, &reason, None).await?;
    for_shop(db, shop_id, seller_order_id).await
}

/// Gives money back on a seller order. `cancel_from` cancels it (and restocks) in the
/// same step. The refund is recorded and its ledger posted only if the seller order is
/// still as it was read, so two refunds at once cannot exceed what was paid.
pub(super) async fn refund_part(
    db: &Db,
    provider: &dyn PaymentProvider,
    row: &seller_orders::Model,
    amount_cents: i64,
    reason: &str,
    cancel_from: Option<SellerOrderStatus>,
) -> Result<(), StoreError> {
    let payment = payments::Entity::find()
        .filter(payments::Column::OrderId.eq(&row.order_id))
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    // The card gets back what it paid for this part, the wallet what cashback paid.
    let card_paid_for_part = row.total_cents - row.cashback_used_cents;
    let card_refunded_for_part = refunded_to_card(db.conn(), &row.id).await?;
    let to_card = amount_cents
        .min(card_paid_for_part - card_refunded_for_part)
        .min(payment.captured_cents - payment.refunded_cents)
        .max(0);
    let refund_id = new_id();
    refund_requests::ensure_none_pending(db.conn(), row, amount_cents).await?;
    // The provider's key names the part and the state the refund starts from, so the
    // provider refunds at most once per state:
    // - a retry after a timeout (the provider may have refunded without our hearing)
    //   sends the same key and gets the first refund back instead of a second one;
    // - two refunds asked at once share the key: the provider refunds once (refusing the
    //   key with other parameters), and only one of them is recorded below;
    // - once a refund is recorded, `refunded_cents` moves on and the next refund gets a
    //   key of its own.
    let provider_key = refund_requests::provider_key(row);
    // A cancellation races what hands the part over (a collect at the till against the
    // pickup hold job, say): it claims the part before the card is refunded, so that the
    // card is only ever refunded for a part that is really cancelled. The claim is undone
    // if the provider fails.
    let status_now = match cancel_from {
        Some(_) => {
            set_status_if(db, row, &row.status, SellerOrderStatus::Cancelled.as_str()).await?;
            SellerOrderStatus::Cancelled.as_str()
        }
        None => row.status.as_str(),
    };
    let provider_ref = match (&payment.provider_ref, to_card > 0) {
        // Paid at a till: the seller hands the money back over the counter.
        (_, true) if payment.provider == super::handoff::TILL_PROVIDER => {
            Some(format!("till-refund-{refund_id}"))
        }
        (Some(charge), true) => {
            // Written down first, so that a lost answer is finished by a job even if
            // nobody asks again (a cancellation has its own: the part stays cancelled
            // and unrefunded, see `finish_interrupted_cancellations`).
            if cancel_from.is_none() {
                refund_requests::write_down(db, row, amount_cents, reason).await?;
            }
            match refund_at_provider(provider, charge, to_card, provider_key.clone()).await {
                Ok(reference) => Some(reference),
                Err(err) => {
                    if cancel_from.is_some() {
                        set_status_if(db, row, status_now, &row.status).await?;
                    }
                    if matches!(
                        err,
                        StoreError::Conflict {
                            code: "refund_refused",
                            ..
                        }
                    ) {
                        // Refused for good: no answer is lost, nothing to finish.
                        refund_requests::give_up(db, &provider_key, amount_cents).await?;
                    }
                    return Err(err);
                }
            }
        }
        _ => None,
    };
    let txn = db.begin_write().await?;
    let backend = txn.get_database_backend();
    let at = now();
    let fully = row.refunded_cents + amount_cents >= row.total_cents;
    let new_status = match cancel_from {
        Some(_) => SellerOrderStatus::Cancelled.as_str(),
        None if fully => SellerOrderStatus::Refunded.as_str(),
        None => row.status.as_str(),
    };
    let moved = txn
        .execute_raw(statement(
            backend,
            "UPDATE seller_orders SET refunded_cents = refunded_cents + ?, status = ?, updated_at = ? \
             WHERE id = ? AND status = ? AND refunded_cents = ?",
            [
                amount_cents.into(),
                new_status.into(),
                at.into(),
                row.id.clone().into(),
                status_now.into(),
                row.refunded_cents.into(),
            ],
        ))
        .await?;
    if moved.rows_affected() != 1 {
        // Someone else changed it first. The same refund asked twice at once shared its
        // provider key, so the provider refunded once, and the other request recorded it.
        // Ask to reload and retry.
        return Err(StoreError::Conflict {
            code: "order_changed",
            message: "this order changed meanwhile; reload it and try again".into(),
            field: None,
        });
    }
    txn.execute_raw(statement(
        backend,
        "INSERT INTO refunds (id, seller_order_id, amount_cents, reason, provider_ref, to_card_cents, \
         to_wallet_cents, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            refund_id.clone().into(),
            row.id.clone().into(),
            amount_cents.into(),
            reason.to_owned().into(),
            provider_ref.into(),
            to_card.into(),
            (amount_cents - to_card).into(),
            at.into(),
        ],
    ))
    .await?;
    txn.execute_raw(statement(
        backend,
        "UPDATE payments SET refunded_cents = refunded_cents + ?, \
         status = CASE WHEN refunded_cents + ? >= captured_cents THEN 'refunded' ELSE 'partially_refunded' END, updated_at = ? \
         WHERE id = ?",
        [to_card.into(), to_card.into(), at.into(), payment.id.clone().into()],
    ))
    .await?;
    refund_requests::settle(&txn, &provider_key, "recorded").await?;
    post_refund(&txn, row, &payment, &refund_id, amount_cents, to_card).await?;
    cashback::reverse_for_refund(
        &txn,
        &row.id,
        &refund_id,
        row.total_cents,
        row.refunded_cents + amount_cents,
    )
    .await?;
    if cancel_from.is_some() {
        stock::restock(&txn, &row.order_id, &row.id, Restock::Cancelled).await?;
    } else if fully && row.return_status == "accepted" {
        stock::restock(&txn, &row.order_id, &row.id, returned_to(row)).await?;
    }
    let shop = shop_name(&txn, &row.shop_id).await?;
    notifications::refunded(&txn, &row.order_id, &refund_id, &shop, amount_cents).await?;
    complete_order_if_done(&txn, &row.order_id).await?;
    txn.commit().await?;
    Ok(())
}

/// Asks the provider for a refund, asking again with the same key while its answer is
/// lost (a timeout, a 5xx): the key makes the provider refund once and answer the same
/// refund to every ask. Found by the fault suite: a refund the provider made but whose
/// answer timed out was answered `payment_provider_unavailable`, the seller order left
/// as it was, and, unless the seller retried that very refund, the money was back on
/// the card while our books said it was not. A few quick asks close most of that window;
/// the rest is closed by the request written down before (see [`refund_requests`]).
async fn refund_at_provider(
    provider: &dyn PaymentProvider,
    charge: &str,
    amount_cents: i64,
    key: String,
) -> Result<String, StoreError> {
    let mut pause = std::time::Duration::from_millis(200);
    for _ in 0..3 {
        match provider.refund(charge, amount_cents, key.clone()).await {
            Err(err) if is_unavailable(&err) => {
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
            answered => return answered,
        }
    }
    provider.refund(charge, amount_cents, key).await
}

/// Whether the provider's answer was lost (it may or may not have refunded).
fn is_unavailable(err: &StoreError) -> bool {
    matches!(
        err,
        StoreError::Conflict {
            code: "payment_provider_unavailable",
            ..
        }
    )
}

/// Moves a seller order from `from` to `to` if nobody changed it since `row` was read
/// (same status, nothing more refunded); `order_changed` otherwise.
async fn set_status_if(
    db: &Db,
    row: &seller_orders::Model,
    from: &str,
    to: &str,
) -> Result<(), StoreError> {
    let moved = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE seller_orders SET status = ?, updated_at = ? \
             WHERE id = ? AND status = ? AND refunded_cents = ?",
            [
                to.into(),
                now().into(),
                row.id.clone().into(),
                from.into(),
                row.refunded_cents.into(),
            ],
        ))
        .await?;
    if moved.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict {
            code: "order_changed",
            message: "this order changed meanwhile; reload it and try again".into(),
            field: None,
        })
    }
}

/// Where the units of an accepted return go: the store that took them over the counter,
/// or the shelves they left from.
fn returned_to(row: &seller_orders::Model) -> Restock<'_> {
    match &row.return_store_id {
        Some(store) => Restock::ReturnedAt(store),
        None => Restock::Returned,
    }
}

/// The ledger of a refund: the seller gives back `amount` from its earnings (pending, or
/// payable once released), the platform gives back its commission in proportion, the card
/// gets `to_card` and the wallet the rest (cashback that paid for it).
async fn post_refund(
    txn: &impl ConnectionTrait,
    row: &seller_orders::Model,
    payment: &payments::Model,
    refund_id: &str,
    amount: i64,
    to_card: i64,
) -> Result<(), StoreError> {
    let refs = ledger::Refs {
        order_id: Some(&row.order_id),
        seller_order_id: Some(&row.id),
    };
    let seller_account = if row.payable_released {
        ledger::seller_payable(&row.shop_id)
    } else {
        ledger::seller_pending(&row.shop_id)
    };
    let commission_back = if row.total_cents > 0 {
        i64::try_from(
            i128::from(row.commission_cents) * i128::from(amount) / i128::from(row.total_cents),
        )
        .unwrap_or(0)
    } else {
        0
    };
    let order_account = ledger::order(&row.order_id);
    ledger::transfer(
        txn,
        &format!("refund_seller:{refund_id}"),
        &seller_account,
        &order_account,
        amount - commission_back,
        refs,
    )
    .await?;
    ledger::transfer(
        txn,
        &format!("refund_commission:{refund_id}"),
        ledger::COMMISSION,
        &order_account,
        commission_back,
        refs,
    )
    .await?;
    ledger::transfer(
        txn,
        &format!("refund_card:{refund_id}"),
        &order_account,
        &ledger::psp(&payment.provider),
        to_card,
        refs,
    )
    .await?;
    if payment.provider == super::handoff::TILL_PROVIDER {
        // The seller paid it back from its own till: the platform owes the seller that.
        ledger::transfer(
            txn,
            &format!("till_refund:{refund_id}"),
            &ledger::psp(&payment.provider),
            &seller_account,
            to_card,
            refs,
        )
        .await?;
    }
    let order_user = orders::Entity::find_by_id(&row.order_id)
        .one(txn)
        .await?
        .map(|order| order.user_id)
        .unwrap_or_default();
    let to_wallet = amount - to_card;
    let credited = ledger::transfer(
        txn,
        &format!("refund_wallet:{refund_id}"),
        &order_account,
        &ledger::wallet(&order_user),
        to_wallet,
        refs,
    )
    .await?;
    if credited {
        cashback::credit_lot(txn, &order_user, to_wallet, &format!("refund:{refund_id}")).await?;
    }
    Ok(())
}

/// How much of a part's refunds went back to the card so far.
async fn refunded_to_card(
    conn: &impl ConnectionTrait,
    seller_order_id: &str,
) -> Result<i64, StoreError> {
    let row = conn
        .query_one_raw(statement(
            conn.get_database_backend(),
            "SELECT CAST(COALESCE(SUM(to_card_cents), 0) AS BIGINT) FROM refunds WHERE seller_order_id = ?",
            [Value::from(seller_order_id.to_owned())],
        ))
        .await?;
    Ok(match row {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    })
}

/// The shopper asks to return a delivered or collected part, within the return window.
pub async fn request_return(
    db: &Db,
    user_id: &str,
    order_id: &str,
    seller_order_id: &str,
    reason: &str,
) -> Result<OrderView, StoreError> {
    let view = for_shopper(db, user_id, order_id).await?;
    let part = view
        .parts
        .iter()
        .find(|part| part.row.id == seller_order_id)
        .ok_or(StoreError::NotFound)?;
    let reason = required(reason, "reason", 500)?;
    let status = SellerOrderStatus::parse(&part.row.status).unwrap_or(SellerOrderStatus::Cancelled);
    if !status.is_handed_over() || part.row.return_status != "none" {
        return Err(invalid_transition(&part.row, "return"));
    }
    if part
        .return_deadline
        .is_some_and(|deadline| now() > deadline)
    {
        return Err(StoreError::Conflict {
            code: "return_window_closed",
            message: "the return window of this order has closed".into(),
            field: None,
        });
    }
    let moved = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE seller_orders SET return_status = 'requested', return_reason = ?, updated_at = ? \
             WHERE id = ? AND return_status = 'none'",
            [reason.into(), now().into(), seller_order_id.to_owned().into()],
        ))
        .await?;
    if moved.rows_affected() != 1 {
        return Err(invalid_transition(&part.row, "return"));
    }
    for_shopper(db, user_id, order_id).await
}

/// The seller answers a return request: accepting refunds what is left and restocks.
pub async fn answer_return(
    db: &Db,
    provider: &dyn PaymentProvider,
    shop_id: &str,
    seller_order_id: &str,
    accept: bool,
) -> Result<SellerOrderView, StoreError> {
    let row = own_seller_order(db.conn(), shop_id, seller_order_id).await?;
    if row.return_status != "requested" {
        return Err(StoreError::Conflict {
            code: "invalid_transition",
            message: "no return is waiting for an answer on this order".into(),
            field: None,
        });
    }
    let answer = if accept { "accepted" } else { "refused" };
    let moved = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE seller_orders SET return_status = ?, updated_at = ? WHERE id = ? AND return_status = 'requested'",
            [answer.into(), now().into(), row.id.clone().into()],
        ))
        .await?;
    if moved.rows_affected() == 1 && accept {
        let row = own_seller_order(db.conn(), shop_id, seller_order_id).await?;
        let left = row.total_cents - row.refunded_cents;
        if left > 0 {
            refund_part(db, provider, &row, left, "return accepted", None).await?;
        } else {
            // One transaction: the restock and the search's listing change together.
            let txn = db.begin_write().await?;
            stock::restock(&txn, &row.order_id, &row.id, returned_to(&row)).await?;
            txn.commit().await?;
        }
    }
    for_shop(db, shop_id, seller_order_id).await
}

/// Background job: once the return window of a handed-over part has passed, what the
/// shop earned on it (less commission and refunds) becomes payable.
pub async fn release_payables(db: &Db) -> Result<u64, StoreError> {
    let due = seller_orders::Entity::find()
        .filter(seller_orders::Column::PayableReleased.eq(false))
        .filter(seller_orders::Column::PayableAt.lte(now()))
        .filter(seller_orders::Column::Status.is_in(["delivered", "collected", "refunded"]))
        .filter(seller_orders::Column::ReturnStatus.ne("requested"))
        .limit(500)
        .all(db.conn())
        .await?;
    let mut released = 0;
    for row in due {
        let txn = db.begin_write().await?;
        let claimed = txn
            .execute_raw(statement(
                txn.get_database_backend(),
                "UPDATE seller_orders SET payable_released = TRUE WHERE id = ? AND payable_released = FALSE",
                [Value::from(row.id.clone())],
            ))
            .await?;
        if claimed.rows_affected() == 1 {
            let refunded_net = row.refunded_cents
                - i64::try_from(
                    i128::from(row.commission_cents) * i128::from(row.refunded_cents)
                        / i128::from(row.total_cents.max(1)),
                )
                .unwrap_or(0);
            let order = orders::Entity::find_by_id(&row.order_id)
                .one(&txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let platform_funded = super::payments::seller_orders_of(&txn, &order)
                .await?
                .into_iter()
                .find(|part| part.row.id == row.id)
                .map_or(0, |part| part.platform_discount_cents());
            let net = row.total_cents + platform_funded - row.commission_cents - refunded_net;
            ledger::transfer(
                &txn,
                &format!("payable:{}", row.id),
                &ledger::seller_pending(&row.shop_id),
                &ledger::seller_payable(&row.shop_id),
                net,
                ledger::Refs {
                    order_id: Some(&row.order_id),
                    seller_order_id: Some(&row.id),
                },
            )
            .await?;
            released += 1;
        }
        txn.commit().await?;
    }
    Ok(released)
}

#[cfg(test)]
mod interrupted_cancellation_tests {
    use sea_orm::{ConnectionTrait, Statement};

    use super::*;
    use crate::buying::payments::SandboxProvider;
    use crate::test_support::fresh_db;

    async fn one_i64(db: &Db, sql: &str) -> Result<i64, StoreError> {
        let row = db
            .conn()
            .query_one_raw(Statement::from_string(db.backend(), sql.to_owned()))
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(row.try_get_by_index::<Option<i64>>(0)?.unwrap_or(0))
    }

    /// A kill between a cancellation's claim and its refund leaves the part `cancelled`,
    /// unrefunded, its units still sold. Cancelling again (the seller's retry, or the job)
    /// finishes it: refunded once, restocked, every invariant holding.
    #[tokio::test]
    async fn a_cancellation_killed_before_its_refund_is_finished_by_a_retry_or_the_job()
    -> Result<(), StoreError> {
        let db = fresh_db().await?;
        crate::seed::seed_demo(&db).await?;
        crate::seed::catalog::seed_catalog(
            &db,
            crate::seed::catalog::CatalogSize::DEMO,
            &|_, _| {},
        )
        .await?;
        assert!(crate::seed::seed_demo_orders(&db).await? > 0);
        let paid: Vec<seller_orders::Model> = seller_orders::Entity::find()
            .filter(seller_orders::Column::Status.eq("paid"))
            .order_by_asc(seller_orders::Column::Id)
            .all(db.conn())
            .await?;
        assert!(paid.len() >= 2, "two paid parts to cancel");
        // The claim of two cancellations committed, then the process died.
        for part in &paid[..2] {
            db.conn()
                .execute_raw(statement(
                    db.backend(),
                    "UPDATE seller_orders SET status = 'cancelled', updated_at = ? WHERE id = ?",
                    [
                        (now() - Duration::minutes(5)).into(),
                        part.id.clone().into(),
                    ],
                ))
                .await?;
        }
        // The seller's retry finishes the first.
        let first = &paid[0];
        let view = cancel(&db, &SandboxProvider, &first.shop_id, &first.id, "retry").await?;
        assert_eq!(view.row.refunded_cents, first.total_cents);
        // The job finishes the other, and only it.
        assert_eq!(
            finish_interrupted_cancellations(&db, &SandboxProvider).await?,
            1
        );
        assert_eq!(
            finish_interrupted_cancellations(&db, &SandboxProvider).await?,
            0
        );
        for part in &paid[..2] {
            let sql = format!(
                "SELECT COUNT(*) FROM refunds WHERE seller_order_id = '{}'",
                part.id
            );
            assert_eq!(one_i64(&db, &sql).await?, 1, "refunded once");
            let sql = format!(
                "SELECT COUNT(*) FROM reservations r JOIN order_lines l ON l.id = r.order_line_id \
                 WHERE l.seller_order_id = '{}' AND r.status <> 'restocked'",
                part.id
            );
            assert_eq!(one_i64(&db, &sql).await?, 0, "its units back on the shelf");
        }
        // A finished cancellation is not cancelled again.
        assert!(
            cancel(&db, &SandboxProvider, &first.shop_id, &first.id, "again")
                .await
                .is_err()
        );
        for outcome in crate::invariants::check_all(&db).await? {
            assert!(
                outcome.holds(),
                "{} found {}",
                outcome.name,
                outcome.violations
            );
        }
        Ok(())
    }
}
