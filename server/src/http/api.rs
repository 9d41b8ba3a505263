//! The `/api/v1` JSON API: one module per resource, each owning its router.

mod accounts;
mod analytics;
mod buying;
mod cashback_rules;
pub mod catalog;
mod discounts;
mod disputes;
pub mod images;
mod operating;
mod payouts;
pub mod seller_orders;
pub mod selling;
mod stock;
mod webhooks;

use axum::Router;
use axum::http::StatusCode;

use crate::http::error::ApiError;
use crate::state::AppState;

pub use app::convert::{shop_summary, user_of};

/// Every `/api/v1` route, with JSON answers for unknown paths and methods.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(accounts::router())
        .merge(catalog::router())
        .merge(selling::router())
        .merge(stock::router())
        .merge(seller_orders::router())
        .merge(buying::router())
        .merge(discounts::router())
        .merge(disputes::router())
        .merge(images::api_router())
        .merge(webhooks::router())
        .merge(operating::router())
        .merge(payouts::router())
        .merge(analytics::router())
        .merge(cashback_rules::router())
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "No such API endpoint.")
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This endpoint does not accept this method.",
            )
        })
}
