//! Selling: `/seller/shop`, `/seller/locations`, `/seller/offers`, stock per location.

use serde::{Deserialize, Serialize};

use crate::auth::ShopStatus;

/// `POST /seller/shop`: apply to open a shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateShopRequest {
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub description: String,
}

/// `PATCH /seller/shop`: only the fields sent change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateShopRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banner_color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_flat_cents: Option<i64>,
    /// `null` removes the threshold; absent leaves it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub free_shipping_threshold_cents: Option<Option<i64>>,
}

/// Tells an absent field (`None`) from an explicit `null` (`Some(None)`).
mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<Option<i64>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<i64>>, D::Error> {
        Option::<i64>::deserialize(deserializer).map(Some)
    }
}

/// The seller's own shop, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerShop {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub status: ShopStatus,
    pub banner_color: String,
    pub return_policy: String,
    pub shipping_flat_cents: i64,
    pub free_shipping_threshold_cents: Option<i64>,
    pub currency: String,
}

/// `{"shop": …}` for the seller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerShopResponse {
    pub shop: SellerShop,
}

/// `POST /seller/locations`, `PATCH /seller/locations/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationRequest {
    pub name: String,
    /// `warehouse` or `store`.
    pub kind: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    #[serde(default)]
    pub pickup: bool,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    #[serde(default)]
    pub opening_hours: String,
    /// Minutes to get a pickup ready; 120 when absent.
    #[serde(default)]
    pub preparation_minutes: Option<u32>,
}

/// A location of the seller's shop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Location {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub pickup: bool,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub opening_hours: String,
    pub preparation_minutes: u32,
}

/// `{"location": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationResponse {
    pub location: Location,
}

/// `POST /seller/offers`, `PATCH /seller/offers/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferRequest {
    pub gtin: String,
    pub title: String,
    pub price_cents: i64,
    /// `new`, `like_new`, `very_good`, `good` or `acceptable`.
    pub condition: String,
    #[serde(default)]
    pub description: String,
    /// A category slug from `GET /categories`.
    pub category: String,
    #[serde(default)]
    pub brand: String,
    #[serde(default)]
    pub delivery_price_cents: i64,
    /// Days to deliver; 3 when absent.
    #[serde(default)]
    pub delivery_days: Option<u32>,
    /// `active` or `inactive` (PATCH only).
    #[serde(default)]
    pub status: Option<String>,
}

/// Units of an offer at one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockLine {
    pub location_id: String,
    pub quantity: u32,
    pub reserved: u32,
}

/// An offer as its seller sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerOffer {
    pub id: String,
    pub product_id: String,
    pub gtin: String,
    pub title: String,
    pub brand: String,
    pub category: String,
    pub price_cents: i64,
    pub currency: String,
    pub condition: String,
    pub description: String,
    pub delivery_price_cents: i64,
    pub delivery_days: u32,
    /// `active`, `inactive`, `review` or `taken_down`.
    pub status: String,
    pub stock: Vec<StockLine>,
}

/// `{"offer": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerOfferResponse {
    pub offer: SellerOffer,
}

/// `PUT /seller/offers/{id}/stock`: the new level, recorded as a movement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockRequest {
    pub location_id: String,
    pub quantity: i64,
    /// `receipt` or `adjustment`; absent: receipt for a rise, adjustment otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Why, in a few words ("inventaire", "casse").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl StockRequest {
    /// Sets the level without saying why (a receipt or an adjustment by its sign).
    pub fn level(location_id: impl Into<String>, quantity: i64) -> Self {
        Self {
            location_id: location_id.into(),
            quantity,
            reason: None,
            note: None,
        }
    }
}

/// `POST /seller/offers/{id}/stock/transfer`: free units from one location to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockTransferRequest {
    pub from_location_id: String,
    pub to_location_id: String,
    pub quantity: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `{"from": …, "to": …}`: both rows after a transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockTransferResponse {
    pub from: StockLine,
    pub to: StockLine,
}

