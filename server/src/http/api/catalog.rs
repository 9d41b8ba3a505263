//! The public catalog: `/products`, `/products/{id}`, `/shops`, `/shops/{slug}`, `/categories`.

use std::borrow::Cow;

use api_types::ListResponse;
use api_types::catalog::{
    Category, ProductNearParams, ProductResponse, ProductSearchParams, ProductSearchResponse,
    ShopCard, ShopResponse,
};
use app::convert::{
    BadParameter, category_of, paging, parse_near, parse_search, product_detail, search_response,
    shop_card, shop_detail,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use services::analytics::Event;
use services::buying::checkout::Channel;
use services::catalog::{answers, browse, nearby, recent};

use utoipa_axum::routes;

use super::analytics::{AnonymousVisitor, visitor};
use super::openapi::{ApiRoutes, Invalid, NotFound, tag};
use crate::http::auth::MaybeAuthUser;
use crate::http::error::ApiError;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(list_products))
        .routes(routes!(find_product))
        .routes(routes!(list_shops))
        .routes(routes!(find_shop))
        .routes(routes!(list_categories))
}

/// A query parameter that does not parse: 422 naming it.
pub fn bad_parameter(bad: BadParameter) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_parameter",
        bad.message,
    )
    .with_field(bad.field)
}

/// Search products
///
/// Products with an offer on sale, each with its `best_offer` (lowest total with
/// delivery), and facets to narrow the search.
#[utoipa::path(
    get,
    path = "/products",
    tag = tag::CATALOG,
    security(()),
    params(ProductSearchParams),
    responses(
        (status = 200, description = "One page of products.", body = ProductSearchResponse),
        Invalid,
    ),
)]
async fn list_products(
    State(state): State<AppState>,
    Query(params): Query<ProductSearchParams>,
) -> Result<Json<ProductSearchResponse>, ApiError> {
    let query = parse_search(&params).map_err(bad_parameter)?;
    let answer = answers::search(&state.db, &query).await?;
    Ok(Json(search_response(
        &answer.results,
        &answer.cashback,
        query.page,
        query.per_page,
    )))
}

/// A product with its offers
///
/// Offers best first, each with its shop, delivery and the pickup stores that hold it.
/// `?near=` (a postcode) or `?lat=&lon=` rank each offer's pickup stores nearest first,
/// with their `distance_km`.
#[utoipa::path(
    get,
    path = "/products/{id}",
    tag = tag::CATALOG,
    security((), ("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The product's id."), ProductNearParams),
    responses(
        (status = 200, description = "The product.", body = ProductResponse),
        NotFound,
        Invalid,
    ),
)]
async fn find_product(
    State(state): State<AppState>,
    // A bad token does not stop anyone from reading a product: it only makes the caller
    // anonymous for the funnel.
    session: Result<MaybeAuthUser, ApiError>,
    anonymous: AnonymousVisitor,
    Path(id): Path<String>,
    Query(near): Query<ProductNearParams>,
) -> Result<Json<ProductResponse>, ApiError> {
    let origin = parse_near(&near).map_err(bad_parameter)?;
    let page = answers::product_page(&state.db, &id).await?;
    // Shared with other requests: copied only to rank its stores for this caller.
    let mut product = Cow::Borrowed(&page.view);
    let user_id = session
        .ok()
        .and_then(|session| session.0)
        .map(|s| s.user.id);
    state.analytics.record(Event::view(
        Channel::Api,
        visitor(user_id.as_deref(), anonymous),
        &product.id,
    ));
    if let Some(user_id) = &user_id
        && let Err(err) = recent::record_view(&state.db, user_id, &product.id, "api").await
    {
        // The list is a convenience: a failed write must not fail the product.
        tracing::warn!(error = %err, "recording a recently viewed product");
    }
    if let Some(origin) = origin {
        nearby::rank_pickup_stores(product.to_mut(), origin);
    }
    Ok(Json(ProductResponse {
        product: product_detail(&product, &page.cashback),
    }))
}

/// `?page=&per_page=` of a list, as text (parsed by `paging`).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// The page, from 1 (default) to 10000.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000)]
    pub page: Option<String>,
    /// Items per page, 1 to 100, 24 by default.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

/// List shops
///
/// Approved shops only.
#[utoipa::path(
    get,
    path = "/shops",
    tag = tag::CATALOG,
    security(()),
    params(PageParams),
    responses(
        (status = 200, description = "One page of shops.", body = ListResponse<ShopCard>),
        Invalid,
    ),
)]
async fn list_shops(
    State(state): State<AppState>,
    Query(params): Query<PageParams>,
) -> Result<Json<ListResponse<ShopCard>>, ApiError> {
    let (page, per_page) = paging(&params.page, &params.per_page).map_err(bad_parameter)?;
    let (shops, total) = browse::list_shops(&state.db, page, per_page).await?;
    Ok(Json(ListResponse {
        items: shops.iter().map(shop_card).collect(),
        total,
        page,
        per_page,
    }))
}

/// A shop with its stores
///
/// An approved shop by its slug, with its policies and stores.
#[utoipa::path(
    get,
    path = "/shops/{slug}",
    tag = tag::CATALOG,
    security(()),
    params(("slug" = String, Path, description = "The shop's slug.")),
    responses((status = 200, description = "The shop.", body = ShopResponse), NotFound),
)]
async fn find_shop(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<ShopResponse>, ApiError> {
    let found = browse::find_shop(&state.db, &slug).await?;
    Ok(Json(ShopResponse {
        shop: shop_detail(&found),
    }))
}

/// List categories
///
/// The whole category tree, flat: each names its `parent_id`.
#[utoipa::path(
    get,
    path = "/categories",
    tag = tag::CATALOG,
    security(()),
    responses((status = 200, description = "Every category.", body = ListResponse<Category>)),
)]
async fn list_categories(
    State(state): State<AppState>,
) -> Result<Json<ListResponse<Category>>, ApiError> {
    let categories = browse::list_categories(&state.db).await?;
    let total = categories.len() as u64;
    Ok(Json(ListResponse {
        items: categories.iter().map(category_of).collect(),
        total,
        page: 1,
        per_page: total.max(1),
    }))
}
