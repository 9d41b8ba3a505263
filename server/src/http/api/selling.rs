//! Selling, for the staff of a shop: `/seller/shop`, `/seller/locations`,
//! `/seller/offers`. Stock per location is in [`super::stock`]. Another shop's rows
//! answer 404.

use api_types::ListResponse;
use api_types::selling::{
    CreateShopRequest, Location, LocationRequest, LocationResponse, OfferRequest, SellerOffer,
    SellerOfferResponse, SellerShop, SellerShopResponse, StockLine, UpdateShopRequest,
};
use axum::Json;
use axum::extract::{FromRef, FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use services::catalog::selling::{self, LocationInput, OfferInput, ShopApplication, ShopEdit};
use services::db::entity::{locations, shops, stock_levels};

use app::convert::{paging, shop_status};

use utoipa_axum::routes;

use super::catalog::{PageParams, bad_parameter};
use super::openapi::{
    ApiRoutes, Conflict, Invalid, JsonBody, NotFound, StaffOnly, Unauthenticated, tag,
};
use crate::http::auth::AuthUser;
use crate::http::error::ApiError;
use crate::http::json::ApiJson;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(find_own_shop, create_shop, update_shop))
        .routes(routes!(list_locations, create_location))
        .routes(routes!(update_location))
        .routes(routes!(list_offers, create_offer))
        .routes(routes!(find_offer, update_offer, delete_offer))
}

/// A caller who is staff of a shop; anyone else gets 403 (401 when not logged in).
pub struct ShopStaff {
    pub shop_id: String,
    pub user_id: String,
}

impl<S> FromRequestParts<S> for ShopStaff
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let AuthUser(session) = AuthUser::from_request_parts(parts, state).await?;
        match session.user.shop {
            Some(shop) => Ok(ShopStaff {
                shop_id: shop.id,
                user_id: session.user.id,
            }),
            None => Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "not_seller",
                "Only the staff of a shop may do this. Apply with POST /seller/shop.",
            )),
        }
    }
}

fn seller_shop(shop: shops::Model) -> SellerShop {
    SellerShop {
        id: shop.id,
        slug: shop.slug,
        name: shop.name,
        description: shop.description,
        status: shop_status(&shop.status),
        banner_color: shop.banner_color,
        return_policy: shop.return_policy,
        shipping_flat_cents: shop.shipping_flat_cents,
        free_shipping_threshold_cents: shop.free_shipping_threshold_cents,
        currency: "EUR".to_owned(),
    }
}

/// Apply to open a shop
///
/// The caller becomes the staff of a new shop, `pending` until an operator approves it.
#[utoipa::path(
    post,
    path = "/seller/shop",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    request_body = CreateShopRequest,
    responses(
        (status = 201, description = "The shop, pending.", body = SellerShopResponse),
        JsonBody,
        Unauthenticated,
        Conflict,
    ),
)]
async fn create_shop(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    ApiJson(request): ApiJson<CreateShopRequest>,
) -> Result<(StatusCode, Json<SellerShopResponse>), ApiError> {
    let application = ShopApplication {
        name: request.name,
        slug: request.slug,
        description: request.description,
    };
    let shop = selling::apply_for_shop(&state.db, &session.user.id, application).await?;
    Ok((
        StatusCode::CREATED,
        Json(SellerShopResponse {
            shop: seller_shop(shop),
        }),
    ))
}

/// My shop
///
/// The caller's shop, whatever its status.
#[utoipa::path(
    get,
    path = "/seller/shop",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    responses((status = 200, description = "The shop.", body = SellerShopResponse), StaffOnly),
)]
async fn find_own_shop(
    State(state): State<AppState>,
    staff: ShopStaff,
) -> Result<Json<SellerShopResponse>, ApiError> {
    Ok(Json(SellerShopResponse {
        shop: seller_shop(selling::own_shop(&state.db, &staff.shop_id).await?),
    }))
}

