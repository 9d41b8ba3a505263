//! `POST /checkout`: "Update the total" carries the choices back to the page; "Pay"
//! places the order (stock reserved, cart emptied) and opens its payment page. A refusal
//! comes back to the form with what was typed and the field at fault.

use app::buying::ssr::{cart_of_user, checkout_input, pickup_stores, spend_cashback};
use app::buying::{CheckoutChoices, SUGGESTED_STORES};
use app::context::PageContext;
use app::format::store_place;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use services::StoreError;
use services::buying::checkout::{self, AddressInput, PaymentChoice};

use super::{MAX_FLASH_VALUE, flash_value, login_first, refusal};
use crate::http::web::context::WebSession;
use crate::http::web::forms::{back_with_flash, csrf_matches};
use crate::state::AppState;

/// The form's fields that are carried back to it (never the CSRF token).
fn is_carried(name: &str) -> bool {
    name.starts_with("method.")
        || name.starts_with("store.")
        || name.starts_with("address.")
        || name == "discount_code"
}

#[tracing::instrument(skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let Some(session) = session else {
        return login_first("/checkout");
    };
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    };
    let values: Vec<(String, String)> = fields
        .iter()
        .filter(|(name, _)| is_carried(name))
        .take(64)
        .map(|(name, value)| flash_value(name, value))
        .collect();
    let back = |code: &str, field: Option<&str>| {
        back_with_flash(
            &state,
            &headers,
            "/checkout",
            "checkout",
            code,
            field,
            values.clone(),
        )
    };
    if !csrf_matches(&page, field("csrf")) {
        return back("csrf_failed", None);
    }
    if field("intent") != "pay" {
        return back("", None);
    }
    let user_id = session.user.id.as_str();
    let view = match cart_of_user(&state.db, user_id).await {
        Ok(view) => view,
        Err(err) => {
            let (code, field) = refusal(err, "loading a cart to check out");
            return back(code, field);
        }
    };
    let pickup = match pickup_stores(&state.db, &view).await {
        Ok(pickup) => pickup,
        Err(err) => {
            let (code, field) = refusal(err, "loading pickup stores");
            return back(code, field);
        }
    };
    let choices = CheckoutChoices::from_fields(
        fields
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
    );
    let address = AddressInput {
        name: field("address.name").to_owned(),
        line1: field("address.line1").to_owned(),
        line2: field("address.line2").to_owned(),
        postcode: field("address.postcode").to_owned(),
        city: field("address.city").to_owned(),
        country: "FR".to_owned(),
    };
    let input = checkout_input(
        &view,
        &pickup,
        &choices,
        &address,
        PaymentChoice::HostedPage,
    );
    let input = match spend_cashback(&state.db, user_id, &choices, input).await {
        Ok((input, _)) => input,
        Err(err) => {
            let (code, field) = refusal(err, "spending cashback at checkout");
            return back(code, field);
        }
    };
    match checkout::place_order(&state.db, state.payments.provider(), user_id, input).await {
        Ok(order) => {
            tracing::info!(order.id = %order.order.id, "order placed, waiting for payment");
            Redirect::to(&app::convert::buying::pay_path(&order.order.id)).into_response()
        }
        Err(err) => {
            let suggested = suggested_stores(&err);
            let (code, field) = refusal(err, "placing an order");
            match suggested {
                Some(stores) => {
                    let mut values = values.clone();
                    values.push(flash_value(SUGGESTED_STORES, &stores));
                    back_with_flash(
                        &state,
                        &headers,
                        "/checkout",
                        "checkout",
                        code,
                        field,
                        values,
                    )
                }
                None => back(code, field),
            }
        }
    }
}

/// The other stores that have what a pickup store lacked, as one line for the page
/// (`Rivoli (Paris 1er), Part-Dieu (Lyon 3e)`), as many as fit in a flash value.
fn suggested_stores(err: &StoreError) -> Option<String> {
    let StoreError::OutOfStockAtStore { suggestions, .. } = err else {
        return None;
    };
    let mut line = String::new();
    for store in suggestions {
        let item = format!(
            "{} ({})",
            store.name,
            store_place(&store.city, &store.postcode)
        );
        let separator = if line.is_empty() { "" } else { ", " };
        if line.chars().count() + separator.len() + item.chars().count() > MAX_FLASH_VALUE {
            break;
        }
        line.push_str(separator);
        line.push_str(&item);
    }
    (!line.is_empty()).then_some(line)
}
