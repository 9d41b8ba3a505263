//! Buying, for shoppers: `/cart`, `/cart/items`, `/checkout`, `/orders`, and the sandbox
//! payment page's `/payments/{id}/pay`. Money is integer cents with `currency` beside it.

use serde::{Deserialize, Serialize};

use crate::orders::Order;

/// One line of the cart: an offer of one shop, with what changed since it was added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartItem {
    pub id: String,
    pub offer_id: String,
    pub product_id: String,
    pub product_slug: String,
    pub title: String,
    pub condition: String,
    pub quantity: u32,
    /// The offer's price now.
    pub price_cents: i64,
    /// The price when the line was added or last confirmed; differs when the seller changed it.
    pub price_cents_when_added: i64,
    pub line_cents: i64,
    /// Units the shop can still sell (all its locations, minus reservations).
    pub available: u32,
    /// `ok`, `price_changed`, `low_stock` (fewer available than in the cart),
    /// `sold_out` or `unavailable` (offer withdrawn or shop closed).
    pub state: String,
    /// The cashback the line would earn, paid by card without a discount (0 when unavailable).
    #[serde(default)]
    pub cashback_earned_cents: i64,
}

/// The cart's lines of one shop, with that shop's subtotal and delivery price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartShop {
    pub shop_id: String,
    pub shop_slug: String,
    pub shop_name: String,
    pub items: Vec<CartItem>,
    pub subtotal_cents: i64,
    /// Home delivery for this shop's part: its flat rate, or 0 above its free-shipping threshold.
    pub shipping_cents: i64,
    pub free_shipping_threshold_cents: Option<i64>,
    /// Whether at least one of the shop's stores offers click & collect.
    pub pickup_available: bool,
}

/// `GET /cart`: one cart, grouped by shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cart {
    pub id: String,
    pub shops: Vec<CartShop>,
    /// Total number of units.
    pub item_count: u32,
    pub subtotal_cents: i64,
    pub shipping_cents: i64,
    pub total_cents: i64,
    pub currency: String,
    /// Human sentences about what changed without the shopper asking (a merge capped by
    /// stock, a price change); shown once.
    pub notices: Vec<String>,
    /// The cashback the cart would earn, paid by card without a discount or cashback spent
    /// (never on delivery).
    #[serde(default)]
    pub cashback_earned_cents: i64,
}

/// `{"cart": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartResponse {
    pub cart: Cart,
}

/// `POST /cart/items`: adds units of an offer (summed with a line already there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddCartItemRequest {
    pub offer_id: String,
    #[serde(default = "one")]
    pub quantity: u32,
}

fn one() -> u32 {
    1
}

/// `PATCH /cart/items/{id}`: sets the quantity (0 removes the line); confirms a new price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateCartItemRequest {
    pub quantity: u32,
}

/// A delivery address.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    pub name: String,
    pub line1: String,
    #[serde(default)]
    pub line2: String,
    pub postcode: String,
    pub city: String,
    /// ISO 3166-1 alpha-2; only `FR` for now.
    #[serde(default = "france")]
    pub country: String,
}

fn france() -> String {
    "FR".to_owned()
}

/// How one shop's part is fulfilled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FulfilmentChoice {
    pub shop_id: String,
    /// `delivery` or `pickup`.
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_id: Option<String>,
}

/// `POST /checkout`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckoutRequest {
    pub fulfilments: Vec<FulfilmentChoice>,
    /// `pm_card_visa`, `pm_card_chargeDeclined`, … (sandbox), or `hosted_page`: the order
    /// waits in `pending_payment` and `payment.pay_url` is where the shopper pays.
    pub payment_method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_cashback_cents: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_code: Option<String>,
}

/// `POST /checkout/quote`: the totals a checkout would charge, without reserving anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub parts: Vec<QuotePart>,
    pub items_cents: i64,
    pub shipping_cents: i64,
    pub discount_cents: i64,
    pub cashback_used_cents: i64,
    pub total_cents: i64,
    /// VAT included in `total_cents`.
    pub vat_cents: i64,
    pub currency: String,
    /// The cashback the order would earn once paid: on what the card pays for the items
    /// (after the discount, less the cashback spent), never on delivery.
    #[serde(default)]
    pub cashback_earned_cents: i64,
}

/// One shop's part of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotePart {
    pub shop_id: String,
    pub method: String,
    pub items_cents: i64,
    pub shipping_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    /// The cashback this part would earn once paid.
    #[serde(default)]
    pub cashback_earned_cents: i64,
}

/// `{"quote": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteResponse {
    pub quote: Quote,
}

/// `POST /payments/{id}/pay`: what the sandbox payment page sends. The card number is
/// checked and forgotten; only its last four digits and brand are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayRequest {
    pub card_number: String,
    /// `MM/YY`.
    pub expiry: String,
    pub cvc: String,
    #[serde(default)]
    pub name: String,
}

/// `{"order": …}`, the answer of checkout and of the order pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderResponse {
    pub order: Order,
}

/// `POST /orders/{id}/seller-orders/{seller_order_id}/return`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRequest {
    pub reason: String,
}

/// A message the shopper received (and was e-mailed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: String,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub order_id: Option<String>,
    pub created_at: String,
}

/// `GET /wallet`: the shopper's cashback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Wallet {
    pub available_cents: i64,
    pub pending_cents: i64,
    pub currency: String,
    /// The latest ledger lines on the wallet, newest first.
    pub entries: Vec<WalletEntry>,
    /// Each earning or credit, newest first.
    pub lots: Vec<CashbackLot>,
}

/// A movement of the wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WalletEntry {
    pub id: String,
    /// `cashback_earned`, `cashback_boost`, `cashback_matured`, `cashback_hold`,
    /// `cashback_unheld`, `refund_wallet`, `cashback_reversed`, `cashback_expired`, ….
    pub kind: String,
    /// `available` or `pending`.
    pub balance: String,
    pub amount_cents: i64,
    pub order_id: Option<String>,
    pub created_at: String,
}

/// Cashback earned on a seller order, or credited back by a refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CashbackLot {
    pub id: String,
    /// `earned` or `credit`.
    pub kind: String,
    /// `pending`, `available`, `reversed` or `expired`.
    pub status: String,
    /// What it is worth after reversals.
    pub amount_cents: i64,
    /// Of it, what is left to spend.
    pub remaining_cents: i64,
    /// Of it, what the shop funded (a boost).
    pub boost_cents: i64,
    pub order_id: Option<String>,
    pub order_number: Option<String>,
    pub shop_name: Option<String>,
    /// When pending cashback becomes available (known once the goods are handed over).
    pub matures_at: Option<String>,
    pub expires_at: Option<String>,
    pub created_at: String,
}
