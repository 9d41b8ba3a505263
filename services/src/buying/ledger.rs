//! The money ledger: append-only, double entry. A movement is a set of lines under one
//! `movement_key` that sum to zero; the key is unique per account, so posting the same
//! movement twice (a retried webhook, a job run by two servers) adds nothing.
//!
//! Accounts, by name:
//! - `psp:{provider}`: money moving through the payment provider (captures −, refunds +).
//! - `order:{order_id}`: a paid order's funds before they are shared out; nets to zero.
//! - `seller:{shop_id}:pending`: a shop's earnings inside the return window.
//! - `seller:{shop_id}:payable`: a shop's earnings it may be paid out.
//! - `platform:commission`, `platform:promotions`: the marketplace's fee and what its
//!   discount codes cost it.
//! - `wallet:{user_id}`: a shopper's spendable cashback.

use sea_orm::{ConnectionTrait, Value};

use crate::db::statement;
use crate::{StoreError, new_id, now};

/// One side of a movement.
#[derive(Debug, Clone)]
pub struct Line {
    pub account: String,
    pub amount_cents: i64,
}

/// What a movement is about, recorded on each of its lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct Refs<'a> {
    pub order_id: Option<&'a str>,
    pub seller_order_id: Option<&'a str>,
}

/// Moves `amount_cents` from `from` to `to` (two lines: `from` −, `to` +). A zero amount
/// posts nothing. Returns whether the movement was new.
pub async fn transfer(
    conn: &impl ConnectionTrait,
    movement_key: &str,
    from: &str,
    to: &str,
    amount_cents: i64,
    refs: Refs<'_>,
) -> Result<bool, StoreError> {
    if amount_cents == 0 {
        return Ok(false);
    }
    post(
        conn,
        movement_key,
        &[
            Line {
                account: from.to_owned(),
                amount_cents: -amount_cents,
            },
            Line {
                account: to.to_owned(),
                amount_cents,
            },
        ],
        refs,
    )
    .await
}

/// Posts a balanced movement; refuses an unbalanced one. Idempotent by `movement_key`.
pub async fn post(
    conn: &impl ConnectionTrait,
    movement_key: &str,
    lines: &[Line],
    refs: Refs<'_>,
) -> Result<bool, StoreError> {
    let sum: i64 = lines.iter().map(|line| line.amount_cents).sum();
    if sum != 0 || lines.len() < 2 {
        return Err(StoreError::Internal(format!(
            "unbalanced ledger movement {movement_key}: {sum}"
        )));
    }
    let backend = conn.get_database_backend();
    let at = now();
    let mut inserted = 0;
    for line in lines {
        let result = conn
            .execute_raw(statement(
                backend,
                "INSERT INTO ledger_entries (id, movement_key, account, amount_cents, currency, \
                 order_id, seller_order_id, created_at) VALUES (?, ?, ?, ?, 'EUR', ?, ?, ?) \
                 ON CONFLICT (movement_key, account) DO NOTHING",
                [
                    new_id().into(),
                    movement_key.to_owned().into(),
                    line.account.clone().into(),
                    line.amount_cents.into(),
                    refs.order_id.map(str::to_owned).into(),
                    refs.seller_order_id.map(str::to_owned).into(),
                    at.into(),
                ],
            ))
            .await?;
        inserted += result.rows_affected();
    }
    // All lines or none: a partly posted movement would mean a bug or a clash of keys.
    if inserted != 0 && inserted != lines.len() as u64 {
        return Err(StoreError::Internal(format!(
            "ledger movement {movement_key} was partly posted before"
        )));
    }
    Ok(inserted != 0)
}

/// The balance of one account: the sum of its lines.
pub async fn balance(conn: &impl ConnectionTrait, account: &str) -> Result<i64, StoreError> {
    let row = conn
        .query_one_raw(statement(
            conn.get_database_backend(),
            "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM ledger_entries WHERE account = ?",
            [Value::from(account.to_owned())],
        ))
        .await?;
    Ok(match row {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    })
}

pub fn psp(provider: &str) -> String {
    format!("psp:{provider}")
}

pub fn order(order_id: &str) -> String {
    format!("order:{order_id}")
}

pub fn seller_pending(shop_id: &str) -> String {
    format!("seller:{shop_id}:pending")
}

pub fn seller_payable(shop_id: &str) -> String {
    format!("seller:{shop_id}:payable")
}

pub fn wallet(user_id: &str) -> String {
    format!("wallet:{user_id}")
}

pub const COMMISSION: &str = "platform:commission";
pub const PROMOTIONS: &str = "platform:promotions";
