//! Cart hand-off and the till: `POST /cart/handoff` (the shopper), `GET
//! /seller/till/{code}` and `POST /seller/till/{code}/sale` (the shop's staff).
//!
//! A till sees only its own shop's lines of the handed-off cart; an unknown or expired
//! code is a 404 (`handoff_unknown`), and a shop's tills are throttled after many of them.

use api_types::buying::OrderResponse;
use api_types::omnichannel::{CartHandoff, LocationStock, TillCart, TillLine, TillSaleRequest};
use app::convert::buying::{address_input, cart_item_of, order_of};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use services::StoreError;
use services::analytics::{Event, Visitor};
use services::buying::cart::{CartView, group_by_shop};
use services::buying::checkout::Channel;
use services::buying::handoff::{self, AisleFulfilment, SaleInput, TillPayment};
use services::buying::{cashback_estimate, pickup_hold};

use utoipa_axum::routes;

use super::openapi::{
    ApiRoutes, Conflict, IdempotencyKey, JsonBody, NotFound, StaffOnly, Throttled, Unauthenticated,
    tag,
};
use super::selling::ShopStaff;
use crate::http::auth::AuthUser;
use crate::http::error::ApiError;
use crate::http::idempotency::{Answer, run_once};
use crate::http::json::ApiJson;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(create_handoff))
        .routes(routes!(show_till_cart))
        .routes(routes!(sell))
}

fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Hand the cart to a till
///
/// A code (8 letters and digits) and its QR code that carry the caller's cart to a
/// seller's till, valid 15 minutes; each shop completes one sale with it.
#[utoipa::path(
    post,
    path = "/cart/handoff",
    tag = tag::TILL,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 201, description = "The code.", body = CartHandoff),
        Unauthenticated,
        Conflict,
    ),
)]
async fn create_handoff(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
) -> Result<(StatusCode, Json<CartHandoff>), ApiError> {
    let issued = handoff::create(&state.db, &session.user.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(CartHandoff {
            qr_svg: pickup_hold::qr_svg(&issued.code).unwrap_or_default(),
            code: issued.code,
            expires_at: rfc3339(issued.expires_at),
        }),
    ))
}

/// A handed-off cart, at the till
///
/// The shopper's lines *for the caller's shop only*, with the shop's stock per location.
/// Unknown and expired codes are 404 `handoff_unknown`; many of them in a row, 429.
#[utoipa::path(
    get,
    path = "/seller/till/{code}",
    tag = tag::TILL,
    security(("bearer" = []), ("session" = [])),
    params(("code" = String, Path, description = "The shopper's code, any case, spaces and dashes ignored.")),
    responses(
        (status = 200, description = "This shop's lines.", body = TillCart),
        StaffOnly,
        NotFound,
        Throttled,
    ),
)]
async fn show_till_cart(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(code): Path<String>,
) -> Result<Json<TillCart>, ApiError> {
    let view = handoff::till_view(&state.db, &staff.shop_id, &code)
        .await
        .map_err(not_found_if_unknown)?;
    let as_cart = CartView {
        id: String::new(),
        shops: group_by_shop(view.lines.iter().map(|line| line.line.clone()).collect()),
        notices: Vec::new(),
    };
    let cashback = cashback_estimate::for_cart(&as_cart)?;
    // The store's funnel starts when the till shows the shopper's lines.
    if view.sold_order_id.is_none() {
        for line in &view.lines {
            state.analytics.record(Event::view(
                Channel::Store,
                Visitor::account(&view.shopper_id),
                &line.line.product_id,
            ));
        }
    }
    Ok(Json(TillCart {
        total_cents: view.total_cents(),
        code: view.code,
        expires_at: rfc3339(view.expires_at),
        shopper_name: view.shopper_name,
        lines: view
            .lines
            .iter()
            .map(|line| TillLine {
                item: cart_item_of(&line.line, &cashback),
                stock: line
                    .stock
                    .iter()
                    .map(|stock| LocationStock {
                        location_id: stock.location_id.clone(),
                        name: stock.name.clone(),
                        available: stock.available,
                    })
                    .collect(),
            })
            .collect(),
        currency: "EUR".into(),
        sold_order_id: view.sold_order_id,
    }))
}

