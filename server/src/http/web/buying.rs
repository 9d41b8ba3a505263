//! The buying forms of the storefront, each a plain post answered by a 303 redirect
//! (onwards on success, back with a flash on error), so they work without JavaScript:
//!
//! - [`cart`]: `POST /cart/items`, `/cart/items/{id}`, `/cart/items/{id}/remove`.
//! - [`checkout`]: `POST /checkout` (update the totals, or pay: the order is placed and
//!   the payment page opens).
//! - [`pay`]: `POST /pay/{id}` and `/pay/{id}/cancel`, the sandbox page.
//! - [`orders`]: `POST /orders/{id}/parts/{part_id}/return`.
//! - [`omni`]: `POST /cart/handoff` and its QR code; `POST /wishlist`, and removal.
//!
//! Every handler checks the CSRF token and acts only for the session's user (or the
//! guest cart cookie): the services answer "not found" for anyone else's cart or order.

mod cart;
mod checkout;
mod disputes;
mod omni;
mod orders;
mod pay;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use services::StoreError;

use super::forms::back_with_flash;
use crate::http::route_table::RouteTable;
use crate::state::AppState;

pub fn routes() -> RouteTable {
    RouteTable::new()
        .post("/cart/items", cart::add_item)
        .post("/cart/items/{item_id}", cart::set_quantity)
        .post("/cart/items/{item_id}/remove", cart::remove_item)
        .post("/cart/handoff", omni::new_till_code)
        .get("/cart/handoff/{code}/qr.svg", omni::till_code_qr)
        .post("/wishlist", omni::wish)
        .post("/wishlist/{product_id}/remove", omni::unwish)
        .post("/checkout", checkout::submit)
        .post("/pay/{id}", pay::submit)
        .post("/pay/{id}/cancel", pay::cancel)
        .post(
            "/orders/{id}/parts/{part_id}/return",
            orders::request_return,
        )
        .post(
            "/orders/{id}/parts/{part_id}/dispute",
            disputes::open_dispute,
        )
}

/// The longest value put back in a form through the flash cookie.
const MAX_FLASH_VALUE: usize = 200;

/// A form value, trimmed to what a flash cookie may carry.
pub(super) fn flash_value(name: &str, value: &str) -> (String, String) {
    (
        name.to_owned(),
        value.chars().take(MAX_FLASH_VALUE).collect(),
    )
}

/// Ids in paths are ours (UUIDs): anything else is nobody's, and never reaches a
/// `Location` header.
pub(super) fn safe_id(id: &str) -> Option<&str> {
    (!id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then_some(id)
}

pub(super) fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found.").into_response()
}

/// A visitor posting a form that needs an account is sent to log in first.
pub(super) fn login_first(next: &str) -> Response {
    Redirect::to(&format!("/login?next={}", super::forms::urlencode(next))).into_response()
}

/// A refused change as an error code and field for the flash; anything unexpected is
/// logged once and shown as a generic error.
pub(super) fn refusal(err: StoreError, what: &'static str) -> (&'static str, Option<&'static str>) {
    match err {
        StoreError::Invalid { code, field, .. } | StoreError::Conflict { code, field, .. } => {
            (code, field)
        }
        StoreError::OutOfStockAtStore { field, .. } => ("out_of_stock", field),
        StoreError::PaymentDeclined { code, .. } => (code, None),
        StoreError::NotFound => ("not_found", None),
        other => {
            tracing::error!(error = %other, "web: {what}");
            ("internal_error", None)
        }
    }
}

/// Onwards to `to`, with a success note for the page there.
pub(super) fn onwards_with_note(
    state: &AppState,
    headers: &HeaderMap,
    to: &str,
    note: &str,
    values: Vec<(String, String)>,
) -> Response {
    back_with_flash(state, headers, to, note, "", None, values)
}