/// Edit my shop
///
/// Only the fields sent change.
#[utoipa::path(
    patch,
    path = "/seller/shop",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    request_body = UpdateShopRequest,
    responses(
        (status = 200, description = "The shop.", body = SellerShopResponse),
        JsonBody,
        StaffOnly,
    ),
)]
async fn update_shop(
    State(state): State<AppState>,
    staff: ShopStaff,
    ApiJson(request): ApiJson<UpdateShopRequest>,
) -> Result<Json<SellerShopResponse>, ApiError> {
    let edit = ShopEdit {
        name: request.name,
        description: request.description,
        banner_color: request.banner_color,
        return_policy: request.return_policy,
        shipping_flat_cents: request.shipping_flat_cents,
        free_shipping_threshold_cents: request.free_shipping_threshold_cents,
    };
    Ok(Json(SellerShopResponse {
        shop: seller_shop(selling::edit_shop(&state.db, &staff.shop_id, edit).await?),
    }))
}

fn location_of(row: locations::Model) -> Location {
    Location {
        id: row.id,
        name: row.name,
        kind: row.kind,
        address: row.address,
        postcode: row.postcode,
        city: row.city,
        pickup: row.pickup,
        latitude: row.latitude,
        longitude: row.longitude,
        opening_hours: row.opening_hours,
        preparation_minutes: u32::try_from(row.preparation_minutes).unwrap_or(0),
    }
}

fn location_input(request: LocationRequest) -> LocationInput {
    LocationInput {
        name: request.name,
        kind: request.kind,
        address: request.address,
        postcode: request.postcode.trim().to_owned(),
        city: request.city,
        pickup: request.pickup,
        latitude: request.latitude,
        longitude: request.longitude,
        opening_hours: request.opening_hours,
        preparation_minutes: request
            .preparation_minutes
            .map_or(120, |m| i32::try_from(m).unwrap_or(i32::MAX)),
    }
}

/// My locations
///
/// Warehouses and stores; a store with `pickup` serves click & collect.
#[utoipa::path(
    get,
    path = "/seller/locations",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "Every location of the shop.", body = ListResponse<Location>),
        StaffOnly,
    ),
)]
async fn list_locations(
    State(state): State<AppState>,
    staff: ShopStaff,
) -> Result<Json<ListResponse<Location>>, ApiError> {
    let rows = selling::list_locations(&state.db, &staff.shop_id).await?;
    let total = rows.len() as u64;
    Ok(Json(ListResponse {
        items: rows.into_iter().map(location_of).collect(),
        total,
        page: 1,
        per_page: total.max(1),
    }))
}

/// Add a location
#[utoipa::path(
    post,
    path = "/seller/locations",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    request_body = LocationRequest,
    responses(
        (status = 201, description = "The location.", body = LocationResponse),
        JsonBody,
        StaffOnly,
        Conflict,
    ),
)]
async fn create_location(
    State(state): State<AppState>,
    staff: ShopStaff,
    ApiJson(request): ApiJson<LocationRequest>,
) -> Result<(StatusCode, Json<LocationResponse>), ApiError> {
    let row = selling::create_location(&state.db, &staff.shop_id, location_input(request)).await?;
    Ok((
        StatusCode::CREATED,
        Json(LocationResponse {
            location: location_of(row),
        }),
    ))
}

/// Edit a location
#[utoipa::path(
    patch,
    path = "/seller/locations/{id}",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The location's id.")),
    request_body = LocationRequest,
    responses(
        (status = 200, description = "The location.", body = LocationResponse),
        JsonBody,
        StaffOnly,
        NotFound,
        Conflict,
    ),
)]
async fn update_location(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<LocationRequest>,
) -> Result<Json<LocationResponse>, ApiError> {
    let row =
        selling::update_location(&state.db, &staff.shop_id, &id, location_input(request)).await?;
    Ok(Json(LocationResponse {
        location: location_of(row),
    }))
}

pub(super) fn stock_line(level: &stock_levels::Model) -> StockLine {
    StockLine {
        location_id: level.location_id.clone(),
        quantity: u32::try_from(level.quantity).unwrap_or(0),
        reserved: u32::try_from(level.reserved).unwrap_or(0),
    }
}

