//! Stored answers to retried writes. A client sends `Idempotency-Key`; the first request
//! with a key claims it, runs, and stores its answer; a replay with the same body gets the
//! stored answer, never a second effect; the same key with another body is refused.
//!
//! A claim is a lease of [`LEASE_SECS`], renewed by the running request (see [`renew`]). If the
//! process running it dies (a crash, a SIGKILL, a deploy), nobody renews it, and a retry
//! after the lease takes the key over and runs the request again. Running it again is
//! safe because every effect behind a key is itself decided by conditional updates and
//! unique keys (the cart emptied with its order, the payment's status, the provider's own
//! idempotency key): the takeover repeats the attempt, never the effect.

use sea_orm::{ConnectionTrait, SqlErr, Value};
use sha2::{Digest, Sha256};

use crate::db::{Script, statement};
use crate::{Db, StoreError, now};

/// How long a claim holds without being renewed, in seconds. A request renews its claim
/// every [`RENEW_EVERY`] while it runs, so only a claim whose process died can expire.
const LEASE_SECS: i64 = 10;

fn lease() -> chrono::Duration {
    chrono::Duration::seconds(LEASE_SECS)
}

/// How often a running request renews its claim.
pub const RENEW_EVERY: std::time::Duration = std::time::Duration::from_secs(3);

fn lease_end(at: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    at + lease()
}

/// What to do with a request carrying a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First time, or the claim of a process that died: run it, renewing the claim with
    /// [`renew`] while it runs, then [`finish`] (or [`abandon`] if it failed unexpectedly).
    Fresh,
    /// Done before: answer this.
    Replay { status: u16, body: String },
    /// A checkout whose process died after placing `order_id` (its key taken over):
    /// answer that order, do not run again.
    Resume { order_id: String },
    /// The same key is running right now.
    InProgress,
    /// The key was used with another request.
    Mismatch,
}

/// The SHA-256 of what identifies a request (method, path, body).
pub fn request_hash(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Claims `key` for this user and scope, or tells what happened to it before.
pub async fn claim(
    db: &Db,
    user_id: &str,
    scope: &str,
    key: &str,
    hash: &str,
) -> Result<Claim, StoreError> {
    if key.is_empty() || key.len() > 100 {
        return Err(StoreError::Invalid {
            code: "idempotency_key_invalid",
            message: "Idempotency-Key is 1 to 100 characters".into(),
            field: Some("Idempotency-Key"),
        });
    }
    let at = now();
    let inserted = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "INSERT INTO idempotency_keys (user_id, scope, idempotency_key, request_hash, created_at, locked_until) \
             VALUES (?, ?, ?, ?, ?, ?)",
            [user_id.to_owned().into(), scope.to_owned().into(), key.to_owned().into(), hash.to_owned().into(), at.into(), lease_end(at).into()],
        ))
        .await;
    match inserted {
        Ok(_) => return Ok(Claim::Fresh),
        Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {}
        Err(err) => return Err(err.into()),
    }
    let row = db
        .conn()
        .query_one_raw(statement(
            db.backend(),
            "SELECT request_hash, status_code, response_body FROM idempotency_keys \
             WHERE user_id = ? AND scope = ? AND idempotency_key = ?",
            [
                user_id.to_owned().into(),
                scope.to_owned().into(),
                key.to_owned().into(),
            ],
        ))
        .await?
        .ok_or_else(|| StoreError::Internal("idempotency key vanished".into()))?;
    let stored_hash: String = row.try_get_by_index(0)?;
    let status: Option<i32> = row.try_get_by_index(1)?;
    let body: Option<String> = row.try_get_by_index(2)?;
    Ok(if stored_hash != hash {
        Claim::Mismatch
    } else {
        match (status, body) {
            (Some(status), Some(body)) => Claim::Replay {
                status: u16::try_from(status).unwrap_or(500),
                body,
            },
            _ if take_over_expired(db, user_id, scope, key, at).await? => {
                match linked_order(db, user_id, scope, key).await? {
                    Some(order_id) => {
                        tracing::warn!(
                            idempotency.scope = scope,
                            order.id = %order_id,
                            "took over a claim whose process died after placing its order; answering that order"
                        );
                        Claim::Resume { order_id }
                    }
                    None => {
                        tracing::warn!(
                            idempotency.scope = scope,
                            "took over a claim whose lease ran out (its process died mid-request); running the request again"
                        );
                        Claim::Fresh
                    }
                }
            }
            _ => Claim::InProgress,
        }
    })
}

