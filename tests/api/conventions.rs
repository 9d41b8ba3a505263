//! What every endpoint keeps: the error envelope, body limits, request ids, health.

use serde_json::Value;
use tests::spawn_app;

#[tokio::test]
async fn healthz_answers_200_when_the_database_does() {
    let app = spawn_app().await;
    app.client().health().await.expect("healthy");
}

#[tokio::test]
async fn malformed_json_is_a_400_envelope() {
    let app = spawn_app().await;
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 400);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "malformed_json");
    assert!(body["error"]["field"].is_null());
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_415() {
    let app = spawn_app().await;
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .body("email=a")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 415);
}

#[tokio::test]
async fn bodies_over_one_mebibyte_are_a_413() {
    let app = spawn_app().await;
    let huge = format!(
        "{{\"email\": \"{}\", \"password\": \"x\"}}",
        "a".repeat(1024 * 1024 + 10)
    );
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 413);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "body_too_large");
}

#[tokio::test]
async fn unknown_api_paths_and_methods_answer_with_the_envelope() {
    let app = spawn_app().await;
    let missing = reqwest::get(app.url("/api/v1/nothing-here"))
        .await
        .expect("sent");
    assert_eq!(missing.status().as_u16(), 404);
    let body: Value = missing.json().await.expect("json");
    assert_eq!(body["error"]["code"], "not_found");
    let wrong_method = reqwest::get(app.url("/api/v1/auth/login"))
        .await
        .expect("sent");
    assert_eq!(wrong_method.status().as_u16(), 405);
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_echoes_the_callers() {
    let app = spawn_app().await;
    let fresh = reqwest::get(app.url("/healthz")).await.expect("sent");
    assert!(
        fresh
            .headers()
            .get("x-request-id")
            .is_some_and(|id| !id.is_empty())
    );
    let echoed = reqwest::Client::new()
        .get(app.url("/"))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .expect("sent");
    assert_eq!(echoed.headers()["x-request-id"], "trace-me-42");
}
