//! `GET /orders/{id}/parts/{part_id}/pickup-qr.svg`: the QR code of a pickup code, for
//! the order page's `<img>` (and any client holding a token).
//!
//! A route rather than an SVG inlined in the page: the page's data is also serialised
//! into it for hydration, so an inline SVG (a few kB of path) would travel twice and
//! again on every client-side visit; an `<img>` works without JavaScript all the same.
//! The code is a secret of the shopper: only the order's shopper reads it (by session
//! cookie or bearer token), anyone else gets the 404 of a missing order, a visitor the
//! API's 401, and nothing stores it (`Cache-Control: private, no-store`).

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use services::buying::pickup_hold;

use crate::http::auth::AuthUser;
use crate::http::error::ApiError;
use crate::http::route_table::RouteTable;
use crate::state::AppState;

pub fn routes() -> RouteTable {
    RouteTable::new().get("/orders/{id}/parts/{part_id}/pickup-qr.svg", pickup_qr)
}

async fn pickup_qr(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    Path((order_id, part_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let svg =
        pickup_hold::qr_svg_for_shopper(&state.db, &session.user.id, &order_id, &part_id).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        svg,
    )
        .into_response())
}
