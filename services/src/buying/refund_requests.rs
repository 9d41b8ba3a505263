//! Refunds asked of the payment provider, written down before they are asked.
//!
//! The provider's answer to a refund can be lost: a timeout, a 5xx, the process killed
//! mid-call. The provider may have refunded all the same. A refund is therefore asked
//! under a key naming the part and the state it starts from (`refund:<part>:<refunded so
//! far>`), and the request is kept here, `asked`, until its refund is recorded in the
//! same transaction that records the refund (`recorded`). A request still `asked` after
//! [`LOST_AFTER`] lost its answer: [`finish_lost`] asks again with the same key (the
//! provider answers the refund it made, or makes it once) and records it.
//!
//! While a request is `asked`, another refund of the same part for a different amount
//! would reuse its key with other parameters (the provider refuses that) or, recorded
//! first, strand the money of the first: it is refused with `refund_in_progress` until
//! the first is settled.

use chrono::Duration;
use sea_orm::{ConnectionTrait, EntityTrait, Value};

use super::payments::PaymentProvider;
use crate::db::entity::seller_orders;
use crate::db::statement;
use crate::{Db, StoreError, now};

/// How long a request may stay `asked` before the job takes it as lost: past the
/// provider's slowest answer and the few quick re-asks of the request itself.
pub const LOST_AFTER: Duration = Duration::seconds(30);

/// The provider's idempotency key for a refund of `row` from its state now.
pub(super) fn provider_key(row: &seller_orders::Model) -> String {
    format!("refund:{}:{}", row.id, row.refunded_cents)
}

/// Refuses a refund of `amount_cents` on `row` while another one of a different amount
/// is asked and unsettled.
pub(super) async fn ensure_none_pending(
    conn: &impl ConnectionTrait,
    row: &seller_orders::Model,
    amount_cents: i64,
) -> Result<(), StoreError> {
    let pending = conn
        .query_one_raw(statement(
            conn.get_database_backend(),
            "SELECT amount_cents FROM refund_requests \
             WHERE status = 'asked' AND seller_order_id = ? \
               AND (provider_key <> ? OR amount_cents <> ?)",
            [
                row.id.clone().into(),
                provider_key(row).into(),
                amount_cents.into(),
            ],
        ))
        .await?;
    match pending {
        None => Ok(()),
        Some(pending) => {
            let cents: i64 = pending.try_get_by_index(0)?;
            Err(StoreError::Conflict {
                code: "refund_in_progress",
                message: format!(
                    "a refund of {} on this order is still being confirmed by the payment \
                     provider; try again in a minute",
                    domain::money::format_euros(cents)
                ),
                field: None,
            })
        }
    }
}

/// Writes the request down before the provider is asked (once per key: the same refund
/// asked again shares the row).
pub(super) async fn write_down(
    db: &Db,
    row: &seller_orders::Model,
    amount_cents: i64,
    reason: &str,
) -> Result<(), StoreError> {
    let at = now();
    db.writer()
        .execute_raw(statement(
            db.backend(),
            "INSERT INTO refund_requests (provider_key, seller_order_id, refunded_from, amount_cents, \
             reason, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'asked', ?, ?) \
             ON CONFLICT (provider_key) DO NOTHING",
            [
                provider_key(row).into(),
                row.id.clone().into(),
                row.refunded_cents.into(),
                amount_cents.into(),
                reason.to_owned().into(),
                at.into(),
                at.into(),
            ],
        ))
        .await?;
    Ok(())
}

/// Marks the request `failed`: the provider refused this very refund for good (not
/// another one of the same part that shares its key, nor an answer that was lost).
pub(super) async fn give_up(db: &Db, key: &str, amount_cents: i64) -> Result<(), StoreError> {
    db.writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE refund_requests SET status = 'failed', updated_at = ? \
             WHERE provider_key = ? AND amount_cents = ? AND status = 'asked'",
            [now().into(), key.to_owned().into(), amount_cents.into()],
        ))
        .await?;
    Ok(())
}

/// Marks the request `status`: `recorded`, inside the refund's own transaction, or
/// `superseded`.
pub(super) async fn settle(
    conn: &impl ConnectionTrait,
    key: &str,
    status: &str,
) -> Result<(), StoreError> {
    conn.execute_raw(statement(
        conn.get_database_backend(),
        "UPDATE refund_requests SET status = ?, updated_at = ? WHERE provider_key = ? AND status = 'asked'",
        [status.into(), now().into(), key.to_owned().into()],
    ))
    .await?;
    Ok(())
}

/// Background job: asks again, with the same key, each refund still `asked` after
/// [`LOST_AFTER`], and records it. A request whose part has moved on since (another
/// refund recorded from the same state: the same refund, asked twice) is superseded.
/// Racing the live request is harmless: both send the same key, the provider refunds
/// once, and only one records it.
pub async fn finish_lost(db: &Db, provider: &dyn PaymentProvider) -> Result<u64, StoreError> {
    let backend = db.backend();
    let lost = db
        .conn()
        .query_all_raw(statement(
            backend,
            "SELECT provider_key, seller_order_id, refunded_from, amount_cents, reason \
             FROM refund_requests WHERE status = 'asked' AND updated_at < ? \
             ORDER BY updated_at LIMIT 50",
            [Value::from(now() - LOST_AFTER)],
        ))
        .await?;
    let mut finished = 0;
    for request in lost {
        let key: String = request.try_get_by_index(0)?;
        let seller_order_id: String = request.try_get_by_index(1)?;
        let refunded_from: i64 = request.try_get_by_index(2)?;
        let amount_cents: i64 = request.try_get_by_index(3)?;
        let reason: String = request.try_get_by_index(4)?;
        let row = seller_orders::Entity::find_by_id(&seller_order_id)
            .one(db.conn())
            .await?;
        let Some(row) = row.filter(|row| row.refunded_cents == refunded_from) else {
            settle(db.writer(), &key, "superseded").await?;
            continue;
        };
        match super::orders::refund_part(db, provider, &row, amount_cents, &reason, None).await {
            Ok(()) => finished += 1,
            Err(err) => tracing::warn!(
                seller_order = %seller_order_id,
                error = %err,
                "could not finish a refund whose answer was lost yet"
            ),
        }
        // Asked again now: the next look waits another while.
        db.writer()
            .execute_raw(statement(
                backend,
                "UPDATE refund_requests SET updated_at = ? WHERE provider_key = ? AND status = 'asked'",
                [now().into(), key.into()],
            ))
            .await?;
    }
    Ok(finished)
}
