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

use crate::db::{InsertRows, Script, statement};
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
    let mut batch = Batch::default();
    batch.transfer(movement_key, from, to, amount_cents, refs);
    batch.post(conn).await
}

/// Posts a balanced movement; refuses an unbalanced one. Idempotent by `movement_key`.
pub async fn post(
    conn: &impl ConnectionTrait,
    movement_key: &str,
    lines: &[Line],
    refs: Refs<'_>,
) -> Result<bool, StoreError> {
    let mut batch = Batch::default();
    batch.movement(movement_key, lines.to_vec(), refs);
    batch.post(conn).await
}

/// Movements posted together in one statement. A settlement posts a dozen of them inside
/// the write transaction every other writer waits for; one round trip instead of twelve
/// is what lets checkout keep up.
#[derive(Debug, Default)]
pub struct Batch {
    movements: Vec<Movement>,
}

#[derive(Debug)]
struct Movement {
    key: String,
    lines: Vec<Line>,
    order_id: Option<String>,
    seller_order_id: Option<String>,
}

impl Batch {
    /// Adds a movement of these lines (checked when posted).
    pub fn movement(&mut self, key: &str, lines: Vec<Line>, refs: Refs<'_>) {
        self.movements.push(Movement {
            key: key.to_owned(),
            lines,
            order_id: refs.order_id.map(str::to_owned),
            seller_order_id: refs.seller_order_id.map(str::to_owned),
        });
    }

    /// Adds `amount_cents` from `from` to `to`, like [`transfer`]; zero adds nothing.
    pub fn transfer(&mut self, key: &str, from: &str, to: &str, amount_cents: i64, refs: Refs<'_>) {
        if amount_cents != 0 {
            self.movement(
                key,
                vec![
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
            );
        }
    }

    /// Posts every movement, all or none: answers whether they were new, and fails if
    /// only some of their lines were there before (a bug or a clash of keys).
    pub async fn post(self, conn: &impl ConnectionTrait) -> Result<bool, StoreError> {
        let total: usize = self
            .movements
            .iter()
            .map(|movement| movement.lines.len())
            .sum();
        let rows = self.rows()?;
        let inserted = rows
            .execute(conn, " ON CONFLICT (movement_key, account) DO NOTHING")
            .await?;
        if inserted != 0 && inserted != total as u64 {
            let keys: Vec<&str> = self.movements.iter().map(|m| m.key.as_str()).collect();
            return Err(StoreError::Internal(format!(
                "ledger movements {} were partly posted before",
                keys.join(", ")
            )));
        }
        Ok(inserted != 0)
    }

    /// Adds every movement to `script`, to be written with the rest of a settlement. No
    /// key may exist already: a clash fails the script, and so its whole transaction,
    /// rather than post half of a movement set twice.
    pub(crate) fn add_to(self, script: &mut Script) -> Result<(), StoreError> {
        self.rows()?.add_to(script, "");
        Ok(())
    }

    /// The lines of every movement as one insert, once each movement is checked to
    /// balance.
    fn rows(&self) -> Result<InsertRows, StoreError> {
        for movement in &self.movements {
            let sum: i64 = movement.lines.iter().map(|line| line.amount_cents).sum();
            if sum != 0 || movement.lines.len() < 2 {
                return Err(StoreError::Internal(format!(
                    "unbalanced ledger movement {}: {sum}",
                    movement.key
                )));
            }
        }
        let at = now();
        let mut rows = InsertRows::new(
            "INSERT INTO ledger_entries (id, movement_key, account, amount_cents, currency, \
             order_id, seller_order_id, created_at) VALUES ",
            "(?, ?, ?, ?, 'EUR', ?, ?, ?)",
        );
        for movement in &self.movements {
            for line in &movement.lines {
                rows.push([
                    new_id().into(),
                    movement.key.clone().into(),
                    line.account.clone().into(),
                    line.amount_cents.into(),
                    movement.order_id.clone().into(),
                    movement.seller_order_id.clone().into(),
                    at.into(),
                ]);
            }
        }
        Ok(rows)
    }
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
