//! Who pays for extra cashback: operators' campaigns (`/operator/campaigns`) and a
//! shop's boosts (`/seller/cashback`, `/seller/offers/{id}/cashback`).

use api_types::ListResponse;
use api_types::operating::{Campaign, CampaignRequest, CampaignResponse, ReasonRequest};
use api_types::selling::{
    BoostedOffer, OfferBoostRequest, SellerCashback, SellerCashbackResponse, ShopBoostRequest,
};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, SecondsFormat, Utc};
use services::catalog::selling;
use services::operating::{self, CampaignInput};

use utoipa_axum::routes;

use super::openapi::{ApiRoutes, Conflict, JsonBody, NotFound, StaffOnly, tag};
use super::operating::Operator;
use super::selling::ShopStaff;
use crate::http::error::ApiError;
use crate::http::json::ApiJson;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(list_campaigns, create_campaign))
        .routes(routes!(end_campaign))
        .routes(routes!(show_seller_cashback, set_shop_boost))
        .routes(routes!(set_offer_boost))
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn campaign_of(campaign: operating::Campaign) -> Campaign {
    let status = campaign.state(Utc::now()).to_owned();
    Campaign {
        id: campaign.id,
        name: campaign.name,
        rate_bps: campaign.rate_bps,
        shop_id: campaign.shop_id,
        shop_name: campaign.shop_name,
        category: campaign.category_slug,
        category_name: campaign.category_name,
        starts_at: timestamp(campaign.starts_at),
        ends_at: timestamp(campaign.ends_at),
        status,
    }
}

fn parse_time(value: &str, field: &'static str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(value.trim())
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "time_invalid",
                "write times as RFC 3339, e.g. 2026-12-01T00:00:00Z",
            )
            .with_field(field)
        })
}

/// Cashback campaigns
///
/// Extra cashback the platform pays for a while, on a shop or a category.
#[utoipa::path(
    get,
    path = "/operator/campaigns",
    tag = tag::OPERATOR,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "Every campaign.", body = ListResponse<Campaign>),
        StaffOnly,
    ),
)]
async fn list_campaigns(
    State(state): State<AppState>,
    _operator: Operator,
) -> Result<Json<ListResponse<Campaign>>, ApiError> {
    let campaigns: Vec<Campaign> = operating::list_campaigns(&state.db)
        .await?
        .into_iter()
        .map(campaign_of)
        .collect();
    let total = campaigns.len() as u64;
    Ok(Json(ListResponse {
        items: campaigns,
        total,
        page: 1,
        per_page: total.max(1),
    }))
}

/// Start a cashback campaign
#[utoipa::path(
    post,
    path = "/operator/campaigns",
    tag = tag::OPERATOR,
    security(("bearer" = []), ("session" = [])),
    request_body = CampaignRequest,
    responses(
        (status = 201, description = "The campaign.", body = CampaignResponse),
        JsonBody,
        StaffOnly,
        NotFound,
        Conflict,
    ),
)]
async fn create_campaign(
    State(state): State<AppState>,
    operator: Operator,
    ApiJson(request): ApiJson<CampaignRequest>,
) -> Result<(StatusCode, Json<CampaignResponse>), ApiError> {
    let starts_at = match &request.starts_at {
        Some(at) => Some(parse_time(at, "starts_at")?),
        None => None,
    };
    let input = CampaignInput {
        name: request.name,
        rate_bps: request.rate_bps,
        shop_id: request.shop_id,
        category: request.category,
        starts_at,
        ends_at: parse_time(&request.ends_at, "ends_at")?,
    };
    let campaign = operating::create_campaign(&state.db, &operator.user_id, input).await?;
    Ok((
        StatusCode::CREATED,
        Json(CampaignResponse {
            campaign: Some(campaign_of(campaign)),
        }),
    ))
}

