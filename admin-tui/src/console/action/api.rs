//! The seller and operator API calls an [`Effect::Api`](super::Effect::Api) makes (their
//! answers are in `answer`).

use api_types::omnichannel::TillSaleRequest;
use api_types::operating::{
    AuditQuery, CampaignRequest, DisputeAnswerRequest, DisputeDecisionRequest, PlatformSettings,
};
use api_types::selling::{
    CreateShopRequest, LocationRequest, OfferRequest, StockRequest, StockTransferRequest,
};

use crate::client::{OrderQuery, OrderStep};

/// One request to the seller API.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiCall {
    /// `GET /seller/shop`.
    GetShop,
    /// `POST /seller/shop`.
    CreateShop(CreateShopRequest),
    /// `GET /seller/offers?page=&per_page=`.
    ListOffers {
        /// From 1.
        page: u64,
        /// Offers per page.
        per_page: u64,
    },
    /// `POST /seller/offers`.
    CreateOffer(OfferRequest),
    /// `PATCH /seller/offers/{id}`.
    UpdateOffer {
        /// The offer.
        id: String,
        /// Its new values.
        body: OfferRequest,
    },
    /// `DELETE /seller/offers/{id}`.
    DeleteOffer {
        /// The offer.
        id: String,
    },
    /// `PUT /seller/offers/{id}/stock`.
    SetStock {
        /// The offer.
        offer_id: String,
        /// The location and quantity.
        body: StockRequest,
    },
    /// `POST /seller/offers/{id}/stock/transfer`.
    TransferStock {
        /// The offer.
        offer_id: String,
        /// From where, to where, how many.
        body: StockTransferRequest,
    },
    /// `GET /seller/offers/{id}/stock/movements?location_id=&page=&per_page=`.
    StockMovements {
        /// The offer.
        offer_id: String,
        /// Only this location's movements.
        location_id: String,
        /// From 1.
        page: u64,
        /// Movements per page.
        per_page: u64,
    },
    /// `GET /seller/stock/low`.
    LowStock,
    /// `PUT /seller/offers/{id}/low-stock-threshold`.
    SetLowStockThreshold {
        /// The offer.
        offer_id: String,
        /// Free units at or below which a row is low.
        threshold: i64,
    },
    /// `GET /seller/locations`.
    ListLocations,
    /// `POST /seller/locations`.
    CreateLocation(LocationRequest),
    /// `PATCH /seller/locations/{id}`.
    UpdateLocation {
        /// The location.
        id: String,
        /// Its new values.
        body: LocationRequest,
    },
    /// `GET /categories`.
    ListCategories,
    /// `GET /seller/orders?status=&page=&per_page=`.
    ListOrders(OrderQuery),
    /// How many orders are in `status` (`GET /seller/orders?status=…&per_page=1`).
    CountOrders {
        /// The seller order status counted.
        status: String,
    },
    /// `GET /seller/orders/{id}`.
    GetOrder {
        /// The seller order.
        id: String,
    },
    /// `POST /seller/orders/{id}/{step}` with an `Idempotency-Key`.
    OrderStep {
        /// The seller order.
        id: String,
        /// What to do, with its body.
        step: OrderStep,
        /// The same for every retry of one user action.
        key: String,
    },
    /// `GET /operator/shops?status=&page=`.
    ShopQueue {
        /// Only shops in this status; every shop when `None`.
        status: Option<String>,
        /// From 1.
        page: u64,
    },
    /// `POST /operator/shops/{id}/{action}` or `POST /operator/offers/{id}/{action}`.
    Decide {
        /// `shop` or `offer`.
        target: &'static str,
        /// The shop or offer.
        id: String,
        /// `approve`, `reject`, `suspend`, `reinstate`, `takedown` or `clear`.
        action: &'static str,
        /// Why, as typed.
        reason: String,
    },
    /// `GET /operator/reports?page=`.
    Reports {
        /// From 1.
        page: u64,
    },
    /// `GET /operator/settings`.
    GetSettings,
    /// `PUT /operator/settings`.
    SaveSettings(PlatformSettings),
    /// `GET /operator/audit?…`.
    Audit(AuditQuery),
    /// `GET /operator/campaigns`.
    Campaigns,
    /// `GET /shops?per_page=100`: the approved shops, to name one in a campaign.
    ApprovedShops,
    /// `POST /operator/campaigns`.
    CreateCampaign(CampaignRequest),
    /// `POST /operator/campaigns/{id}/end`.
    EndCampaign {
        /// The campaign.
        id: String,
        /// Why, as typed.
        reason: String,
    },
    /// `GET /operator/disputes?status=`.
    Disputes {
        /// `open`, `refunded` or `rejected`; every dispute when `None`.
        status: Option<String>,
    },
    /// `POST /operator/disputes/{id}/decide`.
    DecideDispute {
        /// The dispute.
        id: String,
        /// Refund (how much) or reject, and why.
        body: DisputeDecisionRequest,
    },
    /// `GET /seller/disputes?status=`.
    SellerDisputes {
        /// `open`; every dispute of the shop when `None`.
        status: Option<String>,
    },
    /// `POST /seller/disputes/{id}/answer`.
    AnswerDispute {
        /// The dispute.
        id: String,
        /// The shop's answer.
        body: DisputeAnswerRequest,
    },
    /// `GET /seller/cashback`.
    GetCashback,
    /// `PUT /seller/cashback`: the shop's boost in basis points, `None` to remove it.
    SetShopBoost(Option<i64>),
    /// `PUT /seller/offers/{id}/cashback`.
    SetOfferBoost {
        /// The offer.
        id: String,
        /// Its boost in basis points, `None` to remove it.
        boost_bps: Option<i64>,
    },
    /// `GET /seller/payouts`.
    SellerPayouts,
    /// `GET /seller/dashboard`.
    SellerDashboard,
    /// `GET /operator/kpis?days=`.
    PlatformKpis {
        /// The period, in days up to today.
        days: u32,
    },
    /// `POST /operator/payouts/{shop_id}`: pays the shop its whole payable balance.
    PayOut {
        /// The shop.
        shop_id: String,
        /// Why, as typed (may be empty).
        reason: String,
    },
    /// `GET /seller/till/{code}`.
    TillCart {
        /// The code the shopper handed off.
        code: HandoffCode,
    },
    /// `POST /seller/till/{code}/sale` with an `Idempotency-Key`.
    TillSale {
        /// The code the shopper handed off.
        code: HandoffCode,
        /// Where the till is, how it is paid, which lines, where they go.
        body: TillSaleRequest,
        /// The same for every retry of one sale.
        key: String,
    },
}

/// A cart hand-off code. Whoever reads it can see the shopper's cart and sell it, so its
/// `Debug` (the console logs the effects it runs) leaves it out, as a pickup code's does.
#[derive(Clone, PartialEq, Eq)]
pub struct HandoffCode(pub String);

impl std::fmt::Debug for HandoffCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}
