//! A shop's orders, for its staff: `/seller/orders`, `/seller/orders/{id}` and the actions
//! on them. A shop sees only its own part of each order; another shop's answers 404.
//! Actions accept `Idempotency-Key`: a retried "refund" refunds once.

use api_types::ListResponse;
use api_types::orders::{
    CancelRequest, CollectRequest, RefundRequest, ReturnInStoreRequest, SellerOrder,
    SellerOrderResponse, ShipRequest,
};
use app::convert::buying::{Audience, seller_order_of};
use app::convert::paging;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::orders::SellerOrderStatus;
use serde::Deserialize;
use services::buying::orders::{self, ActionInput};
use services::buying::returns;

use super::selling::ShopStaff;
use crate::http::error::ApiError;
use crate::http::idempotency::{Answer, run_once};
use crate::http::json::parse;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/seller/orders", get(list_orders))
        .route("/seller/orders/{id}", get(show_order))
        .route("/seller/orders/{id}/{action}", post(act))
        .route("/seller/orders/{id}/return/{answer}", post(answer_return))
}

#[derive(Debug, Deserialize)]
struct OrderListParams {
    status: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

async fn list_orders(
    State(state): State<AppState>,
    staff: ShopStaff,
    Query(params): Query<OrderListParams>,
) -> Result<Json<ListResponse<SellerOrder>>, ApiError> {
    let (page, per_page) =
        paging(&params.page, &params.per_page).map_err(super::catalog::bad_parameter)?;
    let status = match params.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(SellerOrderStatus::parse(text).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "status_invalid",
                format!(
                    "status is one of {}.",
                    SellerOrderStatus::ALL
                        .map(SellerOrderStatus::as_str)
                        .join(", ")
                ),
            )
            .with_field("status")
        })?),
    };
    let (views, total) =
        orders::list_for_shop(&state.db, &staff.shop_id, status, page, per_page).await?;
    Ok(Json(ListResponse {
        items: views
            .iter()
            .map(|view| seller_order_of(view, Audience::Seller))
            .collect(),
        total,
        page,
        per_page,
    }))
}

async fn show_order(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
) -> Result<Json<SellerOrderResponse>, ApiError> {
    let view = orders::for_shop(&state.db, &staff.shop_id, &id).await?;
    Ok(Json(SellerOrderResponse {
        seller_order: seller_order_of(&view, Audience::Seller),
    }))
}

/// A body that may be absent or `{}` for actions that carry nothing.
fn body_or_default<T: serde::de::DeserializeOwned + Default>(bytes: &Bytes) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        Ok(T::default())
    } else {
        parse(bytes)
    }
}

#[derive(Debug, Default, Deserialize, serde::Serialize)]
struct Empty {}

/// What an action carries, parsed per action (so a bad body names its field).
#[derive(Debug, serde::Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
enum Step {
    Accept,
    Ship(ShipRequest),
    Ready,
    Deliver,
    Collect(CollectRequest),
    Cancel(CancelRequest),
    Refund(RefundRequest),
    Return(ReturnInStoreRequest),
}

fn step_of(action: &str, bytes: &Bytes) -> Result<Step, ApiError> {
    Ok(match action {
        "accept" => {
            body_or_default::<Empty>(bytes)?;
            Step::Accept
        }
        "ready" => {
            body_or_default::<Empty>(bytes)?;
            Step::Ready
        }
        "deliver" => {
            body_or_default::<Empty>(bytes)?;
            Step::Deliver
        }
        "ship" => Step::Ship(parse(bytes)?),
        "collect" => Step::Collect(parse(bytes)?),
        "cancel" => Step::Cancel(body_or_default(bytes)?),
        "refund" => Step::Refund(parse(bytes)?),
        "return" => Step::Return(parse(bytes)?),
        _ => {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                "No such action: accept, ship, deliver, ready, collect, cancel, refund or return.",
            ));
        }
    })
}

async fn act(
    State(state): State<AppState>,
    staff: ShopStaff,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let step = match step_of(&action, &body) {
        Ok(step) => step,
        Err(err) => return err.into_response(),
    };
    let scope = format!("seller_order:{id}");
    let fingerprint = (&id, &step);
    run_once(
        &state.db,
        &staff.user_id,
        &scope,
        &headers,
        &fingerprint,
        || async {
            let provider = state.payments.provider();
            let db = &state.db;
            let shop = &staff.shop_id;
            let view = match &step {
                Step::Accept => orders::act(db, shop, &id, ActionInput::Accept).await?,
                Step::Ready => orders::act(db, shop, &id, ActionInput::Ready).await?,
                Step::Deliver => orders::act(db, shop, &id, ActionInput::Delivered).await?,
                Step::Ship(ship) => {
                    orders::act(
                        db,
                        shop,
                        &id,
                        ActionInput::Ship {
                            carrier: ship.carrier.clone(),
                            tracking: ship.tracking.clone(),
                        },
                    )
                    .await?
                }
                Step::Collect(collect) => {
                    orders::act(
                        db,
                        shop,
                        &id,
                        ActionInput::Collect {
                            code: collect.code.clone(),
                        },
                    )
                    .await?
                }
                Step::Cancel(cancel) => {
                    orders::cancel(db, provider, shop, &id, &cancel.reason).await?
                }
                Step::Refund(refund) => {
                    orders::refund(db, provider, shop, &id, refund.amount_cents, &refund.reason)
                        .await?
                }
                Step::Return(back) => {
                    returns::record_in_store(db, provider, shop, &id, &back.store_id, &back.reason)
                        .await?
                }
            };
            Ok(Answer::json(
                StatusCode::OK,
                &SellerOrderResponse {
                    seller_order: seller_order_of(&view, Audience::Seller),
                },
            ))
        },
    )
    .await
}

async fn answer_return(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path((id, answer)): Path<(String, String)>,
) -> Result<Json<SellerOrderResponse>, ApiError> {
    let accept = match answer.as_str() {
        "accept" => true,
        "refuse" => false,
        _ => return Err(ApiError::not_found()),
    };
    let view = orders::answer_return(
        &state.db,
        state.payments.provider(),
        &staff.shop_id,
        &id,
        accept,
    )
    .await?;
    Ok(Json(SellerOrderResponse {
        seller_order: seller_order_of(&view, Audience::Seller),
    }))
}
