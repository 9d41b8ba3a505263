//! Analytics: the seller's dashboard (`GET /seller/dashboard`) and the operators' platform
//! figures (`GET /operator/kpis`). Every amount is in minor units; every rate is in basis
//! points (1 % = 100) and absent when its denominator is zero, so "no data" never reads
//! as "0 %".

use serde::{Deserialize, Serialize};

/// Where a shopper acted: the web storefront, the public API (apps), or a seller's store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    Api,
    Store,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Web, Channel::Api, Channel::Store];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Api => "api",
            Channel::Store => "store",
        }
    }
}

/// One day's takings: paid seller orders and what they were worth (items and delivery,
/// before commission and refunds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DailyRevenue {
    /// `YYYY-MM-DD`, UTC.
    pub date: String,
    pub orders: u64,
    pub revenue_cents: i64,
}

/// How many seller orders are in one state and fulfilment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StateCount {
    /// A seller order status: `paid`, `accepted`, `preparing`, `ready`, `shipped`…
    pub status: String,
    /// `delivery` or `pickup`.
    pub fulfilment: String,
    pub count: u64,
}

/// Pickups marked ready and not yet collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupsWaiting {
    pub count: u64,
    /// How long the longest-waiting one has waited since it was marked ready.
    #[serde(default)]
    pub oldest_wait_minutes: Option<i64>,
    #[serde(default)]
    pub average_wait_minutes: Option<i64>,
}

/// The shopping funnel over a period: distinct visitors at each step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Funnel {
    /// Distinct visitors who viewed a product page (of this shop's offers, for a seller).
    pub visitors: u64,
    /// Distinct visitors who added an offer to their cart.
    pub added_to_cart: u64,
    /// Distinct visitors who started a checkout.
    pub checkouts_started: u64,
    /// Distinct visitors who paid.
    pub buyers: u64,
    /// `buyers / visitors`.
    #[serde(default)]
    pub conversion_rate_bps: Option<u32>,
    /// Share of the visitors who added to a cart and did not pay: `1 - buyers / added_to_cart`.
    #[serde(default)]
    pub cart_abandonment_rate_bps: Option<u32>,
}

/// The funnel of one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelFunnel {
    pub channel: Channel,
    #[serde(flatten)]
    pub funnel: Funnel,
}

/// `GET /seller/dashboard`: what a seller sees first in the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerDashboard {
    pub currency: String,
    /// Seller orders paid today (UTC).
    pub today: DailyRevenue,
    /// Orders still to handle (neither completed nor cancelled), by state and fulfilment.
    pub open_orders: Vec<StateCount>,
    pub pickups_waiting: PickupsWaiting,
    /// Offer × location pairs at or under their low-stock threshold.
    pub low_stock: u64,
    /// The last 30 days, oldest first, one entry per day (days without sales are zero).
    pub revenue_30d: Vec<DailyRevenue>,
    /// The funnel over the last 30 days, all channels together.
    pub funnel: Funnel,
    /// The same funnel per channel, in the order web, api, store.
    pub by_channel: Vec<ChannelFunnel>,
    /// Average time from payment to "ready for pickup" over the last 30 days.
    #[serde(default)]
    pub average_minutes_to_ready: Option<i64>,
}

/// One shop's quality figures over the period, as a marketplace ranks its sellers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopQuality {
    pub shop_id: String,
    pub shop_name: String,
    pub orders: u64,
    pub gmv_cents: i64,
    /// Delivery seller orders shipped late, or still unshipped past their deadline.
    pub late_shipments: u64,
    #[serde(default)]
    pub late_shipment_rate_bps: Option<u32>,
    /// Pickups made ready late, or still not ready past their deadline.
    pub slow_pickups: u64,
    #[serde(default)]
    pub slow_pickup_rate_bps: Option<u32>,
    #[serde(default)]
    pub average_minutes_to_ready: Option<i64>,
    /// Disputes opened on its seller orders.
    pub disputes: u64,
}

/// `GET /operator/kpis?days=`: the platform's figures over the last `period_days` days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlatformKpis {
    pub currency: String,
    pub period_days: u32,
    /// Gross merchandise value: what shoppers paid for items and delivery.
    pub gmv_cents: i64,
    pub orders: u64,
    /// Approved shops with at least one paid seller order in the period.
    pub active_shops: u64,
    pub approved_shops: u64,
    /// One entry per day of the period, oldest first.
    pub gmv_daily: Vec<DailyRevenue>,
    pub funnel: Funnel,
    pub by_channel: Vec<ChannelFunnel>,
    /// Every shop with an order in the period, worst first (most late and slow, then most
    /// orders).
    pub shops: Vec<ShopQuality>,
}
