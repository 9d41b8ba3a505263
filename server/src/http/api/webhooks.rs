//! `POST /webhooks/stripe`: Stripe tells us how a PaymentIntent ended.
//!
//! No session or token: the `Stripe-Signature` header is the authentication. The raw body
//! is verified (HMAC-SHA256 of `"{t}.{body}"` with the endpoint's secret, any of several
//! `v1` values, at most 5 minutes of clock difference, compared in constant time) before
//! a byte of it is parsed, and it is never logged.
//!
//! Answers: 400 with the error envelope (`signature_missing`, `signature_invalid`,
//! `signature_expired`, `payload_invalid`) when the request is not a genuine event; 200
//! `{"received": true}` once the event is settled, also for events we do not act on and
//! for repeats; 500 when it could not be settled yet (the database or the refund call
//! failed), so that Stripe delivers it again later. 404 while Stripe is not the provider.
//!
//! Settling goes through the payments state machine
//! ([`services::buying::payments::settle_from_provider_event`]), which is idempotent and
//! order-independent: the same event twice, or events out of order, end in one state.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use services::buying::payments::{self, ProviderEvent};
use services::buying::stripe::{self, WebhookError, WebhookEvent};

use api_types::ErrorBody;
use serde::Serialize;
use utoipa_axum::routes;

use super::openapi::{ApiRoutes, tag};
use crate::http::error::ApiError;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new().routes(routes!(stripe_event))
}

/// `{"received": true}`: the event is settled (or not one we act on).
#[derive(Serialize, utoipa::ToSchema)]
pub struct Received {
    pub received: bool,
}

fn refused(err: WebhookError) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, err.code(), err.message())
}

/// Stripe events
///
/// Stripe tells how a PaymentIntent ended. Authenticated by the `Stripe-Signature`
/// header (HMAC-SHA256 of the raw body), not by a token. 500 asks Stripe to deliver again.
#[utoipa::path(
    post,
    path = "/webhooks/stripe",
    tag = tag::WEBHOOKS,
    security(()),
    params(("Stripe-Signature" = String, Header, description = "`t=…,v1=…`, as Stripe signs.")),
    request_body(content = Object, description = "A Stripe event, verified before it is read."),
    responses(
        (status = 200, description = "Settled, or ignored.", body = Received),
        (status = 400, description = "Not a genuine event (`signature_missing`, `signature_invalid`, `signature_expired`, `payload_invalid`).", body = ErrorBody),
        (status = 404, description = "Stripe is not the payment provider.", body = ErrorBody),
        (status = 500, description = "Not settled yet: deliver again later.", body = ErrorBody),
    ),
)]
async fn stripe_event(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Received>, ApiError> {
    let provider = state.payments.provider();
    let secret = match state.settings.stripe_webhook_secret() {
        Some(secret) if provider.name() == "stripe" => secret,
        _ => return Err(ApiError::not_found()),
    };
    let signature = headers
        .get("stripe-signature")
        .and_then(|value| value.to_str().ok());
    stripe::verify_signature(signature, &body, secret, services::now().timestamp())
        .map_err(refused)?;
    let (succeeded, event) = match stripe::parse_event(&body).map_err(refused)? {
        WebhookEvent::Succeeded(event) => (true, event),
        WebhookEvent::Failed(event) => (false, event),
        WebhookEvent::Ignored { kind } => {
            tracing::debug!(event.kind = %kind, "Stripe event ignored");
            return Ok(Json(Received { received: true }));
        }
    };
    let settle = if succeeded {
        ProviderEvent::Succeeded {
            provider_ref: &event.intent_id,
            amount_cents: event.amount_cents,
        }
    } else {
        ProviderEvent::Failed {
            provider_ref: &event.intent_id,
            attempt: event.attempt,
            code: event.decline_code,
        }
    };
    let reference = event.payment_id.as_deref().unwrap_or(&event.intent_id);
    let outcome =
        payments::settle_from_provider_event(&state.db, provider, reference, settle).await?;
    tracing::info!(
        event.id = %event.event_id,
        provider.charge = %event.intent_id,
        outcome = ?outcome,
        "Stripe event settled"
    );
    Ok(Json(Received { received: true }))
}
