//! Operating, for platform operators: `/operator/shops`, `/operator/reports`,
//! `/operator/offers/{id}/{takedown|clear}`, `/operator/settings`, `/operator/audit`.
//! Also the two ends of moderation outside it: a shopper's `POST /offers/{id}/report`
//! and a seller's `GET /seller/offers/{id}/moderation` (the reason beside its offer).
//!
//! Every operator route takes the [`Operator`] extractor first: 401 without a session,
//! 403 for anyone who is not an operator, before any input is looked at.

use api_types::ListResponse;
use api_types::operating::{
    AuditChange, AuditEntry, AuditQuery, ModeratedOffer, ModeratedOfferResponse, OfferModeration,
    OfferModerationResponse, OfferReport, OfferReportResponse, OperatorShop, OperatorShopResponse,
    PlatformSettings, ReasonRequest, ReportCase, SettingsResponse,
};
use axum::Json;
use axum::extract::{FromRef, FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use chrono::SecondsFormat;
use domain::Role;
use serde::Deserialize;
use services::operating::{self, AuditFilter, OfferAction, SettingsInput, ShopAction};

use app::convert::{paging, shop_status};

use utoipa_axum::routes;

use super::catalog::{PageParams, bad_parameter};
use super::openapi::{
    ApiRoutes, Conflict, Invalid, JsonBody, NotFound, StaffOnly, Unauthenticated, tag,
};
use super::selling::ShopStaff;
use crate::http::auth::AuthUser;
use crate::http::error::ApiError;
use crate::http::json::ApiJson;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(list_shops))
        .routes(routes!(moderate_shop))
        .routes(routes!(list_reports))
        .routes(routes!(moderate_offer))
        .routes(routes!(find_settings, update_settings))
        .routes(routes!(list_audit))
        .routes(routes!(report_offer))
        .routes(routes!(find_moderation))
}

/// The `{action}` of `POST /operator/shops/{id}/{action}` (for the document).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
#[expect(dead_code, reason = "described in the OpenAPI document, never built")]
pub enum ShopDecision {
    Approve,
    Reject,
    Suspend,
    Reinstate,
}

/// The `{action}` of `POST /operator/offers/{id}/{action}` (for the document).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
#[expect(dead_code, reason = "described in the OpenAPI document, never built")]
pub enum OfferDecision {
    Takedown,
    Clear,
}

/// A caller who is a platform operator; anyone else gets 403 (401 when not logged in).
pub struct Operator {
    pub user_id: String,
}

impl<S> FromRequestParts<S> for Operator
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let AuthUser(session) = AuthUser::from_request_parts(parts, state).await?;
        if session.user.has_role(Role::Operator) {
            Ok(Operator {
                user_id: session.user.id,
            })
        } else {
            Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "not_operator",
                "Only platform operators may do this.",
            ))
        }
    }
}

fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn operator_shop(queued: operating::QueuedShop) -> OperatorShop {
    OperatorShop {
        id: queued.shop.id,
        slug: queued.shop.slug,
        name: queued.shop.name,
        description: queued.shop.description,
        status: shop_status(&queued.shop.status),
        status_reason: queued.status_reason,
        owner_name: queued.owner_name,
        owner_email: queued.owner_email,
        offer_count: queued.offer_count,
        created_at: rfc3339(queued.shop.created_at),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ShopQueueParams {
    /// Only shops in this status: `pending`, `approved`, `rejected`, `suspended`.
    status: Option<String>,
    /// The page, from 1 (default) to 10000.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000)]
    page: Option<String>,
    /// Items per page, 1 to 100, 24 by default.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    per_page: Option<String>,
}

/// The shops queue
///
/// Every shop, whatever its status, with its owner and offer count.
#[utoipa::path(
    get,
    path = "/operator/shops",
    operation_id = "list_shops_for_operators",
    tag = tag::OPERATOR,
    security(("bearer" = []), ("session" = [])),
    params(ShopQueueParams),
    responses(
        (status = 200, description = "One page of shops.", body = ListResponse<OperatorShop>),
        StaffOnly,
        Invalid,
    ),
)]
async fn list_shops(
    State(state): State<AppState>,
    _operator: Operator,
    Query(params): Query<ShopQueueParams>,
) -> Result<Json<ListResponse<OperatorShop>>, ApiError> {
    let (page, per_page) = paging(&params.page, &params.per_page).map_err(bad_parameter)?;
    let status = params
        .status
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let (rows, total) = operating::list_shops(&state.db, status, page, per_page).await?;
    Ok(Json(ListResponse {
        items: rows.into_iter().map(operator_shop).collect(),
        total,
        page,
        per_page,
    }))
}

