//! The API's rate limits (per token, and per address without one) answer 429 with
//! `Retry-After`; CORS lets configured origins' pages call the API with a token.

use std::num::NonZeroU32;

use reqwest::StatusCode;
use tests::{logged_in, spawn_app_with};

#[tokio::test]
async fn a_token_over_its_budget_waits_as_long_as_retry_after_says() {
    let app = spawn_app_with(|settings| {
        settings.api_rate_per_minute = NonZeroU32::new(5);
    })
    .await;
    let phone = logged_in(&app, "rapide@shoppers.test").await;
    let laptop = logged_in(&app, "calme@shoppers.test").await;
    let mut refused = None;
    for _ in 0..8 {
        let response = phone
            .raw(reqwest::Method::GET, "/api/v1/me")
            .send()
            .await
            .expect("answer");
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(response);
            break;
        }
        assert_eq!(response.status(), StatusCode::OK);
    }
    let refused = refused.expect("the sixth call in a minute is refused");
    let wait: u64 = refused
        .headers()
        .get("retry-after")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    let body: serde_json::Value = refused.json().await.expect("JSON");
    assert_eq!(body["error"]["code"], "rate_limited");
    // Another token has its own budget.
    let other = laptop
        .raw(reqwest::Method::GET, "/api/v1/me")
        .send()
        .await
        .expect("answer");
    assert_eq!(other.status(), StatusCode::OK);
}

#[tokio::test]
async fn configured_origins_may_call_the_api_from_a_browser() {
    let app = spawn_app_with(|settings| {
        settings.cors_origins = vec!["https://app.halles.test".to_owned()];
    })
    .await;
    let http = reqwest::Client::new();
    let preflight = http
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/cart/items"))
        .header("origin", "https://app.halles.test")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type, idempotency-key",
        )
        .send()
        .await
        .expect("preflight");
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "https://app.halles.test"
    );
    let allowed = preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(allowed.contains("idempotency-key"), "{allowed}");
    // An origin not configured gets no CORS header: its page cannot read the answer.
    let stranger = http
        .get(app.url("/api/v1/categories"))
        .header("origin", "https://evil.test")
        .send()
        .await
        .expect("answer");
    assert!(
        stranger
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
}
