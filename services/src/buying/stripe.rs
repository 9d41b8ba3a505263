//! The Stripe provider: PaymentIntents over HTTP, and the signed webhooks that tell us how
//! an attempt ended.
//!
//! - A charge is one `POST /v1/payment_intents` (confirmed at once) with the attempt's
//!   `Idempotency-Key`: sending it again, however often, makes no second charge and answers
//!   the first PaymentIntent. That is also how a reconcile asks about an attempt whose
//!   answer never came back (a timeout, a 5xx, a dropped connection): it re-sends the same
//!   request with the same key. Once the PaymentIntent id is known, it is asked for by id.
//! - Any answer that does not say clearly "paid" or "declined" is
//!   [`ChargeOutcome::Unknown`]: the payment stays `processing` until the webhook or a
//!   reconcile decides. Nothing is declined on a guess, since the card may have been charged.
//! - Only payment method ids (`pm_…`, made by Stripe.js or the test ids) reach Stripe from
//!   us; a card number typed on our own payment page is refused before any call
//!   (`card_entry_unavailable`). Card numbers never reach the database, the logs or Stripe
//!   through this server.
//! - Webhooks: `Stripe-Signature: t=<unix>,v1=<hex>` is an HMAC-SHA256 of `"{t}.{body}"`
//!   under the endpoint's secret; [`verify_signature`] accepts any of several `v1` values,
//!   compares in constant time and refuses a timestamp more than 5 minutes away.

use std::time::Duration;

use futures::future::BoxFuture;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha2::Sha256;

use super::payments::{ChargeLookup, ChargeOutcome, ChargeRequest, PaymentProvider, PaymentSource};
use crate::StoreError;

/// Stripe's API.
pub const DEFAULT_API_BASE: &str = "https://api.stripe.com";

/// How far a webhook's timestamp may be from our clock.
pub const SIGNATURE_TOLERANCE_SECS: i64 = 300;

/// How long a call to Stripe may take before its outcome is "unknown".
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// What [`StripeProvider::new`] needs.
#[derive(Clone)]
pub struct StripeConfig {
    /// `https://api.stripe.com`, or a local fake in tests.
    pub api_base: String,
    pub secret_key: SecretString,
    /// Per request; past it, the charge's outcome is unknown (and reconciled later).
    pub timeout: Duration,
}

/// PaymentIntents over HTTP. Its `Debug` never shows the secret key.
pub struct StripeProvider {
    api_base: String,
    secret_key: SecretString,
    http: reqwest::Client,
}

impl std::fmt::Debug for StripeProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StripeProvider")
            .field("api_base", &self.api_base)
            .field("secret_key", &"***")
            .finish()
    }
}

/// A card number typed on our page: with Stripe, cards are entered with Stripe's own
/// fields (or the API sends a `pm_…` id), never through this server.
pub fn card_entry_unavailable() -> StoreError {
    StoreError::Invalid {
        code: "card_entry_unavailable",
        message: "card numbers cannot be typed here with this payment provider; pay with a \
                  payment method id (`pm_…`) through POST /checkout"
            .into(),
        field: Some("card_number"),
    }
}

/// A PaymentIntent, as much of it as we read.
#[derive(Debug, Deserialize)]
struct Intent {
    id: String,
    status: String,
    #[serde(default)]
    last_payment_error: Option<StripeError>,
}

#[derive(Debug, Deserialize)]
struct ErrorEnvelope {
    error: StripeError,
}

/// Stripe's error object (also a PaymentIntent's `last_payment_error`).
#[derive(Debug, Default, Deserialize)]
struct StripeError {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    decline_code: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    param: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Created {
    id: String,
}

/// The decline codes we pass on; anything else is a plain `card_declined`.
const DECLINE_CODES: [&str; 20] = [
    "card_declined",
    "insufficient_funds",
    "expired_card",
    "incorrect_cvc",
    "incorrect_number",
    "invalid_cvc",
    "invalid_expiry_month",
    "invalid_expiry_year",
    "processing_error",
    "lost_card",
    "stolen_card",
    "generic_decline",
    "do_not_honor",
    "fraudulent",
    "authentication_required",
    "card_not_supported",
    "currency_not_supported",
    "card_velocity_exceeded",
    "withdrawal_count_limit_exceeded",
    "payment_intent_authentication_failure",
];

/// Stripe's code for a refusal, as one of ours.
pub fn decline_code(code: Option<&str>) -> &'static str {
    code.and_then(|code| DECLINE_CODES.iter().find(|known| **known == code))
        .copied()
        .unwrap_or("card_declined")
}