/// Decide on a shop
///
/// `approve` or `reject` a pending shop, `suspend` an approved one, `reinstate` a
/// suspended one. The seller is told the `reason` (not needed to approve).
#[utoipa::path(
    post,
    path = "/operator/shops/{id}/{action}",
    tag = tag::OPERATOR,
    security(("bearer" = []), ("session" = [])),
    params(
        ("id" = String, Path, description = "The shop's id."),
        ("action" = inline(ShopDecision), Path, description = "The decision."),
    ),
    request_body = ReasonRequest,
    responses(
        (status = 200, description = "The shop after the decision.", body = OperatorShopResponse),
        JsonBody,
        StaffOnly,
        NotFound,
        Conflict,
    ),
)]
async fn moderate_shop(
    State(state): State<AppState>,
    operator: Operator,
    Path((id, action)): Path<(String, String)>,
    ApiJson(request): ApiJson<ReasonRequest>,
) -> Result<Json<OperatorShopResponse>, ApiError> {
    let action = ShopAction::parse(&action).ok_or_else(ApiError::not_found)?;
    let shop = operating::moderate_shop(&state.db, &operator.user_id, &id, action, &request.reason)
        .await?;
    Ok(Json(OperatorShopResponse {
        shop: operator_shop(shop),
    }))
}

fn report_case(case: operating::ReportCase) -> ReportCase {
    ReportCase {
        offer_id: case.offer_id,
        product_id: case.product_id,
        title: case.title,
        shop_id: case.shop_id,
        shop_name: case.shop_name,
        price_cents: case.price_cents,
        currency: case.currency,
        status: case.status,
        moderation_note: case.moderation_note,
        open_reports: u64::try_from(case.open_reports).unwrap_or(0),
        reasons: case.reasons,
    }
}

/// Reported offers
///
/// Offers with open reports, or held for review, most reported first.
#[utoipa::path(
    get,
    path = "/operator/reports",
    tag = tag::OPERATOR,
    security(("bearer" = []), ("session" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "One page of cases.", body = ListResponse<ReportCase>),
        StaffOnly,
        Invalid,
    ),
)]
async fn list_reports(
    State(state): State<AppState>,
    _operator: Operator,
    Query(params): Query<PageParams>,
) -> Result<Json<ListResponse<ReportCase>>, ApiError> {
    let (page, per_page) = paging(&params.page, &params.per_page).map_err(bad_parameter)?;
    let (rows, total) = operating::list_reports(&state.db, page, per_page).await?;
    Ok(Json(ListResponse {
        items: rows.into_iter().map(report_case).collect(),
        total,
        page,
        per_page,
    }))
}

/// Decide on an offer
///
/// `takedown` hides it from shoppers; `clear` dismisses its reports and puts it back live.
#[utoipa::path(
    post,
    path = "/operator/offers/{id}/{action}",
    tag = tag::OPERATOR,
    security(("bearer" = []), ("session" = [])),
    params(
        ("id" = String, Path, description = "The offer's id."),
        ("action" = inline(OfferDecision), Path, description = "The decision."),
    ),
    request_body = ReasonRequest,
    responses(
        (status = 200, description = "The offer after the decision.", body = ModeratedOfferResponse),
        JsonBody,
        StaffOnly,
        NotFound,
        Conflict,
    ),
)]
async fn moderate_offer(
    State(state): State<AppState>,
    operator: Operator,
    Path((id, action)): Path<(String, String)>,
    ApiJson(request): ApiJson<ReasonRequest>,
) -> Result<Json<ModeratedOfferResponse>, ApiError> {
    let action = OfferAction::parse(&action).ok_or_else(ApiError::not_found)?;
    let offer =
        operating::moderate_offer(&state.db, &operator.user_id, &id, action, &request.reason)
            .await?;
    let note = operating::moderation::moderation_note(&state.db, &offer.shop_id, &offer.id)
        .await?
        .1;
    Ok(Json(ModeratedOfferResponse {
        offer: ModeratedOffer {
            id: offer.id,
            shop_id: offer.shop_id,
            status: offer.status,
            moderation_note: note,
        },
    }))
}

fn settings_response(settings: services::settings::PlatformSettings) -> SettingsResponse {
    SettingsResponse {
        settings: PlatformSettings {
            commission_rate_bps: i64::from(settings.commission_rate_bps),
            cashback_rate_bps: i64::from(settings.cashback_rate_bps),
            return_window_days: i64::from(settings.return_window_days),
            pickup_hold_days: i64::from(settings.pickup_hold_days),
        },
        updated_at: rfc3339(settings.updated_at),
    }
}

