//! Disputes: a shopper contests a seller order ("not received", "not as described"), the
//! seller answers, an operator decides.
//!
//! - A refund goes through the ordinary seller refund ([`orders::refund`]): the card and
//!   the wallet get back what they paid, the cashback earned is reversed, and the amount
//!   is taken from what the seller is owed (pending, or payable once released).
//! - A rejection closes it. Either way both sides are told, and the decision is in the
//!   audit log with its reason.
//!
//! The decision claims the dispute with a conditional update before any money moves, so
//! two operators deciding at once refund at most once; if the payment provider fails the
//! claim is undone (and the audit log says so) and the dispute is open again.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use super::audit::{self, AuditChange};
use super::notify;
use crate::buying::orders::{self, required};
use crate::buying::payments::PaymentProvider;
use crate::db::statement;
use crate::error::OnUniqueViolation;
use crate::{Db, StoreError, new_id, now};
use domain::money::format_euros;
use domain::orders::SellerOrderStatus;

/// Why a shopper contests a seller order.
pub const KINDS: [&str; 2] = ["not_received", "not_as_described"];

/// A dispute with what its readers need around it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Dispute {
    pub id: String,
    pub seller_order_id: String,
    pub order_id: String,
    pub order_number: String,
    pub shop_id: String,
    pub shop_name: String,
    pub user_id: String,
    pub shopper_name: String,
    pub kind: String,
    pub message: String,
    pub seller_answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub status: String,
    pub decision_reason: Option<String>,
    pub refund_cents: Option<i64>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub part_total_cents: i64,
    pub part_refunded_cents: i64,
}

const SELECT: &str = "SELECT d.id, d.seller_order_id, d.order_id, o.number AS order_number, d.shop_id, \
     s.name AS shop_name, d.user_id, u.name AS shopper_name, d.kind, d.message, d.seller_answer, \
     d.answered_at, d.status, d.decision_reason, d.refund_cents, d.decided_at, d.created_at, \
     p.total_cents AS part_total_cents, p.refunded_cents AS part_refunded_cents \
     FROM disputes d JOIN orders o ON o.id = d.order_id JOIN shops s ON s.id = d.shop_id \
     JOIN users u ON u.id = d.user_id JOIN seller_orders p ON p.id = d.seller_order_id";

/// What an operator decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Refund `amount_cents`, or everything not refunded yet.
    Refund {
        amount_cents: Option<i64>,
    },
    Reject,
}

async fn find(
    conn: &impl ConnectionTrait,
    filter: &str,
    values: Vec<Value>,
) -> Result<Vec<Dispute>, StoreError> {
    Ok(Dispute::find_by_statement(statement(
        conn.get_database_backend(),
        &format!("{SELECT} WHERE {filter} ORDER BY d.created_at DESC, d.id DESC"),
        values,
    ))
    .all(conn)
    .await?)
}

