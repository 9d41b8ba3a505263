//! A local fake of Stripe's API, on a free port, for tests of the `stripe` provider.
//!
//! It speaks the part of the API Halles uses — `POST /v1/payment_intents` (confirmed at
//! once), `GET /v1/payment_intents/{id}`, `POST /v1/refunds` — with Stripe's idempotency
//! semantics: a request with an `Idempotency-Key` already seen answers the first result
//! (and nothing happens twice); the same key with other parameters is refused.
//!
//! Its [`Mode`] decides how charges go: they succeed, are declined, time out (the
//! PaymentIntent succeeds but the answer comes after the client gave up), or fail after
//! succeeding (the PaymentIntent succeeds, the answer is a 500). The test payment methods
//! `pm_card_chargeDeclined` and `pm_card_insufficientFunds` are always declined, as at
//! Stripe. It sends signed webhooks to the server when asked: now, late, twice, or in
//! whatever order the test delivers them; and on its own after each charge when told
//! where with [`FakeStripe::send_webhooks_to`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use server::config::{PaymentProviderKind, Settings, StripeSettings};
use services::buying::stripe::{StripeConfig, StripeProvider, signature_header};

/// The secret key the fake accepts.
pub const SECRET_KEY: &str = "sk_test_fake_halles";
/// The webhook signing secret the fake signs with.
pub const WEBHOOK_SECRET: &str = "whsec_fake_halles";
/// The client timeout tests give the provider: short, so a "time out" costs little.
pub const CLIENT_TIMEOUT: Duration = Duration::from_millis(300);
/// How long a timed-out answer takes: past [`CLIENT_TIMEOUT`].
const HANG: Duration = Duration::from_millis(1500);

/// How the next charges go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Succeed,
    /// A card error (402), the PaymentIntent left `requires_payment_method`.
    Decline,
    /// The PaymentIntent succeeds; the answer comes after the client's timeout.
    TimeOut,
    /// The PaymentIntent succeeds; the answer is a 500.
    FailAfterSuccess,
}

/// Which event to send about a PaymentIntent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Succeeded,
    PaymentFailed,
}

/// How the fake sends webhooks on its own after a charge. Like Stripe, it sends again
/// while the server does not answer 2xx (down, restarting): for up to [`RETRY_FOR`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Now,
    Late(Duration),
    Twice,
    /// Twice, each after its own random delay below the bound: events of different
    /// charges overtake one another, and a charge's event may come before or long after
    /// the API's answer.
    Scrambled(Duration),
}

/// How long the fake keeps re-sending a webhook the server did not take.
pub const RETRY_FOR: Duration = Duration::from_secs(60);

/// A random duration below `bound` (no RNG crate here: the std hasher is seeded at random).
fn random_below(bound: Duration) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0);
    let millis = bound.as_millis().max(1) as u64;
    Duration::from_millis(hasher.finish() % millis)
}

/// One `POST /v1/payment_intents` as received.
#[derive(Debug, Clone)]
pub struct CreateCall {
    pub idempotency_key: Option<String>,
    pub form: HashMap<String, String>,
    /// Whether it was answered from an earlier request with the same key.
    pub replayed: bool,
}

/// One `POST /v1/refunds` as received.
#[derive(Debug, Clone)]
pub struct RefundCall {
    pub idempotency_key: Option<String>,
    pub payment_intent: String,
    pub amount: i64,
    pub replayed: bool,
}

#[derive(Default)]
struct Inner {
    mode: Mode,
    /// Whether refunds answer after the client's timeout (the refund still happens); an
    /// ask again with the same key is answered at once.
    refunds_time_out: bool,
    /// Whether every refund answer comes after the client's timeout, asks again included.
    refunds_unreachable: bool,
    intents: HashMap<String, Value>,
    /// Idempotency key → (parameters, status, body) of the first answer.
    answers: HashMap<String, (HashMap<String, String>, u16, Value)>,
    create_calls: Vec<CreateCall>,
    refund_calls: Vec<RefundCall>,
    refunded: HashMap<String, i64>,
    auto: Option<(String, Delivery)>,
    deliveries: Vec<u16>,
}

/// A running fake; cheap to clone.
#[derive(Clone)]
pub struct FakeStripe {
    pub base_url: String,
    inner: Arc<Mutex<Inner>>,
    http: reqwest::Client,
}

fn random_id(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::now_v7().simple())
}