/// Platform settings
#[utoipa::path(
    get,
    path = "/operator/settings",
    tag = tag::OPERATOR,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The settings.", body = SettingsResponse),
        StaffOnly,
    ),
)]
async fn find_settings(
    State(state): State<AppState>,
    _operator: Operator,
) -> Result<Json<SettingsResponse>, ApiError> {
    Ok(Json(settings_response(
        services::settings::load(state.db.conn()).await?,
    )))
}

/// Change the platform settings
///
/// Commission and cashback rates (basis points), return window and pickup hold (days).
/// Audited with the old and new values.
#[utoipa::path(
    put,
    path = "/operator/settings",
    tag = tag::OPERATOR,
    security(("bearer" = []), ("session" = [])),
    request_body = PlatformSettings,
    responses(
        (status = 200, description = "The settings.", body = SettingsResponse),
        JsonBody,
        StaffOnly,
    ),
)]
async fn update_settings(
    State(state): State<AppState>,
    operator: Operator,
    ApiJson(request): ApiJson<PlatformSettings>,
) -> Result<Json<SettingsResponse>, ApiError> {
    let input = SettingsInput {
        commission_rate_bps: request.commission_rate_bps,
        cashback_rate_bps: request.cashback_rate_bps,
        return_window_days: request.return_window_days,
        pickup_hold_days: request.pickup_hold_days,
    };
    let settings = operating::update_settings(&state.db, &operator.user_id, input).await?;
    Ok(Json(settings_response(settings)))
}

/// The audit log
///
/// Every operator action: who, when, what, why, and what changed. Newest first.
#[utoipa::path(
    get,
    path = "/operator/audit",
    tag = tag::OPERATOR,
    security(("bearer" = []), ("session" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "One page of entries.", body = ListResponse<AuditEntry>),
        StaffOnly,
        Invalid,
    ),
)]
async fn list_audit(
    State(state): State<AppState>,
    _operator: Operator,
    Query(query): Query<AuditQuery>,
) -> Result<Json<ListResponse<AuditEntry>>, ApiError> {
    let (page, per_page) = paging(&query.page, &query.per_page).map_err(bad_parameter)?;
    let filter = AuditFilter {
        action: query.action,
        operator_id: query.operator_id,
        target_type: query.target_type,
        target_id: query.target_id,
    };
    let (rows, total) = operating::list_audit(&state.db, &filter, page, per_page).await?;
    Ok(Json(ListResponse {
        items: rows
            .into_iter()
            .map(|entry| AuditEntry {
                id: entry.row.id,
                operator_id: entry.row.operator_id,
                operator_name: entry.operator_name,
                operator_email: entry.operator_email,
                action: entry.row.action,
                target_type: entry.row.target_type,
                target_id: entry.row.target_id,
                reason: entry.row.reason,
                changes: entry
                    .changes
                    .into_iter()
                    .map(|c| AuditChange {
                        field: c.field,
                        old: c.old,
                        new: c.new,
                    })
                    .collect(),
                created_at: rfc3339(entry.row.created_at),
            })
            .collect(),
        total,
        page,
        per_page,
    }))
}

/// Report an offer
///
/// Tells the operators that an offer breaks the rules.
#[utoipa::path(
    post,
    path = "/offers/{id}/report",
    tag = tag::CATALOG,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The offer's id.")),
    request_body = ReasonRequest,
    responses(
        (status = 201, description = "The report.", body = OfferReportResponse),
        JsonBody,
        Unauthenticated,
        NotFound,
        Conflict,
    ),
)]
async fn report_offer(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ReasonRequest>,
) -> Result<(StatusCode, Json<OfferReportResponse>), ApiError> {
    let report = operating::report_offer(&state.db, &session.user.id, &id, &request.reason).await?;
    Ok((
        StatusCode::CREATED,
        Json(OfferReportResponse {
            report: OfferReport {
                id: report.id,
                offer_id: report.offer_id,
                reason: report.reason,
                status: report.status,
                created_at: rfc3339(report.created_at),
            },
        }),
    ))
}

/// An offer's moderation
///
/// Its status and the operator's reason, for the shop's staff.
#[utoipa::path(
    get,
    path = "/seller/offers/{id}/moderation",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The offer's id.")),
    responses(
        (status = 200, description = "The moderation.", body = OfferModerationResponse),
        StaffOnly,
        NotFound,
    ),
)]
async fn find_moderation(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
) -> Result<Json<OfferModerationResponse>, ApiError> {
    let (offer, note) =
        operating::moderation::moderation_note(&state.db, &staff.shop_id, &id).await?;
    Ok(Json(OfferModerationResponse {
        moderation: OfferModeration {
            offer_id: offer.id,
            status: offer.status,
            note,
        },
    }))
}
