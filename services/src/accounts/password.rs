//! Password hashing with argon2id at OWASP's parameters (m = 19 MiB, t = 2, p = 1).
//!
//! Hashing costs ~20 ms of CPU and 19 MiB of memory, so it runs on the blocking pool,
//! inside the caller's span, and at most a few at a time: a burst of logins queues
//! here instead of exhausting memory.

use std::sync::{Arc, LazyLock, OnceLock};

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use tokio::sync::Semaphore;
use tracing::Instrument;

use crate::StoreError;

/// At most this many hashes run at once.
const CONCURRENT_HASHES: usize = 4;
static HASHING_SLOTS: LazyLock<Arc<Semaphore>> =
    LazyLock::new(|| Arc::new(Semaphore::new(CONCURRENT_HASHES)));

fn hasher() -> Result<Argon2<'static>, StoreError> {
    let params = Params::new(19_456, 2, 1, None)
        .map_err(|err| StoreError::Internal(format!("argon2 parameters: {err}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

async fn run_limited<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let _slot = HASHING_SLOTS
        .clone()
        .acquire_owned()
        .await
        .map_err(|err| StoreError::Internal(format!("hashing pool closed: {err}")))?;
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || span.in_scope(work))
        .instrument(tracing::Span::current())
        .await
        .map_err(|err| StoreError::Internal(format!("hashing task failed: {err}")))?
}

/// Hashes a new password into a PHC string (algorithm, parameters and salt included).
pub async fn hash_password(password: domain::Password) -> Result<String, StoreError> {
    run_limited(move || {
        hasher()?
            .hash_password(password.expose().as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|err| StoreError::Internal(format!("hashing failed: {err}")))
    })
    .await
}

/// Whether `password` matches `stored_hash`. `None` checks against a dummy hash, so an
/// unknown e-mail costs the same time as a wrong password and reveals nothing.
pub async fn verify_password(
    password: String,
    stored_hash: Option<String>,
) -> Result<bool, StoreError> {
    run_limited(move || {
        let hash = match stored_hash {
            Some(hash) => hash,
            None => dummy_hash()?.to_owned(),
        };
        let matches = hasher()?
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok();
        Ok(matches && hash_is_real(&hash))
    })
    .await
}

static DUMMY_HASH: OnceLock<String> = OnceLock::new();

fn dummy_hash() -> Result<&'static str, StoreError> {
    if let Some(hash) = DUMMY_HASH.get() {
        return Ok(hash);
    }
    let hash = hasher()?
        .hash_password(b"no account has this password")
        .map_err(|err| StoreError::Internal(format!("dummy hash failed: {err}")))?
        .to_string();
    Ok(DUMMY_HASH.get_or_init(|| hash))
}

fn hash_is_real(hash: &str) -> bool {
    DUMMY_HASH.get().is_none_or(|dummy| dummy != hash)
}

#[cfg(test)]
mod tests {
    use super::{hash_password, verify_password};

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_no_other() {
        let password = domain::Password::parse("correct horse battery").expect("valid");
        let hash = hash_password(password).await.expect("hashes");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            verify_password("correct horse battery".into(), Some(hash.clone()))
                .await
                .expect("runs")
        );
        assert!(
            !verify_password("wrong horse battery".into(), Some(hash))
                .await
                .expect("runs")
        );
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies() {
        assert!(
            !verify_password("no account has this password".into(), None)
                .await
                .expect("runs")
        );
    }
}
