//! What catalog use-cases return. Plain data, mapped to API types by the server.

use sea_orm::FromQueryResult;

use crate::db::entity::{categories, locations, shops};

/// A category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryView {
    pub id: String,
    pub slug: String,
    pub parent_id: Option<String>,
    pub name_fr: String,
    pub name_en: String,
}

impl From<categories::Model> for CategoryView {
    fn from(row: categories::Model) -> Self {
        Self {
            id: row.id,
            slug: row.slug,
            parent_id: row.parent_id,
            name_fr: row.name_fr,
            name_en: row.name_en,
        }
    }
}

/// A shop's public profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopProfile {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub status: String,
    pub banner_color: String,
    pub return_policy: String,
    pub shipping_flat_cents: i64,
    pub free_shipping_threshold_cents: Option<i64>,
    pub rating_centi: i32,
    pub rating_count: i32,
}

impl From<shops::Model> for ShopProfile {
    fn from(row: shops::Model) -> Self {
        Self {
            id: row.id,
            slug: row.slug,
            name: row.name,
            description: row.description,
            status: row.status,
            banner_color: row.banner_color,
            return_policy: row.return_policy,
            shipping_flat_cents: row.shipping_flat_cents,
            free_shipping_threshold_cents: row.free_shipping_threshold_cents,
            rating_centi: row.rating_centi,
            rating_count: row.rating_count,
        }
    }
}

/// A shop with its stores, for the e-shop page.
#[derive(Debug, Clone, PartialEq)]
pub struct ShopWithStores {
    pub shop: ShopProfile,
    pub stores: Vec<locations::Model>,
}

/// The cheapest eligible offer of a product.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct BestOfferView {
    pub id: String,
    pub product_id: String,
    pub shop_id: String,
    pub shop_slug: String,
    pub shop_name: String,
    pub price_cents: i64,
    pub delivery_price_cents: i64,
    pub condition: String,
}

/// A product in a list.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductCardView {
    pub id: String,
    pub gtin: String,
    pub title: String,
    pub brand: String,
    pub slug: String,
    pub category: CategoryView,
    pub best_offer: Option<BestOfferView>,
    pub offer_count: u32,
    /// With the `pickup_postcode` facet: the nearest store in reach that holds it now.
    pub nearest_pickup: Option<NearPickupView>,
}

/// A pickup store within reach of a shopper's postcode.
#[derive(Debug, Clone, PartialEq)]
pub struct NearPickupView {
    pub store_id: String,
    pub store_name: String,
    pub city: String,
    pub shop_id: String,
    pub preparation_minutes: i32,
    /// Kilometres from the shopper: exact while ranking, one decimal once shown.
    pub distance_km: f64,
}

/// A store that holds an offer now and serves pickups.
#[derive(Debug, Clone, PartialEq)]
pub struct PickupStoreView {
    pub id: String,
    pub name: String,
    pub city: String,
    pub postcode: String,
    pub opening_hours: String,
    pub preparation_minutes: i32,
    pub available: i64,
    /// Where the store is: its own coordinates, else its postcode's; `None` if neither.
    pub place: Option<domain::geo::Coordinates>,
    /// Kilometres from the shopper, one decimal, once ranked by
    /// [`super::nearby::rank_pickup_stores`]; `None` before or when `place` is unknown.
    pub distance_km: Option<f64>,
}

/// One offer on a product page.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductOfferView {
    pub id: String,
    pub shop: ShopProfile,
    pub price_cents: i64,
    pub currency: String,
    pub condition: String,
    pub description: String,
    pub delivery_price_cents: i64,
    pub delivery_days: i32,
    pub available: i64,
    pub pickup_stores: Vec<PickupStoreView>,
}

/// A product page: the product and every live offer, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductPageView {
    pub id: String,
    pub gtin: String,
    pub title: String,
    pub brand: String,
    pub slug: String,
    pub description: String,
    pub category: CategoryView,
    pub offers: Vec<ProductOfferView>,
}

/// Rank of a condition, best first, for tie-breaks.
pub fn condition_rank(condition: &str) -> usize {
    domain::Condition::parse(condition).map_or(usize::MAX, |c| c as usize)
}
