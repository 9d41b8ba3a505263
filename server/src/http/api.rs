//! The `/api/v1` JSON API: one module per resource, each owning its routes, and the
//! OpenAPI document generated from them ([`openapi`]).
//!
//! # Adding a route
//!
//! A module's `router()` returns [`openapi::ApiRoutes`], which takes only annotated
//! handlers, so every route is in `/api/v1/openapi.json` (a bare axum route does not
//! compile into it). For a new handler:
//!
//! ```ignore
//! /// Add a product to the wishlist
//! ///
//! /// Longer text, if any, becomes the operation's description.
//! #[utoipa::path(
//!     post,
//!     path = "/wishlist",                     // as routed, `{name}` for path parameters
//!     tag = tag::WALLET,                      // one of `openapi::tag`
//!     security(("bearer" = []), ("session" = [])), // `security(())` when public
//!     params(("product_id" = String, Path, description = "…")), // every `{name}`; query
//!                                             // structs derive `IntoParams`
//!     request_body = AddWishRequest,          // api-types derive `ToSchema` (feature `openapi`)
//!     responses(
//!         (status = 201, description = "Added.", body = WishlistResponse),
//!         JsonBody, Unauthenticated, NotFound, // shared error responses of `openapi`
//!     ),
//! )]
//! async fn add_wish(/* … */) -> Result<(StatusCode, Json<WishlistResponse>), ApiError> { … }
//!
//! pub fn router() -> ApiRoutes {
//!     ApiRoutes::new()
//!         .routes(routes!(list_wishes, add_wish)) // handlers of one path together
//!         .routes(routes!(remove_wish))           // another path: another `routes!`
//! }
//! ```
//!
//! Write utoipa's derives in full (`#[derive(utoipa::IntoParams)]`) and do not import its
//! traits in a handler module: its macros write `utoipa::…` paths with our spans, and an
//! import turns them into `unused_qualifications` warnings. Then merge the module in
//! [`routes`] below. A new type in `api-types` takes
//! `#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]` under its serde derive.
//!
//! The `openapi` test of `tests/api` checks the document against the OpenAPI 3.1 schema,
//! that every documented operation is routed and answers 401 without credentials when it
//! says it needs them, and that every fixed endpoint of the API contract is documented.

mod accounts;
mod analytics;
mod buying;
mod cashback_rules;
pub mod catalog;
mod discounts;
mod disputes;
pub mod images;
pub mod openapi;
mod operating;
mod payouts;
pub mod seller_orders;
pub mod selling;
mod stock;
mod till;
mod tokens;
mod webhooks;
mod wishlist;

use axum::Router;
use axum::http::StatusCode;
use utoipa::openapi::OpenApi;

use self::openapi::{ApiRoutes, Published};
use crate::http::error::ApiError;
use crate::state::AppState;

pub use app::convert::{shop_summary, user_of};

/// What the API fallback answers for an unknown path (code `not_found`).
pub const NO_SUCH_ENDPOINT: &str = "No such API endpoint.";

/// Every `/api/v1` route, with JSON answers for unknown paths and methods.
pub fn router() -> Router<AppState> {
    let published = Published::default();
    let (router, document) = routes(&published).into_parts();
    published.publish(&document);
    router
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "not_found", NO_SUCH_ENDPOINT) })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This endpoint does not accept this method.",
            )
        })
        .layer(axum::middleware::from_fn(
            crate::http::error::envelope_plain_rejections,
        ))
}

/// The OpenAPI document of every route of [`router`], as `GET /api/v1/openapi.json` serves it.
pub fn document() -> OpenApi {
    routes(&Published::default()).into_parts().1
}

/// Every resource's routes.
fn routes(published: &Published) -> ApiRoutes {
    ApiRoutes::new()
        .merge(accounts::router())
        .merge(catalog::router())
        .merge(selling::router())
        .merge(stock::router())
        .merge(seller_orders::router())
        .merge(buying::router())
        .merge(discounts::router())
        .merge(disputes::router())
        .merge(images::api_router())
        .merge(webhooks::router())
        .merge(operating::router())
        .merge(payouts::router())
        .merge(analytics::router())
        .merge(cashback_rules::router())
        .merge(wishlist::router())
        .merge(till::router())
        .merge(tokens::router())
        .merge(openapi::router(published))
}
