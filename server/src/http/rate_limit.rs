//! Rate limits on `/api/v1`: each API token has its own budget, and so does each client
//! address for calls without a token (the storefront's own calls, visitors, scripts).
//! Over budget, the answer is 429 `rate_limited` with `Retry-After` in seconds, so a
//! well-behaved app waits exactly as long as it must.
//!
//! The budgets live in this process's memory (GCRA, from the `governor` crate): with
//! several `halles serve` behind a load balancer each process counts on its own, so a
//! client may get up to that many times its budget. That is the usual trade-off (no
//! database round trip per request); a shared limiter belongs in the load balancer.

use std::hash::{BuildHasher, Hash};
use std::num::NonZeroU32;
use std::sync::{Arc, Weak};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::http::auth::client_address;
use crate::http::error::ApiError;

/// Calls without a token share their address's budget, this many times a token's: one
/// address may be a whole office behind NAT.
const ANONYMOUS_FACTOR: u32 = 5;

/// Who a budget belongs to. Tokens are kept as a keyed hash, never in clear.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Caller {
    Token(u64),
    Address(String),
}

/// The per-token and per-address limiters of one process.
pub struct ApiLimits {
    tokens: DefaultKeyedRateLimiter<Caller>,
    addresses: DefaultKeyedRateLimiter<Caller>,
    per_minute: NonZeroU32,
    hasher: std::collections::hash_map::RandomState,
    trust_proxy: bool,
}

impl ApiLimits {
    /// Budgets of `per_minute` requests per token (bursts up to that many at once).
    pub fn new(per_minute: NonZeroU32, trust_proxy: bool) -> Arc<Self> {
        let anonymous =
            per_minute.saturating_mul(NonZeroU32::new(ANONYMOUS_FACTOR).unwrap_or(NonZeroU32::MIN));
        let limits = Arc::new(Self {
            tokens: RateLimiter::keyed(Quota::per_minute(per_minute)),
            addresses: RateLimiter::keyed(Quota::per_minute(anonymous)),
            per_minute,
            hasher: std::collections::hash_map::RandomState::new(),
            trust_proxy,
        });
        forget_idle_callers(Arc::downgrade(&limits));
        limits
    }

    fn token_key(&self, token: &str) -> Caller {
        Caller::Token(self.hasher.hash_one(token))
    }
}

/// Every minute, drops the state of callers whose budget is full again, so memory follows
/// the active callers; stops when the limiter is gone.
fn forget_idle_callers(limits: Weak<ApiLimits>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        tick.tick().await;
        loop {
            tick.tick().await;
            let Some(limits) = limits.upgrade() else {
                return;
            };
            limits.tokens.retain_recent();
            limits.addresses.retain_recent();
        }
    });
}

/// The middleware: counts the request against its caller's budget, or answers 429.
pub async fn enforce(
    State(limits): State<Arc<ApiLimits>>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let bearer = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            value
                .strip_prefix("Bearer ")
                .or_else(|| value.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|token| !token.is_empty());
    let per_minute = limits.per_minute.get();
    let (limiter, caller, budget) = match bearer {
        Some(token) => (&limits.tokens, limits.token_key(token), per_minute),
        None => (
            &limits.addresses,
            Caller::Address(client_address(&parts, limits.trust_proxy)),
            per_minute.saturating_mul(ANONYMOUS_FACTOR),
        ),
    };
    check(
        limiter,
        caller,
        budget,
        Request::from_parts(parts, body),
        next,
    )
    .await
}

async fn check(
    limiter: &DefaultKeyedRateLimiter<Caller>,
    caller: Caller,
    budget: u32,
    request: Request,
    next: Next,
) -> Response {
    let mut response = match limiter.check_key(&caller) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            // Whole seconds, rounded up: retrying at the announced second must succeed.
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut refused = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!("Too many requests: wait {seconds} s before the next one."),
            )
            .into_response();
            if let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string()) {
                refused.headers_mut().insert(header::RETRY_AFTER, value);
            }
            refused
        }
    };
    if let Ok(value) = HeaderValue::from_str(&format!("{budget};w=60")) {
        response
            .headers_mut()
            .insert(header::HeaderName::from_static("ratelimit-policy"), value);
    }
    response
}