impl StripeError {
    fn declined(&self) -> ChargeOutcome {
        ChargeOutcome::Declined {
            code: decline_code(self.decline_code.as_deref().or(self.code.as_deref())),
            message: self
                .message
                .clone()
                .unwrap_or_else(|| "Your card was declined.".to_owned()),
        }
    }
}

/// A PaymentIntent's status → what it means for the payment.
fn outcome_of(intent: Intent) -> ChargeOutcome {
    match intent.status.as_str() {
        "succeeded" => ChargeOutcome::Captured {
            provider_ref: intent.id,
        },
        "requires_payment_method" | "canceled" => {
            intent.last_payment_error.unwrap_or_default().declined()
        }
        // 3-D Secure would need the shopper in Stripe's page; nothing was taken.
        "requires_action" => ChargeOutcome::Declined {
            code: "authentication_required",
            message: "This card asks for authentication, which this checkout cannot do yet.".into(),
        },
        // `processing`, `requires_confirmation`, `requires_capture`: not decided yet.
        _ => ChargeOutcome::Unknown {
            provider_ref: Some(intent.id),
        },
    }
}

fn unknown() -> ChargeOutcome {
    ChargeOutcome::Unknown { provider_ref: None }
}

impl StripeProvider {
    pub fn new(config: StripeConfig) -> Result<Self, StoreError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("halles/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|err| StoreError::Internal(format!("building the Stripe client: {err}")))?;
        Ok(Self {
            api_base: config.api_base.trim_end_matches('/').to_owned(),
            secret_key: config.secret_key,
            http,
        })
    }

    fn post(&self, path: &str, idempotency_key: &str) -> reqwest::RequestBuilder {
        self.http
            .post(format!("{}{path}", self.api_base))
            .bearer_auth(self.secret_key.expose_secret())
            .header("Idempotency-Key", idempotency_key)
    }

    /// Creates and confirms the attempt's PaymentIntent, or answers the one its key
    /// already made.
    async fn create_intent(
        &self,
        request: &ChargeRequest<'_>,
        method: &str,
    ) -> Result<ChargeOutcome, StoreError> {
        let form = [
            ("amount", request.amount_cents.to_string()),
            ("currency", request.currency.to_ascii_lowercase()),
            ("payment_method", method.to_owned()),
            ("payment_method_types[0]", "card".to_owned()),
            ("confirm", "true".to_owned()),
            ("metadata[payment_id]", request.payment_id.to_owned()),
            ("metadata[attempt]", request.attempt.to_string()),
        ];
        let sent = self
            .post("/v1/payment_intents", &request.idempotency_key)
            .form(&form)
            .send()
            .await;
        self.charge_answer(sent, &request.idempotency_key).await
    }

    async fn get_intent(&self, id: &str) -> Result<ChargeOutcome, StoreError> {
        let sent = self
            .http
            .get(format!("{}/v1/payment_intents/{id}", self.api_base))
            .bearer_auth(self.secret_key.expose_secret())
            .send()
            .await;
        self.charge_answer(sent, id).await
    }

