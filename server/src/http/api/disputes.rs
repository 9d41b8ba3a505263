//! Disputes: a shopper opens one on a seller order of their own
//! (`POST /orders/{id}/seller-orders/{seller_order_id}/disputes`, `GET /disputes`), the
//! shop's staff read and answer theirs (`/seller/disputes`), operators decide
//! (`/operator/disputes`). Each side reaches only its own: another shopper's order or
//! another shop's dispute is not found.

use api_types::ListResponse;
use api_types::operating::{
    Dispute, DisputeAnswerRequest, DisputeDecisionRequest, DisputeResponse, OpenDisputeRequest,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::SecondsFormat;
use serde::Deserialize;
use services::operating::disputes::{self, Decision};

use utoipa_axum::routes;

use super::openapi::{
    ApiRoutes, Conflict, Invalid, JsonBody, NotFound, PaymentDeclined, StaffOnly, Unauthenticated,
    tag,
};
use super::operating::Operator;
use super::selling::ShopStaff;
use crate::http::auth::AuthUser;
use crate::http::error::ApiError;
use crate::http::json::ApiJson;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(open_dispute))
        .routes(routes!(list_own))
        .routes(routes!(list_for_shop))
        .routes(routes!(answer))
        .routes(routes!(list_for_operators))
        .routes(routes!(decide))
}

fn dispute_of(row: disputes::Dispute) -> Dispute {
    let at =
        |value: chrono::DateTime<chrono::Utc>| value.to_rfc3339_opts(SecondsFormat::Secs, true);
    Dispute {
        id: row.id,
        seller_order_id: row.seller_order_id,
        order_id: row.order_id,
        order_number: row.order_number,
        shop_id: row.shop_id,
        shop_name: row.shop_name,
        shopper_name: row.shopper_name,
        kind: row.kind,
        message: row.message,
        seller_answer: row.seller_answer,
        answered_at: row.answered_at.map(at),
        status: row.status,
        decision_reason: row.decision_reason,
        refund_cents: row.refund_cents,
        decided_at: row.decided_at.map(at),
        created_at: at(row.created_at),
        part_total_cents: row.part_total_cents,
        part_refunded_cents: row.part_refunded_cents,
    }
}

fn list(rows: Vec<disputes::Dispute>) -> Json<ListResponse<Dispute>> {
    let total = rows.len() as u64;
    Json(ListResponse {
        items: rows.into_iter().map(dispute_of).collect(),
        total,
        page: 1,
        per_page: total.max(1),
    })
}

/// Open a dispute
///
/// On a seller order of the caller's: an item not received, not as described…
#[utoipa::path(
    post,
    path = "/orders/{id}/seller-orders/{seller_order_id}/disputes",
    tag = tag::DISPUTES,
    security(("bearer" = []), ("session" = [])),
    params(
        ("id" = String, Path, description = "The order's id."),
        ("seller_order_id" = String, Path, description = "The seller order's id."),
    ),
    request_body = OpenDisputeRequest,
    responses(
        (status = 201, description = "The dispute.", body = DisputeResponse),
        JsonBody,
        Unauthenticated,
        NotFound,
        Conflict,
    ),
)]
async fn open_dispute(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    Path((order_id, seller_order_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<OpenDisputeRequest>,
) -> Result<(StatusCode, Json<DisputeResponse>), ApiError> {
    let row = disputes::open(
        &state.db,
        &session.user.id,
        &order_id,
        &seller_order_id,
        &body.kind,
        &body.message,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(DisputeResponse {
            dispute: dispute_of(row),
        }),
    ))
}

/// My disputes
#[utoipa::path(
    get,
    path = "/disputes",
    tag = tag::DISPUTES,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The caller's disputes.", body = ListResponse<Dispute>),
        Unauthenticated,
    ),
)]
async fn list_own(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
) -> Result<Json<ListResponse<Dispute>>, ApiError> {
    Ok(list(
        disputes::for_shopper(&state.db, &session.user.id).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct StatusParams {
    /// Only disputes in this status (`open`…); absent for every dispute.
    status: Option<String>,
}

/// My shop's disputes
#[utoipa::path(
    get,
    path = "/seller/disputes",
    tag = tag::DISPUTES,
    security(("bearer" = []), ("session" = [])),
    params(StatusParams),
    responses(
        (status = 200, description = "The shop's disputes (`?status=open` only the open ones).", body = ListResponse<Dispute>),
        StaffOnly,
        Invalid,
    ),
)]
async fn list_for_shop(
    State(state): State<AppState>,
    staff: ShopStaff,
    Query(params): Query<StatusParams>,
) -> Result<Json<ListResponse<Dispute>>, ApiError> {
    let open_only = match params.status.as_deref().map(str::trim) {
        None | Some("") => false,
        Some("open") => true,
        Some(_) => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "status_invalid",
                "status is open, or absent for every dispute.",
            )
            .with_field("status"));
        }
    };
    Ok(list(
        disputes::for_shop(&state.db, &staff.shop_id, open_only).await?,
    ))
}

