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
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::orders::SellerOrderStatus;
use serde::Deserialize;
use services::buying::orders::{self, ActionInput};
use services::buying::returns;

use utoipa_axum::routes;

use super::openapi::{
    ApiRoutes, Conflict, IdempotencyKey, Invalid, JsonBody, NotFound, PaymentDeclined, StaffOnly,
    add_schema, schema_ref, tag,
};
use super::selling::ShopStaff;
use crate::http::error::ApiError;
use crate::http::idempotency::{Answer, run_once};
use crate::http::json::parse;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(list_orders))
        .routes(routes!(show_order))
        .routes(routes!(act))
        .routes(routes!(answer_return))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct OrderListParams {
    /// Only seller orders in this status: `paid`, `accepted`, `ready`, `shipped`…
    status: Option<String>,
    /// The page, from 1 (default) to 10000.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000)]
    page: Option<String>,
    /// Items per page, 1 to 100, 24 by default.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    per_page: Option<String>,
}

/// The `{action}` of `POST /seller/orders/{id}/{action}` (for the document).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum SellerOrderAction {
    Accept,
    Ship,
    Deliver,
    Ready,
    Collect,
    Cancel,
    Refund,
    Return,
}

/// The `{answer}` to a shopper's return request (for the document).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum ReturnAnswer {
    Accept,
    Refuse,
}

/// The body of a seller order action, by `{action}`: `ship` takes a [`ShipRequest`],
/// `collect` a [`CollectRequest`], `cancel` an optional [`CancelRequest`], `refund` a
/// [`RefundRequest`], `return` a [`ReturnInStoreRequest`]; `accept`, `ready` and `deliver`
/// take no body (or `{}`).
pub struct ActionBody;

// Named in full: importing utoipa's names here would make the paths its macros write
// (`utoipa::ToSchema`, `utoipa::openapi::RefOr`) trip `unused_qualifications`.
impl utoipa::PartialSchema for ActionBody {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        utoipa::openapi::schema::OneOfBuilder::new()
            .description(Some(
                "By action: `ship` → ShipRequest, `collect` → CollectRequest, `cancel` → \
                 CancelRequest (optional), `refund` → RefundRequest, `return` → \
                 ReturnInStoreRequest; `accept`, `ready`, `deliver`: no body or `{}`.",
            ))
            .item(schema_ref::<ShipRequest>())
            .item(schema_ref::<CollectRequest>())
            .item(schema_ref::<CancelRequest>())
            .item(schema_ref::<RefundRequest>())
            .item(schema_ref::<ReturnInStoreRequest>())
            .into()
    }
}

impl utoipa::ToSchema for ActionBody {
    fn schemas(schemas: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::Schema>)>) {
        add_schema::<ShipRequest>(schemas);
        add_schema::<CollectRequest>(schemas);
        add_schema::<CancelRequest>(schemas);
        add_schema::<RefundRequest>(schemas);
        add_schema::<ReturnInStoreRequest>(schemas);
    }
}

/// My shop's orders
///
/// The shop's part of each order, newest first.
#[utoipa::path(
    get,
    path = "/seller/orders",
    operation_id = "list_seller_orders",
    tag = tag::SELLER_ORDERS,
    security(("bearer" = []), ("session" = [])),
    params(OrderListParams),
    responses(
        (status = 200, description = "One page of seller orders.", body = ListResponse<SellerOrder>),
        StaffOnly,
        Invalid,
    ),
)]
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

/// One of my shop's orders
#[utoipa::path(
    get,
    path = "/seller/orders/{id}",
    operation_id = "find_seller_order",
    tag = tag::SELLER_ORDERS,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The seller order's id.")),
    responses(
        (status = 200, description = "The seller order.", body = SellerOrderResponse),
        StaffOnly,
        NotFound,
    ),
)]
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

/// Take a step on a seller order
///
/// `accept`, `ship` (`{carrier, tracking}`), `deliver`, `ready` (a pickup is ready),
/// `collect` (`{code}`, the shopper's pickup code), `cancel` (`{reason}`, refunds),
/// `refund` (`{amount_cents, reason}`), `return` (`{store_id, reason}`, a return in
/// store). A step the order's state does not allow is a 409.
#[utoipa::path(
    post,
    path = "/seller/orders/{id}/{action}",
    operation_id = "act_on_seller_order",
    tag = tag::SELLER_ORDERS,
    security(("bearer" = []), ("session" = [])),
    params(
        ("id" = String, Path, description = "The seller order's id."),
        ("action" = inline(SellerOrderAction), Path, description = "The step."),
        IdempotencyKey,
    ),
    request_body(content = Option<ActionBody>, description = "What the step needs, by action."),
    responses(
        (status = 200, description = "The seller order after the step.", body = SellerOrderResponse),
        JsonBody,
        StaffOnly,
        PaymentDeclined,
        NotFound,
        Conflict,
    ),
)]
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

/// Answer a return request
///
/// `accept` refunds the returned part; `refuse` keeps the sale.
#[utoipa::path(
    post,
    path = "/seller/orders/{id}/return/{answer}",
    tag = tag::SELLER_ORDERS,
    security(("bearer" = []), ("session" = [])),
    params(
        ("id" = String, Path, description = "The seller order's id."),
        ("answer" = inline(ReturnAnswer), Path, description = "The answer."),
    ),
    responses(
        (status = 200, description = "The seller order.", body = SellerOrderResponse),
        StaffOnly,
        NotFound,
        Conflict,
    ),
)]
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