/// Claims an unanswered key whose lease has run out; false while it is still held (or
/// another retry took it over first). Claims from before leases existed count from their
/// creation.
async fn take_over_expired(
    db: &Db,
    user_id: &str,
    scope: &str,
    key: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<bool, StoreError> {
    let expired_before = at - lease();
    let taken = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE idempotency_keys SET locked_until = ? \
             WHERE user_id = ? AND scope = ? AND idempotency_key = ? AND status_code IS NULL \
               AND (locked_until < ? OR (locked_until IS NULL AND created_at < ?))",
            [
                lease_end(at).into(),
                user_id.to_owned().into(),
                scope.to_owned().into(),
                key.to_owned().into(),
                at.into(),
                expired_before.into(),
            ],
        ))
        .await?;
    Ok(taken.rows_affected() == 1)
}

/// A claimed key, for writes that record what they did on it.
#[derive(Debug, Clone, Copy)]
pub struct ClaimRef<'a> {
    pub user_id: &'a str,
    pub scope: &'a str,
    pub key: &'a str,
}

impl ClaimRef<'_> {
    /// Writes the order this request placed on its key, as part of the order's own
    /// transaction (its last script).
    pub(crate) fn link_order_in(&self, script: &mut Script, order_id: &str) {
        script.push(
            "UPDATE idempotency_keys SET order_id = ? \
             WHERE user_id = ? AND scope = ? AND idempotency_key = ?",
            [
                order_id.to_owned().into(),
                self.user_id.to_owned().into(),
                self.scope.to_owned().into(),
                self.key.to_owned().into(),
            ],
        );
    }
}

async fn linked_order(
    db: &Db,
    user_id: &str,
    scope: &str,
    key: &str,
) -> Result<Option<String>, StoreError> {
    let row = db
        .writer()
        .query_one_raw(statement(
            db.backend(),
            "SELECT order_id FROM idempotency_keys WHERE user_id = ? AND scope = ? AND idempotency_key = ?",
            [
                user_id.to_owned().into(),
                scope.to_owned().into(),
                key.to_owned().into(),
            ],
        ))
        .await?;
    Ok(match row {
        Some(row) => row.try_get_by_index::<Option<String>>(0)?,
        None => None,
    })
}

/// Extends a running request's claim by [`LEASE_SECS`] from now.
pub async fn renew(db: &Db, user_id: &str, scope: &str, key: &str) -> Result<(), StoreError> {
    db.writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE idempotency_keys SET locked_until = ? \
             WHERE user_id = ? AND scope = ? AND idempotency_key = ? AND status_code IS NULL",
            [
                lease_end(now()).into(),
                user_id.to_owned().into(),
                scope.to_owned().into(),
                key.to_owned().into(),
            ],
        ))
        .await?;
    Ok(())
}

/// Stores the answer to replay.
pub async fn finish(
    db: &Db,
    user_id: &str,
    scope: &str,
    key: &str,
    status: u16,
    body: &str,
) -> Result<(), StoreError> {
    db.writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE idempotency_keys SET status_code = ?, response_body = ? \
             WHERE user_id = ? AND scope = ? AND idempotency_key = ?",
            [
                i32::from(status).into(),
                body.to_owned().into(),
                user_id.to_owned().into(),
                scope.to_owned().into(),
                key.to_owned().into(),
            ],
        ))
        .await?;
    Ok(())
}

