//! Failure counters (wrong passwords, wrong pickup codes), one row per scope, shared by
//! every server process.
//!
//! Recording a failure is a read-decide-write transaction on one row that concurrent
//! logins race for: it begins IMMEDIATE on SQLite and locks the row on PostgreSQL, so
//! every failure is counted once and no writer fails with "database is busy".

use chrono::{DateTime, Utc};
use domain::{ThrottlePolicy, ThrottleWindow};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ActiveValue::Unchanged, EntityTrait, QuerySelect,
};

use crate::db::entity::login_throttle;
use crate::{Db, StoreError};

/// A throttled scope: what is counted and under which policy.
#[derive(Debug, Clone)]
pub struct Scope {
    pub key: String,
    pub policy: ThrottlePolicy,
}

impl Scope {
    /// Failures against one account, whatever address they come from.
    pub fn account(email: &str) -> Self {
        Self {
            key: format!("account:{email}"),
            policy: ThrottlePolicy::PER_ACCOUNT,
        }
    }

    /// Wrong pickup codes typed for one seller order.
    pub fn pickup(seller_order_id: &str) -> Self {
        Self {
            key: format!("pickup:{seller_order_id}"),
            policy: ThrottlePolicy::PER_PICKUP,
        }
    }

    /// Unknown cart hand-off codes typed at one shop's tills.
    pub fn till(shop_id: &str) -> Self {
        Self {
            key: format!("till:{shop_id}"),
            policy: ThrottlePolicy::PER_TILL,
        }
    }

    /// Failures from one client address, whatever account they aim at. The address may
    /// come from a proxy's header: cut to the longest an IPv6 address with a port takes,
    /// to fit the key's column.
    pub fn address(address: &str) -> Self {
        let address: String = address.chars().take(64).collect();
        Self {
            key: format!("ip:{address}"),
            policy: ThrottlePolicy::PER_ADDRESS,
        }
    }
}

fn window_of(row: &login_throttle::Model) -> ThrottleWindow {
    ThrottleWindow {
        started_at_secs: row.window_started_at.timestamp(),
        failures: u32::try_from(row.failures).unwrap_or(0),
    }
}

/// Refuses with [`StoreError::Throttled`] when any scope has used up its window.
pub async fn check(db: &Db, scopes: &[Scope], now: DateTime<Utc>) -> Result<(), StoreError> {
    for scope in scopes {
        if let Some(row) = login_throttle::Entity::find_by_id(scope.key.clone())
            .one(db.conn())
            .await?
            && let Some(retry_after_secs) =
                scope.policy.retry_after(window_of(&row), now.timestamp())
        {
            return Err(StoreError::Throttled { retry_after_secs });
        }
    }
    Ok(())
}

/// Counts one failure against `scope`; returns the failures now in its window.
pub async fn record_failure(db: &Db, scope: &Scope, now: DateTime<Utc>) -> Result<u32, StoreError> {
    let txn = db.begin_write().await?;
    login_throttle::Entity::insert(login_throttle::ActiveModel {
        scope_key: Set(scope.key.clone()),
        window_started_at: Set(now),
        failures: Set(0),
    })
    .on_conflict_do_nothing()
    .exec(&txn)
    .await?;
    let row = login_throttle::Entity::find_by_id(scope.key.clone())
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let next = scope
        .policy
        .record_failure(window_of(&row), now.timestamp());
    let started_at = if next.started_at_secs == row.window_started_at.timestamp() {
        row.window_started_at
    } else {
        now
    };
    login_throttle::ActiveModel {
        scope_key: Unchanged(row.scope_key),
        window_started_at: Set(started_at),
        failures: Set(i32::try_from(next.failures).unwrap_or(i32::MAX)),
    }
    .update(&txn)
    .await?;
    txn.commit().await?;
    Ok(next.failures)
}

/// Forgets the failures of `scope` (after a successful login to the account).
pub async fn clear(db: &Db, scope: &Scope) -> Result<(), StoreError> {
    login_throttle::Entity::delete_by_id(scope.key.clone())
        .exec(db.writer())
        .await?;
    Ok(())
}

/// Failures currently counted against `scope` (for tests and the console).
pub async fn failures(db: &Db, scope: &Scope) -> Result<u32, StoreError> {
    let row = login_throttle::Entity::find_by_id(scope.key.clone())
        .one(db.conn())
        .await?;
    Ok(row.map(|row| window_of(&row).failures).unwrap_or(0))
}
