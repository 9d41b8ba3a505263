//! The whole router, and the middleware around it (outermost first): security headers,
//! request id, body size limit, request log, NUL guard, storefront context.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

use crate::http::json::body_too_large;
use crate::http::route_table::{Route, RouteTable};
use crate::http::security_headers::{self, SecurityHeaders};
use crate::http::{rate_limit, web};
use crate::state::AppState;

pub use crate::http::web::site::site_is_built;

/// The largest request body accepted anywhere.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Assembles every route and layer.
pub fn build(state: AppState) -> Router {
    let request_id = HeaderName::from_static(api_types::REQUEST_ID_HEADER);
    let storefront = Router::new()
        .merge(web::forms::routes().into_router())
        .merge(web::site::router(&state))
        .layer(middleware::from_fn(web::site::no_shared_caching))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::context::prepare,
        ));

    Router::new()
        .nest(api_types::API_PREFIX, api_with_limits(&state))
        .merge(files().into_router())
        .merge(storefront)
        .layer(middleware::from_fn(crate::http::nul_guard::refuse_nul))
        .layer(middleware::from_fn(crate::http::request_log::log_request))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(refuse_declared_oversize))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(PropagateRequestIdLayer::new(request_id)),
        )
        .layer(middleware::from_fn_with_state(
            SecurityHeaders {
                https: state.settings.secure_cookies,
            },
            security_headers::set,
        ))
        .with_state(state)
}

/// The routes outside the storefront's request context: health, assets, SEO files,
/// product images and pickup QR codes.
fn files() -> RouteTable {
    RouteTable::new()
        .get("/healthz", health)
        .merge(web::assets::routes())
        .merge(web::seo::routes())
        .merge(crate::http::api::images::public_routes())
        .merge(crate::http::pickup_qr::routes())
}

/// Every route outside `/api/v1`, as [`build`] routes it: files, form posts, pages,
/// server functions. (The API's routes are its OpenAPI document.)
pub fn non_api_routes() -> Vec<Route> {
    let mut routes = files().routes().to_vec();
    routes.extend_from_slice(web::forms::routes().routes());
    routes.extend(web::site::routes());
    routes
}

/// The API with its rate limits (innermost) and its CORS policy (outermost, so that a
/// preflight is answered before anything counts it).
fn api_with_limits(state: &AppState) -> Router<AppState> {
    let mut api = crate::http::api::router();
    if let Some(per_minute) = state.settings.api_rate_per_minute {
        let limits = rate_limit::ApiLimits::new(per_minute, state.settings.trust_proxy);
        api = api.layer(middleware::from_fn_with_state(limits, rate_limit::enforce));
    }
    match cors_layer(&state.settings.cors_origins) {
        Some(cors) => api.layer(cors),
        None => api,
    }
}

/// CORS for the configured origins: bearer tokens only (no cookies cross origin), the
/// headers an app sends, and the ones it needs to read back.
fn cors_layer(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allowed = if origins.iter().any(|origin| origin == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|origin| HeaderValue::from_str(origin).ok()),
        )
    };
    Some(
        CorsLayer::new()
            .allow_origin(allowed)
            .allow_methods([
                Method::GET,
                Method::POST,
                Method::PUT,
                Method::PATCH,
                Method::DELETE,
            ])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                HeaderName::from_static(api_types::IDEMPOTENCY_KEY_HEADER),
                HeaderName::from_static(api_types::REQUEST_ID_HEADER),
            ])
            .expose_headers([
                header::RETRY_AFTER,
                HeaderName::from_static(api_types::REQUEST_ID_HEADER),
                HeaderName::from_static("ratelimit-policy"),
            ])
            .max_age(Duration::from_secs(3600)),
    )
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
async fn health(State(state): State<AppState>) -> Response {
    if state.db.ping().await {
        (
            StatusCode::OK,
            axum::Json(serde_json::json!({"status": "ok"})),
        )
            .into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({"status": "database_unavailable"})),
        )
            .into_response()
    }
}

/// Refuses a body whose declared length is over the limit before reading a byte of it.
async fn refuse_declared_oversize(req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    // Image uploads have their own, larger limit (enforced again by their route).
    let limit = if req.uri().path().ends_with("/image") {
        services::media::MAX_IMAGE_BYTES
    } else {
        MAX_BODY_BYTES
    };
    if declared.is_some_and(|length| length > limit) {
        return body_too_large().into_response();
    }
    next.run(req).await
}