    /// Reads an answer about a charge. Only a clear answer settles; every doubt is
    /// `Unknown`. A request Stripe refused as malformed charged nothing: an error.
    async fn charge_answer(
        &self,
        sent: Result<reqwest::Response, reqwest::Error>,
        what: &str,
    ) -> Result<ChargeOutcome, StoreError> {
        let response = match sent {
            Ok(response) => response,
            Err(err) => {
                tracing::warn!(attempt = what, error = %err.without_url(), "Stripe did not answer; the outcome is unknown");
                return Ok(unknown());
            }
        };
        let status = response.status();
        let body = match response.bytes().await {
            Ok(body) => body,
            Err(err) => {
                tracing::warn!(attempt = what, error = %err.without_url(), "Stripe's answer was cut; the outcome is unknown");
                return Ok(unknown());
            }
        };
        if status.is_success() {
            return Ok(match serde_json::from_slice::<Intent>(&body) {
                Ok(intent) => outcome_of(intent),
                Err(_) => {
                    tracing::warn!(
                        attempt = what,
                        "Stripe answered an unreadable PaymentIntent"
                    );
                    unknown()
                }
            });
        }
        let error = serde_json::from_slice::<ErrorEnvelope>(&body)
            .map(|envelope| envelope.error)
            .unwrap_or_default();
        match status.as_u16() {
            402 => Ok(error.declined()),
            400 if error.kind.as_deref() == Some("card_error") => Ok(error.declined()),
            400 | 404 if error.param.as_deref() == Some("payment_method") => {
                Err(StoreError::Invalid {
                    code: "payment_method_invalid",
                    message: "Stripe does not know this payment method".into(),
                    field: Some("payment_method"),
                })
            }
            400 | 401 | 403 | 404 => Err(StoreError::Internal(format!(
                "Stripe refused the request for {what} (HTTP {status}, {})",
                error.code.as_deref().unwrap_or("no code")
            ))),
            // 409 (the same key in flight), 429, 5xx: it may or may not have happened.
            _ => {
                tracing::warn!(
                    attempt = what,
                    http.status = status.as_u16(),
                    "Stripe failed; the outcome is unknown"
                );
                Ok(unknown())
            }
        }
    }

    async fn create_refund(
        &self,
        intent_id: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<String, StoreError> {
        let form = [
            ("payment_intent", intent_id.to_owned()),
            ("amount", amount_cents.to_string()),
        ];
        let unavailable = || StoreError::Conflict {
            code: "payment_provider_unavailable",
            message: "the payment provider did not confirm the refund; retry in a moment".into(),
            field: None,
        };
        let response = self
            .post("/v1/refunds", idempotency_key)
            .form(&form)
            .send()
            .await
            .map_err(|err| {
                tracing::warn!(refund = idempotency_key, error = %err.without_url(), "Stripe did not answer a refund");
                unavailable()
            })?;
        let status = response.status();
        let body = response.bytes().await.map_err(|_| unavailable())?;
        if status.is_success() {
            return serde_json::from_slice::<Created>(&body)
                .map(|refund| refund.id)
                .map_err(|_| unavailable());
        }
        if status.is_client_error() && status.as_u16() != 409 && status.as_u16() != 429 {
            let error = serde_json::from_slice::<ErrorEnvelope>(&body)
                .map(|envelope| envelope.error)
                .unwrap_or_default();
            if error.code.as_deref() == Some("idempotency_key_in_use") {
                // Our key names the part's refund state: another refund of it, of another
                // amount, started from the same state (at once, or lost in a timeout).
                return Err(StoreError::Conflict {
                    code: "refund_in_progress",
                    message: "another refund of this order started first; reload the order, \
                              and retry a refund whose answer was lost with the same amount"
                        .into(),
                    field: None,
                });
            }
            return Err(StoreError::Conflict {
                code: "refund_refused",
                message: format!(
                    "the payment provider refused the refund: {}",
                    error.message.as_deref().unwrap_or("no reason given")
                ),
                field: None,
            });
        }
        Err(unavailable())
    }
}

/// Whether a typed method looks like a Stripe payment method id.
fn is_method_id(method: &str) -> bool {
    method.len() > 3
        && method.len() <= 255
        && method.starts_with("pm_")
        && method
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
}

impl PaymentProvider for StripeProvider {
    fn name(&self) -> &'static str {
        "stripe"
    }

    fn check_method(&self, method: &str) -> Result<(), StoreError> {
        if is_method_id(method) {
            Ok(())
        } else {
            Err(StoreError::Invalid {
                code: "payment_method_invalid",
                message: "payment_method is `hosted_page` or a Stripe payment method id (`pm_…`)"
                    .into(),
                field: Some("payment_method"),
            })
        }
    }

    fn accepts_card_entry(&self) -> bool {
        false
    }