/// One change of a stock row (`GET /seller/offers/{id}/stock/movements`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockMovement {
    pub id: String,
    pub location_id: String,
    pub location_name: String,
    /// `receipt`, `sale`, `reservation`, `release`, `return`, `cancellation`,
    /// `adjustment` or `transfer`.
    pub reason: String,
    pub quantity_change: i64,
    pub reserved_change: i64,
    pub order_id: Option<String>,
    pub note: String,
    pub created_at: String,
}

/// A row at or below its offer's threshold (`GET /seller/stock/low`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LowStockLine {
    pub offer_id: String,
    pub title: String,
    pub location_id: String,
    pub location_name: String,
    pub quantity: u32,
    pub reserved: u32,
    pub free: u32,
    pub low_stock_threshold: u32,
}

/// `PUT /seller/offers/{id}/low-stock-threshold`, and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LowStockThreshold {
    pub low_stock_threshold: i64,
}

/// `{"stock": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockResponse {
    pub stock: StockLine,
}

/// `POST /seller/discount-codes`: a code the shop pays for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiscountCodeRequest {
    pub code: String,
    /// `percent` or `fixed`.
    pub kind: String,
    /// Basis points for `percent` (1000 = 10 %), cents for `fixed`.
    pub value: i64,
    #[serde(default)]
    pub min_items_cents: i64,
    /// RFC 3339; absent = from now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<String>,
    /// RFC 3339; absent = no end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_uses: Option<u32>,
}

/// A discount code and how often it was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiscountCode {
    pub id: String,
    pub code: String,
    /// `null` for a platform code.
    pub shop_id: Option<String>,
    pub kind: String,
    pub value: i64,
    pub min_items_cents: i64,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub max_uses: Option<u32>,
    pub used_count: u32,
}

/// `{"discount_code": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiscountCodeResponse {
    pub discount_code: DiscountCode,
}

/// `PUT /seller/cashback`: the boost the shop funds on all its items, in basis points
/// (0–2000); `null` removes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopBoostRequest {
    #[serde(default)]
    pub shop_boost_bps: Option<i64>,
}

/// `PUT /seller/offers/{id}/cashback`: one offer's boost, replacing the shop's; `null`
/// removes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferBoostRequest {
    #[serde(default)]
    pub boost_bps: Option<i64>,
}

/// An offer with a boost of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoostedOffer {
    pub offer_id: String,
    pub title: String,
    pub boost_bps: i32,
}

/// `GET /seller/cashback`: the shop's boosts, what they have cost, and the platform's
/// campaigns on the shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerCashback {
    pub shop_boost_bps: Option<i32>,
    pub boosted_offers: Vec<BoostedOffer>,
    /// Boosts paid from the shop's earnings, net of what refunds gave back.
    pub boost_funded_cents: i64,
    /// Seller orders that earned a boost.
    pub boosted_orders: i64,
    pub campaigns: Vec<crate::operating::Campaign>,
}

/// `{"cashback": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerCashbackResponse {
    pub cashback: SellerCashback,
}

/// `GET /seller/payouts`: what the shop earned, from the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerPayouts {
    /// Earnings still inside their return window.
    pub pending_cents: i64,
    /// Released earnings not paid out yet (a refund after release takes from here).
    pub payable_cents: i64,
    /// Everything paid out so far.
    pub paid_cents: i64,
    /// The payouts, newest first.
    pub payouts: Vec<Payout>,
    /// The latest lines on the pending and payable balances, newest first.
    pub entries: Vec<EarningEntry>,
}

/// One payout to the shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payout {
    pub id: String,
    pub amount_cents: i64,
    pub created_at: String,
}

/// One ledger line on a shop's earnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EarningEntry {
    /// `pending` or `payable`.
    pub balance: String,
    /// `earning`, `commission`, `cashback_boost`, `cashback_boost_reversed`, `payable`
    /// (released from pending), `refund_seller` or `payout`.
    pub kind: String,
    pub amount_cents: i64,
    pub order_number: Option<String>,
    pub created_at: String,
}
