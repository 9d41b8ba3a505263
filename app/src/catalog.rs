//! Server functions of the public catalog: search, product pages, e-shops, categories
//! and shops. They take and return `api-types` DTOs; the work is done by `services`
//! (see [`ssr`]). The catalog is public, so none of them needs a session.

#[cfg(feature = "ssr")]
mod ssr;

use api_types::catalog::{
    Category, ProductCard, ProductDetail, ProductNearParams, ProductSearchParams,
    ProductSearchResponse, ShopCard, ShopDetail,
};
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What a catalog page can be told instead of its data. Never carries a database error's
/// text: the cause is logged on the server, the browser only learns the kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum CatalogError {
    /// No such product, category or public shop.
    #[error("not found")]
    NotFound,
    /// A search parameter does not parse; `field` names it.
    #[error("the parameter `{field}` is not valid")]
    BadParameter { field: String },
    /// The database or the network failed; trying again may help.
    #[error("the catalog is unavailable")]
    Unavailable,
}

impl FromServerFnError for CatalogError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(_: ServerFnErrorErr) -> Self {
        CatalogError::Unavailable
    }
}

/// Results per page of a listing.
pub const PER_PAGE: u64 = 24;

/// One page of products matching `params`, with facet counts.
#[server(prefix = "/_fn", endpoint = "search_products")]
pub async fn search_products(
    params: ProductSearchParams,
) -> Result<ProductSearchResponse, CatalogError> {
    ssr::search_products(params).await
}

/// Where a product page ranks pickup stores from, as the page's address gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PickupPlace {
    /// No place given: stores in their usual order, without distances.
    Unasked,
    /// A place that parsed: stores nearest first, with distances.
    Found,
    /// `field` (`near`, `lat` or `lon`) does not parse: stores as if unasked.
    Bad { field: String },
}

/// A product page: the product, its offers best first, and how its pickup stores are
/// ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductPageData {
    pub product: ProductDetail,
    pub place: PickupPlace,
    /// The product's category and its parents, the root first, for the breadcrumb.
    pub crumbs: Vec<Category>,
    /// Whether the product is on the caller's wishlist (never for a visitor).
    pub wished: bool,
}

/// A product page: the product and every offer, best first; each offer's pickup stores
/// nearest to `near` first when it names a place. A place that does not parse is
/// reported in [`ProductPageData::place`], not as an error: the page still shows.
#[server(prefix = "/_fn", endpoint = "find_product")]
pub async fn find_product(
    id: String,
    near: ProductNearParams,
) -> Result<ProductPageData, CatalogError> {
    ssr::find_product(&id, &near).await
}

/// An approved e-shop with its policies and stores.
#[server(prefix = "/_fn", endpoint = "find_shop")]
pub async fn find_shop(slug: String) -> Result<ShopDetail, CatalogError> {
    ssr::find_shop(&slug).await
}

/// Every category, parents before children.
#[server(prefix = "/_fn", endpoint = "list_categories")]
pub async fn list_categories() -> Result<Vec<Category>, CatalogError> {
    ssr::list_categories().await
}

/// The caller's recently viewed products (empty for visitors), on every device.
#[server(prefix = "/_fn", endpoint = "recently_viewed")]
pub async fn recently_viewed(count: u32) -> Result<Vec<ProductCard>, CatalogError> {
    ssr::recently_viewed(count).await
}

/// The best-rated approved shops, at most `count` (1 to 24).
#[server(prefix = "/_fn", endpoint = "list_shops")]
pub async fn list_shops(count: u32) -> Result<Vec<ShopCard>, CatalogError> {
    ssr::list_shops(count).await
}
