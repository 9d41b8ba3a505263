//! The cart's forms. A guest gets a cart cookie on their first add; the account's cart
//! is used once logged in.

use app::context::PageContext;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use services::accounts::sessions::random_token;
use services::analytics::Event;
use services::buying::cart::{self, CartOwner};
use services::buying::checkout::Channel;

use super::{flash_value, onwards_with_note, refusal, safe_id};
use crate::http::cookies;
use crate::http::web::context::WebSession;
use crate::http::web::forms::{back_with_flash, csrf_matches};
use crate::state::AppState;

/// How long a guest cart is remembered.
const CART_COOKIE_SECS: i64 = 30 * 24 * 3600;

#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    offer_id: String,
    #[serde(default)]
    quantity: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

#[derive(Deserialize)]
pub struct QuantityForm {
    #[serde(default)]
    quantity: String,
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

fn parse_quantity(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

/// `POST /cart/items`: adds an offer, then shows the cart; a refusal goes back to the
/// product page, next to the offer's button.
#[tracing::instrument(skip_all)]
pub async fn add_item(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    headers: HeaderMap,
    Form(form): Form<AddForm>,
) -> Response {
    let back = app::pages::safe_next(&form.back)
        .filter(|path| path.starts_with("/products/"))
        .unwrap_or_else(|| "/cart".to_owned());
    let values = vec![
        flash_value("offer_id", &form.offer_id),
        flash_value("quantity", &form.quantity),
    ];
    let fail = |code: &str, field: Option<&str>, values| {
        back_with_flash(&state, &headers, &back, "add_to_cart", code, field, values)
    };
    if !csrf_matches(&page, &form.csrf) {
        return fail("csrf_failed", None, values);
    }
    let Some(quantity) = parse_quantity(&form.quantity) else {
        return fail("quantity_invalid", Some("quantity"), values);
    };
    // A guest keeps (or gets) the secret of their cart.
    let guest_token = match &session {
        Some(_) => None,
        None => Some(cookies::read(&headers, cookies::CART).unwrap_or_else(random_token)),
    };
    let owner = match (&session, &guest_token) {
        (Some(session), _) => CartOwner::User(&session.user.id),
        (None, Some(token)) => CartOwner::Guest(token),
        (None, None) => return fail("internal_error", None, values),
    };
    let added = cart::add_item(&state.db, owner, &form.offer_id, quantity).await;
    if added.is_ok()
        && let Some(visitor) = app::analytics::visitor(&page)
    {
        let event = Event::add_to_cart(Channel::Web, visitor, &form.offer_id);
        state.analytics.record(event);
    }
    let mut response = match added {
        Ok(_) => onwards_with_note(
            &state,
            &headers,
            "/cart",
            "cart_added",
            vec![flash_value("offer", &form.offer_id)],
        ),
        Err(err) => {
            let (code, field) = refusal(err, "adding to a cart");
            fail(code, field, values)
        }
    };
    if let Some(token) = guest_token {
        let secure = cookies::must_be_secure(&headers, state.settings.secure_cookies);
        cookies::append(
            response.headers_mut(),
            cookies::set_cookie(cookies::CART, token, CART_COOKIE_SECS, secure),
        );
    }
    response
}

/// `POST /cart/items/{id}`: sets a line's quantity (and confirms its current price).
#[tracing::instrument(skip_all)]
pub async fn set_quantity(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    Path(item_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<QuantityForm>,
) -> Response {
    let values = vec![flash_value("item", &item_id)];
    let fail = |code: &str, field: Option<&str>, values| {
        back_with_flash(&state, &headers, "/cart", "cart", code, field, values)
    };
    if !csrf_matches(&page, &form.csrf) {
        return fail("csrf_failed", None, Vec::new());
    }
    let Some(item_id) = safe_id(&item_id) else {
        return fail("not_found", None, Vec::new());
    };
    let Some(quantity) = parse_quantity(&form.quantity) else {
        return fail("quantity_invalid", Some("quantity"), values);
    };
    let guest = cookies::read(&headers, cookies::CART);
    let owner = match (&session, &guest) {
        (Some(session), _) => CartOwner::User(&session.user.id),
        (None, Some(token)) => CartOwner::Guest(token),
        (None, None) => return Redirect::to("/cart").into_response(),
    };
    match cart::set_quantity(&state.db, owner, item_id, quantity).await {
        Ok(()) => Redirect::to("/cart").into_response(),
        Err(err) => match refusal(err, "changing a cart line") {
            ("not_found", _) => fail("not_found", None, Vec::new()),
            (code, field) => fail(code, field, values),
        },
    }
}

/// `POST /cart/items/{id}/remove`.
#[tracing::instrument(skip_all)]
pub async fn remove_item(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    Path(item_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    let fail =
        |code: &str| back_with_flash(&state, &headers, "/cart", "cart", code, None, Vec::new());
    if !csrf_matches(&page, &form.csrf) {
        return fail("csrf_failed");
    }
    let Some(item_id) = safe_id(&item_id) else {
        return fail("not_found");
    };
    let guest = cookies::read(&headers, cookies::CART);
    let owner = match (&session, &guest) {
        (Some(session), _) => CartOwner::User(&session.user.id),
        (None, Some(token)) => CartOwner::Guest(token),
        (None, None) => return Redirect::to("/cart").into_response(),
    };
    match cart::remove_item(&state.db, owner, item_id).await {
        // Removing a line already gone leaves the cart as the shopper wanted it.
        Ok(()) => Redirect::to("/cart").into_response(),
        Err(err) => match refusal(err, "removing a cart line") {
            ("not_found", _) => Redirect::to("/cart").into_response(),
            (code, _) => fail(code),
        },
    }
}
