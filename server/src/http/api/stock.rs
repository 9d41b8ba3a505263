//! Stock per location, for the staff of a shop: set a level with a reason, transfer
//! between locations, read every movement that explains a level, and the rows running
//! low. Another shop's offers and locations answer 404 or 422, never their data.

use api_types::ListResponse;
use api_types::selling::{
    LowStockLine, LowStockThreshold, StockMovement, StockRequest, StockResponse,
    StockTransferRequest, StockTransferResponse,
};
use app::convert::paging;
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use services::catalog::selling::{self, StockChange};

use utoipa_axum::routes;

use super::catalog::bad_parameter;
use super::openapi::{ApiRoutes, Conflict, Invalid, JsonBody, NotFound, StaffOnly, tag};
use super::selling::{ShopStaff, stock_line};
use crate::http::error::ApiError;
use crate::http::json::ApiJson;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(set_stock))
        .routes(routes!(transfer_stock))
        .routes(routes!(list_movements))
        .routes(routes!(set_low_stock_threshold))
        .routes(routes!(list_low_stock))
}

/// Set the stock at a location
///
/// Sets how many units a location holds, with a reason; the change is a stock movement.
#[utoipa::path(
    put,
    path = "/seller/offers/{id}/stock",
    tag = tag::SELLER_STOCK,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The offer's id.")),
    request_body = StockRequest,
    responses(
        (status = 200, description = "The level at that location.", body = StockResponse),
        JsonBody,
        StaffOnly,
        NotFound,
        Conflict,
    ),
)]
async fn set_stock(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<StockRequest>,
) -> Result<Json<StockResponse>, ApiError> {
    let level = selling::set_stock(
        &state.db,
        &staff.shop_id,
        &id,
        &request.location_id,
        request.quantity,
        StockChange {
            reason: request.reason,
            note: request.note,
        },
    )
    .await?;
    Ok(Json(StockResponse {
        stock: stock_line(&level),
    }))
}

/// Move stock between locations
#[utoipa::path(
    post,
    path = "/seller/offers/{id}/stock/transfer",
    tag = tag::SELLER_STOCK,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The offer's id.")),
    request_body = StockTransferRequest,
    responses(
        (status = 200, description = "Both levels after the move.", body = StockTransferResponse),
        JsonBody,
        StaffOnly,
        NotFound,
        Conflict,
    ),
)]
async fn transfer_stock(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<StockTransferRequest>,
) -> Result<Json<StockTransferResponse>, ApiError> {
    let (from, to) = selling::transfer_stock(
        &state.db,
        &staff.shop_id,
        &id,
        &request.from_location_id,
        &request.to_location_id,
        request.quantity,
        request.note.as_deref(),
    )
    .await?;
    Ok(Json(StockTransferResponse {
        from: stock_line(&from),
        to: stock_line(&to),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct MovementParams {
    /// Only the movements at this location.
    location_id: Option<String>,
    /// The page, from 1 (default) to 10000.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000)]
    page: Option<String>,
    /// Items per page, 1 to 100, 24 by default.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    per_page: Option<String>,
}

/// An offer's stock movements
///
/// Every change that explains a level, newest first.
#[utoipa::path(
    get,
    path = "/seller/offers/{id}/stock/movements",
    tag = tag::SELLER_STOCK,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The offer's id."), MovementParams),
    responses(
        (status = 200, description = "One page of movements.", body = ListResponse<StockMovement>),
        StaffOnly,
        NotFound,
        Invalid,
    ),
)]
async fn list_movements(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
    Query(params): Query<MovementParams>,
) -> Result<Json<ListResponse<StockMovement>>, ApiError> {
    let (page, per_page) = paging(&params.page, &params.per_page).map_err(bad_parameter)?;
    let location = params
        .location_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty());
    let (rows, total) =
        selling::stock_movements(&state.db, &staff.shop_id, &id, location, page, per_page).await?;
    Ok(Json(ListResponse {
        items: rows
            .into_iter()
            .map(|row| StockMovement {
                id: row.id,
                location_id: row.location_id,
                location_name: row.location_name,
                reason: row.reason,
                quantity_change: row.quantity_change,
                reserved_change: row.reserved_change,
                order_id: row.order_id,
                note: row.note,
                created_at: row
                    .created_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            })
            .collect(),
        total,
        page,
        per_page,
    }))
}

/// Set an offer's low-stock threshold
#[utoipa::path(
    put,
    path = "/seller/offers/{id}/low-stock-threshold",
    tag = tag::SELLER_STOCK,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The offer's id.")),
    request_body = LowStockThreshold,
    responses(
        (status = 200, description = "The threshold.", body = LowStockThreshold),
        JsonBody,
        StaffOnly,
        NotFound,
    ),
)]
async fn set_low_stock_threshold(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<LowStockThreshold>,
) -> Result<Json<LowStockThreshold>, ApiError> {
    let low_stock_threshold = selling::set_low_stock_threshold(
        &state.db,
        &staff.shop_id,
        &id,
        request.low_stock_threshold,
    )
    .await?;
    Ok(Json(LowStockThreshold {
        low_stock_threshold,
    }))
}

/// Running low
///
/// Offer × location pairs at or under their low-stock threshold.
#[utoipa::path(
    get,
    path = "/seller/stock/low",
    tag = tag::SELLER_STOCK,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "Every low line.", body = ListResponse<LowStockLine>),
        StaffOnly,
    ),
)]
async fn list_low_stock(
    State(state): State<AppState>,
    staff: ShopStaff,
) -> Result<Json<ListResponse<LowStockLine>>, ApiError> {
    let rows = selling::low_stock(&state.db, &staff.shop_id).await?;
    let total = rows.len() as u64;
    let count = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
    Ok(Json(ListResponse {
        items: rows
            .into_iter()
            .map(|row| LowStockLine {
                free: count(row.free()),
                offer_id: row.offer_id,
                title: row.title,
                location_id: row.location_id,
                location_name: row.location_name,
                quantity: count(row.quantity),
                reserved: count(row.reserved),
                low_stock_threshold: count(row.threshold),
            })
            .collect(),
        total,
        page: 1,
        per_page: total.max(1),
    }))
}
