//! Background work. Each job is idempotent and decided by rows in the database, so any
//! number of server processes may run it at once: the second one simply finds less to do.

use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::accounts::sessions;
use crate::buying::notifications::Mailer;
use crate::buying::payments::PaymentProvider;
use crate::buying::{idempotency, orders, payments, pickup_hold};
use crate::db::entity::login_throttle;
use crate::{Db, StoreError, now};

/// What one job did in one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobReport {
    pub name: &'static str,
    pub affected: u64,
}

/// Runs every job once, in order; stops at the first database error. `provider` refunds
/// what the jobs cancel (pickups not collected in time).
pub async fn run_due_once(
    db: &Db,
    mailer: &dyn Mailer,
    provider: &dyn PaymentProvider,
) -> Result<Vec<JobReport>, StoreError> {
    Ok(vec![
        JobReport {
            name: "expire_unpaid_orders",
            affected: payments::expire_unpaid(db).await?,
        },
        JobReport {
            name: "release_seller_payables",
            affected: orders::release_payables(db).await?,
        },
        // Before the messages go out, so the shopper hears of it in the same run.
        JobReport {
            name: "expire_uncollected_pickups",
            affected: pickup_hold::expire_uncollected(db, provider).await?,
        },
        JobReport {
            name: "finish_interrupted_cancellations",
            affected: orders::finish_interrupted_cancellations(db, provider).await?,
        },
        JobReport {
            name: "finish_lost_refunds",
            affected: crate::buying::refund_requests::finish_lost(db, provider).await?,
        },
        JobReport {
            name: "alert_low_stock",
            affected: crate::catalog::selling::alert_low_stock(db).await?,
        },
        JobReport {
            name: "mature_cashback",
            affected: crate::buying::cashback::mature_due(db).await?,
        },
        JobReport {
            name: "remind_expiring_cashback",
            affected: crate::buying::cashback::remind_expiring(db).await?,
        },
        JobReport {
            name: "expire_cashback",
            affected: crate::buying::cashback::expire_due(db).await?,
        },
        JobReport {
            name: "send_notifications",
            affected: crate::buying::notifications::deliver_pending(db, mailer).await?,
        },
        JobReport {
            name: "prune_idempotency_keys",
            affected: idempotency::prune(db.writer()).await?,
        },
        JobReport {
            name: "prune_sessions",
            affected: sessions::prune(db).await?,
        },
        JobReport {
            name: "prune_login_throttle",
            affected: prune_login_throttle(db).await?,
        },
        JobReport {
            name: "prune_events",
            affected: crate::analytics::retention::prune(db).await?,
        },
        JobReport {
            name: "prune_cart_handoffs",
            affected: crate::buying::handoff::prune(db).await?,
        },
    ])
}

/// Forgets throttle windows that ended more than a day ago.
async fn prune_login_throttle(db: &Db) -> Result<u64, StoreError> {
    let cutoff = now() - Duration::days(1);
    let result = login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::WindowStartedAt.lt(cutoff))
        .exec(db.writer())
        .await?;
    Ok(result.rows_affected)
}