impl FakeStripe {
    /// Starts the fake on a free port; it stops with the test's runtime.
    pub async fn start() -> Self {
        let inner = Arc::new(Mutex::new(Inner::default()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding the fake Stripe");
        let base_url = format!(
            "http://{}",
            listener.local_addr().expect("the fake's address")
        );
        let fake = FakeStripe {
            base_url,
            inner,
            http: reqwest::Client::new(),
        };
        let router = Router::new()
            .route("/v1/payment_intents", post(create_intent))
            .route("/v1/payment_intents/{id}", get(show_intent))
            .route("/v1/refunds", post(create_refund))
            .with_state(fake.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        fake
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Points a server's settings at this fake, with a short client timeout.
    pub fn configure(&self, settings: &mut Settings) {
        settings.payment_provider = PaymentProviderKind::Stripe;
        settings.stripe = StripeSettings {
            api_base: self.base_url.clone(),
            secret_key: Some(SECRET_KEY.into()),
            webhook_secret: Some(WEBHOOK_SECRET.into()),
            timeout: CLIENT_TIMEOUT,
        };
    }

    /// A provider talking to this fake, as the server's own (for running jobs by hand).
    pub fn provider(&self) -> StripeProvider {
        StripeProvider::new(StripeConfig {
            api_base: self.base_url.clone(),
            secret_key: SECRET_KEY.into(),
            timeout: CLIENT_TIMEOUT,
        })
        .expect("the Stripe client builds")
    }

    pub fn set_mode(&self, mode: Mode) {
        self.lock().mode = mode;
    }

    /// Refunds go through but answer only after the client has given up.
    pub fn set_refunds_time_out(&self, time_out: bool) {
        self.lock().refunds_time_out = time_out;
    }

    /// Every refund answer, asks again with the same key included, comes after the client
    /// has given up (the refund still happens, once).
    pub fn set_refunds_unreachable(&self, unreachable: bool) {
        self.lock().refunds_unreachable = unreachable;
    }

    /// After each new charge, send its event to `url` on our own, as `delivery` says.
    pub fn send_webhooks_to(&self, url: String, delivery: Delivery) {
        self.lock().auto = Some((url, delivery));
    }

    /// Every PaymentIntent made, oldest first.
    pub fn intents(&self) -> Vec<Value> {
        let mut intents: Vec<Value> = self.lock().intents.values().cloned().collect();
        intents.sort_by_key(|intent| intent["created"].as_i64().unwrap_or_default());
        intents
    }

    /// The id of the only PaymentIntent made.
    pub fn only_intent_id(&self) -> String {
        let intents = self.intents();
        assert_eq!(intents.len(), 1, "one PaymentIntent: {intents:?}");
        intents[0]["id"].as_str().unwrap_or_default().to_owned()
    }

    /// How much of each PaymentIntent has been refunded, by id.
    pub fn refunded(&self) -> HashMap<String, i64> {
        self.lock().refunded.clone()
    }

    pub fn create_calls(&self) -> Vec<CreateCall> {
        self.lock().create_calls.clone()
    }

    pub fn refund_calls(&self) -> Vec<RefundCall> {
        self.lock().refund_calls.clone()
    }

    /// HTTP statuses the server answered to the webhooks the fake sent on its own.
    pub fn deliveries(&self) -> Vec<u16> {
        self.lock().deliveries.clone()
    }

    /// An event about a PaymentIntent, as Stripe would send it.
    pub fn event(&self, intent_id: &str, kind: EventKind) -> Value {
        let mut intent = self
            .lock()
            .intents
            .get(intent_id)
            .cloned()
            .unwrap_or_else(|| panic!("no PaymentIntent {intent_id}"));
        let kind = match kind {
            EventKind::Succeeded => {
                intent["status"] = json!("succeeded");
                "payment_intent.succeeded"
            }
            EventKind::PaymentFailed => {
                intent["status"] = json!("requires_payment_method");
                intent["last_payment_error"] = json!({
                    "type": "card_error", "code": "card_declined",
                    "decline_code": "generic_decline", "message": "Your card was declined."
                });
                "payment_intent.payment_failed"
            }
        };
        json!({
            "id": random_id("evt"),
            "object": "event",
            "type": kind,
            "created": chrono::Utc::now().timestamp(),
            "data": {"object": intent},
        })
    }

    /// Sends `event`, signed now, to `url`; answers the server's status.
    pub async fn deliver(&self, url: &str, event: &Value) -> u16 {
        let body = event.to_string();
        let header = signature_header(
            WEBHOOK_SECRET,
            chrono::Utc::now().timestamp(),
            body.as_bytes(),
        );
        self.deliver_raw(url, body, &header).await
    }

    /// Sends a body with the signature header given (to test refusals).
    pub async fn deliver_raw(&self, url: &str, body: String, signature: &str) -> u16 {
        self.try_deliver_raw(url, body, signature)
            .await
            .expect("the server answers the webhook")
    }

    /// Sends `event`, signed now; `None` when the server could not be reached.
    pub async fn try_deliver(&self, url: &str, event: &Value) -> Option<u16> {
        let body = event.to_string();
        let header = signature_header(
            WEBHOOK_SECRET,
            chrono::Utc::now().timestamp(),
            body.as_bytes(),
        );
        self.try_deliver_raw(url, body, &header).await
    }

    async fn try_deliver_raw(&self, url: &str, body: String, signature: &str) -> Option<u16> {
        self.http
            .post(url)
            .header("content-type", "application/json")
            .header("stripe-signature", signature)
            .timeout(Duration::from_secs(10))
            .body(body)
            .send()
            .await
            .ok()
            .map(|response| response.status().as_u16())
    }

    /// Sends `event` until the server answers (Stripe retries any non-2xx; this fake only
    /// an unreachable server or a 5xx, so a test's deliberate refusal stays one answer),
    /// for up to [`RETRY_FOR`]; answers the last status (0: never reached).
    pub async fn deliver_until_taken(&self, url: &str, event: &Value) -> u16 {
        let started = std::time::Instant::now();
        let mut pause = Duration::from_millis(100);
        loop {
            let status = self.try_deliver(url, event).await.unwrap_or(0);
            if (1..500).contains(&status) || started.elapsed() > RETRY_FOR {
                return status;
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(2));
        }
    }

    /// Sends `event` after `delay`, in the background.
    pub fn deliver_later(
        &self,
        url: String,
        event: Value,
        delay: Duration,
    ) -> tokio::task::JoinHandle<u16> {
        let fake = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            fake.deliver(&url, &event).await
        })
    }

    fn auto_deliver(&self, intent_id: &str, succeeded: bool) {
        let Some((url, delivery)) = self.lock().auto.clone() else {
            return;
        };
        let kind = if succeeded {
            EventKind::Succeeded
        } else {
            EventKind::PaymentFailed
        };
        let event = self.event(intent_id, kind);
        let fake = self.clone();
        tokio::spawn(async move {
            let delays = match delivery {
                Delivery::Now => vec![Duration::ZERO],
                Delivery::Late(delay) => vec![delay],
                Delivery::Twice => vec![Duration::ZERO; 2],
                Delivery::Scrambled(bound) => vec![random_below(bound), random_below(bound)],
            };
            let sends = delays.into_iter().map(|delay| {
                let (fake, url, event) = (fake.clone(), url.clone(), event.clone());
                async move {
                    tokio::time::sleep(delay).await;
                    fake.deliver_until_taken(&url, &event).await
                }
            });
            let statuses = futures::future::join_all(sends).await;
            fake.lock().deliveries.extend(statuses);
        });
    }
}

fn stripe_error(status: StatusCode, kind: &str, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"error": {"type": kind, "code": code, "message": message}})),
    )
        .into_response()
}