async fn one(conn: &impl ConnectionTrait, id: &str) -> Result<Dispute, StoreError> {
    find(conn, "d.id = ?", vec![id.to_owned().into()])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// The shopper contests one part of their own order; another shopper's is not found.
pub async fn open(
    db: &Db,
    user_id: &str,
    order_id: &str,
    seller_order_id: &str,
    kind: &str,
    message: &str,
) -> Result<Dispute, StoreError> {
    let view = orders::for_shopper(db, user_id, order_id).await?;
    let part = view
        .parts
        .iter()
        .find(|part| part.row.id == seller_order_id)
        .ok_or(StoreError::NotFound)?;
    let kind = kind.trim();
    if !KINDS.contains(&kind) {
        return Err(StoreError::Invalid {
            code: "kind_invalid",
            message: "kind is not_received or not_as_described".into(),
            field: Some("kind"),
        });
    }
    let message = required(message, "message", 2000)?;
    let status = SellerOrderStatus::parse(&part.row.status).unwrap_or(SellerOrderStatus::Cancelled);
    if !status.is_paid()
        || status == SellerOrderStatus::Refunded
        || part.row.refunded_cents >= part.row.total_cents
    {
        return Err(StoreError::Conflict {
            code: "not_disputable",
            message: "only a paid order that is not fully refunded can be disputed".into(),
            field: None,
        });
    }
    let id = new_id();
    let txn = db.begin_write().await?;
    txn.execute_raw(statement(
        txn.get_database_backend(),
        "INSERT INTO disputes (id, seller_order_id, order_id, shop_id, user_id, kind, message, \
         status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)",
        [
            id.clone().into(),
            part.row.id.clone().into(),
            order_id.to_owned().into(),
            part.row.shop_id.clone().into(),
            user_id.to_owned().into(),
            kind.to_owned().into(),
            message.clone().into(),
            now().into(),
        ],
    ))
    .await
    .on_unique_violation(
        "dispute_open",
        "a dispute on this order is already open",
        "seller_order_id",
    )?;
    notify::shop_staff(
        &txn,
        &part.row.shop_id,
        "dispute_opened",
        &format!("dispute_opened:{id}"),
        format!(
            "Litige ouvert sur la commande {} · Dispute opened on order {}",
            view.order.number, view.order.number
        ),
        format!(
            "Un client conteste sa commande {number} ({kind}) :\n\n{message}\n\n\
             Répondez depuis la console ou l'API avant la décision de l'équipe Halles.\n\n---\n\n\
             A shopper disputes order {number} ({kind}):\n\n{message}\n\n\
             Answer from the console or the API before the Halles team decides.\n",
            number = view.order.number,
        ),
    )
    .await?;
    txn.commit().await?;
    one(db.conn(), &id).await
}

/// The shopper's disputes, newest first.
pub async fn for_shopper(db: &Db, user_id: &str) -> Result<Vec<Dispute>, StoreError> {
    find(db.conn(), "d.user_id = ?", vec![user_id.to_owned().into()]).await
}

/// The shop's disputes, newest first (open ones only when `open_only`).
pub async fn for_shop(db: &Db, shop_id: &str, open_only: bool) -> Result<Vec<Dispute>, StoreError> {
    let filter = if open_only {
        "d.shop_id = ? AND d.status = 'open'"
    } else {
        "d.shop_id = ?"
    };
    find(db.conn(), filter, vec![shop_id.to_owned().into()]).await
}

/// Disputes for operators: all, or those in `status` (`open`, `refunded`, `rejected`).
pub async fn for_operators(db: &Db, status: Option<&str>) -> Result<Vec<Dispute>, StoreError> {
    match status {
        None => find(db.conn(), "1 = 1", Vec::new()).await,
        Some(status) if ["open", "refunded", "rejected"].contains(&status) => {
            find(db.conn(), "d.status = ?", vec![status.to_owned().into()]).await
        }
        Some(_) => Err(StoreError::Invalid {
            code: "status_invalid",
            message: "status is open, refunded or rejected".into(),
            field: Some("status"),
        }),
    }
}

/// The seller's side of the story, once, while the dispute is open.
pub async fn answer(
    db: &Db,
    shop_id: &str,
    dispute_id: &str,
    message: &str,
) -> Result<Dispute, StoreError> {
    let dispute = one(db.conn(), dispute_id).await?;
    if dispute.shop_id != shop_id {
        return Err(StoreError::NotFound);
    }
    let message = required(message, "message", 2000)?;
    let txn = db.begin_write().await?;
    let moved = txn
        .execute_raw(statement(
            txn.get_database_backend(),
            "UPDATE disputes SET seller_answer = ?, answered_at = ? \
             WHERE id = ? AND status = 'open' AND seller_answer IS NULL",
            [message.into(), now().into(), dispute.id.clone().into()],
        ))
        .await?;
    if moved.rows_affected() != 1 {
        return Err(StoreError::Conflict {
            code: "already_answered",
            message: "this dispute was already answered or decided".into(),
            field: None,
        });
    }
    txn.commit().await?;
    one(db.conn(), dispute_id).await
}

/// An operator decides an open dispute, with a reason both sides read.
pub async fn decide(
    db: &Db,
    provider: &dyn PaymentProvider,
    operator_id: &str,
    dispute_id: &str,
    decision: Decision,
    reason: &str,
) -> Result<Dispute, StoreError> {
    let dispute = one(db.conn(), dispute_id).await?;
    let reason = required(reason, "reason", 500)?;
    let left = dispute.part_total_cents - dispute.part_refunded_cents;
    let (status, refund) = match decision {
        Decision::Refund { amount_cents } => {
            let amount = amount_cents.unwrap_or(left);
            if amount <= 0 || amount > left {
                return Err(StoreError::Invalid {
                    code: "amount_invalid",
                    message: format!("refund between 1 and {left} cents"),
                    field: Some("amount_cents"),
                });
            }
            ("refunded", Some(amount))
        }
        Decision::Reject => ("rejected", None),
    };
    let action = format!(
        "dispute.{}",
        if refund.is_some() { "refund" } else { "reject" }
    );
    let changes = [AuditChange::new("status", "open", status)];
    claim(
        db,
        &dispute,
        operator_id,
        status,
        refund,
        &reason,
        &action,
        &changes,
    )
    .await?;
    if let Some(amount) = refund {
        let refunded = orders::refund(
            db,
            provider,
            &dispute.shop_id,
            &dispute.seller_order_id,
            amount,
            &format!("dispute: {reason}"),
        )
        .await;
        if let Err(err) = refunded {
            reopen(db, &dispute, operator_id, &err).await?;
            return Err(err);
        }
    }
    tell_both_sides(db, &dispute, status, refund, &reason).await?;
    one(db.conn(), dispute_id).await
}

/// Marks the dispute decided (if it is still open) and records the decision.
#[allow(clippy::too_many_arguments)]
async fn claim(
    db: &Db,
    dispute: &Dispute,
    operator_id: &str,
    status: &str,
    refund: Option<i64>,
    reason: &str,
    action: &str,
    changes: &[AuditChange],
) -> Result<(), StoreError> {
    let txn = db.begin_write().await?;
    let moved = txn
        .execute_raw(statement(
            txn.get_database_backend(),
            "UPDATE disputes SET status = ?, refund_cents = ?, decision_reason = ?, decided_by = ?, \
             decided_at = ? WHERE id = ? AND status = 'open'",
            [
                status.into(),
                refund.into(),
                reason.into(),
                operator_id.into(),
                now().into(),
                dispute.id.clone().into(),
            ],
        ))
        .await?;
    if moved.rows_affected() != 1 {
        return Err(StoreError::Conflict {
            code: "dispute_decided",
            message: "this dispute was already decided".into(),
            field: None,
        });
    }
    audit::record(
        &txn,
        operator_id,
        action,
        ("dispute", &dispute.id),
        reason,
        changes,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The refund failed: the dispute is open again, and the audit log says why.
async fn reopen(
    db: &Db,
    dispute: &Dispute,
    operator_id: &str,
    err: &StoreError,
) -> Result<(), StoreError> {
    let txn = db.begin_write().await?;
    txn.execute_raw(statement(
        txn.get_database_backend(),
        "UPDATE disputes SET status = 'open', refund_cents = NULL, decision_reason = NULL, \
         decided_by = NULL, decided_at = NULL WHERE id = ? AND status = 'refunded'",
        [dispute.id.clone().into()],
    ))
    .await?;
    audit::record(
        &txn,
        operator_id,
        "dispute.reopen",
        ("dispute", &dispute.id),
        &format!("refund failed: {err}"),
        &[AuditChange::new("status", "refunded", "open")],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn tell_both_sides(
    db: &Db,
    dispute: &Dispute,
    status: &str,
    refund: Option<i64>,
    reason: &str,
) -> Result<(), StoreError> {
    let number = &dispute.order_number;
    let (fr, en) = match refund {
        Some(cents) => (
            format!("remboursement de {} accordé", format_euros(cents)),
            format!("a refund of {} was granted", format_euros(cents)),
        ),
        None => ("litige rejeté".to_owned(), "dispute rejected".to_owned()),
    };
    let subject =
        format!("Litige sur la commande {number} : {fr} · Dispute on order {number}: {en}");
    let body = format!(
        "L'équipe Halles a tranché le litige sur la commande {number} : {fr}.\nMotif : {reason}\n\n\
         ---\n\nThe Halles team decided the dispute on order {number}: {en}.\nReason: {reason}\n"
    );
    let txn = db.begin_write().await?;
    notify::user(
        &txn,
        &dispute.user_id,
        "dispute_decided",
        &format!("dispute_decided:{}:{status}", dispute.id),
        Some(&dispute.order_id),
        subject.clone(),
        body.clone(),
    )
    .await?;
    notify::shop_staff(
        &txn,
        &dispute.shop_id,
        "dispute_decided",
        &format!("dispute_decided_shop:{}:{status}", dispute.id),
        subject,
        body,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
