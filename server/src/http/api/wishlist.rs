//! What follows a shopper across devices: `/wishlist`, `/recently-viewed` and
//! `/recommendations`. All of them are the caller's own; nobody reads another's.

use api_types::ListResponse;
use api_types::catalog::ProductCard;
use api_types::omnichannel::{AddToWishlistRequest, RecentlyViewed, WishlistItem};
use app::convert::product_card;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use services::buying::cashback_estimate;
use services::catalog::{recent, wishlist};

use utoipa_axum::routes;

use super::openapi::{ApiRoutes, JsonBody, Unauthenticated, tag};
use crate::http::auth::AuthUser;
use crate::http::error::ApiError;
use crate::http::json::ApiJson;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(list_wishlist, add_to_wishlist))
        .routes(routes!(remove_from_wishlist))
        .routes(routes!(list_recently_viewed))
        .routes(routes!(list_recommendations))
}

/// How many recommendations one answer carries.
const RECOMMENDED: u64 = 8;

fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn whole_list<T>(items: Vec<T>) -> ListResponse<T> {
    let total = items.len() as u64;
    ListResponse {
        items,
        total,
        page: 1,
        per_page: total.max(1),
    }
}

/// The wishlist
///
/// The caller's wished-for products, newest first, each with its best live offer (or
/// `null` when nothing is on sale now). The same list on every device.
#[utoipa::path(
    get,
    path = "/wishlist",
    tag = tag::CONTINUITY,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The whole list (at most 200).", body = ListResponse<WishlistItem>),
        Unauthenticated,
    ),
)]
async fn list_wishlist(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
) -> Result<Json<ListResponse<WishlistItem>>, ApiError> {
    let items = wishlist::list(&state.db, &session.user.id).await?;
    let cards: Vec<_> = items.iter().filter_map(|item| item.card.clone()).collect();
    let cashback = cashback_estimate::for_cards(state.db.conn(), &cards).await?;
    Ok(Json(whole_list(
        items
            .iter()
            .map(|item| WishlistItem {
                product_id: item.product_id.clone(),
                added_at: rfc3339(item.added_at),
                product: item.card.as_ref().map(|card| product_card(card, &cashback)),
            })
            .collect(),
    )))
}

/// Wish for a product
///
/// 201 when added, 200 when it was already there; the list answers either way. An
/// unknown product is a 422 naming `product_id`; a full list (200) a 409.
#[utoipa::path(
    post,
    path = "/wishlist",
    tag = tag::CONTINUITY,
    security(("bearer" = []), ("session" = [])),
    request_body = AddToWishlistRequest,
    responses(
        (status = 201, description = "Added; the whole list.", body = ListResponse<WishlistItem>),
        (status = 200, description = "Already there; the whole list.", body = ListResponse<WishlistItem>),
        JsonBody,
        Unauthenticated,
    ),
)]
async fn add_to_wishlist(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    ApiJson(body): ApiJson<AddToWishlistRequest>,
) -> Result<(StatusCode, Json<ListResponse<WishlistItem>>), ApiError> {
    let added = wishlist::add(&state.db, &session.user.id, body.product_id.trim()).await?;
    let Json(list) = list_wishlist(State(state), AuthUser(session)).await?;
    let status = if added {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(list)))
}

/// Take a product off the wishlist
///
/// 204 whether or not it was there: the outcome the caller wants holds either way.
#[utoipa::path(
    delete,
    path = "/wishlist/{product_id}",
    tag = tag::CONTINUITY,
    security(("bearer" = []), ("session" = [])),
    params(("product_id" = String, Path, description = "The product's id.")),
    responses(
        (status = 204, description = "Not on the list any more."),
        Unauthenticated,
    ),
)]
async fn remove_from_wishlist(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    Path(product_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    wishlist::remove(&state.db, &session.user.id, &product_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Recently viewed products
///
/// The products the caller opened last (on the website, in an app through
/// `GET /products/{id}` with a token, or shown at a till), newest first, each with the
/// channel it was last seen through.
#[utoipa::path(
    get,
    path = "/recently-viewed",
    tag = tag::CONTINUITY,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "At most 12 products.", body = ListResponse<RecentlyViewed>),
        Unauthenticated,
    ),
)]
async fn list_recently_viewed(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
) -> Result<Json<ListResponse<RecentlyViewed>>, ApiError> {
    let views = recent::recent_views(&state.db, &session.user.id, recent::KEPT).await?;
    let cards: Vec<_> = views.iter().map(|view| view.card.clone()).collect();
    let cashback = cashback_estimate::for_cards(state.db.conn(), &cards).await?;
    Ok(Json(whole_list(
        views
            .iter()
            .map(|view| RecentlyViewed {
                product: product_card(&view.card, &cashback),
                channel: view.channel.clone(),
            })
            .collect(),
    )))
}

/// Recommendations
///
/// Products on sale from the categories the caller looked at, not yet seen, those with
/// the most offers first.
#[utoipa::path(
    get,
    path = "/recommendations",
    tag = tag::CONTINUITY,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "At most 8 products.", body = ListResponse<ProductCard>),
        Unauthenticated,
    ),
)]
async fn list_recommendations(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
) -> Result<Json<ListResponse<ProductCard>>, ApiError> {
    let cards = recent::recommendations(&state.db, &session.user.id, RECOMMENDED).await?;
    let cashback = cashback_estimate::for_cards(state.db.conn(), &cards).await?;
    Ok(Json(whole_list(
        cards
            .iter()
            .map(|card| product_card(card, &cashback))
            .collect(),
    )))
}
