//! Payouts: what a shop has earned, read from the ledger, and paying it out.
//!
//! - pending: `seller:{shop}:pending`, earnings still inside their return window;
//! - payable: `seller:{shop}:payable`, released earnings not yet paid out;
//! - paid: `payout:{shop}`, everything paid out so far (each payout moves the whole
//!   payable balance there).
//!
//! A payout is one ledger movement keyed by the shop and its sequence number, so two
//! operators paying the same shop at once post it once; the second is told so.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use super::audit::{self, AuditChange};
use super::notify;
use crate::buying::ledger;
use crate::db::statement;
use crate::{Db, StoreError};
use domain::money::format_euros;

/// The account a shop's payouts accumulate in.
pub fn paid_account(shop_id: &str) -> String {
    format!("payout:{shop_id}")
}

/// A shop's money, in cents, with its payouts and latest ledger lines.
#[derive(Debug, Clone)]
pub struct PayoutSummary {
    pub pending_cents: i64,
    pub payable_cents: i64,
    pub paid_cents: i64,
    pub payouts: Vec<PayoutRow>,
    pub entries: Vec<EarningLine>,
}

/// One payout.
#[derive(Debug, Clone, FromQueryResult)]
pub struct PayoutRow {
    pub movement_key: String,
    pub amount_cents: i64,
    pub created_at: DateTime<Utc>,
}

/// One line on a shop's pending or payable account.
#[derive(Debug, Clone, FromQueryResult)]
pub struct EarningLine {
    pub account: String,
    pub movement_key: String,
    pub amount_cents: i64,
    pub order_number: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The shop's balances, its payouts (newest first) and its latest 50 earning lines.
pub async fn summary(db: &Db, shop_id: &str) -> Result<PayoutSummary, StoreError> {
    let conn = db.conn();
    let backend = conn.get_database_backend();
    let payouts = PayoutRow::find_by_statement(statement(
        backend,
        "SELECT movement_key, amount_cents, created_at FROM ledger_entries \
         WHERE account = ? ORDER BY created_at DESC, movement_key DESC LIMIT 100",
        [Value::from(paid_account(shop_id))],
    ))
    .all(conn)
    .await?;
    let entries = EarningLine::find_by_statement(statement(
        backend,
        "SELECT l.account, l.movement_key, l.amount_cents, o.number AS order_number, l.created_at \
         FROM ledger_entries l LEFT JOIN orders o ON o.id = l.order_id \
         WHERE l.account IN (?, ?) ORDER BY l.created_at DESC, l.id DESC LIMIT 50",
        [
            Value::from(ledger::seller_pending(shop_id)),
            Value::from(ledger::seller_payable(shop_id)),
        ],
    ))
    .all(conn)
    .await?;
    Ok(PayoutSummary {
        pending_cents: ledger::balance(conn, &ledger::seller_pending(shop_id)).await?,
        payable_cents: ledger::balance(conn, &ledger::seller_payable(shop_id)).await?,
        paid_cents: ledger::balance(conn, &paid_account(shop_id)).await?,
        payouts,
        entries,
    })
}

/// Pays a shop its whole payable balance (an operator's action, audited); answers the
/// amount. Nothing payable, or another payout of the same balance first: 409.
pub async fn pay_out(
    db: &Db,
    operator_id: &str,
    shop_id: &str,
    reason: &str,
) -> Result<i64, StoreError> {
    let shop_exists = db
        .conn()
        .query_one_raw(statement(
            db.backend(),
            "SELECT id FROM shops WHERE id = ?",
            [Value::from(shop_id.to_owned())],
        ))
        .await?
        .is_some();
    if !shop_exists {
        return Err(StoreError::NotFound);
    }
    let txn = db.begin_write().await?;
    let payable = ledger::balance(&txn, &ledger::seller_payable(shop_id)).await?;
    if payable <= 0 {
        return Err(StoreError::Conflict {
            code: "nothing_payable",
            message: "this shop has nothing payable".into(),
            field: None,
        });
    }
    let sequence = match txn
        .query_one_raw(statement(
            txn.get_database_backend(),
            "SELECT CAST(COUNT(*) AS BIGINT) FROM ledger_entries WHERE account = ?",
            [Value::from(paid_account(shop_id))],
        ))
        .await?
    {
        Some(row) => row.try_get_by_index::<i64>(0)? + 1,
        None => 1,
    };
    let posted = ledger::transfer(
        &txn,
        &format!("payout:{shop_id}:{sequence}"),
        &ledger::seller_payable(shop_id),
        &paid_account(shop_id),
        payable,
        ledger::Refs::default(),
    )
    .await?;
    if !posted {
        return Err(StoreError::Conflict {
            code: "payout_in_progress",
            message: "another payout of this shop was just made; reload".into(),
            field: None,
        });
    }
    let reason = reason.trim();
    audit::record(
        &txn,
        operator_id,
        "shop.payout",
        ("shop", shop_id),
        reason,
        &[AuditChange::new("paid_cents", 0, payable)],
    )
    .await?;
    notify::shop_staff(
        &txn,
        shop_id,
        "payout",
        &format!("payout:{shop_id}:{sequence}"),
        format!(
            "Virement de {} · Payout of {}",
            format_euros(payable),
            format_euros(payable)
        ),
        format!(
            "Halles vous a versé {amount}, vos gains dont le délai de retour est passé.\n\n---\n\n\
             Halles paid you {amount}, your earnings whose return window has passed.\n",
            amount = format_euros(payable)
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(payable)
}
