//! Stored answers to retried writes. A client sends `Idempotency-Key`; the first request
//! with a key claims it, runs, and stores its answer; a replay with the same body gets the
//! stored answer, never a second effect; the same key with another body is refused.

use sea_orm::{ConnectionTrait, SqlErr, Value};
use sha2::{Digest, Sha256};

use crate::db::statement;
use crate::{Db, StoreError, now};

/// What to do with a request carrying a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First time: run it, then [`finish`] (or [`abandon`] if it failed unexpectedly).
    Fresh,
    /// Done before: answer this.
    Replay { status: u16, body: String },
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
    let inserted = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "INSERT INTO idempotency_keys (user_id, scope, idempotency_key, request_hash, created_at) \
             VALUES (?, ?, ?, ?, ?)",
            [user_id.to_owned().into(), scope.to_owned().into(), key.to_owned().into(), hash.to_owned().into(), now().into()],
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
            _ => Claim::InProgress,
        }
    })
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