fn seller_offer(found: selling::SellerOffer) -> SellerOffer {
    SellerOffer {
        id: found.offer.id,
        product_id: found.product.id,
        gtin: found.product.gtin,
        title: found.product.title,
        brand: found.product.brand,
        category: found.category_slug,
        price_cents: found.offer.price_cents,
        currency: found.offer.currency,
        condition: found.offer.condition,
        description: found.offer.description,
        delivery_price_cents: found.offer.delivery_price_cents,
        delivery_days: u32::try_from(found.offer.delivery_days).unwrap_or(0),
        status: found.offer.status,
        stock: found.stock.iter().map(stock_line).collect(),
    }
}

fn offer_input(request: OfferRequest) -> OfferInput {
    OfferInput {
        gtin: request.gtin,
        title: request.title,
        brand: request.brand,
        price_cents: request.price_cents,
        condition: request.condition,
        description: request.description,
        category: request.category,
        delivery_price_cents: request.delivery_price_cents,
        delivery_days: request
            .delivery_days
            .map_or(3, |d| i32::try_from(d).unwrap_or(i32::MAX)),
    }
}

/// My offers
#[utoipa::path(
    get,
    path = "/seller/offers",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "One page of the shop's offers, with their stock.", body = ListResponse<SellerOffer>),
        StaffOnly,
        Invalid,
    ),
)]
async fn list_offers(
    State(state): State<AppState>,
    staff: ShopStaff,
    Query(params): Query<PageParams>,
) -> Result<Json<ListResponse<SellerOffer>>, ApiError> {
    let (page, per_page) = paging(&params.page, &params.per_page).map_err(bad_parameter)?;
    let (rows, total) = selling::list_offers(&state.db, &staff.shop_id, page, per_page).await?;
    Ok(Json(ListResponse {
        items: rows.into_iter().map(seller_offer).collect(),
        total,
        page,
        per_page,
    }))
}

/// List an offer
///
/// Offers a product, found by its GTIN or created with it.
#[utoipa::path(
    post,
    path = "/seller/offers",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    request_body = OfferRequest,
    responses(
        (status = 201, description = "The offer.", body = SellerOfferResponse),
        JsonBody,
        StaffOnly,
        Conflict,
    ),
)]
async fn create_offer(
    State(state): State<AppState>,
    staff: ShopStaff,
    ApiJson(request): ApiJson<OfferRequest>,
) -> Result<(StatusCode, Json<SellerOfferResponse>), ApiError> {
    let created = selling::create_offer(&state.db, &staff.shop_id, offer_input(request)).await?;
    Ok((
        StatusCode::CREATED,
        Json(SellerOfferResponse {
            offer: seller_offer(created),
        }),
    ))
}

/// One of my offers
#[utoipa::path(
    get,
    path = "/seller/offers/{id}",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The offer's id.")),
    responses(
        (status = 200, description = "The offer.", body = SellerOfferResponse),
        StaffOnly,
        NotFound,
    ),
)]
async fn find_offer(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
) -> Result<Json<SellerOfferResponse>, ApiError> {
    Ok(Json(SellerOfferResponse {
        offer: seller_offer(selling::find_offer(&state.db, &staff.shop_id, &id).await?),
    }))
}

/// Edit an offer
#[utoipa::path(
    patch,
    path = "/seller/offers/{id}",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The offer's id.")),
    request_body = OfferRequest,
    responses(
        (status = 200, description = "The offer.", body = SellerOfferResponse),
        JsonBody,
        StaffOnly,
        NotFound,
        Conflict,
    ),
)]
async fn update_offer(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<OfferRequest>,
) -> Result<Json<SellerOfferResponse>, ApiError> {
    let status = request.status.clone();
    let updated =
        selling::update_offer(&state.db, &staff.shop_id, &id, offer_input(request), status).await?;
    Ok(Json(SellerOfferResponse {
        offer: seller_offer(updated),
    }))
}

/// Withdraw an offer
#[utoipa::path(
    delete,
    path = "/seller/offers/{id}",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The offer's id.")),
    responses((status = 204, description = "Withdrawn."), StaffOnly, NotFound, Conflict),
)]
async fn delete_offer(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    selling::delete_offer(&state.db, &staff.shop_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