/// End a cashback campaign
///
/// A campaign not started yet is removed (`campaign` is then `null`); a running one ends now.
#[utoipa::path(
    post,
    path = "/operator/campaigns/{id}/end",
    tag = tag::OPERATOR,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The campaign's id.")),
    request_body = ReasonRequest,
    responses(
        (status = 200, description = "The campaign after it ended.", body = CampaignResponse),
        JsonBody,
        StaffOnly,
        NotFound,
        Conflict,
    ),
)]
async fn end_campaign(
    State(state): State<AppState>,
    operator: Operator,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ReasonRequest>,
) -> Result<Json<CampaignResponse>, ApiError> {
    let after = operating::end_campaign(&state.db, &operator.user_id, &id, &request.reason).await?;
    Ok(Json(CampaignResponse {
        campaign: after.map(campaign_of),
    }))
}

async fn seller_cashback(state: &AppState, shop_id: &str) -> Result<SellerCashback, ApiError> {
    let summary = selling::boost_summary(&state.db, shop_id).await?;
    Ok(SellerCashback {
        shop_boost_bps: summary.shop_boost_bps,
        boosted_offers: summary
            .offers
            .into_iter()
            .map(|offer| BoostedOffer {
                offer_id: offer.offer_id,
                title: offer.title,
                boost_bps: offer.boost_bps,
            })
            .collect(),
        boost_funded_cents: summary.funded_cents,
        boosted_orders: summary.boosted_orders,
        campaigns: summary.campaigns.into_iter().map(campaign_of).collect(),
    })
}

/// My shop's cashback boosts
///
/// The shop's boost, its boosted offers, what boosts cost it, and the campaigns on it.
#[utoipa::path(
    get,
    path = "/seller/cashback",
    tag = tag::SELLER_MONEY,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The shop's cashback.", body = SellerCashbackResponse),
        StaffOnly,
    ),
)]
async fn show_seller_cashback(
    State(state): State<AppState>,
    staff: ShopStaff,
) -> Result<Json<SellerCashbackResponse>, ApiError> {
    Ok(Json(SellerCashbackResponse {
        cashback: seller_cashback(&state, &staff.shop_id).await?,
    }))
}

/// Boost cashback on the whole shop
///
/// Extra cashback the shop pays on every sale, in basis points.
#[utoipa::path(
    put,
    path = "/seller/cashback",
    tag = tag::SELLER_MONEY,
    security(("bearer" = []), ("session" = [])),
    request_body = ShopBoostRequest,
    responses(
        (status = 200, description = "The shop's cashback.", body = SellerCashbackResponse),
        JsonBody,
        StaffOnly,
    ),
)]
async fn set_shop_boost(
    State(state): State<AppState>,
    staff: ShopStaff,
    ApiJson(request): ApiJson<ShopBoostRequest>,
) -> Result<Json<SellerCashbackResponse>, ApiError> {
    selling::set_shop_boost(&state.db, &staff.shop_id, request.shop_boost_bps).await?;
    Ok(Json(SellerCashbackResponse {
        cashback: seller_cashback(&state, &staff.shop_id).await?,
    }))
}

/// Boost cashback on one offer
#[utoipa::path(
    put,
    path = "/seller/offers/{id}/cashback",
    tag = tag::SELLER_MONEY,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The offer's id.")),
    request_body = OfferBoostRequest,
    responses(
        (status = 200, description = "The shop's cashback.", body = SellerCashbackResponse),
        JsonBody,
        StaffOnly,
        NotFound,
    ),
)]
async fn set_offer_boost(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(offer_id): Path<String>,
    ApiJson(request): ApiJson<OfferBoostRequest>,
) -> Result<Json<SellerCashbackResponse>, ApiError> {
    selling::set_offer_boost(&state.db, &staff.shop_id, &offer_id, request.boost_bps).await?;
    Ok(Json(SellerCashbackResponse {
        cashback: seller_cashback(&state, &staff.shop_id).await?,
    }))
}
