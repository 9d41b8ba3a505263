//! `Idempotency-Key` for retryable writes (checkout, payments, seller order actions): the
//! first request with a key runs and its answer is stored; a replay with the same request
//! gets that answer back and causes nothing; the same key with another request is a 422.
//! Without the header a request simply runs. While a request runs, its claim is renewed;
//! a claim left by a process that died expires, and a retry then runs the request again.

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use services::Db;
use services::buying::idempotency::{self, Claim};

use crate::http::error::ApiError;

/// The header, when the client sent one.
pub fn key_of(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get(api_types::IDEMPOTENCY_KEY_HEADER) {
        None => Ok(None),
        Some(value) => value
            .to_str()
            .ok()
            .map(str::trim)
            .filter(|key| !key.is_empty() && key.len() <= 100)
            .map(|key| Some(key.to_owned()))
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "idempotency_key_invalid",
                    "Idempotency-Key is 1 to 100 visible characters.",
                )
                .with_field("Idempotency-Key")
            }),
    }
}

/// What a handler answered, in a form that can be stored and replayed.
pub struct Answer {
    pub status: StatusCode,
    pub body: serde_json::Value,
}

impl Answer {
    pub fn json(status: StatusCode, body: &impl Serialize) -> Self {
        Answer {
            status,
            body: serde_json::to_value(body).unwrap_or(serde_json::Value::Null),
        }
    }
}

/// Runs `work` at most once per (user, scope, key). `request` identifies the request
/// (what the client sent, re-serialised): replays must match it.
pub async fn run_once<F, Fut>(
    db: &Db,
    user_id: &str,
    scope: &str,
    headers: &HeaderMap,
    request: &impl Serialize,
    work: F,
) -> Response
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Answer, ApiError>>,
{
    run_once_resumable(db, user_id, scope, headers, request, |_| work()).await
}

/// [`run_once`] for a checkout: `work` is told when its key was taken over from a process
/// that died after placing its order ([`Claim::Resume`]), to answer that order instead of
/// running again.
pub async fn run_once_resumable<F, Fut>(
    db: &Db,
    user_id: &str,
    scope: &str,
    headers: &HeaderMap,
    request: &impl Serialize,
    work: F,
) -> Response
where
    F: FnOnce(Option<String>) -> Fut,
    Fut: Future<Output = Result<Answer, ApiError>>,
{
    let key = match key_of(headers) {
        Ok(Some(key)) => key,
        Ok(None) => return respond(work(None).await),
        Err(err) => return err.into_response(),
    };
    let body = serde_json::to_vec(request).unwrap_or_default();
    let hash = idempotency::request_hash(&[scope.as_bytes(), &body]);
    let resumed = match idempotency::claim(db, user_id, scope, &key, &hash).await {
        Ok(Claim::Fresh) => None,
        Ok(Claim::Resume { order_id }) => Some(order_id),
        Ok(Claim::Replay { status, body }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let mut response =
                (status, [("content-type", "application/json")], body).into_response();
            response
                .headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
            return response;
        }
        Ok(Claim::InProgress) => {
            return ApiError::new(
                StatusCode::CONFLICT,
                "request_in_progress",
                "A request with this Idempotency-Key is still running; retry in a moment.",
            )
            .into_response();
        }
        Ok(Claim::Mismatch) => {
            return ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "This Idempotency-Key was used with a different request.",
            )
            .with_field("Idempotency-Key")
            .into_response();
        }
        Err(err) => return ApiError::from(err).into_response(),
    };
    // Renew the claim while the work runs: if this process dies, the renewals stop and a
    // retry takes the key over once the lease has run out. A JoinSet aborts its task when
    // dropped, so the renewals also stop when the client goes away and this future with it.
    let mut renewals = tokio::task::JoinSet::new();
    {
        let (db, user_id, scope, key) = (
            db.clone(),
            user_id.to_owned(),
            scope.to_owned(),
            key.clone(),
        );
        renewals.spawn(async move {
            loop {
                tokio::time::sleep(idempotency::RENEW_EVERY).await;
                if let Err(err) = idempotency::renew(&db, &user_id, &scope, &key).await {
                    tracing::warn!(error = %err, "could not renew an idempotency claim");
                }
            }
        });
    }
    let outcome = work(resumed).await;
    renewals.abort_all();
    let (status, body) = match &outcome {
        Ok(answer) => (answer.status, answer.body.to_string()),
        Err(err) => (
            err.status(),
            serde_json::to_string(&err.body()).unwrap_or_default(),
        ),
    };
    let stored = if status.is_server_error() {
        // Nothing happened (or we cannot tell): let a retry run for real.
        idempotency::abandon(db, user_id, scope, &key).await
    } else {
        idempotency::finish(db, user_id, scope, &key, status.as_u16(), &body).await
    };
    if let Err(err) = stored {
        tracing::error!(error = %err, "could not store an idempotent answer");
    }
    respond(outcome)
}

fn respond(outcome: Result<Answer, ApiError>) -> Response {
    match outcome {
        Ok(answer) => (answer.status, axum::Json(answer.body)).into_response(),
        Err(err) => err.into_response(),
    }
}