    fn charge<'a>(
        &'a self,
        request: ChargeRequest<'a>,
    ) -> BoxFuture<'a, Result<ChargeOutcome, StoreError>> {
        Box::pin(async move {
            match request.source {
                PaymentSource::Method(method) => {
                    self.check_method(method)?;
                    self.create_intent(&request, method).await
                }
                PaymentSource::Card(_) => Err(card_entry_unavailable()),
            }
        })
    }

    fn refund<'a>(
        &'a self,
        provider_ref: &'a str,
        amount_cents: i64,
        idempotency_key: String,
    ) -> BoxFuture<'a, Result<String, StoreError>> {
        Box::pin(async move {
            self.create_refund(provider_ref, amount_cents, &idempotency_key)
                .await
        })
    }

    fn retrieve<'a>(
        &'a self,
        lookup: ChargeLookup<'a>,
    ) -> BoxFuture<'a, Result<Option<ChargeOutcome>, StoreError>> {
        Box::pin(async move {
            if let Some(id) = lookup.provider_ref.filter(|id| id.starts_with("pi_")) {
                return self.get_intent(id).await.map(Some);
            }
            match &lookup.replay {
                Some(request) => match request.source {
                    PaymentSource::Method(method) => {
                        self.create_intent(request, method).await.map(Some)
                    }
                    PaymentSource::Card(_) => Ok(Some(unknown())),
                },
                None => Ok(Some(unknown())),
            }
        })
    }
}

/// Why a webhook was refused (answered 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookError {
    SignatureMissing,
    SignatureInvalid,
    TimestampOutOfTolerance,
    PayloadInvalid,
}

impl WebhookError {
    pub fn code(self) -> &'static str {
        match self {
            WebhookError::SignatureMissing => "signature_missing",
            WebhookError::SignatureInvalid => "signature_invalid",
            WebhookError::TimestampOutOfTolerance => "signature_expired",
            WebhookError::PayloadInvalid => "payload_invalid",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            WebhookError::SignatureMissing => "The Stripe-Signature header is missing.",
            WebhookError::SignatureInvalid => {
                "The Stripe-Signature header does not match the body."
            }
            WebhookError::TimestampOutOfTolerance => {
                "The signature's timestamp is more than 5 minutes away from now."
            }
            WebhookError::PayloadInvalid => "The body is not a Stripe event.",
        }
    }
}

type HmacSha256 = Hmac<Sha256>;