/// Forgets a claim whose request failed without effect (a server error), so a retry runs.
pub async fn abandon(db: &Db, user_id: &str, scope: &str, key: &str) -> Result<(), StoreError> {
    db.writer()
        .execute_raw(statement(
            db.backend(),
            "DELETE FROM idempotency_keys WHERE user_id = ? AND scope = ? AND idempotency_key = ? AND status_code IS NULL",
            [Value::from(user_id.to_owned()), scope.to_owned().into(), key.to_owned().into()],
        ))
        .await?;
    Ok(())
}

/// Forgets keys older than a day (the window in which clients retry).
pub async fn prune(conn: &impl ConnectionTrait) -> Result<u64, StoreError> {
    let cutoff = now() - chrono::Duration::days(1);
    let result = conn
        .execute_raw(statement(
            conn.get_database_backend(),
            "DELETE FROM idempotency_keys WHERE created_at < ?",
            [Value::from(cutoff)],
        ))
        .await?;
    Ok(result.rows_affected())
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, Statement};

    use super::*;
    use crate::test_support::fresh_db;

    /// A user row, for the key's owner (keys reference nobody, but read like real ones).
    const USER: &str = "user-1";

    #[tokio::test]
    async fn a_claim_left_by_a_dead_process_is_taken_over_after_its_lease() -> Result<(), StoreError>
    {
        let db = fresh_db().await?;
        let hash = request_hash(&[b"checkout", b"{}"]);
        assert_eq!(
            claim(&db, USER, "checkout", "k1", &hash).await?,
            Claim::Fresh
        );
        // Its process is alive (or at least its lease is): a retry must wait.
        assert_eq!(
            claim(&db, USER, "checkout", "k1", &hash).await?,
            Claim::InProgress
        );
        renew(&db, USER, "checkout", "k1").await?;
        assert_eq!(
            claim(&db, USER, "checkout", "k1", &hash).await?,
            Claim::InProgress
        );
        // The process was killed: nobody renews, the lease runs out.
        db.conn()
            .execute_raw(statement(
                db.backend(),
                "UPDATE idempotency_keys SET locked_until = ?",
                [Value::from(now() - chrono::Duration::seconds(1))],
            ))
            .await?;
        // Another body with the same key is still refused, expired or not.
        let other = request_hash(&[b"checkout", b"{\"x\":1}"]);
        assert_eq!(
            claim(&db, USER, "checkout", "k1", &other).await?,
            Claim::Mismatch
        );
        // The retry takes it over, once: a second retry at the same time waits for it.
        assert_eq!(
            claim(&db, USER, "checkout", "k1", &hash).await?,
            Claim::Fresh
        );
        assert_eq!(
            claim(&db, USER, "checkout", "k1", &hash).await?,
            Claim::InProgress
        );
        finish(&db, USER, "checkout", "k1", 201, "{\"order\":1}").await?;
        assert_eq!(
            claim(&db, USER, "checkout", "k1", &hash).await?,
            Claim::Replay {
                status: 201,
                body: "{\"order\":1}".into()
            }
        );
        // A checkout that died after placing its order: the retry answers the order.
        assert_eq!(
            claim(&db, USER, "checkout", "k2", &hash).await?,
            Claim::Fresh
        );
        let claimed = ClaimRef {
            user_id: USER,
            scope: "checkout",
            key: "k2",
        };
        let mut link = Script::default();
        claimed.link_order_in(&mut link, "order-9");
        link.execute(db.writer()).await?;
        db.conn()
            .execute_raw(statement(
                db.backend(),
                "UPDATE idempotency_keys SET locked_until = ? WHERE idempotency_key = 'k2'",
                [Value::from(now() - chrono::Duration::seconds(1))],
            ))
            .await?;
        assert_eq!(
            claim(&db, USER, "checkout", "k2", &hash).await?,
            Claim::Resume {
                order_id: "order-9".into()
            }
        );
        // An answered key never expires into a new run.
        db.conn()
            .execute_raw(Statement::from_string(
                db.backend(),
                "UPDATE idempotency_keys SET locked_until = NULL, created_at = '2000-01-01 00:00:00+00:00'",
            ))
            .await?;
        assert!(matches!(
            claim(&db, USER, "checkout", "k1", &hash).await?,
            Claim::Replay { .. }
        ));
        Ok(())
    }
}