/// Stripe's answer to an `Idempotency-Key` sent again with other parameters.
fn key_reused_with_other_parameters() -> Response {
    stripe_error(
        StatusCode::BAD_REQUEST,
        "idempotency_error",
        "idempotency_key_in_use",
        "Keys for idempotent requests can only be used with the same parameters they were first used with.",
    )
}

fn authorised(headers: &HeaderMap) -> bool {
    headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        == Some(format!("Bearer {SECRET_KEY}").as_str())
}

fn idempotency_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get("idempotency-key")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

fn answer(status: u16, body: Value, replayed: bool) -> Response {
    let mut response = (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        Json(body),
    )
        .into_response();
    if replayed {
        response.headers_mut().insert(
            "idempotent-replayed",
            "true".parse().expect("a header value"),
        );
    }
    response
}

async fn create_intent(
    State(fake): State<FakeStripe>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    if !authorised(&headers) {
        return stripe_error(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            "api_key_invalid",
            "Invalid API Key provided.",
        );
    }
    let key = idempotency_key(&headers);
    let mode = {
        let mut inner = fake.lock();
        if let Some((params, status, body)) =
            key.as_ref().and_then(|key| inner.answers.get(key)).cloned()
        {
            inner.create_calls.push(CreateCall {
                idempotency_key: key.clone(),
                form: form.clone(),
                replayed: true,
            });
            if params != form {
                return key_reused_with_other_parameters();
            }
            return answer(status, body, true);
        }
        inner.create_calls.push(CreateCall {
            idempotency_key: key.clone(),
            form: form.clone(),
            replayed: false,
        });
        inner.mode
    };
    let amount: i64 = form.get("amount").and_then(|a| a.parse().ok()).unwrap_or(0);
    let method = form.get("payment_method").cloned().unwrap_or_default();
    if amount <= 0 || !method.starts_with("pm_") {
        return stripe_error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "parameter_invalid",
            "Invalid amount or payment_method.",
        );
    }
    let declined_code = match method.as_str() {
        "pm_card_chargeDeclined" => Some("generic_decline"),
        "pm_card_insufficientFunds" => Some("insufficient_funds"),
        _ if mode == Mode::Decline => Some("generic_decline"),
        _ => None,
    };
    let metadata: serde_json::Map<String, Value> = form
        .iter()
        .filter_map(|(name, value)| {
            let field = name.strip_prefix("metadata[")?.strip_suffix(']')?;
            Some((field.to_owned(), json!(value)))
        })
        .collect();
    let id = random_id("pi");
    let mut intent = json!({
        "id": id,
        "object": "payment_intent",
        "amount": amount,
        "currency": form.get("currency").cloned().unwrap_or_default(),
        "payment_method": method,
        "metadata": metadata,
        "created": fake.lock().intents.len() as i64,
        "status": "succeeded",
        "last_payment_error": null,
    });
    let (status, body) = match declined_code {
        Some(decline_code) => {
            let error = json!({
                "type": "card_error", "code": "card_declined", "decline_code": decline_code,
                "message": if decline_code == "insufficient_funds" { "Your card has insufficient funds." } else { "Your card was declined." },
            });
            intent["status"] = json!("requires_payment_method");
            intent["last_payment_error"] = error.clone();
            let mut error = error;
            error["payment_intent"] = intent.clone();
            (402, json!({"error": error}))
        }
        None => (200, intent.clone()),
    };
    {
        let mut inner = fake.lock();
        inner.intents.insert(id.clone(), intent);
        if let Some(key) = &key {
            inner
                .answers
                .insert(key.clone(), (form.clone(), status, body.clone()));
        }
    }
    fake.auto_deliver(&id, declined_code.is_none());
    match (mode, declined_code) {
        (Mode::TimeOut, None) => {
            tokio::time::sleep(HANG).await;
            answer(status, body, false)
        }
        (Mode::FailAfterSuccess, None) => stripe_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "api_error",
            "internal_error",
            "An unknown error occurred.",
        ),
        _ => answer(status, body, false),
    }
}

