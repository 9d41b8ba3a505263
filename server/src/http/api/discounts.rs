//! A shop's discount codes: `GET|POST /seller/discount-codes`, and
//! `POST /seller/discount-codes/{id}/end` to stop one (kept: past orders name it).

use api_types::ListResponse;
use api_types::selling::{DiscountCode, DiscountCodeRequest, DiscountCodeResponse};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use services::buying::discounts::{self, NewDiscountCode};
use services::db::entity::discount_codes;

use utoipa_axum::routes;

use super::openapi::{ApiRoutes, Conflict, JsonBody, NotFound, StaffOnly, tag};
use super::selling::ShopStaff;
use crate::http::error::ApiError;
use crate::http::json::ApiJson;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(list_codes, create_code))
        .routes(routes!(end_code))
}

/// The API's view of a code.
pub fn discount_code_of(row: &discount_codes::Model) -> DiscountCode {
    let at = |value: Option<DateTime<Utc>>| {
        value.map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    };
    DiscountCode {
        id: row.id.clone(),
        code: row.code.clone(),
        shop_id: row.shop_id.clone(),
        kind: row.kind.clone(),
        value: row.value,
        min_items_cents: row.min_items_cents,
        starts_at: at(row.starts_at),
        ends_at: at(row.ends_at),
        max_uses: row.max_uses.and_then(|max| u32::try_from(max).ok()),
        used_count: u32::try_from(row.used_count).unwrap_or(0),
    }
}

fn timestamp(
    value: &Option<String>,
    field: &'static str,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    value
        .as_deref()
        .map(|text| {
            DateTime::parse_from_rfc3339(text)
                .map(|at| at.with_timezone(&Utc))
                .map_err(|_| {
                    ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "timestamp_invalid",
                        "Write the date as RFC 3339, e.g. 2026-12-24T00:00:00Z.",
                    )
                    .with_field(field)
                })
        })
        .transpose()
}

/// The request → the service's input (checked by the service).
pub fn new_code(body: &DiscountCodeRequest) -> Result<NewDiscountCode, ApiError> {
    Ok(NewDiscountCode {
        code: body.code.clone(),
        kind: body.kind.clone(),
        value: body.value,
        min_items_cents: body.min_items_cents,
        starts_at: timestamp(&body.starts_at, "starts_at")?,
        ends_at: timestamp(&body.ends_at, "ends_at")?,
        max_uses: body
            .max_uses
            .map(|max| i32::try_from(max).unwrap_or(i32::MAX)),
    })
}

/// My discount codes
#[utoipa::path(
    get,
    path = "/seller/discount-codes",
    tag = tag::SELLER_MONEY,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "Every code of the shop.", body = ListResponse<DiscountCode>),
        StaffOnly,
    ),
)]
async fn list_codes(
    State(state): State<AppState>,
    staff: ShopStaff,
) -> Result<Json<ListResponse<DiscountCode>>, ApiError> {
    let rows = discounts::list(&state.db, Some(&staff.shop_id)).await?;
    let total = rows.len() as u64;
    Ok(Json(ListResponse {
        items: rows.iter().map(discount_code_of).collect(),
        total,
        page: 1,
        per_page: total.max(1),
    }))
}

/// Create a discount code
#[utoipa::path(
    post,
    path = "/seller/discount-codes",
    tag = tag::SELLER_MONEY,
    security(("bearer" = []), ("session" = [])),
    request_body = DiscountCodeRequest,
    responses(
        (status = 201, description = "The code.", body = DiscountCodeResponse),
        JsonBody,
        StaffOnly,
        Conflict,
    ),
)]
async fn create_code(
    State(state): State<AppState>,
    staff: ShopStaff,
    ApiJson(body): ApiJson<DiscountCodeRequest>,
) -> Result<(StatusCode, Json<DiscountCodeResponse>), ApiError> {
    let row = discounts::create(&state.db, Some(&staff.shop_id), new_code(&body)?).await?;
    Ok((
        StatusCode::CREATED,
        Json(DiscountCodeResponse {
            discount_code: discount_code_of(&row),
        }),
    ))
}

/// Stop a discount code
///
/// The code stays (past orders name it) but no longer applies.
#[utoipa::path(
    post,
    path = "/seller/discount-codes/{id}/end",
    tag = tag::SELLER_MONEY,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The code's id.")),
    responses(
        (status = 200, description = "The code.", body = DiscountCodeResponse),
        StaffOnly,
        NotFound,
    ),
)]
async fn end_code(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
) -> Result<Json<DiscountCodeResponse>, ApiError> {
    let row = discounts::end(&state.db, Some(&staff.shop_id), &id).await?;
    Ok(Json(DiscountCodeResponse {
        discount_code: discount_code_of(&row),
    }))
}
