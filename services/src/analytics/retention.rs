//! How long funnel events are kept: long enough for the widest period an operator may ask
//! for (`?days=365`) with a margin, then pruned in batches by a background job. Money
//! figures come from the orders, so pruning events never changes an amount.

use chrono::Duration;
use sea_orm::ConnectionTrait;

use crate::catalog::sql::SqlBuilder;
use crate::{Db, StoreError, now};

/// Events older than this are deleted.
pub const KEEP_DAYS: i64 = 400;
/// Rows one run deletes at most, so that a first run over a large backlog does not hold
/// SQLite's one writer for long; the next runs take the rest.
const BATCH: i64 = 5_000;

/// Deletes up to one batch of events older than [`KEEP_DAYS`]; answers how many.
pub async fn prune(db: &Db) -> Result<u64, StoreError> {
    let cutoff = now() - Duration::days(KEEP_DAYS);
    let mut sql = SqlBuilder::new(db.backend());
    sql.push("DELETE FROM events WHERE id IN (SELECT id FROM events WHERE occurred_at < ")
        .bind(cutoff)
        .push(" LIMIT ")
        .bind(BATCH)
        .push(")");
    Ok(db.writer().execute_raw(sql.build()).await?.rows_affected())
}