async fn show_intent(
    State(fake): State<FakeStripe>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !authorised(&headers) {
        return stripe_error(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            "api_key_invalid",
            "Invalid API Key provided.",
        );
    }
    match fake.lock().intents.get(&id) {
        Some(intent) => answer(200, intent.clone(), false),
        None => stripe_error(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            "resource_missing",
            "No such payment_intent.",
        ),
    }
}

async fn create_refund(
    State(fake): State<FakeStripe>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let (response, late) = refund_now(&fake, &headers, form);
    if late {
        tokio::time::sleep(HANG).await;
    }
    response
}

/// A refund's answer, and whether to send it only after the client's timeout.
fn refund_now(
    fake: &FakeStripe,
    headers: &HeaderMap,
    form: HashMap<String, String>,
) -> (Response, bool) {
    if !authorised(headers) {
        return (
            stripe_error(
                StatusCode::UNAUTHORIZED,
                "invalid_request_error",
                "api_key_invalid",
                "Invalid API Key provided.",
            ),
            false,
        );
    }
    let key = idempotency_key(headers);
    let intent_id = form.get("payment_intent").cloned().unwrap_or_default();
    let amount: i64 = form.get("amount").and_then(|a| a.parse().ok()).unwrap_or(0);
    let mut inner = fake.lock();
    let mut call = RefundCall {
        idempotency_key: key.clone(),
        payment_intent: intent_id.clone(),
        amount,
        replayed: false,
    };
    if let Some((params, status, body)) =
        key.as_ref().and_then(|key| inner.answers.get(key)).cloned()
    {
        call.replayed = true;
        inner.refund_calls.push(call);
        if params != form {
            return (key_reused_with_other_parameters(), false);
        }
        return (answer(status, body, true), inner.refunds_unreachable);
    }
    inner.refund_calls.push(call);
    let Some(intent) = inner.intents.get(&intent_id).cloned() else {
        return (
            stripe_error(
                StatusCode::NOT_FOUND,
                "invalid_request_error",
                "resource_missing",
                "No such payment_intent.",
            ),
            false,
        );
    };
    let already = inner.refunded.get(&intent_id).copied().unwrap_or(0);
    let paid = intent["amount"].as_i64().unwrap_or(0);
    if intent["status"] != "succeeded" || amount <= 0 || already + amount > paid {
        return (
            stripe_error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "amount_too_large",
                "Refund amount is greater than unrefunded amount on charge.",
            ),
            false,
        );
    }
    inner.refunded.insert(intent_id.clone(), already + amount);
    let refund = json!({
        "id": random_id("re"), "object": "refund", "amount": amount,
        "payment_intent": intent_id, "status": "succeeded",
    });
    if let Some(key) = key {
        inner.answers.insert(key, (form, 200, refund.clone()));
    }
    (
        answer(200, refund, false),
        inner.refunds_time_out || inner.refunds_unreachable,
    )
}
