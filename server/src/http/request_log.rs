//! One log line per request: method, route, status, duration and request id (also sent
//! back in `x-request-id`). Never the query string, headers or body: they may hold
//! e-mails, tokens or cookies.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

/// Logs the request once it is answered.
pub async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| req.uri().path().to_owned());
    let request_id = req
        .headers()
        .get(api_types::REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let response = next.run(req).await;
    let status = response.status().as_u16();
    let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    if status >= 500 {
        tracing::error!(http.method = %method, http.route = %route, http.status = status, duration_ms, request.id = %request_id, "request failed");
    } else {
        tracing::info!(http.method = %method, http.route = %route, http.status = status, duration_ms, request.id = %request_id, "request");
    }
    response
}
