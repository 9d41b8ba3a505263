//! Server functions of what follows a shopper across devices: the wishlist, products
//! seen on another channel, recommendations, and the code that hands the cart to a
//! store's till. All of them are the caller's own; a visitor gets empty answers (or
//! [`CatalogError::NotFound`] where an account is needed to act).

#[cfg(feature = "ssr")]
mod ssr;

use api_types::catalog::ProductCard;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalog::CatalogError;

/// A live hand-off code of the signed-in shopper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TillCode {
    pub code: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// One wished-for product: its card when it is on sale now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WishedProduct {
    pub product_id: String,
    pub card: Option<ProductCard>,
}

/// The shopper's newest code still valid (none for visitors).
#[server(prefix = "/_fn", endpoint = "live_till_code")]
pub async fn live_till_code() -> Result<Option<TillCode>, CatalogError> {
    ssr::live_till_code().await
}

/// The shopper's wishlist, newest first (empty for visitors).
#[server(prefix = "/_fn", endpoint = "load_wishlist")]
pub async fn load_wishlist() -> Result<Vec<WishedProduct>, CatalogError> {
    ssr::load_wishlist().await
}

/// What the shopper last looked at in the app (channel `api`), for "seen on your phone".
#[server(prefix = "/_fn", endpoint = "seen_in_app")]
pub async fn seen_in_app(count: u32) -> Result<Vec<ProductCard>, CatalogError> {
    ssr::seen_in_app(count).await
}

/// Other products of the categories the shopper looked at.
#[server(prefix = "/_fn", endpoint = "recommended")]
pub async fn recommended(count: u32) -> Result<Vec<ProductCard>, CatalogError> {
    ssr::recommended(count).await
}