/// Sell at the till
///
/// Without `fulfilment`, hands the shop's lines over now, drawn from `store_id`'s stock
/// (409 `out_of_stock` when it lacks them). With it, the endless aisle: the lines are
/// ordered for delivery or pickup at another store, paid at the till. Either way the
/// order has channel `store`, lands in the shopper's history and earns cashback. One
/// sale per code and shop (409 `handoff_used`).
#[utoipa::path(
    post,
    path = "/seller/till/{code}/sale",
    tag = tag::TILL,
    security(("bearer" = []), ("session" = [])),
    params(("code" = String, Path, description = "The shopper's code."), IdempotencyKey),
    request_body = TillSaleRequest,
    responses(
        (status = 201, description = "The order, as the shopper sees it.", body = OrderResponse),
        JsonBody,
        StaffOnly,
        NotFound,
        Conflict,
        Throttled,
    ),
)]
async fn sell(
    State(state): State<AppState>,
    staff: ShopStaff,
    headers: HeaderMap,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<TillSaleRequest>,
) -> Response {
    let scope = format!("till_sale:{}", handoff::normalise_code(&code));
    run_once(
        &state.db,
        &staff.user_id,
        &scope,
        &headers,
        &body,
        || async {
            let input = sale_input(&body)?;
            let view = handoff::sell(&state.db, &staff.shop_id, &code, input)
                .await
                .map_err(not_found_if_unknown)?;
            state.analytics.record(Event::checkout_started(
                Channel::Store,
                Visitor::account(&view.order.user_id),
                &staff.shop_id,
            ));
            Ok(Answer::json(
                StatusCode::CREATED,
                &OrderResponse {
                    order: order_of(&view),
                },
            ))
        },
    )
    .await
}

fn sale_input(body: &TillSaleRequest) -> Result<SaleInput, ApiError> {
    let payment = TillPayment::parse(body.payment.trim()).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "payment_invalid",
            "payment is `cash` or `card_present`.",
        )
        .with_field("payment")
    })?;
    if body.store_id.trim().is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "store_missing",
            "store_id is the store the till is in.",
        )
        .with_field("store_id"));
    }
    let fulfilment = match &body.fulfilment {
        None => None,
        Some(choice) => Some(match choice.method.trim() {
            "delivery" => AisleFulfilment::Delivery(
                choice.address.as_ref().map(address_input).ok_or_else(|| {
                    ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "address_missing",
                        "a delivery needs the shopper's address.",
                    )
                    .with_field("fulfilment.address")
                })?,
            ),
            "pickup" => AisleFulfilment::Pickup {
                store_id: choice
                    .store_id
                    .clone()
                    .filter(|id| !id.trim().is_empty())
                    .ok_or_else(|| {
                        ApiError::new(
                            StatusCode::UNPROCESSABLE_ENTITY,
                            "store_missing",
                            "a pickup needs the store_id of the store that will hand it over.",
                        )
                        .with_field("fulfilment.store_id")
                    })?,
            },
            _ => {
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "fulfilment_method_invalid",
                    "fulfilment.method is `delivery` or `pickup`.",
                )
                .with_field("fulfilment.method"));
            }
        }),
    };
    if body.offer_ids.as_ref().is_some_and(Vec::is_empty) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "offer_ids_empty",
            "offer_ids lists at least one offer, or is left out to sell every line.",
        )
        .with_field("offer_ids"));
    }
    Ok(SaleInput {
        store_id: body.store_id.trim().to_owned(),
        payment,
        offer_ids: body.offer_ids.clone(),
        fulfilment,
    })
}

/// A code nobody handed off is a missing thing: 404, like any object the caller cannot
/// see, with the field named so the till can say so beside it.
fn not_found_if_unknown(err: StoreError) -> ApiError {
    match err {
        StoreError::Invalid {
            code: "handoff_unknown",
            message,
            ..
        } => ApiError::new(StatusCode::NOT_FOUND, "handoff_unknown", message).with_field("code"),
        other => other.into(),
    }
}
