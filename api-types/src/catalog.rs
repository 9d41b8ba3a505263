//! The public catalog: `GET /products`, `/products/{id}`, `/shops`, `/shops/{slug}`,
//! `/categories`. Prices are integer cents with `currency` beside them.

use serde::{Deserialize, Serialize};

/// A category of the shared tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    pub id: String,
    pub slug: String,
    pub parent_id: Option<String>,
    pub name_fr: String,
    pub name_en: String,
}

/// A shop as shown beside its offers and in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopCard {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub banner_color: String,
    /// Average rating × 100 (460 = 4.6 / 5); 0 when unrated.
    pub rating_centi: u32,
    pub rating_count: u32,
}

/// A physical store or warehouse of a shop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Store {
    pub id: String,
    pub name: String,
    /// `warehouse` or `store`.
    pub kind: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub opening_hours: String,
    pub pickup: bool,
    pub preparation_minutes: u32,
}

/// `GET /shops/{slug}`: an approved shop with its policies and stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopDetail {
    #[serde(flatten)]
    pub card: ShopCard,
    pub return_policy: String,
    pub shipping_flat_cents: i64,
    pub free_shipping_threshold_cents: Option<i64>,
    pub currency: String,
    pub stores: Vec<Store>,
}

/// `{"shop": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopResponse {
    pub shop: ShopDetail,
}

/// The cheapest way to get a product, delivery included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BestOffer {
    pub id: String,
    pub shop_id: String,
    pub shop_slug: String,
    pub shop_name: String,
    pub price_cents: i64,
    pub delivery_price_cents: i64,
    /// `price_cents + delivery_price_cents`: what offers are compared by.
    pub total_cents: i64,
    pub currency: String,
    pub condition: String,
    /// The cashback one unit earns, paid by card (platform rate, campaign and shop boost).
    #[serde(default)]
    pub cashback_cents: i64,
}

/// A product in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductCard {
    pub id: String,
    pub gtin: String,
    pub title: String,
    pub brand: String,
    pub slug: String,
    pub category: Category,
    pub best_offer: Option<BestOffer>,
    pub offer_count: u32,
    /// With `?pickup_postcode=`: the nearest pickup store within reach that holds the
    /// product now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nearest_pickup: Option<NearestPickup>,
}

/// The nearest pickup store holding a product, as a search result names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NearestPickup {
    pub store_id: String,
    pub store_name: String,
    pub city: String,
    pub shop_id: String,
    /// Kilometres from the postcode asked about, one decimal.
    pub distance_km: f64,
    /// The store's preparation time.
    pub ready_in_minutes: u32,
}

/// How an offer reaches a home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Delivery {
    pub price_cents: i64,
    pub days: u32,
}

/// A store where an offer can be collected, with what it holds now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupStore {
    pub id: String,
    pub name: String,
    pub city: String,
    pub postcode: String,
    pub opening_hours: String,
    pub preparation_minutes: u32,
    pub available: u32,
    /// Kilometres from the place asked about (`?near=` or `?lat=&lon=`), rounded to one
    /// decimal (`2.4`); `null` without a place, or for a store whose place is unknown.
    #[serde(default)]
    pub distance_km: Option<f64>,
    /// How long after the order the unit is ready to collect: the store's preparation time.
    #[serde(default)]
    pub ready_in_minutes: u32,
}

/// One seller's offer on a product page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductOffer {
    pub id: String,
    pub shop: ShopCard,
    pub price_cents: i64,
    pub currency: String,
    pub condition: String,
    pub description: String,
    pub delivery: Delivery,
    pub total_cents: i64,
    /// Units free to sell across all the shop's locations.
    pub available: u32,
    pub pickup_stores: Vec<PickupStore>,
    /// The cashback one unit earns, paid by card (platform rate, campaign and shop boost).
    #[serde(default)]
    pub cashback_cents: i64,
}

/// `GET /products/{id}` query parameters, as text: where the shopper is, to list each
/// offer's pickup stores nearest first with their distance. `near` is a French postcode;
/// `lat` and `lon` (degrees, both or neither) are the browser's location. `near` wins
/// when both are given. The server parses them and names the one at fault.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProductNearParams {
    /// A French postcode (`75011`).
    pub near: Option<String>,
    /// Latitude in degrees, -90 to 90; with `lon`.
    #[cfg_attr(feature = "openapi", param(value_type = Option<f64>))]
    pub lat: Option<String>,
    /// Longitude in degrees, -180 to 180; with `lat`.
    #[cfg_attr(feature = "openapi", param(value_type = Option<f64>))]
    pub lon: Option<String>,
}

/// `GET /products/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductDetail {
    pub id: String,
    pub gtin: String,
    pub title: String,
    pub brand: String,
    pub slug: String,
    pub description: String,
    pub category: Category,
    /// Best first: lowest total (price + delivery), then best condition. Each offer's
    /// `pickup_stores` are the stores that hold it now: nearest first when a place was
    /// given, else by city and name.
    pub offers: Vec<ProductOffer>,
}

/// `{"product": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductResponse {
    pub product: ProductDetail,
}

/// How a list of products is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Best text match first (newest first without a query).
    #[default]
    Relevance,
    PriceAsc,
    PriceDesc,
    Newest,
}

/// One value of a facet and how many products have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: u64,
}

/// A price band and how many products have their best offer in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceBand {
    pub min_cents: i64,
    pub max_cents: Option<i64>,
    pub count: u64,
}

/// Counts for narrowing a search.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Facets {
    pub categories: Vec<FacetCount>,
    pub conditions: Vec<FacetCount>,
    pub shops: Vec<FacetCount>,
    pub prices: Vec<PriceBand>,
}

/// `GET /products`: the list envelope plus facets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductSearchResponse {
    pub items: Vec<ProductCard>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub facets: Facets,
}

/// `GET /products` query parameters, as text: the server parses them and names the one
/// at fault. Also what the storefront's search page sends.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProductSearchParams {
    /// Words to find in titles, brands and descriptions.
    pub q: Option<String>,
    /// A category slug; its subcategories are included.
    pub category: Option<String>,
    /// The lowest best-offer price, in cents.
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 0))]
    pub min_price_cents: Option<String>,
    /// The highest best-offer price, in cents.
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 0))]
    pub max_price_cents: Option<String>,
    /// An offer condition: `new`, `like_new`, `used`…
    pub condition: Option<String>,
    /// A shop slug.
    pub shop: Option<String>,
    /// A French postcode: only products a pickup store near it holds now.
    pub pickup_postcode: Option<String>,
    /// How far from `pickup_postcode` a store may be, in km: 1 to 200, 30 by default.
    #[cfg_attr(feature = "openapi", param(value_type = Option<u32>, minimum = 1, maximum = 200))]
    pub pickup_radius_km: Option<String>,
    /// `relevance` (default), `price_asc`, `price_desc` or `newest`.
    #[cfg_attr(feature = "openapi", param(value_type = Option<SortOrder>, inline))]
    pub sort: Option<String>,
    /// The page, from 1 (default) to 10000.
    #[cfg_attr(feature = "openapi", param(value_type = Option<u64>, minimum = 1, maximum = 10000))]
    pub page: Option<String>,
    /// Items per page, 1 to 100, 24 by default.
    #[cfg_attr(feature = "openapi", param(value_type = Option<u64>, minimum = 1, maximum = 100))]
    pub per_page: Option<String>,
}
