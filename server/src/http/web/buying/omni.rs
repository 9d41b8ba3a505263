//! The storefront's omnichannel forms and images, for signed-in shoppers:
//!
//! - `POST /cart/handoff`: a new code for the till, then back to the cart's till box;
//! - `GET /cart/handoff/{code}/qr.svg`: its QR code, to the code's owner only;
//! - `POST /wishlist` (`product_id`, `back`) and `POST /wishlist/{product_id}/remove`.
//!
//! A visitor is sent to log in first, and comes back to where they were.

use app::context::PageContext;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use services::buying::handoff;
use services::catalog::wishlist;

use super::{login_first, not_found, refusal, safe_id};
use crate::http::web::context::WebSession;
use crate::http::web::forms::{back_with_flash, csrf_matches};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize)]
pub struct WishForm {
    #[serde(default)]
    product_id: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

/// `POST /cart/handoff`.
#[tracing::instrument(skip_all)]
pub async fn new_till_code(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    headers: HeaderMap,
    Form(form): Form<CsrfOnly>,
) -> Response {
    let fail =
        |code: &str| back_with_flash(&state, &headers, "/cart", "cart", code, None, Vec::new());
    if !csrf_matches(&page, &form.csrf) {
        return fail("csrf_failed");
    }
    let Some(session) = session else {
        return login_first("/cart#till");
    };
    match handoff::create(&state.db, &session.user.id).await {
        Ok(_) => Redirect::to("/cart#till").into_response(),
        Err(err) => fail(refusal(err, "issuing a till code").0),
    }
}

/// `GET /cart/handoff/{code}/qr.svg`.
pub async fn till_code_qr(
    State(state): State<AppState>,
    Extension(WebSession(session)): Extension<WebSession>,
    Path(code): Path<String>,
) -> Response {
    let Some(session) = session else {
        return not_found();
    };
    match handoff::qr_for_owner(&state.db, &session.user.id, &code).await {
        Ok(svg) => (
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
            .into_response(),
        Err(_) => not_found(),
    }
}

/// Where to go back to: a page of ours, else the wishlist.
fn back_of(form: &WishForm) -> String {
    app::pages::safe_next(&form.back).unwrap_or_else(|| "/wishlist".to_owned())
}

/// `POST /wishlist`.
#[tracing::instrument(skip_all)]
pub async fn wish(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    headers: HeaderMap,
    Form(form): Form<WishForm>,
) -> Response {
    let back = back_of(&form);
    if !csrf_matches(&page, &form.csrf) {
        return back_with_flash(
            &state,
            &headers,
            &back,
            "wishlist",
            "csrf_failed",
            None,
            Vec::new(),
        );
    }
    let Some(session) = session else {
        return login_first(&back);
    };
    match wishlist::add(&state.db, &session.user.id, form.product_id.trim()).await {
        Ok(_) => Redirect::to(&back).into_response(),
        Err(err) => {
            let (code, field) = refusal(err, "adding to a wishlist");
            back_with_flash(&state, &headers, &back, "wishlist", code, field, Vec::new())
        }
    }
}

/// `POST /wishlist/{product_id}/remove`.
#[tracing::instrument(skip_all)]
pub async fn unwish(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    Path(product_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<WishForm>,
) -> Response {
    let back = back_of(&form);
    if !csrf_matches(&page, &form.csrf) {
        return back_with_flash(
            &state,
            &headers,
            &back,
            "wishlist",
            "csrf_failed",
            None,
            Vec::new(),
        );
    }
    let Some(session) = session else {
        return login_first(&back);
    };
    let Some(product_id) = safe_id(&product_id) else {
        return Redirect::to(&back).into_response();
    };
    match wishlist::remove(&state.db, &session.user.id, product_id).await {
        Ok(_) => Redirect::to(&back).into_response(),
        Err(err) => {
            let (code, field) = refusal(err, "removing from a wishlist");
            back_with_flash(&state, &headers, &back, "wishlist", code, field, Vec::new())
        }
    }
}