fn mac_of(secret: &str, timestamp: &str, body: &[u8]) -> HmacSha256 {
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The `Stripe-Signature` header for `body` at `timestamp` (what Stripe sends; tests and
/// the local fake use it).
pub fn signature_header(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let tag = mac_of(secret, &timestamp.to_string(), body)
        .finalize()
        .into_bytes();
    let hex: String = tag.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("t={timestamp},v1={hex}")
}

/// Checks a webhook's `Stripe-Signature` against its raw body: one of the `v1` values
/// must be the HMAC-SHA256 of `"{t}.{body}"` (compared in constant time), and `t` within
/// five minutes of `now_unix`.
pub fn verify_signature(
    header: Option<&str>,
    body: &[u8],
    secret: &str,
    now_unix: i64,
) -> Result<(), WebhookError> {
    let header = header.ok_or(WebhookError::SignatureMissing)?;
    let mut timestamp = None;
    let mut candidates = Vec::new();
    for item in header.split(',') {
        match item.trim().split_once('=') {
            Some(("t", value)) => timestamp = Some(value),
            Some(("v1", value)) => candidates.push(value),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(WebhookError::SignatureInvalid)?;
    let at: i64 = timestamp
        .parse()
        .map_err(|_| WebhookError::SignatureInvalid)?;
    let mac = mac_of(secret, timestamp, body);
    let matches = candidates.iter().any(|candidate| {
        hex_decode(candidate).is_some_and(|tag| mac.clone().verify_slice(&tag).is_ok())
    });
    if !matches {
        return Err(WebhookError::SignatureInvalid);
    }
    if (now_unix - at).abs() > SIGNATURE_TOLERANCE_SECS {
        return Err(WebhookError::TimestampOutOfTolerance);
    }
    Ok(())
}

/// A verified event we act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookEvent {
    /// `payment_intent.succeeded`.
    Succeeded(IntentEvent),
    /// `payment_intent.payment_failed`.
    Failed(IntentEvent),
    /// Any other type: acknowledged, nothing done.
    Ignored { kind: String },
}

/// The PaymentIntent an event is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntentEvent {
    pub event_id: String,
    pub intent_id: String,
    /// Our payment's id, from the PaymentIntent's metadata.
    pub payment_id: Option<String>,
    /// Which attempt of that payment made the PaymentIntent.
    pub attempt: Option<i32>,
    pub amount_cents: i64,
    pub decline_code: &'static str,
}

#[derive(Deserialize)]
struct RawEvent {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    data: RawData,
}

#[derive(Deserialize)]
struct RawData {
    object: RawIntent,
}

#[derive(Deserialize)]
struct RawIntent {
    id: String,
    #[serde(default)]
    amount: i64,
    #[serde(default)]
    metadata: std::collections::HashMap<String, String>,
    #[serde(default)]
    last_payment_error: Option<StripeError>,
}

/// Reads a verified webhook body.
pub fn parse_event(body: &[u8]) -> Result<WebhookEvent, WebhookError> {
    #[derive(Deserialize)]
    struct Kind {
        #[serde(rename = "type")]
        kind: String,
    }
    let kind = serde_json::from_slice::<Kind>(body)
        .map_err(|_| WebhookError::PayloadInvalid)?
        .kind;
    if kind != "payment_intent.succeeded" && kind != "payment_intent.payment_failed" {
        return Ok(WebhookEvent::Ignored { kind });
    }
    let raw: RawEvent = serde_json::from_slice(body).map_err(|_| WebhookError::PayloadInvalid)?;
    let intent = raw.data.object;
    let error = intent.last_payment_error.unwrap_or_default();
    let event = IntentEvent {
        event_id: raw.id,
        payment_id: intent.metadata.get("payment_id").cloned(),
        attempt: intent
            .metadata
            .get("attempt")
            .and_then(|attempt| attempt.parse().ok()),
        amount_cents: intent.amount,
        decline_code: decline_code(error.decline_code.as_deref().or(error.code.as_deref())),
        intent_id: intent.id,
    };
    Ok(if raw.kind == "payment_intent.succeeded" {
        WebhookEvent::Succeeded(event)
    } else {
        WebhookEvent::Failed(event)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test";

    #[test]
    fn a_signature_of_the_body_within_five_minutes_is_accepted() {
        let body = br#"{"type":"ping"}"#;
        let header = signature_header(SECRET, 1_700_000_000, body);
        assert_eq!(
            verify_signature(Some(&header), body, SECRET, 1_700_000_299),
            Ok(())
        );
        assert_eq!(
            verify_signature(Some(&header), body, SECRET, 1_700_000_301),
            Err(WebhookError::TimestampOutOfTolerance)
        );
        assert_eq!(
            verify_signature(Some(&header), b"{}", SECRET, 1_700_000_000),
            Err(WebhookError::SignatureInvalid)
        );
        assert_eq!(
            verify_signature(Some(&header), body, "whsec_other", 1_700_000_000),
            Err(WebhookError::SignatureInvalid)
        );
        assert_eq!(
            verify_signature(None, body, SECRET, 1_700_000_000),
            Err(WebhookError::SignatureMissing)
        );
    }

    #[test]
    fn any_of_several_v1_values_may_match() {
        let body = b"{}";
        let good = signature_header(SECRET, 42, body);
        let good_v1 = good.split("v1=").nth(1).unwrap_or_default();
        let header = format!("t=42,v0=abc,v1={},v1={good_v1}", "00".repeat(32));
        assert_eq!(verify_signature(Some(&header), body, SECRET, 42), Ok(()));
        assert_eq!(
            verify_signature(Some("t=42,v1=zz"), body, SECRET, 42),
            Err(WebhookError::SignatureInvalid)
        );
        assert_eq!(
            verify_signature(Some("v1=00"), body, SECRET, 42),
            Err(WebhookError::SignatureInvalid)
        );
    }

    #[test]
    fn intent_events_are_read_and_others_ignored() {
        let body = br#"{"id":"evt_1","type":"payment_intent.payment_failed","data":{"object":{
            "id":"pi_1","amount":1200,"metadata":{"payment_id":"p1","attempt":"2"},
            "last_payment_error":{"code":"card_declined","decline_code":"insufficient_funds"}}}}"#;
        let Ok(WebhookEvent::Failed(event)) = parse_event(body) else {
            panic!("a failed event")
        };
        assert_eq!(event.intent_id, "pi_1");
        assert_eq!(event.payment_id.as_deref(), Some("p1"));
        assert_eq!(event.attempt, Some(2));
        assert_eq!(event.decline_code, "insufficient_funds");
        assert_eq!(
            parse_event(br#"{"id":"evt_2","type":"charge.refunded","data":{}}"#),
            Ok(WebhookEvent::Ignored {
                kind: "charge.refunded".into()
            })
        );
        assert_eq!(parse_event(b"nope"), Err(WebhookError::PayloadInvalid));
    }

    #[test]
    fn the_secret_key_is_never_printed() {
        let provider = StripeProvider::new(StripeConfig {
            api_base: "http://127.0.0.1:9".into(),
            secret_key: SecretString::from("sk_test_secret"),
            timeout: Duration::from_millis(100),
        })
        .expect("client builds");
        assert!(!format!("{provider:?}").contains("sk_test_secret"));
    }
}

/// The webhook's two parsers hold for every input a stranger can send, not only the
/// examples: no header or body panics, and nothing but a signature of the very body
/// with the secret is accepted.
#[cfg(test)]
mod webhook_properties {
    use proptest::prelude::*;

    use super::*;

    const SECRET: &str = "whsec_properties";
    const NOW: i64 = 1_700_000_000;

    fn header_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "t=",
                "v1=",
                "v0=",
                ",",
                "=",
                " ",
                "1700000000",
                "-1",
                "99999999999999999999",
                "deadbeef",
                "é",
                "\u{0}",
                "t",
                "v1",
            ]),
            0..12,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        // 500 cases in the suite; `PROPTEST_CASES=20000` for the full run.
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(500)
        ))]

        #[test]
        fn no_signature_header_panics_or_passes_unless_it_signs_the_body(
            header in header_text(),
            body in prop::collection::vec(any::<u8>(), 0..200),
        ) {
            prop_assert!(verify_signature(Some(&header), &body, SECRET, NOW).is_err());
        }

        #[test]
        fn a_signature_of_another_body_or_with_another_secret_is_refused(
            body in prop::collection::vec(any::<u8>(), 0..200),
            other in prop::collection::vec(any::<u8>(), 0..200),
        ) {
            let header = signature_header(SECRET, NOW, &body);
            prop_assert_eq!(verify_signature(Some(&header), &body, SECRET, NOW), Ok(()));
            let forged = signature_header("whsec_guess", NOW, &body);
            prop_assert!(verify_signature(Some(&forged), &body, SECRET, NOW).is_err());
            prop_assume!(other != body);
            prop_assert!(verify_signature(Some(&header), &other, SECRET, NOW).is_err());
        }

        #[test]
        fn no_body_makes_the_event_parser_panic(body in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_event(&body);
        }

        #[test]
        fn no_event_shape_makes_the_event_parser_panic(
            kind in prop::sample::select(vec![
                "payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded", "",
            ]),
            id in prop::option::of("[a-z0-9_]{0,12}"),
            amount in prop::option::of(any::<i64>()),
            metadata in prop::option::of("[a-z0-9\"{}:,]{0,20}"),
        ) {
            let body = format!(
                r#"{{"id":{},"type":"{kind}","data":{{"object":{{"id":"pi_1","amount":{},"metadata":{}}}}}}}"#,
                id.map_or("null".to_owned(), |id| format!("\"{id}\"")),
                amount.map_or("\"x\"".to_owned(), |a| a.to_string()),
                metadata.unwrap_or_else(|| "null".to_owned()),
            );
            let _ = parse_event(body.as_bytes());
        }
    }
}
