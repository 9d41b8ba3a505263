//! One shopper everywhere: the wishlist, recently viewed products and recommendations,
//! cart hand-off to a seller's till, the till's sale, and named API tokens.

use serde::{Deserialize, Serialize};

use crate::buying::{Address, CartItem};
use crate::catalog::ProductCard;

/// `POST /wishlist`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddToWishlistRequest {
    pub product_id: String,
}

/// One product of `GET /wishlist` (a list envelope), newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishlistItem {
    pub product_id: String,
    pub added_at: String,
    /// The product with its best live offer; `null` when no offer is on sale now.
    pub product: Option<ProductCard>,
}

/// One product of `GET /recently-viewed` (a list envelope), newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecentlyViewed {
    pub product: ProductCard,
    /// Where it was last seen: `web`, `api` (the app) or `store`.
    pub channel: String,
}

/// `POST /cart/handoff` → 201: a code to show at a seller's till.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartHandoff {
    /// Eight letters and digits without look-alikes, e.g. `7KQ2M9XA`.
    pub code: String,
    pub expires_at: String,
    /// The code as a QR code (an SVG document), for the till's scanner.
    pub qr_svg: String,
}

/// Units free at one location of the shop, for a till line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationStock {
    pub location_id: String,
    pub name: String,
    pub available: i64,
}

/// One of the shopper's lines at the till, with the shop's stock per location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TillLine {
    #[serde(flatten)]
    pub item: CartItem,
    pub stock: Vec<LocationStock>,
}

/// `GET /seller/till/{code}`: the handed-off cart's lines for the caller's shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TillCart {
    pub code: String,
    pub expires_at: String,
    /// The shopper's name, to greet them; nothing else of the account.
    pub shopper_name: String,
    pub lines: Vec<TillLine>,
    pub total_cents: i64,
    pub currency: String,
    /// The order this shop already made with the code: the code is then spent here.
    pub sold_order_id: Option<String>,
}

/// Where an endless-aisle sale goes instead of over the counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TillFulfilment {
    /// `delivery` or `pickup`.
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// For `pickup`: another store of the shop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_id: Option<String>,
}

/// `POST /seller/till/{code}/sale`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TillSaleRequest {
    /// The store the till is in.
    pub store_id: String,
    /// `cash` or `card_present`.
    pub payment: String,
    /// Sell only these offers of the shopper's lines; all of this shop's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_ids: Option<Vec<String>>,
    /// Absent: handed over now, from `store_id`'s stock. Present: the endless aisle,
    /// ordered for delivery or for pickup at another store, paid at the till.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfilment: Option<TillFulfilment>,
}

/// One API token of the account (`GET /auth/tokens`, a list envelope).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiToken {
    pub id: String,
    /// The label given at login (`token_name`), e.g. "Léa's phone".
    pub name: Option<String>,
    pub created_at: String,
    pub last_used_at: String,
    pub expires_at: String,
    /// Whether this is the token of the request itself.
    pub current: bool,
}
