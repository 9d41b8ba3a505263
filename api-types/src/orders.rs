//! Orders, as the shopper sees them (`GET /orders/{id}`: every seller part) and as a seller
//! sees them (`GET /seller/orders/{id}`: only its own part).

use serde::{Deserialize, Serialize};

use crate::buying::Address;

/// What a shopper paid for in one checkout.
///
/// `status`: `pending_payment` (waiting on the payment page), `paid`, `payment_failed`
/// (declined; nothing sold), `expired` (not paid in time; nothing sold), `cancelled`,
/// `completed` (every seller part delivered, collected or closed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: String,
    /// Short human reference, e.g. `H-7K2M9Q`.
    pub number: String,
    pub status: String,
    /// `web`, `api` or `store`.
    pub channel: String,
    pub items_cents: i64,
    pub shipping_cents: i64,
    pub discount_cents: i64,
    pub cashback_used_cents: i64,
    pub total_cents: i64,
    /// VAT included in `total_cents`.
    pub vat_cents: i64,
    pub currency: String,
    pub discount_code: Option<String>,
    pub payment: Payment,
    pub seller_orders: Vec<SellerOrder>,
    pub created_at: String,
    pub paid_at: Option<String>,
    /// Until when reserved stock is held while the order waits for payment.
    pub expires_at: Option<String>,
}

/// The payment of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub id: String,
    /// `sandbox` or `stripe`.
    pub provider: String,
    /// `pending`, `processing` (an attempt is under way, or its answer was lost: poll the
    /// order), `captured`, `declined`, `cancelled`, `partially_refunded`, `refunded`.
    pub status: String,
    pub amount_cents: i64,
    pub refunded_cents: i64,
    pub card_brand: Option<String>,
    pub card_last4: Option<String>,
    /// Why the last attempt failed: `card_declined`, `insufficient_funds`, ….
    pub decline_code: Option<String>,
    /// Where the shopper pays, while `pending`.
    pub pay_url: Option<String>,
}

/// One shop's part of an order.
///
/// `status`: `pending_payment`, `paid`, `accepted`, `shipped`, `delivered`,
/// `ready_for_pickup`, `collected`, `cancelled`, `refunded` (wholly).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerOrder {
    pub id: String,
    pub order_id: String,
    pub order_number: String,
    pub shop_id: String,
    pub shop_name: String,
    pub shop_slug: String,
    pub status: String,
    pub fulfilment: Fulfilment,
    /// The click & collect code, shown to the shopper only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup_code: Option<String>,
    pub lines: Vec<OrderLine>,
    pub items_cents: i64,
    pub shipping_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    pub refunded_cents: i64,
    /// The marketplace's fee; shown to the seller.
    pub commission_cents: i64,
    pub currency: String,
    /// `none`, `requested`, `accepted`, `refused`.
    pub return_status: String,
    pub return_reason: Option<String>,
    /// Until when the shopper may ask for a return (set once delivered or collected).
    pub return_deadline: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// How a seller order reaches the shopper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fulfilment {
    /// `delivery` or `pickup`.
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<String>,
}

/// One offer bought, as it was at checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLine {
    pub id: String,
    pub offer_id: String,
    pub product_id: String,
    pub title: String,
    pub condition: String,
    pub quantity: u32,
    pub unit_price_cents: i64,
    pub line_cents: i64,
}

/// `{"seller_order": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerOrderResponse {
    pub seller_order: SellerOrder,
}

/// `POST /seller/orders/{id}/ship`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipRequest {
    pub carrier: String,
    pub tracking: String,
}

/// `POST /seller/orders/{id}/collect`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollectRequest {
    pub code: String,
}

/// `POST /seller/orders/{id}/refund`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundRequest {
    pub amount_cents: i64,
    pub reason: String,
}

/// `POST /seller/orders/{id}/return`: a shopper brought the whole part back to one of
/// the shop's stores; the refund goes out and the units go onto that store's shelf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnInStoreRequest {
    pub store_id: String,
    pub reason: String,
}

/// `POST /seller/orders/{id}/cancel`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelRequest {
    #[serde(default)]
    pub reason: String,
}
