//! Payouts: a shop's staff read what the shop earned (`GET /seller/payouts`: pending,
//! payable, paid, from the ledger); an operator pays a shop its payable balance
//! (`POST /operator/payouts/{shop_id}`).

use api_types::operating::PayoutResponse;
use api_types::selling::{EarningEntry, Payout, SellerPayouts};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::SecondsFormat;
use serde::Deserialize;
use services::operating::payouts;

use utoipa_axum::routes;

use super::openapi::{ApiRoutes, Conflict, JsonBody, NotFound, StaffOnly, tag};
use super::operating::Operator;
use super::selling::ShopStaff;
use crate::http::error::ApiError;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(own_payouts))
        .routes(routes!(pay_out))
}

fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// What my shop earned
///
/// Pending, payable and paid amounts from the ledger, the payouts and every entry.
#[utoipa::path(
    get,
    path = "/seller/payouts",
    tag = tag::SELLER_MONEY,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The shop's earnings.", body = SellerPayouts),
        StaffOnly,
    ),
)]
async fn own_payouts(
    State(state): State<AppState>,
    staff: ShopStaff,
) -> Result<Json<SellerPayouts>, ApiError> {
    let summary = payouts::summary(&state.db, &staff.shop_id).await?;
    Ok(Json(SellerPayouts {
        pending_cents: summary.pending_cents,
        payable_cents: summary.payable_cents,
        paid_cents: summary.paid_cents,
        payouts: summary
            .payouts
            .into_iter()
            .map(|row| Payout {
                id: row.movement_key,
                amount_cents: row.amount_cents,
                created_at: rfc3339(row.created_at),
            })
            .collect(),
        entries: summary
            .entries
            .into_iter()
            .map(|line| EarningEntry {
                balance: if line.account.ends_with(":payable") {
                    "payable"
                } else {
                    "pending"
                }
                .to_owned(),
                kind: line
                    .movement_key
                    .split(':')
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
                amount_cents: line.amount_cents,
                order_number: line.order_number,
                created_at: rfc3339(line.created_at),
            })
            .collect(),
    }))
}

/// `POST /operator/payouts/{shop_id}`: why, optionally; the body may be absent.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayoutRequest {
    #[serde(default)]
    reason: String,
}

/// Pay a shop
///
/// Pays the shop its whole payable balance.
#[utoipa::path(
    post,
    path = "/operator/payouts/{shop_id}",
    tag = tag::OPERATOR,
    security(("bearer" = []), ("session" = [])),
    params(("shop_id" = String, Path, description = "The shop's id.")),
    request_body(content = Option<PayoutRequest>, description = "Optional."),
    responses(
        (status = 201, description = "What was paid.", body = PayoutResponse),
        JsonBody,
        StaffOnly,
        NotFound,
        Conflict,
    ),
)]
async fn pay_out(
    State(state): State<AppState>,
    operator: Operator,
    Path(shop_id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<PayoutResponse>), ApiError> {
    let request: PayoutRequest = if body.iter().all(u8::is_ascii_whitespace) {
        PayoutRequest::default()
    } else {
        crate::http::json::parse(&body)?
    };
    let amount_cents =
        payouts::pay_out(&state.db, &operator.user_id, &shop_id, &request.reason).await?;
    Ok((
        StatusCode::CREATED,
        Json(PayoutResponse {
            shop_id,
            amount_cents,
        }),
    ))
}