/// Answer a dispute
///
/// The shop's side, for the operator who decides.
#[utoipa::path(
    post,
    path = "/seller/disputes/{id}/answer",
    tag = tag::DISPUTES,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The dispute's id.")),
    request_body = DisputeAnswerRequest,
    responses(
        (status = 200, description = "The dispute.", body = DisputeResponse),
        JsonBody,
        StaffOnly,
        NotFound,
        Conflict,
    ),
)]
async fn answer(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DisputeAnswerRequest>,
) -> Result<Json<DisputeResponse>, ApiError> {
    let row = disputes::answer(&state.db, &staff.shop_id, &id, &body.message).await?;
    Ok(Json(DisputeResponse {
        dispute: dispute_of(row),
    }))
}

/// Disputes to decide
#[utoipa::path(
    get,
    path = "/operator/disputes",
    tag = tag::DISPUTES,
    security(("bearer" = []), ("session" = [])),
    params(StatusParams),
    responses(
        (status = 200, description = "Every dispute, or those in `status`.", body = ListResponse<Dispute>),
        StaffOnly,
    ),
)]
async fn list_for_operators(
    State(state): State<AppState>,
    _operator: Operator,
    Query(params): Query<StatusParams>,
) -> Result<Json<ListResponse<Dispute>>, ApiError> {
    let status = params
        .status
        .as_deref()
        .map(str::trim)
        .filter(|status| !status.is_empty());
    Ok(list(disputes::for_operators(&state.db, status).await?))
}

/// Decide a dispute
///
/// `refund` (some or all of the part, paid back to the shopper) or `reject`.
#[utoipa::path(
    post,
    path = "/operator/disputes/{id}/decide",
    tag = tag::DISPUTES,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The dispute's id.")),
    request_body = DisputeDecisionRequest,
    responses(
        (status = 200, description = "The dispute.", body = DisputeResponse),
        JsonBody,
        StaffOnly,
        PaymentDeclined,
        NotFound,
        Conflict,
    ),
)]
async fn decide(
    State(state): State<AppState>,
    operator: Operator,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DisputeDecisionRequest>,
) -> Result<Json<DisputeResponse>, ApiError> {
    let decision = match body.decision.trim() {
        "refund" => Decision::Refund {
            amount_cents: body.amount_cents,
        },
        "reject" => Decision::Reject,
        _ => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "decision_invalid",
                "decision is refund or reject.",
            )
            .with_field("decision"));
        }
    };
    let row = disputes::decide(
        &state.db,
        state.payments.provider(),
        &operator.user_id,
        &id,
        decision,
        &body.reason,
    )
    .await?;
    Ok(Json(DisputeResponse {
        dispute: dispute_of(row),
    }))
}
