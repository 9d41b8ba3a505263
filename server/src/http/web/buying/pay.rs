//! The sandbox payment page's forms. Card details are checked by `domain::card`, handed
//! to the provider, and forgotten: never logged, stored or sent back (a refused form
//! comes back with only the name and expiry refilled).

use app::context::PageContext;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Datelike;
use domain::card::{CardNumber, check_cvc, check_expiry};
use serde::Deserialize;
use services::buying::payments::{self, OnDecline, PaymentSource};

use super::{flash_value, login_first, not_found, onwards_with_note, refusal, safe_id};
use crate::http::web::context::WebSession;
use crate::http::web::forms::{back_with_flash, csrf_matches};
use crate::state::AppState;

/// What the payment form posts. No `Debug`: it holds a card number.
#[derive(Deserialize)]
pub struct PayForm {
    #[serde(default)]
    card_number: String,
    #[serde(default)]
    expiry: String,
    #[serde(default)]
    cvc: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /pay/{order_id}`: pays with a card. A refusal keeps the order waiting, so the
/// shopper can try another card; success opens the order page.
#[tracing::instrument(skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    Path(order_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<PayForm>,
) -> Response {
    let Some(order_id) = safe_id(&order_id).map(str::to_owned) else {
        return not_found();
    };
    let page_path = format!("/pay/{order_id}");
    let Some(session) = session else {
        return login_first(&page_path);
    };
    let values = vec![
        flash_value("name", &form.name),
        flash_value("expiry", &form.expiry),
    ];
    let back = |code: &str, field: Option<&str>| {
        back_with_flash(
            &state,
            &headers,
            &page_path,
            "pay",
            code,
            field,
            values.clone(),
        )
    };
    if !csrf_matches(&page, &form.csrf) {
        return back("csrf_failed", None);
    }
    let card = match CardNumber::parse(&form.card_number) {
        Ok(card) => card,
        Err(err) => return back(err.code(), Some(err.field())),
    };
    let today = services::now();
    if let Err(err) = check_expiry(&form.expiry, today.year(), today.month()) {
        return back(err.code(), Some(err.field()));
    }
    if let Err(err) = check_cvc(&form.cvc) {
        return back(err.code(), Some(err.field()));
    }
    if form.name.trim().is_empty() {
        return back("card_name_missing", Some("name"));
    }
    let paid = payments::pay(
        &state.db,
        state.payments.provider(),
        &session.user.id,
        &order_id,
        PaymentSource::Card(card),
        OnDecline::KeepPending,
    )
    .await;
    match paid {
        Ok(view) => onwards_with_note(
            &state,
            &headers,
            &format!("/orders/{}", view.order.id),
            "paid",
            Vec::new(),
        ),
        Err(err) => {
            let (code, field) = refusal(err, "paying an order");
            if code == "not_found" {
                // Someone else's order, or none: its page says so.
                return Redirect::to(&page_path).into_response();
            }
            back(code, field)
        }
    }
}

/// `POST /pay/{order_id}/cancel`: gives up paying; the items go back to the cart.
#[tracing::instrument(skip_all)]
pub async fn cancel(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    Path(order_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CancelForm>,
) -> Response {
    let Some(order_id) = safe_id(&order_id).map(str::to_owned) else {
        return not_found();
    };
    let page_path = format!("/pay/{order_id}");
    let Some(session) = session else {
        return login_first(&page_path);
    };
    let back =
        |code: &str| back_with_flash(&state, &headers, &page_path, "pay", code, None, Vec::new());
    if !csrf_matches(&page, &form.csrf) {
        return back("csrf_failed");
    }
    match payments::abandon(&state.db, &session.user.id, &order_id).await {
        Ok(_) => Redirect::to("/cart").into_response(),
        Err(err) => match refusal(err, "abandoning a payment") {
            ("not_found", _) => Redirect::to(&page_path).into_response(),
            (code, _) => back(code),
        },
    }
}
